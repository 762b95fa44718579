//! `rapporteur search`.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use rapporteur::index::{self, SearchRequest};

use super::output;

pub fn search(req: SearchRequest, dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let results = index::search(dir, &req)?;
    let text = if json {
        index::render_hits_json(&results)
    } else {
        index::render_hits_text(&results, std::io::stdout().is_terminal())
    };
    output::stdout().print(&text)?;
    Ok(ExitCode::SUCCESS)
}
