//! The app's state: what is on screen and everything needed to draw it.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui_textarea::TextArea;

use crate::domain::compare::CarryForward;
use crate::domain::{QuestionSet, Session};

use super::editor;
use super::setup::SetupForm;

/// How long after the last change an autosave happens.
pub const AUTOSAVE_AFTER_MS: i64 = 800;
/// The longest a change waits for a save while changes keep coming: a steady typist never
/// pauses for [`AUTOSAVE_AFTER_MS`]. With 250 ms ticks this saves within two seconds.
pub const AUTOSAVE_AT_MOST_MS: i64 = 1_500;
/// How long to wait before retrying a failed save.
pub const RETRY_SAVE_AFTER_MS: i64 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Setup,
    Question,
    Review,
    Summary,
}

/// What keys currently do on the question and review screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Digits vote for the selected participant.
    Voting,
    /// Typing goes into the notes editor.
    Notes,
    /// Digits set the agreed score; `proposed` is the median offered.
    Agreeing { proposed: Option<u8> },
    /// The add-action form is open.
    AddingAction(Box<ActionForm>),
    /// Typing goes into the session reflections (review screen).
    Reflections,
    /// `F` was pressed once on the review screen; a second `F` finishes.
    ConfirmFinish,
    /// `x` was pressed once on a selected action; a second `x` removes it.
    ConfirmRemoveAction,
}

/// The add-action form: text, owner, due date (optional, YYYY-MM-DD).
#[derive(Debug, Clone)]
pub struct ActionForm {
    pub fields: [TextArea<'static>; 3],
    pub focus: usize,
    pub error: Option<String>,
    /// Esc was pressed once on a form with text in it; a second Esc discards.
    pub confirm_discard: bool,
}

impl PartialEq for ActionForm {
    fn eq(&self, other: &Self) -> bool {
        self.focus == other.focus
            && self.error == other.error
            && self
                .fields
                .iter()
                .zip(&other.fields)
                .all(|(a, b)| a.lines() == b.lines())
    }
}
impl Eq for ActionForm {}

impl ActionForm {
    pub const LABELS: [&'static str; 3] = ["Action", "Owner", "Due (YYYY-MM-DD, optional)"];

    pub fn new() -> ActionForm {
        ActionForm {
            fields: [
                editor::single_line(""),
                editor::single_line(""),
                editor::single_line(""),
            ],
            focus: 0,
            error: None,
            confirm_discard: false,
        }
    }
}

impl Default for ActionForm {
    fn default() -> Self {
        Self::new()
    }
}

/// A session listed on Home: where its file is and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionEntry {
    pub path: PathBuf,
    pub session: Session,
}

/// The sessions folder as last loaded, with the files that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// Most recently updated first.
    pub sessions: Vec<SessionEntry>,
    /// One line per unreadable file: `PATH:LINE:COL: message`.
    pub problems: Vec<String>,
}

/// The session being facilitated.
#[derive(Debug, Clone)]
pub struct ActiveSession {
    pub path: PathBuf,
    pub session: Session,
    /// The participant whose vote the next digit records.
    pub participant: usize,
    /// The selected action of the current question, if any.
    pub action: Option<usize>,
    pub mode: Mode,
    /// The notes editor for the current question, kept in step with the session.
    pub notes: TextArea<'static>,
    pub reflections: TextArea<'static>,
    /// Facilitator prompts per question (from the live question set, by question id).
    pub prompts: Vec<Vec<String>>,
    pub show_prompts: bool,
    /// What the group left open in its previous session ("since last time").
    pub since_last_time: Option<CarryForward>,
    pub show_since_last_time: bool,
    pub review_row: usize,
    /// Milliseconds not yet counted into the current question's `seconds_spent`.
    pub pending_ms: i64,
    pub last_tick: Option<Timestamp>,
}

impl ActiveSession {
    pub fn new(
        path: PathBuf,
        session: Session,
        sets: &[QuestionSet],
        since_last_time: Option<CarryForward>,
    ) -> ActiveSession {
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
        let current = session
            .current_question
            .min(session.questions.len().saturating_sub(1));
        let notes = editor::multi_line(
            session
                .questions
                .get(current)
                .map_or("", |q| q.notes.as_str()),
        );
        let reflections = editor::multi_line(&session.reflections);
        // Greet a fresh session with what was left open last time; a session already under
        // way opens on its own votes and notes (t shows the panel again).
        let fresh =
            session.answered_count() == 0 && session.questions.iter().all(|q| q.notes.is_empty());
        let show_since_last_time = since_last_time.is_some() && fresh;
        let participant = session
            .questions
            .get(current)
            .and_then(|q| {
                q.votes
                    .iter()
                    .position(|v| *v == crate::domain::Vote::Pending)
            })
            .unwrap_or(0);
        ActiveSession {
            path,
            session,
            participant,
            action: None,
            mode: Mode::Voting,
            notes,
            reflections,
            prompts,
            show_prompts: false,
            since_last_time,
            show_since_last_time,
            review_row: current,
            pending_ms: 0,
            last_tick: None,
        }
    }

    pub fn current(&self) -> usize {
        self.session
            .current_question
            .min(self.session.questions.len().saturating_sub(1))
    }

    pub fn question(&self) -> Option<&crate::domain::SessionQuestion> {
        self.session.questions.get(self.current())
    }
}

/// Whether the active session's file matches memory, and what happened last time we wrote it.
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

#[derive(Debug, Clone)]
pub struct App {
    pub screen: Screen,
    pub show_help: bool,
    pub library: Library,
    pub sets: Vec<QuestionSet>,
    /// Selected row on Home.
    pub home_row: usize,
    pub setup: Option<SetupForm>,
    pub active: Option<ActiveSession>,
    pub summary: Option<super::summary::SummaryState>,
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
}

impl App {
    /// A fresh app on Home. Times show in UTC until the caller sets `time_zone` (the terminal
    /// app sets the system's; tests keep UTC so screens are the same on every machine).
    pub fn new(sets: Vec<QuestionSet>, sessions_dir: PathBuf, now: Timestamp) -> App {
        App {
            screen: Screen::Home,
            show_help: false,
            library: Library::default(),
            sets,
            home_row: 0,
            setup: None,
            active: None,
            summary: None,
            save: SaveStatus::default(),
            now,
            message: None,
            quitting: false,
            quit_armed: false,
            sessions_dir,
            time_zone: jiff::tz::TimeZone::UTC,
        }
    }

    /// Home lists sessions in progress first, then the rest, most recent first in each.
    pub fn home_rows(&self) -> Vec<&SessionEntry> {
        let (mut rows, rest): (Vec<&SessionEntry>, Vec<&SessionEntry>) = self
            .library
            .sessions
            .iter()
            .partition(|e| e.session.status == crate::domain::Status::InProgress);
        rows.extend(rest);
        rows
    }

    pub fn mode(&self) -> Option<&Mode> {
        self.active.as_ref().map(|a| &a.mode)
    }

    /// True while typing goes into a text field rather than being commands.
    pub fn is_typing(&self) -> bool {
        match self.screen {
            Screen::Setup => true,
            Screen::Question | Screen::Review => matches!(
                self.mode(),
                Some(Mode::Notes | Mode::Reflections | Mode::AddingAction(_))
            ),
            _ => false,
        }
    }
}
