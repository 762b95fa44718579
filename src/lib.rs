//! rapporteur: offline, deterministic mining of consultation contributions.
//!
//! ```text
//!  files ──read──▶ Document ──segment──▶ Passages ──attribute──▶ + speakers ──tag──▶ + tags
//!                                                                                     │
//!                       outline ◀── query/aggregate ◀── index (tantivy) ◀─────────────┤
//!                                                       passages.jsonl  ◀─────────────┘
//! ```

pub mod analysis;
pub mod attribute;
pub mod index;
pub mod model;
pub mod pipeline;
pub mod read;
pub mod segment;
pub mod store;
pub mod synth;
pub mod tag;

pub use model::{
    Author, AuthorSource, Block, CoSpeaker, DocInfo, Document, Evidence, EvidenceKind, Group, How,
    Mismatch, Participant, Passage, PassageKind, Span, Speaker,
};
