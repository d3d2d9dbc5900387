//! The question screen: one question at a time, each person's vote, the agreed score,
//! notes, actions and the revisit flag. Its state, its actions, its pure update and its keys.

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::{Input, TextArea};

use crate::domain::stats::VoteStats;
use crate::domain::{ActionItem, Vote};
use crate::report::present;

use super::due::parse_due;
use super::editor;
use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use super::people::{self, PeopleAction, PeoplePanel};
use super::room::{self, Pass, ROOM_KEYS, RoomAction};
use super::shared::{OpenSession, Shared};
use crate::domain::wrap_step;

/// What keys do on the question screen at the moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionMode {
    /// Digits vote for the selected participant.
    Voting,
    /// Typing goes into the notes editor.
    Notes,
    /// Digits set the agreed score; `proposed` is the median offered.
    Agreeing { proposed: Option<u8> },
    /// The add-action form is open.
    AddingAction(Box<ActionForm>),
    /// `x` was pressed once on a selected action; a second `x` removes it.
    ConfirmRemoveAction,
    /// `R` was pressed once; a second `R` starts the next round (see `room`).
    ConfirmNextRound,
    /// `T` was pressed: a digit gives the minutes of silence.
    Silence,
    /// The laptop goes round: each person sees only their own name and types their score.
    Pass(Pass),
    /// Who is here (`w`): add a latecomer, mark someone absent.
    People(Box<PeoplePanel>),
}

/// The action form: text, owner, due date (optional). `a` opens it empty; `E` opens it on
/// the selected action, to change it in place.
#[derive(Debug, Clone)]
pub struct ActionForm {
    pub fields: [TextArea<'static>; 3],
    pub focus: usize,
    pub error: Option<String>,
    /// Esc was pressed once on a form with text in it; a second Esc discards.
    pub confirm_discard: bool,
    /// The action being edited (its index in the question's actions); `None` adds one.
    pub editing: Option<usize>,
    /// The participants' names, which the owner field completes from.
    pub names: Vec<String>,
}

impl PartialEq for ActionForm {
    fn eq(&self, other: &Self) -> bool {
        self.focus == other.focus
            && self.error == other.error
            && self
                .fields
                .iter()
                .zip(&other.fields)
                .all(|(a, b)| a.lines() == b.lines())
    }
}
impl Eq for ActionForm {}

impl ActionForm {
    pub const LABELS: [&'static str; 3] = ["Action", "Owner", "Due date (optional)"];
    pub const OWNER: usize = 1;
    pub const DUE: usize = 2;

    pub fn new() -> ActionForm {
        ActionForm {
            fields: [
                editor::single_line(""),
                editor::single_line(""),
                editor::single_line(""),
            ],
            focus: 0,
            error: None,
            confirm_discard: false,
            editing: None,
            names: Vec::new(),
        }
    }

    /// The form on an existing action, to edit it in place.
    pub fn editing(index: usize, item: &ActionItem, names: Vec<String>) -> ActionForm {
        let due = item.due.map(|d| d.to_string()).unwrap_or_default();
        ActionForm {
            fields: [
                editor::single_line(&item.text),
                editor::single_line(&item.owner),
                editor::single_line(&due),
            ],
            editing: Some(index),
            names,
            ..ActionForm::new()
        }
    }

    /// The participant the owner typed so far could be: the first whose name starts with it
    /// (ignoring case), while it is not already the whole name. Tab or → accepts it.
    pub fn completion(&self) -> Option<&str> {
        if self.focus != Self::OWNER {
            return None;
        }
        let typed = editor::text_of(&self.fields[Self::OWNER]);
        let typed = typed.trim().to_lowercase();
        if typed.is_empty() {
            return None;
        }
        self.names
            .iter()
            .find(|n| n.to_lowercase().starts_with(&typed) && n.to_lowercase() != typed)
            .map(String::as_str)
    }

    /// How the due date reads, before it is saved: `None` while the field is empty.
    pub fn due_reading(&self) -> Option<Result<Date, String>> {
        let text = editor::text_of(&self.fields[Self::DUE]);
        (!text.trim().is_empty()).then(|| parse_due(&text))
    }
}

impl Default for ActionForm {
    fn default() -> Self {
        Self::new()
    }
}

/// The question screen's own state. The session itself is shared (`Shared::open`).
#[derive(Debug, Clone)]
pub struct QuestionState {
    /// The participant whose vote the next digit records.
    pub participant: usize,
    /// The selected action of the current question, if any.
    pub action: Option<usize>,
    pub mode: QuestionMode,
    /// The notes editor for the current question, kept in step with the session.
    pub notes: editor::NoteEditor,
    pub show_prompts: bool,
    pub show_since_last_time: bool,
    /// The last person has voted (or everyone had when the question opened): a further
    /// digit is refused rather than overwriting a vote; ↑/↓ picks a person to correct.
    pub round_complete: bool,
    /// How far the prompts / "since last time" panel is scrolled (PgDn / PgUp), in items.
    pub side_scroll: usize,
    /// A digit that may be the first of a two-digit score (`1` of `10` on a 0–10 scale),
    /// held for [`TWO_DIGIT_MS`]: shown as `1_` until the next digit, another key or the
    /// moment passing decides it.
    pub pending_digit: Option<PendingDigit>,
}

/// How long a digit waits for a second one to make a two-digit score: a facilitator typing
/// `1` `0` does so well within it, and one typing `1`, looking up, `0` means two votes.
pub const TWO_DIGIT_MS: i64 = 600;

/// The first digit of what may be a two-digit score, and when it was typed (the `now` the
/// update had, never a clock read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingDigit {
    pub digit: u8,
    pub at: Timestamp,
}

impl QuestionState {
    /// The screen for the open session's current question: the first participant still to
    /// vote is selected, and "since last time" greets a session nobody has started.
    pub fn new(open: &OpenSession) -> QuestionState {
        let question = open.question();
        let first_pending = question.and_then(|q| {
            (0..q.votes.len()).find(|&i| q.votes[i] == Vote::Pending && !open.session.is_absent(i))
        });
        QuestionState {
            participant: first_pending.unwrap_or(0),
            round_complete: first_pending.is_none()
                && question.is_some_and(|q| !q.votes.is_empty()),
            action: None,
            mode: QuestionMode::Voting,
            notes: editor::NoteEditor::new(question.map_or("", |q| q.notes.as_str())),
            show_prompts: false,
            show_since_last_time: open.since_last_time.is_some() && open.is_fresh(),
            side_scroll: 0,
            pending_digit: None,
        }
    }

