//! Comparing sessions over time: what moved, what slipped, where people disagree.
//!
//! Pure data in, data out: the summary screen, the headless `summary` command and the
//! reports all read the same [`Comparison`], so they cannot disagree about a number.
//! Questions are matched by their stable ids, so a set edited between sessions still
//! compares; a question missing from a session is a gap, never an error.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use super::question_set::Scale;
use super::session::{ActionItem, Origin, Session, SessionQuestion};
use super::stats::{ScoreSource, VoteStats, headline_score};

/// Which sessions to compare. `None` means "like the most recently updated session".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub group: Option<String>,
    pub set: Option<String>,
}

/// One session, as a column of the matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionColumn {
    /// Position in the slice the comparison was built from, to reach notes and reflections.
    pub index: usize,
    pub id: Uuid,
    pub date: Date,
    pub title: String,
    pub set_version: u32,
    /// Mean of the headline scores of the questions that have one.
    pub mean: Option<f64>,
}

/// What one session said about one question, reduced to the numbers a comparison needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The agreed score, or the median of the votes marked as such; `None` when neither.
    pub headline: Option<(f64, ScoreSource)>,
    pub agreed: Option<u8>,
    pub median: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
    /// Scores cast (abstentions and pending votes not counted).
    pub scores: usize,
    pub abstentions: usize,
    pub revisit: bool,
    /// The spread of the round before, when the question was scored again (`R`).
    pub before: Option<Spread>,
    /// Of those who scored in both rounds, how many gave a different score: (moved, of).
    pub moved: Option<(usize, usize)>,
}

impl Cell {
    fn of(question: &super::session::SessionQuestion, scale: &Scale) -> Cell {
        let stats = VoteStats::of(&question.votes, scale);
        let change = question.round_change(scale);
        Cell {
            headline: headline_score(question, scale),
            agreed: question.agreed,
            median: stats.median,
            min: stats.min,
            max: stats.max,
            scores: stats.scores,
            abstentions: stats.abstentions,
            revisit: question.revisit,
            before: change
                .as_ref()
                .and_then(|c| Spread::new(c.before.min?, c.before.max?)),
            moved: change.map(|c| (c.moved, c.compared)),
        }
    }

    pub fn score(&self) -> Option<f64> {
        self.headline.map(|(s, _)| s)
    }

    /// True when the score shown is the median standing in for a missing agreed score.
    pub fn is_median_fallback(&self) -> bool {
        matches!(self.headline, Some((_, ScoreSource::Median)))
    }

    pub fn spread(&self) -> Option<Spread> {
        Spread::new(self.min?, self.max?)
    }
}

/// How far apart the scores were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub min: u8,
    pub max: u8,
}

impl Spread {
    fn new(min: u8, max: u8) -> Option<Spread> {
        (min <= max).then_some(Spread { min, max })
    }

    pub fn range(self) -> u8 {
        self.max - self.min
    }

    /// Wide enough to be worth talking about, by the same rule as the question screen.
    pub fn disagreement(self) -> bool {
        self.range() >= super::stats::DISAGREEMENT_RANGE
    }
}

/// Which way a score moved: the direction of one change, or of a whole series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Flat,
}

impl Trend {
    /// The direction of one change between two scores.
    pub fn of_change(change: f64) -> Trend {
        if change > 0.0 {
            Trend::Up
        } else if change < 0.0 {
            Trend::Down
        } else {
            Trend::Flat
        }
    }

    /// The direction of a whole series, oldest first: the sign of its least-squares slope
    /// over the sessions that have a score (a gap keeps its place in time). The last change
    /// alone would call 2, 2, 3, 3 flat; the slope reads it as the rise it is, and one odd
    /// session does not swing the verdict the way first-to-latest would. `None` with fewer
    /// than two scores.
    pub fn of_series(scores: &[Option<f64>]) -> Option<Trend> {
        let points: Vec<(f64, f64)> = scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i as f64, (*s)?)))
            .collect();
        if points.len() < 2 {
            return None;
        }
        let n = points.len() as f64;
        let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
        let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
        // The slope's denominator is positive, so its numerator alone gives the direction.
        let rise: f64 = points
            .iter()
            .map(|(x, y)| (x - mean_x) * (y - mean_y))
            .sum();
        // Scores are halves and positions whole numbers: anything this small is rounding.
        Some(if rise.abs() < 1e-9 {
            Trend::Flat
        } else {
            Trend::of_change(rise)
        })
    }
}

/// One question across the compared sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRow {
    pub id: String,
    /// From the newest session that asked it.
    pub short_title: String,
    /// One per session column; `None` where the session did not ask this question.
    pub cells: Vec<Option<Cell>>,
}

impl QuestionRow {
    /// Headline scores per session, gaps as `None`: the sparkline's values.
    pub fn scores(&self) -> Vec<Option<f64>> {
        self.cells
            .iter()
            .map(|c| c.as_ref().and_then(Cell::score))
            .collect()
    }

    /// The newest session's score, if it has one.
    pub fn now(&self) -> Option<f64> {
        self.cells.last()?.as_ref()?.score()
    }

    /// Newest score minus the one before; `None` when either session has no score.
    pub fn change(&self) -> Option<f64> {
        let n = self.cells.len();
        if n < 2 {
            return None;
        }
        let now = self.cells[n - 1].as_ref()?.score()?;
        let before = self.cells[n - 2].as_ref()?.score()?;
        Some(now - before)
    }

