//! Index and search: a tantivy index of passages, rebuilt atomically, searched with stemming,
//! phrases, boolean logic and exact filters, with highlighted snippets.
//!
//! Contract:
//! - [`write_index`] replaces the whole content of an index directory with the given passages in
//!   one commit: a reader sees the old index or the new one, never a mix. It creates the
//!   directory if needed and refuses a non-empty directory that holds no index, so a typo can
//!   never clobber user files.
//! - [`load`] gives back exactly the passages written, in the order they were given (the `seq`
//!   field), with the documents they belong to, so the outline and `participants` can be
//!   rebuilt from the index alone. Documents without any passage are not kept.
//! - [`search`] refuses a query longer than [`MAX_QUERY_BYTES`] or with more groups than
//!   [`MAX_QUERY_GROUPS`] (opening parentheses and `NOT`s) before it opens the index or parses
//!   the query, so any query string is answered or refused in time linear in its length and a
//!   bounded stack; every other query error is one line too.
//! - [`search`] is deterministic: score descending, then corpus order. Text fields are analysed
//!   with the one analyzer of [`crate::analysis`] in the language of their document (told from
//!   its passages by [`crate::tag::language`]): English text with the English stemmer, so
//!   `consultations` finds `consultation`; Spanish text in its own field with the Spanish
//!   stemmer, so `participación` finds `participaciones`; Chinese text character by character;
//!   `lang:es` filters by language. Every quote in a hit is the stored passage,
//!   `text == doc.text[start..end]`.
//!
//! ```
//! use rapporteur::index::{SearchRequest, load, search, write_index};
//! use rapporteur::{DocInfo, Document, Passage, PassageKind};
//!
//! let text = "Participants stressed that trust is built through consultation.";
//! let doc = Document {
//!     id: "notes/a".into(), path: "notes/a.txt".into(), path_raw: None, format: "text".into(),
//!     title: Some("Session notes".into()), kind: "notes".into(), text: text.into(),
//!     meta: Default::default(), warnings: Vec::new(), authors: Vec::new(), blocks: Vec::new(),
//! };
//! let passage = Passage::new(&doc, 1, PassageKind::Paragraph, 0, text.len());
//! let dir = tempfile::tempdir()?;
//! let summary = write_index(dir.path(), &[DocInfo::from(&doc)], &[passage.clone()])?;
//! assert_eq!(summary.passages, 1);
//!
//! let found = search(dir.path(), &SearchRequest::new("consultations"))?;
//! assert_eq!(found.total, 1);
//! let snippet = &found.hits[0].snippet;
//! let (s, e) = snippet.highlights[0];
//! assert_eq!(&snippet.text[s..e], "consultation");
//!
//! assert_eq!(load(dir.path())?.passages, vec![passage]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::PathBuf;

use serde::Serialize;

use crate::model::{DocInfo, Passage};

#[cfg(test)]
mod query_tests;
mod render;
mod schema;
mod search;
mod store;
#[cfg(test)]
mod tests;

pub use render::{render_hits_json, render_hits_text};
pub use search::{
    Hit, MAX_QUERY_BYTES, MAX_QUERY_GROUPS, SearchRequest, SearchResults, Snippet, search,
};
pub use store::{IndexBuilder, check_replaceable, load, write_index};

/// What [`write_index`] did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndexSummary {
    /// The index directory.
    pub dir: PathBuf,
    /// Documents with at least one passage in the index.
    pub docs: usize,
    /// Passages in the index.
    pub passages: usize,
    /// True when the index was created, false when an existing one was rebuilt.
    pub created: bool,
}

/// The content of an index, as [`load`] gives it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The documents of the passages, deduplicated, in order of first passage.
    pub docs: Vec<DocInfo>,
    /// The passages, in the order they were written.
    pub passages: Vec<Passage>,
}

/// Why an index could not be written, opened or searched.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The directory to read does not exist.
    #[error("no index at {}: the directory does not exist (build one with `rapporteur run`)", dir.display())]
    Missing { dir: PathBuf },
    /// The path exists but is not a directory.
    #[error("{} is not a directory, so it cannot hold an index", dir.display())]
    NotADirectory { dir: PathBuf },
    /// The directory exists but holds no tantivy index.
    #[error("{} is not a rapporteur index (it has no meta.json)", dir.display())]
    NotAnIndex { dir: PathBuf },
    /// Refused to write into a non-empty directory that is not an index.
    #[error(
        "refusing to write an index into {}: the directory is not empty and holds no index \
         (choose an empty or new directory)",
        dir.display()
    )]
    NotEmpty { dir: PathBuf },
    /// The directory holds a tantivy index with another schema (not ours, or another version).
    #[error(
        "{} holds a search index that rapporteur did not write (or an older version did): \
         remove the directory or choose another one",
        dir.display()
    )]
    Foreign { dir: PathBuf },
    /// The directory holds a rapporteur index and a file that is not part of it.
    #[error(
        "{} holds {}, which rapporteur did not write (it is not part of the index there): \
         move it away",
        dir.display(),
        file.display()
    )]
    OtherFiles { dir: PathBuf, file: PathBuf },
    /// Another process is writing the index.
    #[error("the index at {} is locked: another process is writing it", dir.display())]
    Locked { dir: PathBuf },
    /// A file-system error on the index directory.
    #[error("cannot access the index directory {}", dir.display())]
    Io {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An error inside tantivy while doing `action`.
    #[error("index {}: {action} failed", dir.display())]
    Tantivy {
        dir: PathBuf,
        action: &'static str,
        #[source]
        source: tantivy::TantivyError,
    },
    /// A stored passage or document could not be decoded: the index is damaged.
    #[error("index {}: stored {what} #{seq} is not valid rapporteur JSON", dir.display())]
    Corrupt {
        dir: PathBuf,
        what: &'static str,
        seq: u64,
        #[source]
        source: serde_json::Error,
    },
    /// A passage names a document that is not in the list given to [`write_index`].
    #[error("passage {passage} belongs to document {doc}, which is not among the documents given")]
    UnknownDoc { passage: String, doc: String },
    /// The query cannot be parsed.
    #[error("cannot parse query \"{}\": {}", one_line(query), one_line(message))]
    Query { query: String, message: String },
    /// The query is longer than [`MAX_QUERY_BYTES`]: refused before any of it is read.
    #[error(
        "query refused: it is {bytes} bytes long, and a query may be at most {MAX_QUERY_BYTES} \
         bytes"
    )]
    QueryTooLong { bytes: usize },
    /// The query holds more groups than [`MAX_QUERY_GROUPS`]: refused before it is parsed.
    #[error(
        "query refused: it has {groups} groups (opening parentheses and NOTs), and a query may \
         have at most {MAX_QUERY_GROUPS}"
    )]
    QueryTooManyGroups { groups: usize },
    /// A filter value that cannot match anything (an unknown kind or group).
    #[error(
        "unknown {filter} \"{}\" (expected one of: {expected})",
        one_line(value)
    )]
    Filter {
        filter: &'static str,
        value: String,
        expected: String,
    },
}

/// `s` with every control character escaped, so that an error message stays on one line and
/// cannot drive the terminal.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || render::is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
