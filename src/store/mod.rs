//! The sessions folder: paths, the lock, atomic saves, start-up recovery and loading.
//!
//! This is the only module that touches session files. Its promise is the product's: a
//! note, once saved, is never half-written, silently skipped or clobbered by a second window.
//!
//! - Saving writes `.<name>.tmp` beside the target, fsyncs it, renames it over the target
//!   and fsyncs the folder, so a crash leaves either the old file or the new one.
//! - A temp file left by a crash is promoted, removed or set aside as `<name>.partial` by
//!   [`Store::recover`], which needs the lock, so it never races a running save.
//! - Loading returns every good session and a [`FileProblem`] per bad file.

mod files;
pub mod import;
pub mod reports;
pub mod sets;

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::domain::Session;

pub use files::{MAX_SESSION_BYTES, atomic_write, atomic_write_with, read_text, temp_path_for};

/// The lock file's name inside the sessions folder. It is never a session (not `*.ron`).
pub const LOCK_FILE: &str = ".roundtable.lock";

/// The suffix of a temp file written by a save in progress: `.<name>.tmp`.
const TEMP_SUFFIX: &str = ".tmp";

/// The suffix given to an interrupted save that could not be read, so it is shown to the
/// facilitator on every load and never overwritten by a later save.
pub const PARTIAL_SUFFIX: &str = ".partial";

/// The longest slug taken from a title for a file name.
const MAX_SLUG_CHARS: usize = 40;

/// A problem with one file, at a place a person can go to in an editor.
///
/// Problems about the whole file (too big, a folder, unreadable) are placed at 1:1 so every
/// line of output has the same `PATH:LINE:COL: message` shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
}

impl FileProblem {
    pub fn new(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        FileProblem {
            path: path.into(),
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
        }
    }

    /// A problem with the whole file, placed at its start.
    pub fn whole(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(path, 1, 1, message)
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Something the store could not do, with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "another Roundtable{} has the sessions folder {} open: close it first, or use --sessions-dir for another folder",
        .pid.map(|p| format!(" (pid {p})")).unwrap_or_default(),
        .dir.display()
    )]
    Locked { dir: PathBuf, pid: Option<u32> },

    #[error("could not {action} {}: {}", .path.display(), advice(.source))]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{} is not a folder: use --sessions-dir to choose a folder for sessions", .0.display())]
    NotAFolder(PathBuf),

    #[error(
        "no folder for sessions: this system has no home folder Roundtable can find; use --sessions-dir DIR or set ROUNDTABLE_SESSIONS_DIR"
    )]
    NoSessionsDir,

    #[error("could not write the session as RON: {0}")]
    Serialize(#[from] ron::Error),

    #[error(
        "the session is {size} bytes, over the {MAX_SESSION_BYTES}-byte limit for a session file, so it could not be read back: shorten its notes; your work is kept in memory"
    )]
    TooLarge { size: usize },
}

impl StoreError {
    fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// An I/O error in plain words, with what the facilitator can do.
pub fn advice(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::ReadOnlyFilesystem => {
            "the disk is read-only: use --sessions-dir to choose a writable folder".into()
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "the disk is full: free some space; your work is kept in memory and will be retried"
                .into()
        }
        // Windows says "access denied" for a file another program has open, not only for
        // a folder the user may not write to.
        io::ErrorKind::PermissionDenied if cfg!(windows) => {
            "access denied: another program (a virus scanner or a sync client such as OneDrive) may have the file open, or the folder is not yours to write: try again, or use --sessions-dir for a folder you own"
                .into()
        }
        io::ErrorKind::PermissionDenied => {
            "permission denied: check the folder's permissions, or use --sessions-dir for a folder you own"
                .into()
        }
        io::ErrorKind::NotFound => "it does not exist".into(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        _ => e.to_string(),
    }
}

/// The sessions folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// Holds the sessions folder's lock until dropped. Proof, for [`Store::recover`], that no
/// other Roundtable is saving into the folder.
#[derive(Debug)]
pub struct StoreLock {
    // Closing the file releases the advisory lock.
    _file: File,
}

/// A session that loaded, with the file it came from (keep saving to that path: the name
/// is chosen once, when the session is created, even if the title changes later).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSession {
    pub path: PathBuf,
    pub session: Session,
}

/// Every good session and every problem, so one bad file never hides the others.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Oldest `updated` first; ties by path, so the order is stable.
    pub sessions: Vec<StoredSession>,
    /// Sorted by path.
    pub problems: Vec<FileProblem>,
}

