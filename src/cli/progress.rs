//! Progress of a long headless job (a summary, an overview or an import over thousands of
//! files) on standard error: only when it is a terminal, so piped or redirected output and
//! scripts never see it, and only for big jobs, so small ones stay quiet.

use std::io::{self, IsTerminal, Write};

/// Below this many files a job is quick enough to say nothing while it runs.
const WORTH_SHOWING: usize = 1_000;

/// A progress callback that writes "`what` `done` of `total`" over itself on standard error,
/// and clears the line when the job is done.
pub fn on_stderr(what: &'static str) -> impl Fn(usize, usize) + Sync {
    let show = io::stderr().is_terminal();
    move |done, total| {
        if show && total >= WORTH_SHOWING {
            let mut e = io::stderr().lock();
            let _ = write!(e, "\r{what} {done} of {total}");
            if done == total {
                let _ = write!(e, "\r\x1b[K");
            }
            let _ = e.flush();
        }
    }
}
