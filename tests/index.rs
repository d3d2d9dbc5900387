//! The metadata index is never the truth: whatever state the cache is in (missing, corrupt,
//! truncated, stale, another folder's), the sessions listed are what the files say.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use roundtable::domain::digest::SessionDigest;
use roundtable::store::Store;
use roundtable::store::index::{DigestReport, index_file};

const YEAR: [&str; 4] = [
    "2026-01-20-q1-roundtable-8c1016b9.ron",
    "2026-04-21-q2-roundtable-aa41852e.ron",
    "2026-07-14-q3-roundtable-14705763.ron",
    "2026-10-13-q4-roundtable-de00b439.ron",
];

fn no_progress(_: usize, _: usize) {}

/// A folder holding the example year, its files last modified an hour ago (an index is
/// only trusted for files older than itself).
fn year_folder() -> (tempfile::TempDir, tempfile::TempDir) {
    let sessions = tempfile::tempdir().unwrap();
    for name in YEAR {
        let path = sessions.path().join(name);
        fs::copy(Path::new("sessions").join(name), &path).unwrap();
        age(&path);
    }
    (sessions, tempfile::tempdir().unwrap())
}

fn age(path: &Path) {
    let past = SystemTime::now() - Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(past)
        .unwrap();
}

fn load(sessions: &Path, cache: &Path) -> DigestReport {
    Store::open(sessions)
        .unwrap()
        .load_digests(Some(cache), &no_progress)
}

/// What the files say, read without any index.
fn truth(sessions: &Path) -> Vec<(PathBuf, SessionDigest)> {
    Store::open(sessions)
        .unwrap()
        .load_all()
        .sessions
        .iter()
        .map(|s| (s.path.clone(), SessionDigest::of(&s.session)))
        .collect()
}

fn listed(report: &DigestReport) -> Vec<(PathBuf, SessionDigest)> {
    report
        .sessions
        .iter()
        .map(|s| (s.path.clone(), s.digest.clone()))
        .collect()
}

fn the_index(sessions: &Path, cache: &Path) -> PathBuf {
    index_file(cache, &fs::canonicalize(sessions).unwrap())
}

