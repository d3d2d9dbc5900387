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

    /// The score to propose as agreed: the median, taking the lower middle score when the
    /// count is even, so a proposal never claims more than half the room gave.
    pub fn proposed_agreed(&self) -> Option<u8> {
        let (lower, _) = self.middle_scores()?;
        Some(lower)
    }

    fn middle_scores(&self) -> Option<(u8, u8)> {
        if self.scores == 0 {
            return None;
        }
        let mut seen = 0;
        let mut lower = None;
        for &(score, count) in &self.distribution {
            seen += count;
            if lower.is_none() && seen * 2 >= self.scores {
                lower = Some(score);
            }
            if seen * 2 > self.scores {
                return Some((lower.unwrap_or(score), score));
            }
        }
        None
    }
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
    fn even_count_takes_mean_median_and_lower_proposal() {
        let s = VoteStats::of(&votes(&[2, 3, -1, 0]), &scale());
        assert_eq!(s.median, Some(2.5));
        assert_eq!(s.proposed_agreed(), Some(2));
        assert_eq!((s.abstentions, s.pending, s.scores), (1, 1, 2));
        assert!(!s.disagreement());
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
