//! Batch runs: incremental and idempotent runs, crash safety, one run at a time, hostile input,
//! the run report, streaming JSONL and pipeline checks — the real binary on copies of the demo
//! corpus in scratch directories.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

mod common;
use common::{bin, describe, rapporteur, root};

/// A scratch directory with a copy of the seeds in `corpus/` and a pipeline file.
fn scratch(name: &str, extra: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("batch")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("corpus")).expect("scratch");
    for e in std::fs::read_dir(root().join("corpora/seeds")).expect("seeds") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.join("corpus").join(p.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(
        dir.join("pipeline.toml"),
        format!("name = \"{name}\"\nsources = [\"corpus\"]\noutput = \"out\"\n{extra}"),
    )
    .expect("pipeline");
    dir
}

/// Every file under `dir` (relative path → bytes), the state folder left out.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, d: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(d).expect("dir") {
            let p = e.expect("entry").path();
            if p.file_name().is_some_and(|n| n == ".rapporteur") {
                continue;
            }
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).expect("inside").to_path_buf();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The outputs that must be byte-identical between runs on the same inputs.
const STABLE: [&str; 6] = [
    "documents.jsonl",
    "passages.jsonl",
    "participants.json",
    "outline.json",
    "outline.md",
    "report.html",
];

fn stable(out: &Path) -> Vec<Vec<u8>> {
    STABLE
        .iter()
        .map(|n| std::fs::read(out.join(n)).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect()
}

fn run_ok(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["run", "pipeline.toml"];
    args.extend_from_slice(extra);
    let out = rapporteur(&args, dir);
    assert!(out.status.success(), "{}", describe(&args, &out));
    out
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn run_report(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).expect("run.json"))
        .expect("JSON")
}

fn search_count(index: &Path, query: &str) -> usize {
    let out = bin()
        .args(["search", query, "--index"])
        .arg(index)
        .args(["--json", "--limit", "1000"])
        .output()
        .expect("search");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[test]
fn a_rerun_with_no_change_does_no_work_and_changes_no_byte() {
    let dir = scratch("rerun", "");
    run_ok(&dir, &["--quiet"]);
    let before = snapshot(&dir.join("out"));
    assert!(before.keys().any(|k| k.starts_with("index")));
    let out = run_ok(&dir, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("nothing changed since the last run"),
        "{stdout}"
    );
    assert_eq!(
        snapshot(&dir.join("out")),
        before,
        "a no-op run changed an output"
    );
}

#[test]
fn a_changed_file_is_reread_and_its_passages_replaced() {
    let dir = scratch("changed", "");
    run_ok(&dir, &["--quiet"]);
    let index = dir.join("out/index");
    assert_eq!(search_count(&index, "zeppelin"), 0);
    let seed = dir.join("corpus/004_c045d1bfa3d696f9.txt");
    let mut text = std::fs::read_to_string(&seed).expect("seed");
    text = text.replace(
        "  • Participation is a major issue. (Andy Orsmond)\n",
        "  • Participation is a major issue. (Andy Orsmond)\n  • A zeppelin of trust must be built early. (Andy Orsmond)\n",
    );
    std::fs::write(&seed, text).expect("edit");
    run_ok(&dir, &["--quiet"]);
    let report = run_report(&dir.join("out"));
    assert_eq!(report["counts"]["reused"], 4, "{report}");
    assert_eq!(report["counts"]["processed"], 1);
    // The new bullet is in, once, with its speaker; nothing else moved.
    let passages = jsonl(&dir.join("out/passages.jsonl"));
    let new: Vec<_> = passages
        .iter()
        .filter(|p| p["text"].as_str().is_some_and(|t| t.contains("zeppelin")))
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0]["speaker"]["name"], "Andy Orsmond");
    assert_eq!(
        search_count(&index, "zeppelin"),
        1,
        "no duplicates in the index"
    );
    // The incremental outputs equal those of a full run on the same inputs.
    let incremental = stable(&dir.join("out"));
    run_ok(&dir, &["--quiet", "--full"]);
    assert_eq!(run_report(&dir.join("out"))["counts"]["reused"], 0);
    assert!(
        incremental == stable(&dir.join("out")),
        "incremental and full runs differ"
    );
}

