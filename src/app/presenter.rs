//! The presenter (`roundtable present`): what the projector shows, chosen from what the
//! facilitator's app last saved. Read-only: it never changes a session.
//!
//! It follows the session in progress that was updated last (the one open in the
//! facilitator's Roundtable), and keeps its last good frame while there is nothing newer to
//! show: the facilitator's app restarting, a file missing for a moment.

use jiff::Timestamp;

use crate::domain::Session;

/// What the projector shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Presenter {
    /// The session followed, as last read; `None` until there is one in progress.
    pub session: Option<Session>,
    /// Where it looks, to say so while waiting.
    pub folder: String,
    /// The time now, for the silence's countdown.
    pub now: Timestamp,
}

impl Presenter {
    pub fn new(folder: impl Into<String>, now: Timestamp) -> Presenter {
        Presenter {
            session: None,
            folder: folder.into(),
            now,
        }
    }

    /// Take in the folder's latest state: `in_progress` is the session in progress updated
    /// last, `same` the latest reading of the session shown (which may have been finished).
    /// Returns whether the frame changed.
    pub fn follow(&mut self, in_progress: Option<&Session>, same: Option<&Session>) -> bool {
        let next = match (in_progress, same) {
            (Some(s), _) => Some(s),
            // Finished, or nothing in progress any more: the last session's latest state.
            (None, Some(s)) => Some(s),
            // Its file is gone for now: keep the last good frame.
            (None, None) => None,
        };
        match next {
            Some(s) if self.session.as_ref() != Some(s) => {
                self.session = Some(s.clone());
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    fn session(title: &str) -> Session {
        let text = std::fs::read_to_string("sessions/2026-10-13-q4-roundtable-de00b439.ron")
            .unwrap_or_default();
        let mut s = Session::from_ron(&text).unwrap_or_else(|e| panic!("example: {e}"));
        s.title = title.into();
        s.status = Status::InProgress;
        s.finished = None;
        s
    }

    #[test]
    fn follows_the_session_in_progress_and_keeps_the_last_frame() {
        let mut p = Presenter::new("sessions", Timestamp::UNIX_EPOCH);
        assert!(!p.follow(None, None), "nothing to show yet");
        let a = session("A");
        assert!(p.follow(Some(&a), None));
        assert!(!p.follow(Some(&a), Some(&a)), "unchanged");
        // The app restarts: for a moment no file reads; the frame stays.
        assert!(!p.follow(None, None));
        assert_eq!(p.session.as_ref().map(|s| s.title.as_str()), Some("A"));
        // Finished: the last state of that session is shown.
        let mut done = a.clone();
        done.status = Status::Complete;
        assert!(p.follow(None, Some(&done)));
        assert_eq!(p.session.as_ref().map(|s| s.status), Some(Status::Complete));
    }
}