    /// Which way the question moved over every session compared, not just the last step.
    pub fn trend(&self) -> Option<Trend> {
        Trend::of_series(&self.scores())
    }

    /// The spread of votes in the newest session.
    pub fn latest_spread(&self) -> Option<Spread> {
        self.cells.last()?.as_ref()?.spread()
    }
}

/// How to order the matrix rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Question,
    LowestNow,
    BiggestRise,
    BiggestFall,
    MostDisagreement,
}

impl SortOrder {
    pub const ALL: [SortOrder; 5] = [
        SortOrder::Question,
        SortOrder::LowestNow,
        SortOrder::BiggestRise,
        SortOrder::BiggestFall,
        SortOrder::MostDisagreement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Question => "question order",
            SortOrder::LowestNow => "lowest now",
            SortOrder::BiggestRise => "biggest rise",
            SortOrder::BiggestFall => "biggest fall",
            SortOrder::MostDisagreement => "most disagreement",
        }
    }

    pub fn next(self) -> SortOrder {
        super::next_in(&SortOrder::ALL, self)
    }
}

/// The sessions of one group on one question set, side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub group: String,
    pub set_id: String,
    pub set_title: String,
    /// The newest session's scale: the range charts are drawn over.
    pub scale: Option<Scale>,
    /// Oldest first.
    pub sessions: Vec<SessionColumn>,
    /// In the newest session's question order, then questions only older sessions asked.
    pub rows: Vec<QuestionRow>,
}

/// One question in a side-by-side of two sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRow {
    /// Index into [`Comparison::rows`].
    pub row: usize,
    pub a: Option<f64>,
    pub b: Option<f64>,
    /// `b − a`, when both have a score.
    pub delta: Option<f64>,
}

/// Groups compare case-insensitively and ignoring stray spaces, since they are typed by hand.
pub fn same_group(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The most recently updated session: it sets the default filter.
fn most_recent<'a>(sessions: impl Iterator<Item = &'a Session>) -> Option<&'a Session> {
    sessions.max_by(|a, b| a.updated.cmp(&b.updated).then_with(|| a.id.cmp(&b.id)))
}

/// Groups that have sessions, most recently updated first (each spelt as in its newest session).
pub fn groups(sessions: &[Session]) -> Vec<String> {
    groups_by_recent(sessions.iter().map(|s| (s.group.as_str(), s.updated, s.id)))
}

/// [`groups`] of anything with a group, an `updated` and an id (a session, or a digest).
pub fn groups_by_recent<'a>(
    items: impl Iterator<Item = (&'a str, Timestamp, Uuid)>,
) -> Vec<String> {
    let mut by_recent: Vec<(&str, Timestamp, Uuid)> = items.collect();
    by_recent.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.2.cmp(&a.2)));
    // Keyed as `same_group` compares, so 10,000 sessions cost 10,000 look-ups.
    let mut seen = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for (group, _, _) in by_recent {
        if seen.insert(group.trim().to_lowercase()) {
            out.push(group.to_string());
        }
    }
    out
}

/// Question-set ids used by a group, most recently updated first.
pub fn sets_of_group(sessions: &[Session], group: &str) -> Vec<String> {
    let mut by_recent: Vec<&Session> = sessions
        .iter()
        .filter(|s| same_group(&s.group, group))
        .collect();
    by_recent.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
    let mut out: Vec<String> = Vec::new();
    for s in by_recent {
        if !out.contains(&s.question_set.id) {
            out.push(s.question_set.id.clone());
        }
    }
    out
}

impl Filter {
    /// Fill in what was left open from the most recently updated matching session, so the
    /// summary opens on what the facilitator worked on last. `None` if nothing matches.
    pub fn resolve(&self, sessions: &[Session]) -> Option<(String, String)> {
        let matching = sessions.iter().filter(|s| {
            self.group
                .as_deref()
                .is_none_or(|g| same_group(g, &s.group))
                && self.set.as_deref().is_none_or(|id| id == s.question_set.id)
        });
        let latest = most_recent(matching)?;
        Some((latest.group.clone(), latest.question_set.id.clone()))
    }
}

impl Comparison {
    /// Compare the sessions the filter selects. With nothing to compare the result has no
    /// sessions and no rows (and names what was asked for), so callers can say so.
    pub fn build(sessions: &[Session], filter: &Filter) -> Comparison {
        let Some((group, set_id)) = filter.resolve(sessions) else {
            return Comparison {
                group: filter.group.clone().unwrap_or_default(),
                set_id: filter.set.clone().unwrap_or_default(),
                set_title: String::new(),
                scale: None,
                sessions: Vec::new(),
                rows: Vec::new(),
            };
        };
        let mut chosen: Vec<(usize, &Session)> = sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| same_group(&s.group, &group) && s.question_set.id == set_id)
            .collect();
        chosen.sort_by(|(_, a), (_, b)| {
            a.created
                .cmp(&b.created)
                .then_with(|| a.updated.cmp(&b.updated))
                .then_with(|| a.id.cmp(&b.id))
        });

