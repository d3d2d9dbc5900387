//! Who is here (`w`): the participants, who is absent, and a latecomer's name being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::OpenSession;
use crate::app::people::PeoplePanel;

use super::theme::Theme;
use super::widgets::{block, cells, scrolled_to};

pub fn render(frame: &mut Frame, area: Rect, panel: &PeoplePanel, a: &OpenSession, theme: Theme) {
    let names = a.session.participants.display_names();
    let width = area.width.saturating_sub(8).min(60);
    let height = cells(names.len())
        .saturating_add(6)
        .min(area.height)
        .max(area.height.min(8));
    let popup = super::widgets::centred(area, width, height);
    frame.render_widget(Clear, popup);
    let outer = block(" Who is here (w) ", theme).border_style(theme.key());
    let inner = outer.inner(popup);
    frame.render_widget(outer, popup);
    let mut lines: Vec<Line> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let marker = if i == panel.row { "▶ " } else { "  " };
            let here = if a.session.is_absent(i) {
                "absent"
            } else {
                "here"
            };
            let style = if i == panel.row && panel.name.is_none() {
                theme.selected()
            } else if a.session.is_absent(i) {
                theme.dim()
            } else {
                theme.text()
            };
            Line::styled(format!("{marker}{name} · {here}"), style)
        })
        .collect();
    let list_rows = inner.height.saturating_sub(2);
    lines = scrolled_to(lines, inner.width, list_rows, panel.row, "↑↓", theme);
    let list = Rect {
        height: list_rows,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), list);
    let foot = Rect {
        y: inner.y + list_rows,
        height: inner.height.saturating_sub(list_rows),
        ..inner
    };
    match (&panel.name, &panel.error) {
        (_, Some(error)) => frame.render_widget(
            Paragraph::new(Line::styled(format!("⚠ {error}"), theme.warning()))
                .wrap(Wrap { trim: true }),
            foot,
        ),
        (Some(field), None) => {
            let [label, input] = ratatui::layout::Layout::horizontal([
                ratatui::layout::Constraint::Length(11),
                ratatui::layout::Constraint::Min(1),
            ])
            .areas(Rect { height: 1, ..foot });
            frame.render_widget(
                Paragraph::new(Line::styled("Latecomer:", theme.heading())),
                label,
            );
            frame.render_widget(field, input);
        }
        (None, None) => frame.render_widget(
            Paragraph::new(Line::styled(
                "Space marks absent / back · a adds a latecomer · Esc closes",
                theme.dim(),
            ))
            .wrap(Wrap { trim: true }),
            foot,
        ),
    }
}
