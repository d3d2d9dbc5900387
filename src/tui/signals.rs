//! Being told to stop from outside the app: save, restore the terminal, then go.
//!
//! Each platform tells a terminal program to stop in its own way, so this is the one place
//! with a `cfg` per platform. Ctrl-C is not here: in raw mode it arrives as a key on every
//! platform, and the key table saves and quits.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Set `requested` when the system asks the app to stop. The run loop checks it at least
/// four times a second, saves, restores the terminal and calls [`finished`].
///
/// Unix: SIGTERM (shutdown, `kill`), SIGHUP (the terminal window closed) and SIGINT (only
/// from `kill -INT`: in raw mode Ctrl-C is a key), all handled as "save, rescue what cannot
/// be saved, and go".
#[cfg(unix)]
pub fn watch(requested: &Arc<AtomicBool>) -> io::Result<()> {
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(requested))?;
    }
    Ok(())
}

/// Nothing to do on Unix: the signal handler has already returned.
#[cfg(unix)]
pub fn finished() {}

/// Windows sends console events, not signals: Ctrl-Break, closing the console window (or
/// the Windows Terminal tab), logging off and shutting down. They arrive on a thread of
/// their own, and for a close, logoff or shutdown Windows ends the process as soon as the
/// handler returns, so the handler waits (within the 5 seconds Windows allows a console
/// program) until the run loop has saved. That wait is why this is a small handler of our
/// own: `signal-hook` on Windows covers only the C runtime's SIGINT and SIGTERM, and
/// `ctrlc` returns from the handler at once, which would end the process mid-save.
/// (Windows sends the logoff and shutdown events only to console programs that have not
/// loaded user32.dll; the console window closing at logoff reaches us as a close anyway.)
#[cfg(windows)]
pub fn watch(requested: &Arc<AtomicBool>) -> io::Result<()> {
    use windows_sys::Win32::System::Console::SetConsoleCtrlHandler;
    // A second registration (there is none: the app runs once per process) keeps the first.
    let _ = windows::REQUESTED.set(Arc::clone(requested));
    // SAFETY: the handler is a plain function that lives for the whole program and touches
    // only atomics; registering it has no other precondition.
    if unsafe { SetConsoleCtrlHandler(Some(windows::on_console_event), 1) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Let a waiting console-event handler return, so Windows may end the process.
#[cfg(windows)]
pub fn finished() {
    windows::FINISHED.store(true, std::sync::atomic::Ordering::SeqCst);
}

#[cfg(windows)]
mod windows {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::{Duration, Instant};

    use windows_sys::Win32::System::Console::{
        CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
    };
    use windows_sys::core::BOOL;

    pub(super) static REQUESTED: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    pub(super) static FINISHED: AtomicBool = AtomicBool::new(false);

    /// Windows ends a console program 5 seconds after a close event; leave it a margin.
    const GRACE: Duration = Duration::from_millis(4500);

    /// Runs on a thread Windows creates. Returning TRUE says the event is handled: for
    /// Ctrl-Break that keeps the process alive until the run loop has saved and quit.
    pub(super) unsafe extern "system" fn on_console_event(event: u32) -> BOOL {
        if let Some(requested) = REQUESTED.get() {
            requested.store(true, Ordering::SeqCst);
        }
        if matches!(
            event,
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT
        ) {
            let start = Instant::now();
            while !FINISHED.load(Ordering::SeqCst) && start.elapsed() < GRACE {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        1
    }
}