        // Row order: the newest session's questions, then ids only older sessions asked.
        let mut rows: Vec<QuestionRow> = Vec::new();
        let mut row_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (_, s) in chosen.iter().rev() {
            for q in &s.questions {
                if !row_of.contains_key(q.id.as_str()) {
                    row_of.insert(q.id.as_str(), rows.len());
                    rows.push(QuestionRow {
                        id: q.id.clone(),
                        short_title: q.short_title.clone(),
                        cells: vec![None; chosen.len()],
                    });
                }
            }
        }
        let mut columns = Vec::with_capacity(chosen.len());
        for (col, (index, s)) in chosen.iter().enumerate() {
            let scale = &s.question_set.scale;
            for q in &s.questions {
                let Some(&r) = row_of.get(q.id.as_str()) else {
                    continue;
                };
                // A duplicated id (refused by validation) keeps its first occurrence.
                if rows[r].cells[col].is_some() {
                    continue;
                }
                rows[r].cells[col] = Some(Cell::of(q, scale));
            }
            columns.push(SessionColumn {
                index: *index,
                id: s.id,
                date: s.date(),
                title: s.title.clone(),
                set_version: s.question_set.version,
                // The session's one mean, as Home, `list` and the reports show it.
                mean: s.mean_score().map(|m| m.value),
            });
        }
        let newest = chosen.last().map(|(_, s)| *s);
        Comparison {
            group: newest.map_or(group, |s| s.group.clone()),
            set_title: newest.map_or_else(String::new, |s| s.question_set.title.clone()),
            scale: newest.map(|s| s.question_set.scale.clone()),
            set_id,
            sessions: columns,
            rows,
        }
    }

    /// Row indices in the given order. Ties keep question order; rows without the number a
    /// sort needs (no score now, no change) go last.
    pub fn sorted_rows(&self, order: SortOrder) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        let key = |i: usize| -> Option<f64> {
            let row = &self.rows[i];
            match order {
                SortOrder::Question => Some(0.0),
                SortOrder::LowestNow => row.now(),
                SortOrder::BiggestRise => row.change().map(|c| -c),
                SortOrder::BiggestFall => row.change(),
                SortOrder::MostDisagreement => row.latest_spread().map(|s| -f64::from(s.range())),
            }
        };
        idx.sort_by(|&a, &b| match (key(a), key(b)) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        idx
    }

    /// Per-question scores of two sessions (column indices) and how they moved from `a` to `b`.
    pub fn pair(&self, a: usize, b: usize) -> Vec<PairRow> {
        self.rows
            .iter()
            .enumerate()
            .map(|(row, r)| {
                let score = |c: usize| r.cells.get(c)?.as_ref()?.score();
                let (sa, sb) = (score(a), score(b));
                PairRow {
                    row,
                    a: sa,
                    b: sb,
                    delta: sa.zip(sb).map(|(x, y)| y - x),
                }
            })
            .collect()
    }

    /// What a session's notes say about a question; `None` if it did not ask it.
    pub fn notes<'s>(&self, sessions: &'s [Session], column: usize, row: usize) -> Option<&'s str> {
        let col = self.sessions.get(column)?;
        let id = &self.rows.get(row)?.id;
        let session = sessions.get(col.index)?;
        session
            .questions
            .iter()
            .find(|q| &q.id == id)
            .map(|q| q.notes.as_str())
    }

    /// True when the compared sessions used more than one version of the set.
    pub fn mixed_versions(&self) -> bool {
        self.sessions
            .windows(2)
            .any(|w| w[0].set_version != w[1].set_version)
    }
}

/// What is open for a group: every action not yet done and every question flagged to
/// revisit, however many sessions ago it was raised, each with where it was first raised.
/// Offered at the start of the group's next session and copied into it; the summary, the
/// reports and `summary --format` list the same items from [`carry_forward`].
#[derive(Debug, Clone, PartialEq)]
pub struct CarryForward {
    /// The group's latest session with anything recorded in it (the one the items are "as
    /// of"); each item's own origin says where it came from.
    pub session_id: Uuid,
    pub date: Date,
    pub title: String,
    /// Actions not yet done, on the question they now sit on.
    pub actions: Vec<CarriedAction>,
    /// Questions flagged to revisit.
    pub revisits: Vec<CarriedRevisit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CarriedAction {
    pub question: CarriedQuestion,
    pub action: ActionItem,
    /// Where the action was first raised.
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedRevisit {
    pub question: CarriedQuestion,
    /// Where the flag was first raised.
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedQuestion {
    pub id: String,
    pub short_title: String,
}

impl CarryForward {
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.revisits.is_empty()
    }

    /// What was carried into `session` when it started ("since last time"): its actions and
    /// revisit flags that came from earlier sessions, as they stand now (an action ticked
    /// done here reads done). `None` when nothing was carried.
    pub fn carried_into(session: &Session) -> Option<CarryForward> {
        let actions: Vec<CarriedAction> = session
            .questions
            .iter()
            .flat_map(|q| {
                q.actions.iter().filter_map(move |a| {
                    Some(CarriedAction {
                        question: CarriedQuestion::of(q),
                        origin: a.origin.clone()?,
                        action: a.clone(),
                    })
                })
            })
            .collect();
        let revisits: Vec<CarriedRevisit> = session
            .questions
            .iter()
            .filter(|q| q.revisit)
            .filter_map(|q| {
                Some(CarriedRevisit {
                    question: CarriedQuestion::of(q),
                    origin: q.revisit_origin.clone()?,
                })
            })
            .collect();
        // Named after the most recent session the items came from.
        let latest = actions
            .iter()
            .map(|a| &a.origin)
            .chain(revisits.iter().map(|r| &r.origin))
            .max_by_key(|o| o.date)?
            .clone();
        Some(CarryForward {
            session_id: latest.session,
            date: latest.date,
            title: latest.title,
            actions,
            revisits,
        })
    }
}

impl CarriedQuestion {
    fn of(q: &SessionQuestion) -> CarriedQuestion {
        CarriedQuestion {
            id: q.id.clone(),
            short_title: q.short_title.clone(),
        }
    }
}

impl Origin {
    /// An item raised in `session` on question `q`.
    fn raised(session: &Session, q: &SessionQuestion) -> Origin {
        Origin {
            session: session.id,
            date: session.date(),
            title: session.title.clone(),
            question: q.id.clone(),
            question_title: q.short_title.clone(),
        }
    }
}

/// The group's sessions oldest first (by when they were held, then updated, then id), so
/// "latest" means the same everywhere.
fn chronological<'s>(sessions: &'s [Session], group: &str) -> Vec<&'s Session> {
    let mut mine: Vec<&Session> = sessions
        .iter()
        .filter(|s| same_group(&s.group, group))
        .collect();
    mine.sort_by(|a, b| {
        a.created
            .cmp(&b.created)
            .then_with(|| a.updated.cmp(&b.updated))
            .then_with(|| a.id.cmp(&b.id))
    });
    mine
}

