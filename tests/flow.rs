//! The whole workshop driven key by key, through the same key table → action → update →
//! effects path the terminal uses, checking state and what reached the session file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::ScreenKind;
use roundtable::app::question::QuestionMode;
use roundtable::app::review::ReviewMode;
use roundtable::domain::{Level, Participants, Session, Status, Vote};
use roundtable::runtime::Flow;

fn saved(h: &Harness) -> Session {
    let text = std::fs::read_to_string(h.session_path()).expect("session file");
    Session::from_ron(&text).expect("valid session file")
}

const VOTES: [[u8; 5]; 10] = [
    [3, 4, 4, 2, 5],
    [2, 2, 3, 2, 2],
    [1, 3, 5, 2, 4],
    [4, 4, 4, 4, 4],
    [3, 3, 2, 3, 4],
    [5, 4, 5, 5, 4],
    [2, 1, 2, 3, 2],
    [1, 1, 2, 1, 1],
    [3, 4, 3, 4, 3],
    [2, 3, 2, 2, 0],
];

#[test]
fn a_ten_question_session_from_setup_to_finish_is_saved_whole() {
    let mut h = Harness::new();
    h.start_session("Q4 roundtable — café", "Ann, Bob, Chloé, 李明, Dev");
    let path = h.session_path();
    assert!(
        path.exists(),
        "the session file exists as soon as it starts"
    );
    assert!(
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".ron") && n.contains("q4-roundtable")),
        "{path:?}"
    );

    for (i, votes) in VOTES.iter().enumerate() {
        assert_eq!(h.open().current(), i);
        let typed: String = votes
            .iter()
            .map(|&v| if v == 0 { '-' } else { char::from(b'0' + v) })
            .collect();
        h.keys(&typed);
        // The agreed score: accept the proposed median on even questions, type it on odd.
        h.press(KeyCode::Char('g'));
        if i % 2 == 0 {
            h.press(KeyCode::Enter);
        } else {
            h.press(KeyCode::Char('3'));
        }
        h.press(KeyCode::Char('e'));
        h.type_text(&format!(
            "Question {}: café, naïve façade — 会議のメモ 🎉\nsecond line",
            i + 1
        ));
        h.press(KeyCode::Esc);
        if i % 3 == 0 {
            h.press(KeyCode::Char('a'));
            h.type_text(&format!("Write up point {} for the board", i + 1));
            h.press(KeyCode::Tab);
            h.type_text("Siobhán");
            h.press(KeyCode::Tab);
            h.type_text("2027-01-31");
            h.press(KeyCode::Enter);
            assert_eq!(h.question().mode, QuestionMode::Voting);
        }
        if i == 2 || i == 7 {
            h.press(KeyCode::Char('f'));
        }
        h.tick(2_000);
        h.press(KeyCode::Right);
    }
    assert_eq!(h.screen(), ScreenKind::Review);
    h.press(KeyCode::Char('e'));
    h.type_text("Trust is growing; data sharing is still stuck. ✨");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('F'));
    assert_eq!(h.open().session.status, Status::InProgress, "F asks once");
    h.press(KeyCode::Char('F'));

    let session = saved(&h);
    assert_eq!(
        &session,
        &h.open().session,
        "the file holds exactly what is on screen"
    );
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.title, "Q4 roundtable — café");
    assert_eq!(
        session.participants,
        Participants::Named(
            ["Ann", "Bob", "Chloé", "李明", "Dev"]
                .map(String::from)
                .to_vec()
        )
    );
    for (i, q) in session.questions.iter().enumerate() {
        let expected: Vec<Vote> = VOTES[i]
            .iter()
            .map(|&v| {
                if v == 0 {
                    Vote::Abstain
                } else {
                    Vote::Score(v)
                }
            })
            .collect();
        assert_eq!(q.votes, expected, "votes of question {}", i + 1);
        assert_eq!(
            q.notes,
            format!(
                "Question {}: café, naïve façade — 会議のメモ 🎉\nsecond line",
                i + 1
            )
        );
        assert_eq!(q.revisit, i == 2 || i == 7);
        assert_eq!(q.actions.len(), usize::from(i % 3 == 0));
        assert!(
            q.seconds_spent >= 2,
            "time on question {} counted: {}",
            i + 1,
            q.seconds_spent
        );
    }
    // Medians proposed (lower middle on even counts), or typed.
    let agreed: Vec<Option<u8>> = session.questions.iter().map(|q| q.agreed).collect();
    assert_eq!(
        agreed,
        vec![
            Some(4),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(2),
            Some(3),
            Some(3),
            Some(3)
        ]
    );
    assert_eq!(session.questions[0].actions[0].owner, "Siobhán");
    assert_eq!(
        session.questions[0].actions[0].due.map(|d| d.to_string()),
        Some("2027-01-31".into())
    );
    assert_eq!(
        session.reflections,
        "Trust is growing; data sharing is still stuck. ✨"
    );
}

