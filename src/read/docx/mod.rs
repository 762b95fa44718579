//! Word documents (.docx): the body, footnotes, comments and tracked changes of a draft.
//!
//! The archive and its XML parts are read directly ([`archive`] under [`Limits`], [`xml`]
//! without entity expansion). What a rapporteur needs from a commented draft is who asked for
//! what on which sentence, so comments and tracked changes become passages of their own, and
//! every one of them is a byte span of [`Document::text`].
//!
//! # How the document text is laid out
//!
//! 1. **The body**, as the draft stands in the chosen [`View`] — by default
//!    [`View::Current`]: insertions in, deletions out, moved text at its new place. One
//!    paragraph (heading, list item, table row with cells joined by `" | "`) per block,
//!    separated by a blank line. A tracked change that deletes a paragraph mark joins the two
//!    paragraphs, as accepting it would. Headers, footers and field codes are left out.
//! 2. `Footnotes and endnotes`, then each note's text (its paragraphs joined by `\n`).
//! 3. `Comments`, then each comment's text (its paragraphs joined by `\n`).
//! 4. `Text removed by tracked changes` (`Text added by tracked changes` in
//!    [`View::Original`]), then the text of each change the view leaves out, one per line:
//!    every `w:del` and `w:moveFrom` when changes are accepted.
//!
//! The parts are separated by a blank line and their label; an empty part is left out.
//!
//! # Blocks
//!
//! In reading order: each body block, then the revisions inside it, the footnotes it
//! references, and the comments whose range starts in it (each comment followed by its
//! replies). Kinds: `heading` (styles `Heading1`…`Heading9` and styles based on them, outline
//! levels in the style or the paragraph; `Title` is a level-0 title line), `bullet` (numbered
//! paragraphs), `table_row`, `paragraph`, `footnote`, `comment`, `revision`.
//! Table-of-contents lines stay in the text but make no block.
//!
//! - A **comment** has its author as speaker (`how: "comment"`), `meta` `{date, initials,
//!   resolved}`, and an anchor on the body text between its `w:commentRangeStart` and
//!   `w:commentRangeEnd` (whitespace trimmed; on the removed text when the range lies in a
//!   deletion; on the paragraph of its `w:commentReference` when it has no range). A reply
//!   (`commentsExtended.xml`) has `reply_to` set to the comment it answers.
//! - A **revision** is one `w:ins`, `w:del`, `w:moveFrom` or `w:moveTo` element of the body,
//!   the notes or the comments whose text (`w:t`, `w:delText`, its nested changes' included)
//!   holds a non-whitespace character. Its speaker is its author (`how: "revision"`), its
//!   `meta` `{action: insert|delete|move_from|move_to, date}`, its span the element's text:
//!   in the body for what the view keeps, in the removed part for what it leaves out (an
//!   insertion whose words were all deleted again spans those words there).
//!
//! `docProps/core.xml` gives the title (`dc:title`) and `meta.author` (`dc:creator`).
//!
//! ```
//! use std::io::Write;
//! use rapporteur::read::docx::{read_docx, View};
//!
//! let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
//!   <w:p><w:r><w:t xml:space="preserve">Trust is </w:t></w:r>
//!     <w:del w:id="1" w:author="Ana Lima"><w:r><w:delText xml:space="preserve">not </w:delText></w:r></w:del>
//!     <w:r><w:t>earned.</w:t></w:r></w:p></w:body></w:document>"#;
//! let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//! zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())?;
//! zip.write_all(xml.as_bytes())?;
//! let bytes = zip.finish()?.into_inner();
//!
//! let doc = read_docx(&bytes, "d", "d.docx", View::Current)?;
//! assert_eq!(doc.text, "Trust is earned.\n\nText removed by tracked changes\n\nnot \n");
//! let deletion = &doc.blocks[1];
//! assert_eq!(&doc.text[deletion.start..deletion.end], "not");
//! assert_eq!(deletion.meta["action"], "delete");
//! let original = read_docx(&bytes, "d", "d.docx", View::Original)?;
//! assert_eq!(&original.text[..original.blocks[0].end], "Trust is not earned.");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod archive;
mod comments;
mod styles;
mod walk;
mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use archive::{ArchiveLimit, Limits};
pub use xml::XmlError;

