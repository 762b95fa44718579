//! Pipeline files: loaded, validated and resolved before any work starts.
//!
//! Every problem is reported with the file, line and column of the offending key or value —
//! unknown keys, wrong types, an unknown format, preset, encoding, outline mode or group —
//! before any input is read. Relative paths are resolved against the pipeline file's folder;
//! the outputs name inputs by their path as written in the file (relative to that folder), so
//! they do not depend on the directory a run was started from.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use rapporteur::attribute::{OrgRules, PipelineRoster, RosterEntry};
use rapporteur::read::{ColumnMap, ENCODINGS, FORMATS, Limits, ReadOptions};
use rapporteur::synth::{Attribution, By, OutlineOptions};
use rapporteur::{Author, AuthorSource, Evidence, EvidenceKind, Group};
use serde::Deserialize;
use toml::Spanned;

/// A pipeline file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: Option<String>,
    sources: Vec<RawSource>,
    taxonomy: Option<PathBuf>,
    /// Organisation rules of the pipeline's own (a TOML file like
    /// `pipelines/groups/organisations.toml`), extending or replacing the built-in ones.
    groups: Option<PathBuf>,
    output: PathBuf,
    /// People: a roster file (TOML, `[[people]]` tables) or an inline list of tables.
    roster: Option<RawRoster>,
    #[serde(default)]
    outline: RawOutline,
    #[serde(default)]
    outputs: Outputs,
    #[serde(default)]
    limits: Limits,
}

/// `roster = "people.toml"` or `roster = [{ name = "…", aliases = […] }, …]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawRoster {
    File(PathBuf),
    People(Vec<RosterEntry>),
}

/// A source: a path (or glob), or a table naming paths and how to read them.
#[derive(Debug)]
enum RawSource {
    Path(PathBuf),
    Table(Box<SourceTable>),
}

/// Not `#[serde(untagged)]`: a table is read by the table's own deserializer, so that its
/// errors keep their message and their position in the file.
impl<'de> Deserialize<'de> for RawSource {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawSource, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawSource;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a path, or a table with `paths`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawSource, E> {
                Ok(RawSource::Path(PathBuf::from(v)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawSource, A::Error> {
                SourceTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|t| RawSource::Table(Box::new(t)))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `[[sources]]`: paths (and globs) read with the same settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceTable {
    name: Option<String>,
    paths: Vec<PathBuf>,
    format: Option<Spanned<String>>,
    preset: Option<Spanned<String>>,
    columns: Option<ColumnMap>,
    encoding: Option<Spanned<String>>,
    /// Who wrote the source's documents ("these are the civil-society caucus's notes"):
    /// wins over what their text says.
    author: Option<String>,
    organisation: Option<String>,
    group: Option<Spanned<String>>,
}

/// `[outline]`: how `run` drafts the outline.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutline {
    by: Option<Spanned<String>>,
    attribution: Option<Spanned<String>>,
    redact: Option<bool>,
    max_quotes: Option<usize>,
    max_recommendations: Option<usize>,
}

/// `[outputs]`: which outputs `run` writes besides the three JSON files (all by default).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Outputs {
    pub index: bool,
    pub outline_md: bool,
    pub outline_json: bool,
    pub report_html: bool,
}

impl Default for Outputs {
    fn default() -> Outputs {
        Outputs {
            index: true,
            outline_md: true,
            outline_json: true,
            report_html: true,
        }
    }
}

/// One source of a validated pipeline.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name given in the file, or the path as written.
    pub name: String,
    /// The path or glob, resolved.
    pub path: PathBuf,
    /// The path or glob as written (relative to the pipeline file's folder), as the outputs
    /// name it.
    pub shown: PathBuf,
    pub options: Arc<ReadOptions>,
}

/// A validated pipeline: every path resolved against the pipeline file's directory.
#[derive(Debug)]
pub struct Pipeline {
    pub name: String,
    /// The pipeline file's folder: what relative paths in it are relative to.
    pub base: PathBuf,
    pub sources: Vec<Source>,
    pub taxonomy: Option<PathBuf>,
    pub output: PathBuf,
    /// The output folder as written (relative to the pipeline file's folder).
    pub output_shown: PathBuf,
    /// The people the pipeline file names (empty without a `roster`).
    pub roster: PipelineRoster,
    /// The organisation rules the pipeline's `groups` file gives (its entries before the
    /// built-in ones, or alone with `replace = true`); `None` for the built-in rules.
    pub groups: Option<(PathBuf, OrgRules)>,
    pub outline: OutlineOptions,
    pub outputs: Outputs,
    pub limits: Limits,
    /// What, besides the inputs, decides the outputs: for the incremental-run fingerprint.
    pub settings: BTreeMap<&'static str, String>,
}

impl Pipeline {
    /// The sources as the pipeline module takes them.
    pub fn sources(&self) -> Vec<rapporteur::pipeline::Source> {
        self.sources
            .iter()
            .map(|s| rapporteur::pipeline::Source {
                path: s.path.clone(),
                shown: s.shown.clone(),
                options: s.options.clone(),
            })
            .collect()
    }
}

/// An error at a place of the pipeline file.
fn at(
    path: &Path,
    src: &str,
    span: Option<Range<usize>>,
    msg: impl std::fmt::Display,
) -> anyhow::Error {
    let (line, col) = span.map(|s| line_col(src, s.start)).unwrap_or((1, 1));
    anyhow::anyhow!("{}:{line}:{col}: {msg}", path.display())
}

/// Checks a spanned name against the known ones.
fn known(
    path: &Path,
    src: &str,
    what: &str,
    value: &Spanned<String>,
    names: &[&str],
) -> anyhow::Result<String> {
    let v = value.get_ref().trim().to_ascii_lowercase();
    if names.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(at(
            path,
            src,
            Some(value.span()),
            format!(
                "unknown {what} {:?} (known: {})",
                value.get_ref(),
                names.join(", ")
            ),
        ))
    }
}