#[test]
fn typing_is_autosaved_within_a_second_without_moving() {
    let mut h = Harness::new();
    h.start_session("Autosave", "3");
    h.press(KeyCode::Char('4'));
    h.press(KeyCode::Char('e'));
    h.type_text("Ödön said: ");
    h.tick(250);
    assert!(
        saved(&h).questions[0].notes.is_empty(),
        "not saved on every keystroke"
    );
    h.tick(1_000);
    let s = saved(&h);
    assert_eq!(s.questions[0].notes, "Ödön said: ");
    assert_eq!(s.questions[0].votes[0], Vote::Score(4));
    assert!(!h.app.shared.save.dirty);
}

#[test]
fn a_failed_save_keeps_everything_warns_and_retries() {
    let mut h = Harness::new();
    h.start_session("Disk trouble", "2");
    let dir = h.dir().to_path_buf();
    // Make the folder unusable: a file where the folder was.
    let aside = dir.with_extension("aside");
    std::fs::rename(&dir, &aside).expect("move folder");
    std::fs::write(&dir, b"not a folder").expect("block folder");

    h.press(KeyCode::Char('e'));
    h.type_text("words that must not be lost");
    h.tick(1_500);
    assert!(h.app.shared.save.error.is_some(), "the failure is reported");
    assert!(h.app.shared.save.dirty);
    assert_eq!(
        h.open().session.questions[0].notes,
        "words that must not be lost"
    );

    // Quitting is refused while the words are only in memory; a second Ctrl-C insists.
    assert_eq!(h.ctrl('c'), Some(Flow::Continue));
    assert!(
        h.message()
            .is_some_and(|m| m.contains("press again to quit"))
    );

    // The disk comes back: the retry saves without any key being pressed.
    std::fs::remove_file(&dir).expect("unblock");
    std::fs::rename(&aside, &dir).expect("restore folder");
    h.tick(6_000);
    assert!(
        h.app.shared.save.error.is_none(),
        "{:?}",
        h.app.shared.save.error
    );
    assert_eq!(saved(&h).questions[0].notes, "words that must not be lost");
    assert_eq!(h.ctrl('c'), Some(Flow::Quit));
}

#[test]
fn navigation_saves_at_once_and_resume_opens_where_it_was() {
    let mut h = Harness::new();
    h.start_session("Resume me", "Ann, Bob");
    h.keys("25");
    h.press(KeyCode::Right);
    h.press(KeyCode::Right);
    assert_eq!(
        saved(&h).current_question,
        2,
        "saved on navigation, no timer needed"
    );
    assert_eq!(
        saved(&h).questions[0].votes,
        vec![Vote::Score(2), Vote::Score(5)]
    );

    // Back to Home, then resume: the same question, from the file.
    h.press(KeyCode::Char('q'));
    assert_eq!(h.screen(), ScreenKind::Home);
    h.press(KeyCode::Char('r'));
    assert_eq!(h.screen(), ScreenKind::Question);
    assert_eq!(h.open().current(), 2);
}

