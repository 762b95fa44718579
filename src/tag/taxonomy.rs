//! Theme taxonomies: a TOML file of themes and stakeholder-group cues, loaded, stemmed and
//! validated before any passage is tagged.
//!
//! Terms and phrases are stemmed here, once, with [`crate::analysis::stem_phrase_in`] in the
//! taxonomy's `language` (English by default; the same stemmer the index uses for text in that
//! language); `exact` entries are kept as lowercased words. A theme may name a `parent` theme
//! (defined anywhere in the file; no cycles): tables roll a sub-theme's passages up into its
//! parent. Every problem is reported with the file, line and column of the offending key or
//! value.
//!
//! ```
//! use std::path::Path;
//! use rapporteur::tag::Taxonomy;
//! let src = r#"
//! [[themes]]
//! id = "trust"
//! label = "Trust"
//! terms = ["trust", "distrust"]
//! phrases = ["Shared understanding"]
//! exclude = ["trust fund"]
//!
//! [groups.government]
//! exact = ["governments"]
//! "#;
//! let tax = Taxonomy::from_toml(src, Path::new("mini.toml")).expect("valid");
//! assert_eq!(tax.themes()[0].cues.phrases, ["share understand"]);
//! assert_eq!(tax.language.code(), "en");
//!
//! let err = Taxonomy::from_toml("[[themes]]\nid = \"x\"\nlabel = \"X\"\nterm = [\"a\"]\n", Path::new("bad.toml"))
//!     .expect_err("unknown key");
//! assert_eq!((err.line(), err.column()), (Some(4), Some(1)));
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::analysis::{Lang, stem_phrase_in, tokens};
use crate::model::Group;

/// The default taxonomy's source, compiled into the binary.
const DEFAULT_SRC: &str = include_str!("../../pipelines/taxonomies/multistakeholder.toml");
/// The path the default taxonomy is reported under.
pub const DEFAULT_PATH: &str = "pipelines/taxonomies/multistakeholder.toml";

/// A validated theme taxonomy: themes with stemmed evidence, and stakeholder-group cues.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Taxonomy {
    pub name: String,
    pub description: Option<String>,
    /// The file it was loaded from.
    pub path: PathBuf,
    /// The language of its terms and phrases: they are stemmed with this language's stemmer,
    /// and only text in this language is tagged with its themes.
    #[serde(serialize_with = "lang_code")]
    pub language: Lang,
    /// Minimum score for a theme to be kept.
    pub threshold: f64,
    /// At most this many themes per passage.
    pub max_themes: usize,
    /// Passage lengths below this count as this many words when normalising scores.
    pub min_tokens: usize,
    themes: Vec<Theme>,
    groups: BTreeMap<Group, Cues>,
}

/// A theme and its evidence, in matchable form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub description: String,
    pub weight: f64,
    /// The id of the broader theme this one refines, if any.
    pub parent: Option<String>,
    pub cues: Cues,
}

fn lang_code<S: serde::Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(lang.code())
}

/// The evidence for a theme or a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cues {
    /// Stems of single words.
    pub terms: Vec<String>,
    /// Stemmed phrases, words joined by single spaces.
    pub phrases: Vec<String>,
    /// Lowercased words or phrases, matched without stemming.
    pub exact: Vec<String>,
    /// Stemmed phrases that cancel the hits they overlap.
    pub exclude: Vec<String>,
}

impl Cues {
    fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty() && self.exact.is_empty()
    }
}

/// What is wrong with a taxonomy file.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("cannot read taxonomy {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{path}:{line}:{column}: {problem}")]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        problem: Problem,
    },
}

impl TaxonomyError {
    /// The 1-based line of the problem, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            TaxonomyError::Read { .. } => None,
            TaxonomyError::Syntax { line, .. } | TaxonomyError::Invalid { line, .. } => Some(*line),
        }
    }

    /// The 1-based column (in characters) of the problem, when it has one.
    pub fn column(&self) -> Option<usize> {
        match self {
            TaxonomyError::Read { .. } => None,
            TaxonomyError::Syntax { column, .. } | TaxonomyError::Invalid { column, .. } => {
                Some(*column)
            }
        }
    }

    /// The file the problem is in.
    pub fn path(&self) -> &Path {
        match self {
            TaxonomyError::Read { path, .. }
            | TaxonomyError::Syntax { path, .. }
            | TaxonomyError::Invalid { path, .. } => path,
        }
    }
}

