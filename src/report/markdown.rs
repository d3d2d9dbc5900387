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
    if let Some(notice) = super::unfinished_notice(session) {
        let _ = writeln!(out, "**{notice}**\n");
    }
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
                "- {}\\. {}: {}",
                i + 1,
                heading(&q.short_title),
                escape(&super::score_phrase(session, q))
            );
        }
    }

    out.push_str("\n## Reflections\n\n");
    if session.reflections.trim().is_empty() {
        out.push_str("No reflections were recorded.\n");
    } else {
        out.push_str(&paragraphs(&session.reflections, ""));
    }
    out
}

fn question_section(out: &mut String, session: &Session, index: usize, q: &SessionQuestion) {
    let scale = &session.question_set.scale;
    let stats = VoteStats::of(&q.votes, scale);
    let _ = writeln!(out, "\n### {}. {}\n", index + 1, heading(&q.short_title));
    out.push_str(&paragraphs(&q.text, "> "));
    let _ = writeln!(
        out,
        "\n**Agreed score:** {}\n",
        escape(&agreed_line(session, q))
    );

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
    if q.revisit {
        out.push_str("*Flagged to revisit.*\n\n");
    }
    if q.notes.trim().is_empty() {
        out.push_str("No notes.\n");
    } else {
        out.push_str("**Notes**\n\n");
        out.push_str(&paragraphs(&q.notes, ""));
    }
}

/// Text for a table cell: on one line (a newline would end the row), escaped like any
/// user text, so a pipe stays in its cell.
pub fn cell(text: &str) -> String {
    heading(text)
}

/// Text for a heading or list item: on one line, or the rest would fall out of it, and
/// escaped.
fn heading(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// One line of user text escaped so it renders as typed in CommonMark and in pandoc's
/// Markdown (which Word documents are made from): every character that could start
/// emphasis, code, a link, raw HTML, an entity, a table cell, math, a citation, a
/// superscript or an attribute is backslash-escaped wherever it stands, and what only
/// means something at the start of a line (a heading, quote, list, rule, definition or
/// setext underline) is escaped there. Leading spaces are dropped: four of them would
/// make a code block. Quotes are left alone: pandoc curls them (“ ” ’) as Word does, which
/// changes their shape, not the text, and escaping every apostrophe would make the raw
/// text hard to read.
pub fn escape(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        let escape_here = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '^' | '$' | '@' | '{'
            | '}' | '#' => true,
            '&' => looks_like_entity(&line[i + 1..]),
            // `--` and `...` would become a dash and an ellipsis in pandoc.
            '-' => i == 0 || line[i + 1..].starts_with('-'),
            '.' if line[i + 1..].starts_with("..") => true,
            '+' | '=' | ':' | '(' | '%' => i == 0,
            '.' | ')' => i > 0 && list_marker_before(&line[..i], &line[i + 1..]),
            _ => false,
        };
        if escape_here {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `&amp;`, `&#39;`, `&x1F600;`: text Markdown would turn into another character.
fn looks_like_entity(rest: &str) -> bool {
    let name = rest.strip_prefix('#').unwrap_or(rest);
    let len = name.chars().take_while(char::is_ascii_alphanumeric).count();
    len > 0 && name[len..].starts_with(';')
}

/// Whether `before` + `.`/`)` starts the line as a list marker would (`1.`, `12)`, and
/// pandoc's `a.`, `B)`, `iv.`) with a space or the end of the line after it.
fn list_marker_before(before: &str, after: &str) -> bool {
    let roman = |c: char| "ivxlcdmIVXLCDM".contains(c);
    let marker = before.chars().all(|c| c.is_ascii_digit())
        || before.chars().count() == 1 && before.chars().all(|c| c.is_ascii_alphabetic())
        || before.chars().all(roman);
    marker && (after.is_empty() || after.starts_with(char::is_whitespace))
}

/// Free text (notes, reflections, a question) as Markdown, each line escaped: lines
/// separated by a blank line become paragraphs, and the lines of one paragraph stay on
/// their own lines with hard breaks (a backslash at the end), since Markdown would
/// otherwise run a facilitator's line-by-line notes together. `prefix` starts every line
/// (`"> "` for a quote).
fn paragraphs(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    let blocks: Vec<Vec<String>> = text
        .split("\n")
        .map(|l| escape(l.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .split(String::is_empty)
        .filter(|b| !b.is_empty())
        .map(<[String]>::to_vec)
        .collect();
    for (n, block) in blocks.iter().enumerate() {
        if n > 0 {
            out.push_str(prefix.trim_end());
            out.push('\n');
        }
        for (i, line) in block.iter().enumerate() {
            out.push_str(prefix);
            out.push_str(line);
            if i + 1 < block.len() {
                out.push('\\');
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn cells_escape_pipes_and_fold_lines() {
        assert_eq!(cell("a | b\n\nc\\"), "a \\| b c\\\\");
    }

    #[test]
    fn notes_keep_their_lines_and_paragraphs() {
        assert_eq!(
            paragraphs("one\ntwo\n- a\n\n\n1. b\nend\n", ""),
            "one\\\ntwo\\\n\\- a\n\n1\\. b\\\nend\n"
        );
        assert_eq!(paragraphs("a\n\nb", "> "), "> a\n>\n> b\n");
    }

    #[test]
    fn only_what_markdown_would_read_is_escaped() {
        for (typed, written) in [
            ("# not a heading", "\\# not a heading"),
            ("<script>", "\\<script\\>"),
            ("a | b", "a \\| b"),
            ("*stars* and _under_", "\\*stars\\* and \\_under\\_"),
            ("1. first", "1\\. first"),
            ("a) pandoc list", "a\\) pandoc list"),
            ("- item", "\\- item"),
            ("> quote", "\\> quote"),
            ("`code`", "\\`code\\`"),
            ("&amp; but not & alone", "\\&amp; but not & alone"),
            (
                "Q1. 2026 - well-run (mostly)",
                "Q1. 2026 - well-run (mostly)",
            ),
            ("   indented", "indented"),
            (
                "a -- b --- c ... d .... e",
                "a \\-- b \\-\\-- c \\... d \\.\\... e",
            ),
        ] {
            assert_eq!(escape(typed), written, "{typed:?}");
        }
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
            "### 1. Decisions \\| in public",
            "| 1 | Decisions \\| in public | 3 | 2 | 3–4 |  |",
            "**Agreed score:** 3 – Partly",
            "**Agreed score:** not agreed (median of votes 2.5)",
            "| Publish minutes within a week | Bob \\| clerk | 1 April 2026 | 1. Decisions \\| in public | Open |",
            "- 2\\. Voices: not agreed (median of votes 2.5)",
            "We ran out of time.\n\nNext time: start with q2.",
            "| Not recorded |",
        ] {
            assert!(md.contains(part), "missing {part:?} in\n{md}");
        }
    }
}
