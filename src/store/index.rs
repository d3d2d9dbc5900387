//! The metadata index: a disposable cache of [`SessionDigest`]s, so lists and the overview
//! of a folder of 10,000 sessions read one small file instead of parsing 10,000.
//!
//! The files are the only record; the index is never the truth:
//! - it lives outside the sessions folder (the platform cache folder), so syncing, copying
//!   or importing the folder never carries it;
//! - each entry is keyed by the file's name, size and modification time; an entry that does
//!   not match the file as it is now is read again from the file;
//! - a file written within [`RACY_SECONDS`] of the index itself is read again too, since a
//!   rewrite of the same size in the same clock tick would otherwise look unchanged;
//! - the whole index ends with a count and a checksum: a missing, truncated, corrupt,
//!   older-format or foreign (another folder's) index is ignored and rebuilt silently.
//!
//! Deleting it changes nothing but speed. It is written atomically, only when something
//! changed, and only to the cache folder: looking at sessions never writes the sessions folder.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use directories::ProjectDirs;
use jiff::Timestamp;
use uuid::Uuid;

use super::files::fnv64;
use super::{FileProblem, Kind, Store, advice, classify, leftover_problem, load_session_file};
use crate::domain::compare::{groups_by_recent, same_group};
use crate::domain::digest::{Interner, QuestionDigest, SessionDigest};
use crate::domain::stats::ScoreSource;
use crate::domain::{Level, Status};

/// The first line of an index file; a change to the layout changes it, so an index from
/// another version of Roundtable is rebuilt rather than misread.
const MAGIC: &str = "roundtable-index 1";

/// Entries for files modified this close to the index's own writing are not trusted.
pub const RACY_SECONDS: i128 = 2;

/// Where the index is kept; `ROUNDTABLE_CACHE_DIR` overrides the platform cache folder.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ROUNDTABLE_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    ProjectDirs::from("org", "Roundtable", "roundtable").map(|d| d.cache_dir().to_path_buf())
}

/// A session file, in brief.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedSession {
    pub path: PathBuf,
    pub digest: SessionDigest,
}

/// Every session in the folder in brief, and every problem, like [`super::LoadReport`].
#[derive(Debug, Clone, Default)]
pub struct DigestReport {
    /// Oldest `updated` first; ties by path.
    pub sessions: Vec<IndexedSession>,
    /// Sorted by path.
    pub problems: Vec<FileProblem>,
    /// Sessions taken from the index, and read from their files.
    pub from_index: usize,
    pub read: usize,
    /// Sessions with another version of themselves on disk: (the file listed, the other
    /// file), a sync client's copy beside it or a copy `import` kept in `conflicts/`.
    pub conflicts: Vec<(PathBuf, PathBuf)>,
}

impl DigestReport {
    /// Groups that have sessions, most recently updated first (see [`groups_by_recent`]).
    pub fn groups(&self) -> Vec<String> {
        groups_by_recent(
            self.sessions
                .iter()
                .map(|s| (s.digest.group.as_str(), s.digest.updated, s.digest.id)),
        )
    }

    /// The group a one-group view opens on: `group` itself if a session has it (any
    /// case), else the group of the most recently updated session with `set` and `level`
    /// (either left open), as [`crate::domain::compare::Filter::resolve`] chooses.
    pub fn pick_group(
        &self,
        group: Option<&str>,
        set: Option<&str>,
        level: Option<Level>,
    ) -> Option<String> {
        self.sessions
            .iter()
            .map(|s| &s.digest)
            .filter(|d| {
                group.is_none_or(|g| same_group(g, &d.group))
                    && set.is_none_or(|id| *d.set_id == *id)
                    && level.is_none_or(|l| d.level == l)
            })
            .max_by(|a, b| a.updated.cmp(&b.updated).then_with(|| a.id.cmp(&b.id)))
            .map(|d| d.group.clone())
    }

    /// The files of `session`'s group held before it: where the open items it takes in
    /// come from.
    pub fn earlier_of_group(&self, session: &crate::domain::Session) -> Vec<PathBuf> {
        if session.group.trim().is_empty() {
            return Vec::new();
        }
        self.sessions
            .iter()
            .filter(|s| {
                s.digest.id != session.id
                    && s.digest.created < session.created
                    && same_group(&s.digest.group, &session.group)
            })
            .map(|s| s.path.clone())
            .collect()
    }

