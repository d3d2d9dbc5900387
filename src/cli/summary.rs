//! `roundtable summary --format text|markdown|csv`: the summary screen's comparison,
//! printed for scripts, committee papers and spreadsheets.
//!
//! Every number comes from [`Comparison`], the same as the screen, so they cannot disagree.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::table::{clean, fit};

use super::{Cli, EXIT_FAILURE, EXIT_OK, SummaryArgs, SummaryFormat, store_to_read};
use crate::domain::Level;
use crate::domain::compare::{Comparison, Filter, SortOrder, carry_forward};
use crate::domain::session::Session;
use crate::report::comparison::levels_line;
use crate::report::present;
use crate::store::{FileProblem, Store};

/// `roundtable summary --format …`: load the sessions folder and print the comparison.
pub fn run_command(
    cli: &Cli,
    args: &SummaryArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<i32> {
    let store = match store_to_read(cli, err)? {
        Ok(store) => store,
        Err(code) => return Ok(code),
    };
    let (sessions, problems, any) = match &store {
        Some(store) => match sessions_of_group(store, args, err) {
            Ok(found) => found,
            Err(message) => {
                writeln!(err, "{message}")?;
                return Ok(EXIT_FAILURE);
            }
        },
        None => Default::default(),
    };
    let problems: Vec<String> = problems.iter().map(|p| clean(&p.to_string())).collect();
    if any && sessions.is_empty() {
        let filter = Filter {
            group: args.group.clone(),
            set: args.set.clone(),
        };
        writeln!(err, "{}", nothing_to_compare(true, &filter))?;
        write_problems_plain(err, &problems)?;
        return Ok(EXIT_FAILURE);
    }
    Ok(run(
        &sessions,
        &problems,
        args,
        super::table::output_width(),
        out,
        err,
    ))
}

/// The sessions the summary compares, read in full: every session in brief (through the
/// index) picks the group, and only that group's files are read. Also whether the folder
/// has any session at all, to say "none match" rather than "none yet".
fn sessions_of_group(
    store: &Store,
    args: &SummaryArgs,
    err: &mut impl Write,
) -> Result<(Vec<Session>, Vec<FileProblem>, bool), String> {
    let mut err = err as &mut dyn Write;
    let digests = super::overview::load_digests(store, &mut err);
    let wanted = match args.group.as_deref() {
        Some(wanted) => Some(
            super::filter::resolve_group(&digests.groups(), wanted)?
                .unwrap_or_else(|| wanted.to_string()),
        ),
        None => None,
    };
    let level = args.level.map(Level::from);
    let group = digests.pick_group(wanted.as_deref(), args.set.as_deref(), level);
    let mut problems = digests.problems.clone();
    let sessions = match &group {
        Some(g) => {
            let progress = super::progress::on_stderr("reading the group's sessions:");
            let loaded = store.load_files(&digests.paths_of_group(g, level), &progress);
            problems.extend(loaded.problems);
            loaded.sessions.into_iter().map(|s| s.session).collect()
        }
        None => Vec::new(),
    };
    Ok((sessions, problems, !digests.sessions.is_empty()))
}

/// Print the comparison the arguments ask for. `problems` are files that could not be read,
/// one line each (`FILE:LINE:COL: message`): listed so they are never dropped silently.
/// `width` fits the text table to a terminal; `None` prints every session and whole titles
/// (see [`super::table::output_width`]).
pub fn run(
    sessions: &[Session],
    problems: &[String],
    args: &SummaryArgs,
    width: Option<usize>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let (selected, group) =
        match super::filter::select(sessions.to_vec(), args.group.as_deref(), args.level) {
            Ok(found) => found,
            Err(message) => {
                let _ = writeln!(err, "{message}");
                return EXIT_FAILURE;
            }
        };
    let all = sessions;
    let sessions = selected.as_slice();
    let filter = Filter {
        group,
        set: args.set.clone(),
    };
    let comparison = Comparison::build(sessions, &filter);
    let format = args.format.unwrap_or(SummaryFormat::Text);
    let result = if comparison.sessions.is_empty() {
        let _ = writeln!(err, "{}", nothing_to_compare(!all.is_empty(), &filter));
        let _ = write_problems_plain(err, problems);
        return EXIT_FAILURE;
    } else {
        match format {
            SummaryFormat::Text => write_text(out, sessions, &comparison, problems, width),
            SummaryFormat::Markdown => write_markdown(out, sessions, &comparison, problems),
            SummaryFormat::Csv => {
                write_problems_plain(err, problems).and_then(|()| write_csv(out, &comparison))
            }
            SummaryFormat::Html => out.write_all(
                crate::report::comparison_html(sessions, &comparison, problems).as_bytes(),
            ),
        }
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "could not write the summary: {e}");
            EXIT_FAILURE
        }
    }
}

