//! Readers: bytes of one file → a [`Document`] (its normalised UTF-8 `text` plus the
//! [`Block`](crate::model::Block)s of structure the format knows).
//!
//! Contract: every block is a byte span of `Document::text`; page chrome never becomes a
//! block; a file no reader takes, a binary file or an unreadable one is a [`ReadError`] naming
//! the file — never a panic. What a reader passes over in a file it reads (a line of a JSON
//! Lines file that is not JSON, a subtitle block that is not a cue, a Word comment whose id
//! another has) is never dropped silently: it is a [`ReadWarning`](crate::model::ReadWarning)
//! in [`Document::warnings`] naming the line (or element, or comment id).
//!
//! Formats: plain text (`.txt`), Markdown (`.md`, or a `.txt` whose lines carry Markdown
//! headings) and the text export of a commented Word draft (a `.txt` with
//! `\tComment by NAME:` runs). Text is decoded as UTF-8 (BOM dropped); a file that is not valid
//! UTF-8 is decoded as Windows-1252 and says so in `meta.encoding`; line ends become `\n`.
//! Word documents (`.docx`) are read by [`docx`]: body, footnotes, comments, tracked changes.
//! Transcripts (labelled text and Markdown, WebVTT, SRT, QMSum JSON, auto-captions): see
//! `transcript`. Contributions as rows (CSV, TSV, JSONL, JSON arrays, with presets and column
//! mappings) and written submissions with a header block: see `table`. A source's
//! [`ReadOptions`] may force a reader (`format`) and name a `preset` or `columns`.
//!
//! ```
//! use rapporteur::read::read_bytes;
//! let doc = read_bytes(b"# Notes\n\n- Build trust first.\n", "notes", "notes.md").unwrap();
//! assert_eq!(doc.format, "markdown");
//! assert_eq!(doc.blocks.len(), 2);
//! assert_eq!(&doc.text[doc.blocks[1].start..doc.blocks[1].end], "Build trust first.");
//! ```

pub mod docx;
mod html;
mod table;
pub use table::RowDocs;
mod text;
mod transcript;
mod word_export;

use std::path::{Path, PathBuf};

use crate::model::Document;

/// Files read as one document larger than this are refused rather than read into memory: 8
/// MiB. Until files are streamed, such a file takes up to [`MEMORY_PER_BYTE`] times its size in
/// memory while it is worked on (a file of short bullets), so this keeps one file within about
/// 1 GB.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Files of rows (CSV, TSV, JSON Lines, JSON arrays) larger than this are refused: 64 MiB. Each
/// row is its own document, made a batch at a time, but the rows are parsed whole: a run takes
/// about [`MEMORY_PER_TABLE_BYTE`] times the file's size (the 31 MB combined contributions: 510
/// MB; four times them, 124 MB: 1.7 GB).
pub const MAX_TABLE_BYTES: u64 = 64 * 1024 * 1024;
/// Lines longer than this make a text file refused (a 200 MB single line is not prose), and
/// rows whose text is longer are passed over with a warning: 4 MiB, thirty times the longest
/// line of the real corpora (a 122 KB JSON row).
pub const MAX_LINE_BYTES: u64 = 4 * 1024 * 1024;
/// About how many bytes of memory one byte of a file of rows takes in a run.
pub const MEMORY_PER_TABLE_BYTE: u64 = 14;
/// About how many bytes of memory one byte of a file takes while the file is worked on, in
/// the worst shape measured (a file of short bullets: peak resident memory of a run on files
/// of 4 to 16 MiB, release build).
pub const MEMORY_PER_BYTE: u64 = 120;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: unsupported format{}", ext_note(.extension))]
    Unsupported {
        path: PathBuf,
        extension: Option<String>,
    },
    #[error("{path}: binary file (NUL bytes), not text")]
    Binary { path: PathBuf },
    #[error("{path}: empty file")]
    Empty { path: PathBuf },
    #[error("{path}: is a directory, not a file")]
    IsDirectory { path: PathBuf },
    /// A FIFO, a device or a socket: never opened for reading (a FIFO would block, a device
    /// such as `/dev/zero` never ends).
    #[error("{path}: is a {kind}, not a regular file")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error(
        "{path}: line {line} is {length} bytes long, over the limit of {limit} (limits.max_line_bytes; raise it in the pipeline file, but one file needs about {}× its size in memory)",
        MEMORY_PER_BYTE
    )]
    LineTooLong {
        path: PathBuf,
        line: usize,
        length: u64,
        limit: u64,
    },
    #[error(
        "{path}: file too large: {size} bytes exceeds the limit of {} (limits.{}); raise it in the pipeline file, but one file needs about {}× its size in memory",
        mib(*.limit),
        .kind.key(),
        .kind.memory_per_byte()
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
        kind: SizeLimit,
    },
    #[error("{path}: not a zip archive (a .docx file is one)")]
    NotZip { path: PathBuf },
    #[error("{path}: truncated or damaged zip archive: {source}")]
    Truncated {
        path: PathBuf,
        #[source]
        source: zip::result::ZipError,
    },
    #[error("{path}: refused, a possible zip bomb: {limit}")]
    ArchiveLimit {
        path: PathBuf,
        #[source]
        limit: docx::ArchiveLimit,
    },
    #[error("{path}: cannot inflate {part}: {source}")]
    Inflate {
        path: PathBuf,
        part: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: missing {part}: not a Word document")]
    MissingPart { path: PathBuf, part: String },
    #[error("{path}: malformed XML in {part}: {source}")]
    MalformedXml {
        path: PathBuf,
        part: String,
        #[source]
        source: docx::XmlError,
    },
    #[error("{path}: {part} declares XML entities (an entity expansion attack?); refused")]
    XmlEntities { path: PathBuf, part: String },
    /// A file of a known format whose content does not hold together.
    #[error("{path}: not a readable {format} file: {detail}")]
    Invalid {
        path: PathBuf,
        format: &'static str,
        detail: String,
    },
    /// A `format` or `preset` name no reader knows.
    #[error("{path}: unknown {what} {name:?} (known: {known})")]
    UnknownName {
        path: PathBuf,
        what: &'static str,
        name: String,
        known: String,
    },
}