use super::ReadError;
use crate::model::{Block, Document, How, PassageKind, Place, ReadWarning, Speaker, Warning};
use archive::{ArchiveError, Package};
use comments::Comment;
use styles::{Role, Styles};
use walk::{Attach, Region, Regions, Span, UnitKind, Walker};
use xml::{Element, Ns};

/// Which state of a draft with tracked changes the body shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Every change accepted: insertions in, deletions out (the draft as it now stands).
    #[default]
    Current,
    /// Every change rejected: the text before anyone edited it.
    Original,
}

/// The main part; a .docx without it is not a Word document.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// Reads a .docx under the default [`Limits`].
pub fn read_docx(bytes: &[u8], id: &str, path: &str, view: View) -> Result<Document, ReadError> {
    read_with_limits(bytes, id, path, view, Limits::DEFAULT)
}

/// Reads a .docx under the given limits.
pub fn read_with_limits(
    bytes: &[u8],
    id: &str,
    path: &str,
    view: View,
    limits: Limits,
) -> Result<Document, ReadError> {
    let p = Path::new(path);
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            path: p.to_path_buf(),
        });
    }
    let mut pkg = Package::open(bytes, limits).map_err(|e| archive_error(p, e))?;
    let mut part = |name: &str| -> Result<Option<Element>, ReadError> {
        let Some(bytes) = pkg.read(name).map_err(|e| archive_error(p, e))? else {
            return Ok(None);
        };
        xml::parse(&bytes).map(Some).map_err(|e| match e {
            XmlError::EntityDeclaration => ReadError::XmlEntities {
                path: p.to_path_buf(),
                part: name.to_string(),
            },
            source => ReadError::MalformedXml {
                path: p.to_path_buf(),
                part: name.to_string(),
                source,
            },
        })
    };
    let missing = |what: &str| ReadError::MissingPart {
        path: p.to_path_buf(),
        part: what.to_string(),
    };
    let document = part(DOCUMENT_PART)?.ok_or_else(|| missing(DOCUMENT_PART))?;
    let styles = part("word/styles.xml")?
        .map(|s| Styles::parse(&s))
        .unwrap_or_default();
    let footnotes = part("word/footnotes.xml")?;
    let endnotes = part("word/endnotes.xml")?;
    let comments_xml = part("word/comments.xml")?;
    let extended = part("word/commentsExtended.xml")?;
    let core = part("docProps/core.xml")?;
    if !document.is(Ns::W, "document") {
        return Err(missing("w:document in word/document.xml"));
    }
    let body = document
        .child(Ns::W, "body")
        .ok_or_else(|| missing("w:body in word/document.xml"))?;

    let mut walker = Walker::new(view, &styles);
    walker.body(body);
    let body_units = walker.units.len();
    let tail = std::mem::take(&mut walker.pending);
    let mut notes = BTreeMap::new();
    // Notes no reference can point at (an id an earlier note has, or none): read after the body.
    let mut stray_notes = Vec::new();
    let mut warnings = Vec::new();
    for (endnote, root) in [(false, &footnotes), (true, &endnotes)] {
        let Some(root) = root else { continue };
        let tag = if endnote { "endnote" } else { "footnote" };
        for n in root.elements().filter(|e| e.is(Ns::W, tag)) {
            if n.attr(Ns::W, "type").is_some_and(|t| t != "normal") {
                // Separators and continuation notices: Word's rules between body and notes.
                continue;
            }
            let id = n.attr(Ns::W, "id").map(str::to_string);
            let key = id.clone().map(|id| (endnote, id));
            if let Some(key) = key.filter(|k| !notes.contains_key(k)) {
                let unit = walker.part(n, Region::Notes, UnitKind::Note);
                notes.insert(key, unit);
                continue;
            }
            stray_notes.push(walker.part(n, Region::Notes, UnitKind::Note));
            warnings.push(match id {
                Some(id) => ReadWarning {
                    at: Place::Note(id),
                    what: Warning::RepeatedNoteId,
                },
                None => ReadWarning {
                    at: Place::File,
                    what: Warning::NoteWithoutId,
                },
            });
        }
    }
    let mut comments = match &comments_xml {
        Some(root) => {
            let (comments, found) = comments::read(root, &mut walker);
            warnings.extend(found);
            comments
        }
        None => Vec::new(),
    };
    if let Some(ext) = &extended {
        comments::link(&mut comments, ext);
    }

    let (text, blocks) = assemble(
        &walker,
        view,
        body_units,
        tail,
        (&notes, &stray_notes),
        &comments,
    );
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            path: p.to_path_buf(),
        });
    }
    let core_field = |name: &str| {
        core.as_ref()
            .and_then(|c| c.child(Ns::Dc, name))
            .map(|e| e.deep_text().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let title = core_field("title").or_else(|| {
        blocks
            .iter()
            .find(|b| b.kind == PassageKind::Heading && b.level == 0)
            .and_then(|b| text.get(b.start..b.end))
            .map(str::to_string)
    });
    let mut meta = BTreeMap::new();
    if let Some(author) = core_field("creator") {
        meta.insert("author".to_string(), serde_json::Value::from(author));
    }
    Ok(Document {
        id: id.to_string(),
        path: path.to_string(),
        path_raw: None,
        format: "docx".to_string(),
        title,
        kind: "draft".to_string(),
        text,
        meta,
        warnings,
        authors: Vec::new(),
        blocks,
    })
}

fn archive_error(p: &Path, e: ArchiveError) -> ReadError {
    let path = p.to_path_buf();
    match e {
        ArchiveError::NotZip => ReadError::NotZip { path },
        ArchiveError::Truncated(source) => ReadError::Truncated { path, source },
        ArchiveError::Limit(limit) => ReadError::ArchiveLimit { path, limit },
        ArchiveError::Part { part, source } => ReadError::Inflate { path, part, source },
    }
}

/// The labels of the parts after the body.
fn label(region: Region, view: View) -> &'static str {
    match (region, view) {
        (Region::Notes, _) => "Footnotes and endnotes",
        (Region::Comments, _) => "Comments",
        (Region::Removed, View::Current) => "Text removed by tracked changes",
        (Region::Removed, View::Original) => "Text added by tracked changes",
        (Region::Body, _) => "",
    }
}

