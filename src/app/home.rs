//! Home: the sessions in the folder (in progress first), new session, summary, quit.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::{Input, TextArea};

use crate::domain::Status;
use crate::domain::compare::Filter;

use super::editor;
use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use super::shared::{SessionEntry, Shared};

/// Home's own state: which row is selected, and what is being done to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeState {
    pub row: usize,
    pub mode: HomeMode,
}

/// Housekeeping on Home: renaming a session, setting one aside, the set-aside list.
#[derive(Debug, Clone, Default)]
pub enum HomeMode {
    #[default]
    Browsing,
    /// `m`: the new title being typed for the session at `path`.
    Renaming {
        path: PathBuf,
        title: Box<TextArea<'static>>,
    },
    /// `z` pressed once: a second `z` sets the session at `path` aside.
    ConfirmSetAside { path: PathBuf, title: String },
    /// `Z`: the sessions set aside, one to restore.
    SetAside {
        entries: Vec<SessionEntry>,
        row: usize,
    },
}

impl PartialEq for HomeMode {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (HomeMode::Browsing, HomeMode::Browsing) => true,
            (
                HomeMode::Renaming { path: a, title: t },
                HomeMode::Renaming { path: b, title: u },
            ) => a == b && t.lines() == u.lines(),
            (
                HomeMode::ConfirmSetAside { path: a, .. },
                HomeMode::ConfirmSetAside { path: b, .. },
            ) => a == b,
            (
                HomeMode::SetAside { entries: a, row: r },
                HomeMode::SetAside { entries: b, row: s },
            ) => a == b && r == s,
            _ => false,
        }
    }
}
impl Eq for HomeMode {}

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
    /// `m`: rename the selected session.
    Rename,
    /// `z`: set the selected session aside (asks first).
    SetAside,
    /// `Z`: list the sessions set aside.
    ShowSetAside,
    /// Restore the set-aside session selected in that list.
    Restore,
    /// A key typed into the new title.
    Type(Input),
    /// Enter on the new title.
    SaveTitle,
    /// Esc, or any other key while asked: back to the sessions list.
    Cancel,
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
        keys: Keys::Codes(&[KeyCode::Char('m')]),
        label: "m",
        hint: Some(("m", "rename")),
        help: "rename the selected session (its title)",
        action: |_| HomeAction::Rename,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('z')]),
        label: "z",
        hint: Some(("z", "set aside")),
        help: "set the selected session aside: moved to archive/, never deleted (asks first)",
        action: |_| HomeAction::SetAside,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('Z')]),
        label: "Z",
        hint: None,
        help: "the sessions set aside, to restore one",
        action: |_| HomeAction::ShowSetAside,
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

/// Typing a new title.
pub const RENAME_KEYS: KeyTable<HomeAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter]),
        label: "Enter",
        hint: Some(("Enter", "save title")),
        help: "save the new title",
        action: |_| HomeAction::SaveTitle,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc]),
        label: "Esc",
        hint: Some(("Esc", "cancel")),
        help: "keep the title as it was",
        action: |_| HomeAction::Cancel,
    },
    Binding {
        keys: Keys::Any,
        label: "typing",
        hint: None,
        help: "the new title",
        action: |key| HomeAction::Type(Input::from(key)),
    },
];

/// Asked "set this session aside?".
pub const CONFIRM_KEYS: KeyTable<HomeAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('z')]),
        label: "z",
        hint: Some(("z", "set it aside")),
        help: "move it to archive/ (Z lists and restores)",
        action: |_| HomeAction::SetAside,
    },
    Binding {
        keys: Keys::Any,
        label: "any key",
        hint: Some(("any key", "keep it")),
        help: "keep it where it is",
        action: |_| HomeAction::Cancel,
    },
];

/// The list of sessions set aside.
pub const SET_ASIDE_KEYS: KeyTable<HomeAction> = &[
    KEYS[0],
    KEYS[1],
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter, KeyCode::Char('u')]),
        label: "Enter / u",
        hint: Some(("Enter", "restore")),
        help: "move the selected session back among the sessions",
        action: |_| HomeAction::Restore,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('Z')]),
        label: "Esc / Z",
        hint: Some(("Esc", "back")),
        help: "back to the sessions",
        action: |_| HomeAction::Cancel,
    },
];

/// The key table for Home's current mode.
pub fn keys(state: &HomeState) -> KeyTable<HomeAction> {
    match state.mode {
        HomeMode::Browsing => KEYS,
        HomeMode::Renaming { .. } => RENAME_KEYS,
        HomeMode::ConfirmSetAside { .. } => CONFIRM_KEYS,
        HomeMode::SetAside { .. } => SET_ASIDE_KEYS,
    }
}