/// A size in MiB as the limits are written in messages (`8 MiB`, `0.50 MiB`).
fn mib(bytes: u64) -> String {
    if bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{:.2} MiB", bytes as f64 / f64::from(1u32 << 20))
    }
}

fn ext_note(ext: &Option<String>) -> String {
    let known = EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ");
    match ext {
        Some(e) => format!(" '.{e}' (rapporteur reads {known})"),
        None => format!(" (no extension; rapporteur reads {known})"),
    }
}

/// The file extensions some reader takes.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "docx",
    // Transcripts: subtitles; contribution rows (and QMSum transcripts in `.json`).
    "vtt", "srt", "csv", "tsv", "jsonl", "ndjson", "json",
];

/// The reader names a source's `format` may give (besides `auto`).
pub const FORMATS: &[&str] = &[
    "text",
    "markdown",
    "word_export",
    "html",
    "docx",
    "transcript",
    "webvtt",
    "srt",
    "qmsum_json",
    "captions",
    "caption_table",
    "csv",
    "tsv",
    "jsonl",
    "json",
    "submission",
];

/// How to read a source's files: the per-source settings of a pipeline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadOptions {
    /// A reader name (`text`, `markdown`, `word_export`, …); `None` or `auto` picks by extension
    /// and content.
    #[serde(default)]
    pub format: Option<String>,
    /// A named column mapping for a known export (for row sources).
    #[serde(default)]
    pub preset: Option<String>,
    /// Which columns of a row source hold what.
    #[serde(default)]
    pub columns: Option<ColumnMap>,
    /// `auto` (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252), or a forced
    /// encoding: `utf-8`, `windows-1252`, `latin-1`, `utf-16le`, `utf-16be`.
    #[serde(default)]
    pub encoding: Option<String>,
    /// Who wrote the source's documents, as the pipeline file declares (`author`,
    /// `organisation`, `group` on a source entry): it wins over what the text says.
    #[serde(default)]
    pub authors: Vec<crate::model::Author>,
    /// How much a file may hold (set by the run, not per source).
    #[serde(skip)]
    pub limits: Limits,
}

/// Which size limit a file is held to: how its reader takes it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeLimit {
    /// A file read as one document (`limits.max_file_bytes`).
    Document,
    /// A file of rows, each its own document (`limits.max_table_bytes`).
    Table,
}

impl SizeLimit {
    /// The key of the pipeline file's `[limits]` that sets it.
    pub fn key(self) -> &'static str {
        match self {
            SizeLimit::Document => "max_file_bytes",
            SizeLimit::Table => "max_table_bytes",
        }
    }

    /// About how many bytes of memory a byte of such a file takes.
    pub fn memory_per_byte(self) -> u64 {
        match self {
            SizeLimit::Document => MEMORY_PER_BYTE,
            SizeLimit::Table => MEMORY_PER_TABLE_BYTE,
        }
    }

    /// The limit of this kind in `limits`.
    pub fn of(self, limits: &Limits) -> u64 {
        match self {
            SizeLimit::Document => limits.max_file_bytes,
            SizeLimit::Table => limits.max_table_bytes,
        }
    }
}

