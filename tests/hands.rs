//! A facilitator's hands (issue 11): every key safe, every word visible, at 80×24. Each
//! test walks one of the things that went wrong for a new user, key by key, and checks what
//! the screen shows as well as what reached the session.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::question::QuestionMode;
use roundtable::app::{Action, ScreenKind};
use roundtable::domain::{Participants, Session, Vote};

fn saved(h: &Harness) -> Session {
    let text = std::fs::read_to_string(h.session_path()).expect("session file");
    Session::from_ron(&text).expect("valid session file")
}

/// The screen as text, `width`×`height`, as the facilitator would see it.
fn screen(h: &Harness, width: u16, height: u16) -> String {
    common::screen_text(&h.app, width, height)
}

fn resize(h: &mut Harness, width: u16, height: u16) {
    h.act(Action::Resize { width, height });
}

#[test]
fn keys_do_nothing_behind_the_enlarge_screen_and_80x23_is_enough() {
    let mut h = Harness::new();
    h.start_session("Small window", "Ann, Bob, Cy");
    resize(&mut h, 60, 20);
    assert!(screen(&h, 60, 20).contains("Enlarge the terminal"));
    h.keys("2");
    h.act(Action::Paste("pasted out of sight".into()));
    h.keys("ea");
    let q = &h.open().session.questions[0];
    assert_eq!(q.votes[0], Vote::Pending, "2 changed a vote out of sight");
    assert!(q.notes.is_empty(), "a paste landed out of sight");
    assert_eq!(h.question().mode, QuestionMode::Voting);
    // Help still answers, and Ctrl-C still saves and quits.
    h.press(KeyCode::Char('?'));
    assert!(h.app.show_help);
    h.press(KeyCode::Esc);

    // An 80×24 terminal under tmux's status line is 80×23: the full screen, and keys act.
    resize(&mut h, 80, 23);
    h.keys("2");
    assert_eq!(h.open().session.questions[0].votes[0], Vote::Score(2));
    let text = screen(&h, 80, 23);
    assert!(!text.contains("Enlarge"), "{text}");
    for words in ["Spread", "median 2", "Agreed:", "Votes 1/3"] {
        assert!(text.contains(words), "{words} in\n{text}");
    }
}

#[test]
fn an_eleven_point_scale_keeps_spread_warning_and_agreed_score_at_80x24() {
    let mut h = Harness::new();
    h.start_session("Zero to ten", "Ann, Bob, Cy, Dev");
    // A 0–10 set: the question's scale, as an older file or a custom set would carry it.
    {
        let open = h.app.shared.open.as_mut().expect("open");
        let scale = &mut open.session.question_set.scale;
        scale.min = 0;
        scale.max = 10;
        scale.labels = (0..=10)
            .map(|score| roundtable::domain::ScalePoint {
                score,
                label: format!("p{score}"),
            })
            .collect();
        open.session.questions[0].votes = vec![
            Vote::Score(1),
            Vote::Score(9),
            Vote::Score(10),
            Vote::Pending,
        ];
        open.session.questions[0].agreed = Some(7);
    }
    for (w, hgt) in [(80, 24), (80, 23)] {
        let text = screen(&h, w, hgt);
        for words in ["median 9", "⚠ Wide spread, 9 points", "Agreed: 7", " 10"] {
            assert!(text.contains(words), "{words} at {w}×{hgt}:\n{text}");
        }
    }
}

