//! `rapporteur check PIPELINE`: validate a pipeline file without running it.
//!
//! Everything a run validates before it starts — the file itself (with line and column), the
//! taxonomy, the roster, the organisation rules — plus what it would read: each source and how many files it names.
//! Nothing is written. Exit 0 when the pipeline can run, 1 when a source names no readable
//! file, 2 when the pipeline file, taxonomy or roster is invalid.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use rapporteur::pipeline;

use super::{config, output};

pub fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let cfg = config::load(path)?;
    let tagger = super::run::load_tagger(cfg.taxonomy.as_deref())?;
    let mut out = output::stdout();
    writeln!(out, "{}: pipeline {:?} is valid", path.display(), cfg.name)?;
    writeln!(
        out,
        "  taxonomy: {} ({} themes)",
        cfg.taxonomy
            .as_ref()
            .map_or("built-in multistakeholder".to_string(), |t| t
                .display()
                .to_string()),
        tagger.taxonomy().themes().len()
    )?;
    if let Some((file, rules)) = &cfg.groups {
        writeln!(
            out,
            "  organisation rules: {}{}",
            file.display(),
            if rules.replace {
                " (replacing the built-in ones)"
            } else {
                " (before the built-in ones)"
            }
        )?;
    }
    writeln!(out, "  output: {}", cfg.output.display())?;
    let mut problems = 0;
    let sources = cfg.sources();
    if let Err(e) = pipeline::check_outside(&sources, &cfg.output) {
        writeln!(out, "  problem: {e}")?;
        problems += 1;
    }
    for (s, source) in cfg.sources.iter().zip(sources) {
        let found = pipeline::collect_sources(&[source], Some(&cfg.output));
        let how = match (&s.options.format, &s.options.preset) {
            (Some(f), _) => format!(" as {f}"),
            (None, Some(p)) => format!(" with preset {p}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "  source {}: {} files{how}{}",
            s.name,
            found.files.len(),
            if found.skipped.is_empty() {
                String::new()
            } else {
                format!(" ({} passed over, with a warning)", found.skipped.len())
            }
        )?;
        for e in &found.errors {
            writeln!(out, "    problem: {}: {}", e.path, e.error)?;
            problems += 1;
        }
    }
    let l = &cfg.limits;
    writeln!(
        out,
        "  limits: files {} bytes, files of rows {} bytes, lines {} bytes, archives {} bytes and {} entries",
        l.max_file_bytes,
        l.max_table_bytes,
        l.max_line_bytes,
        l.max_archive_bytes,
        l.max_archive_entries
    )?;
    out.finish()?;
    Ok(if problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
