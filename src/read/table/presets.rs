//! Column mappings for the contribution exports rapporteur knows, by name (`preset = "polis"`)
//! or recognised from a file's columns when no preset is given.
//!
//! | preset | export | text | row key | speaker |
//! |---|---|---|---|---|
//! | `polis` | Polis `comments.csv` / `comments.json` | `comment-body` / `txt` | `comment-id` / `statement_id` | `author-id` / `participant_id` (pseudonymous) |
//! | `survey` | Remesh / Global Dialogues verbatim maps and exports | `Thought Text` / `Responses` | `Thought ID` | `Participant ID` (pseudonymous) |
//! | `combined` | the normalised contributions JSONL | `text` | `source/collection/id` | `author` |
//! | `decide-madrid` | CONSUL debates and comments | `body` / `description` | `comment_id` / `debate_id` | `author_name` |
//!
//! Each field lists candidate columns; the first the file has is used. A `columns` table in
//! the pipeline file overrides any field of the preset.

use crate::read::ColumnMap;

/// Candidate columns per field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Preset {
    pub name: &'static str,
    pub text: &'static [&'static str],
    /// Composite row keys: every listed column that exists, joined with `/`.
    pub id: &'static [&'static str],
    pub author: &'static [&'static str],
    pub organisation: &'static [&'static str],
    pub group: &'static [&'static str],
    pub date: &'static [&'static str],
    pub question: &'static [&'static str],
    /// The parent row's key (or an ancestry path whose last element is the parent).
    pub parent: &'static [&'static str],
    pub title: &'static [&'static str],
    /// Rows to skip: (column, value) — a row whose column holds the value is not a contribution.
    pub skip: &'static [(&'static str, &'static str)],
    /// Rows to keep only: (column, value) — when the column exists, other values are skipped.
    pub only: &'static [(&'static str, &'static str)],
}

pub(crate) const PRESETS: &[Preset] = &[
    Preset {
        name: "polis",
        text: &["comment-body", "txt"],
        id: &["comment-id", "statement_id"],
        author: &["author-id", "participant_id"],
        organisation: &[],
        group: &[],
        date: &["datetime", "created"],
        question: &[],
        parent: &[],
        title: &[],
        skip: &[("moderated", "-1")],
        only: &[],
    },
    Preset {
        name: "survey",
        text: &["Thought Text", "Responses"],
        id: &["Thought ID"],
        author: &["Participant ID"],
        organisation: &[],
        group: &[],
        date: &[],
        question: &["Question Text", "Question"],
        parent: &[],
        title: &[],
        skip: &[],
        only: &[("Question Type", "Ask Opinion")],
    },
    Preset {
        name: "combined",
        text: &["text"],
        id: &["source", "collection", "id"],
        author: &["author"],
        organisation: &["organisation", "organization"],
        group: &["sector", "group"],
        date: &["created"],
        question: &["question"],
        parent: &["parent"],
        title: &["title"],
        skip: &[],
        only: &[],
    },
    Preset {
        name: "decide-madrid",
        text: &["body", "description"],
        id: &["comment_id", "debate_id"],
        author: &["author_name"],
        organisation: &[],
        group: &[],
        date: &["created_at"],
        question: &[],
        parent: &["ancestry"],
        title: &["title"],
        skip: &[],
        only: &[],
    },
];

/// Columns a generic file's text may be in, when nothing else says.
pub(crate) const GENERIC_TEXT: &[&str] = &[
    "text",
    "body",
    "comment",
    "comments",
    "content",
    "contribution",
    "response",
    "answer",
    "message",
    "submission",
];

/// The preset of this name.
pub(crate) fn by_name(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// The names of the presets, for error messages.
pub(crate) fn names() -> String {
    let mut n: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
    n.push("netmundial");
    n.join(", ")
}

/// The preset whose signature columns the header has, if any.
pub(crate) fn recognise(header: &[String]) -> Option<&'static Preset> {
    let has = |c: &str| header.iter().any(|h| h == c);
    if has("source_family") && has("text") {
        return by_name("combined");
    }
    if has("comment-body") || (has("txt") && has("statement_id")) {
        return by_name("polis");
    }
    if has("Thought Text") || (has("Responses") && has("Question Type")) {
        return by_name("survey");
    }
    if (has("body") && has("ancestry")) || (has("description") && has("debate_id")) {
        return by_name("decide-madrid");
    }
    None
}

