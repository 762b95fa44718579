//! `rapporteur verify OUT_DIR`: every quote of an outline against its sources, byte for byte,
//! and every count against the passages.
//!
//! What it checks, in an output directory holding `documents.jsonl`, `passages.jsonl` and
//! `outline.json`:
//! 1. **Sources**: each document's file (its `path`, byte for byte: `path_raw` for a name that
//!    is not valid UTF-8; relative to the pipeline file's folder, [`Inputs::base`]) is read again
//!    with the same reader (and the read options of its pipeline source, when given) and its
//!    text must equal the text in `documents.jsonl`; a file that changed, vanished or no longer
//!    reads is a mismatch.
//! 2. **Passages**: every passage is the slice of its re-read document, `text ==
//!    doc.text[start..end]`, and so is each cue of its stance and each cue's object.
//! 3. **Quotes**: every object of `outline.json` with `doc`, `start` and `end` (quotes,
//!    recommendations, parts, context passages) must be an exact slice of the re-read document:
//!    its `text`, or, for a redacted quote, each of its `parts`, with parts and redactions
//!    tiling `start..end`, `display` equal to the parts joined with the placeholders, and each
//!    redaction hiding what its kind says (an address, a number, a participant's name). A quote
//!    naming a `passage` must lie inside it.
//! 4. **Edits**: each proposed edit is a tracked change of its draft with the action and
//!    date its passage has, listed under the paragraph before it; every change is listed
//!    once; each reviewer's counts and dates recounted.
//! 5. **Counts**: the overview (documents, passages per kind, participants per group,
//!    anonymous passages, voices, stances per group, submissions and campaigns), each section
//!    (passages, distinct passages, documents, voices, participants, silent groups), each
//!    merged recommendation (passages, documents, participants, groups of its members; its
//!    supporters and opposers, each a passage whose stance takes that side and none of its
//!    members, with their participants and groups) and each campaign are recounted from
//!    `passages.jsonl` with the options recorded in the outline.
//!
//! Every mismatch is listed with where it is (`outline.json sections[3].quotes[1]`) and what
//! differs; [`Report::ok`] is true when there is none.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use super::attribution::{collapse, speaker_key};
use super::campaigns::detect;
use super::features::{Features, features, weigh};
use super::redact::Redactor;
use super::structure::sections;
use super::{Outline, OutlineOptions, Quote, Section, UNKNOWN_VOICE, quoted_ids, stances, voices};
use crate::model::{Document, Group, Passage, PassageKind, Position};
use crate::read::{ReadOptions, read_file};

/// How the files of a run were read.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// The folder the documents' paths are relative to (the pipeline file's; empty: the
    /// current directory).
    pub base: PathBuf,
    /// Each file, by its path as `documents.jsonl` gives it → (the id its first document got,
    /// read options).
    pub files: BTreeMap<PathBuf, (String, Arc<ReadOptions>)>,
}

/// Why verification could not run at all (as opposed to finding mismatches).
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("cannot read {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: not valid JSON for rapporteur", path.display())]
    Json {
        path: PathBuf,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
}

/// One thing that does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Where: a file and a location in it.
    pub at: String,
    /// What differs.
    pub message: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// What verification checked and found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Documents whose source was read again.
    pub documents: usize,
    /// Passages checked against their documents.
    pub passages: usize,
    /// Verbatim objects of the outline checked (quotes, parts, context passages).
    pub quotes: usize,
    /// Counts recomputed and compared.
    pub counts: usize,
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.mismatches.is_empty()
    }

    fn fail(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.mismatches.push(Mismatch {
            at: at.into(),
            message: message.into(),
        });
    }

    fn count<T: PartialEq + std::fmt::Debug>(&mut self, at: &str, what: &str, shown: &T, real: &T) {
        self.counts += 1;
        if shown != real {
            self.fail(
                format!("outline.json {at}"),
                format!("{what} is {shown:?}, but passages.jsonl gives {real:?}"),
            );
        }
    }
}

fn read_text(path: &Path) -> Result<String, VerifyError> {
    std::fs::read_to_string(path).map_err(|source| VerifyError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, VerifyError> {
    let text = read_text(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|source| VerifyError::Json {
                path: path.to_path_buf(),
                line: n + 1,
                source,
            })
        })
        .collect()
}

