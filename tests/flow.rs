//! The whole workshop driven through `update` and the runtime, as the terminal loop does,
//! checking state and what reached the session file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Harness;
use ratatui_textarea::Key;
use roundtable::app::{Action, Mode, Screen};
use roundtable::domain::{Participants, Session, Status, Vote};
use roundtable::runtime::Flow;

fn saved(h: &Harness) -> Session {
    let text = std::fs::read_to_string(h.session_path()).expect("session file");
    Session::from_ron(&text).expect("valid session file")
}

/// Fill the new-session form: title, group, participants (replacing the default).
fn start_session(h: &mut Harness, title: &str, participants: &str) {
    h.act(Action::NewSession);
    assert_eq!(h.app.screen, Screen::Setup);
    h.type_text(title);
    h.act(Action::NextField);
    // Fields are prefilled from the last session: clear them as a person would.
    clear_field(h);
    h.type_text("Northbridge Place Partnership");
    h.act(Action::NextField);
    clear_field(h);
    h.type_text("Morag");
    h.act(Action::NextField);
    clear_field(h);
    h.type_text(participants);
    h.act(Action::StartSession);
    assert_eq!(
        h.app.screen,
        Screen::Question,
        "{:?}",
        h.app.setup.as_ref().and_then(|f| f.error.clone())
    );
}

fn clear_field(h: &mut Harness) {
    h.key(Key::End);
    for _ in 0..80 {
        h.key(Key::Backspace);
    }
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
    start_session(&mut h, "Q4 roundtable — café", "Ann, Bob, Chloé, 李明, Dev");
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
        assert_eq!(h.app.active.as_ref().map(|a| a.current()), Some(i));
        for &v in votes {
            if v == 0 {
                h.act(Action::Abstain);
            } else {
                h.act(Action::Vote(v));
            }
        }
        // The agreed score: accept the proposed median on even questions, type it on odd.
        h.act(Action::SetAgreed);
        if i % 2 == 0 {
            h.act(Action::AcceptAgreed);
        } else {
            h.act(Action::AgreedDigit(3));
        }
        h.act(Action::EditNotes);
        h.type_text(&format!(
            "Question {}: café, naïve façade — 会議のメモ 🎉\nsecond line",
            i + 1
        ));
        h.act(Action::LeaveEditor);
        if i % 3 == 0 {
            h.act(Action::AddAction);
            h.type_text(&format!("Write up point {} for the board", i + 1));
            h.act(Action::NextField);
            h.type_text("Siobhán");
            h.act(Action::NextField);
            h.type_text("2027-01-31");
            h.act(Action::SubmitAction);
            assert_eq!(h.app.mode(), Some(&Mode::Voting));
        }
        if i == 2 || i == 7 {
            h.act(Action::ToggleRevisit);
        }
        h.tick(2_000);
        h.act(Action::NextQuestion);
    }
    assert_eq!(h.app.screen, Screen::Review);
    h.act(Action::EditReflections);
    h.type_text("Trust is growing; data sharing is still stuck. ✨");
    h.act(Action::LeaveEditor);
    h.act(Action::Finish);
    assert_eq!(
        h.app.active.as_ref().map(|a| a.session.status),
        Some(Status::InProgress),
        "F asks once"
    );
    h.act(Action::Finish);

    let session = saved(&h);
    assert_eq!(
        &session,
        &h.app.active.as_ref().expect("open").session,
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
    start_session(&mut h, "Autosave", "3");
    h.act(Action::Vote(4));
    h.act(Action::EditNotes);
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
    assert!(!h.app.save.dirty);
}

#[test]
fn a_failed_save_keeps_everything_warns_and_retries() {
    let mut h = Harness::new();
    start_session(&mut h, "Disk trouble", "2");
    let dir = h.dir().to_path_buf();
    // Make the folder unusable: a file where the folder was.
    let aside = dir.with_extension("aside");
    std::fs::rename(&dir, &aside).expect("move folder");
    std::fs::write(&dir, b"not a folder").expect("block folder");

    h.act(Action::EditNotes);
    h.type_text("words that must not be lost");
    h.tick(1_500);
    assert!(h.app.save.error.is_some(), "the failure is reported");
    assert!(h.app.save.dirty);
    assert_eq!(
        h.app
            .active
            .as_ref()
            .map(|a| a.session.questions[0].notes.as_str()),
        Some("words that must not be lost")
    );

    // Quitting is refused while the words are only in memory; a second Ctrl-C insists.
    assert_eq!(h.act(Action::SaveAndQuit), Flow::Continue);
    assert!(
        h.app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("Not quitting"))
    );

    // The disk comes back: the retry saves without any key being pressed.
    std::fs::remove_file(&dir).expect("unblock");
    std::fs::rename(&aside, &dir).expect("restore folder");
    h.tick(6_000);
    assert!(h.app.save.error.is_none(), "{:?}", h.app.save.error);
    assert_eq!(saved(&h).questions[0].notes, "words that must not be lost");
    assert_eq!(h.act(Action::SaveAndQuit), Flow::Quit);
}

#[test]
fn navigation_saves_at_once_and_resume_opens_where_it_was() {
    let mut h = Harness::new();
    start_session(&mut h, "Resume me", "Ann, Bob");
    h.acts([
        Action::Vote(2),
        Action::Vote(5),
        Action::NextQuestion,
        Action::NextQuestion,
    ]);
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
    h.act(Action::Back);
    assert_eq!(h.app.screen, Screen::Home);
    h.act(Action::ResumeLatest);
    assert_eq!(h.app.screen, Screen::Question);
    assert_eq!(h.app.active.as_ref().map(|a| a.current()), Some(2));
}

