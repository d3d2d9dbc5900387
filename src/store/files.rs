//! Low-level file handling: private modes, durable atomic writes, size-capped reads.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{FileProblem, advice};

/// The largest session file read. Far above any real session (a year of notes is a few
/// hundred KiB), far below what would make parsing slow or exhaust memory.
pub const MAX_SESSION_BYTES: u64 = 16 * 1024 * 1024;

/// Options that create files readable by their owner only: the notes are about people.
pub(crate) fn private_options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Create `dir` (and any missing parents) readable by its owner only.
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// The temp file a save of `path` writes first: `.<name>.tmp` beside it, so the rename
/// stays on one filesystem and recovery knows which file it belongs to.
pub fn temp_path_for(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "unnamed".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    parent_of(path).join(format!(".{name}.tmp"))
}

pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replace `path` with `bytes` atomically and durably: temp file (0600) in the same
/// folder, write, fsync, rename over `path`, fsync the folder. A crash at any point leaves
/// either the old contents or the new, never a mix. (tempfile's `persist` skips the fsyncs.)
///
/// A failure to fsync the folder after the rename is not a failure to save (the new file
/// is in place and readable; only its survival of a power cut in the next seconds is in
/// doubt), so it is ignored here; [`atomic_write_reporting`] returns it as a warning.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic_write_reporting(path, bytes).map(|_| ())
}

/// [`atomic_write`], returning the folder-fsync error (if any) after a successful rename.
pub fn atomic_write_reporting(path: &Path, bytes: &[u8]) -> io::Result<Option<io::Error>> {
    atomic_write_with(path, bytes, rename_patiently)
}

/// Pauses between attempts at a rename that another program briefly blocks. On Windows a
/// virus scanner, the search indexer or a sync client (OneDrive, Dropbox) opens a file it
/// has just seen change, and while it has it open, replacing it fails with "access denied".
/// They let go within a fraction of a second, so try for about a second before reporting.
/// Elsewhere a refused rename means the permissions are wrong: report it at once.
#[cfg(windows)]
const RENAME_PAUSES: &[Duration] = &[
    Duration::from_millis(10),
    Duration::from_millis(20),
    Duration::from_millis(40),
    Duration::from_millis(80),
    Duration::from_millis(160),
    Duration::from_millis(250),
    Duration::from_millis(250),
    Duration::from_millis(250),
];
#[cfg(not(windows))]
const RENAME_PAUSES: &[Duration] = &[];

/// `fs::rename`, retried over [`RENAME_PAUSES`] while another program holds the file.
pub(crate) fn rename_patiently(from: &Path, to: &Path) -> io::Result<()> {
    rename_retrying(
        from,
        to,
        RENAME_PAUSES,
        |f, t| fs::rename(f, t),
        std::thread::sleep,
    )
}

/// Rename with `rename`, pausing (with `sleep`) for each of `pauses` in turn while it fails
/// because the file is held by another program, and giving up with the last error when the
/// pauses run out. Any other failure is returned at once. The steps are passed in so the
/// Windows behaviour is tested on every platform.
pub(crate) fn rename_retrying(
    from: &Path,
    to: &Path,
    pauses: &[Duration],
    mut rename: impl FnMut(&Path, &Path) -> io::Result<()>,
    mut sleep: impl FnMut(Duration),
) -> io::Result<()> {
    let mut pauses = pauses.iter();
    loop {
        match rename(from, to) {
            Err(e) if held_by_another_program(&e) => match pauses.next() {
                Some(&pause) => sleep(pause),
                None => return Err(e),
            },
            done => return done,
        }
    }
}

/// Whether a failed rename looks like another program having the file open for a moment.
/// Windows says "access denied" (`PermissionDenied`), or reports a sharing or lock
/// violation (errors 32 and 33), which std does not give a kind of their own.
fn held_by_another_program(e: &io::Error) -> bool {
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    e.kind() == io::ErrorKind::PermissionDenied
        || (cfg!(windows)
            && matches!(
                e.raw_os_error(),
                Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
            ))
}

