//! Shared builders for the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;
use roundtable::domain::rounds::{Round, Silence, Voting};
use roundtable::domain::session::Origin;
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

/// A session using every field, and strings that need raw quoting (quotes, backslashes,
/// `"#`), line breaks, accents, CJK and emoji.
pub fn every_field() -> Session {
    let mut s = Session::from_ron(include_str!(
        "../../sessions/2026-10-13-q4-roundtable-de00b439.ron"
    ))
    .expect("the Q4 example reads");
    let t = |text: &str| text.parse::<Timestamp>().expect("timestamp");
    let origin = Origin {
        session: Uuid::from_u128(7),
        date: Date::constant(2026, 7, 14),
        title: "Q3 \"roundtable\"".into(),
        question: "data-shared".into(),
        question_title: "Data shared, 数据 🙂".into(),
    };
    s.participants = Participants::Seats(6);
    s.voting = Voting::Private;
    s.silence = Some(Silence {
        started: t("2026-10-13T10:00:00Z"),
        seconds: 60,
    });
    s.absent = vec![0, 5];
    s.reopened = vec![t("2026-10-14T09:00:00Z")];
    s.carried_from = Some(vec![Uuid::from_u128(7), Uuid::from_u128(8)]);
    s.reflections = "C:\\path and a \"quote\"\r\nnext line; a \"# and \"## too".into();
    let q = &mut s.questions[0];
    q.votes = vec![
        Vote::Score(1),
        Vote::Abstain,
        Vote::Pending,
        Vote::Score(5),
        Vote::Pending,
        Vote::Score(3),
    ];
    q.agreed = None;
    q.revisit = true;
    q.revisit_origin = Some(origin.clone());
    q.earlier_rounds = vec![Round {
        votes: vec![Vote::Score(2); 6],
    }];
    q.revealed = true;
    q.notes_on_presenter = true;
    q.notes = "Zoë: «ça va» — 住民の声\n\n🙂 end\\".into();
    q.actions = vec![
        ActionItem {
            text: "carried".into(),
            owner: String::new(),
            due: None,
            done: false,
            origin: Some(origin),
        },
        ActionItem {
            text: "new".into(),
            owner: "Ann".into(),
            due: Some(Date::constant(2027, 1, 31)),
            done: true,
            origin: None,
        },
    ];
    s
}
