//! The one place effects happen: saving, loading and creating sessions, writing reports.
//!
//! `update` asks for effects; `Runtime::perform` carries them out against the store and
//! reports back with actions. `dispatch` runs that loop to quiet, so tests drive the whole
//! app (files included) exactly as the terminal loop does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use jiff::{Timestamp, Unit};
use uuid::Uuid;

use crate::app::conflicts::ConflictPair;
use crate::app::{Action, App, Effect, Screen, SessionEntry, update};
use crate::domain::NewSession;
use crate::domain::Session;
use crate::domain::compare::{Filter, carry_into};
use crate::domain::digest::SessionDigest;
use crate::report::{self, CsvError, Format, comparison_html};
use crate::store::conflicts::Conflict;
use crate::store::index::DigestReport;
use crate::store::reports::{WriteError, write_files};
use crate::store::sets::SetCatalog;
use crate::store::{Fingerprint, LoadReport, SaveReport, Store, StoreError, slug};

/// What the background read of the sessions folder reports.
#[derive(Debug)]
pub enum Loading {
    Progress { done: usize, total: usize },
    Done(DigestReport),
}

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
    /// Each session file as this app last read or wrote it, so a save notices a file
    /// rewritten behind its back and keeps both versions.
    known: HashMap<PathBuf, Fingerprint>,
    /// Session files that were changed by something else: this app's version is saved in
    /// the conflict copy instead, for as long as the session stays open.
    diverted: HashMap<PathBuf, PathBuf>,
    /// Where unsaved work goes when the sessions folder refuses it, best first.
    pub emergency_dirs: Vec<PathBuf>,
    /// The sessions folder cannot be written: never try (the app is browsing only).
    pub read_only: bool,
    /// Sessions with two versions as last found, so a keep acts on what was shown.
    conflicts: Vec<Conflict>,
    /// Sessions with another version on disk as Home last listed them: (listed, other).
    conflicted: Vec<(PathBuf, PathBuf)>,
    /// Where the metadata index is kept; `None`: no index (tests, unless they ask).
    pub cache_dir: Option<PathBuf>,
    loads: u64,
}

impl Runtime {
    pub fn new(store: Store, catalog: SetCatalog) -> Runtime {
        Runtime {
            store,
            catalog,
            startup_notes: Vec::new(),
            known: HashMap::new(),
            diverted: HashMap::new(),
            emergency_dirs: crate::store::emergency_dirs(),
            read_only: false,
            conflicts: Vec::new(),
            conflicted: Vec::new(),
            cache_dir: None,
            loads: 0,
        }
    }