/// A semantic problem in a well-formed taxonomy file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the taxonomy defines no themes")]
    NoThemes,
    #[error("theme id `{id}` is not lowercase letters, digits and `_`")]
    BadId { id: String },
    #[error("theme id `{id}` is defined twice")]
    DuplicateTheme { id: String },
    #[error("theme `{id}` has an empty label")]
    EmptyLabel { id: String },
    #[error("`{owner}` has no terms, phrases or exact words")]
    NoCues { owner: String },
    #[error("`{list}` entry {entry:?} of `{owner}` has no words")]
    EmptyEntry {
        owner: String,
        list: &'static str,
        entry: String,
    },
    #[error("term {entry:?} of `{owner}` has several words; list it under `phrases`")]
    TermNotAWord { owner: String, entry: String },
    #[error("phrase {entry:?} of `{owner}` is one word; list it under `terms`")]
    PhraseNotPhrase { owner: String, entry: String },
    #[error("unknown stakeholder group `{id}`; expected one of {expected}")]
    UnknownGroup { id: String, expected: String },
    #[error("`{key}` must be a finite number greater than zero (threshold: zero or more)")]
    BadNumber { key: &'static str },
    #[error("unknown language `{code}`; expected one of {expected}")]
    UnknownLanguage { code: String, expected: String },
    #[error("theme `{id}` names an unknown parent `{parent}`")]
    UnknownParent { id: String, parent: String },
    #[error("theme `{id}` is its own ancestor (parent chain: {chain})")]
    ParentCycle { id: String, chain: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    name: Option<String>,
    description: Option<String>,
    language: Option<Spanned<String>>,
    threshold: Option<Spanned<f64>>,
    max_themes: Option<Spanned<i64>>,
    min_tokens: Option<Spanned<i64>>,
    #[serde(default)]
    themes: Vec<RawTheme>,
    #[serde(default)]
    groups: BTreeMap<Spanned<String>, RawCues>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    description: String,
    weight: Option<Spanned<f64>>,
    parent: Option<Spanned<String>>,
    #[serde(default)]
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    exact: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    #[serde(default)]
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    exact: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

const DEFAULT_THRESHOLD: f64 = 0.15;
const DEFAULT_MAX_THEMES: usize = 3;
const DEFAULT_MIN_TOKENS: usize = 16;

impl Taxonomy {
    /// Parses and validates a taxonomy; `path` is only used in errors and kept in the result.
    pub fn from_toml(src: &str, path: &Path) -> Result<Taxonomy, TaxonomyError> {
        let raw: RawTaxonomy = toml::from_str(src).map_err(|source| {
            let (line, column) = line_col(src, source.span().map_or(0, |s| s.start));
            TaxonomyError::Syntax {
                path: path.to_path_buf(),
                line,
                column,
                message: source.message().to_string(),
                source: Box::new(source),
            }
        })?;
        let invalid = |span: Range<usize>, problem: Problem| {
            let (line, column) = line_col(src, span.start);
            TaxonomyError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                problem,
            }
        };

        let threshold = match &raw.threshold {
            None => DEFAULT_THRESHOLD,
            Some(t) if t.get_ref().is_finite() && *t.get_ref() >= 0.0 => *t.get_ref(),
            Some(t) => return Err(invalid(t.span(), Problem::BadNumber { key: "threshold" })),
        };
        let count = |v: &Option<Spanned<i64>>, key: &'static str, default: usize| match v {
            None => Ok(default),
            Some(n) => usize::try_from(*n.get_ref())
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| invalid(n.span(), Problem::BadNumber { key })),
        };
        let language = match &raw.language {
            None => Lang::English,
            Some(code) => Lang::from_code(code.get_ref().trim()).ok_or_else(|| {
                let expected = Lang::ALL.map(Lang::code).join(", ");
                let code = code.get_ref().clone();
                invalid(
                    code_span(&raw.language),
                    Problem::UnknownLanguage { code, expected },
                )
            })?,
        };
        let max_themes = count(&raw.max_themes, "max_themes", DEFAULT_MAX_THEMES)?;
        let min_tokens = count(&raw.min_tokens, "min_tokens", DEFAULT_MIN_TOKENS)?;

        if raw.themes.is_empty() {
            return Err(invalid(0..0, Problem::NoThemes));
        }
        let mut themes = Vec::with_capacity(raw.themes.len());
        let mut seen = BTreeSet::new();
        let mut parents: Vec<(String, Spanned<String>)> = Vec::new();
        for t in raw.themes {
            let id = t.id.get_ref().clone();
            let id_ok = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !id_ok {
                return Err(invalid(t.id.span(), Problem::BadId { id }));
            }
            if !seen.insert(id.clone()) {
                return Err(invalid(t.id.span(), Problem::DuplicateTheme { id }));
            }
            if t.label.get_ref().trim().is_empty() {
                return Err(invalid(t.label.span(), Problem::EmptyLabel { id }));
            }
            let weight = match &t.weight {
                None => 1.0,
                Some(w) if w.get_ref().is_finite() && *w.get_ref() > 0.0 => *w.get_ref(),
                Some(w) => return Err(invalid(w.span(), Problem::BadNumber { key: "weight" })),
            };
            let raw_cues = RawCues {
                terms: t.terms,
                phrases: t.phrases,
                exact: t.exact,
                exclude: t.exclude,
            };
            let cues = build_cues(language, &id, raw_cues).map_err(|(span, p)| invalid(span, p))?;
            if cues.is_empty() {
                return Err(invalid(t.id.span(), Problem::NoCues { owner: id }));
            }
            if let Some(parent) = t.parent {
                parents.push((id.clone(), parent));
            }
            themes.push(Theme {
                id,
                label: t.label.into_inner(),
                description: t.description,
                weight,
                parent: None,
                cues,
            });
        }
        for (id, parent) in parents {
            let name = parent.get_ref().trim().to_string();
            if !seen.contains(&name) {
                let problem = Problem::UnknownParent { id, parent: name };
                return Err(invalid(parent.span(), problem));
            }
            if let Some(t) = themes.iter_mut().find(|t| t.id == id) {
                t.parent = Some(name);
            }
        }
        for t in &themes {
            let mut chain = vec![t.id.as_str()];
            let mut at = t.parent.as_deref();
            while let Some(p) = at {
                chain.push(p);
                if p == t.id || chain.len() > themes.len() + 1 {
                    let problem = Problem::ParentCycle {
                        id: t.id.clone(),
                        chain: chain.join(" → "),
                    };
                    let span = parent_span(src, &t.id);
                    return Err(invalid(span, problem));
                }
                at = themes
                    .iter()
                    .find(|x| x.id == p)
                    .and_then(|x| x.parent.as_deref());
            }
        }

        let mut groups = BTreeMap::new();
        for (key, raw_cues) in raw.groups {
            let Some(group) = Group::parse(key.get_ref()) else {
                let expected = Group::ALL.map(Group::as_str).join(", ");
                let id = key.get_ref().clone();
                return Err(invalid(key.span(), Problem::UnknownGroup { id, expected }));
            };
            let cues = build_cues(language, group.as_str(), raw_cues)
                .map_err(|(span, p)| invalid(span, p))?;
            if cues.is_empty() {
                let owner = group.as_str().to_string();
                return Err(invalid(key.span(), Problem::NoCues { owner }));
            }
            groups.insert(group, cues);
        }

        Ok(Taxonomy {
            name: raw.name.unwrap_or_else(|| file_stem(path)),
            description: raw.description,
            path: path.to_path_buf(),
            language,
            threshold,
            max_themes,
            min_tokens,
            themes,
            groups,
        })
    }

    /// Reads and validates a taxonomy file.
    pub fn load(path: impl AsRef<Path>) -> Result<Taxonomy, TaxonomyError> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|source| TaxonomyError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Taxonomy::from_toml(&src, path)
    }

    /// The default taxonomy for multistakeholder governance consultations (compiled in).
    pub fn default_multistakeholder() -> Result<Taxonomy, TaxonomyError> {
        Taxonomy::from_toml(DEFAULT_SRC, Path::new(DEFAULT_PATH))
    }

    /// The themes, in file order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The label of the theme with this id.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.theme(id).map(|t| t.label.as_str())
    }

    /// `(id, label)` of every theme, in file order.
    pub fn labels(&self) -> Vec<(&str, &str)> {
        self.themes
            .iter()
            .map(|t| (t.id.as_str(), t.label.as_str()))
            .collect()
    }

    /// The cues of every group the file describes.
    pub fn groups(&self) -> &BTreeMap<Group, Cues> {
        &self.groups
    }

    /// The ids of `id`'s ancestors, nearest first (empty for a top-level or unknown theme).
    pub fn ancestors(&self, id: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut at = self.theme(id).and_then(|t| t.parent.as_deref());
        while let Some(p) = at {
            if out.contains(&p) || out.len() > self.themes.len() {
                break;
            }
            out.push(p);
            at = self.theme(p).and_then(|t| t.parent.as_deref());
        }
        out
    }

    /// True when `word` (lowercased) or its stem is evidence for some theme or group: what
    /// [`super::suggest`] leaves out as already covered.
    pub fn covers_stem(&self, stem: &str) -> bool {
        self.themes
            .iter()
            .map(|t| &t.cues)
            .chain(self.groups.values())
            .any(|c| {
                c.terms.iter().any(|t| t == stem)
                    || c.phrases.iter().any(|p| p.split(' ').any(|w| w == stem))
            })
    }
}

