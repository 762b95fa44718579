//! The organisation rules: a TOML file of what in a name says which stakeholder group it speaks
//! for, parsed, validated and normalised before any name is read.
//!
//! The built-in rules are `pipelines/groups/organisations.toml`, compiled in
//! ([`OrgRules::built_in`]). A pipeline file may name a file of its own in the same format
//! (`groups = "my-groups.toml"`): its entries come before the built-in ones, so they win
//! ([`OrgRules::for_pipeline`]), or, with `replace = true`, it is the whole of the rules. Every
//! problem is reported with the file, line and column of the offending key or value, as for
//! taxonomies and pipeline files.
//!
//! Entries are normalised here, once, as names are when they are read: lowercase, accents
//! folded, "&" read as "and", words separated by single spaces ("Ministère" → "ministere"). An
//! entry starting with "-" matches the end of a word ("-ministerium": "Bundesministerium").
//!
//! ```
//! use std::path::Path;
//! use rapporteur::attribute::OrgRules;
//! use rapporteur::Group;
//!
//! let ours = OrgRules::from_toml(
//!     "[[known]]\ngroup = \"business\"\nnames = [\"Acme Widgets\"]\n",
//!     Path::new("ours.toml"),
//! )
//! .expect("valid");
//! let rules = OrgRules::built_in().extended_by(ours);
//! assert_eq!(rules.group("Acme Widgets"), Some(Group::Business));
//!
//! let err = OrgRules::from_toml("[[words]]\ngroup = \"guild\"\nwords = [\"x\"]\n", Path::new("bad.toml"))
//!     .expect_err("unknown group");
//! assert_eq!((err.line(), err.column()), (Some(2), Some(9)));
//! ```

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use toml::Spanned;

use crate::model::Group;

/// The built-in rules' source, compiled into the binary.
const DEFAULT_SRC: &str = include_str!("../../../pipelines/groups/organisations.toml");
/// The path the built-in rules are reported under.
pub const DEFAULT_PATH: &str = "pipelines/groups/organisations.toml";

/// A word or phrase of the rules, normalised; or, for `suffix`, the end of a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// Normalised words joined by single spaces ("health board"; "ministerium" for a suffix).
    pub text: String,
    /// Matches the end of any word ("-ministerium").
    pub suffix: bool,
}

impl Phrase {
    /// Whether the phrase occurs in a normalised name (`" w1 w2 "`) as whole words, or, for a
    /// suffix, ends one of its words.
    pub fn is_in(&self, norm: &str) -> bool {
        if self.suffix {
            norm.split(' ').any(|w| w.ends_with(self.text.as_str()))
        } else {
            super::contains_phrase(norm, &self.text)
        }
    }
}

/// Phrases indexed by their first word, so that finding the earliest one a name holds looks at
/// the name's words, not at every phrase (the rules hold thousands).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Phrases {
    list: Vec<Phrase>,
    by_first: HashMap<String, Vec<usize>>,
    suffixes: Vec<usize>,
}

impl Phrases {
    pub fn new(list: Vec<Phrase>) -> Phrases {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut suffixes = Vec::new();
        for (i, p) in list.iter().enumerate() {
            if p.suffix {
                suffixes.push(i);
            } else {
                let first = p.text.split(' ').next().unwrap_or_default();
                by_first.entry(first.to_string()).or_default().push(i);
            }
        }
        Phrases {
            list,
            by_first,
            suffixes,
        }
    }

    /// `first`'s phrases, then these.
    pub fn cat(first: &Phrases, then: &Phrases) -> Phrases {
        let mut list = first.list.clone();
        list.extend_from_slice(&then.list);
        Phrases::new(list)
    }

    /// The index of the earliest phrase (in list order) that `norm` holds as whole words, or
    /// that ends one of its words (a suffix).
    pub fn find(&self, norm: &str) -> Option<usize> {
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        let mut best: Option<usize> = None;
        for (i, w) in words.iter().enumerate() {
            if let Some(candidates) = self.by_first.get(*w) {
                for &k in candidates {
                    if best.is_some_and(|b| b <= k) {
                        break;
                    }
                    let rest = self.list[k].text.split(' ').skip(1);
                    if rest
                        .enumerate()
                        .all(|(j, x)| words.get(i + 1 + j) == Some(&x))
                    {
                        best = Some(k);
                        break;
                    }
                }
            }
            for &k in &self.suffixes {
                if best.is_some_and(|b| b <= k) {
                    break;
                }
                if w.ends_with(self.list[k].text.as_str()) {
                    best = Some(k);
                    break;
                }
            }
        }
        best
    }