#[test]
fn actions_scroll_to_the_selection_and_every_change_says_what_it_did() {
    let mut h = Harness::new();
    h.start_session("Actions", "Ann Lee, Bob Roy");
    h.add_action("Publish decisions log", "Ann Lee", "");
    h.add_action("Map devolved budgets", "Bob Roy", "");
    h.add_action("Invite the VCSE forum", "", "");
    h.add_action("Share the data map", "", "");
    h.press(KeyCode::Char('f'));
    assert_eq!(h.question().action, Some(3), "the last added is selected");
    // The selected (fourth) action shows at 80×24, with a sign of the ones above.
    let text = screen(&h, 80, 24);
    let selected = h.question().action.expect("selected");
    let item = &h.open().session.questions[0].actions[selected];
    assert!(text.contains(&item.text[..10]), "{}\n{text}", item.text);
    assert!(text.contains("above"), "{text}");

    h.press(KeyCode::Char(']'));
    assert_eq!(h.question().action, Some(0));
    h.press(KeyCode::Char('d'));
    assert_eq!(h.message(), Some("☑ Publish decisions log: done"));
    h.press(KeyCode::Char('d'));
    assert_eq!(h.message(), Some("☐ Publish decisions log: not done"));
    h.press(KeyCode::Char('x'));
    assert!(
        h.message()
            .is_some_and(|m| m.contains("“Publish decisions log”")),
        "{:?}",
        h.message()
    );
    h.press(KeyCode::Char('x'));
    assert_eq!(h.message(), Some("Removed “Publish decisions log”"));
}

#[test]
fn an_action_is_edited_in_place_with_the_owner_completed_and_a_british_date() {
    let mut h = Harness::new();
    h.start_session("Edit", "Siobhán Kelly, Tomás Ó Briain");
    h.add_action("Publish log", "", "");
    h.press(KeyCode::Char('E'));
    assert!(matches!(h.question().mode, QuestionMode::AddingAction(_)));
    h.press(KeyCode::End);
    h.type_text(" of decisions");
    h.press(KeyCode::Tab);
    h.type_text("sio");
    // Tab first takes the participant offered, then moves on.
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.type_text("31/03/2027");
    let text = screen(&h, 80, 24);
    assert!(
        text.contains("Wed 31 Mar 2027"),
        "shown before saving:\n{text}"
    );
    h.press(KeyCode::Enter);
    let actions = &h.open().session.questions[0].actions;
    assert_eq!(actions.len(), 1, "changed, not added");
    assert_eq!(actions[0].text, "Publish log of decisions");
    assert_eq!(actions[0].owner, "Siobhán Kelly");
    assert_eq!(
        actions[0].due.map(|d| d.to_string()).as_deref(),
        Some("2027-03-31")
    );

    // → at the end of the owner accepts too; "31 Mar 2027" reads the same.
    h.press(KeyCode::Char('E'));
    h.press(KeyCode::Tab);
    h.press(KeyCode::End);
    for _ in 0..20 {
        h.press(KeyCode::Backspace);
    }
    h.type_text("to");
    h.press(KeyCode::Right);
    h.press(KeyCode::Tab);
    h.press(KeyCode::End);
    for _ in 0..12 {
        h.press(KeyCode::Backspace);
    }
    // An ambiguous date is refused with both readings; nothing typed is lost.
    h.type_text("03/04/2027");
    h.press(KeyCode::Enter);
    let QuestionMode::AddingAction(form) = &h.question().mode else {
        panic!("the form stays open: {:?}", h.question().mode);
    };
    let error = form.error.clone().unwrap_or_default();
    assert!(
        error.contains("Sat 3 Apr 2027") && error.contains("Thu 4 Mar 2027"),
        "{error}"
    );
    assert_eq!(form.fields[1].lines().join(""), "Tomás Ó Briain");
    for _ in 0..10 {
        h.press(KeyCode::Backspace);
    }
    h.type_text("31 Mar 2027");
    h.press(KeyCode::Enter);
    let action = &h.open().session.questions[0].actions[0];
    assert_eq!(action.owner, "Tomás Ó Briain");
    h.tick(1_000);
    assert_eq!(saved(&h).questions[0].actions[0].owner, "Tomás Ó Briain");
}

