//! `roundtable sets`: the question sets a session can use, and where each comes from.

use std::io::{self, Write};

use super::table::{Column, clean, render};
use super::{Cli, EXIT_INVALID, EXIT_OK};
use crate::store::sets::{SetCatalog, SetOrigin};

/// `width`: see [`super::table::output_width`].
pub fn run(cli: &Cli, width: Option<usize>, out: &mut dyn Write) -> io::Result<i32> {
    let catalog = SetCatalog::load(cli.sets_dir.as_deref());
    let columns = [
        Column::fixed("ID"),
        Column::fixed("VERSION"),
        Column::fixed("QUESTIONS"),
        Column::shrinking("TITLE", 0, 12),
        Column::fixed("ORIGIN"),
    ];
    let rows: Vec<Vec<String>> = catalog
        .sets
        .iter()
        .map(|s| {
            let origin = match &s.origin {
                SetOrigin::BuiltIn => "built-in".to_string(),
                SetOrigin::File(path) if s.replaces_builtin => {
                    format!("{} (replaces built-in)", path.display())
                }
                SetOrigin::File(path) => path.display().to_string(),
            };
            vec![
                s.set.id.clone(),
                s.set.version.to_string(),
                s.set.questions.len().to_string(),
                s.set.title.clone(),
                origin,
            ]
        })
        .collect();
    out.write_all(render(&columns, &rows, width).as_bytes())?;
    if !catalog.problems.is_empty() {
        writeln!(out, "\nSets that could not be used:")?;
        for problem in &catalog.problems {
            writeln!(out, "{}", clean(&problem.to_string()))?;
        }
        return Ok(EXIT_INVALID);
    }
    Ok(EXIT_OK)
}
