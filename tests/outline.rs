//! The synthesis outline end to end: the real `rapporteur` binary on the demo corpus, on
//! corpora built in the test (form letters, personal data, a hostile contribution), on the
//! NETmundial submissions and on the 66k combined contributions, checked the way a rapporteur
//! would check them: what the outline surfaces, that no name leaks in the anonymous modes,
//! that `verify` passes on real outputs and fails on tampered ones, that the HTML report
//! renders in a browser without running anything from the corpus; and meetings written and
//! labelled for the purpose (`tests/fixtures/meetings/`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rapporteur::model::{DocInfo, Document, Passage, PassageKind};
use rapporteur::synth::{self, OutlineOptions};
use rapporteur::tag::{Tagger, Taxonomy};
use rayon::prelude::*;
use serde_json::Value;

mod common;
use common::{describe, rapporteur, root, run_ok, shared};

#[path = "outline/hostile.rs"]
mod hostile;
#[path = "outline/meetings.rs"]
mod meetings;

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("outline")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
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
    assert!(
        out.status.success() && !stdout.contains("FAIL"),
        "check-contract {}:\n{stdout}",
        dir.display()
    );
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
                path_raw: None,
                format: "jsonl".into(),
                title: row["collection"].as_str().map(str::to_string),
                kind: "contribution".into(),
                text: body,
                meta: Default::default(),
                warnings: Vec::new(),
                authors: Vec::new(),
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
    // Decide Madrid's debate descriptions share a template paragraph ("Se crea este espacio
    // para que las personas …"), each with its own topic line: one form letter campaign.
    let template = "Se crea este espacio para que las personas que hayan formulado propuestas";
    let templated: Vec<&str> = passages
        .iter()
        .filter(|p| p.text.contains(template))
        .map(|p| p.doc.as_str())
        .collect();
    assert!(templated.len() >= 10, "{}", templated.len());
    let campaign = outline
        .campaigns
        .iter()
        .find(|c| c.documents.iter().any(|d| d == templated[0]))
        .expect("the template is a campaign");
    assert_eq!(campaign.kind, synth::CampaignKind::FormLetter);
    assert_eq!(campaign.documents, templated);
    assert_eq!(outline.overview.submissions.submissions, passages.len());
    assert!(md.contains("## 1. "));
    // Exact repeats are common in this corpus ("I agree", copied suggestions): every section
    // counts distinct texts no higher than its passages.
    for s in &outline.sections {
        assert!(s.distinct <= s.passages && s.quotes.len() <= 3, "{}", s.id);
    }
}

// ---------------------------------------------------------------- the demo corpus

