//! Counts that come from files (problem files, questions in a session, rows of the summary)
//! can pass 65,535, the most rows a terminal layout can ask for. The screens saturate them:
//! no panic in the layout arithmetic, and no wrap-around to a tiny count that would hide
//! everything.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::question::QuestionAction;
use roundtable::app::{Action, App, update};
use roundtable::domain::compare::Filter;
use roundtable::domain::{Level, Participants, Session, SessionSetup};
use roundtable::ui::{self, theme::Theme};

mod sample;
use sample::builtin_sets;

/// 65,536 wraps to 0 as a `u16`, the worst case for a plain cast.
const HUGE: usize = 65_536;

fn now() -> Timestamp {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn app(problems: Vec<String>) -> App {
    let mut app = App::new(builtin_sets(), PathBuf::from("sessions"), now());
    update(
        &mut app,
        Action::LibraryLoaded {
            sessions: vec![],
            problems,
        },
    );
    app
}

/// A session of `HUGE` questions, each agreed at 3.
fn huge_session() -> Session {
    let mut set = builtin_sets().remove(0);
    let template = set.questions[0].clone();
    set.questions = (0..HUGE)
        .map(|i| {
            let mut q = template.clone();
            q.id = format!("q{i}");
            q.short_title = format!("Question {i}");
            q
        })
        .collect();
    let mut session = Session::new(
        &set,
        SessionSetup {
            title: "Marathon".into(),
            group: "Northbridge".into(),
            facilitator: String::new(),
            participants: Participants::Seats(3),
            level: Level::Place,
            planned_minutes: 60,
        },
        uuid::Uuid::nil(),
        now(),
    );
    for q in &mut session.questions {
        q.agreed = Some(3);
    }
    session
}

fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| ui::view(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn home_with_more_problem_files_than_a_u16_counts() {
    for count in [40_000, HUGE] {
        let problems = (0..count)
            .map(|i| format!("bad-{i}.ron:1:1: broken"))
            .collect();
        let text = render(&app(problems));
        // The problems get their share of the screen (half), not the 3 rows of a wrapped count.
        let shown = text.lines().filter(|l| l.contains("• bad-")).count();
        assert!(shown >= 5, "{count} problems, {shown} shown:\n{text}");
    }
}

#[test]
fn review_of_a_session_with_more_questions_than_a_u16_counts() {
    let mut app = app(vec![]);
    update(
        &mut app,
        Action::SessionOpened {
            path: "huge.ron".into(),
            session: Box::new(huge_session()),
        },
    );
    update(&mut app, Action::Question(QuestionAction::OpenReview));
    let text = render(&app);
    assert!(
        text.contains("Question 0") && text.contains("Question 5"),
        "{text}"
    );
}

#[test]
fn summary_with_more_rows_than_a_u16_counts() {
    let mut app = app(vec![]);
    update(
        &mut app,
        Action::SummaryLoaded {
            sessions: vec![huge_session()],
            groups: vec![],
            problems: vec![],
            filter: Filter::default(),
        },
    );
    let text = render(&app);
    assert!(
        text.contains("Question 0") && text.contains("Question 5"),
        "{text}"
    );
}