    /// The phrases (not suffixes) that `words` start with.
    pub fn starting<'a>(&'a self, words: &'a [&'a str]) -> impl Iterator<Item = usize> + 'a {
        let first = words.first().copied().unwrap_or_default();
        self.by_first
            .get(first)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&k| {
                self.list[k]
                    .text
                    .split(' ')
                    .enumerate()
                    .all(|(j, x)| words.get(j) == Some(&x))
            })
    }
}

impl std::ops::Deref for Phrases {
    type Target = [Phrase];
    fn deref(&self) -> &[Phrase] {
        &self.list
    }
}

/// Phrases with a group each, in order: what [`Phrases::find`] finds first wins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub phrases: Phrases,
    pub groups: Vec<Group>,
}

impl Table {
    pub fn new(entries: Vec<(Phrase, Group)>) -> Table {
        let (list, groups): (Vec<Phrase>, Vec<Group>) = entries.into_iter().unzip();
        Table {
            phrases: Phrases::new(list),
            groups,
        }
    }

    pub fn cat(first: &Table, then: &Table) -> Table {
        let mut groups = first.groups.clone();
        groups.extend_from_slice(&then.groups);
        Table {
            phrases: Phrases::cat(&first.phrases, &then.phrases),
            groups,
        }
    }

    /// The earliest entry `norm` holds.
    pub fn first(&self, norm: &str) -> Option<(&Phrase, Group)> {
        self.phrases
            .find(norm)
            .map(|i| (&self.phrases[i], self.groups[i]))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Phrase, Group)> {
        self.phrases.iter().zip(self.groups.iter().copied())
    }
}

/// A legal form: its words as written ("GmbH", "S.A.", "Sp. z o.o."), split at spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LegalForm {
    pub words: Vec<String>,
    pub group: Group,
    /// A registered association's form ("e.V."), which says what the body is (an
    /// association) but not whose members it has: it counts as the word "association".
    pub association: bool,
}

/// A body known by name; `anywhere` when it also counts inside a longer name (strength 1),
/// not only at the start of a part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Known {
    pub name: Phrase,
    pub group: Group,
    pub anywhere: bool,
}

/// The lists of membership bodies (see the rules file's `[members]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Members {
    pub heads: Phrases,
    pub sector_heads: Phrases,
    pub industry: Phrases,
    pub sectors: Phrases,
    pub causes: Phrases,
    pub workers: Phrases,
    pub local_governments: Phrases,
    pub union_of_states: Phrases,
    pub unions: Vec<String>,
    pub business_unions: Phrases,
    pub learning: Phrases,
    pub professional_heads: Phrases,
    pub professions: Phrases,
    pub group_of_people: Vec<String>,
    pub chambers: Phrases,
    pub legislative: Phrases,
    pub regions: Vec<String>,
}

/// The lists of the state's bodies (see the rules file's `[state]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct State {
    pub national: Phrases,
    pub commissions: Phrases,
    pub institutes: Phrases,
    pub secretariats: Vec<String>,
    pub secretariat_next: Vec<String>,
}

