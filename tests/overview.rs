//! The programme overview on a hand-made folder of three groups, checked value by value:
//! through the library, and through the built binary's `overview --format`, read back by
//! real parsers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use jiff::Timestamp;
use roundtable::domain::digest::SessionDigest;
use roundtable::domain::overview::{Overview, OverviewFilter, OverviewSort};
use roundtable::domain::stats::ScoreSource;
use roundtable::domain::{Level, Participants, Session, SessionSetup, Status, Vote};
use roundtable::store::Store;
use roundtable::store::sets::SetCatalog;
use uuid::Uuid;

const ASHBY: &str = "Ashby System Board";
const EASTFIELD: &str = "Eastfield Neighbourhood Forum";
const NORTHBRIDGE: &str = "Northbridge Place Partnership";

/// What a session said about its first three questions: an agreed score, or votes only.
enum Said {
    Agreed(u8),
    Votes(&'static [u8]),
    Nothing,
}

fn session(n: u128, group: &str, level: Level, date: &str, said: [Said; 3]) -> Session {
    let catalog = SetCatalog::builtin();
    let set = &catalog.get("localising-decisions").unwrap().set;
    let setup = SessionSetup {
        title: format!("{group} {date}"),
        group: group.into(),
        facilitator: "Morag".into(),
        participants: Participants::Seats(3),
        level,
        planned_minutes: 60,
    };
    let at: Timestamp = format!("{date}T10:00:00Z").parse().unwrap();
    let mut s = Session::new(set, setup, Uuid::from_u128(n), at);
    for (q, said) in s.questions.iter_mut().zip(said) {
        match said {
            Said::Agreed(a) => q.agreed = Some(a),
            Said::Votes(v) => {
                q.votes = v.iter().map(|&x| Vote::Score(x)).collect();
                q.votes.resize(3, Vote::Abstain);
            }
            Said::Nothing => {}
        }
    }
    s.status = Status::Complete;
    s.finished = Some(at);
    s
}

/// Three groups, one at each level; Northbridge's last session is after 2026-10-01.
fn programme() -> Vec<Session> {
    use Said::*;
    vec![
        session(
            1,
            EASTFIELD,
            Level::Neighbourhood,
            "2026-01-10",
            [Agreed(2), Agreed(3), Nothing],
        ),
        session(
            2,
            EASTFIELD,
            Level::Neighbourhood,
            "2026-04-10",
            [Agreed(4), Votes(&[2, 3, 3]), Agreed(1)],
        ),
        session(
            3,
            NORTHBRIDGE,
            Level::Place,
            "2026-02-01",
            [Agreed(3), Agreed(5), Nothing],
        ),
        session(
            4,
            NORTHBRIDGE,
            Level::Place,
            "2026-05-01",
            [Agreed(3), Agreed(2), Nothing],
        ),
        session(
            5,
            NORTHBRIDGE,
            Level::Place,
            "2026-11-01",
            [Agreed(5), Nothing, Nothing],
        ),
        session(
            6,
            ASHBY,
            Level::System,
            "2026-03-01",
            [Agreed(1), Agreed(4), Votes(&[2, 3])],
        ),
    ]
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for s in programme() {
        store.save(&store.path_for(&s), &s).unwrap();
    }
    dir
}

fn overview(filter: &OverviewFilter) -> Overview {
    let digests: Vec<SessionDigest> = programme().iter().map(SessionDigest::of).collect();
    Overview::build(&digests, filter)
}

/// A cell as (score, median?, change).
fn cell(o: &Overview, row: usize, group: &str) -> Option<(Option<f64>, bool, Option<f64>)> {
    let g = o.group_index(group).unwrap();
    o.rows[row].cells[g].map(|c| {
        (
            c.score(),
            matches!(c.headline, Some((_, ScoreSource::Median))),
            c.change,
        )
    })
}

#[test]
fn every_groups_latest_scores_side_by_side() {
    let o = overview(&OverviewFilter::default());
    assert_eq!(o.set_id, "localising-decisions");
    assert_eq!(o.sessions, 6);
    let names: Vec<&str> = o.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, [ASHBY, EASTFIELD, NORTHBRIDGE]);
    let levels: Vec<Level> = o.groups.iter().map(|g| g.level).collect();
    assert_eq!(levels, [Level::System, Level::Neighbourhood, Level::Place]);
    assert_eq!(o.groups[2].latest.to_string(), "2026-11-01");
    assert_eq!(o.groups[2].sessions, 3);
    assert_eq!(o.rows.len(), 10);