#[test]
fn a_deleted_file_leaves_the_outputs_index_and_outline() {
    let dir = scratch("deleted", "");
    run_ok(&dir, &["--quiet"]);
    let index = dir.join("out/index");
    assert!(search_count(&index, "\"Best Bits\"") > 0);
    std::fs::remove_file(dir.join("corpus/003_fc31b683c67c80a6.txt")).expect("delete");
    run_ok(&dir, &["--quiet"]);
    let gone =
        |v: &Value| v.to_string().contains("seeds/003") || v.to_string().contains("corpus/003");
    assert!(
        jsonl(&dir.join("out/passages.jsonl"))
            .iter()
            .all(|p| !gone(&p["doc"]))
    );
    assert_eq!(
        search_count(&index, "\"Best Bits\""),
        0,
        "orphans left in the index"
    );
    let outline = std::fs::read_to_string(dir.join("out/outline.json")).expect("outline");
    assert!(
        !outline.contains("corpus/003_"),
        "the outline still quotes the deleted file"
    );
    assert_eq!(run_report(&dir.join("out"))["counts"]["inputs"], 4);
}

#[test]
fn a_second_run_on_a_locked_output_fails_fast_and_a_stale_lock_is_recovered() {
    let dir = scratch("locked", "");
    std::fs::create_dir_all(dir.join("out")).expect("out");
    let mut holder = Command::new("sleep").arg("30").spawn().expect("sleep");
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    std::fs::write(
        dir.join("out/.rapporteur.lock"),
        format!("pid={} host={} started=1\n", holder.id(), host.trim()),
    )
    .expect("lock");
    let t = std::time::Instant::now();
    let out = rapporteur(&["run", "pipeline.toml"], &dir);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&["run"], &out));
    assert!(t.elapsed() < Duration::from_secs(10), "it must fail fast");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("pid {}", holder.id())), "{stderr}");
    assert!(
        stderr.contains("in use by another rapporteur run"),
        "{stderr}"
    );
    let _ = holder.kill();
    let _ = holder.wait();
    // Its holder is gone now: the lock is stale and taken over.
    run_ok(&dir, &["--quiet"]);
    assert!(
        !dir.join("out/.rapporteur.lock").exists(),
        "the lock is released"
    );
}

#[test]
fn killed_runs_lose_nothing_and_the_next_run_completes() {
    // A corpus large enough for a run to be killed in the middle of its work.
    let dir = scratch("killed", "");
    for k in 1..12 {
        for e in std::fs::read_dir(root().join("corpora/seeds")).expect("seeds") {
            let p = e.expect("entry").path();
            let name = format!("{k:02}-{}", p.file_name().expect("name").to_string_lossy());
            std::fs::copy(&p, dir.join("corpus").join(name)).expect("copy");
        }
    }
    // The reference: a run never interrupted, in another output directory.
    let reference = dir.join("reference.toml");
    std::fs::write(&reference, "sources = [\"corpus\"]\noutput = \"ref\"\n").expect("pipeline");
    let out = rapporteur(&["run", "reference.toml", "--quiet"], &dir);
    assert!(out.status.success(), "{}", describe(&["run"], &out));
    let want = stable(&dir.join("ref"));
    let full = run_report(&dir.join("ref"))["timings_ms"]["total"]
        .as_u64()
        .unwrap_or(2000)
        .max(200);
    // Kill runs at spread-out points of their work (SIGKILL: no clean-up of any kind).
    for k in 0..6u64 {
        let mut child = bin()
            .args(["run", "pipeline.toml", "--quiet"])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(full * (2 * k + 1) / 12));
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = rapporteur(&["run", "pipeline.toml", "--quiet"], &dir);
    assert!(out.status.success(), "{}", describe(&["run"], &out));
    assert!(
        want == stable(&dir.join("out")),
        "outputs after killed runs differ from a clean run"
    );
    let idx = |d: &str| search_count(&dir.join(d).join("index"), "trust");
    assert_eq!(idx("out"), idx("ref"));
}

