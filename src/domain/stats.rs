//! Statistics of the votes on one question: what the facilitator needs to see the spread.

use super::question_set::Scale;
use super::session::{SessionQuestion, Vote};

/// A range of scores this wide or wider is flagged: the cue to discuss before agreeing.
pub const DISAGREEMENT_RANGE: u8 = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct VoteStats {
    /// (score, how many voted it) for every point of the scale, lowest first.
    pub distribution: Vec<(u8, usize)>,
    pub scores: usize,
    pub abstentions: usize,
    pub pending: usize,
    pub median: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
}

impl VoteStats {
    pub fn of(votes: &[Vote], scale: &Scale) -> VoteStats {
        let mut scores: Vec<u8> = votes.iter().filter_map(|v| v.score()).collect();
        scores.sort_unstable();
        let distribution = scale
            .points()
            .map(|p| (p, scores.iter().filter(|&&s| s == p).count()))
            .collect();
        VoteStats {
            distribution,
            scores: scores.len(),
            abstentions: votes.iter().filter(|v| **v == Vote::Abstain).count(),
            pending: votes.iter().filter(|v| **v == Vote::Pending).count(),
            median: median(&scores),
            min: scores.first().copied(),
            max: scores.last().copied(),
        }
    }

    /// Highest minus lowest score cast.
    pub fn range(&self) -> Option<u8> {
        Some(self.max? - self.min?)
    }

    /// True when the group's scores are far enough apart to talk before agreeing.
    pub fn disagreement(&self) -> bool {
        self.range().is_some_and(|r| r >= DISAGREEMENT_RANGE)
    }

    /// The score to propose as agreed: the median as shown. When the count is even and the
    /// two middle scores straddle a half (median 2.5), the half is rounded towards the middle
    /// of the scale, so a proposal never leans to an extreme the room did not give; a median
    /// on the scale's exact middle (5.5 on 1–10) rounds up. See [`Proposal`] for why.
    pub fn proposal(&self) -> Option<Proposal> {
        let median = self.median?;
        let lowest = self.distribution.first()?.0;
        let highest = self.distribution.last()?.0;
        let middle = (f64::from(lowest) + f64::from(highest)) / 2.0;
        let rounded = if median.fract() == 0.0 {
            median
        } else if median > middle {
            median.floor()
        } else {
            // Below the middle, towards it is up; on the middle itself, up too.
            median.ceil()
        };
        // The median lies between two cast scores, so it is on the scale.
        let score = u8::try_from(rounded as i64).ok()?;
        let count = self
            .distribution
            .iter()
            .find(|(s, _)| *s == score)
            .map_or(0, |(_, c)| *c);
        Some(Proposal {
            score,
            median,
            rounded: median.fract() != 0.0,
            nobody_gave_it: count == 0,
        })
    }

    /// The score to propose as agreed (see [`VoteStats::proposal`]).
    pub fn proposed_agreed(&self) -> Option<u8> {
        self.proposal().map(|p| p.score)
    }

    /// Two camps with nobody between: the scores fall on either side of an empty stretch
    /// of the scale, at least two people on each side. Said in words, because the median of
    /// such a room lands where nobody stands.
    pub fn split(&self) -> Option<Split> {
        let occupied: Vec<(u8, usize)> = self
            .distribution
            .iter()
            .copied()
            .filter(|(_, c)| *c > 0)
            .collect();
        // Where a run of empty points lies between two scores cast.
        let gaps: Vec<usize> = occupied
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w[1].0 - w[0].0 >= 2)
            .map(|(i, _)| i)
            .collect();
        let [gap] = gaps[..] else {
            return None;
        };
        let camp = |part: &[(u8, usize)]| Camp {
            lowest: part.first().map_or(0, |p| p.0),
            highest: part.last().map_or(0, |p| p.0),
            people: part.iter().map(|p| p.1).sum(),
        };
        let (low, high) = occupied.split_at(gap + 1);
        let (low, high) = (camp(low), camp(high));
        (low.people >= 2 && high.people >= 2).then_some(Split { low, high })
    }
}

/// The agreed score offered on `g`, and what a facilitator needs to know about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proposal {
    pub score: u8,
    /// The median as shown beside the spread.
    pub median: f64,
    /// The median fell on a half and was rounded towards the middle of the scale.
    pub rounded: bool,
    /// Nobody gave the proposed score (a split room's median).
    pub nobody_gave_it: bool,
}

/// One side of a split vote: the scores it spans and how many gave them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Camp {
    pub lowest: u8,
    pub highest: u8,
    pub people: usize,
}