/// What start-up recovery did with one temp file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The temp file held newer work than its session file (a later `updated`, or the same
    /// `updated` and different content), or there was no session file: it now is the session file.
    Promoted { temp: PathBuf, session: PathBuf },
    /// The temp file was older than its session file, or the same: removed.
    Removed { temp: PathBuf },
    /// The temp file could not be read: kept, renamed so a later save cannot overwrite it.
    SetAside {
        temp: PathBuf,
        kept: PathBuf,
        problem: FileProblem,
    },
    /// Recovery itself failed (a rename or a removal); the temp file is left where it was.
    Failed { temp: PathBuf, problem: FileProblem },
}

impl fmt::Display for Recovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recovery::Promoted { session, .. } => write!(
                f,
                "recovered unsaved work from an interrupted save into {}",
                session.display()
            ),
            Recovery::Removed { temp } => {
                write!(
                    f,
                    "removed {}: an interrupted save with nothing new in it",
                    temp.display()
                )
            }
            Recovery::SetAside { kept, problem, .. } => write!(
                f,
                "{}:{}:{}: an interrupted save left this partial file ({}): copy anything you need from it, then delete it",
                kept.display(),
                problem.line,
                problem.column,
                problem.message
            ),
            Recovery::Failed { problem, .. } => write!(f, "{problem}"),
        }
    }
}

