//! Who is here (`w` on the question screen): add a latecomer, mark someone absent or back.
//!
//! A latecomer gets a seat at the end and shows "not yet" on every question so far; an
//! absent person keeps their seat and votes, is skipped by voting and shown as absent.
//! Nobody is deleted mid-session: a name typed twice is refused with a message.

use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::{Input, TextArea};

use super::editor;
use super::keytable::{Binding, KeyTable, Keys};
use super::shared::Shared;

/// The panel's own state.
#[derive(Debug, Clone, Default)]
pub struct PeoplePanel {
    /// The selected participant.
    pub row: usize,
    /// The latecomer's name being typed (`a`), until Enter adds them or Esc gives up.
    pub name: Option<TextArea<'static>>,
    pub error: Option<String>,
}

impl PartialEq for PeoplePanel {
    fn eq(&self, other: &Self) -> bool {
        self.row == other.row
            && self.error == other.error
            && self.name.as_ref().map(TextArea::lines) == other.name.as_ref().map(TextArea::lines)
    }
}
impl Eq for PeoplePanel {}

impl PeoplePanel {
    pub fn is_typing(&self) -> bool {
        self.name.is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PeopleAction {
    Up,
    Down,
    /// Mark the selected person absent, or back again.
    ToggleAbsent,
    /// Start typing a latecomer's name.
    StartAdd,
    Type(Input),
    /// Enter: add the latecomer typed.
    Add,
    /// Esc: stop typing, or close the panel.
    Close,
}

pub const KEYS: KeyTable<PeopleAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Up, KeyCode::Char('k')]),
        label: "↑ k",
        hint: Some(("↑↓", "person")),
        help: "select the person above",
        action: |_| PeopleAction::Up,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Down, KeyCode::Char('j')]),
        label: "↓ j",
        hint: None,
        help: "select the person below",
        action: |_| PeopleAction::Down,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char(' '), KeyCode::Enter]),
        label: "Space / Enter",
        hint: Some(("Space", "absent / back")),
        help: "mark the selected person absent (skipped by voting), or back again",
        action: |_| PeopleAction::ToggleAbsent,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('a')]),
        label: "a",
        hint: Some(("a", "add latecomer")),
        help: "add a latecomer (not voted on earlier questions)",
        action: |_| PeopleAction::StartAdd,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc, KeyCode::Char('w'), KeyCode::Char('q')]),
        label: "Esc / w",
        hint: Some(("Esc", "close")),
        help: "close the panel",
        action: |_| PeopleAction::Close,
    },
];

pub const NAME_KEYS: KeyTable<PeopleAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter]),
        label: "Enter",
        hint: Some(("Enter", "add")),
        help: "add the latecomer",
        action: |_| PeopleAction::Add,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc]),
        label: "Esc",
        hint: Some(("Esc", "cancel")),
        help: "do not add anyone",
        action: |_| PeopleAction::Close,
    },
    Binding {
        keys: Keys::Any,
        label: "typing",
        hint: None,
        help: "the latecomer's name",
        action: |key| PeopleAction::Type(Input::from(key)),
    },
];

pub fn keys(panel: &PeoplePanel) -> KeyTable<PeopleAction> {
    if panel.is_typing() { NAME_KEYS } else { KEYS }
}

/// Apply one action; `true` when the panel closes.
pub fn update(panel: &mut PeoplePanel, shared: &mut Shared, action: PeopleAction) -> bool {
    let Some(open) = shared.open.as_mut() else {
        return true;
    };
    let count = open.session.participants.count();
    match action {
        PeopleAction::Up => panel.row = panel.row.saturating_sub(1),
        PeopleAction::Down => panel.row = (panel.row + 1).min(count.saturating_sub(1)),
        PeopleAction::ToggleAbsent => {
            let name = open
                .session
                .participants
                .display_names()
                .get(panel.row)
                .cloned()
                .unwrap_or_default();
            let absent = open.session.toggle_absent(panel.row);
            shared.say(if absent {
                format!("{name}: absent (voting skips them)")
            } else {
                format!("{name}: back")
            });
            shared.changed();
        }
        PeopleAction::StartAdd => {
            panel.name = Some(editor::single_line(""));
            panel.error = None;
        }
        PeopleAction::Type(input) => {
            if let Some(field) = panel.name.as_mut() {
                editor::input_single_line(field, input);
                panel.error = None;
            }
        }
        PeopleAction::Add => {
            let typed = panel.name.as_ref().map(editor::text_of).unwrap_or_default();
            match open.session.add_participant(&typed) {
                Ok(()) => {
                    let names = open.session.participants.display_names();
                    let added = names.last().cloned().unwrap_or_default();
                    panel.row = names.len().saturating_sub(1);
                    panel.name = None;
                    shared.say(format!("{added} joined: not voted on the questions so far"));
                    shared.changed();
                }
                Err(e) => panel.error = Some(e),
            }
        }
        PeopleAction::Close => {
            if panel.name.take().is_none() {
                return true;
            }
            panel.error = None;
        }
    }
    false
}
