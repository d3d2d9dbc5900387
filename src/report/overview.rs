//! The programme overview as text, Markdown, CSV and HTML: every group's latest scores on
//! one question set, in the presentation vocabulary every other screen and report uses.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::domain::Level;
use crate::domain::overview::{GroupCell, Overview, OverviewFilter, OverviewRow};
use crate::domain::stats::ScoreSource;

use super::html::{document_head, escape};
use super::markdown::cell;
use super::present::{self, MEDIAN_MARK, WIDE_MARK};

/// The text table is kept within this many columns (as the summary's), so it reads in any
/// terminal or email; more groups than fit go into further blocks of columns.
pub const TEXT_WIDTH: usize = 100;

/// A group's cell: the latest score (`*` when the median stands in), `–` when its latest
/// session did not ask the question, `·` when nobody scored it.
pub fn score_cell(cell: Option<&GroupCell>) -> String {
    match cell {
        None => "–".to_string(),
        Some(c) => match c.headline {
            None => "·".to_string(),
            Some((v, ScoreSource::Median)) => format!("{}{MEDIAN_MARK}", present::score(v)),
            Some((v, ScoreSource::Agreed)) => present::score(v),
        },
    }
}

/// The cell with its change since the group's previous session: `2 −1`, `3* +0.5`, `4`.
pub fn cell_with_change(cell: Option<&GroupCell>) -> String {
    let score = score_cell(cell);
    match cell.and_then(|c| c.change) {
        Some(ch) => format!("{score} {}", present::change(Some(ch))),
        None => score,
    }
}

/// The spread of the groups' latest scores: `3`, `2–4 !`; empty when no group scored it.
pub fn spread(row: &OverviewRow) -> String {
    let Some((lo, hi)) = row.spread() else {
        return String::new();
    };
    let text = if lo == hi {
        present::score(lo)
    } else {
        format!("{}–{}", present::score(lo), present::score(hi))
    };
    if row.wide() {
        format!("{text} {WIDE_MARK}")
    } else {
        text
    }
}

/// What the overview covers, in one line: groups, sessions, and the filter.
pub fn scope(o: &Overview, filter: &OverviewFilter) -> String {
    let mut parts = vec![format!(
        "{} group{}, {} session{}",
        o.groups.len(),
        if o.groups.len() == 1 { "" } else { "s" },
        present::count(o.sessions),
        if o.sessions == 1 { "" } else { "s" }
    )];
    if let Some(level) = filter.level {
        parts.push(format!("{} groups only", level_word(level)));
    }
    match (filter.from, filter.as_of) {
        (Some(f), Some(a)) => parts.push(format!(
            "sessions from {} to {}",
            present::date_header(f),
            present::date_header(a)
        )),
        (Some(f), None) => parts.push(format!("sessions from {}", present::date_header(f))),
        (None, Some(a)) => parts.push(format!("latest as of {}", present::date_header(a))),
        (None, None) => {}
    }
    parts.join("; ")
}

/// A level in the guide's words, lower case: "neighbourhood", "place", "system", "not set".
pub fn level_word(level: Level) -> &'static str {
    match level {
        Level::Neighbourhood => "neighbourhood",
        Level::Place => "place",
        Level::System => "system",
        Level::NotSet => "not set",
    }
}

pub const LEGEND: &str = "Each group's latest session: agreed score; * median of the votes (none agreed); – not asked; · no votes\n\
     ± change since the group's previous session; Spread across groups, ! when two or more apart";

