//! What every screen shares: the open session, whether it is saved, the sessions folder as
//! last loaded, the question sets, the message of the moment and the clock.
//!
//! A screen's own state (a selected row, an editor, a mode) lives in its own module; this is
//! the part that outlives moving from one screen to another.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::domain::compare::CarryForward;
use crate::domain::digest::SessionDigest;
use crate::domain::{QuestionSet, Session, SessionQuestion, Status};

use super::effect::Effect;

/// How long after the last change an autosave happens.
pub const AUTOSAVE_AFTER_MS: i64 = 800;
/// The longest a change waits for a save while changes keep coming: a steady typist never
/// pauses for [`AUTOSAVE_AFTER_MS`]. With 250 ms ticks this saves within two seconds.
pub const AUTOSAVE_AT_MOST_MS: i64 = 1_500;
/// How long to wait before retrying a failed save.
pub const RETRY_SAVE_AFTER_MS: i64 = 5_000;

/// A session listed on Home: where its file is and what it holds, in brief. The whole
/// session is read from its file only when it is opened, so Home lists 10,000 sessions
/// from the index without parsing them.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionEntry {
    pub path: PathBuf,
    pub digest: SessionDigest,
}

/// The sessions folder as last loaded, with the files that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// Most recently updated first.
    pub sessions: Vec<SessionEntry>,
    /// One line per unreadable file: `PATH:LINE:COL: message`.
    pub problems: Vec<String>,
    /// Session files with another version of themselves on disk (Home `c` compares them).
    pub conflicts: Vec<PathBuf>,
    /// Still being read (on a thread): files read so far, of how many.
    pub loading: Option<(usize, usize)>,
}

impl Library {
    /// Home lists sessions in progress first, then the rest, most recent first in each.
    pub fn home_rows(&self) -> Vec<&SessionEntry> {
        let (mut rows, rest): (Vec<&SessionEntry>, Vec<&SessionEntry>) = self
            .sessions
            .iter()
            .partition(|e| e.digest.status == Status::InProgress);
        rows.extend(rest);
        rows
    }
}

/// The session being facilitated, whichever of its screens is showing.
#[derive(Debug, Clone)]
pub struct OpenSession {
    pub path: PathBuf,
    pub session: Session,
    /// Facilitator prompts per question (from the live question set, by question id).
    pub prompts: Vec<Vec<String>>,
    /// What the group left open in its previous session ("since last time").
    pub since_last_time: Option<CarryForward>,
    /// Milliseconds not yet counted into the current question's `seconds_spent`.
    pub pending_ms: i64,
    pub last_tick: Option<Timestamp>,
}

impl OpenSession {
    pub fn new(
        path: PathBuf,
        session: Session,
        sets: &[QuestionSet],
        since_last_time: Option<CarryForward>,
    ) -> OpenSession {
        let set = sets.iter().find(|s| s.id == session.question_set.id);
        let prompts = session
            .questions
            .iter()
            .map(|q| {
                set.and_then(|s| s.questions.iter().find(|p| p.id == q.id))
                    .map(|p| p.prompts.clone())
                    .unwrap_or_default()
            })
            .collect();
        OpenSession {
            path,
            session,
            prompts,
            since_last_time,
            pending_ms: 0,
            last_tick: None,
        }
    }

    /// The question on screen (or last on screen), always a valid index when there are any.
    pub fn current(&self) -> usize {
        self.session
            .current_question
            .min(self.session.questions.len().saturating_sub(1))
    }

    pub fn question(&self) -> Option<&SessionQuestion> {
        self.session.questions.get(self.current())
    }

    pub fn question_mut(&mut self) -> Option<&mut SessionQuestion> {
        let current = self.current();
        self.session.questions.get_mut(current)
    }

    /// Nothing recorded yet: no score and no notes anywhere.
    pub fn is_fresh(&self) -> bool {
        self.session.answered_count() == 0
            && self.session.questions.iter().all(|q| q.notes.is_empty())
    }
}

