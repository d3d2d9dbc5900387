//! Keys to actions. Each screen has its own key table (`KEYS` in its module, one per mode);
//! this puts them together with the keys that work everywhere, for the run loop, the hint
//! bar and the `?` help alike.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::action::Action;
use super::keytable::{self, Binding, KeyTable, Keys};
use super::state::{App, Screen};
use super::{conflicts, home, overview, people, question, review, setup, summary};

/// Keys that work on every screen, even while typing.
pub const ALWAYS_KEYS: KeyTable<Action> = &[
    Binding {
        keys: Keys::Ctrl('c'),
        label: "Ctrl-C",
        hint: Some(("Ctrl-C", "save & quit")),
        help: "save and quit, from anywhere",
        action: |_| Action::SaveAndQuit,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::F(1)]),
        label: "F1",
        hint: Some(("F1", "help")),
        help: "these keys, even while typing",
        action: |_| Action::ShowHelp,
    },
];

/// Keys that work on every screen when typing is not going into a field.
pub const COMMAND_KEYS: KeyTable<Action> = &[Binding {
    keys: Keys::Codes(&[KeyCode::Char('?')]),
    label: "?",
    hint: Some(("?", "help")),
    help: "these keys",
    action: |_| Action::ShowHelp,
}];

/// The action a key stands for on the screen showing, if any.
pub fn action_for_key(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if let Some(action) = keytable::action_for(ALWAYS_KEYS, key) {
        return Some(action);
    }
    if app.show_help {
        // PgDn / PgUp (or ↓ ↑) see the rest of a help longer than the window; any other
        // key closes it, and does nothing else.
        return Some(match key.code {
            KeyCode::PageDown | KeyCode::Down => Action::ScrollHelp(1),
            KeyCode::PageUp | KeyCode::Up => Action::ScrollHelp(-1),
            _ => Action::CloseOverlay,
        });
    }
    if app.too_small() {
        // The screen is not drawn: a key that changed a vote here would change it out of
        // sight. Help and Ctrl-C (above) still work, and `q` on Home still quits.
        let quit = matches!(app.screen, Screen::Home(_))
            && keytable::action_for(home::KEYS, key) == Some(home::HomeAction::Quit)
            && matches!(&app.screen, Screen::Home(h) if h.mode == home::HomeMode::Browsing);
        return if quit {
            Some(Action::Home(home::HomeAction::Quit))
        } else {
            keytable::action_for(COMMAND_KEYS, key)
        };
    }
    if !app.is_typing()
        && let Some(action) = keytable::action_for(COMMAND_KEYS, key)
    {
        return Some(action);
    }
    match &app.screen {
        Screen::Home(state) => keytable::action_for(home::keys(state), key).map(Action::Home),
        Screen::Setup(form) => keytable::action_for(setup::keys(form), key).map(Action::Setup),
        Screen::Question(state) => match &state.mode {
            question::QuestionMode::People(panel) => keytable::action_for(people::keys(panel), key)
                .map(|a| Action::Question(question::QuestionAction::People(a))),
            _ => keytable::action_for(question::keys(state), key).map(Action::Question),
        },
        Screen::Review(state) => keytable::action_for(review::keys(state), key).map(Action::Review),
        Screen::Summary(_) => keytable::action_for(summary::KEYS, key).map(Action::Summary),
        Screen::Conflicts(_) => keytable::action_for(conflicts::KEYS, key).map(Action::Conflicts),
        Screen::Overview(_) => keytable::action_for(overview::KEYS, key).map(Action::Overview),
    }
}

/// One key of the screen showing, as the hint bar, the help and the tests see it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRow {
    pub label: &'static str,
    pub hint: Option<(&'static str, &'static str)>,
    pub help: &'static str,
    /// A key press this row answers to.
    pub example: KeyEvent,
    /// The action that key press stands for.
    pub action: Action,
}

fn rows_of<A>(table: KeyTable<A>, wrap: fn(A) -> Action) -> Vec<KeyRow> {
    table
        .iter()
        .map(|b| KeyRow {
            label: b.label,
            hint: b.hint,
            help: b.help,
            example: b.example(),
            action: wrap((b.action)(b.example())),
        })
        .collect()
}

/// The keys of the screen showing, in its mode.
fn screen_rows(app: &App) -> Vec<KeyRow> {
    match &app.screen {
        Screen::Home(state) => rows_of(home::keys(state), Action::Home),
        Screen::Setup(form) => rows_of(setup::keys(form), Action::Setup),
        Screen::Question(state) => match &state.mode {
            question::QuestionMode::People(panel) => rows_of(people::keys(panel), |a| {
                Action::Question(question::QuestionAction::People(a))
            }),
            _ => rows_of(question::keys(state), Action::Question),
        },
        Screen::Review(state) => rows_of(review::keys(state), Action::Review),
        Screen::Summary(_) => rows_of(summary::KEYS, Action::Summary),
        Screen::Conflicts(_) => rows_of(conflicts::KEYS, Action::Conflicts),
        Screen::Overview(_) => rows_of(overview::KEYS, Action::Overview),
    }
}

/// Every key of the screen showing: its own table first, then the keys that work everywhere.
pub fn rows(app: &App) -> Vec<KeyRow> {
    let mut rows = screen_rows(app);
    if !app.is_typing() {
        rows.extend(rows_of(COMMAND_KEYS, |a| a));
    }
    rows.extend(rows_of(ALWAYS_KEYS, |a| a));
    rows
}

/// The hint bar: the screen's main keys, then help; while typing hides `?`, F1 and the
/// Ctrl-C way out instead.
pub fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    let mut hints: Vec<_> = screen_rows(app)
        .into_iter()
        .filter_map(|r| r.hint)
        .collect();
    let global = if app.is_typing() {
        ALWAYS_KEYS
    } else {
        COMMAND_KEYS
    };
    hints.extend(keytable::hints(global));
    hints
}

/// The `?` help: every key of the screen showing.
pub fn help(app: &App) -> Vec<(&'static str, &'static str)> {
    rows(app)
        .into_iter()
        .map(|row| (row.label, row.help))
        .collect()
}
