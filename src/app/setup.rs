//! The new-session form: a few fields with sensible defaults, Tab between them, Enter starts.

use jiff::civil::Date;
use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::{Input, TextArea};

use crate::domain::rounds::Voting;
use crate::domain::session::{DEFAULT_PLANNED_MINUTES, DEFAULT_SEATS, parse_planned_minutes};
use crate::domain::wrap_step;
use crate::domain::{Level, NewSession, Participants, QuestionSet, Session, SessionSetup};

use super::editor;
use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use super::shared::Shared;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Group,
    Facilitator,
    Participants,
    Level,
    QuestionSet,
    Minutes,
    Voting,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Title,
        Field::Group,
        Field::Facilitator,
        Field::Participants,
        Field::Level,
        Field::QuestionSet,
        Field::Minutes,
        Field::Voting,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Group => "Group",
            Field::Facilitator => "Facilitator",
            Field::Participants => "Participants",
            Field::Level => "Level",
            Field::Voting => "Votes",
            Field::QuestionSet => "Question set",
            Field::Minutes => "Planned minutes",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Field::Title => "defaults to the date",
            Field::Group => "the partnership or team",
            Field::Facilitator => "",
            Field::Participants => "names separated by commas, or a number of unnamed seats",
            Field::Level => "←/→ to choose",
            Field::Voting => "private: scores hidden on every screen until v reveals them",
            Field::QuestionSet => "←/→ to choose",
            Field::Minutes => "for pacing: ahead or behind",
        }
    }

    pub fn is_choice(self) -> bool {
        matches!(self, Field::Level | Field::Voting | Field::QuestionSet)
    }
}

#[derive(Debug, Clone)]
pub struct SetupForm {
    pub title: TextArea<'static>,
    pub group: TextArea<'static>,
    pub facilitator: TextArea<'static>,
    pub participants: TextArea<'static>,
    pub minutes: TextArea<'static>,
    pub level: Level,
    /// Open votes or private until revealed; a new form starts open.
    pub voting: Voting,
    pub set_index: usize,
    pub focus: Field,
    pub error: Option<String>,
    /// The title used when the field is left empty.
    pub default_title: String,
    /// The participants used when the field is left empty: the last session's, or a number
    /// of seats. Shown greyed in the empty field, so typing names starts afresh instead of
    /// adding to what was there.
    pub default_participants: String,
    /// The last session's group and facilitator, offered the same way.
    pub default_group: String,
    pub default_facilitator: String,
}

impl SetupForm {
    /// A form prefilled from the group's most recent session, so a quarterly roundtable
    /// needs only Enter; `last` is the most recently updated session, if any.
    pub fn new(sets: &[QuestionSet], last: Option<&Session>, today: Date) -> SetupForm {
        let set_index = last
            .and_then(|s| sets.iter().position(|set| set.id == s.question_set.id))
            .unwrap_or(0);
        let default_title = SessionSetup::default_title(today);
        let default_participants =
            last.map_or_else(|| DEFAULT_SEATS.to_string(), |s| s.participants.to_input());
        SetupForm {
            title: editor::with_placeholder(&default_title),
            group: editor::with_placeholder(last.map_or("", |s| s.group.as_str())),
            facilitator: editor::with_placeholder(last.map_or("", |s| s.facilitator.as_str())),
            participants: editor::with_placeholder(&default_participants),
            minutes: editor::single_line(
                &last
                    .map_or(DEFAULT_PLANNED_MINUTES, |s| s.planned_minutes)
                    .to_string(),
            ),
            level: last.map_or(Level::NotSet, |s| s.level),
            voting: last.map_or(Voting::Open, |s| s.voting),
            set_index,
            focus: Field::Title,
            error: None,
            default_title,
            default_participants,
            default_group: last.map(|s| s.group.clone()).unwrap_or_default(),
            default_facilitator: last.map(|s| s.facilitator.clone()).unwrap_or_default(),
        }
    }

