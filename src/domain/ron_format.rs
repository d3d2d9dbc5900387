//! How our RON files are read and written, and how their problems are described.
//!
//! One place decides the RON options so that question sets and sessions parse the same
//! way everywhere (CLI, app, tests) and every error carries a line and column.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A problem found in a file's text, at a place a person can go to in an editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct FormatError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    pub message: String,
}

impl FormatError {
    pub fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
        }
    }

    /// An error about a value, placed at the first occurrence of `needle` in `source`
    /// (or the start of the file). Serde gives no positions after parsing, so semantic
    /// problems (a duplicate id, an empty text) are located by searching for what they name.
    pub fn at_text(source: &str, needle: &str, nth: usize, message: impl Into<String>) -> Self {
        let (line, column) = locate(source, needle, nth).unwrap_or((1, 1));
        Self::new(line, column, message)
    }
}

/// The most problems reported for one file: the rest are counted, not located, so a file
/// with 20,000 copies of one mistake is checked as fast as a good one.
pub const MAX_PROBLEMS: usize = 20;

/// The problems found in a file's text, capped at [`MAX_PROBLEMS`].
pub struct Problems<'s> {
    source: &'s str,
    found: Vec<FormatError>,
    more: usize,
}

impl<'s> Problems<'s> {
    pub fn new(source: &'s str) -> Self {
        Problems {
            source,
            found: Vec::new(),
            more: 0,
        }
    }

    /// A problem placed at the `nth` occurrence of `needle`. The message is only built,
    /// and the place only searched for, while under the cap.
    pub fn add(&mut self, needle: &str, nth: usize, message: impl FnOnce() -> String) {
        if self.found.len() < MAX_PROBLEMS {
            self.found
                .push(FormatError::at_text(self.source, needle, nth, message()));
        } else {
            self.more += 1;
        }
    }

    /// The problems, and a last line counting those not shown.
    pub fn finish(mut self) -> Vec<FormatError> {
        if self.more > 0 {
            let (line, column) = self.found.last().map_or((1, 1), |e| (e.line, e.column));
            self.found.push(FormatError::new(
                line,
                column,
                format!(
                    "… and {} more problem{} not listed: fix these first",
                    self.more,
                    if self.more == 1 { "" } else { "s" }
                ),
            ));
        }
        self.found
    }
}

/// 1-based (line, column) of the `nth` (0-based) occurrence of `needle`; columns count characters.
pub fn locate(source: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let (offset, _) = source.match_indices(needle).nth(nth)?;
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    Some((line, column))
}

/// The RON options for reading: `implicit_some` so people may write `agreed: 3` rather
/// than `agreed: Some(3)`, and ron's recursion limit kept on so deep nesting is an error,
/// not a stack overflow.
pub fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parse `source`, turning ron's error into one with a line, a column and plain words.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, FormatError> {
    options().from_str(source).map_err(|e| {
        FormatError::new(
            e.span.start.line,
            e.span.start.col,
            describe_ron_error(&e.code),
        )
    })
}

/// Pretty RON that reads well in an editor: one field per line, no struct names in the way.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME)
        .escape_strings(false);
    options().to_string_pretty(value, config)
}

fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField {
            found, expected, ..
        } => format!(
            "unknown field `{found}`: remove it, or check its spelling (expected one of: {})",
            expected.join(", ")
        ),
        ron::Error::MissingStructField { field, .. } => format!("missing field `{field}`"),
        ron::Error::ExceededRecursionLimit => {
            "nested too deeply: this does not look like a Roundtable file".to_string()
        }
        ron::Error::Eof => "the file ends too early: it may have been cut off".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters() {
        let text = "a\nbé x\nx";
        assert_eq!(locate(text, "x", 0), Some((2, 4)));
        assert_eq!(locate(text, "x", 1), Some((3, 1)));
        assert_eq!(locate(text, "x", 2), None);
    }

    #[test]
    fn parse_errors_carry_position() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u8,
        }
        let err = from_str::<T>("(\n  a: 1,\n  b: 2,\n)").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("unknown field `b`"), "{err}");
    }
}
