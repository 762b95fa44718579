//! Contributions as rows: CSV, TSV, JSON Lines and JSON arrays of objects → one document of
//! kind `contribution` per row.
//!
//! Contract:
//! - A row's document id is `<file id>:<row key>`: the row key is the value of the id column
//!   (several columns joined with `/` for the combined JSONL), else the 1-based record
//!   number; a key seen twice gets `~<record number>` appended (and a warning).
//! - Nothing is dropped silently: a JSON Lines line or a JSON array element that is not an
//!   object, a malformed CSV record, a row without text, cells past the header's last column
//!   and rows before the header that are not `key, value` pairs are each a [`ReadWarning`]
//!   naming the line (or element), and so are the rows a preset's filter passes over (one
//!   warning for the file). A file's warnings are on its first document; a file whose rows all
//!   give way to warnings is an error that says why.
//! - The document text is the row's text cell (with `\r\n` → `\n` and Excel's `_x000D_`
//!   escapes dropped). A short row (no blank line, at most 1,500 bytes) is one `contribution`
//!   passage; a long one is split as plain text and its paragraphs and bullets are
//!   `contribution` passages (headings stay headings). Rows with an empty text are skipped
//!   (with a warning).
//! - The speaker comes from the author, organisation and sector/group columns, `how:
//!   "metadata"`; an explicit sector sets the group (and `meta.sector` keeps it). An author
//!   that is an opaque id (digits, a UUID) is pseudonymous: the speaker is anonymous and the id
//!   is kept in `meta.author_id`. A row with no author and no organisation is an anonymous
//!   contributor's.
//! - A parent column (or an ancestry path, whose last element is the parent) gives
//!   `reply_to` = the parent row's first passage, only when that row is in the file.
//! - Mojibake in the text is repaired and reported in the document's `meta.mojibake` (see
//!   [`mojibake`]). Both UTF-8 and Windows-1252 files read.
//! - The columns are chosen by `columns` in the pipeline file, else a `preset`, else
//!   recognised from the header ([`presets`]). A CSV may open with a key/value block (kept in
//!   `meta.export`) and repeat its header before each table.
//! - Reading is one pass over the rows plus a set of keys: a 66,000-row JSONL reads in
//!   linear time.
//!
//! ```
//! use rapporteur::read::{read_bytes_with, ReadOptions};
//! let csv = "comment-id,author-id,moderated,comment-body\n1,17,1,Trust takes time.\n2,9,-1,spam\n";
//! let docs = read_bytes_with(csv.as_bytes(), "polis/x/comments", "comments.csv", &ReadOptions::default()).unwrap();
//! assert_eq!(docs.len(), 1); // the moderated-out row is skipped
//! assert_eq!(docs[0].id, "polis/x/comments:1");
//! assert_eq!(docs[0].kind, "contribution");
//! assert_eq!(docs[0].text, "Trust takes time.");
//! ```

pub(crate) mod mojibake;
pub(crate) mod presets;
pub(crate) mod submission;

use std::collections::{BTreeMap, HashSet};

use serde_json::{Map, Value, json};

use super::ReadOptions;
use super::text::{self, Flavor, trim_span};
use crate::attribute::{declare_sector, parse_sector};
use crate::model::{Block, Document, How, PassageKind, Place, ReadWarning, Speaker, Warning};
use presets::Mapping;

/// Rows longer than this, or with a blank line, are split into paragraphs.
const LONG_ROW: usize = 1500;

/// The shape of a row file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Csv(u8),
    Jsonl,
    JsonArray,
}

impl Shape {
    fn format(self) -> &'static str {
        match self {
            Shape::Csv(b'\t') => "tsv",
            Shape::Csv(_) => "csv",
            Shape::Jsonl => "jsonl",
            Shape::JsonArray => "json",
        }
    }
}

/// The row shape for an extension (`.json` only when the text is an array).
pub(crate) fn shape(ext: Option<&str>, text: &str) -> Option<Shape> {
    match ext {
        Some("csv") => Some(Shape::Csv(b',')),
        Some("tsv" | "tab") => Some(Shape::Csv(b'\t')),
        Some("jsonl" | "ndjson") => Some(Shape::Jsonl),
        Some("json") if text.trim_start().starts_with('[') => Some(Shape::JsonArray),
        _ => None,
    }
}

