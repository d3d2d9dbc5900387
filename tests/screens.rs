//! Every screen rendered on a TestBackend at 80×24 and 120×40 (insta snapshots, no colour),
//! and a sweep of small sizes that must never panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::{Action, App, SessionEntry, keys, update};
use roundtable::domain::Session;
use roundtable::domain::digest::SessionDigest;
use roundtable::store::sets::SetCatalog;
use roundtable::ui::{self, theme::Theme};

fn render(app: &App, width: u16, height: u16) -> String {
    common::screen_text(app, width, height)
}

/// Press keys as the terminal would: through the screen's key table, then `update`.
fn press(app: &mut App, codes: &[KeyCode]) {
    for &code in codes {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        let action = keys::action_for_key(app, key).expect("the key does something here");
        update(app, action);
    }
}

fn type_text(app: &mut App, text: &str) {
    let codes: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(app, &codes);
}

/// The example sessions as Home lists them: in brief.
fn example_sessions() -> Vec<SessionEntry> {
    example_files()
        .into_iter()
        .map(|(path, session)| SessionEntry {
            path,
            digest: SessionDigest::of(&session),
        })
        .collect()
}

fn example_files() -> Vec<(PathBuf, Session)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("sessions")
        .expect("sessions folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let session =
                Session::from_ron(&std::fs::read_to_string(&path).expect("read")).expect("valid");
            (
                PathBuf::from("sessions").join(path.file_name().expect("name")),
                session,
            )
        })
        .collect()
}

fn now() -> Timestamp {
    "2026-11-22T10:00:00Z".parse().expect("time")
}

fn app_with(sessions: Vec<SessionEntry>, problems: Vec<String>) -> App {
    let sets = SetCatalog::builtin()
        .sets
        .into_iter()
        .map(|s| s.set)
        .collect();
    let mut app = App::new(
        sets,
        PathBuf::from("/home/facilitator/.local/share/roundtable/sessions"),
        now(),
    );
    update(&mut app, Action::LibraryLoaded { sessions, problems });
    app
}

/// The example year's last session, reopened for editing at question 3.
fn question_app() -> App {
    let mut app = app_with(example_sessions(), vec![]);
    let (path, mut session) = example_files().pop().expect("a session");
    session.status = roundtable::domain::Status::InProgress;
    session.current_question = 2;
    update(
        &mut app,
        Action::SessionOpened {
            path,
            session: Box::new(session),
        },
    );
    app.shared.save.last_saved = None;
    app
}

fn both_sizes(name: &str, app: &App) {
    // Each size in a terminal of its own: an editor remembers where it was scrolled.
    insta::assert_snapshot!(format!("{name}_80x24"), render(&app.clone(), 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), render(&app.clone(), 120, 40));
}

#[test]
fn home_first_run() {
    both_sizes("home_first_run", &app_with(vec![], vec![]));
}

#[test]
fn home_with_sessions_and_a_problem_file() {
    let app = app_with(
        example_sessions(),
        vec!["sessions/2026-05-01-broken-0000aaaa.ron:14:9: unknown field `notez`: remove it, or check its spelling".into()],
    );
    both_sizes("home_sessions", &app);
}

#[test]
fn new_session_form() {
    let mut app = app_with(example_sessions(), vec![]);
    press(&mut app, &[KeyCode::Char('n')]);
    // What the runtime does for `n`: read the last session, for the form to start from.
    let last = example_files()
        .into_iter()
        .map(|(_, s)| s)
        .max_by_key(|s| s.updated)
        .expect("a session");
    update(&mut app, Action::NewSessionFrom(Some(Box::new(last))));
    type_text(&mut app, "Q1 2027 roundtable");
    both_sizes("setup", &app);
}

#[test]
fn question_screen() {
    both_sizes("question", &question_app());
}

#[test]
fn question_screen_with_prompts_and_agreeing() {
    let mut app = question_app();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('g')]);
    both_sizes("question_prompts_agreeing", &app);
}

#[test]
fn question_screen_editing_notes() {
    let mut app = question_app();
    press(&mut app, &[KeyCode::Char('e')]);
    type_text(&mut app, " Zoë: 信頼 grows 🌱");
    both_sizes("question_notes", &app);
}

#[test]
fn question_screen_adding_an_action() {
    let mut app = question_app();
    press(&mut app, &[KeyCode::Char('a')]);
    type_text(&mut app, "Map which decisions sit where");
    both_sizes("question_action_form", &app);
}

#[test]
fn first_question_shows_since_last_time() {
    let mut app = app_with(example_sessions(), vec![]);
    let set = app.shared.sets[0].clone();
    let session = Session::new(
        &set,
        roundtable::domain::SessionSetup {
            title: "Q1 2027 roundtable".into(),
            group: "Northbridge Place Partnership".into(),
            facilitator: "Morag Ellison".into(),
            participants: roundtable::domain::Participants::Seats(6),
            level: roundtable::domain::Level::Place,
            planned_minutes: 90,
        },
        uuid::Uuid::nil(),
        now(),
    );
    // A session just started, read with its group's earlier sessions, as the runtime does.
    let earlier: Vec<Session> = example_files().into_iter().map(|(_, s)| s).collect();
    update(
        &mut app,
        Action::SessionRead {
            path: "new.ron".into(),
            session: Box::new(session),
            earlier,
        },
    );
    app.shared.save.last_saved = None;
    both_sizes("question_since_last_time", &app);
}

