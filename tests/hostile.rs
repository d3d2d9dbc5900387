//! Hostile and damaged files: each is a clear problem naming the file, line and column,
//! nothing panics, and the good files beside them still load.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sample;

use std::fs;
use std::path::{Path, PathBuf};

use roundtable::store::sets::{MAX_SET_BYTES, SetCatalog, SetOrigin};
use roundtable::store::{FileProblem, MAX_SESSION_BYTES, Store, load_session_file};

/// A valid session's text, saved by the store so it is exactly what the app writes.
fn good_text() -> String {
    sample::session("Good", 1, 0).to_ron().unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    text[..at].matches('\n').count() + 1
}

/// Hostile session files: (file name, bytes, expected words in the message, expected line if known).
fn hostile_sessions() -> Vec<(&'static str, Vec<u8>, &'static str, Option<usize>)> {
    let good = good_text();
    let mut cases = Vec::new();
    let half = &good[..good.len() / 2];
    cases.push((
        "truncated.ron",
        half.as_bytes().to_vec(),
        "ends too early",
        None,
    ));

    let wrong_type = good.replacen("agreed: 3", "agreed: \"three\"", 1);
    let line = line_of(&wrong_type, "agreed: \"three\"");
    cases.push(("wrong-type.ron", wrong_type.into_bytes(), "", Some(line)));

    let unknown = good.replacen("    group:", "    colour: \"red\",\n    group:", 1);
    let line = line_of(&unknown, "colour:");
    cases.push((
        "unknown-field.ron",
        unknown.into_bytes(),
        "unknown field `colour`",
        Some(line),
    ));

    // Typed fields stop nesting at once; a field read loosely (the version probe skips
    // unknown ones) is where ron's recursion limit must hold.
    let deep = format!("(format_version: 1, title: {}", "[".repeat(10_000));
    cases.push(("deep.ron", deep.into_bytes(), "", Some(1)));
    let deep = format!("(format_version: 1, junk: {}", "[".repeat(10_000));
    cases.push(("deep-unknown.ron", deep.into_bytes(), "", Some(1)));

    let mut bad_utf8 = good.clone().into_bytes();
    let at = good.find("We disagreed").unwrap();
    bad_utf8[at] = 0xff;
    let line = line_of(&good, "We disagreed");
    cases.push(("invalid-utf8.ron", bad_utf8, "not UTF-8", Some(line)));

    let newer = good.replacen("format_version: 1", "format_version: 9", 1);
    cases.push(("newer.ron", newer.into_bytes(), "newer Roundtable", Some(1)));

    cases.push(("empty.ron", Vec::new(), "empty", Some(1)));

    let extra_vote = good.replacen("Score(2),", "Score(2), Score(9),", 1);
    cases.push((
        "votes.ron",
        extra_vote.into_bytes(),
        "4 votes but the session has 3",
        None,
    ));

    cases.push((
        "binary.ron",
        (0u8..=255).cycle().take(5000).collect(),
        "",
        None,
    ));
    cases
}

fn assert_names_file(problem: &FileProblem, path: &Path) {
    assert_eq!(problem.path, path, "{problem}");
    assert!(problem.line >= 1 && problem.column >= 1, "{problem}");
    let shown = problem.to_string();
    assert!(
        shown.starts_with(&format!(
            "{}:{}:{}: ",
            path.display(),
            problem.line,
            problem.column
        )),
        "{shown}"
    );
    assert!(problem.message.len() > 5, "{shown}");
}

#[test]
fn each_hostile_session_file_is_a_located_problem_and_the_good_ones_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let good = sample::save(&store, &sample::session("Good", 1, 0));
    let other_good = sample::save(&store, &sample::session("Also good", 2, 10));
    let cases = hostile_sessions();
    for (name, bytes, _, _) in &cases {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    // A folder with a session's name, and a file over the size cap (sparse: cheap to make).
    fs::create_dir(dir.path().join("folder.ron")).unwrap();
    let huge = fs::File::create(dir.path().join("huge.ron")).unwrap();
    huge.set_len(MAX_SESSION_BYTES + 1).unwrap();

    let report = store.load_all();
    let loaded: Vec<&PathBuf> = report.sessions.iter().map(|s| &s.path).collect();
    assert_eq!(loaded, vec![&good, &other_good]);

    for (name, _, words, line) in &cases {
        let path = dir.path().join(name);
        let problems: Vec<&FileProblem> =
            report.problems.iter().filter(|p| p.path == path).collect();
        assert!(!problems.is_empty(), "{name}: no problem reported");
        for p in &problems {
            assert_names_file(p, &path);
        }
        assert!(
            problems.iter().any(|p| p.message.contains(words)),
            "{name}: {problems:?}"
        );
        if let Some(line) = line {
            assert_eq!(problems[0].line, *line, "{name}: {}", problems[0]);
        }
    }
    let folder = report
        .problems
        .iter()
        .find(|p| p.path.ends_with("folder.ron"))
        .unwrap();
    assert!(folder.message.contains("folder"), "{folder}");
    let huge = report
        .problems
        .iter()
        .find(|p| p.path.ends_with("huge.ron"))
        .unwrap();
    assert!(huge.message.contains("over the"), "{huge}");
}

