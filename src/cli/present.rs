//! `roundtable present`: the presenter window for the projector. It reads the sessions
//! folder the facilitator's Roundtable saves into, without its lock and without writing.

use std::io::{self, Write};

use super::{Cli, EXIT_FAILURE, EXIT_OK, folder_to_read};

pub fn run(cli: &Cli, err: &mut dyn Write) -> io::Result<i32> {
    let (dir, _) = match folder_to_read(cli, err)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    // A folder that does not exist yet is waited for, not created: looking never writes.
    match crate::tui::presenter::run(&dir) {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            writeln!(err, "roundtable present: {e}")?;
            Ok(EXIT_FAILURE)
        }
    }
}
