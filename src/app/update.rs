//! `update`: the one place state changes. Pure: no files, no clock, no terminal.

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui_textarea::TextArea;

use crate::domain::stats::VoteStats;
use crate::domain::{ActionItem, Session, Status, Vote};

use super::action::{Action, Effect};
use super::editor;
use super::setup::{SetupForm, wrap_step};
use super::state::{
    AUTOSAVE_AFTER_MS, AUTOSAVE_AT_MOST_MS, ActiveSession, App, Mode, RETRY_SAVE_AFTER_MS, Screen,
};
use super::summary::{self, SummaryState};
use crate::domain::compare::{CarryForward, carry_forward};

/// The longest gap between two ticks counted as time spent: a laptop that slept for an
/// hour did not spend that hour on the question.
const MAX_TICK_GAP_MS: i64 = 5_000;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if !matches!(action, Action::Tick(_)) {
        // A new key clears the last transient message; results of effects set their own.
        if !matches!(
            action,
            Action::Saved { .. } | Action::SaveFailed { .. } | Action::LibraryLoaded { .. }
        ) {
            app.message = None;
        }
        // `q` on Home insists like a second Ctrl-C does.
        let insisting = action == Action::Back && app.screen == Screen::Home;
        if !insisting
            && !matches!(
                action,
                Action::SaveAndQuit
                    | Action::Saved { .. }
                    | Action::SaveFailed { .. }
                    | Action::QuitRefused
            )
        {
            app.quit_armed = false;
        }
    }
    match action {
        Action::Tick(now) => tick(app, now, &mut effects),
        Action::SaveAndQuit => {
            if app.quit_armed {
                effects.push(Effect::Quit);
            } else {
                if app.active.is_some() {
                    effects.push(Effect::Save);
                }
                effects.push(Effect::QuitIfSaved);
            }
            app.quitting = true;
        }
        Action::Terminate => {
            if app.active.is_some() {
                effects.push(Effect::Save);
            }
            effects.push(Effect::Quit);
            app.quitting = true;
        }
        Action::QuitRefused => {
            app.quitting = false;
            app.quit_armed = true;
            // The way out first: the reason is on the warning above, and this line is cut
            // at 80 columns. Leaving now writes an emergency copy of the unsaved work.
            app.message =
                Some("Not quitting: unsaved. Again to quit, with an emergency copy".into());
        }
        Action::ShowHelp => app.show_help = true,
        Action::CloseOverlay => app.show_help = false,
        Action::Back => back(app, &mut effects),
        Action::Up => move_selection(app, -1),
        Action::Down => move_selection(app, 1),
        Action::OpenSelected => {
            let rows = app.home_rows();
            if let Some(entry) = rows.get(app.home_row).map(|e| (*e).clone()) {
                open_session(app, entry.path, entry.session);
            }
        }
        Action::ResumeLatest => {
            let latest = app
                .library
                .sessions
                .iter()
                .find(|e| e.session.status == Status::InProgress)
                .cloned();
            match latest {
                Some(entry) => open_session(app, entry.path, entry.session),
                None => app.message = Some("No session in progress: press n to start one".into()),
            }
        }
        Action::NewSession => {
            let today = app.now.to_zoned(app.time_zone.clone()).date();
            let last = app.library.sessions.first().map(|e| &e.session);
            app.setup = Some(SetupForm::new(&app.sets, last, today));
            app.screen = Screen::Setup;
        }
        Action::OpenSummary(filter) => effects.push(Effect::OpenSummary(filter)),
        Action::SummaryLoaded {
            sessions,
            problems,
            filter,
        } => {
            app.summary = Some(SummaryState::new(sessions, problems, &filter));
            app.screen = Screen::Summary;
        }
        Action::Summary(action) => {
            if let Some(state) = app.summary.as_mut() {
                summary::update(state, action);
            }
        }
        Action::Export => match app.screen {
            Screen::Summary if app.summary.is_some() => effects.push(Effect::ExportSummary),
            Screen::Review | Screen::Question if app.active.is_some() => {
                effects.push(Effect::ExportSession)
            }
            _ => {}
        },
        Action::NextField | Action::PrevField => {
            let step = if action == Action::NextField { 1 } else { -1 };
            if let Some(form) = app.setup.as_mut().filter(|_| app.screen == Screen::Setup) {
                form.move_focus(step);
            } else if let Some(Mode::AddingAction(form)) = app.active.as_mut().map(|a| &mut a.mode)
            {
                form.focus = wrap_step(form.focus, form.fields.len(), step);
                form.confirm_discard = false;
            }
        }
        Action::CycleChoice(step) => {
            let count = app.sets.len();
            if let Some(form) = app.setup.as_mut() {
                form.cycle(step, count);
            }
        }
        Action::Type(input) => type_into(app, input),
        Action::Paste(text) => paste(app, &text),
        Action::StartSession => {
            if let Some(form) = app.setup.as_mut() {
                match form.submit(&app.sets) {
                    Ok(new) => {
                        form.error = None;
                        effects.push(Effect::CreateSession(new));
                    }
                    Err(e) => form.error = Some(e),
                }
            }
        }
        Action::Create(new) => effects.push(Effect::CreateSession(new)),
        Action::PrevQuestion => {
            if let Some(a) = app.active.as_ref() {
                let cur = a.current();
                if cur > 0 {
                    go_to(app, cur - 1, &mut effects);
                }
            }
        }
        Action::NextQuestion => {
            if let Some(a) = app.active.as_ref() {
                let cur = a.current();
                if cur + 1 < a.session.questions.len() {
                    go_to(app, cur + 1, &mut effects);
                } else {
                    open_review(app, &mut effects);
                }
            }
        }
        Action::Vote(digit) => vote(app, digit),
        Action::Abstain => set_vote(app, Vote::Abstain, true),
        Action::ClearVote => set_vote(app, Vote::Pending, false),
        Action::SetAgreed => {
            if let Some(a) = app.active.as_mut() {
                let proposed = a.question().and_then(|q| {
                    VoteStats::of(&q.votes, &a.session.question_set.scale).proposed_agreed()
                });
                a.mode = Mode::Agreeing { proposed };
            }
        }
        Action::AgreedDigit(digit) => {
            let score = app.active.as_ref().and_then(|a| digit_to_score(a, digit));
            match score {
                Some(score) => set_agreed(app, Some(score)),
                None => app.message = Some(scale_hint(app)),
            }
        }
        Action::AcceptAgreed => {
            let proposed = match app.mode() {
                Some(Mode::Agreeing { proposed }) => *proposed,
                _ => None,
            };
            match proposed {
                Some(score) => set_agreed(app, Some(score)),
                None => {
                    app.message =
                        Some("No scores yet to propose from: type the agreed score".into())
                }
            }
        }
        Action::ClearAgreed => set_agreed(app, None),
        Action::EditNotes => {
            // Writing notes means the group has moved on from last time's list.
            if let Some(a) = app.active.as_mut() {
                a.show_since_last_time = false;
            }
            set_mode(app, Mode::Notes);
        }
        Action::EditReflections => set_mode(app, Mode::Reflections),
        Action::LeaveEditor => leave_editor(app),
        Action::AddAction => set_mode(app, Mode::AddingAction(Box::default())),
        Action::SubmitAction => submit_action(app),
        Action::ToggleRevisit => {
            if let Some(a) = app.active.as_mut() {
                let cur = a.current();
                if let Some(q) = a.session.questions.get_mut(cur) {
                    q.revisit = !q.revisit;
                    app.message = Some(if q.revisit {
                        "⚑ Flagged to revisit".into()
                    } else {
                        "Revisit flag removed".into()
                    });
                }
                changed(app);
            }
        }
        Action::TogglePrompts => {
            if let Some(a) = app.active.as_mut() {
                a.show_prompts = !a.show_prompts;
            }
        }
        Action::ToggleSinceLastTime => {
            if let Some(a) = app.active.as_mut() {
                if a.since_last_time.is_some() {
                    a.show_since_last_time = !a.show_since_last_time;
                } else {
                    app.message = Some(
                        "Nothing carried forward from an earlier session of this group".into(),
                    );
                }
            }
        }
        Action::SelectAction(step) => {
            if let Some(a) = app.active.as_mut() {
                let count = a.question().map_or(0, |q| q.actions.len());
                a.action = match (a.action, count) {
                    (_, 0) => None,
                    (None, n) => Some(if step > 0 { 0 } else { n - 1 }),
                    (Some(i), n) => Some(wrap_step(i.min(n - 1), n, step)),
                };
            }
        }
        Action::ToggleActionDone => {
            if let Some(a) = app.active.as_mut() {
                let cur = a.current();
                if let (Some(i), Some(q)) = (a.action, a.session.questions.get_mut(cur))
                    && let Some(item) = q.actions.get_mut(i)
                {
                    item.done = !item.done;
                    changed(app);
                } else {
                    app.message = Some("Select an action first with [ or ]".into());
                }
            }
        }
        Action::RemoveAction => remove_action(app),
        Action::OpenReview => open_review(app, &mut effects),
        Action::JumpToQuestion => {
            if let Some(row) = app.active.as_ref().map(|a| a.review_row) {
                go_to(app, row, &mut effects);
            }
        }
        Action::Finish => finish(app, &mut effects),
        Action::LibraryLoaded { sessions, problems } => {
            app.library.sessions = sessions;
            app.library
                .sessions
                .sort_by_key(|e| std::cmp::Reverse(e.session.updated));
            app.library.problems = problems;
            app.home_row = app
                .home_row
                .min(app.library.sessions.len().saturating_sub(1));
        }
        Action::SessionOpened { path, session } => {
            open_session(app, path, *session);
            app.save.last_saved = Some(app.now);
        }
        Action::Saved { at, path } => {
            if app.active.as_ref().is_some_and(|a| a.path == path) {
                app.save.dirty = false;
                app.save.first_unsaved = None;
                app.save.error = None;
                app.save.in_flight = false;
                app.save.last_saved = Some(at);
                app.save.last_attempt = Some(at);
            }
        }
        Action::SaveFailed { at, message } => {
            app.save.in_flight = false;
            app.save.last_attempt = Some(at);
            app.save.error = Some(message);
            // Whatever did not reach the disk is unsaved, and will be retried.
            app.save.dirty = true;
        }
        Action::Notify(message) => app.message = Some(message),
    }
    effects
}

