//! The question sets a facilitator can choose from: the built-in ones, embedded in the
//! binary so it works from any folder offline, and their own `*.ron` files.
//!
//! Where sets come from, in order:
//! 1. built-in sets;
//! 2. `--sets-dir` / `ROUNDTABLE_SETS_DIR`, if given;
//! 3. the platform config folder's `question-sets/` (e.g. `~/.config/roundtable/question-sets`).
//!
//! Duplicate ids: a user's file with the id of a built-in set **replaces** the built-in
//! (so a facilitator can adapt the wording and still compare sessions by id), and
//! `roundtable sets` says so. Two user files with one id: the first found wins and the
//! second is reported as a problem, so nothing is chosen silently.

use std::fs;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use super::files::read_text;
use super::{FileProblem, advice};
use crate::domain::QuestionSet;

/// The largest question-set file read: a set is a page of text, not megabytes.
pub const MAX_SET_BYTES: u64 = 1024 * 1024;

/// The built-in sets: (file name, text).
const BUILTIN: [(&str, &str); 2] = [
    (
        "localising-decisions.ron",
        include_str!("../../assets/question-sets/localising-decisions.ron"),
    ),
    (
        "subsidiarity-tests.ron",
        include_str!("../../assets/question-sets/subsidiarity-tests.ron"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetOrigin {
    BuiltIn,
    File(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvailableSet {
    pub set: QuestionSet,
    pub origin: SetOrigin,
    /// This file's set has the id of a built-in set and is used in its place.
    pub replaces_builtin: bool,
}

/// The sets that loaded, and a problem per file that did not.
#[derive(Debug, Clone, Default)]
pub struct SetCatalog {
    /// Built-in sets first (in their fixed order, or the file replacing them), then user sets
    /// in the order found.
    pub sets: Vec<AvailableSet>,
    pub problems: Vec<FileProblem>,
}

impl SetCatalog {
    /// Built-in sets only: what every installation has.
    pub fn builtin() -> SetCatalog {
        let mut catalog = SetCatalog::default();
        for (name, text) in BUILTIN {
            match QuestionSet::from_ron(text) {
                Ok(set) => catalog.sets.push(AvailableSet {
                    set,
                    origin: SetOrigin::BuiltIn,
                    replaces_builtin: false,
                }),
                Err(errors) => catalog.problems.extend(errors.into_iter().map(|e| {
                    FileProblem::new(format!("(built-in) {name}"), e.line, e.column, e.message)
                })),
            }
        }
        catalog
    }

    /// The platform folder for a user's own sets, e.g. `~/.config/roundtable/question-sets`.
    pub fn user_sets_dir() -> Option<PathBuf> {
        ProjectDirs::from("org", "Roundtable", "roundtable")
            .map(|d| d.config_dir().join("question-sets"))
    }

    /// Built-in sets, then `sets_dir` (which must exist if given), then the platform folder
    /// (skipped quietly when it does not exist: most people never create it).
    pub fn load(sets_dir: Option<&Path>) -> SetCatalog {
        let mut catalog = SetCatalog::builtin();
        if let Some(dir) = sets_dir {
            catalog.add_folder(dir, true);
        }
        if let Some(dir) = Self::user_sets_dir()
            && Some(dir.as_path()) != sets_dir
        {
            catalog.add_folder(&dir, false);
        }
        catalog
    }

    pub fn get(&self, id: &str) -> Option<&AvailableSet> {
        self.sets.iter().find(|s| s.set.id == id)
    }

    /// Add every `*.ron` file in `dir` (not its subfolders).
    pub fn add_folder(&mut self, dir: &Path, must_exist: bool) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => return,
            Err(e) => {
                self.problems.push(FileProblem::whole(
                    dir,
                    format!("could not read the question-set folder: {}", advice(&e)),
                ));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "ron")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        for path in paths {
            self.add_file(&path);
        }
    }

    /// Add one set file, or record why it cannot be used.
    pub fn add_file(&mut self, path: &Path) {
        let (set, text) = match load_set_file(path) {
            Ok(loaded) => loaded,
            Err(problems) => {
                self.problems.extend(problems);
                return;
            }
        };
        let origin = SetOrigin::File(path.to_path_buf());
        match self.sets.iter().position(|s| s.set.id == set.id) {
            None => self.sets.push(AvailableSet {
                set,
                origin,
                replaces_builtin: false,
            }),
            Some(i) => match &self.sets[i].origin {
                SetOrigin::BuiltIn => {
                    self.sets[i] = AvailableSet {
                        set,
                        origin,
                        replaces_builtin: true,
                    };
                }
                SetOrigin::File(first) => {
                    let p = crate::domain::ron_format::FormatError::at_text(
                        &text,
                        "id:",
                        0,
                        format!(
                            "set id {:?} is already used by {}: give one of them another id (this file is not used)",
                            set.id,
                            first.display()
                        ),
                    );
                    self.problems
                        .push(FileProblem::new(path, p.line, p.column, p.message));
                }
            },
        }
    }
}

/// Read and validate one question-set file; every problem names the file, line and column.
pub fn load_set_file(path: &Path) -> Result<(QuestionSet, String), Vec<FileProblem>> {
    let text = read_text(path, MAX_SET_BYTES).map_err(|p| vec![p])?;
    match QuestionSet::from_ron(&text) {
        Ok(set) => Ok((set, text)),
        Err(errors) => Err(errors
            .into_iter()
            .map(|e| FileProblem::new(path, e.line, e.column, e.message))
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_builtin_sets_validate() {
        let catalog = SetCatalog::builtin();
        assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
        let ld = catalog.get("localising-decisions").expect("built in");
        assert_eq!(ld.set.questions.len(), 10);
        assert_eq!(ld.origin, SetOrigin::BuiltIn);
        assert!(catalog.get("subsidiarity-tests").is_some());
    }

    fn write_set(dir: &Path, file: &str, id: &str, title: &str) -> PathBuf {
        let path = dir.join(file);
        let text = format!(
            r#"(
    id: "{id}",
    version: 2,
    title: "{title}",
    source: (publisher: "Us", title: "Ours", year: 2026),
    description: "",
    scale: (min: 0, max: 1, labels: [(score: 0, label: "No"), (score: 1, label: "Yes")]),
    questions: [(id: "q", short_title: "Q", text: "Q?")],
)"#
        );
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_user_file_replaces_a_builtin_and_a_second_user_file_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_set(dir.path(), "a.ron", "subsidiarity-tests", "Ours");
        let b = write_set(dir.path(), "b.ron", "subsidiarity-tests", "Theirs");
        write_set(dir.path(), "c.ron", "mine", "Mine");
        fs::write(dir.path().join("notes.txt"), "not a set").unwrap();
        let mut catalog = SetCatalog::builtin();
        catalog.add_folder(dir.path(), true);
        let st = catalog.get("subsidiarity-tests").unwrap();
        assert_eq!(st.origin, SetOrigin::File(a.clone()));
        assert!(st.replaces_builtin);
        assert_eq!(st.set.title, "Ours");
        assert_eq!(catalog.problems.len(), 1, "{:?}", catalog.problems);
        assert_eq!(catalog.problems[0].path, b);
        assert_eq!(catalog.problems[0].line, 2);
        assert!(catalog.problems[0].message.contains("already used by"));
        assert!(catalog.get("mine").is_some());
        assert_eq!(catalog.sets.len(), 3);
    }

    #[test]
    fn a_missing_sets_dir_given_explicitly_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let mut catalog = SetCatalog::builtin();
        catalog.add_folder(&dir.path().join("nope"), true);
        assert_eq!(catalog.problems.len(), 1);
        catalog.add_folder(&dir.path().join("nope"), false);
        assert_eq!(catalog.problems.len(), 1);
    }
}
