//! `update`: the one place state changes. Pure: no files, no clock, no terminal.
//!
//! What every screen shares (time, saving, quitting, effect results) is handled here; a key
//! on a screen goes to that screen's own `update`, which may ask to [`Go`] elsewhere.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::domain::compare::{CarryForward, carry_into};
use crate::domain::{Session, Status};

use super::action::Action;
use super::conflicts::{self, ConflictsState};
use super::effect::{Effect, Go};
use super::home::{self, HomeAction, HomeState};
use super::overview::{self, OverviewState};
use super::question::{self, QuestionState};
use super::review::{self, ReviewState};
use super::setup::{self, SetupForm};
use super::shared::{
    AUTOSAVE_AFTER_MS, AUTOSAVE_AT_MOST_MS, OpenSession, RETRY_SAVE_AFTER_MS, Shared,
};
use super::state::{App, Screen, ScreenKind};
use super::summary::{self, SummaryState};

/// The longest gap between two ticks counted as time spent: a laptop that slept for an
/// hour did not spend that hour on the question.
const MAX_TICK_GAP_MS: i64 = 5_000;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if app.shared.read_only.is_some() && super::read_only::may_change_session(&action) {
        return super::read_only::guarded(app, action, apply);
    }
    apply(app, action)
}

fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if !matches!(action, Action::Tick(_) | Action::Resize { .. }) {
        // A new key clears the last transient message; results of effects set their own.
        if !matches!(
            action,
            Action::Saved { .. }
                | Action::SaveFailed { .. }
                | Action::LibraryLoaded { .. }
                | Action::SetAsideLoaded(_)
                | Action::ConflictsFound(_)
                | Action::ConflictsLoaded(_)
                | Action::LibraryLoading { .. }
        ) {
            app.shared.message = None;
        }
        // `q` on Home insists like a second Ctrl-C does.
        let insisting = matches!(action, Action::Home(HomeAction::Quit));
        if !insisting
            && !matches!(
                action,
                Action::SaveAndQuit
                    | Action::Saved { .. }
                    | Action::SaveFailed { .. }
                    | Action::QuitRefused
            )
        {
            app.shared.quit_armed = false;
        }
    }
    let too_small = app.too_small();
    let shared = &mut app.shared;
    let go = match action {
        Action::Tick(now) => {
            tick(shared, app.screen.kind(), now, &mut effects);
            if let Screen::Question(state) = &mut app.screen {
                question::on_tick(state, shared, &mut effects);
            }
            None
        }
        Action::SaveAndQuit => {
            if shared.quit_armed {
                effects.push(Effect::Quit);
            } else {
                // Nothing unsaved, nothing written: quitting after looking leaves the file be.
                if shared.open.is_some() && shared.save.dirty {
                    effects.push(Effect::Save);
                }
                effects.push(Effect::QuitIfSaved);
            }
            shared.quitting = true;
            None
        }
        Action::Terminate => {
            if shared.open.is_some() && shared.save.dirty {
                effects.push(Effect::Save);
            }
            effects.push(Effect::Quit);
            shared.quitting = true;
            None
        }
        Action::QuitRefused => {
            shared.quitting = false;
            shared.quit_armed = true;
            // The way out first: the reason is on the warning above, and this line is cut
            // at 80 columns. Leaving now writes an emergency copy of the unsaved work.
            // With "⚠ NOT SAVED – retrying" beside it, this fits 80 columns whole.
            shared.message = Some("Unsaved: press again to quit, with an emergency copy".into());
            None
        }
        Action::ShowHelp => {
            app.show_help = true;
            app.help_scroll = 0;
            None
        }
        Action::ScrollHelp(step) => {
            let keys = super::keys::help(app).len();
            app.help_scroll = if step > 0 {
                (app.help_scroll + 5).min(keys.saturating_sub(1))
            } else {
                app.help_scroll.saturating_sub(5)
            };
            None
        }
        Action::CloseOverlay => {
            app.show_help = false;
            None
        }
        Action::Resize { width, height } => {
            app.size = Some((width, height));
            // A note being edited keeps its scroll between frames; in a box of another
            // size it is laid out afresh, filled up to the cursor.
            match &mut app.screen {
                Screen::Question(state) => state.notes.refit(),
                Screen::Review(state) => state.reflections.refit(),
                _ => {}
            }
            None
        }
        // Pasted text would land out of sight, like a key (see `keys::action_for_key`).
        Action::Paste(_) if too_small => None,
        Action::Paste(text) => {
            match &mut app.screen {
                Screen::Setup(form) => setup::paste(form, &text),
                Screen::Question(state) => question::paste(state, shared, &text),
                Screen::Review(state) => review::paste(state, shared, &text),
                Screen::Home(_)
                | Screen::Summary(_)
                | Screen::Conflicts(_)
                | Screen::Overview(_) => {}
            }
            None
        }
        Action::Home(action) => match &mut app.screen {
            Screen::Home(state) => home::update(state, shared, action, &mut effects),
            _ => None,
        },
        Action::Setup(action) => match &mut app.screen {
            Screen::Setup(form) => setup::update(form, shared, action, &mut effects),
            _ => None,
        },
        Action::Question(action) => match &mut app.screen {
            Screen::Question(state) => question::update(state, shared, action, &mut effects),
            _ => None,
        },
        Action::Review(action) => match &mut app.screen {
            Screen::Review(state) => review::update(state, shared, action, &mut effects),
            _ => None,
        },
        Action::Summary(action) => match &mut app.screen {
            Screen::Summary(state) => summary::on_action(state, shared, action, &mut effects),
            _ => None,
        },
        Action::Conflicts(action) => match &mut app.screen {
            Screen::Conflicts(state) => conflicts::update(state, shared, action, &mut effects),
            _ => None,
        },
        Action::ConflictsFound(paths) => {
            shared.library.conflicts = paths;
            None
        }
        Action::ConflictsLoaded(pairs) => {
            app.screen = Screen::Conflicts(Box::new(match &app.screen {
                Screen::Conflicts(state) => state.reloaded(pairs),
                _ => ConflictsState::new(pairs),
            }));
            None
        }
        Action::VersionKept { id, message } => {
            // The open session's file now holds the version kept: open it afresh from Home.
            if shared.open.as_ref().is_some_and(|o| o.session.id == id) {
                shared.open = None;
                shared.save = Default::default();
            }
            shared.message = Some(message);
            None
        }
        Action::Create(_) if shared.read_only.is_some() => {
            shared.message = Some(super::read_only::refusal(shared));
            None
        }
        Action::Overview(action) => match &mut app.screen {
            Screen::Overview(state) => overview::update(state, action, &mut effects),
            _ => None,
        },
        Action::OpenOverview(filter, sort) => {
            effects.push(Effect::OpenOverview(filter, sort));
            None
        }
        Action::OverviewLoaded {
            digests,
            problems,
            filter,
            sort,
        } => {
            app.screen = Screen::Overview(Box::new(OverviewState::new(
                digests, problems, filter, sort,
            )));
            None
        }
        Action::Create(new) => {
            effects.push(Effect::CreateSession(new));
            None
        }
        Action::OpenSummary(filter) => {
            effects.push(Effect::OpenSummary(filter));
            None
        }
        Action::LibraryLoading { done, total } => {
            shared.library.loading = Some((done, total));
            None
        }
        Action::LibraryLoaded { sessions, problems } => {
            shared.library.loading = None;
            shared.library.sessions = sessions;
            shared
                .library
                .sessions
                .sort_by_key(|e| std::cmp::Reverse(e.digest.updated));
            shared.library.problems = problems;
            if let Screen::Home(state) = &mut app.screen {
                home::clamp(state, shared);
            }
            None
        }
        Action::SessionOpened { path, session } => {
            let now = shared.now;
            shared.save.last_saved = Some(now);
            Some(Go::Open {
                path,
                session,
                earlier: Vec::new(),
            })
        }
        Action::SessionRead {
            path,
            session,
            earlier,
        } => Some(Go::Open {
            path,
            session,
            earlier,
        }),
        Action::NewSessionFrom(last) => {
            let today = shared.now.to_zoned(shared.time_zone.clone()).date();
            app.screen = Screen::Setup(Box::new(SetupForm::new(
                &shared.sets,
                last.as_deref(),
                today,
            )));
            None
        }
        Action::SummaryLoaded {
            sessions,
            groups,
            problems,
            filter,
        } => {
            let mut summary = SummaryState::new(sessions, groups, problems, &filter);
            // Drilled into from the overview (or on to another group from such a summary):
            // the overview is kept as it was left, to go back to.
            summary.back_to =
                match std::mem::replace(&mut app.screen, Screen::Home(HomeState::default())) {
                    Screen::Overview(overview) => Some(overview),
                    Screen::Summary(mut earlier) => earlier.back_to.take(),
                    _ => None,
                };
            app.screen = Screen::Summary(Box::new(summary));
            None
        }
        Action::Saved { at, path } => {
            if shared.open.as_ref().is_some_and(|o| o.path == path) {
                shared.save.dirty = false;
                shared.save.first_unsaved = None;
                shared.save.error = None;
                shared.save.in_flight = false;
                shared.save.last_saved = Some(at);
                shared.save.last_attempt = Some(at);
            }
            None
        }
        Action::SaveFailed { at, message } => {
            shared.save.in_flight = false;
            shared.save.last_attempt = Some(at);
            shared.save.error = Some(message);
            // Whatever did not reach the disk is unsaved, and will be retried.
            shared.save.dirty = true;
            None
        }
        Action::SetAsideLoaded(entries) => {
            if let Screen::Home(state) = &mut app.screen {
                if entries.is_empty() {
                    shared.say("No sessions set aside: z on a session moves it to archive/");
                } else {
                    state.mode = home::HomeMode::SetAside { entries, row: 0 };
                }
            }
            None
        }
        Action::Notify(message) => {
            shared.message = Some(message);
            None
        }
    };
    if let Some(go) = go {
        go_to(app, go, &mut effects);
    }
    effects
}