    /// Carry out one effect; the actions returned report what happened.
    pub fn perform(&mut self, app: &App, effect: Effect) -> (Vec<Action>, Flow) {
        match effect {
            Effect::Save if self.read_only => (Vec::new(), Flow::Continue),
            Effect::Save => (self.save(app), Flow::Continue),
            Effect::LoadLibrary => (
                vec![self.load_library(), self.conflicts_found()],
                Flow::Continue,
            ),
            Effect::OpenConflicts => {
                // The folder in brief finds them (through the index); only their files are read.
                self.conflicted = self.digests(&|_, _| {}).conflicts;
                self.conflicts = self.store.conflicts_of(&self.conflicted);
                (vec![self.conflicts_loaded()], Flow::Continue)
            }
            Effect::KeepVersion {
                shown,
                other,
                keep_other,
            } => (
                self.keep_version(&shown, &other, keep_other),
                Flow::Continue,
            ),
            Effect::CreateSession(new) => (self.create(app, new), Flow::Continue),
            Effect::OpenSession(path) => (vec![self.open_session(&path)], Flow::Continue),
            Effect::PrepareNewSession(path) => {
                // Home still loading: the latest session in brief says which file.
                let path = path.or_else(|| {
                    let digests = self.digests(&|_, _| {});
                    digests.sessions.last().map(|s| s.path.clone())
                });
                let last = path.and_then(|p| self.store.open_session(&p).ok());
                (
                    vec![Action::NewSessionFrom(last.map(|s| Box::new(s.session)))],
                    Flow::Continue,
                )
            }
            Effect::OpenSummary(filter) => (vec![self.summary_of_group(filter)], Flow::Continue),
            Effect::OpenOverview(filter, sort) => {
                let report = self
                    .store
                    .load_digests(self.cache_dir.as_deref(), &|_, _| {});
                let mut problems = self.startup_notes.clone();
                problems.extend(report.problems.iter().map(|p| p.to_string()));
                let digests = report.sessions.into_iter().map(|s| s.digest).collect();
                (
                    vec![Action::OverviewLoaded {
                        digests,
                        problems,
                        filter,
                        sort,
                    }],
                    Flow::Continue,
                )
            }
            Effect::ExportSession => (vec![self.export_session(app)], Flow::Continue),
            Effect::ExportSummary => (vec![self.export_summary(app)], Flow::Continue),
            Effect::ExportOverview => (vec![self.export_overview(app)], Flow::Continue),
            Effect::RenameSession { path, title } => {
                (self.rename(app, &path, &title), Flow::Continue)
            }
            Effect::SetAside(path) => {
                let said = match self.store.archive_session(&path) {
                    Ok(to) => format!(
                        "Set aside in {} (Z lists and restores it)",
                        to.parent().unwrap_or(&to).display()
                    ),
                    Err(e) => format!("Could not set it aside: {e}"),
                };
                (
                    vec![self.load_library(), Action::Notify(said)],
                    Flow::Continue,
                )
            }
            Effect::LoadSetAside => {
                let report = self.store.load_set_aside();
                let entries = report
                    .sessions
                    .into_iter()
                    .rev()
                    .map(|s| SessionEntry {
                        digest: SessionDigest::of(&s.session),
                        path: s.path,
                    })
                    .collect();
                (vec![Action::SetAsideLoaded(entries)], Flow::Continue)
            }
            Effect::Restore(path) => {
                let said = match self.store.restore(&path) {
                    Ok(_) => "Restored: back among the sessions".to_string(),
                    Err(e) => format!("Could not restore it: {e}"),
                };
                (
                    vec![self.load_library(), Action::Notify(said)],
                    Flow::Continue,
                )
            }
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
            match export_next_to_sessions_with(
                &self.store,
                self.cache_dir.as_deref(),
                &active.session,
                format,
            ) {
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
        // Named by group and today's date, never over an earlier export (a suffix if needed).
        let today = app.shared.now.to_zoned(app.shared.time_zone.clone()).date();
        let stem = format!("summary-{}-{today}", slug(&state.comparison.group));
        let written = self.store.reports_dir().and_then(|dir| {
            let path = crate::store::reports::unused_path(&dir, &stem, "html");
            write_files(&[(path.clone(), html.as_str())]).map(|()| path)
        });
        match written {
            Ok(path) => Action::Notify(format!("Summary report written to {}", path.display())),
            Err(e) => Action::Notify(format!("Could not write the summary report: {e}")),
        }
    }

    /// The overview on screen, as filtered and sorted, in HTML (to print or send) and CSV
    /// (for a spreadsheet), named by set and date and never over an earlier export.
    fn export_overview(&self, app: &App) -> Action {
        let Screen::Overview(state) = &app.screen else {
            return Action::Notify("No overview is open to export".into());
        };
        let o = &state.overview;
        let html = report::overview::html(o, &state.filter, &state.order);
        let csv = match report::overview::csv(o, &state.order) {
            Ok(csv) => csv,
            Err(e) => return Action::Notify(format!("Could not write the overview: {e}")),
        };
        let date = state
            .filter
            .as_of
            .unwrap_or_else(|| app.shared.now.to_zoned(app.shared.time_zone.clone()).date());
        let stem = format!("overview-{}-{date}", slug(&o.set_id));
        let written = self.store.reports_dir().and_then(|dir| {
            let path = crate::store::reports::unused_path(&dir, &stem, "html");
            let csv_path = path.with_extension("csv");
            write_files(&[(path.clone(), html.as_str()), (csv_path, csv.as_str())]).map(|()| path)
        });
        match written {
            Ok(path) => Action::Notify(format!(
                "Overview written to {} (and .csv beside it)",
                path.display()
            )),
            Err(e) => Action::Notify(format!("Could not write the overview: {e}")),
        }
    }

    fn save(&mut self, app: &App) -> Vec<Action> {
        let Some(active) = app.shared.open.as_ref() else {
            return Vec::new();
        };
        // The app's clock (the last tick), so save times and the retry timer agree.
        let at = app.shared.now;
        let target = self
            .diverted
            .get(&active.path)
            .cloned()
            .unwrap_or_else(|| active.path.clone());
        let result = self
            .store
            .save_guarded(&target, &active.session, self.known.get(&target));
        let mut actions = self.saved(at, &active.path, result);
        if let Some(copy) = self.diverted.get(&active.path)
            && copy != &target
        {
            // Short enough for the message line at 80 columns; Home and `list` say more.
            let copy = file_name(copy);
            let tag = copy.rsplit('.').nth(1).unwrap_or_default();
            actions.push(Action::Notify(format!(
                "⚠ Changed elsewhere; both kept (yours: .{tag})"
            )));
        }
        actions
    }

    /// The actions reporting a save of the session the app knows as `path`, remembering
    /// what was written.
    fn saved(
        &mut self,
        at: Timestamp,
        path: &Path,
        result: Result<SaveReport, StoreError>,
    ) -> Vec<Action> {
        match result {
            Ok(report) => {
                if report.diverted {
                    self.diverted
                        .insert(path.to_path_buf(), report.path.clone());
                }
                self.known.insert(report.path, report.fingerprint);
                let mut actions = vec![Action::Saved {
                    at,
                    path: path.to_path_buf(),
                }];
                actions.extend(report.warning.map(Action::Notify));
                actions
            }
            Err(e) => vec![Action::SaveFailed {
                at,
                message: e.to_string(),
            }],
        }
    }

    /// Write the open session's unsaved work where it can still go, for a way out (a
    /// signal, a second Ctrl-C, a lost terminal) taken while the sessions folder refuses
    /// saves. Returns what to tell the facilitator; `None` when nothing is unsaved.
    pub fn rescue_unsaved(&self, app: &App) -> Option<String> {
        let active = app.shared.open.as_ref().filter(|_| app.shared.save.dirty)?;
        Some(match active.session.to_ron() {
            Ok(text) => crate::store::emergency_copy_in(
                &self.emergency_dirs,
                &file_name(&active.path),
                &text,
            ),
            Err(e) => format!("unsaved changes could not be written out ({e})"),
        })
    }

    /// A new title for a session on Home: read, retitled and saved atomically, like any
    /// save (a file changed behind the app's back goes to a conflict copy, never lost).
    fn rename(&mut self, app: &App, path: &std::path::Path, title: &str) -> Vec<Action> {
        let mut session = match crate::store::load_session_file(path) {
            Ok(session) => session,
            Err(problems) => {
                let why = problems.first().map(|p| p.to_string()).unwrap_or_default();
                return vec![Action::Notify(format!("Could not rename it: {why}"))];
            }
        };
        session.title = title.to_string();
        session.touch(app.shared.now);
        let said = match self
            .store
            .save_guarded(path, &session, self.known.get(path))
        {
            Ok(report) => {
                self.known.insert(report.path, report.fingerprint);
                format!("Renamed “{title}”")
            }
            Err(e) => format!("Could not rename it: {e}"),
        };
        vec![self.load_library(), Action::Notify(said)]
    }

    /// Every session in brief, through the index: Home never parses 10,000 files.
    pub fn load_library(&mut self) -> Action {
        let report = self.digests(&|_, _| {});
        self.loads += 1;
        self.library_from(report)
    }

    fn digests(&self, progress: crate::store::index::Progress<'_>) -> DigestReport {
        self.store.load_digests(self.cache_dir.as_deref(), progress)
    }

    /// How many times the folder was read on this thread: a background read that started
    /// before the latest of these is out of date.
    pub fn library_loads(&self) -> u64 {
        self.loads
    }

    /// Read the sessions folder on a thread of its own, so Home draws at once and keys work
    /// while it loads: progress, then the report, arrive on the channel. The report goes
    /// through [`Runtime::library_from`] on the app's thread.
    pub fn load_library_in_background(&self) -> std::io::Result<mpsc::Receiver<Loading>> {
        let (sender, receiver) = mpsc::channel();
        let store = self.store.clone();
        let cache_dir = self.cache_dir.clone();
        std::thread::Builder::new()
            .name("library".into())
            .spawn(move || {
                let progress = sender.clone();
                let report = store.load_digests(cache_dir.as_deref(), &move |done, total| {
                    let _ = progress.send(Loading::Progress { done, total });
                });
                let _ = sender.send(Loading::Done(report));
            })?;
        Ok(receiver)
    }

    /// The sessions list from a folder read elsewhere. A second copy of a session is shown
    /// on Home as that session's conflict (`c`), not as a problem.
    pub fn library_from(&mut self, report: DigestReport) -> Action {
        let mut problems: Vec<String> = self.startup_notes.clone();
        problems.extend(
            report
                .problems
                .iter()
                .filter(|p| !report.conflicts.iter().any(|(_, other)| *other == p.path))
                .map(|p| p.to_string()),
        );
        self.conflicted = report.conflicts;
        Action::LibraryLoaded {
            sessions: report
                .sessions
                .into_iter()
                .map(|s| SessionEntry {
                    path: s.path,
                    digest: s.digest,
                })
                .collect(),
            problems,
        }
    }

    /// Read a session file to open it, remembering the file as it was read so a later save
    /// notices a change made behind the app's back. A session just started also gets its
    /// group's earlier sessions, for what they left open.
    fn open_session(&mut self, path: &Path) -> Action {
        match self.store.open_session(path) {
            Ok(stored) => {
                if let Some(fingerprint) = stored.fingerprint {
                    self.known.insert(stored.path.clone(), fingerprint);
                }
                let earlier = if crate::app::update::needs_carry(&stored.session) {
                    self.earlier_of_group(&stored.session)
                } else {
                    Vec::new()
                };
                Action::SessionRead {
                    path: stored.path,
                    session: Box::new(stored.session),
                    earlier,
                }
            }
            Err(problems) => {
                let why = problems.first().map(|p| p.to_string()).unwrap_or_default();
                Action::Notify(format!("Could not open it: {why}"))
            }
        }
    }

    /// The sessions of `session`'s group held before it, read in full (only those).
    fn earlier_of_group(&self, session: &Session) -> Vec<Session> {
        let paths = self.digests(&|_, _| {}).earlier_of_group(session);
        self.store
            .load_files(&paths, &|_, _| {})
            .sessions
            .into_iter()
            .map(|s| s.session)
            .collect()
    }

    /// The summary of one group: every session in brief picks the group (the filter's, or
    /// the latest session's) and lists the groups to switch to; only that group's files
    /// are read in full.
    fn summary_of_group(&self, filter: Filter) -> Action {
        let digests = self.digests(&|_, _| {});
        let groups = digests.groups();
        let group = digests.pick_group(filter.group.as_deref(), filter.set.as_deref(), None);
        let loaded = match &group {
            Some(g) => self
                .store
                .load_files(&digests.paths_of_group(g, None), &|_, _| {}),
            None => LoadReport::default(),
        };
        let mut problems = self.startup_notes.clone();
        problems.extend(
            digests
                .problems
                .iter()
                .chain(&loaded.problems)
                .map(|p| p.to_string()),
        );
        Action::SummaryLoaded {
            sessions: loaded.sessions.into_iter().map(|s| s.session).collect(),
            groups,
            problems,
            filter: Filter {
                group: group.or(filter.group),
                set: filter.set,
            },
        }
    }

    /// The session files with a conflict, as last loaded, for Home (after `load_library`).
    pub fn conflicts_found(&self) -> Action {
        let mut paths: Vec<PathBuf> = self
            .conflicted
            .iter()
            .map(|(shown, _)| shown.clone())
            .collect();
        paths.dedup();
        Action::ConflictsFound(paths)
    }

    fn conflicts_loaded(&self) -> Action {
        Action::ConflictsLoaded(
            self.conflicts
                .iter()
                .map(|c| ConflictPair {
                    home: c.home.clone(),
                    shown_path: c.shown.path.clone(),
                    shown: c.shown.session.clone(),
                    other_path: c.other.path.clone(),
                    other: c.other.session.clone(),
                })
                .collect(),
        )
    }

    /// Keep one version of a conflict shown on the conflicts screen, then show what is left.
    fn keep_version(&mut self, shown: &Path, other: &Path, keep_other: bool) -> Vec<Action> {
        let found = self
            .conflicts
            .iter()
            .find(|c| c.shown.path == shown && c.other.path == other)
            .cloned();
        let first = match found.map(|c| (self.store.keep(&c, keep_other), c)) {
            None => Action::Notify("That conflict is no longer there: look again".into()),
            Some((Err(e), _)) => Action::Notify(format!("Nothing kept: {e}")),
            Some((Ok(kept), conflict)) => {
                // This app's idea of both files is out of date: the kept one is known
                // afresh, and nothing is diverted into a file that was moved away.
                let gone = [&conflict.shown.path, &conflict.other.path];
                self.diverted
                    .retain(|from, to| !gone.iter().any(|g| *g == from || *g == to));
                for path in gone {
                    self.known.remove(path);
                }
                self.known.insert(kept.path.clone(), kept.fingerprint);
                let (k, a) = if keep_other { ("B", "A") } else { ("A", "B") };
                let mut message = format!("Kept {k}; {a} is in conflicts/ (both are on disk)");
                if let Some(warning) = kept.warning {
                    message.push_str(&format!(". {warning}"));
                }
                Action::VersionKept {
                    id: kept.session.id,
                    message,
                }
            }
        };
        let library = self.load_library();
        self.conflicts = self.store.conflicts_of(&self.conflicted);
        vec![
            first,
            library,
            self.conflicts_found(),
            self.conflicts_loaded(),
        ]
    }

    fn create(&mut self, app: &App, new: NewSession) -> Vec<Action> {
        let Some(available) = self.catalog.get(&new.set_id) else {
            return vec![Action::Notify(format!(
                "No question set {:?}: see `roundtable sets` for the ones available",
                new.set_id
            ))];
        };
        // The app's clock (set by a tick before every key), like its saves: sessions
        // started one after another are ordered by it, also in tests of a group's year.
        let now = app.shared.now.round(Unit::Second).unwrap_or(app.shared.now);
        let mut session = Session::new(&available.set, new.setup, Uuid::new_v4(), now);
        session.voting = new.voting;
        // What the group left open comes into the file from its first save.
        let earlier = self.earlier_of_group(&session);
        carry_into(&mut session, &earlier);
        let path = self.store.path_for(&session);
        // Open it whatever happens: if the first save fails the session is kept in memory
        // and the save is retried, like any other.
        let result = self.store.save_guarded(&path, &session, None);
        let mut actions = vec![Action::SessionOpened {
            path: path.clone(),
            session: Box::new(session),
        }];
        actions.extend(self.saved(app.shared.now, &path, result));
        actions
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "session.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    )
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
    export_next_to_sessions_with(store, None, session, format)
}

/// [`export_next_to_sessions`], finding the group's sessions through the index in
/// `cache_dir`: only the group's files are read for the HTML report's history.
pub fn export_next_to_sessions_with(
    store: &Store,
    cache_dir: Option<&Path>,
    session: &Session,
    format: Format,
) -> Result<PathBuf, ExportError> {
    let history: Vec<Session> = match format {
        Format::Html => {
            let digests = store.load_digests(cache_dir, &|_, _| {});
            store
                .load_files(&digests.paths_of_group(&session.group, None), &|_, _| {})
                .sessions
                .into_iter()
                .map(|s| s.session)
                .collect()
        }
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
