//! Merging session files from elsewhere (a USB stick, a colleague's sessions folder) into
//! the sessions folder, without ever dropping a version of a session.
//!
//! - Every file is read like untrusted input: size cap, parse, validation.
//! - A session already here (same id) with the same content is skipped.
//! - A new session is copied byte for byte under the store's file name, atomically.
//! - The same id with different content (edited on two laptops): the most recently
//!   `updated` version becomes the session, in the existing file; the other is kept,
//!   byte for byte, in `conflicts/<session file stem>.conflict-<8 hex of its content>.ron`.
//!
//! Conflict copies live in a subfolder because `load_all` reads only the folder itself:
//! two files with one id would otherwise show as the same session twice in lists and the
//! summary. The name depends only on the content, so importing the same files again finds
//! the copy already there and changes nothing; different losing versions get different
//! names and never overwrite each other.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use uuid::Uuid;

use super::files::create_private_dir;
use super::{FileProblem, MAX_SESSION_BYTES, Store, StoreLock, advice, atomic_write, read_text};
use crate::domain::Session;

/// The subfolder of the sessions folder holding conflict copies.
pub const CONFLICTS_DIR: &str = "conflicts";

/// What happened to one file given to `import`.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A session not here before, now saved at `saved`.
    Imported { source: PathBuf, saved: PathBuf },
    /// Already here with the same content, at `existing`.
    Identical { source: PathBuf, existing: PathBuf },
    /// Differs from the session here, but is older and was already kept as a conflict copy
    /// by an earlier import.
    AlreadyKept { source: PathBuf, copy: PathBuf },
    /// The same session with different content: `session` now holds the newer version and
    /// `copy` the other one.
    Conflict {
        source: PathBuf,
        session: PathBuf,
        copy: PathBuf,
        /// True when the imported file was the newer one and replaced the session here.
        incoming_won: bool,
        incoming_updated: Timestamp,
        existing_updated: Timestamp,
    },
    /// Not imported: unreadable, not a valid session, or could not be saved.
    Rejected {
        source: PathBuf,
        problems: Vec<FileProblem>,
    },
}

/// Everything `import` did, in the order the files were given (folders in name order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub outcomes: Vec<Outcome>,
    /// Files in the given folders that are not session files (hidden files, other
    /// extensions) and were left alone.
    pub ignored: Vec<PathBuf>,
}