/// Carry out a screen's request to move: the one place screens are built.
fn go_to(app: &mut App, go: Go, effects: &mut Vec<Effect>) {
    let shared = &mut app.shared;
    match go {
        Go::Home => {
            app.screen = Screen::Home(HomeState::default());
            effects.push(Effect::LoadLibrary);
        }
        Go::Back => {
            let back_to = match &mut app.screen {
                Screen::Summary(summary) => summary.back_to.take(),
                _ => None,
            };
            match back_to {
                Some(overview) => app.screen = Screen::Overview(overview),
                None => go_to(app, Go::Home, effects),
            }
        }
        Go::NewSession if shared.read_only.is_some() => {
            shared.message = Some(super::read_only::refusal(shared));
        }
        Go::NewSession => match (shared.library.sessions.first(), shared.library.loading) {
            // The form starts from the last session, read from its file; it opens when read.
            (Some(last), _) => effects.push(Effect::PrepareNewSession(Some(last.path.clone()))),
            (None, Some(_)) => effects.push(Effect::PrepareNewSession(None)),
            (None, None) => {
                let today = shared.now.to_zoned(shared.time_zone.clone()).date();
                app.screen = Screen::Setup(Box::new(SetupForm::new(&shared.sets, None, today)));
            }
        },
        Go::Open {
            path,
            session,
            earlier,
        } => open_session(app, path, *session, &earlier),
        Go::Question(index) => {
            if let Some(state) = question::enter(shared, index, effects) {
                app.screen = Screen::Question(Box::new(state));
            }
        }
        Go::Review => {
            if let Some(open) = shared.open.as_ref() {
                app.screen = Screen::Review(Box::new(ReviewState::new(open)));
                shared.request_save(effects);
            }
        }
    }
}