/// Verifies the outputs in `dir` (see the module doc). `inputs` gives the read options of the
/// run's files; a file not in it is read with the default options.
pub fn verify(dir: &Path, inputs: &Inputs) -> Result<Report, VerifyError> {
    let docs: Vec<Document> = jsonl(&dir.join("documents.jsonl"))?;
    let passages: Vec<Passage> = jsonl(&dir.join("passages.jsonl"))?;
    let outline_path = dir.join("outline.json");
    let raw = read_text(&outline_path)?;
    let value: Value = serde_json::from_str(&raw).map_err(|source| VerifyError::Json {
        path: outline_path.clone(),
        line: source.line(),
        source,
    })?;
    let mut report = Report::default();
    let sources = reread(&docs, inputs, &mut report);
    check_passages(&passages, &sources, &mut report);
    // The redactor the outline was drawn with: what each quote must hide, no more, no less.
    let options: OutlineOptions = value
        .get("options")
        .and_then(|o| serde_json::from_value(o.clone()).ok())
        .unwrap_or_default();
    let redactor = Redactor::for_outline(&passages, &options);
    let by_id: BTreeMap<&str, &Passage> = passages.iter().map(|p| (p.id.as_str(), p)).collect();
    match serde_json::from_value::<Outline>(value.clone()) {
        Ok(mut outline) => {
            // Neutral document ids (anonymous modes) back to the real ones.
            let real: BTreeMap<String, String> = redactor
                .neutral_ids(passages.iter().map(|p| p.doc.as_str()))
                .into_iter()
                .map(|(id, neutral)| (neutral, id))
                .collect();
            if !real.is_empty() {
                outline.rename_documents(&|id| real.get(id).cloned());
            }
            let value = serde_json::to_value(&outline).unwrap_or(value);
            walk_quotes(&value, "", &sources, &by_id, &redactor, &mut report);
            check_counts(&outline, &passages, &mut report);
            check_placement(&outline, &docs, &passages, &redactor, &mut report);
            check_edits(&outline, &passages, &mut report);
        }
        Err(e) => {
            walk_quotes(&value, "", &sources, &by_id, &redactor, &mut report);
            report.fail(
                "outline.json",
                format!("not an outline of this version: {e}"),
            );
        }
    }
    Ok(report)
}

/// Reads every source again; the texts by document id (only where the source still reads and
/// agrees with `documents.jsonl`).
fn reread(docs: &[Document], inputs: &Inputs, report: &mut Report) -> BTreeMap<String, String> {
    let mut by_path: BTreeMap<PathBuf, Vec<&Document>> = BTreeMap::new();
    for d in docs {
        by_path.entry(d.source_path()).or_default().push(d);
    }
    let plain = Arc::new(ReadOptions::default());
    type Reread<'a> = (Vec<&'a Document>, Result<Vec<Document>, String>);
    let results: Vec<Reread> = by_path
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(path, list)| {
            let (id, opts) = match inputs.files.get(&path) {
                Some((id, opts)) => (id.clone(), opts.clone()),
                None => {
                    let first = list.first().map_or("", |d| d.id.as_str());
                    let id = if list.len() > 1 {
                        first.rsplit_once(':').map_or(first, |(f, _)| f)
                    } else {
                        first
                    };
                    (id.to_string(), plain.clone())
                }
            };
            let file = inputs.base.join(&path);
            let read = read_file(&file, &id, &opts).map_err(|e| e.to_string());
            (list, read)
        })
        .collect();
    let mut texts = BTreeMap::new();
    for (list, read) in results {
        match read {
            Err(e) => {
                for d in list {
                    report.fail(
                        format!("documents.jsonl {}", d.id),
                        format!("cannot read the source again: {e}"),
                    );
                }
            }
            Ok(again) => {
                let by_id: BTreeMap<&str, &Document> =
                    again.iter().map(|d| (d.id.as_str(), d)).collect();
                for d in list {
                    report.documents += 1;
                    match by_id.get(d.id.as_str()) {
                        None => report.fail(
                            format!("documents.jsonl {}", d.id),
                            format!("re-reading {} gives no document with this id", d.path),
                        ),
                        Some(now) if now.text != d.text => {
                            let at = first_difference(&now.text, &d.text);
                            report.fail(
                                format!("documents.jsonl {}", d.id),
                                format!(
                                    "the source {} changed: its text differs from documents.jsonl at byte {at}",
                                    d.path
                                ),
                            );
                        }
                        Some(now) => {
                            texts.insert(d.id.clone(), now.text.clone());
                        }
                    }
                }
            }
        }
    }
    texts
}