    /// The files of `group`'s sessions (of `level` only, if given): all a view of one group
    /// needs to read in full.
    pub fn paths_of_group(&self, group: &str, level: Option<Level>) -> Vec<PathBuf> {
        self.sessions
            .iter()
            .filter(|s| {
                same_group(group, &s.digest.group) && level.is_none_or(|l| s.digest.level == l)
            })
            .map(|s| s.path.clone())
            .collect()
    }
}

/// How far loading has got: `done` of `total` session files.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// A file as the index keys it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    /// Nanoseconds since 1970; 0 when the system cannot say.
    mtime: i128,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            size: meta.len(),
            mtime: meta.modified().map_or(0, nanos),
        }
    }
}

fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

impl Store {
    /// Every session in brief, from the index in `cache_dir` where it still matches the
    /// file, from the file otherwise; the index is then brought up to date (best effort: a
    /// cache that cannot be written only costs speed). `None`: no index at all.
    pub fn load_digests(&self, cache_dir: Option<&Path>, progress: Progress<'_>) -> DigestReport {
        // One index per folder however it is named (`sessions`, `./sessions`, a full path).
        let folder = fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let index_path = cache_dir.map(|d| index_file(d, &folder));
        let read_index = || {
            index_path
                .as_deref()
                .and_then(|p| fs::read_to_string(p).ok())
                .and_then(|text| parse(&text, &folder))
                .unwrap_or_default()
        };
        // The index is parsed on a thread of its own while this one lists the folder and
        // looks at each file: the two take about as long. No thread, no matter: in turn.
        let (cached, listing) = std::thread::scope(|scope| {
            let parser = std::thread::Builder::new()
                .name("index".into())
                .spawn_scoped(scope, read_index);
            let listing = self.list_folder();
            let cached = match parser {
                Ok(handle) => handle.join().unwrap_or_default(),
                Err(_) => read_index(),
            };
            (cached, listing)
        });
        let mut report = DigestReport::default();
        let listing = match listing {
            Ok(listing) => listing,
            Err(problem) => {
                report.problems.push(problem);
                return report;
            }
        };
        let mut cached = cached;
        let mut interner = std::mem::take(&mut cached.interner);
        let mut to_read: Vec<(PathBuf, String, Option<Stamp>)> = Vec::new();
        let mut keep: Vec<(String, Stamp, SessionDigest)> = Vec::new();
        let racy_after = cached.written - RACY_SECONDS * 1_000_000_000;
        let mut cached = cached.entries;
        for listed in listing {
            match listed {
                Listed::Session { name, stamp } => match (stamp, cached.remove(&name)) {
                    (Some(now), Some((then, digest)))
                        if now == then && now.mtime != 0 && now.mtime < racy_after =>
                    {
                        // Already sharing the index's strings (see `parse`).
                        keep.push((name, now, digest));
                    }
                    _ => to_read.push((self.dir.join(&name), name, stamp)),
                },
                Listed::Problem(problem) => report.problems.push(problem),
            }
        }
        let total = keep.len() + to_read.len();
        progress(keep.len(), total);
        report.from_index = keep.len();
        report.read = to_read.len();
        let read = read_in_parallel(&to_read, keep.len(), total, progress);
        let changed = !to_read.is_empty() || !cached.is_empty();
        for ((_, name, stamp), result) in to_read.into_iter().zip(read) {
            match result {
                Ok(mut digest) => {
                    interner.share(&mut digest);
                    // A file that could not be looked at is listed but not remembered.
                    match stamp {
                        Some(stamp) => keep.push((name, stamp, digest)),
                        None => report.sessions.push(IndexedSession {
                            path: self.dir.join(&name),
                            digest,
                        }),
                    }
                }
                Err(problems) => report.problems.extend(problems),
            }
        }
        if changed && let Some(index_path) = index_path {
            // Best effort: a cache folder that refuses the index only costs speed next time.
            let _ = write(&index_path, &folder, &keep);
        }
        report
            .sessions
            .extend(keep.into_iter().map(|(name, _, digest)| IndexedSession {
                path: self.dir.join(name),
                digest,
            }));
        report.sessions.sort_by(|a, b| {
            a.digest
                .updated
                .cmp(&b.digest.updated)
                .then_with(|| a.path.cmp(&b.path))
        });
        set_aside_duplicate_digests(&mut report);
        self.add_import_copies(&mut report);
        report
            .problems
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        report
    }
}

/// A sessions-folder entry as [`Store::list_folder`] found it.
enum Listed {
    /// A session file and how it looked (`None`: it could not be looked at).
    Session { name: String, stamp: Option<Stamp> },
    /// A leftover of an interrupted save, or an entry that could not be listed.
    Problem(FileProblem),
}