fn tick(app: &mut App, now: Timestamp, effects: &mut Vec<Effect>) {
    app.now = now;
    let on_question = app.screen == Screen::Question;
    if let Some(a) = app.active.as_mut() {
        if on_question {
            if let Some(last) = a.last_tick {
                let gap = now.as_millisecond() - last.as_millisecond();
                a.pending_ms += gap.clamp(0, MAX_TICK_GAP_MS);
            }
            a.last_tick = Some(now);
            let whole = a.pending_ms / 1000;
            if whole > 0 {
                a.pending_ms -= whole * 1000;
                let cur = a.current();
                if let Some(q) = a.session.questions.get_mut(cur) {
                    q.seconds_spent = q
                        .seconds_spent
                        .saturating_add(u32::try_from(whole).unwrap_or(u32::MAX));
                }
            }
        } else {
            a.last_tick = None;
        }
    }
    if app.active.is_none() || !app.save.dirty || app.save.in_flight {
        return;
    }
    let since =
        |t: Option<Timestamp>| t.map_or(i64::MAX, |t| now.as_millisecond() - t.as_millisecond());
    let due = if app.save.error.is_some() {
        since(app.save.last_attempt) >= RETRY_SAVE_AFTER_MS
    } else {
        autosave_due(since(app.save.last_change), since(app.save.first_unsaved))
    };
    if due {
        app.save.in_flight = true;
        effects.push(Effect::Save);
    }
}