/// An open item and the session that last mentioned it.
struct Mention<T> {
    item: T,
    open: bool,
    session: Uuid,
}

/// Record `mention` of the item known by `key`: a later mention replaces an earlier one in
/// its place, so the list keeps the order items were first raised in.
fn latest_mention<K: std::hash::Hash + Eq, T>(
    at: &mut HashMap<K, usize>,
    list: &mut Vec<Mention<T>>,
    key: K,
    mention: Mention<T>,
) {
    match at.get(&key) {
        Some(&i) => list[i] = mention,
        None => {
            at.insert(key, list.len());
            list.push(mention);
        }
    }
}

/// The open items of a group's history, with the sessions they were last mentioned in.
struct OpenItems {
    actions: Vec<Mention<CarriedAction>>,
    revisits: Vec<Mention<CarriedRevisit>>,
    /// The sessions read: not superseded by a later session that carried their items.
    read: Vec<Uuid>,
}

/// Every item of the group's history, decided by the latest session that mentions it.
///
/// A session that started by copying in the group's open items (`carried_from`) answers
/// for the sessions it copied from: an item ticked done there is closed, an item removed
/// there is dropped, and those earlier sessions are not read again. Among the rest (older
/// files, or two sessions started from the same history) an item is known by where it was
/// first raised and its words, and the latest session that has it says whether it is open.
fn open_items(sessions: &[Session], group: &str) -> OpenItems {
    let mine = chronological(sessions, group);
    let superseded: HashSet<Uuid> = mine
        .iter()
        .flat_map(|s| s.carried_from.iter().flatten())
        .copied()
        .collect();
    let mut items = OpenItems {
        actions: Vec::new(),
        revisits: Vec::new(),
        read: Vec::new(),
    };
    let mut action_at: HashMap<(Uuid, String, String), usize> = HashMap::new();
    let mut revisit_at: HashMap<(Uuid, String), usize> = HashMap::new();
    for s in mine.into_iter().filter(|s| !superseded.contains(&s.id)) {
        items.read.push(s.id);
        for q in &s.questions {
            for a in &q.actions {
                let origin = a.origin.clone().unwrap_or_else(|| Origin::raised(s, q));
                let key = (origin.session, origin.question.clone(), a.text.clone());
                let mention = Mention {
                    item: CarriedAction {
                        question: CarriedQuestion::of(q),
                        action: a.clone(),
                        origin,
                    },
                    open: !a.done,
                    session: s.id,
                };
                latest_mention(&mut action_at, &mut items.actions, key, mention);
            }
            // A flag carried here and cleared still mentions its origin, as closed.
            let origin = match (&q.revisit_origin, q.revisit) {
                (Some(origin), _) => origin.clone(),
                (None, true) => Origin::raised(s, q),
                (None, false) => continue,
            };
            let key = (origin.session, origin.question.clone());
            let mention = Mention {
                item: CarriedRevisit {
                    question: CarriedQuestion::of(q),
                    origin,
                },
                open: q.revisit,
                session: s.id,
            };
            latest_mention(&mut revisit_at, &mut items.revisits, key, mention);
        }
    }
    items.actions.retain(|m| m.open);
    items.revisits.retain(|m| m.open);
    // One flag per question: the earliest raised stands for it.
    let mut flagged = HashSet::new();
    items
        .revisits
        .retain(|m| flagged.insert(m.item.question.id.clone()));
    items
}