/// Validated organisation rules: the knowledge [`super::org_group`] reads names with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgRules {
    pub name: String,
    pub description: Option<String>,
    /// The files the rules come from, the one whose entries win first.
    pub paths: Vec<PathBuf>,
    /// Whether the file asks to replace the built-in rules rather than extend them.
    pub replace: bool,
    /// Spaced (" for "), as looked for in a normalised name.
    pub(crate) links: Vec<String>,
    pub(crate) purpose_links: Vec<String>,
    /// The same words as sets.
    pub(crate) link_set: HashSet<String>,
    pub(crate) purpose_link_set: HashSet<String>,
    pub(crate) job_words: Vec<String>,
    pub(crate) person_words: Vec<String>,
    pub(crate) neutral: Phrases,
    pub(crate) structural: Vec<String>,
    pub(crate) wordlike: Vec<String>,
    pub(crate) scope_acronyms: Vec<String>,
    pub(crate) articles: Vec<String>,
    pub(crate) weak_heads: Vec<Phrase>,
    pub(crate) members: Members,
    pub(crate) state: State,
    pub(crate) declared: Table,
    pub(crate) legal_forms: Vec<LegalForm>,
    /// The legal forms by the lower case of their last word (final dot dropped).
    pub(crate) legal_by_last: HashMap<String, Vec<usize>>,
    pub(crate) known: Vec<Known>,
    /// The names of `known`, in order, indexed.
    pub(crate) known_names: Phrases,
    /// The names of `known` that count anywhere, and where each is in `known`.
    pub(crate) known_anywhere: Phrases,
    pub(crate) known_anywhere_at: Vec<usize>,
    /// Acronym → group, and whether it counts anywhere in a part (not only first or alone).
    pub(crate) acronyms: HashMap<String, (Group, bool)>,
    pub(crate) acronym_prefixes: Vec<(String, Group)>,
    pub(crate) domains: Vec<(String, Group)>,
    pub(crate) words: Table,
    pub(crate) head_words: Table,
    pub(crate) first_words: Table,
    pub(crate) purposes: Table,
    pub(crate) last_words: Vec<(String, Group)>,
    pub(crate) roles: Table,
    pub(crate) role_acronyms: Vec<(String, Group)>,
    pub(crate) sectors: Vec<(String, Group)>,
}

/// What is wrong with an organisation rules file.
#[derive(Debug, thiserror::Error)]
pub enum GroupRulesError {
    #[error("cannot read organisation rules {path}")]
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
        problem: RulesProblem,
    },
}

impl GroupRulesError {
    /// The 1-based line of the problem, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            GroupRulesError::Read { .. } => None,
            GroupRulesError::Syntax { line, .. } | GroupRulesError::Invalid { line, .. } => {
                Some(*line)
            }
        }
    }

    /// The 1-based column (in characters) of the problem, when it has one.
    pub fn column(&self) -> Option<usize> {
        match self {
            GroupRulesError::Read { .. } => None,
            GroupRulesError::Syntax { column, .. } | GroupRulesError::Invalid { column, .. } => {
                Some(*column)
            }
        }
    }

    /// The file the problem is in.
    pub fn path(&self) -> &Path {
        match self {
            GroupRulesError::Read { path, .. }
            | GroupRulesError::Syntax { path, .. }
            | GroupRulesError::Invalid { path, .. } => path,
        }
    }
}

