//! Pieces shared by the screens: title bar, status line, hint bar, small-terminal notice.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::editor::NoteEditor;
use crate::app::{App, ReadOnly, ScreenKind};

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH};

pub fn too_small(frame: &mut Frame, area: Rect, theme: Theme) {
    centred_lines(
        frame,
        area,
        vec![
            Line::styled("Enlarge the terminal", theme.warning()),
            Line::from(format!(
                "Roundtable needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
                area.width, area.height
            )),
            Line::from("Your work is safe and saved."),
        ],
    );
}

pub fn title_bar(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    // Every screen names itself; only the session's own screens carry its title. Matched
    // whole, so a new screen chooses rather than inheriting the open session's title.
    let context = match app.kind() {
        ScreenKind::Home => "Home".to_string(),
        ScreenKind::Setup => "New session".to_string(),
        ScreenKind::Summary => "Summary".to_string(),
        ScreenKind::Overview => "Overview".to_string(),
        ScreenKind::Conflicts => "Conflicts: two versions of a session".to_string(),
        ScreenKind::Question | ScreenKind::Review => {
            app.shared.open.as_ref().map_or_else(String::new, |a| {
                let group = if a.session.group.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", a.session.group)
                };
                format!("{}{group}", a.session.title)
            })
        }
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
    let left = Rect {
        width: area.width.saturating_sub(save_width + 1),
        ..area
    };
    let message = app.shared.message.as_deref().unwrap_or_default();
    let room = usize::from(left.width.saturating_sub(1));
    // A path loses its middle; other words wrap onto a second row when there is one.
    let message = if area.height > 1 && !has_path(message) {
        message.to_string()
    } else {
        fit_message(message, room)
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {message}"), theme.accent()))
            .wrap(Wrap { trim: true }),
        left,
    );
    frame.render_widget(Paragraph::new(save).alignment(Alignment::Right), area);
}

/// Rows the status line needs at `width`: two when the message of the moment is words
/// too long for one (a path is shortened instead).
pub fn status_height(app: &App, width: u16) -> u16 {
    let message = app.shared.message.as_deref().unwrap_or_default();
    let room = width.saturating_sub(save_state(app, Theme::plain()).width() as u16 + 2);
    if !has_path(message) && wrapped_height(message, room) > 1 {
        2
    } else {
        1
    }
}

fn has_path(text: &str) -> bool {
    text.split(' ').any(is_path)
}

/// A word that names a file or folder: from the root or home (`/…`, `~/…`, `C:\…`), or with
/// two separators. "↑/↓" (keys) and "and/or" are words, and wrap like words.
fn is_path(word: &str) -> bool {
    word.starts_with(['/', '~', '.'])
        || word.contains(":\\")
        || word.matches(['/', '\\']).count() >= 2
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

/// A note or reflections being edited, in a box titled `title`. A long note's editor holds
/// only a window of it: a dim line above (and below) says how much more there is and how to
/// reach it, rather than hiding it. The editor itself is drawn, not a copy, so it remembers
/// how it wrapped and where it scrolled between frames.
pub fn note_editor(
    frame: &mut Frame,
    area: Rect,
    editor: &NoteEditor,
    title: &'static str,
    theme: Theme,
) {
    let boxed = block(title, theme).border_style(theme.key());
    let inner = boxed.inner(area);
    frame.render_widget(boxed, area);
    // The notices only where they leave the text a row.
    let room = inner.height >= 3;
    let above = room && editor.bytes_before() > 0;
    let below = room && editor.bytes_after() > 0;
    let [top, text, bottom] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(u16::from(above)),
        ratatui::layout::Constraint::Min(1),
        ratatui::layout::Constraint::Length(u16::from(below)),
    ])
    .areas(inner);
    if above {
        let words = format!("… {} earlier; ↑ to scroll", size(editor.bytes_before()));
        frame.render_widget(Line::styled(words, theme.dim()), top);
    }
    frame.render_widget(editor, text);
    if below {
        let words = format!("… {} later; ↓ to scroll", size(editor.bytes_after()));
        frame.render_widget(Line::styled(words, theme.dim()), bottom);
    }
}