#[test]
fn votes_can_be_corrected_and_abstentions_recorded() {
    let mut h = Harness::new();
    h.start_session("Corrections", "Ann, Bob, Cy");
    h.keys("3-9");
    assert_eq!(
        h.message(),
        Some("Scores run from 1 to 5; - records an abstention")
    );
    h.press(KeyCode::Up);
    h.press(KeyCode::Char('4'));
    h.press(KeyCode::Up);
    h.press(KeyCode::Up);
    h.press(KeyCode::Backspace);
    let q = &h.open().session.questions[0];
    assert_eq!(q.votes, vec![Vote::Pending, Vote::Score(4), Vote::Pending]);
}

#[test]
fn an_action_form_with_words_in_it_is_not_discarded_by_one_escape() {
    let mut h = Harness::new();
    h.start_session("Actions", "2");
    h.press(KeyCode::Char('a'));
    h.type_text("Ask the ICB for data");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.type_text("next week");
    h.press(KeyCode::Enter);
    assert!(
        matches!(&h.question().mode, QuestionMode::AddingAction(f) if f.error.as_deref().is_some_and(|e| e.contains("2027-03-31")))
    );
    h.press(KeyCode::Esc);
    assert!(
        matches!(h.question().mode, QuestionMode::AddingAction(_)),
        "first Esc asks"
    );
    h.press(KeyCode::Esc);
    assert_eq!(h.question().mode, QuestionMode::Voting);
    assert!(h.open().session.questions[0].actions.is_empty());
}

#[test]
fn a_paste_on_the_question_screen_goes_into_the_notes_in_one_piece() {
    let mut h = Harness::new();
    h.start_session("Paste", "2");
    let pasted = "From the flipchart:\n- trust, 信頼\n- data 📊";
    h.act(roundtable::app::Action::Paste(pasted.into()));
    assert_eq!(h.question().mode, QuestionMode::Notes);
    h.tick(1_000);
    assert_eq!(saved(&h).questions[0].notes, pasted);
}

#[test]
fn since_last_time_shows_what_the_group_left_open() {
    let mut h = Harness::with_example_year();
    h.start_session("Q1 2027", "Ann, Bob");
    let since = h.open().since_last_time.clone().expect("carried forward");
    assert_eq!(since.title, "Q4 roundtable");
    // What the summary lists as open is what the new session took in, with origins.
    let year: Vec<Session> = std::fs::read_dir("sessions")
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .map(|p| Session::from_ron(&std::fs::read_to_string(p).expect("read")).expect("parse"))
        .collect();
    let open = roundtable::domain::compare::carry_forward(&year, "Northbridge Place Partnership")
        .expect("open items");
    let words = |cf: &roundtable::domain::compare::CarryForward| {
        cf.actions
            .iter()
            .map(|a| {
                (
                    a.action.text.clone(),
                    a.origin.session,
                    a.origin.question.clone(),
                )
            })
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(words(&since), words(&open));
    assert_eq!(since.revisits.len(), open.revisits.len());
    assert!(!since.is_empty());
}

#[test]
fn since_last_time_greets_a_fresh_session_but_never_hides_a_resumed_ones_notes() {
    let mut h = Harness::with_example_year();
    h.start_session("Q1 2027", "Ann, Bob");
    assert!(
        h.question().show_since_last_time,
        "shown on a fresh session"
    );
    h.press(KeyCode::Char('3'));
    assert!(h.question().show_since_last_time, "voting keeps it in view");
    h.press(KeyCode::Char('e'));
    assert!(
        !h.question().show_since_last_time,
        "writing notes puts it away"
    );
    h.type_text("Our own notes");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('q'));

    h.press(KeyCode::Char('r'));
    assert_eq!(h.screen(), ScreenKind::Question);
    assert!(
        !h.question().show_since_last_time,
        "a resumed session opens on its own notes"
    );
    h.press(KeyCode::Char('t'));
    assert!(h.question().show_since_last_time, "t still shows it");
}

