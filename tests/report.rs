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

/// Text a participant or facilitator might type that a spreadsheet or Markdown would
/// otherwise take for code: formulas, headings, HTML, table pipes, emphasis, list markers.
fn hostile_session() -> Result<Session, Box<dyn std::error::Error>> {
    let mut s = example(Q4)?;
    s.title = "Budget | Q1 <draft>".into();
    s.group = "# Eastfield *core* [team]".into();
    s.facilitator = "@Zoë_Adébáyọ̀".into();
    s.participants = Participants::Named(vec![
        "=cmd|' /C calc'!A0".into(),
        "+Tomás Ó Briain".into(),
        "-李小龍".into(),
        "\tTab Start".into(),
    ]);
    for q in &mut s.questions {
        q.votes = vec![
            Vote::Score(3),
            Vote::Score(4),
            Vote::Abstain,
            Vote::Score(2),
        ];
    }
    s.questions[0].notes = HOSTILE_NOTE.into();
    s.questions[1].notes = "=SUM(A1:A9)\n-1\n+2\n@risk".into();
    s.questions[1].short_title = "-1 is data, -x is not".into();
    s.questions[2].actions.push(roundtable::domain::ActionItem {
        text: "`rm -rf` | *soon* <b>now</b>".into(),
        owner: "_Tomás_ & co".into(),
        due: None,
        done: false,
        origin: None,
    });
    s.reflections = "1. first\n2) second\n> quoted\n---\n===".into();
    Ok(s)
}

const HOSTILE_NOTE: &str = "# not a heading\n<script>alert('x')</script>\n| pipes | in | a row |\n\
    *stars* and __under__ and ~~strike~~\n1. not a list\n- not a bullet\n> not a quote\n\
    `backticks` and ```fences```\n[link](http://example.org) and ![img](x.png)\n\
    &amp; stays &amp; and \\ stays \\\n$x$ and ^sup^ and @cite and {.class}\n\
    a. pandoc list\n(1) another\n: definition\n    indented code?\n\nAfter a blank line.";

fn bom_stripped(text: &str) -> Result<&str, Box<dyn std::error::Error>> {
    Ok(text
        .strip_prefix('\u{feff}')
        .ok_or("the CSV has no byte-order mark")?)
}

#[test]
fn csv_opens_right_in_spreadsheets() -> TestResult {
    let s = hostile_session()?;
    let questions = session_questions_csv(&s)?;
    let votes = session_votes_csv(&s)?;
    // Excel needs the mark to read UTF-8; the csv crate reads past it.
    bom_stripped(&questions)?;
    bom_stripped(&votes)?;
    let mut reader = csv::Reader::from_reader(questions.as_bytes());
    let headers = reader.headers()?.clone();
    assert_eq!(
        &headers[0], "session_id",
        "the mark is not part of the header"
    );
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let (notes, title, short, group, status) = (
        col("notes")?,
        col("session_title")?,
        col("short_title")?,
        col("group")?,
        col("session_status")?,
    );
    assert_eq!(&rows[0][title], "Budget | Q1 <draft>");
    assert_eq!(&rows[0][group], "# Eastfield *core* [team]");
    assert_eq!(&rows[0][notes], HOSTILE_NOTE);
    assert_eq!(&rows[0][status], "complete");
    // A formula is shown as text: one leading apostrophe, the rest as typed.
    assert_eq!(&rows[1][notes], "'=SUM(A1:A9)\n-1\n+2\n@risk");
    assert_eq!(&rows[1][short], "'-1 is data, -x is not");

    let mut reader = csv::Reader::from_reader(votes.as_bytes());
    assert_eq!(&reader.headers()?[0], "session_id");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let names: Vec<&str> = rows.iter().take(4).map(|r| &r[3]).collect();
    assert_eq!(
        names,
        [
            "'=cmd|' /C calc'!A0",
            "'+Tomás Ó Briain",
            "'-李小龍",
            "'\tTab Start"
        ]
    );
    Ok(())
}

