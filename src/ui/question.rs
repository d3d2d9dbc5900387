//! The question screen: one question, the votes and their spread, the agreed score,
//! notes and actions. Laid out so the question reads first and the spread is always visible.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::question::{ActionForm, QuestionMode as Mode, QuestionState};
use crate::app::{OpenSession, Shared};
use crate::domain::stats::VoteStats;
use crate::domain::{Scale, SessionQuestion, Vote};
use crate::report::present;

use super::theme::Theme;
use super::widgets::{block, cells, clock, pad, truncate, wrapped_height};
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, area: Rect, st: &QuestionState, app: &Shared, theme: Theme) {
    let Some(a) = app.open.as_ref() else {
        return;
    };
    let Some(q) = a.question() else {
        frame.render_widget(Paragraph::new("This session has no questions."), area);
        return;
    };
    let scale = &a.session.question_set.scale;
    let stats = VoteStats::of(&q.votes, scale);
    // Wide terminals get margins so the question reads as a block, not a line across the room.
    let area = if area.width > 140 {
        area.inner(ratatui::layout::Margin::new((area.width - 140) / 2, 0))
    } else {
        area
    };
    let text_width = area.width.saturating_sub(2);
    let question_height = wrapped_height(&q.text, text_width)
        .min(area.height / 4)
        .max(1);
    let side_panel = side_panel_lines(a, st, theme);
    let seats = cells(a.session.participants.count());
    // The spread (bars, median, disagreement, agreed score) must always fit.
    let spread_rows = cells(scale.points().count()).saturating_add(3);
    let room = area.height.saturating_sub(1 + question_height + 1);
    let votes_height = seats
        .max(spread_rows)
        .saturating_add(2)
        .min(room.saturating_sub(4))
        .max(3);
    let after_votes = room.saturating_sub(votes_height);
    // Prompts and "since last time" go above the votes when there is room for them and the
    // notes; otherwise they take the notes' place until hidden (p / t).
    let wanted_side = cells(side_panel.len()).saturating_add(2);
    let (side_height, side_in_bottom) = if side_panel.is_empty() || st.mode == Mode::Notes {
        (0, false)
    } else if after_votes >= wanted_side.min(8) + 5 {
        (wanted_side.min(8).min(after_votes - 5), false)
    } else {
        (0, true)
    };
    let [header, question, scale_area, side, votes, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(question_height),
        Constraint::Length(1),
        Constraint::Length(side_height),
        Constraint::Length(votes_height),
        Constraint::Min(3),
    ])
    .areas(area);
    let side = if side_in_bottom { None } else { Some(side) };

    render_header(frame, header, a, theme);
    frame.render_widget(
        Paragraph::new(q.text.as_str())
            .style(theme.heading())
            .wrap(Wrap { trim: true })
            .block(
                ratatui::widgets::Block::default()
                    .padding(ratatui::widgets::Padding::horizontal(1)),
            ),
        question,
    );
    frame.render_widget(Paragraph::new(scale_line(scale, theme)), scale_area);
    let side_title = if st.show_since_last_time && a.since_last_time.is_some() {
        " Since last time (t hides) "
    } else {
        " Facilitator prompts (p hides) "
    };
    let side_widget = Paragraph::new(side_panel)
        .wrap(Wrap { trim: true })
        .block(block(side_title, theme));
    if let Some(side) = side.filter(|s| s.height > 0) {
        frame.render_widget(side_widget.clone(), side);
    }

    let [votes_area, spread_area] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(votes);
    render_votes(frame, votes_area, a, st, q, theme);
    render_spread(frame, spread_area, a, st, q, &stats, theme);

    let [notes_area, actions_area] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(bottom);
    if side_in_bottom {
        frame.render_widget(side_widget, notes_area);
    } else {
        render_notes(frame, notes_area, st, q, theme);
    }
    render_actions(frame, actions_area, st, q, theme);

    if let Mode::AddingAction(form) = &st.mode {
        render_action_form(frame, area, form, theme);
    }
}

