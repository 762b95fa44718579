//! The types the stages exchange: [`Document`] → [`Passage`]s → tags → [`crate::synth::Outline`].
//!
//! Every span is a pair of byte offsets into [`Document::text`]; whatever carries a `text`
//! field next to `start`/`end` holds exactly `doc.text[start..end]`. This is the data contract
//! of `passages.jsonl` and `documents.jsonl` (see the README).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A stakeholder group: the voice a speaker speaks for, or a group a passage talks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Government,
    Intergovernmental,
    Business,
    CivilSociety,
    Academia,
    TechnicalCommunity,
    Media,
}

impl Group {
    /// Every group, in the contract's order.
    pub const ALL: [Group; 7] = [
        Group::Government,
        Group::Intergovernmental,
        Group::Business,
        Group::CivilSociety,
        Group::Academia,
        Group::TechnicalCommunity,
        Group::Media,
    ];

    /// The id used in the data contract (`civil_society`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Government => "government",
            Group::Intergovernmental => "intergovernmental",
            Group::Business => "business",
            Group::CivilSociety => "civil_society",
            Group::Academia => "academia",
            Group::TechnicalCommunity => "technical_community",
            Group::Media => "media",
        }
    }

    /// A label for people ("civil society").
    pub fn label(self) -> &'static str {
        match self {
            Group::Government => "government",
            Group::Intergovernmental => "intergovernmental",
            Group::Business => "business",
            Group::CivilSociety => "civil society",
            Group::Academia => "academia",
            Group::TechnicalCommunity => "technical community",
            Group::Media => "media",
        }
    }

    /// Parses a contract id (`civil_society`).
    pub fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// What a passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    Paragraph,
    Bullet,
    Heading,
    Utterance,
    Comment,
    Revision,
    Footnote,
    Contribution,
    Question,
    Quote,
    TableRow,
}

impl PassageKind {
    pub const ALL: [PassageKind; 11] = [
        PassageKind::Paragraph,
        PassageKind::Bullet,
        PassageKind::Heading,
        PassageKind::Utterance,
        PassageKind::Comment,
        PassageKind::Revision,
        PassageKind::Footnote,
        PassageKind::Contribution,
        PassageKind::Question,
        PassageKind::Quote,
        PassageKind::TableRow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Paragraph => "paragraph",
            PassageKind::Bullet => "bullet",
            PassageKind::Heading => "heading",
            PassageKind::Utterance => "utterance",
            PassageKind::Comment => "comment",
            PassageKind::Revision => "revision",
            PassageKind::Footnote => "footnote",
            PassageKind::Contribution => "contribution",
            PassageKind::Question => "question",
            PassageKind::Quote => "quote",
            PassageKind::TableRow => "table_row",
        }
    }

    pub fn parse(s: &str) -> Option<PassageKind> {
        PassageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// A speaker label in a transcript (`Name:`).
    Label,
    /// The author of a Word comment.
    Comment,
    /// The author of a tracked change.
    Revision,
    /// "(Name)" after a point.
    Parenthetical,
    /// "Name, Role, Organisation, said that …" and later mentions in the same paragraph.
    Reported,
    /// An authority quoted in a paper ("According to X, …").
    Quoted,
    /// A document's byline.
    Byline,
    /// A metadata field of a row or document.
    Metadata,
    /// "one contributor", "several participants".
    Anonymous,
    /// A pipeline-file roster.
    Roster,
}

/// What a stakeholder group was given on: the kind of evidence, and the words of the name,
/// role or declaration it was read from (`term`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A legal form in the organisation's name ("GmbH", "S.A.", "Inc.", "e.V.").
    LegalForm,
    /// A body the organisation rules know by name ("World Bank").
    Known,
    /// A body the organisation rules know by acronym ("WIPO").
    Acronym,
    /// The name says its own stakeholder type ("… NGO", "Civil Society …").
    SelfDeclared,
    /// A type word of the name ("Ministry", "University", "Foundation").
    Word,
    /// What a membership body is made of ("Industry" in an association: its members are
    /// companies).
    Members,
    /// An e-mail address or domain ("…@bmvit.gv.at").
    Domain,
    /// A local chapter of a technical body ("ISOC-Yemen").
    Chapter,
    /// Two surnames joined by "&" ("Alvarez & Marsal").
    Firm,
    /// The person's role ("Minister", "Professor").
    Role,
    /// The pipeline file's roster.
    Roster,
    /// A declared sector: a submission's `Sector:` line, a sector or group column.
    Sector,
}