fn pad_right(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

/// Cut to `width` display columns, with `…` when cut.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// One line for control characters a file may hold (a title is typed by hand).
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The text table: groups numbered G1, G2… and named in a key, then the questions in
/// blocks of as many groups as fit in [`TEXT_WIDTH`].
pub fn text(o: &Overview, filter: &OverviewFilter, order: &[usize]) -> String {
    const TITLE: usize = 30;
    const CELL: usize = 10;
    const MEAN: usize = 6;
    const SPREAD: usize = 10;
    let per_block = ((TEXT_WIDTH - TITLE - MEAN - SPREAD) / CELL).max(1);
    let mut out = String::new();
    let _ = writeln!(out, "{}", clean(&format!("{} ({})", o.set_title, o.set_id)));
    let _ = writeln!(out, "{}", scope(o, filter));
    let _ = writeln!(out, "{LEGEND}");
    let _ = writeln!(out);
    let name_w = o
        .groups
        .iter()
        .map(|g| clean(&g.name).width())
        .max()
        .unwrap_or(0)
        .min(40);
    for (i, g) in o.groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}",
            format!(
                "{:>4}  {}  {:<13} {}  {} session{}",
                format!("G{}", i + 1),
                pad_right(&fit(&clean(&g.name), 40), name_w),
                level_word(g.level),
                present::date_header(g.latest),
                g.sessions,
                if g.sessions == 1 { "" } else { "s" }
            )
            .trim_end()
        );
    }
    let blocks = o.groups.len().div_ceil(per_block).max(1);
    for b in 0..blocks {
        let cols = (b * per_block)..((b + 1) * per_block).min(o.groups.len());
        let last = b + 1 == blocks;
        let _ = writeln!(out);
        let mut header = pad_right("Question", TITLE);
        for c in cols.clone() {
            header.push_str(&pad_left(&format!("G{}", c + 1), CELL));
        }
        if last {
            header.push_str(&pad_left("Mean", MEAN));
            header.push_str(&pad_left("Spread", SPREAD));
        }
        let _ = writeln!(out, "{}", header.trim_end());
        for &r in order {
            let row = &o.rows[r];
            let mut line = pad_right(&fit(&clean(&row.short_title), TITLE - 1), TITLE);
            for c in cols.clone() {
                let cell = row.cells.get(c).and_then(Option::as_ref);
                line.push_str(&pad_left(&cell_with_change(cell), CELL));
            }
            if last {
                line.push_str(&pad_left(&present::mean_or_blank(row.mean()), MEAN));
                line.push_str(&pad_left(&spread(row), SPREAD));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}

pub fn markdown(o: &Overview, filter: &OverviewFilter, order: &[usize]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} (`{}`)\n",
        cell(&o.set_title),
        o.set_id.replace('`', "'")
    );
    let _ = writeln!(out, "{}.\n", scope(o, filter));
    let _ = writeln!(
        out,
        "Each cell is the group's latest session: the agreed score, `*` the median of the votes where none was agreed, `–` a question not asked, `·` no votes; with the change since the group's previous session. Spread is across groups, `!` when two or more apart.\n"
    );
    out.push_str("| Question |");
    for g in &o.groups {
        let _ = write!(
            out,
            " {} ({}, {}) |",
            cell(&g.name),
            level_word(g.level),
            present::date_header(g.latest)
        );
    }
    out.push_str(" Mean | Spread |\n|---|");
    out.push_str(&"---:|".repeat(o.groups.len()));
    out.push_str("---:|---|\n");
    for &r in order {
        let row = &o.rows[r];
        let _ = write!(out, "| {} |", cell(&row.short_title));
        for c in &row.cells {
            let _ = write!(
                out,
                " {} |",
                cell_with_change(c.as_ref()).replace('*', "\\*")
            );
        }
        let _ = writeln!(
            out,
            " {} | {} |",
            present::mean_or_blank(row.mean()),
            spread(row)
        );
    }
    out
}