fn render_header(frame: &mut Frame, area: Rect, a: &OpenSession, theme: Theme) {
    let s = &a.session;
    let cur = a.current();
    let Some(q) = a.question() else { return };
    let n = s.questions.len();
    let flag = if q.revisit { "  ⚑ REVISIT" } else { "" };
    let pace = pace_text(a);
    let progress = format!("Question {} of {n}", cur + 1);
    let room =
        usize::from(area.width).saturating_sub(pace.width() + progress.width() + flag.width() + 5);
    let left = Line::from(vec![
        Span::styled(progress, theme.title()),
        Span::styled(" · ", theme.dim()),
        Span::styled(truncate(&q.short_title, room), theme.heading()),
        Span::styled(flag, theme.warning()),
    ]);
    frame.render_widget(Paragraph::new(left), area);
    frame.render_widget(
        Paragraph::new(Span::styled(pace, theme.dim()))
            .alignment(ratatui::layout::Alignment::Right),
        area,
    );
}

/// Time on this question, and whether the whole agenda is ahead of or behind plan.
pub fn pace_text(a: &OpenSession) -> String {
    let s = &a.session;
    let n = s.questions.len().max(1) as i64;
    let cur = a.current();
    let here = a.question().map_or(0, |q| i64::from(q.seconds_spent));
    let total: i64 = s.questions.iter().map(|q| i64::from(q.seconds_spent)).sum();
    let budget = i64::from(s.planned_minutes) * 60 / n;
    let expected = budget * cur as i64 + here.min(budget);
    let diff_min = (total - expected) / 60;
    let pace = match diff_min {
        d if d >= 1 => format!("{d} min behind"),
        d if d <= -1 => format!("{} min ahead", -d),
        _ => "on time".to_string(),
    };
    format!(
        "⏱ {} here of {} · {pace}",
        clock(here as u64),
        clock(budget as u64)
    )
}

fn scale_line(scale: &Scale, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(" Scale: ", theme.dim())];
    for (i, p) in scale.points().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(p.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {}", scale.label(p).unwrap_or(""))));
    }
    spans.push(Span::styled(" · - abstain", theme.dim()));
    Line::from(spans)
}

fn side_panel_lines(a: &OpenSession, st: &QuestionState, theme: Theme) -> Vec<Line<'static>> {
    if st.show_since_last_time
        && let Some(since) = &a.since_last_time
    {
        let mut lines = vec![Line::styled(
            "Still open from earlier sessions:",
            theme.dim(),
        )];
        for carried in &since.actions {
            let a = &carried.action;
            let owner = if a.owner.is_empty() {
                String::new()
            } else {
                format!(" — {}", a.owner)
            };
            let due = a.due.map(|d| format!(" (due {d})")).unwrap_or_default();
            let mark = if a.done { "☑" } else { "☐" };
            lines.push(Line::from(format!(
                "{mark} {}{owner}{due} [{}] {}",
                a.text,
                carried.question.short_title,
                present::raised_in(&carried.origin)
            )));
        }
        for revisit in &since.revisits {
            lines.push(Line::from(format!(
                "⚑ Revisit: {} {}",
                revisit.question.short_title,
                present::raised_in(&revisit.origin)
            )));
        }
        return lines;
    }
    if st.show_prompts {
        let prompts = a.prompts.get(a.current()).cloned().unwrap_or_default();
        if prompts.is_empty() {
            return vec![Line::styled("No prompts for this question.", theme.dim())];
        }
        return prompts
            .into_iter()
            .map(|p| Line::from(format!("• {p}")))
            .collect();
    }
    Vec::new()
}

fn vote_text(vote: Vote, scale: &Scale) -> String {
    match vote {
        Vote::Pending => "–  not yet".to_string(),
        Vote::Score(s) => format!("{s}  {}", scale.label(s).unwrap_or("")),
        Vote::Abstain => "○  abstains".to_string(),
    }
}

