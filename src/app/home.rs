//! Home: the sessions in the folder (in progress first), new session, summary, quit.

use ratatui::crossterm::event::KeyCode;

use crate::domain::Status;
use crate::domain::compare::Filter;

use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use super::shared::Shared;

/// Home's own state: which row is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeState {
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeAction {
    Up,
    Down,
    /// Open the selected session.
    Open,
    /// Reopen the most recently updated session in progress.
    Resume,
    NewSession,
    /// The summary of the most recent session's group and set.
    Summary,
    /// Sessions with two versions on disk: compare and keep one.
    Conflicts,
    /// Every group side by side: the programme overview.
    Overview,
    Quit,
}

pub const KEYS: KeyTable<HomeAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Up, KeyCode::Char('k')]),
        label: "↑ k",
        hint: Some(("↑↓", "select")),
        help: "select the session above",
        action: |_| HomeAction::Up,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Down, KeyCode::Char('j')]),
        label: "↓ j",
        hint: None,
        help: "select the session below",
        action: |_| HomeAction::Down,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter]),
        label: "Enter",
        hint: Some(("Enter", "open")),
        help: "open the selected session (a finished one opens on its review)",
        action: |_| HomeAction::Open,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('r')]),
        label: "r",
        hint: Some(("r", "resume")),
        help: "resume the latest session in progress",
        action: |_| HomeAction::Resume,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('n')]),
        label: "n",
        hint: Some(("n", "new session")),
        help: "start a new session",
        action: |_| HomeAction::NewSession,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('s')]),
        label: "s",
        hint: Some(("s", "summary")),
        help: "compare the group's sessions over time",
        action: |_| HomeAction::Summary,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('c')]),
        label: "c",
        // Home says "press c" beside the sessions that have a conflict.
        hint: None,
        help: "sessions with two versions on disk: see what differs, keep either",
        action: |_| HomeAction::Conflicts,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('o')]),
        label: "o",
        hint: Some(("o", "overview")),
        help: "every group side by side on one question set",
        action: |_| HomeAction::Overview,
    },
    Binding {
        // Only q quits: Esc is "back", and a facilitator leaving the notes with one Esc too
        // many must not close the app in front of the room.
        keys: Keys::Codes(&[KeyCode::Char('q')]),
        label: "q",
        hint: Some(("q", "quit")),
        help: "quit Roundtable (everything is saved)",
        action: |_| HomeAction::Quit,
    },
];

pub fn update(
    state: &mut HomeState,
    shared: &mut Shared,
    action: HomeAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    let count = shared.library.sessions.len();
    match action {
        HomeAction::Up => state.row = state.row.saturating_sub(1),
        HomeAction::Down => state.row = (state.row + 1).min(count.saturating_sub(1)),
        HomeAction::Open => {
            let rows = shared.library.home_rows();
            if let Some(entry) = rows.get(state.row) {
                return Some(Go::Open {
                    path: entry.path.clone(),
                    session: Box::new(entry.session.clone()),
                });
            }
        }
        HomeAction::Resume => {
            let latest = shared
                .library
                .sessions
                .iter()
                .find(|e| e.session.status == Status::InProgress);
            match latest {
                Some(entry) => {
                    return Some(Go::Open {
                        path: entry.path.clone(),
                        session: Box::new(entry.session.clone()),
                    });
                }
                None if shared.library.loading.is_some() => {
                    shared.say("Still reading the sessions folder: try again in a moment")
                }
                None => shared.say("No session in progress: press n to start one"),
            }
        }
        HomeAction::NewSession => return Some(Go::NewSession),
        HomeAction::Conflicts => effects.push(Effect::OpenConflicts),
        HomeAction::Summary => effects.push(Effect::OpenSummary(Filter::default())),
        HomeAction::Overview => {
            effects.push(Effect::OpenOverview(Default::default(), Default::default()))
        }
        HomeAction::Quit => {
            // Once refused (saves failing), `q` insists like a second Ctrl-C.
            effects.push(if shared.quit_armed {
                Effect::Quit
            } else {
                Effect::QuitIfSaved
            });
            shared.quitting = true;
        }
    }
    None
}

/// Keep the selection on a row that exists after the list changed.
pub fn clamp(state: &mut HomeState, shared: &Shared) {
    state.row = state
        .row
        .min(shared.library.sessions.len().saturating_sub(1));
}
