//! What `update` asks of the world outside it, and where it asks the app to go next.
//!
//! Both are plain values: the runtime performs effects and reports back with actions; the
//! top-level `update` turns a [`Go`] into the next screen. Screens never build each other's
//! state, so no screen module depends on another.

use std::path::PathBuf;

use crate::domain::compare::Filter;
use crate::domain::overview::{OverviewFilter, OverviewSort};
use crate::domain::{NewSession, Session};

/// What `update` asks the runtime to do. The runtime does it and reports back as actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the open session to its file (atomically).
    Save,
    /// Reload the sessions list from the store.
    LoadLibrary,
    /// Create a session and open it.
    CreateSession(NewSession),
    /// Read the session file at this path in full and open it.
    OpenSession(PathBuf),
    /// Read the session file at this path for the new-session form to start from (the
    /// group, people and set of the last session); `None`: Home is still loading, so find
    /// the last session first.
    PrepareNewSession(Option<PathBuf>),
    /// Load one group's sessions for the summary (the filter's, or the latest session's).
    OpenSummary(Filter),
    /// Read every session in brief (through the index) for the programme overview.
    OpenOverview(OverviewFilter, OverviewSort),
    /// Write the open session's reports (Markdown, CSV, HTML) beside the sessions folder.
    ExportSession,
    /// Write the summary's comparison report beside the sessions folder.
    ExportSummary,
    /// Write the overview on screen (HTML and CSV) beside the sessions folder.
    ExportOverview,
    /// Give the session at this path a new title (saved atomically in its file).
    RenameSession { path: PathBuf, title: String },
    /// Move the session at this path into `archive/` (never deleted).
    SetAside(PathBuf),
    /// List the sessions set aside.
    LoadSetAside,
    /// Move a set-aside session back among the sessions.
    Restore(PathBuf),
    /// Find the sessions with two versions on disk, for the conflicts screen.
    OpenConflicts,
    /// Keep one version of a session with two (`shown` or, with `keep_other`, `other`):
    /// it becomes the session file, the other goes into `conflicts/`.
    KeepVersion {
        shown: PathBuf,
        other: PathBuf,
        keep_other: bool,
    },
    /// Quit now.
    Quit,
    /// Quit if the last save succeeded; otherwise report back `QuitRefused`.
    QuitIfSaved,
}

/// A screen's request to move to another screen, carried out by the top-level `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Go {
    /// Home, with the sessions list reloaded.
    Home,
    /// The new-session form, starting from the last session.
    NewSession,
    /// Open a session: its question screen, or its review when it is finished.
    Open {
        path: PathBuf,
        session: Box<Session>,
        /// The group's earlier sessions, read only when `session` was just started and
        /// has not yet taken in what they left open.
        earlier: Vec<Session>,
    },
    /// The open session's question screen, at this question.
    Question(usize),
    /// The open session's review.
    Review,
    /// Back from a group's summary: to the overview it was drilled into from, else Home.
    Back,
}
