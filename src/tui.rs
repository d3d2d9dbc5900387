//! The terminal: set up, the draw → read → dispatch loop, and restoring it whatever happens
//! (normal exit, error, panic, SIGTERM or SIGHUP, or on Windows a closed console window).

mod signals;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use ratatui::crossterm::cursor::Hide;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{Action, App, keys};
use crate::runtime::{Flow, Runtime, dispatch};
use crate::ui::{self, theme::Theme};

/// How often the loop wakes without input: the autosave timer and the question clock.
const TICK: Duration = Duration::from_millis(250);
/// How often to check that the terminal is still there.
const PROBE_EVERY: Duration = Duration::from_secs(1);

/// Run the app in the terminal until the facilitator quits.
pub fn run(mut app: App, mut runtime: Runtime, first: Vec<Action>) -> io::Result<()> {
    let terminate = Arc::new(AtomicBool::new(false));
    signals::watch(&terminate)?;
    install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let theme = Theme::from_env();

    let events = spawn_event_reader();
    let mut last_probe = Instant::now();
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
            // A closed terminal window does not always send us SIGHUP (the shell gets it),
            // and reading a hung-up terminal just returns nothing. Writing to it fails, so
            // probe once a second: if the terminal is gone, save and leave.
            if last_probe.elapsed() >= PROBE_EVERY {
                last_probe = Instant::now();
                if execute!(terminal.backend_mut(), Hide).is_err() {
                    dispatch(&mut app, &mut runtime, Action::Terminate);
                    return Err(io::Error::new(
                        io::ErrorKind::BrokenPipe,
                        "the terminal was closed; the session was saved",
                    ));
                }
            }
            match events.recv_timeout(TICK) {
                Ok(Ok(event)) => {
                    let action = match event {
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
                Ok(Err(e)) => return Err(e),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(io::Error::new(
                        io::ErrorKind::BrokenPipe,
                        "the terminal stopped sending input",
                    ));
                }
            }
            if dispatch(&mut app, &mut runtime, Action::Tick(Timestamp::now())) == Flow::Quit {
                return Ok(());
            }
        }
    })();
    // On an error, save what we have before leaving: the error may be the terminal, not the disk.
    if result.is_err() && app.shared.open.is_some() {
        dispatch(&mut app, &mut runtime, Action::Terminate);
    }
    restore();
    signals::finished();
    result
}

/// Terminal events, read on their own thread. Reading a terminal that has gone away can
/// block or spin inside crossterm forever; on its own thread that cannot stop the loop that
/// saves, watches for signals and notices the terminal is gone.
fn spawn_event_reader() -> mpsc::Receiver<io::Result<Event>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(event).is_err() || failed {
                break;
            }
        }
    });
    receiver
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