    /// True while typing goes into a text field rather than being commands.
    pub fn is_typing(&self) -> bool {
        match &self.mode {
            QuestionMode::Notes | QuestionMode::AddingAction(_) => true,
            QuestionMode::People(panel) => panel.is_typing(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionAction {
    PrevQuestion,
    NextQuestion,
    /// Select the participant above / below.
    Up,
    Down,
    /// A digit: the selected participant's score.
    Vote(u8),
    Abstain,
    ClearVote,
    /// `g`: start setting the agreed score (proposes the median).
    SetAgreed,
    /// A digit while setting the agreed score.
    AgreedDigit(u8),
    AcceptAgreed,
    ClearAgreed,
    EditNotes,
    /// Leave the notes, the agreed-score prompt, a question or the action form.
    LeaveEditor,
    /// A key typed into the notes or the action form.
    Type(Input),
    AddAction,
    NextField,
    PrevField,
    SubmitAction,
    ToggleRevisit,
    TogglePrompts,
    ToggleSinceLastTime,
    /// Select the previous/next action of this question, for marking done or removing.
    SelectAction(i8),
    ToggleActionDone,
    RemoveAction,
    /// `E`: edit the selected action's text, owner and due date in place.
    EditAction,
    /// PgDn / PgUp: scroll the prompts / "since last time" panel.
    ScrollPanel(i8),
    /// `w`: who is here.
    OpenPeople,
    People(PeopleAction),
    OpenReview,
    /// `o`: reopen a finished session to change it.
    Reopen,
    /// Back to Home, saving.
    Back,
    /// The room's keys: reveal, another round, silence, pass the laptop (see `room`).
    Room(RoomAction),
}

impl QuestionAction {
    /// Whether the action changes the record (refused on a finished session until `o`).
    fn changes_the_record(&self) -> bool {
        use QuestionAction as A;
        matches!(
            self,
            A::Vote(_)
                | A::Abstain
                | A::ClearVote
                | A::SetAgreed
                | A::AgreedDigit(_)
                | A::AcceptAgreed
                | A::ClearAgreed
                | A::EditNotes
                | A::Type(_)
                | A::AddAction
                | A::SubmitAction
                | A::ToggleRevisit
                | A::ToggleActionDone
                | A::RemoveAction
                | A::Room(_)
        )
    }
}

pub(super) fn digit(key: ratatui::crossterm::event::KeyEvent) -> u8 {
    match key.code {
        KeyCode::Char(c @ '0'..='9') => c as u8 - b'0',
        _ => 0,
    }
}

/// Voting: the keys of the room.
pub const VOTING_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Left, KeyCode::Char('h')]),
        label: "← h",
        hint: Some(("←→", "question")),
        help: "previous question (saves)",
        action: |_| QuestionAction::PrevQuestion,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Right, KeyCode::Char('l')]),
        label: "→ l",
        hint: None,
        help: "next question (saves); after the last, the review",
        action: |_| QuestionAction::NextQuestion,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Up, KeyCode::Char('k')]),
        label: "↑ k",
        hint: Some(("↑↓", "person")),
        help: "select the participant above",
        action: |_| QuestionAction::Up,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Down, KeyCode::Char('j')]),
        label: "↓ j",
        hint: None,
        help: "select the participant below",
        action: |_| QuestionAction::Down,
    },
    Binding {
        keys: Keys::Digits,
        label: "1–9, 0",
        hint: Some(("digit", "vote")),
        help: "vote for the selected participant, then the next (1 0 at once: 10)",
        action: |key| QuestionAction::Vote(digit(key)),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('-')]),
        label: "-",
        hint: Some(("-", "abstain")),
        help: "record an abstention",
        action: |_| QuestionAction::Abstain,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Backspace, KeyCode::Delete]),
        label: "Backspace",
        hint: None,
        help: "clear the selected participant's vote",
        action: |_| QuestionAction::ClearVote,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('g')]),
        label: "g",
        hint: Some(("g", "agree")),
        help: "set the agreed score (Enter accepts the proposed median)",
        action: |_| QuestionAction::SetAgreed,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('e'), KeyCode::Enter]),
        label: "e / Enter",
        hint: Some(("e", "notes")),
        help: "edit notes (Esc to stop; pasting works)",
        action: |_| QuestionAction::EditNotes,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('a')]),
        label: "a",
        hint: Some(("a", "action")),
        help: "add an action (text, owner, due date)",
        action: |_| QuestionAction::AddAction,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('[')]),
        label: "[",
        hint: None,
        help: "select the previous action",
        action: |_| QuestionAction::SelectAction(-1),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char(']')]),
        label: "]",
        hint: None,
        help: "select the next action",
        action: |_| QuestionAction::SelectAction(1),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('d')]),
        label: "d",
        hint: None,
        help: "mark the selected action done / not done",
        action: |_| QuestionAction::ToggleActionDone,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('x')]),
        label: "x",
        hint: None,
        help: "remove the selected action (asks first)",
        action: |_| QuestionAction::RemoveAction,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('E')]),
        label: "E",
        hint: None,
        help: "edit the selected action: text, owner, due date",
        action: |_| QuestionAction::EditAction,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('w')]),
        label: "w",
        hint: None,
        help: "who is here: add a latecomer, mark someone absent",
        action: |_| QuestionAction::OpenPeople,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::PageDown]),
        label: "PgDn",
        hint: None,
        help: "see more of the prompts / since-last-time panel (… N more)",
        action: |_| QuestionAction::ScrollPanel(1),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::PageUp]),
        label: "PgUp",
        hint: None,
        help: "back up the prompts / since-last-time panel",
        action: |_| QuestionAction::ScrollPanel(-1),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('f')]),
        label: "f",
        hint: Some(("f", "revisit")),
        help: "flag / unflag this question to revisit",
        action: |_| QuestionAction::ToggleRevisit,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('p')]),
        label: "p",
        hint: None,
        help: "show / hide facilitator prompts",
        action: |_| QuestionAction::TogglePrompts,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('t')]),
        label: "t",
        hint: None,
        help: "show / hide what was left open last time",
        action: |_| QuestionAction::ToggleSinceLastTime,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('r')]),
        label: "r",
        hint: Some(("r", "review")),
        help: "review all questions and finish",
        action: |_| QuestionAction::OpenReview,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('o')]),
        label: "o",
        hint: None,
        help: "reopen a finished session to change it",
        action: |_| QuestionAction::Reopen,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('q'), KeyCode::Esc]),
        label: "q / Esc",
        hint: Some(("q", "back")),
        help: "back to Home (saves)",
        action: |_| QuestionAction::Back,
    },
    ROOM_KEYS[0],
    ROOM_KEYS[1],
    ROOM_KEYS[2],
    ROOM_KEYS[3],
    ROOM_KEYS[4],
];