impl EvidenceKind {
    /// Words for people ("legal form", "word").
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::LegalForm => "legal form",
            EvidenceKind::Known => "known organisation",
            EvidenceKind::Acronym => "acronym",
            EvidenceKind::SelfDeclared => "says it is",
            EvidenceKind::Word => "word",
            EvidenceKind::Members => "members:",
            EvidenceKind::Domain => "domain",
            EvidenceKind::Chapter => "chapter",
            EvidenceKind::Firm => "firm",
            EvidenceKind::Role => "role",
            EvidenceKind::Roster => "roster",
            EvidenceKind::Sector => "Sector:",
        }
    }
}

/// Why a speaker or participant is in their stakeholder group ("legal form GmbH", "word
/// Ministry", "roster", "Sector: Private Sector").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The words it was read from, as written ("GmbH", "Bundesministerium", "Private Sector").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

impl Evidence {
    pub fn new(kind: EvidenceKind, term: impl Into<String>) -> Evidence {
        Evidence {
            kind,
            term: Some(term.into()),
        }
    }

    /// Evidence without words of its own (the roster).
    pub fn bare(kind: EvidenceKind) -> Evidence {
        Evidence { kind, term: None }
    }
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.term {
            Some(t) => write!(f, "{} {t}", self.kind.label()),
            None => f.write_str(self.kind.label()),
        }
    }
}

/// A declared group (a roster's, a sector line's) that strong evidence in the organisation's
/// name contradicts (an "Inc." that declared "Government - Federal"): the declared group is
/// kept, and this is what the name says instead.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mismatch {
    /// The group the name's evidence gives.
    pub group: Group,
    pub evidence: Evidence,
}

/// Who speaks a passage.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Speaker {
    pub name: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub group: Option<Group>,
    /// What `group` was given on (absent without a group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// A declared group the organisation's name contradicts (see [`Mismatch`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<Mismatch>,
    pub how: How,
    /// True for "one contributor", "several participants": somebody, not named.
    #[serde(default, skip_serializing_if = "is_false")]
    pub anonymous: bool,
    /// Who speaks with `name` ("Two contributors (Deborah Avant and Jason Pielemeier)", a
    /// document's co-authors): the others, in the order the text names them. Omitted when
    /// empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<CoSpeaker>,
}

/// One of several people or bodies who speak a passage together (see [`Speaker::with`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CoSpeaker {
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
}

/// Where a document says who wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorSource {
    /// A line of names under the title ("Tom Buitelaar and Richard Ponzio").
    Byline,
    /// "Prepared by / Submitted by / On behalf of / Written by …", "X Submission for …",
    /// "Contribution of X to …".
    PreparedBy,
    /// The name of the body at the head of a letter or paper ("EUROPEAN COMMISSION").
    Letterhead,
    /// The closing block of a letter or submission ("Respectfully Submitted, X", "Name /
    /// Title / Organisation").
    Signature,
    /// Who convened what the report reports ("The Stanley Foundation, in collaboration with
    /// The Stimson Center, brought together …", "BEST BITS SESSION 1 … NOTES").
    Convenor,
    /// A submission form's header (`Entitled by:`, `Organization:`, `Sector:`).
    Header,
    /// A `.docx` file's core properties (`dc:creator`).
    Properties,
    /// The pipeline file's source entry (`author`, `organisation`, `group`).
    Pipeline,
}

impl AuthorSource {
    /// How an outline names the authors' part: "authors" or "convenors".
    pub fn plural(self) -> &'static str {
        match self {
            AuthorSource::Convenor => "convenors",
            _ => "authors",
        }
    }
}

