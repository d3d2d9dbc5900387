//! The programme's view: every group side by side on one question set.
//!
//! Rows are questions, columns are groups; each cell is the group's latest score (agreed,
//! or the median of the votes standing in for it) with the change since the group's
//! previous session. Built from [`SessionDigest`]s, so a folder of 10,000 sessions is
//! compared from the index without opening a file. Pure data in, data out: the overview
//! screen and every `overview --format` read the same [`Overview`].

use std::cmp::Ordering;
use std::collections::HashMap;

use jiff::civil::Date;

use super::compare::same_group;
use super::digest::SessionDigest;
use super::session::Level;
use super::stats::{DISAGREEMENT_RANGE, ScoreSource};

/// Which sessions the overview reads. `None` means "any" (for the set: the set of the most
/// recently updated session that passes the other filters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverviewFilter {
    pub set: Option<String>,
    pub level: Option<Level>,
    /// Sessions held on or after this date.
    pub from: Option<Date>,
    /// Sessions held on or before this date: "the latest per group as of 2026-10-01".
    pub as_of: Option<Date>,
}

impl OverviewFilter {
    fn admits(&self, d: &SessionDigest) -> bool {
        let date = d.date();
        self.level.is_none_or(|l| l == d.level)
            && self.from.is_none_or(|f| date >= f)
            && self.as_of.is_none_or(|a| date <= a)
    }
}

/// One group, as a column.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupColumn {
    /// Spelt as in its latest session.
    pub name: String,
    /// The level its latest session was held at.
    pub level: Level,
    /// The date of its latest session: the one the column's scores come from.
    pub latest: Date,
    /// Sessions of this group on this set within the filter.
    pub sessions: usize,
}

/// What a group's latest session said about one question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupCell {
    /// `None` when the question was asked but nobody scored it.
    pub headline: Option<(f64, ScoreSource)>,
    /// The latest score minus the previous session's; `None` when either has none.
    pub change: Option<f64>,
}

impl GroupCell {
    pub fn score(&self) -> Option<f64> {
        self.headline.map(|(s, _)| s)
    }
}

/// One question across the groups.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    pub id: String,
    pub short_title: String,
    /// One per group column; `None` where the group's latest session did not ask it.
    pub cells: Vec<Option<GroupCell>>,
}

impl OverviewRow {
    fn scores(&self) -> impl Iterator<Item = f64> + '_ {
        self.cells.iter().flatten().filter_map(GroupCell::score)
    }

    /// The mean of the groups' latest scores.
    pub fn mean(&self) -> Option<f64> {
        let (sum, n) = self
            .scores()
            .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
        (n > 0).then(|| sum / n as f64)
    }

    /// The lowest and highest of the groups' latest scores.
    pub fn spread(&self) -> Option<(f64, f64)> {
        self.scores().fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
    }

    /// Groups this far apart or further disagree enough to talk about, by the same rule as
    /// the votes within one session.
    pub fn wide(&self) -> bool {
        self.spread()
            .is_some_and(|(lo, hi)| hi - lo >= f64::from(DISAGREEMENT_RANGE))
    }

    /// The largest fall any group had since its previous session (a negative change).
    pub fn biggest_fall(&self) -> Option<f64> {
        self.fall_and_group().map(|(_, change)| change)
    }

    /// [`OverviewRow::biggest_fall`] and the group (by column) that had it, the first of
    /// equals: a row sorted up by a fall says where, even when that column is out of view.
    pub fn fall_and_group(&self) -> Option<(usize, f64)> {
        self.cells
            .iter()
            .enumerate()
            .filter_map(|(g, c)| Some((g, c.as_ref()?.change?)))
            .fold(None, |acc: Option<(usize, f64)>, (g, c)| match acc {
                Some((_, a)) if a <= c => acc,
                _ => Some((g, c)),
            })
    }
}

/// How to order the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OverviewSort {
    #[default]
    Question,
    /// Lowest mean across groups first.
    Lowest,
    /// The biggest fall in any group first.
    BiggestFall,
    /// The widest spread across groups first.
    WidestSpread,
}