/// [`atomic_write`] with the rename step supplied by the caller, so tests can make it fail.
///
/// If writing the temp file fails it is removed (it is incomplete, and the caller still has
/// the data). If only the rename fails, the complete, synced temp file is left for
/// [`super::Store::recover`] to promote should the app then be closed.
pub fn atomic_write_with(
    path: &Path,
    bytes: &[u8],
    rename: impl FnOnce(&Path, &Path) -> io::Result<()>,
) -> io::Result<Option<io::Error>> {
    atomic_write_steps(path, bytes, rename, sync_dir)
}

/// [`atomic_write_with`] with the folder sync supplied too, so a test can make the sync
/// after a successful rename fail and see it reported as a warning, not a lost save.
pub(crate) fn atomic_write_steps(
    path: &Path,
    bytes: &[u8],
    rename: impl FnOnce(&Path, &Path) -> io::Result<()>,
    sync: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<Option<io::Error>> {
    let temp = temp_path_for(path);
    let written = (|| {
        let mut file = private_options()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        #[cfg(unix)]
        {
            // A stale temp file keeps its old mode through `truncate`: set it again.
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        if temp.is_file() {
            let _ = fs::remove_file(&temp);
        }
        return Err(e);
    }
    rename(&temp, path)?;
    Ok(sync(parent_of(path)).err())
}

/// A 64-bit FNV-1a hash: stable across Rust versions and machines (unlike
/// `DefaultHasher`), so it can name files and recognise content written earlier.
pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Rename and make the rename itself durable.
pub(crate) fn rename_durably(from: &Path, to: &Path) -> io::Result<()> {
    rename_patiently(from, to)?;
    sync_dir(parent_of(to))
}

/// fsync a folder so a rename in it survives a power cut.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        // A no-op on Windows: `File::open` cannot open a folder there, and Windows has no
        // call that flushes a folder's entries. NTFS records the rename in its own metadata
        // journal. If power is lost before that journal reaches the disk, the old session
        // file is still there beside the complete, synced temp file, and start-up recovery
        // promotes the temp file: the work is not lost.
        let _ = dir;
        Ok(())
    }
}

/// Read a text file of at most `cap` bytes, refusing bigger files before reading them and
/// describing every failure (missing, a folder, too big, not UTF-8) with a position.
pub fn read_text(path: &Path, cap: u64) -> Result<String, FileProblem> {
    let whole = |msg: String| FileProblem::whole(path, msg);
    let meta = fs::metadata(path).map_err(|e| whole(format!("could not read: {}", advice(&e))))?;
    if meta.is_dir() {
        return Err(whole("is a folder, not a file".into()));
    }
    if !meta.is_file() {
        return Err(whole("is not a regular file".into()));
    }
    let too_big = |size: u64| {
        whole(format!(
            "is {}, over the {} limit: this is not a Roundtable file, or it has been damaged",
            human_size(size),
            human_size(cap)
        ))
    };
    if meta.len() > cap {
        return Err(too_big(meta.len()));
    }
    let file = File::open(path).map_err(|e| whole(format!("could not read: {}", advice(&e))))?;
    let mut bytes = Vec::new();
    // The file may grow between the size check and the read: never read past the cap.
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| whole(format!("could not read: {}", advice(&e))))?;
    if bytes.len() as u64 > cap {
        return Err(too_big(bytes.len() as u64));
    }
    // Notepad and other Windows editors may start a UTF-8 file with a byte-order mark. RON
    // does not expect one, and no editor counts it as a column: drop it before anything
    // else, so every position below is where an editor shows it.
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let bad = e.as_bytes().get(good.len()).copied().unwrap_or(0);
        // The prefix is valid UTF-8 by definition, so this never loses anything.
        let prefix = String::from_utf8_lossy(good);
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        FileProblem::new(
            path,
            line,
            column,
            format!("not UTF-8 text (byte 0x{bad:02x}): save the file as UTF-8, or check it is a Roundtable file"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(whole("the file is empty".into()));
    }
    // A file saved on Windows ends its lines with CRLF, including the line breaks inside
    // notes, which the app writes as LF. Read them as LF so no `\r` reaches the notes or
    // the screen. Lines and columns are unchanged: a `\r` only ever sits before a `\n`.
    Ok(if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_file_sits_beside_its_target() {
        assert_eq!(
            temp_path_for(Path::new("/s/a.ron")),
            PathBuf::from("/s/.a.ron.tmp")
        );
        assert_eq!(
            temp_path_for(Path::new("a.ron")),
            PathBuf::from("./.a.ron.tmp")
        );
    }

    #[test]
    fn a_failed_rename_keeps_the_old_file_and_the_new_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.ron");
        fs::write(&target, "old").unwrap();
        let err = atomic_write_with(&target, b"new", |_, _| Err(io::Error::other("boom")));
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(fs::read_to_string(temp_path_for(&target)).unwrap(), "new");
    }

    /// A rename that fails with each of `failures` in turn, then renames for real.
    fn flaky_rename(
        mut failures: Vec<io::ErrorKind>,
    ) -> impl FnMut(&Path, &Path) -> io::Result<()> {
        failures.reverse();
        move |from, to| match failures.pop() {
            Some(kind) => Err(io::Error::from(kind)),
            None => fs::rename(from, to),
        }
    }

    const PAUSES: &[Duration] = &[Duration::from_millis(10), Duration::from_millis(20)];

    #[test]
    fn a_rename_held_up_by_another_program_is_retried_until_it_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.ron");
        fs::write(&target, "old").unwrap();
        let mut slept = Vec::new();
        let denied = io::ErrorKind::PermissionDenied;
        atomic_write_with(&target, b"new", |from, to| {
            rename_retrying(from, to, PAUSES, flaky_rename(vec![denied, denied]), |d| {
                slept.push(d)
            })
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert!(!temp_path_for(&target).exists());
        assert_eq!(slept, PAUSES, "one pause before each retry");
    }

    #[test]
    fn a_rename_held_up_for_too_long_reports_access_denied_and_keeps_both_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.ron");
        fs::write(&target, "old").unwrap();
        let mut attempts = 0;
        let err = atomic_write_with(&target, b"new", |from, to| {
            rename_retrying(
                from,
                to,
                PAUSES,
                |_, _| {
                    attempts += 1;
                    Err(io::Error::from(io::ErrorKind::PermissionDenied))
                },
                |_| {},
            )
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(attempts, PAUSES.len() + 1);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(fs::read_to_string(temp_path_for(&target)).unwrap(), "new");
    }

    #[test]
    fn other_rename_failures_are_reported_at_once() {
        let mut attempts = 0;
        let err = rename_retrying(
            Path::new("a"),
            Path::new("b"),
            PAUSES,
            |_, _| {
                attempts += 1;
                Err(io::Error::from(io::ErrorKind::StorageFull))
            },
            |_| panic!("no pause for a full disk"),
        )
        .unwrap_err();
        assert_eq!((err.kind(), attempts), (io::ErrorKind::StorageFull, 1));
    }

    #[test]
    fn only_windows_waits_for_a_held_file() {
        assert_eq!(RENAME_PAUSES.is_empty(), !cfg!(windows));
        let total: Duration = RENAME_PAUSES.iter().sum();
        assert!(total <= Duration::from_secs(2), "{total:?}");
    }

    #[test]
    fn a_notepad_file_reads_like_any_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        fs::write(&path, "\u{feff}(\r\n  notes: \"a\r\nb\",\r\n)\r\n").unwrap();
        assert_eq!(
            read_text(&path, 1000).unwrap(),
            "(\n  notes: \"a\nb\",\n)\n"
        );
    }

    #[test]
    fn positions_after_a_byte_order_mark_are_where_an_editor_shows_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        fs::write(&path, b"\xef\xbb\xbf(a: \"\xff\")").unwrap();
        let p = read_text(&path, 1000).unwrap_err();
        assert_eq!((p.line, p.column), (1, 6), "{p}");
        fs::write(&path, b"\xef\xbb\xbf \r\n").unwrap();
        assert!(
            read_text(&path, 1000)
                .unwrap_err()
                .message
                .contains("empty")
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        fs::write(&path, b"(\n  a: \"h\xc3\xa9\xff\"").unwrap();
        let p = read_text(&path, 1000).unwrap_err();
        assert_eq!((p.line, p.column), (2, 9), "{p}");
        assert!(p.message.contains("0xff"), "{p}");
    }

    #[test]
    fn files_over_the_cap_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        fs::write(&path, vec![b' '; 101]).unwrap();
        assert!(
            read_text(&path, 100)
                .unwrap_err()
                .message
                .contains("over the")
        );
    }
}
