//! The body walker: WordprocessingML content → text, units (future blocks), tracked changes
//! and comment marks.
//!
//! Text goes to one of four regions that [`super::assemble`] lays end to end: the body, the
//! notes, the comments, and the text the chosen [`View`] leaves out (deleted and moved-away
//! text when changes are accepted). A *unit* is what becomes one block: a body paragraph (or
//! several, when a tracked change removed the paragraph mark between them), a table row, a
//! footnote, a comment. Revisions and comment placements attach to the unit they occur in, so
//! the blocks come out in reading order: a paragraph, then its revisions, its footnotes and
//! the comments that start in it.
//!
//! Recursion follows the XML tree, whose depth the parser bounds.

use std::collections::BTreeMap;

use super::View;
use super::styles::{self, Role, Styles};
use super::xml::{Element, Ns};

/// Where a piece of text lives in the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Region {
    Body,
    Notes,
    Comments,
    /// Text the view leaves out of the draft (deleted text, when changes are accepted).
    Removed,
}

/// The text of each region.
#[derive(Debug, Default)]
pub(crate) struct Regions {
    pub body: String,
    pub notes: String,
    pub comments: String,
    pub removed: String,
}

impl Regions {
    pub fn get(&self, r: Region) -> &str {
        match r {
            Region::Body => &self.body,
            Region::Notes => &self.notes,
            Region::Comments => &self.comments,
            Region::Removed => &self.removed,
        }
    }

    fn get_mut(&mut self, r: Region) -> &mut String {
        match r {
            Region::Body => &mut self.body,
            Region::Notes => &mut self.notes,
            Region::Comments => &mut self.comments,
            Region::Removed => &mut self.removed,
        }
    }

    /// `start..end` of region `r` without surrounding whitespace; `None` when that is empty or
    /// the offsets do not fit.
    pub fn trim(&self, r: Region, start: usize, end: usize) -> Option<Span> {
        let s = self.get(r).get(start..end)?;
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        (lead + trail < s.len()).then(|| Span {
            region: r,
            start: start + lead,
            end: end - trail,
        })
    }
}

/// A span of one region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub region: Region,
    pub start: usize,
    pub end: usize,
}

/// What a tracked change does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    Insert,
    Delete,
    MoveFrom,
    MoveTo,
}

impl Action {
    fn of(name: &str) -> Option<Action> {
        match name {
            "ins" => Some(Action::Insert),
            "del" => Some(Action::Delete),
            "moveFrom" => Some(Action::MoveFrom),
            "moveTo" => Some(Action::MoveTo),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Delete => "delete",
            Action::MoveFrom => "move_from",
            Action::MoveTo => "move_to",
        }
    }
}

/// What a unit becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Paragraph(Role),
    Row,
    Note,
    Comment,
}

/// Something placed after a unit's block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Attach {
    Revision(usize),
    /// A footnote (`false`) or endnote (`true`) by id.
    Note(bool, String),
    Comment(String),
}

/// What becomes one block, with what follows it.
#[derive(Debug)]
pub(crate) struct Unit {
    pub kind: UnitKind,
    /// `None` when nothing of it is left in the view (an empty or wholly deleted paragraph).
    pub span: Option<Span>,
    pub attached: Vec<Attach>,
}

/// One `w:ins`, `w:del`, `w:moveFrom` or `w:moveTo` element that holds text.
#[derive(Debug)]
pub(crate) struct Revision {
    pub action: Action,
    pub author: Option<String>,
    pub date: Option<String>,
    pub span: Span,
}

/// A position in the walk: the offset in the region being written and in the removed text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pos {
    pub region: Region,
    pub kept: usize,
    pub removed: usize,
}

/// Where a comment is marked in the content.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    pub start: Option<Pos>,
    pub end: Option<Pos>,
    /// The `w:commentReference` and the unit it sits in.
    pub reference: Option<(Pos, Option<usize>)>,
    placed: bool,
}

/// The unit being written.
#[derive(Clone, Copy, Debug)]
struct Open {
    unit: usize,
    /// Where the separator before the unit starts (the unit is cut back to here when empty).
    sep_start: usize,
    start: usize,
    kept_chars: usize,
}