pub fn update(
    state: &mut HomeState,
    shared: &mut Shared,
    action: HomeAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    let count = shared.library.sessions.len();
    if let HomeMode::SetAside { entries, row } = &mut state.mode {
        match action {
            HomeAction::Up => *row = row.saturating_sub(1),
            HomeAction::Down => *row = (*row + 1).min(entries.len().saturating_sub(1)),
            HomeAction::Restore => match entries.get(*row) {
                Some(entry) => {
                    effects.push(Effect::Restore(entry.path.clone()));
                    state.mode = HomeMode::Browsing;
                }
                None => shared.say("Nothing set aside to restore"),
            },
            _ => state.mode = HomeMode::Browsing,
        }
        return None;
    }
    let selected = shared
        .library
        .home_rows()
        .get(state.row)
        .map(|e| (e.path.clone(), e.digest.title.clone()));
    match action {
        HomeAction::Up => state.row = state.row.saturating_sub(1),
        HomeAction::Down => state.row = (state.row + 1).min(count.saturating_sub(1)),
        HomeAction::Rename => match selected {
            Some((path, title)) => {
                let mut field = editor::single_line(&title);
                field.move_cursor(ratatui_textarea::CursorMove::End);
                state.mode = HomeMode::Renaming {
                    path,
                    title: Box::new(field),
                };
            }
            None => shared.say("No session to rename: n starts one"),
        },
        HomeAction::Type(input) => {
            if let HomeMode::Renaming { title, .. } = &mut state.mode {
                editor::input_single_line(title, input);
            }
        }
        HomeAction::SaveTitle => {
            if let HomeMode::Renaming { path, title } = &state.mode {
                let title = editor::text_of(title).trim().to_string();
                if title.is_empty() {
                    shared.say("A session needs a title: type one, or Esc keeps the old one");
                    return None;
                }
                // The open session (if it is this one) takes the title too, so a later
                // autosave of it does not put the old one back.
                if let Some(open) = shared.open.as_mut().filter(|o| o.path == *path) {
                    open.session.title = title.clone();
                }
                effects.push(Effect::RenameSession {
                    path: path.clone(),
                    title,
                });
                state.mode = HomeMode::Browsing;
            }
        }
        HomeAction::SetAside => match (&state.mode, selected) {
            (HomeMode::ConfirmSetAside { path, .. }, _) => {
                effects.push(Effect::SetAside(path.clone()));
                state.mode = HomeMode::Browsing;
            }
            (_, Some((path, title))) => {
                if shared
                    .open
                    .as_ref()
                    .is_some_and(|o| o.path == path && shared.save.dirty)
                {
                    shared.say("This session has unsaved changes: open it and let it save first");
                    return None;
                }
                shared.say(format!(
                    "Set “{title}” aside? z moves it to archive/ (never deleted); any other key keeps it"
                ));
                state.mode = HomeMode::ConfirmSetAside { path, title };
            }
            (_, None) => shared.say("No session to set aside"),
        },
        HomeAction::ShowSetAside => effects.push(Effect::LoadSetAside),
        HomeAction::Restore => {}
        HomeAction::Cancel => state.mode = HomeMode::Browsing,
        HomeAction::Open => {
            let rows = shared.library.home_rows();
            if let Some(entry) = rows.get(state.row) {
                let path = entry.path.clone();
                return open(shared, path, effects);
            }
        }
        HomeAction::Resume => {
            let latest = shared
                .library
                .sessions
                .iter()
                .find(|e| e.digest.status == Status::InProgress);
            match latest {
                Some(entry) => {
                    let path = entry.path.clone();
                    return open(shared, path, effects);
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

/// Open the session in `path`: the one already open from memory (it may hold what a failing
/// disk has not yet saved), any other read afresh from its file.
fn open(shared: &Shared, path: PathBuf, effects: &mut Vec<Effect>) -> Option<Go> {
    match shared.open.as_ref().filter(|o| o.path == path) {
        Some(open) => Some(Go::Open {
            path,
            session: Box::new(open.session.clone()),
            earlier: Vec::new(),
        }),
        None => {
            effects.push(Effect::OpenSession(path));
            None
        }
    }
}

/// Keep the selection on a row that exists after the list changed.
pub fn clamp(state: &mut HomeState, shared: &Shared) {
    state.row = state
        .row
        .min(shared.library.sessions.len().saturating_sub(1));
}
