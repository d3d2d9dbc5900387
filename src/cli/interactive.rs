//! `roundtable`, `roundtable new …` and `roundtable resume`: open the store, take its lock,
//! recover interrupted saves, and hand over to the terminal app.

use std::io::{self, Write};

use jiff::Timestamp;

use crate::app::home::HomeAction;
use crate::app::{Action, App, ReadOnly};
use crate::domain::NewSession;
use crate::domain::compare::Filter;
use crate::domain::overview::{OverviewFilter, OverviewSort};
use crate::domain::rounds::Voting;
use crate::domain::session::{DEFAULT_PLANNED_MINUTES, DEFAULT_SEATS};
use crate::domain::{Level, Participants, SessionSetup};
use crate::runtime::Runtime;
use crate::store::sets::SetCatalog;
use crate::store::{Recovery, Store, StoreError};

use super::{Cli, EXIT_FAILURE, EXIT_OK, NewArgs, sessions_dir};

/// Where the app opens.
pub enum Start<'a> {
    Home,
    New(&'a NewArgs),
    Resume,
    Summary(Filter),
    Overview(OverviewFilter, OverviewSort),
}

pub fn run(cli: &Cli, start: Start<'_>, err: &mut dyn Write) -> io::Result<i32> {
    // Checked before the folder is touched: a script or a pipe gets a plain answer and the
    // commands made for it, not "No such device or address" from the terminal set-up.
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        writeln!(
            err,
            "roundtable: the app needs a terminal (standard input and output are not one).\n\
             Without one, use the headless commands:\n  \
             roundtable list                          the sessions\n  \
             roundtable summary --format text|markdown|csv|html\n  \
             roundtable export SESSION --format markdown|csv|html [-o FILE]"
        )?;
        return Ok(EXIT_FAILURE);
    }
    let store = match sessions_dir(cli).and_then(|(dir, _)| Store::open(dir)) {
        Ok(store) => store,
        Err(e) => {
            writeln!(err, "roundtable: {e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    // Held until the app ends: a second Roundtable on this folder is refused, not raced.
    // A folder that cannot be written (no lock file, no file at all) opens for browsing.
    let (lock, cannot_write) = match lock_with_patience(&store) {
        Ok(lock) => match store.probe_writable() {
            Ok(()) => (Some(lock), None),
            Err(e) => (None, Some(e)),
        },
        Err(e @ StoreError::Locked { .. }) => {
            writeln!(err, "roundtable: {e}")?;
            return Ok(EXIT_FAILURE);
        }
        Err(e) => (None, Some(e)),
    };
    let read_only = cannot_write.map(|e| ReadOnly {
        reason: match &e {
            StoreError::Io { source, .. } => crate::store::advice(source),
            other => other.to_string(),
        },
        reports_dir: Store::reports_elsewhere(),
    });
    if let (Some(read_only), Start::New(_)) = (&read_only, &start) {
        writeln!(
            err,
            "roundtable new: {} cannot be written ({}): use --sessions-dir for a folder you can write",
            store.dir().display(),
            read_only.reason
        )?;
        return Ok(EXIT_FAILURE);
    }
    let mut notes: Vec<String> = lock
        .as_ref()
        .map(|lock| store.recover(lock))
        .unwrap_or_default()
        .into_iter()
        .filter(|r| !matches!(r, Recovery::Removed { .. }))
        .map(|r| r.to_string())
        .collect();
    let catalog = SetCatalog::load(cli.sets_dir.as_deref());
    notes.extend(catalog.problems.iter().map(|p| p.to_string()));

    let first_action = match start {
        Start::Home => None,
        Start::Resume => Some(Action::Home(HomeAction::Resume)),
        Start::Summary(mut filter) => {
            // The screen matches groups exactly (ignoring case); the command line also
            // takes the start of a name, resolved here as `summary --format` does.
            if let Some(wanted) = filter.group.take() {
                let all = super::overview::load_digests(&store, err).groups();
                match super::filter::resolve_group(&all, &wanted) {
                    Ok(found) => filter.group = Some(found.unwrap_or(wanted)),
                    Err(message) => {
                        writeln!(err, "{message}")?;
                        return Ok(EXIT_FAILURE);
                    }
                }
            }
            Some(Action::OpenSummary(filter))
        }
        Start::Overview(filter, sort) => Some(Action::OpenOverview(filter, sort)),
        Start::New(args) => match new_session(args, &catalog) {
            Ok(new) => Some(Action::Create(new)),
            Err(message) => {
                writeln!(err, "roundtable new: {message}")?;
                return Ok(EXIT_FAILURE);
            }
        },
    };
    let sets = catalog.sets.iter().map(|s| s.set.clone()).collect();
    let mut app = App::new(sets, store.dir().to_path_buf(), Timestamp::now());
    app.shared.time_zone = jiff::tz::TimeZone::system();
    let store = match &read_only {
        Some(r) => store.with_reports_in(r.reports_dir.clone()),
        None => store,
    };
    let mut runtime = Runtime::new(store, catalog);
    runtime.read_only = read_only.is_some();
    app.shared.read_only = read_only;
    runtime.startup_notes = notes;
    runtime.cache_dir = crate::store::index::default_cache_dir();
    // Home draws at once and fills in as the folder is read; every other start needs the
    // sessions before its first action (resume picks one, a new session looks back).
    let (first, loader) = match first_action {
        None => match runtime.load_library_in_background() {
            Ok(loader) => {
                app.shared.library.loading = Some((0, 0));
                (Vec::new(), Some(loader))
            }
            Err(_) => (
                vec![runtime.load_library(), runtime.conflicts_found()],
                None,
            ),
        },
        // The summary and the overview read what they need themselves; Home's list is
        // read when the facilitator goes back to it.
        Some(action @ (Action::OpenSummary(_) | Action::OpenOverview(..))) => (vec![action], None),
        Some(action) => (
            vec![runtime.load_library(), runtime.conflicts_found(), action],
            None,
        ),
    };
    let rescued = crate::tui::run(app, runtime, first, loader)?;
    drop(lock);
    match rescued {
        Some(message) => {
            writeln!(err, "roundtable: {message}")?;
            Ok(EXIT_FAILURE)
        }
        None => Ok(EXIT_OK),
    }
}

/// Take the folder's lock, waiting up to two seconds for an instance that is just closing
/// (or was just killed) to let go, so a quick restart is not refused.
fn lock_with_patience(store: &Store) -> Result<crate::store::StoreLock, crate::store::StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match store.lock() {
            Err(crate::store::StoreError::Locked { .. })
                if std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            result => return result,
        }
    }
}