#[test]
fn run_writes_the_three_renderings_and_verifies_them() {
    let out = seeds();
    for name in ["outline.md", "outline.json", "report.html"] {
        assert!(out.join(name).exists(), "missing {name}");
    }
    let report = json(&out.join("run.json"));
    assert_eq!(report["verify"]["mismatches"], Value::Array(vec![]));
    assert!(
        report["verify"]["quotes"].as_u64().unwrap_or(0) > 100,
        "{report}"
    );
    let checked = run_ok(&["verify", out.to_str().expect("path")], &root());
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(stderr.contains("all hold"), "{stderr}");
    check_contract(out);
    // Every verbatim object of outline.json is the slice of its document.
    let docs: std::collections::BTreeMap<String, String> = read(&out.join("documents.jsonl"))
        .lines()
        .map(|l| {
            let d: Value = serde_json::from_str(l).expect("JSON line");
            (
                d["id"].as_str().unwrap_or_default().to_string(),
                d["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut found = Vec::new();
    quotes(&json(&out.join("outline.json")), &mut found);
    assert!(found.len() > 100);
    for q in found.iter().filter(|q| q.get("text").is_some()) {
        let (s, e) = (
            q["start"].as_u64().expect("start") as usize,
            q["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            docs[q["doc"].as_str().expect("doc")].get(s..e),
            q["text"].as_str(),
            "{q}"
        );
    }
}

/// Every quote-bearing object of the outline's sections, with the section id.
fn section_quotes(outline: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for s in outline["sections"].as_array().expect("sections") {
        let id = s["id"].as_str().unwrap_or_default().to_string();
        let mut found = Vec::new();
        quotes(s, &mut found);
        out.extend(found.into_iter().map(|q| (id.clone(), q)));
    }
    out
}

#[test]
fn the_seed_outline_surfaces_lessons_group_recommendations_and_comment_disagreement() {
    let outline = json(&seeds().join("outline.json"));
    let all = section_quotes(&outline);
    // Seed 004's lessons learned, with the speakers named in parentheses after each bullet.
    let lessons: BTreeSet<String> = all
        .iter()
        .filter(|(_, q)| {
            q["section"] == "Lessons learned"
                && q["doc"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("seeds/004"))
        })
        .filter_map(|(_, q)| q["speaker"]["name"].as_str().map(str::to_string))
        .collect();
    for who in ["Andy Orsmond", "Michel Quillé"] {
        assert!(lessons.contains(who), "{who} among {lessons:?}");
    }
    let participation = all
        .iter()
        .find(|(_, q)| q["text"] == "Participation is a major issue.")
        .expect("Orsmond's lesson on participation is quoted");
    assert_eq!(
        participation.1["attribution"],
        "Andy Orsmond, International Code of Conduct Association"
    );
    // Seed 003's "Recommendations from groups" are recommendations of the outline.
    let group_recs: Vec<&str> = outline["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["recommendations"].as_array().into_iter().flatten())
        .filter(|r| r["section"] == "Recommendations from groups")
        .filter_map(|r| r["text"].as_str())
        .collect();
    assert!(group_recs.len() >= 3, "{group_recs:?}");
    assert!(group_recs.iter().any(|t| t.starts_with(
        "Evaluate how effectively the recommendations of the WG on IGF Improvements"
    )));
    // Seed 001's thread: Constance Bommelaer disputes the draft ("This is not the case for the
    // technical community"), Avri doria answers her ("And yet, …").
    let replies: Vec<&Value> = outline["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["disagreements"].as_array().into_iter().flatten())
        .filter(|d| d["kind"] == "reply")
        .collect();
    let exchange = replies
        .iter()
        .find(|d| {
            d["reply"]["speaker"]["name"] == "Avri doria"
                && d["point"]["speaker"]["name"] == "Constance Bommelaer"
        })
        .expect("Avri doria answers Constance Bommelaer");
    assert!(exchange["reply"]["text"].as_str().is_some_and(|t| {
        t.starts_with("And yet, the organization can be divided along that axis")
    }));
    assert!(
        exchange["point"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("This is not the case for the technical community"))
    );
    assert!(
        exchange["reply"]["attribution"]
            .as_str()
            .is_some_and(|a| a.starts_with("Avri doria, comment on §2: “The trust relationships"))
    );
    // Every point of disagreement has two sides, each with its speaker: the text export names
    // no author, so Constance Bommelaer's comment on the draft's sentence is a reviewer's
    // comment (the .docx original, whose author is known, makes it a disagreement).
    let items: Vec<&Value> = outline["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["disagreements"].as_array().into_iter().flatten())
        .collect();
    assert!(!items.is_empty());
    for d in &items {
        let a = &d["point"]["speaker"]["name"];
        let b = &d["reply"]["speaker"]["name"];
        assert!(a.is_string() && b.is_string() && a != b, "{d}");
    }
    // Her comment is printed once: as the side Avri doria answers (each quote once), not
    // again among the comments and not as a disagreement with the authorless draft.
    let hers = |q: &Value| {
        q["speaker"]["name"] == "Constance Bommelaer"
            && q["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("This is not the case for the technical community"))
    };
    let as_point = items.iter().filter(|d| hers(&d["point"])).count();
    let as_reply = items.iter().filter(|d| hers(&d["reply"])).count();
    let as_comment = outline["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["comments"].as_array().into_iter().flatten())
        .filter(|q| hers(q))
        .count();
    assert_eq!((as_point, as_reply, as_comment), (1, 0, 0));
    let md = read(&seeds().join("outline.md"));
    assert!(md.contains("**Avri doria pushes back on Constance Bommelaer’s comment**"));
}

/// Participants' names and aliases, and the words of them a reader would recognise.
fn participant_names(out: &Path) -> (Vec<String>, Vec<String>) {
    let people = json(&out.join("participants.json"));
    let mut names = Vec::new();
    for p in people.as_array().expect("participants") {
        names.extend(p["name"].as_str().map(str::to_string));
        for a in p["aliases"].as_array().into_iter().flatten() {
            names.extend(a.as_str().map(str::to_string));
        }
    }
    let words = names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_string)
        .collect();
    (names, words)
}

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

#[test]
fn anonymous_and_group_outlines_leak_no_participant_name_and_still_verify() {
    let out = seeds();
    let index = out.join("index");
    let (names, words) = participant_names(out);
    assert!(
        names.len() >= 9 && names.iter().any(|n| n == "Michelle Woods"),
        "{names:?}"
    );
    for mode in ["anonymous", "group"] {
        let mut json_out = String::new();
        for format in ["md", "json", "html"] {
            let args = [
                "outline",
                "--index",
                index.to_str().expect("path"),
                "--attribution",
                mode,
                "--format",
                format,
            ];
            let text = String::from_utf8(run_ok(&args, &root()).stdout).expect("UTF-8");
            let lower = text.to_lowercase();
            for n in &names {
                assert!(!lower.contains(&n.to_lowercase()), "{mode} {format}: {n}");
            }
            for w in &words {
                assert!(!has_word(&text, w), "{mode} {format}: {w}");
            }
            assert!(text.contains(if mode == "group" {
                "participant"
            } else {
                "one participant"
            }));
            if format == "json" {
                json_out = text;
            }
        }
        // The anonymised outline still verifies against the sources and the contract.
        let dir = scratch(&format!("verify-{mode}"));
        for f in ["documents.jsonl", "passages.jsonl", "participants.json"] {
            std::fs::copy(out.join(f), dir.join(f)).expect("copy");
        }
        std::fs::write(dir.join("outline.json"), &json_out).expect("write");
        let checked = run_ok(&["verify", dir.to_str().expect("path")], &root());
        assert!(String::from_utf8_lossy(&checked.stderr).contains("all hold"));
        check_contract(&dir);
        let outline: Value = serde_json::from_str(&json_out).expect("JSON");
        let redacted = section_quotes(&outline)
            .into_iter()
            .filter(|(_, q)| q.get("parts").is_some())
            .count();
        assert!(
            redacted > 0,
            "names in quotes are redacted, not dropped silently"
        );
    }
    // Group mode says which group spoke.
    let args = [
        "outline",
        "--index",
        index.to_str().expect("path"),
        "--attribution",
        "group",
    ];
    let md = String::from_utf8(run_ok(&args, &root()).stdout).expect("UTF-8");
    assert!(
        md.contains("a civil-society participant"),
        "Orsmond's lessons"
    );
    assert!(
        md.contains("an intergovernmental participant"),
        "Woods's remarks"
    );
}

/// `pipelines/NAME.toml` run into a scratch directory (its relative paths made absolute), with
/// `[outline] attribution = MODE`; the output directory, or `None` when a source it reads is
/// absent (`../shared`).
fn run_example_pipeline(name: &str, mode: &str) -> Option<PathBuf> {
    let dir = root().join("pipelines");
    let text = read(&dir.join(format!("{name}.toml")));
    let mut table: toml::Table = text.parse().expect("pipeline TOML");
    let absolute = |v: &mut toml::Value| {
        if let toml::Value::String(s) = v {
            *s = dir.join(&*s).display().to_string();
        }
    };
    for source in table
        .get_mut("sources")
        .and_then(toml::Value::as_array_mut)
        .expect("sources")
    {
        match source {
            toml::Value::Table(t) => t
                .get_mut("paths")
                .and_then(toml::Value::as_array_mut)
                .into_iter()
                .flatten()
                .for_each(absolute),
            other => absolute(other),
        }
    }
    let sources: Vec<PathBuf> = table["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(PathBuf::from))
        .collect();
    if let Some(missing) = sources.iter().find(|p| !p.exists()) {
        eprintln!("skipped {name}: {} is absent", missing.display());
        return None;
    }
    for key in ["taxonomy", "roster"] {
        if let Some(v) = table.get_mut(key) {
            absolute(v);
        }
    }
    let work = scratch(&format!("pipeline-{name}-{mode}"));
    let out = work.join("out");
    table.insert("output".into(), out.display().to_string().into());
    let mut outline = toml::Table::new();
    outline.insert("attribution".into(), mode.into());
    table.insert("outline".into(), outline.into());
    std::fs::write(work.join("pipeline.toml"), table.to_string()).expect("pipeline file");
    run_ok(&["run", "pipeline.toml", "--quiet"], &work);
    Some(out)
}

/// `name` without what is in brackets (constituencies, offices: "Hon. X (Minister of …)").
fn unbracketed(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Words that are not names whatever a participant list says (function words, honorifics,
/// role words): never a leak, never to be redacted alone.
const COMMON: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "is",
    "are",
    "was",
    "be",
    "it",
    "this",
    "that",
    "no",
    "not",
    "may",
    "will",
    "can",
    "but",
    "if",
    "so",
    "we",
    "you",
    "he",
    "she",
    "they",
    "i",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "hon",
    "right",
    "sir",
    "de",
    "del",
    "der",
    "van",
    "von",
    "la",
    "le",
    "da",
    "di",
    "du",
    "chair",
    "acting",
    "deputy",
    "moderator",
    "president",
    "vice",
    "speaker",
    "secretary",
    "minister",
    "member",
    "participant",
    "contributor",
    "am",
    "mp",
    "jr",
    "sr",
    "co",
    "team",
    "unknown",
    "anonymous",
    "staff",
];

/// Function words that, in lower case, join the words of an organisation or a sentence, not a
/// person's name.
const FUNCTION: &[&str] = &[
    "of", "and", "the", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are",
    "was",
];

/// What a participant list says must not appear in an anonymous outline: every participant's
/// name and alias (brackets left out), their words (surnames and given names) and initials.
#[derive(Default)]
struct Identities {
    /// Whole names in Chinese or Japanese characters (compared without spaces).
    cjk: BTreeSet<String>,
    /// Name words typed with a capital, lowercased: they must not appear capitalised.
    capitalised: BTreeSet<String>,
    /// Name words typed in lower case: in no case.
    lower: BTreeSet<String>,
    /// Initials and short words in capitals, as typed.
    initials: BTreeSet<String>,
}

impl Identities {
    fn of(out: &Path) -> Identities {
        let mut ids = Identities::default();
        let (names, _) = participant_names(out);
        for name in names {
            let name = unbracketed(&name);
            let cjk: String = name.chars().filter(|&c| is_cjk(c)).collect();
            if cjk.chars().count() >= 2 {
                ids.cjk.insert(cjk);
            }
            let words: Vec<&str> = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !w.chars().any(is_cjk))
                .collect();
            let single = words.len() == 1;
            let content: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                .filter(|w| single || !COMMON.contains(&w.to_lowercase().as_str()))
                .collect();
            let joined = words.iter().any(|w| FUNCTION.contains(w));
            if joined || content.len() > 5 {
                continue; // not a person's name (an organisation, a label read as one)
            }
            for w in content {
                let lower = w.to_lowercase();
                let capitals = !w.chars().any(char::is_lowercase);
                if capitals
                    && w.chars().count() <= 6
                    && (single || words.iter().any(|o| o.chars().any(char::is_lowercase)))
                {
                    ids.initials.insert(w.to_string());
                } else if COMMON.contains(&lower.as_str()) {
                    continue;
                } else if w.chars().next().is_some_and(char::is_lowercase) {
                    ids.lower.insert(lower);
                } else {
                    ids.capitalised.insert(lower);
                }
            }
        }
        ids
    }

    /// The names, words and initials of participants that `text` shows.
    fn leaks(&self, text: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        found.extend(
            self.cjk
                .iter()
                .filter(|n| squeezed.contains(n.as_str()))
                .cloned(),
        );
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let lower = w.to_lowercase();
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if self.initials.contains(w)
                || self.lower.contains(&lower)
                || (capital && self.capitalised.contains(&lower))
            {
                found.insert(w.to_string());
            }
        }
        found
    }

    /// True when a document id names a participant as file names do, in any case
    /// ("…/tom-atlee-interview"; initials as typed), or holds an e-mail address.
    fn in_id(&self, id: &str) -> bool {
        let squeezed: String = id.chars().filter(|c| !c.is_whitespace()).collect();
        id.contains('@')
            || self.cjk.iter().any(|n| squeezed.contains(n.as_str()))
            || id
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .any(|w| {
                    let lower = w.to_lowercase();
                    self.initials.contains(w)
                        || self.lower.contains(&lower)
                        || self.capitalised.contains(&lower)
                })
    }

    /// True when the redacted slice `hidden` is made of participants' names only.
    fn is_name(&self, hidden: &str) -> bool {
        let cjk: String = hidden.chars().filter(|&c| is_cjk(c)).collect();
        if !cjk.is_empty() {
            // A whole name, a part of one, or a surname and its title.
            return self.cjk.iter().any(|n| {
                n.contains(cjk.as_str())
                    || cjk.starts_with(&n[..n.chars().next().map_or(0, char::len_utf8)])
            });
        }
        let words: Vec<&str> = hidden
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let alone = words.len() == 1;
        !words.is_empty()
            && words.iter().all(|w| {
                let lower = fold(&w.to_lowercase());
                let capital = w.chars().next().is_some_and(char::is_uppercase);
                let common = COMMON.contains(&lower.as_str());
                self.initials.contains(*w)
                    || (!common && self.lower.iter().any(|n| fold(n) == lower))
                    || (capital
                        && !(alone && common)
                        && (self.capitalised.iter().any(|n| fold(n) == lower) || common))
            })
    }
}

/// Lowercase Latin letters without their accents (the test's own, for "Nicolo" ≈ "Nicolò").
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à'..='å' | 'ā' => 'a',
            'ç' => 'c',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ñ' => 'n',
            'ò'..='ö' | 'ø' => 'o',
            'ù'..='ü' => 'u',
            c => c,
        })
        .collect()
}

/// The anonymous and group outlines of the demo, transcripts and drafts pipelines: no name,
/// alias, surname or initial of any participant in any rendering, nothing redacted as a name
/// that is not one, document ids that name someone replaced by neutral ids, and the outline
/// still verified against its sources.
#[test]
fn anonymous_outlines_of_the_example_pipelines_show_no_participant_and_hide_nothing_else() {
    ["default", "transcripts", "drafts"]
        .par_iter()
        .for_each(|pipeline| anonymous_outlines_of(pipeline));
}

/// The checks of the test above on one pipeline: run in the anonymous mode; the group mode
/// drawn from its index.
fn anonymous_outlines_of(pipeline: &str) {
    let Some(out) = run_example_pipeline(pipeline, "anonymous") else {
        return;
    };
    let ids = Identities::of(&out);
    assert!(!ids.capitalised.is_empty(), "{pipeline}: participants");
    let index = out.join("index");
    for mode in ["anonymous", "group"] {
        let outline_of = |args: &[&str]| -> String {
            let mut all = vec![
                "outline",
                "--index",
                index.to_str().expect("path"),
                "--attribution",
                mode,
            ];
            all.extend_from_slice(args);
            String::from_utf8(run_ok(&all, &root()).stdout).expect("UTF-8")
        };
        // The run wrote the anonymous mode; the group mode is drawn from the index, and
        // verified in a copy of the outputs.
        let dir = if mode == "anonymous" {
            out.clone()
        } else {
            let dir = scratch(&format!("pipeline-{pipeline}-{mode}-verify"));
            for f in ["documents.jsonl", "passages.jsonl", "participants.json"] {
                std::fs::copy(out.join(f), dir.join(f)).expect("copy");
            }
            std::fs::write(dir.join("outline.json"), outline_of(&["--format", "json"]))
                .expect("write");
            std::fs::write(dir.join("outline.md"), outline_of(&["--format", "md"])).expect("write");
            std::fs::write(dir.join("report.html"), outline_of(&["--format", "html"]))
                .expect("write");
            dir
        };
        let mut renderings: Vec<(String, String)> = ["outline.md", "outline.json", "report.html"]
            .iter()
            .map(|f| (f.to_string(), read(&dir.join(f))))
            .collect();
        for by in ["question", "section"] {
            for format in ["md", "html"] {
                let text = outline_of(&["--by", by, "--format", format]);
                renderings.push((format!("--by {by} --format {format}"), text));
            }
        }
        // The taxonomy's theme labels and the page's own words are not contribution text.
        let taxonomy = read(&root().join("pipelines/taxonomies/multistakeholder.toml"));
        let labels: Vec<String> = taxonomy
            .lines()
            .filter_map(|l| l.trim().strip_prefix("label = "))
            .map(|l| l.trim_matches('"').to_string())
            .collect();
        let ours = ["Open questions", "Content-Security-Policy"];
        let documents: Vec<Value> = read(&out.join("documents.jsonl"))
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect();
        let named_ids: Vec<&str> = documents
            .iter()
            .filter_map(|d| d["id"].as_str())
            .filter(|id| ids.in_id(id))
            .collect();
        for (what, text) in &renderings {
            let mut text = text.clone();
            for l in labels.iter().map(String::as_str).chain(ours) {
                text = text.replace(l, " ");
            }
            let leaks = ids.leaks(&text);
            assert!(leaks.is_empty(), "{pipeline} {mode} {what}: {leaks:?}");
            for id in &named_ids {
                assert!(
                    !text.contains(id),
                    "{pipeline} {mode} {what}: document id {id}"
                );
            }
        }
        if pipeline == "transcripts" {
            assert!(
                !named_ids.is_empty(),
                "a transcript is named after its speakers"
            );
            assert!(
                read(&out.join("report.html")).contains("document-1#"),
                "neutral id"
            );
        }
        // What is redacted as a name is a name: outline.json's name redactions, read from
        // the documents (neutral ids are given in id order to the ids that name someone).
        let mut sorted = named_ids.clone();
        sorted.sort_unstable();
        let real = |doc: &str| -> String {
            doc.strip_prefix("document-")
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| sorted.get(n - 1))
                .map_or(doc.to_string(), |s| s.to_string())
        };
        let texts: std::collections::BTreeMap<&str, &str> = documents
            .iter()
            .filter_map(|d| Some((d["id"].as_str()?, d["text"].as_str()?)))
            .collect();
        let outline = json(&dir.join("outline.json"));
        let mut found = Vec::new();
        quotes(&outline, &mut found);
        let mut hidden = 0;
        for q in &found {
            let doc = real(q["doc"].as_str().expect("doc"));
            let text = texts
                .get(doc.as_str())
                .unwrap_or_else(|| panic!("{pipeline}: document {doc}"));
            for r in q["redactions"].as_array().into_iter().flatten() {
                if r["kind"] != "name" {
                    continue;
                }
                let (s, e) = (
                    r["start"].as_u64().expect("start") as usize,
                    r["end"].as_u64().expect("end") as usize,
                );
                let slice = &text[s..e];
                assert!(
                    ids.is_name(slice),
                    "{pipeline} {mode}: {slice:?} redacted as a name"
                );
                hidden += 1;
            }
        }
        assert!(
            hidden > 0,
            "{pipeline} {mode}: names in quotes are redacted"
        );
        // The anonymised outline still verifies.
        let checked = run_ok(&["verify", dir.to_str().expect("path")], &root());
        assert!(
            String::from_utf8_lossy(&checked.stderr).contains("all hold"),
            "{pipeline} {mode}"
        );
    }
}

#[test]
fn outlines_by_section_and_by_question_follow_the_documents() {
    let index = seeds().join("index");
    let args = [
        "outline",
        "--index",
        index.to_str().expect("path"),
        "--by",
        "section",
        "--format",
        "json",
    ];
    let by_section: Value =
        serde_json::from_str(&String::from_utf8_lossy(&run_ok(&args, &root()).stdout))
            .expect("JSON");
    let labels: Vec<&str> = by_section["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["label"].as_str())
        .collect();
    // The e-consultation's intervals (seed 000), the draft's numbered sections (seed 001), the
    // session notes' lessons (seed 004).
    for label in [
        "I. Interval #1 (June 14 – June 26): Understanding Cooperative Multistakeholder Action in Global Governance",
        "2. Existing policy measures and private sector initiatives",
        "Lessons learned",
        "Recommendations from groups",
    ] {
        assert!(labels.contains(&label), "{label} in {labels:?}");
    }
    let args = [
        "outline",
        "--index",
        index.to_str().expect("path"),
        "--by",
        "question",
        "--format",
        "json",
    ];
    let by_question: Value =
        serde_json::from_str(&String::from_utf8_lossy(&run_ok(&args, &root()).stdout))
            .expect("JSON");
    let sections = by_question["sections"].as_array().expect("sections");
    // Seed 004's questions to its panel are sections, each with the question as posed.
    let posed = sections
        .iter()
        .find(|s| s["label"] == "Why did you see a need to adopt a multistakeholder approach?")
        .expect("seed 004's first question");
    assert_eq!(
        posed["question"]["text"],
        "Why did you see a need to adopt a multistakeholder approach?"
    );
    assert!(sections.iter().any(|s| {
        s["label"]
            .as_str()
            .is_some_and(|l| l.starts_with("How are multistakeholder coalitions"))
    }));
    // Both verify against the sources.
    for (name, outline) in [("by-section", &by_section), ("by-question", &by_question)] {
        let dir = scratch(name);
        for f in ["documents.jsonl", "passages.jsonl"] {
            std::fs::copy(seeds().join(f), dir.join(f)).expect("copy");
        }
        std::fs::write(dir.join("outline.json"), outline.to_string()).expect("write");
        let checked = rapporteur(&["verify", dir.to_str().expect("path")], &root());
        assert!(
            checked.status.success(),
            "{}",
            describe(&["verify", name], &checked)
        );
    }
}

// ---------------------------------------------------------------- verify

/// Copies the demo corpus into `dir/src` and runs the pipeline on the copy.
fn seeds_copy(dir: &Path) -> (PathBuf, PathBuf) {
    let src = dir.join("src/seeds");
    std::fs::create_dir_all(&src).expect("dir");
    for e in std::fs::read_dir(root().join("corpora/seeds")).expect("seeds") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), src.join(e.file_name())).expect("copy");
    }
    let out = run_pipeline(dir, std::slice::from_ref(&src));
    (src, out)
}

fn verify_fails(out: &Path, expect: &[&str]) {
    let args = ["verify", out.to_str().expect("path")];
    let checked = rapporteur(&args, &root());
    assert_eq!(
        checked.status.code(),
        Some(1),
        "{}",
        describe(&args, &checked)
    );
    let stderr = String::from_utf8_lossy(&checked.stderr);
    for e in expect {
        assert!(stderr.contains(e), "{e:?} not in\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn verify_fails_on_a_tampered_quote_a_tampered_count_and_a_changed_source() {
    let dir = scratch("tamper");
    let (src, out) = seeds_copy(&dir);
    run_ok(&["verify", out.to_str().expect("path")], &root());
    let path = out.join("outline.json");
    let original = read(&path);
    let outline: Value = serde_json::from_str(&original).expect("JSON");

    // A quote whose text no longer matches its bytes.
    let mut t = outline.clone();
    let q = &mut t["sections"][0]["quotes"][0];
    let text = q["text"]
        .as_str()
        .expect("verbatim quote")
        .replacen(' ', "  ", 1);
    q["text"] = Value::from(text);
    std::fs::write(&path, serde_json::to_string_pretty(&t).expect("JSON")).expect("write");
    verify_fails(
        &out,
        &[
            "MISMATCH outline.json sections[0].quotes[0]",
            "text differs from",
        ],
    );

    // A count that is not what the passages say.
    let mut t = outline.clone();
    let n = t["sections"][1]["passages"].as_u64().expect("count");
    t["sections"][1]["passages"] = Value::from(n + 1);
    std::fs::write(&path, serde_json::to_string_pretty(&t).expect("JSON")).expect("write");
    verify_fails(
        &out,
        &[
            &format!(
                "sections[1] ({}).passages",
                t["sections"][1]["id"].as_str().expect("id")
            ),
            &format!("passages is {}, but passages.jsonl gives {n}", n + 1),
        ],
    );

    // A participant count in the overview.
    let mut t = outline.clone();
    t["overview"]["participants"] = Value::from(99);
    std::fs::write(&path, serde_json::to_string_pretty(&t).expect("JSON")).expect("write");
    verify_fails(&out, &["overview.participants"]);

    // A stance count in the overview.
    let mut t = outline.clone();
    t["overview"]["stances"]["civil_society"] =
        serde_json::json!({"supports": 7, "opposes": 0, "mixed": 0});
    std::fs::write(&path, serde_json::to_string_pretty(&t).expect("JSON")).expect("write");
    verify_fails(&out, &["overview.stances", "passages per stance and voice"]);

    // The untouched outline passes again; then the source changes under it.
    std::fs::write(&path, &original).expect("write");
    run_ok(&["verify", out.to_str().expect("path")], &root());
    let seed = src.join("004_c045d1bfa3d696f9.txt");
    let changed = read(&seed).replace(
        "Participation is a major issue.",
        "Participation is a minor issue.",
    );
    std::fs::write(&seed, changed).expect("write");
    verify_fails(
        &out,
        &["the source", "changed", "seeds/004_c045d1bfa3d696f9"],
    );
    std::fs::remove_file(&seed).expect("remove");
    verify_fails(&out, &["cannot read the source again"]);

    // A directory without an outline cannot be verified at all.
    let empty = scratch("tamper-empty");
    let args = ["verify", empty.to_str().expect("path")];
    let checked = rapporteur(&args, &root());
    assert_eq!(
        checked.status.code(),
        Some(2),
        "{}",
        describe(&args, &checked)
    );
}

// ---------------------------------------------------------------- corpora built here

#[test]
fn personal_data_is_redacted_in_every_rendering_unless_asked_not_to() {
    let dir = scratch("pii");
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("dir");
    std::fs::write(
        src.join("submission.txt"),
        "Submission on trust\n\nTrust between governments and civil society is built in small working groups. To join the trust working group, write to maria.lopez@example.org or call +34 912 345 678 before May.\n",
    )
    .expect("write");
    let out = run_pipeline(&dir, &[src]);
    for name in ["outline.md", "outline.json", "report.html"] {
        let text = read(&out.join(name));
        assert!(
            !text.contains("maria.lopez@example.org") && !text.contains("912 345 678"),
            "{name}"
        );
    }
    // Key points prefer the sentence without personal data; the passage in context shows it
    // redacted, its verbatim parts kept for verification.
    let md = read(&out.join("outline.md"));
    assert!(md.contains(
        "> “Trust between governments and civil society is built in small working groups.”"
    ));
    assert!(
        read(&out.join("outline.json")).contains("write to [email] or call [phone] before May")
    );
    assert!(read(&out.join("report.html")).contains(
        "write to <span class=\"redacted\">[email]</span> or call <span class=\"redacted\">[phone]</span> before May"
    ));
    let index = out.join("index");
    let args = [
        "outline",
        "--index",
        index.to_str().expect("path"),
        "--no-redact",
    ];
    let md = String::from_utf8(run_ok(&args, &root()).stdout).expect("UTF-8");
    assert!(md.contains("write to maria.lopez@example.org or call +34 912 345 678"));
    check_contract(&out);
}

/// Telephone numbers as people write them in the countries whose languages rapporteur reads,
/// internationalised and obfuscated addresses, an IBAN and a card number: hidden in every rendering and mode; years,
/// dates, ISO and article numbers and amounts kept; the outline still verified.
#[test]
fn national_phone_numbers_and_unusual_addresses_are_redacted_but_figures_are_not() {
    let dir = scratch("pii-national");
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("dir");
    let personal = [
        "020 7946 0958",
        "07700 900123",
        "0044 20 7946 0958",
        "01 23 45 67 89",
        "01.23.45.67.89",
        "030/1234567",
        "(030) 12345678",
        "(02)2345-6789",
        "0912-345-678",
        "03-1234-5678",
        "13800138000",
        "5551234",
        "０２０ ７９４６ ０９５８",
        "üser@exämple.de",
        "\"john doe\"@example.com",
        "john [at] example [dot] com",
        "DE89 3704 0044 0532 0130 00",
        "4111 1111 1111 1111",
    ];
    let figures = [
        "1995-2001",
        "2016-05-12",
        "ISO 27001:2013",
        "Regulation (EU) 2016/679",
        "1 000 000 000 EUR",
        "Article 5(1)(a)",
    ];
    // Two passages, both quoted (and shown whole in the outline's context).
    let contacts: Vec<String> = personal
        .iter()
        .map(|p| match *p {
            "5551234" => format!("tel: {p}"),
            _ => p.to_string(),
        })
        .collect();
    let text = format!(
        "Submission on trust\n\nTrust and confidence in the consultation grow, and mutual trust is built, when people can reach the secretariat: {}.\n\nTrust in the process was measured against {} by the working group.\n",
        contacts.join("; "),
        figures.join(", ")
    );
    std::fs::write(src.join("submission.txt"), text).expect("write");
    let out = run_pipeline(&dir, &[src]);
    let index = out.join("index");
    let mut renderings = vec![
        read(&out.join("outline.md")),
        read(&out.join("outline.json")),
        read(&out.join("report.html")),
    ];
    for mode in ["anonymous", "group"] {
        let args = [
            "outline",
            "--index",
            index.to_str().expect("path"),
            "--attribution",
            mode,
        ];
        renderings.push(String::from_utf8(run_ok(&args, &root()).stdout).expect("UTF-8"));
    }
    let context = |r: &str| r.replace("&quot;", "\"");
    for (k, r) in renderings.iter().enumerate() {
        let r = context(r);
        for p in personal {
            assert!(!r.contains(p), "rendering {k} shows {p}");
        }
    }
    // Each hidden, one placeholder each: the contacts' passage in context shows them all.
    let outline = json(&out.join("outline.json"));
    let shown = outline["context"]
        .as_array()
        .expect("context")
        .iter()
        .find_map(|q| q["display"].as_str().filter(|d| d.contains("secretariat")))
        .expect("the contacts' passage is quoted")
        .to_string();
    assert_eq!(shown.matches("[phone]").count(), 13, "{shown}");
    assert_eq!(shown.matches("[email]").count(), 3, "{shown}");
    assert_eq!(shown.matches("[account]").count(), 2, "{shown}");
    let json_text = &renderings[1];
    for f in figures {
        assert!(json_text.contains(f), "{f} is kept");
    }
    let checked = run_ok(&["verify", out.to_str().expect("path")], &root());
    assert!(String::from_utf8_lossy(&checked.stderr).contains("all hold"));
    check_contract(&out);
}

#[test]
fn form_letters_are_one_campaign_shown_once_with_their_count() {
    let dir = scratch("campaign");
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("dir");
    let towns = [
        "Lyon", "Porto", "Gent", "Turku", "Split", "Graz", "Cork", "Riga",
    ];
    for n in 0..40 {
        let town = towns[n % towns.len()];
        std::fs::write(
            src.join(format!("letter-{n:02}.txt")),
            format!(
                "Dear members of the Commission,\n\nWe call on governments to protect the open Internet, to keep decision-making on Internet governance transparent, and to give civil society an equal seat at the table.\n\nWith regards, a resident of {town} (letter {n})\n"
            ),
        )
        .expect("write");
    }
    let unique = [
        "Capacity building for small delegations should come before any new treaty negotiation.",
        "Interpretation into every official language is a condition of real participation.",
        "Remote hubs let rural participants join the consultation without travel funding.",
        "The secretariat should publish its budget and report on how contributions were used.",
        "Governments remain responsible for security; other stakeholders can advise them.",
        "Standards bodies should publish their decisions and the dissent they recorded.",
    ];
    for (n, text) in unique.iter().enumerate() {
        std::fs::write(src.join(format!("own-{n}.txt")), format!("{text}\n")).expect("write");
    }
    let out = run_pipeline(&dir, &[src]);
    let outline = json(&out.join("outline.json"));
    let subs = &outline["overview"]["submissions"];
    assert_eq!(
        (
            subs["submissions"].as_u64(),
            subs["campaigns"].as_u64(),
            subs["in_campaigns"].as_u64(),
            subs["unique"].as_u64()
        ),
        (Some(46), Some(1), Some(40), Some(6)),
        "{subs}"
    );
    let c = &outline["campaigns"][0];
    assert_eq!(
        (c["kind"].as_str(), c["submissions"].as_u64()),
        (Some("form_letter"), Some(40)),
        "{c}"
    );
    assert_eq!(c["documents"].as_array().map(Vec::len), Some(40));
    // In every section, the letter is one key point at most, with its count.
    for s in outline["sections"].as_array().expect("sections") {
        let from_letters: Vec<&Value> = s["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|q| q["doc"].as_str().is_some_and(|d| d.contains("/letter-")))
            .collect();
        assert!(from_letters.len() <= 1, "{}", s["id"]);
        if let Some(q) = from_letters.first() {
            assert_eq!(q["copies"].as_u64(), Some(40), "{q}");
        }
        assert!(s["distinct"].as_u64() <= s["passages"].as_u64());
    }
    let md = read(&out.join("outline.md"));
    assert!(
        md.contains("- Documents: 46 (46 submissions, 1 campaign, 6 unique)"),
        "{md}"
    );
    assert!(md.contains("**campaign-1** (form letter): 40 submissions"));
    // The letter's demand is a recommendation of 40 passages, printed in one section only
    // (each quote once, copies included); the other sections list it by reference.
    assert_eq!(
        md.matches("- We call on governments to protect the open Internet")
            .count(),
        1,
        "{md}"
    );
    assert!(md.contains("— in 40 passages of 40 documents —"), "{md}");
}

/// Runs headless Chromium on a file (with `extra` flags) and returns the DOM it ends with;
/// `None` (with a message) when Chromium is not installed.
fn chromium_dom(page: &Path, extra: &[&str]) -> Option<String> {
    let found = Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !found.is_ok_and(|s| s.success()) {
        eprintln!("skipped: chromium is not installed (CI installs Debian's chromium)");
        return None;
    }
    // A profile of its own beside the page: tests may run Chromium side by side.
    let profile = page.with_extension("chromium-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "chromium failed: {:?}", out.status);
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_html_report_renders_in_chromium_and_runs_no_script_from_the_corpus() {
    let dir = scratch("hostile");
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("dir");
    std::fs::write(
        src.join("hostile.txt"),
        "Trust and transparency\n\nStakeholders trust a process when its transparency is real: building trust needs open records <script>document.title='PWNED';document.documentElement.setAttribute('data-pwned','yes')</script> of every decision <img src=x onerror=\"document.title='PWNED'\"> and trust grows with transparency.\n",
    )
    .expect("write");
    std::fs::write(
        src.join("notes.txt"),
        "Session notes\n\nBuilding trust takes time: governments and civil society met in small groups to agree on transparency rules.\n",
    )
    .expect("write");
    let out = run_pipeline(&dir, &[src]);
    let page = read(&out.join("report.html"));
    assert!(
        page.contains("&lt;script&gt;document.title=&#39;PWNED&#39;"),
        "the hostile text is quoted, escaped"
    );
    assert!(!page.contains("<script") && !page.contains("<img"));
    let Some(dom) = chromium_dom(&out.join("report.html"), &[]) else {
        return;
    };
    assert!(
        dom.contains("<title>Synthesis outline</title>"),
        "{}",
        &dom[..dom.len().min(600)]
    );
    assert!(dom.contains("<svg id=\"heatmap\""), "the heatmap is drawn");
    assert!(dom.contains("class=\"voice-bar\""));
    assert!(
        !dom.contains("data-pwned=\"yes\""),
        "the corpus script did not run"
    );
    assert!(
        !dom.contains("<title>PWNED"),
        "the corpus script did not run"
    );
    assert!(
        dom.contains("&lt;script&gt;document.title="),
        "it shows as text"
    );
    assert!(
        dom.contains("id=\"ctx-0\""),
        "passages in context are there"
    );
}

#[test]
fn outputs_do_not_depend_on_the_thread_count() {
    let mut pages = Vec::new();
    for threads in ["1", "3"] {
        let dir = scratch(&format!("threads-{threads}"));
        let pipeline = format!(
            "name = \"t\"\nsources = [{:?}]\noutput = {:?}\n",
            root().join("corpora/seeds").display().to_string(),
            dir.join("out").display().to_string()
        );
        std::fs::write(dir.join("pipeline.toml"), pipeline).expect("write");
        let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["run", "pipeline.toml", "--quiet"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(&dir)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", describe(&["run"], &out));
        pages.push(
            ["report.html", "outline.json", "outline.md"].map(|n| read(&dir.join("out").join(n))),
        );
    }
    assert!(
        pages[0] == pages[1],
        "outputs differ between 1 and 3 threads"
    );
}

// ---------------------------------------------------------------- third-party corpora

#[test]
fn the_netmundial_submissions_outline_and_verify() {
    let src = shared().join("corpora/contributions/netmundial-2014-cis/all_contributions");
    if !src.exists() {
        eprintln!("skipped: {} absent", src.display());
        return;
    }
    let files = std::fs::read_dir(&src).expect("dir").count();
    let out = run_pipeline(&scratch("netmundial"), &[src]);
    let outline = json(&out.join("outline.json"));
    assert_eq!(
        outline["overview"]["documents"].as_u64(),
        Some(files as u64)
    );
    let report = json(&out.join("run.json"));
    assert_eq!(report["verify"]["mismatches"], Value::Array(vec![]));
    let sections = outline["sections"].as_array().expect("sections");
    assert!(sections.len() >= 12, "{}", sections.len());
    for s in sections {
        assert!(
            !s["quotes"].as_array().expect("quotes").is_empty(),
            "{}",
            s["id"]
        );
    }
    // The A files end with the same sentence pointing to the attachment: copied text, shown
    // once, not a form letter.
    let boilerplate = outline["campaigns"]
        .as_array()
        .expect("campaigns")
        .iter()
        .find(|c| {
            c["example"]["text"].as_str().is_some_and(|t| {
                t.contains("See the attached PDF document above for the full text")
            })
        });
    if let Some(c) = boilerplate {
        assert_eq!(c["kind"], "copied_text");
        assert!(c["submissions"].as_u64().unwrap_or(0) >= 3);
    }
    check_contract(&out);
}

#[test]
fn the_word_draft_of_seed_001_shows_its_comment_exchange_and_verifies() {
    let src = shared().join("corpora/drafts/seed-001-docx");
    if !src.exists() {
        eprintln!("skipped: {} absent", src.display());
        return;
    }
    let out = run_pipeline(&scratch("docx"), &[src]);
    let report = json(&out.join("run.json"));
    assert_eq!(
        report["verify"]["mismatches"],
        Value::Array(vec![]),
        "the .docx is re-read and every quote holds"
    );
    let outline = json(&out.join("outline.json"));
    let replies: Vec<&Value> = outline["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["disagreements"].as_array().into_iter().flatten())
        .filter(|d| d["kind"] == "reply")
        .collect();
    // The same thread as in the text export: Avri doria answers Constance Bommelaer, who
    // disputes the draft's sentence on trust relationships.
    assert!(
        replies
            .iter()
            .any(|d| d["reply"]["speaker"]["name"] == "Avri doria"
                && d["point"]["speaker"]["name"] == "Constance Bommelaer")
    );
    let on_text = replies
        .iter()
        .find(|d| {
            // The draft's text is its author's: the file's dc:creator, John Laprise.
            d["reply"]["speaker"]["name"] == "Constance Bommelaer"
                && d["point"]["speaker"]["name"] == "John Laprise"
                && d["point"]["speaker"]["how"] == "byline"
        })
        .expect("Constance Bommelaer disputes the draft of John Laprise");
    assert!(
        on_text["point"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("The trust relationships between these"))
    );
    check_contract(&out);
}
