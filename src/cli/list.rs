//! `roundtable list`: every session in the folder, and a line per file that could not be read.

use std::io::{self, Write};

use super::table::{Column, clean, render};
use super::{Cli, EXIT_FAILURE, EXIT_INVALID, EXIT_OK, folder_to_read};
use crate::report::present;
use crate::store::Store;

pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
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
    let report = store.load_all();
    if report.sessions.is_empty() {
        writeln!(out, "No sessions in {}.", dir.display())?;
    } else {
        let columns = [
            Column::fixed("DATE"),
            Column::shrinking("TITLE", 2, 12),
            Column::shrinking("GROUP", 1, 8),
            Column::shrinking("SET", 0, 8),
            Column::fixed("STATUS"),
            Column::fixed("ANSWERED"),
            Column::fixed("MEAN"),
        ];
        let rows: Vec<Vec<String>> = report
            .sessions
            .iter()
            .map(|stored| {
                let s = &stored.session;
                vec![
                    s.date().to_string(),
                    s.title.clone(),
                    s.group.clone(),
                    s.question_set.id.clone(),
                    s.status.label().to_string(),
                    format!("{}/{}", s.answered_count(), s.questions.len()),
                    present::mean_or_dash(s.mean_score().map(|m| m.value)),
                ]
            })
            .collect();
        out.write_all(render(&columns, &rows).as_bytes())?;
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
