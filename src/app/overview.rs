//! The programme overview screen: every group side by side on one question set, read from
//! session digests (the metadata index), so it opens at once however many sessions there
//! are. Enter drills into the selected group's summary.

use ratatui::crossterm::event::KeyCode;

use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use crate::domain::Level;
use crate::domain::compare::Filter;
use crate::domain::digest::SessionDigest;
use crate::domain::overview::{Overview, OverviewFilter, OverviewSort, sets_used};
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewAction {
    NextRow,
    PrevRow,
    NextGroup,
    PrevGroup,
    CycleSort,
    /// Every level, then neighbourhood, place and system groups only.
    CycleLevel,
    CycleSet,
    /// The selected group's summary on this set.
    Drill,
    /// "As of" one quarter earlier (`[`) or later (`]`, back to the latest at the end):
    /// each group's latest session on or before the end of a quarter.
    EarlierAsOf,
    LaterAsOf,
    /// Write the overview on screen as HTML and CSV beside the sessions folder.
    Export,
    Back,
}

#[derive(Debug, Clone)]
pub struct OverviewState {
    pub digests: Vec<SessionDigest>,
    /// Files that could not be read, one line each.
    pub problems: Vec<String>,
    pub filter: OverviewFilter,
    /// Question sets in use, most recent first.
    pub sets: Vec<String>,
    pub overview: Overview,
    pub sort: OverviewSort,
    /// Row indices of `overview.rows` in display order.
    pub order: Vec<usize>,
    /// Position in `order` of the selected question.
    pub row: usize,
    /// The selected group's column.
    pub group: usize,
}

/// The levels `l` cycles through: all, then each level the guide names.
const LEVELS: [Option<Level>; 4] = [
    None,
    Some(Level::Neighbourhood),
    Some(Level::Place),
    Some(Level::System),
];

impl OverviewState {
    pub fn new(
        digests: Vec<SessionDigest>,
        problems: Vec<String>,
        filter: OverviewFilter,
        sort: OverviewSort,
    ) -> OverviewState {
        let sets = sets_used(digests.iter());
        let mut state = OverviewState {
            overview: Overview::build(&digests, &filter),
            digests,
            problems,
            filter,
            sets,
            sort,
            order: Vec::new(),
            row: 0,
            group: 0,
        };
        state.order = state.overview.sorted_rows(sort);
        state
    }

    fn rebuild(&mut self) {
        let keep = self.selected_group().map(|g| g.name.clone());
        self.overview = Overview::build(&self.digests, &self.filter);
        self.order = self.overview.sorted_rows(self.sort);
        self.row = self.row.min(self.order.len().saturating_sub(1));
        self.group = keep
            .and_then(|name| self.overview.group_index(&name))
            .unwrap_or(0);
    }

    pub fn selected_group(&self) -> Option<&crate::domain::overview::GroupColumn> {
        self.overview.groups.get(self.group)
    }

    /// The date of the latest session the level and set filters admit, whatever "as of".
    fn latest_date(&self) -> Option<Date> {
        self.digests
            .iter()
            .filter(|d| {
                self.filter.level.is_none_or(|l| l == d.level)
                    && (*d.set_id == *self.overview.set_id || self.overview.set_id.is_empty())
            })
            .map(SessionDigest::date)
            .max()
    }

    pub fn selected_row(&self) -> Option<usize> {
        self.order.get(self.row).copied()
    }
}