/// Writing notes: every key but Esc is typing.
pub const NOTES_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc]),
        label: "Esc",
        hint: Some(("Esc", "done editing")),
        help: "stop editing (the notes are kept and saved)",
        action: |_| QuestionAction::LeaveEditor,
    },
    Binding {
        keys: Keys::Ctrl('u'),
        label: "Ctrl-U",
        hint: Some(("Ctrl-U", "undo")),
        help: "undo (Ctrl-R redoes)",
        action: |key| QuestionAction::Type(Input::from(key)),
    },
    Binding {
        keys: Keys::Any,
        label: "typing",
        hint: None,
        help: "goes into the notes; Ctrl-Home/End: its start/end; pastes whole",
        action: |key| QuestionAction::Type(Input::from(key)),
    },
];

/// Setting the agreed score.
pub const AGREEING_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Digits,
        label: "digit",
        hint: Some(("digit", "agreed score")),
        help: "set the agreed score (1 0 at once: 10)",
        action: |key| QuestionAction::AgreedDigit(digit(key)),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter, KeyCode::Char('g')]),
        label: "Enter",
        hint: Some(("Enter", "accept proposed")),
        help: "accept the proposed median",
        action: |_| QuestionAction::AcceptAgreed,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Backspace, KeyCode::Delete]),
        label: "Del",
        hint: Some(("Del", "clear")),
        help: "clear the agreed score",
        action: |_| QuestionAction::ClearAgreed,
    },
    Binding {
        keys: Keys::Any,
        label: "Esc / any key",
        hint: Some(("Esc", "cancel")),
        help: "leave the agreed score as it was",
        action: |_| QuestionAction::LeaveEditor,
    },
];