/// One row: its 1-based record number, where it is in the file, and its cells.
struct Row {
    n: usize,
    at: Place,
    cells: BTreeMap<String, String>,
}

impl Row {
    fn get(&self, col: Option<&String>) -> Option<&str> {
        col.and_then(|c| self.cells.get(c))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

fn object_row(n: usize, at: Place, obj: Map<String, Value>) -> Row {
    Row {
        n,
        at,
        cells: obj
            .into_iter()
            .filter_map(|(k, v)| value_text(&v).map(|t| (k, t)))
            .collect(),
    }
}

/// The rows of a file, the header (column names in file order) and file-level findings.
struct Table {
    header: Vec<String>,
    rows: Vec<Row>,
    export: Map<String, Value>,
    warnings: Vec<ReadWarning>,
}

fn warning(at: Place, what: Warning) -> ReadWarning {
    ReadWarning { at, what }
}

fn csv_table(text: &str, delimiter: u8, opts: &ReadOptions) -> Result<Table, String> {
    let preset = opts.preset.as_deref().and_then(presets::by_name);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut table = Table {
        header: Vec::new(),
        rows: Vec::new(),
        export: Map::new(),
        warnings: Vec::new(),
    };
    // The line of the last record read (an error without a position is after it).
    let mut line = 1;
    for (i, rec) in reader.records().enumerate() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(line, |p| p.line() as usize);
                let detail = match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => err.to_string(),
                    _ => e.to_string(),
                };
                table.warnings.push(warning(
                    Place::Line(at),
                    Warning::MalformedRecord { detail },
                ));
                continue;
            }
        };
        line = rec.position().map_or(line, |p| p.line() as usize);
        let at = Place::Line(line);
        let cells: Vec<String> = rec
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').to_string())
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let is_header = |cells: &[String]| {
            let h = presets::recognise(cells).or(preset);
            presets::resolve(cells, h, opts.columns.as_ref()).is_some()
        };
        match &header {
            Some(h) if *h == cells => continue,
            Some(h) if cells.len() != h.len() && is_header(&cells) => {
                header = Some(cells);
                continue;
            }
            Some(h) => {
                if cells[h.len().min(cells.len())..]
                    .iter()
                    .any(|c| !c.trim().is_empty())
                {
                    table.warnings.push(warning(
                        at.clone(),
                        Warning::ExtraCells {
                            cells: cells.len(),
                            columns: h.len(),
                        },
                    ));
                }
                table.rows.push(Row {
                    n: i + 1,
                    at,
                    cells: h.iter().cloned().zip(cells).collect(),
                });
            }
            None if is_header(&cells) => {
                table.header.clone_from(&cells);
                header = Some(cells);
            }
            None => {
                if let [k, v] = cells.as_slice() {
                    table.export.insert(k.clone(), json!(v));
                } else {
                    table.warnings.push(warning(at, Warning::NotAHeaderPair));
                }
            }
        }
    }
    if header.is_none() {
        return Err(no_text_column(opts));
    }
    Ok(table)
}

fn no_text_column(opts: &ReadOptions) -> String {
    match &opts.columns {
        Some(c) if c.text.is_some() => format!(
            "no column named {:?} (the `columns.text` of this source)",
            c.text.as_deref().unwrap_or_default()
        ),
        _ => format!(
            "no text column found; name one with `columns = {{ text = \"…\" }}` or a preset ({})",
            presets::names()
        ),
    }
}

