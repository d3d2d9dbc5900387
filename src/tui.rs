//! The terminal: set up, the draw → read → dispatch loop, and restoring it whatever happens
//! (normal exit, error, panic, SIGTERM or SIGHUP, or on Windows a closed console window).

pub mod presenter;
mod signals;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use ratatui::crossterm::cursor::Hide;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{Action, App, keys};
use crate::runtime::{Flow, Loading, Runtime, dispatch};
use crate::ui::{self, theme::Theme};

/// How often the loop wakes without input: the autosave timer and the question clock.
const TICK: Duration = Duration::from_millis(250);
/// How often the loop wakes while the sessions folder is read, to show its progress.
const LOADING_TICK: Duration = Duration::from_millis(40);
/// How often to check that the terminal is still there.
const PROBE_EVERY: Duration = Duration::from_secs(1);

/// How often, at most, the unsaved session is copied for the panic hook.
const SNAPSHOT_EVERY: Duration = Duration::from_millis(500);

/// The open session's unsaved text and file name, for the panic hook: a panic cannot
/// reach the app's state (it may be half-changed), only this copy of it.
static UNSAVED: Mutex<Option<(String, String)>> = Mutex::new(None);

/// Run the app in the terminal until the facilitator quits. Returns what to tell them on
/// the way out if unsaved work had to be rescued (the app then exits non-zero).
pub fn run(
    mut app: App,
    mut runtime: Runtime,
    first: Vec<Action>,
    mut loader: Option<mpsc::Receiver<Loading>>,
) -> io::Result<Option<String>> {
    let terminate = Arc::new(AtomicBool::new(false));
    signals::watch(&terminate)?;
    install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let theme = Theme::from_env();

    let events = match spawn_event_reader() {
        Ok(events) => events,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    let mut last_probe = Instant::now();
    let mut snapshot = Snapshot::default();
    let result = (|| -> io::Result<()> {
        // Keys are ignored while the terminal is too small to show the screen, so the app
        // must know the size before the first key.
        let size = terminal.size()?;
        dispatch(
            &mut app,
            &mut runtime,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        for action in first {
            if dispatch(&mut app, &mut runtime, action) == Flow::Quit {
                return Ok(());
            }
        }
        // Drawing lays out every note on screen; an idle app with a long note should not
        // do that four times a second for nothing. Draw after input, and after a tick
        // only when what a tick shows (the clock's second, the save status) moved on.
        let mut stale = true;
        let loads_at_start = runtime.library_loads();
        loop {
            snapshot.refresh(&app);
            if stale {
                terminal.draw(|frame| ui::view(frame, &app, theme))?;
                stale = false;
            }
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
            // The folder read in the background: its progress and result are actions like
            // any other, so keys keep working while it loads.
            // A list read since (back on Home after a new session) is newer: the
            // background one is dropped. A loader that died is replaced by a read here.
            if let Some(receiver) = &loader {
                let mut finished = false;
                loop {
                    let action = match receiver.try_recv() {
                        Err(mpsc::TryRecvError::Empty) => break,
                        _ if runtime.library_loads() != loads_at_start => {
                            finished = true;
                            break;
                        }
                        Ok(Loading::Progress { done, total }) => {
                            Action::LibraryLoading { done, total }
                        }
                        Ok(Loading::Done(report)) => {
                            finished = true;
                            runtime.library_from(report)
                        }
                        Err(mpsc::TryRecvError::Disconnected) => {
                            finished = true;
                            runtime.load_library()
                        }
                    };
                    stale = true;
                    if dispatch(&mut app, &mut runtime, action) == Flow::Quit {
                        return Ok(());
                    }
                    if finished {
                        // The folder as read names the sessions with two versions (Home `c`).
                        let found = runtime.conflicts_found();
                        if dispatch(&mut app, &mut runtime, found) == Flow::Quit {
                            return Ok(());
                        }
                        break;
                    }
                }
                if finished {
                    loader = None;
                }
            }
            // What the loader just brought in is drawn now, not after a tick's wait.
            let wait = if stale {
                Duration::ZERO
            } else if loader.is_some() {
                LOADING_TICK
            } else {
                TICK
            };
            match events.recv_timeout(wait) {
                Ok(Ok(event)) => {
                    stale = true;
                    let action = match event {
                        Event::Key(key) => {
                            // The app's clock set to this key's moment first: two digits
                            // typed in quick succession are measured by it (one score, 10).
                            if dispatch(&mut app, &mut runtime, Action::Tick(Timestamp::now()))
                                == Flow::Quit
                            {
                                return Ok(());
                            }
                            keys::action_for_key(&app, key)
                        }
                        Event::Paste(text) => Some(Action::Paste(text)),
                        Event::Resize(width, height) => Some(Action::Resize { width, height }),
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
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(input_stopped()),
            }
            let (second, save) = (app.shared.now.as_second(), app.shared.save.clone());
            if dispatch(&mut app, &mut runtime, Action::Tick(Timestamp::now())) == Flow::Quit {
                return Ok(());
            }
            stale |= app.shared.now.as_second() != second || app.shared.save != save;
        }
    })();
    // On an error, save what we have before leaving: the error may be the terminal, not the disk.
    if result.is_err() && app.shared.open.is_some() {
        dispatch(&mut app, &mut runtime, Action::Terminate);
    }
    // Whatever the way out, work the folder refused goes somewhere it can be found.
    let rescued = runtime.rescue_unsaved(&app);
    if let Ok(mut unsaved) = UNSAVED.lock() {
        *unsaved = None;
    }
    restore();
    signals::finished();
    match (result, rescued) {
        (Ok(()), rescued) => Ok(rescued),
        (Err(e), Some(message)) => {
            // The error is what the caller reports; where the work went must not be lost.
            eprintln!("roundtable: {message}");
            Err(e)
        }
        (Err(e), None) => Err(e),
    }
}

/// Keeps [`UNSAVED`] in step with the app, at most every [`SNAPSHOT_EVERY`].
#[derive(Default)]
struct Snapshot {
    of_change: Option<Timestamp>,
    at: Option<Instant>,
}

impl Snapshot {
    fn refresh(&mut self, app: &App) {
        let unsaved = app.shared.open.as_ref().filter(|_| app.shared.save.dirty);
        let Some(active) = unsaved else {
            if self.of_change.take().is_some()
                && let Ok(mut slot) = UNSAVED.lock()
            {
                *slot = None;
            }
            return;
        };
        let fresh = self.of_change == app.shared.save.last_change;
        let recent = self.at.is_some_and(|t| t.elapsed() < SNAPSHOT_EVERY);
        if fresh || recent {
            return;
        }
        if let (Ok(text), Ok(mut slot)) = (active.session.to_ron(), UNSAVED.lock()) {
            let name = active.path.file_name().map_or_else(
                || "session.ron".into(),
                |n| n.to_string_lossy().into_owned(),
            );
            *slot = Some((name, text));
            self.of_change = app.shared.save.last_change;
            self.at = Some(Instant::now());
        }
    }
}

/// Terminal events, read on their own thread. Reading a terminal that has gone away can
/// block or spin inside crossterm forever; on its own thread that cannot stop the loop that
/// saves, watches for signals and notices the terminal is gone.
/// A process at its thread limit gets an error to report, not a panic.
fn spawn_event_reader() -> io::Result<mpsc::Receiver<io::Result<Event>>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if sender.send(event).is_err() || failed {
                    break;
                }
            }
        })?;
    Ok(receiver)
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
        if let Some(message) = rescue_after_panic(&crate::store::emergency_dirs()) {
            eprintln!("roundtable: {message}");
        }
    }));
}

