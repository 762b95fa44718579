//! What the integration tests share: where the repository and `../shared` are, and running the
//! real binary with failures that show the command, its status, stdout and stderr.
//!
//! Each test binary uses some of these (`mod common;`), so unused ones are allowed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository (third-party corpora; tests skip where it is absent).
pub fn shared() -> PathBuf {
    root().join("../shared")
}

/// The `rapporteur` binary, ready for arguments.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
}

/// Runs the binary in `cwd`.
pub fn rapporteur(args: &[&str], cwd: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

/// The command and what it printed, for assertion messages.
pub fn describe(args: &[&str], out: &Output) -> String {
    format!(
        "rapporteur {}\n--- status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs the binary and asserts that it succeeded.
pub fn run_ok(args: &[&str], cwd: &Path) -> Output {
    let out = rapporteur(args, cwd);
    assert!(out.status.success(), "{}", describe(args, &out));
    out
}

/// `dir/pipeline.toml`: the demo corpus (`corpora/seeds`) with the default taxonomy, into `out`.
pub fn write_pipeline(dir: &Path, out: &Path) {
    let pipeline = format!(
        "name = \"seeds\"\nsources = [{:?}]\ntaxonomy = {:?}\noutput = {:?}\n",
        root().join("corpora/seeds").display().to_string(),
        root()
            .join("pipelines/taxonomies/multistakeholder.toml")
            .display()
            .to_string(),
        out.display().to_string(),
    );
    std::fs::write(dir.join("pipeline.toml"), pipeline).expect("pipeline file");
}

/// The byte range of the `n`-th occurrence (from 1) of `sentence` in `text`, any run of white
/// space standing for any run of white space: how labelled sentences are found in documents.
pub fn find(text: &str, sentence: &str, n: usize) -> Option<(usize, usize)> {
    let pattern = sentence
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let re = regex::Regex::new(&pattern).expect("escaped pattern");
    re.find_iter(text)
        .nth(n.checked_sub(1)?)
        .map(|m| (m.start(), m.end()))
}
