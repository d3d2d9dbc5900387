//! The sessions folder: atomic saves, modes, the lock, recovery of interrupted saves, naming.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sample;

use std::fs;
use std::path::Path;

use roundtable::store::{self, FileProblem, Recovery, Store, StoreError, load_session_file};

fn temp_of(path: &Path) -> std::path::PathBuf {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    path.with_file_name(format!(".{name}.tmp"))
}

#[test]
fn a_saved_session_loads_back_equal_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let s = sample::session("Q1 roundtable", 1, 60);
    let path = sample::save(&store, &s);
    assert_eq!(load_session_file(&path).unwrap(), s);
    assert!(!temp_of(&path).exists());

    let mut later = s.clone();
    later.questions[2].notes = "second save".into();
    store.save(&path, &later).unwrap();
    assert_eq!(load_session_file(&path).unwrap(), later);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[cfg(unix)]
#[test]
fn folders_are_created_0700_and_files_0600() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("data").join("sessions");
    let store = Store::open(&sessions).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&sessions), 0o700);
    let s = sample::session("Private", 2, 0);
    // A stale temp file with loose permissions must not make the saved file readable by others.
    let path = store.path_for(&s);
    fs::write(temp_of(&path), "stale").unwrap();
    fs::set_permissions(temp_of(&path), fs::Permissions::from_mode(0o644)).unwrap();
    store.save(&path, &s).unwrap();
    assert_eq!(mode(&path), 0o600);
    let _lock = store.lock().unwrap();
    assert_eq!(mode(&sessions.join(store::LOCK_FILE)), 0o600);
}

#[test]
fn a_failed_rename_leaves_the_previous_file_intact_and_readable() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let before = sample::session("Q1", 3, 0);
    let path = sample::save(&store, &before);

    let mut after = before.clone();
    after.questions[0].notes = "this save fails".into();
    let text = after.to_ron().unwrap();
    let err = store::atomic_write_with(&path, text.as_bytes(), |_, _| {
        Err(std::io::Error::other("simulated rename failure"))
    });
    assert!(err.is_err());
    assert_eq!(load_session_file(&path).unwrap(), before);
    // The complete new version waits in the temp file for recovery.
    let lock = store.lock().unwrap();
    let done = store.recover(&lock);
    assert!(
        matches!(done.as_slice(), [Recovery::Promoted { .. }]),
        "{done:?}"
    );
    assert_eq!(load_session_file(&path).unwrap(), after);
}

#[test]
fn a_failed_write_through_save_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let before = sample::session("Q1", 4, 0);
    let path = sample::save(&store, &before);
    // The temp file's place is taken by a non-empty folder, so the save cannot even begin.
    fs::create_dir(temp_of(&path)).unwrap();
    fs::write(temp_of(&path).join("x"), "x").unwrap();
    let mut after = before.clone();
    after.title = "changed".into();
    let err = store.save(&path, &after).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(load_session_file(&path).unwrap(), before);
}

#[test]
fn a_second_holder_is_refused_the_lock_until_the_first_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let first = store.lock().unwrap();
    let other = Store::open(dir.path()).unwrap();
    match other.lock() {
        Err(StoreError::Locked { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
        other => panic!("expected Locked, got {other:?}"),
    }
    let message = other.lock().unwrap_err().to_string();
    assert!(
        message.contains(&format!("another Roundtable (pid {})", std::process::id())),
        "{message}"
    );
    assert!(message.contains("--sessions-dir"), "{message}");
    drop(first);
    assert!(other.lock().is_ok());
}

#[test]
fn recovery_promotes_newer_removes_older_and_sets_aside_unreadable_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();

    // Newer work in a temp file: promoted.
    let a_old = sample::session("A", 10, 0);
    let a_path = sample::save(&store, &a_old);
    let mut a_new = a_old.clone();
    a_new.updated = a_new
        .updated
        .checked_add(jiff::SignedDuration::from_secs(60))
        .unwrap();
    a_new.questions[0].notes = "written just before the crash".into();
    fs::write(temp_of(&a_path), a_new.to_ron().unwrap()).unwrap();

    // Nothing new in a temp file: removed.
    let b = sample::session("B", 11, 0);
    let b_path = sample::save(&store, &b);
    fs::write(temp_of(&b_path), b.to_ron().unwrap()).unwrap();

    // A temp file whose session file was never written: promoted.
    let c = sample::session("C", 12, 0);
    let c_path = store.path_for(&c);
    fs::write(temp_of(&c_path), c.to_ron().unwrap()).unwrap();

    // A cut-off temp file: kept where a later save cannot overwrite it, and reported.
    let d = sample::session("D", 13, 0);
    let d_path = sample::save(&store, &d);
    let text = d.to_ron().unwrap();
    fs::write(temp_of(&d_path), &text[..text.len() / 2]).unwrap();

    // Before recovery, load_all shows every leftover as a problem.
    let report = store.load_all();
    assert_eq!(report.problems.len(), 4, "{:?}", report.problems);

    let lock = store.lock().unwrap();
    let done = store.recover(&lock);
    assert_eq!(done.len(), 4, "{done:?}");
    assert_eq!(load_session_file(&a_path).unwrap(), a_new);
    assert_eq!(load_session_file(&b_path).unwrap(), b);
    assert_eq!(load_session_file(&c_path).unwrap(), c);
    assert_eq!(load_session_file(&d_path).unwrap(), d);
    for p in [&a_path, &b_path, &c_path, &d_path] {
        assert!(!temp_of(p).exists(), "{}", p.display());
    }
    let partial = d_path.with_file_name(format!(
        "{}.partial",
        d_path.file_name().unwrap().to_string_lossy()
    ));
    assert_eq!(
        fs::read_to_string(&partial).unwrap(),
        &text[..text.len() / 2]
    );
    assert!(
        done.iter()
            .any(|r| matches!(r, Recovery::SetAside { kept, .. } if *kept == partial))
    );

    // The partial file stays visible until the facilitator deals with it.
    let report = store.load_all();
    assert_eq!(report.sessions.len(), 4);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(report.problems[0].path, partial);
    assert!(report.problems[0].line > 1, "{}", report.problems[0]);
    assert!(report.problems[0].message.contains("interrupted save"));
}