fn first_difference(a: &str, b: &str) -> usize {
    a.bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

fn check_passages(passages: &[Passage], sources: &BTreeMap<String, String>, report: &mut Report) {
    for p in passages {
        let Some(text) = sources.get(&p.doc) else {
            continue;
        };
        report.passages += 1;
        if text.get(p.start..p.end) != Some(p.text.as_str()) {
            report.fail(
                format!("passages.jsonl {}", p.id),
                format!("text differs from its source bytes {}..{}", p.start, p.end),
            );
        }
        // Each stance cue and its object: inside the passage, the exact source slice.
        let spans = p.stance.cues.iter().flat_map(|c| {
            std::iter::once((c.start, c.end, c.text.as_str()))
                .chain(c.object.iter().map(|o| (o.start, o.end, o.text.as_str())))
        });
        for (s, e, t) in spans {
            if s < p.start || e > p.end || text.get(s..e) != Some(t) {
                report.fail(
                    format!("passages.jsonl {} stance", p.id),
                    format!("{t:?} is not its source bytes {s}..{e}"),
                );
            }
        }
    }
}

/// Every speaker name and alias, for checking name redactions.
fn short(s: &str) -> String {
    let flat = collapse(s);
    if flat.chars().count() <= 60 {
        flat
    } else {
        format!("{}…", flat.chars().take(60).collect::<String>())
    }
}

/// Walks `outline.json`, checking every object with `doc`, `start` and `end`.
fn walk_quotes(
    node: &Value,
    at: &str,
    sources: &BTreeMap<String, String>,
    passages: &BTreeMap<&str, &Passage>,
    names: &Redactor,
    report: &mut Report,
) {
    match node {
        Value::Object(map) => {
            let span = (
                map.get("doc").and_then(Value::as_str),
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
            );
            if let (Some(doc), Some(start), Some(end)) = span {
                check_quote(map, at, doc, start, end, sources, passages, names, report);
            }
            for (k, v) in map {
                let here = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                walk_quotes(v, &here, sources, passages, names, report);
            }
        }
        Value::Array(items) => {
            for (n, v) in items.iter().enumerate() {
                walk_quotes(v, &format!("{at}[{n}]"), sources, passages, names, report);
            }
        }
        _ => {}
    }
}

#[allow(clippy::too_many_arguments)]
fn check_quote(
    map: &serde_json::Map<String, Value>,
    at: &str,
    doc: &str,
    start: u64,
    end: u64,
    sources: &BTreeMap<String, String>,
    passages: &BTreeMap<&str, &Passage>,
    names: &Redactor,
    report: &mut Report,
) {
    let here = format!("outline.json {at}");
    let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
        report.fail(here, "offsets out of range");
        return;
    };
    report.quotes += 1;
    let Some(source) = sources.get(doc) else {
        report.fail(
            here,
            format!("document {doc} cannot be checked against its source"),
        );
        return;
    };
    let Some(slice) = source.get(start..end) else {
        report.fail(
            here,
            format!(
                "bytes {start}..{end} are not a span of {doc} ({} bytes)",
                source.len()
            ),
        );
        return;
    };
    if let Some(id) = map.get("passage").and_then(Value::as_str) {
        match passages.get(id) {
            None => report.fail(&here, format!("passage {id} is not in passages.jsonl")),
            Some(p) if p.doc != doc || start < p.start || end > p.end => report.fail(
                &here,
                format!("bytes {start}..{end} of {doc} are not inside passage {id}"),
            ),
            Some(_) => {}
        }
    }
    // What the redactor hides in a quote (a part of a quote is checked as a slice only).
    let expected: Vec<(usize, usize, super::RedactionKind)> = if map.contains_key("passage") {
        names
            .spans(slice)
            .into_iter()
            .map(|(s, e, k)| (start + s, start + e, k))
            .collect()
    } else {
        Vec::new()
    };
    if let Some(text) = map.get("text") {
        for (s, e, kind) in &expected {
            report.fail(
                &here,
                format!(
                    "bytes {s}..{e} hold {} that the quote does not hide",
                    kind.placeholder()
                ),
            );
        }
        if text.as_str() != Some(slice) {
            report.fail(
                here,
                format!(
                    "text differs from {doc} bytes {start}..{end}: {:?} vs {:?}",
                    short(text.as_str().unwrap_or_default()),
                    short(slice)
                ),
            );
        }
        return;
    }
    let Some(parts) = map.get("parts").and_then(Value::as_array) else {
        report.fail(here, "a quote with neither text nor parts");
        return;
    };
    // Parts and redactions must tile start..end; display must be their join.
    let mut pieces: Vec<(usize, usize, Option<String>)> = Vec::new();
    for p in parts {
        let (Some(s), Some(e)) = (
            p.get("start").and_then(Value::as_u64),
            p.get("end").and_then(Value::as_u64),
        ) else {
            continue;
        };
        pieces.push((s as usize, e as usize, None));
    }
    let redactions = map
        .get("redactions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for r in &redactions {
        let (Some(s), Some(e), Some(kind)) = (
            r.get("start").and_then(Value::as_u64),
            r.get("end").and_then(Value::as_u64),
            r.get("kind")
                .and_then(|k| serde_json::from_value(k.clone()).ok()),
        ) else {
            report.fail(&here, "a redaction without start, end and kind");
            continue;
        };
        let (s, e) = (s as usize, e as usize);
        let kind: super::RedactionKind = kind;
        if !expected.contains(&(s, e, kind)) {
            report.fail(
                &here,
                format!("redaction {s}..{e} does not hide {}", kind.placeholder()),
            );
        }
        pieces.push((s, e, Some(kind.placeholder().to_string())));
    }
    for &(s, e, kind) in &expected {
        let recorded = redactions.iter().any(|r| {
            r.get("start").and_then(Value::as_u64) == Some(s as u64)
                && r.get("end").and_then(Value::as_u64) == Some(e as u64)
        });
        if !recorded {
            report.fail(
                &here,
                format!(
                    "bytes {s}..{e} hold {} that the quote does not hide",
                    kind.placeholder()
                ),
            );
        }
    }
    pieces.sort_by_key(|&(s, e, _)| (s, e));
    let mut at_byte = start;
    let mut display = String::new();
    for (s, e, placeholder) in &pieces {
        if *s != at_byte || e < s {
            report.fail(
                &here,
                format!("parts and redactions do not tile bytes {start}..{end} (gap or overlap at {at_byte})"),
            );
            return;
        }
        match placeholder {
            Some(p) => display.push_str(p),
            None => display.push_str(source.get(*s..*e).unwrap_or_default()),
        }
        at_byte = *e;
    }
    if at_byte != end {
        report.fail(
            &here,
            format!("parts and redactions stop at {at_byte}, not {end}"),
        );
    }
    if map.get("display").and_then(Value::as_str) != Some(display.as_str()) {
        report.fail(
            here,
            "display is not the parts joined with their placeholders",
        );
    }
}

