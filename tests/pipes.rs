//! A reader that goes away — `rapporteur outline … | head`, `rapporteur verify OUT 2>&1 | head
//! -2` — is not an error: the command drops the rest of that stream and ends quietly (no panic,
//! no error line) with the exit code its work gives, the real binary on the demo corpus.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

mod common;
use common::{bin, describe, root, run_ok, write_pipeline};

/// What a pipe holds before its writer blocks (Linux's default). Outputs read through
/// [`head`] are at least twice as large, so the reader goes away while rapporteur writes.
const PIPE_BYTES: usize = 64 * 1024;

/// A scratch directory of this test binary.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("pipes")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// One `rapporteur run` of the demo corpus, shared by the tests: its output directory.
fn seeds_out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = scratch("seeds");
        write_pipeline(&dir, &dir.join("out"));
        run_ok(&["run", "pipeline.toml", "--quiet"], &dir);
        dir.join("out")
    })
}

fn index() -> String {
    seeds_out().join("index").display().to_string()
}

/// The write end of a pipe whose reader has gone: the stdin of a `rapporteur --version` that
/// has exited. Every write to it fails with a broken pipe.
fn pipe_without_reader() -> Stdio {
    let mut reader = bin()
        .arg("--version")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let pipe = reader.stdin.take().expect("its stdin");
    reader.wait().expect("it exits");
    Stdio::from(pipe)
}

/// Asserts that `out` ended with `code` and printed nothing about the closed stream.
fn assert_quiet(args: &[&str], out: &Output, code: i32) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{}", describe(args, out));
    for noise in ["panicked", "error", "Broken pipe", "os error"] {
        assert!(!stderr.contains(noise), "{}", describe(args, out));
    }
}

/// Runs `args` with stdout a pipe whose reader takes a few bytes and goes away while the
/// command writes, as `| head -c 16` does.
fn head(args: &[&str]) -> Output {
    let whole = run_ok(args, &root()).stdout.len();
    assert!(
        whole > 2 * PIPE_BYTES,
        "{} writes {whole} bytes: too few to fill the pipe",
        args.join(" ")
    );
    let mut child = bin()
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("the first bytes");
    drop(stdout);
    child.wait_with_output().expect("it exits")
}

/// Runs `args` in `cwd` with stdout a pipe whose reader is gone before it starts.
fn stdout_gone(args: &[&str], cwd: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(cwd)
        .stdout(pipe_without_reader())
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs")
}

#[test]
fn a_reader_leaving_mid_output_ends_search_outline_and_ingest_quietly() {
    let index = index();
    let seeds = root().join("corpora/seeds").display().to_string();
    for args in [
        vec!["outline", "--index", &index],
        vec!["outline", "--index", &index, "--format", "html"],
        vec!["search", "", "--index", &index, "--json", "--limit", "1000"],
        vec!["search", "", "--index", &index, "--limit", "1000"],
        vec!["ingest", "--jsonl", &seeds],
    ] {
        assert_quiet(&args, &head(&args), 0);
    }
}

#[test]
fn a_closed_stdout_leaves_every_verb_its_own_exit_code() {
    let index = index();
    let out = seeds_out().display().to_string();
    for args in [
        vec!["verify", &out],
        vec!["search", "trust", "--index", &index],
        vec!["participants", "--index", &index],
        vec!["participants", "--index", &index, "--json"],
        vec!["themes", "--index", &index],
        vec!["suggest", "--index", &index],
        vec!["check", "pipelines/default.toml"],
    ] {
        assert_quiet(&args, &stdout_gone(&args, &root()), 0);
    }
    // A query the parser rejects still exits 2 with its error line (on stderr, still open).
    let args = ["search", "trust AND (", "--index", &index];
    let refused = stdout_gone(&args, &root());
    assert_eq!(
        refused.status.code(),
        Some(2),
        "{}",
        describe(&args, &refused)
    );
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("cannot parse query"),
        "{}",
        describe(&args, &refused)
    );
}