/// What remains to emit, in order.
enum Work {
    Unit(usize),
    Attach(Attach),
    Comment(usize),
}

/// Lays the regions end to end and emits the blocks in reading order.
fn assemble(
    w: &Walker<'_>,
    view: View,
    body_units: usize,
    tail: Vec<Attach>,
    (notes, stray_notes): (&BTreeMap<(bool, String), usize>, &[usize]),
    comments: &[Comment],
) -> (String, Vec<Block>) {
    let out: &Regions = &w.out;
    let mut text = out.body.clone();
    let mut base = [0usize; 4];
    for region in [Region::Notes, Region::Comments, Region::Removed] {
        let part = out.get(region);
        if part.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(label(region, view));
        text.push_str("\n\n");
        base[region as usize] = text.len();
        text.push_str(part);
    }
    text.push('\n');
    let at = |s: Span| {
        (
            base[s.region as usize] + s.start,
            base[s.region as usize] + s.end,
        )
    };

    let by_id: BTreeMap<&str, usize> = comments
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.stray)
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut replies: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in comments.iter().enumerate() {
        if let Some(&p) = c.parent.as_deref().and_then(|p| by_id.get(p)) {
            replies.entry(p).or_default().push(i);
        }
    }
    let is_reply = |i: usize| {
        comments[i]
            .parent
            .as_deref()
            .is_some_and(|p| by_id.contains_key(p))
    };

    // The body, then what nothing placed: stray marks, notes, comments.
    let mut order: Vec<Work> = (0..body_units).map(Work::Unit).collect();
    order.extend(tail.into_iter().map(Work::Attach));
    order.extend(
        notes
            .keys()
            .map(|(e, id)| Work::Attach(Attach::Note(*e, id.clone()))),
    );
    order.extend(stray_notes.iter().map(|&u| Work::Unit(u)));
    // A stray comment is nobody's reply and no mark's: it comes where it is in comments.xml.
    order.extend(comments.iter().enumerate().map(|(i, c)| {
        if c.stray {
            Work::Comment(i)
        } else {
            Work::Attach(Attach::Comment(c.id.clone()))
        }
    }));
    order.reverse();
    let mut stack = order;

    let mut blocks: Vec<Block> = Vec::new();
    let mut notes_done = BTreeSet::new();
    let mut comments_done = BTreeSet::new();
    let mut comment_block: BTreeMap<usize, usize> = BTreeMap::new();
    while let Some(work) = stack.pop() {
        match work {
            Work::Unit(u) => {
                let unit = &w.units[u];
                if let Some(span) = unit.span {
                    let (s, e) = at(span);
                    let block = match unit.kind {
                        UnitKind::Paragraph(Role::Heading(l)) => Some(Block::heading(s, e, l)),
                        UnitKind::Paragraph(Role::Title) => Some(Block::heading(s, e, 0)),
                        UnitKind::Paragraph(Role::ListItem) => {
                            Some(Block::new(PassageKind::Bullet, s, e))
                        }
                        UnitKind::Paragraph(Role::Body) => {
                            Some(Block::new(PassageKind::Paragraph, s, e))
                        }
                        UnitKind::Paragraph(Role::Toc) | UnitKind::Comment => None,
                        UnitKind::Row => Some(Block::new(PassageKind::TableRow, s, e)),
                        UnitKind::Note => Some(Block::new(PassageKind::Footnote, s, e)),
                    };
                    blocks.extend(block);
                }
                stack.extend(unit.attached.iter().rev().cloned().map(Work::Attach));
            }
            Work::Attach(Attach::Revision(i)) => {
                let Some(Some(r)) = w.revisions.get(i) else {
                    continue;
                };
                let (s, e) = at(r.span);
                let mut b = Block::new(PassageKind::Revision, s, e);
                b.speaker = r
                    .author
                    .as_ref()
                    .map(|a| Speaker::named(a.clone(), How::Revision));
                b.meta.insert("action".into(), r.action.as_str().into());
                if let Some(d) = &r.date {
                    b.meta.insert("date".into(), d.clone().into());
                }
                blocks.push(b);
            }
            Work::Attach(Attach::Note(endnote, id)) => {
                if let Some(&u) = notes.get(&(endnote, id.clone())) {
                    if notes_done.insert((endnote, id)) {
                        stack.push(Work::Unit(u));
                    }
                }
            }
            Work::Attach(Attach::Comment(id)) => {
                if let Some(&i) = by_id.get(id.as_str()) {
                    if !is_reply(i) && comments_done.insert(i) {
                        stack.push(Work::Comment(i));
                    }
                }
            }
            Work::Comment(i) => {
                let c = &comments[i];
                let unit = &w.units[c.unit];
                if let Some(span) = unit.span {
                    let (s, e) = at(span);
                    let mut b = Block::new(PassageKind::Comment, s, e);
                    b.speaker = c
                        .author
                        .as_ref()
                        .map(|a| Speaker::named(a.clone(), How::Comment));
                    b.anchor = (!c.stray).then(|| anchor(w, &c.id)).flatten().map(at);
                    b.reply_to = c
                        .parent
                        .as_deref()
                        .and_then(|p| by_id.get(p))
                        .and_then(|p| comment_block.get(p))
                        .copied();
                    if let Some(d) = &c.date {
                        b.meta.insert("date".into(), d.clone().into());
                    }
                    if let Some(n) = &c.initials {
                        b.meta.insert("initials".into(), n.clone().into());
                    }
                    b.meta.insert("resolved".into(), c.resolved.into());
                    comment_block.insert(i, blocks.len());
                    blocks.push(b);
                }
                for &r in replies.get(&i).into_iter().flatten().rev() {
                    if comments_done.insert(r) {
                        stack.push(Work::Comment(r));
                    }
                }
                stack.extend(unit.attached.iter().rev().cloned().map(Work::Attach));
            }
        }
    }
    (text, blocks)
}

/// The span a comment is attached to (see the module doc).
fn anchor(w: &Walker<'_>, id: &str) -> Option<Span> {
    let m = w.marks.get(id)?;
    let end = m.end.or(m.reference.map(|r| r.0));
    if let (Some(s), Some(e)) = (m.start, end) {
        if s.region == e.region {
            if let Some(span) = w.out.trim(s.region, s.kept, e.kept) {
                return Some(span);
            }
        }
        if let Some(span) = w.out.trim(Region::Removed, s.removed, e.removed) {
            return Some(span);
        }
    }
    m.reference
        .and_then(|(_, unit)| unit)
        .and_then(|u| w.units.get(u))
        .and_then(|u| u.span)
}

#[cfg(test)]
mod tests;
