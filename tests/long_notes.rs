//! A note of a megabyte (the longest a session keeps) edited through the keys, as in the
//! terminal: the editor holds only a window of it, and the saved file must still hold every
//! byte of the note plus what was typed, wherever it was typed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{Harness, screen_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::ScreenKind;
use roundtable::store::{Store, load_session_file};

/// A little under 1 MiB of words: one pasted line, or paragraphs of a few sentences.
fn long_note(one_line: bool) -> String {
    let words = "the group talked through where decisions really sit today and who signs them off ";
    let mut out = String::new();
    let mut n = 0;
    while out.len() < 1024 * 1024 - 200 {
        out.push_str(words);
        n += 1;
        if !one_line && n % 6 == 0 {
            out.push('\n');
        }
    }
    out
}

/// A sessions folder holding one session in progress (the example year's last, reopened)
/// whose first question, where it opens, has `note`; and its file.
fn folder_with(note: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut session =
        load_session_file(Path::new("sessions/2026-10-13-q4-roundtable-de00b439.ron")).unwrap();
    session.reopen(session.updated);
    session.current_question = 0;
    session.questions[0].notes = note.to_string();
    let store = Store::open(dir.path()).unwrap();
    let path = store.path_for(&session);
    store.save(&path, &session).unwrap();
    (dir, path)
}

/// Open the folder's only session from Home and start editing its first question's notes.
fn editing(dir: tempfile::TempDir) -> Harness {
    let mut h = Harness::in_dir(dir);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Question);
    h.press(KeyCode::Char('e'));
    h
}

fn notes_on_disk(path: &Path) -> String {
    load_session_file(path).unwrap().questions[0].notes.clone()
}

fn ctrl(h: &mut Harness, code: KeyCode) {
    h.press_event(KeyEvent::new(code, KeyModifiers::CONTROL));
}

#[test]
fn typing_at_the_end_of_a_megabyte_note_saves_the_whole_note_and_the_words() {
    for one_line in [true, false] {
        let note = long_note(one_line);
        let (dir, path) = folder_with(&note);
        let mut h = editing(dir);
        // The screen says there is more above rather than hiding it.
        let screen = screen_text(&h.app, 80, 24);
        assert!(screen.contains("… 1.0 MB earlier; ↑ to scroll"), "{screen}");
        h.type_text("and the last word");
        // A steady typist is on disk within two seconds, Esc or not.
        h.tick(2_000);
        assert_eq!(notes_on_disk(&path), format!("{note}and the last word"));
        h.type_text(".\nNext");
        h.press(KeyCode::Esc);
        h.tick(1_000);
        assert!(!h.app.shared.save.dirty);
        assert_eq!(
            notes_on_disk(&path),
            format!("{note}and the last word.\nNext"),
            "one line: {one_line}"
        );
    }
}

#[test]
fn the_first_word_of_a_megabyte_one_line_note_is_reached_and_edited_with_ctrl_home() {
    let note = long_note(true);
    let (dir, path) = folder_with(&note);
    let mut h = editing(dir);
    ctrl(&mut h, KeyCode::Home);
    let screen = screen_text(&h.app, 80, 24);
    assert!(screen.contains("the group talked"), "{screen}");
    assert!(
        !screen.contains("earlier; ↑"),
        "nothing above the start: {screen}"
    );
    assert!(screen.contains("later; ↓ to scroll"), "{screen}");
    // "the" becomes "The".
    for _ in 0..3 {
        h.press(KeyCode::Delete);
    }
    h.type_text("The");
    h.press(KeyCode::Esc);
    h.tick(1_000);
    assert_eq!(notes_on_disk(&path), format!("The{}", &note[3..]));
}

#[test]
fn up_and_page_up_climb_a_megabyte_of_paragraphs_to_its_first_word() {
    let note = long_note(false);
    let (dir, path) = folder_with(&note);
    let mut h = editing(dir);
    // Drawn after each key as in the terminal, so Page Up knows the box's height, until
    // the note's first page is on screen.
    let mut presses = 0;
    loop {
        let screen = screen_text(&h.app, 160, 60);
        let top = h.question().notes.area().scroll_offset().0 == 0;
        if top && !screen.contains("earlier; ↑ to scroll") {
            assert!(screen.contains("│the group talked through"), "{screen}");
            break;
        }
        h.press(KeyCode::PageUp);
        presses += 1;
        assert!(presses < 2_000, "{screen}");
    }
    for _ in 0..60 {
        h.press(KeyCode::Up);
    }
    h.press(KeyCode::Home);
    h.type_text("Morning: ");
    h.press(KeyCode::Esc);
    h.tick(1_000);
    assert_eq!(notes_on_disk(&path), format!("Morning: {note}"));
}

#[test]
fn a_resized_terminal_shows_the_note_up_to_the_cursor_with_no_gap_below() {
    let note = long_note(false);
    let (dir, _path) = folder_with(&note);
    let mut h = editing(dir);
    h.act(roundtable::app::Action::Resize {
        width: 80,
        height: 24,
    });
    h.type_text("end.");
    screen_text(&h.app, 80, 24);
    h.act(roundtable::app::Action::Resize {
        width: 120,
        height: 40,
    });
    let screen = screen_text(&h.app, 120, 40);
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Notes — editing"))
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.split("││").next().unwrap())
        .collect();
    assert!(rows.len() > 8, "{screen}");
    assert!(rows[0].contains("earlier; ↑ to scroll"), "{screen}");
    assert!(rows.last().unwrap().contains("end."), "{screen}");
    assert!(
        rows.iter().all(|r| r.trim_matches(['│', ' ']).len() > 3),
        "no empty rows: {screen}"
    );
}