fn render_votes(
    frame: &mut Frame,
    area: Rect,
    a: &OpenSession,
    st: &QuestionState,
    q: &SessionQuestion,
    theme: Theme,
) {
    let names = a.session.participants.display_names();
    let scale = &a.session.question_set.scale;
    let inner_height = usize::from(area.height.saturating_sub(2));
    // Keep the selected participant in view when there are more people than rows.
    let first = (st.participant + 1).saturating_sub(inner_height);
    let name_width = usize::from(area.width.saturating_sub(4))
        .saturating_sub(16)
        .clamp(4, 24);
    let voting = st.mode == Mode::Voting;
    let lines: Vec<Line> = names
        .iter()
        .zip(&q.votes)
        .enumerate()
        .skip(first)
        .take(inner_height)
        .map(|(i, (name, vote))| {
            let selected = i == st.participant && voting && !st.round_complete;
            let marker = if i == st.participant && !st.round_complete {
                "▶ "
            } else {
                "  "
            };
            // A first digit waiting for a second shows as "1_", so the room sees it.
            let shown = match st.pending_digit {
                Some(p) if selected => format!("{}_", p.digit),
                _ => vote_text(*vote, scale),
            };
            let text = format!("{marker}{} {shown}", pad(name, name_width));
            let style = if selected {
                theme.selected()
            } else if *vote == Vote::Pending {
                theme.dim()
            } else {
                theme.text()
            };
            Line::styled(text, style)
        })
        .collect();
    let cast = q.votes.iter().filter(|v| **v != Vote::Pending).count();
    let title = format!(" Votes {cast}/{} ", names.len());
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
}

fn render_spread(
    frame: &mut Frame,
    area: Rect,
    a: &OpenSession,
    st: &QuestionState,
    q: &SessionQuestion,
    stats: &VoteStats,
    theme: Theme,
) {
    let scale = &a.session.question_set.scale;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let label_width = scale
        .labels
        .iter()
        .map(|p| unicode_width::UnicodeWidthStr::width(p.label.as_str()))
        .max()
        .unwrap_or(0)
        .min(14);
    let bar_room = inner_width.saturating_sub(label_width + 3 + 5).max(1);
    let most = stats
        .distribution
        .iter()
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut lines: Vec<Line> = stats
        .distribution
        .iter()
        .rev()
        .map(|&(score, count)| {
            let bar = (count * bar_room).div_ceil(most);
            let label = pad(scale.label(score).unwrap_or(""), label_width);
            Line::from(vec![
                Span::styled(format!("{score:>2} "), theme.key()),
                Span::raw(format!("{label} ")),
                Span::styled(
                    "█".repeat(if count > 0 { bar.max(1) } else { 0 }),
                    theme.bar(),
                ),
                Span::raw(format!(" {count}")),
            ])
        })
        .collect();
    let summary = match stats.median {
        Some(m) => format!(
            "median {} · range {} · {} abstain",
            present::score(m),
            present::range(stats.min, stats.max),
            stats.abstentions
        ),
        _ => format!("no scores yet · {} abstain", stats.abstentions),
    };
    lines.push(Line::styled(summary, theme.dim()));
    if let Some(split) = stats.split() {
        // Two camps: the median lands where nobody stands, so say so in words.
        lines.push(Line::styled(
            format!("⚠ {}", present::split(&split)),
            theme.warning(),
        ));
    } else if stats.disagreement() {
        lines.push(Line::styled(
            format!(
                "⚠ Wide spread, {} points: discuss first",
                stats.range().unwrap_or(0)
            ),
            theme.warning(),
        ));
    } else if stats.scores > 0 {
        lines.push(Line::styled("✓ Scores are close", theme.good()));
    }
    lines.push(agreed_line(a, st, q, stats, theme));
    frame.render_widget(Paragraph::new(lines).block(block(" Spread ", theme)), area);
}

