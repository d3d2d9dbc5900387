//! Fuzzing both loaders with mutations of real files: the example sessions and the
//! built-in question sets, with bytes flipped, inserted and deleted and lines dropped,
//! doubled and swapped. Whatever the input, loading never panics, and a refusal always
//! says where: a line and column inside the file. And whatever the quick reader for files
//! as Roundtable writes them accepts, `ron` reads as the same session.
//!
//! The default case count keeps CI fast. For a long run (this was run for a million):
//! `PROPTEST_CASES=1000000 cargo test --release --test fuzz`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sample;

use proptest::prelude::*;
use roundtable::domain::QuestionSet;
use roundtable::domain::Session;
use roundtable::domain::quick_read::read_session;
use roundtable::domain::ron_format::{self, FormatError};

const SEEDS: [&str; 6] = [
    include_str!("../sessions/2026-01-20-q1-roundtable-8c1016b9.ron"),
    include_str!("../sessions/2026-04-21-q2-roundtable-aa41852e.ron"),
    include_str!("../sessions/2026-07-14-q3-roundtable-14705763.ron"),
    include_str!("../sessions/2026-10-13-q4-roundtable-de00b439.ron"),
    include_str!("../assets/question-sets/localising-decisions.ron"),
    include_str!("../assets/question-sets/subsidiarity-tests.ron"),
];

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte { at: usize, to: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    DropLine { line: usize },
    DoubleLine { line: usize },
    SwapLines { a: usize, b: usize },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to RON more often than chance would pick them.
    let interesting = prop::sample::select(
        b"()[]{}:,\"'\\/.-_0123456789 \n\tSomeNoneabcz#r\xc3\xa9\xff\x00".to_vec(),
    );
    let byte = prop_oneof![interesting, any::<u8>()];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(at, to)| Mutation::FlipByte { at, to }),
        (any::<usize>(), prop::collection::vec(byte, 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        any::<usize>().prop_map(|line| Mutation::DropLine { line }),
        any::<usize>().prop_map(|line| Mutation::DoubleLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::FlipByte { at, to } => {
            if !bytes.is_empty() {
                bytes[at % len] = *to;
            }
        }
        Mutation::Insert { at, bytes: new } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Delete { at, len: n } => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at % len),
        Mutation::DropLine { line } | Mutation::DoubleLine { line } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let i = line % lines.len();
            if matches!(m, Mutation::DropLine { .. }) {
                lines.remove(i);
            } else {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::SwapLines { a, b } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            *bytes = lines.join(&b'\n');
        }
    }
}

/// A refusal names a place inside the text (or just past its end, for a truncated file).
fn assert_located(text: &str, errors: &[FormatError]) {
    assert!(!errors.is_empty(), "a refusal without a problem");
    let lines = text.split('\n').count();
    for e in errors {
        assert!(
            e.line >= 1 && e.column >= 1 && e.line <= lines + 1,
            "{e} is outside a {lines}-line file"
        );
        assert!(
            !e.message.trim().is_empty(),
            "a problem without words at {e}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // Overridden by PROPTEST_CASES for a long run.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn mutated_files_never_panic_and_every_refusal_is_located(
        seed in 0..SEEDS.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        // Both loaders on every input: a set mutated into a session shape, and back.
        if let Err(e) = Session::from_ron(&text) {
            assert_located(&text, &e.problems());
        }
        if let Err(errors) = QuestionSet::from_ron(&text) {
            assert_located(&text, &errors);
        }
    }
}

/// Whatever the quick reader accepts, `ron` reads as the same session: the example sessions
/// and a session using every field (raw strings, origins, rounds), written by Roundtable,
/// then mangled by the mutations above. Drawn from a fixed seed, so a failure repeats, and
/// counted, so the check is known to have met both outcomes many times.
#[test]
fn what_the_quick_reader_accepts_ron_reads_the_same() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let every_field = ron_format::to_string(&sample::every_field()).expect("writes");
    let seeds: Vec<&str> = SEEDS[..4]
        .iter()
        .copied()
        .chain([every_field.as_str()])
        .collect();
    let mutations = prop::collection::vec(mutation(), 1..4);
    let mut runner = TestRunner::deterministic();
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..6_000 {
        let mut bytes = seeds[case % seeds.len()].as_bytes().to_vec();
        let drawn = mutations.new_tree(&mut runner).expect("a draw").current();
        for m in &drawn {
            apply(&mut bytes, m);
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        match read_session(&text) {
            Some(quick) => {
                accepted += 1;
                assert_eq!(
                    ron_format::from_str::<Session>(&text).as_ref(),
                    Ok(&quick),
                    "{drawn:?}"
                );
            }
            None => refused += 1,
        }
    }
    assert!(
        accepted > 300 && refused > 300,
        "{accepted} accepted, {refused} refused"
    );
}