    pub fn field_mut(&mut self, field: Field) -> Option<&mut TextArea<'static>> {
        match field {
            Field::Title => Some(&mut self.title),
            Field::Group => Some(&mut self.group),
            Field::Facilitator => Some(&mut self.facilitator),
            Field::Participants => Some(&mut self.participants),
            Field::Minutes => Some(&mut self.minutes),
            Field::Level | Field::Voting | Field::QuestionSet => None,
        }
    }

    pub fn field(&self, field: Field) -> Option<&TextArea<'static>> {
        match field {
            Field::Title => Some(&self.title),
            Field::Group => Some(&self.group),
            Field::Facilitator => Some(&self.facilitator),
            Field::Participants => Some(&self.participants),
            Field::Minutes => Some(&self.minutes),
            Field::Level | Field::Voting | Field::QuestionSet => None,
        }
    }

    pub fn move_focus(&mut self, step: i8) {
        let i = Field::ALL
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0);
        let n = Field::ALL.len();
        self.focus = Field::ALL[wrap_step(i, n, step)];
    }

    pub fn cycle(&mut self, step: i8, set_count: usize) {
        match self.focus {
            Field::Level => {
                let i = Level::ALL
                    .iter()
                    .position(|l| *l == self.level)
                    .unwrap_or(0);
                let n = Level::ALL.len();
                self.level = Level::ALL[wrap_step(i, n, step)];
            }
            Field::Voting => {
                let i = Voting::ALL
                    .iter()
                    .position(|v| *v == self.voting)
                    .unwrap_or(0);
                self.voting = Voting::ALL[wrap_step(i, Voting::ALL.len(), step)];
            }
            Field::QuestionSet if set_count > 0 => {
                self.set_index = wrap_step(self.set_index, set_count, step);
            }
            _ => {}
        }
    }

    /// The filled-in session, or what to fix (and the focus moves to that field).
    pub fn submit(&mut self, sets: &[QuestionSet]) -> Result<NewSession, String> {
        let Some(set) = sets.get(self.set_index) else {
            return Err("No question set is available: add one, or reinstall Roundtable".into());
        };
        let title = editor::text_of(&self.title).trim().to_string();
        let typed = editor::text_of(&self.participants);
        let participants_text = if typed.trim().is_empty() {
            self.default_participants.clone()
        } else {
            typed
        };
        let Some(participants) = Participants::parse(&participants_text) else {
            self.focus = Field::Participants;
            return Err(format!(
                "Participants: type names separated by commas (\"Ann, Bob\") or a number of seats from 1 to {}",
                crate::domain::session::MAX_PARTICIPANTS
            ));
        };
        if let Some(name) = participants.named_twice() {
            self.focus = Field::Participants;
            return Err(format!(
                "Participants: {:?} is there twice; names must differ (e.g. \"{} B\")",
                name.trim(),
                name.trim()
            ));
        }
        let minutes_text = editor::text_of(&self.minutes);
        let planned_minutes = match parse_planned_minutes(&minutes_text) {
            Ok(m) => m,
            Err(advice) => {
                self.focus = Field::Minutes;
                return Err(format!("Planned minutes: {advice}"));
            }
        };
        Ok(NewSession {
            set_id: set.id.clone(),
            setup: SessionSetup {
                title: if title.is_empty() {
                    self.default_title.clone()
                } else {
                    title
                },
                group: or_default(&self.group, &self.default_group),
                facilitator: or_default(&self.facilitator, &self.default_facilitator),
                participants,
                level: self.level,
                planned_minutes,
            },
            voting: self.voting,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SetupAction {
    NextField,
    PrevField,
    /// ←/→ on a choice field (level, question set).
    Choose(i8),
    /// A key typed into the focused text field.
    Type(Input),
    Start,
    Cancel,
}

/// Keys on a text field: everything not listed is typing.
pub const TEXT_KEYS: KeyTable<SetupAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Tab, KeyCode::Down]),
        label: "Tab ↓",
        hint: Some(("Tab/↑↓", "field")),
        help: "next field",
        action: |_| SetupAction::NextField,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::BackTab, KeyCode::Up]),
        label: "Shift-Tab ↑",
        hint: None,
        help: "previous field",
        action: |_| SetupAction::PrevField,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter]),
        label: "Enter",
        hint: Some(("Enter", "start")),
        help: "start the session and open its first question",
        action: |_| SetupAction::Start,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc]),
        label: "Esc",
        hint: Some(("Esc", "cancel")),
        help: "back to Home without starting",
        action: |_| SetupAction::Cancel,
    },
    Binding {
        keys: Keys::Any,
        label: "typing",
        hint: None,
        help: "goes into the field; Ctrl-U undoes",
        action: |key| SetupAction::Type(Input::from(key)),
    },
];

