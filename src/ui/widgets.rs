//! Pieces shared by the screens: title bar, status line, hint bar, small-terminal notice.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, ScreenKind};

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH};

pub fn too_small(frame: &mut Frame, area: Rect, theme: Theme) {
    let text = Text::from(vec![
        Line::styled("Enlarge the terminal", theme.warning()),
        Line::from(format!(
            "Roundtable needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        )),
        Line::from("Your work is safe and saved."),
    ]);
    let top = area.height.saturating_sub(3) / 2;
    let area = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

pub fn title_bar(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let context = match (app.kind(), app.shared.open.as_ref()) {
        (ScreenKind::Home, _) => "Home".to_string(),
        (ScreenKind::Setup, _) => "New session".to_string(),
        (ScreenKind::Summary, _) => "Summary".to_string(),
        (_, Some(a)) => {
            let group = if a.session.group.is_empty() {
                String::new()
            } else {
                format!(" · {}", a.session.group)
            };
            format!("{}{group}", a.session.title)
        }
        (_, None) => String::new(),
    };
    let line = Line::from(vec![
        Span::styled(" Roundtable ", theme.title()),
        Span::styled("│ ", theme.dim()),
        Span::styled(context, theme.heading()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The message of the moment on the left, the save state on the right.
pub fn status_line(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let save = save_state(app, theme);
    let save_width = save.width() as u16;
    let message = app.shared.message.clone().unwrap_or_default();
    let left = Rect {
        width: area.width.saturating_sub(save_width + 1),
        ..area
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {message}"), theme.accent())),
        left,
    );
    frame.render_widget(Paragraph::new(save).alignment(Alignment::Right), area);
}

fn save_state(app: &App, theme: Theme) -> Line<'static> {
    if app.shared.open.is_none() {
        return Line::default();
    }
    let s = &app.shared.save;
    if s.error.is_some() {
        return Line::styled("⚠ NOT SAVED – retrying ", theme.error());
    }
    // A finished record says so (changes need `o`); a reopened one says it was reopened.
    let session = app.shared.open.as_ref().map(|o| &o.session);
    if session.is_some_and(|s| s.is_finished()) {
        return Line::styled("finished: o reopens ", theme.dim());
    }
    let reopened = session.is_some_and(|s| !s.reopened.is_empty());
    let at = |t: jiff::Timestamp| {
        t.to_zoned(app.shared.time_zone.clone())
            .strftime("%H:%M:%S")
            .to_string()
    };
    let line = match (s.dirty, s.last_saved) {
        (true, _) => Line::styled("● saving… ", theme.warning()),
        (false, Some(t)) => Line::styled(format!("✓ saved {} ", at(t)), theme.good()),
        (false, None) => Line::styled("✓ saved ", theme.good()),
    };
    if reopened {
        let mut spans = vec![Span::styled("reopened · ", theme.warning())];
        spans.extend(line.spans);
        Line::from(spans)
    } else {
        line
    }
}

/// The persistent warning when saving fails: what is wrong and what to do.
pub fn save_warning(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let error = app.shared.save.error.as_deref().unwrap_or_default();
    let text = vec![
        Line::styled(format!(" ⚠ Could not save: {error}"), theme.error()),
        Line::styled(
            " Everything is kept in memory and saving is retried every few seconds. Do not close Roundtable until it says saved.",
            theme.warning(),
        ),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
}

fn hint_spans(hints: &[(&str, &str)], theme: Theme) -> Vec<Vec<Span<'static>>> {
    hints
        .iter()
        .map(|(k, what)| {
            vec![
                Span::styled(format!(" {k}"), theme.key()),
                Span::styled(format!(" {what} "), theme.text()),
            ]
        })
        .collect()
}

fn wrap_hints(hints: &[(&str, &str)], width: u16, theme: Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = vec![Line::default()];
    let mut used = 0usize;
    for spans in hint_spans(hints, theme) {
        let w: usize = spans.iter().map(|s| s.content.width()).sum();
        if used + w > usize::from(width) && used > 0 {
            lines.push(Line::default());
            used = 0;
        }
        used += w;
        if let Some(line) = lines.last_mut() {
            line.spans.extend(spans);
        }
    }
    lines
}

/// One line where the hints fit, two where they do not.
pub fn hint_bar_height(hints: &[(&str, &str)], width: u16) -> u16 {
    wrap_hints(hints, width, Theme::plain()).len().min(2) as u16
}

pub fn hint_bar(frame: &mut Frame, area: Rect, hints: &[(&str, &str)], theme: Theme) {
    let lines = wrap_hints(hints, area.width, theme);
    frame.render_widget(Paragraph::new(lines).style(theme.dim()), area);
}

/// A titled box with the theme's border.
pub fn block(title: impl Into<Line<'static>>, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(title)
}

/// A count (of questions, sessions, problem files…) as rows or columns on screen. Counts
/// come from files, so a huge one saturates and fills the screen rather than wrapping
/// round to a small number, or panicking in arithmetic. Add to it with `saturating_add`.
pub fn cells(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
}

/// How many rows `text` takes when word-wrapped to `width` columns.
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut rows = 0usize;
    for paragraph in text.split('\n') {
        let mut used = 0usize;
        let mut lines = 1usize;
        for word in paragraph.split_whitespace() {
            let w = word.width();
            if used == 0 {
                lines += w.saturating_sub(1) / width;
                used = if w > width { w % width } else { w };
            } else if used + 1 + w <= width {
                used += 1 + w;
            } else {
                lines += 1 + w.saturating_sub(1) / width;
                used = if w > width { w % width } else { w };
            }
        }
        rows += lines;
    }
    cells(rows)
}

/// Cut `text` to at most `width` columns, ending with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` cut or padded to exactly `width` display columns, so columns line up whatever
/// the script (CJK characters take two columns, combining accents none).
pub fn pad(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// mm:ss for a number of seconds.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_saturate_instead_of_wrapping() {
        assert_eq!(cells(12), 12);
        assert_eq!(cells(65_535), u16::MAX);
        assert_eq!(cells(65_536), u16::MAX);
        assert_eq!(cells(usize::MAX), u16::MAX);
    }

    #[test]
    fn wrapped_height_counts_rows() {
        assert_eq!(wrapped_height("one two three", 7), 2);
        assert_eq!(wrapped_height("a\nb", 10), 2);
        assert_eq!(wrapped_height("", 10), 1);
        assert_eq!(wrapped_height("abcdefghij", 4), 3);
    }

    #[test]
    fn pad_lines_up_wide_characters() {
        assert_eq!(pad("李明", 6), "李明  ");
        assert_eq!(pad("Chloé", 6), "Chloé ");
        assert_eq!(pad("abcdefgh", 4).width(), 4);
    }

    #[test]
    fn truncate_respects_wide_characters() {
        assert_eq!(truncate("héllo", 10), "héllo");
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