/// What is open for the group: actions not done and questions flagged to revisit, from
/// every session of its history until one marks them done or clears them (see
/// [`open_items`]). `None` when the group has no session with anything recorded.
pub fn carry_forward(sessions: &[Session], group: &str) -> Option<CarryForward> {
    let latest = chronological(sessions, group)
        .into_iter()
        .rev()
        .find(|s| s.answered_count() > 0 || s.carried_from.is_some())?;
    let items = open_items(sessions, group);
    Some(CarryForward {
        session_id: latest.id,
        date: latest.date(),
        title: latest.title.clone(),
        actions: items.actions.into_iter().map(|m| m.item).collect(),
        revisits: items.revisits.into_iter().map(|m| m.item).collect(),
    })
}

/// Copy what is open for the group in `earlier` sessions into `session`, just started:
/// each action onto its question (the first, if this set lacks it) and each revisit flag
/// onto its question, with its origin. The sessions whose items all found a place are
/// recorded in `carried_from`, so the new session answers for them from now on. Returns
/// whether anything was recorded (nothing when the group has no earlier session).
pub fn carry_into(session: &mut Session, earlier: &[Session]) -> bool {
    let items = open_items(earlier, &session.group);
    if items.read.is_empty() {
        return false;
    }
    let mut left_behind = HashSet::new();
    for m in items.actions {
        let at = session
            .questions
            .iter()
            .position(|q| q.id == m.item.question.id)
            .unwrap_or(0);
        match session.questions.get_mut(at) {
            Some(q) => q.actions.push(ActionItem {
                origin: Some(m.item.origin),
                done: false,
                ..m.item.action
            }),
            None => {
                left_behind.insert(m.session);
            }
        }
    }
    for m in items.revisits {
        match session
            .questions
            .iter_mut()
            .find(|q| q.id == m.item.question.id)
        {
            Some(q) => {
                q.revisit = true;
                q.revisit_origin = Some(m.item.origin);
            }
            // Not asked this time: its session stays read until a session asks it again.
            None => {
                left_behind.insert(m.session);
            }
        }
    }
    session.carried_from = Some(
        items
            .read
            .into_iter()
            .filter(|id| !left_behind.contains(id))
            .collect(),
    );
    true
}

