//! The command line: clap definitions and dispatch to one module per command.
//!
//! Headless commands print and return an exit code; `run`, `new` and `resume` open the
//! terminal app.

mod check;
mod export;
mod filter;
mod import;
pub mod interactive;
mod list;
pub mod overview;
mod present;
mod progress;
mod sets;
pub mod summary;
mod table;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::store::{Store, StoreError};

/// Exit codes, so scripts can tell "bad input" from "could not run".
pub const EXIT_OK: i32 = 0;
/// Some input was invalid (a bad file given to `check`, a rejected import).
pub const EXIT_INVALID: i32 = 1;
/// Roundtable could not do what was asked (no such session, folder not writable…).
pub const EXIT_FAILURE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "roundtable",
    version,
    about = "Run reflective workshops offline: one question at a time, votes, notes, actions, and how scores move over time."
)]
pub struct Cli {
    /// Folder holding session files [default: the platform data folder]
    #[arg(
        long,
        global = true,
        env = "ROUNDTABLE_SESSIONS_DIR",
        value_name = "DIR"
    )]
    pub sessions_dir: Option<PathBuf>,

    /// Extra folder of question-set files [default: the platform config folder's question-sets/]
    #[arg(long, global = true, env = "ROUNDTABLE_SETS_DIR", value_name = "DIR")]
    pub sets_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the available question sets
    Sets,
    /// List sessions, and any files that could not be read
    List(ListArgs),
    /// Validate session and question-set files; prints FILE:LINE:COL: message per problem
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Start a new session and open its first question
    New(NewArgs),
    /// Reopen the most recently updated session in progress
    Resume,
    /// Compare sessions over time (the terminal screen, or a report with --format)
    Summary(SummaryArgs),
    /// Write a session report
    Export(ExportArgs),
    /// Every group side by side on one question set (the terminal screen, or a report with --format)
    Overview(OverviewArgs),
    /// Merge session files from other folders or laptops into the sessions folder
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Show the session in progress on a second screen (the projector): read-only, no names
    Present,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Question set id (see `roundtable sets`)
    #[arg(long, default_value = "localising-decisions")]
    pub set: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub group: Option<String>,
    #[arg(long)]
    pub facilitator: Option<String>,
    /// Comma-separated names, e.g. "Ann,Bob,Cy"
    #[arg(long, conflicts_with = "seats")]
    pub participants: Option<String>,
    /// A number of unnamed seats
    #[arg(long)]
    pub seats: Option<u16>,
    /// neighbourhood, place, system or not-set
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    /// Planned length in minutes, 1 to 1440
    #[arg(long, value_parser = crate::domain::session::parse_planned_minutes)]
    pub minutes: Option<u32>,
    /// Private votes: scores stay hidden on every screen until the facilitator reveals them (v)
    #[arg(long)]
    pub hidden_votes: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    Neighbourhood,
    Place,
    System,
    NotSet,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only sessions of this group (any case; the start of the name is enough)
    #[arg(long)]
    pub group: Option<String>,
    /// Only sessions at this level: neighbourhood, place, system or not-set
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// Only sessions of this group, any case; the start of the name is enough [default: the group of the most recent session]
    #[arg(long)]
    pub group: Option<String>,
    /// Only sessions at this level: neighbourhood, place, system or not-set (with --format)
    #[arg(long, value_enum, requires = "format")]
    pub level: Option<LevelArg>,
    /// Only sessions on this question set [default: the set of the most recent session]
    #[arg(long)]
    pub set: Option<String>,
    /// Print a report instead of opening the screen
    #[arg(long, value_enum)]
    pub format: Option<SummaryFormat>,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct OverviewArgs {
    /// Question set id [default: the set of the most recent session]
    #[arg(long)]
    pub set: Option<String>,
    /// Only sessions held at this level: neighbourhood, place, system or not-set
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    /// Only sessions held on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = overview::parse_date)]
    pub from: Option<jiff::civil::Date>,
    /// Each group's latest session as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = overview::parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Row order: question, lowest (mean across groups), fall (biggest in any group), spread (across groups)
    #[arg(long, value_enum, default_value = "question")]
    pub sort: OverviewSortArg,
    /// Print a report instead of opening the screen
    #[arg(long, value_enum)]
    pub format: Option<SummaryFormat>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OverviewSortArg {
    #[default]
    Question,
    Lowest,
    Fall,
    Spread,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Markdown,
    Csv,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A session file path, or the start of a session id
    pub session: String,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ExportFormat,
    /// Write here instead of to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Html,
}

/// Run a parsed command line and return the process exit code.
pub fn run(cli: Cli) -> i32 {
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let result = match &cli.command {
        Some(Command::Sets) => sets::run(&cli, table::output_width(), &mut out),
        Some(Command::List(args)) => {
            list::run(&cli, args, table::output_width(), &mut out, &mut err)
        }
        Some(Command::Check { files }) => check::run(files, &mut out),
        None => interactive::run(&cli, interactive::Start::Home, &mut err),
        Some(Command::New(args)) => interactive::run(&cli, interactive::Start::New(args), &mut err),
        Some(Command::Resume) => interactive::run(&cli, interactive::Start::Resume, &mut err),
        Some(Command::Export(args)) => export::run(&cli, args, &mut out, &mut err),
        Some(Command::Import { paths }) => import::run(&cli, paths, &mut out, &mut err),
        Some(Command::Present) => present::run(&cli, &mut err),
        Some(Command::Summary(args)) if args.format.is_some() => {
            summary::run_command(&cli, args, &mut out, &mut err)
        }
        Some(Command::Overview(args)) if args.format.is_some() => {
            overview::run_command(&cli, args, &mut out, &mut err)
        }
        Some(Command::Overview(args)) => interactive::run(
            &cli,
            interactive::Start::Overview(args.filter(), args.sort()),
            &mut err,
        ),
        Some(Command::Summary(args)) => {
            let filter = crate::domain::compare::Filter {
                group: args.group.clone(),
                set: args.set.clone(),
            };
            interactive::run(&cli, interactive::Start::Summary(filter), &mut err)
        }
    };
    let code = match result {
        Ok(code) => code,
        // `roundtable list | head`: the reader has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "roundtable: could not write output: {e}");
            EXIT_FAILURE
        }
    };
    let _ = out.flush();
    code
}

