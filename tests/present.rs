//! One session whose mean score is 3.25, and the mean reads `3.3` wherever it is shown:
//! Home, `roundtable list`, the summary screen, `summary --format text|markdown|csv|html` and
//! the session reports. Before the presentation vocabulary the same mean read `3.2`, `3.25`
//! or `3.3` depending on where one looked.
//!
//! Each output is read the way its reader reads it: the screen as cells, CSV through the
//! `csv` crate, Markdown through `pulldown-cmark`, text as whitespace-separated columns.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::Harness;
use jiff::Timestamp;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::{Action, ScreenKind};
use roundtable::domain::compare::Filter;
use roundtable::domain::{Level, Participants, Session, SessionSetup, Status, Vote};
use roundtable::report::{Format, render_session};
use roundtable::store::Store;
use roundtable::store::sets::SetCatalog;
use roundtable::ui::{self, theme::Theme};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const TITLE: &str = "Mean check";
/// 3 + 3 + 3 + 4 over four agreed questions: an exact half at the second decimal.
const MEAN: &str = "3.3";

/// A finished session of the built-in set with four questions agreed at 3, 3, 3 and 4 and
/// the rest left unscored, so the mean of agreed scores (Home, `list`, the reports) and the
/// mean of headline scores (the summary) are both exactly 3.25.
fn session() -> Result<Session, Box<dyn std::error::Error>> {
    let catalog = SetCatalog::builtin();
    let set = catalog
        .sets
        .iter()
        .map(|s| &s.set)
        .find(|s| s.id == "localising-decisions")
        .ok_or("the built-in set")?;
    let created: Timestamp = "2026-03-12T10:00:00Z".parse()?;
    let setup = SessionSetup {
        title: TITLE.into(),
        group: "Westmoor Place Board".into(),
        facilitator: "Ada".into(),
        participants: Participants::Named(vec!["Ann".into(), "Bob".into()]),
        level: Level::Place,
        planned_minutes: 60,
    };
    let mut s = Session::new(set, setup, uuid::Uuid::from_u128(0x3_25), created);
    for (q, agreed) in s.questions.iter_mut().zip([3, 3, 3, 4]) {
        q.votes = vec![Vote::Score(agreed), Vote::Score(agreed)];
        q.agreed = Some(agreed);
    }
    s.status = Status::Complete;
    s.finished = Some(created);
    assert_eq!(
        s.mean_score().map(|m| m.value),
        Some(3.25),
        "the fixture's premise"
    );
    Ok(s)
}

/// A sessions folder holding just that session.
fn folder(s: &Session) -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join(Store::file_name_for(s)), s.to_ron()?)?;
    Ok(dir)
}