impl Store {
    /// Open (creating it 0700 if missing) the sessions folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let dir = dir.into();
        match fs::metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(StoreError::NotAFolder(dir)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                files::create_private_dir(&dir)
                    .map_err(|e| StoreError::io("create the sessions folder", &dir, e))?;
            }
            Err(e) => return Err(StoreError::io("open the sessions folder", &dir, e)),
        }
        Ok(Store { dir })
    }

    /// The platform's place for session files, e.g. `~/.local/share/roundtable/sessions`.
    pub fn default_sessions_dir() -> Option<PathBuf> {
        ProjectDirs::from("org", "Roundtable", "roundtable").map(|d| d.data_dir().join("sessions"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Take the folder's advisory lock, so two windows never save over each other's work.
    pub fn lock(&self) -> Result<StoreLock, StoreError> {
        let path = self.dir.join(LOCK_FILE);
        let mut file = files::private_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false) // the holder's pid is in it until we hold the lock
            .open(&path)
            .map_err(|e| StoreError::io("open the lock file", &path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let pid = file
                    .read_to_string(&mut text)
                    .ok()
                    .and_then(|_| text.trim().parse().ok());
                return Err(StoreError::Locked {
                    dir: self.dir.clone(),
                    pid,
                });
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(StoreError::io("lock", &path, e));
            }
        }
        // Best effort: the pid only makes the "locked" message more helpful.
        let _ = file
            .set_len(0)
            .and_then(|()| file.seek(io::SeekFrom::Start(0)))
            .and_then(|_| writeln!(file, "{}", std::process::id()));
        Ok(StoreLock { _file: file })
    }

    /// `YYYY-MM-DD-<slug>-<first 8 hex of id>.ron`: sorts by date, readable, and safe
    /// whatever the title says.
    pub fn file_name_for(session: &Session) -> String {
        let id: String = session.id.simple().to_string().chars().take(8).collect();
        format!("{}-{}-{id}.ron", session.date(), slug(&session.title))
    }

    /// Where a new session is saved. Compute once; a loaded session keeps its own path.
    pub fn path_for(&self, session: &Session) -> PathBuf {
        self.dir.join(Self::file_name_for(session))
    }

    /// Save atomically and durably: after this returns, the file holds exactly `session`,
    /// and a crash at any moment leaves the previous version intact.
    pub fn save(&self, path: &Path, session: &Session) -> Result<(), StoreError> {
        let text = session.to_ron()?;
        if text.len() as u64 > MAX_SESSION_BYTES {
            return Err(StoreError::TooLarge { size: text.len() });
        }
        atomic_write(path, text.as_bytes()).map_err(|e| StoreError::io("save", path, e))
    }

    /// Every session in the folder and every problem file. Only `*.ron` files are sessions;
    /// temp and `.partial` files left by interrupted saves are listed as problems so the
    /// notes in them are never unseen.
    pub fn load_all(&self) -> LoadReport {
        let mut report = LoadReport::default();
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) => {
                report.problems.push(FileProblem::whole(
                    &self.dir,
                    format!("could not read the sessions folder: {}", advice(&e)),
                ));
                return report;
            }
        };
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => files.push((
                    entry.path(),
                    entry.file_name().to_string_lossy().into_owned(),
                )),
                Err(e) => report.problems.push(FileProblem::whole(
                    &self.dir,
                    format!("could not list the sessions folder: {}", advice(&e)),
                )),
            }
        }
        // Parsing dominates with thousands of files: share it across the cores. Each file
        // is independent and the results are sorted below, so the order of work is free.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let chunk = files.len().div_ceil(threads).max(64);
        let parts: Vec<LoadReport> = if files.len() <= chunk {
            vec![load_files(&files)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = files
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || load_files(part)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| LoadReport {
                            sessions: Vec::new(),
                            problems: vec![FileProblem::whole(
                                &self.dir,
                                "some files could not be read (a loader thread failed): try again",
                            )],
                        })
                    })
                    .collect()
            })
        };
        for part in parts {
            report.sessions.extend(part.sessions);
            report.problems.extend(part.problems);
        }
        report.sessions.sort_by(|a, b| {
            a.session
                .updated
                .cmp(&b.session.updated)
                .then_with(|| a.path.cmp(&b.path))
        });
        report
            .problems
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        report
    }

    /// Deal with temp files left by a crash: promote one holding newer work, remove one
    /// holding nothing new, and set aside (as `<name>.partial`) one that cannot be read.
    /// Needs the lock so it never touches the temp file of a save in progress.
    pub fn recover(&self, _lock: &StoreLock) -> Vec<Recovery> {
        self.temp_files()
            .into_iter()
            .map(|(temp, target)| self.recover_one(temp, &target))
            .collect()
    }

    /// Whether saves were interrupted here, so a read-only command can skip taking the
    /// lock (and creating the lock file) when there is nothing to recover.
    pub fn has_interrupted_saves(&self) -> bool {
        !self.temp_files().is_empty()
    }

    /// Temp files of saves, with the session file name each belongs to, sorted.
    fn temp_files(&self) -> Vec<(PathBuf, String)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new(); // load_all reports an unreadable folder
        };
        let mut temps: Vec<(PathBuf, String)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| match classify(&e.file_name().to_string_lossy()) {
                Kind::Temp(target) => Some((e.path(), target)),
                _ => None,
            })
            .collect();
        temps.sort();
        temps
    }

    fn recover_one(&self, temp: PathBuf, target_name: &str) -> Recovery {
        let target = self.dir.join(target_name);
        let failed = |temp: PathBuf, what: &str, e: io::Error| {
            let problem = FileProblem::whole(
                &temp,
                format!(
                    "an interrupted save was found but could not be {what}: {}",
                    advice(&e)
                ),
            );
            Recovery::Failed { temp, problem }
        };
        let newer = match load_session_file(&temp) {
            Ok(new) => new,
            Err(problems) => {
                let problem = problems
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| FileProblem::whole(&temp, "could not be read"));
                let kept = free_name(&self.dir, &format!("{target_name}{PARTIAL_SUFFIX}"));
                return match files::rename_durably(&temp, &kept) {
                    Ok(()) => Recovery::SetAside {
                        temp,
                        kept,
                        problem,
                    },
                    Err(e) => failed(temp, "set aside", e),
                };
            }
        };
        let keep_temp = match load_session_file(&target) {
            // A temp file is, by construction, the last save attempted: keep it unless it is
            // older, or says nothing the session file does not (the app may save a change
            // without the clock having moved on).
            Ok(old) => {
                newer.updated > old.updated || (newer.updated == old.updated && newer != old)
            }
            Err(_) if !target.exists() => true,
            Err(problems) => {
                // Both could hold notes; let the facilitator choose rather than guess.
                let detail = problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let problem = FileProblem::whole(
                    &temp,
                    format!(
                        "an interrupted save of {target_name}, whose own file cannot be read ({detail}): compare the two, keep one as {target_name}, and delete the other"
                    ),
                );
                return Recovery::Failed { temp, problem };
            }
        };
        if keep_temp {
            match files::rename_durably(&temp, &target) {
                Ok(()) => Recovery::Promoted {
                    temp,
                    session: target,
                },
                Err(e) => failed(temp, "recovered", e),
            }
        } else {
            match fs::remove_file(&temp) {
                Ok(()) => Recovery::Removed { temp },
                Err(e) => failed(temp, "removed", e),
            }
        }
    }
}

/// Load a batch of directory entries: sessions, and problems for the files that are not.
fn load_files(files: &[(PathBuf, String)]) -> LoadReport {
    let mut report = LoadReport::default();
    for (path, name) in files {
        match classify(name) {
            Kind::Session => match load_session_file(path) {
                Ok(session) => report.sessions.push(StoredSession {
                    path: path.clone(),
                    session,
                }),
                Err(problems) => report.problems.extend(problems),
            },
            Kind::Temp(target) => report.problems.push(leftover_problem(path, &target)),
            Kind::Partial => report.problems.push(leftover_problem(path, name)),
            Kind::Other => {}
        }
    }
    report
}

