//! Two versions of one session on disk, and keeping either of them.
//!
//! A conflict is a session file plus another file holding the same session id: a sync
//! client's copy or a second window's `.conflict-` copy beside it, or the copy `import`
//! kept in `conflicts/`. Keeping one makes it the session file and moves the other into
//! `conflicts/` under a `.set-aside-` name: both texts stay on disk, byte for byte, and the
//! one set aside is no longer counted as a conflict.

use std::fs;
use std::path::{Path, PathBuf};

use super::files::{create_private_dir, parent_of, rename_durably};
use super::import::{CONFLICTS_DIR, conflict_copies, content_tag};
use super::{
    Fingerprint, LoadReport, MAX_SESSION_BYTES, Store, StoreError, StoredSession, atomic_write,
    load_session_file, read_text,
};
use crate::domain::Session;

/// One version of a session, with the file it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub path: PathBuf,
    pub session: Session,
}

/// A session with another version of itself on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The session file: the version kept ends up here.
    pub home: PathBuf,
    /// The version counted in lists and the summary now (the later `updated`).
    pub shown: Version,
    /// The other version.
    pub other: Version,
}

/// What keeping one version did.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// The session file, now holding the version kept.
    pub path: PathBuf,
    pub session: Session,
    pub fingerprint: Fingerprint,
    /// Where the other version now is, in `conflicts/`.
    pub set_aside: PathBuf,
    /// Done, but a leftover could not be tidied away (it holds a copy of a kept text).
    pub warning: Option<String>,
}

impl Conflict {
    /// A second file with the session's id in the sessions folder itself. The session file
    /// is the one with the shorter name: sync clients and second windows add to the name.
    fn same_folder(shown: &StoredSession, other: &StoredSession) -> Conflict {
        let len = |p: &Path| p.file_name().map_or(usize::MAX, |n| n.len());
        let home = if len(&other.path) < len(&shown.path) {
            other.path.clone()
        } else {
            shown.path.clone()
        };
        Conflict {
            home,
            shown: Version {
                path: shown.path.clone(),
                session: shown.session.clone(),
            },
            other: Version {
                path: other.path.clone(),
                session: other.session.clone(),
            },
        }
    }
}

/// Record, in `report.conflicts`, that `other` is another version of the session `shown`.
pub(super) fn add_same_folder(
    report: &mut LoadReport,
    shown: &StoredSession,
    other: &StoredSession,
) {
    report.conflicts.push(Conflict::same_folder(shown, other));
}

/// Add the copies `import` kept in `conflicts/` whose session is in the folder. A copy
/// whose session is gone, or that no longer reads, stays in `conflicts/` for `list` to count.
pub(super) fn add_import_copies(store: &Store, report: &mut LoadReport) {
    for path in conflict_copies(store) {
        let Ok(session) = load_session_file(&path) else {
            continue;
        };
        if let Some(shown) = report.sessions.iter().find(|s| s.session.id == session.id) {
            report.conflicts.push(Conflict {
                home: shown.path.clone(),
                shown: Version {
                    path: shown.path.clone(),
                    session: shown.session.clone(),
                },
                other: Version { path, session },
            });
        }
    }
    report
        .conflicts
        .sort_by(|a, b| (&a.home, &a.other.path).cmp(&(&b.home, &b.other.path)));
}

impl Store {
    /// The conflicts named by `pairs` (the file listed, the other version), as the index
    /// found them: only those files are read, not the whole folder. A pair whose files no
    /// longer read (changed or gone since) is left out; looking again finds it as it is.
    pub fn conflicts_of(&self, pairs: &[(PathBuf, PathBuf)]) -> Vec<Conflict> {
        let conflicts_dir = self.dir().join(CONFLICTS_DIR);
        let mut out: Vec<Conflict> = pairs
            .iter()
            .filter_map(|(shown, other)| {
                let shown = self.open_session(shown).ok()?;
                let other = self.open_session(other).ok()?;
                (shown.session.id == other.session.id).then(|| {
                    if parent_of(&other.path) == conflicts_dir.as_path() {
                        // An import's copy: the session file is the one in the folder.
                        Conflict {
                            home: shown.path.clone(),
                            shown: Version {
                                path: shown.path,
                                session: shown.session,
                            },
                            other: Version {
                                path: other.path,
                                session: other.session,
                            },
                        }
                    } else {
                        Conflict::same_folder(&shown, &other)
                    }
                })
            })
            .collect();
        out.sort_by(|a, b| (&a.home, &a.other.path).cmp(&(&b.home, &b.other.path)));
        out
    }

