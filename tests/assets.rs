//! Every shipped file loads and validates: the built-in question sets and the example year.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use roundtable::store::sets::{SetCatalog, load_set_file};
use roundtable::store::{Store, load_session_file};

fn ron_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_question_set_file_validates_and_is_embedded() {
    let files = ron_files("assets/question-sets");
    assert!(files.len() >= 2, "{files:?}");
    let builtin = SetCatalog::builtin();
    assert!(builtin.problems.is_empty(), "{:?}", builtin.problems);
    for path in &files {
        let (set, _) = load_set_file(path).unwrap_or_else(|p| panic!("{p:?}"));
        let embedded = builtin
            .get(&set.id)
            .unwrap_or_else(|| panic!("{} is not a built-in set", path.display()));
        assert_eq!(embedded.set, set);
    }
    assert_eq!(builtin.sets.len(), files.len());
}

#[test]
fn every_example_session_validates_and_matches_its_built_in_set() {
    let files = ron_files("sessions");
    assert!(
        files.len() >= 4,
        "the example year has four sessions: {files:?}"
    );
    let builtin = SetCatalog::builtin();
    for path in &files {
        let session = load_session_file(path).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(
            path.file_name().unwrap().to_string_lossy(),
            Store::file_name_for(&session),
            "example files are named as the store names them"
        );
        let set = &builtin
            .get(&session.question_set.id)
            .expect("a built-in set")
            .set;
        assert_eq!(session.question_set.scale, set.scale);
        let ids: Vec<_> = session.questions.iter().map(|q| &q.id).collect();
        let set_ids: Vec<_> = set.questions.iter().map(|q| &q.id).collect();
        assert_eq!(ids, set_ids, "{}", path.display());
    }
    let store = Store::open(Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions")).unwrap();
    let report = store.load_all();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.sessions.len(), files.len());
}