/// The span of an optional spanned value (0..0 when absent).
fn code_span(v: &Option<Spanned<String>>) -> Range<usize> {
    v.as_ref().map_or(0..0, Spanned::span)
}

/// Where the `parent` key of theme `id` stands in `src`, for a cycle error: the first
/// `parent =` line after the theme's `id = "…"` line (0..0 when not found).
fn parent_span(src: &str, id: &str) -> Range<usize> {
    let needle = format!("\"{id}\"");
    let mut offset = 0;
    let mut after_id = false;
    for line in src.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("id") && t.contains(&needle) {
            after_id = true;
        } else if after_id && t.starts_with("parent") {
            let start = offset + (line.len() - t.len());
            return start..start + t.trim_end().len();
        } else if t.starts_with("[[") {
            after_id = false;
        }
        offset += line.len();
    }
    0..0
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// Stems and checks one owner's lists; on error, the span of the bad entry.
fn build_cues(lang: Lang, owner: &str, raw: RawCues) -> Result<Cues, (Range<usize>, Problem)> {
    let words = |list: &'static str, e: &Spanned<String>| -> Result<Vec<String>, _> {
        let w: Vec<String> = tokens(e.get_ref()).map(|t| t.lower).collect();
        if w.is_empty() {
            let entry = e.get_ref().clone();
            let owner = owner.to_string();
            return Err((e.span(), Problem::EmptyEntry { owner, list, entry }));
        }
        Ok(w)
    };
    let mut cues = Cues::default();
    for e in &raw.terms {
        if words("terms", e)?.len() > 1 {
            let (owner, entry) = (owner.to_string(), e.get_ref().clone());
            return Err((e.span(), Problem::TermNotAWord { owner, entry }));
        }
        cues.terms.push(stem_phrase_in(lang, e.get_ref()));
    }
    for e in &raw.phrases {
        if words("phrases", e)?.len() < 2 {
            let (owner, entry) = (owner.to_string(), e.get_ref().clone());
            return Err((e.span(), Problem::PhraseNotPhrase { owner, entry }));
        }
        cues.phrases.push(stem_phrase_in(lang, e.get_ref()));
    }
    for e in &raw.exact {
        cues.exact.push(words("exact", e)?.join(" "));
    }
    for e in &raw.exclude {
        words("exclude", e)?;
        cues.exclude.push(stem_phrase_in(lang, e.get_ref()));
    }
    for list in [
        &mut cues.terms,
        &mut cues.phrases,
        &mut cues.exact,
        &mut cues.exclude,
    ] {
        list.sort();
        list.dedup();
    }
    Ok(cues)
}

