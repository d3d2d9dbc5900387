//! `import`: new, identical, conflicting and corrupt inputs, and a second import of the
//! same folder changes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use roundtable::domain::Session;
use roundtable::store::Store;
use roundtable::store::import::{CONFLICTS_DIR, ImportReport, Outcome, conflict_copies, import};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const Q1: &str = "2026-01-20-q1-roundtable-8c1016b9.ron";
const Q2: &str = "2026-04-21-q2-roundtable-aa41852e.ron";
const Q3: &str = "2026-07-14-q3-roundtable-14705763.ron";
const Q4: &str = "2026-10-13-q4-roundtable-de00b439.ron";

fn example_text(name: &str) -> Result<String, std::io::Error> {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sessions")
            .join(name),
    )
}

/// The session in `name`, edited: a note added and `updated` moved by `minutes`.
fn edited(name: &str, minutes: i64, note: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut s = Session::from_ron(&example_text(name)?)?;
    s.questions[0].notes.push_str(note);
    s.updated = s
        .updated
        .checked_add(jiff::SignedDuration::from_mins(minutes))?;
    Ok(s.to_ron()?)
}

/// Every file under `dir` (one level of subfolders) with its bytes.
fn snapshot(dir: &Path) -> Result<BTreeMap<PathBuf, Vec<u8>>, std::io::Error> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            for inner in fs::read_dir(&path)? {
                let inner = inner?.path();
                out.insert(inner.clone(), fs::read(&inner)?);
            }
        } else {
            out.insert(path.clone(), fs::read(&path)?);
        }
    }
    Ok(out)
}

struct Setup {
    _tmp: tempfile::TempDir,
    store: Store,
    incoming: PathBuf,
    /// The texts that must survive somewhere, whichever wins.
    q2_here: String,
    q2_theirs: String,
    q4_here: String,
    q4_theirs: String,
}

/// The sessions folder has Q1, Q2 and an edited Q4 (edited here later than theirs). The
/// incoming folder (a colleague's laptop) has Q1 unchanged, Q2 edited later there, Q3 which
/// is new here, the original Q4, a corrupt file and a stray README.
fn setup() -> Result<Setup, Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let here = tmp.path().join("sessions");
    let incoming = tmp.path().join("usb");
    fs::create_dir_all(&incoming)?;
    let store = Store::open(&here)?;
    let q2_here = example_text(Q2)?;
    let q2_theirs = edited(
        Q2,
        90,
        " Added on the other laptop, with a comma, and \"quotes\" 🎉.",
    )?;
    let q4_theirs = example_text(Q4)?;
    let q4_here = edited(Q4, 30, " Added here after the meeting.")?;
    fs::write(here.join(Q1), example_text(Q1)?)?;
    fs::write(here.join(Q2), &q2_here)?;
    fs::write(here.join(Q4), &q4_here)?;

    fs::write(incoming.join(Q1), example_text(Q1)?)?;
    fs::write(incoming.join(Q2), &q2_theirs)?;
    fs::write(incoming.join(Q3), example_text(Q3)?)?;
    fs::write(incoming.join(Q4), &q4_theirs)?;
    let corrupt = example_text(Q3)?.replace("agreed: 3,", "agreed: three,");
    fs::write(incoming.join("2026-08-01-corrupt.ron"), corrupt)?;
    fs::write(incoming.join("README.txt"), "not a session")?;
    Ok(Setup {
        _tmp: tmp,
        store,
        incoming,
        q2_here,
        q2_theirs,
        q4_here,
        q4_theirs,
    })
}

fn run_import(s: &Setup) -> Result<ImportReport, Box<dyn std::error::Error>> {
    let lock = s.store.lock()?;
    Ok(import(&s.store, &lock, std::slice::from_ref(&s.incoming)))
}

fn outcome_for<'a>(report: &'a ImportReport, name: &str) -> Result<&'a Outcome, String> {
    report
        .outcomes
        .iter()
        .find(|o| {
            let source = match o {
                Outcome::Imported { source, .. }
                | Outcome::Identical { source, .. }
                | Outcome::AlreadyKept { source, .. }
                | Outcome::Conflict { source, .. }
                | Outcome::Rejected { source, .. } => source,
            };
            source.file_name().is_some_and(|n| n == name)
        })
        .ok_or(format!("no outcome for {name}: {report:?}"))
}