fn agreed_line(
    a: &OpenSession,
    st: &QuestionState,
    q: &SessionQuestion,
    stats: &VoteStats,
    theme: Theme,
) -> Line<'static> {
    let scale = &a.session.question_set.scale;
    if let Mode::Agreeing { proposed } = st.mode {
        let proposal = proposed
            .map(|p| format!("Enter accepts {p} {}", scale.label(p).unwrap_or("")))
            .unwrap_or_else(|| "no votes to propose from".into());
        let typed = st
            .pending_digit
            .map(|p| format!("{}_", p.digit))
            .unwrap_or_else(|| format!("type {}–{}", scale.min, scale.max));
        return Line::styled(
            format!("Agreed score? {typed} · {proposal}"),
            theme.selected(),
        );
    }
    match q.agreed {
        Some(s) => Line::from(vec![
            Span::styled("Agreed: ", theme.heading()),
            Span::styled(
                format!("{s} {}", scale.label(s).unwrap_or("")),
                theme.title(),
            ),
        ]),
        None => {
            let proposal = stats
                .proposed_agreed()
                .map(|p| format!(" (g: propose {p})"))
                .unwrap_or_else(|| " (g to set)".into());
            Line::from(vec![
                Span::styled("Agreed: ", theme.heading()),
                Span::styled(format!("not set{proposal}"), theme.dim()),
            ])
        }
    }
}

fn render_notes(
    frame: &mut Frame,
    area: Rect,
    st: &QuestionState,
    q: &SessionQuestion,
    theme: Theme,
) {
    if st.mode == Mode::Notes {
        let mut editor = st.notes.clone();
        editor
            .set_block(block(" Notes — editing, Esc when done ", theme).border_style(theme.key()));
        frame.render_widget(&editor, area);
        return;
    }
    let body = if q.notes.is_empty() {
        Text::styled(
            "No notes yet. Press e to write; pasting works.",
            theme.dim(),
        )
    } else {
        // Show the end of long notes: the latest words are the ones being discussed. Only
        // the end is measured and laid out, so a 1 MiB note costs what a screenful does.
        let inner_height = usize::from(area.height.saturating_sub(2));
        let width = area.width.saturating_sub(2);
        match tail_lines(&q.notes, width, inner_height) {
            (_, true) => Text::from(q.notes.clone()),
            (_, false) => Text::from(
                std::iter::once(Line::styled("… (e to see all)", theme.dim()))
                    .chain(tail_lines(&q.notes, width, inner_height.saturating_sub(1)).0)
                    .collect::<Vec<_>>(),
            ),
        }
    };
    frame.render_widget(
        Paragraph::new(body)
            .wrap(Wrap { trim: false })
            .block(block(" Notes (e) ", theme)),
        area,
    );
}

/// The last `rows` wrapped rows' worth of lines of `text`, and whether that is all of it.
/// Lines are looked at from the end and the looking stops when the rows are full; a line
/// longer than the rows can hold (a 1 MiB paste with no line break) is cut to its end first,
/// so neither measuring nor drawing ever walks the whole note.
fn tail_lines(text: &str, width: u16, rows: usize) -> (Vec<Line<'static>>, bool) {
    let cap = rows.saturating_mul(usize::from(width.max(1)));
    let mut out = Vec::new();
    let mut used = 0usize;
    let mut all = true;
    for line in text.split('\n').rev() {
        // Two thirds of what the rows hold, from a word's start: word wrapping leaves gaps
        // at line ends, and the drawing starts at the top of what it is given.
        let cut = last_chars(line, cap * 2 / 3);
        let shown = if cut.len() == line.len() {
            line
        } else {
            all = false;
            cut.split_once(' ').map_or(cut, |(_, rest)| rest)
        };
        let h = usize::from(wrapped_height(shown, width));
        if used + h > rows {
            all = false;
            if !out.is_empty() {
                break;
            }
        }
        used += h;
        out.push(Line::from(shown.to_string()));
    }
    out.reverse();
    (out, all)
}