#[test]
fn a_latecomer_joins_and_an_absent_person_is_skipped_not_deleted() {
    let mut h = Harness::new();
    h.start_session("Who is here", "Ann, Bob, Cy");
    h.keys("345");
    h.press(KeyCode::Right);
    // Bob has to leave: marked absent, voting skips him.
    h.press(KeyCode::Char('w'));
    h.press(KeyCode::Down);
    h.press(KeyCode::Char(' '));
    assert_eq!(h.message(), Some("Bob: absent (voting skips them)"));
    // Zoë arrives; a name already there is refused.
    h.press(KeyCode::Char('a'));
    h.type_text("ann");
    h.press(KeyCode::Enter);
    let QuestionMode::People(panel) = &h.question().mode else {
        panic!("panel open");
    };
    assert!(
        panel
            .error
            .as_deref()
            .is_some_and(|e| e.contains("already here")),
        "{panel:?}"
    );
    for _ in 0..3 {
        h.press(KeyCode::Backspace);
    }
    h.type_text("Zoë");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Esc);
    assert_eq!(h.question().mode, QuestionMode::Voting);
    h.keys("2345");
    let s = &h.open().session;
    assert_eq!(
        s.participants,
        Participants::Named(vec!["Ann".into(), "Bob".into(), "Cy".into(), "Zoë".into()])
    );
    assert_eq!(
        s.questions[1].votes,
        [
            Vote::Score(2),
            Vote::Pending,
            Vote::Score(3),
            Vote::Score(4)
        ],
        "Bob skipped; the fourth digit refused"
    );
    assert_eq!(s.questions[0].votes[3], Vote::Pending, "not voted earlier");
    let text = screen(&h, 80, 24);
    assert!(text.contains("absent"), "{text}");
    h.press(KeyCode::Left);
    assert!(screen(&h, 80, 24).contains("Zoë"));
    h.tick(1_000);
    let file = saved(&h);
    assert_eq!(file.absent, vec![1]);
    assert_eq!(file.participants.count(), 4);
}

#[test]
fn the_setup_form_refuses_a_name_given_twice_and_offers_group_and_facilitator_greyed() {
    let mut h = Harness::with_example_year();
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Tab);
    // Typing a group starts afresh instead of adding to the last session's.
    h.type_text("Eastfield PCN");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.type_text("Ann, Bob, ann");
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Setup);
    let text = screen(&h, 80, 24);
    assert!(text.contains("\"ann\" is there twice"), "{text}");
    for _ in 0..5 {
        h.press(KeyCode::Backspace);
    }
    h.press(KeyCode::Enter);
    let s = &h.open().session;
    assert_eq!(s.group, "Eastfield PCN");
    assert_eq!(s.facilitator, "Morag Ellison", "left empty: the last one's");
}

#[test]
fn overflowing_panels_say_how_many_more_and_long_paths_keep_both_ends() {
    let mut h = Harness::with_example_year();
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Enter);
    // A fresh session of the example group: "since last time" opens; prompts too.
    h.press(KeyCode::Char('p'));
    let text = screen(&h, 80, 24);
    assert!(text.contains("more (PgDn)"), "{text}");
    let before = text.clone();
    h.press(KeyCode::PageDown);
    let text = screen(&h, 80, 24);
    assert!(text.contains("above"), "{text}");
    assert_ne!(before, text);

    h.act(Action::Notify(
        "Reports written to /home/facilitator/.local/share/roundtable/sessions/reports/".into(),
    ));
    let text = screen(&h, 80, 24);
    assert!(text.contains("sessions/reports/"), "{text}");
    assert!(text.contains("Reports written to /"), "{text}");
}

