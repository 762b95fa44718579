//! The `rapporteur` command line: parse arguments, run the verb, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("rapporteur: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