/// Loads and validates a pipeline file; errors name the file, line and column.
pub fn load(path: &Path) -> anyhow::Result<Pipeline> {
    let src = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read pipeline file {}", path.display()))?;
    let raw: Raw =
        toml::from_str(&src).map_err(|e| at(path, &src, e.span(), e.message().trim_end()))?;
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
    let limits = raw.limits;
    let plain = Arc::new(ReadOptions {
        limits,
        ..ReadOptions::default()
    });
    let presets = rapporteur::read::preset_names();
    let mut sources = Vec::new();
    for src_entry in raw.sources {
        match src_entry {
            RawSource::Path(p) => sources.push(Source {
                name: p.display().to_string(),
                path: resolve(&p),
                shown: normalize(&p),
                options: plain.clone(),
            }),
            RawSource::Table(t) => {
                let format = match &t.format {
                    Some(f) => {
                        let mut names: Vec<&str> = FORMATS.to_vec();
                        names.push("auto");
                        Some(known(path, &src, "format", f, &names)?)
                    }
                    None => None,
                };
                let preset = match &t.preset {
                    Some(p) => {
                        let names: Vec<&str> = presets.iter().map(String::as_str).collect();
                        Some(known(path, &src, "preset", p, &names)?)
                    }
                    None => None,
                };
                let encoding = match &t.encoding {
                    Some(e) => Some(known(path, &src, "encoding", e, ENCODINGS)?),
                    None => None,
                };
                let group = match &t.group {
                    Some(g) => {
                        let names: Vec<&str> = Group::ALL.iter().map(|g| g.as_str()).collect();
                        Group::parse(&known(path, &src, "group", g, &names)?)
                    }
                    None => None,
                };
                let clean = |s: &Option<String>| {
                    s.as_deref()
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                };
                let (author, organisation) = (clean(&t.author), clean(&t.organisation));
                let authors = if author.is_some() || organisation.is_some() || group.is_some() {
                    vec![Author {
                        name: author,
                        role: None,
                        organisation,
                        group,
                        evidence: group.map(|_| Evidence::bare(EvidenceKind::Roster)),
                        how: AuthorSource::Pipeline,
                        span: None,
                    }]
                } else {
                    Vec::new()
                };
                let opts = Arc::new(ReadOptions {
                    format: format.filter(|f| f != "auto"),
                    preset,
                    columns: t.columns,
                    encoding: encoding.filter(|e| e != "auto"),
                    authors,
                    limits,
                });
                for p in &t.paths {
                    sources.push(Source {
                        name: t.name.clone().unwrap_or_else(|| p.display().to_string()),
                        path: resolve(p),
                        shown: normalize(p),
                        options: opts.clone(),
                    });
                }
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
    let groups = match &raw.groups {
        None => None,
        Some(p) => {
            let file = resolve(p);
            let rules = OrgRules::for_pipeline(&file)
                .with_context(|| format!("{}: the organisation rules", path.display()))?;
            Some((file, rules))
        }
    };
    let mut outline = OutlineOptions::default();
    if let Some(by) = &raw.outline.by {
        outline.by = match known(
            path,
            &src,
            "outline `by`",
            by,
            &["theme", "section", "question"],
        )?
        .as_str()
        {
            "section" => By::Section,
            "question" => By::Question,
            _ => By::Theme,
        };
    }
    if let Some(a) = &raw.outline.attribution {
        outline.attribution = match known(
            path,
            &src,
            "outline `attribution`",
            a,
            &["named", "anonymous", "group"],
        )?
        .as_str()
        {
            "anonymous" => Attribution::Anonymous,
            "group" => Attribution::Group,
            _ => Attribution::Named,
        };
    }
    if let Some(r) = raw.outline.redact {
        outline.redact = r;
    }
    if let Some(n) = raw.outline.max_quotes {
        outline.max_quotes = n;
    }
    if let Some(n) = raw.outline.max_recommendations {
        outline.max_recommendations = n;
    }
    let taxonomy = raw.taxonomy.as_deref().map(resolve);
    let mut settings = BTreeMap::new();
    settings.insert(
        "sources",
        sources
            .iter()
            .map(|s| format!("{}={:?}", s.shown.display(), s.options))
            .collect::<Vec<_>>()
            .join(";"),
    );
    settings.insert("roster", format!("{roster:?}"));
    settings.insert(
        "taxonomy",
        match &taxonomy {
            Some(t) => std::fs::read(t)
                .map(|b| rapporteur::store::cache::sha256_hex(&b))
                .unwrap_or_else(|e| format!("unreadable: {e}")),
            None => "built-in".to_string(),
        },
    );
    settings.insert(
        "groups",
        match &groups {
            Some((file, _)) => std::fs::read(file)
                .map(|b| rapporteur::store::cache::sha256_hex(&b))
                .unwrap_or_else(|e| format!("unreadable: {e}")),
            None => "built-in".to_string(),
        },
    );
    settings.insert("limits", format!("{limits:?}"));
    Ok(Pipeline {
        name,
        base: base.to_path_buf(),
        sources,
        taxonomy,
        output: resolve(&raw.output),
        output_shown: normalize(&raw.output),
        roster,
        groups,
        outline,
        outputs: raw.outputs,
        limits,
        settings,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> anyhow::Result<Pipeline> {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("p.toml");
        std::fs::write(&p, text).expect("write");
        load(&p).map_err(|e| {
            anyhow::anyhow!(
                "{}",
                e.to_string()
                    .replace(&dir.path().display().to_string(), "DIR")
            )
        })
    }

    #[test]
    fn semantic_errors_point_at_the_value() {
        let e = load_str("sources = [{ paths = [\"x\"], format = \"pdf\" }]\noutput = \"o\"\n")
            .expect_err("unknown format");
        let msg = e.to_string();
        assert!(
            msg.starts_with("DIR/p.toml:1:38: unknown format \"pdf\""),
            "{msg}"
        );
        let e = load_str("sources = [\"x\"]\noutput = \"o\"\n[outline]\nby = \"speaker\"\n")
            .expect_err("unknown by");
        assert!(
            e.to_string()
                .starts_with("DIR/p.toml:4:6: unknown outline `by`"),
            "{e}"
        );
        let e = load_str("sources = [\"x\"]\noutput = \"o\"\n[limits]\nmax_line = 3\n")
            .expect_err("unknown limit");
        assert!(e.to_string().starts_with("DIR/p.toml:4:1:"), "{e}");
    }

    #[test]
    fn a_full_pipeline_file_reads() {
        let p = load_str(
            "name = \"n\"\nsources = [\"a\", { name = \"rows\", paths = [\"b/*.csv\"], preset = \"polis\", encoding = \"windows-1252\" }]\noutput = \"o\"\n[outline]\nby = \"section\"\nattribution = \"anonymous\"\nredact = false\n[outputs]\nreport_html = false\n[limits]\nmax_line_bytes = 1000\n",
        )
        .expect("valid");
        assert_eq!(p.sources.len(), 2);
        assert_eq!(p.sources[1].name, "rows");
        assert_eq!(
            p.sources[1].options.encoding.as_deref(),
            Some("windows-1252")
        );
        assert_eq!(p.sources[1].options.limits.max_line_bytes, 1000);
        assert_eq!(p.outline.by, By::Section);
        assert_eq!(p.outline.attribution, Attribution::Anonymous);
        assert!(!p.outline.redact);
        assert!(!p.outputs.report_html && p.outputs.index);
    }
}