#[test]
fn plain_numbers_stay_numbers_and_formulas_become_text() {
    use roundtable::report::csv::spreadsheet_safe;
    for number in ["-1", "+2", "-0.5", "3", "2.5"] {
        assert_eq!(spreadsheet_safe(number), number);
    }
    for (typed, shown) in [
        ("=1+1", "'=1+1"),
        ("-1+1", "'-1+1"),
        ("-", "'-"),
        ("-.5", "'-.5"),
        ("+", "'+"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("Tomás", "Tomás"),
    ] {
        assert_eq!(spreadsheet_safe(typed), shown, "{typed:?}");
    }
}

/// The Markdown report as a reader sees it: the text of each heading, paragraph, list
/// item and table cell (hard and soft breaks as newlines), and every raw HTML fragment.
#[derive(Debug, Default)]
struct Rendered {
    headings: Vec<String>,
    blocks: Vec<String>,
    cells: Vec<String>,
    html: Vec<String>,
}

fn render_markdown(md: &str) -> Rendered {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = Rendered::default();
    let mut text = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell) => text.clear(),
            Event::Start(Tag::Item) => text.clear(),
            Event::End(TagEnd::Heading(_)) => out.headings.push(std::mem::take(&mut text)),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                out.blocks.push(std::mem::take(&mut text))
            }
            Event::End(TagEnd::TableCell) => out.cells.push(std::mem::take(&mut text)),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => out.html.push(h.to_string()),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_renders_user_text_as_typed() -> TestResult {
    let s = hostile_session()?;
    let md = session_markdown(&s);
    let r = render_markdown(&md);
    assert!(r.html.is_empty(), "raw HTML got through: {:?}", r.html);
    let mut expected_headings = vec![
        s.title.clone(),
        "Scores at a glance".to_string(),
        "Questions".to_string(),
    ];
    expected_headings.extend(
        s.questions
            .iter()
            .enumerate()
            .map(|(i, q)| format!("{}. {}", i + 1, q.short_title)),
    );
    expected_headings.extend(["Actions", "To revisit", "Reflections"].map(String::from));
    assert_eq!(
        r.headings, expected_headings,
        "only the report's own headings"
    );

    // The note: its lines as typed (Markdown drops leading spaces), blank lines as
    // paragraph breaks.
    let note_paragraphs: Vec<String> = HOSTILE_NOTE
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join("\n"))
        .collect();
    let at = r
        .blocks
        .iter()
        .position(|b| *b == note_paragraphs[0])
        .ok_or_else(|| format!("the note is not one paragraph as typed: {:#?}", r.blocks))?;
    assert_eq!(r.blocks[at + 1], note_paragraphs[1]);
    assert!(
        r.blocks
            .contains(&"1. first\n2) second\n> quoted\n---\n===".to_string())
    );
    assert!(r.blocks.contains(&format!("Group: {}", s.group)));
    assert!(
        r.blocks
            .contains(&format!("Facilitator: {}", s.facilitator))
    );

    // Table cells: as typed, never split by a pipe.
    let action = s.questions[2].actions.last().ok_or("no action")?;
    assert!(r.cells.contains(&action.text), "{:?}", r.cells);
    assert!(r.cells.contains(&action.owner));
    assert!(r.cells.contains(&s.questions[1].short_title));
    let rows_of_actions = md.lines().filter(|l| l.contains("rm -rf")).count();
    assert_eq!(rows_of_actions, 1);
    Ok(())
}

#[test]
fn the_markdown_check_can_fail() {
    let r = render_markdown("# a\n\n<b>x</b> | y\n\n- *z*\n");
    assert_eq!(r.headings, ["a"]);
    assert!(!r.html.is_empty());
    assert!(r.blocks.contains(&"z".to_string()), "{:?}", r.blocks);
}

#[test]
fn a_report_of_an_unfinished_session_says_so_first() -> TestResult {
    let mut s = example(Q4)?;
    s.status = roundtable::domain::Status::InProgress;
    s.finished = None;
    let md = session_markdown(&s);
    assert!(
        md.lines()
            .next()
            .is_some_and(|l| l.contains("Not finished")),
        "{md}"
    );
    let html = session_html(&s, &[]);
    let body = html.split("<main>").nth(1).ok_or("no main")?;
    let first_text = body.trim_start().lines().nth(1).ok_or("empty body")?;
    assert!(
        first_text.starts_with("<p class=\"notice\">Not finished"),
        "{first_text}"
    );
    assert!(html.contains("<title>Not finished: "));
    let csv = session_questions_csv(&s)?;
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|l| l.ends_with(",in progress"))
    );

    let done = example(Q4)?;
    assert!(!session_markdown(&done).contains("Not finished"));
    assert!(!session_html(&done, &[]).contains("Not finished"));
    Ok(())
}
