//! Keys to actions: what each key means depends on the screen and on whether the
//! facilitator is typing.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::Input;

use super::action::Action;
use super::setup::Field;
use super::state::{App, Mode, Screen};
use crate::domain::compare::Filter;

pub fn action_for_key(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
        return Some(Action::SaveAndQuit);
    }
    if app.show_help {
        return Some(Action::CloseOverlay);
    }
    if key.code == KeyCode::F(1) || (key.code == KeyCode::Char('?') && !app.is_typing()) {
        return Some(Action::ShowHelp);
    }
    match app.screen {
        Screen::Home => home(key),
        Screen::Setup => setup(app, key),
        Screen::Question => question(app, key),
        Screen::Review => review(app, key),
        Screen::Summary => summary(key),
    }
}

fn home(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Enter => Action::OpenSelected,
        KeyCode::Char('r') => Action::ResumeLatest,
        KeyCode::Char('n') => Action::NewSession,
        KeyCode::Char('s') => Action::OpenSummary(Filter::default()),
        KeyCode::Char('q') | KeyCode::Esc => Action::Back,
        _ => return None,
    })
}

fn setup(app: &App, key: KeyEvent) -> Option<Action> {
    let on_choice = app.setup.as_ref().is_some_and(|f| f.focus.is_choice());
    Some(match key.code {
        KeyCode::Tab | KeyCode::Down => Action::NextField,
        KeyCode::BackTab | KeyCode::Up => Action::PrevField,
        KeyCode::Enter => Action::StartSession,
        KeyCode::Esc => Action::Back,
        KeyCode::Left if on_choice => Action::CycleChoice(-1),
        KeyCode::Right | KeyCode::Char(' ') if on_choice => Action::CycleChoice(1),
        _ if on_choice => return None,
        _ if app
            .setup
            .as_ref()
            .is_some_and(|f| f.focus == Field::Minutes)
            && matches!(key.code, KeyCode::Char(c) if !c.is_ascii_digit()) =>
        {
            return None;
        }
        _ => Action::Type(Input::from(key)),
    })
}

fn question(app: &App, key: KeyEvent) -> Option<Action> {
    match app.mode() {
        Some(Mode::Notes) => Some(match key.code {
            KeyCode::Esc => Action::LeaveEditor,
            _ => Action::Type(Input::from(key)),
        }),
        Some(Mode::AddingAction(_)) => Some(match key.code {
            KeyCode::Esc => Action::LeaveEditor,
            KeyCode::Tab | KeyCode::Down => Action::NextField,
            KeyCode::BackTab | KeyCode::Up => Action::PrevField,
            KeyCode::Enter => Action::SubmitAction,
            _ => Action::Type(Input::from(key)),
        }),
        Some(Mode::Agreeing { .. }) => Some(match key.code {
            KeyCode::Char(c @ '0'..='9') => Action::AgreedDigit(c as u8 - b'0'),
            KeyCode::Enter | KeyCode::Char('g') => Action::AcceptAgreed,
            KeyCode::Backspace | KeyCode::Delete => Action::ClearAgreed,
            _ => Action::LeaveEditor,
        }),
        Some(Mode::ConfirmRemoveAction) => Some(match key.code {
            KeyCode::Char('x') => Action::RemoveAction,
            _ => Action::LeaveEditor,
        }),
        _ => Some(match key.code {
            KeyCode::Left | KeyCode::Char('h') => Action::PrevQuestion,
            KeyCode::Right | KeyCode::Char('l') => Action::NextQuestion,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::Char(c @ '0'..='9') => Action::Vote(c as u8 - b'0'),
            KeyCode::Char('-') => Action::Abstain,
            KeyCode::Backspace | KeyCode::Delete => Action::ClearVote,
            KeyCode::Char('g') => Action::SetAgreed,
            KeyCode::Char('e') | KeyCode::Enter => Action::EditNotes,
            KeyCode::Char('a') => Action::AddAction,
            KeyCode::Char('f') => Action::ToggleRevisit,
            KeyCode::Char('p') => Action::TogglePrompts,
            KeyCode::Char('t') => Action::ToggleSinceLastTime,
            KeyCode::Char('[') => Action::SelectAction(-1),
            KeyCode::Char(']') => Action::SelectAction(1),
            KeyCode::Char('d') => Action::ToggleActionDone,
            KeyCode::Char('x') => Action::RemoveAction,
            KeyCode::Char('r') => Action::OpenReview,
            KeyCode::Char('q') | KeyCode::Esc => Action::Back,
            _ => return None,
        }),
    }
}