/// Who wrote a document, as the document (or the pipeline file) says: `documents.jsonl`'s
/// `authors`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// A person's name; `None` for a body that speaks as itself (a letterhead, a convenor).
    pub name: Option<String>,
    /// The person's position, as written ("Director of the Just Security 2020 Program").
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub group: Option<Group>,
    /// What `group` was given on (absent without a group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Where the document says it.
    pub how: AuthorSource,
    /// The text that says it (absent for file properties and the pipeline file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Author {
    /// The name people see: the person's, else the organisation's.
    pub fn display(&self) -> Option<&str> {
        self.name.as_deref().or(self.organisation.as_deref())
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Speaker {
    /// A named speaker found by `how`.
    pub fn named(name: impl Into<String>, how: How) -> Speaker {
        Speaker {
            name: Some(name.into()),
            role: None,
            organisation: None,
            group: None,
            evidence: None,
            mismatch: None,
            how,
            anonymous: false,
            with: Vec::new(),
        }
    }

    /// An anonymous contributor ("one contributor noted").
    pub fn anonymous() -> Speaker {
        Speaker {
            name: None,
            role: None,
            organisation: None,
            group: None,
            evidence: None,
            mismatch: None,
            how: How::Anonymous,
            anonymous: true,
            with: Vec::new(),
        }
    }
}

/// A byte span of a document's text, with the text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Span {
    /// The span `start..end` of `doc_text`. Panics never: out-of-range or non-boundary
    /// offsets give an empty text, which the contract checker reports.
    pub fn of(doc_text: &str, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            text: doc_text.get(start..end).unwrap_or_default().to_string(),
        }
    }
}

/// A theme found in a passage, with its normalised score and the (stemmed) evidence terms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeTag {
    pub id: String,
    pub score: f64,
    pub terms: Vec<String>,
}

/// A passage's position on what it is about, in its speaker's own words.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Supports,
    Opposes,
    /// Support and opposition in one passage ("we support the goal but oppose the option").
    Mixed,
    /// No position of the speaker's own: facts, questions, positions reported of others.
    #[default]
    Neutral,
}

impl Position {
    /// Every position, in the contract's order.
    pub const ALL: [Position; 4] = [
        Position::Supports,
        Position::Opposes,
        Position::Mixed,
        Position::Neutral,
    ];

    /// The id used in the data contract and the index (`supports`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Supports => "supports",
            Position::Opposes => "opposes",
            Position::Mixed => "mixed",
            Position::Neutral => "neutral",
        }
    }

    /// Parses a contract id (`opposes`).
    pub fn parse(s: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// One cue of a stance: the words that take the position ("we support", "I disagree with"),
/// as an absolute span, and what they take it on where the text names it ("the public
/// network").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceCue {
    /// [`Position::Supports`] or [`Position::Opposes`].
    pub position: Position,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub object: Option<Span>,
}

/// A passage's stance: its position and the cues it was given on (none for neutral).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    pub position: Position,
    pub cues: Vec<StanceCue>,
}

impl Stance {
    /// The stance of these cues: supports or opposes when they agree, mixed when both occur,
    /// neutral when there are none.
    pub fn of(cues: Vec<StanceCue>) -> Stance {
        let has = |x| cues.iter().any(|c| c.position == x);
        let position = match (has(Position::Supports), has(Position::Opposes)) {
            (true, true) => Position::Mixed,
            (true, false) => Position::Supports,
            (false, true) => Position::Opposes,
            (false, false) => Position::Neutral,
        };
        Stance { position, cues }
    }
}

/// A sentence that recommends, urges or prescribes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The words that make it a recommendation ("should", "we recommend").
    pub cue: String,
    /// The groups it is addressed to ("governments should …" → government).
    pub addressee: Vec<Group>,
    /// The meeting itself agreed it ("The meeting agreed that the council should …",
    /// "Participants recommended that …"). Older outputs lack it: read as false.
    #[serde(default)]
    pub agreed: bool,
}

