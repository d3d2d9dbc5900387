//! The quick reader (`domain::quick_read`) on files as Roundtable writes them: every field,
//! Windows line ends, and the hand edits it must leave to `ron`. That whatever it accepts
//! `ron` reads the same is fuzzed in `tests/fuzz.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sample;

use roundtable::domain::Session;
use roundtable::domain::quick_read::read_session;
use roundtable::domain::ron_format;

fn by_ron(text: &str) -> Result<Session, ron_format::FormatError> {
    ron_format::from_str::<Session>(text)
}

const EXAMPLES: [&str; 4] = [
    include_str!("../sessions/2026-01-20-q1-roundtable-8c1016b9.ron"),
    include_str!("../sessions/2026-04-21-q2-roundtable-aa41852e.ron"),
    include_str!("../sessions/2026-07-14-q3-roundtable-14705763.ron"),
    include_str!("../sessions/2026-10-13-q4-roundtable-de00b439.ron"),
];

/// The example sessions and the every-field session, as Roundtable writes them.
fn written() -> Vec<(Session, String)> {
    let mut sessions: Vec<Session> = EXAMPLES
        .iter()
        .map(|t| Session::from_ron(t).expect("example reads"))
        .collect();
    sessions.push(sample::every_field());
    sessions
        .into_iter()
        .map(|s| {
            let text = ron_format::to_string(&s).expect("writes");
            (s, text)
        })
        .collect()
}

#[test]
fn every_file_roundtable_writes_is_read_as_written() {
    let written = written();
    for (s, text) in &written {
        assert_eq!(read_session(text).as_ref(), Some(s), "{text}");
        assert_eq!(by_ron(text).as_ref(), Ok(s));
    }
    // The raw strings were used: the test covers them.
    assert!(written[4].1.contains("r#\""), "no raw string written");
}

#[test]
fn windows_line_ends_read_the_same() {
    for (_, text) in written() {
        let crlf = text.replace('\n', "\r\n");
        let quick = read_session(&crlf);
        assert!(quick.is_some());
        assert_eq!(quick.ok_or(()), by_ron(&crlf).map_err(|_| ()));
    }
}

#[test]
fn hand_edits_are_left_to_ron() {
    let text = &written()[0].1;
    let edits = [
        text.replacen("(\n", "// a comment\n(\n", 1),
        text.replacen("agreed: 2", "agreed: Some(2)", 1),
        text.replacen("format_version: 1,\n", "", 1),
        text.replacen("    title:", "    id2: 1,\n    title:", 1),
        text.replacen("Named(", "Named (", 1).replacen(
            "\"Aisha Rahman\"",
            "\"Ai\\u{73}ha Rahman\"",
            1,
        ),
        text.replacen("agreed: 2", "agreed: 0x2", 1),
        format!("#![enable(implicit_some)]\n{text}"),
    ];
    for edit in edits {
        assert_ne!(&edit, text, "the edit did not apply");
        assert_eq!(read_session(&edit), None, "{edit}");
    }
    // Left to ron, a hand edit still reads when it is valid RON.
    let escaped = text.replacen("\"Aisha Rahman\"", "\"Ai\\u{73}ha Rahman\"", 1);
    assert!(Session::from_ron(&escaped).is_ok());
}
