//! `rapporteur outline`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use rapporteur::synth::{self, OutlineOptions};
use rapporteur::tag::Taxonomy;

use super::OutlineFormat;

pub fn outline(
    dir: &Path,
    format: OutlineFormat,
    taxonomy: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let loaded = rapporteur::index::load(dir)?;
    let tax = match taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default_multistakeholder()?,
    };
    let outline = synth::build(
        &loaded.docs,
        &loaded.passages,
        &owned(tax.labels()),
        &OutlineOptions::default(),
    );
    let text = match format {
        OutlineFormat::Md => synth::markdown::render(&outline),
        OutlineFormat::Json => synth::json::render(&outline),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The taxonomy's (id, label) pairs as the outline takes them.
pub fn owned(labels: Vec<(&str, &str)>) -> Vec<(String, String)> {
    labels
        .into_iter()
        .map(|(i, l)| (i.to_string(), l.to_string()))
        .collect()
}