/// The add-action form.
pub const ACTION_FORM_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Tab, KeyCode::Down]),
        label: "Tab ↓",
        hint: Some(("Tab", "next field")),
        help: "next field; on Owner, first accepts the name offered (→ too)",
        action: |_| QuestionAction::NextField,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::BackTab, KeyCode::Up]),
        label: "Shift-Tab ↑",
        hint: None,
        help: "previous field",
        action: |_| QuestionAction::PrevField,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter]),
        label: "Enter",
        hint: Some(("Enter", "save action")),
        help: "save the action (added, or changed when editing)",
        action: |_| QuestionAction::SubmitAction,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc]),
        label: "Esc",
        hint: Some(("Esc", "cancel")),
        help: "cancel (asks once if something was typed)",
        action: |_| QuestionAction::LeaveEditor,
    },
    Binding {
        keys: Keys::Any,
        label: "typing",
        hint: None,
        help: "goes into the field",
        action: |key| QuestionAction::Type(Input::from(key)),
    },
];

/// Asked "remove this action?".
pub const CONFIRM_REMOVE_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('x')]),
        label: "x",
        hint: Some(("x", "remove action")),
        help: "remove the selected action",
        action: |_| QuestionAction::RemoveAction,
    },
    Binding {
        keys: Keys::Any,
        label: "any key",
        hint: Some(("any key", "keep it")),
        help: "keep the action",
        action: |_| QuestionAction::LeaveEditor,
    },
];

/// The key table for the screen's current mode.
pub fn keys(state: &QuestionState) -> KeyTable<QuestionAction> {
    match state.mode {
        QuestionMode::Voting => VOTING_KEYS,
        QuestionMode::Notes => NOTES_KEYS,
        QuestionMode::Agreeing { .. } => AGREEING_KEYS,
        QuestionMode::AddingAction(_) => ACTION_FORM_KEYS,
        QuestionMode::ConfirmRemoveAction => CONFIRM_REMOVE_KEYS,
        QuestionMode::ConfirmNextRound => room::CONFIRM_ROUND_KEYS,
        QuestionMode::Silence => room::SILENCE_KEYS,
        QuestionMode::Pass(_) => room::PASS_KEYS,
        // The panel has its own tables (`people::keys`), which `keys` wraps.
        QuestionMode::People(_) => &[],
    }
}

/// Apply one action. Pure: changes state and asks for effects, never does I/O.
pub fn update(
    state: &mut QuestionState,
    shared: &mut Shared,
    action: QuestionAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    // A vote or the agreed score changes what the presenter shows ("4 of 6 voted"): saved
    // at once, not after the autosave pause.
    let room_sees = matches!(
        action,
        QuestionAction::Vote(_)
            | QuestionAction::Abstain
            | QuestionAction::ClearVote
            | QuestionAction::AgreedDigit(_)
            | QuestionAction::AcceptAgreed
            | QuestionAction::ClearAgreed
    );
    let go = update_screen(state, shared, action, effects);
    if room_sees && shared.save.dirty {
        room::save_now(shared, effects);
    }
    go
}