#[test]
fn the_summary_opens_from_home_sorts_and_exports_its_report() {
    let mut h = Harness::with_example_year();
    h.press(KeyCode::Char('s'));
    let summary = |h: &Harness| match &h.app.screen {
        roundtable::app::Screen::Summary(state) => state.clone(),
        other => panic!("not on the summary: {:?}", other.kind()),
    };
    assert_eq!(summary(&h).comparison.sessions.len(), 4);
    let sort_before = summary(&h).sort;
    h.press(KeyCode::Char('s'));
    assert_ne!(summary(&h).sort, sort_before);

    h.press(KeyCode::Char('x'));
    // Named by its date; a second export the same day never overwrites the first.
    let today = h
        .app
        .shared
        .now
        .to_zoned(h.app.shared.time_zone.clone())
        .date();
    let reports = h.dir().join("reports");
    let report = reports.join(format!(
        "summary-northbridge-place-partnership-{today}.html"
    ));
    assert!(report.exists(), "{:?}", h.message());
    assert!(
        h.message()
            .is_some_and(|m| m.contains("summary-northbridge"))
    );
    let first = std::fs::read(&report).unwrap();
    h.press(KeyCode::Char('x'));
    let again = reports.join(format!(
        "summary-northbridge-place-partnership-{today}-2.html"
    ));
    assert!(again.exists(), "{:?}", h.message());
    assert_eq!(std::fs::read(&report).unwrap(), first);
    h.press(KeyCode::Char('q'));
    assert_eq!(h.screen(), ScreenKind::Home);
}

#[test]
fn export_on_review_writes_three_reports_and_says_where() {
    let mut h = Harness::with_example_year();
    // Home lists the most recent first; a complete session opens on its review.
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Review);
    h.press(KeyCode::Char('x'));
    let reports: Vec<String> = std::fs::read_dir(h.dir().join("reports"))
        .expect("reports folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for ext in [".md", ".csv", "-votes.csv", ".html"] {
        assert!(
            reports
                .iter()
                .any(|r| r.starts_with("2026-10-13-q4-roundtable") && r.ends_with(ext)),
            "{ext} missing from {reports:?}"
        );
    }
    assert!(
        h.message()
            .is_some_and(|m| m.starts_with("Reports written to"))
    );
}

#[test]
fn actions_are_selected_completed_and_removed_with_keys() {
    let mut h = Harness::new();
    h.start_session("Actions", "Ann, Bob");
    h.add_action("Publish a decisions log", "Ann", "2027-03-31");
    h.add_action("Map devolved budgets", "Bob", "");
    h.add_action("Invite the VCSE forum", "", "");
    assert_eq!(h.question().action, Some(2), "a new action is selected");

    // [ and ] move through the list and wrap round.
    h.press(KeyCode::Char('['));
    assert_eq!(h.question().action, Some(1));
    h.press(KeyCode::Char(']'));
    h.press(KeyCode::Char(']'));
    assert_eq!(h.question().action, Some(0), "wraps to the first");

    // d marks the selected one done, and again not done.
    h.press(KeyCode::Char('d'));
    assert!(h.open().session.questions[0].actions[0].done);
    h.press(KeyCode::Char(']'));
    h.press(KeyCode::Char('d'));
    h.press(KeyCode::Char('d'));
    assert!(!h.open().session.questions[0].actions[1].done);

    // x asks; any other key keeps it; x x removes it.
    h.press(KeyCode::Char('x'));
    assert_eq!(h.question().mode, QuestionMode::ConfirmRemoveAction);
    h.press(KeyCode::Char('j'));
    assert_eq!(h.question().mode, QuestionMode::Voting);
    assert_eq!(h.open().session.questions[0].actions.len(), 3, "kept");
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('x'));
    let texts: Vec<&str> = h.open().session.questions[0]
        .actions
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(texts, ["Publish a decisions log", "Invite the VCSE forum"]);
    assert_eq!(h.question().action, None);

    h.tick(1_000);
    let file = saved(&h);
    assert_eq!(file.questions[0].actions.len(), 2);
    assert!(file.questions[0].actions[0].done);
    assert_eq!(file.questions[0].actions[0].owner, "Ann");
}

