//! A programme's folder at scale: Home's first frame against a bare ratatui program's, the
//! sessions listed through the metadata index (warm and cold) against reading the same
//! bytes, and the overview of every group.
//!
//! `cargo bench --bench programme`. To write a programme's folder for trying by hand, set
//! `ROUNDTABLE_BENCH_CORPUS=DIR` (and optionally `ROUNDTABLE_BENCH_SESSIONS=N`, default
//! 10,000, and `ROUNDTABLE_BENCH_GROUPS=G`, default 40): the bench writes it there and exits.
//!
//! Bench code: a failure is a broken benchmark, so it panics with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::{Block, Borders, Paragraph};
use roundtable::app::App;
use roundtable::app::overview::OverviewState;
use roundtable::domain::overview::{OverviewFilter, OverviewSort};
use roundtable::runtime::Runtime;
use roundtable::store::Store;
use roundtable::store::sets::SetCatalog;
use roundtable::ui::theme::Theme;

const GROUPS: usize = 40;
const SEED: u64 = 14;

/// Corpora are written once per run and shared by the benchmarks.
fn corpus(n: u64) -> &'static Path {
    static CORPORA: OnceLock<std::sync::Mutex<Vec<(u64, &'static Path)>>> = OnceLock::new();
    let mut all = CORPORA.get_or_init(Default::default).lock().unwrap();
    if let Some((_, p)) = all.iter().find(|(m, _)| *m == n) {
        return p;
    }
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    support::write_corpus(dir.path(), n, GROUPS, SEED);
    // The index distrusts files written in the same moments as itself (a rewrite of the
    // same size in the same clock tick would look unchanged): let the corpus age past that.
    std::thread::sleep(std::time::Duration::from_millis(
        (roundtable::store::index::RACY_SECONDS as u64 + 1) * 1_000,
    ));
    all.push((n, dir.path()));
    dir.path()
}

fn cache() -> PathBuf {
    static CACHE: OnceLock<tempfile::TempDir> = OnceLock::new();
    CACHE
        .get_or_init(|| tempfile::tempdir().unwrap())
        .path()
        .to_path_buf()
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).unwrap()
}

/// The reference: a bare ratatui program's first frame (a bordered paragraph), on the same
/// `TestBackend` the app's frames are drawn to.
#[divan::bench(sample_count = 20)]
fn bare_ratatui_first_frame() {
    let mut t = terminal();
    t.draw(|f| {
        f.render_widget(
            Paragraph::new("Hello").block(Block::default().borders(Borders::ALL)),
            f.area(),
        )
    })
    .unwrap();
}

/// Home's first frame as the app draws it: at once, before the folder is read (a thread
/// reads it and the list fills in), so the same whatever the folder holds.
#[divan::bench(sample_count = 20)]
fn home_first_frame() {
    let mut app = App::new(Vec::new(), PathBuf::from("/s"), Timestamp::UNIX_EPOCH);
    app.shared.library.loading = Some((0, 0));
    let mut t = terminal();
    t.draw(|f| roundtable::ui::view(f, &app, Theme::plain()))
        .unwrap();
}

/// The shared cache folder, with `dir`'s index written.
fn warm_cache(dir: &Path) -> PathBuf {
    let cache = cache();
    Store::open(dir)
        .unwrap()
        .load_digests(Some(&cache), &|_, _| {});
    cache
}

/// The app and its runtime on `dir`, reading through the index in `cache`.
fn app_on(dir: &Path, cache: &Path) -> (App, Runtime) {
    let app = App::new(Vec::new(), dir.to_path_buf(), Timestamp::UNIX_EPOCH);
    let mut runtime = Runtime::new(Store::open(dir).unwrap(), SetCatalog::builtin());
    runtime.cache_dir = Some(cache.to_path_buf());
    (app, runtime)
}

/// Home fully listed, warm index: every session in brief from the index (only files
/// changed since are read), then drawn. Home reads a session in full only to open it.
#[divan::bench(args = [0, 1_000, 10_000], sample_count = 5)]
fn home_fully_listed(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    let cache = warm_cache(dir);
    bencher.bench(|| {
        let (mut app, mut runtime) = app_on(dir, &cache);
        let loaded = runtime.load_library();
        roundtable::runtime::dispatch(&mut app, &mut runtime, loaded);
        let mut t = terminal();
        t.draw(|f| roundtable::ui::view(f, &app, Theme::plain()))
            .unwrap();
    });
}

