//! `roundtable summary --format …` on the example year, checked value by value.
//!
//! The expected numbers were worked out by hand from the files in `sessions/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use roundtable::cli::summary;
use roundtable::cli::{EXIT_FAILURE, EXIT_OK, LevelArg, SummaryArgs, SummaryFormat};
use roundtable::domain::Session;

fn example_year() -> Vec<Session> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // Newest first on purpose: the comparison must order by date itself.
    paths.sort();
    paths.reverse();
    paths
        .iter()
        .map(|p| Session::from_ron(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

fn run_on(
    sessions: &[Session],
    format: SummaryFormat,
    group: Option<&str>,
    problems: &[String],
) -> (i32, String, String) {
    let args = SummaryArgs {
        group: group.map(str::to_string),
        set: None,
        level: None,
        format: Some(format),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = summary::run(sessions, problems, &args, Some(100), &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn run(format: SummaryFormat, problems: &[String]) -> (i32, String, String) {
    run_on(&example_year(), format, None, problems)
}

/// Per question: id, short title, headline score per session ("*" = median fallback),
/// change since the previous session, trend over all four, latest min–max.
type Row = (
    &'static str,
    &'static str,
    [&'static str; 4],
    &'static str,
    &'static str,
    &'static str,
);

const ROWS: [Row; 10] = [
    (
        "decisions-once-transparent",
        "Decisions taken once, in public",
        ["2", "2", "3", "3"],
        "0",
        "↑ up",
        "2–3",
    ),
    (
        "voices-inform-needs",
        "Voices that inform decisions",
        ["2", "3", "3", "4"],
        "+1",
        "↑ up",
        "3–4",
    ),
    (
        "agreed-levels",
        "Agreed levels for decisions",
        ["1", "2", "3", "4"],
        "+1",
        "↑ up",
        "3–4",
    ),
    (
        "outcomes-drive-governance",
        "Outcomes drive governance",
        ["3", "3", "3", "3"],
        "0",
        "→ flat",
        "2–4 !",
    ),
    (
        "coalitions-shared-outcomes",
        "Coalitions for shared outcomes",
        ["3", "4", "4", "4"],
        "0",
        "↑ up",
        "4–5",
    ),
    (
        "space-for-relationships",
        "Space for relationships",
        ["4", "4", "3", "2"],
        "−1",
        "↓ down",
        "1–3 !",
    ),
    (
        "trust-up-and-down",
        "Trust up and down the line",
        ["2", "2.5*", "3", "3"],
        "0",
        "↑ up",
        "3–4",
    ),
    (
        "funding-devolved",
        "Funding devolved, sign-offs cut",
        ["1", "1", "2", "2.5*"],
        "+0.5",
        "↑ up",
        "1–4 !",
    ),
    (
        "differences-understood",
        "Differences understood",
        ["2", "3", "3", "4"],
        "+1",
        "↑ up",
        "3–4",
    ),
    (
        "data-shared",
        "Data shared between partners",
        ["2", "2", "3", "3"],
        "0",
        "↑ up",
        "3–4",
    ),
];

const DATES: [&str; 4] = ["2026-01-20", "2026-04-21", "2026-07-14", "2026-10-13"];
/// 22/10, 26.5/10, 30/10 and 32.5/10, rounded half away from zero to one decimal.
const MEANS: [&str; 4] = ["2.2", "2.7", "3.0", "3.3"];

#[test]
fn text_is_an_aligned_table_within_100_columns() {
    let (code, out, err) = run(SummaryFormat::Text, &[]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert_eq!(err, "");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Northbridge Place Partnership");
    assert_eq!(
        lines[1],
        "Localising decision-making: ten reflection questions (localising-decisions)"
    );
    assert_eq!(lines[2], "Level: place");
    assert_eq!(lines[3], "4 sessions, 2026-01-20 to 2026-10-13");
    let header = lines
        .iter()
        .position(|l| l.starts_with("Question"))
        .unwrap();
    let cols: Vec<&str> = lines[header].split_whitespace().collect();
    assert_eq!(cols[1..5], DATES);
    assert_eq!(cols[5..], ["Change", "Trend", "Spread"]);
    for (i, (_, title, cells, change, trend, spread)) in ROWS.iter().enumerate() {
        let line = lines[header + 1 + i];
        assert!(line.starts_with(title), "{line}");
        let rest: Vec<&str> = line[title.len()..].split_whitespace().collect();
        let mut want: Vec<&str> = cells.to_vec();
        want.push(change);
        want.extend(trend.split(' '));
        want.extend(spread.split(' '));
        assert_eq!(rest, want, "row {title}");
    }
    let mean_line = lines[header + 11];
    let means: Vec<&str> = mean_line.split_whitespace().collect();
    assert_eq!(means[0], "Mean");
    assert_eq!(means[1..], MEANS);
    // Aligned: every score column ends at the same place as its date heading.
    let date_end = lines[header].find("2026-10-13").unwrap() + "2026-10-13".len();
    for line in &lines[header + 1..header + 12] {
        let upto: String = line.chars().take(date_end).collect();
        assert!(!upto.ends_with(' '), "misaligned: {line:?}");
    }
    for line in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(*line) <= 100,
            "too wide: {line}"
        );
    }
}

/// The example year and a fifth session a quarter later.
fn five_sessions() -> Vec<Session> {
    let mut sessions = example_year();
    // A fifth session a quarter later, so the oldest no longer fits in 100 columns.
    let mut next = sessions
        .iter()
        .find(|s| s.title == "Q4 roundtable")
        .unwrap()
        .clone();
    next.id = uuid::Uuid::from_u128(5);
    next.created = "2027-01-19T09:30:00Z".parse().unwrap();
    next.updated = "2027-01-19T11:30:00Z".parse().unwrap();
    sessions.push(next);
    sessions
}

fn text_at(sessions: &[Session], width: Option<usize>) -> String {
    let args = SummaryArgs {
        group: None,
        set: None,
        level: None,
        format: Some(SummaryFormat::Text),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = summary::run(sessions, &[], &args, width, &mut out, &mut err);
    assert_eq!(code, EXIT_OK);
    String::from_utf8(out).unwrap()
}

#[test]
fn text_keeps_the_newest_sessions_that_fit() {
    let sessions = five_sessions();
    let (code, out, _) = run_on(&sessions, SummaryFormat::Text, None, &[]);
    assert_eq!(code, EXIT_OK);
    // The heading wraps at the edge of the window: read it as one text.
    assert!(
        out.replace('\n', " ")
            .contains("(the oldest session is not shown: widen the window, or use --format csv)"),
        "{out}"
    );
    assert!(!out.contains("2026-01-20  "), "{out}");
    assert!(out.contains("2027-01-19"));
    assert!(
        out.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100)
    );
}

#[test]
fn a_narrow_terminal_says_how_many_sessions_it_leaves_out() {
    let out = text_at(&five_sessions(), Some(70));
    assert!(
        out.replace('\n', " ")
            .contains("(the 4 oldest sessions are not shown"),
        "{out}"
    );
    assert!(
        out.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 70)
    );
}

#[test]
fn piped_text_shows_every_session_and_whole_titles() {
    let mut sessions = five_sessions();
    for s in &mut sessions {
        s.questions[0].short_title =
            "Decisions taken once, in public, and recorded where all can read them".into();
    }
    let out = text_at(&sessions, None);
    assert!(!out.contains("not shown") && !out.contains('…'), "{out}");
    for date in DATES.iter().chain(&["2027-01-19"]) {
        assert!(out.contains(date), "{date} missing:\n{out}");
    }
    assert!(
        out.contains("Decisions taken once, in public, and recorded where all can read them  ")
    );
}

#[test]
fn group_by_any_case_or_unique_start_and_level() {
    let mut sessions = example_year();
    let mut other = sessions[0].clone();
    other.id = uuid::Uuid::from_u128(9);
    other.group = "North Hill Neighbourhood Forum".into();
    other.level = roundtable::domain::Level::Neighbourhood;
    sessions.push(other);
    let run_with = |group: Option<&str>, level: Option<LevelArg>| {
        let args = SummaryArgs {
            group: group.map(str::to_string),
            set: None,
            level,
            format: Some(SummaryFormat::Text),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = summary::run(&sessions, &[], &args, None, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    };
    let (code, out, err) = run_with(Some("northbridge"), None);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.starts_with("Northbridge Place Partnership\n") && out.contains("4 sessions"));
    let (code, out, _) = run_with(Some("NORTH h"), None);
    assert_eq!(code, EXIT_OK);
    assert!(out.contains("Level: neighbourhood\n1 session"), "{out}");
    let (code, _, err) = run_with(Some("north"), None);
    assert_eq!(code, EXIT_FAILURE);
    assert!(
        err.contains("2 groups start with \"north\"")
            && err.contains("\n  Northbridge Place Partnership")
            && err.contains("\n  North Hill Neighbourhood Forum"),
        "{err}"
    );
    // By level alone: the most recent session at that level sets the group.
    let (code, out, _) = run_with(None, Some(LevelArg::Neighbourhood));
    assert_eq!(code, EXIT_OK);
    assert!(out.starts_with("North Hill"), "{out}");
    let (code, _, err) = run_with(Some("northbridge"), Some(LevelArg::System));
    assert_eq!(code, EXIT_FAILURE);
    assert!(err.contains("No sessions match"), "{err}");
}

#[test]
fn markdown_table_rows() {
    let (code, out, _) = run(SummaryFormat::Markdown, &[]);
    assert_eq!(code, EXIT_OK);
    assert!(out.starts_with("# Northbridge Place Partnership\n"));
    assert!(out.contains(&format!(
        "| Question | {} | Change | Trend | Spread now |",
        DATES.join(" | ")
    )));
    for (_, title, cells, change, trend, spread) in ROWS {
        let cells: Vec<String> = cells.iter().map(|c| c.replace('*', "\\*")).collect();
        let row = format!(
            "| {title} | {} | {change} | {trend} | {spread} |",
            cells.join(" | ")
        );
        assert!(out.contains(&row), "missing {row}\n{out}");
    }
    assert!(out.contains(&format!("| **Mean** | {} |", MEANS.join(" | "))));
    // Movers, disagreements and the carried-forward actions of October.
    assert!(out.contains("- Space for relationships (−1)"));
    assert!(out.contains("- Funding devolved, sign-offs cut (votes from 1 to 4)"));
    assert!(out.contains(
        "| Agree with the trust's finance director which remaining sign-offs can go | Tomás Ó Briain | 2026-11-30 | Funding devolved, sign-offs cut |"
    ));
    assert!(
        !out.contains("Circulate the dashboard link"),
        "done actions are not carried"
    );
}

#[test]
fn csv_has_one_row_per_session_and_question() {
    let (code, out, err) = run(SummaryFormat::Csv, &[]);
    assert_eq!((code, err.as_str()), (EXIT_OK, ""));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "date",
            "group",
            "set",
            "question_id",
            "agreed",
            "median",
            "min",
            "max",
            "votes",
            "abstentions",
            "session_mean"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 40);
    for (s, date) in DATES.iter().enumerate() {
        for (q, (id, _, cells, ..)) in ROWS.iter().enumerate() {
            let r = &records[s * 10 + q];
            assert_eq!(
                (&r[0], &r[1], &r[2], &r[3]),
                (
                    *date,
                    "Northbridge Place Partnership",
                    "localising-decisions",
                    *id
                )
            );
            assert_eq!(&r[10], MEANS[s], "{date} {id}");
            // Agreed is empty where the cell shows the median instead.
            match cells[s].strip_suffix('*') {
                Some(median) => assert_eq!((&r[4], &r[5]), ("", median), "{date} {id}"),
                None => assert_eq!(&r[4], cells[s], "{date} {id}"),
            }
        }
    }
    // Spot checks of the vote counts, by hand from the files.
    let row = |date: &str, id: &str| {
        records
            .iter()
            .find(|r| &r[0] == date && &r[3] == id)
            .unwrap()
            .iter()
            .skip(4)
            .take(6)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row("2026-04-21", "trust-up-and-down"),
        ["", "2.5", "1", "4", "6", "1"]
    );
    assert_eq!(
        row("2026-10-13", "funding-devolved"),
        ["", "2.5", "1", "4", "6", "2"]
    );
    assert_eq!(
        row("2026-10-13", "space-for-relationships"),
        ["2", "2", "1", "3", "8", "0"]
    );
    assert_eq!(
        row("2026-01-20", "funding-devolved"),
        ["1", "1", "1", "2", "6", "1"]
    );
    assert_eq!(
        row("2026-07-14", "coalitions-shared-outcomes"),
        ["4", "4", "3", "4", "7", "0"]
    );
}

#[test]
fn problem_files_are_listed_not_dropped() {
    let problems = ["sessions/broken.ron:12:5: the file ends too early".to_string()];
    let (_, out, err) = run(SummaryFormat::Text, &problems);
    assert!(out.contains("1 file(s) could not be read"));
    assert!(out.contains(&problems[0]));
    assert_eq!(err, "");
    let (_, out, _) = run(SummaryFormat::Markdown, &problems);
    assert!(out.contains("## Files not included"));
    assert!(out.contains(&problems[0]));
    // CSV stays machine-readable: problems go to stderr.
    let (code, out, err) = run(SummaryFormat::Csv, &problems);
    assert_eq!(code, EXIT_OK);
    assert!(!out.contains("broken.ron"));
    assert!(err.contains(&problems[0]));
}

#[test]
fn no_match_says_what_was_asked() {
    let (code, out, err) = run_on(&example_year(), SummaryFormat::Text, Some("Nowhere"), &[]);
    assert_eq!(code, EXIT_FAILURE);
    assert_eq!(out, "");
    assert!(err.contains("No sessions match group \"Nowhere\""), "{err}");
    let (code, _, err) = run_on(&[], SummaryFormat::Csv, None, &[]);
    assert_eq!(code, EXIT_FAILURE);
    assert!(err.contains("No sessions to compare yet"), "{err}");
}

#[test]
fn the_binary_loads_the_folder_and_lists_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions");
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("2026-12-01-broken-00000000.ron"),
        "(\n  format_version: 1,\n  id: ",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--sessions-dir")
        .arg(dir.path())
        .args(["summary", "--format", "csv"])
        .env_remove("ROUNDTABLE_SETS_DIR")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(EXIT_OK));
    let out = String::from_utf8(output.stdout).unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(out.lines().count(), 41, "{out}");
    assert!(err.contains("2026-12-01-broken-00000000.ron:3:"), "{err}");
    // Same numbers as when called as a library.
    let (_, lib_out, _) = run(SummaryFormat::Csv, &[]);
    assert_eq!(out, lib_out);
}

#[test]
fn a_large_folder_loads_every_file_and_every_problem() {
    // Enough files that the store shares the parsing across threads.
    let dir = tempfile::tempdir().unwrap();
    let base = example_year().remove(0);
    for i in 0..300u128 {
        let mut s = base.clone();
        s.id = uuid::Uuid::from_u128((i + 1) << 96);
        s.title = format!("Session {i}");
        let name = roundtable::store::Store::file_name_for(&s);
        std::fs::write(dir.path().join(name), s.to_ron().unwrap()).unwrap();
    }
    for bad in ["a-broken.ron", "z-broken.ron"] {
        std::fs::write(dir.path().join(bad), "(format_version: 1, id: ").unwrap();
    }
    let report = roundtable::store::Store::open(dir.path())
        .unwrap()
        .load_all();
    assert_eq!(report.sessions.len(), 300);
    let bad: Vec<String> = report
        .problems
        .iter()
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(bad, ["a-broken.ron", "z-broken.ron"]);
}
