//! `roundtable check FILE...`: validate session and question-set files, one line per
//! problem, so it can sit in a script or an editor's error list.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::table::clean;
use super::{EXIT_INVALID, EXIT_OK};
use crate::domain::{QuestionSet, Session};
use crate::store::sets::MAX_SET_BYTES;
use crate::store::{FileProblem, MAX_SESSION_BYTES, read_text};

pub fn run(files: &[PathBuf], out: &mut dyn Write) -> io::Result<i32> {
    let mut code = EXIT_OK;
    for path in files {
        let problems = check_file(path);
        if problems.is_empty() {
            writeln!(out, "{}: ok", clean(&path.display().to_string()))?;
        } else {
            code = EXIT_INVALID;
            for problem in problems {
                writeln!(out, "{}", clean(&problem.to_string()))?;
            }
        }
    }
    Ok(code)
}

/// Every problem in one file; empty when it is a valid session or question set.
pub fn check_file(path: &Path) -> Vec<FileProblem> {
    let text = match read_text(path, MAX_SESSION_BYTES) {
        Ok(text) => text,
        Err(problem) => return vec![problem],
    };
    let at =
        |line: usize, column: usize, message: String| FileProblem::new(path, line, column, message);
    if looks_like_session(&text) {
        return match Session::from_ron(&text) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .problems()
                .into_iter()
                .map(|p| at(p.line, p.column, p.message))
                .collect(),
        };
    }
    if text.len() as u64 > MAX_SET_BYTES {
        return vec![FileProblem::whole(
            path,
            format!(
                "has no format_version, so it is read as a question set, and is over the {MAX_SET_BYTES}-byte limit for one"
            ),
        )];
    }
    match QuestionSet::from_ron(&text) {
        Ok(_) => Vec::new(),
        Err(errors) => {
            let hint = if text.contains("questions") {
                ""
            } else {
                " (this does not look like a Roundtable session or question set)"
            };
            errors
                .into_iter()
                .map(|e| at(e.line, e.column, format!("{}{hint}", e.message)))
                .collect()
        }
    }
}

/// A session file has a `format_version:` field; a question set does not.
fn looks_like_session(text: &str) -> bool {
    text.match_indices("format_version")
        .any(|(i, m)| text[i + m.len()..].trim_start().starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_told_from_sets_by_their_version_field() {
        assert!(looks_like_session("(\n format_version : 1,"));
        assert!(!looks_like_session(
            "(description: \"no format_version here\")"
        ));
    }
}
