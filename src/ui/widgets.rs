//! Pieces shared by the screens: title bar, status line, hint bar, small-terminal notice.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, ReadOnly, ScreenKind};

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
        (ScreenKind::Conflicts, _) => "Conflicts: two versions of a session".to_string(),
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
    // One row each, whatever the width: a wrapped first line would push the second (what
    // to do) out of its two rows. The middle of a long error is its path; the advice at
    // its end stays.
    let width = usize::from(area.width);
    let text = vec![
        Line::styled(
            shorten_middle(&format!(" ⚠ Could not save: {error}"), width),
            theme.error(),
        ),
        Line::styled(
            truncate(
                " Kept in memory, retried every 5 s. Don't close Roundtable until it says saved",
                width,
            ),
            theme.warning(),
        ),
    ];
    frame.render_widget(Paragraph::new(text), area);
}

/// The banner of a folder opened for browsing only: what is wrong, where reports go, and
/// what to do, in two lines that fit 80 columns (paths are shortened from the middle).
pub fn read_only_banner(
    frame: &mut Frame,
    area: Rect,
    read_only: &ReadOnly,
    dir: &std::path::Path,
    theme: Theme,
) {
    let width = usize::from(area.width);
    // The disk's own words up to the advice ("permission denied", "the disk is read-only").
    let why = read_only
        .reason
        .split(':')
        .next()
        .unwrap_or_default()
        .trim();
    let first_rest = format!(" cannot be written ({why}). Browsing only");
    let first_room = width.saturating_sub(" ⚠ Read-only: ".width() + first_rest.width());
    let second_rest = ". To edit: fix it, or copy it and use --sessions-dir";
    let second_room = width.saturating_sub(" Reports go to ".width() + second_rest.width());
    let text = vec![
        Line::styled(
            format!(
                " ⚠ Read-only: {}{first_rest}",
                shorten_middle(&dir.display().to_string(), first_room)
            ),
            theme.warning(),
        ),
        Line::styled(
            format!(
                " Reports go to {}{second_rest}",
                shorten_middle(&read_only.reports_dir.display().to_string(), second_room)
            ),
            theme.warning(),
        ),
    ];
    frame.render_widget(Paragraph::new(text), area);
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

/// Cut `text` to at most `width` columns by taking out its middle: a path keeps its start
/// (which folder) and its end (which file), the parts that tell two files apart.
pub fn shorten_middle(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width < 3 {
        return truncate(text, width);
    }
    let keep = width - 1; // the ellipsis
    let tail_w = keep / 2 + keep % 2;
    let head_w = keep - tail_w;
    let take = |chars: &mut dyn Iterator<Item = char>, budget: usize| {
        let mut out = Vec::new();
        let mut used = 0;
        for c in chars {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > budget {
                break;
            }
            used += w;
            out.push(c);
        }
        out
    };
    let head: String = take(&mut text.chars(), head_w).into_iter().collect();
    let tail: String = take(&mut text.chars().rev(), tail_w)
        .into_iter()
        .rev()
        .collect();
    format!("{head}…{tail}")
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
    fn shorten_middle_keeps_both_ends() {
        let path = "/home/facilitator/.local/share/roundtable/sessions/2026-01-20-q1-roundtable-8c1016b9.sync-conflict-20261202-101010-ABCDEFG.ron";
        let short = shorten_middle(path, 60);
        assert_eq!(short.width(), 60, "{short}");
        assert!(short.starts_with("/home/facilitator/"), "{short}");
        assert!(short.ends_with("-ABCDEFG.ron"), "{short}");
        assert!(short.contains('…'));
        assert_eq!(shorten_middle("short", 60), "short");
        assert!(shorten_middle("日本語テキスト日本語", 7).width() <= 7);
    }

    #[test]
    fn truncate_respects_wide_characters() {
        assert_eq!(truncate("héllo", 10), "héllo");
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