fn open_session(app: &mut App, path: PathBuf, mut session: Session, earlier: &[Session]) {
    let shared = &mut app.shared;
    // A session just started takes in what its group left open, once: its file then holds
    // them, and the earlier files need not be read for them again. (The runtime does this
    // as it creates a session; this catches one created without, e.g. by an older version.)
    let carried = needs_carry(&session) && carry_into(&mut session, earlier);
    let since = CarryForward::carried_into(&session);
    let complete = session.status == Status::Complete;
    let mut open = OpenSession::new(path, session, &shared.sets, since);
    open.last_tick = Some(shared.now);
    app.screen = if complete {
        Screen::Review(Box::new(ReviewState::new(&open)))
    } else {
        Screen::Question(Box::new(QuestionState::new(&open)))
    };
    shared.open = Some(open);
    shared.save = Default::default();
    if carried {
        shared.changed();
    }
}

/// Whether `session` was just started and has not taken in what its group left open: the
/// runtime then reads the group's earlier sessions for [`open_session`].
pub fn needs_carry(session: &Session) -> bool {
    session.status == Status::InProgress
        && session.carried_from.is_none()
        && session.answered_count() == 0
        && session.questions.iter().all(|q| q.notes.is_empty())
}

/// Whether unsaved changes are due a save, given the milliseconds since the last change
/// and since the first unsaved one: after a short pause, or after a little while however
/// fast the changes keep coming, so a steady typist loses at most two seconds to a crash.
fn autosave_due(since_last_change: i64, since_first_unsaved: i64) -> bool {
    since_last_change >= AUTOSAVE_AFTER_MS || since_first_unsaved >= AUTOSAVE_AT_MOST_MS
}

fn tick(shared: &mut Shared, screen: ScreenKind, now: Timestamp, effects: &mut Vec<Effect>) {
    shared.now = now;
    if let Some(open) = shared.open.as_mut() {
        // Time counts only while the question is on screen, never on a finished session
        // (looking at the record is not time spent in the workshop), and only where it
        // can be saved.
        if screen == ScreenKind::Question
            && !open.session.is_finished()
            && shared.read_only.is_none()
        {
            if let Some(last) = open.last_tick {
                let gap = now.as_millisecond() - last.as_millisecond();
                open.pending_ms += gap.clamp(0, MAX_TICK_GAP_MS);
            }
            open.last_tick = Some(now);
            let whole = open.pending_ms / 1000;
            if whole > 0 {
                open.pending_ms -= whole * 1000;
                if let Some(q) = open.question_mut() {
                    q.seconds_spent = q
                        .seconds_spent
                        .saturating_add(u32::try_from(whole).unwrap_or(u32::MAX));
                }
            }
        } else {
            open.last_tick = None;
        }
    }
    let save = &shared.save;
    if shared.open.is_none() || !save.dirty || save.in_flight {
        return;
    }
    let since =
        |t: Option<Timestamp>| t.map_or(i64::MAX, |t| now.as_millisecond() - t.as_millisecond());
    let due = if save.error.is_some() {
        since(save.last_attempt) >= RETRY_SAVE_AFTER_MS
    } else {
        autosave_due(since(save.last_change), since(save.first_unsaved))
    };
    if due {
        shared.save.in_flight = true;
        effects.push(Effect::Save);
    }
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