/// The resolved mapping: column names present in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mapping {
    pub text: String,
    pub id: Vec<String>,
    pub author: Option<String>,
    pub organisation: Option<String>,
    pub group: Option<String>,
    pub date: Option<String>,
    pub question: Option<String>,
    pub parent: Option<String>,
    pub title: Option<String>,
    pub skip: Vec<(String, String)>,
    pub only: Vec<(String, String)>,
    /// The preset used, if any.
    pub preset: Option<&'static str>,
}

/// Resolves the mapping for a header: explicit columns over the preset over generic guesses.
/// `None` when no text column can be found.
pub(crate) fn resolve(
    header: &[String],
    preset: Option<&'static Preset>,
    columns: Option<&ColumnMap>,
) -> Option<Mapping> {
    let find = |cands: &[&str]| -> Option<String> {
        cands
            .iter()
            .find_map(|c| header.iter().find(|h| h.as_str() == *c).cloned())
    };
    let explicit = |f: fn(&ColumnMap) -> &Option<String>| -> Option<String> {
        columns
            .and_then(|c| f(c).clone())
            .filter(|name| header.iter().any(|h| h == name))
    };
    let p = preset.cloned().unwrap_or_default();
    let text = explicit(|c| &c.text).or_else(|| find(p.text)).or_else(|| {
        GENERIC_TEXT.iter().find_map(|g| {
            header
                .iter()
                .find(|h| h.trim().eq_ignore_ascii_case(g))
                .cloned()
        })
    })?;
    let id = match explicit(|c| &c.id) {
        Some(c) => vec![c],
        None => {
            p.id.iter()
                .filter(|c| header.iter().any(|h| h == *c))
                .map(|c| (*c).to_string())
                .take(if p.name == "combined" { 3 } else { 1 })
                .collect()
        }
    };
    let pick =
        |f: fn(&ColumnMap) -> &Option<String>, cands: &[&str]| explicit(f).or_else(|| find(cands));
    Some(Mapping {
        text,
        id,
        author: pick(|c| &c.author, p.author),
        organisation: pick(|c| &c.organisation, p.organisation),
        group: pick(|c| &c.group, p.group),
        date: pick(|c| &c.date, p.date),
        question: pick(|c| &c.question, p.question),
        parent: pick(|c| &c.parent, p.parent),
        title: find(p.title),
        skip: p
            .skip
            .iter()
            .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
            .collect(),
        only: p
            .only
            .iter()
            .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
            .collect(),
        preset: preset.map(|p| p.name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|c| (*c).to_string()).collect()
    }

    #[test]
    fn presets_are_recognised_from_real_headers() {
        let polis = h(&[
            "timestamp",
            "datetime",
            "comment-id",
            "author-id",
            "agrees",
            "disagrees",
            "moderated",
            "comment-body",
        ]);
        let m = resolve(&polis, recognise(&polis), None).expect("mapping");
        assert_eq!(m.text, "comment-body");
        assert_eq!(m.id, ["comment-id"]);
        assert_eq!(m.author.as_deref(), Some("author-id"));
        let survey = h(&[
            "Question ID",
            "Question Text",
            "Participant ID",
            "Thought ID",
            "Thought Text",
        ]);
        let m = resolve(&survey, recognise(&survey), None).expect("mapping");
        assert_eq!(
            (m.text.as_str(), m.question.as_deref()),
            ("Thought Text", Some("Question Text"))
        );
        let combined = h(&[
            "source",
            "source_family",
            "collection",
            "id",
            "text",
            "parent",
        ]);
        let m = resolve(&combined, recognise(&combined), None).expect("mapping");
        assert_eq!(m.id, ["source", "collection", "id"]);
        assert_eq!(m.parent.as_deref(), Some("parent"));
    }

    #[test]
    fn explicit_columns_override_and_generic_text_is_found() {
        let cols = h(&["Submission", "Name", "Company", "Stakeholder group"]);
        let map = ColumnMap {
            author: Some("Name".into()),
            organisation: Some("Company".into()),
            group: Some("Stakeholder group".into()),
            ..ColumnMap::default()
        };
        let m = resolve(&cols, None, Some(&map)).expect("mapping");
        assert_eq!(m.text, "Submission");
        assert_eq!(m.group.as_deref(), Some("Stakeholder group"));
        assert!(m.id.is_empty());
        assert_eq!(resolve(&h(&["a", "b"]), None, None), None);
    }
}