/// The limit a file is read within: a file that may be read as rows (by its format, preset or
/// extension) is held to the table limit when it is read, and to the document limit again if
/// its text turns out not to be rows (a `.json` transcript).
fn load_limit(path: &Path, opts: &ReadOptions) -> SizeLimit {
    let forced = opts
        .format
        .as_deref()
        .filter(|f| !f.eq_ignore_ascii_case("auto"));
    let rows = match forced {
        Some(f) => matches!(f, "csv" | "tsv" | "jsonl" | "json"),
        None => {
            matches!(
                extension(path).as_deref(),
                Some("csv" | "tsv" | "tab" | "jsonl" | "ndjson" | "json")
            ) || (opts.preset.is_some() && !is_preset(opts, "netmundial"))
        }
    };
    if rows && opts.limits.max_table_bytes > opts.limits.max_file_bytes {
        SizeLimit::Table
    } else {
        SizeLimit::Document
    }
}

/// The sizes past which a file is refused rather than read (the `[limits]` of a pipeline file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Bytes of one input file read as one document.
    pub max_file_bytes: u64,
    /// Bytes of one input file of rows (CSV, TSV, JSON Lines, a JSON array).
    pub max_table_bytes: u64,
    /// Bytes of one line of a text file, and of the text of one row.
    pub max_line_bytes: u64,
    /// Bytes an archive (.docx) may inflate to in all.
    pub max_archive_bytes: u64,
    /// Entries of an archive.
    pub max_archive_entries: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_table_bytes: MAX_TABLE_BYTES,
            max_line_bytes: MAX_LINE_BYTES,
            max_archive_bytes: docx::Limits::DEFAULT.max_total_bytes,
            max_archive_entries: docx::Limits::DEFAULT.max_entries,
        }
    }
}

/// The encodings a source may force.
pub const ENCODINGS: &[&str] = &[
    "auto",
    "utf-8",
    "windows-1252",
    "latin-1",
    "utf-16le",
    "utf-16be",
];

/// The columns of a CSV/JSONL contribution source: each names the column (or JSON key) that
/// holds the field.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    pub text: Option<String>,
    pub id: Option<String>,
    pub author: Option<String>,
    pub organisation: Option<String>,
    pub group: Option<String>,
    pub date: Option<String>,
    pub question: Option<String>,
    pub parent: Option<String>,
}

impl ReadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Unsupported { path, .. }
            | ReadError::Binary { path }
            | ReadError::Empty { path }
            | ReadError::TooLarge { path, .. }
            | ReadError::IsDirectory { path }
            | ReadError::NotRegular { path, .. }
            | ReadError::LineTooLong { path, .. }
            | ReadError::NotZip { path }
            | ReadError::Truncated { path, .. }
            | ReadError::ArchiveLimit { path, .. }
            | ReadError::Inflate { path, .. }
            | ReadError::MissingPart { path, .. }
            | ReadError::MalformedXml { path, .. }
            | ReadError::XmlEntities { path, .. }
            | ReadError::Invalid { path, .. }
            | ReadError::UnknownName { path, .. } => path,
        }
    }
}

/// The formats the readers know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    WordExport,
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::WordExport => "word_export",
            Format::Html => "html",
        }
    }
}

/// Whether a path has an extension some reader takes (used to skip other files in directories).
pub fn is_supported(path: &Path) -> bool {
    extension(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Reads the file at `path` into its documents (one for a text file; one per row for a table
/// of contributions), the first with the given id.
pub fn read_file(path: &Path, id: &str, opts: &ReadOptions) -> Result<Vec<Document>, ReadError> {
    let loaded = load(path, opts)?;
    let mut docs = read_loaded(&loaded, id, &path.to_string_lossy(), opts)?.rest();
    complete_batch(&loaded, opts, &mut docs);
    Ok(docs)
}

/// A NETmundial submission's documents take the header of the file beside them (loaded with
/// it), and every document takes the authors the pipeline file declares: what [`read_file`]
/// does to each batch of [`read_loaded`].
pub fn complete_batch(loaded: &Loaded, opts: &ReadOptions, docs: &mut [Document]) {
    if is_preset(opts, "netmundial") {
        submission_sibling(loaded, docs);
    }
    // The pipeline file's word on who wrote them wins.
    if !opts.authors.is_empty() {
        for d in docs.iter_mut() {
            let mut authors = opts.authors.clone();
            crate::attribute::authors::group_authors(d, &mut authors);
            d.authors = authors;
        }
    }
}

/// The bytes of one input, read once: the file's, and those of the files its reader also
/// reads ([`dependencies`]). What is hashed is what is parsed ([`read_loaded`]).
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub bytes: Vec<u8>,
    /// The other files read (a NETmundial `NNNB.txt` takes the header of its `NNNA.txt`),
    /// each with its bytes; a file that cannot be read is left out.
    pub dependencies: Vec<(PathBuf, Vec<u8>)>,
}

/// Reads the file at `path` and its [`dependencies`], within the limits of `opts`: a directory,
/// a FIFO, a device or a socket is an error without being read, and so is a file over the
/// limit.
pub fn load(path: &Path, opts: &ReadOptions) -> Result<Loaded, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = open_regular(path)?;
    if !is_supported(path) && opts.format.is_none() {
        return Err(ReadError::Unsupported {
            path: path.to_path_buf(),
            extension: extension(path),
        });
    }
    let size = file.metadata().map_err(io)?.len();
    let kind = load_limit(path, opts);
    let limit = kind.of(&opts.limits);
    if size > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
            kind,
        });
    }
    let bytes = read_bounded(file, limit).map_err(io)?;
    if bytes.len() as u64 > limit {
        // The file grew while it was read.
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
            kind,
        });
    }
    Ok(Loaded {
        bytes,
        dependencies: load_dependencies(path, opts),
    })
}

