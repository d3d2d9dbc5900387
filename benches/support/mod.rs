//! A programme's folder of sessions, generated: N sessions across G groups at mixed levels,
//! realistic votes, notes and actions, dates spread over the years, deterministic by seed.
//! Shared by the benchmarks; `ROUNDTABLE_BENCH_CORPUS=DIR cargo bench --bench programme`
//! writes one to a folder to try by hand (see `benches/programme.rs`).
//!
//! Bench support code: a failure here is a broken benchmark, so it panics with the reason.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use jiff::Timestamp;
use roundtable::domain::{
    ActionItem, Level, Participants, QuestionSet, Session, SessionQuestion, SessionSetup, Status,
    Vote,
};
use roundtable::store::Store;
use uuid::Uuid;

pub const NOTES: &str = "The group talked through where decisions really sit today. The council \
felt the place board now takes most neighbourhood funding decisions in public; the trust \
was less sure, pointing to sign-offs that still go up the line. The VCSE alliance asked for \
a seat where system-level choices are made, and Healthwatch noted that community voices are \
still heard at the end of items rather than the start. Agreed to test this again next time.";

const PLACES: [&str; 20] = [
    "Northbridge",
    "Eastfield",
    "Ashby",
    "Carrow",
    "Dunmere",
    "Fenwick",
    "Glenholme",
    "Harlow Vale",
    "Ingleby",
    "Kestrel Bay",
    "Lowmoor",
    "Marsden",
    "Netherby",
    "Oakhurst",
    "Pendle Cross",
    "Queensway",
    "Ravenscar",
    "Saltmarsh",
    "Thornbury",
    "Upton Green",
];

const PEOPLE: [&str; 8] = [
    "Aisha", "Tomás", "Priya", "Siobhán", "Renée", "Zoë", "Kwame", "Jürgen",
];

/// A small deterministic generator, so every run writes the same corpus.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Group `g` of a programme: its name and level. About half are neighbourhood groups, a
/// third place partnerships, the rest system boards.
pub fn group(g: usize) -> (String, Level) {
    let place = PLACES[g % PLACES.len()];
    let round = g / PLACES.len();
    let suffix = if round == 0 {
        String::new()
    } else {
        format!(" {}", round + 1)
    };
    match g % 6 {
        0..=2 => (
            format!("{place} Neighbourhood Forum{suffix}"),
            Level::Neighbourhood,
        ),
        3 | 4 => (format!("{place} Place Partnership{suffix}"), Level::Place),
        _ => (format!("{place} System Board{suffix}"), Level::System),
    }
}

pub fn sets() -> [QuestionSet; 2] {
    [
        QuestionSet::from_ron(include_str!(
            "../../assets/question-sets/localising-decisions.ron"
        ))
        .unwrap(),
        QuestionSet::from_ron(include_str!(
            "../../assets/question-sets/subsidiarity-tests.ron"
        ))
        .unwrap(),
    ]
}

/// Session `i` of a programme of `groups` groups: group `i % groups`, its `i / groups`-th
/// session, a fortnight after the one before; one in ten on the second question set. Each
/// group has its own profile per question that drifts over time.
pub fn session(sets: &[QuestionSet; 2], i: u64, groups: usize, seed: u64) -> Session {
    let g = (i % groups as u64) as usize;
    let k = i / groups as u64;
    let mut rng = Lcg::new(seed ^ (i + 1));
    let mut profile = Lcg::new(seed ^ (g as u64 + 1_000_003));
    let set = if rng.next().is_multiple_of(10) {
        &sets[1]
    } else {
        &sets[0]
    };
    let (name, level) = group(g);
    let setup = SessionSetup {
        title: format!("Roundtable {}", k + 1),
        group: name,
        facilitator: "Morag Ellison".into(),
        participants: Participants::Named(PEOPLE.map(String::from).to_vec()),
        level,
        planned_minutes: 120,
    };
    // From 2017 on, a fortnight apart, groups a few hours apart on the same day.
    let created =
        Timestamp::from_second(1_483_264_800 + k as i64 * 14 * 86_400 + g as i64 * 600).unwrap();
    let id = Uuid::from_u128(
        (u128::from(i) + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835)
            ^ u128::from(seed),
    );
    let mut s = Session::new(set, setup, id, created);
    for q in &mut s.questions {
        let base = 1 + profile.next() % 5;
        let drift = (k / 20 + rng.next() % 2) % 3;
        let centre = (base + drift).clamp(1, 5);
        fill_question(q, centre, &mut rng, true);
    }
    s.status = Status::Complete;
    s.finished = Some(created);
    s.updated = created;
    s
}

/// One question as a group left it: eight votes around `centre` (one in ten an
/// abstention), usually an agreed score, a paragraph of notes, time spent, a revisit flag
/// now and then (when `flags`), and one in four an action. Draws from `rng` in that order,
/// so a generator's corpus stays the same run after run.
pub fn fill_question(q: &mut SessionQuestion, centre: u64, rng: &mut Lcg, flags: bool) {
    q.votes = (0..PEOPLE.len())
        .map(|_| match rng.next() % 10 {
            0 => Vote::Abstain,
            r => Vote::Score((centre + r % 3).saturating_sub(1).clamp(1, 5) as u8),
        })
        .collect();
    q.agreed = (!rng.next().is_multiple_of(5)).then_some(centre as u8);
    q.notes = NOTES.to_string();
    q.seconds_spent = 300 + (rng.next() % 600) as u32;
    if flags {
        q.revisit = rng.next().is_multiple_of(7);
    }
    if rng.next().is_multiple_of(4) {
        q.actions.push(ActionItem {
            text: "Bring the sign-off list to the next place board".into(),
            owner: "Kwame".into(),
            due: None,
            done: rng.next().is_multiple_of(2),
            origin: None,
        });
    }
}

/// Write `n` sessions across `groups` groups into `dir`.
pub fn write_corpus(dir: &Path, n: u64, groups: usize, seed: u64) {
    let sets = sets();
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let s = session(&sets, i, groups.max(1), seed);
        std::fs::write(dir.join(Store::file_name_for(&s)), s.to_ron().unwrap()).unwrap();
    }
}