    /// Keep one version of `conflict` (the other when `keep_other`): it becomes the session
    /// file (written atomically), and the other goes into `conflicts/` as
    /// `<session>.set-aside-<8 hex>.ron`. Each step leaves both texts on disk, so a crash or
    /// a failure part-way loses neither. Refused if either file changed since it was read.
    pub fn keep(&self, conflict: &Conflict, keep_other: bool) -> Result<Kept, StoreError> {
        let (kept, aside) = if keep_other {
            (&conflict.other, &conflict.shown)
        } else {
            (&conflict.shown, &conflict.other)
        };
        let kept_text = still_the_same(kept)?;
        let aside_text = still_the_same(aside)?;
        let home = &conflict.home;
        let conflicts = self.dir().join(CONFLICTS_DIR);
        create_private_dir(&conflicts)
            .map_err(|e| StoreError::io("create the folder", &conflicts, e))?;
        let set_aside = set_aside_path(&conflicts, home, aside_text.as_bytes());
        let aside_in_conflicts = parent_of(&aside.path) == conflicts.as_path();
        if aside_in_conflicts {
            rename_durably(&aside.path, &set_aside)
                .map_err(|e| StoreError::io("move", &aside.path, e))?;
        } else {
            atomic_write(&set_aside, aside_text.as_bytes())
                .map_err(|e| StoreError::io("set aside the other version in", &set_aside, e))?;
        }
        if &kept.path != home {
            atomic_write(home, kept_text.as_bytes())
                .map_err(|e| StoreError::io("save", home, e))?;
        }
        // Both texts are now where they belong; what is left is a second copy of one.
        let mut leftovers = Vec::new();
        if &kept.path != home {
            leftovers.push(&kept.path);
        }
        if &aside.path != home && !aside_in_conflicts {
            leftovers.push(&aside.path);
        }
        let warning = leftovers
            .into_iter()
            .filter_map(|p| {
                fs::remove_file(p).err().map(|e| {
                    format!(
                        "{} could not be removed ({}): it is a copy of a version kept, delete it by hand",
                        p.display(),
                        super::advice(&e)
                    )
                })
            })
            .reduce(|a, b| format!("{a}; {b}"));
        Ok(Kept {
            path: home.clone(),
            session: kept.session.clone(),
            fingerprint: Fingerprint::of_written(home, kept_text.as_bytes()),
            set_aside,
            warning,
        })
    }
}

/// The text of `version`'s file, if it still holds the version that was compared.
fn still_the_same(version: &Version) -> Result<String, StoreError> {
    let changed = || StoreError::ChangedSinceShown(version.path.clone());
    let text = read_text(&version.path, MAX_SESSION_BYTES).map_err(|_| changed())?;
    match Session::from_ron(&text) {
        Ok(session) if session == version.session => Ok(text),
        _ => Err(changed()),
    }
}

