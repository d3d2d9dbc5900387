//! The review screen: every question of the open session at a glance, the session's
//! reflections, reports, and finishing. Its state, actions, pure update and keys.

use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::Input;

use crate::domain::Status;

use super::editor;
use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use super::shared::{OpenSession, Shared};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewMode {
    Browsing,
    /// Typing goes into the session reflections.
    Reflections,
    /// `F` was pressed once; a second `F` finishes.
    ConfirmFinish,
}

/// The review screen's own state.
#[derive(Debug, Clone)]
pub struct ReviewState {
    /// The selected question.
    pub row: usize,
    pub mode: ReviewMode,
    pub reflections: editor::NoteEditor,
}

impl ReviewState {
    /// The review of the open session, on the question it was at.
    pub fn new(open: &OpenSession) -> ReviewState {
        ReviewState {
            row: open.current(),
            mode: ReviewMode::Browsing,
            reflections: editor::NoteEditor::new(&open.session.reflections),
        }
    }

    pub fn is_typing(&self) -> bool {
        self.mode == ReviewMode::Reflections
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReviewAction {
    Up,
    Down,
    /// Open the selected question.
    JumpToQuestion,
    EditReflections,
    LeaveEditor,
    Type(Input),
    /// `F`: finish; asks once for confirmation.
    Finish,
    /// Write the session's reports beside the sessions folder.
    Export,
    /// `o`: reopen a finished session to change it.
    Reopen,
    /// Back to the question screen.
    Back,
}

pub const BROWSING_KEYS: KeyTable<ReviewAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Up, KeyCode::Char('k')]),
        label: "↑ k",
        hint: Some(("↑↓", "question")),
        help: "select the question above",
        action: |_| ReviewAction::Up,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Down, KeyCode::Char('j')]),
        label: "↓ j",
        hint: None,
        help: "select the question below",
        action: |_| ReviewAction::Down,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter]),
        label: "Enter",
        hint: Some(("Enter", "open question")),
        help: "open the selected question",
        action: |_| ReviewAction::JumpToQuestion,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('e')]),
        label: "e",
        hint: Some(("e", "reflections")),
        help: "write the session's reflections (Esc to stop)",
        action: |_| ReviewAction::EditReflections,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('F')]),
        label: "F",
        hint: Some(("F", "finish")),
        help: "finish the session (asks once)",
        action: |_| ReviewAction::Finish,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('x')]),
        label: "x",
        hint: Some(("x", "export reports")),
        help: "write the reports (Markdown, CSV, HTML) beside the sessions folder",
        action: |_| ReviewAction::Export,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('o')]),
        label: "o",
        hint: None,
        help: "reopen a finished session to change it",
        action: |_| ReviewAction::Reopen,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('q'), KeyCode::Esc, KeyCode::Left]),
        label: "q / Esc / ←",
        hint: Some(("q", "back")),
        help: "back to the question",
        action: |_| ReviewAction::Back,
    },
];

pub const REFLECTIONS_KEYS: KeyTable<ReviewAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc]),
        label: "Esc",
        hint: Some(("Esc", "done editing")),
        help: "stop editing (the reflections are kept and saved)",
        action: |_| ReviewAction::LeaveEditor,
    },
    Binding {
        keys: Keys::Any,
        label: "typing",
        hint: None,
        help: "into the reflections; Ctrl-U undoes; Ctrl-Home/End: start/end",
        action: |key| ReviewAction::Type(Input::from(key)),
    },
];

pub const CONFIRM_FINISH_KEYS: KeyTable<ReviewAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('F')]),
        label: "F",
        hint: Some(("F", "finish")),
        help: "mark the session complete",
        action: |_| ReviewAction::Finish,
    },
    Binding {
        keys: Keys::Any,
        label: "any key",
        hint: Some(("any key", "go on")),
        help: "go on without finishing",
        action: |_| ReviewAction::LeaveEditor,
    },
];

pub fn keys(state: &ReviewState) -> KeyTable<ReviewAction> {
    match state.mode {
        ReviewMode::Browsing => BROWSING_KEYS,
        ReviewMode::Reflections => REFLECTIONS_KEYS,
        ReviewMode::ConfirmFinish => CONFIRM_FINISH_KEYS,
    }
}

pub fn update(
    state: &mut ReviewState,
    shared: &mut Shared,
    action: ReviewAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    let changes = matches!(
        action,
        ReviewAction::EditReflections | ReviewAction::Type(_) | ReviewAction::Finish
    );
    if changes && shared.refuse_if_finished() {
        state.mode = ReviewMode::Browsing;
        return None;
    }
    let Some(open) = shared.open.as_mut() else {
        return Some(Go::Home);
    };
    let count = open.session.questions.len();
    match action {
        ReviewAction::Up => state.row = state.row.saturating_sub(1),
        ReviewAction::Down => state.row = (state.row + 1).min(count.saturating_sub(1)),
        ReviewAction::JumpToQuestion => return Some(Go::Question(state.row)),
        ReviewAction::EditReflections => state.mode = ReviewMode::Reflections,
        ReviewAction::LeaveEditor => state.mode = ReviewMode::Browsing,
        ReviewAction::Type(input) => {
            if state.mode == ReviewMode::Reflections && state.reflections.input(input) {
                state.reflections.write_into(&mut open.session.reflections);
                shared.changed();
            }
        }
        ReviewAction::Finish => finish(state, shared, effects),
        ReviewAction::Export => effects.push(Effect::ExportSession),
        ReviewAction::Reopen => shared.reopen(),
        ReviewAction::Back => {
            if state.mode != ReviewMode::Browsing {
                state.mode = ReviewMode::Browsing;
                return None;
            }
            return Some(Go::Question(open.current()));
        }
    }
    None
}

/// A paste goes into the reflections (opening them if need be).
pub fn paste(state: &mut ReviewState, shared: &mut Shared, text: &str) {
    if shared.refuse_if_finished() {
        return;
    }
    state.mode = ReviewMode::Reflections;
    state.reflections.paste(text);
    if let Some(open) = shared.open.as_mut() {
        state.reflections.write_into(&mut open.session.reflections);
    }
    shared.changed();
}

fn finish(state: &mut ReviewState, shared: &mut Shared, effects: &mut Vec<Effect>) {
    let now = shared.now;
    let Some(open) = shared.open.as_mut() else {
        return;
    };
    if state.mode != ReviewMode::ConfirmFinish {
        state.mode = ReviewMode::ConfirmFinish;
        let unanswered = open.session.questions.len() - open.session.answered_count();
        shared.say(if unanswered > 0 {
            format!(
                "{unanswered} question(s) have no scores yet. Press F again to finish anyway; any other key to go on"
            )
        } else {
            "Press F again to mark the session complete; any other key to go on".into()
        });
        return;
    }
    state.mode = ReviewMode::Browsing;
    open.session.status = Status::Complete;
    open.session.finished = Some(now.max(open.session.created));
    shared.changed();
    shared.request_save(effects);
    shared.say("Session finished and saved");
}