/// One row per question × group, for spreadsheets: plain numbers, blank where none.
pub fn csv(o: &Overview, order: &[usize]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "set",
        "question_id",
        "question",
        "group",
        "level",
        "latest_date",
        "sessions",
        "score",
        "source",
        "change",
    ])?;
    for &r in order {
        let row = &o.rows[r];
        for (g, cell) in o.groups.iter().zip(&row.cells) {
            let (score, source) = match cell.and_then(|c| c.headline) {
                Some((v, ScoreSource::Agreed)) => (present::score(v), "agreed"),
                Some((v, ScoreSource::Median)) => (present::score(v), "median"),
                None => (
                    String::new(),
                    if cell.is_some() {
                        "no votes"
                    } else {
                        "not asked"
                    },
                ),
            };
            let change = cell
                .and_then(|c| c.change)
                .map(|c| format!("{}", present::round1(c)))
                .unwrap_or_default();
            w.write_record([
                o.set_id.as_str(),
                row.id.as_str(),
                row.short_title.as_str(),
                g.name.as_str(),
                level_word(g.level),
                &present::date_header(g.latest),
                &g.sessions.to_string(),
                &score,
                source,
                &change,
            ])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A self-contained page: the same table, shaded like the summary's matrix.
pub fn html(o: &Overview, filter: &OverviewFilter, order: &[usize]) -> String {
    let mut out = String::new();
    document_head(&mut out, &format!("Programme overview: {}", o.set_title));
    let _ = writeln!(
        out,
        "<h1>Programme overview</h1>\n<p>{} (<code>{}</code>): {}.</p>",
        escape(&o.set_title),
        escape(&o.set_id),
        escape(&scope(o, filter))
    );
    let _ = writeln!(
        out,
        "<p class=\"legend\">Each cell is the group's latest session: the agreed score, * the median of the votes where none was agreed, – not asked, · no votes; with the change since the group's previous session. Spread is across groups, ! when two or more apart.</p>"
    );
    out.push_str("<table class=\"matrix\">\n<thead><tr><th class=\"q\">Question</th>");
    for g in &o.groups {
        let _ = write!(
            out,
            "<th>{}<br /><span class=\"legend\">{}, {}</span></th>",
            escape(&g.name),
            level_word(g.level),
            present::date_header(g.latest)
        );
    }
    out.push_str("<th>Mean</th><th>Spread</th></tr></thead>\n<tbody>\n");
    for &r in order {
        let row = &o.rows[r];
        let _ = write!(out, "<tr><td class=\"q\">{}</td>", escape(&row.short_title));
        for c in &row.cells {
            let class = c
                .as_ref()
                .and_then(GroupCell::score)
                .map(|v| format!(" class=\"s{}\"", present::shade_step(v, None)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<td{class}>{}</td>",
                escape(&cell_with_change(c.as_ref()))
            );
        }
        let _ = writeln!(
            out,
            "<td>{}</td><td>{}</td></tr>",
            present::mean_or_blank(row.mean()),
            escape(&spread(row))
        );
    }
    out.push_str("</tbody>\n</table>\n<footer>Made by Roundtable from the session files.</footer>\n</main>\n</body>\n</html>\n");
    out
}

/// Why there is nothing to show, and what to try.
pub fn nothing_to_show(no_sessions: bool, filter: &OverviewFilter) -> String {
    if no_sessions {
        return "No sessions to compare yet: run a session first, or point --sessions-dir at a folder of session files.".to_string();
    }
    let mut asked = Vec::new();
    if let Some(s) = &filter.set {
        asked.push(format!("question set {s:?}"));
    }
    if let Some(l) = filter.level {
        asked.push(format!("level {}", level_word(l)));
    }
    if let Some(f) = filter.from {
        asked.push(format!("held from {f}"));
    }
    if let Some(a) = filter.as_of {
        asked.push(format!("held by {a}"));
    }
    format!(
        "No sessions match {}: see `roundtable list` for the groups, levels, sets and dates there are.",
        asked.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::digest::SessionDigest;
    use crate::domain::overview::OverviewFilter;

    /// A group named by hand is text in the Markdown report, whatever it holds.
    #[test]
    fn markdown_keeps_a_group_name_as_typed() {
        let mut session = crate::domain::compare::example_year().remove(0);
        session.group = "Ashby *Board* <b>x</b> | [link](y)".into();
        let o = Overview::build(&[SessionDigest::of(&session)], &OverviewFilter::default());
        let md = markdown(
            &o,
            &OverviewFilter::default(),
            &o.sorted_rows(Default::default()),
        );
        let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES);
        let mut text = String::new();
        for event in parser {
            match event {
                pulldown_cmark::Event::Text(t) => text.push_str(&t),
                pulldown_cmark::Event::Start(
                    pulldown_cmark::Tag::Emphasis | pulldown_cmark::Tag::Link { .. },
                )
                | pulldown_cmark::Event::InlineHtml(_) => panic!("markup from a name: {md}"),
                _ => {}
            }
        }
        assert!(
            text.contains("Ashby *Board* <b>x</b> | [link](y)"),
            "{text}"
        );
    }
}
