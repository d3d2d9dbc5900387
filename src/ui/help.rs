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
    let all_keys = help(app);
    // Scrolled with PgDn: the keys before are counted on the first row.
    let skipped = app.help_scroll.min(all_keys.len().saturating_sub(1));
    let keys = &all_keys[skipped..];
    let label_width = keys
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(*k))
        .max()
        .unwrap_or(0);
    let wanted = u16::try_from(all_keys.len() + 4).unwrap_or(u16::MAX);
    let popup = if wanted + 2 <= area.height {
        area.inner(ratatui::layout::Margin::new(2, 1))
    } else {
        area
    };
    let inner_width = usize::from(popup.width.saturating_sub(2));
    let room = usize::from(popup.height.saturating_sub(2)).saturating_sub(usize::from(skipped > 0));
    // Two columns when one is too long for the window and the window is wide enough, each
    // description wrapped in its column rather than cut; whichever shows more keys.
    let layout = |columns: usize| -> (Vec<Line<'static>>, usize) {
        let column_width = inner_width / columns;
        let what_width = column_width.saturating_sub(label_width + 3).max(1);
        let rows_for = |(k, what): &(&str, &str)| -> Vec<Line<'static>> {
            let wrapped = if columns > 1 {
                wrap_words(what, what_width)
            } else {
                vec![truncate(what, what_width)]
            };
            wrapped
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let key = if i == 0 { *k } else { "" };
                    Line::from(vec![
                        Span::styled(format!(" {key:>label_width$}  "), theme.key()),
                        Span::raw(format!("{part:<what_width$}")),
                    ])
                })
                .collect()
        };
        let all: Vec<Vec<Line>> = keys.iter().map(rows_for).collect();
        // Fill the first column, then the second, keeping each key's rows together; when some
        // do not fit, pack again leaving a row to count them.
        let pack = |limit: usize| {
            let mut cols: Vec<Vec<Line>> = vec![Vec::new(); columns];
            let (mut col, mut placed) = (0, 0);
            for rows in &all {
                if cols[col].len() + rows.len() > limit && col + 1 < columns {
                    col += 1;
                }
                if cols[col].len() + rows.len() > limit {
                    break;
                }
                cols[col].extend(rows.iter().cloned());
                placed += 1;
            }
            (cols, placed)
        };
        let (mut cols, mut placed) = pack(room);
        if placed < all.len() {
            (cols, placed) = pack(room.saturating_sub(1));
        }
        let hidden = all.len() - placed;
        let mut lines: Vec<Line> = Vec::new();
        let tallest = cols.iter().map(Vec::len).max().unwrap_or(0);
        for row in 0..tallest {
            let mut spans = Vec::new();
            for c in &cols {
                match c.get(row) {
                    Some(line) => spans.extend(line.spans.iter().cloned()),
                    None => spans.push(Span::raw(" ".repeat(column_width))),
                }
            }
            lines.push(Line::from(spans));
        }
        if hidden > 0 {
            lines.push(Line::styled(
                format!(" … {hidden} more: PgDn shows them"),
                theme.warning(),
            ));
        }
        (lines, hidden)
    };
    let (mut lines, hidden) = layout(1);
    if hidden > 0 && inner_width >= 2 * (label_width + 3 + 24) {
        let (two, fewer) = layout(2);
        if fewer < hidden {
            lines = two;
        }
    }
    if skipped > 0 {
        lines.insert(
            0,
            Line::styled(format!(" … {skipped} above: PgUp"), theme.dim()),
        );
    }
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

/// `text` word-wrapped to `width` columns.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut rows = vec![String::new()];
    for word in text.split_whitespace() {
        let Some(row) = rows.last_mut() else { break };
        let w = unicode_width::UnicodeWidthStr::width(row.as_str());
        if w > 0 && w + 1 + unicode_width::UnicodeWidthStr::width(word) > width {
            rows.push(truncate(word, width));
        } else if w > 0 {
            row.push(' ');
            row.push_str(word);
        } else {
            row.push_str(&truncate(word, width));
        }
    }
    rows
}