#[test]
fn file_names_are_dated_slugged_and_stay_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let long = "x".repeat(500);
    for title in [
        "../../etc",
        "a/b\\c",
        "🎉🎉🎉",
        long.as_str(),
        "市民会議 2026",
        "..",
        "",
    ] {
        let s = sample::session(title, 0xabcd_ef12_0000_0000_0000_0000_0000_0000, 0);
        let name = Store::file_name_for(&s);
        assert!(name.starts_with("2026-01-20-"), "{name}");
        assert!(name.ends_with("-abcdef12.ron"), "{name}");
        assert!(
            name.len() <= "2026-01-20-".len() + 40 + "-abcdef12.ron".len(),
            "{name}"
        );
        assert!(
            !name.contains('/') && !name.contains('\\') && !name.contains(".."),
            "{name}"
        );
        assert_eq!(store.path_for(&s).parent(), Some(dir.path()));
    }
    let s = sample::session(
        "Q1 Roundtable: Northbridge",
        0x8c10_16b9_0000_0000_0000_0000_0000_0000,
        0,
    );
    assert_eq!(
        Store::file_name_for(&s),
        "2026-01-20-q1-roundtable-northbridge-8c1016b9.ron"
    );
}

#[test]
fn load_all_ignores_other_files_and_sorts_by_last_update() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let late = sample::save(&store, &sample::session("Late", 20, 500));
    let early = sample::save(&store, &sample::session("Early", 21, 100));
    fs::write(dir.path().join("README.md"), "notes").unwrap();
    fs::write(dir.path().join("x.ron.bak"), "junk").unwrap();
    let _lock = store.lock().unwrap();
    let report = store.load_all();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let paths: Vec<_> = report.sessions.iter().map(|s| s.path.clone()).collect();
    assert_eq!(paths, vec![early, late]);
}

#[test]
fn opening_a_file_as_the_sessions_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f");
    fs::write(&file, "").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, StoreError::NotAFolder(_)));
    assert!(err.to_string().contains("--sessions-dir"));
}

#[test]
fn problems_name_file_line_and_column() {
    let p = FileProblem::new("/s/x.ron", 4, 2, "missing field `title`");
    assert_eq!(p.to_string(), "/s/x.ron:4:2: missing field `title`");
}

#[test]
fn a_folder_named_with_spaces_quotes_and_non_ascii_letters_saves_loads_and_lists() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("Zoë's sessions").join("会议");
    let store = Store::open(&sessions).unwrap();
    let lock = store.lock().unwrap();
    let first = sample::session("Zoë's roundtable", 1, 0);
    let path = sample::save(&store, &first);
    assert_eq!(path.parent(), Some(sessions.as_path()));
    assert_eq!(load_session_file(&path).unwrap(), first);

    let mut later = first.clone();
    later.questions[0].notes = "会议记录: second save".into();
    store.save(&path, &later).unwrap();
    let second = sample::session("会议 two", 2, 60);
    sample::save(&store, &second);
    assert!(store.recover(&lock).is_empty());
    let report = store.load_all();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let loaded: Vec<_> = report.sessions.into_iter().map(|s| s.session).collect();
    assert_eq!(loaded, vec![later, second]);
}
