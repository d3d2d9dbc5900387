//! Any session the app can hold saves through the store and loads back equal: arbitrary
//! Unicode in every text, every kind of vote, agreed scores, actions with due dates, flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sample;

use jiff::Timestamp;
use jiff::civil::Date;
use proptest::prelude::*;
use roundtable::domain::session::MAX_PLANNED_MINUTES;
use roundtable::domain::{
    ActionItem, Level, Participants, Scale, ScalePoint, Session, Status, Vote,
};
use roundtable::store::{Store, load_session_file};

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (0i64..4_000_000_000, 0i32..1_000_000_000)
        .prop_map(|(s, n)| Timestamp::new(s, n).expect("in range"))
}

fn date() -> impl Strategy<Value = Date> {
    (1990i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
}

fn scale() -> impl Strategy<Value = Scale> {
    (0u8..=5, 0u8..=5, any::<String>()).prop_map(|(min, span, label)| Scale {
        min,
        max: min + span,
        labels: (min..=min + span)
            .map(|score| ScalePoint {
                score,
                label: format!("{score} {label}"),
            })
            .collect(),
    })
}

fn participants() -> impl Strategy<Value = Participants> {
    prop_oneof![
        // Names are non-empty and unique, as the file format requires.
        prop::collection::vec(any::<String>(), 1..6).prop_map(|names| {
            Participants::Named(
                names
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| format!("{i}{n}"))
                    .collect(),
            )
        }),
        (1u16..6).prop_map(Participants::Seats),
    ]
}

fn vote(min: u8, max: u8) -> impl Strategy<Value = Vote> {
    prop_oneof![
        Just(Vote::Pending),
        Just(Vote::Abstain),
        (min..=max).prop_map(Vote::Score),
    ]
}

fn action() -> impl Strategy<Value = ActionItem> {
    (
        any::<String>(),
        any::<String>(),
        prop::option::of(date()),
        any::<bool>(),
    )
        .prop_map(|(text, owner, due, done)| ActionItem {
            text,
            owner,
            due,
            done,
            origin: None,
        })
}

/// What the facilitator can change on one question.
#[derive(Debug, Clone)]
struct QuestionEdit {
    votes: Vec<Vote>,
    agreed: Option<u8>,
    notes: String,
    actions: Vec<ActionItem>,
    revisit: bool,
    seconds_spent: u32,
}

fn session() -> impl Strategy<Value = Session> {
    (scale(), participants())
        .prop_flat_map(|(scale, participants)| {
            let seats = participants.count();
            let (min, max) = (scale.min, scale.max);
            let edit = (
                prop::collection::vec(vote(min, max), seats),
                prop::option::of(min..=max),
                any::<String>(),
                prop::collection::vec(action(), 0..3),
                any::<bool>(),
                any::<u32>(),
            )
                .prop_map(
                    |(votes, agreed, notes, actions, revisit, seconds_spent)| QuestionEdit {
                        votes,
                        agreed,
                        notes,
                        actions,
                        revisit,
                        seconds_spent,
                    },
                );
            let texts = (
                any::<String>(),
                any::<String>(),
                any::<String>(),
                any::<String>(),
            );
            let meta = (
                prop::sample::select(Level::ALL.to_vec()),
                prop::sample::select(vec![Status::InProgress, Status::Complete]),
                timestamp(),
                timestamp(),
                prop::option::of(timestamp()),
                any::<u32>(),
                0usize..10,
            );
            (
                Just(scale),
                Just(participants),
                prop::collection::vec(edit, 10),
                texts,
                meta,
            )
        })
        .prop_map(|(scale, participants, edits, texts, meta)| {
            let (title, group, facilitator, reflections) = texts;
            let (level, status, created, updated, finished, planned_minutes, current_question) =
                meta;
            let mut s = sample::session("x", 0, 0);
            s.id = uuid::Uuid::from_u128(u128::from(created.as_second().unsigned_abs()) << 64 | 7);
            s.title = title;
            s.group = group;
            s.facilitator = facilitator;
            s.reflections = reflections;
            s.participants = participants;
            s.question_set.scale = scale;
            s.level = level;
            s.status = status;
            // Times in order and a plannable length, as the file format requires.
            s.created = created;
            s.updated = updated.max(created);
            s.finished = match status {
                Status::Complete => Some(finished.unwrap_or(updated).max(created)),
                Status::InProgress => finished.map(|f| f.max(created)),
            };
            s.planned_minutes = planned_minutes % MAX_PLANNED_MINUTES + 1;
            s.current_question = current_question;
            for (q, e) in s.questions.iter_mut().zip(edits) {
                q.votes = e.votes;
                q.agreed = e.agreed;
                q.notes = e.notes;
                q.actions = e.actions;
                q.revisit = e.revisit;
                q.seconds_spent = e.seconds_spent;
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_session_saves_and_loads_back_equal(s in session()) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let path = store.path_for(&s);
        prop_assert_eq!(path.parent(), Some(dir.path()));
        store.save(&path, &s).unwrap();
        let loaded = load_session_file(&path);
        prop_assert!(loaded.is_ok(), "{:?}", loaded.as_ref().err());
        prop_assert_eq!(loaded.unwrap(), s);
        let report = store.load_all();
        prop_assert!(report.problems.is_empty(), "{:?}", report.problems);
        prop_assert_eq!(report.sessions.len(), 1);
    }
}