fn update_screen(
    state: &mut QuestionState,
    shared: &mut Shared,
    action: QuestionAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    if action.changes_the_record() && shared.refuse_if_finished() {
        state.mode = QuestionMode::Voting;
        return None;
    }
    // Passing the laptop: any key but a digit or Backspace lets a waiting first digit stand.
    if let QuestionMode::Pass(pass) = &mut state.mode
        && !matches!(
            action,
            QuestionAction::Room(RoomAction::PassScore(_) | RoomAction::PassUndo)
        )
    {
        room::commit_pending(pass, shared, effects);
    }
    if let Some(pending) = state.pending_digit.take() {
        let second = match action {
            QuestionAction::Vote(d) | QuestionAction::AgreedDigit(d) => Some(d),
            _ => None,
        };
        let two_digits = second
            .filter(|_| shared.now.as_millisecond() - pending.at.as_millisecond() < TWO_DIGIT_MS)
            .map(|d| u16::from(pending.digit) * 10 + u16::from(d))
            .and_then(|n| u8::try_from(n).ok())
            .filter(|&n| {
                shared
                    .open
                    .as_ref()
                    .is_some_and(|o| o.session.question_set.scale.contains(n))
            });
        if let Some(score) = two_digits {
            record_digit_score(state, shared, score);
            return None;
        }
        // Not a second digit (or too late, or off the scale): the first stands alone.
        record_digit(state, shared, pending.digit);
    }
    if let QuestionAction::Room(action) = action {
        room::update(state, shared, action, effects);
        return None;
    }
    let Some(open) = shared.open.as_mut() else {
        return Some(Go::Home);
    };
    let current = open.current();
    let count = open.session.questions.len();
    match action {
        QuestionAction::PrevQuestion => {
            if current > 0 {
                go_to(state, shared, current - 1, effects);
            }
        }
        QuestionAction::NextQuestion => {
            if current + 1 < count {
                go_to(state, shared, current + 1, effects);
            } else {
                return Some(Go::Review);
            }
        }
        QuestionAction::Up => {
            let s = &open.session;
            state.participant = (0..state.participant)
                .rev()
                .find(|&i| !s.is_absent(i))
                .unwrap_or(state.participant);
            state.round_complete = false;
        }
        QuestionAction::Down => {
            let s = &open.session;
            state.participant = (state.participant + 1..s.participants.count())
                .find(|&i| !s.is_absent(i))
                .unwrap_or(state.participant);
            state.round_complete = false;
        }
        QuestionAction::Vote(_) | QuestionAction::Abstain
            if open.session.is_absent(state.participant) =>
        {
            shared.say("Everyone here has voted: w marks people back, ↑/↓ selects");
        }
        QuestionAction::OpenPeople => {
            state.mode = QuestionMode::People(Box::new(PeoplePanel {
                row: state.participant,
                ..PeoplePanel::default()
            }));
        }
        QuestionAction::People(action) => {
            if let QuestionMode::People(panel) = &mut state.mode
                && people::update(panel, shared, action)
            {
                state.mode = QuestionMode::Voting;
                // Voting goes on with the first person here who has not voted.
                if let Some(open) = shared.open.as_ref() {
                    let fresh = QuestionState::new(open);
                    state.participant = fresh.participant;
                    state.round_complete = fresh.round_complete;
                }
            }
        }
        QuestionAction::Vote(_) | QuestionAction::Abstain if state.round_complete => {
            shared.say("Everyone has voted: ↑/↓ selects a person to correct their vote");
        }
        QuestionAction::Vote(digit) | QuestionAction::AgreedDigit(digit) => {
            if may_start_two_digits(open, digit) {
                state.pending_digit = Some(PendingDigit {
                    digit,
                    at: shared.now,
                });
            } else {
                record_digit(state, shared, digit);
            }
        }
        QuestionAction::Abstain => set_vote(state, shared, Vote::Abstain, true),
        QuestionAction::ClearVote => set_vote(state, shared, Vote::Pending, false),
        QuestionAction::SetAgreed if room::scores_hidden(open) => {
            shared.say("Reveal the votes first (v): the proposed score would give them away");
        }
        QuestionAction::SetAgreed => {
            let proposal = open
                .question()
                .and_then(|q| VoteStats::of(&q.votes, &open.session.question_set.scale).proposal());
            state.mode = QuestionMode::Agreeing {
                proposed: proposal.map(|p| p.score),
            };
            // The proposal is the median shown; where it is not plainly so, say why.
            if let Some((p, why)) = proposal.and_then(|p| Some((p, present::proposal_reason(&p)?)))
            {
                shared.say(format!("Proposing {}: {why}", p.score));
            }
        }
        QuestionAction::AcceptAgreed => match state.mode {
            QuestionMode::Agreeing {
                proposed: Some(score),
            } => set_agreed(state, shared, Some(score)),
            _ => shared.say("No scores yet to propose from: type the agreed score"),
        },
        QuestionAction::ClearAgreed => set_agreed(state, shared, None),
        QuestionAction::EditNotes => {
            // Writing notes means the group has moved on from last time's list.
            state.show_since_last_time = false;
            state.mode = QuestionMode::Notes;
        }
        QuestionAction::LeaveEditor => leave_editor(state),
        QuestionAction::Type(input) => type_into(state, shared, input),
        QuestionAction::AddAction => {
            let names = open.session.participants.display_names();
            state.mode = QuestionMode::AddingAction(Box::new(ActionForm {
                names,
                ..ActionForm::new()
            }));
        }
        QuestionAction::EditAction => {
            let names = open.session.participants.display_names();
            let item = state.action.and_then(|i| {
                open.question()
                    .and_then(|q| q.actions.get(i))
                    .map(|a| (i, a))
            });
            match item {
                Some((i, item)) => {
                    state.mode =
                        QuestionMode::AddingAction(Box::new(ActionForm::editing(i, item, names)));
                }
                None => shared.say("Select an action first with [ or ], then E edits it"),
            }
        }
        QuestionAction::ScrollPanel(step) => {
            let items = side_items(open, state);
            state.side_scroll = if step > 0 {
                (state.side_scroll + 3).min(items.saturating_sub(1))
            } else {
                state.side_scroll.saturating_sub(3)
            };
        }
        QuestionAction::NextField | QuestionAction::PrevField => {
            let step = if action == QuestionAction::NextField {
                1
            } else {
                -1
            };
            if let QuestionMode::AddingAction(form) = &mut state.mode {
                if step > 0 && accept_completion(form) {
                    return None;
                }
                form.focus = wrap_step(form.focus, form.fields.len(), step);
                form.confirm_discard = false;
            }
        }
        QuestionAction::SubmitAction => submit_action(state, shared),
        QuestionAction::ToggleRevisit => {
            if let Some(q) = open.question_mut() {
                q.revisit = !q.revisit;
                let said = if q.revisit {
                    "⚑ Flagged to revisit"
                } else {
                    "Revisit flag removed"
                };
                shared.say(said);
                shared.changed();
            }
        }
        QuestionAction::TogglePrompts => state.show_prompts = !state.show_prompts,
        QuestionAction::ToggleSinceLastTime => {
            if open.since_last_time.is_some() {
                state.show_since_last_time = !state.show_since_last_time;
            } else {
                shared.say("Nothing carried forward from an earlier session of this group");
            }
        }
        QuestionAction::SelectAction(step) => {
            let n = open.question().map_or(0, |q| q.actions.len());
            state.action = match (state.action, n) {
                (_, 0) => None,
                (None, n) => Some(if step > 0 { 0 } else { n - 1 }),
                (Some(i), n) => Some(wrap_step(i.min(n - 1), n, step)),
            };
            let said = match state.action.and_then(|i| open.question()?.actions.get(i)) {
                Some(item) => format!("▶ {}: d done, E edit, x remove", item.text),
                None => "No actions on this question: a adds one".to_string(),
            };
            shared.say(said);
        }
        QuestionAction::ToggleActionDone => {
            let item = state
                .action
                .and_then(|i| open.question_mut().and_then(|q| q.actions.get_mut(i)));
            match item {
                Some(item) => {
                    item.done = !item.done;
                    let said = if item.done {
                        format!("☑ {}: done", item.text)
                    } else {
                        format!("☐ {}: not done", item.text)
                    };
                    shared.say(said);
                    shared.changed();
                }
                None => shared.say("Select an action first with [ or ]"),
            }
        }
        QuestionAction::RemoveAction => remove_action(state, shared),
        QuestionAction::Room(_) => {}
        QuestionAction::OpenReview => return Some(Go::Review),
        QuestionAction::Reopen => shared.reopen(),
        QuestionAction::Back => {
            if state.mode != QuestionMode::Voting {
                leave_editor(state);
                return None;
            }
            shared.request_save(effects);
            return Some(Go::Home);
        }
    }
    None
}