/// One passage: a paragraph, bullet, heading, utterance, comment, revision, footnote, row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// `<doc id>#<n>`, n counting passages of the document from 1.
    pub id: String,
    pub doc: String,
    pub kind: PassageKind,
    /// The headings above this passage, outermost first.
    pub section: Vec<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub speaker: Option<Speaker>,
    /// For a reply: the id of the comment it answers.
    pub reply_to: Option<String>,
    /// For a comment: the body text it is attached to.
    pub anchor: Option<Span>,
    pub themes: Vec<ThemeTag>,
    /// Groups the passage talks about.
    pub mentions: Vec<Group>,
    /// The group the passage speaks for.
    pub voice: Option<Group>,
    pub recommendations: Vec<Recommendation>,
    pub questions: Vec<Span>,
    /// Its position on what it is about, with the cues it was given on. Older outputs lack
    /// it: read as neutral.
    #[serde(default)]
    pub stance: Stance,
    /// What the format says of the passage beyond the contract's fields: a comment's date,
    /// initials and resolved state, a revision's action (`insert`, `delete`, `move_from`,
    /// `move_to`) and date, a row's columns. Omitted when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<String, serde_json::Value>,
}

impl Passage {
    /// A passage of `kind` over `doc.text[start..end]`, with nothing attributed or tagged yet.
    pub fn new(doc: &Document, n: usize, kind: PassageKind, start: usize, end: usize) -> Passage {
        Passage {
            id: format!("{}#{}", doc.id, n),
            doc: doc.id.clone(),
            kind,
            section: Vec::new(),
            start,
            end,
            text: doc.text.get(start..end).unwrap_or_default().to_string(),
            speaker: None,
            reply_to: None,
            anchor: None,
            themes: Vec::new(),
            mentions: Vec::new(),
            voice: None,
            recommendations: Vec::new(),
            questions: Vec::new(),
            stance: Stance::default(),
            meta: BTreeMap::new(),
        }
    }
}

/// One unit of structure a reader found: a heading, a paragraph, a list item, a turn, a comment.
///
/// Blocks are the reader's output; the segmenter turns them into [`Passage`]s (ids, sections).
/// Page chrome never becomes a block.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: PassageKind,
    pub start: usize,
    pub end: usize,
    /// Heading level (1 = outermost; 0 = a title line of the document) for headings; 0 otherwise.
    pub level: u8,
    /// The speaker the format itself names (comment author, speaker label, row metadata).
    pub speaker: Option<Speaker>,
    /// For comments: the body span they are attached to.
    pub anchor: Option<(usize, usize)>,
    /// For replies: the index of the block (in the same document) they answer.
    pub reply_to: Option<usize>,
    /// Format metadata carried to [`Passage::meta`].
    pub meta: BTreeMap<String, serde_json::Value>,
}

impl Block {
    pub fn new(kind: PassageKind, start: usize, end: usize) -> Block {
        Block {
            kind,
            start,
            end,
            level: 0,
            speaker: None,
            anchor: None,
            reply_to: None,
            meta: BTreeMap::new(),
        }
    }

    pub fn heading(start: usize, end: usize, level: u8) -> Block {
        Block {
            level,
            ..Block::new(PassageKind::Heading, start, end)
        }
    }
}

/// Where in a file a [`ReadWarning`] is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line of the file, from 1 (a CSV record's: the line it starts on).
    Line(usize),
    /// An element of a JSON array, from 1 (the rows of a JSON array, the turns of a QMSum file).
    Element(usize),
    /// A comment of a Word document, by its `w:id`.
    Comment(String),
    /// A footnote or endnote of a Word document, by its `w:id`.
    Note(String),
    /// The n-th `w:comment` of a Word document's `comments.xml` (from 1), when it has no id.
    CommentNumber(usize),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::File => f.write_str("the file"),
            Place::Line(n) => write!(f, "line {n}"),
            Place::Element(n) => write!(f, "element {n}"),
            Place::Comment(id) => write!(f, "comment {id}"),
            Place::Note(id) => write!(f, "note {id}"),
            Place::CommentNumber(n) => write!(f, "comment number {n}"),
        }
    }
}

