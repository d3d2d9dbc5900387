//! Session reports: Markdown and CSV of the example year's last session against committed
//! files, CSV that survives awkward notes, and HTML that is well-formed and self-contained.
//!
//! To accept a deliberate change of output: `UPDATE_EXPECTED=1 cargo test --test report`,
//! then read the diff of `tests/expected/` before committing it.

use std::path::PathBuf;

use roundtable::domain::{Participants, Session, Vote};
use roundtable::report::{
    session_html, session_markdown, session_questions_csv, session_votes_csv,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> Result<Session, Box<dyn std::error::Error>> {
    let path = root().join("sessions").join(name);
    let text = std::fs::read_to_string(&path)?;
    Session::from_ron(&text).map_err(|e| format!("{}: {e}", path.display()).into())
}

const Q1: &str = "2026-01-20-q1-roundtable-8c1016b9.ron";
const Q2: &str = "2026-04-21-q2-roundtable-aa41852e.ron";
const Q3: &str = "2026-07-14-q3-roundtable-14705763.ron";
const Q4: &str = "2026-10-13-q4-roundtable-de00b439.ron";

fn example_year() -> Result<Vec<Session>, Box<dyn std::error::Error>> {
    [Q1, Q2, Q3, Q4].iter().map(|n| example(n)).collect()
}

/// Compare with a committed file, or rewrite it when `UPDATE_EXPECTED` is set.
fn assert_expected(actual: &str, file: &str) -> TestResult {
    let path = root().join("tests/expected").join(file);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, actual)?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (run with UPDATE_EXPECTED=1 to create it)",
            path.display()
        )
    })?;
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .map_or_else(
                || "length differs".to_string(),
                |i| format!("first difference at line {}", i + 1),
            );
        return Err(format!(
            "{} differs from the output ({first}):\n{actual}",
            path.display()
        )
        .into());
    }
    Ok(())
}

#[test]
fn markdown_of_the_example_session_matches() -> TestResult {
    assert_expected(&session_markdown(&example(Q4)?), "q4-roundtable.md")
}

#[test]
fn csv_of_the_example_session_matches() -> TestResult {
    let s = example(Q4)?;
    assert_expected(&session_questions_csv(&s)?, "q4-roundtable.csv")?;
    assert_expected(&session_votes_csv(&s)?, "q4-roundtable-votes.csv")
}

/// Notes a spreadsheet would mangle if quoting were wrong.
const AWKWARD: [&str; 4] = [
    "commas, everywhere, here",
    "she said \"no\", then \"\"yes\"\"",
    "line one\nline two\r\nline three\n",
    "emoji 🎉👩🏽‍⚕️ and Zoë, 李, עברית",
];

fn awkward_session() -> Result<Session, Box<dyn std::error::Error>> {
    let mut s = example(Q4)?;
    s.participants = Participants::Named(vec!["Ann, \"the chair\"".into(), "Bob\nBrown".into()]);
    for q in &mut s.questions {
        q.votes = vec![Vote::Score(3), Vote::Abstain];
    }
    for (q, note) in s.questions.iter_mut().zip(AWKWARD) {
        q.notes = note.to_string();
    }
    s.title = "Title, with \"quotes\"".into();
    Ok(s)
}

#[test]
fn csv_round_trips_awkward_notes() -> TestResult {
    let s = awkward_session()?;
    let text = session_questions_csv(&s)?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name}"))
    };
    let (notes, title) = (col("notes")?, col("session_title")?);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), s.questions.len());
    for (row, q) in rows.iter().zip(&s.questions) {
        assert_eq!(row.len(), headers.len());
        assert_eq!(&row[notes], q.notes);
        assert_eq!(&row[title], s.title);
    }

    let votes = session_votes_csv(&s)?;
    let mut reader = csv::Reader::from_reader(votes.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), 2 * s.questions.len());
    assert_eq!(&rows[0][3], "Ann, \"the chair\"");
    assert_eq!(&rows[1][3], "Bob\nBrown");
    assert_eq!(&rows[1][4], "abstain");
    Ok(())
}