/// Apply one action. Pure: leaving and drilling in are asked of the app.
pub fn update(
    state: &mut OverviewState,
    action: OverviewAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    let rows = state.order.len();
    let groups = state.overview.groups.len();
    match action {
        OverviewAction::NextRow => state.row = (state.row + 1).min(rows.saturating_sub(1)),
        OverviewAction::PrevRow => state.row = state.row.saturating_sub(1),
        OverviewAction::NextGroup => state.group = (state.group + 1).min(groups.saturating_sub(1)),
        OverviewAction::PrevGroup => state.group = state.group.saturating_sub(1),
        OverviewAction::CycleSort => {
            let keep = state.selected_row();
            state.sort = state.sort.next();
            state.order = state.overview.sorted_rows(state.sort);
            state.row = keep
                .and_then(|r| state.order.iter().position(|&o| o == r))
                .unwrap_or(0);
        }
        OverviewAction::CycleLevel => {
            state.filter.level = crate::domain::next_in(&LEVELS, state.filter.level);
            state.rebuild();
        }
        OverviewAction::CycleSet => {
            if !state.sets.is_empty() {
                let current = Some(state.overview.set_id.as_str());
                let i = state
                    .sets
                    .iter()
                    .position(|s| Some(s.as_str()) == current)
                    .map_or(0, |i| (i + 1) % state.sets.len());
                state.filter.set = state.sets.get(i).cloned();
                state.rebuild();
            }
        }
        OverviewAction::Drill => {
            if let Some(g) = state.selected_group() {
                effects.push(Effect::OpenSummary(Filter {
                    group: Some(g.name.clone()),
                    set: Some(state.overview.set_id.clone()),
                }));
            }
        }
        OverviewAction::EarlierAsOf => {
            if let Some(latest) = state.latest_date() {
                let from = state.filter.as_of.unwrap_or(latest);
                state.filter.as_of = quarter_end_before(from).or(state.filter.as_of);
                state.rebuild();
            }
        }
        OverviewAction::LaterAsOf => {
            if let (Some(as_of), Some(latest)) = (state.filter.as_of, state.latest_date()) {
                // Past the latest session, "as of" is simply the latest.
                state.filter.as_of = quarter_end_after(as_of).filter(|d| *d < latest);
                state.rebuild();
            }
        }
        OverviewAction::Export => effects.push(Effect::ExportOverview),
        OverviewAction::Back => return Some(Go::Home),
    }
    None
}

/// The last day of the quarter before the one `d` is in (2026-10-15 → 2026-09-30;
/// 2026-09-30 → 2026-06-30).
fn quarter_end_before(d: Date) -> Option<Date> {
    let first_month = (d.month() - 1) / 3 * 3 + 1;
    Date::new(d.year(), first_month, 1).ok()?.yesterday().ok()
}

/// The first quarter's end after `d` (2026-08-15 → 2026-09-30; 2026-09-30 → 2026-12-31).
fn quarter_end_after(d: Date) -> Option<Date> {
    let next = d.tomorrow().ok()?;
    let last_month = (next.month() - 1) / 3 * 3 + 3;
    Some(Date::new(next.year(), last_month, 1).ok()?.last_of_month())
}

