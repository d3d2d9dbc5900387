//! The room, key by key: private votes hidden until revealed, a second round that keeps the
//! first, a silence, and the laptop passed round; and files from before rounds still load.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Harness, screen_text};
use ratatui::crossterm::event::KeyCode;
use roundtable::app::ScreenKind;
use roundtable::app::question::QuestionMode;
use roundtable::domain::rounds::{Round, SilenceNow, Voting};
use roundtable::domain::{Session, Vote};

use Vote::{Abstain, Pending, Score};

fn saved(h: &Harness) -> Session {
    let text = std::fs::read_to_string(h.session_path()).expect("session file");
    Session::from_ron(&text).expect("valid session file")
}

/// A session started through the form with "Votes: private until revealed" chosen.
fn start_private(h: &mut Harness, participants: &str) {
    h.press(KeyCode::Char('n'));
    h.type_text("Private round");
    for value in ["Northbridge Place Partnership", "Morag", participants] {
        h.press(KeyCode::Tab);
        h.clear_field();
        h.type_text(value);
    }
    // Level, question set, minutes, then the votes: ← → choose.
    for _ in 0..4 {
        h.press(KeyCode::Tab);
    }
    h.press(KeyCode::Right);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Question, "{:?}", h.app.screen);
}

#[test]
fn private_votes_then_reveal_then_a_second_round_keeps_both_in_the_file() {
    let mut h = Harness::new();
    start_private(&mut h, "Ann, Bob, Chloé, Dev, Eli, Fay");
    assert_eq!(h.open().session.voting, Voting::Private);
    assert_eq!(
        saved(&h).voting,
        Voting::Private,
        "the choice is in the file"
    );

    h.keys("15324-");
    let hidden = screen_text(&h.app, 80, 24);
    assert!(hidden.contains("✓  voted"), "{hidden}");
    assert!(hidden.contains("6 of 6 voted"), "{hidden}");
    for score_shown in ["1  Not", "5  Fully", "abstains", "median"] {
        assert!(!hidden.contains(score_shown), "{score_shown}:\n{hidden}");
    }
    // The proposal would give the median away before the reveal.
    h.press(KeyCode::Char('g'));
    assert_eq!(h.question().mode, QuestionMode::Voting);
    assert!(
        h.message()
            .is_some_and(|m| m.contains("Reveal the votes first"))
    );
    // Saved at once, for the presenter: no autosave pause needed.
    assert_eq!(
        saved(&h).questions[0].votes,
        vec![Score(1), Score(5), Score(3), Score(2), Score(4), Abstain]
    );
    assert!(!saved(&h).questions[0].revealed);

    h.press(KeyCode::Char('v'));
    assert!(
        saved(&h).questions[0].revealed,
        "the reveal is saved at once"
    );
    let revealed = screen_text(&h.app, 80, 24);
    assert!(revealed.contains("5  Fully"), "{revealed}");
    assert!(revealed.contains("Wide spread"), "{revealed}");

    // R asks first; any other key keeps the round.
    h.press(KeyCode::Char('R'));
    assert_eq!(h.question().mode, QuestionMode::ConfirmNextRound);
    h.press(KeyCode::Char('x'));
    assert_eq!(h.open().question().unwrap().round_number(), 1);
    h.press(KeyCode::Char('R'));
    h.press(KeyCode::Char('R'));
    let q = h.open().question().unwrap();
    assert_eq!(q.round_number(), 2);
    assert_eq!(q.votes, vec![Pending; 6]);
    assert!(!q.revealed, "round 2 is private again");
    assert_eq!(
        h.question().participant,
        0,
        "votes start again from the first"
    );

    h.keys("343343");
    h.press(KeyCode::Char('v'));
    let after = screen_text(&h.app, 80, 24);
    assert!(
        after.contains("Round 2: spread 1–5 ! → 3–4")
            && after.contains("median 3 → 3 · 3 of 5 moved"),
        "{after}"
    );
    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Enter);

    // The agreed score reaches the file at once too, for the presenter.
    let file = saved(&h);
    assert_eq!(file, h.open().session, "the file holds what is on screen");
    let q = &file.questions[0];
    assert_eq!(
        q.earlier_rounds,
        vec![Round {
            votes: vec![Score(1), Score(5), Score(3), Score(2), Score(4), Abstain]
        }]
    );
    assert_eq!(
        q.votes,
        vec![Score(3), Score(4), Score(3), Score(3), Score(4), Score(3)]
    );
    assert_eq!(q.agreed, Some(3));
    assert!(q.revealed);
    let text = std::fs::read_to_string(h.session_path()).unwrap();
    assert!(text.contains("earlier_rounds"), "{text}");
}

