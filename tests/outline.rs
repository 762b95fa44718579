//! The synthesis outline end to end: the real `rapporteur` binary on the demo corpus, on
//! corpora built in the test (form letters, personal data, a hostile contribution), on the
//! NETmundial submissions and on the 66k combined contributions, checked the way a rapporteur
//! would check them: what the outline surfaces, that no name leaks in the anonymous modes,
//! that `verify` passes on real outputs and fails on tampered ones, that the HTML report
//! renders in a browser without running anything from the corpus.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rapporteur::model::{DocInfo, Document, Passage, PassageKind};
use rapporteur::synth::{self, Attribution, By, OutlineOptions};
use rapporteur::tag::{Tagger, Taxonomy};
use rayon::prelude::*;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    root().join("../shared")
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("outline").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn rapporteur(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

fn describe(args: &[&str], out: &Output) -> String {
    format!(
        "rapporteur {}\n--- status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run_ok(args: &[&str], cwd: &Path) -> Output {
    let out = rapporteur(args, cwd);
    assert!(out.status.success(), "{}", describe(args, &out));
    out
}

/// Writes a pipeline file reading `sources` into `dir/out` and runs it; the output dir.
fn run_pipeline(dir: &Path, sources: &[PathBuf]) -> PathBuf {
    let list: Vec<String> = sources
        .iter()
        .map(|s| format!("{:?}", s.display().to_string()))
        .collect();
    let pipeline = format!(
        "name = \"test\"\nsources = [{}]\noutput = {:?}\n",
        list.join(", "),
        dir.join("out").display().to_string()
    );
    std::fs::write(dir.join("pipeline.toml"), pipeline).expect("pipeline file");
    run_ok(&["run", "pipeline.toml"], dir);
    dir.join("out")
}

/// One run of the demo corpus, shared by the tests.
fn seeds() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| run_pipeline(&scratch("seeds"), &[root().join("corpora/seeds")]))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).expect("JSON")
}

/// `check-contract DIR` passes (skips with a message when the tool is absent).
fn check_contract(dir: &Path) {
    let tool = shared().join("tools/check-contract");
    if !tool.exists() {
        eprintln!("skipped: {} is absent", tool.display());
        return;
    }
    let out = Command::new("python3")
        .arg(&tool)
        .arg(dir)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !stdout.contains("FAIL"), "check-contract {}:\n{stdout}", dir.display());
}

/// Every quote-like object (doc/start/end with text or parts) of an outline.
fn quotes(node: &Value, found: &mut Vec<Value>) {
    match node {
        Value::Object(m) => {
            if m.contains_key("doc") && m.contains_key("start") && m.contains_key("end") {
                found.push(node.clone());
            }
            m.values().for_each(|v| quotes(v, found));
        }
        Value::Array(a) => a.iter().for_each(|v| quotes(v, found)),
        _ => {}
    }
}

// ---------------------------------------------------------------- performance (66k rows)

/// The combined contributions as documents with one passage each, tagged (the CSV/JSONL
/// reader is not this test's subject: rows become documents here directly).
fn combined(limit: usize) -> Option<(Vec<DocInfo>, Vec<Passage>)> {
    let path = shared().join("corpora/contributions/_combined_perf/contributions_all.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} absent", path.display());
        return None;
    };
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("taxonomy"));
    let rows: Vec<(usize, Value)> = text
        .lines()
        .take(limit)
        .enumerate()
        .filter_map(|(n, l)| Some((n, serde_json::from_str(l).ok()?)))
        .collect();
    let built: Vec<(DocInfo, Passage)> = rows
        .par_iter()
        .filter_map(|(n, row)| {
            let body = row["text"].as_str()?.to_string();
            let start = body.len() - body.trim_start().len();
            let end = body.trim_end().len();
            if start >= end {
                return None;
            }
            let mut meta = std::collections::BTreeMap::new();
            for key in ["question", "created"] {
                if let Some(v) = row.get(key).filter(|v| v.is_string()) {
                    meta.insert(key.to_string(), v.clone());
                }
            }
            let doc = Document {
                id: format!("combined:{n}"),
                path: path.display().to_string(),
                format: "jsonl".into(),
                title: row["collection"].as_str().map(str::to_string),
                kind: "contribution".into(),
                text: body,
                meta: Default::default(),
                blocks: Vec::new(),
            };
            let mut p = Passage::new(&doc, 1, PassageKind::Contribution, start, end);
            p.meta = meta;
            tagger.tag(&mut p);
            Some((DocInfo::from(&doc), p))
        })
        .collect();
    Some(built.into_iter().unzip())
}

#[test]
fn the_outline_of_66k_contributions_takes_seconds() {
    let Some((docs, passages)) = combined(usize::MAX) else {
        return;
    };
    assert!(passages.len() > 65_000, "{}", passages.len());
    let labels: Vec<(String, String)> = Taxonomy::default_multistakeholder()
        .expect("taxonomy")
        .labels()
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let started = Instant::now();
    let outline = synth::build(&docs, &passages, &labels, &OutlineOptions::default());
    let html = synth::html::render(&outline);
    let md = synth::markdown::render(&outline);
    let elapsed = started.elapsed();
    eprintln!(
        "outline of {} passages: {:.2}s ({} sections, {} campaigns, {} KB of HTML)",
        passages.len(),
        elapsed.as_secs_f64(),
        outline.sections.len(),
        outline.campaigns.len(),
        html.len() / 1024
    );
    if let Ok(dump) = std::env::var("RAPPORTEUR_DUMP") {
        std::fs::write(format!("{dump}.md"), &md).expect("dump");
        std::fs::write(format!("{dump}.html"), &html).expect("dump");
    }
    // Seconds, not minutes: generous for unoptimised test builds on a shared machine.
    let limit = if cfg!(debug_assertions) { 90 } else { 15 };
    assert!(elapsed < Duration::from_secs(limit), "{elapsed:?}");
    assert_eq!(outline.overview.passages, passages.len());
    assert_eq!(outline.overview.submissions.submissions, passages.len());
    assert!(md.contains("## 1. "));
    // Exact repeats are common in this corpus ("I agree", copied suggestions): every section
    // counts distinct texts no higher than its passages.
    for s in &outline.sections {
        assert!(s.distinct <= s.passages && s.quotes.len() <= 3, "{}", s.id);
    }
}
