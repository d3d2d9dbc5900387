//! A session in brief: what lists and the programme overview need of a session, without its
//! notes, votes or question texts. The store keeps these in a disposable cache
//! (`store::index`), so a folder of 10,000 sessions lists without parsing 10,000 files;
//! whatever a digest says, it was computed from the file by [`SessionDigest::of`].

use std::collections::HashSet;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use super::session::{Level, Session, Status};
use super::stats::{ScoreSource, VoteStats, headline_score};

/// One question of a session, in brief: its headline score and the spread of the votes.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionDigest {
    /// Shared between sessions (see [`Interner`]): 10,000 sessions of one set hold one copy.
    pub id: Arc<str>,
    pub short_title: Arc<str>,
    /// The agreed score, or the median of the votes standing in for it.
    pub headline: Option<(f64, ScoreSource)>,
    pub min: Option<u8>,
    pub max: Option<u8>,
}

/// A session in brief (see the module comment).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDigest {
    pub id: Uuid,
    pub title: String,
    pub group: String,
    pub level: Level,
    pub set_id: Arc<str>,
    pub set_version: u32,
    pub set_title: Arc<str>,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub status: Status,
    /// Questions with an agreed score or a score cast ([`Session::answered_count`]).
    pub answered: usize,
    /// Actions not done and questions flagged to revisit: what is left open.
    pub open_items: usize,
    pub questions: Vec<QuestionDigest>,
}

impl SessionDigest {
    /// The digest of a session: the only way one is made from a session's content.
    pub fn of(session: &Session) -> SessionDigest {
        let scale = &session.question_set.scale;
        SessionDigest {
            id: session.id,
            title: session.title.clone(),
            group: session.group.clone(),
            level: session.level,
            set_id: session.question_set.id.as_str().into(),
            set_version: session.question_set.version,
            set_title: session.question_set.title.as_str().into(),
            created: session.created,
            updated: session.updated,
            status: session.status,
            answered: session.answered_count(),
            open_items: session.open_actions().count() + session.flagged().count(),
            questions: session
                .questions
                .iter()
                .map(|q| {
                    let stats = VoteStats::of(&q.votes, scale);
                    QuestionDigest {
                        id: q.id.as_str().into(),
                        short_title: q.short_title.as_str().into(),
                        headline: headline_score(q, scale),
                        min: stats.min,
                        max: stats.max,
                    }
                })
                .collect(),
        }
    }

    /// The calendar date the session was held, in UTC, as [`Session::date`].
    pub fn date(&self) -> Date {
        self.created.to_zoned(jiff::tz::TimeZone::UTC).date()
    }

    /// The session's one mean, computed as [`Session::mean_score`] does (same order, same
    /// sum), so Home and `list` read the same number from a digest as from the file.
    pub fn mean(&self) -> Option<f64> {
        let scores: Vec<f64> = self
            .questions
            .iter()
            .filter_map(|q| q.headline.map(|(s, _)| s))
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    }
}

/// Shares equal strings between digests: every session of a set repeats the same question
/// ids and titles, so a folder of 10,000 holds each once.
#[derive(Debug, Default)]
pub struct Interner {
    seen: HashSet<Arc<str>>,
    /// The strings of the digest shared last, in [`Interner::share`]'s order. Sessions come
    /// in runs of one set, so comparing with these first skips most hashing: listing a
    /// folder for the first time shares 200,000 strings.
    last: Vec<Arc<str>>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> Arc<str> {
        if let Some(shared) = self.seen.get(s) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = s.into();
        self.seen.insert(Arc::clone(&shared));
        shared
    }

    /// The shared copy of `s`, the string at `slot` of a digest being shared.
    fn intern_at(&mut self, slot: usize, s: &Arc<str>) -> Arc<str> {
        if let Some(last) = self.last.get(slot)
            && **last == **s
        {
            return Arc::clone(last);
        }
        let shared = self.intern(s);
        match self.last.get_mut(slot) {
            Some(last) => *last = Arc::clone(&shared),
            None => self.last.push(Arc::clone(&shared)),
        }
        shared
    }

    /// Make `digest` share its set and question strings with every digest seen before.
    pub fn share(&mut self, digest: &mut SessionDigest) {
        digest.set_id = self.intern_at(0, &digest.set_id);
        digest.set_title = self.intern_at(1, &digest.set_title);
        for (i, q) in digest.questions.iter_mut().enumerate() {
            q.id = self.intern_at(2 + 2 * i, &q.id);
            q.short_title = self.intern_at(3 + 2 * i, &q.short_title);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compare::example_year;

    #[test]
    fn a_digest_says_what_the_session_says() {
        for s in example_year() {
            let d = SessionDigest::of(&s);
            assert_eq!(d.mean(), s.mean_score().map(|m| m.value));
            assert_eq!(d.answered, s.answered_count());
            assert_eq!(d.date(), s.date());
            assert_eq!(d.questions.len(), s.questions.len());
            assert_eq!(d.open_items, s.open_actions().count() + s.flagged().count());
        }
    }

    #[test]
    fn interned_strings_are_shared() {
        let year = example_year();
        let mut a = SessionDigest::of(&year[0]);
        let mut b = SessionDigest::of(&year[1]);
        let mut interner = Interner::default();
        interner.share(&mut a);
        interner.share(&mut b);
        assert!(Arc::ptr_eq(&a.questions[0].id, &b.questions[0].id));
        assert!(Arc::ptr_eq(&a.set_id, &b.set_id));
    }

    #[test]
    fn sharing_after_another_set_still_finds_the_first_sets_strings() {
        let year = example_year();
        let mut interner = Interner::default();
        let mut first = SessionDigest::of(&year[0]);
        interner.share(&mut first);
        // A digest of another set in between: its strings take the recent slots.
        let mut other = SessionDigest::of(&year[1]);
        other.set_id = "another-set".into();
        for q in &mut other.questions {
            q.id = format!("other-{}", q.id).into();
        }
        interner.share(&mut other);
        let mut again = SessionDigest::of(&year[2]);
        interner.share(&mut again);
        assert!(Arc::ptr_eq(&first.set_id, &again.set_id));
        assert!(Arc::ptr_eq(&first.questions[3].id, &again.questions[3].id));
        assert!(!Arc::ptr_eq(&first.questions[3].id, &other.questions[3].id));
        assert_eq!(*other.set_id, *"another-set");
    }
}
