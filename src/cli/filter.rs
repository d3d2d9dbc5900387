//! What `--group` and `--level` select, for `list` and `summary`.
//!
//! Group names are typed by hand, on the command line as in the app, so `--group` matches
//! ignoring case and accepts the start of a name when only one group starts that way.

use crate::domain::compare::{groups, same_group};
use crate::domain::{Level, Session};

use super::LevelArg;
use super::table::clean;

impl From<LevelArg> for Level {
    fn from(level: LevelArg) -> Self {
        match level {
            LevelArg::Neighbourhood => Level::Neighbourhood,
            LevelArg::Place => Level::Place,
            LevelArg::System => Level::System,
            LevelArg::NotSet => Level::NotSet,
        }
    }
}

/// The group `wanted` names, spelt as in its newest session: the group it equals (ignoring
/// case and stray spaces), else the one group whose name starts with it. `Ok(None)` when no
/// group matches (the caller says what there is); `Err` with a message listing them when
/// the start fits several.
/// `all` is every group there is, as [`groups`] lists them.
pub fn resolve_group(all: &[String], wanted: &str) -> Result<Option<String>, String> {
    if let Some(exact) = all.iter().find(|g| same_group(g, wanted)) {
        return Ok(Some(exact.clone()));
    }
    let start = wanted.trim().to_lowercase();
    let matches: Vec<&String> = all
        .iter()
        .filter(|g| g.trim().to_lowercase().starts_with(&start))
        .collect();
    match matches.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some((*one).clone())),
        many => {
            let mut message = format!(
                "roundtable: {} groups start with {:?}; give more of the name:",
                many.len(),
                clean(wanted)
            );
            for g in many {
                message.push_str(&format!("\n  {}", clean(g)));
            }
            Err(message)
        }
    }
}

/// Keep only the sessions `--group` and `--level` select. `Err` is the message for an
/// ambiguous group.
pub fn select(
    sessions: Vec<Session>,
    group: Option<&str>,
    level: Option<LevelArg>,
) -> Result<(Vec<Session>, Option<String>), String> {
    let all = groups(&sessions);
    select_by(sessions, &all, group, level, |s| (&s.group, s.level))
}

/// [`select`] of anything with a group and a level (sessions, or sessions in brief), `all`
/// being every group there is.
pub fn select_by<T>(
    items: Vec<T>,
    all: &[String],
    group: Option<&str>,
    level: Option<LevelArg>,
    group_and_level: impl Fn(&T) -> (&str, Level),
) -> Result<(Vec<T>, Option<String>), String> {
    let group = match group {
        Some(wanted) => Some(resolve_group(all, wanted)?.unwrap_or(wanted.to_string())),
        None => None,
    };
    let level = level.map(Level::from);
    let kept = items
        .into_iter()
        .filter(|item| {
            let (g, l) = group_and_level(item);
            group.as_deref().is_none_or(|wanted| same_group(wanted, g))
                && level.is_none_or(|wanted| l == wanted)
        })
        .collect();
    Ok((kept, group))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    fn of_groups(names: &[&str]) -> Vec<Session> {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut s = fixture::session();
                s.id = uuid::Uuid::from_u128(i as u128 + 1);
                s.group = (*name).to_string();
                s
            })
            .collect()
    }

    #[test]
    fn a_group_is_found_by_any_case_or_a_unique_start() {
        let sessions = of_groups(&[
            "Eastfield Neighbourhood Forum",
            "Northbridge Place",
            "North Hill",
        ]);
        let all = groups(&sessions);
        let found = |w| resolve_group(&all, w);
        assert_eq!(
            found("eastfield"),
            Ok(Some("Eastfield Neighbourhood Forum".into()))
        );
        assert_eq!(
            found("NORTHBRIDGE place"),
            Ok(Some("Northbridge Place".into()))
        );
        assert_eq!(found("  north h"), Ok(Some("North Hill".into())));
        assert_eq!(found("Westfield"), Ok(None));
        let e = found("north").unwrap_err();
        assert!(
            e.contains("2 groups start with \"north\"") && e.contains("\n  North Hill"),
            "{e}"
        );
    }

    #[test]
    fn an_exact_name_wins_over_a_longer_one() {
        let sessions = of_groups(&["North", "North Hill"]);
        assert_eq!(
            resolve_group(&groups(&sessions), "north"),
            Ok(Some("North".into()))
        );
    }

    #[test]
    fn level_and_group_select_together() {
        let mut sessions = of_groups(&["East", "East", "West"]);
        sessions[1].level = Level::System;
        let (kept, group) = select(sessions.clone(), Some("ea"), Some(LevelArg::Place)).unwrap();
        assert_eq!(group.as_deref(), Some("East"));
        assert_eq!(kept.len(), 1);
        let (kept, _) = select(sessions, None, Some(LevelArg::System)).unwrap();
        assert_eq!(kept.len(), 1);
    }
}
