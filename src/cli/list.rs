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
    let mut report = store.load_all();
    let all: Vec<_> = std::mem::take(&mut report.sessions)
        .into_iter()
        .map(|stored| stored.session)
        .collect();
    let any = !all.is_empty();
    let sessions = match filter::select(all, args.group.as_deref(), args.level) {
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
                vec![
                    present::short_id(s.id),
                    s.date().to_string(),
                    s.title.clone(),
                    s.group.clone(),
                    s.level.label().to_string(),
                    s.question_set.id.clone(),
                    s.status.label().to_string(),
                    format!("{}/{}", s.answered_count(), s.questions.len()),
                    present::mean_or_dash(s.mean_score().map(|m| m.value)),
                ]
            })
            .collect();
        out.write_all(render(&columns, &rows, width).as_bytes())?;
    }
    // Two versions of one session (a sync client's copy, a second window's, an import's):
    // counted once above, named here so nobody has to guess which file is which.
    if !report.conflicts.is_empty() {
        writeln!(
            out,
            "\n⚠ Sessions with two versions on disk (open Roundtable and press c on Home to compare them and keep one):"
        )?;
        for c in &report.conflicts {
            writeln!(
                out,
                "{} {}: {} and {}",
                c.shown.session.date(),
                clean(&c.shown.session.title),
                clean(&c.shown.path.display().to_string()),
                clean(&c.other.path.display().to_string())
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