/// `conflicts/<session file name up to its first dot>.set-aside-<tag>.ron`: never taken for
/// an import's conflict copy (no `.conflict-` in it), and the same text gets the same name.
fn set_aside_path(conflicts: &Path, home: &Path, bytes: &[u8]) -> PathBuf {
    let name = home.file_name().map_or_else(
        || "session".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stem = name
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("session");
    let tag = content_tag(bytes);
    let same = |p: &Path| fs::read(p).is_ok_and(|b| b == bytes);
    let first = conflicts.join(format!("{stem}.set-aside-{tag}.ron"));
    if fs::symlink_metadata(&first).is_err() || same(&first) {
        return first;
    }
    (2u32..10_000)
        .map(|n| conflicts.join(format!("{stem}.set-aside-{tag}-{n}.ron")))
        .find(|p| fs::symlink_metadata(p).is_err() || same(p))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q1: &str = "2026-01-20-q1-roundtable-8c1016b9.ron";
    const TEXT: &str = include_str!("../../sessions/2026-01-20-q1-roundtable-8c1016b9.ron");

    fn edited(title: &str, later: bool) -> String {
        let mut s = Session::from_ron(TEXT).unwrap();
        s.title = title.into();
        if later {
            s.updated += jiff::SignedDuration::from_secs(60);
        }
        s.to_ron().unwrap()
    }

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

    #[test]
    fn keeping_either_version_of_a_sync_copy_leaves_both_texts_on_disk() {
        for keep_other in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let ours = edited("Ours", false);
            let theirs = edited("Theirs", true);
            fs::write(dir.path().join(Q1), &ours).unwrap();
            let copy = Q1.replace(".ron", ".sync-conflict-20261202-101010-ABCDEFG.ron");
            fs::write(dir.path().join(&copy), &theirs).unwrap();

            let report = store.load_all();
            assert_eq!(report.sessions.len(), 1);
            assert_eq!(report.conflicts.len(), 1);
            let conflict = &report.conflicts[0];
            assert_eq!(conflict.home, dir.path().join(Q1), "the shorter name");
            assert_eq!(
                conflict.shown.session.title, "Theirs",
                "the later one leads"
            );

            let kept = store.keep(conflict, keep_other).unwrap();
            assert_eq!(kept.warning, None);
            let (want, other) = if keep_other {
                (&ours, &theirs)
            } else {
                (&theirs, &ours)
            };
            assert_eq!(&fs::read_to_string(dir.path().join(Q1)).unwrap(), want);
            assert_eq!(&fs::read_to_string(&kept.set_aside).unwrap(), other);
            assert!(
                !dir.path().join(&copy).exists(),
                "its text is kept elsewhere"
            );
            let texts = texts_under(dir.path());
            assert!(texts.contains(&ours) && texts.contains(&theirs));

            let after = store.load_all();
            assert_eq!(after.sessions.len(), 1);
            assert!(after.conflicts.is_empty(), "{:?}", after.conflicts);
            assert!(after.problems.is_empty(), "{:?}", after.problems);
        }
    }

    #[test]
    fn keeping_either_side_of_an_import_copy_resolves_it() {
        for keep_other in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let ours = edited("Ours", true);
            let theirs = edited("Theirs", false);
            fs::write(dir.path().join(Q1), &ours).unwrap();
            let conflicts = dir.path().join(CONFLICTS_DIR);
            fs::create_dir(&conflicts).unwrap();
            let copy = conflicts.join(Q1.replace(".ron", ".conflict-0badf00d.ron"));
            fs::write(&copy, &theirs).unwrap();

            let report = store.load_all();
            assert_eq!(report.conflicts.len(), 1);
            let kept = store.keep(&report.conflicts[0], keep_other).unwrap();
            let (want, other) = if keep_other {
                (&theirs, &ours)
            } else {
                (&ours, &theirs)
            };
            assert_eq!(&fs::read_to_string(dir.path().join(Q1)).unwrap(), want);
            assert_eq!(&fs::read_to_string(&kept.set_aside).unwrap(), other);
            assert!(!copy.exists());
            assert!(store.load_all().conflicts.is_empty());
            assert!(
                conflict_copies(&store).is_empty(),
                "set aside is not a conflict"
            );
        }
    }

    #[test]
    fn a_version_changed_since_it_was_shown_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        fs::write(dir.path().join(Q1), edited("Ours", false)).unwrap();
        let copy = dir
            .path()
            .join(Q1.replace(".ron", " (conflicted copy).ron"));
        fs::write(&copy, edited("Theirs", true)).unwrap();
        let report = store.load_all();
        fs::write(&copy, edited("Theirs again", true)).unwrap();
        let err = store.keep(&report.conflicts[0], true).unwrap_err();
        assert!(matches!(err, StoreError::ChangedSinceShown(_)), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join(Q1)).unwrap(),
            edited("Ours", false)
        );
    }
}