impl OverviewSort {
    pub const ALL: [OverviewSort; 4] = [
        OverviewSort::Question,
        OverviewSort::Lowest,
        OverviewSort::BiggestFall,
        OverviewSort::WidestSpread,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OverviewSort::Question => "question order",
            OverviewSort::Lowest => "lowest",
            OverviewSort::BiggestFall => "biggest fall",
            OverviewSort::WidestSpread => "widest spread",
        }
    }

    pub fn next(self) -> OverviewSort {
        super::next_in(&Self::ALL, self)
    }
}

/// Every group's latest scores on one question set.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub set_id: String,
    pub set_title: String,
    /// Groups by name (case-insensitive), so a column stays put as sessions come in.
    pub groups: Vec<GroupColumn>,
    /// In the most recent session's question order, then questions only others asked.
    pub rows: Vec<OverviewRow>,
    /// Sessions read (within the filter, on the set).
    pub sessions: usize,
}

/// Oldest first, as the summary orders a group's sessions.
fn by_time(a: &SessionDigest, b: &SessionDigest) -> Ordering {
    a.created
        .cmp(&b.created)
        .then_with(|| a.updated.cmp(&b.updated))
        .then_with(|| a.id.cmp(&b.id))
}

/// The question set ids the digests use, most recently updated first.
pub fn sets_used<'a>(digests: impl Iterator<Item = &'a SessionDigest>) -> Vec<String> {
    let mut latest: HashMap<&str, &SessionDigest> = HashMap::new();
    for d in digests {
        let e = latest.entry(&d.set_id).or_insert(d);
        if (d.updated, d.id) > (e.updated, e.id) {
            *e = d;
        }
    }
    let mut sets: Vec<&SessionDigest> = latest.into_values().collect();
    sets.sort_by_key(|d| std::cmp::Reverse((d.updated, d.id)));
    sets.into_iter().map(|d| d.set_id.to_string()).collect()
}