/// The first `n` characters of `text` (all of it when shorter), without counting the rest:
/// `n` characters fill at least `n / width` wrapped rows, so a box of `n` cells drawn from
/// them looks as it would drawn from the whole text.
pub fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// A length of text in bytes, as a facilitator reads it: "12 KB", "1.0 MB".
pub fn size(bytes: usize) -> String {
    const KB: usize = 1024;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < 1000 * KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        // Tenths of a megabyte, in whole numbers: no float rounding to explain.
        let tenths = (bytes * 10 + KB * KB / 2) / (KB * KB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
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

/// The widest scale label in columns, at most `cap`: the label column of a spread's bars.
pub fn label_width(scale: &crate::domain::Scale, cap: usize) -> usize {
    scale
        .labels
        .iter()
        .map(|p| p.label.width())
        .max()
        .unwrap_or(0)
        .min(cap)
}

/// The most votes any point of the scale got, at least 1: what the longest bar stands for.
pub fn most_votes(stats: &crate::domain::stats::VoteStats) -> usize {
    stats
        .distribution
        .iter()
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0)
        .max(1)
}

/// Lines in the middle of `area`, centred and wrapped: notices with nothing else on screen.
pub fn centred_lines(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let top = area.height.saturating_sub(height) / 2;
    let area = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// Which items of a list fit whole in `height` rows from item `offset` on, given each
/// item's height: the range shown, leaving a row for "… N above" when the list does not
/// start at the top and one for "… N more" when items are left below; and how many rows
/// are left over for the start of the next item.
fn window(heights: &[u16], height: u16, offset: usize) -> (std::ops::Range<usize>, u16) {
    let total: u32 = heights.iter().map(|h| u32::from(*h)).sum();
    if total <= u32::from(height) {
        return (0..heights.len(), 0);
    }
    let start = offset.min(heights.len().saturating_sub(1));
    let top = u16::from(start > 0);
    let mut used = top;
    let mut end = start;
    while end < heights.len() {
        let last = end + 1 == heights.len();
        let needs = heights[end].saturating_add(if last { 0 } else { 1 });
        if used.saturating_add(needs) > height && end > start {
            break;
        }
        used = used.saturating_add(heights[end]);
        end += 1;
    }
    let left = if end < heights.len() {
        height.saturating_sub(used.saturating_add(1))
    } else {
        0
    };
    (start..end, left)
}

/// A panel's lines that may not all fit in `height` rows of `width` columns (wrapped): the
/// ones from `offset`, with "… N above" and "… N more (KEY)" rows where some are hidden, so
/// nothing is cut off without a sign of more and a key to see it.
pub fn scrolled(
    items: Vec<Line<'static>>,
    width: u16,
    height: u16,
    offset: usize,
    key: &str,
    theme: Theme,
) -> Vec<Line<'static>> {
    let heights = heights_of(&items, width);
    let shown = window(&heights, height, offset);
    with_marks(items, shown, width, key, theme)
}

/// Like [`scrolled`], scrolled just far enough that item `selected` shows whole.
pub fn scrolled_to(
    items: Vec<Line<'static>>,
    width: u16,
    height: u16,
    selected: usize,
    key: &str,
    theme: Theme,
) -> Vec<Line<'static>> {
    let heights = heights_of(&items, width);
    let shown = (0..=selected.min(heights.len().saturating_sub(1)))
        .map(|offset| window(&heights, height, offset))
        .find(|(r, _)| r.contains(&selected))
        .unwrap_or_else(|| window(&heights, height, selected));
    with_marks(items, shown, width, key, theme)
}

fn heights_of(items: &[Line], width: u16) -> Vec<u16> {
    items
        .iter()
        .map(|l| wrapped_height(&line_text(l), width))
        .collect()
}

fn with_marks(
    items: Vec<Line<'static>>,
    (shown, left): (std::ops::Range<usize>, u16),
    width: u16,
    key: &str,
    theme: Theme,
) -> Vec<Line<'static>> {
    let count = items.len();
    let mut out = Vec::new();
    if shown.start > 0 {
        out.push(Line::styled(
            format!("… {} above ({key})", shown.start),
            theme.dim(),
        ));
    }
    let end = shown.end;
    let mut rest = items.into_iter().skip(shown.start);
    out.extend(rest.by_ref().take(end - shown.start));
    // The start of the next item in the rows left, so a long item is not hidden whole.
    if left > 0
        && let Some(next) = rest.next()
    {
        let style = next
            .spans
            .first()
            .map_or(next.style, |s| next.style.patch(s.style));
        out.push(Line::styled(
            first_rows(&line_text(&next), width, left),
            style,
        ));
    }
    if end < count {
        out.push(Line::styled(
            format!("… {} more ({key})", count - end),
            theme.dim(),
        ));
    }
    out
}

