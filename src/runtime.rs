//! The one place effects happen: saving, loading and creating sessions, writing reports.
//!
//! `update` asks for effects; `Runtime::perform` carries them out against the store and
//! reports back with actions. `dispatch` runs that loop to quiet, so tests drive the whole
//! app (files included) exactly as the terminal loop does.

use std::path::PathBuf;

use jiff::{Timestamp, Unit};
use uuid::Uuid;

use crate::app::{Action, App, Effect, Screen, SessionEntry, update};
use crate::domain::NewSession;
use crate::domain::Session;
use crate::report::{self, CsvError, Format, comparison_html};
use crate::store::reports::{WriteError, write_files};
use crate::store::sets::SetCatalog;
use crate::store::{Store, slug};

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
            Effect::OpenSummary(filter) => {
                let report = self.store.load_all();
                let mut problems = self.startup_notes.clone();
                problems.extend(report.problems.iter().map(|p| p.to_string()));
                let sessions = report.sessions.into_iter().map(|s| s.session).collect();
                (
                    vec![Action::SummaryLoaded {
                        sessions,
                        problems,
                        filter,
                    }],
                    Flow::Continue,
                )
            }
            Effect::ExportSession => (vec![self.export_session(app)], Flow::Continue),
            Effect::ExportSummary => (vec![self.export_summary(app)], Flow::Continue),
            Effect::Quit => (Vec::new(), Flow::Quit),
            Effect::QuitIfSaved => {
                if app.shared.save.dirty && app.shared.save.error.is_some() {
                    (vec![Action::QuitRefused], Flow::Continue)
                } else {
                    (Vec::new(), Flow::Quit)
                }
            }
        }
    }

    /// The session's reports in every format, beside the sessions folder; says where.
    fn export_session(&self, app: &App) -> Action {
        let Some(active) = app.shared.open.as_ref() else {
            return Action::Notify("No session is open to export".into());
        };
        let mut written = Vec::new();
        for format in [Format::Markdown, Format::Csv, Format::Html] {
            match export_next_to_sessions(&self.store, &active.session, format) {
                Ok(path) => written.push(path),
                Err(e) => return Action::Notify(format!("Could not write the report: {e}")),
            }
        }
        let names: Vec<String> = written
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let dir = written
            .first()
            .and_then(|p| p.parent())
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        Action::Notify(format!("Reports written to {dir}: {}", names.join(", ")))
    }

    /// The comparison on screen as a self-contained HTML report, beside the sessions folder.
    fn export_summary(&self, app: &App) -> Action {
        let Screen::Summary(state) = &app.screen else {
            return Action::Notify("No summary is open to export".into());
        };
        let html = comparison_html(&state.sessions, &state.comparison, &state.problems);
        let name = format!("summary-{}.html", slug(&state.comparison.group));
        let written = self.store.reports_dir().and_then(|dir| {
            let path = dir.join(name);
            write_files(&[(path.clone(), html.as_str())]).map(|()| path)
        });
        match written {
            Ok(path) => Action::Notify(format!("Summary report written to {}", path.display())),
            Err(e) => Action::Notify(format!("Could not write the summary report: {e}")),
        }
    }

    fn save(&self, app: &App) -> Option<Action> {
        let active = app.shared.open.as_ref()?;
        // The app's clock (the last tick), so save times and the retry timer agree.
        let at = app.shared.now;
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
        let at = app.shared.now;
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

/// A session report that could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Write `session`'s report in `format` to `<sessions folder>/reports/<session file stem>.<ext>`
/// (for CSV also `<stem>-votes.csv`), atomically, and return the main file's path. HTML
/// includes the score history of the session's group and set from the sessions folder.
pub fn export_next_to_sessions(
    store: &Store,
    session: &Session,
    format: Format,
) -> Result<PathBuf, ExportError> {
    let history: Vec<Session> = match format {
        Format::Html => store
            .load_all()
            .sessions
            .into_iter()
            .map(|s| s.session)
            .collect(),
        _ => Vec::new(),
    };
    let rendered = report::render_session(session, &history, format)?;
    let name = Store::file_name_for(session);
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    let path = store
        .reports_dir()?
        .join(format!("{stem}.{}", format.extension()));
    write_files(&rendered.files(&path))?;
    Ok(path)
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