/// Named participants per group and in all, as `participants.json` counts them.
fn people(passages: &[Passage]) -> (usize, BTreeMap<String, usize>) {
    let list = crate::attribute::participants(passages);
    let mut by_group = BTreeMap::new();
    for p in &list {
        *by_group
            .entry(p.group.map_or(UNKNOWN_VOICE, Group::as_str).to_string())
            .or_insert(0) += 1;
    }
    (list.len(), by_group)
}

/// The proposed edits: each is a tracked change of its draft (its passage a revision of that
/// action and date, after the paragraph it is listed under and before the next one), every
/// tracked change of the draft is listed once, and the reviewers' counts and dates are what
/// the edits give.
pub(crate) fn check_edits(outline: &Outline, passages: &[Passage], report: &mut Report) {
    let by_id: BTreeMap<&str, usize> = passages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    for (n, d) in outline.edits.iter().enumerate() {
        let at = format!("edits[{n}] ({})", d.doc);
        let mut listed = BTreeSet::new();
        for (k, para) in d.paragraphs.iter().enumerate() {
            let of = para
                .passage
                .as_deref()
                .and_then(|id| by_id.get(id).copied());
            for e in &para.edits {
                report.counts += 1;
                let Some(&i) = by_id.get(e.quote.passage.as_str()) else {
                    report.fail(
                        format!("outline.json {at}.paragraphs[{k}]"),
                        format!("{} is not in passages.jsonl", e.quote.passage),
                    );
                    continue;
                };
                let p = &passages[i];
                let same = p.doc == d.doc
                    && super::edits::action(p) == Some(e.action)
                    && super::edits::edit_date(p) == e.date;
                // Listed under the last passage of the draft before it that is not a change.
                let under = passages[..i]
                    .iter()
                    .rposition(|q| q.doc == p.doc && q.kind != PassageKind::Revision);
                if !same || under != of || !listed.insert(i) {
                    report.fail(
                        format!("outline.json {at}.paragraphs[{k}]"),
                        format!(
                            "{}: its action, date or paragraph is not what passages.jsonl gives, or it is listed twice",
                            e.quote.passage
                        ),
                    );
                }
            }
        }
        let real = passages
            .iter()
            .filter(|p| p.doc == d.doc && super::edits::action(p).is_some())
            .count();
        report.count(&format!("{at}.edits"), "tracked changes", &d.edits, &real);
        report.count(
            &format!("{at}.edits listed"),
            "tracked changes listed",
            &listed.len(),
            &real,
        );
        let reviewers = super::edits::reviewers(d.paragraphs.iter().flat_map(|p| p.edits.iter()));
        report.count(
            &format!("{at}.reviewers"),
            "reviewers",
            &d.reviewers,
            &reviewers,
        );
    }
}

