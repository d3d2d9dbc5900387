fn main() {
    use clap::Parser;
    let _cli = roundtable::cli::Cli::parse();
}
