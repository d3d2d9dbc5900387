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

pub mod archive;
pub mod conflicts;
mod files;
pub mod follow;
pub mod import;
pub mod index;
pub mod reports;
pub mod sets;

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::domain::Session;

pub use files::{
    MAX_SESSION_BYTES, atomic_write, atomic_write_reporting, atomic_write_with, read_text,
    temp_path_for,
};

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
        "the session is {size} bytes, over the {MAX_SESSION_BYTES}-byte limit for a session file, so it could not be read back: shorten its notes"
    )]
    TooLarge { size: usize },

    #[error("{0}")]
    TooLong(String),

    #[error(
        "{} changed since the two versions were shown, so nothing was changed: look at them again",
        .0.display()
    )]
    ChangedSinceShown(PathBuf),
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

/// An I/O error in plain words, with what the facilitator can do. Said the same from the
/// app and the command line, so it never promises a retry only the app makes.
pub fn advice(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::ReadOnlyFilesystem => {
            "the disk is read-only: use --sessions-dir to choose a writable folder".into()
        }
        K::StorageFull | K::QuotaExceeded => {
            "the disk is full: free some space, or use --sessions-dir for another disk".into()
        }
        // Windows says "access denied" for a file another program has open, not only for
        // a folder the user may not write to.
        K::PermissionDenied if cfg!(windows) => {
            "access denied: another program (a virus scanner or a sync client such as OneDrive) may have the file open, or the folder is not yours to write: try again, or use --sessions-dir for a folder you own"
                .into()
        }
        K::PermissionDenied => {
            "permission denied: check the folder's permissions, or use --sessions-dir for a folder you own"
                .into()
        }
        K::NotFound => "it does not exist: check the path (was a folder moved or a drive removed?)".into(),
        K::IsADirectory => "it is a folder, not a file".into(),
        K::NotADirectory => {
            "part of the path is a file, not a folder: check the path, or use --sessions-dir".into()
        }
        K::FileTooLarge => "the file is too large for this disk".into(),
        K::InvalidFilename => "the name is not allowed on this disk".into(),
        K::TimedOut | K::StaleNetworkFileHandle => {
            "the disk stopped answering (a network drive?): check the connection, then try again"
                .into()
        }
        K::ResourceBusy | K::ExecutableFileBusy => {
            "the file is in use by another program: close it, then try again".into()
        }
        K::OutOfMemory => "the computer is out of memory: close other programs".into(),
        _ if is_device_error(e) => format!(
            "the disk reported a read/write failure ({e}): check the disk or USB stick is still connected, then try again"
        ),
        _ => e.to_string(),
    }
}

/// EIO has no `ErrorKind` of its own: the drive failed or was pulled out.
fn is_device_error(e: &io::Error) -> bool {
    // EIO is 5 on every Unix; Windows reports device failures with other kinds.
    cfg!(unix) && e.raw_os_error() == Some(5)
}

/// Write `text` (a session whose folder refuses saves) to the first place that takes it:
/// the platform data folder, then the temp folder. Says where, or, if nowhere takes it,
/// says so and gives the text itself, the last place it can still be copied from.
pub fn emergency_copy(file_name: &str, text: &str) -> String {
    emergency_copy_in(&emergency_dirs(), file_name, text)
}

/// [`emergency_copy`] into the first of `dirs` that takes it.
pub fn emergency_copy_in(dirs: &[PathBuf], file_name: &str, text: &str) -> String {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let stem = file_name.strip_suffix(".ron").unwrap_or(file_name);
    let name = format!("{stem}.emergency-{stamp}.ron");
    let mut failures = Vec::new();
    for dir in dirs {
        let path = dir.join(&name);
        match files::create_private_dir(dir).and_then(|()| atomic_write(&path, text.as_bytes())) {
            Ok(()) => {
                return format!(
                    "the sessions folder refused the last save, so your unsaved work was written to {}: copy it back into the sessions folder when the folder works again",
                    path.display()
                );
            }
            Err(e) => failures.push(format!("{}: {}", dir.display(), advice(&e))),
        }
    }
    format!(
        "the sessions folder refused the last save and no emergency copy could be written ({}); here is the session, copy it into a file named {file_name}:\n{text}",
        failures.join("; ")
    )
}

