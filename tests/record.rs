//! A record you can trust over time (issue 10): open items follow the group until done,
//! a finished session is never rewritten by looking at it, the proposed agreed score is the
//! median shown, and every score of a 0–10 scale can be typed. Keys go through the harness.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Harness;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::question::QuestionMode;
use roundtable::app::{Action, App, ScreenKind};
use roundtable::domain::{Level, NewSession, Participants, Session, SessionSetup, Status, Vote};
use roundtable::store::sets::SetCatalog;
use roundtable::ui::{self, theme::Theme};

fn saved(h: &Harness) -> Session {
    let text = std::fs::read_to_string(h.session_path()).unwrap();
    Session::from_ron(&text).unwrap()
}

/// Everything on screen at `width`×`height`, as plain text.
fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::view(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Back to Home, and a few seconds on, so the next session starts later.
fn home(h: &mut Harness) {
    h.press(KeyCode::Char('q'));
    assert_eq!(h.screen(), ScreenKind::Home);
    h.tick(3_000);
}

fn open_actions(session: &Session) -> Vec<String> {
    session
        .open_actions()
        .map(|(_, a)| a.text.clone())
        .collect()
}

#[test]
fn an_open_action_follows_the_group_until_it_is_done() {
    let mut h = Harness::new();
    // First session: an action on question 2.
    h.start_session("First", "Ann, Bob");
    h.keys("34");
    h.press(KeyCode::Right);
    h.add_action("Map every sign-off", "Ann", "");
    let first = h.open().session.clone();
    home(&mut h);

    // Second session: nothing is done about it.
    h.start_session("Second", "Ann, Bob");
    h.keys("44");
    home(&mut h);

    // Third: it is there, on its question, with where it was first raised.
    h.start_session("Third", "Ann, Bob");
    let third = h.open().session.clone();
    assert_eq!(open_actions(&third), ["Map every sign-off"]);
    let carried = &third.questions[1].actions[0];
    let origin = carried.origin.as_ref().expect("an origin");
    assert_eq!(
        origin.session, first.id,
        "first raised in the first session"
    );
    assert_eq!(origin.title, "First");
    assert_eq!(origin.date, first.date());
    assert_eq!(origin.question, first.questions[1].id);
    assert_eq!(carried.owner, "Ann");
    let since = h.open().since_last_time.clone().expect("since last time");
    assert_eq!(since.actions.len(), 1);
    assert_eq!(since.actions[0].origin.session, first.id);
    let shown = screen_text(&h.app, 100, 30);
    assert!(shown.contains("Map every sign-off"), "{shown}");
    assert!(shown.contains("from “First”"), "{shown}");
    // The file holds it: each session is self-contained.
    h.tick(2_000);
    assert_eq!(open_actions(&saved(&h)), ["Map every sign-off"]);

    // Ticked done there, on its question...
    h.press(KeyCode::Right);
    h.press(KeyCode::Char(']'));
    h.press(KeyCode::Char('d'));
    assert!(h.open().session.questions[1].actions[0].done);
    home(&mut h);

    // ...the fourth has nothing carried.
    h.start_session("Fourth", "Ann, Bob");
    let fourth = &h.open().session;
    assert!(fourth.all_actions().next().is_none(), "{fourth:?}");
    assert!(h.open().since_last_time.is_none());
}

#[test]
fn an_action_dropped_where_it_was_carried_is_not_carried_again() {
    let mut h = Harness::new();
    h.start_session("First", "Ann");
    h.keys("3");
    h.add_action("Write to the board", "Ann", "");
    h.press(KeyCode::Char('f'));
    home(&mut h);
    h.start_session("Second", "Ann");
    assert_eq!(open_actions(&h.open().session), ["Write to the board"]);
    assert!(h.open().session.questions[0].revisit, "the flag came too");
    // Dropped (x, x) and the flag cleared (f).
    h.press(KeyCode::Char(']'));
    h.keys("xx");
    h.press(KeyCode::Char('f'));
    h.keys("4");
    home(&mut h);
    h.start_session("Third", "Ann");
    assert!(open_actions(&h.open().session).is_empty());
    assert!(!h.open().session.questions[0].revisit);
}

#[test]
fn a_finished_session_is_not_rewritten_by_looking_at_it() {
    let mut h = Harness::with_example_year();
    // Home lists the finished sessions, latest first: open October's.
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Review);
    let path = h.session_path();
    let before = std::fs::read(&path).unwrap();
    assert_eq!(h.open().session.status, Status::Complete);
    // Back to its question, then through every question and on to the review again.
    h.press(KeyCode::Char('q'));
    assert_eq!(h.screen(), ScreenKind::Question);
    let count = h.open().session.questions.len();
    let spent = |h: &Harness| -> Vec<u32> {
        h.open()
            .session
            .questions
            .iter()
            .map(|q| q.seconds_spent)
            .collect()
    };
    let time_before = spent(&h);
    for _ in 0..count {
        h.press(KeyCode::Left);
        h.tick(1_500);
    }
    for _ in 0..count {
        h.press(KeyCode::Right);
        h.tick(1_500);
    }
    assert_eq!(h.screen(), ScreenKind::Review);
    assert_eq!(
        spent(&h),
        time_before,
        "no time counted on a finished session"
    );
    h.press(KeyCode::Char('x'));
    assert!(
        h.message().is_some_and(|m| m.contains("Reports written")),
        "{:?}",
        h.message()
    );
    h.tick(3_000);
    h.press(KeyCode::Char('q'));
    h.press(KeyCode::Char('q'));
    h.tick(3_000);
    assert_eq!(h.screen(), ScreenKind::Home);
    assert!(h.ctrl('c').is_some());
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the finished session's file changed"
    );
}

