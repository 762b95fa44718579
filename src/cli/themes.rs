//! `rapporteur themes`: the theme × stakeholder-group table of an index.

use std::path::Path;
use std::process::ExitCode;

use rapporteur::tag::{Taxonomy, table};

use super::output;

pub fn themes(dir: &Path, json: bool, taxonomy: Option<&Path>) -> anyhow::Result<ExitCode> {
    let tax = match taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default_multistakeholder()?,
    };
    let loaded = rapporteur::index::load(dir)?;
    let t = table::theme_table(&loaded.passages, &tax);
    let text = if json {
        table::render_json(&t)
    } else {
        table::render_text(&t)
    };
    output::stdout().print(&text)?;
    Ok(ExitCode::SUCCESS)
}
