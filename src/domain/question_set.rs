//! Question sets: the questions a group walks through, kept as data so a facilitator
//! can bring their own.

use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use super::ron_format::{self, FormatError, Problems};

/// The largest span a scale may have: 0 to 10 fits a digit-per-vote keyboard.
pub const MAX_SCALE_SPAN: u8 = 10;

/// The most questions a set (or a session) may have: far more than one sitting can
/// discuss, few enough that no screen or report is ever slow.
pub const MAX_QUESTIONS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    /// Stable across edits: sessions are compared by it.
    pub id: String,
    /// Bumped when the questions change, so old sessions say which wording they used.
    pub version: u32,
    pub title: String,
    pub source: Source,
    pub description: String,
    pub scale: Scale,
    pub questions: Vec<Question>,
}

/// Who published the questions: sets are quoted faithfully and credited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    pub year: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    /// One label for every point from `min` to `max`.
    pub labels: Vec<ScalePoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    pub score: u8,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable across wording changes: the summary matches questions by it.
    pub id: String,
    /// A few words, for tables and the agenda.
    pub short_title: String,
    /// The full question, as published.
    pub text: String,
    /// Optional cues for the facilitator, shown on demand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
}

impl Scale {
    pub fn contains(&self, score: u8) -> bool {
        (self.min..=self.max).contains(&score)
    }

    pub fn label(&self, score: u8) -> Option<&str> {
        self.labels
            .iter()
            .find(|p| p.score == score)
            .map(|p| p.label.as_str())
    }

    /// All points of the scale, lowest first.
    pub fn points(&self) -> impl Iterator<Item = u8> + use<> {
        self.min..=self.max
    }

    /// Problems with the scale itself, in plain words; empty when it is usable.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.min > self.max {
            problems.push(format!("scale min {} is above max {}", self.min, self.max));
            return problems;
        }
        if self.max > MAX_SCALE_SPAN {
            problems.push(format!(
                "scale max {} is above {MAX_SCALE_SPAN}: scales run from 0 to at most {MAX_SCALE_SPAN}",
                self.max
            ));
        }
        for score in self.points() {
            match self.labels.iter().filter(|p| p.score == score).count() {
                0 => problems.push(format!("scale point {score} has no label")),
                1 => {}
                n => problems.push(format!("scale point {score} has {n} labels")),
            }
        }
        for p in &self.labels {
            if !self.contains(p.score) {
                problems.push(format!(
                    "label for {} is outside the scale {}–{}",
                    p.score, self.min, self.max
                ));
            }
            if p.label.trim().is_empty() {
                problems.push(format!("scale point {} has an empty label", p.score));
            }
        }
        problems
    }
}

impl QuestionSet {
    /// Parse and validate a question set; every problem names a line and column.
    pub fn from_ron(source: &str) -> Result<Self, Vec<FormatError>> {
        let set: QuestionSet = ron_format::from_str(source).map_err(|e| vec![e])?;
        let problems = set.problems(source);
        if problems.is_empty() {
            Ok(set)
        } else {
            Err(problems)
        }
    }

    /// Semantic checks that serde cannot express, located in `source` where possible.
    /// Linear in the number of questions, whatever the file holds.
    pub fn problems(&self, source: &str) -> Vec<FormatError> {
        let mut out = Problems::new(source);
        if !is_valid_id(&self.id) {
            out.add("id:", 0, || {
                format!(
                    "set id {:?} must be non-empty letters, digits, '-' or '_'",
                    self.id
                )
            });
        }
        if self.title.trim().is_empty() {
            out.add("title:", 0, || "the set's title is empty".into());
        }
        for msg in self.scale.problems() {
            out.add("scale:", 0, || msg);
        }
        check_question_count(&mut out, self.questions.len(), "set");
        let ids = self.questions.iter().map(|q| q.id.as_str());
        for ((i, q), seen_before) in self.questions.iter().enumerate().zip(times_seen(ids)) {
            let quoted = format!("{:?}", q.id);
            if !is_valid_id(&q.id) {
                out.add(&quoted, seen_before, || {
                    format!(
                        "question {} id {:?} must be non-empty letters, digits, '-' or '_'",
                        i + 1,
                        q.id
                    )
                });
            } else if seen_before > 0 {
                out.add(&quoted, seen_before, || {
                    format!("question id {:?} is used more than once", q.id)
                });
            }
            if q.short_title.trim().is_empty() {
                out.add(&quoted, seen_before, || {
                    format!("question {:?} has an empty short_title", q.id)
                });
            }
            if q.text.trim().is_empty() {
                out.add(&quoted, seen_before, || {
                    format!("question {:?} has an empty text", q.id)
                });
            }
        }
        out.finish()
    }
}

/// For each id, how many times it came before: one pass, however many repeats.
pub(crate) fn times_seen<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    ids.map(|id| {
        let count = seen.entry(id).or_insert(0);
        *count += 1;
        *count - 1
    })
    .collect()
}

/// A set or session needs questions, and not more than [`MAX_QUESTIONS`].
pub(crate) fn check_question_count(out: &mut Problems<'_>, count: usize, what: &str) {
    if count == 0 {
        out.add("questions:", 0, || format!("the {what} has no questions"));
    }
    if count > MAX_QUESTIONS {
        out.add("questions:", 0, || {
            format!(
                "the {what} has {count} questions, more than the {MAX_QUESTIONS} Roundtable supports"
            )
        });
    }
}

/// Ids end up in file contents and CSV columns; keeping them plain avoids surprises.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Building blocks for tests elsewhere in the crate: the built-in 1–5 scale and a source.
#[cfg(test)]
pub(crate) mod fixture {
    use super::{Scale, ScalePoint, Source};

    /// The scale of the built-in sets, "Not at all" to "Fully".
    pub fn one_to_five() -> Scale {
        Scale {
            min: 1,
            max: 5,
            labels: ["Not at all", "A little", "Partly", "Largely", "Fully"]
                .iter()
                .zip(1..)
                .map(|(label, score)| ScalePoint {
                    score,
                    label: (*label).to_string(),
                })
                .collect(),
        }
    }

    pub fn source() -> Source {
        Source {
            publisher: "Us".into(),
            title: "Tests".into(),
            year: 2026,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        Scale {
            min: 1,
            max: 3,
            labels: vec![
                ScalePoint {
                    score: 1,
                    label: "Low".into(),
                },
                ScalePoint {
                    score: 2,
                    label: "Mid".into(),
                },
                ScalePoint {
                    score: 3,
                    label: "High".into(),
                },
            ],
        }
    }

    #[test]
    fn a_complete_scale_has_no_problems() {
        assert!(scale().problems().is_empty());
        assert_eq!(scale().label(2), Some("Mid"));
    }

    #[test]
    fn scale_problems_are_named() {
        let mut s = scale();
        s.labels.remove(1);
        assert_eq!(s.problems(), vec!["scale point 2 has no label".to_string()]);
        s.max = 11;
        assert!(s.problems().iter().any(|p| p.contains("above 10")));
    }

    #[test]
    fn duplicate_question_ids_are_located() {
        let src = r#"(
    id: "s",
    version: 1,
    title: "T",
    source: (publisher: "P", title: "T", year: 2020),
    description: "",
    scale: (min: 1, max: 2, labels: [(score: 1, label: "a"), (score: 2, label: "b")]),
    questions: [
        (id: "q1", short_title: "One", text: "One?"),
        (id: "q1", short_title: "Two", text: "Two?"),
    ],
)"#;
        let errs = QuestionSet::from_ron(src).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].column), (10, 14));
        assert!(errs[0].message.contains("more than once"));
    }
}