#[test]
fn changing_a_finished_session_asks_to_reopen_it_and_records_the_reopening() {
    let mut h = Harness::with_example_year();
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('q'));
    let path = h.session_path();
    let before = std::fs::read(&path).unwrap();
    let q = h.open().current();
    let votes = h.open().session.questions[q].votes.clone();
    for key in ['1', 'e', 'g', 'f', 'a', '-'] {
        h.press(KeyCode::Char(key));
        assert_eq!(
            h.message(),
            Some("This session is finished. Reopen it to change it? o reopens"),
            "{key}"
        );
        assert_eq!(h.question().mode, QuestionMode::Voting, "{key}");
    }
    assert_eq!(h.open().session.questions[q].votes, votes);
    h.tick(3_000);
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");

    h.press(KeyCode::Char('o'));
    assert!(h.message().is_some_and(|m| m.starts_with("Reopened")));
    assert_eq!(h.open().session.status, Status::InProgress);
    let shown = screen_text(&h.app, 100, 30);
    assert!(shown.contains("reopened"), "{shown}");
    h.press(KeyCode::Up);
    h.keys("1");
    h.tick(3_000);
    let file = saved(&h);
    assert_eq!(file.reopened, [h.open().session.reopened[0]]);
    assert_eq!(file.status, Status::InProgress);
    assert_eq!(file.finished, None);
    assert_ne!(file.questions[q].votes, votes);
}

#[test]
fn browsing_a_session_in_progress_keeps_its_place_but_not_its_updated_time() {
    let mut h = Harness::new();
    h.start_session("Place", "Ann");
    h.keys("3");
    h.tick(3_000);
    let updated = saved(&h).updated;
    h.tick(60_000);
    h.press(KeyCode::Right);
    h.press(KeyCode::Right);
    h.tick(3_000);
    let file = saved(&h);
    assert_eq!(file.current_question, 2, "the place is kept");
    assert_eq!(file.updated, updated, "moving is not a change of content");
}

#[test]
fn the_proposal_is_the_median_shown_and_a_split_is_said_in_words() {
    let mut h = Harness::new();
    h.start_session("Split", "Ann, Bob, Cy, Dee, Eli, Fay");
    h.keys("111555");
    let shown = screen_text(&h.app, 100, 30);
    assert!(shown.contains("median 3"), "{shown}");
    assert!(
        shown.contains("split: 3 at 1, 3 at 5, nobody between"),
        "{shown}"
    );
    h.press(KeyCode::Char('g'));
    assert_eq!(
        h.question().mode,
        QuestionMode::Agreeing { proposed: Some(3) }
    );
    assert_eq!(h.message(), Some("Proposing 3: the median: nobody gave 3"));
    h.press(KeyCode::Enter);
    assert_eq!(h.open().session.questions[0].agreed, Some(3));
}