/// Walks content into [`Regions`] and [`Unit`]s.
pub(crate) struct Walker<'a> {
    view: View,
    styles: &'a Styles,
    pub out: Regions,
    pub units: Vec<Unit>,
    /// In document order of their start; `None` for a change that holds no text.
    pub revisions: Vec<Option<Revision>>,
    pub marks: BTreeMap<String, Marks>,
    /// Attachments met outside any unit, waiting for the next one.
    pub pending: Vec<Attach>,
    region: Region,
    removed_depth: usize,
    /// Non-whitespace characters of `w:t`/`w:delText` text met (kept or removed).
    chars: usize,
    /// Non-whitespace characters written to the kept regions.
    kept_chars: usize,
    open: Option<Open>,
    /// Inside a table cell, note or comment, paragraphs join into the open unit with this.
    joiner: Option<&'static str>,
    join_first: bool,
    /// The last paragraph's mark was removed: the next paragraph continues it.
    merge: bool,
    /// Text boxes met inside a body paragraph, read after it.
    deferred: Vec<&'a Element>,
}

impl<'a> Walker<'a> {
    pub fn new(view: View, styles: &'a Styles) -> Walker<'a> {
        Walker {
            view,
            styles,
            out: Regions::default(),
            units: Vec::new(),
            revisions: Vec::new(),
            marks: BTreeMap::new(),
            pending: Vec::new(),
            region: Region::Body,
            removed_depth: 0,
            chars: 0,
            kept_chars: 0,
            open: None,
            joiner: None,
            join_first: true,
            merge: false,
            deferred: Vec::new(),
        }
    }

    /// Walks `w:body`.
    pub fn body(&mut self, body: &'a Element) {
        self.region = Region::Body;
        self.joiner = None;
        self.merge = false;
        self.blocks(body);
        self.flush();
    }

    /// Walks a footnote, endnote or comment (`region` Notes or Comments) into one unit.
    pub fn part(&mut self, el: &'a Element, region: Region, kind: UnitKind) -> usize {
        self.flush();
        self.region = region;
        self.joiner = None;
        self.open_unit(kind);
        let unit = self.units.len() - 1;
        self.joiner = Some("\n");
        self.join_first = true;
        self.merge = false;
        self.blocks(el);
        self.joiner = None;
        self.merge = false;
        self.close_unit();
        unit
    }

    /// Whether the view leaves out the text of a change of this kind.
    fn removes(&self, a: Action) -> bool {
        match self.view {
            View::Current => matches!(a, Action::Delete | Action::MoveFrom),
            View::Original => matches!(a, Action::Insert | Action::MoveTo),
        }
    }

    fn pos(&self) -> Pos {
        Pos {
            region: self.region,
            kept: self.out.get(self.region).len(),
            removed: self.out.removed.len(),
        }
    }

    fn attach(&mut self, a: Attach) {
        match self.open {
            Some(o) => self.units[o.unit].attached.push(a),
            None => self.pending.push(a),
        }
    }

    fn open_unit(&mut self, kind: UnitKind) {
        let region = self.region;
        let text = self.out.get_mut(region);
        let sep_start = text.len();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        let attached = std::mem::take(&mut self.pending);
        self.units.push(Unit {
            kind,
            span: None,
            attached,
        });
        self.open = Some(Open {
            unit: self.units.len() - 1,
            sep_start,
            start,
            kept_chars: self.kept_chars,
        });
    }

    fn close_unit(&mut self) {
        let Some(o) = self.open.take() else {
            return;
        };
        let region = self.region;
        if self.kept_chars == o.kept_chars {
            // Nothing of it is left: cut its text and separator.
            self.out.get_mut(region).truncate(o.sep_start);
            self.clamp(region, o.sep_start);
        } else {
            let end = self.out.get(region).len();
            self.units[o.unit].span = self.out.trim(region, o.start, end);
        }
        if self.joiner.is_none() {
            for el in std::mem::take(&mut self.deferred) {
                self.blocks(el);
                self.flush();
            }
        }
    }

    /// Ends the open body unit (a paragraph waiting for a merge included).
    fn flush(&mut self) {
        self.merge = false;
        if self.joiner.is_none() {
            self.close_unit();
        }
    }

    /// Positions recorded past `len` of `region` (text just cut) move back to `len`.
    fn clamp(&mut self, region: Region, len: usize) {
        for m in self.marks.values_mut() {
            let refs = [
                m.start.as_mut(),
                m.end.as_mut(),
                m.reference.as_mut().map(|r| &mut r.0),
            ];
            for p in refs.into_iter().flatten() {
                if region == Region::Removed {
                    p.removed = p.removed.min(len);
                } else if p.region == region {
                    p.kept = p.kept.min(len);
                }
            }
        }
    }

    /// Writes text where the view puts it. `words` is true for `w:t`/`w:delText` content, the
    /// text that makes a tracked change count (tabs, breaks and hyphens do not).
    fn text(&mut self, s: &str, words: bool) {
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        if words {
            self.chars += n;
        }
        if self.removed_depth > 0 {
            self.out.removed.push_str(s);
        } else {
            self.kept_chars += n;
            let r = self.region;
            self.out.get_mut(r).push_str(s);
        }
    }

    /// Separator text (between cells, between a note's paragraphs).
    fn separator(&mut self, s: &str) {
        let r = self.region;
        self.out.get_mut(r).push_str(s);
    }

    /// Block-level content: paragraphs, tables, content controls.
    fn blocks(&mut self, el: &'a Element) {
        for c in el.elements() {
            match (c.ns, &*c.name) {
                (Ns::W, "p") => self.paragraph(c),
                (Ns::W, "tbl") => self.table(c),
                (Ns::W, "sdt") => {
                    if let Some(content) = c.child(Ns::W, "sdtContent") {
                        self.blocks(content);
                    }
                }
                (Ns::W, "customXml" | "txbxContent") => self.blocks(c),
                (Ns::W, "ins" | "del" | "moveFrom" | "moveTo") => self.revision(c, true),
                (Ns::W, "commentRangeStart" | "commentRangeEnd") => self.comment_mark(c),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(b) = branch(c) {
                        self.blocks(b);
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &'a Element) {
        let ppr = p.child(Ns::W, "pPr");
        let style = ppr
            .and_then(|x| x.child(Ns::W, "pStyle"))
            .and_then(|s| s.attr(Ns::W, "val"));
        let role = self.styles.role(
            style,
            ppr.and_then(styles::outline),
            ppr.and_then(styles::numbering),
        );
        // A tracked change that removes the paragraph mark joins this paragraph to the next.
        let mark_removed = ppr.and_then(|x| x.child(Ns::W, "rPr")).is_some_and(|r| {
            r.elements()
                .filter(|e| e.ns == Ns::W)
                .filter_map(|e| Action::of(&e.name))
                .any(|a| self.removes(a))
        });
        match self.joiner {
            None => match self.open {
                Some(o) if self.merge => {
                    self.units[o.unit].kind = UnitKind::Paragraph(role);
                }
                _ => {
                    self.close_unit();
                    self.open_unit(UnitKind::Paragraph(role));
                }
            },
            Some(j) => {
                if !self.join_first && !self.merge {
                    self.separator(j);
                }
                self.join_first = false;
            }
        }
        self.merge = false;
        self.inline(p);
        if mark_removed {
            self.merge = true;
        } else if self.joiner.is_none() {
            self.close_unit();
        }
    }

    fn table(&mut self, tbl: &'a Element) {
        if self.joiner.is_none() {
            self.flush();
        }
        let mut rows = Vec::new();
        collect(tbl, "tr", &mut rows);
        for tr in rows {
            self.row(tr);
        }
    }

    /// A table row: one unit in the body, cells joined with " | "; inside a cell (a nested
    /// table), the row joins the cell's text.
    fn row(&mut self, tr: &'a Element) {
        let saved = (self.joiner, self.join_first, self.merge);
        let nested = self.joiner.is_some();
        if let Some(j) = self.joiner {
            if !self.join_first {
                self.separator(j);
            }
        } else {
            self.open_unit(UnitKind::Row);
        }
        let mut cells = Vec::new();
        collect(tr, "tc", &mut cells);
        for (i, tc) in cells.into_iter().enumerate() {
            if i > 0 {
                self.separator(" | ");
            }
            self.joiner = Some(" ");
            self.join_first = true;
            self.merge = false;
            self.blocks(tc);
        }
        (self.joiner, self.join_first, self.merge) = saved;
        if nested {
            self.join_first = false;
        } else {
            self.close_unit();
        }
    }

    /// Run-level content of a paragraph, hyperlink, revision, content control.
    fn inline(&mut self, el: &'a Element) {
        for c in el.elements() {
            match (c.ns, &*c.name) {
                (Ns::W, "r") => self.run(c),
                (Ns::W, "ins" | "del" | "moveFrom" | "moveTo") => self.revision(c, false),
                (Ns::W, "hyperlink" | "smartTag" | "customXml" | "fldSimple" | "dir" | "bdo") => {
                    self.inline(c);
                }
                (Ns::W, "sdt") => {
                    if let Some(content) = c.child(Ns::W, "sdtContent") {
                        self.inline(content);
                    }
                }
                (Ns::W, "commentRangeStart" | "commentRangeEnd") => self.comment_mark(c),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(b) = branch(c) {
                        self.inline(b);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &'a Element) {
        for c in r.elements() {
            match (c.ns, &*c.name) {
                (Ns::W, "t" | "delText") => self.text(&c.text(), true),
                (Ns::W, "tab" | "ptab") => self.text("\t", false),
                (Ns::W, "br" | "cr") => self.text("\n", false),
                (Ns::W, "noBreakHyphen") => self.text("-", false),
                (Ns::W, "footnoteReference" | "endnoteReference") => {
                    if let Some(id) = c.attr(Ns::W, "id") {
                        let endnote = &*c.name == "endnoteReference";
                        self.attach(Attach::Note(endnote, id.to_string()));
                    }
                }
                (Ns::W, "commentReference") => self.comment_reference(c),
                (Ns::W, "drawing" | "pict" | "object") => self.text_boxes(c),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(b) = branch(c) {
                        self.run(b);
                    }
                }
                _ => {}
            }
        }
    }

    /// The text boxes inside a drawing: read after the paragraph (in the body) or joined to
    /// the cell, note or comment text.
    fn text_boxes(&mut self, el: &'a Element) {
        let mut boxes = Vec::new();
        collect(el, "txbxContent", &mut boxes);
        for b in boxes {
            if self.joiner.is_some() {
                self.blocks(b);
            } else {
                self.deferred.push(b);
            }
        }
    }

    /// A tracked change: its text goes to the kept or the removed region, and it becomes a
    /// [`Revision`] when it holds any non-whitespace text (counting nested changes' text).
    fn revision(&mut self, el: &'a Element, block: bool) {
        let Some(action) = Action::of(&el.name) else {
            return;
        };
        let removes = self.removes(action);
        let chars0 = self.chars;
        // Reserve its place, so that changes come out in the order they start.
        let slot = self.revisions.len();
        self.revisions.push(None);
        self.attach(Attach::Revision(slot));
        let region = self.region;
        let k0 = self.out.get(region).len();
        let outer = removes && self.removed_depth == 0;
        let line_start = self.out.removed.len();
        if outer && !self.out.removed.is_empty() {
            self.out.removed.push('\n');
        }
        let r0 = self.out.removed.len();
        if removes {
            self.removed_depth += 1;
        }
        if block {
            self.blocks(el);
        } else {
            self.inline(el);
        }
        if removes {
            self.removed_depth -= 1;
        }
        let r1 = self.out.removed.len();
        let k1 = self.out.get(region).len();
        if outer
            && self
                .out
                .removed
                .get(r0..)
                .is_none_or(|s| s.trim().is_empty())
        {
            self.out.removed.truncate(line_start);
            self.clamp(Region::Removed, line_start);
        }
        if self.chars == chars0 {
            return;
        }
        let span = if removes {
            self.out.trim(Region::Removed, r0, r1)
        } else {
            self.out
                .trim(region, k0, k1)
                .or_else(|| self.out.trim(Region::Removed, r0, r1))
        };
        let Some(span) = span else {
            return;
        };
        let attr = |n: &str| {
            el.attr(Ns::W, n)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        self.revisions[slot] = Some(Revision {
            action,
            author: attr("author"),
            date: attr("date"),
            span,
        });
    }

    fn comment_mark(&mut self, c: &Element) {
        let Some(id) = c.attr(Ns::W, "id") else {
            return;
        };
        let pos = self.pos();
        let m = self.marks.entry(id.to_string()).or_default();
        if &*c.name == "commentRangeStart" {
            if m.start.is_none() {
                m.start = Some(pos);
            }
            if !m.placed {
                m.placed = true;
                self.attach(Attach::Comment(id.to_string()));
            }
        } else if m.end.is_none() {
            m.end = Some(pos);
        }
    }

    fn comment_reference(&mut self, c: &Element) {
        let Some(id) = c.attr(Ns::W, "id") else {
            return;
        };
        let pos = self.pos();
        let unit = self.open.map(|o| o.unit);
        let m = self.marks.entry(id.to_string()).or_default();
        if m.reference.is_none() {
            m.reference = Some((pos, unit));
        }
        if !m.placed {
            m.placed = true;
            self.attach(Attach::Comment(id.to_string()));
        }
    }
}

/// The branch of an `mc:AlternateContent` to read: the first `mc:Choice`, else the fallback.
fn branch(ac: &Element) -> Option<&Element> {
    ac.child(Ns::Mc, "Choice")
        .or_else(|| ac.child(Ns::Mc, "Fallback"))
}

/// The `w:NAME` elements under `el` (not inside another `w:NAME`, nor inside an
/// `mc:Fallback`), through content controls, custom XML and drawings.
fn collect<'a>(el: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for c in el.elements() {
        if c.is(Ns::W, name) {
            out.push(c);
        } else if c.is(Ns::Mc, "AlternateContent") {
            if let Some(b) = branch(c) {
                collect(b, name, out);
            }
        } else if !(c.is(Ns::W, "tbl") || c.is(Ns::W, "p") && name != "txbxContent") {
            collect(c, name, out);
        }
    }
}
