//! The conflicts screen (Home `c`): each session that has two versions on disk (a sync
//! client's copy, a second window's copy, an import's copy), what differs between them
//! field by field, and keeping either. Keeping never deletes: the other version is moved
//! into `conflicts/` by the store.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyCode;

use crate::domain::Session;
use crate::domain::diff::{Difference, differences};

use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use super::shared::Shared;

/// Two versions of one session, as the store found them.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictPair {
    /// The session file: the version kept ends up here.
    pub home: PathBuf,
    /// Version A: the one counted in lists and the summary now.
    pub shown_path: PathBuf,
    pub shown: Session,
    /// Version B: the other one.
    pub other_path: PathBuf,
    pub other: Session,
}

/// Which version to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConflictsAction {
    Up,
    Down,
    /// Scroll the differences.
    PageDown,
    PageUp,
    /// Keep this version (asked once: the same key again confirms).
    Keep(Side),
    /// Any other key: cancels a keep being asked.
    Other,
    Back,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConflictsState {
    pub pairs: Vec<ConflictPair>,
    pub row: usize,
    /// What differs in the selected pair, computed when it is selected.
    pub differences: Vec<Difference>,
    /// First difference shown.
    pub scroll: usize,
    /// A keep asked for and waiting for the same key again.
    pub confirming: Option<Side>,
}

/// How far PageDown moves the differences.
const PAGE: usize = 5;

impl ConflictsState {
    pub fn new(pairs: Vec<ConflictPair>) -> ConflictsState {
        let mut state = ConflictsState {
            pairs,
            row: 0,
            differences: Vec::new(),
            scroll: 0,
            confirming: None,
        };
        state.select(0);
        state
    }

    fn select(&mut self, row: usize) {
        self.row = row.min(self.pairs.len().saturating_sub(1));
        self.scroll = 0;
        self.differences = self
            .pairs
            .get(self.row)
            .map(|p| differences(&p.shown, &p.other))
            .unwrap_or_default();
    }

    pub fn selected(&self) -> Option<&ConflictPair> {
        self.pairs.get(self.row)
    }

    /// The list as reloaded after a keep: stay near the same row.
    pub fn reloaded(&self, pairs: Vec<ConflictPair>) -> ConflictsState {
        let mut state = ConflictsState::new(pairs);
        state.select(self.row);
        state
    }
}

pub const KEYS: KeyTable<ConflictsAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Up, KeyCode::Char('k')]),
        label: "↑ k",
        hint: Some(("↑↓", "session")),
        help: "the session above",
        action: |_| ConflictsAction::Up,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Down, KeyCode::Char('j')]),
        label: "↓ j",
        hint: None,
        help: "the session below",
        action: |_| ConflictsAction::Down,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::PageDown, KeyCode::Char(' ')]),
        label: "PgDn Space",
        hint: Some(("PgDn", "more")),
        help: "more of what differs",
        action: |_| ConflictsAction::PageDown,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::PageUp]),
        label: "PgUp",
        hint: None,
        help: "back up the list of what differs",
        action: |_| ConflictsAction::PageUp,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('a')]),
        label: "a",
        hint: Some(("a", "keep A")),
        help: "keep version A (asks once); B is moved into conflicts/, not deleted",
        action: |_| ConflictsAction::Keep(Side::A),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('b')]),
        label: "b",
        hint: Some(("b", "keep B")),
        help: "keep version B (asks once); A is moved into conflicts/, not deleted",
        action: |_| ConflictsAction::Keep(Side::B),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc, KeyCode::Char('q')]),
        label: "Esc q",
        hint: Some(("Esc", "back")),
        help: "back to Home",
        action: |_| ConflictsAction::Back,
    },
    Binding {
        keys: Keys::Any,
        label: "any other key",
        hint: None,
        help: "cancel a keep being asked",
        action: |_| ConflictsAction::Other,
    },
];

