//! The `?` overlay: every key of the current screen, and the promises the app keeps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::App;
use crate::app::keys::help;

use super::theme::Theme;
use super::widgets::{block, truncate};

const PROMISE: &str =
    "Every change is saved within a second, and on every move. Nothing leaves this computer.";

/// Draw the help over `area` (the whole terminal). It takes a margin when there is room
/// and the whole window when there is not; keys that still do not fit are counted, never
/// silently dropped.
pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let keys = help(app);
    let label_width = keys
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(*k))
        .max()
        .unwrap_or(0);
    let wanted = u16::try_from(keys.len() + 4).unwrap_or(u16::MAX);
    let popup = if wanted + 2 <= area.height {
        area.inner(ratatui::layout::Margin::new(2, 1))
    } else {
        area
    };
    let inner_width = usize::from(popup.width.saturating_sub(2));
    let room = usize::from(popup.height.saturating_sub(2));
    let line_for = |(k, what): &(&str, &str)| {
        let what = truncate(what, inner_width.saturating_sub(label_width + 3));
        Line::from(vec![
            Span::styled(format!(" {k:>label_width$}  "), theme.key()),
            Span::raw(what),
        ])
    };
    let mut lines: Vec<Line> = if keys.len() <= room {
        keys.iter().map(line_for).collect()
    } else {
        let shown = room.saturating_sub(1);
        let mut lines: Vec<Line> = keys.iter().take(shown).map(line_for).collect();
        lines.push(Line::styled(
            format!(
                " … {} more: a taller window shows every key",
                keys.len() - shown
            ),
            theme.warning(),
        ));
        lines
    };
    if lines.len() + 2 <= room {
        lines.push(Line::default());
        lines.push(Line::styled(truncate(PROMISE, inner_width), theme.dim()));
    }
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(popup.height);
    let popup = Rect {
        height,
        y: popup.y + (popup.height - height) / 2,
        ..popup
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            block(" Keys ", theme)
                .title_bottom(Line::from(" any key closes · Ctrl-C saves and quits ").centered())
                .border_style(theme.key()),
        ),
        popup,
    );
}
