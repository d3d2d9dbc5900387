//! The `?` overlay: every key of the current screen, and the promises the app keeps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::keys::{QUESTION_HELP, hints};
use crate::app::{App, Screen};

use super::theme::Theme;
use super::widgets::block;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let keys: Vec<(&str, &str)> = if app.screen == Screen::Question {
        QUESTION_HELP.to_vec()
    } else {
        hints(app)
    };
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:>12}  "), theme.key()),
                Span::raw(what.to_string()),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        "Every change is saved within a second, and on every move. Nothing leaves this computer.",
        theme.dim(),
    ));
    lines.push(Line::styled(
        "Ctrl-C saves and quits from anywhere. Press any key to close this help.",
        theme.dim(),
    ));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect {
        height,
        y: area.y + (area.height - height) / 2,
        ..area
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(" Keys ", theme).border_style(theme.key())),
        popup,
    );
}