/// Whether unsaved changes are due a save, given the milliseconds since the last change
/// and since the first unsaved one: after a short pause, or after a little while however
/// fast the changes keep coming, so a steady typist loses at most two seconds to a crash.
fn autosave_due(since_last_change: i64, since_first_unsaved: i64) -> bool {
    since_last_change >= AUTOSAVE_AFTER_MS || since_first_unsaved >= AUTOSAVE_AT_MOST_MS
}

/// Record that the session changed: it will be autosaved shortly.
fn changed(app: &mut App) {
    if !app.save.dirty || app.save.first_unsaved.is_none() {
        app.save.first_unsaved = Some(app.now);
    }
    app.save.dirty = true;
    app.save.last_change = Some(app.now);
    if let Some(a) = app.active.as_mut() {
        a.session.touch(app.now);
    }
}

fn request_save(app: &mut App, effects: &mut Vec<Effect>) {
    if app.active.is_some() {
        app.save.in_flight = true;
        effects.push(Effect::Save);
    }
}

fn back(app: &mut App, effects: &mut Vec<Effect>) {
    match app.screen {
        Screen::Home => {
            effects.push(if app.quit_armed {
                Effect::Quit
            } else {
                Effect::QuitIfSaved
            });
            app.quitting = true;
        }
        Screen::Setup => {
            app.setup = None;
            app.screen = Screen::Home;
        }
        Screen::Question => {
            if app.mode().is_some_and(|m| *m != Mode::Voting) {
                leave_editor(app);
                return;
            }
            request_save(app, effects);
            app.screen = Screen::Home;
            effects.push(Effect::LoadLibrary);
        }
        Screen::Review => {
            if app.mode().is_some_and(|m| *m != Mode::Voting) {
                leave_editor(app);
                return;
            }
            app.screen = Screen::Question;
        }
        Screen::Summary => app.screen = Screen::Home,
    }
}

