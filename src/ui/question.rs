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

use super::room;
use super::theme::Theme;
use super::widgets::{
    block, cells, clock, label_width, most_votes, note_editor, pad, scrolled, scrolled_to,
    truncate, wrapped_height,
};
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, area: Rect, st: &QuestionState, app: &Shared, theme: Theme) {
    let Some(a) = app.open.as_ref() else {
        return;
    };
    let Some(q) = a.question() else {
        frame.render_widget(Paragraph::new("This session has no questions."), area);
        return;
    };
    if let Mode::Pass(pass) = &st.mode {
        room::render_pass(frame, area, a, q, pass, theme);
        return;
    }
    let scale = &a.session.question_set.scale;
    let stats = VoteStats::of(&q.votes, scale);
    // Wide terminals get margins so the question reads as a block, not a line across the room.
    let area = if area.width > 140 {
        area.inner(ratatui::layout::Margin::new((area.width - 140) / 2, 0))
    } else {
        area
    };
    let text_width = area.width.saturating_sub(2);
    let side_panel = side_panel_lines(a, st, theme);
    let seats = cells(a.session.participants.count());
    let layout = Plan::new(
        area.height,
        wrapped_height(&q.text, text_width),
        cells(scale.points().count()),
        room::round_rows(q),
        seats,
        !side_panel.is_empty() && st.mode != Mode::Notes,
    );
    let (question_height, votes_height) = (layout.question, layout.votes);
    let after_votes = layout.after_votes;
    // Prompts and "since last time" go above the votes when there is room for them and the
    // notes; otherwise they take the notes' place until hidden (p / t).
    let wanted_side = side_panel
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            wrapped_height(&text, text_width)
        })
        .fold(2u16, u16::saturating_add);
    let (side_height, side_in_bottom) = if side_panel.is_empty() || st.mode == Mode::Notes {
        (0, false)
    } else if after_votes >= wanted_side.min(8) + 5 {
        (wanted_side.min(after_votes - 5), false)
    } else {
        (0, true)
    };
    let [header, question, scale_area, side, votes, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(question_height),
        Constraint::Length(1),
        Constraint::Length(side_height),
        Constraint::Length(votes_height),
        Constraint::Min(0),
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
    let since_shown = st.show_since_last_time && a.since_last_time.is_some();
    let side_title = match (since_shown, st.show_prompts) {
        (true, true) => " Since last time (t) · Prompts (p) ",
        (true, false) => " Since last time (t hides) ",
        _ => " Facilitator prompts (p hides) ",
    };
    let side_widget = |area: Rect| {
        let lines = scrolled(
            side_panel.clone(),
            area.width.saturating_sub(2),
            area.height.saturating_sub(2),
            st.side_scroll,
            "PgDn",
            theme,
        );
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(side_title, theme))
    };
    if let Some(side) = side.filter(|s| s.height > 0) {
        frame.render_widget(side_widget(side), side);
    }

    let [votes_area, spread_area] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(votes);
    render_votes(frame, votes_area, a, st, q, theme);
    // Private scores: only how many have voted, on either layout.
    if crate::app::room::scores_hidden(a) {
        room::hidden_spread(frame, spread_area, q, theme);
    } else if layout.compact {
        render_spread_compact(frame, spread_area, a, st, q, &stats, theme);
    } else {
        render_spread(frame, spread_area, a, st, q, &stats, theme);
    }

    let [notes_area, actions_area] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(bottom);
    if side_in_bottom {
        frame.render_widget(side_widget(notes_area), notes_area);
    } else {
        render_notes(frame, notes_area, st, q, theme);
    }
    render_actions(frame, actions_area, st, q, theme);

    if let Mode::AddingAction(form) = &st.mode {
        render_action_form(frame, area, form, theme);
    }
    room::silence_overlay(frame, area, a, app.now, theme);
    if let Mode::People(panel) = &st.mode {
        super::people::render(frame, area, panel, a, theme);
    }
}

/// Rows of the question screen. The spread, its median, its warning and the agreed score
/// must always show, so they are placed first: the question gives up rows past a quarter
/// of the screen, and on a short terminal (80×23 under tmux, or an 11-point scale at 80×24)
/// the spread's bars stand up in columns instead of one row per score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    question: u16,
    votes: u16,
    after_votes: u16,
    compact: bool,
}

/// The spread box in columns: counts, two rows of bars, scores, then median, warning and
/// agreed score, inside borders.
const COMPACT_SPREAD: u16 = 4 + 3 + 2;
/// The notes and actions boxes keep at least one row inside their borders.
const BOTTOM_MIN: u16 = 3;

