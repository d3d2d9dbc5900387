//! The one place effects happen: saving, loading and creating sessions.
//!
//! `update` asks for effects; `Runtime::perform` carries them out against the store and
//! reports back with actions. `dispatch` runs that loop to quiet, so tests drive the whole
//! app (files included) exactly as the terminal loop does.

use jiff::{Timestamp, Unit};
use uuid::Uuid;

use crate::app::{Action, App, Effect, NewSession, SessionEntry, update};
use crate::domain::Session;
use crate::store::Store;
use crate::store::sets::SetCatalog;

/// Whether the app goes on after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

pub struct Runtime {
    pub store: Store,
    pub catalog: SetCatalog,
    /// Problems found at start-up (recovered temp files, bad set files), shown on Home.
    pub startup_notes: Vec<String>,
}

impl Runtime {
    pub fn new(store: Store, catalog: SetCatalog) -> Runtime {
        Runtime {
            store,
            catalog,
            startup_notes: Vec::new(),
        }
    }

    /// Carry out one effect; the actions returned report what happened.
    pub fn perform(&mut self, app: &App, effect: Effect) -> (Vec<Action>, Flow) {
        match effect {
            Effect::Save => (self.save(app).into_iter().collect(), Flow::Continue),
            Effect::LoadLibrary => (vec![self.load_library()], Flow::Continue),
            Effect::CreateSession(new) => (self.create(app, new), Flow::Continue),
            Effect::OpenSummary => (
                vec![Action::Notify(
                    "The summary screen is not available yet".into(),
                )],
                Flow::Continue,
            ),
            Effect::Quit => (Vec::new(), Flow::Quit),
            Effect::QuitIfSaved => {
                if app.save.dirty && app.save.error.is_some() {
                    (vec![Action::QuitRefused], Flow::Continue)
                } else {
                    (Vec::new(), Flow::Quit)
                }
            }
        }
    }

    fn save(&self, app: &App) -> Option<Action> {
        let active = app.active.as_ref()?;
        // The app's clock (the last tick), so save times and the retry timer agree.
        let at = app.now;
        Some(match self.store.save(&active.path, &active.session) {
            Ok(()) => Action::Saved {
                at,
                path: active.path.clone(),
            },
            Err(e) => Action::SaveFailed {
                at,
                message: e.to_string(),
            },
        })
    }

    pub fn load_library(&self) -> Action {
        let report = self.store.load_all();
        let mut problems: Vec<String> = self.startup_notes.clone();
        problems.extend(report.problems.iter().map(|p| p.to_string()));
        Action::LibraryLoaded {
            sessions: report
                .sessions
                .into_iter()
                .map(|s| SessionEntry {
                    path: s.path,
                    session: s.session,
                })
                .collect(),
            problems,
        }
    }

    fn create(&self, app: &App, new: NewSession) -> Vec<Action> {
        let Some(available) = self.catalog.get(&new.set_id) else {
            return vec![Action::Notify(format!(
                "No question set {:?}: see `roundtable sets` for the ones available",
                new.set_id
            ))];
        };
        let now = Timestamp::now()
            .round(Unit::Second)
            .unwrap_or_else(|_| Timestamp::now());
        let session = Session::new(&available.set, new.setup, Uuid::new_v4(), now);
        let path = self.store.path_for(&session);
        let at = app.now;
        // Open it whatever happens: if the first save fails the session is kept in memory
        // and the save is retried, like any other.
        let saved = match self.store.save(&path, &session) {
            Ok(()) => Action::Saved {
                at,
                path: path.clone(),
            },
            Err(e) => Action::SaveFailed {
                at,
                message: e.to_string(),
            },
        };
        vec![
            Action::SessionOpened {
                path,
                session: Box::new(session),
            },
            saved,
        ]
    }
}

/// Apply `action` and everything it leads to: each effect is performed and its results
/// applied before the next effect, so a quit sees whether the save before it worked.
pub fn dispatch(app: &mut App, runtime: &mut Runtime, action: Action) -> Flow {
    for effect in update(app, action) {
        let (results, flow) = runtime.perform(app, effect);
        for result in results {
            if dispatch(app, runtime, result) == Flow::Quit {
                return Flow::Quit;
            }
        }
        if flow == Flow::Quit {
            return Flow::Quit;
        }
    }
    Flow::Continue
}