/// Home fully listed on a first run: no index, so every file is read and parsed (those in
/// the form Roundtable writes by its quick reader), the index written, the list drawn.
#[divan::bench(args = [10_000], sample_count = 5)]
fn home_fully_listed_cold(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|cache| {
            let (mut app, mut runtime) = app_on(dir, cache.path());
            let loaded = runtime.load_library();
            roundtable::runtime::dispatch(&mut app, &mut runtime, loaded);
            let mut t = terminal();
            t.draw(|f| roundtable::ui::view(f, &app, Theme::plain()))
                .unwrap();
            cache
        });
}

/// `cat` of every file to nothing, the process started and waited for: the reference the
/// cold listing is held to (≤ 2×).
#[cfg(unix)]
#[divan::bench(args = [10_000], sample_count = 5)]
fn cat_the_files(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    bencher.bench(|| {
        let status = std::process::Command::new("cat")
            .args(&files)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    });
}

/// The summary screen of one group (the latest session's), warm index: every session in
/// brief picks the group, its files are read in full, compared, and drawn.
#[divan::bench(args = [10_000], sample_count = 5)]
fn summary_of_one_group(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    let cache = warm_cache(dir);
    bencher.bench(|| {
        let (mut app, mut runtime) = app_on(dir, &cache);
        let open = roundtable::app::Action::OpenSummary(Default::default());
        roundtable::runtime::dispatch(&mut app, &mut runtime, open);
        assert_eq!(app.kind(), roundtable::app::ScreenKind::Summary);
        let mut t = terminal();
        t.draw(|f| roundtable::ui::view(f, &app, Theme::plain()))
            .unwrap();
    });
}

/// Every file's bytes read, nothing parsed: the floor for a cold listing (`cat`).
#[divan::bench(args = [10_000], sample_count = 5)]
fn read_the_bytes(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    bencher.bench(|| {
        let mut total = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            total += std::fs::read(e.unwrap().path()).unwrap().len();
        }
        total
    });
}

/// Every session listed in brief through a warm index (nothing changed since).
#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn list_warm_index(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    let store = Store::open(dir).unwrap();
    let cache = cache();
    store.load_digests(Some(&cache), &|_, _| {});
    bencher.bench(|| store.load_digests(Some(&cache), &|_, _| {}).sessions.len());
}

/// Every session listed in brief with no index: every file read and parsed, and the index
/// written.
#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn list_cold_index(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    let store = Store::open(dir).unwrap();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|cache| {
            store
                .load_digests(Some(cache.path()), &|_, _| {})
                .sessions
                .len()
        });
}

/// The overview screen's first frame, warm index: list, compare every group, draw.
#[divan::bench(args = [10_000], sample_count = 5)]
fn overview_first_frame(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    let store = Store::open(dir).unwrap();
    let cache = cache();
    store.load_digests(Some(&cache), &|_, _| {});
    bencher.bench(|| {
        let report = store.load_digests(Some(&cache), &|_, _| {});
        let state = OverviewState::new(
            report.sessions.into_iter().map(|s| s.digest).collect(),
            Vec::new(),
            OverviewFilter::default(),
            OverviewSort::Question,
        );
        let mut t = terminal();
        t.draw(|f| roundtable::ui::overview::render(f, f.area(), &state, Theme::plain()))
            .unwrap();
    });
}

fn main() {
    if let Some(dir) = std::env::var_os("ROUNDTABLE_BENCH_CORPUS") {
        let var = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        let n = var("ROUNDTABLE_BENCH_SESSIONS", 10_000);
        let groups = var("ROUNDTABLE_BENCH_GROUPS", GROUPS as u64) as usize;
        support::write_corpus(Path::new(&dir), n, groups, SEED);
        eprintln!(
            "wrote {n} sessions across {groups} groups to {}",
            Path::new(&dir).display()
        );
        return;
    }
    divan::main();
}
