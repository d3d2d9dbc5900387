//! What the room adds to a session: private votes, a second round after discussion, and a
//! silence before scoring.
//!
//! Scoring privately, talking, scoring again and looking at what moved is the step of the
//! Delphi and nominal-group methods no tool keeps; these types keep it in the session file.
//! The live round is always `SessionQuestion::votes`, so everything that reads votes keeps
//! working on files written before rounds existed.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::question_set::Scale;
use super::ron_format::Problems;
use super::session::{SessionQuestion, Vote};
use super::stats::VoteStats;

/// The most rounds a question keeps (the live one included): a file claiming more is
/// refused rather than drawn.
pub const MAX_ROUNDS: usize = 9;

/// The longest silence that can be asked for, in minutes.
pub const MAX_SILENCE_MINUTES: u32 = 9;

/// How long the gentle "time" cue stays after a silence ends, in seconds.
pub const SILENCE_CUE_SECONDS: i64 = 20;

/// Whether everyone sees the votes as they are typed, or only once the facilitator reveals
/// them: the first scores typed anchor the rest, and a board member sees how a director voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Voting {
    #[default]
    Open,
    /// Scores are hidden on every screen until `v` reveals them.
    Private,
}

impl Voting {
    pub const ALL: [Voting; 2] = [Voting::Open, Voting::Private];

    pub fn label(self) -> &'static str {
        match self {
            Voting::Open => "open",
            Voting::Private => "private until revealed",
        }
    }

    pub fn is_open(&self) -> bool {
        *self == Voting::Open
    }
}

/// An earlier round of votes on a question, kept when the group scored again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// One vote per participant, in the order of `participants`, as at the end of the round.
    pub votes: Vec<Vote>,
}

/// A silence asked for before scoring: stored so the presenter shows it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Silence {
    pub started: Timestamp,
    pub seconds: u32,
}

/// Where a silence is at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SilenceNow {
    /// Still going: this many whole seconds left (rounded up, so it never shows 0:00 early).
    Running {
        left: u32,
    },
    /// Over a moment ago: time for the gentle cue.
    JustEnded,
    Over,
}

impl Silence {
    pub fn at(&self, now: Timestamp) -> SilenceNow {
        let elapsed_ms = now.as_millisecond() - self.started.as_millisecond();
        let total_ms = i64::from(self.seconds) * 1000;
        if elapsed_ms < total_ms {
            let left = (total_ms - elapsed_ms.max(0) + 999) / 1000;
            SilenceNow::Running {
                left: u32::try_from(left).unwrap_or(self.seconds),
            }
        } else if elapsed_ms < total_ms + SILENCE_CUE_SECONDS * 1000 {
            SilenceNow::JustEnded
        } else {
            SilenceNow::Over
        }
    }
}

/// Before → after for one question: the last earlier round against the live one.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundChange {
    /// The number of the live round (2 for a second round).
    pub round: usize,
    pub before: VoteStats,
    pub after: VoteStats,
    /// People who scored in both rounds and gave a different score.
    pub moved: usize,
    /// People who scored in both rounds.
    pub compared: usize,
}

impl RoundChange {
    /// How much narrower the spread became (negative when it widened); `None` unless both
    /// rounds have scores.
    pub fn narrowed_by(&self) -> Option<i16> {
        Some(i16::from(self.before.range()?) - i16::from(self.after.range()?))
    }

    /// The change in the median, after minus before.
    pub fn median_change(&self) -> Option<f64> {
        Some(self.after.median? - self.before.median?)
    }
}

impl SessionQuestion {
    /// Which round the live votes are: 1, or 2 after `R`, and so on.
    pub fn round_number(&self) -> usize {
        self.earlier_rounds.len() + 1
    }

    /// Before → after, once a second round has started.
    pub fn round_change(&self, scale: &Scale) -> Option<RoundChange> {
        let before = self.earlier_rounds.last()?;
        let both: Vec<(u8, u8)> = before
            .votes
            .iter()
            .zip(&self.votes)
            .filter_map(|(b, a)| Some((b.score()?, a.score()?)))
            .collect();
        Some(RoundChange {
            round: self.round_number(),
            before: VoteStats::of(&before.votes, scale),
            after: VoteStats::of(&self.votes, scale),
            moved: both.iter().filter(|(b, a)| b != a).count(),
            compared: both.len(),
        })
    }

