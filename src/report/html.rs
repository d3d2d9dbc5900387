//! The session as one self-contained HTML page: no scripts, no fonts, no stylesheets or
//! images from anywhere else, so it opens the same on an air-gapped laptop and prints to
//! PDF from any browser. Charts are inline SVG; every string a person typed is escaped.
//!
//! The markup is also well-formed XML (void elements self-closed, attributes quoted) so
//! tests can check it with a strict parser.

use std::fmt::Write as _;

use crate::domain::compare::same_group;
use crate::domain::stats::{ScoreSource, VoteStats, headline_score};
use crate::domain::{Session, SessionQuestion};

use super::present::{self, long_date, month_label};
use super::{agreed_line, headline_short};

/// Escape text for HTML content and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub(crate) const STYLE: &str = r#"
:root { --ink: #1d2433; --muted: #5b6476; --rule: #d5d9e2; --accent: #2f5d9b; --accent-soft: #c9d8ee; --warn: #a4501c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.5; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.9rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 0 0 0.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; background: #f3f5f9; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.details th { width: 11rem; background: none; }
blockquote { margin: 0 0 0.75rem; padding: 0.25rem 0.75rem; border-left: 3px solid var(--accent-soft); color: var(--muted); }
section.question { border: 1px solid var(--rule); border-radius: 6px; padding: 1rem 1.25rem; margin: 1rem 0; }
.agreed { font-size: 1.05rem; margin: 0.25rem 0 0.5rem; }
.agreed strong { color: var(--accent); }
.flag { display: inline-block; font-size: 0.8rem; font-weight: 600; color: var(--warn); border: 1px solid var(--warn); border-radius: 3px; padding: 0 0.35rem; margin-left: 0.5rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
.chart { margin: 0.25rem 0; }
figure { margin: 0; }
.chart figcaption { font-size: 0.8rem; color: var(--muted); }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .bar { fill: var(--accent-soft); }
svg .bar.agreed { fill: var(--accent); }
svg .axis { stroke: var(--rule); stroke-width: 1; }
svg .line { stroke: var(--accent); stroke-width: 2; fill: none; }
svg .point { fill: var(--accent); stroke: var(--accent); stroke-width: 2; }
svg .point.median { fill: #fff; }
svg .small { font-size: 10px; fill: var(--muted); }
.stats { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0; }
.notes p { margin: 0.3rem 0; white-space: pre-wrap; }
.empty { color: var(--muted); font-style: italic; }
table.matrix td, table.matrix th { text-align: center; white-space: nowrap; }
table.matrix td.q, table.matrix th.q { text-align: left; white-space: normal; }
td.s0 { background: #f3f6fb; } td.s1 { background: #dde7f4; } td.s2 { background: #bfd2ec; }
td.s3 { background: #90b1dd; } td.s4 { background: #4f7fc0; color: #fff; }
.up { color: #23703a; } .down { color: #a4501c; }
.legend { color: var(--muted); font-size: 0.85rem; }
.notice { font-weight: 600; color: var(--warn); border: 1px solid var(--warn); border-radius: 4px; padding: 0.4rem 0.75rem; margin: 0 0 1rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: 0.8rem; }
/* Printed, a report reads like a committee paper: A4, ten questions on at most four pages.
   Each question stays whole on its page, its two charts side by side and scaled down;
   nothing forces a page break, so the first page fills with the first questions and the
   last holds what is left. */
@page { size: A4; margin: 12mm 13mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 16pt; margin: 0 0 4pt; }
  h2 { font-size: 12pt; margin: 10pt 0 4pt; break-after: avoid; }
  h3 { font-size: 10.5pt; margin: 0 0 2pt; }
  h4 { font-size: 9pt; margin: 2pt 0 0; }
  th, td { padding: 1.5pt 4pt; }
  table { margin: 2pt 0 4pt; }
  table.details th { width: 8rem; }
  blockquote { margin: 0 0 2pt; padding: 0 6pt; font-size: 8.5pt; }
  .agreed { font-size: 9.5pt; margin: 2pt 0; }
  .stats { font-size: 8.5pt; margin: 1pt 0; }
  /* A question's words on the left, its two charts stacked on the right. */
  section.question { padding: 4pt 8pt; margin: 4pt 0; border-radius: 0;
    display: grid; grid-template-columns: 1fr auto; grid-template-rows: auto auto auto auto 1fr;
    column-gap: 10pt; align-items: start; }
  section.question > * { grid-column: 1; }
  section.question > .charts { grid-column: 2; grid-row: 1 / 6;
    flex-direction: column; flex-wrap: nowrap; gap: 3pt; }
  figure.chart { width: auto !important; margin: 0; }
  figure.chart svg { height: 66px; width: auto; display: block; }
  .chart figcaption { font-size: 6.5pt; line-height: 1.2; max-width: 44mm; }
  .notes p { margin: 1pt 0; }
  .notes ul { margin: 1pt 0; padding-left: 14pt; }
  footer { margin-top: 8pt; }
  section.question, table.details, .chart, tr { break-inside: avoid; }
}
"#;

/// The opening of a self-contained page: no external stylesheet, script or font.
pub(crate) fn document_head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"Roundtable\" />\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(title)
    );
}

/// The whole session report. `history` holds other sessions; those of the same group and
/// question set held before this one give each question a score-over-time chart.
pub fn session_html(session: &Session, history: &[Session]) -> String {
    let timeline = timeline(session, history);
    let mut out = String::new();
    let notice = super::unfinished_notice(session);
    match notice {
        Some(_) => document_head(&mut out, &format!("Not finished: {}", session.title)),
        None => document_head(&mut out, &session.title),
    }
    out.push_str("<header>\n");
    if let Some(notice) = notice {
        let _ = writeln!(out, "<p class=\"notice\">{}</p>", escape(notice));
    }
    let _ = writeln!(out, "<h1>{}</h1>", escape(&session.title));
    out.push_str("<table class=\"details\">\n");
    for (name, value) in super::session_details(session) {
        let _ = writeln!(out, "<tr><th>{name}</th><td>{}</td></tr>", escape(&value));
    }
    out.push_str("</table>\n</header>\n");

    overview(&mut out, session);

    out.push_str("<h2>Questions</h2>\n");
    for (i, q) in session.questions.iter().enumerate() {
        question_section(&mut out, session, i, q, &timeline);
    }

    actions(&mut out, session);
    revisits(&mut out, session);

    out.push_str("<section>\n<h2>Reflections</h2>\n");
    text_block(
        &mut out,
        &session.reflections,
        "No reflections were recorded.",
    );
    out.push_str("</section>\n");

    let _ = write!(
        out,
        "<footer>Written by Roundtable from session {}.</footer>\n</main>\n</body>\n</html>\n",
        escape(&session.id.to_string())
    );
    out
}

fn overview(out: &mut String, session: &Session) {
    let scale = &session.question_set.scale;
    out.push_str("<section>\n<h2>Scores at a glance</h2>\n");
    if let Some(mean) = session.mean_score() {
        let _ = writeln!(
            out,
            "<p>Mean score <strong>{}</strong> on a scale of {} to {}, over {} of {} questions{}.</p>",
            present::mean(mean.value),
            scale.min,
            scale.max,
            mean.questions,
            session.questions.len(),
            present::median_stand_ins(mean.medians)
        );
    }
    out.push_str(
        "<table>\n<thead><tr><th class=\"num\">#</th><th>Question</th><th>Agreed score</th>\
         <th class=\"num\">Votes</th><th>Range</th><th>Revisit</th></tr></thead>\n<tbody>\n",
    );
    for (i, q) in session.questions.iter().enumerate() {
        let stats = VoteStats::of(&q.votes, scale);
        let range = present::range(stats.min, stats.max);
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{range}</td><td>{}</td></tr>",
            i + 1,
            escape(&q.short_title),
            escape(&headline_short(session, q)),
            stats.scores,
            if q.revisit { "Yes" } else { "" }
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn question_section(
    out: &mut String,
    session: &Session,
    index: usize,
    q: &SessionQuestion,
    timeline: &[&Session],
) {
    let scale = &session.question_set.scale;
    let stats = VoteStats::of(&q.votes, scale);
    let _ = write!(
        out,
        "<section class=\"question\" id=\"q-{}\">\n<h3>{}. {}",
        index + 1,
        index + 1,
        escape(&q.short_title)
    );
    if q.revisit {
        out.push_str("<span class=\"flag\">Revisit</span>");
    }
    out.push_str("</h3>\n");
    let _ = writeln!(out, "<blockquote>{}</blockquote>", escape(&q.text));
    let _ = writeln!(
        out,
        "<p class=\"agreed\">Agreed score: <strong>{}</strong></p>",
        escape(&agreed_line(session, q))
    );

    out.push_str("<div class=\"charts\">\n");
    distribution_chart(out, session, q, &stats);
    if timeline.len() > 1 {
        history_chart(out, q, timeline);
    }
    out.push_str("</div>\n");

    let mut facts = vec![format!(
        "{} {}",
        stats.scores,
        if stats.scores == 1 { "vote" } else { "votes" }
    )];
    facts.push(format!(
        "{} {}",
        stats.abstentions,
        if stats.abstentions == 1 {
            "abstention"
        } else {
            "abstentions"
        }
    ));
    if stats.pending > 0 {
        facts.push(format!("{} not recorded", stats.pending));
    }
    if let Some(m) = stats.median {
        facts.push(format!("median {}", present::score(m)));
        facts.push(super::spread_words(&stats));
    }
    if stats.disagreement() {
        facts.push("views differed".to_string());
    }
    let _ = writeln!(out, "<p class=\"stats\">{}</p>", escape(&facts.join(" · ")));

    // Notes and actions in one block: printed, the question is a grid of five rows beside
    // its charts, and this last row takes any height the charts need.
    out.push_str("<div class=\"notes\">\n<h4>Notes</h4>\n");
    text_block(out, &q.notes, "No notes.");
    if !q.actions.is_empty() {
        out.push_str("<h4>Actions</h4>\n<ul>\n");
        for a in &q.actions {
            let _ = writeln!(out, "<li>{}</li>", escape(&action_line(a)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n</section>\n");
}

fn action_line(a: &crate::domain::ActionItem) -> String {
    let mut line = a.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut extra = Vec::new();
    if !a.owner.trim().is_empty() {
        extra.push(a.owner.trim().to_string());
    }
    if let Some(due) = a.due {
        extra.push(format!("due {}", long_date(due)));
    }
    if a.done {
        extra.push("done".to_string());
    }
    if !extra.is_empty() {
        let _ = write!(line, " ({})", extra.join(", "));
    }
    line
}

/// One horizontal bar per point of the scale plus abstentions; the agreed score's bar is
/// filled darker so the decision stands out against the spread.
fn distribution_chart(out: &mut String, session: &Session, q: &SessionQuestion, stats: &VoteStats) {
    let scale = &session.question_set.scale;
    let label_w = 130.0;
    let bar_max = 180.0;
    let row_h = 22.0;
    let rows = stats.distribution.len() + 1;
    let width = label_w + bar_max + 40.0;
    let height = row_h * rows as f64 + 4.0;
    let most = stats
        .distribution
        .iter()
        .map(|&(_, n)| n)
        .chain([stats.abstentions])
        .max()
        .unwrap_or(0)
        .max(1);
    let _ = writeln!(
        out,
        "<figure class=\"chart\" style=\"width: {width:.0}px\">\n<svg width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("Votes on question: {}", q.short_title))
    );
    let row = |out: &mut String, i: usize, label: String, count: usize, class: &str| {
        let y = row_h * i as f64 + 2.0;
        let w = bar_max * count as f64 / most as f64;
        let _ = writeln!(
            out,
            "<text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"{class}\" x=\"{label_w:.0}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" />\
             <text x=\"{:.1}\" y=\"{:.1}\">{count}</text>",
            label_w - 8.0,
            y + 15.0,
            escape(&label),
            y + 3.0,
            row_h - 6.0,
            label_w + w + 6.0,
            y + 15.0,
        );
    };
    for (i, &(score, count)) in stats.distribution.iter().enumerate() {
        let label = match scale.label(score) {
            Some(l) => format!("{score} {}", truncate(l, 18)),
            None => score.to_string(),
        };
        let class = if q.agreed == Some(score) {
            "bar agreed"
        } else {
            "bar"
        };
        row(out, i, label, count, class);
    }
    row(
        out,
        stats.distribution.len(),
        "Abstained".to_string(),
        stats.abstentions,
        "bar",
    );
    // The legend names the darker bar only when one is drawn.
    let agreed_drawn = q
        .agreed
        .is_some_and(|a| stats.distribution.iter().any(|&(s, _)| s == a));
    let caption = if agreed_drawn {
        "Votes per score; the darker bar is the agreed score."
    } else {
        "Votes per score; no score was agreed."
    };
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{label_w:.0}\" y1=\"0\" x2=\"{label_w:.0}\" y2=\"{height:.0}\" />\n</svg>\n\
         <figcaption>{caption}</figcaption>\n</figure>"
    );
}

/// The question's headline score in each session of the group, oldest first; a filled dot
/// is an agreed score, a hollow one a median standing in for it, and a session without the
/// question leaves a gap in the line.
fn history_chart(out: &mut String, q: &SessionQuestion, timeline: &[&Session]) {
    let Some(latest) = timeline.last() else {
        return;
    };
    let points: Vec<ChartPoint> = timeline
        .iter()
        .map(|s| {
            let value = s
                .questions
                .iter()
                .find(|sq| sq.id == q.id)
                .and_then(|sq| headline_score(sq, &s.question_set.scale));
            ChartPoint {
                label: month_label(s.date()),
                tooltip: long_date(s.date()),
                text: value.map(|(v, _)| present::score(v)).unwrap_or_default(),
                value: value.map(|(v, source)| (v, source == ScoreSource::Median)),
            }
        })
        .collect();
    let scale = &latest.question_set.scale;
    line_chart(
        out,
        &points,
        (scale.min, scale.max),
        &format!("Score over time: {}", q.short_title),
        if points
            .iter()
            .any(|p| p.value.is_some_and(|(_, hollow)| hollow))
        {
            "Score over time; a hollow dot is a median of votes, not an agreed score."
        } else {
            "Score over time; each dot is an agreed score."
        },
    );
}

/// One point of a line chart: its axis label, its value as it reads beside the dot (a score
/// or a mean, worded by [`present`]), and its value (`None` leaves a gap; `true` draws it
/// hollow, for a stand-in value such as a median).
pub(crate) struct ChartPoint {
    pub label: String,
    pub tooltip: String,
    pub text: String,
    pub value: Option<(f64, bool)>,
}

/// A line chart over the scale `range`, oldest point first, as a captioned figure.
pub(crate) fn line_chart(
    out: &mut String,
    points: &[ChartPoint],
    range: (u8, u8),
    aria: &str,
    caption: &str,
) {
    let (min, max) = (f64::from(range.0), f64::from(range.1));
    let span = (max - min).max(1.0);
    // The right margin holds half of the last date label, which is centred on its point.
    let (left, right, top, bottom) = (44.0, 40.0, 14.0, 30.0);
    let plot_w = (56.0 * points.len() as f64).clamp(160.0, 560.0);
    let plot_h = 120.0;
    let width = left + plot_w + right;
    let height = top + plot_h + bottom;
    let x = |i: usize| {
        if points.len() <= 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (points.len() - 1) as f64
        }
    };
    let y = |v: f64| top + plot_h * (1.0 - (v - min) / span);

    let _ = writeln!(
        out,
        "<figure class=\"chart\" style=\"width: {width:.0}px\">\n<svg width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"{}\">",
        escape(aria)
    );
    for p in range.0..=range.1 {
        let yy = y(f64::from(p));
        let _ = writeln!(
            out,
            "<line class=\"axis\" x1=\"{left:.0}\" y1=\"{yy:.1}\" x2=\"{:.0}\" y2=\"{yy:.1}\" />\
             <text class=\"small\" x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{p}</text>",
            left + plot_w,
            left - 6.0,
            yy + 3.5
        );
    }
    // Consecutive present points form one polyline; a gap starts a new one.
    let mut run: Vec<String> = Vec::new();
    let flush = |out: &mut String, run: &mut Vec<String>| {
        if run.len() > 1 {
            let _ = writeln!(
                out,
                "<polyline class=\"line\" points=\"{}\" />",
                run.join(" ")
            );
        }
        run.clear();
    };
    for (i, p) in points.iter().enumerate() {
        match p.value {
            Some((v, _)) => run.push(format!("{:.1},{:.1}", x(i), y(v))),
            None => flush(out, &mut run),
        }
    }
    flush(out, &mut run);
    // Too many labels would overlap: label every nth point, and always the last.
    let every = points.len().div_ceil(10).max(1);
    for (i, p) in points.iter().enumerate() {
        if let Some((v, hollow)) = p.value {
            let class = if hollow { "point median" } else { "point" };
            let _ = writeln!(
                out,
                "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"><title>{}</title></circle>\
                 <text class=\"small\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x(i),
                y(v),
                escape(&format!("{}: {}", p.tooltip, p.text)),
                x(i),
                y(v) - 8.0,
                escape(&p.text)
            );
        }
        if i % every == 0 || i + 1 == points.len() {
            let _ = writeln!(
                out,
                "<text class=\"small\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x(i),
                top + plot_h + 16.0,
                escape(&p.label)
            );
        }
    }
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>",
        escape(caption)
    );
}

/// The sessions to chart, oldest first: this one and the earlier ones of its group and set.
/// A group is matched by the domain's [`same_group`] rule, as the summary matches it, so the
/// chart never leaves out a session the summary includes.
fn timeline<'a>(session: &'a Session, history: &'a [Session]) -> Vec<&'a Session> {
    let mut sessions: Vec<&Session> = history
        .iter()
        .filter(|s| {
            s.id != session.id
                && same_group(&s.group, &session.group)
                && s.question_set.id == session.question_set.id
                && s.created <= session.created
        })
        .collect();
    sessions.sort_by_key(|s| s.created);
    sessions.push(session);
    sessions
}

fn actions(out: &mut String, session: &Session) {
    out.push_str("<section>\n<h2>Actions</h2>\n");
    let rows: Vec<_> = session.all_actions().collect();
    if rows.is_empty() {
        out.push_str("<p class=\"empty\">No actions were recorded.</p>\n");
    } else {
        out.push_str(
            "<table>\n<thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Question</th><th>Done</th></tr></thead>\n<tbody>\n",
        );
        for (i, q, a) in rows {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}. {}</td><td>{}</td></tr>",
                lines_html(&a.text),
                escape(&a.owner),
                a.due.map(long_date).unwrap_or_default(),
                i + 1,
                escape(&q.short_title),
                if a.done { "Done" } else { "Open" }
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn revisits(out: &mut String, session: &Session) {
    out.push_str("<section>\n<h2>To revisit</h2>\n");
    let flagged: Vec<_> = session.flagged().collect();
    if flagged.is_empty() {
        out.push_str("<p class=\"empty\">No questions were flagged to revisit.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for (i, q) in flagged {
            let _ = writeln!(
                out,
                "<li>{}. {}: {}</li>",
                i + 1,
                escape(&q.short_title),
                escape(&super::score_phrase(session, q))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// Free text as paragraphs, one per non-blank line, as the facilitator typed it.
fn text_block(out: &mut String, text: &str, when_empty: &str) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    if lines.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{when_empty}</p>");
    }
    for line in lines {
        let _ = writeln!(out, "<p>{}</p>", escape(line));
    }
}

fn lines_html(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape)
        .collect::<Vec<_>>()
        .join("<br />")
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn legends_describe_only_what_is_drawn() {
        let html = session_html(&fixture::session(), &[]);
        // q1 has an agreed score (a darker bar), q2 none.
        assert_eq!(
            html.matches("the darker bar is the agreed score").count(),
            1
        );
        assert_eq!(html.matches("no score was agreed.").count(), 1);

        let now = fixture::session();
        let mut earlier = earlier_session();
        earlier.questions[1].agreed = Some(2);
        let html = session_html(&now, &[earlier]);
        // q1 agreed both times: filled dots only; q2 has a median now: one hollow dot.
        assert_eq!(html.matches("each dot is an agreed score").count(), 1);
        assert_eq!(html.matches("a hollow dot is a median").count(), 1);
    }

    #[test]
    fn printed_it_is_a4_and_each_question_stays_whole() {
        let css = STYLE.split("@media print").nth(1).unwrap_or_default();
        assert!(STYLE.contains("@page { size: A4;"));
        assert!(
            css.contains("section.question, table.details, .chart, tr { break-inside: avoid; }")
        );
        assert!(!STYLE.contains("break-before"), "no forced page break");
        assert!(!STYLE.contains("page-break-before"));
    }

    #[test]
    fn escape_covers_the_five() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn notes_are_escaped_and_nothing_is_fetched() {
        let html = session_html(&fixture::session(), &[]);
        assert!(!html.contains("<script"), "unescaped script");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assert!(!html.to_lowercase().contains("http"));
        assert!(
            !html.contains("Score over time"),
            "no history, no history chart"
        );
    }

    /// The fixture session as the same group held it in December 2025.
    fn earlier_session() -> Session {
        let mut earlier = fixture::session();
        earlier.id = uuid::Uuid::from_u128(1);
        earlier.created = "2025-12-01T10:00:00Z"
            .parse()
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        earlier.updated = earlier.created;
        earlier
    }

    #[test]
    fn history_of_the_same_group_adds_a_chart() {
        let now = fixture::session();
        let mut earlier = earlier_session();
        earlier.questions[0].agreed = Some(2);
        let mut other_group = earlier.clone();
        other_group.group = "Elsewhere".into();
        let html = session_html(&now, &[earlier, other_group, now.clone()]);
        assert_eq!(
            html.matches("Score over time").count(),
            2 * now.questions.len()
        );
        assert!(html.contains(">Dec 2025<"));
        assert_eq!(html.matches("<polyline").count(), now.questions.len());
    }

    #[test]
    fn history_matches_the_group_as_the_summary_does() {
        use crate::domain::compare::{Comparison, Filter};
        let now = fixture::session();
        let mut earlier = earlier_session();
        // Typed by hand on another day: other case, stray spaces.
        earlier.group = "  north & EAST place ".into();
        let both = [earlier, now.clone()];
        let summary = Comparison::build(&both, &Filter::default());
        assert_eq!(summary.sessions.len(), 2, "the summary compares both");
        let html = session_html(&now, &both);
        assert!(html.contains(">Dec 2025<"), "so does the report's chart");
        assert_eq!(html.matches("<polyline").count(), now.questions.len());
    }
}