/// The words of `text` that fit in `rows` wrapped rows of `width`, ending in "…".
fn first_rows(text: &str, width: u16, rows: u16) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let candidate = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if wrapped_height(&format!("{candidate} …"), width) > rows {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        return truncate(text, usize::from(width));
    }
    out.push_str(" …");
    out
}

fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// `text` fitted to `width` columns by cutting the middle of its longest path (a word with
/// a `/` or `\`) down to `…`, so "Reports written to /home/…/sessions/reports" keeps both
/// ends; anything still too long is cut at the end.
pub fn fit_message(text: &str, width: usize) -> String {
    let over = text.width().saturating_sub(width);
    if over == 0 {
        return text.to_string();
    }
    let path = text
        .split(' ')
        .filter(|w| is_path(w))
        .max_by_key(|w| w.width());
    if let Some(path) = path {
        let keep = path.width().saturating_sub(over);
        if keep >= 6 {
            let short = shorten_middle(path, keep);
            return truncate(&text.replacen(path, &short, 1), width);
        }
    }
    truncate(text, width)
}

/// A `width`×`height` box in the middle of `area`, for forms and panels over a screen.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// mm:ss for a number of seconds.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// How far the votes agree, in the one wording every screen uses
/// ([`crate::report::present::agreement`]), styled as a warning or a reassurance.
pub fn agreement_line(
    stats: &crate::domain::stats::VoteStats,
    theme: Theme,
) -> Option<Line<'static>> {
    use crate::report::present::{Agreement, agreement};
    agreement(stats).map(|a| match a {
        Agreement::Warning(text) => Line::styled(text, theme.warning()),
        Agreement::Good(text) => Line::styled(text, theme.good()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_chars_cuts_between_characters() {
        assert_eq!(first_chars("café au lait", 4), "café");
        assert_eq!(first_chars("漢字", 5), "漢字");
        assert_eq!(first_chars("👋🏽x", 1), "👋");
        assert_eq!(first_chars("", 3), "");
    }

    #[test]
    fn sizes_read_as_a_facilitator_would_say_them() {
        assert_eq!(size(900), "900 bytes");
        assert_eq!(size(1024), "1 KB");
        assert_eq!(size(12 * 1024 + 1), "13 KB");
        assert_eq!(size(1020 * 1024), "1.0 MB");
        assert_eq!(size(1024 * 1024), "1.0 MB");
        assert_eq!(size(1536 * 1024), "1.5 MB");
    }

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
    fn a_list_that_does_not_fit_says_how_many_more() {
        // Five one-row items in three rows: two show, then "… 3 more".
        assert_eq!(window(&[1, 1, 1, 1, 1], 3, 0), (0..2, 0));
        // Everything fits: no marks.
        assert_eq!(window(&[1, 1, 1], 3, 0), (0..3, 0));
        // Scrolled: "… 2 above", items 2 and 3, and the last one fits without a mark.
        assert_eq!(window(&[1, 1, 1, 1], 3, 2), (2..4, 0));
        // An item taller than the panel still shows (cut) rather than nothing.
        assert_eq!(window(&[5, 1], 3, 0), (0..1, 0));
        // A long item after a short one: its first row shows, then "… 1 more".
        assert_eq!(window(&[1, 3], 3, 0), (0..1, 1));
        let lines = scrolled(
            vec![
                Line::from("From Q4:"),
                Line::from("Rewrite the board's terms of reference — Aisha (due 2027-01-19)"),
            ],
            20,
            3,
            0,
            "PgDn",
            Theme::plain(),
        );
        let text: Vec<String> = lines.iter().map(line_text).collect();
        assert_eq!(text, ["From Q4:", "Rewrite the …", "… 1 more (PgDn)"]);
        let lines = scrolled_to(
            (0..6).map(|i| Line::from(format!("item {i}"))).collect(),
            20,
            4,
            5,
            "PgDn",
            Theme::plain(),
        );
        let text: Vec<String> = lines.iter().map(line_text).collect();
        assert_eq!(text, ["… 3 above (PgDn)", "item 3", "item 4", "item 5"]);
    }

    #[test]
    fn long_paths_lose_their_middle() {
        let message =
            "Reports written to /home/facilitator/.local/share/roundtable/sessions/reports/";
        let fitted = fit_message(message, 60);
        assert!(fitted.width() <= 60, "{fitted}");
        assert!(fitted.starts_with("Reports written to /"), "{fitted}");
        assert!(fitted.ends_with("sessions/reports/"), "{fitted}");
        assert!(fitted.contains('…'), "{fitted}");
        assert_eq!(fit_message("short", 60), "short");
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