#[test]
fn votes_can_be_corrected_and_abstentions_recorded() {
    let mut h = Harness::new();
    start_session(&mut h, "Corrections", "Ann, Bob, Cy");
    h.acts([Action::Vote(3), Action::Abstain, Action::Vote(9)]);
    assert_eq!(
        h.app.message.as_deref(),
        Some("Scores run from 1 to 5; - records an abstention")
    );
    h.acts([
        Action::Up,
        Action::Vote(4),
        Action::Up,
        Action::Up,
        Action::ClearVote,
    ]);
    let q = &h.app.active.as_ref().expect("open").session.questions[0];
    assert_eq!(q.votes, vec![Vote::Pending, Vote::Score(4), Vote::Pending]);
}

#[test]
fn an_action_form_with_words_in_it_is_not_discarded_by_one_escape() {
    let mut h = Harness::new();
    start_session(&mut h, "Actions", "2");
    h.act(Action::AddAction);
    h.type_text("Ask the ICB for data");
    h.act(Action::NextField);
    h.act(Action::NextField);
    h.type_text("next week");
    h.act(Action::SubmitAction);
    assert!(
        matches!(h.app.mode(), Some(Mode::AddingAction(f)) if f.error.as_deref().is_some_and(|e| e.contains("YYYY-MM-DD")))
    );
    h.act(Action::LeaveEditor);
    assert!(
        matches!(h.app.mode(), Some(Mode::AddingAction(_))),
        "first Esc asks"
    );
    h.act(Action::LeaveEditor);
    assert_eq!(h.app.mode(), Some(&Mode::Voting));
    assert!(
        h.app.active.as_ref().expect("open").session.questions[0]
            .actions
            .is_empty()
    );
}

#[test]
fn a_paste_on_the_question_screen_goes_into_the_notes_in_one_piece() {
    let mut h = Harness::new();
    start_session(&mut h, "Paste", "2");
    let pasted = "From the flipchart:\n- trust, 信頼\n- data 📊";
    h.act(Action::Paste(pasted.into()));
    assert_eq!(h.app.mode(), Some(&Mode::Notes));
    h.tick(1_000);
    assert_eq!(saved(&h).questions[0].notes, pasted);
}

#[test]
fn since_last_time_shows_what_the_group_left_open() {
    let dir = tempfile::tempdir().expect("dir");
    for entry in std::fs::read_dir("sessions").expect("example sessions") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    let mut h = Harness::in_dir(dir);
    start_session(&mut h, "Q1 2027", "Ann, Bob");
    let since = h
        .app
        .active
        .as_ref()
        .and_then(|a| a.since_last_time.clone())
        .expect("carried forward");
    assert_eq!(since.title, "Q4 roundtable");
    let latest = Session::from_ron(
        &std::fs::read_to_string(
            std::fs::read_dir("sessions")
                .expect("dir")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .max()
                .expect("latest"),
        )
        .expect("read"),
    )
    .expect("parse");
    assert_eq!(since.actions.len(), latest.open_actions().count());
    assert_eq!(
        since.revisits.len(),
        latest.questions.iter().filter(|q| q.revisit).count()
    );
    assert!(!since.is_empty());
}

fn showing_since_last_time(h: &Harness) -> bool {
    h.app
        .active
        .as_ref()
        .is_some_and(|a| a.show_since_last_time)
}

#[test]
fn since_last_time_greets_a_fresh_session_but_never_hides_a_resumed_ones_notes() {
    let mut h = harness_with_example_year();
    start_session(&mut h, "Q1 2027", "Ann, Bob");
    assert!(showing_since_last_time(&h), "shown on a fresh session");
    h.act(Action::Vote(3));
    assert!(showing_since_last_time(&h), "voting keeps it in view");
    h.act(Action::EditNotes);
    assert!(!showing_since_last_time(&h), "writing notes puts it away");
    h.type_text("Our own notes");
    h.act(Action::LeaveEditor);
    h.act(Action::Back);

    h.act(Action::ResumeLatest);
    assert_eq!(h.app.screen, Screen::Question);
    assert!(
        !showing_since_last_time(&h),
        "a resumed session opens on its own notes"
    );
    h.act(Action::ToggleSinceLastTime);
    assert!(showing_since_last_time(&h), "t still shows it");
}

fn harness_with_example_year() -> Harness {
    let dir = tempfile::tempdir().expect("dir");
    for entry in std::fs::read_dir("sessions").expect("example sessions") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    Harness::in_dir(dir)
}

#[test]
fn the_summary_opens_from_home_sorts_and_exports_its_report() {
    let mut h = harness_with_example_year();
    h.act(Action::OpenSummary(Default::default()));
    assert_eq!(h.app.screen, Screen::Summary);
    let summary = h.app.summary.as_ref().expect("summary state");
    assert_eq!(summary.comparison.sessions.len(), 4);
    let sort_before = summary.sort;
    h.act(Action::Summary(
        roundtable::app::summary::SummaryAction::CycleSort,
    ));
    assert_ne!(h.app.summary.as_ref().map(|s| s.sort), Some(sort_before));

    h.act(Action::Export);
    let report = h
        .dir()
        .join("reports")
        .join("summary-northbridge-place-partnership.html");
    assert!(report.exists(), "{:?}", h.app.message);
    assert!(
        h.app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("summary-northbridge"))
    );
    h.act(Action::Back);
    assert_eq!(h.app.screen, Screen::Home);
}

#[test]
fn export_on_review_writes_three_reports_and_says_where() {
    let mut h = harness_with_example_year();
    // Home lists the most recent first; a complete session opens on its review.
    h.act(Action::OpenSelected);
    assert_eq!(h.app.screen, Screen::Review);
    h.act(Action::Export);
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
        h.app
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("Reports written to"))
    );
}