    // Question 1: 1 (one session, no change), 4 (+2), 5 (+2).
    assert_eq!(cell(&o, 0, ASHBY), Some((Some(1.0), false, None)));
    assert_eq!(cell(&o, 0, EASTFIELD), Some((Some(4.0), false, Some(2.0))));
    assert_eq!(
        cell(&o, 0, NORTHBRIDGE),
        Some((Some(5.0), false, Some(2.0)))
    );
    assert_eq!(o.rows[0].spread(), Some((1.0, 5.0)));
    assert!(o.rows[0].wide());
    assert!((o.rows[0].mean().unwrap() - 10.0 / 3.0).abs() < 1e-12);

    // Question 2: 4; the median 3 standing in (0 since 3); asked but not scored.
    assert_eq!(cell(&o, 1, ASHBY), Some((Some(4.0), false, None)));
    assert_eq!(cell(&o, 1, EASTFIELD), Some((Some(3.0), true, Some(0.0))));
    assert_eq!(cell(&o, 1, NORTHBRIDGE), Some((None, false, None)));
    assert_eq!(o.rows[1].spread(), Some((3.0, 4.0)));
    assert!(!o.rows[1].wide());

    // Question 3: a median of 2.5; 1 with nothing before it to compare.
    assert_eq!(cell(&o, 2, ASHBY), Some((Some(2.5), true, None)));
    assert_eq!(cell(&o, 2, EASTFIELD), Some((Some(1.0), false, None)));
    assert_eq!(o.rows[2].mean(), Some(1.75));
    // Nobody scored question 4.
    assert_eq!(o.rows[3].spread(), None);
}

#[test]
fn as_of_a_date_and_sorted() {
    let as_of = OverviewFilter {
        as_of: Some("2026-10-01".parse().unwrap()),
        ..Default::default()
    };
    let o = overview(&as_of);
    assert_eq!(o.sessions, 5);
    assert_eq!(o.groups[2].latest.to_string(), "2026-05-01");
    assert_eq!(
        cell(&o, 0, NORTHBRIDGE),
        Some((Some(3.0), false, Some(0.0)))
    );
    assert_eq!(
        cell(&o, 1, NORTHBRIDGE),
        Some((Some(2.0), false, Some(-3.0)))
    );
    // Lowest mean first: q3 (1.75), q1 (2.67), q2 (3); unscored questions last.
    assert_eq!(&o.sorted_rows(OverviewSort::Lowest)[..4], [2, 0, 1, 3]);
    // Biggest fall: q2 (−3), q1 (0), then the rest in question order.
    assert_eq!(&o.sorted_rows(OverviewSort::BiggestFall)[..4], [1, 0, 2, 3]);
    // Widest spread: q1 (1–4), q2 (2–4), q3 (1–2.5).
    assert_eq!(
        &o.sorted_rows(OverviewSort::WidestSpread)[..4],
        [0, 1, 2, 3]
    );

    let from = OverviewFilter {
        from: Some("2026-03-01".parse().unwrap()),
        ..as_of
    };
    let o = overview(&from);
    // Eastfield's January and Northbridge's February sessions are out: no change to show.
    assert_eq!(cell(&o, 0, EASTFIELD), Some((Some(4.0), false, None)));
    assert_eq!(cell(&o, 1, NORTHBRIDGE), Some((Some(2.0), false, None)));
}

