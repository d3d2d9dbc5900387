//! `roundtable export SESSION --format markdown|csv|html [-o FILE]`: a session report, to
//! standard output or a file. SESSION is a session file's path or the start of its id.

use std::io::{self, Write};
use std::path::Path;

use super::table::clean;
use super::{Cli, EXIT_FAILURE, EXIT_INVALID, EXIT_OK, ExportArgs, ExportFormat, sessions_dir};
use crate::domain::Session;
use crate::report::{self, Format};
use crate::store::reports::write_files;
use crate::store::{Store, load_session_file};

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Html => Format::Html,
        }
    }
}

pub fn run(
    cli: &Cli,
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    // The sessions folder is read only if it exists: for an id prefix, and for the
    // history an HTML report charts. Exporting never creates it.
    let store = match sessions_dir(cli) {
        Ok((dir, _)) if dir.is_dir() => Store::open(dir).ok(),
        _ => None,
    };
    let all: Vec<Session> = store
        .as_ref()
        .map(|s| {
            s.load_all()
                .sessions
                .into_iter()
                .map(|s| s.session)
                .collect()
        })
        .unwrap_or_default();

    let session = match find_session(&args.session, store.as_ref(), &all) {
        Ok(session) => session,
        Err((code, message)) => {
            writeln!(err, "{}", clean_lines(&message))?;
            return Ok(code);
        }
    };
    let format = Format::from(args.format);
    let rendered = match report::render_session(&session, &all, format) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "roundtable: {e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    match &args.output {
        None => {
            out.write_all(rendered.main.as_bytes())?;
            Ok(EXIT_OK)
        }
        Some(path) => {
            let files = rendered.files(path);
            match write_files(&files) {
                Ok(()) => {
                    for (written, _) in &files {
                        writeln!(err, "Wrote {}", clean(&written.display().to_string()))?;
                    }
                    Ok(EXIT_OK)
                }
                Err(e) => {
                    writeln!(err, "roundtable: {}", clean(&e.to_string()))?;
                    Ok(EXIT_FAILURE)
                }
            }
        }
    }
}

/// The session named on the command line: a file, or the one session whose id starts with
/// `wanted`. Errors carry the exit code and the whole message to print.
fn find_session(
    wanted: &str,
    store: Option<&Store>,
    all: &[Session],
) -> Result<Session, (i32, String)> {
    let as_path = Path::new(wanted);
    if as_path.is_file() || wanted.ends_with(".ron") || wanted.contains(std::path::MAIN_SEPARATOR) {
        let code = if as_path.exists() {
            EXIT_INVALID
        } else {
            EXIT_FAILURE
        };
        return load_session_file(as_path).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            (code, lines.join("\n"))
        });
    }
    let Some(store) = store else {
        return Err((
            EXIT_FAILURE,
            format!(
                "roundtable: no session file {wanted:?} and no sessions folder to look up an id in: give a file path, or use --sessions-dir"
            ),
        ));
    };
    let prefix = wanted.trim().to_ascii_lowercase();
    if prefix.is_empty() {
        return Err((
            EXIT_FAILURE,
            "roundtable: give a session file or the start of a session id (see `roundtable list`)"
                .into(),
        ));
    }
    let matches: Vec<&Session> = all
        .iter()
        .filter(|s| {
            s.id.hyphenated().to_string().starts_with(&prefix)
                || s.id.simple().to_string().starts_with(&prefix)
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err((
            EXIT_FAILURE,
            format!(
                "roundtable: no session in {} has an id starting with {wanted:?}: `roundtable list` shows the sessions",
                store.dir().display()
            ),
        )),
        many => {
            let mut message = format!(
                "roundtable: {} sessions have an id starting with {wanted:?}; give more of the id:",
                many.len()
            );
            for s in many {
                message.push_str(&format!(
                    "\n  {}  {}  {}  {}",
                    s.id,
                    s.date(),
                    s.group,
                    s.title
                ));
            }
            Err((EXIT_FAILURE, message))
        }
    }
}

fn clean_lines(text: &str) -> String {
    text.lines().map(clean).collect::<Vec<_>>().join("\n")
}