fn move_selection(app: &mut App, step: i8) {
    match app.screen {
        Screen::Home => {
            let n = app.library.sessions.len();
            if n > 0 {
                app.home_row = if step > 0 {
                    (app.home_row + 1).min(n - 1)
                } else {
                    app.home_row.saturating_sub(1)
                };
            }
        }
        Screen::Setup => {
            if let Some(form) = app.setup.as_mut() {
                form.move_focus(step);
            }
        }
        Screen::Question => {
            if let Some(a) = app.active.as_mut() {
                let n = a.session.participants.count();
                if n > 0 {
                    a.participant = if step > 0 {
                        (a.participant + 1).min(n - 1)
                    } else {
                        a.participant.saturating_sub(1)
                    };
                }
            }
        }
        Screen::Review => {
            if let Some(a) = app.active.as_mut() {
                let n = a.session.questions.len();
                if n > 0 {
                    a.review_row = if step > 0 {
                        (a.review_row + 1).min(n - 1)
                    } else {
                        a.review_row.saturating_sub(1)
                    };
                }
            }
        }
        Screen::Summary => {}
    }
}

fn open_session(app: &mut App, path: std::path::PathBuf, session: Session) {
    let since = since_last_time(app, &session);
    let complete = session.status == Status::Complete;
    let mut active = ActiveSession::new(path, session, &app.sets, since);
    active.last_tick = Some(app.now);
    app.active = Some(active);
    app.save = Default::default();
    app.screen = if complete {
        Screen::Review
    } else {
        Screen::Question
    };
}

/// What the group's most recent earlier session left open: shown on the first question.
fn since_last_time(app: &App, session: &Session) -> Option<CarryForward> {
    if session.group.trim().is_empty() {
        return None;
    }
    let earlier: Vec<Session> = app
        .library
        .sessions
        .iter()
        .map(|e| &e.session)
        .filter(|s| s.id != session.id && s.created < session.created)
        .cloned()
        .collect();
    carry_forward(&earlier, &session.group).filter(|c| !c.is_empty())
}