/// A vote in two camps with nobody between (see [`VoteStats::split`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub low: Camp,
    pub high: Camp,
}

/// Median of sorted scores; the mean of the two middle ones when the count is even.
pub fn median(sorted: &[u8]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(if n % 2 == 1 {
        f64::from(sorted[n / 2])
    } else {
        (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0
    })
}

/// Where a question's headline score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreSource {
    Agreed,
    /// No agreed score was set: the median of the votes stands in, marked as such.
    Median,
}

/// The score that represents a question in comparisons: the agreed score, falling back to
/// the median of the votes.
pub fn headline_score(question: &SessionQuestion, scale: &Scale) -> Option<(f64, ScoreSource)> {
    if let Some(a) = question.agreed {
        return Some((f64::from(a), ScoreSource::Agreed));
    }
    VoteStats::of(&question.votes, scale)
        .median
        .map(|m| (m, ScoreSource::Median))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        crate::domain::question_set::fixture::one_to_five()
    }

    fn votes(v: &[i8]) -> Vec<Vote> {
        v.iter()
            .map(|&x| match x {
                -1 => Vote::Abstain,
                0 => Vote::Pending,
                s => Vote::Score(s as u8),
            })
            .collect()
    }

    #[test]
    fn spread_of_five_votes() {
        let s = VoteStats::of(&votes(&[3, 4, 4, 2, 5]), &scale());
        assert_eq!(s.distribution, vec![(1, 0), (2, 1), (3, 1), (4, 2), (5, 1)]);
        assert_eq!(s.median, Some(4.0));
        assert_eq!(s.range(), Some(3));
        assert!(s.disagreement());
        assert_eq!(s.proposed_agreed(), Some(4));
    }

    #[test]
    fn even_count_takes_mean_median_and_rounds_the_proposal_towards_the_middle() {
        let s = VoteStats::of(&votes(&[2, 3, -1, 0]), &scale());
        assert_eq!(s.median, Some(2.5));
        assert_eq!(s.proposed_agreed(), Some(3), "2.5 rounds up, towards 3");
        let high = VoteStats::of(&votes(&[4, 5]), &scale());
        assert_eq!(
            high.proposed_agreed(),
            Some(4),
            "4.5 rounds down, towards 3"
        );
        assert!(high.proposal().unwrap().rounded);
        assert_eq!((s.abstentions, s.pending, s.scores), (1, 1, 2));
        assert!(!s.disagreement());
    }

    #[test]
    fn the_proposal_is_the_median_shown() {
        let s = VoteStats::of(&votes(&[1, 1, 1, 5, 5, 5]), &scale());
        assert_eq!(s.median, Some(3.0));
        let p = s.proposal().unwrap();
        assert_eq!((p.score, p.rounded, p.nobody_gave_it), (3, false, true));
        // On 1–10 the middle is 5.5: a median there rounds up.
        let ten = Scale {
            min: 1,
            max: 10,
            labels: vec![],
        };
        let s = VoteStats::of(&votes(&[5, 6]), &ten);
        assert_eq!(s.proposed_agreed(), Some(6));
    }

    #[test]
    fn a_split_is_two_camps_with_nobody_between() {
        let split = VoteStats::of(&votes(&[1, 1, 1, 5, 5, 5]), &scale()).split();
        let camp = |lowest, highest, people| Camp {
            lowest,
            highest,
            people,
        };
        assert_eq!(
            split,
            Some(Split {
                low: camp(1, 1, 3),
                high: camp(5, 5, 3)
            })
        );
        let spans = VoteStats::of(&votes(&[1, 2, 2, 4, 5]), &scale()).split();
        assert_eq!(
            spans.map(|s| (s.low, s.high)),
            Some((camp(1, 2, 3), camp(4, 5, 2)))
        );
        for not_split in [
            &[1, 1, 1, 1, 5][..], // one outlier is not a camp
            &[1, 1, 3, 5, 5],     // somebody between
            &[1, 1, 3, 3, 5, 5],  // three camps
            &[2, 3, 3, 4],        // no gap
            &[],
        ] {
            let s = VoteStats::of(&votes(not_split), &scale());
            assert_eq!(s.split(), None, "{not_split:?}");
        }
    }

    #[test]
    fn no_scores_no_statistics() {
        let s = VoteStats::of(&votes(&[-1, 0]), &scale());
        assert_eq!(s.median, None);
        assert_eq!(s.range(), None);
        assert_eq!(s.proposed_agreed(), None);
        assert!(!s.disagreement());
    }
}