/// The session `roundtable new` asks for, checked before the screen opens so a mistake is
/// a plain message in the shell.
fn new_session(args: &NewArgs, catalog: &SetCatalog) -> Result<NewSession, String> {
    if catalog.get(&args.set).is_none() {
        let ids: Vec<&str> = catalog.sets.iter().map(|s| s.set.id.as_str()).collect();
        return Err(format!(
            "no question set {:?}; available: {}",
            args.set,
            ids.join(", ")
        ));
    }
    let participants = match (&args.participants, args.seats) {
        (Some(names), _) => Participants::parse(names).ok_or_else(|| {
            format!("--participants {names:?}: give names separated by commas, e.g. \"Ann,Bob,Cy\"")
        })?,
        (None, Some(n)) => Participants::parse(&n.to_string()).ok_or_else(|| {
            format!(
                "--seats {n}: give a number from 1 to {}",
                crate::domain::session::MAX_PARTICIPANTS
            )
        })?,
        (None, None) => Participants::Seats(DEFAULT_SEATS),
    };
    if let Some(name) = participants.named_twice() {
        return Err(format!(
            "--participants: {:?} is there twice; names must differ (e.g. \"{} B\")",
            name.trim(),
            name.trim()
        ));
    }
    let today = Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::system())
        .date();
    Ok(NewSession {
        set_id: args.set.clone(),
        setup: SessionSetup {
            title: args
                .title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| SessionSetup::default_title(today)),
            group: args.group.clone().unwrap_or_default(),
            facilitator: args.facilitator.clone().unwrap_or_default(),
            participants,
            level: args.level.map_or(Level::NotSet, Level::from),
            // Checked by clap with the form's rule (`parse_planned_minutes`).
            planned_minutes: args.minutes.unwrap_or(DEFAULT_PLANNED_MINUTES),
        },
        voting: if args.hidden_votes {
            Voting::Private
        } else {
            Voting::Open
        },
    })
}
