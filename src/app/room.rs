//! The room's keys on the question screen: reveal private votes (`v`), a second round
//! (`R`), a silence before scoring (`T`) and passing the laptop round (`L`).
//!
//! Kept apart from `question.rs` so the question screen stays about one question; these are
//! the moments the group sees on the projector, so each is saved at once for the presenter
//! to follow (it polls the file, see `roundtable present`).

use ratatui::crossterm::event::KeyCode;

use crate::domain::Vote;
use crate::domain::rounds::{MAX_ROUNDS, MAX_SILENCE_MINUTES, Silence, SilenceNow, Voting};

use super::effect::Effect;
use super::keytable::{Binding, KeyTable, Keys};
use super::question::{
    PendingDigit, QuestionAction, QuestionMode, QuestionState, TWO_DIGIT_MS, digit, digit_to_score,
    may_start_two_digits,
};
use super::shared::{OpenSession, Shared};

/// Whose turn it is while the laptop goes round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    /// The person whose score the next digit records; `None` once everyone has voted.
    pub person: Option<usize>,
    /// Who just voted, so they (and only they) can take their score back with Backspace.
    pub last: Option<usize>,
    /// On a scale past 9, a first digit waiting for a second (`1` of `10`), as the
    /// facilitator's digits do: shown as `1_`, recorded alone when the moment passes.
    pub pending: Option<PendingDigit>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RoomAction {
    /// `v`: reveal the live round's votes, or hide them again.
    Reveal,
    /// `N`: show this question's notes on the presenter, or hide them again.
    NotesOnPresenter,
    /// `R`: start another round of this question (asks first).
    NextRound,
    /// `T`: ask for the minutes of a silence, or end the one running.
    Silence,
    /// A digit while asked for the minutes.
    SilenceMinutes(u8),
    /// `L`: pass the laptop round.
    PassLaptop,
    /// A digit typed by the person holding the laptop.
    PassScore(u8),
    PassAbstain,
    /// Backspace: the person who just voted takes it back and votes again.
    PassUndo,
}

fn room(action: RoomAction) -> QuestionAction {
    QuestionAction::Room(action)
}

/// The room's rows of the question screen's voting keys.
pub const ROOM_KEYS: [Binding<QuestionAction>; 5] = [
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('v')]),
        label: "v",
        hint: Some(("v", "reveal")),
        help: "reveal this round's votes on both screens, or hide them again",
        action: |_| room(RoomAction::Reveal),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('R')]),
        label: "R",
        hint: None,
        help: "another round of votes; the earlier round is kept (asks first)",
        action: |_| room(RoomAction::NextRound),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('T')]),
        label: "T",
        hint: None,
        help: "a silence before scoring: type its minutes (T again ends it)",
        action: |_| room(RoomAction::Silence),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('L')]),
        label: "L",
        hint: None,
        help: "pass the laptop: each person sees only their name, types a score",
        action: |_| room(RoomAction::PassLaptop),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('N')]),
        label: "N",
        hint: None,
        help: "show this question's notes on the presenter, or hide them (hidden by default)",
        action: |_| room(RoomAction::NotesOnPresenter),
    },
];

/// Asked "start another round?".
pub const CONFIRM_ROUND_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('R')]),
        label: "R",
        hint: Some(("R", "start the round")),
        help: "start the next round: everyone votes again, the earlier votes are kept",
        action: |_| room(RoomAction::NextRound),
    },
    Binding {
        keys: Keys::Any,
        label: "any key",
        hint: Some(("any key", "not now")),
        help: "stay in this round",
        action: |_| QuestionAction::LeaveEditor,
    },
];

/// Asked for the minutes of a silence.
pub const SILENCE_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Digits,
        label: "1–9",
        hint: Some(("1–9", "minutes")),
        help: "start a silence of that many minutes",
        action: |key| room(RoomAction::SilenceMinutes(digit(key))),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Enter, KeyCode::Char('T')]),
        label: "Enter",
        hint: Some(("Enter", "one minute")),
        help: "start a silence of one minute",
        action: |_| room(RoomAction::SilenceMinutes(1)),
    },
    Binding {
        keys: Keys::Any,
        label: "Esc / any key",
        hint: Some(("Esc", "cancel")),
        help: "no silence now",
        action: |_| QuestionAction::LeaveEditor,
    },
];