/// Open question `index` of the open session on a fresh screen, saving on the way:
/// navigation always saves.
pub fn enter(
    shared: &mut Shared,
    index: usize,
    effects: &mut Vec<Effect>,
) -> Option<QuestionState> {
    let now = shared.now;
    let open = shared.open.as_mut()?;
    if index >= open.session.questions.len() {
        return None;
    }
    let moved = open.session.current_question != index;
    open.session.current_question = index;
    open.pending_ms = 0;
    open.last_tick = Some(now);
    let state = QuestionState::new(open);
    if moved {
        shared.moved();
    }
    shared.request_save(effects);
    Some(state)
}

/// Move to another question, keeping the facilitator's choice of panels.
fn go_to(state: &mut QuestionState, shared: &mut Shared, index: usize, effects: &mut Vec<Effect>) {
    if let Some(next) = enter(shared, index, effects) {
        *state = QuestionState {
            show_prompts: state.show_prompts,
            show_since_last_time: state.show_since_last_time,
            ..next
        };
    }
}

/// The moment for a second digit has passed: the first is a score on its own.
pub fn on_tick(state: &mut QuestionState, shared: &mut Shared, effects: &mut Vec<Effect>) {
    if let QuestionMode::Pass(pass) = &mut state.mode
        && pass
            .pending
            .is_some_and(|p| shared.now.as_millisecond() - p.at.as_millisecond() >= TWO_DIGIT_MS)
    {
        room::commit_pending(pass, shared, effects);
    }
    if let Some(pending) = state.pending_digit
        && shared.now.as_millisecond() - pending.at.as_millisecond() >= TWO_DIGIT_MS
    {
        state.pending_digit = None;
        record_digit(state, shared, pending.digit);
    }
}

