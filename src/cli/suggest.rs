//! `rapporteur suggest`: frequent key phrases of an index that no theme covers.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use rapporteur::tag::suggest::{self, SuggestOptions, Suggestion};
use rapporteur::tag::{Tagger, Taxonomy};

use super::output;

pub fn suggest(
    dir: &Path,
    json: bool,
    taxonomy: Option<&Path>,
    options: &SuggestOptions,
) -> anyhow::Result<ExitCode> {
    let tax = match taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default_multistakeholder()?,
    };
    let tagger = Tagger::new(tax);
    let loaded = rapporteur::index::load(dir)?;
    let found = suggest::suggest(&loaded.passages, &tagger, options);
    let text = if json {
        let mut s = String::new();
        for f in &found {
            s.push_str(&serde_json::to_string(f)?);
            s.push('\n');
        }
        s
    } else {
        render(&found, loaded.passages.len())
    };
    output::stdout().print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// One block per phrase: counts, then the example sentences with their passage ids.
fn render(found: &[Suggestion], passages: usize) -> String {
    let mut out = String::new();
    if found.is_empty() {
        let _ = writeln!(
            out,
            "no frequent phrase outside the taxonomy in {passages} passages"
        );
        return out;
    }
    for (i, s) in found.iter().enumerate() {
        let lang = if s.language == "en" {
            String::new()
        } else {
            format!(" [{}]", s.language)
        };
        let _ = writeln!(
            out,
            "{:>3}. {}{} — {} passages, {} documents, {} occurrences (stems: \"{}\")",
            i + 1,
            s.phrase,
            lang,
            s.passages,
            s.docs,
            s.occurrences,
            s.stems
        );
        for e in &s.examples {
            let one_line: String = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let _ = writeln!(out, "       {}: {}", e.passage, one_line);
        }
    }
    out
}
