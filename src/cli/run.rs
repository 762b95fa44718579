//! `rapporteur run` and `rapporteur ingest`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use rapporteur::model::DocInfo;
use rapporteur::pipeline::{self, Corpus, FileError};
use rapporteur::synth::{self, OutlineOptions};
use rapporteur::tag::{Tagger, Taxonomy};
use serde_json::json;

use super::config;

fn load_tagger(taxonomy: Option<&Path>) -> anyhow::Result<Tagger> {
    let tax = match taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default_multistakeholder()?,
    };
    Ok(Tagger::new(tax))
}

fn report_errors(errors: &[FileError]) {
    for e in errors {
        eprintln!("rapporteur: {}: {}", e.path, e.error);
    }
}

fn report_warnings(warnings: &[FileError]) {
    for w in warnings {
        eprintln!("rapporteur: warning: {}: {}", w.path, w.error);
    }
}

/// `ingest PATH... --out DIR`: the first three outputs.
pub fn ingest(paths: &[PathBuf], out: &Path, taxonomy: Option<&Path>) -> anyhow::Result<ExitCode> {
    let tagger = load_tagger(taxonomy)?;
    let inputs = pipeline::collect_inputs(paths);
    let mut corpus = pipeline::ingest(&inputs.files, &tagger);
    corpus.errors.splice(0..0, inputs.errors);
    pipeline::write_corpus(out, &corpus)
        .with_context(|| format!("cannot write outputs to {}", out.display()))?;
    report_warnings(&inputs.skipped);
    report_errors(&corpus.errors);
    eprintln!(
        "rapporteur: {} documents, {} passages, {} participants → {}{}",
        corpus.documents.len(),
        corpus.passages.len(),
        corpus.participants.len(),
        out.display(),
        failed_note(&corpus.errors)
    );
    Ok(exit(&corpus))
}

fn failed_note(errors: &[FileError]) -> String {
    match errors.len() {
        0 => String::new(),
        1 => "; 1 file failed".to_string(),
        n => format!("; {n} files failed"),
    }
}

fn exit(corpus: &Corpus) -> ExitCode {
    if corpus.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `run [PIPELINE]`: ingest, index, outline, run report.
pub fn run(pipeline_path: &Path, quiet: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let cfg = config::load(pipeline_path)?;
    let tagger = load_tagger(cfg.taxonomy.as_deref())?;
    let out = &cfg.output;
    let inputs = pipeline::collect_sources(&cfg.sources);
    let t = Instant::now();
    let mut corpus = pipeline::ingest_with(&inputs.files, &tagger, &cfg.roster);
    corpus.errors.splice(0..0, inputs.errors.clone());
    let ingest_ms = t.elapsed().as_millis();
    pipeline::write_corpus(out, &corpus)
        .with_context(|| format!("cannot write outputs to {}", out.display()))?;

    let t = Instant::now();
    let docs: Vec<DocInfo> = corpus.documents.iter().map(DocInfo::from).collect();
    let index_dir = out.join("index");
    rapporteur::index::write_index(&index_dir, &docs, &corpus.passages)
        .with_context(|| format!("cannot write the index {}", index_dir.display()))?;
    let index_ms = t.elapsed().as_millis();

    let t = Instant::now();
    let labels = super::outline::owned(tagger.taxonomy().labels());
    let outline = synth::build(&docs, &corpus.passages, &labels, &OutlineOptions::default());
    let md = synth::markdown::render(&outline);
    let js = synth::json::render(&outline);
    let page = synth::html::render(&outline);
    pipeline::write_atomic(&out.join("outline.json"), |w| w.write_all(js.as_bytes()))?;
    pipeline::write_atomic(&out.join("outline.md"), |w| w.write_all(md.as_bytes()))?;
    pipeline::write_atomic(&out.join("report.html"), |w| w.write_all(page.as_bytes()))?;
    let outline_ms = t.elapsed().as_millis();

    // Every quote against its re-read source, every count against passages.jsonl.
    let t = Instant::now();
    let checked = synth::verify::verify(out, &super::verify::inputs_of(&inputs.files))
        .with_context(|| format!("cannot verify the outputs in {}", out.display()))?;
    let verify_ms = t.elapsed().as_millis();

    let files: Vec<_> = inputs
        .files
        .iter()
        .map(|f| {
            let hash = std::fs::read(&f.path)
                .map(|b| pipeline::content_hash(&b))
                .unwrap_or_default();
            json!({"path": f.path.display().to_string(), "id": f.id, "fnv1a64": hash})
        })
        .collect();
    let report = json!({
        "pipeline": cfg.name,
        "version": env!("CARGO_PKG_VERSION"),
        "inputs": files,
        "counts": {
            "documents": corpus.documents.len(),
            "passages": corpus.passages.len(),
            "participants": corpus.participants.len(),
            "outline_sections": outline.sections.len(),
            "failed_files": corpus.errors.len(),
        },
        "errors": corpus.errors,
        "warnings": inputs.skipped,
        "verify": {
            "documents": checked.documents,
            "passages": checked.passages,
            "quotes": checked.quotes,
            "counts": checked.counts,
            "mismatches": checked.mismatches.iter().map(ToString::to_string).collect::<Vec<_>>(),
        },
        "timings_ms": {
            "ingest": ingest_ms,
            "index": index_ms,
            "outline": outline_ms,
            "verify": verify_ms,
            "total": started.elapsed().as_millis(),
        },
    });
    pipeline::write_atomic(&out.join("run.json"), |w| {
        serde_json::to_writer_pretty(&mut *w, &report)?;
        w.write_all(b"\n")
    })?;
    report_warnings(&inputs.skipped);
    report_errors(&corpus.errors);
    if !checked.ok() {
        super::verify::print(&checked, out);
    }
    if !quiet {
        let mut so = std::io::stdout().lock();
        writeln!(so, "rapporteur run: pipeline {}", cfg.name)?;
        writeln!(
            so,
            "  read {} documents{} → {} passages, {} participants",
            corpus.documents.len(),
            failed_note(&corpus.errors),
            corpus.passages.len(),
            corpus.participants.len()
        )?;
        writeln!(so, "  outline: {} theme sections", outline.sections.len())?;
        for name in [
            "documents.jsonl",
            "passages.jsonl",
            "participants.json",
            "index/",
            "outline.json",
            "outline.md",
            "report.html",
            "run.json",
        ] {
            writeln!(so, "  wrote {}", out.join(name).display())?;
        }
        writeln!(
            so,
            "  verified {} quotes and {} counts against the sources: {}",
            checked.quotes,
            checked.counts,
            if checked.ok() {
                "all hold".to_string()
            } else {
                format!("{} mismatches", checked.mismatches.len())
            }
        )?;
        writeln!(so, "  in {:.2}s", started.elapsed().as_secs_f64())?;
    }
    if !checked.ok() {
        return Ok(ExitCode::from(1));
    }
    Ok(exit(&corpus))
}