/// The last `n` characters of `line` (all of it when shorter), without counting the rest.
fn last_chars(line: &str, n: usize) -> &str {
    // Every character takes at least a byte: no more bytes than `n`, no more characters.
    if line.len() <= n {
        return line;
    }
    match line.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &line[i..],
        _ if n == 0 => "",
        _ => line,
    }
}

fn render_actions(
    frame: &mut Frame,
    area: Rect,
    st: &QuestionState,
    q: &SessionQuestion,
    theme: Theme,
) {
    let mut lines: Vec<Line> = Vec::new();
    if q.revisit {
        let from = q
            .revisit_origin
            .as_ref()
            .map(|o| format!(", {}", present::raised(o)))
            .unwrap_or_default();
        lines.push(Line::styled(
            format!("⚑ Flagged to revisit{from} (f)"),
            theme.warning(),
        ));
    }
    if q.actions.is_empty() {
        lines.push(Line::styled("No actions. Press a to add one.", theme.dim()));
    }
    for (i, item) in q.actions.iter().enumerate() {
        let mark = if item.done { "☑" } else { "☐" };
        let owner = if item.owner.is_empty() {
            String::new()
        } else {
            format!(" — {}", item.owner)
        };
        let due = item.due.map(|d| format!(" (due {d})")).unwrap_or_default();
        let from = item
            .origin
            .as_ref()
            .map(|o| format!(" · {}", present::raised(o)))
            .unwrap_or_default();
        let style = if st.action == Some(i) {
            theme.selected()
        } else {
            theme.text()
        };
        lines.push(Line::styled(
            format!("{mark} {}{owner}{due}{from}", item.text),
            style,
        ));
    }
    let title = format!(" Actions {} ", q.actions.len());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title, theme)),
        area,
    );
}

fn render_action_form(frame: &mut Frame, area: Rect, form: &ActionForm, theme: Theme) {
    let width = area.width.saturating_sub(8).min(76);
    let height = 9u16.min(area.height);
    let popup = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    let outer = block(
        " Add an action — Tab next field, Enter adds, Esc cancels ",
        theme,
    )
    .border_style(theme.key());
    let inner = outer.inner(popup);
    frame.render_widget(outer, popup);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .split(inner);
    let label_width = 28u16.min(inner.width / 2);
    for (i, label) in ActionForm::LABELS.iter().enumerate() {
        let row = rows[i * 2];
        let [l, f] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(row);
        let marker = if form.focus == i { "▶ " } else { "  " };
        let style = if form.focus == i {
            theme.heading()
        } else {
            theme.dim()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{marker}{label}"), style)),
            l,
        );
        if form.focus == i {
            frame.render_widget(&form.fields[i], f);
        } else {
            frame.render_widget(Paragraph::new(form.fields[i].lines().join(" ")), f);
        }
    }
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(format!("⚠ {error}"), theme.warning())),
            rows[6],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_of_a_long_note_is_its_end_and_says_so() {
        let (lines, all) = tail_lines("one\ntwo", 20, 5);
        assert!(all);
        assert_eq!(lines.len(), 2);
        // A single line of 1 MiB: only its end is taken, and it is not "all".
        let long = format!("{}THE END", "word ".repeat(210_000));
        let (lines, all) = tail_lines(&long, 78, 10);
        assert!(!all);
        assert_eq!(lines.len(), 1);
        let shown = lines[0].to_string();
        assert!(shown.ends_with("THE END"), "{shown}");
        assert!(shown.chars().count() <= 780, "{}", shown.len());
        assert_eq!(last_chars("héllo", 3), "llo");
        assert_eq!(last_chars("héllo", 0), "");
        assert_eq!(last_chars("hé", 9), "hé");
    }
}
