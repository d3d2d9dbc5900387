//! Helpers shared by the app's integration tests: a store in a temp folder, and a keyboard.
//!
//! Keys go through the same path the terminal uses: `keys::action_for_key` reads the key
//! in the screen's key table, then `dispatch` runs `update` and performs the effects. A key
//! the table does not know does nothing, as in the terminal.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::question::QuestionState;
use roundtable::app::review::ReviewState;
use roundtable::app::{Action, App, OpenSession, Screen, ScreenKind, keys};
use roundtable::runtime::{Flow, Runtime, dispatch};
use roundtable::store::Store;
use roundtable::store::sets::SetCatalog;

pub struct Harness {
    pub app: App,
    pub runtime: Runtime,
    pub now: Timestamp,
    pub _dir: tempfile::TempDir,
}

impl Harness {
    /// Add an action through the form, as a facilitator types it.
    pub fn add_action(&mut self, text: &str, owner: &str, due: &str) {
        self.press(KeyCode::Char('a'));
        self.type_text(text);
        self.press(KeyCode::Tab);
        self.type_text(owner);
        self.press(KeyCode::Tab);
        self.type_text(due);
        self.press(KeyCode::Enter);
        assert_eq!(
            self.question().mode,
            roundtable::app::question::QuestionMode::Voting,
            "{text} added"
        );
    }

    pub fn new() -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        Harness::in_dir(dir)
    }

    pub fn in_dir(dir: tempfile::TempDir) -> Harness {
        Harness::with_catalog(dir, SetCatalog::builtin())
    }

    /// A harness on `dir` whose question sets are `catalog`'s (e.g. the built-in ones and
    /// a test's own).
    pub fn with_catalog(dir: tempfile::TempDir, catalog: SetCatalog) -> Harness {
        let store = Store::open(dir.path()).expect("store");
        let sets = catalog.sets.iter().map(|s| s.set.clone()).collect();
        let now: Timestamp = "2026-11-22T10:00:00Z".parse().expect("time");
        let app = App::new(sets, dir.path().to_path_buf(), now);
        let mut h = Harness {
            app,
            runtime: Runtime::new(store, catalog),
            now,
            _dir: dir,
        };
        let loaded = h.runtime.load_library();
        h.act(loaded);
        let conflicts = h.runtime.conflicts_found();
        h.act(conflicts);
        h.tick(0);
        h
    }

    /// A harness on a copy of the example year in `sessions/`.
    pub fn with_example_year() -> Harness {
        let dir = tempfile::tempdir().expect("dir");
        for entry in std::fs::read_dir("sessions").expect("example sessions") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
        Harness::in_dir(dir)
    }

    /// Start a session from Home through the new-session form, as a person would: type the
    /// title, replace the group and facilitator the form offers, type the participants.
    pub fn start_session(&mut self, title: &str, participants: &str) {
        self.press(KeyCode::Char('n'));
        assert_eq!(self.screen(), ScreenKind::Setup);
        self.type_text(title);
        for value in ["Northbridge Place Partnership", "Morag", participants] {
            self.press(KeyCode::Tab);
            self.clear_field();
            self.type_text(value);
        }
        self.press(KeyCode::Enter);
        assert_eq!(self.screen(), ScreenKind::Question, "{:?}", self.app.screen);
    }

    /// Empty the focused field: End, then Backspace until nothing is left.
    pub fn clear_field(&mut self) {
        self.press(KeyCode::End);
        for _ in 0..80 {
            self.press(KeyCode::Backspace);
        }
    }

    pub fn dir(&self) -> &Path {
        self._dir.path()
    }

    /// An action that is not a key: a paste, a timer, an effect's result.
    pub fn act(&mut self, action: Action) -> Flow {
        dispatch(&mut self.app, &mut self.runtime, action)
    }

    /// Press one key, as the terminal would deliver it. `None` when the screen has no use
    /// for the key.
    pub fn press_event(&mut self, key: KeyEvent) -> Option<Flow> {
        let action = keys::action_for_key(&self.app, key)?;
        Some(self.act(action))
    }

    pub fn press(&mut self, code: KeyCode) -> Option<Flow> {
        let shift = matches!(code, KeyCode::Char(c) if c.is_ascii_uppercase());
        let modifiers = if shift {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        self.press_event(KeyEvent::new(code, modifiers))
    }

    pub fn ctrl(&mut self, c: char) -> Option<Flow> {
        self.press_event(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    /// Press each character as a key: `h.keys("34425")` votes for five people.
    pub fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Type `text` key by key into whatever field or editor has focus.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            self.press(code);
        }
    }

    /// Let `ms` milliseconds pass, in ticks of 250 ms like the terminal loop.
    pub fn tick(&mut self, ms: i64) {
        let mut left = ms;
        loop {
            let step = left.min(250);
            self.now = self
                .now
                .checked_add(jiff::SignedDuration::from_millis(step))
                .expect("time");
            let now = self.now;
            self.act(Action::Tick(now));
            left -= step;
            if left <= 0 {
                break;
            }
        }
    }

    pub fn screen(&self) -> ScreenKind {
        self.app.kind()
    }

    pub fn open(&self) -> &OpenSession {
        self.app.shared.open.as_ref().expect("a session is open")
    }

    pub fn question(&self) -> &QuestionState {
        match &self.app.screen {
            Screen::Question(state) => state,
            other => panic!("not on the question screen: {:?}", other.kind()),
        }
    }

    pub fn review(&self) -> &ReviewState {
        match &self.app.screen {
            Screen::Review(state) => state,
            other => panic!("not on the review screen: {:?}", other.kind()),
        }
    }

    pub fn message(&self) -> Option<&str> {
        self.app.shared.message.as_deref()
    }

    pub fn session_path(&self) -> std::path::PathBuf {
        self.open().path.clone()
    }
}

/// A buffer's text, a line per row, trailing spaces dropped and wide characters once.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The app's screen as text, drawn without colour at `width`×`height`.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|frame| roundtable::ui::view(frame, app, roundtable::ui::theme::Theme::plain()))
        .expect("draw");
    buffer_text(terminal.backend().buffer())
}