#[test]
fn done_and_remove_without_a_selection_say_how_to_select() {
    let mut h = Harness::new();
    h.start_session("No selection", "2");
    h.press(KeyCode::Char('d'));
    assert_eq!(h.message(), Some("Select an action first with [ or ]"));
    h.press(KeyCode::Char('x'));
    assert_eq!(h.message(), Some("Select an action first with [ or ]"));
    h.press(KeyCode::Char(']'));
    assert_eq!(h.question().action, None, "nothing to select");
}

#[test]
fn the_agreed_score_is_set_cleared_and_left_alone_on_escape() {
    let mut h = Harness::new();
    h.start_session("Agreeing", "Ann, Bob, Cy");
    h.keys("245");
    h.press(KeyCode::Char('g'));
    assert_eq!(
        h.question().mode,
        QuestionMode::Agreeing { proposed: Some(4) }
    );
    h.press(KeyCode::Enter);
    assert_eq!(h.open().session.questions[0].agreed, Some(4));

    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Esc);
    assert_eq!(h.question().mode, QuestionMode::Voting);
    assert_eq!(
        h.open().session.questions[0].agreed,
        Some(4),
        "Esc leaves it"
    );

    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Backspace);
    assert_eq!(h.open().session.questions[0].agreed, None, "cleared");
    h.tick(1_000);
    assert_eq!(saved(&h).questions[0].agreed, None);

    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Char('7'));
    assert_eq!(
        h.message(),
        Some("Scores run from 1 to 5; - records an abstention")
    );
    assert_eq!(h.open().session.questions[0].agreed, None);
}

#[test]
fn review_jumps_to_the_chosen_question_and_back_returns_to_it() {
    let mut h = Harness::new();
    h.start_session("Jumping", "2");
    h.press(KeyCode::Char('r'));
    assert_eq!(h.screen(), ScreenKind::Review);
    assert_eq!(h.review().row, 0);
    for _ in 0..4 {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Question);
    assert_eq!(h.open().current(), 4);
    assert_eq!(saved(&h).current_question, 4, "the jump is saved");

    h.press(KeyCode::Char('r'));
    assert_eq!(
        h.review().row,
        4,
        "review opens on the question it came from"
    );
    h.press(KeyCode::Char('e'));
    assert_eq!(h.review().mode, ReviewMode::Reflections);
    h.press(KeyCode::Char('q'));
    assert_eq!(
        h.open().session.reflections,
        "q",
        "q is typing while writing reflections"
    );
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    assert_eq!(h.screen(), ScreenKind::Question);
    assert_eq!(h.open().current(), 4);
}

#[test]
fn the_new_session_form_chooses_level_and_question_set_with_arrows() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('n'));
    h.type_text("Subsidiarity check");
    // Title → Group → Facilitator → Participants → Level.
    for _ in 0..4 {
        h.press(KeyCode::Tab);
    }
    h.press(KeyCode::Right);
    h.press(KeyCode::Right);
    h.press(KeyCode::Left);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Tab);
    h.press(KeyCode::Right);
    h.press(KeyCode::Tab);
    // Minutes take digits only.
    h.press(KeyCode::End);
    for _ in 0..5 {
        h.press(KeyCode::Backspace);
    }
    h.type_text("9x0");
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Question);
    let s = &h.open().session;
    assert_eq!(s.title, "Subsidiarity check");
    assert_eq!(s.question_set.id, "subsidiarity-tests");
    assert_eq!(s.planned_minutes, 90);
    // Not set → Neighbourhood → Place → Neighbourhood → Place.
    assert_eq!(s.level, Level::Place);
}

