//! A fast reader for session files in the form Roundtable writes them.
//!
//! Why: `ron` reads about 120 MB a second on one core, so the first listing of a
//! programme's folder (10,000 sessions, 150 MB) took over a second, three times `cat` of the
//! same files. Almost every file in such a folder was written by Roundtable itself
//! ([`super::ron_format::to_string`]: fields in their declared order, strings either plain
//! or raw), and that form can be read in one pass without a general parser.
//!
//! `ron` stays the definition of the format. This reader accepts only a strict subset
//! (fields in declaration order, plain decimal numbers, plain strings without `\` and raw
//! strings, ASCII white space, no comments, no `Some(..)`) and gives up, with `None`, on
//! anything else: a file edited by hand, a newer or older layout, a mistake. The caller
//! then reads the file with `ron`, which also gives every error its line and column.
//! Whatever this reader accepts, `ron` reads as the same session: a test checks that on
//! thousands of written and mangled files (`tests/fuzz.rs`; `tests/quick_read.rs`).

use super::question_set::{Scale, ScalePoint};
use super::rounds::{Round, Silence, Voting};
use super::session::{
    ActionItem, Level, Origin, Participants, Session, SessionQuestion, SetSnapshot, Status, Vote,
    default_planned_minutes,
};

/// The session `source` holds, if it is in the form Roundtable writes; `None` to have it
/// read by `ron` instead. Not validated: the caller checks it as it checks `ron`'s result.
pub fn read_session(source: &str) -> Option<Session> {
    let mut r = Reader { src: source, i: 0 };
    let session = r.session()?;
    r.skip_ws();
    (r.i == source.len()).then_some(session)
}