#[test]
fn a_warm_index_is_read_instead_of_the_files() {
    let (sessions, cache) = year_folder();
    let cold = load(sessions.path(), cache.path());
    assert_eq!((cold.from_index, cold.read), (0, 4));
    assert!(the_index(sessions.path(), cache.path()).exists());
    let warm = load(sessions.path(), cache.path());
    assert_eq!((warm.from_index, warm.read), (4, 0));
    assert_eq!(listed(&warm), truth(sessions.path()));
    assert_eq!(listed(&cold), listed(&warm));
    // Nothing was written into the sessions folder.
    let names: Vec<String> = fs::read_dir(sessions.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn a_corrupt_index_is_rebuilt_with_the_right_result() {
    let (sessions, cache) = year_folder();
    load(sessions.path(), cache.path());
    let index = the_index(sessions.path(), cache.path());
    let mut bytes = fs::read(&index).unwrap();
    // A score in the middle changed: still well-formed, but not what was written.
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'3' { b'4' } else { b'3' };
    fs::write(&index, &bytes).unwrap();
    let report = load(sessions.path(), cache.path());
    assert_eq!((report.from_index, report.read), (0, 4));
    assert_eq!(listed(&report), truth(sessions.path()));
    // ... and rebuilt: the next load uses it again.
    assert_eq!(load(sessions.path(), cache.path()).from_index, 4);

    fs::write(&index, "not an index at all\n\u{0}\u{1}").unwrap();
    let report = load(sessions.path(), cache.path());
    assert_eq!(report.read, 4);
    assert_eq!(listed(&report), truth(sessions.path()));
}

#[test]
fn a_truncated_index_is_rebuilt_with_the_right_result() {
    let (sessions, cache) = year_folder();
    load(sessions.path(), cache.path());
    let index = the_index(sessions.path(), cache.path());
    let bytes = fs::read(&index).unwrap();
    for keep in [bytes.len() - 2, bytes.len() * 2 / 3, 10, 0] {
        fs::write(&index, &bytes[..keep]).unwrap();
        let report = load(sessions.path(), cache.path());
        assert_eq!(report.read, 4, "truncated to {keep} bytes");
        assert_eq!(listed(&report), truth(sessions.path()));
    }
}

#[test]
fn a_stale_index_reads_only_what_changed() {
    let (sessions, cache) = year_folder();
    load(sessions.path(), cache.path());
    // One session edited (a new agreed score), one removed, one added.
    let edited = sessions.path().join(YEAR[3]);
    let text = fs::read_to_string(&edited).unwrap();
    let changed = text.replacen("agreed: 3,", "agreed: 5,", 1);
    assert_ne!(text, changed);
    fs::write(
        &edited,
        changed.replace("Q4 roundtable", "Q4 roundtable, revised"),
    )
    .unwrap();
    fs::remove_file(sessions.path().join(YEAR[0])).unwrap();
    let report = load(sessions.path(), cache.path());
    assert_eq!((report.from_index, report.read), (2, 1));
    assert_eq!(listed(&report), truth(sessions.path()));
    let q4 = report.sessions.iter().find(|s| s.path == edited).unwrap();
    assert_eq!(q4.digest.title, "Q4 roundtable, revised");
    assert_eq!(report.sessions.len(), 3);
}

#[test]
fn a_file_changed_behind_the_index_shows_its_new_content() {
    // Written, indexed and rewritten within one clock tick, to the same size and the same
    // modification time: only the index's own age gives it away.
    let (sessions, cache) = year_folder();
    let path = sessions.path().join(YEAR[2]);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, &text).unwrap();
    let when = fs::metadata(&path).unwrap().modified().unwrap();
    load(sessions.path(), cache.path());
    let renamed = text.replacen("Q3 roundtable", "Q3 roundtablX", 1);
    assert_eq!(renamed.len(), text.len());
    fs::write(&path, &renamed).unwrap();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let report = load(sessions.path(), cache.path());
    let q3 = report.sessions.iter().find(|s| s.path == path).unwrap();
    assert_eq!(q3.digest.title, "Q3 roundtablX");
    assert_eq!(listed(&report), truth(sessions.path()));
}

#[test]
fn another_folders_index_is_never_used() {
    let (a, cache) = year_folder();
    let b = tempfile::tempdir().unwrap();
    for name in &YEAR[..2] {
        fs::copy(a.path().join(name), b.path().join(name)).unwrap();
        age(&b.path().join(name));
    }
    load(a.path(), cache.path());
    // A's index put where B's belongs (a copied cache folder, a hash collision).
    let b_index = the_index(b.path(), cache.path());
    fs::copy(the_index(a.path(), cache.path()), &b_index).unwrap();
    let report = load(b.path(), cache.path());
    assert_eq!((report.from_index, report.read), (0, 2));
    assert_eq!(listed(&report), truth(b.path()));
}

#[test]
fn no_index_and_a_deleted_index_change_nothing_but_speed() {
    let (sessions, cache) = year_folder();
    let store = Store::open(sessions.path()).unwrap();
    let none = store.load_digests(None, &no_progress);
    load(sessions.path(), cache.path());
    fs::remove_dir_all(cache.path().join("index")).unwrap();
    let rebuilt = load(sessions.path(), cache.path());
    assert_eq!(listed(&none), truth(sessions.path()));
    assert_eq!(listed(&rebuilt), listed(&none));
}

#[test]
fn problem_files_are_listed_as_by_load_all() {
    let (sessions, cache) = year_folder();
    fs::write(
        sessions.path().join("broken.ron"),
        "(format_version: 1, id: ",
    )
    .unwrap();
    fs::copy(
        sessions.path().join(YEAR[1]),
        sessions
            .path()
            .join("2026-04-21-q2-roundtable-aa41852e.sync-conflict-1.ron"),
    )
    .unwrap();
    let all = Store::open(sessions.path()).unwrap().load_all();
    for _ in 0..2 {
        let report = load(sessions.path(), cache.path());
        assert_eq!(report.problems, all.problems);
        assert_eq!(listed(&report), truth(sessions.path()));
    }
}
