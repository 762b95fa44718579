//! `rapporteur search`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use rapporteur::index::{self, SearchRequest};

pub fn search(req: SearchRequest, dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let results = index::search(dir, &req)?;
    let mut out = std::io::stdout().lock();
    let text = if json {
        index::render_hits_json(&results)
    } else {
        index::render_hits_text(&results, std::io::stdout().is_terminal())
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