/// The files a reader reads besides `path`, with their bytes (see [`dependencies`]).
pub fn load_dependencies(path: &Path, opts: &ReadOptions) -> Vec<(PathBuf, Vec<u8>)> {
    dependencies(path, opts)
        .into_iter()
        .filter_map(|dep| {
            let file = open_regular(&dep).ok()?;
            let bytes = read_bounded(file, opts.limits.max_file_bytes).ok()?;
            Some((dep, bytes))
        })
        .collect()
}

/// Opens `path` for reading only when it is a regular file (following links): a directory,
/// FIFO, device or socket is an error naming what it is. The file is opened without blocking,
/// so that a FIFO put in a file's place after it was listed never blocks the run.
pub fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(io)?;
    let kind = file.metadata().map_err(io)?.file_type();
    if kind.is_dir() {
        return Err(ReadError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if let Some(kind) = special_kind(kind) {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind,
        });
    }
    Ok(file)
}

/// What a file that is neither a regular file nor a directory is: `FIFO`, `character device`,
/// `block device`, `socket` (or `special file`); `None` for a regular file or a directory.
pub fn special_kind(kind: std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("FIFO");
        }
        if kind.is_char_device() {
            return Some("character device");
        }
        if kind.is_block_device() {
            return Some("block device");
        }
        if kind.is_socket() {
            return Some("socket");
        }
    }
    Some("special file")
}

