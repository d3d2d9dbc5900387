//! Following a sessions folder from outside, for the presenter: which session is in
//! progress and what it holds now, read without the lock and without writing anything.
//!
//! Followers read, writers lock: the facilitator's app holds the folder's lock and saves by
//! atomic rename, so a read at any moment sees a whole file. A file that cannot be read
//! (gone for a moment, half-copied by a sync client, hand-edited into nonsense) keeps its
//! last good reading, so the projector never goes blank.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::domain::{Session, Status};

use super::load_session_file;

/// What a file looked like when it was last read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

#[derive(Debug)]
struct Seen {
    stamp: Stamp,
    /// The last good reading of the file, if it ever read well.
    session: Option<Session>,
}

/// A sessions folder as last polled.
#[derive(Debug)]
pub struct Follower {
    dir: PathBuf,
    files: HashMap<PathBuf, Seen>,
    /// The last problem reading the folder or a file, for the presenter's footer.
    pub problem: Option<String>,
}

impl Follower {
    pub fn new(dir: impl Into<PathBuf>) -> Follower {
        Follower {
            dir: dir.into(),
            files: HashMap::new(),
            problem: None,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Look at the folder again: re-read only the session files whose size or modification
    /// time changed. Returns whether anything the presenter shows may have changed.
    pub fn poll(&mut self) -> bool {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) => {
                let problem = Some(format!("cannot read {}: {e}", self.dir.display()));
                let changed = self.problem != problem;
                self.problem = problem;
                return changed;
            }
        };
        let mut changed = false;
        let mut present = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let is_session = path.extension().is_some_and(|e| e == "ron")
                && !entry.file_name().to_string_lossy().starts_with('.');
            if !is_session {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let stamp = Stamp {
                modified: meta.modified().ok(),
                len: meta.len(),
            };
            present.push(path.clone());
            if self
                .files
                .get(&path)
                .is_some_and(|seen| seen.stamp == stamp)
            {
                continue;
            }
            changed = true;
            let reading = load_session_file(&path);
            let seen = self.files.entry(path).or_insert(Seen {
                stamp: stamp.clone(),
                session: None,
            });
            seen.stamp = stamp;
            match reading {
                Ok(session) => seen.session = Some(session),
                Err(problems) => {
                    self.problem = problems.first().map(|p| p.to_string());
                }
            }
        }
        // A file gone for good is forgotten; the presenter keeps its last frame anyway.
        let before = self.files.len();
        self.files.retain(|path, _| present.contains(path));
        changed |= self.files.len() != before;
        changed
    }

    /// The session in progress updated most recently: the one the facilitator has open.
    pub fn in_progress(&self) -> Option<&Session> {
        self.sessions()
            .filter(|s| s.status == Status::InProgress)
            .max_by_key(|s| s.updated)
    }

    /// The latest reading of the session with this id, whatever its status.
    pub fn session(&self, id: uuid::Uuid) -> Option<&Session> {
        self.sessions()
            .filter(|s| s.id == id)
            .max_by_key(|s| s.updated)
    }

    fn sessions(&self) -> impl Iterator<Item = &Session> {
        self.files.values().filter_map(|seen| seen.session.as_ref())
    }
}