/// The folder a read-only command (`list`, `summary --format`) reads, and whether it exists.
/// The default folder not existing just means no sessions yet; a folder named with
/// `--sessions-dir` that does not exist is a mistake, reported on `err` (the `Err` holds the
/// exit code).
pub(crate) fn folder_to_read(
    cli: &Cli,
    err: &mut dyn Write,
) -> io::Result<Result<(PathBuf, bool), i32>> {
    let (dir, named) = match sessions_dir(cli) {
        Ok(found) => found,
        Err(e) => {
            writeln!(err, "roundtable: {e}")?;
            return Ok(Err(EXIT_FAILURE));
        }
    };
    let exists = dir.exists();
    if !exists && named {
        writeln!(
            err,
            "roundtable: the sessions folder {} does not exist: check the path given to --sessions-dir",
            dir.display()
        )?;
        return Ok(Err(EXIT_FAILURE));
    }
    Ok(Ok((dir, exists)))
}

/// The sessions folder opened for reading, or `None` when it does not exist yet (no
/// sessions); `Err` is the exit code after the problem was said on `err`.
pub(crate) fn store_to_read(
    cli: &Cli,
    err: &mut dyn Write,
) -> io::Result<Result<Option<Store>, i32>> {
    let (dir, exists) = match folder_to_read(cli, err)? {
        Ok(found) => found,
        Err(code) => return Ok(Err(code)),
    };
    if !exists {
        return Ok(Ok(None));
    }
    match Store::open(&dir) {
        Ok(store) => Ok(Ok(Some(store))),
        Err(e) => {
            writeln!(err, "roundtable: {e}")?;
            Ok(Err(EXIT_FAILURE))
        }
    }
}

/// The sessions folder to use, and whether the user named it (a named folder that does not
/// exist is a mistake worth reporting; the default one not existing just means no sessions yet).
pub fn sessions_dir(cli: &Cli) -> Result<(PathBuf, bool), StoreError> {
    match &cli.sessions_dir {
        Some(dir) => Ok((dir.clone(), true)),
        None => Store::default_sessions_dir()
            .map(|d| (d, false))
            .ok_or(StoreError::NoSessionsDir),
    }
}