/// A harness whose question sets include a 0–10 one, with a session on it open.
fn on_a_ten_point_scale(participants: &[&str]) -> Harness {
    let sets_dir = tempfile::tempdir().unwrap();
    let labels: String = (0..=10)
        .map(|s| format!("(score: {s}, label: \"{s} of 10\"),"))
        .collect();
    let set = format!(
        r#"(
    id: "ten-point",
    version: 1,
    title: "Ten points",
    source: (publisher: "Us", title: "Ours", year: 2026),
    description: "",
    scale: (min: 0, max: 10, labels: [{labels}]),
    questions: [
        (id: "first", short_title: "First", text: "How far, 0 to 10?"),
        (id: "second", short_title: "Second", text: "And this, 0 to 10?"),
    ],
)"#
    );
    let path = sets_dir.path().join("ten-point.ron");
    std::fs::write(&path, set).unwrap();
    let mut catalog = SetCatalog::builtin();
    catalog.add_file(&path);
    assert!(catalog.get("ten-point").is_some(), "the set loads");
    let mut h = Harness::with_catalog(tempfile::tempdir().unwrap(), catalog);
    h.act(Action::Create(NewSession {
        set_id: "ten-point".into(),
        setup: SessionSetup {
            title: "Ten".into(),
            group: "Eastfield".into(),
            facilitator: "Morag".into(),
            participants: Participants::Named(participants.iter().map(|p| p.to_string()).collect()),
            level: Level::Place,
            planned_minutes: 60,
        },
        voting: Default::default(),
    }));
    assert_eq!(h.screen(), ScreenKind::Question);
    h
}

#[test]
fn a_ten_point_scale_records_a_ten_and_slow_digits_are_two_votes() {
    let mut h = on_a_ten_point_scale(&["Ann", "Bob", "Cy", "Dee"]);
    // 1 then 0 at once: one score, 10. The first digit shows while it waits.
    h.keys("1");
    assert_eq!(h.open().session.questions[0].votes[0], Vote::Pending);
    let shown = screen_text(&h.app, 100, 30);
    assert!(shown.contains("1_"), "{shown}");
    h.keys("0");
    // 1, a moment, 0: two votes.
    h.keys("1");
    h.tick(700);
    h.keys("0");
    // A digit that cannot begin a score on the scale records at once.
    h.keys("7");
    assert_eq!(
        h.open().session.questions[0].votes,
        [
            Vote::Score(10),
            Vote::Score(1),
            Vote::Score(0),
            Vote::Score(7)
        ]
    );
    // The agreed score takes two digits the same way.
    h.press(KeyCode::Char('g'));
    h.keys("10");
    assert_eq!(h.open().session.questions[0].agreed, Some(10));
    h.tick(3_000);
    assert_eq!(saved(&h).questions[0].votes[0], Vote::Score(10));
}

#[test]
fn a_waiting_digit_is_recorded_before_the_next_key_acts() {
    let mut h = on_a_ten_point_scale(&["Ann", "Bob"]);
    h.keys("1");
    h.press(KeyCode::Right);
    let first = &h.open().session.questions[0];
    assert_eq!(first.votes, [Vote::Score(1), Vote::Pending]);
    assert_eq!(h.open().current(), 1);
    // 1 then 1 is not on the scale: two votes of 1.
    h.keys("11");
    assert_eq!(
        h.open().session.questions[1].votes,
        [Vote::Score(1), Vote::Pending]
    );
    assert!(h.question().pending_digit.is_some(), "the second 1 waits");
    h.tick(700);
    assert_eq!(
        h.open().session.questions[1].votes,
        [Vote::Score(1), Vote::Score(1)]
    );
}

#[test]
fn passing_the_laptop_on_a_ten_point_scale_takes_two_digits_too() {
    let mut h = on_a_ten_point_scale(&["Ann", "Bob", "Cy", "Dee"]);
    h.press(KeyCode::Char('L'));
    // Ann: 1 0 at once is 10; her 1 shows while it waits, only to her.
    h.keys("1");
    let shown = screen_text(&h.app, 100, 30);
    assert!(shown.contains("Ann, your score: 1_"), "{shown}");
    assert_eq!(h.open().session.questions[0].votes[0], Vote::Pending);
    h.keys("0");
    // Bob: 1, then a moment: 1 on its own.
    h.keys("1");
    h.tick(700);
    // Cy types 1, takes it back (Backspace), then types 9.
    h.keys("1");
    h.press(KeyCode::Backspace);
    h.keys("9");
    // Dee: 1, then Esc (back to the facilitator): her 1 stands.
    h.keys("1");
    h.press(KeyCode::Esc);
    assert_eq!(
        h.open().session.questions[0].votes,
        [
            Vote::Score(10),
            Vote::Score(1),
            Vote::Score(9),
            Vote::Score(1)
        ]
    );
    h.tick(3_000);
    assert_eq!(saved(&h).questions[0].votes[0], Vote::Score(10));
}
