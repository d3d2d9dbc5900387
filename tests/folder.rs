//! The sessions folder as the facilitator meets it: two versions of a session (compare on
//! Home `c`, keep either, lose neither), a folder that cannot be written (browse only, with
//! a banner), and a folder sync that fails after a save (a warning, not "not saved").
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::{App, ReadOnly, Screen, ScreenKind};
use roundtable::domain::{Level, Participants, Session, SessionSetup};
use roundtable::store::sets::SetCatalog;
use roundtable::store::{Faults, Store, WRITE_PROBE};

const Q4: &str = "2026-10-13-q4-roundtable-de00b439.ron";

fn example_year() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir("sessions").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn render(app: &App) -> String {
    common::screen_text(app, 80, 24)
}

/// Every `.ron` text under `dir`, subfolders included.
fn texts_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(texts_under(&path));
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(fs::read_to_string(path).unwrap());
        }
    }
    out
}

/// The example year plus a Syncthing copy of Q4 edited on another laptop, later.
fn with_sync_copy() -> (tempfile::TempDir, PathBuf, String, String) {
    let dir = example_year();
    let ours = fs::read_to_string(dir.path().join(Q4)).unwrap();
    let mut theirs = Session::from_ron(&ours).unwrap();
    theirs.questions[0].notes = "Written on Ann's laptop on the train.".into();
    theirs.updated += jiff::SignedDuration::from_secs(3600);
    let theirs = theirs.to_ron().unwrap();
    let copy = dir
        .path()
        .join(Q4.replace(".ron", ".sync-conflict-20261202-101010-ABCDEFG.ron"));
    fs::write(&copy, &theirs).unwrap();
    (dir, copy, ours, theirs)
}

#[test]
fn home_marks_the_conflict_and_keeping_either_version_keeps_both_texts() {
    for (key, kept_is_ours) in [('a', false), ('b', true)] {
        let (dir, copy, ours, theirs) = with_sync_copy();
        let mut h = Harness::in_dir(dir);
        let q4 = h.dir().join(Q4);
        assert_eq!(h.app.shared.library.conflicts, vec![copy.clone()]);
        let home = render(&h.app);
        assert!(home.contains("⚠ Q4"), "{home}");
        assert!(home.contains("press c to compare"), "{home}");
        assert!(
            !home.contains("problem file"),
            "shown as a conflict, not twice: {home}"
        );

        h.press(KeyCode::Char('c'));
        assert_eq!(h.screen(), ScreenKind::Conflicts);
        let Screen::Conflicts(state) = &h.app.screen else {
            unreachable!()
        };
        assert_eq!(state.pairs.len(), 1);
        let fields: Vec<&str> = state.differences.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!(fields[0], "Q1 notes");
        let screen = render(&h.app);
        assert!(screen.contains("Written on Ann's laptop"), "{screen}");
        assert!(screen.contains("ABCDEFG.ron"), "{screen}");

        h.press(KeyCode::Char(key));
        assert!(h.message().unwrap().contains("again"), "{:?}", h.message());
        assert!(copy.exists(), "asked first, nothing moved yet");
        h.press(KeyCode::Char(key));
        assert!(
            h.message().unwrap().starts_with("Kept"),
            "{:?}",
            h.message()
        );

        let (want, other) = if kept_is_ours {
            (&ours, &theirs)
        } else {
            (&theirs, &ours)
        };
        assert_eq!(&fs::read_to_string(&q4).unwrap(), want);
        assert!(!copy.exists());
        let texts = texts_under(h.dir());
        assert!(texts.contains(&ours), "ours is still on disk");
        assert!(texts.contains(&theirs), "theirs is still on disk");
        let aside: Vec<PathBuf> = fs::read_dir(h.dir().join("conflicts"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(&fs::read_to_string(&aside[0]).unwrap(), other);

        // Nothing left to resolve, and Home says so.
        let Screen::Conflicts(state) = &h.app.screen else {
            unreachable!()
        };
        assert!(state.pairs.is_empty());
        assert!(h.app.shared.library.conflicts.is_empty());
        h.press(KeyCode::Esc);
        assert_eq!(h.screen(), ScreenKind::Home);
        assert_eq!(h.app.shared.library.sessions.len(), 4);
        assert!(!render(&h.app).contains('⚠'));
    }
}

#[test]
fn a_second_windows_copy_is_a_conflict_to_resolve_too() {
    let mut h = Harness::new();
    h.start_session("Two windows", "Ann,Bob");
    let path = h.session_path();
    // Another window (its lock file deleted) saves the same session with another title.
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("Two windows", "Two windows (theirs)");
    fs::write(&path, &theirs).unwrap();
    h.keys("3");
    h.tick(2_000);
    h.press(KeyCode::Esc);
    assert_eq!(h.screen(), ScreenKind::Home);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "theirs untouched"
    );
    assert_eq!(h.app.shared.library.conflicts.len(), 1);

    h.press(KeyCode::Char('c'));
    let Screen::Conflicts(state) = &h.app.screen else {
        panic!("{:?}", h.screen())
    };
    assert_eq!(state.pairs[0].home, path, "the session file, not the copy");
    let fields: Vec<&str> = state.differences.iter().map(|d| d.field.as_str()).collect();
    assert!(fields.contains(&"Title"), "{fields:?}");
    assert!(fields.contains(&"Q1 votes"), "{fields:?}");
    // Keep this window's version, whichever side the later `updated` put it on.
    let ours_is_a = state.pairs[0].shown.title == "Two windows";
    h.keys(if ours_is_a { "aa" } else { "bb" });
    let kept = roundtable::store::load_session_file(&path).unwrap();
    assert_eq!(kept.title, "Two windows");
    assert!(texts_under(h.dir()).contains(&theirs));
    assert!(h.app.shared.library.conflicts.is_empty());
}

#[test]
fn a_read_only_folder_opens_for_browsing_and_changes_nothing() {
    let dir = example_year();
    // One session in progress, as a facilitator would find mid-programme.
    let set = SetCatalog::builtin().sets[0].set.clone();
    let setup = SessionSetup {
        title: "In progress".into(),
        group: "Northbridge".into(),
        facilitator: "Morag".into(),
        participants: Participants::Named(vec!["Ann".into(), "Bob".into()]),
        level: Level::Place,
        planned_minutes: 60,
    };
    let now: jiff::Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
    let session = Session::new(&set, setup, uuid::Uuid::new_v4(), now);
    let store = Store::open(dir.path()).unwrap();
    store.save(&store.path_for(&session), &session).unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = {
        let mut files: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let bytes = fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        files.sort();
        files
    };
    let reports = tempfile::tempdir().unwrap();
    let mut h = Harness::in_dir(dir);
    h.runtime.read_only = true;
    h.app.shared.read_only = Some(ReadOnly {
        reason: "permission denied: check the folder's permissions".into(),
        reports_dir: reports.path().to_path_buf(),
    });
    let home = render(&h.app);
    assert!(home.contains("⚠ Read-only:"), "{home}");
    assert!(
        home.contains("cannot be written (permission denied)"),
        "{home}"
    );
    for line in home.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80);
    }

    h.press(KeyCode::Char('n'));
    assert_eq!(h.screen(), ScreenKind::Home, "no new session");
    assert!(
        h.message().unwrap().starts_with("Read-only"),
        "{:?}",
        h.message()
    );

    // Open the in-progress session: browse, try to vote, flag, type a note.
    h.press(KeyCode::Char('r'));
    let session = h.open().session.clone();
    let on_screen = h.screen();
    h.press(KeyCode::Right);
    h.press(KeyCode::Left);
    for key in ['3', 'f', '-'] {
        h.press(KeyCode::Char(key));
        assert!(
            h.message().unwrap_or_default().starts_with("Read-only"),
            "{key}: {:?}",
            h.message()
        );
    }
    if on_screen == ScreenKind::Question {
        h.press(KeyCode::Char('e'));
        h.type_text("not saved");
        h.press(KeyCode::Esc);
    }
    let mut expected = session.clone();
    expected.current_question = h.open().session.current_question;
    assert_eq!(h.open().session, expected, "nothing changed in memory");
    assert!(!h.app.shared.save.dirty);
    h.tick(10_000);
    h.press(KeyCode::Esc);
    h.tick(10_000);

    let mut after: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(h.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    after.sort();
    assert_eq!(after, before, "not a byte written");
}

