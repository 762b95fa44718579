//! `rapporteur verify OUT_DIR`: re-reads the sources and checks every outline quote byte for
//! byte and every count against `passages.jsonl`; exit 0 when all holds, 1 with the list of
//! mismatches otherwise, 2 when the directory cannot be checked at all.
//!
//! The sources are found, and read with their options, through the pipeline file: the one
//! given with `--pipeline`, else the one `OUT_DIR/run.json` names (its path relative to the
//! output directory), else the paths of `documents.jsonl` are taken from the current
//! directory with the default read options (the outputs of `ingest`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use rapporteur::pipeline;
use rapporteur::synth::verify::{self, Inputs, Report};

use super::config;
use super::output::errln;

/// The read options of a pipeline's files, as `verify` takes them; `base` is the pipeline
/// file's folder.
pub fn inputs_of(files: &[pipeline::Input], base: &Path) -> Inputs {
    Inputs {
        base: base.to_path_buf(),
        files: files
            .iter()
            .map(|f| (f.shown.clone(), (f.id.clone(), f.options.clone())))
            .collect(),
    }
}

/// The inputs of the pipeline file at `path` (see the module doc).
fn inputs_of_pipeline(path: &Path) -> anyhow::Result<Inputs> {
    let cfg = config::load(path)?;
    let found = pipeline::collect_sources(&cfg.sources(), Some(&cfg.output));
    Ok(inputs_of(&found.files, &cfg.base))
}

/// Prints a report: one line per mismatch on stderr (at most `shown`), a summary line.
pub fn print(report: &Report, out: &Path) {
    const SHOWN: usize = 200;
    for m in report.mismatches.iter().take(SHOWN) {
        errln!("rapporteur verify: MISMATCH {m}");
    }
    if report.mismatches.len() > SHOWN {
        errln!(
            "rapporteur verify: … and {} more mismatches",
            report.mismatches.len() - SHOWN
        );
    }
    let verdict = if report.ok() {
        "all hold".to_string()
    } else {
        format!("{} mismatches", report.mismatches.len())
    };
    errln!(
        "rapporteur verify: {}: {} documents re-read, {} passages, {} quotes, {} counts checked: {verdict}",
        out.display(),
        report.documents,
        report.passages,
        report.quotes,
        report.counts
    );
}

pub fn verify(out: &Path, pipeline_file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let inputs = match pipeline_file {
        Some(p) => inputs_of_pipeline(p)?,
        None => match super::run::pipeline_of(out) {
            Some(p) => inputs_of_pipeline(&p).with_context(|| {
                format!(
                    "cannot read the pipeline file {} that {} names",
                    p.display(),
                    out.join("run.json").display()
                )
            })?,
            None => Inputs::default(),
        },
    };
    let report =
        verify::verify(out, &inputs).with_context(|| format!("cannot verify {}", out.display()))?;
    print(&report, out);
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
