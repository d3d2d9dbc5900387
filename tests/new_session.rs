//! A new session follows the same rules whether it starts on the setup form or with
//! `roundtable new`: the default title, 5 seats, planned minutes from 1 to 1440. The rules
//! live in the domain; these tests hold both doors to them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use jiff::civil::Date;
use roundtable::app::editor;
use roundtable::app::setup::{Field, SetupForm};
use roundtable::domain::session::{DEFAULT_SEATS, parse_planned_minutes};
use roundtable::domain::{Participants, SessionSetup};

mod sample;
use sample::builtin_sets;

fn day() -> Date {
    Date::new(2026, 12, 2).unwrap()
}

#[test]
fn the_form_starts_from_the_domain_defaults() {
    let sets = builtin_sets();
    let mut form = SetupForm::new(&sets, None, day());
    assert_eq!(
        editor::text_of(&form.participants),
        "",
        "nothing to type over"
    );
    assert_eq!(form.default_participants, DEFAULT_SEATS.to_string());
    let new = form.submit(&sets).unwrap();
    assert_eq!(new.setup.title, SessionSetup::default_title(day()));
    assert_eq!(new.setup.title, "Roundtable 2 December 2026");
    assert_eq!(new.setup.participants, Participants::Seats(DEFAULT_SEATS));
}

#[test]
fn the_form_refuses_minutes_outside_a_day_with_the_domain_s_advice() {
    let sets = builtin_sets();
    for typed in ["0", "1441", "soon"] {
        let mut form = SetupForm::new(&sets, None, day());
        form.minutes = editor::single_line(typed);
        let Err(message) = form.submit(&sets) else {
            panic!("{typed:?} minutes were accepted");
        };
        let advice = parse_planned_minutes(typed).unwrap_err();
        assert_eq!(message, format!("Planned minutes: {advice}"));
        assert!(message.contains("from 1 to 1440"), "{message}");
        assert_eq!(form.focus, Field::Minutes);
    }
    let mut form = SetupForm::new(&sets, None, day());
    form.minutes = editor::single_line("1440");
    assert_eq!(form.submit(&sets).unwrap().setup.planned_minutes, 1440);
}

#[test]
fn roundtable_new_refuses_minutes_outside_a_day_before_touching_the_folder() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    for minutes in ["0", "1441"] {
        let out = Command::new(env!("CARGO_BIN_EXE_roundtable"))
            .args(["--sessions-dir", sessions.to_str().unwrap()])
            .args(["new", "--minutes", minutes])
            .env_remove("ROUNDTABLE_SESSIONS_DIR")
            .env_remove("ROUNDTABLE_SETS_DIR")
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&parse_planned_minutes(minutes).unwrap_err()),
            "{stderr}"
        );
        assert!(
            !sessions.exists(),
            "nothing is written for a refused command"
        );
    }
}
