//! Home and the summary at programme scale: Home lists sessions in brief (from the index)
//! and reads a session's file only when it is opened; the summary reads only the group it
//! shows. Driven through keys → actions → update → effects, as the terminal does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::{Screen, ScreenKind};
use roundtable::domain::Session;
use roundtable::store::Store;

/// Three sessions of two groups, saved in the harness's folder, and Home listing them.
fn two_groups() -> Harness {
    let mut h = Harness::new();
    let sets = h.app.shared.sets.clone();
    let store = Store::open(h.dir()).unwrap();
    for (n, group, date) in [
        (1, "Eastfield Forum", "2026-01-10"),
        (2, "Eastfield Forum", "2026-04-10"),
        (3, "Northbridge Place", "2026-05-01"),
    ] {
        let setup = roundtable::domain::SessionSetup {
            title: format!("{group} {date}"),
            group: group.into(),
            facilitator: "Morag".into(),
            participants: roundtable::domain::Participants::Seats(3),
            level: roundtable::domain::Level::Place,
            planned_minutes: 60,
        };
        let at: jiff::Timestamp = format!("{date}T10:00:00Z").parse().unwrap();
        let mut s = Session::new(&sets[0], setup, uuid::Uuid::from_u128(n), at);
        s.questions[0].agreed = Some(n as u8);
        store.save(&store.path_for(&s), &s).unwrap();
    }
    let loaded = h.runtime.load_library();
    h.act(loaded);
    h
}

fn summary_groups(h: &Harness) -> (Vec<String>, Vec<String>) {
    let Screen::Summary(state) = &h.app.screen else {
        panic!("not the summary: {:?}", h.screen());
    };
    let read: Vec<String> = state.sessions.iter().map(|s| s.group.clone()).collect();
    (state.groups.clone(), read)
}

#[test]
fn the_summary_reads_only_the_group_it_shows_and_the_next_when_asked() {
    let mut h = two_groups();
    h.press(KeyCode::Char('s'));
    let (groups, read) = summary_groups(&h);
    assert_eq!(groups, ["Northbridge Place", "Eastfield Forum"]);
    assert_eq!(
        read,
        ["Northbridge Place"],
        "only the latest group's file is read"
    );

    // `g` switches group: its files are read now, and only its.
    h.press(KeyCode::Char('g'));
    let (groups, read) = summary_groups(&h);
    assert_eq!(groups, ["Northbridge Place", "Eastfield Forum"]);
    assert_eq!(read, ["Eastfield Forum", "Eastfield Forum"]);
    let Screen::Summary(state) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(state.group_name(), Some("Eastfield Forum"));
    assert_eq!(state.comparison.sessions.len(), 2);

    // And back round to the first.
    h.press(KeyCode::Char('g'));
    assert_eq!(summary_groups(&h).1, ["Northbridge Place"]);
}

#[test]
fn opening_from_home_reads_the_file_as_it_is_now() {
    let mut h = two_groups();
    assert_eq!(h.app.shared.library.sessions.len(), 3);
    // Changed behind the app's back after Home listed it (a sync client, another laptop).
    let path = h.app.shared.library.home_rows()[0].path.clone();
    let store = Store::open(h.dir()).unwrap();
    let mut on_disk = roundtable::store::load_session_file(&path).unwrap();
    on_disk.questions[0].notes = "written on another laptop".into();
    store.save(&path, &on_disk).unwrap();

    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Question);
    assert_eq!(h.open().path, path);
    assert_eq!(
        h.open().session.questions[0].notes,
        "written on another laptop"
    );

    // What this app read is what it knows: its own save goes to the file, not a conflict copy.
    h.keys("2");
    h.tick(2_000);
    let saved = roundtable::store::load_session_file(&path).unwrap();
    assert_eq!(saved.questions[0].notes, "written on another laptop");
    assert!(
        saved.questions[0]
            .votes
            .iter()
            .any(|v| *v != roundtable::domain::Vote::Abstain)
    );
    let copies = fs::read_dir(h.dir())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".conflict-")
        })
        .count();
    assert_eq!(copies, 0);
}

#[test]
fn a_file_that_no_longer_reads_is_refused_with_where_and_nothing_opens() {
    let mut h = two_groups();
    let path = h.app.shared.library.home_rows()[0].path.clone();
    fs::write(&path, "(id: \"oops\"").unwrap();
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), ScreenKind::Home);
    let said = h.message().unwrap().to_string();
    assert!(said.starts_with("Could not open it: "), "{said}");
    assert!(
        said.contains(&*path.file_name().unwrap().to_string_lossy()),
        "{said}"
    );
    assert!(h.app.shared.open.is_none());
}