/// The laptop going round: only a score, an abstention or taking one's own score back.
/// Any other key does nothing, so a stray key cannot change anyone's vote.
pub const PASS_KEYS: KeyTable<QuestionAction> = &[
    Binding {
        keys: Keys::Digits,
        label: "digit",
        hint: Some(("digit", "your score")),
        help: "your score; the next person's name follows (1 0 at once: 10)",
        action: |key| room(RoomAction::PassScore(digit(key))),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('-')]),
        label: "-",
        hint: Some(("-", "abstain")),
        help: "choose not to score",
        action: |_| room(RoomAction::PassAbstain),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Backspace]),
        label: "Backspace",
        hint: Some(("Backspace", "change the score just given")),
        help: "the person who just voted takes their score back and votes again",
        action: |_| room(RoomAction::PassUndo),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Esc]),
        label: "Esc",
        hint: Some(("Esc", "back to the facilitator")),
        help: "end passing the laptop (votes are kept)",
        action: |_| QuestionAction::LeaveEditor,
    },
];

/// Whether the live round's scores are hidden from view (private votes, not yet revealed).
pub fn scores_hidden(open: &OpenSession) -> bool {
    open.session.voting == Voting::Private && open.question().is_some_and(|q| !q.revealed)
}

/// Apply one of the room's actions. Pure, like the rest of the question screen.
pub fn update(
    state: &mut QuestionState,
    shared: &mut Shared,
    action: RoomAction,
    effects: &mut Vec<Effect>,
) {
    let now = shared.now;
    let Some(open) = shared.open.as_mut() else {
        return;
    };
    match action {
        RoomAction::Reveal => {
            let Some(q) = open.question_mut() else { return };
            q.revealed = !q.revealed;
            let said = if q.revealed {
                "Votes revealed: the presenter shows the spread"
            } else {
                "Votes hidden again"
            };
            shared.say(said);
            save_now(shared, effects);
        }
        RoomAction::NotesOnPresenter => {
            let Some(q) = open.question_mut() else { return };
            q.notes_on_presenter = !q.notes_on_presenter;
            let shown = q.notes_on_presenter;
            shared.say(if shown {
                "Notes of this question shown on the presenter (N hides them)"
            } else {
                "Notes hidden from the presenter"
            });
            save_now(shared, effects);
        }
        RoomAction::NextRound => next_round(state, shared, effects),
        RoomAction::Silence => {
            let running = open
                .session
                .silence
                .is_some_and(|s| matches!(s.at(now), SilenceNow::Running { .. }));
            if running {
                open.session.silence = None;
                shared.say("Silence ended");
                save_now(shared, effects);
            } else {
                state.mode = QuestionMode::Silence;
                shared.say(format!(
                    "Minutes of silence before scoring? 1–{MAX_SILENCE_MINUTES} (Enter: one minute)"
                ));
            }
        }
        RoomAction::SilenceMinutes(minutes) => {
            state.mode = QuestionMode::Voting;
            let minutes = u32::from(minutes);
            if !(1..=MAX_SILENCE_MINUTES).contains(&minutes) {
                shared.say(format!(
                    "A silence is 1 to {MAX_SILENCE_MINUTES} minutes: T and a digit"
                ));
                return;
            }
            open.session.silence = Some(Silence {
                started: now,
                seconds: minutes * 60,
            });
            shared.say("Silence: the room thinks before scoring (T ends it early)");
            save_now(shared, effects);
        }
        RoomAction::PassLaptop => {
            let person = open.question().and_then(|q| next_pending(&q.votes, 0));
            if person.is_none() {
                shared.say("Everyone has voted in this round: ↑/↓ and a digit correct a vote");
                return;
            }
            state.mode = QuestionMode::Pass(Pass {
                person,
                last: None,
                pending: None,
            });
        }
        RoomAction::PassScore(digit) => {
            let QuestionMode::Pass(pass) = &mut state.mode else {
                return;
            };
            // A second digit in time makes one score with the first (1 0: 10).
            if let Some(first) = pass.pending.take() {
                let two = u8::try_from(u16::from(first.digit) * 10 + u16::from(digit))
                    .ok()
                    .filter(|&n| open.session.question_set.scale.contains(n))
                    .filter(|_| now.as_millisecond() - first.at.as_millisecond() < TWO_DIGIT_MS);
                if let (Some(score), Some(p)) = (two, pass.person) {
                    pass_vote(pass, shared, p, Vote::Score(score), effects);
                    return;
                }
                commit_pending(pass, shared, effects);
            }
            let Some(open) = shared.open.as_ref() else {
                return;
            };
            if pass.person.is_some() && may_start_two_digits(open, digit) {
                pass.pending = Some(PendingDigit { digit, at: now });
                return;
            }
            let score = digit_to_score(open, digit);
            let scale = &open.session.question_set.scale;
            let hint = format!(
                "Scores run from {} to {}; - to choose not to score",
                scale.min, scale.max
            );
            let QuestionMode::Pass(pass) = &mut state.mode else {
                return;
            };
            match (pass.person, score) {
                (None, _) => {}
                (Some(_), None) => shared.say(hint),
                (Some(p), Some(score)) => pass_vote(pass, shared, p, Vote::Score(score), effects),
            }
        }
        RoomAction::PassAbstain => {
            if let QuestionMode::Pass(pass) = &mut state.mode
                && let Some(p) = pass.person
            {
                pass_vote(pass, shared, p, Vote::Abstain, effects);
            }
        }
        RoomAction::PassUndo => {
            let QuestionMode::Pass(pass) = &mut state.mode else {
                return;
            };
            // A first digit still waiting is simply taken back.
            if pass.pending.take().is_some() {
                return;
            }
            let Some(last) = pass.last.take() else {
                shared.say("Only the person who just voted can take their score back");
                return;
            };
            if let Some(slot) = open.question_mut().and_then(|q| q.votes.get_mut(last)) {
                *slot = Vote::Pending;
            }
            pass.person = Some(last);
            save_now(shared, effects);
        }
    }
    // Back with the facilitator, the next digit goes to whoever has still to vote, and to
    // nobody once everyone has: a vote is then corrected only by choosing its person.
    if let QuestionMode::Pass(pass) = &state.mode {
        state.participant = pass.person.or(pass.last).unwrap_or(state.participant);
        state.round_complete = pass.person.is_none();
    }
}