/// 1-based line and column (in characters) of byte `offset` of `src`.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 16] = [
        "trust",
        "legitimacy",
        "participation",
        "transparency",
        "accountability",
        "consensus",
        "power",
        "resources",
        "process",
        "coalitions",
        "advocacy",
        "implementation",
        "rights",
        "security",
        "digital",
        "sovereignty",
    ];

    fn err(src: &str) -> TaxonomyError {
        match Taxonomy::from_toml(src, Path::new("t.toml")) {
            Ok(_) => panic!("expected an error for {src}"),
            Err(e) => e,
        }
    }

    #[test]
    fn default_taxonomy_has_the_sixteen_contract_themes_and_all_groups() {
        let tax = Taxonomy::default_multistakeholder().expect("the default taxonomy loads");
        let ids: Vec<&str> = tax.themes().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, IDS);
        assert_eq!(tax.groups().keys().copied().collect::<Vec<_>>(), Group::ALL);
        for t in tax.themes() {
            assert!(!t.label.is_empty() && !t.description.is_empty(), "{}", t.id);
            assert!(
                t.cues.terms.len() + t.cues.phrases.len() + t.cues.exact.len() >= 10,
                "{} is thin",
                t.id
            );
        }
        // Stemmed at load time with the shared stemmer.
        let power = tax.theme("power").expect("power");
        assert!(power.cues.phrases.contains(&"power dynam".to_string()));
        assert!(
            tax.theme("trust")
                .expect("trust")
                .cues
                .exclude
                .contains(&"trust fund".to_string())
        );
        assert_eq!(
            tax.label("rights"),
            Some("Human rights and the rule of law")
        );
    }

    #[test]
    fn the_file_on_disk_is_the_compiled_in_default() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_PATH);
        let loaded = Taxonomy::load(&path).expect("loads from disk");
        let builtin = Taxonomy::default_multistakeholder().expect("builtin");
        assert_eq!(loaded.themes(), builtin.themes());
    }

    #[test]
    fn broken_toml_reports_line_and_column() {
        let e = err("[[themes]]\nid = \"trust\"\nlabel = \"Trust\nterms = []\n");
        assert!(matches!(e, TaxonomyError::Syntax { .. }), "{e}");
        assert_eq!(e.line(), Some(3), "{e}");
        assert!(e.to_string().starts_with("t.toml:3:"), "{e}");
    }

    #[test]
    fn unknown_keys_are_rejected_where_they_stand() {
        let e = err("[[themes]]\nid = \"trust\"\nlabel = \"Trust\"\n  synonyms = [\"faith\"]\n");
        assert_eq!((e.line(), e.column()), (Some(4), Some(3)), "{e}");
        assert!(e.to_string().contains("synonyms"), "{e}");
        let e = err("thresold = 0.3\n[[themes]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"a\"]\n");
        assert_eq!(e.line(), Some(1), "{e}");
    }

    #[test]
    fn semantic_errors_point_at_the_offending_value() {
        let theme =
            |id: &str| format!("[[themes]]\nid = \"{id}\"\nlabel = \"L\"\nterms = [\"w\"]\n");
        let e = err(&format!("{}{}", theme("trust"), theme("trust")));
        assert!(
            matches!(&e, TaxonomyError::Invalid { problem: Problem::DuplicateTheme { id }, .. } if id == "trust")
        );
        assert_eq!((e.line(), e.column()), (Some(6), Some(6)), "{e}");

        let e = err("[[themes]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"ok\", \"  \"]\n");
        assert!(
            matches!(
                &e,
                TaxonomyError::Invalid {
                    problem: Problem::EmptyEntry { .. },
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!((e.line(), e.column()), (Some(4), Some(16)), "{e}");

        let e = err("[[themes]]\nid = \"a\"\nlabel = \"A\"\n");
        assert!(
            matches!(
                &e,
                TaxonomyError::Invalid {
                    problem: Problem::NoCues { .. },
                    ..
                }
            ),
            "{e}"
        );

        let e = err(&format!(
            "{}[groups.goverment]\nexact = [\"x\"]\n",
            theme("a")
        ));
        assert!(
            e.to_string()
                .contains("unknown stakeholder group `goverment`"),
            "{e}"
        );
        assert_eq!(e.line(), Some(5), "{e}");

        let e = err("[[themes]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"power dynamics\"]\n");
        assert!(
            matches!(
                &e,
                TaxonomyError::Invalid {
                    problem: Problem::TermNotAWord { .. },
                    ..
                }
            ),
            "{e}"
        );

        let e = err("[[themes]]\nid = \"Bad Id\"\nlabel = \"A\"\nterms = [\"a\"]\n");
        assert!(
            matches!(
                &e,
                TaxonomyError::Invalid {
                    problem: Problem::BadId { .. },
                    ..
                }
            ),
            "{e}"
        );

        let e = err("threshold = -1\n[[themes]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"a\"]\n");
        assert_eq!(e.line(), Some(1), "{e}");
        let e = err("");
        assert!(
            matches!(
                &e,
                TaxonomyError::Invalid {
                    problem: Problem::NoThemes,
                    line: 1,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn parents_are_validated_and_cycles_reported_where_they_stand() {
        let ok = "[[themes]]\nid = \"child\"\nlabel = \"C\"\nparent = \"root\"\nterms = [\"c\"]\n\
                  [[themes]]\nid = \"root\"\nlabel = \"R\"\nterms = [\"r\"]\n";
        let tax =
            Taxonomy::from_toml(ok, Path::new("t.toml")).expect("a parent defined later is fine");
        assert_eq!(
            tax.theme("child").and_then(|t| t.parent.as_deref()),
            Some("root")
        );
        assert_eq!(tax.ancestors("child"), ["root"]);
        assert!(tax.ancestors("root").is_empty());

        let e = err("[[themes]]\nid = \"a\"\nlabel = \"A\"\nparent = \"nope\"\nterms = [\"a\"]\n");
        assert!(
            matches!(&e, TaxonomyError::Invalid { problem: Problem::UnknownParent { parent, .. }, .. } if parent == "nope"),
            "{e}"
        );
        assert_eq!((e.line(), e.column()), (Some(4), Some(10)), "{e}");

        let cycle = "[[themes]]\nid = \"a\"\nlabel = \"A\"\nparent = \"b\"\nterms = [\"a\"]\n\
                     [[themes]]\nid = \"b\"\nlabel = \"B\"\nparent = \"a\"\nterms = [\"b\"]\n";
        let e = err(cycle);
        assert!(
            matches!(
                &e,
                TaxonomyError::Invalid {
                    problem: Problem::ParentCycle { .. },
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(e.line(), Some(4), "{e}");
        assert!(e.to_string().contains("a → b → a"), "{e}");
        let e = err("[[themes]]\nid = \"a\"\nlabel = \"A\"\nparent = \"a\"\nterms = [\"a\"]\n");
        assert!(e.to_string().contains("its own ancestor"), "{e}");
    }

    #[test]
    fn a_taxonomy_in_another_language_is_stemmed_in_it() {
        let src = "language = \"es\"\n[[themes]]\nid = \"movilidad\"\nlabel = \"Movilidad\"\n\
                   terms = [\"bicicletas\"]\nphrases = [\"carriles bici\"]\n";
        let tax = Taxonomy::from_toml(src, Path::new("es.toml")).expect("spanish taxonomy");
        assert_eq!(tax.language, Lang::Spanish);
        let t = &tax.themes()[0];
        assert_eq!(
            t.cues.terms,
            [crate::analysis::stem_in(Lang::Spanish, "bicicleta")]
        );
        assert_eq!(t.cues.phrases, ["carril bici"]);

        let e = err("language = \"xx\"\n[[themes]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"a\"]\n");
        assert!(e.to_string().contains("unknown language `xx`"), "{e}");
        assert_eq!((e.line(), e.column()), (Some(1), Some(12)), "{e}");
    }

    #[test]
    fn unreadable_file_is_a_read_error_naming_the_path() {
        let e = Taxonomy::load(Path::new("/nonexistent/tax.toml")).expect_err("missing");
        assert!(matches!(e, TaxonomyError::Read { .. }));
        assert_eq!(e.path(), Path::new("/nonexistent/tax.toml"));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
        assert_eq!(line_col("x", 99), (1, 2));
    }
}