fn nothing_to_compare(any: bool, filter: &Filter) -> String {
    if !any {
        return "No sessions to compare yet: run a session first, or point --sessions-dir at a folder of session files.".to_string();
    }
    let mut asked = Vec::new();
    if let Some(g) = &filter.group {
        asked.push(format!("group {g:?}"));
    }
    if let Some(s) = &filter.set {
        asked.push(format!("question set {s:?}"));
    }
    if asked.is_empty() {
        asked.push("that level".to_string());
    }
    format!(
        "No sessions match {}: see `roundtable list` for the groups and sets there are.",
        asked.join(" and ")
    )
}

fn write_problems_plain(w: &mut impl Write, problems: &[String]) -> io::Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    writeln!(
        w,
        "{} file(s) could not be read and are not included:",
        problems.len()
    )?;
    for p in problems {
        writeln!(w, "  {p}")?;
    }
    Ok(())
}

fn pad_right(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

fn date_range(c: &Comparison) -> String {
    match (c.sessions.first(), c.sessions.last()) {
        (Some(a), Some(b)) if c.sessions.len() > 1 => {
            format!(
                "{} sessions, {} to {}",
                c.sessions.len(),
                present::date_header(a.date),
                present::date_header(b.date)
            )
        }
        (Some(a), _) => format!("1 session, {}", present::date_header(a.date)),
        _ => "no sessions".to_string(),
    }
}

/// The text table's legend: each mark only where the table uses it.
fn legend(c: &Comparison) -> Vec<String> {
    let marks = crate::report::comparison::Marks::of(c);
    let mut first = vec!["Scores agreed"];
    for (used, words) in [
        (marks.median, "* median of the votes (none agreed)"),
        (marks.not_asked, "– not asked"),
        (marks.no_votes, "· no votes"),
        (marks.wide, "! wide spread"),
    ] {
        if used {
            first.push(words);
        }
    }
    vec![
        first.join("; "),
        "Change since the previous session; Trend over every session compared".to_string(),
    ]
}

/// What the heading says when the window is too narrow for every session.
fn not_shown(hidden: usize) -> String {
    match hidden {
        0 => String::new(),
        1 => " (the oldest session is not shown: widen the window, or use --format csv)".into(),
        n => format!(
            " (the {n} oldest sessions are not shown: widen the window, or use --format csv)"
        ),
    }
}

fn write_text(
    w: &mut impl Write,
    sessions: &[Session],
    c: &Comparison,
    problems: &[String],
    width: Option<usize>,
) -> io::Result<()> {
    const CELL: usize = 11;
    const CHANGE: usize = 8;
    const TREND: usize = 10;
    const SPREAD: usize = 6;
    // Whole titles when piped; in a terminal, at most 32 columns of them.
    let longest = c
        .rows
        .iter()
        .map(|r| clean(&r.short_title).width() + 1)
        .chain(["Question ".width()])
        .max()
        .unwrap_or(0);
    let title = width.map_or(longest, |_| longest.min(32));
    let fixed = title + CHANGE + TREND + SPREAD;
    let room = width.map_or(c.sessions.len(), |w| {
        (w.saturating_sub(fixed) / CELL).max(1)
    });
    let shown = c.sessions.len().min(room);
    let first = c.sessions.len() - shown;
    // The heading's lines wrap at the window's edge; piped, they are whole.
    let mut heading = vec![
        clean(&c.group),
        clean(&format!("{} ({})", c.set_title, c.set_id)),
        levels_line(sessions, c),
        format!("{}{}", date_range(c), not_shown(first)),
    ];
    heading.extend(legend(c));
    for line in heading {
        for part in super::table::wrap(&line, width) {
            writeln!(w, "{part}")?;
        }
    }
    writeln!(w)?;

    let mut header = pad_right("Question", title);
    for s in &c.sessions[first..] {
        header.push_str(&pad_left(&present::date_header(s.date), CELL));
    }
    header.push_str(&pad_left("Change", CHANGE));
    header.push_str(&pad_right("  Trend", TREND));
    header.push_str(&pad_right("Spread", SPREAD));
    writeln!(w, "{}", header.trim_end())?;

    for row in &c.rows {
        let mut line = pad_right(&fit(&clean(&row.short_title), title - 1), title);
        for cell in &row.cells[first..] {
            line.push_str(&pad_left(&present::score_cell(cell.as_ref()), CELL));
        }
        line.push_str(&pad_left(&present::change(row.change()), CHANGE));
        line.push_str(&pad_right(
            &format!("  {}", present::trend(row.trend())),
            TREND,
        ));
        line.push_str(&pad_right(&present::spread_after_rounds(row), SPREAD));
        writeln!(w, "{}", line.trim_end())?;
    }
    let mut line = pad_right("Mean", title);
    for s in &c.sessions[first..] {
        line.push_str(&pad_left(&present::mean_or_blank(s.mean), CELL));
    }
    writeln!(w, "{}", line.trim_end())?;
    if !problems.is_empty() {
        writeln!(w)?;
        write_problems_plain(w, problems)?;
    }
    Ok(())
}

/// User text in Markdown: on one line, escaped as the session report escapes it, so it
/// renders as typed and a pipe never splits a table cell.
fn md(s: &str) -> String {
    crate::report::markdown::cell(s)
}

fn write_markdown(
    w: &mut impl Write,
    sessions: &[Session],
    c: &Comparison,
    problems: &[String],
) -> io::Result<()> {
    writeln!(w, "# {}", md(&c.group))?;
    writeln!(w)?;
    writeln!(
        w,
        "{} (`{}`): {}.",
        md(&c.set_title),
        c.set_id,
        date_range(c)
    )?;
    writeln!(w)?;
    writeln!(w, "{}.", levels_line(sessions, c))?;
    writeln!(w)?;
    writeln!(
        w,
        "Scores are agreed scores; `*` marks the median of the votes where none was agreed, `–` a question not asked, `!` a spread of votes wide enough to discuss. Change is since the previous session; Trend is over every session compared."
    )?;
    writeln!(w)?;
    write!(w, "| Question |")?;
    for s in &c.sessions {
        write!(w, " {} |", present::date_header(s.date))?;
    }
    writeln!(w, " Change | Trend | Spread now |")?;
    write!(w, "|---|")?;
    for _ in &c.sessions {
        write!(w, "---:|")?;
    }
    writeln!(w, "---:|---|---|")?;
    for row in &c.rows {
        write!(w, "| {} |", md(&row.short_title))?;
        for cell in &row.cells {
            let text = present::score_cell(cell.as_ref()).replace('*', "\\*");
            write!(w, " {text} |")?;
        }
        writeln!(
            w,
            " {} | {} | {} |",
            present::change(row.change()),
            present::trend(row.trend()),
            present::spread_after_rounds(row)
        )?;
    }
    write!(w, "| **Mean** |")?;
    for s in &c.sessions {
        write!(w, " {} |", present::mean_or_blank(s.mean))?;
    }
    writeln!(w, " | | |")?;

    let movers = |order: SortOrder, keep: fn(f64) -> bool| -> Vec<String> {
        c.sorted_rows(order)
            .into_iter()
            .filter_map(|i| {
                let row = &c.rows[i];
                let ch = row.change()?;
                keep(ch)
                    .then(|| format!("- {} ({})", md(&row.short_title), present::change(Some(ch))))
            })
            .collect()
    };
    let rises = movers(SortOrder::BiggestRise, |ch| ch > 0.0);
    let falls = movers(SortOrder::BiggestFall, |ch| ch < 0.0);
    if c.sessions.len() > 1 {
        writeln!(w)?;
        writeln!(w, "## Since the previous session")?;
        writeln!(w)?;
        if rises.is_empty() && falls.is_empty() {
            writeln!(w, "No score moved.")?;
        }
        if !rises.is_empty() {
            writeln!(w, "Improved:")?;
            writeln!(w)?;
            writeln!(w, "{}", rises.join("\n"))?;
            writeln!(w)?;
        }
        if !falls.is_empty() {
            writeln!(w, "Slipped:")?;
            writeln!(w)?;
            writeln!(w, "{}", falls.join("\n"))?;
        }
    }
    let wide: Vec<String> = c
        .sorted_rows(SortOrder::MostDisagreement)
        .into_iter()
        .filter_map(|i| {
            let row = &c.rows[i];
            let s = row.latest_spread()?;
            s.disagreement().then(|| {
                format!(
                    "- {} (votes from {} to {})",
                    md(&row.short_title),
                    s.min,
                    s.max
                )
            })
        })
        .collect();
    if !wide.is_empty() {
        writeln!(w)?;
        writeln!(w, "## Where the group disagreed most recently")?;
        writeln!(w)?;
        writeln!(w, "{}", wide.join("\n"))?;
    }
    if let Some(cf) = carry_forward(sessions, &c.group).filter(|cf| !cf.is_empty()) {
        writeln!(w)?;
        writeln!(
            w,
            "## Still open, as of {} ({})",
            md(&cf.title),
            present::date_header(cf.date)
        )?;
        if !cf.actions.is_empty() {
            writeln!(w)?;
            writeln!(w, "| Action | Owner | Due | Question | Raised |")?;
            writeln!(w, "|---|---|---|---|---|")?;
            for a in &cf.actions {
                writeln!(
                    w,
                    "| {} | {} | {} | {} | {} |",
                    md(&a.action.text),
                    md(&a.action.owner),
                    a.action.due.map(|d| d.to_string()).unwrap_or_default(),
                    md(&a.question.short_title),
                    md(&present::raised(&a.origin))
                )?;
            }
        }
        if !cf.revisits.is_empty() {
            writeln!(w)?;
            writeln!(w, "To revisit:")?;
            writeln!(w)?;
            for r in &cf.revisits {
                writeln!(
                    w,
                    "- {} ({})",
                    md(&r.question.short_title),
                    md(&present::raised(&r.origin))
                )?;
            }
        }
    }
    if !problems.is_empty() {
        writeln!(w)?;
        writeln!(w, "## Files not included")?;
        writeln!(w)?;
        for p in problems {
            writeln!(w, "- `{}`", p.replace('`', "'"))?;
        }
    }
    Ok(())
}

/// One row per session × question asked, for spreadsheets: the raw numbers behind each cell,
/// and the session's mean as the other formats round it. Written for spreadsheets like the
/// session CSV: a byte-order mark, and no cell that could run as a formula.
fn write_csv(w: &mut impl Write, c: &Comparison) -> io::Result<()> {
    let mut csv = crate::report::csv::SheetWriter::new(w)?;
    let header = [
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
        "session_mean",
        // A question scored twice (`R`): the round before's spread, and who moved.
        "before_min",
        "before_max",
        "moved",
        "compared",
    ];
    csv.write_record(header).map_err(io::Error::other)?;
    let opt = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
    for (col, s) in c.sessions.iter().enumerate() {
        let date = present::date_header(s.date);
        let mean = present::mean_or_blank(s.mean);
        for row in &c.rows {
            let Some(Some(cell)) = row.cells.get(col) else {
                continue;
            };
            csv.write_record([
                date.as_str(),
                c.group.as_str(),
                c.set_id.as_str(),
                row.id.as_str(),
                &opt(cell.agreed),
                &cell.median.map(present::score).unwrap_or_default(),
                &opt(cell.min),
                &opt(cell.max),
                &cell.scores.to_string(),
                &cell.abstentions.to_string(),
                &mean,
                &opt(cell.before.map(|b| b.min)),
                &opt(cell.before.map(|b| b.max)),
                &cell.moved.map(|m| m.0.to_string()).unwrap_or_default(),
                &cell.moved.map(|m| m.1.to_string()).unwrap_or_default(),
            ])
            .map_err(io::Error::other)?;
        }
    }
    csv.flush()
}
