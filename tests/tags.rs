//! The tag stage on real files: recommendations, questions, themes and voice measured against
//! sentences labelled by reading the documents (`tests/fixtures/tags/labels.tsv`); languages of
//! real Spanish and Chinese contributions; sentences that tile their passages; stance and the
//! recommendations of conversations (`tests/fixtures/stance/`); and the
//! `themes` and `suggest` verbs of the real binary on the demo corpus and on the shared
//! contributions.

#[path = "tags/cli.rs"]
mod cli;
#[path = "tags/languages.rs"]
mod languages;
#[path = "tags/stance.rs"]
mod stance;
#[path = "tags/tiling.rs"]
mod tiling;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{LazyLock, OnceLock};

use proptest::prelude::*;
use rapporteur::model::{Block, Document, Passage, PassageKind};
use rapporteur::pipeline::process_document;
use rapporteur::read::{ReadOptions, read_file};
use rapporteur::tag::{Tagger, Taxonomy, sentences};
use regex::Regex;
use serde_json::Value;

mod common;
use common::{describe, find, rapporteur, root, run_ok};

/// The seed documents, as fixture ids.
const SEEDS: [&str; 5] = [
    "seeds/000_51a460143868a0c3",
    "seeds/001_736d92a020b18d93",
    "seeds/002_0702f1372669ef38",
    "seeds/003_fc31b683c67c80a6",
    "seeds/004_c045d1bfa3d696f9",
];

fn corpora() -> PathBuf {
    root().join("../shared/corpora")
}

static TAGGER: LazyLock<Tagger> =
    LazyLock::new(|| Tagger::new(Taxonomy::default_multistakeholder().expect("default taxonomy")));

/// The file of a fixture document: `seeds/<name>` or `shared:<path under ../shared/corpora>`.
fn source(doc: &str) -> PathBuf {
    match doc.strip_prefix("shared:") {
        Some(p) => corpora().join(p),
        None => root().join("corpora").join(format!("{doc}.txt")),
    }
}

/// Reads, segments, attributes and tags the document as the pipeline does.
fn processed(doc: &str) -> Option<(Document, Vec<Passage>)> {
    let path = source(doc);
    if !path.exists() {
        return None;
    }
    let docs = read_file(&path, doc, &ReadOptions::default()).expect("fixture documents read");
    let d = docs.into_iter().next().expect("one document");
    Some(process_document(d, &TAGGER))
}

/// One labelled sentence.
#[derive(Debug)]
struct Label {
    doc: String,
    n: usize,
    rec: Option<bool>,
    question: Option<bool>,
    themes: Option<BTreeSet<String>>,
    voice: Option<String>,
    sentence: String,
}

fn yes_no(s: &str) -> Option<bool> {
    match s {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

fn labels(file: &str) -> Vec<Label> {
    let path = root().join("tests/fixtures/tags").join(file);
    let text = std::fs::read_to_string(&path).expect("labels.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 7, "{l}");
            Label {
                doc: c[0].to_string(),
                n: c[1].parse().expect("occurrence number"),
                rec: yes_no(c[2]),
                question: yes_no(c[3]),
                themes: (c[4] != "-").then(|| {
                    c[4].split(',')
                        .filter(|t| *t != "none")
                        .map(str::to_string)
                        .collect()
                }),
                voice: (c[5] != "-").then(|| c[5].to_string()),
                sentence: c[6].to_string(),
            }
        })
        .collect()
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> bool {
    let shared = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    shared * 2 >= (a.1 - a.0).min(b.1 - b.0)
}

/// Sentences that look like recommendations: a modal or cue of obligation.
static SHOULD_MUST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(should|must|need(s|ed)?|ha(ve|s) to|ought|recommend\w*|urge\w*|propos\w*|essential|important|critical|necessary|required?|call(ed)? (on|for))\b",
    )
    .expect("regex")
});

#[derive(Default, Debug)]
struct Score {
    hit: usize,
    total: usize,
}

impl Score {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.hit += usize::from(ok);
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hit as f64 / self.total as f64
        }
    }
}

/// The figures of one fixture.
#[derive(Default, Debug)]
struct Figures {
    rec_found: Score,
    rec_false: Score,
    rec_precision: Score,
    q_found: Score,
    q_false: Score,
    theme_top: Score,
    voice: Score,
    report: String,
}

