//! Browsing a sessions folder that cannot be written (a read-only disk or share, someone
//! else's folder): every screen opens and reads, nothing changes a session, and a key that
//! would change one says why it cannot instead of changing memory that could never be saved.
//!
//! One guard around the keys of the session screens, rather than a check in every action:
//! a new action that changes a session is refused here without anyone remembering to.

use super::action::Action;
use super::effect::Effect;
use super::question::QuestionState;
use super::review::ReviewState;
use super::shared::Shared;
use super::state::{App, Screen};

/// Whether `action` goes through [`guarded`]: the keys and pastes of the session screens.
pub fn may_change_session(action: &Action) -> bool {
    matches!(
        action,
        Action::Question(_) | Action::Review(_) | Action::Paste(_)
    )
}

/// What a refused change says.
pub fn refusal(shared: &Shared) -> String {
    let reason = shared.read_only.as_ref().map_or("", |r| r.reason.as_str());
    // The disk's words only ("the disk is read-only"): the banner says what to do.
    let reason = reason.split(':').next().unwrap_or_default().trim();
    format!("Read-only folder, nothing changed ({reason})")
}

/// Apply `action` with `apply`; if it changed the open session (anything but which
/// question is on screen), put the session back as it was, redraw its screen from it, drop
/// any save, and say why.
pub fn guarded(
    app: &mut App,
    action: Action,
    apply: fn(&mut App, Action) -> Vec<Effect>,
) -> Vec<Effect> {
    let before = app.shared.open.as_ref().map(|o| o.session.clone());
    let save = app.shared.save.clone();
    let mut effects = apply(app, action);
    let (Some(before), Some(open)) = (before, app.shared.open.as_mut()) else {
        return effects;
    };
    let at = open.session.current_question;
    let mut looked = before.clone();
    looked.current_question = at;
    if open.session == looked {
        return effects;
    }
    open.session = looked;
    match &mut app.screen {
        Screen::Question(state) => **state = QuestionState::new(open),
        Screen::Review(state) => **state = ReviewState::new(open),
        _ => {}
    }
    app.shared.save = save;
    effects.retain(|e| *e != Effect::Save);
    app.shared.message = Some(refusal(&app.shared));
    effects
}