#[test]
fn hostile_and_broken_files_are_reported_and_every_other_file_is_processed() {
    // The 200 MB line is over the file limit too: the file limit is raised to reach it.
    let dir = scratch(
        "hostile",
        "[limits]\nmax_line_bytes = 1000000\nmax_file_bytes = 268435456\n",
    );
    let c = dir.join("corpus");
    std::fs::write(
        c.join("invalid-utf8.txt"),
        b"Trust \xff\xfe\xfd matters here.\n",
    )
    .expect("w");
    std::fs::write(
        c.join("latin1.txt"),
        b"Soci\xe9t\xe9 civile: la confiance.\n",
    )
    .expect("w");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Governments should publish drafts.\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(c.join("utf16.txt"), utf16).expect("w");
    std::fs::write(c.join("empty.txt"), b"").expect("w");
    std::fs::write(c.join("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00").expect("w");
    std::fs::write(
        c.join("truncated.docx"),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    )
    .expect("w");
    // A single 200 MB line.
    {
        let mut f = std::fs::File::create(c.join("huge-line.txt")).expect("w");
        let block = vec![b'a'; 1 << 20];
        for _ in 0..200 {
            f.write_all(&block).expect("w");
        }
    }
    // Deeply nested HTML reads like any page.
    let mut html = "<div>\n".repeat(200_000);
    html.push_str("<p>Deeply nested trust.</p>\n");
    html.push_str(&"</div>\n".repeat(200_000));
    std::fs::write(c.join("nested.html"), html).expect("w");
    // A file that vanished (a dangling link), and a symlink loop.
    std::os::unix::fs::symlink(c.join("gone.txt"), c.join("vanished.txt")).expect("link");
    std::os::unix::fs::symlink(c.join("loop-b"), c.join("loop-a")).expect("link");
    std::os::unix::fs::symlink(c.join("loop-a"), c.join("loop-b")).expect("link");

    let out = rapporteur(&["run", "pipeline.toml", "--quiet"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&["run"], &out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let report = run_report(&dir.join("out"));
    let errors: BTreeMap<String, String> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let name = Path::new(e["path"].as_str().unwrap_or_default())
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, e["error"].as_str().unwrap_or_default().to_string())
        })
        .collect();
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("truncated.docx", "zip"),
        (
            "huge-line.txt",
            "line 1 is 209715200 bytes long, over the limit of 1000000",
        ),
        ("vanished.txt", "No such file"),
        ("loop-a", "symbolic links"),
    ] {
        let got = errors
            .get(file)
            .unwrap_or_else(|| panic!("{file} not reported: {errors:#?}"));
        assert!(got.contains(reason), "{file}: {got}");
        assert!(stderr.contains(file), "stderr names {file}: {stderr}");
    }
    // Every other file is read: the seeds, and the odd but readable ones.
    let docs = jsonl(&dir.join("out/documents.jsonl"));
    let ids: Vec<&str> = docs.iter().filter_map(|d| d["id"].as_str()).collect();
    for id in [
        "corpus/invalid-utf8",
        "corpus/latin1",
        "corpus/utf16",
        "corpus/nested",
        "corpus/004_c045d1bfa3d696f9",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let text = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .and_then(|d| d["text"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(text("corpus/latin1"), "Société civile: la confiance.\n");
    assert_eq!(text("corpus/utf16"), "Governments should publish drafts.\n");
    assert_eq!(text("corpus/nested"), "Deeply nested trust.\n");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn run_json_reports_inputs_counts_timings_and_versions() {
    let dir = scratch("report", "");
    run_ok(&dir, &["--quiet"]);
    let r = run_report(&dir.join("out"));
    assert_eq!(r["versions"]["rapporteur"], env!("CARGO_PKG_VERSION"));
    let inputs = r["inputs"].as_array().expect("inputs");
    assert_eq!(inputs.len(), 5);
    for i in inputs {
        let bytes = std::fs::read(dir.join(i["path"].as_str().expect("path"))).expect("input");
        assert_eq!(i["sha256"].as_str().map(str::len), Some(64));
        assert!(i["passages"].as_u64().is_some_and(|n| n > 0), "{i}");
        assert!(!bytes.is_empty());
    }
    for k in ["documents", "passages", "participants", "outline_sections"] {
        assert!(r["counts"][k].as_u64().is_some_and(|n| n > 0), "{k}: {r}");
    }
    for k in ["ingest", "index", "outline", "verify", "total"] {
        assert!(r["timings_ms"][k].is_u64(), "{k}");
    }
    assert_eq!(r["verify"]["mismatches"].as_array().map(Vec::len), Some(0));
}

#[test]
fn quiet_runs_print_nothing_and_piped_runs_draw_no_progress() {
    let dir = scratch("quiet", "");
    let out = run_ok(&dir, &["--quiet", "--full"]);
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "{}",
        describe(&["run"], &out)
    );
    let out = run_ok(&dir, &["--full", "--verbose"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains('\r'),
        "no progress line when stderr is not a terminal"
    );
    assert!(
        stderr.contains("004_c045d1bfa3d696f9.txt: read"),
        "{stderr}"
    );
}

#[test]
fn ingest_jsonl_streams_passages_from_paths_and_records_and_index_reads_them() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("batch/stream");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let seeds = root().join("corpora/seeds");
    let mut child = bin()
        .args(["ingest", "--jsonl"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(
            stdin,
            "{}",
            seeds.join("004_c045d1bfa3d696f9.txt").display()
        )
        .expect("w");
        writeln!(
            stdin,
            "{}",
            seeds.join("003_fc31b683c67c80a6.txt").display()
        )
        .expect("w");
        writeln!(stdin, "{{\"id\": \"c1\", \"author\": \"Ana\", \"text\": \"Governments should publish every draft. Trust follows.\"}}").expect("w");
        writeln!(
            stdin,
            "{{\"text\": \"We need more civil society participation.\"}}"
        )
        .expect("w");
        // A record without text is passed over with a warning, as a row without text is in
        // `run`: the stream goes on and the command succeeds (a Spark task is not failed).
        writeln!(stdin, "{{\"id\": \"empty\", \"text\": \"  \"}}").expect("w");
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: stdin:5: a record without text"),
        "{stderr}"
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    // One document's passages together, documents in input order.
    let mut docs: Vec<String> = Vec::new();
    for p in &lines {
        let d = p["doc"].as_str().expect("doc").to_string();
        if docs.last() != Some(&d) {
            assert!(!docs.contains(&d), "passages of {d} are not together");
            docs.push(d);
        }
    }
    assert_eq!(docs.len(), 4, "{docs:?}");
    assert!(docs[0].ends_with("004_c045d1bfa3d696f9") && docs[1].ends_with("003_fc31b683c67c80a6"));
    assert_eq!(docs[2], "stdin:c1");
    assert_eq!(docs[3], "stdin:4");
    let rec = lines
        .iter()
        .find(|p| p["doc"] == "stdin:c1")
        .expect("record");
    assert_eq!(
        rec["recommendations"].as_array().map(Vec::len),
        Some(1),
        "{rec}"
    );
    // The same passages as a file, indexed.
    std::fs::write(dir.join("passages.jsonl"), &out.stdout).expect("w");
    let args = ["index", "--from-jsonl", "passages.jsonl", "--index", "idx"];
    let out = rapporteur(&args, &dir);
    assert!(out.status.success(), "{}", describe(&args, &out));
    assert_eq!(search_count(&dir.join("idx"), "\"publish every draft\""), 1);
    assert!(search_count(&dir.join("idx"), "trust") >= 2);
}

#[test]
fn check_validates_a_pipeline_without_running_it() {
    let dir = scratch("check", "");
    let out = rapporteur(&["check", "pipeline.toml"], &dir);
    assert!(out.status.success(), "{}", describe(&["check"], &out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("is valid") && stdout.contains("source corpus: 5 files"),
        "{stdout}"
    );
    assert!(!dir.join("out").exists(), "check wrote outputs");
    std::fs::write(
        dir.join("bad.toml"),
        "sources = [{ paths = [\"corpus\"], encoding = \"ebcdic\" }]\noutput = \"out\"\n",
    )
    .expect("w");
    let out = rapporteur(&["check", "bad.toml"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.toml:1:45: unknown encoding \"ebcdic\""),
        "{stderr}"
    );
}

#[path = "batch/files.rs"]
mod files;
#[path = "batch/outputs.rs"]
mod outputs;

/// A scratch pipeline over the given files only (in `corpus/`), run once: the directory and
/// what the binary printed. Warnings do not fail a run.
fn run_files(name: &str, files: &[(&str, &[u8])]) -> (PathBuf, Output) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("batch")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("corpus")).expect("scratch");
    for (file, bytes) in files {
        std::fs::write(dir.join("corpus").join(file), bytes).expect("input");
    }
    std::fs::write(
        dir.join("pipeline.toml"),
        format!("name = \"{name}\"\nsources = [\"corpus\"]\noutput = \"out\"\n"),
    )
    .expect("pipeline");
    let out = run_ok(&dir, &["--quiet"]);
    (dir, out)
}

/// The `warnings` of run.json about `file`, and what `counts.warnings` says.
fn warnings_about(report: &Value, file: &str) -> (Vec<String>, u64) {
    let list = report["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .map(|w| w["error"].as_str().unwrap_or_default().to_string())
        .collect();
    (list, report["counts"]["warnings"].as_u64().unwrap_or(0))
}

/// The texts of the passages of `passages.jsonl`.
fn passage_texts(out: &Path) -> Vec<String> {
    jsonl(&out.join("passages.jsonl"))
        .iter()
        .filter_map(|p| p["text"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn invalid_jsonl_lines_are_warnings_naming_the_file_and_line_and_the_good_rows_stay() {
    let rows = concat!(
        "{\"id\": \"a\", \"text\": \"Trust takes time to build.\"}\n",
        "not json at all\n",
        "{\"id\": \"b\", \"text\": \"Governments should publish the drafts early.\"}\n",
        "{\"id\": \"c\", \"text\": \n",
        "[\"an array, not a row\"]\n",
        "{\"id\": \"d\", \"text\": \"Fund the secretariat properly.\"}\n",
    );
    let (dir, out) = run_files("jsonl-lines", &[("rows.jsonl", rows.as_bytes())]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in [2, 4, 5] {
        let said = format!("warning: corpus/rows.jsonl: line {line}: ");
        assert!(stderr.contains(&said), "{said:?} not on stderr: {stderr}");
    }
    let report = run_report(&dir.join("out"));
    let (warnings, counted) = warnings_about(&report, "rows.jsonl");
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].starts_with("line 2: "), "{warnings:?}");
    assert_eq!(counted, 3, "{report}");
    let texts = passage_texts(&dir.join("out"));
    for good in [
        "Trust takes time to build.",
        "Governments should publish the drafts early.",
        "Fund the secretariat properly.",
    ] {
        assert!(texts.iter().any(|t| t == good), "{good:?} lost: {texts:?}");
    }
    // A rerun with nothing changed says it again, and so does a run that takes the file from
    // the cache (another input changed).
    let again = run_ok(&dir, &["--quiet"]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("rows.jsonl: line 4: "),
        "{}",
        describe(&["run"], &again)
    );
    std::fs::write(dir.join("corpus/more.txt"), "Another note on trust.\n").expect("input");
    let cached = run_ok(&dir, &["--quiet"]);
    assert!(
        String::from_utf8_lossy(&cached.stderr).contains("rows.jsonl: line 4: "),
        "{}",
        describe(&["run"], &cached)
    );
    let report = run_report(&dir.join("out"));
    assert!(report["inputs"][1]["reused"] == true, "{report}");
    assert_eq!(warnings_about(&report, "rows.jsonl").0.len(), 3, "{report}");
}

#[test]
fn broken_subtitle_cues_are_warnings_naming_the_file_and_line_and_the_good_cues_stay() {
    let srt = concat!(
        "1\n00:00:01,000 --> 00:00:03,000\nAna Lima: Welcome, everyone.\n\n",
        "2\n00:00:03,000 -> 00:00:05,000\nThis cue has a broken arrow.\n\n",
        "3\n00:00:05,000 --> 00:00:07,000\nBo Chen: Thank you for coming.\n",
    );
    let vtt = concat!(
        "WEBVTT\nKind: captions\n\n",
        "NOTE recorded at the forum\n\n",
        "intro\n00:01.000 --> 00:04.000\n<v Ana Lima>We started in 2013.</v>\n\n",
        "00:04.000 --> 00:06.000\n<v Bo Chen>Funding matters most.\n\n",
        "00:06.000 --> 00:0x.000\n<v Bo Chen>This timing is garbled.\n\n",
        "00:08.000 --> 00:09.000\n<v Ana Lima>Thank you.\n",
    );
    let (dir, out) = run_files(
        "cues",
        &[
            ("session.srt", srt.as_bytes()),
            ("forum.vtt", vtt.as_bytes()),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for said in [
        "warning: corpus/session.srt: line 5: ",
        "warning: corpus/forum.vtt: line 13: ",
    ] {
        assert!(stderr.contains(said), "{said:?} not on stderr: {stderr}");
    }
    let report = run_report(&dir.join("out"));
    assert_eq!(
        warnings_about(&report, "session.srt").0.len(),
        1,
        "{report}"
    );
    assert_eq!(warnings_about(&report, "forum.vtt").0.len(), 1, "{report}");
    assert_eq!(report["counts"]["warnings"], 2, "{report}");
    let texts = passage_texts(&dir.join("out"));
    for good in [
        "Welcome, everyone.",
        "Thank you for coming.",
        "We started in 2013.",
        "Funding matters most.",
        "Thank you.",
    ] {
        assert!(texts.iter().any(|t| t == good), "{good:?} lost: {texts:?}");
    }
}

#[test]
fn a_repeated_docx_comment_id_is_a_warning_naming_it_and_every_comment_stays() {
    use std::io::Cursor;
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let range = |id: u32, text: &str| {
        format!(
            r#"<w:p><w:commentRangeStart w:id="{id}"/><w:r><w:t>{text}</w:t></w:r><w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r></w:p>"#
        )
    };
    let document = format!(
        "<w:document {w}><w:body>{}{}{}</w:body></w:document>",
        range(0, "Trust is built slowly."),
        range(1, "Funding should be predictable."),
        range(2, "Minutes should be public."),
    );
    let comment = |id: u32, author: &str, text: &str| {
        format!(
            r#"<w:comment w:id="{id}" w:author="{author}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"#
        )
    };
    let comments = format!(
        "<w:comments {w}>{}{}{}{}</w:comments>",
        comment(0, "Avri Doria", "Who says so?"),
        comment(1, "Bill Graham", "Predictable for whom?"),
        comment(1, "John Laprise", "This one repeats the id of the last."),
        comment(2, "Ana Lima", "Agreed."),
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in [
        ("word/document.xml", &document),
        ("word/comments.xml", &comments),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(xml.as_bytes()).expect("write");
    }
    let bytes = zip.finish().expect("zip").into_inner();
    let (dir, out) = run_files("docx-comment-ids", &[("draft.docx", &bytes)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: corpus/draft.docx: comment 1: ")
            && stderr.contains("John Laprise"),
        "the repeated comment id is not reported: {stderr}"
    );
    let report = run_report(&dir.join("out"));
    assert_eq!(warnings_about(&report, "draft.docx").0.len(), 1, "{report}");
    assert_eq!(report["counts"]["warnings"], 1, "{report}");
    let passages = jsonl(&dir.join("out/passages.jsonl"));
    let comments: Vec<(&str, &str)> = passages
        .iter()
        .filter(|p| p["kind"] == "comment")
        .map(|p| {
            (
                p["speaker"]["name"].as_str().unwrap_or_default(),
                p["text"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    for (author, text) in [
        ("Avri Doria", "Who says so?"),
        ("Bill Graham", "Predictable for whom?"),
        ("John Laprise", "This one repeats the id of the last."),
        ("Ana Lima", "Agreed."),
    ] {
        assert!(
            comments.contains(&(author, text)),
            "{author}'s comment lost: {comments:?}"
        );
    }
    // The first comment with the id keeps its anchor.
    let graham = passages
        .iter()
        .find(|p| p["speaker"]["name"] == "Bill Graham")
        .expect("Bill Graham's comment");
    assert_eq!(graham["anchor"]["text"], "Funding should be predictable.");
}