/// Whether `digit` could be the first of a two-digit score on this scale (`1` on 0–10):
/// only then does it wait for a second; on a 1–5 scale every digit records at once.
pub(super) fn may_start_two_digits(open: &OpenSession, digit: u8) -> bool {
    digit >= 1 && u16::from(digit) * 10 <= u16::from(open.session.question_set.scale.max)
}

/// A single digit typed as a vote or the agreed score, whichever the screen is taking.
fn record_digit(state: &mut QuestionState, shared: &mut Shared, digit: u8) {
    let Some(open) = shared.open.as_ref() else {
        return;
    };
    match digit_to_score(open, digit) {
        Some(score) => record_digit_score(state, shared, score),
        None => {
            let hint = scale_hint(open);
            shared.say(hint);
        }
    }
}

fn record_digit_score(state: &mut QuestionState, shared: &mut Shared, score: u8) {
    if matches!(state.mode, QuestionMode::Agreeing { .. }) {
        set_agreed(state, shared, Some(score));
    } else if state.mode == QuestionMode::Voting {
        set_vote(state, shared, Vote::Score(score), true);
    }
}

pub(super) fn digit_to_score(open: &OpenSession, digit: u8) -> Option<u8> {
    let scale = &open.session.question_set.scale;
    if scale.contains(digit) {
        Some(digit)
    } else if digit == 0 && scale.contains(10) {
        // On a 1–10 scale the 0 key stands for 10.
        Some(10)
    } else {
        None
    }
}

fn scale_hint(open: &OpenSession) -> String {
    let s = &open.session.question_set.scale;
    format!(
        "Scores run from {} to {}; - records an abstention",
        s.min, s.max
    )
}

/// Record the selected participant's vote; `advance` moves to the next participant so a
/// round of votes is one keystroke each.
fn set_vote(state: &mut QuestionState, shared: &mut Shared, vote: Vote, advance: bool) {
    let Some(open) = shared.open.as_mut() else {
        return;
    };
    let p = state.participant;
    let Some(slot) = open.question_mut().and_then(|q| q.votes.get_mut(p)) else {
        return;
    };
    *slot = vote;
    if advance {
        // Absent people's seats are skipped.
        let s = &open.session;
        match (p + 1..s.participants.count()).find(|&i| !s.is_absent(i)) {
            Some(next) => state.participant = next,
            None => state.round_complete = true,
        }
    }
    shared.changed();
}

fn set_agreed(state: &mut QuestionState, shared: &mut Shared, score: Option<u8>) {
    if let Some(q) = shared.open.as_mut().and_then(OpenSession::question_mut) {
        q.agreed = score;
    }
    state.mode = QuestionMode::Voting;
    shared.changed();
}

fn leave_editor(state: &mut QuestionState) {
    if let QuestionMode::AddingAction(form) = &mut state.mode {
        let typed = form
            .fields
            .iter()
            .any(|f| !editor::text_of(f).trim().is_empty());
        if typed && !form.confirm_discard {
            form.confirm_discard = true;
            form.error = Some("Enter adds this action; Esc again discards it".into());
            return;
        }
    }
    state.mode = QuestionMode::Voting;
}

fn type_into(state: &mut QuestionState, shared: &mut Shared, input: Input) {
    match &mut state.mode {
        QuestionMode::Notes => {
            let edited = state.notes.input(input);
            if edited {
                sync_notes(state, shared);
            }
        }
        QuestionMode::AddingAction(form) => {
            let at_end = form.fields.get(form.focus).is_some_and(|f| {
                let ratatui_textarea::DataCursor(row, col) = f.cursor();
                f.lines().get(row).is_none_or(|l| col >= l.chars().count())
            });
            if input.key == ratatui_textarea::Key::Right && at_end && accept_completion(form) {
                return;
            }
            if let Some(field) = form.fields.get_mut(form.focus) {
                editor::input_single_line(field, input);
                form.error = None;
                form.confirm_discard = false;
            }
        }
        _ => {}
    }
}