#[test]
fn html_is_well_formed_self_contained_and_escaped() -> TestResult {
    let mut s = awkward_session()?;
    s.questions[0].notes = "<script>alert('boo')</script> & <b>bold</b>".into();
    s.questions[1].short_title = "A \"quoted\" <title> & more".into();
    s.group = "Northbridge Place Partnership".into();
    let year = example_year()?;
    let html = session_html(&s, &year);
    check_well_formed(&html)?;
    assert!(
        !html.to_ascii_lowercase().contains("http"),
        "the report refers to the network"
    );
    assert!(!html.contains("<script"), "a note's script tag got through");
    assert!(html.contains(
        "&lt;script&gt;alert(&#39;boo&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    ));
    for forbidden in ["<link", "<img", "<iframe", "@import", "url("] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
    // Four sessions of the group: each question has a score-over-time chart.
    assert_eq!(
        html.matches("Score over time").count(),
        2 * s.questions.len()
    );
    Ok(())
}

#[test]
fn html_without_history_has_only_distributions() -> TestResult {
    let s = example(Q1)?;
    let html = session_html(&s, &[]);
    check_well_formed(&html)?;
    assert_eq!(html.matches("<svg").count(), s.questions.len());
    assert!(!html.contains("Score over time"));
    Ok(())
}

#[test]
fn the_well_formedness_check_can_fail() {
    assert!(check_well_formed("<p><b>x</p></b>").is_err());
    assert!(check_well_formed("<p>a & b</p>").is_err());
    assert!(check_well_formed("<p>a < b</p>").is_err());
    assert!(check_well_formed("<meta charset=\"utf-8\">").is_err());
    assert!(check_well_formed("<p class=x>y</p>").is_err());
    assert!(check_well_formed("<!DOCTYPE html>\n<p class=\"x\">&amp;&#39;<br /></p>").is_ok());
}

/// A strict XML-style check: every tag closed in order, attributes quoted, `<` and `&` only
/// as markup or entities. The report is written to pass it so any parser can read it.
fn check_well_formed(doc: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = doc.strip_prefix("<!DOCTYPE html>").unwrap_or(doc);
    let line_of = |rest: &str| doc[..doc.len() - rest.len()].matches('\n').count() + 1;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            check_text(rest).map_err(|e| format!("line {}: {e}", line_of(rest)))?;
            break;
        };
        check_text(&rest[..lt]).map_err(|e| format!("line {}: {e}", line_of(rest)))?;
        rest = &rest[lt..];
        let gt = rest
            .find('>')
            .ok_or(format!("line {}: unclosed tag", line_of(rest)))?;
        let tag = &rest[1..gt];
        let at = line_of(rest);
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("line {at}: </{name}> closes {other:?}")),
            }
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/').trim_end();
            let (name, attrs) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("line {at}: bad tag name {name:?}"));
            }
            check_attributes(attrs).map_err(|e| format!("line {at}: <{name}>: {e}"))?;
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
    }
    match stack.last() {
        Some(open) => Err(format!("<{open}> is never closed")),
        None => Ok(()),
    }
}

fn check_attributes(mut attrs: &str) -> Result<(), String> {
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return Ok(());
        }
        let eq = attrs.find('=').ok_or("attribute without a value")?;
        let name = &attrs[..eq];
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("bad attribute name {name:?}"));
        }
        let value = attrs[eq + 1..]
            .strip_prefix('"')
            .ok_or(format!("attribute {name} is not quoted"))?;
        let end = value
            .find('"')
            .ok_or(format!("attribute {name} never ends"))?;
        check_text(&value[..end])?;
        attrs = &value[end + 1..];
    }
}

fn check_text(text: &str) -> Result<(), String> {
    if text.contains('<') {
        return Err("bare < in text".into());
    }
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        rest = &rest[amp + 1..];
        let semi = rest.find(';').ok_or("bare & in text")?;
        let entity = &rest[..semi];
        let known = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if !known {
            return Err(format!("bare & or unknown entity &{entity};"));
        }
        rest = &rest[semi + 1..];
    }
    Ok(())
}

