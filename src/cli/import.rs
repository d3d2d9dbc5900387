//! `roundtable import PATH...`: merge session files from other folders or laptops into the
//! sessions folder, then say exactly what happened to each file.

use std::io::{self, Write};
use std::path::PathBuf;

use super::table::clean;
use super::{Cli, EXIT_FAILURE, EXIT_INVALID, EXIT_OK, sessions_dir};
use crate::store::Store;
use crate::store::import::{Outcome, import_reporting};

pub fn run(
    cli: &Cli,
    paths: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let store = match sessions_dir(cli).and_then(|(dir, _)| Store::open(dir)) {
        Ok(store) => store,
        Err(e) => {
            writeln!(err, "roundtable: {}", clean(&e.to_string()))?;
            return Ok(EXIT_FAILURE);
        }
    };
    let lock = match store.lock() {
        Ok(lock) => lock,
        Err(e) => {
            writeln!(err, "roundtable: {}", clean(&e.to_string()))?;
            return Ok(EXIT_FAILURE);
        }
    };
    let report = import_reporting(
        &store,
        &lock,
        paths,
        crate::store::index::default_cache_dir().as_deref(),
        &super::progress::on_stderr("reading the sessions folder:"),
        &super::progress::on_stderr("importing:"),
    );
    for outcome in &report.outcomes {
        let text = outcome.to_string();
        for line in text.lines() {
            writeln!(out, "{}", clean(line))?;
        }
    }
    if !report.ignored.is_empty() {
        writeln!(
            out,
            "ignored    {} file{} that {} not session files (hidden, or not ending in .ron)",
            report.ignored.len(),
            if report.ignored.len() == 1 { "" } else { "s" },
            if report.ignored.len() == 1 {
                "is"
            } else {
                "are"
            },
        )?;
    }
    let rejected = report.rejected();
    writeln!(
        out,
        "\nInto {}: {} imported, {} identical, {} conflict{}, {} rejected.",
        clean(&store.dir().display().to_string()),
        report.imported(),
        report.identical(),
        report.conflicts(),
        if report.conflicts() == 1 { "" } else { "s" },
        rejected
    )?;
    if report
        .outcomes
        .iter()
        .any(|o| matches!(o, Outcome::Conflict { .. }))
    {
        writeln!(
            out,
            "Conflict copies are kept in {}/conflicts/ and are not listed as sessions.",
            clean(&store.dir().display().to_string())
        )?;
    }
    if rejected > 0 {
        writeln!(
            out,
            "Rejected files were not copied: fix them (see `roundtable check FILE`) and import again."
        )?;
        Ok(EXIT_INVALID)
    } else {
        Ok(EXIT_OK)
    }
}