struct Reader<'a> {
    src: &'a str,
    /// A byte offset into `src`, always at a character boundary.
    i: usize,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// ASCII white space only: anything else (a comment, a byte-order mark) is not ours.
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes().get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    /// The word `word`, whole (not the start of a longer identifier).
    fn word(&mut self, word: &str) -> bool {
        self.skip_ws();
        let rest = &self.bytes()[self.i..];
        let whole = rest.starts_with(word.as_bytes())
            && !rest.get(word.len()).copied().is_some_and(is_ident_byte);
        if whole {
            self.i += word.len();
        }
        whole
    }

    /// `name:` next, or nothing consumed.
    fn field_name(&mut self, name: &str) -> bool {
        let start = self.i;
        if self.word(name) && self.eat(b':').is_some() {
            return true;
        }
        self.i = start;
        false
    }

    /// After a field or an element: a comma, or the closing bracket (left for the caller).
    fn end_of_item(&mut self, close: u8) -> Option<()> {
        match self.peek()? {
            b',' => {
                self.i += 1;
                Some(())
            }
            b if b == close => Some(()),
            _ => None,
        }
    }

    /// A field that must be there.
    fn field<T>(&mut self, name: &str, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.optional(name, value).flatten()
    }

    /// A field that may be left out: `Some(None)` when it is.
    fn optional<T>(
        &mut self,
        name: &str,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        if !self.field_name(name) {
            return Some(None);
        }
        let v = value(self)?;
        self.end_of_item(b')')?;
        Some(Some(v))
    }

    /// A field that may be left out, its type's default when it is.
    fn or_default<T: Default>(
        &mut self,
        name: &str,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        Some(self.optional(name, value)?.unwrap_or_default())
    }

    /// An `Option` field: left out, `None`, or the value itself.
    fn maybe<T>(
        &mut self,
        name: &str,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        Some(self.optional(name, |r| r.option(value))?.flatten())
    }

    /// `None`, or the value itself (the implicit `Some` Roundtable writes).
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.word("None") {
            return Some(None);
        }
        value(self).map(Some)
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        loop {
            if self.peek()? == b']' {
                self.i += 1;
                return Some(out);
            }
            out.push(item(self)?);
            self.end_of_item(b']')?;
        }
    }

    fn string(&mut self) -> Option<String> {
        match self.peek()? {
            b'"' => {
                let start = self.i + 1;
                let len = self.bytes()[start..]
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')?;
                let end = start + len;
                // An escape is for `ron` to read.
                if self.bytes()[end] != b'"' {
                    return None;
                }
                self.i = end + 1;
                Some(self.src[start..end].to_string())
            }
            b'r' => {
                let hashes = self.bytes()[self.i + 1..]
                    .iter()
                    .take_while(|&&b| b == b'#')
                    .count();
                let start = self.i + 1 + hashes + 1;
                if self.bytes().get(start - 1) != Some(&b'"') {
                    return None;
                }
                let mut from = start;
                loop {
                    let quote = from + self.bytes()[from..].iter().position(|&b| b == b'"')?;
                    let after = quote + 1;
                    let closing = self.bytes()[after..]
                        .iter()
                        .take(hashes)
                        .take_while(|&&b| b == b'#')
                        .count();
                    if closing == hashes {
                        self.i = after + hashes;
                        return Some(self.src[start..quote].to_string());
                    }
                    from = after;
                }
            }
            _ => None,
        }
    }

    /// A plain decimal number: digits only, no sign, no leading zero, no `_`.
    fn number<T: std::str::FromStr>(&mut self) -> Option<T> {
        self.skip_ws();
        let digits = self.bytes()[self.i..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let text = &self.src[self.i..self.i + digits];
        let next = self.bytes().get(self.i + digits).copied();
        if digits == 0
            || (digits > 1 && text.starts_with('0'))
            || next.is_some_and(|b| is_ident_byte(b) || b == b'.')
        {
            return None;
        }
        let n = text.parse().ok()?;
        self.i += digits;
        Some(n)
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.word("true") {
            Some(true)
        } else if self.word("false") {
            Some(false)
        } else {
            None
        }
    }

    /// A value written as a string: a timestamp, a date, an id (read as serde reads them).
    fn parsed<T: std::str::FromStr>(&mut self) -> Option<T> {
        self.string()?.parse().ok()
    }

    /// One of `choices`' words, as its value.
    fn one_of<T: Copy>(&mut self, choices: &[(&str, T)]) -> Option<T> {
        choices
            .iter()
            .find(|(word, _)| self.word(word))
            .map(|&(_, v)| v)
    }

    /// `( … )` around what `inside` reads: a struct, or a variant's value.
    fn parens<T>(&mut self, inside: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.eat(b'(')?;
        let v = inside(self)?;
        self.eat(b')')?;
        Some(v)
    }

    fn session(&mut self) -> Option<Session> {
        self.parens(|r| {
            Some(Session {
                format_version: r.field("format_version", Self::number)?,
                id: r.field("id", Self::parsed)?,
                title: r.field("title", Self::string)?,
                group: r.field("group", Self::string)?,
                facilitator: r.field("facilitator", Self::string)?,
                participants: r.field("participants", Self::participants)?,
                level: r.field("level", |r| {
                    r.one_of(&[
                        ("Neighbourhood", Level::Neighbourhood),
                        ("Place", Level::Place),
                        ("System", Level::System),
                        ("NotSet", Level::NotSet),
                    ])
                })?,
                created: r.field("created", Self::parsed)?,
                updated: r.field("updated", Self::parsed)?,
                finished: r.maybe("finished", Self::parsed)?,
                status: r.field("status", |r| {
                    r.one_of(&[
                        ("InProgress", Status::InProgress),
                        ("Complete", Status::Complete),
                    ])
                })?,
                planned_minutes: r
                    .optional("planned_minutes", Self::number)?
                    .unwrap_or_else(default_planned_minutes),
                current_question: r.or_default("current_question", Self::number)?,
                voting: r.or_default("voting", |r| {
                    r.one_of(&[("Open", Voting::Open), ("Private", Voting::Private)])
                })?,
                silence: r.maybe("silence", |r| {
                    r.parens(|r| {
                        Some(Silence {
                            started: r.field("started", Self::parsed)?,
                            seconds: r.field("seconds", Self::number)?,
                        })
                    })
                })?,
                question_set: r.field("question_set", Self::set_snapshot)?,
                questions: r.field("questions", |r| r.list(Self::question))?,
                reflections: r.or_default("reflections", Self::string)?,
                absent: r.or_default("absent", |r| r.list(Self::number))?,
                reopened: r.or_default("reopened", |r| r.list(Self::parsed))?,
                carried_from: r.maybe("carried_from", |r| r.list(Self::parsed))?,
            })
        })
    }

    fn participants(&mut self) -> Option<Participants> {
        if self.word("Named") {
            self.parens(|r| r.list(Self::string))
                .map(Participants::Named)
        } else if self.word("Seats") {
            self.parens(Self::number).map(Participants::Seats)
        } else {
            None
        }
    }

    fn set_snapshot(&mut self) -> Option<SetSnapshot> {
        self.parens(|r| {
            Some(SetSnapshot {
                id: r.field("id", Self::string)?,
                version: r.field("version", Self::number)?,
                title: r.field("title", Self::string)?,
                scale: r.field("scale", |r| {
                    r.parens(|r| {
                        Some(Scale {
                            min: r.field("min", Self::number)?,
                            max: r.field("max", Self::number)?,
                            labels: r.field("labels", |r| r.list(Self::scale_point))?,
                        })
                    })
                })?,
            })
        })
    }

    fn scale_point(&mut self) -> Option<ScalePoint> {
        self.parens(|r| {
            Some(ScalePoint {
                score: r.field("score", Self::number)?,
                label: r.field("label", Self::string)?,
            })
        })
    }

    fn vote(&mut self) -> Option<Vote> {
        if self.word("Score") {
            self.parens(Self::number).map(Vote::Score)
        } else {
            self.one_of(&[("Abstain", Vote::Abstain), ("Pending", Vote::Pending)])
        }
    }

    fn question(&mut self) -> Option<SessionQuestion> {
        self.parens(|r| {
            Some(SessionQuestion {
                id: r.field("id", Self::string)?,
                short_title: r.field("short_title", Self::string)?,
                text: r.field("text", Self::string)?,
                votes: r.field("votes", |r| r.list(Self::vote))?,
                agreed: r.maybe("agreed", Self::number)?,
                notes: r.or_default("notes", Self::string)?,
                actions: r.or_default("actions", |r| r.list(Self::action))?,
                revisit: r.or_default("revisit", Self::boolean)?,
                revisit_origin: r.maybe("revisit_origin", Self::origin)?,
                seconds_spent: r.or_default("seconds_spent", Self::number)?,
                earlier_rounds: r.or_default("earlier_rounds", |r| {
                    r.list(|r| {
                        r.parens(|r| {
                            Some(Round {
                                votes: r.field("votes", |r| r.list(Self::vote))?,
                            })
                        })
                    })
                })?,
                revealed: r.or_default("revealed", Self::boolean)?,
                notes_on_presenter: r.or_default("notes_on_presenter", Self::boolean)?,
            })
        })
    }

    fn action(&mut self) -> Option<ActionItem> {
        self.parens(|r| {
            Some(ActionItem {
                text: r.field("text", Self::string)?,
                owner: r.or_default("owner", Self::string)?,
                due: r.maybe("due", Self::parsed)?,
                done: r.or_default("done", Self::boolean)?,
                origin: r.maybe("origin", Self::origin)?,
            })
        })
    }

    fn origin(&mut self) -> Option<Origin> {
        self.parens(|r| {
            Some(Origin {
                session: r.field("session", Self::parsed)?,
                date: r.field("date", Self::parsed)?,
                title: r.field("title", Self::string)?,
                question: r.field("question", Self::string)?,
                question_title: r.field("question_title", Self::string)?,
            })
        })
    }
}