/// A semantic problem in a well-formed rules file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RulesProblem {
    #[error("unknown stakeholder group `{id}`; expected one of {expected}")]
    UnknownGroup { id: String, expected: String },
    #[error("entry {entry:?} of `{table}` has no words")]
    EmptyEntry { table: &'static str, entry: String },
    #[error("entry {entry:?} of `{table}` must be one word")]
    NotOneWord { table: &'static str, entry: String },
    #[error("acronym {entry:?} must be letters and digits only, as written in names")]
    BadAcronym { entry: String },
    #[error("a `{table}` block lists nothing")]
    EmptyBlock { table: &'static str },
    #[error("entry {entry:?} of `{table}` cannot be a word ending (\"-…\")")]
    NoSuffixHere { table: &'static str, entry: String },
    #[error("{entry:?} is listed in `{table}` under both {first} and {second}")]
    Contradiction {
        table: &'static str,
        entry: String,
        first: &'static str,
        second: &'static str,
    },
}

type RawList = Vec<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    name: Option<String>,
    description: Option<String>,
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    reading: RawReading,
    #[serde(default)]
    members: RawMembers,
    #[serde(default)]
    state: RawState,
    #[serde(default)]
    declared: Vec<RawBlock>,
    #[serde(default)]
    legal_forms: Vec<RawForms>,
    #[serde(default)]
    known: Vec<RawNames>,
    #[serde(default)]
    acronyms: Vec<RawAcronyms>,
    #[serde(default)]
    domains: Vec<RawDomains>,
    #[serde(default)]
    words: Vec<RawBlock>,
    #[serde(default)]
    head_words: Vec<RawBlock>,
    #[serde(default)]
    first_words: Vec<RawBlock>,
    #[serde(default)]
    purposes: Vec<RawBlock>,
    #[serde(default)]
    last_words: Vec<RawBlock>,
    #[serde(default)]
    roles: Vec<RawRoles>,
    #[serde(default)]
    sectors: Vec<RawSectors>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReading {
    #[serde(default)]
    links: RawList,
    #[serde(default)]
    purpose_links: RawList,
    #[serde(default)]
    job_words: RawList,
    #[serde(default)]
    person_words: RawList,
    #[serde(default)]
    neutral: RawList,
    #[serde(default)]
    structural: RawList,
    #[serde(default)]
    wordlike_acronyms: RawList,
    #[serde(default)]
    scope_acronyms: RawList,
    #[serde(default)]
    articles: RawList,
    #[serde(default)]
    weak_heads: RawList,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMembers {
    #[serde(default)]
    heads: RawList,
    #[serde(default)]
    sector_heads: RawList,
    #[serde(default)]
    industry: RawList,
    #[serde(default)]
    sectors: RawList,
    #[serde(default)]
    causes: RawList,
    #[serde(default)]
    workers: RawList,
    #[serde(default)]
    local_governments: RawList,
    #[serde(default)]
    union_of_states: RawList,
    #[serde(default)]
    unions: RawList,
    #[serde(default)]
    business_unions: RawList,
    #[serde(default)]
    learning: RawList,
    #[serde(default)]
    professional_heads: RawList,
    #[serde(default)]
    professions: RawList,
    #[serde(default)]
    group_of_people: RawList,
    #[serde(default)]
    chambers: RawList,
    #[serde(default)]
    legislative: RawList,
    #[serde(default)]
    regions: RawList,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawState {
    #[serde(default)]
    national: RawList,
    #[serde(default)]
    commissions: RawList,
    #[serde(default)]
    institutes: RawList,
    #[serde(default)]
    secretariats: RawList,
    #[serde(default)]
    secretariat_next: RawList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    group: Spanned<String>,
    words: RawList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForms {
    group: Spanned<String>,
    forms: RawList,
    #[serde(default)]
    association: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    group: Spanned<String>,
    names: RawList,
    #[serde(default = "yes")]
    anywhere: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAcronyms {
    group: Spanned<String>,
    #[serde(default = "yes")]
    anywhere: bool,
    #[serde(default)]
    acronyms: RawList,
    #[serde(default)]
    prefixes: RawList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomains {
    group: Spanned<String>,
    labels: RawList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    group: Spanned<String>,
    #[serde(default)]
    words: RawList,
    #[serde(default)]
    acronyms: RawList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSectors {
    group: Spanned<String>,
    values: RawList,
}

/// A validation error: where, and what.
type Bad = (Range<usize>, RulesProblem);

/// How an entry may be written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Words or a word ending.
    Phrase,
    /// Words only (matched at the start of a part, or as a whole).
    Words,
    /// One word.
    Word,
}

fn entry(table: &'static str, e: &Spanned<String>, shape: Shape) -> Result<Phrase, Bad> {
    let raw = e.get_ref().trim();
    let (suffix, body) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let norm = super::normalise(body);
    let text = norm.trim().to_string();
    let entry = e.get_ref().clone();
    if text.is_empty() {
        return Err((e.span(), RulesProblem::EmptyEntry { table, entry }));
    }
    if suffix && shape != Shape::Phrase {
        return Err((e.span(), RulesProblem::NoSuffixHere { table, entry }));
    }
    if (suffix || shape == Shape::Word) && text.contains(' ') {
        return Err((e.span(), RulesProblem::NotOneWord { table, entry }));
    }
    Ok(Phrase { text, suffix })
}

fn phrases(table: &'static str, list: &RawList, shape: Shape) -> Result<Vec<Phrase>, Bad> {
    list.iter().map(|e| entry(table, e, shape)).collect()
}

fn indexed(table: &'static str, list: &RawList, shape: Shape) -> Result<Phrases, Bad> {
    phrases(table, list, shape).map(Phrases::new)
}

fn words(table: &'static str, list: &RawList) -> Result<Vec<String>, Bad> {
    list.iter()
        .map(|e| entry(table, e, Shape::Word).map(|p| p.text))
        .collect()
}

fn group(g: &Spanned<String>) -> Result<Group, Bad> {
    let id = g.get_ref().trim();
    Group::parse(id).ok_or_else(|| {
        let expected = Group::ALL.map(Group::as_str).join(", ");
        let id = id.to_string();
        (g.span(), RulesProblem::UnknownGroup { id, expected })
    })
}

fn acronym(e: &Spanned<String>) -> Result<String, Bad> {
    let a = e.get_ref().trim();
    if a.is_empty() || !a.chars().all(char::is_alphanumeric) {
        let entry = e.get_ref().clone();
        return Err((e.span(), RulesProblem::BadAcronym { entry }));
    }
    Ok(a.to_string())
}

fn non_empty<T>(table: &'static str, g: &Spanned<String>, v: &[T]) -> Result<(), Bad> {
    if v.is_empty() {
        return Err((g.span(), RulesProblem::EmptyBlock { table }));
    }
    Ok(())
}

fn blocks_table(
    table: &'static str,
    raw: &[(&Spanned<String>, &RawList)],
    shape: Shape,
) -> Result<Table, Bad> {
    blocks(table, raw, shape).map(Table::new)
}

/// The blocks of one ordered table, in order, with an entry listed under two groups refused.
fn blocks(
    table: &'static str,
    raw: &[(&Spanned<String>, &RawList)],
    shape: Shape,
) -> Result<Vec<(Phrase, Group)>, Bad> {
    let mut out: Vec<(Phrase, Group)> = Vec::new();
    let mut seen: HashMap<String, Group> = HashMap::new();
    for (g, list) in raw {
        let group = group(g)?;
        non_empty(table, g, list)?;
        for e in list.iter() {
            let p = entry(table, e, shape)?;
            let key = format!("{}{}", if p.suffix { "-" } else { "" }, p.text);
            match seen.get(&key) {
                Some(&first) if first != group => {
                    let problem = RulesProblem::Contradiction {
                        table,
                        entry: e.get_ref().clone(),
                        first: first.as_str(),
                        second: group.as_str(),
                    };
                    return Err((e.span(), problem));
                }
                _ => {
                    seen.insert(key, group);
                }
            }
            out.push((p, group));
        }
    }
    Ok(out)
}

impl OrgRules {
    /// Parses and validates a rules file; `path` is only used in errors and kept in the result.
    pub fn from_toml(src: &str, path: &Path) -> Result<OrgRules, GroupRulesError> {
        let raw: RawRules = toml::from_str(src).map_err(|source| {
            let (line, column) = line_col(src, source.span().map_or(0, |s| s.start));
            GroupRulesError::Syntax {
                path: path.to_path_buf(),
                line,
                column,
                message: source.message().trim_end().to_string(),
                source: Box::new(source),
            }
        })?;
        build(raw, path).map_err(|(span, problem)| {
            let (line, column) = line_col(src, span.start);
            GroupRulesError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                problem,
            }
        })
    }

    /// Reads and validates a rules file.
    pub fn load(path: impl AsRef<Path>) -> Result<OrgRules, GroupRulesError> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|source| GroupRulesError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        OrgRules::from_toml(&src, path)
    }

    /// The rules a pipeline file's `groups = "…"` asks for: the file's entries before the
    /// built-in ones, or the file alone when it says `replace = true`.
    pub fn for_pipeline(path: impl AsRef<Path>) -> Result<OrgRules, GroupRulesError> {
        let own = OrgRules::load(path)?;
        Ok(if own.replace {
            own
        } else {
            OrgRules::built_in().extended_by(own)
        })
    }

    /// The built-in rules (`pipelines/groups/organisations.toml`, compiled in), parsed once.
    pub fn built_in() -> &'static OrgRules {
        static BUILT_IN: OnceLock<OrgRules> = OnceLock::new();
        BUILT_IN.get_or_init(|| {
            OrgRules::from_toml(DEFAULT_SRC, Path::new(DEFAULT_PATH))
                .expect("the built-in organisation rules are valid (a test loads them)")
        })
    }

    /// These rules with `first`'s entries before their own: where both say something of the
    /// same words, `first` wins.
    pub fn extended_by(&self, first: OrgRules) -> OrgRules {
        fn cat<T: Clone>(a: Vec<T>, b: &[T]) -> Vec<T> {
            let mut out = a;
            out.extend_from_slice(b);
            out
        }
        let base = self.clone();
        let mut acronyms = base.acronyms;
        acronyms.extend(first.acronyms);
        let m = first.members;
        let bm = &self.members;
        let s = first.state;
        let bs = &self.state;
        OrgRules {
            name: format!("{} + {}", first.name, self.name),
            description: first.description.or(base.description),
            paths: cat(first.paths, &self.paths),
            replace: false,
            links: cat(first.links, &self.links),
            link_set: HashSet::new(),
            purpose_link_set: HashSet::new(),
            legal_by_last: HashMap::new(),
            purpose_links: cat(first.purpose_links, &self.purpose_links),
            job_words: cat(first.job_words, &self.job_words),
            person_words: cat(first.person_words, &self.person_words),
            neutral: Phrases::cat(&first.neutral, &self.neutral),
            structural: cat(first.structural, &self.structural),
            wordlike: cat(first.wordlike, &self.wordlike),
            scope_acronyms: cat(first.scope_acronyms, &self.scope_acronyms),
            articles: cat(first.articles, &self.articles),
            weak_heads: cat(first.weak_heads, &self.weak_heads),
            members: Members {
                heads: Phrases::cat(&m.heads, &bm.heads),
                sector_heads: Phrases::cat(&m.sector_heads, &bm.sector_heads),
                industry: Phrases::cat(&m.industry, &bm.industry),
                sectors: Phrases::cat(&m.sectors, &bm.sectors),
                causes: Phrases::cat(&m.causes, &bm.causes),
                workers: Phrases::cat(&m.workers, &bm.workers),
                local_governments: Phrases::cat(&m.local_governments, &bm.local_governments),
                union_of_states: Phrases::cat(&m.union_of_states, &bm.union_of_states),
                unions: cat(m.unions, &bm.unions),
                business_unions: Phrases::cat(&m.business_unions, &bm.business_unions),
                learning: Phrases::cat(&m.learning, &bm.learning),
                professional_heads: Phrases::cat(&m.professional_heads, &bm.professional_heads),
                professions: Phrases::cat(&m.professions, &bm.professions),
                group_of_people: cat(m.group_of_people, &bm.group_of_people),
                chambers: Phrases::cat(&m.chambers, &bm.chambers),
                legislative: Phrases::cat(&m.legislative, &bm.legislative),
                regions: cat(m.regions, &bm.regions),
            },
            state: State {
                national: Phrases::cat(&s.national, &bs.national),
                commissions: Phrases::cat(&s.commissions, &bs.commissions),
                institutes: Phrases::cat(&s.institutes, &bs.institutes),
                secretariats: cat(s.secretariats, &bs.secretariats),
                secretariat_next: cat(s.secretariat_next, &bs.secretariat_next),
            },
            declared: Table::cat(&first.declared, &self.declared),
            legal_forms: cat(first.legal_forms, &self.legal_forms),
            known: cat(first.known, &self.known),
            known_names: Phrases::default(),
            known_anywhere: Phrases::default(),
            known_anywhere_at: Vec::new(),
            acronyms,
            acronym_prefixes: cat(first.acronym_prefixes, &self.acronym_prefixes),
            domains: cat(first.domains, &self.domains),
            words: Table::cat(&first.words, &self.words),
            head_words: Table::cat(&first.head_words, &self.head_words),
            first_words: Table::cat(&first.first_words, &self.first_words),
            purposes: Table::cat(&first.purposes, &self.purposes),
            last_words: cat(first.last_words, &self.last_words),
            roles: Table::cat(&first.roles, &self.roles),
            role_acronyms: cat(first.role_acronyms, &self.role_acronyms),
            sectors: cat(first.sectors, &self.sectors),
        }
        .with_known_index()
    }

    /// The indexes of the known names, links and legal forms, built again from the lists.
    fn with_known_index(mut self) -> OrgRules {
        let set = |v: &[String]| v.iter().map(|l| l.trim().to_string()).collect();
        self.link_set = set(&self.links);
        self.purpose_link_set = set(&self.purpose_links);
        self.legal_by_last = HashMap::new();
        for (i, f) in self.legal_forms.iter().enumerate() {
            let last = f
                .words
                .last()
                .map_or("", |w| w.strip_suffix('.').unwrap_or(w));
            self.legal_by_last
                .entry(last.to_lowercase())
                .or_default()
                .push(i);
        }
        self.known_names = Phrases::new(self.known.iter().map(|k| k.name.clone()).collect());
        let (at, names): (Vec<usize>, Vec<Phrase>) = self
            .known
            .iter()
            .enumerate()
            .filter(|(_, k)| k.anywhere)
            .map(|(i, k)| (i, k.name.clone()))
            .unzip();
        self.known_anywhere = Phrases::new(names);
        self.known_anywhere_at = at;
        self
    }
}

fn pairs(v: &[RawBlock]) -> Vec<(&Spanned<String>, &RawList)> {
    v.iter().map(|b| (&b.group, &b.words)).collect()
}

fn build(raw: RawRules, path: &Path) -> Result<OrgRules, Bad> {
    let r = &raw.reading;
    let m = &raw.members;
    let s = &raw.state;
    let mut legal_forms = Vec::new();
    for b in &raw.legal_forms {
        let g = group(&b.group)?;
        non_empty("legal_forms", &b.group, &b.forms)?;
        for f in &b.forms {
            let words: Vec<String> = f.get_ref().split_whitespace().map(str::to_string).collect();
            if words.is_empty() || !f.get_ref().chars().any(char::is_alphanumeric) {
                let entry = f.get_ref().clone();
                let problem = RulesProblem::EmptyEntry {
                    table: "legal_forms",
                    entry,
                };
                return Err((f.span(), problem));
            }
            legal_forms.push(LegalForm {
                words,
                group: g,
                association: b.association,
            });
        }
    }
    let known_pairs: Vec<_> = raw.known.iter().map(|b| (&b.group, &b.names)).collect();
    let known_anywhere: Vec<bool> = raw
        .known
        .iter()
        .flat_map(|b| std::iter::repeat_n(b.anywhere, b.names.len()))
        .collect();
    let mut acronyms = HashMap::new();
    let mut acronym_prefixes = Vec::new();
    for b in &raw.acronyms {
        let g = group(&b.group)?;
        if b.acronyms.is_empty() && b.prefixes.is_empty() {
            return Err((
                b.group.span(),
                RulesProblem::EmptyBlock { table: "acronyms" },
            ));
        }
        for a in &b.acronyms {
            let a = acronym(a)?;
            acronyms.entry(a).or_insert((g, b.anywhere));
        }
        for p in &b.prefixes {
            acronym_prefixes.push((acronym(p)?, g));
        }
    }
    let mut domains = Vec::new();
    for b in &raw.domains {
        let g = group(&b.group)?;
        non_empty("domains", &b.group, &b.labels)?;
        for l in words("domains", &b.labels)? {
            domains.push((l, g));
        }
    }
    let mut roles = Vec::new();
    let mut role_acronyms = Vec::new();
    for b in &raw.roles {
        let g = group(&b.group)?;
        if b.words.is_empty() && b.acronyms.is_empty() {
            return Err((b.group.span(), RulesProblem::EmptyBlock { table: "roles" }));
        }
        for p in phrases("roles", &b.words, Shape::Phrase)? {
            roles.push((p, g));
        }
        for a in &b.acronyms {
            role_acronyms.push((acronym(a)?, g));
        }
    }
    let mut sectors = Vec::new();
    for b in &raw.sectors {
        let g = group(&b.group)?;
        non_empty("sectors", &b.group, &b.values)?;
        for p in phrases("sectors", &b.values, Shape::Words)? {
            sectors.push((p.text, g));
        }
    }
    let last_words = blocks("last_words", &pairs(&raw.last_words), Shape::Word)?
        .into_iter()
        .map(|(p, g)| (p.text, g))
        .collect();
    let wordlike = r
        .wordlike_acronyms
        .iter()
        .map(acronym)
        .collect::<Result<_, _>>()?;
    Ok(OrgRules {
        name: raw.name.unwrap_or_else(|| {
            path.file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        }),
        description: raw.description,
        paths: vec![path.to_path_buf()],
        replace: raw.replace,
        links: spaced(words("reading.links", &r.links)?),
        link_set: HashSet::new(),
        purpose_link_set: HashSet::new(),
        legal_by_last: HashMap::new(),
        purpose_links: spaced(words("reading.purpose_links", &r.purpose_links)?),
        job_words: words("reading.job_words", &r.job_words)?,
        person_words: words("reading.person_words", &r.person_words)?,
        neutral: indexed("reading.neutral", &r.neutral, Shape::Phrase)?,
        structural: words("reading.structural", &r.structural)?,
        wordlike,
        scope_acronyms: r
            .scope_acronyms
            .iter()
            .map(acronym)
            .collect::<Result<_, _>>()?,
        articles: words("reading.articles", &r.articles)?,
        weak_heads: phrases("reading.weak_heads", &r.weak_heads, Shape::Words)?,
        members: Members {
            heads: indexed("members.heads", &m.heads, Shape::Phrase)?,
            sector_heads: indexed("members.sector_heads", &m.sector_heads, Shape::Phrase)?,
            industry: indexed("members.industry", &m.industry, Shape::Phrase)?,
            sectors: indexed("members.sectors", &m.sectors, Shape::Phrase)?,
            causes: indexed("members.causes", &m.causes, Shape::Phrase)?,
            workers: indexed("members.workers", &m.workers, Shape::Phrase)?,
            local_governments: indexed(
                "members.local_governments",
                &m.local_governments,
                Shape::Phrase,
            )?,
            union_of_states: indexed("members.union_of_states", &m.union_of_states, Shape::Phrase)?,
            unions: words("members.unions", &m.unions)?,
            business_unions: indexed("members.business_unions", &m.business_unions, Shape::Words)?,
            learning: indexed("members.learning", &m.learning, Shape::Phrase)?,
            professional_heads: indexed(
                "members.professional_heads",
                &m.professional_heads,
                Shape::Phrase,
            )?,
            professions: indexed("members.professions", &m.professions, Shape::Phrase)?,
            group_of_people: words("members.group_of_people", &m.group_of_people)?,
            chambers: indexed("members.chambers", &m.chambers, Shape::Phrase)?,
            legislative: indexed("members.legislative", &m.legislative, Shape::Phrase)?,
            regions: words("members.regions", &m.regions)?,
        },
        state: State {
            national: indexed("state.national", &s.national, Shape::Words)?,
            commissions: indexed("state.commissions", &s.commissions, Shape::Phrase)?,
            institutes: indexed("state.institutes", &s.institutes, Shape::Words)?,
            secretariats: words("state.secretariats", &s.secretariats)?,
            secretariat_next: words("state.secretariat_next", &s.secretariat_next)?,
        },
        declared: blocks_table("declared", &pairs(&raw.declared), Shape::Phrase)?,
        legal_forms,
        known: blocks("known", &known_pairs, Shape::Words)?
            .into_iter()
            .zip(known_anywhere)
            .map(|((p, g), anywhere)| Known {
                name: p,
                group: g,
                anywhere,
            })
            .collect(),
        known_names: Phrases::default(),
        known_anywhere: Phrases::default(),
        known_anywhere_at: Vec::new(),
        acronyms,
        acronym_prefixes,
        domains,
        words: blocks_table("words", &pairs(&raw.words), Shape::Phrase)?,
        head_words: blocks_table("head_words", &pairs(&raw.head_words), Shape::Phrase)?,
        first_words: blocks_table("first_words", &pairs(&raw.first_words), Shape::Word)?,
        purposes: blocks_table("purposes", &pairs(&raw.purposes), Shape::Phrase)?,
        last_words,
        roles: Table::new(roles),
        role_acronyms,
        sectors,
    }
    .with_known_index())
}

/// Link words as they are looked for in a normalised name: " for ".
fn spaced(words: Vec<String>) -> Vec<String> {
    words.into_iter().map(|w| format!(" {w} ")).collect()
}

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
