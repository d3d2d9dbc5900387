//! Words survive the world misbehaving around the app: foreign and linked temp files, sync
//! clients' files, a second writer, a steady typist, a folder that refuses saves on the
//! way out, and files built to make validation slow.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::{Action, ScreenKind};
use roundtable::domain::{Level, NewSession, Participants, QuestionSet, Session, SessionSetup};
use roundtable::runtime::Flow;
use roundtable::store::{Recovery, Store, load_session_file, temp_path_for};

const Q1: &str = "2026-01-20-q1-roundtable-8c1016b9.ron";
const Q2: &str = "2026-04-21-q2-roundtable-aa41852e.ron";
const Q4: &str = "2026-10-13-q4-roundtable-de00b439.ron";

/// A temp folder holding the example year.
fn example_year() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for entry in fs::read_dir("sessions").expect("example sessions") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    dir
}

fn example(name: &str) -> String {
    fs::read_to_string(Path::new("sessions").join(name)).expect("example")
}

fn recover(dir: &Path) -> Vec<Recovery> {
    let store = Store::open(dir).expect("store");
    let lock = store.lock().expect("lock");
    store.recover(&lock)
}

#[test]
fn a_temp_file_holding_another_session_is_set_aside_not_promoted() {
    let dir = example_year();
    let q1 = dir.path().join(Q1);
    let before = fs::read_to_string(&q1).expect("q1");
    // Q2 (newer than Q1) under Q1's temp name: a copy, or a sync client's leftover.
    fs::write(temp_path_for(&q1), example(Q2)).expect("foreign temp");

    let done = recover(dir.path());
    assert!(
        matches!(done.as_slice(), [Recovery::SetAside { problem, .. }] if problem.message.contains("not taken")),
        "{done:?}"
    );
    assert_eq!(
        fs::read_to_string(&q1).expect("q1"),
        before,
        "Q1 is untouched"
    );
    let report = Store::open(dir.path()).expect("store").load_all();
    let ids: Vec<_> = report.sessions.iter().map(|s| s.session.id).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(report.sessions.len(), 4, "Q2 is not listed twice");
    assert_eq!(ids, unique);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.path.to_string_lossy().ends_with(".partial")),
        "the foreign file is kept and named: {:?}",
        report.problems
    );
}

#[cfg(unix)]
#[test]
fn a_temp_file_that_is_a_link_never_replaces_the_session() {
    let dir = example_year();
    let q1 = dir.path().join(Q1);
    let before = fs::read_to_string(&q1).expect("q1");
    // A newer version of Q1 elsewhere, linked in under the temp name.
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let target = elsewhere.path().join("newer.ron");
    let newer = before.replace(
        "updated: \"2026-01-20T11:41:00Z\"",
        "updated: \"2026-01-21T11:41:00Z\"",
    );
    assert_ne!(newer, before, "the example's updated time changed");
    fs::write(&target, newer).expect("target");
    std::os::unix::fs::symlink(&target, temp_path_for(&q1)).expect("link");

    let done = recover(dir.path());
    assert!(
        matches!(done.as_slice(), [Recovery::SetAside { .. }]),
        "{done:?}"
    );
    let meta = fs::symlink_metadata(&q1).expect("q1");
    assert!(
        meta.file_type().is_file(),
        "the session is still a plain file"
    );
    assert_eq!(fs::read_to_string(&q1).expect("q1"), before);
}

#[test]
fn a_sync_clients_temp_file_is_left_alone() {
    let dir = example_year();
    let syncthing = dir.path().join(format!(".syncthing.{Q1}.tmp"));
    fs::write(&syncthing, example(Q1)).expect("syncthing temp");
    let half = dir.path().join(format!(".syncthing.{Q2}.tmp"));
    fs::write(&half, &example(Q2)[..100]).expect("half-downloaded");

    assert!(recover(dir.path()).is_empty(), "not ours to recover");
    assert!(syncthing.exists() && half.exists(), "nothing renamed");
    let report = Store::open(dir.path()).expect("store").load_all();
    assert_eq!(report.sessions.len(), 4);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn a_sync_conflict_copy_is_one_session_with_a_conflict() {
    let dir = example_year();
    // Syncthing's copy of Q4 as edited on another laptop, earlier.
    let copy = dir
        .path()
        .join(Q4.replace(".ron", ".sync-conflict-20261202-101010-ABCDEFG.ron"));
    let older = example(Q4).replace("updated: \"2026-10-13T11:47", "updated: \"2026-10-13T11:40");
    fs::write(&copy, older).expect("conflict copy");

    let report = Store::open(dir.path()).expect("store").load_all();
    assert_eq!(report.sessions.len(), 4, "Q4 counted once");
    let q4 = report
        .sessions
        .iter()
        .find(|s| s.path.ends_with(Q4))
        .expect("the newer Q4 leads");
    assert_eq!(q4.session.title, "Q4 roundtable");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.path == copy && p.message.starts_with("conflict")),
        "{:?}",
        report.problems
    );

    // `list` shows Q4 once and the conflict on a line of its own.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--sessions-dir")
        .arg(dir.path())
        .arg("list")
        .env("HOME", dir.path())
        .output()
        .expect("list");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rows = stdout.lines().filter(|l| l.contains("2026-10-13  Q4"));
    assert_eq!(rows.count(), 1, "{stdout}");
    assert!(stdout.contains("sync-conflict"), "{stdout}");
    // …and says which session has two versions, and where to resolve it.
    assert!(stdout.contains("press c on Home"), "{stdout}");
    assert!(
        stdout.contains("2026-10-13 Q4 roundtable: "),
        "the session named with both files: {stdout}"
    );
}

