//! A 1 MiB note (the longest a session keeps) on the question screen: drawing it, and one
//! keystroke in its editor (the key's update and the frame after it). A keystroke should
//! cost milliseconds, whatever the note's length: only the visible part is laid out, and the
//! editor holds only a window of a long note. The note just under the length where the
//! window starts is edited whole: the slowest keystroke there is.
//!
//! `cargo bench --bench notes` runs them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench's setup may panic

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::{Action, App, keys, update};
use roundtable::domain::{Level, Participants, Session, SessionSetup};
use roundtable::store::sets::SetCatalog;
use roundtable::ui::{self, theme::Theme};
use uuid::Uuid;

fn main() {
    divan::main();
}

/// A little under 1 MiB of words: as one line (pasted from elsewhere), or in paragraphs.
fn note(one_line: bool) -> String {
    note_of(1024 * 1024 - 200, one_line)
}

/// At least `bytes` of words, as one line or in paragraphs.
fn note_of(bytes: usize, one_line: bool) -> String {
    let words = "the group talked through where decisions really sit today and who signs them off ";
    let mut out = String::new();
    let mut n = 0;
    while out.len() < bytes {
        out.push_str(words);
        n += 1;
        if !one_line && n % 6 == 0 {
            out.push('\n');
        }
    }
    out
}

/// The app on question 1 of a session whose first question has `notes`.
fn app_with(notes: String, editing: bool) -> App {
    let catalog = SetCatalog::builtin();
    let sets: Vec<_> = catalog.sets.iter().map(|s| s.set.clone()).collect();
    let now: Timestamp = "2026-11-22T10:00:00Z".parse().unwrap();
    let setup = SessionSetup {
        title: "Bench".into(),
        group: "Northbridge".into(),
        facilitator: "Morag".into(),
        participants: Participants::Named(vec!["Ann".into(), "Bob".into()]),
        level: Level::Place,
        planned_minutes: 60,
    };
    let mut session = Session::new(&sets[0], setup, Uuid::nil(), now);
    session.questions[0].notes = notes;
    let mut app = App::new(sets, "bench".into(), now);
    update(
        &mut app,
        Action::SessionOpened {
            path: "bench/s.ron".into(),
            session: Box::new(session),
        },
    );
    if editing {
        press(&mut app, KeyCode::Char('e'));
    }
    app
}

fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keys::action_for_key(app, key) {
        update(app, action);
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| ui::view(frame, app, Theme::plain()))
        .unwrap();
}

/// The question screen's frame with the note shown (not being edited).
#[divan::bench(args = [false, true], sample_count = 10)]
fn draw_note(bencher: divan::Bencher, one_line: bool) {
    let app = app_with(note(one_line), false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| draw(&mut terminal, &app));
}

/// One character typed at the end of the note, and the frame that shows it.
#[divan::bench(args = [false, true], sample_count = 10)]
fn keystroke_in_editor(bencher: divan::Bencher, one_line: bool) {
    let mut app = app_with(note(one_line), true);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    draw(&mut terminal, &app);
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Char('x'));
        draw(&mut terminal, &app);
    });
}

/// One character typed at the end of a note just under the length edited through a window
/// (so held whole in the editor), and the frame that shows it.
#[divan::bench(args = [false, true], sample_count = 10)]
fn keystroke_in_editor_just_under_the_window(bencher: divan::Bencher, one_line: bool) {
    let limit = roundtable::app::editor::LONG_NOTE_BYTES;
    let mut text = note_of(limit - 1000, one_line);
    text.truncate(limit - 1000);
    let mut app = app_with(text, true);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    draw(&mut terminal, &app);
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Char('x'));
        draw(&mut terminal, &app);
    });
}
