//! `rapporteur verify OUT_DIR`: re-reads the sources and checks every outline quote byte for
//! byte and every count against `passages.jsonl`; exit 0 when all holds, 1 with the list of
//! mismatches otherwise, 2 when the directory cannot be checked at all.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use rapporteur::pipeline;
use rapporteur::synth::verify::{self, Inputs, Report};

use super::config;
use super::output::errln;

/// The read options of a pipeline's files, as `verify` takes them.
pub fn inputs_of(files: &[pipeline::Input]) -> Inputs {
    files
        .iter()
        .map(|f| (f.path.clone(), (f.id.clone(), f.options.clone())))
        .collect()
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
        Some(p) => {
            let cfg = config::load(p)?;
            inputs_of(&pipeline::collect_sources(&cfg.source_pairs()).files)
        }
        None => Inputs::new(),
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