/// A first digit waiting for a second is a score on its own: another key came, or the
/// moment passed.
pub fn commit_pending(pass: &mut Pass, shared: &mut Shared, effects: &mut Vec<Effect>) {
    let (Some(first), Some(p)) = (pass.pending.take(), pass.person) else {
        return;
    };
    if let Some(score) = shared
        .open
        .as_ref()
        .and_then(|o| digit_to_score(o, first.digit))
    {
        pass_vote(pass, shared, p, Vote::Score(score), effects);
    }
}

/// The first person at or after `from` (then from the top) still to vote.
fn next_pending(votes: &[Vote], from: usize) -> Option<usize> {
    (from..votes.len())
        .chain(0..from.min(votes.len()))
        .find(|&i| votes[i] == Vote::Pending)
}

fn pass_vote(
    pass: &mut Pass,
    shared: &mut Shared,
    person: usize,
    vote: Vote,
    effects: &mut Vec<Effect>,
) {
    let Some(q) = shared.open.as_mut().and_then(OpenSession::question_mut) else {
        return;
    };
    let Some(slot) = q.votes.get_mut(person) else {
        return;
    };
    *slot = vote;
    pass.last = Some(person);
    pass.person = next_pending(&q.votes, person + 1);
    save_now(shared, effects);
}

fn next_round(state: &mut QuestionState, shared: &mut Shared, effects: &mut Vec<Effect>) {
    let Some(q) = shared.open.as_mut().and_then(OpenSession::question_mut) else {
        return;
    };
    if q.votes.iter().all(|v| *v == Vote::Pending) {
        state.mode = QuestionMode::Voting;
        shared.say("Nobody has voted in this round yet: take the votes first");
        return;
    }
    if q.round_number() >= MAX_ROUNDS {
        state.mode = QuestionMode::Voting;
        shared.say(format!("{MAX_ROUNDS} rounds is the most a question keeps"));
        return;
    }
    let next = q.round_number() + 1;
    if state.mode != QuestionMode::ConfirmNextRound {
        state.mode = QuestionMode::ConfirmNextRound;
        shared.say(format!(
            "Press R again to start round {next}: everyone votes again, round {} is kept",
            next - 1
        ));
        return;
    }
    q.start_next_round();
    state.mode = QuestionMode::Voting;
    state.participant = 0;
    state.round_complete = false;
    shared.say(format!("Round {next}: everyone votes again"));
    save_now(shared, effects);
}

/// What the room sees changed: save now rather than after the autosave pause, so the
/// presenter follows within a second.
pub fn save_now(shared: &mut Shared, effects: &mut Vec<Effect>) {
    shared.changed();
    if !shared.save.in_flight {
        shared.request_save(effects);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_laptop_goes_to_whoever_has_not_voted_yet() {
        use Vote::{Abstain, Pending, Score};
        let votes = [Score(3), Pending, Abstain, Pending];
        assert_eq!(next_pending(&votes, 0), Some(1));
        assert_eq!(next_pending(&votes, 2), Some(3));
        assert_eq!(next_pending(&votes, 4), Some(1), "then from the top");
        assert_eq!(next_pending(&[Score(1)], 0), None);
    }
}