/// The example year in `sessions/`, for tests across the crate.
#[cfg(test)]
pub(crate) fn example_year() -> Vec<Session> {
    [
        include_str!("../../sessions/2026-01-20-q1-roundtable-8c1016b9.ron"),
        include_str!("../../sessions/2026-04-21-q2-roundtable-aa41852e.ron"),
        include_str!("../../sessions/2026-07-14-q3-roundtable-14705763.ron"),
        include_str!("../../sessions/2026-10-13-q4-roundtable-de00b439.ron"),
    ]
    .iter()
    .map(|text| match Session::from_ron(text) {
        Ok(s) => s,
        Err(e) => panic!("example session does not load: {e}"),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected numbers below were worked out by hand from the files in `sessions/`.

    const IDS: [&str; 10] = [
        "decisions-once-transparent",
        "voices-inform-needs",
        "agreed-levels",
        "outcomes-drive-governance",
        "coalitions-shared-outcomes",
        "space-for-relationships",
        "trust-up-and-down",
        "funding-devolved",
        "differences-understood",
        "data-shared",
    ];

    /// Sessions given out of order, as a directory listing might.
    fn shuffled_year() -> Vec<Session> {
        let mut year = example_year();
        year.swap(0, 3);
        year.swap(1, 2);
        year
    }

    fn year_comparison() -> Comparison {
        Comparison::build(&shuffled_year(), &Filter::default())
    }

    #[test]
    fn every_example_session_loads_from_the_folder() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions");
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let session =
                Session::from_ron(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(session.status, super::super::session::Status::Complete);
            assert!(session.finished.is_some());
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let short = &session.id.to_string()[..8];
            assert!(name.starts_with(&session.date().to_string()), "{name}");
            assert!(name.ends_with(&format!("-{short}.ron")), "{name}");
            count += 1;
        }
        assert_eq!(count, 4);
    }

    #[test]
    fn defaults_to_the_group_and_set_of_the_latest_session() {
        let c = year_comparison();
        assert_eq!(c.group, "Northbridge Place Partnership");
        assert_eq!(c.set_id, "localising-decisions");
        let dates: Vec<String> = c.sessions.iter().map(|s| s.date.to_string()).collect();
        assert_eq!(
            dates,
            ["2026-01-20", "2026-04-21", "2026-07-14", "2026-10-13"]
        );
        let ids: Vec<&str> = c.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, IDS);
        assert_eq!(c.rows[5].short_title, "Space for relationships");
        assert!(!c.mixed_versions());
    }

    #[test]
    fn headline_scores_per_session_fall_back_to_the_median() {
        let c = year_comparison();
        let expected: [[f64; 4]; 10] = [
            [2.0, 2.0, 3.0, 3.0],
            [2.0, 3.0, 3.0, 4.0],
            [1.0, 2.0, 3.0, 4.0],
            [3.0, 3.0, 3.0, 3.0],
            [3.0, 4.0, 4.0, 4.0],
            [4.0, 4.0, 3.0, 2.0],
            [2.0, 2.5, 3.0, 3.0],
            [1.0, 1.0, 2.0, 2.5],
            [2.0, 3.0, 3.0, 4.0],
            [2.0, 2.0, 3.0, 3.0],
        ];
        for (row, want) in c.rows.iter().zip(expected) {
            let got: Vec<Option<f64>> = row.scores();
            assert_eq!(got, want.map(Some).to_vec(), "{}", row.id);
        }
        // Only two cells have no agreed score: trust in April, funding in October.
        let fallbacks: Vec<(usize, usize)> = c
            .rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.cells
                    .iter()
                    .enumerate()
                    .filter(|(_, cell)| cell.as_ref().is_some_and(Cell::is_median_fallback))
                    .map(move |(col, _)| (r, col))
            })
            .collect();
        assert_eq!(fallbacks, [(6, 1), (7, 3)]);
        // Trust, April: votes 4 2 3 1 3 – 1 → scores 1 1 2 3 3 4.
        let trust = c.rows[6].cells[1].as_ref().unwrap();
        assert_eq!(
            (
                trust.agreed,
                trust.median,
                trust.min,
                trust.max,
                trust.scores,
                trust.abstentions
            ),
            (None, Some(2.5), Some(1), Some(4), 6, 1)
        );
        // Funding, October: votes 3 4 2 1 3 – 2 – → scores 1 2 2 3 3 4.
        let funding = c.rows[7].cells[3].as_ref().unwrap();
        assert_eq!(
            (
                funding.agreed,
                funding.median,
                funding.min,
                funding.max,
                funding.scores,
                funding.abstentions
            ),
            (None, Some(2.5), Some(1), Some(4), 6, 2)
        );
    }

    #[test]
    fn change_since_the_previous_session_and_trend_over_the_year() {
        let c = year_comparison();
        let changes: Vec<Option<f64>> = c.rows.iter().map(QuestionRow::change).collect();
        let want = [0.0, 1.0, 1.0, 0.0, 0.0, -1.0, 0.0, 0.5, 1.0, 0.0];
        assert_eq!(changes, want.map(Some).to_vec());
        // Over all four sessions: 2 2 3 3 rose though its last change was 0; 3 3 3 3 did not.
        let trends: Vec<Trend> = c.rows.iter().map(|r| r.trend().unwrap()).collect();
        use Trend::*;
        assert_eq!(trends, [Up, Up, Up, Flat, Up, Down, Up, Up, Up, Up]);
    }

    #[test]
    fn trend_of_a_series() {
        use Trend::*;
        let of = |s: &[Option<f64>]| Trend::of_series(s);
        assert_eq!(of(&[Some(2.0), Some(2.0), Some(3.0), Some(3.0)]), Some(Up));
        assert_eq!(
            of(&[Some(4.0), Some(3.0), Some(3.0), Some(3.0)]),
            Some(Down)
        );
        assert_eq!(
            of(&[Some(2.0), Some(4.0), Some(4.0), Some(2.0)]),
            Some(Flat)
        );
        assert_eq!(of(&[Some(3.0), None, Some(2.5)]), Some(Down));
        assert_eq!(of(&[Some(3.0), None]), None);
        assert_eq!(of(&[]), None);
    }

    #[test]
    fn latest_spread_flags_disagreement() {
        let c = year_comparison();
        let spreads: Vec<(u8, u8)> = c
            .rows
            .iter()
            .map(|r| {
                let s = r.latest_spread().unwrap();
                (s.min, s.max)
            })
            .collect();
        assert_eq!(
            spreads,
            [
                (2, 3),
                (3, 4),
                (3, 4),
                (2, 4),
                (4, 5),
                (1, 3),
                (3, 4),
                (1, 4),
                (3, 4),
                (3, 4)
            ]
        );
        let flagged: Vec<usize> = (0..10)
            .filter(|&i| c.rows[i].latest_spread().unwrap().disagreement())
            .collect();
        assert_eq!(flagged, [3, 5, 7]);
    }

    #[test]
    fn overall_mean_per_session() {
        let c = year_comparison();
        let means: Vec<f64> = c.sessions.iter().map(|s| s.mean.unwrap()).collect();
        // 22/10, 26.5/10, 30/10, 32.5/10.
        let want = [2.2, 2.65, 3.0, 3.25];
        for (got, want) in means.iter().zip(want) {
            assert!((got - want).abs() < 1e-9, "{means:?}");
        }
    }

    #[test]
    fn sort_orders() {
        let c = year_comparison();
        assert_eq!(
            c.sorted_rows(SortOrder::Question),
            (0..10).collect::<Vec<_>>()
        );
        assert_eq!(
            c.sorted_rows(SortOrder::LowestNow),
            [5, 7, 0, 3, 6, 9, 1, 2, 4, 8]
        );
        assert_eq!(
            c.sorted_rows(SortOrder::BiggestRise),
            [1, 2, 8, 7, 0, 3, 4, 6, 9, 5]
        );
        assert_eq!(
            c.sorted_rows(SortOrder::BiggestFall),
            [5, 0, 3, 4, 6, 9, 7, 1, 2, 8]
        );
        assert_eq!(
            c.sorted_rows(SortOrder::MostDisagreement),
            [7, 3, 5, 0, 1, 2, 4, 6, 8, 9]
        );
        assert_eq!(SortOrder::MostDisagreement.next(), SortOrder::Question);
    }

    #[test]
    fn pair_of_sessions_shows_deltas_and_notes() {
        let sessions = shuffled_year();
        let c = Comparison::build(&sessions, &Filter::default());
        let deltas: Vec<Option<f64>> = c.pair(0, 3).iter().map(|p| p.delta).collect();
        let want = [1.0, 2.0, 3.0, 0.0, 1.0, -2.0, 1.0, 1.5, 2.0, 1.0];
        assert_eq!(deltas, want.map(Some).to_vec());
        let p = &c.pair(1, 3)[7];
        assert_eq!((p.a, p.b, p.delta), (Some(1.0), Some(2.5), Some(1.5)));
        let jan = c.notes(&sessions, 0, 5).unwrap();
        assert!(jan.starts_with("A real strength."), "{jan}");
        let oct = c.notes(&sessions, 3, 5).unwrap();
        assert!(oct.starts_with("Slipped again."), "{oct}");
        assert_eq!(c.notes(&sessions, 4, 0), None);
    }

    #[test]
    fn carry_forward_lists_what_every_session_left_open() {
        let sessions = shuffled_year();
        let cf = carry_forward(&sessions, " northbridge place partnership").unwrap();
        assert_eq!(cf.date.to_string(), "2026-10-13");
        let actions: Vec<(&str, &str, String)> = cf
            .actions
            .iter()
            .map(|a| {
                (
                    a.question.id.as_str(),
                    a.action.owner.as_str(),
                    a.origin.date.to_string(),
                )
            })
            .collect();
        let at = |q: &'static str, owner: &'static str, date: &str| (q, owner, date.to_string());
        // Nobody ticked January's or July's open actions done: they are still open.
        assert_eq!(
            actions,
            [
                at("funding-devolved", "Gareth Hughes", "2026-01-20"),
                at("space-for-relationships", "Siobhán Kelly", "2026-07-14"),
                at("funding-devolved", "Renée Okafor", "2026-07-14"),
                at("outcomes-drive-governance", "Aisha Rahman", "2026-10-13"),
                at("space-for-relationships", "Siobhán Kelly", "2026-10-13"),
                at("funding-devolved", "Kwame Mensah", "2026-10-13"),
                at("funding-devolved", "Tomás Ó Briain", "2026-10-13"),
            ]
        );
        let revisits: Vec<(&str, String)> = cf
            .revisits
            .iter()
            .map(|r| (r.question.id.as_str(), r.origin.date.to_string()))
            .collect();
        assert_eq!(
            revisits,
            [
                ("trust-up-and-down", "2026-04-21".to_string()),
                ("space-for-relationships", "2026-07-14".to_string()),
                ("funding-devolved", "2026-10-13".to_string()),
            ],
            "one flag per question, the first raised"
        );
        assert!(carry_forward(&sessions, "Nobody").is_none());
    }

    #[test]
    fn carry_forward_skips_a_fresh_unanswered_session() {
        let mut sessions = example_year();
        let mut fresh = sessions[3].clone();
        fresh.id = Uuid::from_u128(7);
        fresh.created = "2027-01-19T09:30:00Z".parse().unwrap();
        fresh.updated = fresh.created;
        for q in &mut fresh.questions {
            q.votes = vec![super::super::session::Vote::Pending; q.votes.len()];
            q.agreed = None;
            q.actions.clear();
            q.revisit = false;
        }
        sessions.push(fresh);
        let cf = carry_forward(&sessions, "Northbridge Place Partnership").unwrap();
        assert_eq!(cf.session_id, sessions[3].id);
        assert_eq!(cf.actions.len(), 7);
    }

    /// Eastfield: an action open in one session, then a session with nothing in it.
    fn eastfield() -> Vec<Session> {
        let year = example_year();
        let mut q4 = year[0].clone();
        q4.group = "Eastfield".into();
        for q in &mut q4.questions {
            q.actions.retain(|a| !a.done);
            q.revisit = false;
        }
        let mut q1 = year[1].clone();
        q1.group = "Eastfield".into();
        for q in &mut q1.questions {
            q.actions.clear();
            q.revisit = false;
        }
        vec![q4, q1]
    }

    fn next_session(of: &Session, id: u128, created: &str) -> Session {
        let mut s = of.clone();
        s.id = Uuid::from_u128(id);
        s.created = created.parse().unwrap();
        s.updated = s.created;
        s.carried_from = None;
        for q in &mut s.questions {
            q.actions.clear();
            q.revisit = false;
            q.revisit_origin = None;
        }
        s
    }

    #[test]
    fn an_action_survives_a_quiet_session_and_is_carried_with_its_origin() {
        let sessions = eastfield();
        let cf = carry_forward(&sessions, "Eastfield").unwrap();
        assert_eq!(cf.actions.len(), 1, "{cf:?}");
        assert_eq!(cf.actions[0].origin.session, sessions[0].id);

        let mut next = next_session(&sessions[1], 30, "2027-01-01T09:00:00Z");
        assert!(carry_into(&mut next, &sessions));
        let carried: Vec<&ActionItem> = next.all_actions().map(|(_, _, a)| a).collect();
        assert_eq!(carried.len(), 1);
        let origin = carried[0].origin.as_ref().unwrap();
        assert_eq!(
            (
                origin.session,
                origin.question.as_str(),
                origin.date.to_string()
            ),
            (sessions[0].id, "funding-devolved", "2026-01-20".to_string())
        );
        let on = next.all_actions().next().map(|(i, q, _)| (i, q.id.clone()));
        assert_eq!(
            on,
            Some((7, "funding-devolved".to_string())),
            "on its question"
        );
        assert_eq!(
            next.carried_from,
            Some(vec![sessions[0].id, sessions[1].id])
        );
        // The new session now answers for the group: the same items, nothing twice.
        let mut all = sessions.clone();
        all.push(next.clone());
        assert_eq!(carry_forward(&all, "Eastfield").unwrap().actions.len(), 1);
        let mut after = next_session(&next, 31, "2027-04-01T09:00:00Z");
        assert!(carry_into(&mut after, &all));
        assert_eq!(after.all_actions().count(), 1, "carried once, not twice");

        // Ticked done there: closed for every later session.
        let i = all.len() - 1;
        all[i].questions[7].actions[0].done = true;
        assert!(carry_forward(&all, "Eastfield").unwrap().actions.is_empty());
        // Removed there instead: dropped, not brought back from the first session.
        all[i].questions[7].actions.clear();
        assert!(carry_forward(&all, "Eastfield").unwrap().actions.is_empty());
    }

    #[test]
    fn a_revisit_flag_follows_until_cleared() {
        let mut sessions = eastfield();
        sessions[0].questions[2].revisit = true;
        let mut next = next_session(&sessions[1], 30, "2027-01-01T09:00:00Z");
        carry_into(&mut next, &sessions);
        assert!(next.questions[2].revisit);
        let origin = next.questions[2].revisit_origin.clone().unwrap();
        assert_eq!(origin.session, sessions[0].id);
        sessions.push(next);
        let cf = carry_forward(&sessions, "Eastfield").unwrap();
        assert_eq!(cf.revisits.len(), 1);
        assert_eq!(cf.revisits[0].origin, origin);
        sessions[2].questions[2].revisit = false;
        assert!(
            carry_forward(&sessions, "Eastfield")
                .unwrap()
                .revisits
                .is_empty()
        );
    }

    #[test]
    fn nothing_to_carry_without_an_earlier_session() {
        let mut s = next_session(&example_year()[0], 5, "2027-01-01T09:00:00Z");
        assert!(!carry_into(&mut s, &[]));
        assert_eq!(s.carried_from, None);
    }

    #[test]
    fn questions_match_by_id_across_set_versions() {
        let mut sessions = example_year();
        // October used a version 2 of the set: "data-shared" dropped, a new question added.
        let oct = &mut sessions[3];
        oct.question_set.version = 2;
        let mut new_q = oct.questions.pop().unwrap();
        new_q.id = "inequalities".into();
        new_q.short_title = "Inequalities".into();
        oct.questions.insert(0, new_q);
        let c = Comparison::build(&sessions, &Filter::default());
        assert!(c.mixed_versions());
        let ids: Vec<&str> = c.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids[0], "inequalities");
        assert_eq!(ids[10], "data-shared", "older-only ids come last");
        assert_eq!(c.rows[0].scores(), [None, None, None, Some(3.0)]);
        assert_eq!(c.rows[10].scores(), [Some(2.0), Some(2.0), Some(3.0), None]);
        assert_eq!(c.rows[10].change(), None);
        assert_eq!(c.rows[0].change(), None);
        // Gaps sort last whatever the order.
        let rise = c.sorted_rows(SortOrder::BiggestRise);
        assert_eq!(&rise[9..], [0, 10]);
    }

    #[test]
    fn filters_choose_group_and_set() {
        let mut sessions = example_year();
        let mut other = sessions[0].clone();
        other.id = Uuid::from_u128(1);
        other.group = "Eastfield Neighbourhood Forum".into();
        other.updated = "2026-12-01T10:00:00Z".parse().unwrap();
        sessions.push(other);
        // The newest session now belongs to Eastfield.
        let c = Comparison::build(&sessions, &Filter::default());
        assert_eq!(
            (c.group.as_str(), c.sessions.len()),
            ("Eastfield Neighbourhood Forum", 1)
        );
        let c = Comparison::build(
            &sessions,
            &Filter {
                group: Some("Northbridge Place Partnership".into()),
                set: None,
            },
        );
        assert_eq!(c.sessions.len(), 4);
        assert_eq!(
            groups(&sessions),
            [
                "Eastfield Neighbourhood Forum",
                "Northbridge Place Partnership"
            ]
        );
        assert_eq!(
            sets_of_group(&sessions, "Eastfield Neighbourhood Forum"),
            ["localising-decisions"]
        );
        let none = Comparison::build(
            &sessions,
            &Filter {
                group: None,
                set: Some("subsidiarity-tests".into()),
            },
        );
        assert!(none.sessions.is_empty() && none.rows.is_empty());
        assert_eq!(none.set_id, "subsidiarity-tests");
    }

    #[test]
    fn nothing_to_compare_is_not_an_error() {
        let c = Comparison::build(&[], &Filter::default());
        assert!(c.sessions.is_empty() && c.rows.is_empty());
        assert!(c.sorted_rows(SortOrder::LowestNow).is_empty());
        let one = &example_year()[..1];
        let c = Comparison::build(one, &Filter::default());
        assert_eq!(c.rows[0].change(), None);
        assert_eq!(c.rows[0].trend(), None);
        assert_eq!(c.pair(0, 5)[0].b, None);
    }
}