impl Store {
    /// Every entry of the sessions folder that matters, each session file looked at (size
    /// and modification time) as it is listed.
    fn list_folder(&self) -> Result<Vec<Listed>, FileProblem> {
        let mut out = Vec::new();
        for entry in self.read_folder()? {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    out.push(Listed::Problem(FileProblem::whole(
                        &self.dir,
                        format!("could not list the sessions folder: {}", advice(&e)),
                    )));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            match classify(&name) {
                Kind::Session => {
                    // The entry's own metadata (not following a link, as `symlink_metadata`):
                    // looked up beside the folder already open, not by walking the path.
                    let stamp = entry.metadata().ok().map(|m| Stamp::of(&m));
                    out.push(Listed::Session { name, stamp });
                }
                Kind::Temp(target) => {
                    out.push(Listed::Problem(leftover_problem(&entry.path(), &target)))
                }
                Kind::Partial => out.push(Listed::Problem(leftover_problem(&entry.path(), &name))),
                Kind::Other => {}
            }
        }
        Ok(out)
    }
}

/// Read and digest `files` across the cores; results in the order given.
///
/// Each worker (this thread among them) takes the next file not yet taken, so a core that
/// meets large files does not leave the other idle at the end, as halves fixed in advance did.
fn read_in_parallel(
    files: &[(PathBuf, String, Option<Stamp>)],
    already: usize,
    total: usize,
    progress: Progress<'_>,
) -> Vec<Result<SessionDigest, Vec<FileProblem>>> {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};
    type Read = Result<SessionDigest, Vec<FileProblem>>;
    let done = AtomicUsize::new(already);
    let one = |(path, _, _): &(PathBuf, String, Option<Stamp>)| -> Read {
        let result = load_session_file(path).map(|s| SessionDigest::of(&s));
        // At most `total`, even when a failed helper's files are read a second time.
        let n = (done.fetch_add(1, Ordering::Relaxed) + 1).min(total);
        if n.is_multiple_of(250) || n == total {
            progress(n, total);
        }
        result
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(files.len().div_ceil(64));
    if workers <= 1 {
        return files.iter().map(one).collect();
    }
    // One slot per file, filled by whichever worker takes the file.
    let slots: Vec<OnceLock<Read>> = std::iter::repeat_with(OnceLock::new)
        .take(files.len())
        .collect();
    let next = AtomicUsize::new(0);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let (Some(file), Some(slot)) = (files.get(i), slots.get(i)) else {
            return;
        };
        let _ = slot.set(one(file));
    };
    std::thread::scope(|scope| {
        // A helper that cannot start leaves the work to the others.
        let helpers: Vec<_> = (1..workers)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("index".into())
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        work();
        for helper in helpers {
            // Joined here, so a helper that failed does not take the listing down with it.
            let _ = helper.join();
        }
    });
    // A helper that failed mid-file leaves that file unread: it is read here.
    slots
        .into_iter()
        .zip(files)
        .map(|(slot, file)| slot.into_inner().unwrap_or_else(|| one(file)))
        .collect()
}

/// One session id, one session, as [`super::Store::load_all`] says it: the copy updated
/// last is shown, every other copy is a conflict to look at.
fn set_aside_duplicate_digests(report: &mut DigestReport) {
    let mut newest: HashMap<Uuid, usize> = HashMap::new();
    for (i, s) in report.sessions.iter().enumerate() {
        let lead = newest.entry(s.digest.id).or_insert(i);
        let l = &report.sessions[*lead];
        let tie = l.digest.updated == s.digest.updated;
        if !tie || s.path.as_os_str().len() < l.path.as_os_str().len() {
            *lead = i;
        }
    }
    if newest.len() == report.sessions.len() {
        return;
    }
    let sessions = std::mem::take(&mut report.sessions);
    let names: Vec<String> = sessions
        .iter()
        .map(|s| {
            s.path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        })
        .collect();
    for (i, s) in sessions.into_iter().enumerate() {
        let lead = newest.get(&s.digest.id).copied().unwrap_or(i);
        if lead == i {
            report.sessions.push(s);
        } else {
            report.problems.push(FileProblem::whole(
                &s.path,
                super::conflict_message(&s.digest.title, s.digest.updated, &names[lead]),
            ));
            report
                .conflicts
                .push((sessions_dir_path(&s.path, &names[lead]), s.path));
        }
    }
}

/// The lead file `name` beside `other`.
fn sessions_dir_path(other: &Path, name: &str) -> PathBuf {
    super::files::parent_of(other).join(name)
}