#[test]
fn run_with_its_stdout_closed_writes_every_output_and_says_nothing_changed_quietly() {
    let dir = scratch("run");
    write_pipeline(&dir, &dir.join("out"));
    let args = ["run", "pipeline.toml"];
    // The work, then its summary to a closed stdout.
    assert_quiet(&args, &stdout_gone(&args, &dir), 0);
    for name in [
        "outline.md",
        "report.html",
        "run.json",
        ".rapporteur/manifest.json",
    ] {
        assert!(dir.join("out").join(name).exists(), "{name} missing");
    }
    // Nothing changed: said to a closed stdout.
    assert_quiet(&args, &stdout_gone(&args, &dir), 0);
}

#[test]
fn a_closed_stderr_leaves_the_exit_code_of_failures_and_mismatches() {
    // `verify` lists its mismatches on stderr: closed, the mismatches still give exit code 1.
    let dir = scratch("tampered");
    let tampered = dir.join("out");
    std::fs::create_dir_all(&tampered).expect("dir");
    for name in ["documents.jsonl", "outline.json"] {
        std::fs::copy(seeds_out().join(name), tampered.join(name)).expect("copy");
    }
    let passages = std::fs::read_to_string(seeds_out().join("passages.jsonl")).expect("read");
    // Every passage's text no longer its source's: hundreds of mismatch lines.
    let changed = passages.replace("\"text\":\"", "\"text\":\"~");
    assert_ne!(changed, passages);
    std::fs::write(tampered.join("passages.jsonl"), changed).expect("write");
    let out = tampered.display().to_string();
    let args = ["verify", out.as_str()];
    let status = bin()
        .args(args)
        .stdout(pipe_without_reader())
        .stderr(pipe_without_reader())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(1), "rapporteur {}", args.join(" "));

    // A run with a file that fails, both streams closed: exit code 1, every output written.
    let dir = scratch("failing");
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    std::fs::write(dir.join("in/blob.txt"), b"\x00\x01\x02binary").expect("write");
    std::fs::write(
        dir.join("in/ok.md"),
        b"# Notes\n\n- Trust is built slowly.\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("pipeline.toml"),
        "name = \"failing\"\nsources = [\"in\"]\noutput = \"out\"\n",
    )
    .expect("pipeline");
    let status = bin()
        .args(["run", "pipeline.toml"])
        .current_dir(&dir)
        .stdout(pipe_without_reader())
        .stderr(pipe_without_reader())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(1), "rapporteur run with in/blob.txt");
    assert!(dir.join("out/run.json").exists());

    // An error that stops a command, told to a closed stderr: still exit code 2.
    let status = bin()
        .args(["search", "trust AND (", "--index", &index()])
        .stderr(pipe_without_reader())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(2));
}

/// Waits for `child` to exit, at most `patience`; kills it after that.
fn exit_within(child: &mut Child, patience: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < patience {
        if let Some(status) = child.try_wait().expect("waits") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

#[test]
fn ingest_jsonl_stops_reading_once_its_reader_is_gone() {
    // 600 contribution records on stdin, which stays open: more than one chunk of work.
    let records: String = (0..600)
        .map(|i| {
            format!(
                "{{\"id\": \"c{i}\", \"text\": \"Contribution {i}: governments should build \
                 trust with civil society through open consultation, and companies should \
                 publish what they lobby for.\"}}\n"
            )
        })
        .collect();
    let mut child = bin()
        .args(["ingest", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(records.as_bytes())
        .expect("records written");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("the first passages");
    drop(stdout);
    // stdin is still open: only a command that stops when its reader leaves exits now.
    let status = exit_within(&mut child, Duration::from_secs(120));
    drop(stdin);
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "ingest --jsonl did not stop once its reader was gone: {stderr}"
    );
    for noise in ["panicked", "error", "Broken pipe"] {
        assert!(!stderr.contains(noise), "{stderr}");
    }
}

#[test]
fn a_full_disk_under_stdout_is_still_an_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let index = index();
    let args = ["outline", "--index", index.as_str()];
    let out = bin()
        .args(args)
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(2), "{}", describe(&args, &out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("rapporteur: error: cannot write to standard output"),
        "{stderr}"
    );
}