/// Reads at most `limit + 1` bytes of a file (a file can grow after its size was checked).
fn read_bounded(file: std::fs::File, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The other files a reader reads besides `path` (their content decides its documents too):
/// a NETmundial `NNNB.txt` takes the header of its `NNNA.txt`. Names are matched without
/// regard to case (`NNNb.txt`, `NNNB.TXT`): the header is `NNNA.txt` in the case of the full
/// text's name (`NNNa.txt`, `NNNA.TXT`) when there is one, else `NNNA.txt`.
pub fn dependencies(path: &Path, opts: &ReadOptions) -> Vec<PathBuf> {
    if !is_preset(opts, "netmundial") {
        return Vec::new();
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    // `name` is `<stem>B.txt` in any case: the last five bytes are ASCII.
    let split = name.len().wrapping_sub(5);
    if name.len() < 5
        || !name.is_char_boundary(split)
        || !name[split..].eq_ignore_ascii_case("B.txt")
    {
        return Vec::new();
    }
    let (stem, b, ext) = (&name[..split], &name[split..=split], &name[split + 1..]);
    let a = if b == "b" { "a" } else { "A" };
    let same_case = path.with_file_name(format!("{stem}{a}{ext}"));
    let plain = path.with_file_name(format!("{stem}A.txt"));
    if same_case != plain && !same_case.is_file() && plain.is_file() {
        return vec![plain];
    }
    vec![same_case]
}

/// The first line longer than `limit` bytes: its number (from 1) and length.
fn long_line(bytes: &[u8], limit: u64) -> Option<(usize, u64)> {
    if (bytes.len() as u64) <= limit {
        return None;
    }
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .find(|(_, l)| l.len() as u64 > limit)
        .map(|(i, l)| (i + 1, l.len() as u64))
}

/// The names of the column presets a source's `preset` may give.
pub fn preset_names() -> Vec<String> {
    table::presets::names()
        .split(", ")
        .map(str::to_string)
        .collect()
}

fn is_preset(opts: &ReadOptions, name: &str) -> bool {
    opts.preset
        .as_deref()
        .is_some_and(|p| p.eq_ignore_ascii_case(name))
}

/// A NETmundial full text `NNNB.txt` takes the header of `NNNA.txt` beside it (loaded with
/// it; `meta.header_from` names it).
fn submission_sibling(loaded: &Loaded, docs: &mut [Document]) {
    let Some((sibling, bytes)) = loaded.dependencies.first() else {
        return;
    };
    let Some((text, _)) = decode(bytes) else {
        return;
    };
    let Some(h) = table::submission::parse_header(&text) else {
        return;
    };
    let speaker = table::submission::speaker(&h);
    let name = sibling
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for doc in docs.iter_mut().filter(|d| d.kind != "transcript") {
        table::submission::attach(&mut doc.blocks, &speaker, h.fields.get("sector"));
        doc.meta.extend(table::submission::meta(&h));
        doc.meta
            .insert("header_from".into(), serde_json::Value::from(name.clone()));
        doc.kind = "contribution".to_string();
        doc.format = "submission".to_string();
    }
}

/// Reads `bytes` as the file `path` (whose extension picks the reader): the first document.
pub fn read_bytes(bytes: &[u8], id: &str, path: &str) -> Result<Document, ReadError> {
    read_bytes_with(bytes, id, path, &ReadOptions::default())?
        .into_iter()
        .next()
        .ok_or_else(|| ReadError::Empty {
            path: PathBuf::from(path),
        })
}

/// Reads `bytes` as the file `path` with a source's read options: every document of the file
/// (one per row for a table of contributions).
pub fn read_bytes_with(
    bytes: &[u8],
    id: &str,
    path: &str,
    opts: &ReadOptions,
) -> Result<Vec<Document>, ReadError> {
    Ok(read_docs(bytes, id, path, opts)?.rest())
}

/// The documents of a file, given a batch at a time ([`Docs::next_batch`]): a table's rows
/// become documents only as they are asked for, so a large table is never held as documents
/// all at once. Concatenated, the batches are what [`read_file`] returns.
pub enum Docs {
    /// A file that is one document (or a few), read whole.
    Whole(Vec<Document>),
    /// The rows of a table, not yet made documents.
    Rows(Box<table::RowDocs>),
}

impl Docs {
    /// Up to `n` more documents (at least one; an empty batch means the end).
    pub fn next_batch(&mut self, n: usize) -> Vec<Document> {
        match self {
            Docs::Whole(docs) => {
                let rest = docs.split_off(docs.len().min(n.max(1)));
                std::mem::replace(docs, rest)
            }
            Docs::Rows(rows) => rows.next_batch(n.max(1)),
        }
    }

    /// Every document not given yet.
    pub fn rest(self) -> Vec<Document> {
        match self {
            Docs::Whole(docs) => docs,
            Docs::Rows(mut rows) => rows.next_batch(usize::MAX),
        }
    }
}

/// The documents of a loaded file ([`load`]), a batch at a time (see [`Docs`]); `path` is the
/// name the documents and errors give (its extension picks the reader).
pub fn read_loaded(
    loaded: &Loaded,
    id: &str,
    path: &str,
    opts: &ReadOptions,
) -> Result<Docs, ReadError> {
    read_docs(&loaded.bytes, id, path, opts)
}

/// [`read_bytes_with`], a batch of documents at a time (see [`Docs`]).
fn read_docs(bytes: &[u8], id: &str, path: &str, opts: &ReadOptions) -> Result<Docs, ReadError> {
    let p = Path::new(path);
    let forced = opts
        .format
        .as_deref()
        .filter(|f| !f.eq_ignore_ascii_case("auto"));
    if let Some(f) = forced
        && !FORMATS.contains(&f)
    {
        return Err(ReadError::UnknownName {
            path: p.to_path_buf(),
            what: "format",
            name: f.to_string(),
            known: FORMATS.join(", "),
        });
    }
    if !is_supported(p) && forced.is_none() {
        return Err(ReadError::Unsupported {
            path: p.to_path_buf(),
            extension: extension(p),
        });
    }
    let ext = extension(p);
    if forced == Some("docx") || (forced.is_none() && ext.as_deref() == Some("docx")) {
        let limits = docx::Limits {
            max_entries: opts.limits.max_archive_entries,
            max_total_bytes: opts.limits.max_archive_bytes,
            max_entry_bytes: docx::Limits::DEFAULT
                .max_entry_bytes
                .min(opts.limits.max_archive_bytes),
            ..docx::Limits::DEFAULT
        };
        return docx::read_with_limits(bytes, id, path, docx::View::Current, limits)
            .map(|d| Docs::Whole(vec![d]));
    }
    let (text, encoding) = decode_as(bytes, opts.encoding.as_deref()).map_err(|e| match e {
        DecodeError::Binary => ReadError::Binary {
            path: p.to_path_buf(),
        },
        DecodeError::UnknownEncoding(name) => ReadError::UnknownName {
            path: p.to_path_buf(),
            what: "encoding",
            name,
            known: ENCODINGS.join(", "),
        },
        DecodeError::NotUtf8 { offset } => ReadError::Invalid {
            path: p.to_path_buf(),
            format: "UTF-8",
            detail: format!(
                "invalid UTF-8 at byte {offset} (the source forces encoding = \"utf-8\")"
            ),
        },
    })?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            path: p.to_path_buf(),
        });
    }
    let invalid = |format: &'static str| {
        move |detail: String| ReadError::Invalid {
            path: p.to_path_buf(),
            format,
            detail,
        }
    };
    // Rows of contributions.
    let shape = match forced {
        Some("csv") => Some(table::Shape::Csv(b',')),
        Some("tsv") => Some(table::Shape::Csv(b'\t')),
        Some("jsonl") => Some(table::Shape::Jsonl),
        Some("json") => Some(table::Shape::JsonArray),
        Some(_) => None,
        None => table::shape(ext.as_deref(), &text),
    };
    if let Some(shape) = shape {
        if let Some(name) = opts.preset.as_deref()
            && !is_preset(opts, "netmundial")
            && table::presets::by_name(name).is_none()
        {
            return Err(ReadError::UnknownName {
                path: p.to_path_buf(),
                what: "preset",
                name: name.to_string(),
                known: table::presets::names(),
            });
        }
        return table::RowDocs::new(&text, encoding, id, path, shape, opts)
            .map(|r| Docs::Rows(Box::new(r)))
            .map_err(invalid("table"));
    }
    // Not rows: the whole file is one document, within the document limits.
    let limit = opts.limits.max_file_bytes;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: p.to_path_buf(),
            size: bytes.len() as u64,
            limit,
            kind: SizeLimit::Document,
        });
    }
    let limit = opts.limits.max_line_bytes;
    if let Some((line, length)) = long_line(bytes, limit) {
        return Err(ReadError::LineTooLong {
            path: p.to_path_buf(),
            line,
            length,
            limit,
        });
    }
    let mut meta = std::collections::BTreeMap::new();
    meta.insert("encoding".to_string(), serde_json::Value::from(encoding));
    // A written submission with a header block.
    let submission = match forced {
        Some("submission") => true,
        Some(_) => false,
        None => table::submission::looks_like(&text),
    };
    if submission && let Some((parsed, header)) = table::submission::read(&text) {
        meta.extend(table::submission::meta(&header));
        return Ok(Docs::Whole(vec![Document {
            id: id.to_string(),
            path: path.to_string(),
            path_raw: None,
            format: "submission".to_string(),
            title: parsed.title,
            kind: "contribution".to_string(),
            text,
            meta,
            warnings: Vec::new(),
            authors: Vec::new(),
            blocks: parsed.blocks,
        }]));
    }
    // Transcripts.
    let style = match forced {
        Some("transcript") => Some(transcript::Style::Labelled),
        Some("webvtt") => Some(transcript::Style::WebVtt),
        Some("srt") => Some(transcript::Style::Srt),
        Some("qmsum_json") => Some(transcript::Style::Qmsum),
        Some("captions") => Some(transcript::Style::Captions),
        Some("caption_table") => Some(transcript::Style::CaptionTable),
        Some(_) => None,
        None if matches!(ext.as_deref(), Some("html" | "htm")) => None,
        None if word_export::looks_like(&text) => None,
        // Written submissions, whatever colons their run-in headings carry.
        None if is_preset(opts, "netmundial") => None,
        None => transcript::detect(ext.as_deref(), &text),
    };
    if let Some(style) = style {
        let markdown = matches!(ext.as_deref(), Some("md" | "markdown"));
        let read = transcript::read(&text, style, markdown).map_err(invalid(style.format()))?;
        meta.extend(read.meta);
        return Ok(Docs::Whole(vec![Document {
            id: id.to_string(),
            path: path.to_string(),
            path_raw: None,
            format: style.format().to_string(),
            title: read.parsed.title,
            kind: "transcript".to_string(),
            text: read.text.unwrap_or(text),
            meta,
            warnings: read.warnings,
            authors: Vec::new(),
            blocks: read.parsed.blocks,
        }]));
    }
    if ext.as_deref() == Some("json") && forced.is_none() {
        return Err(ReadError::Invalid {
            path: p.to_path_buf(),
            format: "JSON",
            detail: "neither an array of rows nor a transcript with `meeting_transcripts`"
                .to_string(),
        });
    }
    let format = match forced {
        Some("text") => Format::Text,
        Some("markdown") => Format::Markdown,
        Some("word_export") => Format::WordExport,
        Some("html") => Format::Html,
        _ => detect(p, &text),
    };
    let (text, parsed) = match format {
        Format::WordExport => {
            let parsed = word_export::read(&text);
            (text, parsed)
        }
        Format::Markdown => {
            let mut parsed = text::read(&text, text::Flavor::Markdown);
            transcript::run_in_turns(&text, &mut parsed.blocks);
            (text, parsed)
        }
        Format::Text => {
            let mut parsed = text::read(&text, text::Flavor::Plain);
            transcript::run_in_turns(&text, &mut parsed.blocks);
            (text, parsed)
        }
        Format::Html => html::read(&text),
    };
    let kind = match format {
        Format::WordExport => "draft",
        Format::Markdown => "paper",
        Format::Text => "report",
        Format::Html => "page",
    };
    Ok(Docs::Whole(vec![Document {
        id: id.to_string(),
        path: path.to_string(),
        path_raw: None,
        format: format.as_str().to_string(),
        title: parsed.title,
        kind: kind.to_string(),
        text,
        meta,
        warnings: Vec::new(),
        authors: Vec::new(),
        blocks: parsed.blocks,
    }]))
}

/// Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.
/// Line ends become `\n`. `None` for binary data (NUL bytes in a non-UTF-16 file).
/// Why bytes could not be decoded.
enum DecodeError {
    Binary,
    UnknownEncoding(String),
    NotUtf8 { offset: usize },
}

/// [`decode`], or the encoding a source forces.
fn decode_as(bytes: &[u8], forced: Option<&str>) -> Result<(String, &'static str), DecodeError> {
    let name = forced.map(|f| f.trim().to_ascii_lowercase().replace('_', "-"));
    let raw = match name.as_deref() {
        None | Some("auto") => return decode(bytes).ok_or(DecodeError::Binary),
        Some("utf-8" | "utf8") => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let s = std::str::from_utf8(bytes).map_err(|e| DecodeError::NotUtf8 {
                offset: e.valid_up_to(),
            })?;
            (s.to_string(), "utf-8")
        }
        Some("windows-1252" | "cp1252") => {
            (bytes.iter().map(|&b| cp1252(b)).collect(), "windows-1252")
        }
        Some("latin-1" | "latin1" | "iso-8859-1") => {
            (bytes.iter().map(|&b| char::from(b)).collect(), "latin-1")
        }
        Some(e @ ("utf-16le" | "utf-16be")) => {
            let le = e == "utf-16le";
            let body = match bytes {
                [0xFF, 0xFE, rest @ ..] if le => rest,
                [0xFE, 0xFF, rest @ ..] if !le => rest,
                _ => bytes,
            };
            utf16(body, le)
        }
        Some(other) => return Err(DecodeError::UnknownEncoding(other.to_string())),
    };
    let (text, enc) = raw;
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok((unix_newlines(text), enc))
}

