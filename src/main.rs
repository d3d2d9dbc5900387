//! `roundtable`: everything lives in the library; this maps a command line to an exit code.

use clap::Parser;

fn main() {
    std::process::exit(roundtable::cli::run(roundtable::cli::Cli::parse()))
}