/// What a reader passed over, or could not place, in a file it otherwise read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// A line of a JSON Lines file that is not a JSON object (skipped).
    NotJsonObject { detail: String },
    /// An element of a JSON array that is not an object (skipped).
    NotAnObject { found: String },
    /// A CSV record the parser rejects (skipped).
    MalformedRecord { detail: String },
    /// A row with more cells than the header has columns: the cells past the header's last
    /// column are not read.
    ExtraCells { cells: usize, columns: usize },
    /// A row before the header row that is not a `key, value` pair (skipped).
    NotAHeaderPair,
    /// A row whose text column is empty (no contribution; skipped).
    NoText { column: String },
    /// A row whose text is longer than `limits.max_line_bytes` (skipped: one document that
    /// large would need many times its size in memory).
    RowTooLong { bytes: u64, limit: u64 },
    /// A row whose key an earlier row has: it is read under another key.
    RepeatedKey { key: String, read_as: String },
    /// Rows a preset's filter passes over, by design (moderated out, polls).
    Filtered { rows: usize, filter: String },
    /// A block of a subtitle file that is not a cue: no `start --> end` timing line (skipped).
    NotACue,
    /// A turn of a QMSum transcript that is not a `{speaker, content}` object (skipped).
    NotATurn { detail: String },
    /// A Word comment whose `w:id` an earlier comment has: read, but without an anchor, a
    /// thread or a resolved state (they are the earlier comment's).
    RepeatedCommentId { author: Option<String> },
    /// A Word comment without a `w:id`: read, but without an anchor, thread or resolved state.
    CommentWithoutId { author: Option<String> },
    /// A Word footnote or endnote whose `w:id` an earlier one has: read, after the body (the
    /// references are the earlier note's).
    RepeatedNoteId,
    /// A Word footnote or endnote without a `w:id`: read, after the body.
    NoteWithoutId,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let by = |a: &Option<String>| a.as_ref().map(|a| format!(" (by {a})")).unwrap_or_default();
        match self {
            Warning::NotJsonObject { detail } => {
                write!(f, "not a JSON object ({detail}); skipped")
            }
            Warning::NotAnObject { found } => {
                write!(f, "{found}, not a JSON object; skipped")
            }
            Warning::MalformedRecord { detail } => {
                write!(f, "a malformed CSV record ({detail}); skipped")
            }
            Warning::ExtraCells { cells, columns } => write!(
                f,
                "{cells} cells for {columns} columns (an unquoted delimiter?); the cells past the last column are not read"
            ),
            Warning::NotAHeaderPair => {
                f.write_str("a row before the header row that is not a key and a value; skipped")
            }
            Warning::NoText { column } => {
                write!(
                    f,
                    "a row without text (column {column:?} is empty); skipped"
                )
            }
            Warning::RowTooLong { bytes, limit } => write!(
                f,
                "a row whose text is {bytes} bytes long, over the limit of {limit} (limits.max_line_bytes); skipped"
            ),
            Warning::RepeatedKey { key, read_as } => {
                write!(
                    f,
                    "row key {key:?} repeats an earlier row's; read as {read_as:?}"
                )
            }
            Warning::Filtered { rows, filter } => {
                write!(f, "{rows} rows skipped by the preset's filter ({filter})")
            }
            Warning::NotACue => f.write_str("not a cue (no `start --> end` timing line); skipped"),
            Warning::NotATurn { detail } => {
                write!(f, "not a {{speaker, content}} turn ({detail}); skipped")
            }
            Warning::RepeatedCommentId { author } => write!(
                f,
                "a second comment with this id{}; read without an anchor or thread",
                by(author)
            ),
            Warning::CommentWithoutId { author } => write!(
                f,
                "a comment without an id{}; read without an anchor or thread",
                by(author)
            ),
            Warning::RepeatedNoteId => {
                f.write_str("a second note with this id; read after the body, not at a reference")
            }
            Warning::NoteWithoutId => f.write_str("a note without an id; read after the body"),
        }
    }
}

/// Something a reader passed over, or could not place, in a file it read: where, and what.
/// The file is read and its other parts are kept; the run reports each warning (stderr and
/// `run.json`) instead of dropping anything silently.
///
/// ```
/// use rapporteur::model::{Place, ReadWarning, Warning};
/// let w = ReadWarning { at: Place::Line(4), what: Warning::NotACue };
/// assert_eq!(w.to_string(), "line 4: not a cue (no `start --> end` timing line); skipped");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadWarning {
    pub at: Place,
    #[serde(flatten)]
    pub what: Warning,
}

impl std::fmt::Display for ReadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Place::File => write!(f, "{}", self.what),
            _ => write!(f, "{}: {}", self.at, self.what),
        }
    }
}