#[test]
fn the_overview_steps_back_a_quarter_and_exports_what_it_shows() {
    let mut h = two_groups();
    h.press(KeyCode::Char('o'));
    assert_eq!(h.screen(), ScreenKind::Overview);
    // The latest session is 2026-05-01: a quarter back is "as of 2026-03-31", where
    // Northbridge (first session in May) has nothing yet and Eastfield shows its January one.
    h.press(KeyCode::Char('['));
    let Screen::Overview(state) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(state.filter.as_of, Some("2026-03-31".parse().unwrap()));
    let groups: Vec<&str> = state
        .overview
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(groups, ["Eastfield Forum"]);

    h.press(KeyCode::Char('x'));
    let said = h.message().unwrap().to_string();
    assert!(said.starts_with("Overview written to "), "{said}");
    let html = h
        .dir()
        .join("reports/overview-localising-decisions-2026-03-31.html");
    assert!(html.is_file(), "{said}");
    let mut csv = csv::Reader::from_path(html.with_extension("csv")).unwrap();
    let headers = csv.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10, "ten questions × one group");
    assert!(rows.iter().all(|r| &r[at("group")] == "Eastfield Forum"));
    assert!(rows.iter().all(|r| &r[at("latest_date")] == "2026-01-10"));
    assert_eq!(&rows[0][at("score")], "1");

    // `]` comes back to the latest.
    h.press(KeyCode::Char(']'));
    let Screen::Overview(state) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(state.filter.as_of, None);
    assert_eq!(state.overview.groups.len(), 2);
}

#[test]
fn a_new_session_started_while_home_is_loading_still_starts_from_the_last_one() {
    let mut h = two_groups();
    // As at start-up on a big folder: Home drawn, its list not yet in.
    h.app.shared.library.sessions.clear();
    h.app.shared.library.loading = Some((1_000, 10_000));
    h.press(KeyCode::Char('n'));
    assert_eq!(h.screen(), ScreenKind::Setup);
    let Screen::Setup(form) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(form.default_group, "Northbridge Place");
}

#[test]
fn a_summary_of_a_group_that_is_not_there_says_so_and_g_moves_on() {
    let mut h = two_groups();
    h.act(roundtable::app::Action::OpenSummary(
        roundtable::domain::compare::Filter {
            group: Some("Westfield".into()),
            set: None,
        },
    ));
    let shown = common::screen_text(&h.app, 100, 30);
    assert!(
        shown.contains("No sessions match group “Westfield”"),
        "{shown}"
    );
    assert!(!shown.contains("No sessions to compare yet"), "{shown}");
    // `g` goes on to a group there is.
    h.press(KeyCode::Char('g'));
    let (groups, read) = summary_groups(&h);
    assert_eq!(groups.len(), 2);
    assert!(!read.is_empty(), "a group's sessions are shown");
}

#[test]
fn back_from_a_drilled_summary_is_the_overview_as_it_was_left() {
    let mut h = two_groups();
    h.press(KeyCode::Char('o'));
    // Sorted, stepped back a quarter, the second group's column selected: then drilled in.
    h.press(KeyCode::Char('s'));
    h.press(KeyCode::Char('['));
    h.press(KeyCode::Char(']'));
    h.press(KeyCode::Right);
    let left = match &h.app.screen {
        Screen::Overview(state) => (
            state.sort,
            state.filter.clone(),
            state.selected_group().map(|g| g.name.clone()),
        ),
        _ => panic!("not the overview: {:?}", h.screen()),
    };
    assert_eq!(left.2.as_deref(), Some("Northbridge Place"));
    h.press(KeyCode::Enter);
    assert_eq!(summary_groups(&h).1, ["Northbridge Place"]);
    // On to the next group from there, then back: still the overview, as left.
    h.press(KeyCode::Char('g'));
    assert_eq!(summary_groups(&h).1, ["Eastfield Forum", "Eastfield Forum"]);
    h.press(KeyCode::Char('q'));
    let Screen::Overview(state) = &h.app.screen else {
        panic!("q did not go back to the overview: {:?}", h.screen());
    };
    assert_eq!(
        (
            state.sort,
            state.filter.clone(),
            state.selected_group().map(|g| g.name.clone())
        ),
        left
    );
    // From the overview, back is Home; a summary opened from Home goes back to Home.
    h.press(KeyCode::Char('q'));
    assert_eq!(h.screen(), ScreenKind::Home);
    h.press(KeyCode::Char('s'));
    assert_eq!(h.screen(), ScreenKind::Summary);
    h.press(KeyCode::Char('q'));
    assert_eq!(h.screen(), ScreenKind::Home);
}