#[test]
fn an_exact_copy_under_a_sync_clients_name_never_leads() {
    let dir = example_year();
    for copy in [
        Q4.replace(".ron", ".sync-conflict-20261202-101010-ABCDEFG.ron"),
        Q4.replace(".ron", "-LAPTOP-7.ron"),
        Q4.replace(".ron", " (conflicted copy).ron"),
    ] {
        fs::write(dir.path().join(copy), example(Q4)).expect("copy");
    }
    let report = Store::open(dir.path()).expect("store").load_all();
    assert_eq!(report.sessions.len(), 4);
    assert!(report.sessions.iter().any(|s| s.path.ends_with(Q4)));
    assert_eq!(report.problems.len(), 3, "{:?}", report.problems);
}

fn start(h: &mut Harness, participants: u16) {
    h.act(Action::Create(NewSession {
        set_id: "localising-decisions".into(),
        setup: SessionSetup {
            title: "Safety".into(),
            group: "Northbridge".into(),
            facilitator: "Morag".into(),
            participants: Participants::Seats(participants),
            level: Level::Place,
            planned_minutes: 60,
        },
    }));
    assert!(h.app.shared.open.is_some());
}

/// A sessions folder made unusable (a file where the folder was; tests run as root, so
/// permissions would not stop a save), put back when dropped.
struct Blocked {
    dir: PathBuf,
    aside: PathBuf,
}

impl Blocked {
    fn folder(dir: &Path) -> Blocked {
        let aside = dir.with_extension("aside");
        fs::rename(dir, &aside).expect("move folder");
        fs::write(dir, b"not a folder").expect("block folder");
        Blocked {
            dir: dir.to_path_buf(),
            aside,
        }
    }
}

impl Drop for Blocked {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.dir);
        let _ = fs::rename(&self.aside, &self.dir);
    }
}

fn notes_on_disk(path: &Path) -> String {
    load_session_file(path).expect("valid file").questions[0]
        .notes
        .clone()
}