pub fn update(
    state: &mut ConflictsState,
    shared: &mut Shared,
    action: ConflictsAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    let confirming = state.confirming.take();
    match action {
        ConflictsAction::Up => state.select(state.row.saturating_sub(1)),
        ConflictsAction::Down => state.select(state.row + 1),
        ConflictsAction::PageDown => {
            let last = state.differences.len().saturating_sub(1);
            state.scroll = (state.scroll + PAGE).min(last);
        }
        ConflictsAction::PageUp => state.scroll = state.scroll.saturating_sub(PAGE),
        ConflictsAction::Keep(side) => {
            let Some(pair) = state.selected() else {
                shared.say("No conflicts to resolve");
                return None;
            };
            if let Some(why) = &shared.read_only {
                shared.say(format!("Read-only folder, nothing kept ({})", why.reason));
                return None;
            }
            // The open session's unsaved work would be saved over the version kept.
            let open_unsaved = shared
                .open
                .as_ref()
                .is_some_and(|o| o.session.id == pair.shown.id && shared.save.dirty);
            if open_unsaved {
                shared.say("This session has unsaved changes: wait until it says saved");
                return None;
            }
            let (keep, set_aside) = match side {
                Side::A => ("A", "B"),
                Side::B => ("B", "A"),
            };
            if confirming == Some(side) {
                effects.push(Effect::KeepVersion {
                    shown: pair.shown_path.clone(),
                    other: pair.other_path.clone(),
                    keep_other: side == Side::B,
                });
            } else {
                state.confirming = Some(side);
                let key = keep.to_lowercase();
                shared.say(format!(
                    "Keep {keep} and move {set_aside} into conflicts/? {key} again to keep, any other key to cancel"
                ));
            }
        }
        ConflictsAction::Other => {
            if confirming.is_some() {
                shared.say("Nothing changed");
            }
        }
        ConflictsAction::Back => return Some(Go::Home),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;

    fn pair(title_b: &str) -> ConflictPair {
        let shown = Session::from_ron(include_str!(
            "../../sessions/2026-01-20-q1-roundtable-8c1016b9.ron"
        ))
        .unwrap();
        let mut other = shown.clone();
        other.title = title_b.into();
        ConflictPair {
            home: "s/a.ron".into(),
            shown_path: "s/a.ron".into(),
            shown,
            other_path: "s/a (conflicted copy).ron".into(),
            other,
        }
    }

    #[test]
    fn keeping_asks_once_and_the_same_key_confirms() {
        let mut app = App::new(Vec::new(), "s".into(), jiff::Timestamp::UNIX_EPOCH);
        let mut state = ConflictsState::new(vec![pair("B's title")]);
        assert_eq!(state.differences.len(), 1);
        let mut effects = Vec::new();
        let shared = &mut app.shared;
        update(
            &mut state,
            shared,
            ConflictsAction::Keep(Side::B),
            &mut effects,
        );
        assert!(effects.is_empty());
        assert_eq!(state.confirming, Some(Side::B));
        update(
            &mut state,
            shared,
            ConflictsAction::Keep(Side::A),
            &mut effects,
        );
        assert!(effects.is_empty(), "another side asks again, never keeps");
        update(&mut state, shared, ConflictsAction::Other, &mut effects);
        assert_eq!(state.confirming, None);
        update(
            &mut state,
            shared,
            ConflictsAction::Keep(Side::B),
            &mut effects,
        );
        update(
            &mut state,
            shared,
            ConflictsAction::Keep(Side::B),
            &mut effects,
        );
        assert_eq!(
            effects,
            vec![Effect::KeepVersion {
                shown: "s/a.ron".into(),
                other: "s/a (conflicted copy).ron".into(),
                keep_other: true,
            }]
        );
    }

    #[test]
    fn a_read_only_folder_keeps_nothing() {
        let mut app = App::new(Vec::new(), "s".into(), jiff::Timestamp::UNIX_EPOCH);
        app.shared.read_only = Some(crate::app::ReadOnly {
            reason: "permission denied".into(),
            reports_dir: "r".into(),
        });
        let mut state = ConflictsState::new(vec![pair("B")]);
        let mut effects = Vec::new();
        for _ in 0..2 {
            update(
                &mut state,
                &mut app.shared,
                ConflictsAction::Keep(Side::A),
                &mut effects,
            );
        }
        assert!(effects.is_empty());
        assert!(
            app.shared
                .message
                .unwrap_or_default()
                .starts_with("Read-only")
        );
    }
}