/// A document as a reader produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the path relative to the corpus root, with the extension dropped.
    pub id: String,
    /// The path as given on the command line or in the pipeline file (relative to the
    /// pipeline file's folder): as text, with U+FFFD for the bytes of a name that is not
    /// valid UTF-8 (see `path_raw`).
    pub path: String,
    /// Only for a path that is not valid UTF-8: the path with each byte outside its valid
    /// UTF-8 runs, and each `%`, written `%XX` — the exact bytes again (see [`path_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_raw: Option<String>,
    /// `text`, `markdown`, `word_export`, `docx`, …
    pub format: String,
    pub title: Option<String>,
    /// `report`, `draft`, `paper`, `notes`, `transcript`, `contribution`, …
    pub kind: String,
    /// The UTF-8 text every span points into.
    pub text: String,
    pub meta: BTreeMap<String, serde_json::Value>,
    /// What the reader passed over in the file (a table's are on its first document).
    /// Omitted from `documents.jsonl` when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ReadWarning>,
    /// Who wrote the document, as it says (see [`Author`]); omitted when nothing says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// The structure the reader found (not part of `documents.jsonl`).
    #[serde(skip)]
    pub blocks: Vec<Block>,
}

impl Document {
    /// Names the file the document was read from: `path` and, for a name that is not valid
    /// UTF-8, `path_raw` (see [`path_fields`]).
    pub fn set_path(&mut self, path: &Path) {
        (self.path, self.path_raw) = path_fields(path);
    }

    /// The file the document was read from, byte for byte (see [`path_of`]).
    pub fn source_path(&self) -> PathBuf {
        path_of(&self.path, self.path_raw.as_deref())
    }
}

/// A path as the outputs carry it: its text (U+FFFD for bytes that are not valid UTF-8) and,
/// only when it is not valid UTF-8, its raw form, each such byte and each `%` written `%XX`.
///
/// ```
/// use std::os::unix::ffi::OsStrExt;
/// use rapporteur::model::{path_fields, path_of};
/// let name = std::path::Path::new(std::ffi::OsStr::from_bytes(b"c/caf\xe9 100%.txt"));
/// let (text, raw) = path_fields(name);
/// assert_eq!(text, "c/caf\u{FFFD} 100%.txt");
/// assert_eq!(raw.as_deref(), Some("c/caf%E9 100%25.txt"));
/// assert_eq!(path_of(&text, raw.as_deref()), name);
/// assert_eq!(path_fields(std::path::Path::new("c/a.txt")), ("c/a.txt".to_string(), None));
/// ```
pub fn path_fields(path: &Path) -> (String, Option<String>) {
    let text = path.to_string_lossy();
    if let std::borrow::Cow::Borrowed(s) = text {
        return (s.to_string(), None);
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut raw = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' {
                raw.push_str("%25");
            } else {
                raw.push(c);
            }
        }
        for b in chunk.invalid() {
            raw.push_str(&format!("%{b:02X}"));
        }
    }
    (text.into_owned(), Some(raw))
}

/// The path [`path_fields`] gave `text` and `raw` for.
pub fn path_of(text: &str, raw: Option<&str>) -> PathBuf {
    let Some(raw) = raw else {
        return PathBuf::from(text);
    };
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        let hex = tail
            .get(..2)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                bytes.push(v);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    path_from_bytes(bytes)
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// What the later stages need to know of a document once its text is gone (index, outline).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInfo {
    pub id: String,
    pub path: String,
    pub format: String,
    pub title: Option<String>,
    pub kind: String,
}

impl From<&Document> for DocInfo {
    fn from(d: &Document) -> DocInfo {
        DocInfo {
            id: d.id.clone(),
            path: d.path.clone(),
            format: d.format.clone(),
            title: d.title.clone(),
            kind: d.kind.clone(),
        }
    }
}

/// A person (or anonymous contributor class) across the corpus: `participants.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub group: Option<Group>,
    /// What `group` was given on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// A declared group the organisation's name contradicts (the group is the declared one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<Mismatch>,
    /// Other spellings seen for the same person ("Michelle Woods").
    pub aliases: Vec<String>,
    /// Ids of the passages attributed to this person, in corpus order.
    pub passages: Vec<String>,
}
