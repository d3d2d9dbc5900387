//! The presenter's terminal loop (`roundtable present`): poll the sessions folder, draw,
//! and leave on `q`, Esc, Ctrl-C or a signal. It never takes the folder's lock and never
//! writes a file, so the facilitator can quit and resume while it runs.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use jiff::Timestamp;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::app::presenter::Presenter;
use crate::store::follow::Follower;
use crate::ui::{self, theme::Theme};

/// How often the folder is looked at: a keystroke saved by the facilitator's app shows
/// within this, well inside a second.
const POLL: Duration = Duration::from_millis(250);

/// Follow the sessions folder `dir` until the person at the projector's keyboard leaves.
pub fn run(dir: &Path) -> io::Result<()> {
    let terminate = Arc::new(AtomicBool::new(false));
    super::signals::watch(&terminate)?;
    super::install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let theme = Theme::from_env();
    let events = match super::spawn_event_reader() {
        Ok(events) => events,
        Err(e) => {
            super::restore();
            return Err(e);
        }
    };
    let mut follower = Follower::new(dir);
    let mut presenter = Presenter::new(dir.display().to_string(), Timestamp::now());
    let result = (|| -> io::Result<()> {
        let mut stale = true;
        loop {
            if follower.poll() {
                let shown = presenter.session.as_ref().map(|s| s.id);
                let same = shown.and_then(|id| follower.session(id));
                stale |= presenter.follow(follower.in_progress(), same);
            }
            let now = Timestamp::now();
            // The silence counts down by the second.
            stale |= now.as_second() != presenter.now.as_second()
                && presenter
                    .session
                    .as_ref()
                    .is_some_and(|s| s.silence.is_some());
            presenter.now = now;
            if stale {
                terminal.draw(|frame| ui::presenter::render(frame, &presenter, theme))?;
                stale = false;
            }
            if terminate.load(Ordering::Relaxed) {
                return Ok(());
            }
            match events.recv_timeout(POLL) {
                Ok(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL)
                        && key.code == KeyCode::Char('c');
                    if ctrl_c || matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) {
                        return Ok(());
                    }
                }
                // A resize (or anything else) redraws.
                Ok(Ok(_)) => stale = true,
                Ok(Err(e)) => return Err(e),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(super::input_stopped()),
            }
        }
    })();
    super::restore();
    super::signals::finished();
    result
}
