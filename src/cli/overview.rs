//! `roundtable overview`: every group side by side on one question set, read from the
//! metadata index (so 10,000 sessions answer at once), as a screen or `--format`.

use std::io::{self, Write};

use super::{
    Cli, EXIT_FAILURE, EXIT_OK, LevelArg, OverviewArgs, OverviewSortArg, SummaryFormat,
    store_to_read,
};
use crate::domain::Level;
use crate::domain::digest::SessionDigest;
use crate::domain::overview::{Overview, OverviewFilter, OverviewSort};
use crate::report::overview as render;
use crate::store::index::{DigestReport, default_cache_dir};
use crate::store::{FileProblem, Store};

impl OverviewArgs {
    /// The filter the arguments ask for.
    pub fn filter(&self) -> OverviewFilter {
        OverviewFilter {
            set: self.set.clone(),
            level: self.level.map(level_of),
            from: self.from,
            as_of: self.as_of,
        }
    }

    pub fn sort(&self) -> OverviewSort {
        match self.sort {
            OverviewSortArg::Question => OverviewSort::Question,
            OverviewSortArg::Lowest => OverviewSort::Lowest,
            OverviewSortArg::Fall => OverviewSort::BiggestFall,
            OverviewSortArg::Spread => OverviewSort::WidestSpread,
        }
    }
}

pub fn level_of(arg: LevelArg) -> Level {
    match arg {
        LevelArg::Neighbourhood => Level::Neighbourhood,
        LevelArg::Place => Level::Place,
        LevelArg::System => Level::System,
        LevelArg::NotSet => Level::NotSet,
    }
}

/// A `YYYY-MM-DD` date for `--from` and `--as-of`, refused with what to type.
pub fn parse_date(input: &str) -> Result<jiff::civil::Date, String> {
    input
        .trim()
        .parse()
        .map_err(|_| format!("{input:?} is not a date: write it as YYYY-MM-DD, e.g. 2026-10-01"))
}

/// Every session in the folder in brief, through the index, with progress on standard
/// error when it is a terminal and the folder is large (never in piped output).
pub fn load_digests(store: &Store, err: &mut dyn Write) -> DigestReport {
    let progress = super::progress::on_stderr("loading");
    let report = store.load_digests(default_cache_dir().as_deref(), &progress);
    let _ = err.flush();
    report
}

/// `roundtable overview --format …`: print the overview.
pub fn run_command(
    cli: &Cli,
    args: &OverviewArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<i32> {
    let report = match store_to_read(cli, err)? {
        Ok(Some(store)) => load_digests(&store, err),
        Ok(None) => DigestReport::default(),
        Err(code) => return Ok(code),
    };
    let digests: Vec<&SessionDigest> = report.sessions.iter().map(|s| &s.digest).collect();
    Ok(run(&digests, &report.problems, args, out, err))
}

/// Print the overview the arguments ask for; problem files are listed on `err`.
pub fn run(
    digests: &[&SessionDigest],
    problems: &[FileProblem],
    args: &OverviewArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let filter = args.filter();
    let overview = Overview::build(digests.iter().copied(), &filter);
    if !problems.is_empty() {
        let _ = writeln!(
            err,
            "{} file(s) could not be read and are not included:",
            problems.len()
        );
        for p in problems {
            let _ = writeln!(err, "  {p}");
        }
    }
    if overview.groups.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            render::nothing_to_show(digests.is_empty(), &filter)
        );
        return EXIT_FAILURE;
    }
    let order = overview.sorted_rows(args.sort());
    let text = match args.format.unwrap_or(SummaryFormat::Text) {
        SummaryFormat::Text => render::text(&overview, &filter, &order),
        SummaryFormat::Markdown => render::markdown(&overview, &filter, &order),
        SummaryFormat::Html => render::html(&overview, &filter, &order),
        SummaryFormat::Csv => match render::csv(&overview, &order) {
            Ok(text) => text,
            Err(e) => {
                let _ = writeln!(err, "roundtable: could not write the CSV: {e}");
                return EXIT_FAILURE;
            }
        },
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "roundtable: could not write the overview: {e}");
            EXIT_FAILURE
        }
    }
}