/// Each quote once: no span of a document is printed in two sections; every "also under"
/// names a section that prints that passage; the coverage of the overview recounted.
fn check_placement(
    outline: &Outline,
    docs: &[Document],
    passages: &[Passage],
    redactor: &Redactor,
    report: &mut Report,
) {
    let mut spans: BTreeMap<&str, Vec<(usize, usize, usize)>> = BTreeMap::new();
    let all: Vec<Vec<&Quote>> = outline.sections.iter().map(Section::printed).collect();
    for (n, quotes) in all.iter().enumerate() {
        for q in quotes {
            spans
                .entry(q.doc.as_str())
                .or_default()
                .push((q.start, q.end, n));
        }
    }
    for (doc, list) in &mut spans {
        list.sort_unstable();
        let mut reach: Option<(usize, usize)> = None;
        for &(s, e, n) in list.iter() {
            if let Some((end, m)) = reach {
                if s < end && m != n {
                    let name = |k: usize| outline.sections.get(k).map_or("", |x| x.id.as_str());
                    report.fail(
                        format!("outline.json {doc} {s}..{e}"),
                        format!(
                            "printed in two sections ({} and {}): each quote is printed once",
                            name(m),
                            name(n)
                        ),
                    );
                }
            }
            if reach.is_none_or(|(end, _)| e > end) {
                reach = Some((e, n));
            }
        }
    }
    let mut texts: BTreeMap<String, usize> = BTreeMap::new();
    for (n, quotes) in all.iter().enumerate() {
        for q in quotes {
            let key = super::placement::text_key(q.shown());
            match texts.get(&key) {
                Some(&m) if m != n => report.fail(
                    format!("outline.json {} {}..{}", q.doc, q.start, q.end),
                    format!(
                        "its text is printed in two sections ({} and {}): each quote is printed once",
                        outline.sections.get(m).map_or("", |x| x.id.as_str()),
                        outline.sections.get(n).map_or("", |x| x.id.as_str())
                    ),
                ),
                Some(_) => {}
                None => {
                    texts.insert(key, n);
                }
            }
        }
    }
    for (n, s) in outline.sections.iter().enumerate() {
        for (k, a) in s.also.iter().enumerate() {
            let home = outline.sections.iter().position(|x| x.id == a.section);
            let prints = home
                .and_then(|h| all.get(h))
                .is_some_and(|qs| qs.iter().any(|q| q.passage == a.passage));
            report.counts += 1;
            if !prints || home == Some(n) {
                report.fail(
                    format!("outline.json sections[{n}] ({}).also[{k}]", s.id),
                    format!("{} is not printed under {}", a.passage, a.section),
                );
            }
        }
    }
    let paths: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.path.as_str()))
        .collect();
    let real = super::overview::coverage(
        &paths,
        passages,
        &quoted_ids(&outline.sections, &outline.campaigns, &outline.edits),
        &|p| redactor.display_id(p),
    );
    let c = &outline.overview.coverage;
    report.count(
        "overview.coverage.passages",
        "passages",
        &c.passages,
        &real.passages,
    );
    report.count(
        "overview.coverage.no_theme",
        "passages no theme matches",
        &c.no_theme,
        &real.no_theme,
    );
    report.count(
        "overview.coverage.quoted",
        "passages quoted",
        &c.quoted,
        &real.quoted,
    );
    report.count(
        "overview.coverage.sources",
        "coverage per source",
        &c.sources,
        &real.sources,
    );
}