#[test]
fn two_writers_both_versions_of_the_notes_survive() {
    let mut h = Harness::new();
    start(&mut h, 3);
    let path = h.session_path();
    h.press(KeyCode::Char('e'));
    h.type_text("first window's words");
    h.tick(1_000);
    assert_eq!(notes_on_disk(&path), "first window's words");

    // A second Roundtable (its lock file deleted) saves the same session.
    let mut theirs = load_session_file(&path).expect("file");
    theirs.questions[0].notes = "second window's words".into();
    Store::open(h.dir())
        .expect("store")
        .save(&path, &theirs)
        .expect("save");

    h.type_text(" and more");
    h.tick(1_000);
    assert_eq!(notes_on_disk(&path), "second window's words", "theirs kept");
    let copies: Vec<PathBuf> = fs::read_dir(h.dir())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(".conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(notes_on_disk(&copies[0]), "first window's words and more");
    assert!(
        h.message().is_some_and(|m| m.contains("Changed elsewhere")),
        "{:?}",
        h.message()
    );

    // Later saves go on into the copy; the other window's file is left alone.
    h.type_text("!");
    h.tick(1_000);
    assert_eq!(notes_on_disk(&copies[0]), "first window's words and more!");
    assert_eq!(notes_on_disk(&path), "second window's words");
    let report = Store::open(h.dir()).expect("store").load_all();
    assert_eq!(report.sessions.len(), 1, "one session…");
    assert_eq!(
        report.problems.len(),
        1,
        "…with a conflict: {:?}",
        report.problems
    );
}

#[test]
fn a_steady_typist_is_saved_every_two_seconds() {
    let mut h = Harness::new();
    start(&mut h, 3);
    let path = h.session_path();
    h.press(KeyCode::Char('e'));
    let words = "the first words typed, and then many more without a pause ".repeat(3);
    let mut first_saved_after = None;
    // A key every 120 ms for 10 s: never the pause the quiet-time autosave waits for.
    for (i, c) in words.chars().take(84).enumerate() {
        h.type_text(&c.to_string());
        h.tick(120);
        if first_saved_after.is_none() && notes_on_disk(&path).starts_with("the first") {
            first_saved_after = Some((i + 1) * 120);
        }
    }
    let after = first_saved_after.expect("saved while typing");
    assert!(after <= 2_000, "first words on disk after {after} ms");
    let typed: String = words.chars().take(84).collect();
    let on_disk = notes_on_disk(&path);
    assert!(
        typed.len() - on_disk.len() <= 17,
        "at most ~2 s of typing unsaved: {on_disk:?}"
    );
}

#[test]
fn unsaved_work_goes_to_an_emergency_copy_when_the_folder_refuses() {
    let mut h = Harness::new();
    let rescue = tempfile::tempdir().expect("rescue");
    h.runtime.emergency_dirs = vec![rescue.path().join("emergency")];
    start(&mut h, 2);
    let _blocked = Blocked::folder(h.dir());
    h.press(KeyCode::Char('e'));
    h.type_text("words the folder refused");
    h.act(Action::Terminate); // as on SIGTERM: save, then leave
    assert!(h.app.shared.save.dirty, "the save failed");
    let message = h
        .runtime
        .rescue_unsaved(&h.app)
        .expect("something to rescue");
    let copy = fs::read_dir(rescue.path().join("emergency"))
        .expect("emergency folder")
        .next()
        .expect("a copy")
        .expect("entry")
        .path();
    assert!(message.contains(&copy.display().to_string()), "{message}");
    assert_eq!(notes_on_disk(&copy), "words the folder refused");
}

#[test]
fn nothing_is_rescued_when_everything_was_saved() {
    let mut h = Harness::new();
    start(&mut h, 2);
    h.act(Action::Terminate);
    assert!(h.runtime.rescue_unsaved(&h.app).is_none());
}

/// The fastest of three runs: the machine running the tests may be busy.
fn fastest<T>(mut run: impl FnMut() -> T) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(run());
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Loading and checking must cost about what parsing the same text costs (linear), not
/// seconds more (the pairwise check took 12 s for 20,000 ids). A ratio to parsing the same
/// bytes into a plain RON value holds on a busy machine, where a fixed time limit would not.
fn assert_linear(checked: Duration, ron: &str) {
    let parsed = fastest(|| ron::from_str::<ron::Value>(ron).is_ok());
    assert!(
        checked < parsed * 4 + Duration::from_millis(50),
        "loaded and checked in {checked:?}, the same text parsed in {parsed:?}"
    );
}

#[test]
fn twenty_thousand_duplicate_question_ids_are_checked_quickly() {
    let text = example(Q1);
    let session = Session::from_ron(&text).expect("example");
    let mut big = session.clone();
    let q = session.questions[0].clone();
    big.questions = vec![q; 20_000];
    let ron = big.to_ron().expect("ron");

    let err = Session::from_ron(&ron).expect_err("duplicates");
    assert_linear(fastest(|| Session::from_ron(&ron).is_err()), &ron);
    let problems = err.problems();
    assert!(
        problems.len() <= 21,
        "the first few and a count: {}",
        problems.len()
    );
    assert!(
        problems
            .last()
            .is_some_and(|p| p.message.contains("more problems")),
        "{problems:?}"
    );

    let set_text = include_str!("../assets/question-sets/localising-decisions.ron");
    let mut set = QuestionSet::from_ron(set_text).expect("set");
    set.questions = vec![set.questions[0].clone(); 20_000];
    let ron = roundtable::domain::ron_format::to_string(&set).expect("ron");
    let errors = QuestionSet::from_ron(&ron).expect_err("duplicates");
    assert_linear(fastest(|| QuestionSet::from_ron(&ron).is_err()), &ron);
    assert!(errors.len() <= 21);
}

#[test]
fn q_twice_on_home_quits_while_saves_fail() {
    let mut h = Harness::new();
    start(&mut h, 2);
    let _blocked = Blocked::folder(h.dir());
    h.press(KeyCode::Char('e'));
    h.type_text("unsaved");
    h.press(KeyCode::Esc); // leave the editor
    h.press(KeyCode::Char('q')); // to Home (the save fails)
    assert_eq!(h.screen(), ScreenKind::Home);
    assert_eq!(
        h.press(KeyCode::Char('q')),
        Some(Flow::Continue),
        "refused once"
    );
    let message = h.message().unwrap_or_default().to_string();
    assert!(message.contains("again to quit"), "{message}");
    assert!(
        message.chars().count() <= 55,
        "fits beside the save status (23 columns and a space) at 80 columns"
    );
    h.tick(250);
    assert_eq!(
        h.press(KeyCode::Char('q')),
        Some(Flow::Quit),
        "q again insists"
    );
}
