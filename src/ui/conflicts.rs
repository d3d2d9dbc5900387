//! The conflicts screen: the sessions with two versions on disk, and for the selected one
//! what differs, field by field, version A beside version B.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Shared;
use crate::app::conflicts::{ConflictPair, ConflictsState, Side};
use crate::domain::Session;

use super::theme::Theme;
use super::widgets::{block, cells, pad, shorten_middle};

pub fn render(frame: &mut Frame, area: Rect, state: &ConflictsState, app: &Shared, theme: Theme) {
    if state.pairs.is_empty() {
        let lines = vec![
            Line::from("Every session has one version: nothing to compare."),
            Line::default(),
            Line::styled(
                "Two versions appear when a sync client (OneDrive, Dropbox, Syncthing) or a second window saved the same session, or `import` brought in another version.",
                theme.dim(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block(" Conflicts ", theme)),
            area,
        );
        return;
    }
    let list_height = cells(state.pairs.len()).min(4).saturating_add(2);
    let [list, versions, diffs, foot] = Layout::vertical([
        Constraint::Length(list_height),
        Constraint::Length(4),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    render_list(frame, list, state, theme);
    if let Some(pair) = state.selected() {
        render_versions(frame, versions, pair, app, theme);
        render_differences(frame, diffs, state, theme);
    }
    let confirm = match state.confirming {
        Some(Side::A) => "Press a again to keep A; B goes into conflicts/, not deleted",
        Some(Side::B) => "Press b again to keep B; A goes into conflicts/, not deleted",
        None => "Keep one: it becomes the session file; the other moves into conflicts/",
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {confirm}"), theme.dim())),
        foot,
    );
}

fn render_list(frame: &mut Frame, area: Rect, state: &ConflictsState, theme: Theme) {
    let height = usize::from(area.height.saturating_sub(2));
    let first = (state.row + 1).saturating_sub(height);
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = state
        .pairs
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, p)| {
            let selected = i == state.row;
            let mark = if selected { "▶ " } else { "  " };
            let text = format!(
                "{mark}{} {} · {}",
                p.shown.date(),
                p.shown.title,
                p.shown.group
            );
            let style = if selected {
                theme.selected()
            } else {
                theme.text()
            };
            Line::styled(pad(&text, width), style)
        })
        .collect();
    let title = format!(" ⚠ {} session(s) with two versions ", state.pairs.len());
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
}

/// "A  updated 2026-12-02 10:10 (the session file)" over its file, and the same for B.
fn render_versions(frame: &mut Frame, area: Rect, pair: &ConflictPair, app: &Shared, theme: Theme) {
    let room = usize::from(area.width.saturating_sub(4));
    let lines = |side: &str, path: &Path, session: &Session, note: &str| {
        let updated = session
            .updated
            .to_zoned(app.time_zone.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string();
        [
            Line::from(vec![
                Span::styled(format!(" {side} "), theme.key()),
                Span::styled(format!("updated {updated}{note}"), theme.text()),
            ]),
            Line::styled(
                format!(
                    "   {}",
                    shorten_middle(&relative(path, &app.sessions_dir), room)
                ),
                theme.dim(),
            ),
        ]
    };
    let a_note = if pair.shown_path == pair.home {
        " (the session file)"
    } else {
        " (counted now)"
    };
    let b_note = if pair.other_path == pair.home {
        " (the session file)"
    } else {
        ""
    };
    frame.render_widget(
        Paragraph::new(
            [
                lines("A", &pair.shown_path, &pair.shown, a_note),
                lines("B", &pair.other_path, &pair.other, b_note),
            ]
            .concat(),
        ),
        area,
    );
}

fn render_differences(frame: &mut Frame, area: Rect, state: &ConflictsState, theme: Theme) {
    let inner = usize::from(area.width.saturating_sub(2));
    // "Q10 agreed score", the longest field name, fits.
    let field_w = 16;
    let side_w = inner.saturating_sub(field_w + 2) / 2;
    let mut lines = vec![Line::styled(
        format!(
            "{} {} {}",
            pad("What", field_w),
            pad("A", side_w),
            pad("B", side_w)
        ),
        theme.heading(),
    )];
    if state.differences.is_empty() {
        lines.push(Line::from(
            "No difference in what the group said (only time spent or the question on screen): keep either.",
        ));
    }
    let height = usize::from(area.height.saturating_sub(3));
    lines.extend(
        state
            .differences
            .iter()
            .skip(state.scroll)
            .take(height)
            .map(|d| {
                Line::from(vec![
                    Span::styled(pad(&d.field, field_w), theme.dim()),
                    Span::raw(" "),
                    Span::raw(pad(&d.left, side_w)),
                    Span::raw(" "),
                    Span::raw(pad(&d.right, side_w)),
                ])
            }),
    );
    let shown_to = (state.scroll + height).min(state.differences.len());
    let title = if state.differences.len() > height {
        format!(
            " What differs: {}–{} of {} (PgDn for more) ",
            state.scroll + 1,
            shown_to,
            state.differences.len()
        )
    } else {
        format!(" What differs: {} ", state.differences.len())
    };
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
}

/// `path` as it sits in the sessions folder (`conflicts/…` for an import's copy).
fn relative(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir).unwrap_or(path).display().to_string()
}
