//! `rapporteur ingest --jsonl`: passages as JSON Lines on standard output, for pipes and larger
//! engines (Spark's `RDD.pipe`, Ray, a shell pipeline).
//!
//! Inputs are the paths given, or — with none, or `-` — the lines of standard input: a line
//! that starts with `{` is one contribution record (`{"id": …, "text": …, "author": …}`, the
//! columns of the combined contributions file), any other line is a path, read as the same
//! path given as an argument. A file is listed, named and read as `run` and `ingest --out`
//! do ([`pipeline::collect_inputs`]): a document's id does not depend on how its path is
//! typed (`corpus` or `/tmp/x/corpus` both give `corpus/a`). Work goes in
//! chunks of lines processed in parallel and written in input order, so memory stays bounded
//! however long the stream; one document's passages are written together. Once the reader of
//! standard output has gone, no further chunk is read or processed: the output is all there is.
//! Attribution is per document (a corpus-wide roster of participants needs the whole corpus:
//! use `run`).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rapporteur::model::{Document, Passage};
use rapporteur::pipeline;
use rapporteur::read::{self, ReadOptions};
use rapporteur::tag::Tagger;
use rayon::prelude::*;

use super::output::{self, errln};

/// The documents of one item with their passages.
type Processed = Vec<(Document, Vec<Passage>)>;

/// What came of one item: its documents, or a record passed over with a warning (no text, as a
/// row without text is in `run`), or an error.
enum Outcome {
    Read(Processed),
    Skipped(String),
}

/// Lines processed together: bounded memory, enough for every core.
const CHUNK: usize = 512;

enum Item {
    /// A file, listed as `run` lists it.
    Input(pipeline::Input),
    Record {
        line: usize,
        json: String,
    },
    /// What listing a path gave besides files: an error, or a warning (a file no reader takes,
    /// inside a directory), reported in its place in the stream.
    Listed(Result<String, String>),
}

/// The items of a path: its files, then what could not be listed.
fn listed(inputs: pipeline::Inputs) -> impl Iterator<Item = Item> {
    let warnings = inputs
        .skipped
        .into_iter()
        .map(|w| Ok(format!("{}: {}", w.path, w.error)));
    let errors = inputs
        .errors
        .into_iter()
        .map(|e| Err(format!("{}: {}", e.path, e.error)));
    let files = inputs.files.into_iter().map(Item::Input);
    warnings.chain(errors).map(Item::Listed).chain(files)
}

pub fn ingest_jsonl(paths: &[PathBuf], taxonomy: Option<&Path>) -> anyhow::Result<ExitCode> {
    let tagger = super::run::load_tagger(taxonomy)?;
    let mut failed = 0usize;
    let mut out = output::stdout();
    let from_stdin = paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-");
    if !from_stdin {
        let items: Vec<Item> = listed(pipeline::collect_inputs(paths)).collect();
        for chunk in items.chunks(CHUNK) {
            failed += emit(chunk, &tagger, &mut out)?;
            if out.gone() {
                break;
            }
        }
    } else {
        let stdin = std::io::stdin();
        let mut items = Vec::with_capacity(CHUNK);
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line?;
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with('{') {
                items.push(Item::Record {
                    line: n + 1,
                    json: t.to_string(),
                });
            } else {
                items.extend(listed(pipeline::collect_inputs(&[PathBuf::from(t)])));
            }
            if items.len() >= CHUNK {
                failed += emit(&items, &tagger, &mut out)?;
                items.clear();
                if out.gone() {
                    // The reader has gone: what is left of the stream would be for nobody.
                    break;
                }
            }
        }
        if !out.gone() {
            failed += emit(&items, &tagger, &mut out)?;
        }
    }
    out.finish()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Processes a chunk in parallel and writes its passages in order; returns the failures.
fn emit(items: &[Item], tagger: &Tagger, out: &mut impl Write) -> anyhow::Result<usize> {
    let results: Vec<Result<Outcome, String>> =
        items.par_iter().map(|item| process(item, tagger)).collect();
    let mut failed = 0;
    for r in results {
        match r {
            Ok(Outcome::Skipped(warning)) => errln!("rapporteur: warning: {warning}"),
            Ok(Outcome::Read(docs)) => {
                for (doc, passages) in docs {
                    for w in &doc.warnings {
                        errln!("rapporteur: warning: {}: {w}", doc.path);
                    }
                    for p in passages {
                        serde_json::to_writer(&mut *out, &p)?;
                        out.write_all(b"\n")?;
                    }
                }
            }
            Err(e) => {
                errln!("rapporteur: {e}");
                failed += 1;
            }
        }
    }
    Ok(failed)
}

fn process(item: &Item, tagger: &Tagger) -> Result<Outcome, String> {
    let docs = match item {
        Item::Input(input) => input
            .read()
            .map_err(|e| format!("{}: {}", e.path, e.error))?,
        Item::Listed(Ok(warning)) => return Ok(Outcome::Skipped(warning.clone())),
        Item::Listed(Err(error)) => return Err(error.clone()),
        Item::Record { line, json } => {
            // A record without an id is keyed by its line number in the stream.
            let mut value: serde_json::Value =
                serde_json::from_str(json).map_err(|e| format!("stdin:{line}: not JSON: {e}"))?;
            if let Some(obj) = value.as_object_mut()
                && !obj.contains_key("id")
            {
                obj.insert("id".to_string(), serde_json::Value::from(line.to_string()));
            }
            let text = value.get("text").and_then(serde_json::Value::as_str);
            if value.is_object() && text.is_none_or(|t| t.trim().is_empty()) {
                return Ok(Outcome::Skipped(format!(
                    "stdin:{line}: a record without text (field \"text\" is empty or absent); skipped"
                )));
            }
            let bytes = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
            let column = |c: &str| Some(c.to_string());
            let opts = ReadOptions {
                format: Some("jsonl".to_string()),
                // The columns of the combined contributions file, by name.
                columns: Some(read::ColumnMap {
                    text: column("text"),
                    id: column("id"),
                    author: column("author"),
                    organisation: column("organisation"),
                    group: column("sector"),
                    date: column("created"),
                    question: column("question"),
                    parent: column("parent"),
                }),
                ..ReadOptions::default()
            };
            read::read_bytes_with(&bytes, "stdin", "stdin.jsonl", &opts)
                .map_err(|e| format!("stdin:{line}: {e}"))?
        }
    };
    Ok(Outcome::Read(
        docs.into_iter()
            .map(|d| pipeline::process_document(d, tagger))
            .collect(),
    ))
}
