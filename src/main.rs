//! The `rapporteur` command line: parse arguments, run the verb, map the outcome to an exit code.

// Output goes through `cli::output`, which a reader that goes away cannot make panic.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the streaming run allocates buffers on rayon's threads and frees them on the
/// main one, where glibc's allocator contends on its arena locks (see docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            cli::output::errln!("rapporteur: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