fn roundtable(dir: &Path, args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--sessions-dir")
        .arg(dir)
        .args(args)
        .env_remove("ROUNDTABLE_SETS_DIR")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()?;
    if !out.status.success() {
        return Err(format!("{args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// The screen as lines of text, as a person sees it.
fn screen(h: &Harness) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    terminal.draw(|f| ui::view(f, &h.app, Theme::plain()))?;
    let buffer = terminal.backend().buffer();
    Ok((0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect())
}

/// The words of the line that contains `needle`, box-drawing borders dropped.
fn words_of_line_with(lines: &[String], needle: &str) -> Vec<String> {
    lines
        .iter()
        .find(|l| l.contains(needle))
        .map(|l| {
            l.split_whitespace()
                .filter(|w| !w.chars().all(|c| "│┃║".contains(c)))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Every table row of a Markdown document, as the text of its cells.
fn markdown_rows(md: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => row.clear(),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => row.extend(cell.take()),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => rows.push(std::mem::take(&mut row)),
            _ => {}
        }
    }
    rows
}

/// Every paragraph of a Markdown document, as plain text.
fn markdown_paragraphs(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Paragraph) => current = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(p) = current.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::End(TagEnd::Paragraph) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The values of one CSV column, by its header.
fn csv_column(text: &str, name: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let col = reader
        .headers()?
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("no {name} column"))?;
    Ok(reader
        .records()
        .map(|r| r.map(|r| r[col].to_string()))
        .collect::<Result<_, _>>()?)
}

/// The text inside the first element that starts right after `after` (an HTML fragment).
fn html_text_after<'a>(html: &'a str, after: &str) -> Option<&'a str> {
    let rest = &html[html.find(after)? + after.len()..];
    let open_end = rest.find('>')?;
    let rest = &rest[open_end + 1..];
    Some(&rest[..rest.find('<')?])
}

#[test]
fn the_mean_reads_the_same_everywhere() -> TestResult {
    let s = session()?;
    let dir = folder(&s)?;

    // Home: the session's row ends with its mean.
    let mut h = Harness::in_dir(dir);
    assert_eq!(h.screen(), ScreenKind::Home);
    let home = screen(&h)?;
    assert_eq!(
        words_of_line_with(&home, TITLE).last().map(String::as_str),
        Some(MEAN),
        "Home:\n{}",
        home.join("\n")
    );

    // The summary screen: the matrix's Mean row, and the chart's mean per session.
    h.act(Action::OpenSummary(Filter::default()));
    assert_eq!(h.screen(), ScreenKind::Summary);
    let summary = screen(&h)?;
    let text = summary.join("\n");
    let mean_row = words_of_line_with(&summary, " Mean ");
    assert_eq!(mean_row, ["Mean", MEAN], "summary screen:\n{text}");
    assert!(
        summary
            .iter()
            .any(|l| l.trim_end().ends_with(&format!("─ {MEAN} ┘"))),
        "the chart's mean per session, on its bottom border:\n{text}"
    );
    let dir = h.dir().to_path_buf();

    // `roundtable list`: the MEAN column.
    let list = roundtable(&dir, &["list"])?;
    let lines: Vec<String> = list.lines().map(str::to_string).collect();
    assert_eq!(
        words_of_line_with(&lines, "MEAN")
            .last()
            .map(String::as_str),
        Some("MEAN")
    );
    assert_eq!(
        words_of_line_with(&lines, TITLE).last().map(String::as_str),
        Some(MEAN),
        "{list}"
    );

    // `summary --format text`: the Mean line under the matrix.
    let text = roundtable(&dir, &["summary", "--format", "text"])?;
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(
        words_of_line_with(&lines, "Mean "),
        ["Mean", MEAN],
        "{text}"
    );

    // `summary --format markdown`: the table's Mean row.
    let md = roundtable(&dir, &["summary", "--format", "markdown"])?;
    let rows = markdown_rows(&md);
    let mean_row = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "Mean"))
        .ok_or_else(|| format!("no Mean row in\n{md}"))?;
    assert_eq!(mean_row[1], MEAN, "{md}");

    // `summary --format csv`: the session's mean on every row.
    let csv = roundtable(&dir, &["summary", "--format", "csv"])?;
    let means = csv_column(&csv, "session_mean")?;
    assert_eq!(means.len(), 10, "{csv}");
    assert!(means.iter().all(|m| m == MEAN), "{means:?}");

    // `summary --format html`: the matrix's Mean row and the chart's label.
    let html = roundtable(&dir, &["summary", "--format", "html"])?;
    assert_eq!(
        html_text_after(&html, "<th class=\"q\">Mean</th>"),
        Some(MEAN),
        "matrix"
    );
    assert!(
        html.contains(&format!("Mean check, 12 March 2026: {MEAN}</title>")),
        "chart tooltip"
    );

    // The session reports, as `x` on the review screen and `roundtable export` write them.
    let md = render_session(&s, &[], Format::Markdown)?.main;
    let said = markdown_paragraphs(&md)
        .into_iter()
        .find(|p| p.starts_with("Mean score"))
        .ok_or("no mean in the Markdown report")?;
    assert_eq!(
        said.split_whitespace().nth(2),
        Some(MEAN),
        "Markdown report: {said}"
    );
    let csv = render_session(&s, &[], Format::Csv)?.main;
    let means = csv_column(&csv, "session_mean")?;
    assert_eq!(means.len(), 10);
    assert!(means.iter().all(|m| m == MEAN), "CSV report: {means:?}");
    let html = render_session(&s, &[], Format::Html)?.main;
    assert_eq!(
        html_text_after(&html, "<p>Mean score "),
        Some(MEAN),
        "HTML report"
    );
    let file = dir.join(Store::file_name_for(&s));
    let exported = roundtable(
        &dir,
        &["export", &file.to_string_lossy(), "--format", "markdown"],
    )?;
    assert_eq!(exported, md, "`roundtable export` prints the same report");
    Ok(())
}