/// Every label of `file` judged against the pipeline's tags.
fn measure(file: &str) -> Figures {
    let labels = labels(file);
    let mut docs: BTreeMap<String, Option<(Document, Vec<Passage>)>> = BTreeMap::new();
    let mut rec_found = Score::default();
    let mut rec_false = Score::default(); // should/must-style non-recommendations flagged
    let mut rec_precision = Score::default();
    let mut q_found = Score::default();
    let mut q_false = Score::default();
    let mut theme_top = Score::default();
    let mut voice = Score::default();
    let mut misses: Vec<String> = Vec::new();
    let mut skipped = 0;
    for l in &labels {
        let entry = docs
            .entry(l.doc.clone())
            .or_insert_with(|| processed(&l.doc));
        let Some((doc, passages)) = entry.as_ref() else {
            skipped += 1;
            continue;
        };
        let range = find(&doc.text, &l.sentence, l.n)
            .unwrap_or_else(|| panic!("label not found in {}: {}", l.doc, l.sentence));
        let Some(p) = passages
            .iter()
            .find(|p| p.start <= range.0 && range.0 < p.end)
        else {
            misses.push(format!("no passage holds: {}", l.sentence));
            continue;
        };
        let is_rec = p
            .recommendations
            .iter()
            .any(|r| overlap((r.start, r.end), range));
        let is_q = p.questions.iter().any(|q| overlap((q.start, q.end), range));
        let short = l.sentence.chars().take(90).collect::<String>();
        match l.rec {
            Some(true) => {
                rec_found.add(is_rec);
                if !is_rec {
                    misses.push(format!("rec missed: {short}"));
                }
            }
            Some(false) => {
                if SHOULD_MUST.is_match(&l.sentence) {
                    rec_false.add(is_rec);
                }
                if is_rec {
                    misses.push(format!("rec false: {short}"));
                }
            }
            None => {}
        }
        if is_rec && l.rec.is_some() {
            rec_precision.add(l.rec == Some(true));
        }
        match l.question {
            Some(true) => {
                q_found.add(is_q);
                if !is_q {
                    misses.push(format!("question missed: {short}"));
                }
            }
            Some(false) => {
                q_false.add(is_q);
                if is_q {
                    misses.push(format!("question false: {short}"));
                }
            }
            None => {}
        }
        if let Some(themes) = l.themes.as_ref().filter(|t| !t.is_empty()) {
            let top = p.themes.first().map(|t| t.id.as_str());
            let ok = top.is_some_and(|t| themes.contains(t));
            theme_top.add(ok);
            if !ok {
                misses.push(format!("theme {top:?} not in {themes:?}: {short}"));
            }
        }
        if let Some(v) = &l.voice {
            let got = p.voice.map_or("none", |g| g.as_str());
            voice.add(got == v);
            if got != v {
                misses.push(format!("voice {got} not {v}: {short}"));
            }
        }
    }
    let report = format!(
        "recommendations found {}/{} ({:.0}%), precision {}/{} ({:.0}%), should/must-style \
         non-recommendations flagged {}/{} ({:.0}%); questions found {}/{} ({:.0}%), \
         false {}/{}; top theme among the annotator's {}/{} ({:.0}%); voice {}/{} ({:.0}%); \
         {skipped} labels of absent files skipped",
        rec_found.hit,
        rec_found.total,
        rec_found.rate() * 100.0,
        rec_precision.hit,
        rec_precision.total,
        rec_precision.rate() * 100.0,
        rec_false.hit,
        rec_false.total,
        rec_false.rate() * 100.0,
        q_found.hit,
        q_found.total,
        q_found.rate() * 100.0,
        q_false.hit,
        q_false.total,
        theme_top.hit,
        theme_top.total,
        theme_top.rate() * 100.0,
        voice.hit,
        voice.total,
        voice.rate() * 100.0,
    );
    eprintln!("{file}: {report}\n{}", misses.join("\n"));
    Figures {
        rec_found,
        rec_false,
        rec_precision,
        q_found,
        q_false,
        theme_top,
        voice,
        report,
    }
}

fn assert_targets(f: &Figures) {
    let report = &f.report;
    assert!(f.rec_found.rate() >= 0.85, "{report}");
    assert!(f.rec_false.rate() <= 0.15, "{report}");
    assert!(f.rec_precision.rate() >= 0.85, "{report}");
    assert!(f.q_found.rate() >= 0.90, "{report}");
    assert!(f.q_false.rate() <= 0.05, "{report}");
    assert!(f.theme_top.rate() >= 0.60, "{report}");
    assert!(f.voice.rate() >= 0.80, "{report}");
}

/// The labels rules were developed on: the issue's targets.
#[test]
fn tags_meet_the_quality_targets_on_labelled_sentences() {
    let f = measure("labels.tsv");
    assert!(
        f.rec_found.total >= 80 && f.q_found.total >= 80,
        "{}",
        f.report
    );
    assert_targets(&f);
}

/// Labels written after the rules, from other documents, and never tuned on: the same targets.
#[test]
fn tags_meet_the_quality_targets_on_held_out_sentences() {
    let f = measure("holdout.tsv");
    if f.rec_found.total == 0 {
        eprintln!("skipped: the held-out documents under ../shared/corpora are absent");
        return;
    }
    assert_targets(&f);
}

/// Labels written once every rule above was fixed, from two documents never looked at before,
/// measured without tuning: the same targets.
#[test]
fn tags_meet_the_quality_targets_on_fresh_sentences() {
    let f = measure("fresh.tsv");
    if f.rec_found.total == 0 {
        eprintln!("skipped: the fresh documents under ../shared/corpora are absent");
        return;
    }
    assert_targets(&f);
}