/// The panic hook's save: the unsaved session as last copied (at most half a second old)
/// into the first of `dirs` that takes it, and what to tell the facilitator. `None` when
/// nothing was unsaved.
fn rescue_after_panic(dirs: &[std::path::PathBuf]) -> Option<String> {
    // try_lock: the panic may have happened while the copy was being updated.
    let (name, text) = UNSAVED.try_lock().ok()?.take()?;
    Some(crate::store::emergency_copy_in(dirs, &name, &text))
}

/// The terminal's input thread ended (the terminal is gone): the way out of both loops.
pub(crate) fn input_stopped() -> io::Error {
    io::Error::new(
        io::ErrorKind::BrokenPipe,
        "the terminal stopped sending input",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_hook_writes_unsaved_work_past_a_failing_folder() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where a folder should be: no emergency copy can go there, even as root.
        let blocked = tmp.path().join("blocked");
        std::fs::write(&blocked, "a file").unwrap();
        let failing = blocked.join("emergency");
        let good = tmp.path().join("good");
        let text = "(unsaved session text)";
        let put = || *UNSAVED.lock().unwrap() = Some(("s.ron".into(), text.into()));

        put();
        let said = rescue_after_panic(&[failing.clone(), good.clone()]).unwrap();
        let copies: Vec<_> = std::fs::read_dir(&good).unwrap().collect();
        assert_eq!(copies.len(), 1);
        let copy = copies[0].as_ref().unwrap().path();
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);
        assert!(said.contains(&copy.display().to_string()), "{said}");
        assert_eq!(
            rescue_after_panic(std::slice::from_ref(&good)),
            None,
            "taken once"
        );

        // Nowhere takes it: the text itself is printed, the last place it can be copied from.
        put();
        let said = rescue_after_panic(&[failing]).unwrap();
        assert!(
            said.contains("no emergency copy could be written"),
            "{said}"
        );
        assert!(said.contains(text), "{said}");
    }
}