#[test]
fn home_renames_sets_aside_and_restores_a_session_never_deleting_it() {
    let mut h = Harness::with_example_year();
    let before = h.app.shared.library.sessions.len();
    let first = h.app.shared.library.home_rows()[0].path.clone();
    // m: a new title, saved in the file.
    h.press(KeyCode::Char('m'));
    h.clear_field();
    h.type_text("Q4 roundtable (test run)");
    h.press(KeyCode::Enter);
    let text = std::fs::read_to_string(&first).expect("still there");
    assert!(text.contains("Q4 roundtable (test run)"), "{text}");
    assert!(
        h.message().is_some_and(|m| m.contains("Renamed")),
        "{:?}",
        h.message()
    );

    // z asks, naming it; any other key keeps it; z z sets it aside.
    h.press(KeyCode::Char('z'));
    assert!(
        h.message().is_some_and(|m| m.contains("(test run)")),
        "{:?}",
        h.message()
    );
    h.press(KeyCode::Char('j'));
    assert_eq!(h.app.shared.library.sessions.len(), before, "kept");
    h.press(KeyCode::Char('k'));
    h.press(KeyCode::Char('z'));
    h.press(KeyCode::Char('z'));
    assert_eq!(h.app.shared.library.sessions.len(), before - 1);
    assert!(!first.exists());
    let archived = h
        .dir()
        .join("archive")
        .join(first.file_name().expect("name"));
    assert!(archived.exists(), "moved, not deleted");

    // Z lists it; Enter restores it.
    h.press(KeyCode::Char('Z'));
    let screen_text = screen(&h, 80, 24);
    assert!(screen_text.contains("(test run)"), "{screen_text}");
    h.press(KeyCode::Enter);
    assert_eq!(h.app.shared.library.sessions.len(), before);
    assert!(first.exists());
}

#[test]
fn summary_keys_that_cannot_act_say_why_and_help_shows_every_key() {
    let mut h = Harness::with_example_year();
    h.press(KeyCode::Char('s'));
    assert_eq!(h.screen(), ScreenKind::Summary);
    h.press(KeyCode::Char('g'));
    assert!(
        h.message().is_some_and(|m| m.contains("one group")),
        "{:?}",
        h.message()
    );
    h.press(KeyCode::Char('f'));
    assert!(
        h.message().is_some_and(|m| m.contains("one question set")),
        "{:?}",
        h.message()
    );
    // At 80×24 the chart is bars with each mean written out, not a line on shared rows.
    let text = screen(&h, 80, 24);
    for mean in ["2.2", "2.7", "3.0", "3.3"] {
        assert!(
            text.contains(&format!(" {mean}\n")) || text.contains(&format!(" {mean} ")),
            "{mean}:\n{text}"
        );
    }

    // The question screen's help is taller than 80×24: PgDn shows the rest.
    h.press(KeyCode::Char('q'));
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('?'));
    let text = screen(&h, 80, 24);
    assert!(text.contains("PgDn shows them"), "{text}");
    h.press(KeyCode::PageDown);
    h.press(KeyCode::PageDown);
    let text = screen(&h, 80, 24);
    assert!(text.contains("back to Home (saves)"), "{text}");
    assert!(h.app.show_help, "PgDn scrolls, it does not close");
}

#[test]
fn behind_plan_reads_differently_from_on_time_in_words_and_symbol() {
    let mut h = Harness::new();
    h.start_session("Pace", "2");
    assert!(screen(&h, 80, 24).contains("✓ on time"));
    h.tick(10 * 60 * 1000);
    let text = screen(&h, 80, 24);
    assert!(
        text.contains("⚠ 4 min behind") || text.contains("min behind"),
        "{text}"
    );
    assert!(text.contains("⚠"), "{text}");
}

#[test]
fn a_long_message_wraps_to_a_second_row_instead_of_being_cut() {
    let mut h = Harness::new();
    h.start_session("Extra digit", "Ann, Bob");
    h.keys("345");
    assert_eq!(
        h.open().session.questions[0].votes,
        [Vote::Score(3), Vote::Score(4)],
        "the extra digit is refused"
    );
    let message = h.message().expect("a hint").to_string();
    let text = screen(&h, 80, 24);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&message), "{message:?} whole in\n{text}");
}
