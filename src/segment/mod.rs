//! Segmentation: a document's blocks → [`Passage`]s with ids and section paths.
//!
//! Contract: passages come in document order, ids are `<doc id>#<n>` counting from 1, every
//! passage's `text` is `doc.text[start..end]`, and `section` holds the texts of the headings
//! above it, outermost first. A heading of level L closes every open heading of level ≥ L;
//! title headings (level 0) name the document and open no section.
//! Comments keep their anchor (as a [`Span`]) and replies their `reply_to` passage id.
//!
//! ```
//! use rapporteur::{read::read_bytes, segment::segment};
//! let doc = read_bytes(b"# Report\n\n## Lessons\n\n- Build trust.\n", "d", "d.md").unwrap();
//! let passages = segment(&doc);
//! assert_eq!(doc.title.as_deref(), Some("Report"));
//! assert_eq!(passages[2].id, "d#3");
//! assert_eq!(passages[2].section, ["Lessons"]);
//! ```

pub mod chrome;

use crate::model::{Document, Passage, PassageKind, Span};

/// Turns the blocks of `doc` into passages.
pub fn segment(doc: &Document) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::with_capacity(doc.blocks.len());
    let mut stack: Vec<(u8, String)> = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if doc.text.get(b.start..b.end).is_none() || b.start >= b.end {
            continue;
        }
        let mut p = Passage::new(doc, out.len() + 1, b.kind, b.start, b.end);
        if b.kind == PassageKind::Heading && b.level == 0 {
            // A title line: it names the document, not a section.
        } else if b.kind == PassageKind::Heading {
            let level = b.level;
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            p.section = stack.iter().map(|(_, t)| t.clone()).collect();
            stack.push((level, p.text.clone()));
        } else {
            p.section = stack.iter().map(|(_, t)| t.clone()).collect();
        }
        p.speaker = b.speaker.clone();
        p.meta = b.meta.clone();
        p.anchor = b.anchor.map(|(s, e)| Span::of(&doc.text, s, e));
        if let Some(r) = b.reply_to {
            p.reply_to = Some(format!("{}#{}", doc.id, block_number(doc, r)));
        }
        debug_assert!(i < doc.blocks.len());
        out.push(p);
    }
    out
}

/// The passage number of block `i` (blocks that make no passage are skipped).
fn block_number(doc: &Document, i: usize) -> usize {
    doc.blocks[..i.min(doc.blocks.len())]
        .iter()
        .filter(|b| b.start < b.end && doc.text.get(b.start..b.end).is_some())
        .count()
        + 1
}