impl Plan {
    /// `rounds`: the rows saying what moved since the last round (none in round 1).
    /// `side`: the prompts or "since last time" are open and want the room below the votes.
    fn new(
        height: u16,
        question_rows: u16,
        points: u16,
        rounds: u16,
        seats: u16,
        side: bool,
    ) -> Plan {
        let question = question_rows.min(height / 4).max(1);
        // One row per score, then median, warning and agreed score, inside borders.
        let full_spread = points.saturating_add(3 + 2 + rounds);
        let room = height.saturating_sub(1 + question + 1);
        // The full spread when it leaves the notes a few rows; columns otherwise.
        let compact = room < full_spread.saturating_add(BOTTOM_MIN + 1);
        let spread = if compact {
            COMPACT_SPREAD + rounds
        } else {
            full_spread
        };
        // On the smallest screens the question shortens so the spread still fits whole.
        let question = question.min(height.saturating_sub(2 + spread + BOTTOM_MIN).max(1));
        let room = height.saturating_sub(1 + question + 1);
        // The votes list scrolls; with a side panel open it takes no more than the spread.
        let most = if side {
            spread
        } else {
            room.saturating_sub(BOTTOM_MIN + 1)
        };
        let votes = seats.saturating_add(2).min(most).max(spread).min(room);
        Plan {
            question,
            votes,
            after_votes: room.saturating_sub(votes),
            compact,
        }
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
    // Behind plan reads differently in words and symbol (⚠), not only in colour.
    let style = if pace.contains("behind") {
        theme.warning()
    } else {
        theme.dim()
    };
    frame.render_widget(
        Paragraph::new(Span::styled(pace, style)).alignment(ratatui::layout::Alignment::Right),
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
        d if d >= 1 => format!("⚠ {d} min behind"),
        d if d <= -1 => format!("{} min ahead", -d),
        _ => "✓ on time".to_string(),
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

/// "Since last time" (t) and the facilitator prompts (p), one item per line before
/// wrapping; both when both are open, so neither hides the other.
fn side_panel_lines(a: &OpenSession, st: &QuestionState, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if st.show_since_last_time
        && let Some(since) = &a.since_last_time
    {
        lines.push(Line::styled(
            "Still open from earlier sessions:",
            theme.dim(),
        ));
        for carried in &since.actions {
            let mark = if carried.action.done { "☑" } else { "☐" };
            lines.push(Line::from(format!(
                "{mark} {} [{}] {}",
                action_words(&carried.action),
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
    }
    if st.show_prompts {
        let prompts = a.prompts.get(a.current()).cloned().unwrap_or_default();
        if !lines.is_empty() {
            lines.push(Line::styled("Prompts:", theme.dim()));
        }
        if prompts.is_empty() {
            lines.push(Line::styled("No prompts for this question.", theme.dim()));
        }
        lines.extend(prompts.into_iter().map(|p| Line::from(format!("• {p}"))));
    }
    lines
}

/// An action as the facilitator reads it: "text — owner (due 2027-03-31)".
pub fn action_words(item: &crate::domain::ActionItem) -> String {
    let owner = if item.owner.is_empty() {
        String::new()
    } else {
        format!(" — {}", item.owner)
    };
    let due = item.due.map(|d| format!(" (due {d})")).unwrap_or_default();
    format!("{}{owner}{due}", item.text)
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
    let name_width = usize::from(area.width.saturating_sub(4))
        .saturating_sub(16)
        .clamp(4, 24);
    let voting = st.mode == Mode::Voting;
    let hidden = crate::app::room::scores_hidden(a);
    let lines: Vec<Line> = names
        .iter()
        .zip(&q.votes)
        .enumerate()
        .map(|(i, (name, vote))| {
            let selected = i == st.participant && voting && !st.round_complete;
            let marker = if i == st.participant && !st.round_complete {
                "▶ "
            } else {
                "  "
            };
            let absent = a.session.is_absent(i);
            // A first digit waiting for a second shows as "1_", so the room sees it; while
            // the scores are private, only that something is being typed.
            let shown = match st.pending_digit {
                Some(_) if selected && hidden => "…_".to_string(),
                Some(p) if selected => format!("{}_", p.digit),
                _ if absent && *vote == Vote::Pending => "·  absent".to_string(),
                _ if hidden => room::hidden_vote_text(*vote).to_string(),
                _ => vote_text(*vote, scale),
            };
            let text = format!("{marker}{} {shown}", pad(name, name_width));
            let style = if selected {
                theme.selected()
            } else if *vote == Vote::Pending || absent {
                theme.dim()
            } else {
                theme.text()
            };
            Line::styled(text, style)
        })
        .collect();
    let cast = q.votes.iter().filter(|v| **v != Vote::Pending).count();
    let round = match q.round_number() {
        1 => String::new(),
        n => format!("· round {n} "),
    };
    let away = match a.session.absent.len() {
        0 => String::new(),
        n => format!("· {n} absent "),
    };
    let title = format!(" Votes {cast}/{} {away}{round}", names.len());
    // Keep the selected participant in view, with "… N more" when people are out of view.
    // Rows are cut, not wrapped: hence the unlimited width.
    let lines = scrolled_to(
        lines,
        u16::MAX,
        area.height.saturating_sub(2),
        st.participant,
        "↑↓",
        theme,
    );
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
    let label_width = label_width(scale, 14);
    let bar_room = inner_width.saturating_sub(label_width + 3 + 5).max(1);
    let most = most_votes(stats);
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
    lines.extend(spread_words(stats, theme));
    lines.extend(room::round_lines(q, Some(scale), theme));
    lines.push(agreed_line(a, st, q, stats, theme));
    frame.render_widget(Paragraph::new(lines).block(block(" Spread ", theme)), area);
}

/// The median, range and abstentions, and the wide-spread warning (or "close"), in words.
fn spread_words(stats: &VoteStats, theme: Theme) -> Vec<Line<'static>> {
    let summary = match stats.median {
        Some(m) => format!(
            "median {} · range {} · {} abstain",
            present::score(m),
            present::range(stats.min, stats.max),
            stats.abstentions
        ),
        _ => format!("no scores yet · {} abstain", stats.abstentions),
    };
    let mut lines = vec![Line::styled(summary, theme.dim())];
    // Two camps: the median lands where nobody stands, so it is said in words.
    lines.extend(super::widgets::agreement_line(stats, theme));
    lines
}

/// The spread with its bars standing in columns, for short terminals: every count is a
/// number above its bar, so nothing is rounded away; the bars use eighth blocks.
fn render_spread_compact(
    frame: &mut Frame,
    area: Rect,
    a: &OpenSession,
    st: &QuestionState,
    q: &SessionQuestion,
    stats: &VoteStats,
    theme: Theme,
) {
    let scale = &a.session.question_set.scale;
    const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    const BAR_ROWS: usize = 2;
    let most = most_votes(stats);
    let column = |text: String| format!("{text:>3}");
    let mut counts = vec![Span::raw(" ")];
    let mut bars: Vec<Vec<Span>> = vec![vec![Span::raw(" ")]; BAR_ROWS];
    let mut axis = vec![Span::raw(" ")];
    for &(score, count) in &stats.distribution {
        let level = if count == 0 {
            0
        } else {
            (count * BAR_ROWS * 8).div_ceil(most).max(1)
        };
        counts.push(Span::styled(column(count.to_string()), theme.dim()));
        for (row, spans) in bars.iter_mut().enumerate() {
            let below = (BAR_ROWS - 1 - row) * 8;
            let fill = level.saturating_sub(below).min(8);
            let cell = EIGHTHS[fill];
            spans.push(Span::styled(format!(" {cell}{cell}"), theme.bar()));
        }
        axis.push(Span::styled(column(score.to_string()), theme.key()));
    }
    let mut lines = vec![Line::from(counts)];
    lines.extend(bars.into_iter().map(Line::from));
    lines.push(Line::from(axis));
    lines.extend(spread_words(stats, theme));
    lines.extend(room::round_lines(q, Some(scale), theme));
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
        note_editor(
            frame,
            area,
            &st.notes,
            " Notes — editing, Esc when done ",
            theme,
        );
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
    let first_action = lines.len();
    for (i, item) in q.actions.iter().enumerate() {
        let mark = if item.done { "☑" } else { "☐" };
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
            format!("{mark} {}{from}", action_words(item)),
            style,
        ));
    }
    // The selected action always shows: `d` and `x` act on what the facilitator sees.
    let lines = scrolled_to(
        lines,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
        first_action + st.action.unwrap_or(0),
        "[ ]",
        theme,
    );
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
    let height = 10u16.min(area.height);
    let popup = super::widgets::centred(area, width, height);
    frame.render_widget(Clear, popup);
    let title = if form.editing.is_some() {
        " Edit the action — Tab next field, Enter saves, Esc cancels "
    } else {
        " Add an action — Tab next field, Enter adds, Esc cancels "
    };
    let outer = block(title, theme).border_style(theme.key());
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
    let label_width = 22u16.min(inner.width / 2);
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
            // The participant's name offered, greyed after what was typed: Tab takes it.
            if let Some(name) = form.completion() {
                let typed = form.fields[i].lines().join("").width();
                let offer = format!("{name}  (Tab takes it)");
                let rest: String = offer
                    .chars()
                    .skip(typed.min(name.chars().count()))
                    .collect();
                let x = f.x.saturating_add(cells(typed)).saturating_add(1);
                if x < f.right() {
                    let hint = Rect {
                        x,
                        width: f.right() - x,
                        ..f
                    };
                    frame.render_widget(Paragraph::new(Span::styled(rest, theme.dim())), hint);
                }
            }
        } else {
            frame.render_widget(Paragraph::new(form.fields[i].lines().join(" ")), f);
        }
    }
    // How the due date reads, before it is saved.
    let reading = match form.due_reading() {
        Some(Ok(date)) => Line::styled(
            format!("  due {}", crate::app::due::long(date)),
            theme.good(),
        ),
        Some(Err(_)) => Line::styled(
            "  not a date yet: 2027-03-31, 31/03/2027 or 31 Mar 2027",
            theme.dim(),
        ),
        None => Line::styled("  no due date", theme.dim()),
    };
    let [_, due_reading] =
        Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(rows[5]);
    frame.render_widget(Paragraph::new(reading), due_reading);
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(format!("⚠ {error}"), theme.warning()))
                .wrap(Wrap { trim: true }),
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
