//! `rapporteur outline`: the synthesis outline of an index, as Markdown, JSON or HTML.

use std::path::Path;
use std::process::ExitCode;

use rapporteur::synth::{self, Attribution, By, Outline, OutlineOptions};
use rapporteur::tag::Taxonomy;

use super::{OutlineAttribution, OutlineBy, OutlineFormat, output};

/// The outline options of the command line (the rest as default).
pub fn options(by: OutlineBy, attribution: OutlineAttribution, no_redact: bool) -> OutlineOptions {
    OutlineOptions {
        by: match by {
            OutlineBy::Theme => By::Theme,
            OutlineBy::Section => By::Section,
            OutlineBy::Question => By::Question,
        },
        attribution: match attribution {
            OutlineAttribution::Named => Attribution::Named,
            OutlineAttribution::Anonymous => Attribution::Anonymous,
            OutlineAttribution::Group => Attribution::Group,
        },
        redact: !no_redact,
        ..OutlineOptions::default()
    }
}

pub fn outline(
    dir: &Path,
    format: OutlineFormat,
    opts: OutlineOptions,
    taxonomy: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let loaded = rapporteur::index::load(dir)?;
    let tax = match taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default_multistakeholder()?,
    };
    let outline = synth::build(&loaded.docs, &loaded.passages, &owned(tax.labels()), &opts);
    output::stdout().print(&render(&outline, format))?;
    Ok(ExitCode::SUCCESS)
}

/// The outline in `format`.
pub fn render(outline: &Outline, format: OutlineFormat) -> String {
    match format {
        OutlineFormat::Md => synth::markdown::render(outline),
        OutlineFormat::Json => synth::json::render(outline),
        OutlineFormat::Html => synth::html::render(outline),
    }
}

/// The taxonomy's (id, label) pairs as the outline takes them.
pub fn owned(labels: Vec<(&str, &str)>) -> Vec<(String, String)> {
    labels
        .into_iter()
        .map(|(i, l)| (i.to_string(), l.to_string()))
        .collect()
}
