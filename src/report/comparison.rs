//! The comparison of a group's sessions over time (the summary screen) as one
//! self-contained HTML page: overall chart, matrix with shades and numbers, movers,
//! disagreements and what is carried forward. Same rules as the session report: no
//! network, inline SVG, every user string escaped.

use std::fmt::Write as _;

use crate::domain::Session;
use crate::domain::compare::{Cell, Comparison, QuestionRow, SortOrder, Trend, carry_forward};

use super::html::{ChartPoint, document_head, escape, line_chart};
use super::present::{self, long_date, month_label};

/// The comparison report. `sessions` is what `comparison` was built from (for the
/// carry-forward); `problems` are files that could not be read, one `FILE:LINE:COL: message`
/// line each, listed so they are never dropped silently.
pub fn comparison_html(sessions: &[Session], c: &Comparison, problems: &[String]) -> String {
    let mut out = String::new();
    let title = format!("{}: how scores moved", c.group);
    document_head(&mut out, &title);
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p>{} ({}): {}. {}.</p>\n</header>",
        escape(&title),
        escape(&c.set_title),
        escape(&c.set_id),
        escape(&date_range(c)),
        escape(&levels_line(sessions, c))
    );
    if c.sessions.is_empty() {
        out.push_str("<p class=\"empty\">No sessions to compare.</p>\n");
    } else {
        overall(&mut out, c);
        matrix(&mut out, c);
        movers(&mut out, c);
        disagreements(&mut out, c);
        carried(&mut out, sessions, c);
    }
    if !problems.is_empty() {
        out.push_str("<section>\n<h2>Files not included</h2>\n<ul>\n");
        for p in problems {
            let _ = writeln!(out, "<li><code>{}</code></li>", escape(p));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("<footer>Written by Roundtable.</footer>\n</main>\n</body>\n</html>\n");
    out
}

/// The levels of the sessions compared (from `sessions`, which `c` was built from), as a
/// line of the summary's heading: "Level: place", or "Levels: place, system".
pub fn levels_line(sessions: &[Session], c: &Comparison) -> String {
    let levels = present::levels(
        c.sessions
            .iter()
            .filter_map(|col| sessions.get(col.index))
            .map(|s| s.level),
    );
    if levels.contains(',') {
        format!("Levels: {levels}")
    } else if levels.is_empty() {
        "Level: –".to_string()
    } else {
        format!("Level: {levels}")
    }
}

fn scale_range(c: &Comparison) -> (u8, u8) {
    c.scale.as_ref().map_or((1, 5), |s| (s.min, s.max))
}

fn overall(out: &mut String, c: &Comparison) {
    out.push_str("<section>\n<h2>Overall</h2>\n");
    let points: Vec<ChartPoint> = c
        .sessions
        .iter()
        .map(|s| ChartPoint {
            label: month_label(s.date),
            tooltip: format!("{}, {}", s.title, long_date(s.date)),
            text: s.mean.map(present::mean).unwrap_or_default(),
            value: s.mean.map(|m| (m, false)),
        })
        .collect();
    line_chart(
        out,
        &points,
        scale_range(c),
        "Mean score per session",
        "Mean score per session, over the questions scored.",
    );
    out.push_str("</section>\n");
}

/// A cell with its shade class (the screen's shade step, see [`present::shade_step`]) so the
/// matrix reads at a glance while the number stays the truth.
fn cell_html(c: &Comparison, cell: Option<&Cell>) -> String {
    let text = present::score_cell(cell);
    match cell {
        None => format!("<td class=\"num\" title=\"not asked\">{text}</td>"),
        Some(cell) => match cell.score() {
            None => format!("<td class=\"num\" title=\"no votes\">{text}</td>"),
            Some(score) => {
                let title = if cell.is_median_fallback() {
                    "median of the votes; no agreed score"
                } else {
                    "agreed score"
                };
                format!(
                    "<td class=\"num s{}\" title=\"{title}\">{text}</td>",
                    present::shade_step(score, c.scale.as_ref()),
                )
            }
        },
    }
}

/// The change since the previous session, its direction also a class for colour.
fn change_html(row: &QuestionRow) -> String {
    let change = row.change();
    let text = present::change_arrow(change);
    match change.map(Trend::of_change) {
        Some(Trend::Up) => format!("<span class=\"up\">{text}</span>"),
        Some(Trend::Down) => format!("<span class=\"down\">{text}</span>"),
        _ => text,
    }
}

fn spread_html(row: &QuestionRow) -> String {
    let text = present::spread_or_blank(row.latest_spread());
    if row.latest_spread().is_some_and(|s| s.disagreement()) {
        format!("<strong>{text}</strong>")
    } else {
        text
    }
}

/// A small line of the row's scores, gaps left open, over the scale's range.
fn sparkline(c: &Comparison, row: &QuestionRow) -> String {
    let (min, max) = scale_range(c);
    let span = f64::from(max.saturating_sub(min)).max(1.0);
    let (w, h) = (90.0, 22.0);
    let n = row.cells.len();
    let x = |i: usize| {
        if n <= 1 {
            w / 2.0
        } else {
            3.0 + (w - 6.0) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| 3.0 + (h - 6.0) * (1.0 - (v - f64::from(min)) / span);
    let mut svg = format!(
        "<svg width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("Trend of {}", row.short_title))
    );
    let mut run: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for (i, v) in row.scores().iter().enumerate() {
        match v {
            Some(v) => run.push(format!("{:.1},{:.1}", x(i), y(*v))),
            None => lines.push(std::mem::take(&mut run)),
        }
    }
    lines.push(run);
    for line in lines.iter().filter(|l| !l.is_empty()) {
        if line.len() == 1 {
            let (px, py) = line[0].split_once(',').unwrap_or(("0", "0"));
            let _ = write!(
                svg,
                "<circle class=\"point\" cx=\"{px}\" cy=\"{py}\" r=\"2\" />"
            );
        } else {
            let _ = write!(
                svg,
                "<polyline class=\"line\" points=\"{}\" />",
                line.join(" ")
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn matrix(out: &mut String, c: &Comparison) {
    out.push_str("<section>\n<h2>Scores by question</h2>\n<table class=\"matrix\">\n<thead><tr><th class=\"q\">Question</th>");
    for s in &c.sessions {
        let _ = write!(
            out,
            "<th class=\"num\" title=\"{}\">{}</th>",
            escape(&format!("{}, {}", s.title, long_date(s.date))),
            escape(&present::date_header(s.date))
        );
    }
    out.push_str("<th>Change</th><th>Trend</th><th>Spread now</th></tr></thead>\n<tbody>\n");
    for row in &c.rows {
        let _ = write!(out, "<tr><td class=\"q\">{}</td>", escape(&row.short_title));
        for cell in &row.cells {
            out.push_str(&cell_html(c, cell.as_ref()));
        }
        let _ = writeln!(
            out,
            "<td>{}</td><td>{} {}</td><td>{}</td></tr>",
            change_html(row),
            sparkline(c, row),
            present::trend(row.trend()),
            spread_html(row)
        );
    }
    out.push_str("<tr><th class=\"q\">Mean</th>");
    for s in &c.sessions {
        let mean = present::mean_or_blank(s.mean);
        let _ = write!(out, "<th class=\"num\">{mean}</th>");
    }
    out.push_str("<th></th><th></th><th></th></tr>\n</tbody>\n</table>\n");
    let _ = writeln!(
        out,
        "<p class=\"legend\">{}</p>\n</section>",
        escape(&matrix_legend(c))
    );
}

/// Which marks a comparison's matrix draws, so its legend names only those.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    /// `*`: a median of the votes standing in for an agreed score.
    pub median: bool,
    /// `–`: a question a session did not ask.
    pub not_asked: bool,
    /// `·`: asked, but no score.
    pub no_votes: bool,
    /// `!`: the latest spread is wide.
    pub wide: bool,
}

impl Marks {
    pub fn of(c: &Comparison) -> Marks {
        let mut m = Marks::default();
        for row in &c.rows {
            for cell in &row.cells {
                match cell {
                    None => m.not_asked = true,
                    Some(cell) if cell.score().is_none() => m.no_votes = true,
                    Some(cell) if cell.is_median_fallback() => m.median = true,
                    Some(_) => {}
                }
            }
            m.wide |= row.latest_spread().is_some_and(|s| s.disagreement());
        }
        m
    }
}

/// The matrix's legend: the shading always, each mark only where the matrix uses it.
fn matrix_legend(c: &Comparison) -> String {
    let marks = Marks::of(c);
    let mut parts =
        vec!["Each cell is the agreed score, shaded from the bottom of the scale (light) to the top (dark)".to_string()];
    if marks.median {
        parts.push("* marks the median of the votes where no score was agreed".into());
    }
    if marks.not_asked {
        parts.push("– a question not asked".into());
    }
    if marks.no_votes {
        parts.push("· asked but not scored".into());
    }
    let mut legend = parts.join("; ");
    legend.push_str(". Change is since the previous session, Trend over every session here");
    if marks.wide {
        legend.push_str("; ! marks a spread of votes wide enough to discuss");
    }
    legend.push('.');
    legend
}

fn movers(out: &mut String, c: &Comparison) {
    if c.sessions.len() < 2 {
        return;
    }
    out.push_str("<section>\n<h2>Since the previous session</h2>\n");
    let list = |order: SortOrder, keep: fn(f64) -> bool| -> Vec<String> {
        c.sorted_rows(order)
            .into_iter()
            .filter_map(|i| {
                let row = c.rows.get(i)?;
                let ch = row.change()?;
                keep(ch).then(|| {
                    format!(
                        "<li>{} ({})</li>",
                        escape(&row.short_title),
                        change_html(row)
                    )
                })
            })
            .collect()
    };
    let rises = list(SortOrder::BiggestRise, |ch| ch > 0.0);
    let falls = list(SortOrder::BiggestFall, |ch| ch < 0.0);
    if rises.is_empty() && falls.is_empty() {
        out.push_str("<p>No score moved.</p>\n");
    }
    if !rises.is_empty() {
        let _ = writeln!(out, "<h3>Improved</h3>\n<ul>\n{}\n</ul>", rises.join("\n"));
    }
    if !falls.is_empty() {
        let _ = writeln!(out, "<h3>Slipped</h3>\n<ul>\n{}\n</ul>", falls.join("\n"));
    }
    out.push_str("</section>\n");
}

fn disagreements(out: &mut String, c: &Comparison) {
    let wide: Vec<String> = c
        .sorted_rows(SortOrder::MostDisagreement)
        .into_iter()
        .filter_map(|i| {
            let row = c.rows.get(i)?;
            let s = row.latest_spread()?;
            s.disagreement().then(|| {
                format!(
                    "<li>{} (votes from {} to {})</li>",
                    escape(&row.short_title),
                    s.min,
                    s.max
                )
            })
        })
        .collect();
    if wide.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section>\n<h2>Where the group disagreed most recently</h2>\n<ul>\n{}\n</ul>\n</section>",
        wide.join("\n")
    );
}

fn carried(out: &mut String, sessions: &[Session], c: &Comparison) {
    let Some(cf) = carry_forward(sessions, &c.group).filter(|cf| !cf.is_empty()) else {
        return;
    };
    let _ = writeln!(
        out,
        "<section>\n<h2>Still open, as of {} ({})</h2>",
        escape(&cf.title),
        long_date(cf.date)
    );
    if !cf.actions.is_empty() {
        out.push_str(
            "<table>\n<thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Question</th><th>Raised</th></tr></thead>\n<tbody>\n",
        );
        for a in &cf.actions {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&a.action.text),
                escape(&a.action.owner),
                a.action.due.map(long_date).unwrap_or_default(),
                escape(&a.question.short_title),
                escape(&present::raised(&a.origin))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !cf.revisits.is_empty() {
        out.push_str("<h3>To revisit</h3>\n<ul>\n");
        for r in &cf.revisits {
            let _ = writeln!(
                out,
                "<li>{} ({})</li>",
                escape(&r.question.short_title),
                escape(&present::raised(&r.origin))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn date_range(c: &Comparison) -> String {
    match (c.sessions.first(), c.sessions.last()) {
        (Some(a), Some(b)) if c.sessions.len() > 1 => format!(
            "{} sessions, {} to {}",
            c.sessions.len(),
            long_date(a.date),
            long_date(b.date)
        ),
        (Some(a), _) => format!("1 session, {}", long_date(a.date)),
        _ => "no sessions".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compare::Filter;
    use crate::report::fixture;

    #[test]
    fn comparison_is_escaped_and_offline() {
        let mut a = fixture::session();
        a.group = "<b>North</b> & \"East\"".into();
        let mut b = a.clone();
        b.id = uuid::Uuid::from_u128(2);
        b.created = "2026-06-01T10:00:00Z"
            .parse()
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        b.questions[0].agreed = Some(5);
        let sessions = vec![a, b];
        let c = Comparison::build(&sessions, &Filter::default());
        let html = comparison_html(&sessions, &c, &["x.ron:1:1: <bad>".to_string()]);
        assert!(html.contains("&lt;b&gt;North&lt;/b&gt; &amp; &quot;East&quot;"));
        assert!(!html.contains("<b>North"));
        assert!(html.contains("&lt;bad&gt;"));
        assert!(!html.to_ascii_lowercase().contains("http"));
        assert!(html.contains("↑ +2"), "q1 rose from 3 to 5");
        assert!(html.contains("</svg> ↑ up</td>"), "and its trend is up");
        assert!(html.contains("class=\"num s4\""), "a top score is darkest");
        assert!(
            html.contains(". Level: place.</p>"),
            "the level the sessions were held at"
        );
    }

    #[test]
    fn the_legend_names_only_the_marks_drawn() {
        let a = fixture::session();
        let mut b = a.clone();
        b.id = uuid::Uuid::from_u128(2);
        b.created = "2026-06-01T10:00:00Z"
            .parse()
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let sessions = vec![a, b];
        let c = Comparison::build(&sessions, &Filter::default());
        // q2 has votes 1 and 4 and no agreed score: a median, and wide.
        assert_eq!(
            Marks::of(&c),
            Marks {
                median: true,
                not_asked: false,
                no_votes: false,
                wide: true
            }
        );
        let legend = matrix_legend(&c);
        assert!(legend.contains("* marks the median") && legend.contains("! marks"));
        assert!(!legend.contains("not asked") && !legend.contains("not scored"));

        let mut agreed = sessions.clone();
        for s in &mut agreed {
            s.questions[1].agreed = Some(2);
            s.questions[1].votes = vec![crate::domain::Vote::Score(2)];
        }
        let c = Comparison::build(&agreed, &Filter::default());
        let legend = matrix_legend(&c);
        assert!(!legend.contains('*') && !legend.contains('!'), "{legend}");
    }

    #[test]
    fn no_sessions_is_not_a_panic() {
        let c = Comparison::build(&[], &Filter::default());
        let html = comparison_html(&[], &c, &[]);
        assert!(html.contains("No sessions to compare"));
    }
}
