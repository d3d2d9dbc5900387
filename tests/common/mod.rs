//! Helpers shared by the app's integration tests: a store in a temp folder and a way to
//! type text the way a keyboard would.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use jiff::Timestamp;
use ratatui_textarea::{Input, Key};
use roundtable::app::{Action, App};
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
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        Harness::in_dir(dir)
    }

    pub fn in_dir(dir: tempfile::TempDir) -> Harness {
        let store = Store::open(dir.path()).expect("store");
        let catalog = SetCatalog::builtin();
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
        h.tick(0);
        h
    }

    pub fn dir(&self) -> &Path {
        self._dir.path()
    }

    pub fn act(&mut self, action: Action) -> Flow {
        dispatch(&mut self.app, &mut self.runtime, action)
    }

    pub fn acts(&mut self, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            self.act(a);
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

    /// Type `text` key by key into whatever field or editor has focus.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let key = if c == '\n' { Key::Enter } else { Key::Char(c) };
            self.act(Action::Type(Input {
                key,
                ..Input::default()
            }));
        }
    }

    pub fn key(&mut self, key: Key) {
        self.act(Action::Type(Input {
            key,
            ..Input::default()
        }));
    }

    pub fn session_path(&self) -> std::path::PathBuf {
        self.app
            .active
            .as_ref()
            .expect("a session is open")
            .path
            .clone()
    }
}