#[test]
fn text_over_the_cap_is_refused_by_what_is_read_not_only_by_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let text = format!("(title: \"{}\")", "x".repeat(4096));
    fs::write(&path, &text).unwrap();
    let err = roundtable::store::read_text(&path, 1024).unwrap_err();
    assert!(err.message.contains("over the"), "{err}");
}

#[test]
fn bit_flips_anywhere_never_panic_and_always_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_text().into_bytes();
    let path = dir.path().join("flipped.ron");
    let mut failures = 0;
    for (i, mask) in (0..good.len())
        .step_by(37)
        .zip([0x01u8, 0x20, 0x80, 0x04].iter().cycle())
    {
        let mut bytes = good.clone();
        bytes[i] ^= mask;
        fs::write(&path, &bytes).unwrap();
        if let Err(problems) = load_session_file(&path) {
            failures += 1;
            assert!(!problems.is_empty());
            for p in &problems {
                assert_names_file(p, &path);
            }
        }
    }
    assert!(
        failures > 10,
        "bit flips should mostly be caught, got {failures}"
    );
}

#[test]
fn hostile_question_sets_are_problems_and_good_sets_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let good = include_str!("../assets/question-sets/subsidiarity-tests.ron")
        .replace("id: \"subsidiarity-tests\"", "id: \"my-tests\"");
    fs::write(dir.path().join("good.ron"), &good).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.ron",
            good.as_bytes()[..good.len() / 3].to_vec(),
            "ends too early",
        ),
        (
            "unknown.ron",
            good.replacen("    title:", "    author: \"x\",\n    title:", 1)
                .into_bytes(),
            "unknown field `author`",
        ),
        (
            "wrong-type.ron",
            good.replacen("version: 1", "version: \"one\"", 1)
                .into_bytes(),
            "",
        ),
        ("deep.ron", "[".repeat(10_000).into_bytes(), ""),
        (
            "deep-field.ron",
            format!("(id: {}", "(".repeat(10_000)).into_bytes(),
            "",
        ),
        ("utf8.ron", b"(\n id: \"\xc0\xc1\")".to_vec(), "not UTF-8"),
        ("empty.ron", Vec::new(), "empty"),
        (
            "no-label.ron",
            good.replacen("(score: 3, label: \"Partly applies\"),", "", 1)
                .into_bytes(),
            "scale point 3 has no label",
        ),
    ];
    for (name, bytes, _) in &cases {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    fs::create_dir(dir.path().join("folder.ron")).unwrap();
    fs::File::create(dir.path().join("huge.ron"))
        .unwrap()
        .set_len(MAX_SET_BYTES + 1)
        .unwrap();

    let mut catalog = SetCatalog::builtin();
    catalog.add_folder(dir.path(), true);
    let mine = catalog.get("my-tests").expect("the good set loads");
    assert_eq!(mine.origin, SetOrigin::File(dir.path().join("good.ron")));
    assert!(catalog.get("localising-decisions").is_some());
    for (name, _, words) in &cases {
        let path = dir.path().join(name);
        let problems: Vec<_> = catalog.problems.iter().filter(|p| p.path == path).collect();
        assert!(!problems.is_empty(), "{name}");
        for p in &problems {
            assert_names_file(p, &path);
        }
        assert!(
            problems.iter().any(|p| p.message.contains(words)),
            "{name}: {problems:?}"
        );
    }
    assert!(
        catalog
            .problems
            .iter()
            .any(|p| p.path.ends_with("folder.ron"))
    );
    assert!(
        catalog
            .problems
            .iter()
            .any(|p| p.path.ends_with("huge.ron") && p.message.contains("over the"))
    );
}