#[test]
fn a_file_from_before_rounds_loads_compares_and_is_written_back_the_same() {
    let mut paths: Vec<_> = std::fs::read_dir("sessions")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut sessions = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(!text.contains("earlier_rounds") && !text.contains("voting"));
        let session = Session::from_ron(&text).expect("an old file loads");
        assert_eq!(session.voting, Voting::Open);
        assert!(session.silence.is_none());
        for q in &session.questions {
            assert_eq!(q.round_number(), 1);
            assert!(q.round_change(&session.question_set.scale).is_none());
        }
        // Nothing new is written for what it does not use: an older Roundtable reads it back.
        let again = session.to_ron().unwrap();
        assert!(!again.contains("earlier_rounds") && !again.contains("revealed"));
        assert!(!again.contains("voting") && !again.contains("silence"));
        sessions.push(session);
    }
    let comparison = roundtable::domain::compare::Comparison::build(
        &sessions,
        &roundtable::domain::compare::Filter::default(),
    );
    assert_eq!(
        comparison.sessions.len(),
        4,
        "the example year still compares"
    );
}

#[test]
fn a_round_file_is_checked_like_the_live_votes() {
    let mut h = Harness::new();
    h.start_session("Checked", "Ann, Bob");
    h.keys("12");
    h.press(KeyCode::Char('R'));
    h.press(KeyCode::Char('R'));
    let good = saved(&h);
    let text = good.to_ron().unwrap();
    // A round with a vote off the scale, or a vote too many, is refused where it is.
    let bad = text.replacen("Score(2)", "Score(9)", 1);
    let err = Session::from_ron(&bad).unwrap_err().to_string();
    assert!(err.contains("round 1 has a vote of 9"), "{err}");
    let mut extra = good.clone();
    extra.questions[0].earlier_rounds[0].votes.push(Pending);
    let err = Session::from_ron(&extra.to_ron().unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("round 1 has 3 votes"), "{err}");
}

#[test]
fn a_silence_is_asked_for_in_minutes_shown_and_saved() {
    let mut h = Harness::new();
    h.start_session("Quiet", "3");
    h.press(KeyCode::Char('T'));
    assert_eq!(h.question().mode, QuestionMode::Silence);
    h.press(KeyCode::Char('2'));
    let silence = saved(&h).silence.expect("saved at once, for the presenter");
    assert_eq!(silence.seconds, 120);
    assert_eq!(silence.at(h.now), SilenceNow::Running { left: 120 });
    h.tick(30_000);
    let screen = screen_text(&h.app, 80, 24);
    assert!(screen.contains("Silence"), "{screen}");
    // Digits still vote during the silence's screen; T ends it early.
    h.press(KeyCode::Char('T'));
    assert!(h.open().session.silence.is_none());
    assert!(saved(&h).silence.is_none());
    h.press(KeyCode::Char('T'));
    h.press(KeyCode::Char('0'));
    assert!(
        h.open().session.silence.is_none(),
        "0 minutes is no silence"
    );
}

#[test]
fn passing_the_laptop_shows_only_the_person_whose_turn_it_is() {
    let mut h = Harness::new();
    start_private(&mut h, "Zebedee, Ottoline, Quentin");
    h.press(KeyCode::Char('L'));
    let first = screen_text(&h.app, 80, 24);
    assert!(first.contains("Zebedee, your score"), "{first}");
    assert!(
        !first.contains("Ottoline") && !first.contains("Quentin"),
        "{first}"
    );

    h.press(KeyCode::Char('4'));
    let second = screen_text(&h.app, 80, 24);
    assert!(second.contains("Ottoline, your score"), "{second}");
    assert!(
        !second.contains('4') || !second.contains("Zebedee: 4"),
        "{second}"
    );
    assert!(!second.contains("Quentin"), "{second}");
    // Stray keys do nothing; Ottoline mistypes, takes it back, votes again.
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('q'));
    assert!(matches!(h.question().mode, QuestionMode::Pass(_)));
    h.press(KeyCode::Char('1'));
    h.press(KeyCode::Backspace);
    assert!(screen_text(&h.app, 80, 24).contains("Ottoline, your score"));
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('-'));
    let done = screen_text(&h.app, 80, 24);
    assert!(done.contains("Everyone has voted"), "{done}");
    // Another digit now changes nobody's vote.
    h.press(KeyCode::Char('5'));
    assert_eq!(
        h.open().question().unwrap().votes,
        vec![Score(4), Score(2), Abstain]
    );
    assert_eq!(
        saved(&h).questions[0].votes,
        vec![Score(4), Score(2), Abstain]
    );
    h.press(KeyCode::Esc);
    assert_eq!(h.question().mode, QuestionMode::Voting);
    // Back with the facilitator: still private, and a digit does not overwrite a vote.
    h.press(KeyCode::Char('3'));
    assert_eq!(h.open().question().unwrap().votes[0], Score(4));
}

#[test]
fn a_latecomer_after_a_second_round_leaves_a_file_that_still_loads() {
    let mut h = Harness::new();
    h.start_session("Late", "Ann, Bob");
    h.keys("12");
    h.press(KeyCode::Char('R'));
    h.press(KeyCode::Char('R'));
    let mut session = h.open().session.clone();
    session.add_participant("Cy").unwrap();
    assert_eq!(session.questions[0].earlier_rounds[0].votes.len(), 3);
    Session::from_ron(&session.to_ron().unwrap()).expect("the file loads");
}
