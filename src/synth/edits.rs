//! Proposed edits: the tracked changes of each draft, what a rapporteur reconciles before the
//! next version.
//!
//! What: every `revision` passage (a `w:ins`, `w:del`, `w:moveFrom` or `w:moveTo` of a Word
//! draft; its action and date in `meta`, its author as speaker) — per document, with how many
//! each reviewer inserted, deleted and moved and over which dates, and grouped by the paragraph
//! of the draft they change: the passage before them in reading order that is not itself a
//! revision (readers put a paragraph's revisions right after it). Each edit is quoted verbatim:
//! an insertion or a move-to where it now stands in the body, a deletion or a move-away in the
//! draft's removed text. Paragraphs and edits are in reading order, documents in corpus order.
//!
//! Why: a tracked change is a reviewer's proposal to the text, not a finding; they belong
//! together, per paragraph, where a rapporteur accepts or rejects them.

use std::collections::BTreeMap;

use super::overview::date;
use super::quotes::Excerpt;
use super::{Ctx, DraftEdits, Edit, EditAction, ParagraphEdits, ReviewerEdits};
use crate::model::{Passage, PassageKind};

/// The action of a revision passage, from its `meta.action`.
pub fn action(p: &Passage) -> Option<EditAction> {
    if p.kind != PassageKind::Revision {
        return None;
    }
    match p.meta.get("action")?.as_str()? {
        "insert" => Some(EditAction::Insert),
        "delete" => Some(EditAction::Delete),
        "move_from" => Some(EditAction::MoveFrom),
        "move_to" => Some(EditAction::MoveTo),
        _ => None,
    }
}

/// The date of a revision (`YYYY-MM-DD`), when its `meta.date` reads as one.
pub fn edit_date(p: &Passage) -> Option<String> {
    date(p.meta.get("date")?.as_str()?)
}

/// The proposed edits of the corpus (see the module doc).
pub(crate) fn edits(ctx: &Ctx) -> Vec<DraftEdits> {
    // Document id → its paragraphs in reading order: (the passage changed, its edits).
    let mut docs: Vec<(&str, Vec<Paragraph>)> = Vec::new();
    let mut last_body: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in ctx.passages.iter().enumerate() {
        let Some(action) = action(p) else {
            if p.kind != PassageKind::Revision {
                last_body.insert(p.doc.as_str(), i);
            }
            continue;
        };
        let Some(quote) = ctx.quote(
            i,
            Excerpt {
                start: 0,
                end: p.text.len(),
                truncated: false,
            },
        ) else {
            continue;
        };
        let edit = Edit {
            action,
            date: edit_date(p),
            quote,
        };
        let of = last_body.get(p.doc.as_str()).copied();
        if docs.last().is_none_or(|(d, _)| *d != p.doc) {
            docs.push((p.doc.as_str(), Vec::new()));
        }
        let Some((_, paragraphs)) = docs.last_mut() else {
            continue;
        };
        match paragraphs.last_mut() {
            Some((at, list)) if *at == of => list.push(edit),
            _ => paragraphs.push((of, vec![edit])),
        }
    }
    docs.into_iter()
        .map(|(doc, paragraphs)| draft(ctx, doc, paragraphs))
        .collect()
}

/// Each reviewer's share of `edits` (by the quotes' attribution): edits, insertions,
/// deletions, moves and the dates they span; most edits first, then in order of first edit.
/// `verify` recounts a draft's reviewers with it.
pub(crate) fn reviewers<'a>(edits: impl Iterator<Item = &'a Edit>) -> Vec<ReviewerEdits> {
    let mut reviewers: Vec<ReviewerEdits> = Vec::new();
    for e in edits {
        let who = &e.quote.attribution;
        let r = match reviewers.iter().position(|r| &r.reviewer == who) {
            Some(k) => &mut reviewers[k],
            None => {
                reviewers.push(ReviewerEdits {
                    reviewer: who.clone(),
                    ..ReviewerEdits::default()
                });
                let k = reviewers.len() - 1;
                &mut reviewers[k]
            }
        };
        r.edits += 1;
        match e.action {
            EditAction::Insert => r.inserted += 1,
            EditAction::Delete => r.deleted += 1,
            EditAction::MoveFrom | EditAction::MoveTo => r.moved += 1,
        }
        if let Some(d) = &e.date {
            if r.from.as_ref().is_none_or(|f| d < f) {
                r.from = Some(d.clone());
            }
            if r.to.as_ref().is_none_or(|t| d > t) {
                r.to = Some(d.clone());
            }
        }
    }
    // Most edits first, then in order of first edit.
    reviewers.sort_by_key(|r| std::cmp::Reverse(r.edits));
    reviewers
}

/// The passage a paragraph's edits change (its index), and the edits.
type Paragraph = (Option<usize>, Vec<Edit>);

fn draft(ctx: &Ctx, doc: &str, paragraphs: Vec<Paragraph>) -> DraftEdits {
    let reviewers = reviewers(paragraphs.iter().flat_map(|(_, list)| list));
    let paragraphs: Vec<ParagraphEdits> = paragraphs
        .into_iter()
        .map(|(of, edits)| {
            let p = of.and_then(|i| ctx.passage(i));
            ParagraphEdits {
                passage: p.map(|p| p.id.clone()),
                section: p.map(|p| ctx.section_path(p)).unwrap_or_default(),
                edits,
            }
        })
        .collect();
    DraftEdits {
        doc: doc.to_string(),
        source: ctx.source(doc),
        edits: paragraphs.iter().map(|p| p.edits.len()).sum(),
        reviewers,
        paragraphs,
    }
}
