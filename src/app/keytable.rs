//! Key tables: one list per screen (and per mode of a screen) of which keys do what.
//!
//! The same table answers a key press, writes the hint bar and writes the `?` help, so the
//! three can never disagree (gitui's `KeysList` idea). Earlier rows win: a table reads like
//! the facilitator's cheat sheet, most specific first, "any other key" last.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Which keys a row answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Any of these keys, with no Ctrl or Alt held. Letters are as typed: `F` is not `f`.
    Codes(&'static [KeyCode]),
    /// Ctrl and this letter.
    Ctrl(char),
    /// The digit keys 0–9.
    Digits,
    /// Any key no earlier row took: typing into an editor, or "any other key" in a question.
    Any,
}

/// One row of a key table.
pub struct Binding<A: 'static> {
    pub keys: Keys,
    /// How the key is written in the help: "← h", "Enter", "1–9 0".
    pub label: &'static str,
    /// The hint bar's key and few words; `None` keeps the row to the `?` help. A pair of
    /// rows (↑ and ↓) can share one hint ("↑↓ select") by giving it on the first.
    pub hint: Option<(&'static str, &'static str)>,
    /// What the key does, in the help's words.
    pub help: &'static str,
    /// The action the key stands for. Most ignore the key; digits and typing read it.
    pub action: fn(KeyEvent) -> A,
}

// By hand, so rows can be shared between tables whatever the action type is.
impl<A> Clone for Binding<A> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<A> Copy for Binding<A> {}

impl<A> std::fmt::Debug for Binding<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Binding")
            .field("keys", &self.keys)
            .field("label", &self.label)
            .finish()
    }
}

/// A screen's key table.
pub type KeyTable<A> = &'static [Binding<A>];

impl<A> Binding<A> {
    pub fn matches(&self, key: &KeyEvent) -> bool {
        let ctrl_or_alt = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self.keys {
            Keys::Codes(codes) => !ctrl_or_alt && codes.contains(&key.code),
            Keys::Ctrl(c) => {
                key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Keys::Digits => !ctrl_or_alt && matches!(key.code, KeyCode::Char('0'..='9')),
            Keys::Any => true,
        }
    }

    /// A key press this row answers to: for tests that walk every table, and for the help.
    pub fn example(&self) -> KeyEvent {
        match self.keys {
            Keys::Codes(codes) => {
                let code = codes.first().copied().unwrap_or(KeyCode::Null);
                let shift = matches!(code, KeyCode::Char(c) if c.is_ascii_uppercase());
                let modifiers = if shift {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                KeyEvent::new(code, modifiers)
            }
            Keys::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Keys::Digits => KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE),
            Keys::Any => KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE),
        }
    }
}

/// The action for `key` in `table`: the first row that answers to it.
pub fn action_for<A>(table: KeyTable<A>, key: KeyEvent) -> Option<A> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    table
        .iter()
        .find(|b| b.matches(&key))
        .map(|b| (b.action)(key))
}

/// The hint bar's (key, words) for a table.
pub fn hints<A>(table: KeyTable<A>) -> Vec<(&'static str, &'static str)> {
    table.iter().filter_map(|b| b.hint).collect()
}

/// The help's (key, what it does) for a table: every row.
pub fn help<A>(table: KeyTable<A>) -> Vec<(&'static str, &'static str)> {
    table.iter().map(|b| (b.label, b.help)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Act {
        Next,
        Finish,
        Digit(u8),
        Undo,
        Other,
    }

    const TABLE: KeyTable<Act> = &[
        Binding {
            keys: Keys::Codes(&[KeyCode::Right, KeyCode::Char('l')]),
            label: "→ l",
            hint: Some(("→", "next")),
            help: "next",
            action: |_| Act::Next,
        },
        Binding {
            keys: Keys::Codes(&[KeyCode::Char('F')]),
            label: "F",
            hint: None,
            help: "finish",
            action: |_| Act::Finish,
        },
        Binding {
            keys: Keys::Digits,
            label: "0–9",
            hint: Some(("0–9", "digit")),
            help: "a digit",
            action: |k| match k.code {
                KeyCode::Char(c) => Act::Digit(c as u8 - b'0'),
                _ => Act::Other,
            },
        },
        Binding {
            keys: Keys::Ctrl('u'),
            label: "Ctrl-U",
            hint: None,
            help: "undo",
            action: |_| Act::Undo,
        },
        Binding {
            keys: Keys::Any,
            label: "any key",
            hint: None,
            help: "other",
            action: |_| Act::Other,
        },
    ];

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn first_matching_row_wins_and_modifiers_count() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            action_for(TABLE, key(KeyCode::Char('l'), none)),
            Some(Act::Next)
        );
        assert_eq!(
            action_for(TABLE, key(KeyCode::Char('F'), KeyModifiers::SHIFT)),
            Some(Act::Finish)
        );
        assert_eq!(
            action_for(TABLE, key(KeyCode::Char('f'), none)),
            Some(Act::Other)
        );
        assert_eq!(
            action_for(TABLE, key(KeyCode::Char('7'), none)),
            Some(Act::Digit(7))
        );
        assert_eq!(
            action_for(TABLE, key(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            Some(Act::Undo)
        );
        assert_eq!(
            action_for(TABLE, key(KeyCode::Char('l'), KeyModifiers::CONTROL)),
            Some(Act::Other),
            "Ctrl-L is not l"
        );
    }

    #[test]
    fn hints_and_help_come_from_the_same_rows() {
        assert_eq!(hints(TABLE), vec![("→", "next"), ("0–9", "digit")]);
        assert_eq!(help(TABLE).len(), TABLE.len());
    }

    #[test]
    fn every_example_key_reaches_its_own_row() {
        for b in TABLE {
            assert_eq!(
                action_for(TABLE, b.example()),
                Some((b.action)(b.example())),
                "{}",
                b.label
            );
        }
    }
}
