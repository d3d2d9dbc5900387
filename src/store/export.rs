//! Writing session reports into `<sessions folder>/reports/`, for the review and summary
//! screens' export key: the facilitator gets a file they can find again, next to the
//! sessions, without being asked for a path mid-workshop.

use std::path::{Path, PathBuf};

use super::files::create_private_dir;
use super::{Store, advice, atomic_write};
use crate::domain::Session;
use crate::report::{self, CsvError, Format};

/// The subfolder of the sessions folder that reports are written to. `load_all` reads only
/// the folder itself, so reports never show up as sessions.
pub const REPORTS_DIR: &str = "reports";

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error("could not write the report {}: {}", .path.display(), advice(.source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Write `session`'s report in `format` to `<sessions folder>/reports/<session file stem>.<ext>`
/// (for CSV also `<stem>-votes.csv`), atomically, and return the main file's path. HTML
/// includes the score history of the session's group and set from the sessions folder.
pub fn export_next_to_sessions(
    store: &Store,
    session: &Session,
    format: Format,
) -> Result<PathBuf, ExportError> {
    let history: Vec<Session> = match format {
        Format::Html => store
            .load_all()
            .sessions
            .into_iter()
            .map(|s| s.session)
            .collect(),
        _ => Vec::new(),
    };
    let rendered = report::render_session(session, &history, format)?;
    let dir = reports_dir(store)?;
    let name = Store::file_name_for(session);
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    let path = dir.join(format!("{stem}.{}", format.extension()));
    write_report(&path, &rendered)?;
    Ok(path)
}

/// `<sessions folder>/reports`, created (0700) if missing.
pub fn reports_dir(store: &Store) -> Result<PathBuf, ExportError> {
    let dir = store.dir().join(REPORTS_DIR);
    create_private_dir(&dir).map_err(|source| ExportError::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

/// Write a rendered report to `path` (and its votes CSV beside it), each atomically.
pub fn write_report(path: &Path, rendered: &report::Rendered) -> Result<(), ExportError> {
    let write = |p: &Path, text: &str| {
        atomic_write(p, text.as_bytes()).map_err(|source| ExportError::Io {
            path: p.to_path_buf(),
            source,
        })
    };
    write(path, &rendered.main)?;
    if let Some(votes) = &rendered.votes_csv {
        write(&votes_path(path), votes)?;
    }
    Ok(())
}

/// `report.csv` → `report-votes.csv`; `report` → `report-votes`.
pub fn votes_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().map_or_else(
        || "report".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let name = match path.extension() {
        Some(ext) => format!("{stem}-votes.{}", ext.to_string_lossy()),
        None => format!("{stem}-votes"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_file_sits_beside_the_report() {
        assert_eq!(
            votes_path(Path::new("out/q4.csv")),
            PathBuf::from("out/q4-votes.csv")
        );
        assert_eq!(votes_path(Path::new("q4")), PathBuf::from("q4-votes"));
        assert_eq!(
            votes_path(Path::new("a.b/q.v1.csv")),
            PathBuf::from("a.b/q.v1-votes.csv")
        );
    }
}