impl Store {
    /// The copies `import` kept in `conflicts/` whose session is listed (few: each is read).
    fn add_import_copies(&self, report: &mut DigestReport) {
        for copy in super::import::conflict_copies(self) {
            let Ok(session) = load_session_file(&copy) else {
                continue;
            };
            if let Some(shown) = report.sessions.iter().find(|s| s.digest.id == session.id) {
                report.conflicts.push((shown.path.clone(), copy));
            }
        }
        report.conflicts.sort();
    }
}

/// `<cache>/index/<hash of the folder's path>.idx`: one index per sessions folder.
pub fn index_file(cache_dir: &Path, sessions_dir: &Path) -> PathBuf {
    let key = sessions_dir.to_string_lossy();
    cache_dir
        .join("index")
        .join(format!("{:016x}.idx", fnv64(key.as_bytes())))
}

/// What a readable index holds.
#[derive(Debug, Default)]
struct Cached {
    /// When it was written, nanoseconds since 1970.
    written: i128,
    entries: HashMap<String, (Stamp, SessionDigest)>,
    /// The strings its entries share, so files read afresh share them too.
    interner: Interner,
}

/// A text field: tabs, line ends and backslashes escaped, so every record is one line.
fn esc(out: &mut String, s: &str) {
    if !s
        .bytes()
        .any(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
    {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unesc(s: &str) -> Option<String> {
    if !s.contains('\\') {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(match chars.next()? {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => return None,
            });
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn level_code(l: Level) -> &'static str {
    match l {
        Level::Neighbourhood => "n",
        Level::Place => "p",
        Level::System => "s",
        Level::NotSet => "-",
    }
}

fn level_of(code: &str) -> Option<Level> {
    Some(match code {
        "n" => Level::Neighbourhood,
        "p" => Level::Place,
        "s" => Level::System,
        "-" => Level::NotSet,
        _ => return None,
    })
}

fn parse_opt_u8(s: &str) -> Option<Option<u8>> {
    if s == "-" {
        Some(None)
    } else {
        s.parse().ok().map(Some)
    }
}

/// Write the index: a header, a table of question strings (each written once however many
/// sessions share it), a line per session, and a count and checksum of all of it.
fn write(
    path: &Path,
    sessions_dir: &Path,
    entries: &[(String, Stamp, SessionDigest)],
) -> std::io::Result<()> {
    let mut body = String::with_capacity(entries.len() * 256);
    body.push_str(MAGIC);
    body.push('\n');
    body.push_str("dir\t");
    esc(&mut body, &sessions_dir.to_string_lossy());
    body.push('\n');
    let _ = writeln!(body, "written\t{}", nanos(SystemTime::now()));
    // Keyed by where the strings are: entries share them (see `Interner`), so this finds
    // each pair without hashing its text. Equal text held twice is merely written twice.
    let key = |q: &QuestionDigest| {
        (
            Arc::as_ptr(&q.id).addr(),
            Arc::as_ptr(&q.short_title).addr(),
        )
    };
    let mut table: HashMap<(usize, usize), usize> = HashMap::new();
    for (_, _, d) in entries {
        for q in &d.questions {
            let next = table.len();
            if let std::collections::hash_map::Entry::Vacant(v) = table.entry(key(q)) {
                v.insert(next);
                body.push_str("Q\t");
                esc(&mut body, &q.id);
                body.push('\t');
                esc(&mut body, &q.short_title);
                body.push('\n');
            }
        }
    }
    for (name, stamp, d) in entries {
        body.push_str("S\t");
        esc(&mut body, name);
        let _ = write!(
            body,
            "\t{}\t{}\t{}\t",
            stamp.size,
            stamp.mtime,
            d.id.simple()
        );
        esc(&mut body, &d.title);
        body.push('\t');
        esc(&mut body, &d.group);
        let _ = write!(body, "\t{}\t", level_code(d.level));
        esc(&mut body, &d.set_id);
        let _ = write!(body, "\t{}\t", d.set_version);
        esc(&mut body, &d.set_title);
        let _ = write!(
            body,
            "\t{}\t{}\t{}\t{}\t{}\t",
            d.created.as_nanosecond(),
            d.updated.as_nanosecond(),
            match d.status {
                Status::InProgress => "i",
                Status::Complete => "c",
            },
            d.answered,
            d.open_items
        );
        for (i, q) in d.questions.iter().enumerate() {
            if i > 0 {
                body.push(' ');
            }
            let r = table.get(&key(q)).copied().unwrap_or(0);
            let _ = write!(body, "{r}:");
            match q.headline {
                // Scores are whole or halves (a median of two): kept exact as doubled integers.
                Some((s, source)) => {
                    let source = match source {
                        ScoreSource::Agreed => "a",
                        ScoreSource::Median => "m",
                    };
                    let _ = write!(body, "{}:{source}", (s * 2.0).round() as i64);
                }
                None => body.push_str("-:-"),
            }
            for bound in [q.min, q.max] {
                match bound {
                    Some(v) => {
                        let _ = write!(body, ":{v}");
                    }
                    None => body.push_str(":-"),
                }
            }
        }
        body.push('\n');
    }
    let _ = writeln!(
        body,
        "end\t{}\t{:016x}",
        entries.len(),
        fnv64(body.as_bytes())
    );
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    super::atomic_write(path, body.as_bytes())
}

/// Read an index written by [`write`] for `sessions_dir`; `None` if it is anything else.
fn parse(text: &str, sessions_dir: &Path) -> Option<Cached> {
    let body_end = text.trim_end_matches('\n').rfind('\n')? + 1;
    let (body, trailer) = text.split_at(body_end);
    let mut t = trailer.trim_end_matches('\n').split('\t');
    if t.next()? != "end" {
        return None;
    }
    let count: usize = t.next()?.parse().ok()?;
    if u64::from_str_radix(t.next()?, 16).ok()? != fnv64(body.as_bytes()) {
        return None;
    }
    let mut lines = body.lines();
    if lines.next()? != MAGIC {
        return None;
    }
    let dir = unesc(lines.next()?.strip_prefix("dir\t")?)?;
    if Path::new(&dir) != sessions_dir {
        return None; // another folder's index: never mix two folders' sessions
    }
    let written: i128 = lines.next()?.strip_prefix("written\t")?.parse().ok()?;
    let mut interner = Interner::default();
    let mut table: Vec<(Arc<str>, Arc<str>)> = Vec::new();
    let mut entries = HashMap::with_capacity(count);
    for line in lines {
        let mut f = line.split('\t');
        match f.next()? {
            "Q" => {
                let id = interner.intern(&unesc(f.next()?)?);
                let title = interner.intern(&unesc(f.next()?)?);
                table.push((id, title));
            }
            "S" => {
                let name = unesc(f.next()?)?;
                let stamp = Stamp {
                    size: f.next()?.parse().ok()?,
                    mtime: f.next()?.parse().ok()?,
                };
                let id = Uuid::parse_str(f.next()?).ok()?;
                let title = unesc(f.next()?)?;
                let group = unesc(f.next()?)?;
                let level = level_of(f.next()?)?;
                let set_id = interner.intern(&unesc(f.next()?)?);
                let set_version = f.next()?.parse().ok()?;
                let set_title = interner.intern(&unesc(f.next()?)?);
                let created = Timestamp::from_nanosecond(f.next()?.parse().ok()?).ok()?;
                let updated = Timestamp::from_nanosecond(f.next()?.parse().ok()?).ok()?;
                let status = match f.next()? {
                    "i" => Status::InProgress,
                    "c" => Status::Complete,
                    _ => return None,
                };
                let answered = f.next()?.parse().ok()?;
                let open_items = f.next()?.parse().ok()?;
                let cells = f.next()?;
                let mut questions = Vec::new();
                for cell in cells.split(' ').filter(|c| !c.is_empty()) {
                    let mut p = cell.split(':');
                    let (qid, short_title) = table.get(p.next()?.parse::<usize>().ok()?)?.clone();
                    let score = p.next()?;
                    let headline = match (score, p.next()?) {
                        ("-", "-") => None,
                        (s, src) => {
                            let v = s.parse::<i64>().ok()? as f64 / 2.0;
                            Some((
                                v,
                                match src {
                                    "a" => ScoreSource::Agreed,
                                    "m" => ScoreSource::Median,
                                    _ => return None,
                                },
                            ))
                        }
                    };
                    questions.push(QuestionDigest {
                        id: qid,
                        short_title,
                        headline,
                        min: parse_opt_u8(p.next()?)?,
                        max: parse_opt_u8(p.next()?)?,
                    });
                }
                if f.next().is_some() {
                    return None;
                }
                let digest = SessionDigest {
                    id,
                    title,
                    group,
                    level,
                    set_id,
                    set_version,
                    set_title,
                    created,
                    updated,
                    status,
                    answered,
                    open_items,
                    questions,
                };
                entries.insert(name, (stamp, digest));
            }
            _ => return None,
        }
    }
    (entries.len() == count).then_some(Cached {
        written,
        entries,
        interner,
    })
}