/// Move to question `index`, saving on the way: navigation always saves.
fn go_to(app: &mut App, index: usize, effects: &mut Vec<Effect>) {
    let Some(a) = app.active.as_mut() else {
        return;
    };
    if index >= a.session.questions.len() {
        return;
    }
    let moved = a.session.current_question != index;
    a.session.current_question = index;
    a.mode = Mode::Voting;
    a.notes = editor::multi_line(&a.session.questions[index].notes);
    a.participant = a.session.questions[index]
        .votes
        .iter()
        .position(|v| *v == Vote::Pending)
        .unwrap_or(0);
    a.action = None;
    a.pending_ms = 0;
    a.last_tick = Some(app.now);
    app.screen = Screen::Question;
    if moved {
        changed(app);
    }
    request_save(app, effects);
}

fn open_review(app: &mut App, effects: &mut Vec<Effect>) {
    if let Some(a) = app.active.as_mut() {
        a.mode = Mode::Voting;
        a.review_row = a.current();
        app.screen = Screen::Review;
        request_save(app, effects);
    }
}

fn set_mode(app: &mut App, mode: Mode) {
    if let Some(a) = app.active.as_mut() {
        a.mode = mode;
    }
}

fn leave_editor(app: &mut App) {
    let Some(a) = app.active.as_mut() else {
        return;
    };
    if let Mode::AddingAction(form) = &mut a.mode {
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
    a.mode = Mode::Voting;
}

fn digit_to_score(a: &ActiveSession, digit: u8) -> Option<u8> {
    let scale = &a.session.question_set.scale;
    if scale.contains(digit) {
        Some(digit)
    } else if digit == 0 && scale.contains(10) {
        // On a 1–10 scale the 0 key stands for 10.
        Some(10)
    } else {
        None
    }
}

fn scale_hint(app: &App) -> String {
    app.active.as_ref().map_or_else(String::new, |a| {
        let s = &a.session.question_set.scale;
        format!(
            "Scores run from {} to {}; - records an abstention",
            s.min, s.max
        )
    })
}

fn vote(app: &mut App, digit: u8) {
    let score = app.active.as_ref().and_then(|a| digit_to_score(a, digit));
    match score {
        Some(score) => set_vote(app, Vote::Score(score), true),
        None => app.message = Some(scale_hint(app)),
    }
}

/// Record the selected participant's vote; `advance` moves to the next participant so a
/// round of votes is one keystroke each.
fn set_vote(app: &mut App, vote: Vote, advance: bool) {
    let Some(a) = app.active.as_mut() else {
        return;
    };
    let cur = a.current();
    let p = a.participant;
    let Some(slot) = a
        .session
        .questions
        .get_mut(cur)
        .and_then(|q| q.votes.get_mut(p))
    else {
        return;
    };
    *slot = vote;
    let n = a.session.participants.count();
    if advance && p + 1 < n {
        a.participant = p + 1;
    }
    changed(app);
}

fn set_agreed(app: &mut App, score: Option<u8>) {
    let Some(a) = app.active.as_mut() else {
        return;
    };
    let cur = a.current();
    if let Some(q) = a.session.questions.get_mut(cur) {
        q.agreed = score;
    }
    a.mode = Mode::Voting;
    changed(app);
}

fn type_into(app: &mut App, input: ratatui_textarea::Input) {
    if app.screen == Screen::Setup {
        if let Some(form) = app.setup.as_mut()
            && let Some(field) = form.field_mut(form.focus)
        {
            editor::input_single_line(field, input);
            form.error = None;
        }
        return;
    }
    let Some(a) = app.active.as_mut() else {
        return;
    };
    match &mut a.mode {
        Mode::Notes => {
            let edited = a.notes.input(input);
            if edited {
                sync_notes(a);
                changed(app);
            }
        }
        Mode::Reflections => {
            let edited = a.reflections.input(input);
            if edited {
                a.session.reflections = editor::text_of(&a.reflections);
                changed(app);
            }
        }
        Mode::AddingAction(form) => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                editor::input_single_line(field, input);
                form.error = None;
                form.confirm_discard = false;
            }
        }
        _ => {}
    }
}

fn sync_notes(a: &mut ActiveSession) {
    let cur = a.current();
    if let Some(q) = a.session.questions.get_mut(cur) {
        q.notes = editor::text_of(&a.notes);
    }
}

