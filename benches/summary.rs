//! The summary at scale: load a folder of N sessions, compare them, write the CSV, and draw
//! the summary screen's first frame.
//!
//! `cargo bench --bench summary` runs the benchmarks. To write a corpus for measuring the
//! binary (e.g. with `/usr/bin/time -v`), set `ROUNDTABLE_BENCH_CORPUS=DIR` (and optionally
//! `ROUNDTABLE_BENCH_SESSIONS=N`, default 10,000): the bench writes it there and exits.

mod support;

use std::path::Path;
use std::sync::OnceLock;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::summary::SummaryState;
use roundtable::cli::summary;
use roundtable::cli::{SummaryArgs, SummaryFormat};
use roundtable::domain::compare::{Comparison, Filter};
use roundtable::domain::{Level, Participants, QuestionSet, Session, SessionSetup, Status};
use roundtable::store::Store;
use roundtable::ui::theme::Theme;
use uuid::Uuid;

/// Session `i` of a generated corpus: 10 questions, 8 votes, a paragraph of notes each.
fn session(set: &QuestionSet, i: u64) -> Session {
    let mut rng = support::Lcg(i + 1);
    let setup = SessionSetup {
        title: format!("Roundtable {i}"),
        group: "Northbridge Place Partnership".into(),
        facilitator: "Morag Ellison".into(),
        participants: Participants::Named(
            [
                "Aisha", "Tomás", "Priya", "Siobhán", "Renée", "Zoë", "Kwame", "Jürgen",
            ]
            .map(String::from)
            .to_vec(),
        ),
        level: Level::Place,
        planned_minutes: 120,
    };
    let created = Timestamp::from_second(1_700_000_000 + i as i64 * 3_600).unwrap_or_default();
    let mut s = Session::new(
        set,
        setup,
        Uuid::from_u128(
            (u128::from(i) + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835),
        ),
        created,
    );
    for q in &mut s.questions {
        let centre = 1 + rng.next() % 5;
        support::fill_question(q, centre, &mut rng, false);
    }
    s.status = Status::Complete;
    s.finished = Some(created);
    s.updated = created;
    s
}

fn write_corpus(dir: &Path, n: u64) {
    let set = QuestionSet::from_ron(include_str!(
        "../assets/question-sets/localising-decisions.ron"
    ))
    .unwrap_or_else(|e| panic!("built-in set: {e:?}"));
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for i in 0..n {
        let s = session(&set, i);
        let text = s.to_ron().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join(Store::file_name_for(&s)), text)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
}

/// Corpora are written once per run and shared by the benchmarks.
fn corpus(n: u64) -> &'static Path {
    static SMALL: OnceLock<tempfile::TempDir> = OnceLock::new();
    static LARGE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let cell = if n <= 1_000 { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_corpus(dir.path(), n);
        dir
    })
    .path()
}

fn load(dir: &Path) -> (Vec<Session>, Vec<String>) {
    let report = Store::open(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .load_all();
    (
        report.sessions.into_iter().map(|s| s.session).collect(),
        report.problems.iter().map(ToString::to_string).collect(),
    )
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn load_all(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    bencher.bench(|| load(dir));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn compare(bencher: divan::Bencher, n: u64) {
    let (sessions, _) = load(corpus(n));
    bencher.bench(|| Comparison::build(&sessions, &Filter::default()));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn csv_output(bencher: divan::Bencher, n: u64) {
    let (sessions, problems) = load(corpus(n));
    let args = SummaryArgs {
        group: None,
        set: None,
        level: None,
        format: Some(SummaryFormat::Csv),
    };
    bencher.bench(|| {
        summary::run(
            &sessions,
            &problems,
            &args,
            None,
            &mut std::io::sink(),
            &mut std::io::sink(),
        )
    });
}

/// What the user waits for: load the folder, build the state, draw the first frame.
#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn first_frame_from_disk(bencher: divan::Bencher, n: u64) {
    let dir = corpus(n);
    bencher.bench(|| {
        let (sessions, problems) = load(dir);
        let state = SummaryState::new(sessions, Vec::new(), problems, &Filter::default());
        let mut terminal =
            Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        terminal
            .draw(|f| roundtable::ui::summary::render(f, f.area(), &state, Theme::plain()))
            .unwrap_or_else(|e| panic!("{e}"));
    });
}

/// The frame alone, sessions already in memory.
#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn first_frame_render(bencher: divan::Bencher, n: u64) {
    let (sessions, problems) = load(corpus(n));
    let state = SummaryState::new(sessions, Vec::new(), problems, &Filter::default());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench_local(|| {
        terminal
            .draw(|f| roundtable::ui::summary::render(f, f.area(), &state, Theme::plain()))
            .map(|_| ())
            .unwrap_or_else(|e| panic!("{e}"));
    });
}

fn main() {
    if let Some(dir) = std::env::var_os("ROUNDTABLE_BENCH_CORPUS") {
        let n = std::env::var("ROUNDTABLE_BENCH_SESSIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000);
        write_corpus(Path::new(&dir), n);
        eprintln!("wrote {n} sessions to {}", Path::new(&dir).display());
        return;
    }
    divan::main();
}