fn check_counts(outline: &Outline, passages: &[Passage], report: &mut Report) {
    let o = &outline.overview;
    let docs: BTreeSet<&str> = passages.iter().map(|p| p.doc.as_str()).collect();
    report.count(
        "overview.documents",
        "the number of documents",
        &o.documents,
        &docs.len(),
    );
    report.count(
        "overview.passages",
        "the number of passages",
        &o.passages,
        &passages.len(),
    );
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for p in passages {
        *kinds.entry(p.kind.as_str().to_string()).or_insert(0) += 1;
    }
    report.count("overview.kinds", "passages per kind", &o.kinds, &kinds);
    let (n, by_group) = people(passages);
    report.count(
        "overview.participants",
        "the number of participants",
        &o.participants,
        &n,
    );
    report.count(
        "overview.participants_by_group",
        "participants per group",
        &o.participants_by_group,
        &by_group,
    );
    report.count(
        "overview.anonymous_passages",
        "passages by anonymous contributors",
        &o.anonymous_passages,
        &crate::attribute::anonymous_count(passages),
    );
    report.count(
        "overview.voices",
        "passages per voice",
        &o.voices,
        &voices(passages.iter()),
    );
    report.count(
        "overview.stances",
        "passages per stance and voice",
        &o.stances,
        &stances(passages.iter()),
    );

    let mut feats: Vec<Option<Features>> = passages
        .par_iter()
        .map(|p| (p.kind != PassageKind::Heading).then(|| features(&p.text)))
        .collect();
    weigh(&mut feats);
    let dups = detect(passages, &feats, outline.options.min_campaign);
    let s = &o.submissions;
    report.count(
        "overview.submissions.submissions",
        "submissions",
        &s.submissions,
        &dups.documents,
    );
    report.count(
        "overview.submissions.in_campaigns",
        "submissions in campaigns",
        &s.in_campaigns,
        &dups.in_form_letters,
    );
    report.count(
        "overview.submissions.unique",
        "unique submissions",
        &s.unique,
        &(dups.documents - dups.in_form_letters.min(dups.documents)),
    );
    let sizes: Vec<(usize, usize)> = dups
        .campaigns
        .iter()
        .map(|c| (c.docs.len(), c.passages.len()))
        .collect();
    let shown: Vec<(usize, usize)> = outline
        .campaigns
        .iter()
        .map(|c| (c.submissions, c.passages))
        .collect();
    report.count(
        "campaigns",
        "campaign sizes (submissions, passages)",
        &shown,
        &sizes,
    );
    for (k, c) in outline.campaigns.iter().enumerate() {
        report.count(
            &format!("campaigns[{k}].submissions"),
            "the number of documents listed",
            &c.submissions,
            &c.documents.len(),
        );
    }

    let heard: BTreeSet<Group> = passages.iter().filter_map(|p| p.voice).collect();
    let by_id: BTreeMap<&str, usize> = passages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    // Section definitions do not depend on labels, only on ids and members.
    let specs = sections(passages, &feats, outline.options.by, &[]);
    let specs: BTreeMap<&str, &super::structure::Spec> =
        specs.iter().map(|s| (s.id.as_str(), s)).collect();
    report.count(
        "sections",
        "the number of sections",
        &outline.sections.len(),
        &specs.len(),
    );
    for (n, section) in outline.sections.iter().enumerate() {
        let at = format!("sections[{n}] ({})", section.id);
        let Some(spec) = specs.get(section.id.as_str()) else {
            report.fail(
                format!("outline.json {at}"),
                "no such section in passages.jsonl",
            );
            continue;
        };
        let members: Vec<&Passage> = spec
            .members
            .iter()
            .filter_map(|&i| passages.get(i))
            .collect();
        report.count(
            &format!("{at}.passages"),
            "passages",
            &section.passages,
            &members.len(),
        );
        let distinct: BTreeSet<usize> = spec
            .members
            .iter()
            .map(|&i| dups.rep.get(i).copied().unwrap_or(i))
            .collect();
        report.count(
            &format!("{at}.distinct"),
            "distinct passages",
            &section.distinct,
            &distinct.len(),
        );
        let sdocs: BTreeSet<&str> = members.iter().map(|p| p.doc.as_str()).collect();
        report.count(
            &format!("{at}.documents"),
            "documents",
            &section.documents,
            &sdocs.len(),
        );
        let v = voices(members.iter().copied());
        report.count(
            &format!("{at}.voices"),
            "passages per voice",
            &section.voices,
            &v,
        );
        let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for p in &members {
            if let Some(name) = speaker_key(p) {
                let g = p.voice;
                names
                    .entry(g.map_or(UNKNOWN_VOICE, Group::as_str).to_string())
                    .or_default()
                    .insert(name);
            }
        }
        let people: BTreeMap<String, usize> =
            names.into_iter().map(|(g, s)| (g, s.len())).collect();
        report.count(
            &format!("{at}.participants"),
            "participants per group",
            &section.participants,
            &people,
        );
        let silent: Vec<Group> = heard
            .iter()
            .filter(|g| !v.contains_key(g.as_str()))
            .copied()
            .collect();
        report.count(
            &format!("{at}.silent"),
            "silent groups",
            &section.silent,
            &silent,
        );
        for (k, r) in section.recommendations.iter().enumerate() {
            let at = format!("{at}.recommendations[{k}]");
            let idx: Vec<usize> = r
                .members
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            if idx.len() != r.members.len() {
                report.fail(
                    format!("outline.json {at}.members"),
                    "names a passage not in passages.jsonl",
                );
            }
            if !r.members.contains(&r.quote.passage) {
                report.fail(
                    format!("outline.json {at}"),
                    "its wording is not from one of its members",
                );
            }
            let set: BTreeSet<usize> = idx.iter().copied().collect();
            let mut rdocs = BTreeSet::new();
            let mut who = BTreeSet::new();
            let mut groups = BTreeSet::new();
            for &i in &set {
                let Some(p) = passages.get(i) else { continue };
                rdocs.insert(p.doc.as_str());
                who.extend(speaker_key(p));
                groups.extend(p.voice);
            }
            let rb = &r.raised_by;
            report.count(
                &format!("{at}.raised_by.passages"),
                "passages",
                &rb.passages,
                &set.len(),
            );
            report.count(
                &format!("{at}.raised_by.documents"),
                "documents",
                &rb.documents,
                &rdocs.len(),
            );
            report.count(
                &format!("{at}.raised_by.participants"),
                "participants",
                &rb.participants,
                &who.len(),
            );
            let groups: Vec<Group> = groups.into_iter().collect();
            report.count(
                &format!("{at}.raised_by.groups"),
                "groups",
                &rb.groups,
                &groups,
            );
            // Who supports and opposes it: passages whose stance takes that side, none of
            // them a member, their participants and groups recounted.
            for (what, stand, side) in [
                ("supporters", &r.supporters, Position::Supports),
                ("opposers", &r.opposers, Position::Opposes),
            ] {
                let mut who = BTreeSet::new();
                let mut groups = BTreeSet::new();
                for id in &stand.passages {
                    let p = by_id.get(id.as_str()).and_then(|&i| passages.get(i));
                    let takes = p.is_some_and(|p| {
                        p.stance.cues.iter().any(|c| c.position == side)
                            && !r.members.contains(&p.id)
                    });
                    if !takes {
                        report.fail(
                            format!("outline.json {at}.{what}"),
                            format!("{id} takes no such stance in passages.jsonl, or raises it"),
                        );
                    }
                    if let Some(p) = p {
                        who.extend(speaker_key(p));
                        groups.extend(p.voice);
                    }
                }
                report.count(
                    &format!("{at}.{what}.participants"),
                    "participants",
                    &stand.participants,
                    &who.len(),
                );
                let groups: Vec<Group> = groups.into_iter().collect();
                report.count(
                    &format!("{at}.{what}.groups"),
                    "groups",
                    &stand.groups,
                    &groups,
                );
            }
        }
    }
}