impl ImportReport {
    pub fn imported(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Imported { .. }))
    }
    pub fn identical(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Identical { .. } | Outcome::AlreadyKept { .. }))
    }
    pub fn conflicts(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Conflict { .. }))
    }
    pub fn rejected(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Rejected { .. }))
    }
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(o)).count()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Imported { source, saved } => {
                write!(f, "imported   {} as {}", source.display(), saved.display())
            }
            Outcome::Identical { source, existing } => write!(
                f,
                "identical  {} is already in the sessions folder as {}",
                source.display(),
                existing.display()
            ),
            Outcome::AlreadyKept { source, copy } => write!(
                f,
                "identical  {} was already kept as the conflict copy {}",
                source.display(),
                copy.display()
            ),
            Outcome::Conflict {
                source,
                session,
                copy,
                incoming_won,
                incoming_updated,
                existing_updated,
            } => {
                let theirs = format!("the imported version (updated {})", when(*incoming_updated));
                let ours = format!(
                    "the version that was here (updated {})",
                    when(*existing_updated)
                );
                let (newer, older) = if *incoming_won {
                    (theirs, ours)
                } else {
                    (ours, theirs)
                };
                write!(
                    f,
                    "conflict   {} is the session in {}, edited in two places\n           \
                     the session now holds {newer}\n           \
                     kept as a conflict copy: {older}, in {}",
                    source.display(),
                    session.display(),
                    copy.display()
                )
            }
            Outcome::Rejected { problems, .. } => {
                // One mistake can be reported once per vote: show each distinct problem once
                // and only the first few, since `roundtable check` lists them all.
                let mut distinct: Vec<String> = Vec::new();
                for p in problems {
                    let line = p.to_string();
                    if !distinct.contains(&line) {
                        distinct.push(line);
                    }
                }
                let shown: Vec<String> = distinct
                    .iter()
                    .take(MAX_PROBLEMS_SHOWN)
                    .map(|p| format!("rejected   {p}"))
                    .collect();
                write!(f, "{}", shown.join("\n"))?;
                if distinct.len() > MAX_PROBLEMS_SHOWN {
                    write!(
                        f,
                        "\n           and {} more problems in this file (`roundtable check` lists them all)",
                        distinct.len() - MAX_PROBLEMS_SHOWN
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// How many problems of one rejected file the summary shows.
const MAX_PROBLEMS_SHOWN: usize = 3;

fn when(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// One session here: where it is, its text and its parsed form.
/// A session already in the folder, by id: its file, read in full only when an incoming
/// file has the same id (most imports bring new sessions, and the folder may hold 10,000).
struct Known {
    path: PathBuf,
    loaded: Option<(String, Session)>,
}

impl Known {
    /// The file's text and session, read now if not yet; `None` if it no longer reads
    /// (then the incoming file is taken as new, under a free name: nothing is overwritten).
    fn load(&mut self) -> Option<&mut (String, Session)> {
        if self.loaded.is_none() {
            let text = read_text(&self.path, MAX_SESSION_BYTES).ok()?;
            let session = Session::from_ron(&text).ok()?;
            self.loaded = Some((text, session));
        }
        self.loaded.as_mut()
    }
}

/// Merge `paths` (files, or folders whose `*.ron` files are taken, one level deep) into the
/// store. Holding the lock keeps a running Roundtable from saving over a merge.
pub fn import(store: &Store, lock: &StoreLock, paths: &[PathBuf]) -> ImportReport {
    import_reporting(store, lock, paths, None, &|_, _| {}, &|_, _| {})
}

/// [`import`], saying how far it has got: reading the sessions folder (`reading`), then
/// importing the files (`importing`), each as `done` of `total`.
/// The folder's sessions are found through the index in `cache_dir` (see `index`).
pub fn import_reporting(
    store: &Store,
    _lock: &StoreLock,
    paths: &[PathBuf],
    cache_dir: Option<&Path>,
    reading: super::index::Progress<'_>,
    importing: super::index::Progress<'_>,
) -> ImportReport {
    let mut report = ImportReport::default();
    // One file per session id (a second copy is the folder's own conflict, shown on Home).
    let mut known: HashMap<Uuid, Known> = store
        .load_digests(cache_dir, reading)
        .sessions
        .into_iter()
        .map(|s| {
            let known = Known {
                path: s.path,
                loaded: None,
            };
            (s.digest.id, known)
        })
        .collect();
    let sources = files_to_import(paths, &mut report);
    let total = sources.len();
    for (i, source) in sources.into_iter().enumerate() {
        let outcome = import_one(store, &mut known, source);
        report.outcomes.push(outcome);
        if (i + 1).is_multiple_of(100) || i + 1 == total {
            importing(i + 1, total);
        }
    }
    report
}

/// The files named, and the session-looking files in the folders named, in name order.
fn files_to_import(paths: &[PathBuf], report: &mut ImportReport) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone()); // a missing or odd path is rejected with its reason
            continue;
        }
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                report.outcomes.push(Outcome::Rejected {
                    source: path.clone(),
                    problems: vec![FileProblem::whole(
                        path,
                        format!("could not read the folder: {}", advice(&e)),
                    )],
                });
                continue;
            }
        };
        let mut files: Vec<PathBuf> = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let p = entry.path();
            if p.is_dir() {
                continue; // one level only: `reports/`, `conflicts/` and the like stay out
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") && !name.starts_with('.') {
                files.push(p);
            } else {
                report.ignored.push(p);
            }
        }
        files.sort();
        out.extend(files);
    }
    out
}