#[test]
fn review_screen() {
    let mut app = question_app();
    press(&mut app, &[KeyCode::Char('r')]);
    both_sizes("review", &app);
}

#[test]
fn help_overlay() {
    let mut app = question_app();
    press(&mut app, &[KeyCode::Char('?')]);
    both_sizes("help", &app);
}

#[test]
fn save_failure_warning() {
    let mut app = question_app();
    update(
        &mut app,
        Action::SaveFailed {
            at: now(),
            message: "could not save sessions/x.ron: the disk is full: free some space".into(),
        },
    );
    insta::assert_snapshot!("save_failed_80x24", render(&app, 80, 24));
}

#[test]
fn below_the_minimum_asks_for_a_larger_terminal() {
    let app = question_app();
    let text = render(&app, 60, 20);
    assert!(text.contains("Enlarge the terminal"), "{text}");
    assert!(text.contains("60×20"), "{text}");
}

#[test]
fn no_colour_theme_has_no_colours() {
    let app = question_app();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| ui::view(f, &app, Theme::plain()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "a coloured cell with NO_COLOR: {cell:?}"
        );
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn small_sizes_never_panic() {
    let mut apps = vec![
        app_with(vec![], vec![]),
        app_with(example_sessions(), vec!["x:1:1: bad".into()]),
        question_app(),
    ];
    let mut setup = app_with(example_sessions(), vec![]);
    press(&mut setup, &[KeyCode::Char('n')]);
    apps.push(setup);
    let mut review = question_app();
    press(&mut review, &[KeyCode::Char('r')]);
    apps.push(review);
    let mut help = question_app();
    press(&mut help, &[KeyCode::Char('?')]);
    apps.push(help);
    let mut form = question_app();
    press(&mut form, &[KeyCode::Char('a')]);
    apps.push(form);
    for app in &apps {
        for w in 0..=40 {
            for h in 0..=15 {
                render(app, w, h);
            }
        }
        // And the sizes around the minimum, where the layout is tightest.
        for (w, h) in [
            (79, 24),
            (80, 23),
            (80, 24),
            (81, 25),
            (200, 60),
            (300, 100),
        ] {
            render(app, w, h);
        }
    }
}

/// The busiest question screen a facilitator meets: twelve people, four actions, the
/// prompts open and last time's list, at 80×23 (80×24 under tmux) and 120×40. The spread,
/// its warning and the agreed score must show at both.
fn busy_question_app() -> App {
    let mut app = app_with(example_sessions(), vec![]);
    let set = app.shared.sets[0].clone();
    let names = [
        "Aisha Rahman",
        "Tomás Ó Briain",
        "Priya Nair",
        "Siobhán Kelly",
        "Renée Okafor",
        "Zoë Lefèvre",
        "Kwame Mensah",
        "Jürgen Weiß",
        "李明",
        "Dev Patel",
        "Morag Ellison",
        "Ana Lucía Gómez",
    ];
    let mut session = Session::new(
        &set,
        roundtable::domain::SessionSetup {
            title: "Q1 2027 roundtable".into(),
            group: "Northbridge Place Partnership".into(),
            facilitator: "Morag Ellison".into(),
            participants: roundtable::domain::Participants::Named(
                names.iter().map(|n| n.to_string()).collect(),
            ),
            level: roundtable::domain::Level::Place,
            planned_minutes: 90,
        },
        uuid::Uuid::nil(),
        now(),
    );
    // What the example year left open comes in, as when the app starts a session.
    let earlier: Vec<Session> = example_files().into_iter().map(|(_, s)| s).collect();
    roundtable::domain::compare::carry_into(&mut session, &earlier);
    let q = &mut session.questions[0];
    for (i, vote) in q.votes.iter_mut().enumerate().take(10) {
        *vote = roundtable::domain::Vote::Score([2, 4, 4, 3, 5, 4, 1, 4, 3, 4][i]);
    }
    q.agreed = Some(4);
    for (text, owner, due) in [
        (
            "Publish the decisions log",
            "Aisha Rahman",
            Some("2027-03-31"),
        ),
        ("Map devolved budgets", "Dev Patel", None),
        ("Invite the VCSE forum to the board", "", Some("2027-02-14")),
        ("Share the data map with the ICB", "Priya Nair", None),
    ] {
        q.actions.push(roundtable::domain::ActionItem {
            text: text.into(),
            owner: owner.into(),
            due: due.map(|d| d.parse().expect("date")),
            done: false,
            origin: None,
        });
    }
    update(
        &mut app,
        Action::SessionOpened {
            path: "new.ron".into(),
            session: Box::new(session),
        },
    );
    app.shared.save.last_saved = None;
    press(&mut app, &[KeyCode::Char('t'), KeyCode::Char('p')]);
    app
}

#[test]
fn busy_question_screen_at_80x23_and_120x40() {
    let app = busy_question_app();
    for (name, w, h) in [
        ("busy_question_80x23", 80, 23),
        ("busy_question_120x40", 120, 40),
    ] {
        let text = render(&app, w, h);
        for words in ["Spread", "median 4", "⚠ Wide spread", "Agreed: 4", "more"] {
            assert!(text.contains(words), "{words} at {w}×{h}:\n{text}");
        }
        insta::assert_snapshot!(name, text);
    }
}