#[test]
fn one_level_only() {
    let o = overview(&OverviewFilter {
        level: Some(Level::Neighbourhood),
        ..Default::default()
    });
    let names: Vec<&str> = o.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, [EASTFIELD]);
    assert_eq!(o.sessions, 2);
}

fn roundtable(sessions: &Path, cache: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--sessions-dir")
        .arg(sessions)
        .args(args)
        .env("ROUNDTABLE_CACHE_DIR", cache)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_command_prints_the_same_numbers_in_every_format() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let (csv_text, err, code) = roundtable(
        dir.path(),
        cache.path(),
        &["overview", "--format", "csv", "--as-of", "2026-10-01"],
    );
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 30, "10 questions × 3 groups");
    let find = |q: &str, g: &str| {
        rows.iter()
            .find(|r| &r[1] == q && &r[3] == g)
            .map(|r| (r[7].to_string(), r[8].to_string(), r[9].to_string()))
            .unwrap()
    };
    let q2 = "voices-inform-needs";
    assert_eq!(
        find(q2, NORTHBRIDGE),
        ("2".into(), "agreed".into(), "-3".into())
    );
    assert_eq!(
        find(q2, EASTFIELD),
        ("3".into(), "median".into(), "0".into())
    );
    assert_eq!(
        find("agreed-levels", ASHBY),
        ("2.5".into(), "median".into(), String::new())
    );
    assert_eq!(
        find("data-shared", ASHBY),
        (String::new(), "no votes".into(), String::new())
    );
    // The index was written to the cache folder, and nothing into the sessions folder.
    assert!(cache.path().join("index").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 6);

    let (md, _, code) = roundtable(
        dir.path(),
        cache.path(),
        &[
            "overview",
            "--format",
            "markdown",
            "--level",
            "neighbourhood",
        ],
    );
    assert_eq!(code, 0);
    let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES);
    let cells: Vec<String> = parser
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(cells.iter().any(|c| c.contains(EASTFIELD)), "{md}");
    assert!(!md.contains(NORTHBRIDGE));
    assert!(cells.iter().any(|c| c == "4 +2"), "{cells:?}");

    let (text, _, code) = roundtable(
        dir.path(),
        cache.path(),
        &["overview", "--format", "text", "--sort", "spread"],
    );
    assert_eq!(code, 0);
    let first_row = text
        .lines()
        .skip_while(|l| !l.starts_with("Question"))
        .nth(1)
        .unwrap();
    assert!(first_row.starts_with("Decisions taken once"), "{text}");
    assert!(first_row.trim_end().ends_with("1–5 !"), "{first_row}");

    let (html, _, code) = roundtable(dir.path(), cache.path(), &["overview", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(html.matches("<tr>").count(), 11);

    let (_, err, code) = roundtable(
        dir.path(),
        cache.path(),
        &["overview", "--format", "csv", "--as-of", "1 Oct"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (_, err, code) = roundtable(
        dir.path(),
        cache.path(),
        &["overview", "--format", "csv", "--set", "nope"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("No sessions match question set \"nope\""),
        "{err}"
    );
}

/// Home draws before the folder is read, says how far reading has got, and keys work.
#[test]
fn home_draws_first_and_fills_in() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use roundtable::app::home::HomeAction;
    use roundtable::app::{Action, App, ScreenKind, update};
    use roundtable::runtime::{Loading, Runtime};

    let dir = folder();
    let catalog = SetCatalog::builtin();
    let sets = catalog.sets.iter().map(|s| s.set.clone()).collect();
    let mut app = App::new(sets, dir.path().to_path_buf(), Timestamp::UNIX_EPOCH);
    app.shared.library.loading = Some((0, 0));
    update(
        &mut app,
        Action::LibraryLoading {
            done: 3412,
            total: 10_000,
        },
    );
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| roundtable::ui::view(f, &app, roundtable::ui::theme::Theme::plain()))
        .unwrap();
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("Loading 3,412 of 10,000 sessions"),
        "{screen}"
    );
    update(&mut app, Action::Home(HomeAction::Resume));
    assert!(
        app.shared
            .message
            .as_deref()
            .unwrap()
            .contains("Still reading")
    );

    // The runtime's reader: progress, then the whole folder, taken in on this thread.
    let mut runtime = Runtime::new(Store::open(dir.path()).unwrap(), catalog);
    let receiver = runtime.load_library_in_background().unwrap();
    let mut progress = Vec::new();
    let report = loop {
        match receiver.recv().unwrap() {
            Loading::Progress { done, total } => progress.push((done, total)),
            Loading::Done(report) => break report,
        }
    };
    assert_eq!(progress.last(), Some(&(6, 6)));
    let loaded = runtime.library_from(report);
    update(&mut app, loaded);
    assert_eq!(app.shared.library.loading, None);
    assert_eq!(app.shared.library.sessions.len(), 6);
    // The form starts from the last session, read from its file only now.
    let last = app.shared.library.sessions[0].digest.group.clone();
    roundtable::runtime::dispatch(&mut app, &mut runtime, Action::Home(HomeAction::NewSession));
    assert_eq!(app.kind(), ScreenKind::Setup);
    let roundtable::app::Screen::Setup(form) = &app.screen else {
        unreachable!()
    };
    assert_eq!(
        form.default_group, last,
        "the last session's group is offered"
    );
}

/// The overview screen at 80×24: every group named, the selected one's detail below.
#[test]
fn the_overview_screen_fits_80_by_24() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use roundtable::app::overview::{OverviewAction, OverviewState};
    use roundtable::app::{Action, App, Screen, update};

    let digests: Vec<SessionDigest> = programme().iter().map(SessionDigest::of).collect();
    let mut app = App::new(Vec::new(), "/s".into(), Timestamp::UNIX_EPOCH);
    app.screen = Screen::Overview(Box::new(OverviewState::new(
        digests,
        Vec::new(),
        OverviewFilter::default(),
        OverviewSort::Question,
    )));
    update(&mut app, Action::Overview(OverviewAction::NextGroup));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| roundtable::ui::view(f, &app, roundtable::ui::theme::Theme::plain()))
        .unwrap();
    insta::assert_snapshot!(t.backend());
}

