//! Every screen's key table, walked in every mode: each key shown in the hint bar or the
//! help reaches its own action (no earlier row or global key swallows it), every key is in
//! the help, and every action is safe to apply.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::{App, keys, update};

/// Walk the keys of the screen `h` shows; `what` names it in failures.
fn walk(h: &Harness, what: &str) -> usize {
    let app = &h.app;
    let rows = keys::rows(app);
    assert!(!rows.is_empty(), "{what}: no keys at all");
    let help = keys::help(app);
    for row in &rows {
        assert!(!row.label.is_empty(), "{what}: a key with no label");
        assert!(!row.help.is_empty(), "{what}: {} has no help", row.label);
        assert!(
            help.contains(&(row.label, row.help)),
            "{what}: {} is missing from the help",
            row.label
        );
        assert_eq!(
            keys::action_for_key(app, row.example).as_ref(),
            Some(&row.action),
            "{what}: pressing {} ({:?}) does not do what the help says",
            row.label,
            row.example.code
        );
        // Applying it never panics, whatever it does.
        let mut copy: App = app.clone();
        update(&mut copy, row.action.clone());
    }
    let shown: Vec<_> = rows.iter().filter_map(|r| r.hint).collect();
    for hint in keys::hints(app) {
        assert!(
            shown.contains(&hint),
            "{what}: the hint bar shows {hint:?}, which no key stands for"
        );
    }
    rows.len()
}

#[test]
fn every_key_of_every_screen_does_what_its_help_says() {
    let mut h = Harness::with_example_year();
    let mut walked = 0;
    walked += walk(&h, "Home");

    h.press(KeyCode::Char('n'));
    walked += walk(&h, "new session, text field");
    for _ in 0..4 {
        h.press(KeyCode::Tab);
    }
    walked += walk(&h, "new session, choice field");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    walked += walk(&h, "new session, minutes");
    h.press(KeyCode::Esc);

    h.start_session("Walk", "Ann, Bob");
    walked += walk(&h, "question, voting");
    h.keys("34");
    h.press(KeyCode::Char('g'));
    walked += walk(&h, "question, agreeing");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    walked += walk(&h, "question, notes");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('a'));
    walked += walk(&h, "question, action form");
    h.type_text("An action");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('x'));
    walked += walk(&h, "question, confirm remove");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('R'));
    walked += walk(&h, "question, confirm next round");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('T'));
    walked += walk(&h, "question, minutes of silence");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Backspace);
    h.press(KeyCode::Char('L'));
    walked += walk(&h, "question, passing the laptop");
    h.press(KeyCode::Esc);

    h.press(KeyCode::Char('r'));
    walked += walk(&h, "review");
    h.press(KeyCode::Char('e'));
    walked += walk(&h, "review, reflections");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('F'));
    walked += walk(&h, "review, confirm finish");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('q'));

    h.press(KeyCode::Char('s'));
    walked += walk(&h, "summary");
    assert!(walked > 80, "only {walked} keys walked");
}

#[test]
fn every_screen_offers_help_and_a_way_out_in_its_hint_bar() {
    let mut h = Harness::with_example_year();
    let check = |h: &Harness, what: &str| {
        let hints = keys::hints(&h.app);
        assert!(
            hints.iter().any(|(_, w)| *w == "help"),
            "{what}: no help in {hints:?}"
        );
        assert!(
            hints
                .iter()
                .any(|(k, _)| ["q", "Esc", "Ctrl-C"].contains(k)),
            "{what}: no way out in {hints:?}"
        );
    };
    check(&h, "Home");
    h.start_session("Walk", "Ann, Bob");
    check(&h, "question");
    h.press(KeyCode::Char('e'));
    check(&h, "notes");
}