fn json_table(text: &str, lines: bool) -> Result<Table, String> {
    let mut table = Table {
        header: Vec::new(),
        rows: Vec::new(),
        export: Map::new(),
        warnings: Vec::new(),
    };
    let mut keys: Vec<String> = Vec::new();
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut note = |obj: &Map<String, Value>| {
        for k in obj.keys() {
            if seen_keys.insert(k.clone()) {
                keys.push(k.clone());
            }
        }
    };
    if lines {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Map<String, Value>>(line) {
                Ok(obj) => {
                    note(&obj);
                    table.rows.push(object_row(i + 1, Place::Line(i + 1), obj));
                }
                Err(e) => table.warnings.push(warning(
                    Place::Line(i + 1),
                    Warning::NotJsonObject {
                        detail: json_detail(&e),
                    },
                )),
            }
        }
    } else {
        let items: Vec<Value> = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for (i, v) in items.into_iter().enumerate() {
            match v {
                Value::Object(obj) => {
                    note(&obj);
                    table
                        .rows
                        .push(object_row(i + 1, Place::Element(i + 1), obj));
                }
                other => table.warnings.push(warning(
                    Place::Element(i + 1),
                    Warning::NotAnObject {
                        found: json_kind(&other).to_string(),
                    },
                )),
            }
        }
    }
    table.header = keys;
    Ok(table)
}

/// A JSON parse error of one line, without serde's "at line 1" (the warning names the line).
fn json_detail(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(m, _)| m);
    format!("{msg} at column {}", e.column())
}

/// What a JSON value is, for a warning ("a string").
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether an author value is an opaque id rather than a name.
fn pseudonymous(v: &str) -> bool {
    let digits = !v.is_empty() && v.chars().all(|c| c.is_ascii_digit());
    let uuid = v.len() >= 8
        && v.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && v.chars().any(|c| c.is_ascii_digit());
    digits || uuid
}

/// The row key from the id columns, or the record number.
fn row_key(row: &Row, m: &Mapping) -> String {
    let parts: Vec<&str> = m.id.iter().filter_map(|c| row.get(Some(c))).collect();
    if parts.is_empty() || parts.len() < m.id.len() {
        row.n.to_string()
    } else {
        parts.join("/")
    }
}

/// The parent row's key, in the same key space as [`row_key`].
fn parent_key(row: &Row, m: &Mapping) -> Option<String> {
    let raw = row.get(m.parent.as_ref())?;
    let last = raw.rsplit(['/', ',', ' ']).find(|s| !s.is_empty())?;
    let last = last.strip_suffix(".0").unwrap_or(last);
    if m.id.len() > 1 {
        let mut parts: Vec<&str> = m.id[..m.id.len() - 1]
            .iter()
            .filter_map(|c| row.get(Some(c)))
            .collect();
        parts.push(last);
        Some(parts.join("/"))
    } else {
        Some(last.to_string())
    }
}

fn skipped(row: &Row, m: &Mapping) -> bool {
    m.skip
        .iter()
        .any(|(c, v)| row.cells.get(c).is_some_and(|x| x.trim() == v))
        || m.only.iter().any(|(c, v)| {
            row.cells
                .get(c)
                .is_some_and(|x| !x.trim().eq_ignore_ascii_case(v))
        })
}

/// The row's speaker and the metadata it comes with.
fn row_speaker(row: &Row, m: &Mapping, meta: &mut BTreeMap<String, Value>) -> Speaker {
    let author = row.get(m.author.as_ref());
    let organisation = row.get(m.organisation.as_ref()).map(str::to_string);
    let sector = row.get(m.group.as_ref());
    if let Some(s) = sector {
        meta.insert("sector".into(), json!(s));
    }
    let name = match author {
        Some(a) if pseudonymous(a) => {
            meta.insert("author_id".into(), json!(a));
            None
        }
        a => a.map(str::to_string),
    };
    let mut speaker = Speaker {
        anonymous: name.is_none() && organisation.is_none(),
        organisation,
        ..Speaker::named(String::new(), How::Metadata)
    };
    speaker.name = name;
    if let Some((value, group)) = sector.and_then(|s| parse_sector(s).map(|g| (s, g))) {
        declare_sector(&mut speaker, group, value);
    }
    speaker
}