/// Where emergency copies go, best first: off the sessions folder (which is failing).
pub fn emergency_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = ProjectDirs::from("org", "Roundtable", "roundtable") {
        dirs.push(d.data_dir().join("emergency"));
    }
    dirs.push(std::env::temp_dir().join("roundtable-emergency"));
    dirs
}

/// The sessions folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    faults: Faults,
    /// Where reports go instead of `<dir>/reports` (a folder that cannot be written).
    reports_to: Option<PathBuf>,
}

/// Failures a test can ask the store to meet, for the ones a real disk will not produce on
/// demand (as root, permissions do not bite; a folder sync rarely fails). Never set by the app.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// The folder sync after a save's rename fails (a network or USB disk that hiccups).
    pub folder_sync: bool,
}

/// The file [`Store::probe_writable`] creates and removes. A folder of that name (or
/// anything else in the way) makes the probe fail, which is how tests play a read-only disk.
pub const WRITE_PROBE: &str = ".roundtable-write-check.tmp";

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
    /// The file as it was just before it was read, for [`Store::save_guarded`].
    pub fingerprint: Option<Fingerprint>,
}

/// What a session file looked like when this app last read or wrote it, to notice a
/// change made behind its back: by content when this app wrote it, by size and
/// modification time when it was only read (loading a folder never hashes every file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<std::time::SystemTime>,
    hash: Option<u64>,
}

impl Fingerprint {
    /// The file as it is now (no hash: not read), or `None` if it cannot be looked at.
    pub fn of_file(path: &Path) -> Option<Fingerprint> {
        let meta = fs::symlink_metadata(path).ok()?;
        Some(Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: None,
        })
    }

    fn of_written(path: &Path, bytes: &[u8]) -> Fingerprint {
        let meta = fs::symlink_metadata(path).ok();
        Fingerprint {
            len: meta.as_ref().map_or(bytes.len() as u64, |m| m.len()),
            modified: meta.and_then(|m| m.modified().ok()),
            hash: Some(files::fnv64(bytes)),
        }
    }

    /// Whether `path` now holds something else. A file that is gone or cannot be looked
    /// at is not "changed": writing it again loses nothing, and the save reports failures.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        let Ok(meta) = fs::symlink_metadata(path) else {
            return false;
        };
        let same_stat = meta.len() == self.len && meta.modified().ok() == self.modified;
        match self.hash {
            // What we wrote is known: compare contents, as some disks (FAT on a USB stick)
            // keep times to two seconds and a rewrite of the same size would look unchanged.
            Some(hash) => fs::read(path).is_ok_and(|bytes| files::fnv64(&bytes) != hash),
            None => !same_stat,
        }
    }
}

/// What a guarded save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// Where the session now is: the file asked for, or the conflict copy.
    pub path: PathBuf,
    pub fingerprint: Fingerprint,
    /// The file had been changed by something else; this version went to `path` beside it.
    pub diverted: bool,
    /// Saved, but with a doubt worth telling (the folder could not be synced).
    pub warning: Option<String>,
}