#[test]
fn the_write_probe_tells_a_folder_that_refuses_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.probe_writable().unwrap();
    assert!(
        !dir.path().join(WRITE_PROBE).exists(),
        "the probe tidies up"
    );
    // Root ignores permissions: a folder in the probe's way refuses the file instead.
    fs::create_dir(dir.path().join(WRITE_PROBE)).unwrap();
    let err = store.probe_writable().unwrap_err();
    assert!(err.to_string().contains("could not write in"), "{err}");
}

#[test]
fn a_folder_sync_failing_after_the_rename_is_a_warning_not_a_lost_save() {
    let mut h = Harness::new();
    h.start_session("Sync", "Ann,Bob");
    h.runtime.store = h
        .runtime
        .store
        .clone()
        .with_faults(Faults { folder_sync: true });
    h.keys("34");
    h.tick(2_000);
    assert!(!h.app.shared.save.dirty, "saved");
    assert_eq!(h.app.shared.save.error, None, "not NOT SAVED");
    let message = h.message().unwrap_or_default();
    assert!(message.contains("could not be synced"), "{message}");
    let on_disk = roundtable::store::load_session_file(&h.session_path()).unwrap();
    assert_eq!(
        on_disk.questions[0].votes,
        h.open().session.questions[0].votes
    );
    let screen = render(&h.app);
    assert!(!screen.contains("NOT SAVED"), "{screen}");
}

#[test]
fn the_save_failure_and_the_way_out_fit_80_columns() {
    let mut h = Harness::new();
    h.start_session("A session with a long enough title to matter", "Ann,Bob");
    // The folder goes away: a file stands in its place, so saves fail even as root.
    let dir = h.dir().to_path_buf();
    let aside = dir.with_extension("aside");
    fs::rename(&dir, &aside).unwrap();
    fs::write(&dir, "not a folder").unwrap();
    h.keys("3");
    h.tick(2_000);
    assert!(h.app.shared.save.error.is_some());
    let screen = render(&h.app);
    assert!(screen.contains("⚠ Could not save:"), "{screen}");
    assert!(
        screen.contains(
            "Kept in memory, retried every 5 s. Don't close Roundtable until it says saved"
        ),
        "the second line whole: {screen}"
    );
    h.ctrl('c');
    let screen = render(&h.app);
    assert!(
        screen.contains("Unsaved: press again to quit, with an emergency copy"),
        "the way out whole: {screen}"
    );
    assert!(screen.contains("NOT SAVED"), "{screen}");
    fs::remove_file(&dir).unwrap();
    fs::rename(&aside, &dir).unwrap();
}