impl Overview {
    /// The overview the filter asks for. With nothing to show it has no groups and no rows
    /// (and names the set asked for), so callers can say so.
    pub fn build<'a>(
        digests: impl IntoIterator<Item = &'a SessionDigest>,
        filter: &OverviewFilter,
    ) -> Overview {
        let admitted: Vec<&SessionDigest> =
            digests.into_iter().filter(|d| filter.admits(d)).collect();
        let set_id = filter
            .set
            .clone()
            .or_else(|| sets_used(admitted.iter().copied()).into_iter().next())
            .unwrap_or_default();
        let mut chosen: Vec<&SessionDigest> = admitted
            .into_iter()
            .filter(|d| *d.set_id == *set_id)
            .collect();
        chosen.sort_by(|a, b| by_time(a, b));

        // Each group's sessions, oldest first; groups keyed as `same_group` compares them.
        let mut by_group: HashMap<String, Vec<&SessionDigest>> = HashMap::new();
        for d in &chosen {
            by_group
                .entry(d.group.trim().to_lowercase())
                .or_default()
                .push(d);
        }
        let mut groups: Vec<(GroupColumn, &SessionDigest, Option<&SessionDigest>)> = by_group
            .into_values()
            .filter_map(|sessions| {
                let latest = *sessions.last()?;
                let previous = sessions.len().checked_sub(2).map(|i| sessions[i]);
                let column = GroupColumn {
                    name: latest.group.clone(),
                    level: latest.level,
                    latest: latest.date(),
                    sessions: sessions.len(),
                };
                Some((column, latest, previous))
            })
            .collect();
        groups.sort_by(|a, b| {
            let key = |c: &GroupColumn| c.name.trim().to_lowercase();
            key(&a.0)
                .cmp(&key(&b.0))
                .then_with(|| a.0.name.cmp(&b.0.name))
        });

        // Row order: the most recent session's questions, then any only others asked.
        let mut latest_first: Vec<&SessionDigest> = groups.iter().map(|g| g.1).collect();
        latest_first.sort_by(|a, b| by_time(b, a));
        let mut rows: Vec<OverviewRow> = Vec::new();
        let mut row_of: HashMap<&str, usize> = HashMap::new();
        for d in &latest_first {
            for q in &d.questions {
                if !row_of.contains_key(&*q.id) {
                    row_of.insert(&q.id, rows.len());
                    rows.push(OverviewRow {
                        id: q.id.to_string(),
                        short_title: q.short_title.to_string(),
                        cells: vec![None; groups.len()],
                    });
                }
            }
        }
        for (col, (_, latest, previous)) in groups.iter().enumerate() {
            for q in &latest.questions {
                let Some(&r) = row_of.get(&*q.id) else {
                    continue;
                };
                if rows[r].cells[col].is_some() {
                    continue; // a duplicated id (refused by validation) keeps its first
                }
                let before = previous
                    .and_then(|p| p.questions.iter().find(|pq| pq.id == q.id))
                    .and_then(|pq| pq.headline.map(|(s, _)| s));
                let now = q.headline.map(|(s, _)| s);
                rows[r].cells[col] = Some(GroupCell {
                    headline: q.headline,
                    change: now.zip(before).map(|(n, b)| n - b),
                });
            }
        }
        Overview {
            set_title: latest_first
                .first()
                .map_or_else(String::new, |d| d.set_title.to_string()),
            set_id,
            groups: groups.into_iter().map(|g| g.0).collect(),
            rows,
            sessions: chosen.len(),
        }
    }

    /// Row indices in the given order. Ties keep question order; rows without the number a
    /// sort needs go last.
    pub fn sorted_rows(&self, order: OverviewSort) -> Vec<usize> {
        let key = |i: usize| -> Option<f64> {
            let row = &self.rows[i];
            match order {
                OverviewSort::Question => Some(0.0),
                OverviewSort::Lowest => row.mean(),
                OverviewSort::BiggestFall => row.biggest_fall(),
                OverviewSort::WidestSpread => row.spread().map(|(lo, hi)| lo - hi),
            }
        };
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        idx.sort_by(|&a, &b| match (key(a), key(b)) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        idx
    }

    /// The column of a group, by name as `same_group` compares names.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.groups.iter().position(|g| same_group(&g.name, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compare::example_year;

    #[test]
    fn the_biggest_fall_names_its_group_the_first_of_equals() {
        let cell = |change: Option<f64>| {
            Some(GroupCell {
                headline: Some((3.0, ScoreSource::Agreed)),
                change,
            })
        };
        let row = OverviewRow {
            id: "q".into(),
            short_title: "Q".into(),
            cells: vec![
                cell(Some(1.0)),
                None,
                cell(Some(-1.5)),
                cell(None),
                cell(Some(-1.5)),
            ],
        };
        assert_eq!(row.fall_and_group(), Some((2, -1.5)));
        assert_eq!(row.biggest_fall(), Some(-1.5));
        let rising = OverviewRow {
            cells: vec![cell(Some(2.0)), cell(Some(0.5))],
            ..row
        };
        // No fall at all: the smallest change, as the sort has always used it.
        assert_eq!(rising.fall_and_group(), Some((1, 0.5)));
    }

    #[test]
    fn one_group_reads_as_its_latest_session() {
        let digests: Vec<SessionDigest> = example_year().iter().map(SessionDigest::of).collect();
        let o = Overview::build(&digests, &OverviewFilter::default());
        assert_eq!(o.groups.len(), 1);
        assert_eq!(o.groups[0].sessions, 4);
        assert_eq!(o.rows.len(), 10);
        // As the summary's "Change" column: the last two sessions of the year.
        let c = crate::domain::compare::Comparison::build(
            &example_year(),
            &crate::domain::compare::Filter::default(),
        );
        for (row, crow) in o.rows.iter().zip(&c.rows) {
            assert_eq!(row.id, crow.id);
            assert_eq!(row.cells[0].and_then(|c| c.score()), crow.now());
            assert_eq!(row.cells[0].and_then(|c| c.change), crow.change());
        }
    }

    #[test]
    fn nothing_matches_nothing_shown() {
        let digests: Vec<SessionDigest> = example_year().iter().map(SessionDigest::of).collect();
        let filter = OverviewFilter {
            level: Some(Level::System),
            ..Default::default()
        };
        let o = Overview::build(&digests, &filter);
        assert!(o.groups.is_empty() && o.rows.is_empty());
        assert!(o.sorted_rows(OverviewSort::WidestSpread).is_empty());
    }
}