/// Sorted by biggest fall, the selected question says which group fell, by name: its
/// column may be out of view on a laptop screen.
#[test]
fn the_screen_names_the_group_that_fell() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use roundtable::app::overview::OverviewState;
    use roundtable::app::{App, Screen};

    let digests: Vec<SessionDigest> = programme().iter().map(SessionDigest::of).collect();
    let mut app = App::new(Vec::new(), "/s".into(), Timestamp::UNIX_EPOCH);
    // As of 1 October, Northbridge's latest is May: question 2 fell from 5 to 2.
    let filter = OverviewFilter {
        as_of: Some("2026-10-01".parse().unwrap()),
        ..OverviewFilter::default()
    };
    app.screen = Screen::Overview(Box::new(OverviewState::new(
        digests,
        Vec::new(),
        filter,
        OverviewSort::BiggestFall,
    )));
    // Wide enough that the detail line does not wrap.
    let mut t = Terminal::new(TestBackend::new(160, 30)).unwrap();
    t.draw(|f| roundtable::ui::view(f, &app, roundtable::ui::theme::Theme::plain()))
        .unwrap();
    let buffer = t.backend().buffer();
    let text: String = buffer
        .content()
        .chunks(usize::from(buffer.area.width))
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect();
    assert!(
        text.contains(&format!("biggest fall −3 in {NORTHBRIDGE}")),
        "{text}"
    );
}