/// Blocks for a row's text: one contribution, or a long row's paragraphs.
pub(crate) fn row_blocks(
    text: &str,
    speaker: &Speaker,
    meta: &BTreeMap<String, Value>,
) -> Vec<Block> {
    let long = text.len() > LONG_ROW || text.contains("\n\n") || text.contains("\n \n");
    let mut blocks = if long {
        text::read(text, Flavor::Plain).blocks
    } else {
        let (s, e) = trim_span(text, 0, text.len());
        vec![Block::new(PassageKind::Contribution, s, e)]
    };
    // Headings stay headings only in long texts (a submission); in a comment, a short line
    // ending in a colon ("Hola, Fuencisla:") is the contributor's text.
    let keep_headings = text.len() > LONG_ROW;
    for b in &mut blocks {
        if matches!(b.kind, PassageKind::Paragraph | PassageKind::Bullet)
            || (b.kind == PassageKind::Heading && !keep_headings)
        {
            b.kind = PassageKind::Contribution;
        }
        if b.kind != PassageKind::Heading {
            b.speaker = Some(speaker.clone());
            b.meta
                .extend(meta.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    blocks.retain(|b| b.start < b.end);
    // A row is a contribution even when its text reads as page chrome ("Page 2"): replies
    // may point at it.
    if blocks.is_empty() {
        let (s, e) = trim_span(text, 0, text.len());
        if s < e {
            let mut b = Block::new(PassageKind::Contribution, s, e);
            b.speaker = Some(speaker.clone());
            b.meta
                .extend(meta.iter().map(|(k, v)| (k.clone(), v.clone())));
            blocks.push(b);
        }
    }
    blocks
}

/// Reads the rows of `text` (already decoded) as contribution documents.
#[cfg(test)]
pub(crate) fn read_rows(
    text: &str,
    encoding: &str,
    file_id: &str,
    path: &str,
    shape: Shape,
    opts: &ReadOptions,
) -> Result<Vec<Document>, String> {
    Ok(RowDocs::new(text, encoding, file_id, path, shape, opts)?.next_batch(usize::MAX))
}

/// The rows of a table, made contribution documents a batch at a time
/// ([`RowDocs::next_batch`]): what needs every row (keys, so that a reply finds a parent later
/// in the file; the file-level mojibake test; the file's warnings) is settled when it is
/// made, and each row becomes a document only when its batch is asked for.
pub struct RowDocs {
    rows: std::vec::IntoIter<Row>,
    keys: std::vec::IntoIter<Option<String>>,
    m: Mapping,
    used: HashSet<String>,
    file_level: bool,
    export: Map<String, Value>,
    /// The file's warnings, until the first document takes them.
    warnings: Vec<ReadWarning>,
    encoding: String,
    file_id: String,
    path: String,
    shape: Shape,
}

impl RowDocs {
    pub(crate) fn new(
        text: &str,
        encoding: &str,
        file_id: &str,
        path: &str,
        shape: Shape,
        opts: &ReadOptions,
    ) -> Result<RowDocs, String> {
        if let Some(p) = opts.preset.as_deref()
            && presets::by_name(p).is_none()
        {
            return Err(format!(
                "unknown preset {p:?} (known: {})",
                presets::names()
            ));
        }
        let mut table = match shape {
            Shape::Csv(d) => csv_table(text, d, opts)?,
            Shape::Jsonl => json_table(text, true)?,
            Shape::JsonArray => json_table(text, false)?,
        };
        let preset = opts
            .preset
            .as_deref()
            .and_then(presets::by_name)
            .or_else(|| presets::recognise(&table.header));
        let m = presets::resolve(&table.header, preset, opts.columns.as_ref())
            .ok_or_else(|| no_text_column(opts))?;
        // Keys first, so that a reply can point to a parent that comes later in the file.
        let mut keys: Vec<Option<String>> = Vec::with_capacity(table.rows.len());
        let mut used: HashSet<String> = HashSet::with_capacity(table.rows.len());
        let mut skipped_rows = 0usize;
        for row in &table.rows {
            let has_text = row.get(Some(&m.text)).is_some();
            if skipped(row, &m) {
                // Not a contribution by the preset's rule (with a text or not).
                skipped_rows += usize::from(has_text);
                keys.push(None);
                continue;
            }
            if !has_text {
                table.warnings.push(warning(
                    row.at.clone(),
                    Warning::NoText {
                        column: m.text.clone(),
                    },
                ));
                keys.push(None);
                continue;
            }
            let length = row.get(Some(&m.text)).map_or(0, str::len) as u64;
            if length > opts.limits.max_line_bytes {
                table.warnings.push(warning(
                    row.at.clone(),
                    Warning::RowTooLong {
                        bytes: length,
                        limit: opts.limits.max_line_bytes,
                    },
                ));
                keys.push(None);
                continue;
            }
            let mut key = row_key(row, &m);
            if !used.insert(key.clone()) {
                let read_as = format!("{key}~{}", row.n);
                table.warnings.push(warning(
                    row.at.clone(),
                    Warning::RepeatedKey {
                        key,
                        read_as: read_as.clone(),
                    },
                ));
                key = read_as;
                used.insert(key.clone());
            }
            keys.push(Some(key));
        }
        if skipped_rows > 0 {
            table.warnings.push(warning(
                Place::File,
                Warning::Filtered {
                    rows: skipped_rows,
                    filter: m
                        .skip
                        .iter()
                        .chain(&m.only)
                        .map(|(c, v)| format!("{c} = {v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                },
            ));
        }
        // In file order (the parser's findings and the rows' were gathered apart).
        table.warnings.sort_by(|a, b| a.at.cmp(&b.at));
        if keys.iter().all(Option::is_none) && !table.warnings.is_empty() {
            // No document would carry the warnings: the file is an error that says why.
            let n = table.warnings.len();
            return Err(format!(
                "no row to read: {}{}",
                table.warnings[0],
                match n {
                    1 => String::new(),
                    _ => format!(" (and {} more warnings)", n - 1),
                }
            ));
        }
        let file_level = mojibake::file_is_cp1252_as_mac_roman(
            table.rows.iter().filter_map(|r| r.get(Some(&m.text))),
        );
        Ok(RowDocs {
            rows: table.rows.into_iter(),
            keys: keys.into_iter(),
            m,
            used,
            file_level,
            export: table.export,
            warnings: table.warnings,
            encoding: encoding.to_string(),
            file_id: file_id.to_string(),
            path: path.to_string(),
            shape,
        })
    }

    /// The documents of up to `n` more rows with a text (none at the end).
    pub(crate) fn next_batch(&mut self, n: usize) -> Vec<Document> {
        let m = &self.m;
        let file_level = self.file_level;
        let repair = |s: &str| mojibake::repair_in(s, file_level).0.into_owned();
        let mut docs = Vec::with_capacity(n.min(self.rows.len()));
        while docs.len() < n {
            let (Some(row), Some(key)) = (self.rows.next(), self.keys.next()) else {
                break;
            };
            let Some(key) = key else { continue };
            let raw = row.get(Some(&m.text)).unwrap_or_default();
            let mut doc_meta: BTreeMap<String, Value> = BTreeMap::new();
            doc_meta.insert("encoding".into(), json!(self.encoding));
            doc_meta.insert("row".into(), json!(row.n));
            if let Some(p) = m.preset {
                doc_meta.insert("preset".into(), json!(p));
            }
            let cleaned = raw.replace("\r\n", "\n").replace("_x000D_", "");
            let (fixed, finding) = mojibake::repair_in(&cleaned, file_level);
            if let Some(f) = &finding {
                doc_meta.insert(
                    "mojibake".into(),
                    json!({"found": f.kind, "repaired": f.repaired}),
                );
            }
            let text = fixed.into_owned();
            let mut block_meta: BTreeMap<String, Value> = BTreeMap::new();
            block_meta.insert("row".into(), json!(row.n));
            let speaker = row_speaker(&row, m, &mut block_meta);
            for (field, col) in [("question", &m.question), ("date", &m.date)] {
                if let Some(v) = row.get(col.as_ref()) {
                    block_meta.insert(field.into(), json!(repair(v)));
                }
            }
            if let Some(p) = parent_key(&row, m).filter(|p| self.used.contains(p) && *p != key) {
                block_meta.insert("reply_to".into(), json!(format!("{}:{p}#1", self.file_id)));
            }
            let title = row.get(m.title.as_ref()).map(repair);
            let columns: Map<String, Value> = row
                .cells
                .into_iter()
                .filter(|(k, v)| *k != m.text && !v.trim().is_empty())
                .map(|(k, v)| (k, Value::String(v)))
                .collect();
            doc_meta.insert("columns".into(), Value::Object(columns));
            if !self.export.is_empty() {
                doc_meta.insert("export".into(), Value::Object(self.export.clone()));
            }
            let blocks = row_blocks(&text, &speaker, &block_meta);
            docs.push(Document {
                id: format!("{}:{key}", self.file_id),
                path: self.path.clone(),
                path_raw: None,
                format: self.shape.format().to_string(),
                title,
                kind: "contribution".to_string(),
                text,
                meta: doc_meta,
                warnings: std::mem::take(&mut self.warnings),
                authors: Vec::new(),
                blocks,
            });
        }
        docs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, shape: Shape, opts: &ReadOptions) -> Vec<Document> {
        read_rows(text, "utf-8", "f", "f.csv", shape, opts).expect("reads")
    }

    #[test]
    fn threads_point_at_parents_that_exist() {
        let csv = "comment_id,commentable_id,commentable_type,body,ancestry\n9,3,Debate,Ilusionante sin duda.,\n14,3,Debate,Me parece muy buen paso.,\n19,3,Debate,\"Hola, Fuencisla:\n\n¬øQu√© canales alternativos propondr√≠as?\",14\n20,3,Debate,Huérfano.,77\n";
        let docs = read(csv, Shape::Csv(b','), &ReadOptions::default());
        assert_eq!(docs.len(), 4);
        let reply = &docs[2];
        assert_eq!(reply.id, "f:19");
        assert!(
            reply
                .text
                .contains("¿Qué canales alternativos propondrías?")
        );
        assert_eq!(
            reply.meta["mojibake"]["found"],
            "utf-8 read as Mac OS Roman"
        );
        // A long row (blank line inside) is split; every passage answers comment 14.
        assert!(reply.blocks.len() >= 2);
        assert!(reply.blocks.iter().all(|b| b.meta["reply_to"] == "f:14#1"));
        assert!(!docs[3].blocks[0].meta.contains_key("reply_to"));
    }

    #[test]
    fn remesh_exports_with_a_preface_and_repeated_headers() {
        let csv = "\u{feff}\"Name\",\"CD1 - conflicts\"\n\"Title\",\"AI Policy\"\n\n\n\"Question ID\",\"Question Type\",\"Question\",\"Responses\",\"All(300)\"\n\"q1\",\"Poll Single Select\",\"Age?\",\"18-24\",\"7%\"\n\n\"Question ID\",\"Question Type\",\"Question\",\"Responses\",\"All(300)\"\n\"q2\",\"Ask Opinion\",\"What should AI do in wars?\",\"It should refuse to help target civilians.\",\"81%\"\n";
        let docs = read(csv, Shape::Csv(b','), &ReadOptions::default());
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "It should refuse to help target civilians.");
        assert_eq!(docs[0].meta["export"]["Title"], "AI Policy");
        assert_eq!(
            docs[0].blocks[0].meta["question"],
            "What should AI do in wars?"
        );
        assert!(
            docs[0].blocks[0]
                .speaker
                .as_ref()
                .is_some_and(|s| s.anonymous)
        );
    }

    #[test]
    fn jsonl_with_composite_keys_and_named_authors() {
        let jsonl = "{\"source\": \"polis\", \"collection\": \"a\", \"id\": \"1\", \"author\": \"6172\", \"text\": \"One.\"}\n{\"source\": \"polis\", \"collection\": \"b\", \"id\": \"1\", \"author\": \"PabloSoto\", \"text\": \"Two.\"}\nnot json\n{\"source\": \"polis\", \"collection\": \"b\", \"id\": \"2\", \"parent\": \"1\", \"text\": \"Three.\"}\n";
        let opts = ReadOptions {
            preset: Some("combined".into()),
            ..ReadOptions::default()
        };
        let docs = read(jsonl, Shape::Jsonl, &opts);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["f:polis/a/1", "f:polis/b/1", "f:polis/b/2"]);
        // The line that is not JSON is named, on the file's first document only.
        assert_eq!(docs[0].warnings.len(), 1, "{:?}", docs[0].warnings);
        assert_eq!(docs[0].warnings[0].at, Place::Line(3));
        assert_eq!(
            docs[0].warnings[0].to_string(),
            "line 3: not a JSON object (expected ident at column 2); skipped"
        );
        assert!(docs[1..].iter().all(|d| d.warnings.is_empty()));
        let s0 = docs[0].blocks[0].speaker.as_ref().expect("speaker");
        assert!(s0.anonymous && s0.how == How::Metadata);
        assert_eq!(docs[0].blocks[0].meta["author_id"], "6172");
        let s1 = docs[1].blocks[0].speaker.as_ref().expect("speaker");
        assert_eq!(s1.name.as_deref(), Some("PabloSoto"));
        assert_eq!(docs[2].blocks[0].meta["reply_to"], "f:polis/b/1#1");
    }

    #[test]
    fn rows_passed_over_are_warnings_naming_their_line() {
        let csv = concat!(
            "Export,Consultation on trust,2024\n",
            "id,text,author\n",
            "1,Trust takes time.,Ana\n",
            "2,,Bo\n",
            "3,\"A cell\nover two lines.\",Cy\n",
            "1,Repeated key.,Di\n",
            "5,Cut short, by a comma,Ed\n",
        );
        let opts = ReadOptions {
            columns: Some(crate::read::ColumnMap {
                id: Some("id".into()),
                ..Default::default()
            }),
            ..ReadOptions::default()
        };
        let docs = read(csv, Shape::Csv(b','), &opts);
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Trust takes time.",
                "A cell\nover two lines.",
                "Repeated key.",
                "Cut short"
            ]
        );
        let said: Vec<String> = docs[0].warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "line 1: a row before the header row that is not a key and a value; skipped",
                "line 4: a row without text (column \"text\" is empty); skipped",
                "line 7: row key \"1\" repeats an earlier row's; read as \"1~6\"",
                "line 8: 4 cells for 3 columns (an unquoted delimiter?); the cells past the last column are not read",
            ]
        );
        assert_eq!(docs[2].id, "f:1~6");
        // A JSON array's elements that are not rows are named by their place.
        let json = r#"[{"text": "One."}, 7, "two", {"text": "Three."}]"#;
        let docs = read(json, Shape::JsonArray, &ReadOptions::default());
        assert_eq!(docs.len(), 2);
        let said: Vec<String> = docs[0].warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "element 2: a number, not a JSON object; skipped",
                "element 3: a string, not a JSON object; skipped",
            ]
        );
        // A file of which nothing is read says why, as an error.
        let polis = "comment-id,author-id,moderated,comment-body\n1,17,-1,spam\n2,9,-1,more spam\n";
        let e = read_rows(
            polis,
            "utf-8",
            "f",
            "f.csv",
            Shape::Csv(b','),
            &ReadOptions::default(),
        )
        .expect_err("nothing to read");
        assert_eq!(
            e,
            "no row to read: 2 rows skipped by the preset's filter (moderated = -1)"
        );
    }

    #[test]
    fn explicit_columns_with_sector_groups() {
        let csv = "Submission,Name,Company,Stakeholder group\nOpen standards matter.,Ana Lima,Acme,Private Sector\n";
        let opts = ReadOptions {
            columns: Some(crate::read::ColumnMap {
                text: Some("Submission".into()),
                author: Some("Name".into()),
                organisation: Some("Company".into()),
                group: Some("Stakeholder group".into()),
                ..Default::default()
            }),
            ..ReadOptions::default()
        };
        let docs = read(csv, Shape::Csv(b','), &opts);
        let s = docs[0].blocks[0].speaker.as_ref().expect("speaker");
        assert_eq!(s.name.as_deref(), Some("Ana Lima"));
        assert_eq!(s.organisation.as_deref(), Some("Acme"));
        assert_eq!(s.group, Some(crate::model::Group::Business));
        let bad = read_rows(
            "a,b\n1,2\n",
            "utf-8",
            "f",
            "f.csv",
            Shape::Csv(b','),
            &ReadOptions::default(),
        );
        assert!(bad.is_err());
    }
}
