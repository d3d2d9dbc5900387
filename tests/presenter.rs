//! The presenter on the projector (`roundtable present`), drawn from a session in each state
//! the room meets: before the reveal, revealed, a second round, a silence running. Insta
//! snapshots at 80×24 and 120×40, and no participant's name in any of them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::presenter::Presenter;
use roundtable::domain::rounds::{Silence, Voting};
use roundtable::domain::{Level, Participants, Session, SessionSetup, Vote};
use roundtable::store::follow::Follower;
use roundtable::store::sets::SetCatalog;
use roundtable::ui::{presenter, theme::Theme};
use uuid::Uuid;

use Vote::{Abstain, Pending, Score};

/// Names found in no question, label or title, so any of them on screen is a leak.
const NAMES: [&str; 6] = [
    "Zebedee",
    "Ottoline",
    "Quentin",
    "Philippa",
    "Ulrich",
    "Wilhelmina",
];

fn now() -> Timestamp {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn session() -> Session {
    let set = SetCatalog::builtin()
        .get("localising-decisions")
        .expect("built-in set")
        .set
        .clone();
    let mut s = Session::new(
        &set,
        SessionSetup {
            title: "Q4 roundtable".into(),
            group: "Northbridge Place Partnership".into(),
            facilitator: "Morag".into(),
            participants: Participants::Named(NAMES.map(String::from).to_vec()),
            level: Level::Place,
            planned_minutes: 60,
        },
        Uuid::nil(),
        now(),
    );
    s.voting = Voting::Private;
    s.current_question = 2;
    s.questions[2].notes = "Wilhelmina said the board never sees this".into();
    s
}

fn draw(p: &Presenter, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| presenter::render(frame, p, Theme::plain()))
        .unwrap();
    common::buffer_text(terminal.backend().buffer())
}

/// The presenter in each state, by name.
fn states() -> Vec<(&'static str, Presenter)> {
    let show = |s: Session, at: Timestamp| Presenter {
        session: Some(s),
        folder: "sessions".into(),
        now: at,
    };
    let mut before = session();
    before.questions[2].votes = vec![Score(2), Score(5), Pending, Abstain, Score(1), Pending];

    let mut revealed = session();
    revealed.questions[2].votes = vec![Score(2), Score(5), Score(3), Abstain, Score(1), Score(4)];
    revealed.questions[2].revealed = true;

    let mut second = revealed.clone();
    second.questions[2].start_next_round();
    second.questions[2].votes = vec![Score(3), Score(4), Score(3), Score(3), Score(2), Score(4)];
    second.questions[2].revealed = true;
    second.questions[2].agreed = Some(3);

    let mut timer = session();
    timer.silence = Some(Silence {
        started: now(),
        seconds: 120,
    });
    let timer_at = now() + jiff::SignedDuration::from_secs(18);

    vec![
        ("before_reveal", show(before, now())),
        ("revealed", show(revealed, now())),
        ("round_2", show(second, now())),
        ("timer_running", show(timer, timer_at)),
        ("waiting", Presenter::new("sessions", now())),
    ]
}

#[test]
fn presenter_screens() {
    for (name, p) in states() {
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("presenter_{name}_{w}x{h}"), draw(&p, w, h));
        }
    }
}

#[test]
fn no_participant_name_nor_note_reaches_the_projector() {
    for (name, p) in states() {
        for (w, h) in [(80, 24), (120, 40), (200, 60), (40, 12)] {
            let screen = draw(&p, w, h);
            for person in NAMES {
                assert!(
                    !screen.contains(person),
                    "{name} {w}x{h} shows {person}:\n{screen}"
                );
            }
            assert!(!screen.contains("Morag"), "{name}: the facilitator's name");
            assert!(!screen.contains("board never sees"), "{name}: the notes");
        }
    }
}

#[test]
fn before_the_reveal_only_the_count_shows() {
    let (_, p) = states().remove(0);
    let screen = draw(&p, 120, 40);
    assert!(screen.contains("voted"), "{screen}");
    assert!(!screen.contains("median"), "{screen}");
    assert!(
        !screen
            .lines()
            .any(|l| l.trim_start().starts_with("5 Fully")),
        "no bars before the reveal:\n{screen}"
    );
    let (_, p) = states().remove(1);
    let screen = draw(&p, 120, 40);
    assert!(screen.contains("median 3 · range 1–5"), "{screen}");
}

#[test]
fn any_size_draws_without_panicking() {
    for (_, p) in states() {
        for w in [1, 5, 20, 39, 80, 300] {
            for h in [1, 3, 8, 24, 90] {
                draw(&p, w, h);
            }
        }
    }
}

#[test]
fn the_follower_reads_without_the_lock_and_keeps_the_last_good_reading() {
    let dir = tempfile::tempdir().unwrap();
    let store = roundtable::store::Store::open(dir.path()).unwrap();
    // The facilitator's app holds the lock; the follower reads all the same.
    let _lock = store.lock().unwrap();
    let mut s = session();
    let path = store.path_for(&s);
    store.save(&path, &s).unwrap();
    let mut follower = Follower::new(dir.path());
    assert!(follower.poll());
    assert_eq!(follower.in_progress().map(|s| s.current_question), Some(2));
    assert!(!follower.poll(), "nothing changed, nothing re-read");

    s.current_question = 3;
    s.updated = now() + jiff::SignedDuration::from_secs(1);
    store.save(&path, &s).unwrap();
    assert!(follower.poll());
    assert_eq!(follower.in_progress().map(|s| s.current_question), Some(3));

    // Half a file (a sync client mid-copy): the last good reading stays.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    follower.poll();
    assert_eq!(follower.in_progress().map(|s| s.current_question), Some(3));
    assert!(follower.problem.is_some());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "the follower wrote nothing: {names:?}");
}

/// Notes reach the projector only for a question whose notes the facilitator chose to show
/// (`N`, saved at once so the presenter follows), and go again with a second `N`.
#[test]
fn notes_show_on_the_projector_only_when_the_facilitator_chooses() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = common::Harness::new();
    h.start_session("Shared notes", "Ann, Bob");
    h.press(KeyCode::Char('e'));
    h.type_text("The board agrees to publish");
    h.press(KeyCode::Esc);
    let path = h.session_path();
    let saved = || {
        let text = std::fs::read_to_string(&path).expect("session file");
        Session::from_ron(&text).expect("valid")
    };
    let shown = |s: Session| {
        draw(
            &Presenter {
                session: Some(s),
                folder: "sessions".into(),
                now: now(),
            },
            100,
            30,
        )
    };
    h.tick(10_000);
    let screen = shown(saved());
    assert!(
        !screen.contains("board agrees"),
        "hidden by default:\n{screen}"
    );

    h.press(KeyCode::Char('N'));
    let session = saved();
    assert!(session.questions[0].notes_on_presenter, "saved at once");
    let screen = shown(session);
    assert!(screen.contains("The board agrees to publish"), "{screen}");
    assert!(
        !screen.contains("Ann") && !screen.contains("Bob"),
        "{screen}"
    );

    h.press(KeyCode::Char('N'));
    let session = saved();
    assert!(!session.questions[0].notes_on_presenter);
    assert!(!shown(session).contains("board agrees"));
}
