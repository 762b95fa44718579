//! `rapporteur index`: build an index from files, or from the JSONL passages that
//! `ingest --jsonl` writes (for corpora processed by a larger engine).

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rapporteur::model::{DocInfo, Document, Passage};
use rapporteur::pipeline;

use super::output::errln;

/// `index PATH... --index DIR`: read, segment, attribute, tag and index files.
pub fn from_files(
    paths: &[PathBuf],
    dir: &Path,
    taxonomy: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let tagger = super::run::load_tagger(taxonomy)?;
    let inputs = pipeline::collect_inputs(paths);
    let builder = rapporteur::index::IndexBuilder::create(dir)
        .with_context(|| format!("cannot write the index {}", dir.display()))?;
    // Scratch files beside the index (on its file system, never in a small `$TMPDIR`), never
    // inside it (it must hold only the index): a private folder, created exclusively and
    // removed when dropped. The builder has created the index folder, so its parent exists.
    let beside = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let scratch = tempfile::Builder::new()
        .prefix(".rapporteur-index-")
        .tempdir_in(beside)
        .with_context(|| format!("cannot create a scratch folder in {}", beside.display()))?;
    let streamed = pipeline::ingest_streaming(
        &inputs.files,
        &tagger,
        pipeline::IngestSettings::default(),
        pipeline::Outputs {
            dir: None,
            scratch: scratch.path(),
            index: Some(builder),
        },
    );
    drop(scratch);
    let mut corpus =
        streamed.with_context(|| format!("cannot write the index {}", dir.display()))?;
    corpus.errors.splice(0..0, inputs.errors);
    for e in &corpus.errors {
        errln!("rapporteur: {}: {}", e.path, e.error);
    }
    let (docs, passages) = corpus.index.map_or((0, 0), |s| (s.docs, s.passages));
    errln!(
        "rapporteur: indexed {passages} passages of {docs} documents in {}",
        dir.display()
    );
    Ok(if corpus.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `index --from-jsonl FILE... --index DIR`: lines of passages (`ingest --jsonl`,
/// `passages.jsonl`) and, optionally, of documents (`documents.jsonl`) for their titles.
/// `-` reads standard input.
pub fn from_jsonl(files: &[PathBuf], dir: &Path) -> anyhow::Result<ExitCode> {
    let mut passages: Vec<Passage> = Vec::new();
    let mut docs: BTreeMap<String, DocInfo> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut bad = 0usize;
    for file in files {
        let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(file)
                    .with_context(|| format!("cannot read {}", file.display()))?,
            ))
        };
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("cannot read {}", file.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_str(&line) {
                Ok(v) => v,
                Err(e) => {
                    errln!("rapporteur: {}:{}: not JSON: {e}", file.display(), n + 1);
                    bad += 1;
                    continue;
                }
            };
            let is_document = value.get("format").is_some()
                && value.get("kind").is_some()
                && value.get("start").is_none();
            if is_document {
                match serde_json::from_value::<Document>(value) {
                    Ok(d) => {
                        docs.insert(d.id.clone(), DocInfo::from(&d));
                    }
                    Err(e) => {
                        errln!(
                            "rapporteur: {}:{}: not a document: {e}",
                            file.display(),
                            n + 1
                        );
                        bad += 1;
                    }
                }
                continue;
            }
            match serde_json::from_value::<Passage>(value) {
                Ok(p) => {
                    if order.last() != Some(&p.doc)
                        && !docs.contains_key(&p.doc)
                        && !order.contains(&p.doc)
                    {
                        order.push(p.doc.clone());
                    }
                    passages.push(p);
                }
                Err(e) => {
                    errln!(
                        "rapporteur: {}:{}: not a passage: {e}",
                        file.display(),
                        n + 1
                    );
                    bad += 1;
                }
            }
        }
    }
    // Documents only known through their passages get their id as path and no title.
    for id in order {
        docs.entry(id.clone()).or_insert(DocInfo {
            id: id.clone(),
            path: id,
            format: "unknown".to_string(),
            title: None,
            kind: "unknown".to_string(),
        });
    }
    let mut infos: Vec<DocInfo> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for p in &passages {
        if seen.insert(p.doc.clone())
            && let Some(d) = docs.get(&p.doc)
        {
            infos.push(d.clone());
        }
    }
    let summary = rapporteur::index::write_index(dir, &infos, &passages)
        .with_context(|| format!("cannot write the index {}", dir.display()))?;
    errln!(
        "rapporteur: indexed {} passages of {} documents in {}{}",
        summary.passages,
        summary.docs,
        dir.display(),
        if bad > 0 {
            format!("; {bad} lines could not be read")
        } else {
            String::new()
        }
    );
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
