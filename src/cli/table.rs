//! Plain aligned columns for headless output, fitted to an 80-column terminal.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Output stays within this many columns (one short of 80, so no terminal wraps early).
pub const WIDTH: usize = 79;

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

/// Lay out `rows` under `columns`, shrinking columns in their `shrinks` order until the
/// table fits [`WIDTH`]. The last column is not padded.
pub fn render(columns: &[Column], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clean(c)).collect())
        .collect();
    let mut widths: Vec<usize> = columns
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
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP.len() * w.len().saturating_sub(1);
    while total(&widths) > WIDTH {
        let next = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.shrinks.filter(|_| widths[i] > c.min).map(|n| (n, i)))
            .min()
            .map(|(_, i)| i);
        match next {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    let mut out = String::new();
    let headers: Vec<String> = columns.iter().map(|c| c.header.to_string()).collect();
    for row in std::iter::once(&headers).chain(rows.iter()) {
        let mut line = String::new();
        for (i, width) in widths.iter().enumerate() {
            let cell = fit(row.get(i).map_or("", String::as_str), *width);
            if i > 0 {
                line.push_str(GAP);
            }
            line.push_str(&cell);
            if i + 1 < widths.len() {
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
        let text = render(&cols, &rows);
        for line in text.lines() {
            assert!(line.width() <= WIDTH, "{line}");
        }
        assert!(text.contains('…'));
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\nb\u{1b}[2J"), "a b [2J");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
