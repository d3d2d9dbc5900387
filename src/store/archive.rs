//! Sessions set aside (Home `z`): moved into `archive/` beside the sessions, never deleted,
//! listed (Home `Z`) and moved back on request. A test session is out of the way without
//! anyone being asked to trust a delete.
//!
//! A move is a rename inside the sessions folder, made durable like a save; it never
//! replaces a file that is already there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files::{create_private_dir, rename_durably};
use super::{LoadReport, Store, StoreError};

/// The folder, inside the sessions folder, that set-aside sessions move to. `load_all`
/// reads one level only, so they drop out of Home, `list` and the summary.
pub const ARCHIVE_DIR: &str = "archive";

impl Store {
    pub fn archive_dir(&self) -> PathBuf {
        self.dir().join(ARCHIVE_DIR)
    }

    /// Move the session file at `path` into `archive/`; returns where it went.
    pub fn archive_session(&self, path: &Path) -> Result<PathBuf, StoreError> {
        let archive = self.archive_dir();
        create_private_dir(&archive)
            .map_err(|e| StoreError::io("create the folder", &archive, e))?;
        move_without_replacing(path, &archive)
    }

    /// Move a set-aside session back among the sessions; returns where it went.
    pub fn restore(&self, path: &Path) -> Result<PathBuf, StoreError> {
        move_without_replacing(path, self.dir())
    }

    /// The set-aside sessions, and any files there that could not be read.
    pub fn load_set_aside(&self) -> LoadReport {
        let archive = self.archive_dir();
        if !archive.is_dir() {
            return LoadReport::default();
        }
        Store {
            dir: archive,
            ..self.clone()
        }
        .load_all()
    }
}

fn move_without_replacing(path: &Path, into: &Path) -> Result<PathBuf, StoreError> {
    let Some(name) = path.file_name() else {
        return Err(StoreError::io(
            "move",
            path,
            io::Error::new(io::ErrorKind::InvalidInput, "not a file"),
        ));
    };
    let target = into.join(name);
    if fs::symlink_metadata(&target).is_ok() {
        return Err(StoreError::io(
            "move a session over",
            &target,
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                "a file of that name is already there",
            ),
        ));
    }
    rename_durably(path, &target).map_err(|e| StoreError::io("move", path, e))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Session;

    #[test]
    fn set_aside_moves_the_file_and_restore_brings_it_back() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path()).expect("store");
        let session = Session::new(
            &crate::store::sets::SetCatalog::builtin().sets[0].set,
            crate::domain::SessionSetup {
                title: "Test run".into(),
                group: String::new(),
                facilitator: String::new(),
                participants: crate::domain::Participants::Seats(2),
                level: crate::domain::Level::NotSet,
                planned_minutes: 60,
            },
            uuid::Uuid::nil(),
            "2026-11-22T10:00:00Z".parse().expect("time"),
        );
        let path = store.path_for(&session);
        store.save(&path, &session).expect("save");
        let moved = store.archive_session(&path).expect("set aside");
        assert!(!path.exists());
        assert!(moved.starts_with(store.archive_dir()));
        assert!(store.load_all().sessions.is_empty(), "out of the list");
        assert_eq!(store.load_set_aside().sessions.len(), 1);

        // A file of the same name back among the sessions is never replaced.
        store.save(&path, &session).expect("save again");
        assert!(store.restore(&moved).is_err());
        assert!(moved.exists(), "nothing lost");
        fs::remove_file(&path).expect("remove the copy");
        let back = store.restore(&moved).expect("restore");
        assert_eq!(back, path);
        assert_eq!(store.load_all().sessions.len(), 1);
    }
}