/// Whether the open session's file matches memory, and what happened last time we wrote it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveStatus {
    /// Something changed since the last successful save.
    pub dirty: bool,
    /// The first change not yet saved, so steady typing is still saved regularly.
    pub first_unsaved: Option<Timestamp>,
    pub last_change: Option<Timestamp>,
    pub last_saved: Option<Timestamp>,
    pub last_attempt: Option<Timestamp>,
    /// The last save failed: shown until a save succeeds.
    pub error: Option<String>,
    /// A save has been asked for and not yet reported.
    pub in_flight: bool,
}

/// What every screen shares (see the module comment).
#[derive(Debug, Clone)]
pub struct Shared {
    pub library: Library,
    pub sets: Vec<QuestionSet>,
    pub open: Option<OpenSession>,
    pub save: SaveStatus,
    pub now: Timestamp,
    /// A one-line message for the status bar.
    pub message: Option<String>,
    pub quitting: bool,
    /// A quit was refused because the last save failed; the next Ctrl-C quits anyway.
    pub quit_armed: bool,
    /// Where sessions are kept, to show the facilitator.
    pub sessions_dir: PathBuf,
    /// The facilitator's time zone, for dates and clock times on screen. Given once at
    /// start-up so `update` and the screens never look it up themselves.
    pub time_zone: jiff::tz::TimeZone,
    /// The sessions folder cannot be written: browse only, and say why on every screen.
    pub read_only: Option<ReadOnly>,
}

/// Why the sessions folder is open for browsing only, and where reports go instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOnly {
    /// What the disk said, in plain words ("permission denied: …").
    pub reason: String,
    /// Where exported reports are written, since the sessions folder refuses them.
    pub reports_dir: PathBuf,
}

/// Asked when a key would change a finished session: nothing changes until `o` reopens it.
pub const FINISHED_ASKS: &str = "This session is finished. Reopen it to change it? o reopens";

impl Shared {
    /// Record that the open session's content changed: it will be autosaved shortly.
    pub fn changed(&mut self) {
        self.unsaved();
        if let Some(open) = self.open.as_mut() {
            open.session.touch(self.now);
            // "Since last time" shows carried items as they stand (ticked, dropped).
            open.since_last_time = CarryForward::carried_into(&open.session);
        }
    }

    /// Record that the facilitator moved to another question: saved, so a resumed session
    /// opens there, but not a change of content (`updated` stays as it was). On a finished
    /// session not even that: looking through a finished record never rewrites its file;
    /// nor in a read-only folder, where nothing can be saved.
    pub fn moved(&mut self) {
        if !self.open_is_finished() && self.read_only.is_none() {
            self.unsaved();
        }
    }

    fn unsaved(&mut self) {
        if !self.save.dirty || self.save.first_unsaved.is_none() {
            self.save.first_unsaved = Some(self.now);
        }
        self.save.dirty = true;
        self.save.last_change = Some(self.now);
    }

    pub fn open_is_finished(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.session.is_finished())
    }

    /// True (and the facilitator asked whether to reopen) when the open session is
    /// finished: the caller then leaves it unchanged.
    pub fn refuse_if_finished(&mut self) -> bool {
        let finished = self.open_is_finished();
        if finished {
            self.say(FINISHED_ASKS);
        }
        finished
    }

    /// `o`: reopen a finished session for changes, recording when in the file.
    pub fn reopen(&mut self) {
        let now = self.now;
        match self.open.as_mut() {
            Some(open) if open.session.is_finished() => {
                open.session.reopen(now);
                self.changed();
                self.say("Reopened: changes are saved; F on the review finishes it again");
            }
            Some(_) => self.say("This session is in progress: nothing to reopen"),
            None => {}
        }
    }

    /// Save what is unsaved now: navigation and finishing do not wait for the timer. Nothing
    /// unsaved, nothing written: looking around never rewrites a file.
    pub fn request_save(&mut self, effects: &mut Vec<Effect>) {
        if self.open.is_some() && self.save.dirty {
            self.save.in_flight = true;
            effects.push(Effect::Save);
        }
    }

    pub fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }
}