pub const KEYS: KeyTable<OverviewAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Up, KeyCode::Char('k')]),
        label: "↑ k",
        hint: Some(("↑↓", "question")),
        help: "select the question above",
        action: |_| OverviewAction::PrevRow,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Down, KeyCode::Char('j')]),
        label: "↓ j",
        hint: None,
        help: "select the question below",
        action: |_| OverviewAction::NextRow,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Left, KeyCode::Char('h')]),
        label: "← h",
        hint: Some(("←→", "group")),
        help: "select the group to the left",
        action: |_| OverviewAction::PrevGroup,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Right, KeyCode::Char('l')]),
        label: "→ l",
        hint: None,
        help: "select the group to the right",
        action: |_| OverviewAction::NextGroup,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter]),
        label: "Enter",
        hint: Some(("Enter", "group's summary")),
        help: "open the selected group's summary on this question set",
        action: |_| OverviewAction::Drill,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('s')]),
        label: "s",
        hint: Some(("s", "sort")),
        help: "sort: question order, lowest, biggest fall, widest spread across groups",
        action: |_| OverviewAction::CycleSort,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('v')]),
        label: "v",
        hint: Some(("v", "level")),
        help: "groups at every level, then neighbourhood, place or system only",
        action: |_| OverviewAction::CycleLevel,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('f')]),
        label: "f",
        hint: Some(("f", "question set")),
        help: "show the next question set in use",
        action: |_| OverviewAction::CycleSet,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('[')]),
        label: "[",
        hint: Some(("[ ]", "as of")),
        help: "as of the quarter before: each group's latest session on or before its last day",
        action: |_| OverviewAction::EarlierAsOf,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char(']')]),
        label: "]",
        hint: None,
        help: "as of the quarter after, up to the latest sessions",
        action: |_| OverviewAction::LaterAsOf,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('x')]),
        label: "x",
        hint: Some(("x", "export")),
        help: "write this overview as HTML and CSV beside the sessions folder (reports/)",
        action: |_| OverviewAction::Export,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('q'), KeyCode::Esc]),
        label: "q / Esc",
        hint: Some(("q", "back")),
        help: "back to Home",
        action: |_| OverviewAction::Back,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compare::example_year;

    fn state() -> OverviewState {
        let mut digests: Vec<SessionDigest> =
            example_year().iter().map(SessionDigest::of).collect();
        let mut other = digests[0].clone();
        other.id = uuid::Uuid::from_u128(7);
        other.group = "Eastfield Neighbourhood Forum".into();
        other.level = Level::Neighbourhood;
        digests.push(other);
        OverviewState::new(
            digests,
            Vec::new(),
            OverviewFilter::default(),
            OverviewSort::Question,
        )
    }

    #[test]
    fn level_filter_keeps_the_selected_group_when_it_can() {
        let mut s = state();
        assert_eq!(s.overview.groups.len(), 2);
        let mut effects = Vec::new();
        update(&mut s, OverviewAction::NextGroup, &mut effects);
        assert_eq!(
            s.selected_group().map(|g| g.name.as_str()),
            Some("Northbridge Place Partnership")
        );
        update(&mut s, OverviewAction::CycleLevel, &mut effects);
        assert_eq!(s.filter.level, Some(Level::Neighbourhood));
        assert_eq!(s.overview.groups.len(), 1);
        assert_eq!(s.group, 0);
        update(&mut s, OverviewAction::CycleLevel, &mut effects);
        assert_eq!(s.filter.level, Some(Level::Place));
        assert_eq!(
            s.selected_group().map(|g| g.name.as_str()),
            Some("Northbridge Place Partnership")
        );
    }

    #[test]
    fn enter_asks_for_the_groups_summary() {
        let mut s = state();
        let mut effects = Vec::new();
        assert_eq!(update(&mut s, OverviewAction::Drill, &mut effects), None);
        assert_eq!(
            effects,
            [Effect::OpenSummary(Filter {
                group: Some("Eastfield Neighbourhood Forum".into()),
                set: Some("localising-decisions".into()),
            })]
        );
        assert_eq!(
            update(&mut s, OverviewAction::Back, &mut effects),
            Some(Go::Home)
        );
    }

    #[test]
    fn as_of_steps_by_quarter_and_back_to_the_latest() {
        let mut s = state();
        let latest = s.latest_date().unwrap();
        let mut effects = Vec::new();
        update(&mut s, OverviewAction::EarlierAsOf, &mut effects);
        let first = s.filter.as_of.unwrap();
        assert!(first < latest, "{first} before {latest}");
        assert!([3, 6, 9, 12].contains(&first.month()) && first == first.last_of_month());
        update(&mut s, OverviewAction::EarlierAsOf, &mut effects);
        let second = s.filter.as_of.unwrap();
        assert_eq!(quarter_end_after(second), Some(first));
        update(&mut s, OverviewAction::LaterAsOf, &mut effects);
        assert_eq!(s.filter.as_of, Some(first));
        update(&mut s, OverviewAction::LaterAsOf, &mut effects);
        assert_eq!(
            s.filter.as_of, None,
            "past the latest session it is the latest"
        );
        update(&mut s, OverviewAction::Export, &mut effects);
        assert_eq!(effects, [Effect::ExportOverview]);
    }

    #[test]
    fn quarter_ends() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(quarter_end_before(d("2026-10-15")), Some(d("2026-09-30")));
        assert_eq!(quarter_end_before(d("2026-09-30")), Some(d("2026-06-30")));
        assert_eq!(quarter_end_before(d("2026-01-01")), Some(d("2025-12-31")));
        assert_eq!(quarter_end_after(d("2026-08-15")), Some(d("2026-09-30")));
        assert_eq!(quarter_end_after(d("2026-09-30")), Some(d("2026-12-31")));
        assert_eq!(quarter_end_after(d("2026-12-31")), Some(d("2027-03-31")));
    }

    #[test]
    fn every_action_is_safe_on_nothing() {
        let mut s = OverviewState::new(
            Vec::new(),
            Vec::new(),
            OverviewFilter::default(),
            OverviewSort::Question,
        );
        let mut effects = Vec::new();
        for a in [
            OverviewAction::NextRow,
            OverviewAction::PrevRow,
            OverviewAction::NextGroup,
            OverviewAction::PrevGroup,
            OverviewAction::CycleSort,
            OverviewAction::CycleLevel,
            OverviewAction::CycleSet,
            OverviewAction::Drill,
            OverviewAction::EarlierAsOf,
            OverviewAction::LaterAsOf,
        ] {
            update(&mut s, a, &mut effects);
        }
        assert!(effects.is_empty());
        assert_eq!((s.row, s.group), (0, 0));
    }
}