/// Keys on a choice field (level, question set): the same field and form keys, and ←/→.
pub const CHOICE_KEYS: KeyTable<SetupAction> = &[
    TEXT_KEYS[0],
    TEXT_KEYS[1],
    Binding {
        keys: Keys::Codes(&[KeyCode::Left]),
        label: "←",
        hint: Some(("←→", "choose")),
        help: "previous choice",
        action: |_| SetupAction::Choose(-1),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Right, KeyCode::Char(' ')]),
        label: "→ Space",
        hint: None,
        help: "next choice",
        action: |_| SetupAction::Choose(1),
    },
    TEXT_KEYS[2],
    TEXT_KEYS[3],
];

/// Keys on the planned-minutes field: digits and editing keys only.
pub const MINUTES_KEYS: KeyTable<SetupAction> = &[
    TEXT_KEYS[0],
    TEXT_KEYS[1],
    TEXT_KEYS[2],
    TEXT_KEYS[3],
    Binding {
        keys: Keys::Digits,
        label: "0–9",
        hint: None,
        help: "type the planned minutes",
        action: |key| SetupAction::Type(Input::from(key)),
    },
    Binding {
        keys: Keys::Codes(&[
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
        ]),
        label: "Backspace ← →",
        hint: None,
        help: "edit the minutes",
        action: |key| SetupAction::Type(Input::from(key)),
    },
];

/// The key table for the focused field.
pub fn keys(form: &SetupForm) -> KeyTable<SetupAction> {
    if form.focus.is_choice() {
        CHOICE_KEYS
    } else if form.focus == Field::Minutes {
        MINUTES_KEYS
    } else {
        TEXT_KEYS
    }
}

pub fn update(
    form: &mut SetupForm,
    shared: &mut Shared,
    action: SetupAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    match action {
        SetupAction::NextField => form.move_focus(1),
        SetupAction::PrevField => form.move_focus(-1),
        SetupAction::Choose(step) => form.cycle(step, shared.sets.len()),
        SetupAction::Type(input) => {
            if let Some(field) = form.field_mut(form.focus) {
                editor::input_single_line(field, input);
                form.error = None;
            }
        }
        SetupAction::Start => match form.submit(&shared.sets) {
            Ok(new) => {
                form.error = None;
                effects.push(Effect::CreateSession(new));
            }
            Err(e) => form.error = Some(e),
        },
        SetupAction::Cancel => return Some(Go::Home),
    }
    None
}

/// A paste goes into the focused text field, newlines made spaces.
pub fn paste(form: &mut SetupForm, text: &str) {
    if let Some(field) = form.field_mut(form.focus) {
        editor::paste(field, text, true);
    }
}

/// What was typed in a field, or the value it offered (greyed) when left empty.
fn or_default(field: &TextArea<'static>, offered: &str) -> String {
    let typed = editor::text_of(field).trim().to_string();
    if typed.is_empty() {
        offered.trim().to_string()
    } else {
        typed
    }
}