#[test]
fn new_identical_conflicting_and_corrupt_files() -> TestResult {
    let s = setup()?;
    let here = s.store.dir().to_path_buf();
    let report = run_import(&s)?;

    assert!(matches!(
        outcome_for(&report, Q1)?,
        Outcome::Identical { .. }
    ));
    match outcome_for(&report, Q3)? {
        Outcome::Imported { saved, .. } => {
            assert_eq!(saved, &here.join(Q3), "saved under the store's name");
            assert_eq!(
                fs::read_to_string(saved)?,
                example_text(Q3)?,
                "copied byte for byte"
            );
        }
        other => return Err(format!("Q3: {other:?}").into()),
    }
    // Theirs is newer: it becomes the session; ours is kept as a conflict copy.
    match outcome_for(&report, Q2)? {
        Outcome::Conflict {
            session,
            copy,
            incoming_won,
            ..
        } => {
            assert!(incoming_won);
            assert_eq!(session, &here.join(Q2));
            assert_eq!(fs::read_to_string(session)?, s.q2_theirs);
            assert_eq!(fs::read_to_string(copy)?, s.q2_here);
            assert_eq!(copy.parent(), Some(here.join(CONFLICTS_DIR).as_path()));
        }
        other => return Err(format!("Q2: {other:?}").into()),
    }
    // Ours is newer: it stays; theirs is kept as a conflict copy.
    match outcome_for(&report, Q4)? {
        Outcome::Conflict {
            session,
            copy,
            incoming_won,
            ..
        } => {
            assert!(!incoming_won);
            assert_eq!(fs::read_to_string(session)?, s.q4_here);
            assert_eq!(fs::read_to_string(copy)?, s.q4_theirs);
        }
        other => return Err(format!("Q4: {other:?}").into()),
    }
    match outcome_for(&report, "2026-08-01-corrupt.ron")? {
        Outcome::Rejected { problems, .. } => {
            assert!(!problems.is_empty());
            assert!(problems[0].line > 1, "{problems:?}");
            let line = problems[0].to_string();
            assert!(line.contains("2026-08-01-corrupt.ron:"), "{line}");
        }
        other => return Err(format!("corrupt: {other:?}").into()),
    }
    assert!(!here.join("2026-08-01-corrupt.ron").exists());
    assert_eq!(report.ignored.len(), 1, "the README is left alone");
    assert_eq!(
        (
            report.imported(),
            report.identical(),
            report.conflicts(),
            report.rejected()
        ),
        (1, 1, 2, 1)
    );

    // The folder still loads cleanly, one file per session, conflict copies apart.
    let loaded = s.store.load_all();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.sessions.len(), 4);
    assert_eq!(conflict_copies(&s.store).len(), 2);
    Ok(())
}

#[test]
fn importing_the_same_folder_twice_changes_nothing() -> TestResult {
    let s = setup()?;
    run_import(&s)?;
    let before = snapshot(s.store.dir())?;
    let second = run_import(&s)?;
    assert_eq!(snapshot(s.store.dir())?, before);
    assert_eq!(
        (second.imported(), second.conflicts()),
        (0, 0),
        "{second:?}"
    );
    assert_eq!(second.identical(), 4, "{second:?}");
    assert!(matches!(
        outcome_for(&second, Q4)?,
        Outcome::AlreadyKept { .. }
    ));
    assert_eq!(second.rejected(), 1);
    Ok(())
}

#[test]
fn a_third_version_gets_its_own_conflict_copy() -> TestResult {
    let s = setup()?;
    run_import(&s)?;
    // Yet another, older edit of Q4 arrives: kept beside the first copy, not over it.
    let third = edited(Q4, -60, " An early draft.")?;
    let file = s.incoming.join(Q4);
    fs::write(&file, &third)?;
    let lock = s.store.lock()?;
    let report = import(&s.store, &lock, std::slice::from_ref(&file));
    assert_eq!(report.conflicts(), 1);
    let copies = conflict_copies(&s.store);
    assert_eq!(copies.len(), 3);
    let texts: Vec<String> = copies
        .iter()
        .map(fs::read_to_string)
        .collect::<Result<_, _>>()?;
    assert!(texts.contains(&third) && texts.contains(&s.q4_theirs) && texts.contains(&s.q2_here));
    Ok(())
}

#[test]
fn the_command_summarises_and_fails_on_a_rejected_file() -> TestResult {
    let s = setup()?;
    // `roundtable import INCOMING` into the store, as a person would type it.
    let import = || -> Result<(Option<i32>, String), Box<dyn std::error::Error>> {
        let output = Command::new(env!("CARGO_BIN_EXE_roundtable"))
            .arg("--sessions-dir")
            .arg(s.store.dir())
            .arg("import")
            .arg(&s.incoming)
            .output()?;
        Ok((output.status.code(), String::from_utf8(output.stdout)?))
    };
    let (code, stdout) = import()?;
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("1 imported, 1 identical, 2 conflicts, 1 rejected."),
        "{stdout}"
    );
    assert!(
        stdout.contains("rejected   ") && stdout.contains("2026-08-01-corrupt.ron:"),
        "{stdout}"
    );

    fs::remove_file(s.incoming.join("2026-08-01-corrupt.ron"))?;
    let (code, stdout) = import()?;
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("0 imported, 4 identical, 0 conflicts, 0 rejected."),
        "{stdout}"
    );
    Ok(())
}

#[test]
fn missing_and_oversized_files_are_rejected() -> TestResult {
    let s = setup()?;
    let big = s.incoming.join("big.ron");
    let file = fs::File::create(&big)?;
    file.set_len(roundtable::store::MAX_SESSION_BYTES + 1)?;
    let lock = s.store.lock()?;
    let report = import(&s.store, &lock, &[big, s.incoming.join("missing.ron")]);
    assert_eq!(report.rejected(), 2, "{report:?}");
    assert!(
        report.outcomes[0].to_string().contains("over the"),
        "{}",
        report.outcomes[0]
    );
    Ok(())
}