/// `<stem>.conflict-<8 hex of content>.ron` beside `path`: a sessions-folder file, so the
/// next load shows the two versions as one session with a conflict.
fn conflict_copy_path(path: &Path, bytes: &[u8]) -> PathBuf {
    let dir = files::parent_of(path);
    let name = path.file_name().map_or_else(
        || "session.ron".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    let tag = import::content_tag(bytes);
    let first = dir.join(format!("{stem}.conflict-{tag}.ron"));
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2u32..)
        .map(|n| dir.join(format!("{stem}.conflict-{tag}-{n}.ron")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}

/// Every good session and every problem, so one bad file never hides the others.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Oldest `updated` first; ties by path, so the order is stable.
    pub sessions: Vec<StoredSession>,
    /// Sorted by path.
    pub problems: Vec<FileProblem>,
    /// Sessions with another version of themselves on disk, to compare and keep one.
    pub conflicts: Vec<conflicts::Conflict>,
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
        Ok(Store {
            dir,
            faults: Faults::default(),
            reports_to: None,
        })
    }

    /// This store writing reports to `dir` rather than beside the sessions: for a sessions
    /// folder that cannot be written, so browsing it can still export.
    pub fn with_reports_in(mut self, dir: PathBuf) -> Store {
        self.reports_to = Some(dir);
        self
    }

    /// Where reports go when the sessions folder cannot take them: the platform data
    /// folder, or the temp folder on a system without one.
    pub fn reports_elsewhere() -> PathBuf {
        ProjectDirs::from("org", "Roundtable", "roundtable").map_or_else(
            || std::env::temp_dir().join("roundtable-reports"),
            |d| d.data_dir().join("reports"),
        )
    }

    /// This store meeting `faults` (tests only).
    #[doc(hidden)]
    pub fn with_faults(mut self, faults: Faults) -> Store {
        self.faults = faults;
        self
    }

    /// Whether a file can be created in the folder, asked once at start-up so a folder that
    /// cannot be written (a read-only disk or share, a folder of someone else's) opens for
    /// browsing instead of failing every save. Creates and removes [`WRITE_PROBE`]; only
    /// the lock holder calls it, so two windows never race on the name.
    pub fn probe_writable(&self) -> Result<(), StoreError> {
        let path = self.dir.join(WRITE_PROBE);
        files::private_options()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"roundtable write check\n"))
            .and_then(|()| fs::remove_file(&path))
            .map_err(|e| StoreError::io("write in", &self.dir, e))
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
        self.save_guarded(path, session, None).map(|_| ())
    }

    /// [`Store::save`], unless the file is no longer what this app last read or wrote
    /// (`known`): then something else wrote it (a second Roundtable whose lock file was
    /// deleted, a sync client, an editor), and this version goes to a conflict copy beside
    /// it instead, so both survive. The lock is the first defence; this is the second.
    pub fn save_guarded(
        &self,
        path: &Path,
        session: &Session,
        known: Option<&Fingerprint>,
    ) -> Result<SaveReport, StoreError> {
        if let Some(why) = session.too_long_text() {
            return Err(StoreError::TooLong(why));
        }
        let text = session.to_ron()?;
        if text.len() as u64 > MAX_SESSION_BYTES {
            return Err(StoreError::TooLarge { size: text.len() });
        }
        let bytes = text.as_bytes();
        let diverted = known.is_some_and(|k| k.changed_on_disk(path));
        let target = if diverted {
            conflict_copy_path(path, bytes)
        } else {
            path.to_path_buf()
        };
        let fail_sync = self.faults.folder_sync;
        let sync = |dir: &Path| {
            if fail_sync {
                Err(io::Error::other("folder sync refused (test)"))
            } else {
                files::sync_dir(dir)
            }
        };
        let warning = files::atomic_write_steps(&target, bytes, files::rename_patiently, sync)
            .map_err(|e| StoreError::io("save", &target, e))?
            .map(|e| {
                format!(
                    "saved, but the folder could not be synced to disk ({}): the save may not survive a power cut",
                    advice(&e)
                )
            });
        let fingerprint = Fingerprint::of_written(&target, bytes);
        Ok(SaveReport {
            path: target,
            fingerprint,
            diverted,
            warning,
        })
    }

    /// The sessions folder's entries, or the problem to show when it cannot be read.
    pub(crate) fn read_folder(&self) -> Result<fs::ReadDir, FileProblem> {
        fs::read_dir(&self.dir).map_err(|e| {
            FileProblem::whole(
                &self.dir,
                format!("could not read the sessions folder: {}", advice(&e)),
            )
        })
    }

    /// Every session in the folder and every problem file. Only `*.ron` files are sessions;
    /// temp and `.partial` files left by interrupted saves are listed as problems so the
    /// notes in them are never unseen.
    pub fn load_all(&self) -> LoadReport {
        self.load_all_reporting(&|_, _| {})
    }

    /// [`Store::load_all`], saying how far it has got (`done` of `total` files) as it goes,
    /// so a screen drawn before the folder is read can show it filling in.
    pub fn load_all_reporting(&self, progress: index::Progress<'_>) -> LoadReport {
        let mut report = LoadReport::default();
        let entries = match self.read_folder() {
            Ok(entries) => entries,
            Err(problem) => {
                report.problems.push(problem);
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
        let loaded = self.load_sorted(&files, progress);
        report.sessions = loaded.sessions;
        report.problems.extend(loaded.problems);
        set_aside_duplicates(&mut report);
        conflicts::add_import_copies(self, &mut report);
        report
            .problems
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        report
    }

    /// The session files `paths` (already known to be sessions), read across the cores, in
    /// the order loaded, oldest `updated` first. A view of one group reads only its files.
    pub fn load_files(&self, paths: &[PathBuf], progress: index::Progress<'_>) -> LoadReport {
        let files: Vec<(PathBuf, String)> = paths
            .iter()
            .map(|p| {
                let name = p
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                (p.clone(), name)
            })
            .collect();
        self.load_sorted(&files, progress)
    }

    /// `files` read across the cores, oldest `updated` first (ties by path, so the order is
    /// stable). Parsing dominates with thousands of files; each is independent and the
    /// results are sorted, so the order of work is free.
    fn load_sorted(
        &self,
        files: &[(PathBuf, String)],
        progress: index::Progress<'_>,
    ) -> LoadReport {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let chunk = files.len().div_ceil(threads).max(64);
        let mut report = LoadReport::default();
        for part in load_in_parallel(files, chunk, &self.dir, Ok, progress) {
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
    }

    /// One session file to work on, looked at just before it is read so a later save
    /// notices a change made behind this app's back.
    pub fn open_session(&self, path: &Path) -> Result<StoredSession, Vec<FileProblem>> {
        let fingerprint = Fingerprint::of_file(path);
        let session = load_session_file(path)?;
        Ok(StoredSession {
            path: path.to_path_buf(),
            session,
            fingerprint,
        })
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
        // Only a plain file can be a save of ours: a link renamed over a session would
        // replace the session with the link (and whatever it points at).
        match fs::symlink_metadata(&temp) {
            Ok(meta) if meta.file_type().is_file() => {}
            Ok(_) => {
                let problem = FileProblem::whole(
                    &temp,
                    format!(
                        "is a link or not a regular file, so it was not taken for a save of {target_name}"
                    ),
                );
                return self.set_aside(temp, target_name, problem);
            }
            Err(e) => return failed(temp, "read", e),
        }
        let newer = match load_session_file(&temp) {
            Ok(new) => new,
            Err(problems) => {
                let problem = problems
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| FileProblem::whole(&temp, "could not be read"));
                return self.set_aside(temp, target_name, problem);
            }
        };
        let keep_temp = match load_session_file(&target) {
            // Another session's text under this name (a copied file, a sync client's
            // leftover) is not a save of this session: promoting it would lose this one.
            Ok(old) if old.id != newer.id => {
                let problem = FileProblem::whole(
                    &temp,
                    format!(
                        "holds session {} ({:?}), not {target_name}'s session {}, so it was not taken for a save of it",
                        newer.id, newer.title, old.id
                    ),
                );
                return self.set_aside(temp, target_name, problem);
            }
            // A temp file is, by construction, the last save attempted: keep it unless it is
            // older, or says nothing the session file does not (the app may save a change
            // without the clock having moved on).
            Ok(old) => {
                newer.updated > old.updated || (newer.updated == old.updated && newer != old)
            }
            Err(_) if fs::symlink_metadata(&target).is_err() => true,
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

impl Store {
    /// Keep a temp file that must not be promoted as `<target>.partial`, so it is listed on
    /// every load and no later save can overwrite it.
    fn set_aside(&self, temp: PathBuf, target_name: &str, problem: FileProblem) -> Recovery {
        let kept = free_name(&self.dir, &format!("{target_name}{PARTIAL_SUFFIX}"));
        match files::rename_durably(&temp, &kept) {
            Ok(()) => Recovery::SetAside {
                temp,
                kept,
                problem,
            },
            Err(e) => failed(temp, "set aside", e),
        }
    }
}

/// Recovery of `temp` failed at `what` (a rename, a removal); it is left where it was.
fn failed(temp: PathBuf, what: &str, e: io::Error) -> Recovery {
    let problem = FileProblem::whole(
        &temp,
        format!(
            "an interrupted save was found but could not be {what}: {}",
            advice(&e)
        ),
    );
    Recovery::Failed { temp, problem }
}

/// Load `files` in chunks of `chunk`, a thread per chunk. A thread that cannot be started
/// (a process at its thread limit, a container's pids cap) loads its chunk on this thread
/// instead: slower, never a panic. `prepare` sees each thread before it starts; tests
/// make it fail.
fn load_in_parallel(
    files: &[(PathBuf, String)],
    chunk: usize,
    dir: &Path,
    prepare: impl Fn(std::thread::Builder) -> io::Result<std::thread::Builder>,
    progress: index::Progress<'_>,
) -> Vec<LoadReport> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = files
        .iter()
        .filter(|(_, name)| matches!(classify(name), Kind::Session))
        .count();
    let tick = || {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if n.is_multiple_of(250) || n == total {
            progress(n, total);
        }
    };
    let load_files = |part: &[(PathBuf, String)]| load_files(part, &tick);
    if files.len() <= chunk {
        return vec![load_files(files)];
    }
    std::thread::scope(|scope| {
        let mut parts = Vec::new();
        let mut handles = Vec::new();
        for part in files.chunks(chunk) {
            let spawned = prepare(std::thread::Builder::new().name("load".into()))
                .and_then(|b| b.spawn_scoped(scope, move || load_files(part)));
            match spawned {
                Ok(handle) => handles.push(handle),
                Err(_) => parts.push(load_files(part)),
            }
        }
        for handle in handles {
            parts.push(handle.join().unwrap_or_else(|_| LoadReport {
                sessions: Vec::new(),
                problems: vec![FileProblem::whole(
                    dir,
                    "some files could not be read (a loader thread failed): try again",
                )],
                conflicts: Vec::new(),
            }));
        }
        parts
    })
}

/// One session id, one session: sync clients copy a file edited on two laptops under a
/// new name (`….sync-conflict-20261202-101010-ABCDEFG.ron`, `…-LAPTOP-7.ron`,
/// `… (conflicted copy).ron`). The copy with the latest `updated` stays the session; each
/// other file is listed as a conflict, so nothing is counted twice and nothing is hidden.
/// `report.sessions` must be sorted oldest first.
fn set_aside_duplicates(report: &mut LoadReport) {
    use std::collections::HashMap;
    let mut newest: HashMap<uuid::Uuid, usize> = HashMap::new();
    let name_len = |i: usize| report.sessions[i].path.as_os_str().len();
    for (i, stored) in report.sessions.iter().enumerate() {
        // Sorted oldest first, so a later one is newer; an exact tie goes to the shorter
        // name, which is the original rather than the sync client's copy.
        let lead = newest.entry(stored.session.id).or_insert(i);
        let tie = report.sessions[*lead].session.updated == stored.session.updated;
        if !tie || name_len(i) < name_len(*lead) {
            *lead = i;
        }
    }
    if newest.len() == report.sessions.len() {
        return;
    }
    let sessions = std::mem::take(&mut report.sessions);
    let leaders: Vec<PathBuf> = sessions.iter().map(|s| s.path.clone()).collect();
    // Only the sessions with a second copy: cloned so the conflict can show both.
    let lead_copies: HashMap<usize, StoredSession> = sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| newest.get(&s.session.id).filter(|&&lead| lead != i))
        .map(|&lead| (lead, sessions[lead].clone()))
        .collect();
    for (i, stored) in sessions.into_iter().enumerate() {
        let lead = newest.get(&stored.session.id).copied().unwrap_or(i);
        if lead == i {
            report.sessions.push(stored);
        } else {
            if let Some(shown) = lead_copies.get(&lead) {
                conflicts::add_same_folder(report, shown, &stored);
            }
            let name = |p: &Path| {
                p.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            };
            report.problems.push(FileProblem::whole(
                &stored.path,
                conflict_message(
                    &stored.session.title,
                    stored.session.updated,
                    &name(&leaders[lead]),
                ),
            ));
        }
    }
}

/// What a sync client's extra copy of a session is listed with.
fn conflict_message(title: &str, updated: jiff::Timestamp, shown: &str) -> String {
    format!(
        "conflict: another copy of session {title:?} (updated {updated}); {shown} (updated later) is the one shown. Compare the two, copy across what you need, then move this file into {}/",
        import::CONFLICTS_DIR,
    )
}

/// Load a batch of directory entries: sessions, and problems for the files that are not.
fn load_files(files: &[(PathBuf, String)], tick: &(dyn Fn() + Sync)) -> LoadReport {
    let mut report = LoadReport::default();
    for (path, name) in files {
        match classify(name) {
            Kind::Session => {
                tick();
                // Looked at before reading: if the file changes in between, the next save
                // sees a difference and keeps both versions rather than guessing.
                let fingerprint = Fingerprint::of_file(path);
                match load_session_file(path) {
                    Ok(session) => report.sessions.push(StoredSession {
                        path: path.clone(),
                        session,
                        fingerprint,
                    }),
                    Err(problems) => report.problems.extend(problems),
                }
            }
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
    // Only our own names count. Sync clients and editors leave their own temp and lock
    // files in a synced folder (`.syncthing.<name>.tmp`, `~$<name>`, `.~lock.<name>#`);
    // taking one for a save of ours would promote a half-downloaded copy over a session.
    if name.starts_with('~') || name.starts_with(".syncthing.") || name.starts_with(".~") {
        return Kind::Other;
    }
    if let Some(target) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        .filter(|t| t.ends_with(".ron") && !t.starts_with('.'))
    {
        return Kind::Temp(target.to_string());
    }
    if name.contains(&format!(".ron{PARTIAL_SUFFIX}")) && !name.starts_with('.') {
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
    fn other_tools_temp_files_are_not_ours() {
        let name = "2026-01-20-q1-roundtable-8c1016b9.ron";
        for other in [
            format!(".syncthing.{name}.tmp"),
            format!("~${name}"),
            format!(".~lock.{name}#"),
            format!("..{name}.tmp"),
            format!(".{name}.partial"),
        ] {
            assert!(matches!(classify(&other), Kind::Other), "{other}");
        }
        assert!(matches!(classify(&format!(".{name}.tmp")), Kind::Temp(t) if t == name));
    }

    #[test]
    fn a_rewrite_of_the_same_size_and_time_is_still_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        atomic_write(&path, b"ours").unwrap();
        let known = Fingerprint::of_written(&path, b"ours");
        assert!(!known.changed_on_disk(&path));
        let when = fs::metadata(&path).unwrap().modified().unwrap();
        fs::write(&path, b"them").unwrap();
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(when)
            .unwrap();
        assert!(known.changed_on_disk(&path));
        fs::remove_file(&path).unwrap();
        assert!(
            !known.changed_on_disk(&path),
            "gone: writing it again loses nothing"
        );
    }

    #[test]
    fn a_thread_that_cannot_start_loads_on_this_one() {
        let dir = tempfile::tempdir().unwrap();
        let text = include_str!("../../sessions/2026-01-20-q1-roundtable-8c1016b9.ron");
        let files: Vec<(PathBuf, String)> = (0..6)
            .map(|i| {
                let name = format!("s{i}.ron");
                let path = dir.path().join(&name);
                fs::write(&path, text).unwrap();
                (path, name)
            })
            .collect();
        let no_threads =
            |_: std::thread::Builder| Err(io::Error::new(io::ErrorKind::WouldBlock, "no threads"));
        let parts = load_in_parallel(&files, 2, dir.path(), no_threads, &|_, _| {});
        let loaded: usize = parts.iter().map(|p| p.sessions.len()).sum();
        assert_eq!(loaded, 6);
        assert!(parts.iter().all(|p| p.problems.is_empty()));
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
        assert!(!advice(&full).contains("retried"), "the CLI never retries");
        #[cfg(unix)]
        assert!(advice(&io::Error::from_raw_os_error(5)).contains("still connected"));
        let ro = io::Error::from(io::ErrorKind::ReadOnlyFilesystem);
        assert!(advice(&ro).contains("--sessions-dir"));
    }
}