/// The example year in a temporary sessions folder, plus a session whose id shares Q4's
/// first four hex digits.
fn sessions_folder() -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    for name in [Q1, Q2, Q3, Q4] {
        std::fs::copy(root().join("sessions").join(name), tmp.path().join(name))?;
    }
    let mut twin = example(Q4)?;
    twin.id = "de00ffff-0000-4000-8000-000000000000".parse()?;
    twin.title = "Twin".into();
    std::fs::write(tmp.path().join("twin.ron"), twin.to_ron()?)?;
    Ok(tmp)
}

fn roundtable(
    dir: &std::path::Path,
    args: &[&str],
) -> Result<std::process::Output, std::io::Error> {
    std::process::Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--sessions-dir")
        .arg(dir)
        .args(args)
        .output()
}

#[test]
fn export_by_id_prefix_to_stdout_and_files() -> TestResult {
    let tmp = sessions_folder()?;
    let out = roundtable(tmp.path(), &["export", "de00b"])?;
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout)?,
        session_markdown(&example(Q4)?)
    );

    let ambiguous = roundtable(tmp.path(), &["export", "DE00"])?;
    let stderr = String::from_utf8(ambiguous.stderr)?;
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr.contains("2 sessions have an id starting with"),
        "{stderr}"
    );
    assert!(
        stderr.contains("de00b439-09cc-4c73-b223-c238b41a1e99") && stderr.contains("Twin"),
        "{stderr}"
    );

    let csv_path = tmp.path().join("out").join("q4.csv");
    std::fs::create_dir(tmp.path().join("out"))?;
    let csv_arg = csv_path.to_string_lossy().into_owned();
    let out = roundtable(
        tmp.path(),
        &["export", "de00b", "--format", "csv", "-o", &csv_arg],
    )?;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = example(Q4)?;
    assert_eq!(
        std::fs::read_to_string(&csv_path)?,
        session_questions_csv(&s)?
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out/q4-votes.csv"))?,
        session_votes_csv(&s)?
    );

    // A file path works too, and HTML charts the group's earlier sessions from the folder.
    let q3 = tmp.path().join(Q3).to_string_lossy().into_owned();
    let out = roundtable(tmp.path(), &["export", &q3, "--format", "html"])?;
    let html = String::from_utf8(out.stdout)?;
    assert!(
        html.contains(">Jan 2026<") && html.contains(">Jul 2026<") && !html.contains(">Oct 2026<")
    );
    Ok(())
}

#[test]
fn export_next_to_sessions_writes_into_reports() -> TestResult {
    use roundtable::report::Format;
    use roundtable::runtime::export_next_to_sessions;
    use roundtable::store::Store;
    let tmp = sessions_folder()?;
    let store = Store::open(tmp.path())?;
    let s = example(Q4)?;
    let path = export_next_to_sessions(&store, &s, Format::Csv)?;
    assert_eq!(
        path,
        tmp.path()
            .join("reports/2026-10-13-q4-roundtable-de00b439.csv")
    );
    assert!(
        tmp.path()
            .join("reports/2026-10-13-q4-roundtable-de00b439-votes.csv")
            .is_file()
    );
    let html = export_next_to_sessions(&store, &s, Format::Html)?;
    assert!(std::fs::read_to_string(html)?.contains(">Apr 2026<"));
    // Reports never show up as sessions.
    let loaded = store.load_all();
    assert_eq!((loaded.sessions.len(), loaded.problems.len()), (5, 0));
    Ok(())
}

#[test]
fn comparison_html_of_the_example_year_is_well_formed() -> TestResult {
    let out = roundtable(&root().join("sessions"), &["summary", "--format", "html"])?;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout)?;
    check_well_formed(&html)?;
    assert!(!html.to_ascii_lowercase().contains("http"));
    assert!(html.contains("Northbridge Place Partnership: how scores moved"));
    // Ten questions, each with a sparkline, plus the overall chart.
    assert_eq!(html.matches("<svg").count(), 11);
    assert!(html.contains("<th class=\"num\">3.3</th>"), "Q4's mean");
    assert!(html.contains("Still open, as of Q4 roundtable"));
    Ok(())
}