/// A paste goes where a facilitator would expect: into the field being edited, or into
/// the notes when on the question screen.
fn paste(app: &mut App, text: &str) {
    if app.screen == Screen::Setup {
        if let Some(form) = app.setup.as_mut()
            && let Some(field) = form.field_mut(form.focus)
        {
            editor::paste(field, text, true);
        }
        return;
    }
    let screen = app.screen;
    let Some(a) = app.active.as_mut() else {
        return;
    };
    let target: Option<(&mut TextArea<'static>, bool)> = match &mut a.mode {
        Mode::Notes => Some((&mut a.notes, false)),
        Mode::Reflections => Some((&mut a.reflections, false)),
        Mode::AddingAction(form) => form.fields.get_mut(form.focus).map(|f| (f, true)),
        _ if screen == Screen::Question => {
            a.mode = Mode::Notes;
            a.show_since_last_time = false;
            Some((&mut a.notes, false))
        }
        _ => None,
    };
    if let Some((area, single)) = target {
        editor::paste(area, text, single);
        match a.mode {
            Mode::Notes => sync_notes(a),
            Mode::Reflections => a.session.reflections = editor::text_of(&a.reflections),
            _ => return,
        }
        changed(app);
    }
}

fn submit_action(app: &mut App) {
    let Some(a) = app.active.as_mut() else {
        return;
    };
    let Mode::AddingAction(form) = &mut a.mode else {
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
        match due_text.parse::<Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                form.focus = 2;
                form.error = Some(format!(
                    "Due date {due_text:?} is not a date: use YYYY-MM-DD, e.g. 2026-03-31, or leave it empty"
                ));
                return;
            }
        }
    };
    let cur = a.current();
    if let Some(q) = a.session.questions.get_mut(cur) {
        q.actions.push(ActionItem {
            text,
            owner,
            due,
            done: false,
        });
        a.action = Some(q.actions.len() - 1);
    }
    a.mode = Mode::Voting;
    app.message = Some("Action added".into());
    changed(app);
}

fn remove_action(app: &mut App) {
    let Some(a) = app.active.as_mut() else {
        return;
    };
    let Some(i) = a.action else {
        app.message = Some("Select an action first with [ or ]".into());
        return;
    };
    if a.mode != Mode::ConfirmRemoveAction {
        a.mode = Mode::ConfirmRemoveAction;
        app.message =
            Some("Press x again to remove the selected action; any other key keeps it".into());
        return;
    }
    let cur = a.current();
    if let Some(q) = a.session.questions.get_mut(cur)
        && i < q.actions.len()
    {
        q.actions.remove(i);
        a.action = None;
    }
    a.mode = Mode::Voting;
    app.message = Some("Action removed".into());
    changed(app);
}

fn finish(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(a) = app.active.as_mut() else {
        return;
    };
    if a.mode != Mode::ConfirmFinish {
        a.mode = Mode::ConfirmFinish;
        let open = a.session.questions.len() - a.session.answered_count();
        app.message = Some(if open > 0 {
            format!(
                "{open} question(s) have no scores yet. Press F again to finish anyway; any other key to go on"
            )
        } else {
            "Press F again to mark the session complete; any other key to go on".into()
        });
        return;
    }
    a.mode = Mode::Voting;
    a.session.status = Status::Complete;
    a.session.finished = Some(app.now.max(a.session.created));
    changed(app);
    request_save(app, effects);
    app.message = Some("Session finished and saved".into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autosave_waits_for_a_pause_but_not_for_ever() {
        // A pause after the last change.
        assert!(!autosave_due(AUTOSAVE_AFTER_MS - 1, AUTOSAVE_AFTER_MS - 1));
        assert!(autosave_due(AUTOSAVE_AFTER_MS, AUTOSAVE_AFTER_MS));
        // A steady typist: the last key 120 ms ago, but the first unsaved one long ago.
        assert!(!autosave_due(120, AUTOSAVE_AT_MOST_MS - 1));
        assert!(autosave_due(120, AUTOSAVE_AT_MOST_MS));
        // A tick late is still within two seconds.
        const { assert!(AUTOSAVE_AT_MOST_MS + 250 <= 2_000) };
    }
}
