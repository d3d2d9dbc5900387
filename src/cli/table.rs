//! Plain aligned columns for headless output: whole values when the output goes to a
//! file or another program, fitted to the window when it goes to a terminal.

use std::io::IsTerminal;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width assumed for a terminal that does not say its size (one short of 80, so no
/// terminal wraps early).
pub const WIDTH: usize = 79;

/// How wide headless output may be: `None` when standard output is not a terminal (a pipe
/// or a file: a script or spreadsheet wants whole values, never `…`), otherwise the
/// window's width less one column, so the terminal never wraps a line early.
pub fn output_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = ratatui::crossterm::terminal::size().map_or(WIDTH + 1, |(w, _)| usize::from(w));
    Some(columns.saturating_sub(1).max(20))
}

const GAP: &str = "  ";

/// A column: its header, and whether it may be shortened (with '…') to fit.
pub struct Column {
    pub header: &'static str,
    /// `Some(n)`: may be shortened down to `min`; columns with a lower `n` are shortened
    /// first, so what identifies a row (a title) keeps its width longest.
    pub shrinks: Option<u8>,
    pub min: usize,
}

impl Column {
    /// A column always shown in full.
    pub const fn fixed(header: &'static str) -> Column {
        Column {
            header,
            shrinks: None,
            min: 0,
        }
    }

    /// A column that may be cut to `min` columns, in `order` (lowest first).
    pub const fn shrinking(header: &'static str, order: u8, min: usize) -> Column {
        Column {
            header,
            shrinks: Some(order),
            min,
        }
    }
}

/// Text from a file, made safe to print: control characters (newlines, escape sequences
/// a hostile file could use to mess with the terminal) become spaces.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `text` cut to at most `width` columns, ending in '…' when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` in lines of at most `width` columns, broken between words (a word longer than
/// the line is cut with '…'); the whole of it on one line when there is no width.
pub fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![text.to_string()];
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = if line.is_empty() { 0 } else { line.width() + 1 };
        if !line.is_empty() && needed + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fit(word, width.saturating_sub(line.width())));
    }
    lines.push(line);
    lines
}

/// Lay out `rows` under `columns`. With a `width`, columns shrink in their `shrinks` order
/// until the table fits it; without one every value is printed whole. The last column is
/// not padded.
pub fn render(columns: &[Column], rows: &[Vec<String>], width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clean(c)).collect())
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|s| s.width())
                .chain([c.header.width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // `None`: a column left out because even at their narrowest the columns do not fit.
    let natural = widths;
    let mut shown: Vec<Option<usize>> = natural.iter().copied().map(Some).collect();
    let total = |w: &[Option<usize>]| {
        let kept: Vec<usize> = w.iter().flatten().copied().collect();
        kept.iter().sum::<usize>() + GAP.len() * kept.len().saturating_sub(1)
    };
    while width.is_some_and(|max| total(&shown) > max) {
        let shrinking = |i: usize, c: &Column| c.shrinks.filter(|_| shown[i].is_some());
        let narrower = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                shrinking(i, c)
                    .filter(|_| shown[i].is_some_and(|w| w > c.min))
                    .map(|n| (n, i))
            })
            .min()
            .map(|(_, i)| i);
        // Every column at its narrowest: leave out the first to shrink, then the next.
        let dropped = || {
            columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| shrinking(i, c).map(|n| (n, i)))
                .min()
                .map(|(_, i)| i)
        };
        match (narrower, dropped()) {
            (Some(i), _) => shown[i] = shown[i].map(|w| w - 1),
            (None, Some(i)) => {
                // The others get their room back, to be shrunk again only as needed.
                shown[i] = None;
                for (w, n) in shown.iter_mut().zip(&natural) {
                    if w.is_some() {
                        *w = Some(*n);
                    }
                }
            }
            (None, None) => break,
        }
    }
    let mut out = String::new();
    let headers: Vec<String> = columns.iter().map(|c| c.header.to_string()).collect();
    let last = shown.iter().rposition(Option::is_some).unwrap_or(0);
    for row in std::iter::once(&headers).chain(rows.iter()) {
        let mut line = String::new();
        for (i, width) in shown.iter().enumerate() {
            let Some(width) = *width else { continue };
            let cell = fit(row.get(i).map_or("", String::as_str), width);
            if shown[..i].iter().any(Option::is_some) {
                line.push_str(GAP);
            }
            line.push_str(&cell);
            if i < last {
                line.push_str(&" ".repeat(width.saturating_sub(cell.width())));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_shrink_to_fit() {
        let cols = [Column::fixed("A"), Column::shrinking("B", 0, 4)];
        let rows = vec![vec!["x".to_string(), "日本".repeat(60)]];
        let text = render(&cols, &rows, Some(WIDTH));
        for line in text.lines() {
            assert!(line.width() <= WIDTH, "{line}");
        }
        assert!(text.contains('…'));
        let narrow = render(&cols, &rows, Some(30));
        assert!(narrow.lines().all(|l| l.width() <= 30), "{narrow}");
    }

    #[test]
    fn too_narrow_for_every_column_leaves_out_the_first_to_shrink() {
        let cols = [
            Column::fixed("ID"),
            Column::shrinking("TITLE", 1, 6),
            Column::shrinking("SET", 0, 6),
        ];
        let rows = vec![vec![
            "abcd1234".into(),
            "Q1 roundtable".into(),
            "localising".into(),
        ]];
        let text = render(&cols, &rows, Some(17));
        assert_eq!(text, "ID        TITLE\nabcd1234  Q1 rou…\n");
        let text = render(&cols, &rows, Some(23));
        assert_eq!(text, "ID        TITLE\nabcd1234  Q1 roundtable\n");
    }

    #[test]
    fn lines_wrap_between_words() {
        assert_eq!(
            wrap("the oldest session is not shown", Some(12)),
            ["the oldest", "session is", "not shown"]
        );
        assert_eq!(wrap("a verylongword", Some(6)), ["a", "veryl…"]);
        assert_eq!(wrap("kept whole", None), ["kept whole"]);
    }

    #[test]
    fn without_a_width_values_are_whole() {
        let cols = [Column::fixed("A"), Column::shrinking("B", 0, 4)];
        let long = "Northbridge Place Partnership ".repeat(5);
        let rows = vec![vec!["x".to_string(), long.clone()]];
        let text = render(&cols, &rows, None);
        assert!(
            text.contains(long.trim_end()) && !text.contains('…'),
            "{text}"
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\nb\u{1b}[2J"), "a b [2J");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