fn import_one(store: &Store, known: &mut HashMap<Uuid, Known>, source: PathBuf) -> Outcome {
    let text = match read_text(&source, MAX_SESSION_BYTES) {
        Ok(text) => text,
        Err(problem) => {
            return Outcome::Rejected {
                source,
                problems: vec![problem],
            };
        }
    };
    let incoming = match Session::from_ron(&text) {
        Ok(session) => session,
        Err(e) => {
            let problems = e
                .problems()
                .into_iter()
                .map(|p| FileProblem::new(&source, p.line, p.column, p.message))
                .collect();
            return Outcome::Rejected { source, problems };
        }
    };
    let rejected =
        |source: PathBuf, target: &Path, action: &str, e: std::io::Error| Outcome::Rejected {
            problems: vec![FileProblem::whole(
                &source,
                format!("could not {action} {}: {}", target.display(), advice(&e)),
            )],
            source,
        };

    let readable = known
        .get_mut(&incoming.id)
        .is_some_and(|k| k.load().is_some());
    let Some(existing) = known.get_mut(&incoming.id).filter(|_| readable) else {
        let saved = free_path(
            store.dir(),
            &Store::file_name_for(&incoming),
            text.as_bytes(),
        );
        if let Err(e) = atomic_write(&saved, text.as_bytes()) {
            return rejected(source, &saved, "save it as", e);
        }
        known.insert(
            incoming.id,
            Known {
                path: saved.clone(),
                loaded: Some((text, incoming)),
            },
        );
        return Outcome::Imported { source, saved };
    };
    let Some((existing_text, existing_session)) = existing.loaded.as_mut() else {
        return Outcome::Rejected {
            problems: vec![FileProblem::whole(
                &existing.path,
                "could not be read just now: try the import again",
            )],
            source,
        };
    };

    if *existing_text == text || *existing_session == incoming {
        return Outcome::Identical {
            source,
            existing: existing.path.clone(),
        };
    }

    let incoming_won = incoming.updated > existing_session.updated;
    let loser = if incoming_won { &*existing_text } else { &text };
    let conflicts = store.dir().join(CONFLICTS_DIR);
    if !incoming_won && let Some(copy) = existing_copy(&conflicts, loser.as_bytes()) {
        return Outcome::AlreadyKept { source, copy };
    }
    if let Err(e) = create_private_dir(&conflicts) {
        return rejected(source, &conflicts, "create the folder", e);
    }
    let stem = existing.path.file_stem().map_or_else(
        || "session".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let copy = match existing_copy(&conflicts, loser.as_bytes()) {
        Some(copy) => copy,
        None => {
            let name = format!("{stem}.conflict-{}.ron", content_tag(loser.as_bytes()));
            let copy = free_path(&conflicts, &name, loser.as_bytes());
            // The conflict copy is written (durably) before the session is replaced, so a
            // crash between the two leaves both versions on disk.
            if let Err(e) = atomic_write(&copy, loser.as_bytes()) {
                return rejected(source, &copy, "save the conflict copy", e);
            }
            copy
        }
    };
    let existing_updated = existing_session.updated;
    if incoming_won {
        if let Err(e) = atomic_write(&existing.path, text.as_bytes()) {
            return rejected(source, &existing.path, "replace", e);
        }
        *existing_text = text;
        *existing_session = incoming.clone();
    }
    Outcome::Conflict {
        source,
        session: existing.path.clone(),
        copy,
        incoming_won,
        incoming_updated: incoming.updated,
        existing_updated,
    }
}

/// A conflict copy in `dir` holding exactly `bytes`, if an earlier import kept one.
fn existing_copy(dir: &Path, bytes: &[u8]) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_conflict_copy(p))
        .collect();
    candidates.sort();
    candidates.into_iter().find(|p| {
        fs::metadata(p).is_ok_and(|m| m.len() == bytes.len() as u64)
            && fs::read(p).is_ok_and(|b| b == bytes)
    })
}

/// True for a file name import gives to a conflict copy.
pub fn is_conflict_copy(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n.contains(".conflict-") && n.ends_with(".ron") && !n.starts_with('.'))
}

/// The conflict copies kept in the store, for `list` to point them out.
pub fn conflict_copies(store: &Store) -> Vec<PathBuf> {
    let mut copies: Vec<PathBuf> = fs::read_dir(store.dir().join(CONFLICTS_DIR))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| is_conflict_copy(p))
                .collect()
        })
        .unwrap_or_default();
    copies.sort();
    copies
}

/// `dir/name`, or `dir/<stem>-2.ron`… when a file with other content has that name.
fn free_path(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let first = dir.join(name);
    let free = |p: &Path| !p.exists() || fs::read(p).is_ok_and(|b| b == bytes);
    if free(&first) {
        return first;
    }
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    (2u32..10_000)
        .map(|n| dir.join(format!("{stem}-{n}.ron")))
        .find(|p| free(p))
        .unwrap_or(first)
}

/// 8 hex digits of a 64-bit FNV-1a hash of the content: stable across Rust versions and
/// machines (unlike `DefaultHasher`), which is what keeps a repeated import a no-op.
pub(crate) fn content_tag(bytes: &[u8]) -> String {
    let hash = super::files::fnv64(bytes);
    format!("{:08x}", (hash ^ (hash >> 32)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_tag_is_stable() {
        // FNV-1a 64 of "" and "a", folded to 32 bits: fixed forever.
        assert_eq!(
            content_tag(b""),
            format!("{:08x}", (0xcbf2_9ce4_8422_2325u64 ^ 0xcbf2_9ce4) as u32)
        );
        assert_ne!(content_tag(b"a"), content_tag(b"b"));
        assert_eq!(content_tag(b"abc").len(), 8);
    }

    #[test]
    fn conflict_copies_are_recognised() {
        assert!(is_conflict_copy(Path::new(
            "x/2026-01-01-a-1234abcd.conflict-0badf00d.ron"
        )));
        assert!(!is_conflict_copy(Path::new("2026-01-01-a-1234abcd.ron")));
        assert!(!is_conflict_copy(Path::new(".a.conflict-1.ron.tmp")));
    }
}