/// Copy the notes editor into the session, and mark it changed.
fn sync_notes(state: &QuestionState, shared: &mut Shared) {
    if let Some(q) = shared.open.as_mut().and_then(OpenSession::question_mut) {
        state.notes.write_into(&mut q.notes);
    }
    shared.changed();
}

/// A paste goes where a facilitator would expect: into the field being edited, or into the
/// notes.
pub fn paste(state: &mut QuestionState, shared: &mut Shared, text: &str) {
    if shared.refuse_if_finished() {
        return;
    }
    match &mut state.mode {
        // The laptop is going round: the notes are not for whoever holds it.
        QuestionMode::Pass(_) => {}
        QuestionMode::AddingAction(form) => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                editor::paste(field, text, true);
            }
        }
        _ => {
            state.mode = QuestionMode::Notes;
            state.show_since_last_time = false;
            state.notes.paste(text);
            sync_notes(state, shared);
        }
    }
}

fn submit_action(state: &mut QuestionState, shared: &mut Shared) {
    let QuestionMode::AddingAction(form) = &mut state.mode else {
        return;
    };
    let text = editor::text_of(&form.fields[0]).trim().to_string();
    let owner = editor::text_of(&form.fields[1]).trim().to_string();
    let due_text = editor::text_of(&form.fields[2]).trim().to_string();
    if text.is_empty() {
        form.focus = 0;
        form.error = Some("Type what the action is, then Enter".into());
        return;
    }
    let due = if due_text.is_empty() {
        None
    } else {
        match parse_due(&due_text) {
            Ok(d) => Some(d),
            Err(advice) => {
                form.focus = ActionForm::DUE;
                form.error = Some(advice);
                return;
            }
        }
    };
    let editing = form.editing;
    let item = ActionItem {
        text,
        owner,
        due,
        done: false,
        origin: None,
    };
    let Some(q) = shared.open.as_mut().and_then(OpenSession::question_mut) else {
        return;
    };
    let said = match editing.and_then(|i| q.actions.get_mut(i).map(|a| (i, a))) {
        Some((i, existing)) => {
            // Edited in place: done and where it came from stay as they were.
            *existing = ActionItem {
                done: existing.done,
                origin: existing.origin.take(),
                ..item
            };
            state.action = Some(i);
            format!("Action changed: {}", existing.text)
        }
        None => {
            let said = format!("Action added: {}", item.text);
            q.actions.push(item);
            state.action = Some(q.actions.len() - 1);
            said
        }
    };
    state.mode = QuestionMode::Voting;
    shared.say(said);
    shared.changed();
}

/// Tab (or → at the end of the owner) takes the participant's name offered; true if it did.
fn accept_completion(form: &mut ActionForm) -> bool {
    let Some(name) = form.completion().map(str::to_string) else {
        return false;
    };
    form.fields[ActionForm::OWNER] = editor::single_line(&name);
    form.error = None;
    true
}

/// How many items the prompts / "since last time" panel lists, for scrolling it.
fn side_items(open: &OpenSession, state: &QuestionState) -> usize {
    let mut n = 0;
    if state.show_since_last_time
        && let Some(since) = &open.since_last_time
    {
        n += 1 + since.actions.len() + since.revisits.len();
    }
    if state.show_prompts {
        n += 1 + open.prompts.get(open.current()).map_or(0, Vec::len);
    }
    n
}

fn remove_action(state: &mut QuestionState, shared: &mut Shared) {
    let Some(i) = state.action else {
        shared.say("Select an action first with [ or ]");
        return;
    };
    let Some(text) = shared
        .open
        .as_ref()
        .and_then(|o| o.question()?.actions.get(i))
        .map(|a| a.text.clone())
    else {
        state.action = None;
        shared.say("Select an action first with [ or ]");
        return;
    };
    if state.mode != QuestionMode::ConfirmRemoveAction {
        state.mode = QuestionMode::ConfirmRemoveAction;
        shared.say(format!(
            "Remove “{text}”? x removes it; any other key keeps it"
        ));
        return;
    }
    if let Some(q) = shared.open.as_mut().and_then(OpenSession::question_mut)
        && i < q.actions.len()
    {
        q.actions.remove(i);
        state.action = None;
    }
    state.mode = QuestionMode::Voting;
    shared.say(format!("Removed “{text}”"));
    shared.changed();
}
