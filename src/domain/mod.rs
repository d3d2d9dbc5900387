//! The facilitator's world: question sets, sessions, votes and statistics.
//!
//! Nothing here knows about terminals or files: the UI and the store both build on
//! these types, so a whole workshop can be run and checked in plain Rust.

pub mod compare;
pub mod diff;
pub mod digest;
pub mod overview;
pub mod question_set;
pub mod quick_read;
pub mod ron_format;
pub mod rounds;
pub mod session;
pub mod stats;

pub use question_set::{Question, QuestionSet, Scale, ScalePoint, Source};
pub use session::{
    ActionItem, Level, MeanScore, NewSession, Participants, Session, SessionError, SessionQuestion,
    SessionSetup, SetSnapshot, Status, Vote,
};

/// One step forward (`step > 0`) or back through `n` items, wrapping around: how every
/// key that cycles through choices (sorts, levels, groups, fields) moves.
pub fn wrap_step(i: usize, n: usize, step: i8) -> usize {
    if n == 0 {
        return 0;
    }
    if step > 0 {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }
}

/// The choice after `current` in `all`, wrapping around (the second if `current` is not
/// there, as if it were the first, as the cycling keys always did).
pub fn next_in<T: Copy + PartialEq>(all: &[T], current: T) -> T {
    let i = all.iter().position(|&c| c == current).unwrap_or(0);
    all.get(wrap_step(i, all.len(), 1))
        .copied()
        .unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_and_starts_from_the_top_when_lost() {
        assert_eq!(
            (wrap_step(2, 3, 1), wrap_step(0, 3, -1), wrap_step(0, 0, 1)),
            (0, 2, 0)
        );
        assert_eq!(next_in(&[1, 2, 3], 3), 1);
        assert_eq!(next_in(&[1, 2, 3], 9), 2);
        assert_eq!(next_in(&[], 9), 9);
    }
}