/// Read and validate one session file; every problem names the file, line and column.
pub fn load_session_file(path: &Path) -> Result<Session, Vec<FileProblem>> {
    let text = read_text(path, MAX_SESSION_BYTES).map_err(|p| vec![p])?;
    Session::from_ron(&text).map_err(|e| {
        e.problems()
            .into_iter()
            .map(|p| FileProblem::new(path, p.line, p.column, p.message))
            .collect()
    })
}

enum Kind {
    Session,
    /// A save in progress or interrupted, for the named session file.
    Temp(String),
    Partial,
    Other,
}

fn classify(name: &str) -> Kind {
    if let Some(target) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        .filter(|t| t.ends_with(".ron"))
    {
        return Kind::Temp(target.to_string());
    }
    if name.contains(&format!(".ron{PARTIAL_SUFFIX}")) {
        return Kind::Partial;
    }
    if name.ends_with(".ron") && !name.starts_with('.') {
        return Kind::Session;
    }
    Kind::Other
}

fn leftover_problem(path: &Path, of: &str) -> FileProblem {
    let what = match load_session_file(path) {
        Ok(_) => {
            "it reads as a whole session; Roundtable recovers it when it next starts".to_string()
        }
        Err(problems) => match problems.first() {
            Some(p) => {
                return FileProblem::new(
                    path,
                    p.line,
                    p.column,
                    format!(
                        "an interrupted save of {of} left this file, which cannot be read ({}): copy anything you need from it, then delete it",
                        p.message
                    ),
                );
            }
            None => "it cannot be read".to_string(),
        },
    };
    FileProblem::whole(
        path,
        format!("an interrupted save of {of} left this file: {what}"),
    )
}

/// `name`, or `name-2`, `name-3`… whichever does not exist yet.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    (2u32..)
        .map(|n| dir.join(format!("{name}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A file-name-safe slug: ASCII letters and digits, lower-cased, other runs become one
/// `-`, at most 40 characters, never empty. Nothing a title says can escape the folder.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            if out.len() >= MAX_SLUG_CHARS {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out.truncate(MAX_SLUG_CHARS);
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "session".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_whatever_the_title() {
        assert_eq!(
            slug("Q1 Roundtable: Bristol & Avon"),
            "q1-roundtable-bristol-avon"
        );
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("a/b\\c"), "a-b-c");
        assert_eq!(slug("🎉🎉"), "session");
        assert_eq!(slug("市民会議"), "session");
        assert_eq!(slug(""), "session");
        assert_eq!(slug("--x--"), "x");
        let long = slug(&"ab ".repeat(250));
        assert!(long.len() <= MAX_SLUG_CHARS, "{long}");
        assert!(!long.ends_with('-'), "{long}");
        for title in [
            "../../etc/passwd",
            "a/b\\c",
            "..",
            ".",
            "con",
            "x\0y",
            &"é".repeat(500),
        ] {
            let s = slug(title);
            assert!(
                !s.is_empty() && s.len() <= MAX_SLUG_CHARS,
                "{title:?} -> {s:?}"
            );
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{title:?} -> {s:?}"
            );
            assert!(!s.contains(".."), "{s}");
        }
    }

    #[test]
    fn temp_and_partial_files_are_told_apart_from_sessions() {
        assert!(matches!(
            classify("2026-01-01-a-12345678.ron"),
            Kind::Session
        ));
        assert!(matches!(classify(".x.ron.tmp"), Kind::Temp(t) if t == "x.ron"));
        assert!(matches!(classify("x.ron.partial"), Kind::Partial));
        assert!(matches!(classify("x.ron.partial-2"), Kind::Partial));
        assert!(matches!(classify(LOCK_FILE), Kind::Other));
        assert!(matches!(classify("README.md"), Kind::Other));
        assert!(matches!(classify(".report.md.tmp"), Kind::Other));
    }

    #[test]
    fn problems_print_as_path_line_column() {
        let p = FileProblem::new("/s/a.ron", 3, 7, "bad");
        assert_eq!(p.to_string(), "/s/a.ron:3:7: bad");
        assert_eq!(FileProblem::whole("a", "x").to_string(), "a:1:1: x");
    }

    #[test]
    fn io_errors_say_what_to_do() {
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert!(advice(&full).contains("free some space"));
        let ro = io::Error::from(io::ErrorKind::ReadOnlyFilesystem);
        assert!(advice(&ro).contains("--sessions-dir"));
    }
}
