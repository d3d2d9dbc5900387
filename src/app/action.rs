//! What can happen to the app, and what the app asks the outside world to do.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui_textarea::Input;

use crate::domain::compare::Filter;
use crate::domain::{Session, SessionSetup};

use super::summary::SummaryAction;

use super::state::SessionEntry;

/// Everything that can change the app, in the facilitator's terms. Keys, timers and the
/// results of effects all arrive as one of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Time passes: drives the autosave timer and the time spent on a question.
    Tick(Timestamp),
    /// Save and quit, from anywhere (Ctrl-C, SIGTERM, SIGHUP).
    SaveAndQuit,
    /// `q`: back one screen (saving); quits from Home.
    Back,
    ShowHelp,
    CloseOverlay,
    /// Move the selection in a list (sessions, participants, review rows, form fields).
    Up,
    Down,

    // Home
    OpenSelected,
    ResumeLatest,
    NewSession,
    /// Open the summary on these sessions (empty filter: like the most recent session).
    OpenSummary(Filter),
    /// A key on the summary screen.
    Summary(SummaryAction),
    /// Write reports of what is on screen (the session, or the comparison) beside the sessions.
    Export,

    // The new-session form
    NextField,
    PrevField,
    /// ←/→ on a choice field (level, question set).
    CycleChoice(i8),
    /// A key typed into the focused text field or editor.
    Type(Input),
    /// A bracketed paste: one event, however long.
    Paste(String),
    StartSession,
    /// Create a session straight away (from `roundtable new`).
    Create(NewSession),

    // The question screen
    PrevQuestion,
    NextQuestion,
    /// A digit typed on the question screen: the selected participant's score.
    Vote(u8),
    Abstain,
    ClearVote,
    /// `g`: start setting the agreed score (proposes the median).
    SetAgreed,
    /// A digit while setting the agreed score.
    AgreedDigit(u8),
    AcceptAgreed,
    ClearAgreed,
    EditNotes,
    /// Leave an editor or a form (keeps what was typed).
    LeaveEditor,
    AddAction,
    SubmitAction,
    ToggleRevisit,
    TogglePrompts,
    ToggleSinceLastTime,
    /// Select the previous/next action of this question, for marking done or removing.
    SelectAction(i8),
    ToggleActionDone,
    RemoveAction,
    OpenReview,

    // Review
    JumpToQuestion,
    EditReflections,
    /// `F`: finish; asks once for confirmation.
    Finish,

    // Results of effects
    LibraryLoaded {
        sessions: Vec<SessionEntry>,
        problems: Vec<String>,
    },
    SessionOpened {
        path: PathBuf,
        session: Box<Session>,
    },
    SummaryLoaded {
        sessions: Vec<Session>,
        problems: Vec<String>,
        filter: Filter,
    },
    /// The save asked for on quit did not succeed: stay, and say so.
    QuitRefused,
    /// SIGTERM or SIGHUP: save what can be saved and go, whatever happens.
    Terminate,
    Saved {
        at: Timestamp,
        path: PathBuf,
    },
    SaveFailed {
        at: Timestamp,
        message: String,
    },
    /// A message for the status bar (an effect's outcome, a refusal).
    Notify(String),
}

/// What `update` asks the runtime to do. The runtime does it and reports back as actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the active session to its file (atomically).
    Save,
    /// Reload the sessions list from the store.
    LoadLibrary,
    /// Create a session from the form and open it.
    CreateSession(NewSession),
    /// Load the sessions in the store for the summary.
    OpenSummary(Filter),
    /// Write the active session's reports (Markdown, CSV, HTML) beside the sessions folder.
    ExportSession,
    /// Write the summary's comparison report beside the sessions folder.
    ExportSummary,
    /// Quit now.
    Quit,
    /// Quit if the last save succeeded; otherwise report back `QuitRefused`.
    QuitIfSaved,
}

/// A filled-in new-session form.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub set_id: String,
    pub setup: SessionSetup,
}
