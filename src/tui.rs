//! The terminal: set up, the draw → read → dispatch loop, and restoring it whatever happens
//! (normal exit, error, panic, SIGTERM or SIGHUP).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use jiff::Timestamp;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{Action, App, keys};
use crate::runtime::{Flow, Runtime, dispatch};
use crate::ui::{self, theme::Theme};

/// How often the loop wakes without input: the autosave timer and the question clock.
const TICK: Duration = Duration::from_millis(250);

/// Run the app in the terminal until the facilitator quits.
pub fn run(mut app: App, mut runtime: Runtime, first: Vec<Action>) -> io::Result<()> {
    let terminate = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&terminate))?;
    }
    install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let theme = Theme::from_env();

    let result = (|| -> io::Result<()> {
        for action in first {
            if dispatch(&mut app, &mut runtime, action) == Flow::Quit {
                return Ok(());
            }
        }
        loop {
            terminal.draw(|frame| ui::view(frame, &app, theme))?;
            if terminate.load(Ordering::Relaxed) {
                dispatch(&mut app, &mut runtime, Action::Terminate);
                return Ok(());
            }
            if event::poll(TICK)? {
                let action = match event::read()? {
                    Event::Key(key) => keys::action_for_key(&app, key),
                    Event::Paste(text) => Some(Action::Paste(text)),
                    // A resize needs nothing but the redraw at the top of the loop.
                    _ => None,
                };
                if let Some(action) = action
                    && dispatch(&mut app, &mut runtime, action) == Flow::Quit
                {
                    return Ok(());
                }
            }
            if dispatch(&mut app, &mut runtime, Action::Tick(Timestamp::now())) == Flow::Quit {
                return Ok(());
            }
        }
    })();
    // On an error, save what we have before leaving: the error may be the terminal, not the disk.
    if result.is_err() && app.active.is_some() {
        dispatch(&mut app, &mut runtime, Action::Terminate);
    }
    restore();
    result
}

fn restore() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// Leave the terminal usable if we panic: raw mode off, main screen back, paste mode off.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
