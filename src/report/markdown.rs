//! The session as Markdown, written to read well both rendered and pasted raw into a
//! committee paper: a details table, a scores overview, one section per question, then
//! actions, revisits and reflections.

use std::fmt::Write as _;

use crate::domain::stats::VoteStats;
use crate::domain::{Session, SessionQuestion};

use super::present::{self, long_date};
use super::{agreed_line, headline_short};

/// The whole session report.
pub fn session_markdown(session: &Session) -> String {
    let mut out = String::new();
    let scale = &session.question_set.scale;

    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(out, "# {}\n", heading(&session.title));
    for (name, value) in super::session_details(session) {
        let _ = writeln!(out, "- **{name}:** {}", heading(&value));
    }

    out.push_str("\n## Scores at a glance\n\n");
    if let Some(mean) = session.mean_score() {
        let _ = writeln!(
            out,
            "Mean score {} on a scale of {} to {}, over {} of {} questions{}.\n",
            present::mean(mean.value),
            scale.min,
            scale.max,
            mean.questions,
            session.questions.len(),
            present::median_stand_ins(mean.medians)
        );
    }
    out.push_str("| # | Question | Agreed score | Votes | Range | Revisit |\n");
    out.push_str("|--:|---|---|--:|---|---|\n");
    for (i, q) in session.questions.iter().enumerate() {
        let stats = VoteStats::of(&q.votes, scale);
        let range = present::range(stats.min, stats.max);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            i + 1,
            cell(&q.short_title),
            cell(&headline_short(session, q)),
            stats.scores,
            range,
            if q.revisit { "Yes" } else { "" }
        );
    }

    out.push_str("\n## Questions\n");
    for (i, q) in session.questions.iter().enumerate() {
        question_section(&mut out, session, i, q);
    }

    out.push_str("\n## Actions\n\n");
    let actions: Vec<_> = session.all_actions().collect();
    if actions.is_empty() {
        out.push_str("No actions were recorded.\n");
    } else {
        out.push_str("| Action | Owner | Due | Question | Done |\n|---|---|---|---|---|\n");
        for (i, q, a) in actions {
            let due = a.due.map(long_date).unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {}. {} | {} |",
                cell(&a.text),
                cell(&a.owner),
                due,
                i + 1,
                cell(&q.short_title),
                if a.done { "Done" } else { "Open" }
            );
        }
    }

    out.push_str("\n## To revisit\n\n");
    let revisits: Vec<_> = session.flagged().collect();
    if revisits.is_empty() {
        out.push_str("No questions were flagged to revisit.\n");
    } else {
        for (i, q) in revisits {
            let _ = writeln!(
                out,
                "- {}. {}: {}",
                i + 1,
                heading(&q.short_title),
                super::score_phrase(session, q)
            );
        }
    }

    out.push_str("\n## Reflections\n\n");
    if session.reflections.trim().is_empty() {
        out.push_str("No reflections were recorded.\n");
    } else {
        out.push_str(&paragraphs(&session.reflections));
    }
    out
}

fn question_section(out: &mut String, session: &Session, index: usize, q: &SessionQuestion) {
    let scale = &session.question_set.scale;
    let stats = VoteStats::of(&q.votes, scale);
    let _ = writeln!(out, "\n### {}. {}\n", index + 1, heading(&q.short_title));
    for line in q.text.lines() {
        let _ = writeln!(out, "> {line}");
    }
    let _ = writeln!(out, "\n**Agreed score:** {}\n", agreed_line(session, q));

    // The distribution as a one-row table: it lines up under each label when rendered and
    // stays legible as plain text.
    let mut header = String::from("| Score |");
    let mut rule = String::from("|---|");
    let mut counts = String::from("| Votes |");
    for &(score, count) in &stats.distribution {
        let label = scale.label(score).unwrap_or_default();
        let _ = write!(header, " {score} {} |", cell(label));
        rule.push_str("--:|");
        let _ = write!(counts, " {count} |");
    }
    header.push_str(" Abstained |");
    rule.push_str("--:|");
    let _ = write!(counts, " {} |", stats.abstentions);
    if stats.pending > 0 {
        header.push_str(" Not recorded |");
        rule.push_str("--:|");
        let _ = write!(counts, " {} |", stats.pending);
    }
    let _ = writeln!(out, "{header}\n{rule}\n{counts}\n");
    if let Some(median) = stats.median {
        let _ = write!(
            out,
            "Median {}; {}",
            present::score(median),
            super::spread_words(&stats)
        );
        if stats.disagreement() {
            out.push_str(" (views differed)");
        }
        out.push_str(".\n\n");
    }
    if let Some(rounds) = super::round_words(q, scale) {
        let _ = writeln!(out, "{rounds}.\n");
    }
    if q.revisit {
        out.push_str("*Flagged to revisit.*\n\n");
    }
    if q.notes.trim().is_empty() {
        out.push_str("No notes.\n");
    } else {
        out.push_str("**Notes**\n\n");
        out.push_str(&paragraphs(&q.notes));
    }
}

/// Text for a table cell: a pipe would end the cell and a newline the row.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text
        .trim()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(line) = lines.next() {
        for c in line.chars() {
            match c {
                '|' => out.push_str("\\|"),
                '\\' => out.push_str("\\\\"),
                _ => out.push(c),
            }
        }
        if lines.peek().is_some() {
            out.push_str("<br>");
        }
    }
    out
}

/// Text for a heading or list item: on one line, or the rest would fall out of it.
fn heading(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Free text (notes, reflections) as Markdown paragraphs. Markdown joins single line
/// breaks, which would run a facilitator's line-by-line notes together, so each line
/// becomes its own paragraph, except that consecutive list items stay one list.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    let mut previous_was_item = false;
    for line in text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
    {
        let item = is_list_item(line);
        if !out.is_empty() {
            out.push_str(if item && previous_was_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(line);
        previous_was_item = item;
    }
    out.push('\n');
    out
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("• ")
        || t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn cells_escape_pipes_and_fold_lines() {
        assert_eq!(cell("a | b\n\nc\\"), "a \\| b<br>c\\\\");
    }

    #[test]
    fn notes_keep_their_lines_and_lists() {
        assert_eq!(
            paragraphs("one\ntwo\n- a\n- b\nend"),
            "one\n\ntwo\n\n- a\n- b\n\nend\n"
        );
    }

    #[test]
    fn report_has_every_part() {
        let md = session_markdown(&fixture::session());
        for part in [
            "# Spring review",
            "- **Date:** 12 March 2026",
            "- **Group:** North & East Place",
            "- **Took part:** Ann, Bob \"B\", 李 (3)",
            "| Votes | 0 | 0 | 1 | 1 | 0 | 1 |",
            "Median 3.5; scores from 3 to 4.",
            "### 1. Decisions | in public",
            "| 1 | Decisions \\| in public | 3 | 2 | 3–4 |  |",
            "**Agreed score:** 3 – Partly",
            "**Agreed score:** not agreed (median of votes 2.5)",
            "| Publish minutes<br>within a week | Bob \\| clerk | 1 April 2026 | 1. Decisions \\| in public | Open |",
            "- 2. Voices: not agreed (median of votes 2.5)",
            "We ran out of time.\n\nNext time: start with q2.",
            "| Not recorded |",
        ] {
            assert!(md.contains(part), "missing {part:?} in\n{md}");
        }
    }
}