    /// Start another round: the live votes are kept as an earlier round and everyone votes
    /// again, hidden again until revealed. `false` (and nothing changes) at [`MAX_ROUNDS`].
    pub fn start_next_round(&mut self) -> bool {
        if self.round_number() >= MAX_ROUNDS {
            return false;
        }
        let seats = self.votes.len();
        let votes = std::mem::replace(&mut self.votes, vec![Vote::Pending; seats]);
        self.earlier_rounds.push(Round { votes });
        self.revealed = false;
        true
    }
}

/// The checks of a question's earlier rounds, as for its live votes.
pub(super) fn check_rounds(
    out: &mut Problems<'_>,
    q: &SessionQuestion,
    quoted: &str,
    nth: usize,
    seats: usize,
    scale: &Scale,
) {
    if q.round_number() > MAX_ROUNDS {
        out.add(quoted, nth, || {
            format!(
                "question {:?} has {} rounds; at most {MAX_ROUNDS} are kept",
                q.id,
                q.round_number()
            )
        });
    }
    for (i, round) in q.earlier_rounds.iter().enumerate() {
        if round.votes.len() != seats {
            out.add(quoted, nth, || {
                format!(
                    "question {:?} round {} has {} votes but the session has {seats} participants",
                    q.id,
                    i + 1,
                    round.votes.len()
                )
            });
        }
        if let Some(s) = round
            .votes
            .iter()
            .filter_map(|v| v.score())
            .find(|s| !scale.contains(*s))
        {
            out.add(quoted, nth, || {
                format!(
                    "question {:?} round {} has a vote of {s}, outside the scale {}–{}",
                    q.id,
                    i + 1,
                    scale.min,
                    scale.max
                )
            });
        }
    }
}

/// The checks of a session's silence.
pub(super) fn check_silence(out: &mut Problems<'_>, silence: Option<&Silence>) {
    if let Some(s) = silence
        && (s.seconds == 0 || s.seconds > MAX_SILENCE_MINUTES * 60)
    {
        out.add("silence:", 0, || {
            format!(
                "a silence of {} seconds is outside 1–{}",
                s.seconds,
                MAX_SILENCE_MINUTES * 60
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question_set::fixture::one_to_five;

    fn question(votes: &[Vote]) -> SessionQuestion {
        SessionQuestion::unanswered("q", "Q", "Q?", votes.to_vec())
    }

    use Vote::{Abstain, Pending, Score};

    #[test]
    fn a_second_round_keeps_the_first_and_counts_who_moved() {
        let mut q = question(&[Score(1), Score(5), Score(3), Abstain, Score(2)]);
        q.revealed = true;
        assert_eq!(q.round_change(&one_to_five()), None, "one round only");
        assert!(q.start_next_round());
        assert_eq!(q.round_number(), 2);
        assert_eq!(q.votes, vec![Pending; 5]);
        assert!(!q.revealed, "round 2 is hidden again until revealed");
        q.votes = vec![Score(3), Score(4), Score(3), Score(3), Pending];
        let change = q.round_change(&one_to_five()).unwrap();
        assert_eq!(change.round, 2);
        // Ann 1→3 and Bob 5→4 moved; Cy stayed; Dev abstained first; Eli has not voted.
        assert_eq!((change.moved, change.compared), (2, 3));
        assert_eq!(change.before.range(), Some(4));
        assert_eq!(change.after.range(), Some(1));
        assert_eq!(change.narrowed_by(), Some(3));
        assert_eq!(change.median_change(), Some(0.5));
    }

    #[test]
    fn rounds_stop_at_the_most_a_file_keeps() {
        let mut q = question(&[Score(1)]);
        for _ in 1..MAX_ROUNDS {
            assert!(q.start_next_round());
        }
        assert!(!q.start_next_round());
        assert_eq!(q.round_number(), MAX_ROUNDS);
    }

    #[test]
    fn a_silence_counts_down_then_cues_then_is_over() {
        let start: Timestamp = "2026-12-02T10:00:00Z".parse().unwrap();
        let s = Silence {
            started: start,
            seconds: 60,
        };
        let at = |ms: i64| s.at(start + jiff::SignedDuration::from_millis(ms));
        assert_eq!(at(0), SilenceNow::Running { left: 60 });
        assert_eq!(at(59_001), SilenceNow::Running { left: 1 });
        assert_eq!(at(60_000), SilenceNow::JustEnded);
        assert_eq!(at(60_000 + SILENCE_CUE_SECONDS * 1000), SilenceNow::Over);
        // A clock set back does not count more than the silence asked for.
        assert_eq!(at(-5_000), SilenceNow::Running { left: 60 });
    }
}
