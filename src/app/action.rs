//! Everything that can change the app, in the facilitator's terms. Keys (through each
//! screen's key table), timers and the results of effects all arrive as an [`Action`].

use std::path::PathBuf;

use jiff::Timestamp;

use crate::domain::compare::Filter;
use crate::domain::digest::SessionDigest;
use crate::domain::overview::{OverviewFilter, OverviewSort};
use crate::domain::{NewSession, Session};

use super::conflicts::{ConflictPair, ConflictsAction};
use super::home::HomeAction;
use super::overview::OverviewAction;
use super::question::QuestionAction;
use super::review::ReviewAction;
use super::setup::SetupAction;
use super::shared::SessionEntry;
use super::summary::SummaryAction;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Time passes: drives the autosave timer and the time spent on a question.
    Tick(Timestamp),
    /// Save and quit, from anywhere (Ctrl-C).
    SaveAndQuit,
    /// SIGTERM or SIGHUP: save what can be saved and go, whatever happens.
    Terminate,
    ShowHelp,
    CloseOverlay,
    /// See more (1) or less (-1) of a help taller than the window.
    ScrollHelp(i8),
    /// The terminal's size, at start and whenever it changes.
    Resize {
        width: u16,
        height: u16,
    },
    /// A bracketed paste: one event, however long. It goes where the screen's typing goes.
    Paste(String),

    // A key on one screen, as that screen's key table reads it.
    Home(HomeAction),
    Setup(SetupAction),
    Question(QuestionAction),
    Review(ReviewAction),
    Summary(SummaryAction),
    Conflicts(ConflictsAction),
    Overview(OverviewAction),

    /// Create a session straight away (from `roundtable new`).
    Create(NewSession),
    /// Open the summary on these sessions (empty filter: like the most recent session).
    OpenSummary(Filter),
    /// Open the programme overview (from `roundtable overview`).
    OpenOverview(OverviewFilter, OverviewSort),

    // Results of effects
    /// The sessions folder is being read: `done` of `total` files so far.
    LibraryLoading {
        done: usize,
        total: usize,
    },
    LibraryLoaded {
        sessions: Vec<SessionEntry>,
        problems: Vec<String>,
    },
    SessionOpened {
        path: PathBuf,
        session: Box<Session>,
    },
    /// A session file read for opening, with the group's earlier sessions when it needs them.
    SessionRead {
        path: PathBuf,
        session: Box<Session>,
        earlier: Vec<Session>,
    },
    /// The new-session form, starting from this session (the last one), if it could be read.
    NewSessionFrom(Option<Box<Session>>),
    /// One group's sessions for the summary, and every group there is to switch to.
    SummaryLoaded {
        sessions: Vec<Session>,
        groups: Vec<String>,
        problems: Vec<String>,
        filter: Filter,
    },
    /// Session files with another version on disk (after `LibraryLoaded`), for Home.
    ConflictsFound(Vec<PathBuf>),
    /// The sessions with two versions, for the conflicts screen.
    ConflictsLoaded(Vec<ConflictPair>),
    /// One version of a session was kept (the session with this id is now `path`).
    VersionKept {
        id: uuid::Uuid,
        message: String,
    },
    OverviewLoaded {
        digests: Vec<SessionDigest>,
        problems: Vec<String>,
        filter: OverviewFilter,
        sort: OverviewSort,
    },
    /// The save asked for on quit did not succeed: stay, and say so.
    QuitRefused,
    Saved {
        at: Timestamp,
        path: PathBuf,
    },
    SaveFailed {
        at: Timestamp,
        message: String,
    },
    /// The sessions set aside (`archive/`), for Home's list.
    SetAsideLoaded(Vec<SessionEntry>),
    /// A message for the status bar (an effect's outcome, a refusal).
    Notify(String),
}
