//! `roundtable list`: every session in the folder (or of one group or level), and a line
//! per file that could not be read. The short id is what `export` takes.

use std::io::{self, Write};

use super::table::{Column, clean, render};
use super::{Cli, EXIT_FAILURE, EXIT_INVALID, EXIT_OK, ListArgs, filter, folder_to_read};
use crate::report::present;
use crate::store::Store;

/// `width`: see [`super::table::output_width`].
pub fn run(
    cli: &Cli,
    args: &ListArgs,
    width: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let (dir, exists) = match folder_to_read(cli, err)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    if !exists {
        writeln!(
            out,
            "No sessions yet (they will be saved in {}).",
            dir.display()
        )?;
        return Ok(EXIT_OK);
    }
    let store = match Store::open(&dir) {
        Ok(store) => store,
        Err(e) => {
            writeln!(err, "roundtable: {e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    // Recover interrupted saves only when no other Roundtable is using the folder; when one
    // is, its temp files are its own business and listing stays read-only.
    if store.has_interrupted_saves()
        && let Ok(lock) = store.lock()
    {
        for recovery in store.recover(&lock) {
            writeln!(err, "roundtable: {}", clean(&recovery.to_string()))?;
        }
    }
    // In brief, through the index: 10,000 sessions list without parsing 10,000 files.
    let mut report = super::overview::load_digests(&store, err);
    let groups = report.groups();
    let all: Vec<_> = std::mem::take(&mut report.sessions);
    let any = !all.is_empty();
    let shown_of = |path: &std::path::Path| {
        all.iter()
            .find(|s| s.path == path)
            .map(|s| (s.digest.date(), s.digest.title.clone()))
    };
    let conflicts: Vec<_> = report
        .conflicts
        .iter()
        .filter_map(|(shown, other)| shown_of(shown).map(|(d, t)| (d, t, shown, other)))
        .collect();
    let selected = filter::select_by(
        all.clone(),
        &groups,
        args.group.as_deref(),
        args.level,
        |s| (&s.digest.group, s.digest.level),
    );
    let sessions = match selected {
        Ok((sessions, _)) => sessions,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    if !any {
        writeln!(out, "No sessions in {}.", dir.display())?;
    } else if sessions.is_empty() {
        writeln!(
            out,
            "No sessions of that group and level in {}: `roundtable list` alone shows them all.",
            dir.display()
        )?;
    } else {
        // At 80 columns the minimums just fit: 8+10+8+8+5+4+11+5+4, and eight gaps.
        let columns = [
            Column::fixed("ID"),
            Column::fixed("DATE"),
            Column::shrinking("TITLE", 3, 8),
            Column::shrinking("GROUP", 2, 8),
            Column::shrinking("LEVEL", 1, 5),
            Column::shrinking("SET", 0, 4),
            Column::fixed("STATUS"),
            Column::fixed("DONE"),
            Column::fixed("MEAN"),
        ];
        let rows: Vec<Vec<String>> = sessions
            .iter()
            .map(|s| {
                let s = &s.digest;
                vec![
                    present::short_id(s.id),
                    s.date().to_string(),
                    s.title.clone(),
                    s.group.clone(),
                    s.level.label().to_string(),
                    s.set_id.to_string(),
                    s.status.label().to_string(),
                    format!("{}/{}", s.answered, s.questions.len()),
                    present::mean_or_dash(s.mean()),
                ]
            })
            .collect();
        out.write_all(render(&columns, &rows, width).as_bytes())?;
    }
    // Two versions of one session (a sync client's copy, a second window's, an import's):
    // counted once above, named here so nobody has to guess which file is which.
    if !conflicts.is_empty() {
        writeln!(
            out,
            "\n⚠ Sessions with two versions on disk (open Roundtable and press c on Home to compare them and keep one):"
        )?;
        for (date, title, shown, other) in &conflicts {
            writeln!(
                out,
                "{} {}: {} and {}",
                date,
                clean(title),
                clean(&shown.display().to_string()),
                clean(&other.display().to_string())
            )?;
        }
    }
    // Kept by `import` when one session was edited on two laptops; not sessions themselves.
    let copies = crate::store::import::conflict_copies(&store);
    if !copies.is_empty() {
        writeln!(
            out,
            "\n{} conflict cop{} from imports (other versions of these sessions) in {}: compare, copy across what you need, then delete.",
            copies.len(),
            if copies.len() == 1 { "y" } else { "ies" },
            clean(
                &dir.join(crate::store::import::CONFLICTS_DIR)
                    .display()
                    .to_string()
            )
        )?;
    }
    if report.problems.is_empty() {
        return Ok(EXIT_OK);
    }
    writeln!(
        out,
        "\nFiles to look at (unreadable, or another copy of a session):"
    )?;
    for problem in &report.problems {
        writeln!(out, "{}", clean(&problem.to_string()))?;
    }
    Ok(EXIT_INVALID)
}
