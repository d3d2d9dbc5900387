//! Review: every question at a glance, session reflections, and finishing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Shared;
use crate::app::review::{ReviewMode, ReviewState};
use crate::domain::Status;
use crate::domain::stats::VoteStats;
use crate::report::present;

use super::theme::Theme;
use super::widgets::{block, cells, first_chars, note_editor, pad};

pub fn render(frame: &mut Frame, area: Rect, state: &ReviewState, app: &Shared, theme: Theme) {
    let Some(open) = app.open.as_ref() else {
        return;
    };
    let s = &open.session;
    let n = cells(s.questions.len());
    let reflections_height = if state.mode == ReviewMode::Reflections {
        8
    } else {
        5
    };
    let [table, reflections, footer] = Layout::vertical([
        Constraint::Max(n.saturating_add(3)),
        Constraint::Min(reflections_height),
        Constraint::Length(1),
    ])
    .areas(area);

    let width = usize::from(table.width.saturating_sub(2));
    // # (4) agreed (8) spread (9) actions (4) revisit (2): the rest is title and notes.
    let rest = width.saturating_sub(4 + 8 + 9 + 4 + 3 + 4);
    let title_w = (rest * 45 / 100).min(32);
    let notes_w = rest.saturating_sub(title_w);
    let scale = &s.question_set.scale;
    let mut lines = vec![Line::styled(
        format!(
            "{:<4}{:<title_w$} {:<8}{:<9}{:<notes_w$} {:>4} {}",
            "#", "Question", "Agreed", "Spread", "Notes", "Act", "⚑"
        ),
        theme.heading(),
    )];
    let inner_height = usize::from(table.height.saturating_sub(3));
    let first = (state.row + 1).saturating_sub(inner_height);
    for (i, q) in s
        .questions
        .iter()
        .enumerate()
        .skip(first)
        .take(inner_height)
    {
        let stats = VoteStats::of(&q.votes, scale);
        let agreed = q.agreed.map_or("–".to_string(), |v| v.to_string());
        let spread = present::vote_spread(&stats);
        let notes = q.notes.split_whitespace().collect::<Vec<_>>().join(" ");
        let revisit = if q.revisit { "⚑" } else { "" };
        let text = format!(
            "{:<4}{} {:<8}{:<9}{} {:>4} {}",
            format!("{}.", i + 1),
            pad(&q.short_title, title_w),
            agreed,
            spread,
            pad(&notes, notes_w),
            q.actions.len(),
            revisit
        );
        let style = if i == state.row {
            theme.selected()
        } else {
            theme.text()
        };
        lines.push(Line::styled(text, style));
    }
    let answered = s.answered_count();
    let status = match s.status {
        Status::Complete => "✓ complete".to_string(),
        Status::InProgress => "in progress".to_string(),
    };
    let title = format!(
        " Review: {answered} of {} answered · {status} ",
        s.questions.len()
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), table);

    if state.mode == ReviewMode::Reflections {
        note_editor(
            frame,
            reflections,
            &state.reflections,
            " Session reflections — editing, Esc when done ",
            theme,
        );
    } else {
        let body = if s.reflections.is_empty() {
            Line::styled(
                "No reflections yet. Press e to write what the group takes away.",
                theme.dim(),
            )
            .into()
        } else {
            // Only what the box can show is laid out: a megabyte of reflections would
            // otherwise be wrapped on every frame, once a second while nothing happens.
            let cells = usize::from(reflections.width) * usize::from(reflections.height);
            ratatui::text::Text::from(first_chars(&s.reflections, 2 * cells).to_string())
        };
        frame.render_widget(
            Paragraph::new(body)
                .wrap(Wrap { trim: false })
                .block(block(" Session reflections (e) ", theme)),
            reflections,
        );
    }
    let open_actions = s.open_actions().count();
    let flagged = s.flagged().count();
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {open_actions} open action(s) · ⚑ {flagged} to revisit"),
            theme.dim(),
        )),
        footer,
    );
}
