//! Pipeline files: loaded, validated and resolved before any work starts.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use anyhow::Context;
use rapporteur::attribute::{PipelineRoster, RosterEntry};
use rapporteur::read::{ColumnMap, ReadOptions};
use serde::Deserialize;

/// A pipeline file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: Option<String>,
    sources: Vec<RawSource>,
    taxonomy: Option<PathBuf>,
    output: PathBuf,
    /// People: a roster file (TOML, `[[people]]` tables) or an inline list of tables.
    roster: Option<RawRoster>,
}

/// `roster = "people.toml"` or `roster = [{ name = "…", aliases = […] }, …]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawRoster {
    File(PathBuf),
    People(Vec<RosterEntry>),
}

/// A source: a path, or a table naming paths and how to read them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSource {
    Path(PathBuf),
    Table(Box<SourceTable>),
}

/// `[[sources]]`: paths read with the same settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceTable {
    #[allow(dead_code)]
    name: Option<String>,
    paths: Vec<PathBuf>,
    format: Option<String>,
    preset: Option<String>,
    columns: Option<ColumnMap>,
}

/// A validated pipeline: every path resolved against the pipeline file's directory.
#[derive(Debug)]
pub struct Pipeline {
    pub name: String,
    pub sources: Vec<(PathBuf, Arc<ReadOptions>)>,
    pub taxonomy: Option<PathBuf>,
    pub output: PathBuf,
    /// The people the pipeline file names (empty without a `roster`).
    pub roster: PipelineRoster,
}

/// Loads and validates a pipeline file; errors name the file, line and column.
pub fn load(path: &Path) -> anyhow::Result<Pipeline> {
    let src = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read pipeline file {}", path.display()))?;
    let raw: Raw = toml::from_str(&src).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(&src, s.start)).unwrap_or((1, 1));
        anyhow::anyhow!(
            "{}:{line}:{col}: {}",
            path.display(),
            e.message().trim_end()
        )
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let resolve = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            normalize(&base.join(p))
        }
    };
    if raw.sources.is_empty() {
        anyhow::bail!("{}: `sources` lists no path", path.display());
    }
    let name = raw.name.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "pipeline".into())
    });
    let plain = Arc::new(ReadOptions::default());
    let mut sources = Vec::new();
    for src in raw.sources {
        match src {
            RawSource::Path(p) => sources.push((resolve(&p), plain.clone())),
            RawSource::Table(t) => {
                let opts = Arc::new(ReadOptions {
                    format: t.format,
                    preset: t.preset,
                    columns: t.columns,
                });
                sources.extend(t.paths.iter().map(|p| (resolve(p), opts.clone())));
            }
        }
    }
    let roster = match raw.roster {
        None => PipelineRoster::default(),
        Some(RawRoster::File(p)) => PipelineRoster::load(resolve(&p))
            .with_context(|| format!("{}: the roster", path.display()))?,
        Some(RawRoster::People(people)) => PipelineRoster::new(people)
            .with_context(|| format!("{}: the roster", path.display()))?,
    };
    Ok(Pipeline {
        name,
        sources,
        taxonomy: raw.taxonomy.as_deref().map(resolve),
        output: resolve(&raw.output),
        roster,
    })
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Drops `.` and resolves `..` lexically, so `pipelines/../corpora` reads `corpora`.
fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}