#[test]
fn escape_from_the_form_goes_home_without_creating_anything() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('n'));
    h.type_text("Never mind");
    h.press(KeyCode::Esc);
    assert_eq!(h.screen(), ScreenKind::Home);
    assert!(h.app.shared.library.sessions.is_empty());
    let files = std::fs::read_dir(h.dir())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
        .count();
    assert_eq!(files, 0);
}

#[test]
fn help_opens_on_question_mark_and_any_key_closes_it_without_acting() {
    let mut h = Harness::new();
    h.start_session("Help", "2");
    h.press(KeyCode::Char('?'));
    assert!(h.app.show_help);
    h.press(KeyCode::Char('4'));
    assert!(!h.app.show_help);
    assert_eq!(
        h.open().session.questions[0].votes[0],
        Vote::Pending,
        "the key that closed the help did not vote"
    );
    // While typing notes, ? is a character and F1 is help.
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('?'));
    assert_eq!(h.open().session.questions[0].notes, "?");
    h.press(KeyCode::F(1));
    assert!(h.app.show_help);
}

#[test]
fn an_extra_digit_after_the_last_person_is_refused_not_recorded() {
    let mut h = Harness::new();
    h.start_session("Four seats", "4");
    h.keys("12345");
    let votes = &h.open().session.questions[0].votes;
    assert_eq!(
        votes,
        &[
            Vote::Score(1),
            Vote::Score(2),
            Vote::Score(3),
            Vote::Score(4)
        ],
        "the fifth digit did not overwrite seat 4"
    );
    assert!(
        h.message()
            .is_some_and(|m| m.contains("Everyone has voted"))
    );
    h.press(KeyCode::Char('-'));
    assert_eq!(h.open().session.questions[0].votes[3], Vote::Score(4));
    // ↑ picks a person to correct; the correction is recorded.
    h.press(KeyCode::Up);
    h.press(KeyCode::Char('5'));
    assert_eq!(h.open().session.questions[0].votes[2], Vote::Score(5));
    // A question whose votes are all in opens ready to correct, not to overwrite.
    h.press(KeyCode::Right);
    h.keys("1111");
    h.press(KeyCode::Left);
    h.press(KeyCode::Right);
    h.press(KeyCode::Char('3'));
    assert_eq!(h.open().session.questions[1].votes, vec![Vote::Score(1); 4]);
}

#[test]
fn escape_never_leaves_the_app_only_q_on_home_does() {
    let mut h = Harness::new();
    h.start_session("Esc", "2");
    h.press(KeyCode::Char('e'));
    h.type_text("notes");
    for _ in 0..5 {
        assert_ne!(h.press(KeyCode::Esc), Some(Flow::Quit));
    }
    assert_eq!(h.screen(), ScreenKind::Home);
    assert!(!h.app.shared.quitting);
    assert_eq!(h.press(KeyCode::Char('q')), Some(Flow::Quit));
}

#[test]
fn participants_start_empty_so_typed_names_replace_the_last_sessions() {
    let mut h = Harness::with_example_year();
    h.press(KeyCode::Char('n'));
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.type_text("Aisha Rahman, Tomás");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.open().session.participants,
        Participants::Named(vec!["Aisha Rahman".into(), "Tomás".into()])
    );

    // Left empty, the last session's people are used.
    h.press(KeyCode::Char('q'));
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Enter);
    assert_eq!(
        h.open().session.participants,
        Participants::Named(vec!["Aisha Rahman".into(), "Tomás".into()])
    );
}

#[test]
fn seats_typed_once_are_offered_next_time_without_being_typed_over() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('n'));
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.type_text("3");
    h.press(KeyCode::Enter);
    assert_eq!(h.open().session.participants, Participants::Seats(3));
    h.press(KeyCode::Char('q'));
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Enter);
    assert_eq!(
        h.open().session.participants,
        Participants::Seats(3),
        "the last session's seats, not 35"
    );
}
