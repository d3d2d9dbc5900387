//! Shared builders for the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use jiff::Timestamp;
use roundtable::domain::{ActionItem, Level, Participants, Session, SessionSetup, Vote};
use roundtable::store::Store;
use roundtable::store::sets::SetCatalog;
use uuid::Uuid;

/// The built-in question sets, in the order the setup form offers them.
pub fn builtin_sets() -> Vec<roundtable::domain::QuestionSet> {
    SetCatalog::builtin()
        .sets
        .into_iter()
        .map(|s| s.set)
        .collect()
}

/// A session on the built-in localising-decisions set, with some votes, notes and an action.
pub fn session(title: &str, id: u128, updated_secs: i64) -> Session {
    let catalog = SetCatalog::builtin();
    let set = &catalog
        .get("localising-decisions")
        .expect("built-in set")
        .set;
    let setup = SessionSetup {
        title: title.to_string(),
        group: "Northbridge Place Partnership".into(),
        facilitator: "Morag".into(),
        participants: Participants::Named(vec!["Aisha".into(), "Zoë".into(), "李".into()]),
        level: Level::Place,
        planned_minutes: 90,
    };
    let created = Timestamp::from_second(1_768_900_000).expect("valid time");
    let mut s = Session::new(set, setup, Uuid::from_u128(id), created);
    s.updated = Timestamp::from_second(1_768_900_000 + updated_secs).expect("valid time");
    s.questions[0].votes = vec![Vote::Score(2), Vote::Abstain, Vote::Score(4)];
    s.questions[0].agreed = Some(3);
    s.questions[0].notes = "We disagreed about the ICB's role.\nFollow up in Q2 🎯".into();
    s.questions[0].actions.push(ActionItem {
        text: "Map decisions taken twice".into(),
        owner: "Aisha".into(),
        due: Some(jiff::civil::date(2026, 3, 31)),
        done: false,
        origin: None,
    });
    s.questions[1].revisit = true;
    s
}

/// Save `session` into `store` at its own path and return the path.
pub fn save(store: &Store, session: &Session) -> PathBuf {
    let path = store.path_for(session);
    store.save(&path, session).expect("save");
    path
}
