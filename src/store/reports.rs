//! The reports folder beside the sessions, and writing files into it atomically.
//!
//! What a report says is `report`'s business and when one is written is the runtime's;
//! the store only knows where reports go and how to write bytes without leaving half a
//! file, so it never needs to know what a report is.

use std::io;
use std::path::PathBuf;

use super::files::create_private_dir;
use super::{Store, advice, atomic_write};

/// The subfolder of the sessions folder that reports are written to. `load_all` reads only
/// the folder itself, so reports never show up as sessions.
pub const REPORTS_DIR: &str = "reports";

/// A report file (or the reports folder) that could not be written, with what to do.
#[derive(Debug, thiserror::Error)]
#[error("could not write the report {}: {}", .path.display(), advice(.source))]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl Store {
    /// `<sessions folder>/reports`, created (0700) if missing.
    pub fn reports_dir(&self) -> Result<PathBuf, WriteError> {
        let dir = self
            .reports_to
            .clone()
            .unwrap_or_else(|| self.dir().join(REPORTS_DIR));
        create_private_dir(&dir).map_err(|source| WriteError {
            path: dir.clone(),
            source,
        })?;
        Ok(dir)
    }
}

/// `<dir>/<stem>.<ext>`, or if that file exists the first free `<stem>-2.<ext>`,
/// `<stem>-3.<ext>`…, so a new report never replaces an older one.
pub fn unused_path(dir: &std::path::Path, stem: &str, ext: &str) -> PathBuf {
    let mut path = dir.join(format!("{stem}.{ext}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.{ext}"));
        n += 1;
    }
    path
}

/// Write each `(path, text)`, each atomically, stopping at the first that fails.
pub fn write_files(files: &[(PathBuf, &str)]) -> Result<(), WriteError> {
    for (path, text) in files {
        atomic_write(path, text.as_bytes()).map_err(|source| WriteError {
            path: path.clone(),
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_folder_is_made_beside_the_sessions_and_files_land_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let dir = store.reports_dir().unwrap();
        assert_eq!(dir, tmp.path().join(REPORTS_DIR));
        let files = [
            (dir.join("a.md"), "# A"),
            (dir.join("a-votes.csv"), "x,y\n"),
        ];
        write_files(&files).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), "# A");
        assert_eq!(
            std::fs::read_to_string(dir.join("a-votes.csv")).unwrap(),
            "x,y\n"
        );
    }

    #[test]
    fn a_new_report_never_takes_an_older_ones_name() {
        let tmp = tempfile::tempdir().unwrap();
        let first = unused_path(tmp.path(), "summary-north-2026-12-02", "html");
        assert_eq!(first, tmp.path().join("summary-north-2026-12-02.html"));
        write_files(&[(first, "one")]).unwrap();
        let second = unused_path(tmp.path(), "summary-north-2026-12-02", "html");
        assert_eq!(second, tmp.path().join("summary-north-2026-12-02-2.html"));
        write_files(&[(second, "two")]).unwrap();
        assert_eq!(
            unused_path(tmp.path(), "summary-north-2026-12-02", "html"),
            tmp.path().join("summary-north-2026-12-02-3.html")
        );
    }

    #[test]
    fn a_failed_write_names_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("no such folder").join("a.md");
        let e = write_files(&[(missing.clone(), "x")]).unwrap_err();
        assert_eq!(e.path, missing);
        assert!(e.to_string().contains("could not write the report"), "{e}");
    }
}