fn review(app: &App, key: KeyEvent) -> Option<Action> {
    match app.mode() {
        Some(Mode::Reflections) => Some(match key.code {
            KeyCode::Esc => Action::LeaveEditor,
            _ => Action::Type(Input::from(key)),
        }),
        Some(Mode::ConfirmFinish) => Some(match key.code {
            KeyCode::Char('F') => Action::Finish,
            _ => Action::LeaveEditor,
        }),
        _ => Some(match key.code {
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::Enter => Action::JumpToQuestion,
            KeyCode::Char('e') => Action::EditReflections,
            KeyCode::Char('F') => Action::Finish,
            KeyCode::Char('x') => Action::Export,
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Left => Action::Back,
            _ => return None,
        }),
    }
}

fn summary(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('q') | KeyCode::Esc => Action::Back,
        KeyCode::Char('x') => Action::Export,
        code => Action::Summary(super::summary::action_for_key(code)?),
    })
}

/// The keys of the current screen, for the hint bar and the help overlay: (key, what it does).
pub fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    match app.screen {
        Screen::Home => vec![
            ("↑↓", "select"),
            ("Enter", "open"),
            ("r", "resume"),
            ("n", "new session"),
            ("s", "summary"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Setup => vec![
            ("Tab/↑↓", "field"),
            ("←→", "choose"),
            ("Enter", "start"),
            ("Esc", "cancel"),
            ("F1", "help"),
        ],
        Screen::Question => match app.mode() {
            Some(Mode::Notes) => vec![
                ("Esc", "done editing"),
                ("Ctrl-U", "undo"),
                ("Ctrl-C", "save & quit"),
            ],
            Some(Mode::AddingAction(_)) => vec![
                ("Tab", "next field"),
                ("Enter", "add action"),
                ("Esc", "cancel"),
            ],
            Some(Mode::Agreeing { .. }) => vec![
                ("digit", "agreed score"),
                ("Enter", "accept proposed"),
                ("Del", "clear"),
                ("Esc", "cancel"),
            ],
            Some(Mode::ConfirmRemoveAction) => vec![("x", "remove action"), ("any key", "keep it")],
            _ => vec![
                ("←→", "question"),
                ("↑↓", "person"),
                ("digit", "vote"),
                ("-", "abstain"),
                ("g", "agree"),
                ("e", "notes"),
                ("a", "action"),
                ("f", "revisit"),
                ("r", "review"),
                ("?", "help"),
                ("q", "back"),
            ],
        },
        Screen::Review => match app.mode() {
            Some(Mode::Reflections) => vec![("Esc", "done editing"), ("Ctrl-C", "save & quit")],
            Some(Mode::ConfirmFinish) => vec![("F", "finish"), ("any key", "go on")],
            _ => vec![
                ("↑↓", "question"),
                ("Enter", "open question"),
                ("e", "reflections"),
                ("F", "finish"),
                ("x", "export reports"),
                ("?", "help"),
                ("q", "back"),
            ],
        },
        Screen::Summary => {
            let mut keys = super::summary::key_hints().to_vec();
            keys.extend([("x", "export"), ("?", "help"), ("q", "back")]);
            keys
        }
    }
}

/// Every key of the question screen, for the help overlay (the hint bar shows the main ones).
pub const QUESTION_HELP: &[(&str, &str)] = &[
    ("← → / h l", "previous / next question (saves)"),
    ("↑ ↓ / k j", "select participant"),
    (
        "1–9, 0",
        "vote for the selected participant, then move to the next",
    ),
    ("-", "record an abstention"),
    ("Backspace", "clear the selected participant's vote"),
    (
        "g",
        "set the agreed score (Enter accepts the proposed median)",
    ),
    ("e / Enter", "edit notes (Esc to stop; pasting works)"),
    ("a", "add an action (text, owner, due date)"),
    ("[ ]", "select an action; d marks it done, x removes it"),
    ("f", "flag / unflag this question to revisit"),
    ("p", "show / hide facilitator prompts"),
    ("t", "show / hide what was left open last time"),
    ("r", "review all questions and finish"),
    ("q", "back to Home (saves)"),
    ("Ctrl-C", "save and quit, from anywhere"),
];