pub(crate) fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    let (raw, enc) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (String::from_utf8_lossy(rest).into_owned(), "utf-8")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        utf16(&bytes[2..], bytes[0] == 0xFF)
    } else if bytes.contains(&0) {
        return None;
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), "utf-8"),
            Err(_) => (bytes.iter().map(|&b| cp1252(b)).collect(), "windows-1252"),
        }
    };
    Some((unix_newlines(raw), enc))
}

/// UTF-16 (little- or big-endian, without its BOM) to text; a lone surrogate becomes U+FFFD.
fn utf16(body: &[u8], le: bool) -> (String, &'static str) {
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    (
        String::from_utf16_lossy(&units),
        if le { "utf-16le" } else { "utf-16be" },
    )
}

/// `\r\n` and lone `\r` line ends as `\n`.
fn unix_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Windows-1252 to Unicode.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Picks the reader for a text file.
fn detect(path: &Path, text: &str) -> Format {
    if matches!(extension(path).as_deref(), Some("html" | "htm")) {
        return Format::Html;
    }
    if word_export::looks_like(text) {
        return Format::WordExport;
    }
    if matches!(extension(path).as_deref(), Some("md" | "markdown")) {
        return Format::Markdown;
    }
    let md_headings = text
        .lines()
        .filter(|l| {
            let t = l.trim_start_matches('#');
            l.starts_with('#') && l.len() - t.len() <= 6 && t.starts_with(' ')
        })
        .count();
    if md_headings >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_decoded_and_reported() {
        let doc = read_bytes(b"Caf\xe9 \x93quoted\x94 text.\r\n", "x", "x.txt").expect("reads");
        assert_eq!(doc.text, "Café “quoted” text.\n");
        assert_eq!(doc.meta["encoding"], "windows-1252");
    }

    #[test]
    fn binary_empty_and_unknown_files_are_clear_errors() {
        let e = read_bytes(b"abc\0def", "x", "dir/x.txt").expect_err("binary");
        assert_eq!(
            e.to_string(),
            "dir/x.txt: binary file (NUL bytes), not text"
        );
        let e = read_bytes(b"  \n\n", "x", "x.txt").expect_err("empty");
        assert_eq!(e.to_string(), "x.txt: empty file");
        let e = read_bytes(b"PK\x03\x04", "x", "draft.pdf").expect_err("unsupported");
        assert!(
            e.to_string()
                .starts_with("draft.pdf: unsupported format '.pdf'"),
            "{e}"
        );
    }

    #[test]
    fn utf16_with_bom_reads() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Trust matters.\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let doc = read_bytes(&bytes, "x", "x.txt").expect("reads");
        assert_eq!(doc.text, "Trust matters.\n");
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn a_file_over_the_default_limit_says_what_it_would_cost_in_memory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.txt");
        let file = std::fs::File::create(&path).expect("file");
        file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
        let e = read_file(&path, "big", &ReadOptions::default()).expect_err("too large");
        let mib = MAX_FILE_BYTES >> 20;
        let msg = e.to_string();
        assert!(
            msg.contains(&format!(
                "exceeds the limit of {mib} MiB (limits.max_file_bytes); raise it in the pipeline file, but one file needs about {MEMORY_PER_BYTE}× its size in memory"
            )),
            "{msg}"
        );
        // The default keeps one file within about 1 GB of memory.
        const { assert!(MAX_FILE_BYTES * MEMORY_PER_BYTE <= 1 << 30) };
        const { assert!(MAX_TABLE_BYTES * MEMORY_PER_TABLE_BYTE <= 1 << 30) };
        const { assert!(MAX_LINE_BYTES <= MAX_FILE_BYTES) };
    }

    /// Rows are documents of their own, made a batch at a time: a file of rows may be larger
    /// than a document (the 31 MB combined contributions read with the default limits), and a
    /// row too long to be one document is passed over with a warning, not the whole file.
    #[test]
    fn a_file_of_rows_has_its_own_limit_and_an_overlong_row_is_passed_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let row = "Trust between governments and civil society takes time to build. ".repeat(8);
        let rows: Vec<String> = (0..20_000)
            .map(|n| format!("{{\"id\": \"r{n}\", \"text\": \"{row}{n}\"}}"))
            .collect();
        let text = rows.join("\n");
        assert!(text.len() as u64 > MAX_FILE_BYTES && (text.len() as u64) < MAX_TABLE_BYTES);
        let path = dir.path().join("rows.jsonl");
        std::fs::write(&path, &text).expect("write");
        let docs = read_file(&path, "rows", &ReadOptions::default()).expect("a table reads");
        assert_eq!(docs.len(), 20_000);
        // The same bytes as a text file are one document, held to the document limit.
        let as_text = dir.path().join("rows.txt");
        std::fs::write(&as_text, &text).expect("write");
        let e = read_file(&as_text, "rows", &ReadOptions::default()).expect_err("too large");
        assert!(e.to_string().contains("(limits.max_file_bytes)"), "{e}");
        // A row of rows that is too long: a warning naming its line, the others read.
        let opts = ReadOptions {
            limits: Limits {
                max_line_bytes: 1_000,
                ..Limits::default()
            },
            ..ReadOptions::default()
        };
        let long = "word ".repeat(300);
        let small = dir.path().join("small.jsonl");
        std::fs::write(
            &small,
            format!(
                "{{\"id\": \"a\", \"text\": \"Trust matters.\"}}\n{{\"id\": \"b\", \"text\": \"{long}\"}}\n{{\"id\": \"c\", \"text\": \"Funding matters.\"}}\n"
            ),
        )
        .expect("write");
        let docs = read_file(&small, "small", &opts).expect("reads");
        let texts: Vec<&str> = docs.iter().map(|d| d.text.trim()).collect();
        assert_eq!(texts, ["Trust matters.", "Funding matters."]);
        let warned: Vec<String> = docs
            .iter()
            .flat_map(|d| d.warnings.iter().map(ToString::to_string))
            .collect();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(
            warned[0]
                .starts_with("line 2: a row whose text is 1499 bytes long, over the limit of 1000"),
            "{warned:?}"
        );
        // A file of rows over its own limit names that limit and its cost.
        let huge = dir.path().join("huge.csv");
        std::fs::File::create(&huge)
            .and_then(|f| f.set_len(MAX_TABLE_BYTES + 1))
            .expect("sparse file");
        let e = read_file(&huge, "huge", &ReadOptions::default()).expect_err("too large");
        assert!(
            e.to_string().contains(&format!(
                "exceeds the limit of 64 MiB (limits.max_table_bytes); raise it in the pipeline file, but one file needs about {MEMORY_PER_TABLE_BYTE}× its size in memory"
            )),
            "{e}"
        );
    }

    #[test]
    fn a_netmundial_full_text_finds_its_header_whatever_the_case_of_its_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        for name in [
            "001A.txt", "001B.txt", "002a.txt", "002b.txt", "003A.TXT", "003B.TXT", "004A.txt",
            "004b.txt", "005A.txt", "005B.TXT",
        ] {
            std::fs::write(d.join(name), "x\n").expect("write");
        }
        let opts = ReadOptions {
            preset: Some("netmundial".to_string()),
            ..ReadOptions::default()
        };
        for (full, header) in [
            ("001B.txt", "001A.txt"),
            ("002b.txt", "002a.txt"),
            ("003B.TXT", "003A.TXT"),
            ("004b.txt", "004A.txt"),
            ("005B.TXT", "005A.txt"),
        ] {
            assert_eq!(
                dependencies(&d.join(full), &opts),
                vec![d.join(header)],
                "{full}"
            );
        }
        // A header, and a file of another preset, take nothing beside them.
        assert!(dependencies(&d.join("001A.txt"), &opts).is_empty());
        assert!(dependencies(&d.join("001B.txt"), &ReadOptions::default()).is_empty());
    }
}
