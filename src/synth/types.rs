//! The outline's types: what `outline.json` holds (the contract) and what the renderers draw.
//!
//! Every object with `doc`, `start`, `end` and `text` is a verbatim slice: `text ==
//! doc.text[start..end]`. A quote with redactions (personal data, or participants' names in the
//! anonymous modes) carries no `text`: it has `display` (what people see, with `[email]`,
//! `[phone]`, `[name]` placeholders), `redactions` (the spans taken out, without their text)
//! and `parts` (the verbatim pieces between them, each `{doc, start, end, text}`), which tile
//! `start..end` together with the redactions. Counts are plain numbers that `verify` recomputes
//! from `passages.jsonl`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Group, Speaker};

/// How the outline is organised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// One section per theme of the taxonomy (the default).
    #[default]
    Theme,
    /// One section per top-level heading of the documents (e.g. the intervals of an
    /// e-consultation); passages before any heading go to their document's opening section.
    Section,
    /// One section per question posed (a question column of a row source, or a question line
    /// of a document); passages are assigned to the question they answer.
    Question,
}

impl By {
    pub fn as_str(self) -> &'static str {
        match self {
            By::Theme => "theme",
            By::Section => "section",
            By::Question => "question",
        }
    }
}

/// How speakers are named in the outline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// "Andy Orsmond, International Code of Conduct Association" (the default).
    #[default]
    Named,
    /// "one participant": no name, organisation or group (Chatham House style).
    Anonymous,
    /// "a civil-society participant": the stakeholder group only.
    Group,
}

impl Attribution {
    pub fn as_str(self) -> &'static str {
        match self {
            Attribution::Named => "named",
            Attribution::Anonymous => "anonymous",
            Attribution::Group => "group",
        }
    }

    /// True when no participant name may appear in the outline.
    pub fn hides_names(self) -> bool {
        self != Attribution::Named
    }
}

/// What [`super::build`] puts in an outline; recorded in `outline.json` so that `verify` can
/// recount with the same settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutlineOptions {
    pub by: By,
    pub attribution: Attribution,
    /// Redact personal data (email addresses, phone numbers) in every rendering (default true).
    pub redact: bool,
    /// Key points (quotes) per section (default 3).
    pub max_quotes: usize,
    /// Merged recommendations per section (default 8).
    pub max_recommendations: usize,
    /// Points of disagreement per section (default 4).
    pub max_disagreements: usize,
    /// Minority views per section (default 3).
    pub max_minority: usize,
    /// Open questions per section (default 5).
    pub max_questions: usize,
    /// Reviewers' comments per section (default 5).
    pub max_comments: usize,
    /// Near-identical submissions (or copied passages) in at least this many documents make a
    /// campaign (default 3).
    pub min_campaign: usize,
}

impl Default for OutlineOptions {
    fn default() -> OutlineOptions {
        OutlineOptions {
            by: By::Theme,
            attribution: Attribution::Named,
            redact: true,
            max_quotes: 3,
            max_recommendations: 12,
            max_disagreements: 6,
            max_minority: 3,
            max_questions: 5,
            max_comments: 5,
            min_campaign: 3,
        }
    }
}

/// The synthesis outline: `outline.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    pub options: OutlineOptions,
    pub overview: Overview,
    /// Near-identical submissions and copied passages, largest first.
    pub campaigns: Vec<Campaign>,
    pub sections: Vec<Section>,
    /// Proposed edits: the tracked changes of each draft, by reviewer and by paragraph.
    #[serde(default)]
    pub edits: Vec<DraftEdits>,
    /// Every passage a quote of the outline comes from, whole, in corpus order: the "in
    /// context" view the HTML report links to.
    pub context: Vec<Quote>,
}

/// What a tracked change does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditAction {
    Insert,
    Delete,
    /// Moved away from here.
    MoveFrom,
    /// Moved here.
    MoveTo,
}

impl EditAction {
    /// "inserted", "deleted", "moved away", "moved here".
    pub fn label(self) -> &'static str {
        match self {
            EditAction::Insert => "inserted",
            EditAction::Delete => "deleted",
            EditAction::MoveFrom => "moved away",
            EditAction::MoveTo => "moved here",
        }
    }
}

/// The tracked changes of one draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftEdits {
    pub doc: String,
    /// The document's title, or its path.
    pub source: String,
    /// Tracked changes in all.
    pub edits: usize,
    /// Who changed what, most edits first.
    pub reviewers: Vec<ReviewerEdits>,
    /// The changes per paragraph of the draft, in reading order.
    pub paragraphs: Vec<ParagraphEdits>,
}

/// One reviewer's tracked changes in a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerEdits {
    /// As the edits' quotes attribute them.
    pub reviewer: String,
    pub edits: usize,
    pub inserted: usize,
    pub deleted: usize,
    /// Moves away and moves here.
    pub moved: usize,
    /// The first and last date of their changes, when dated.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The tracked changes of one paragraph (heading, list item, note, comment) of a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParagraphEdits {
    /// The passage they change (absent for changes before the first one).
    pub passage: Option<String>,
    /// Its section headings joined with " › ".
    pub section: String,
    pub edits: Vec<Edit>,
}

/// One tracked change, its words verbatim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub action: EditAction,
    /// `YYYY-MM-DD`, when dated.
    pub date: Option<String>,
    #[serde(flatten)]
    pub quote: Quote,
}

impl Outline {
    /// Every document id in the outline replaced by `rename(id)` where it gives one, in quotes,
    /// their parts, passage ids (`<doc>#<n>`), recommendations' members and campaigns'
    /// documents: how the anonymous modes put neutral ids in place of ids that name someone,
    /// and how `verify` puts the real ones back.
    pub fn rename_documents(&mut self, rename: &dyn Fn(&str) -> Option<String>) {
        let passage = |id: &mut String| {
            if let Some((doc, n)) = id.rsplit_once('#')
                && let Some(new) = rename(doc)
            {
                *id = format!("{new}#{n}");
            }
        };
        let quote = |q: &mut Quote| {
            if let Some(new) = rename(&q.doc) {
                q.doc = new;
            }
            passage(&mut q.passage);
            for part in &mut q.verbatim.parts {
                if let Some(new) = rename(&part.doc) {
                    part.doc = new;
                }
            }
        };
        for c in &mut self.campaigns {
            for d in &mut c.documents {
                if let Some(new) = rename(d) {
                    *d = new;
                }
            }
            quote(&mut c.example);
        }
        for s in &mut self.sections {
            s.question.iter_mut().for_each(quote);
            s.quotes.iter_mut().for_each(quote);
            for r in &mut s.recommendations {
                quote(&mut r.quote);
                r.members.iter_mut().for_each(passage);
            }
            for d in &mut s.disagreements {
                d.point.iter_mut().for_each(quote);
                quote(&mut d.reply);
            }
            s.minority.iter_mut().for_each(|m| quote(&mut m.quote));
            s.questions.iter_mut().for_each(quote);
            s.comments.iter_mut().for_each(quote);
            s.also.iter_mut().for_each(|a| passage(&mut a.passage));
        }
        for d in &mut self.edits {
            if let Some(new) = rename(&d.doc) {
                d.doc = new;
            }
            for p in &mut d.paragraphs {
                p.passage.iter_mut().for_each(passage);
                p.edits.iter_mut().for_each(|e| quote(&mut e.quote));
            }
        }
        self.context.iter_mut().for_each(quote);
    }
}

/// Corpus-wide counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// Documents with at least one passage.
    pub documents: usize,
    /// All passages, headings included.
    pub passages: usize,
    /// Passages per kind (`paragraph`, `comment`, …).
    pub kinds: BTreeMap<String, usize>,
    /// Named participants (as in `participants.json`).
    pub participants: usize,
    /// Named participants per stakeholder group id, `"unknown"` when their group is not known.
    pub participants_by_group: BTreeMap<String, usize>,
    /// Passages by anonymous contributors ("one contributor noted").
    pub anonymous_passages: usize,
    /// Passages per voice group id, `"unknown"` for no voice.
    pub voices: BTreeMap<String, usize>,
    /// Passages that take a position, per voice group id (`"unknown"` for no voice); groups
    /// whose passages take none are left out.
    #[serde(default)]
    pub stances: BTreeMap<String, StanceCounts>,
    /// The dates found in passage metadata (comment dates, row dates), when any.
    pub dates: Option<DateRange>,
    /// Submissions and campaigns.
    pub submissions: Submissions,
    /// Themes with at least one non-heading passage.
    pub themes: usize,
    /// Themes in the taxonomy.
    pub taxonomy_themes: usize,
    /// Sections of the outline.
    pub sections: usize,
    /// How much of the corpus the outline quotes or counts.
    #[serde(default)]
    pub coverage: Coverage,
}

/// "412 of 480 passages counted in a section, 118 with no theme; 96 quoted", in all and per
/// source file. Every non-heading passage is counted in a section (those no theme matches under
/// "Not covered by the taxonomy").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Non-heading passages: what the sections count.
    pub passages: usize,
    /// Of those, the passages no theme matches.
    pub no_theme: usize,
    /// Passages the outline quotes (any part of), in a section or as a campaign's example.
    pub quoted: usize,
    /// The same per source file, in path order.
    pub sources: Vec<SourceCoverage>,
}

/// The coverage of one source file (a document, or a table of contributions).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceCoverage {
    /// The file's path, as the run saw it (redacted like document ids).
    pub source: String,
    /// Documents read from it (rows of a table).
    pub documents: usize,
    pub passages: usize,
    pub no_theme: usize,
    pub quoted: usize,
}

/// How many passages support, oppose, or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceCounts {
    pub supports: usize,
    pub opposes: usize,
    pub mixed: usize,
}

/// The earliest and latest date seen (ISO `YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub from: String,
    pub to: String,
    /// Passages with a readable date.
    pub dated_passages: usize,
}

/// "1,204 submissions, 3 campaigns, 812 unique".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submissions {
    /// Documents (each file, or each row of a contributions table).
    pub submissions: usize,
    /// Form-letter campaigns: groups of near-identical submissions.
    pub campaigns: usize,
    /// Submissions that belong to a form-letter campaign.
    pub in_campaigns: usize,
    /// Submissions in no campaign.
    pub unique: usize,
    /// Passages copied into several submissions that are otherwise their own.
    pub copied_texts: usize,
}

/// What kind of repetition a campaign is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignKind {
    /// Whole submissions that are near-identical.
    FormLetter,
    /// A passage copied into several submissions.
    CopiedText,
}

/// A group of near-identical submissions or passages, shown once with its count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// `campaign-1`, … (largest first).
    pub id: String,
    pub kind: CampaignKind,
    /// Submissions (documents) that carry it.
    pub submissions: usize,
    /// Their ids, in corpus order.
    pub documents: Vec<String>,
    /// Passages that are copies of it.
    pub passages: usize,
    /// Those passages per voice group id (`"unknown"` for no voice).
    pub voices: BTreeMap<String, usize>,
    /// A verbatim example (the first copy).
    pub example: Quote,
}

/// One section of the outline: a theme, a heading of the documents, or a question posed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Theme id; `section-N` or `question-N` for the other structures.
    pub id: String,
    pub label: String,
    /// The question as posed, verbatim (sections of an outline by question).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Quote>,
    /// Non-heading passages in the section.
    pub passages: usize,
    /// The same with near-identical copies counted once.
    pub distinct: usize,
    /// Documents those passages come from.
    pub documents: usize,
    /// Passages per voice group id, `"unknown"` for no voice; zero counts left out.
    pub voices: BTreeMap<String, usize>,
    /// Named participants heard, per voice group id of their passages (`"unknown"` for no
    /// voice): who, of the passages counted in `voices`, is a named person.
    pub participants: BTreeMap<String, usize>,
    /// Groups heard elsewhere in the corpus but not in this section.
    pub silent: Vec<Group>,
    /// Key points: verbatim quotes chosen for centrality and diversity.
    pub quotes: Vec<Quote>,
    /// Distinct recommendations (near-duplicates merged) before the cut to `recommendations`.
    pub recommendations_total: usize,
    pub recommendations: Vec<RecommendationItem>,
    pub disagreements: Vec<Disagreement>,
    /// Points raised by one stakeholder group only.
    pub minority: Vec<MinorityView>,
    /// Questions participants raised and left open.
    pub questions: Vec<Quote>,
    /// Reviewers' comments on the text of the section's passages.
    pub comments: Vec<Quote>,
    /// Campaign copies among the section's passages.
    pub campaigns: Vec<CampaignShare>,
    /// Items of this section's passages printed in another section, where they fit best
    /// ("also under Trust and relationships"): each quote is printed once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<AlsoUnder>,
}

impl Section {
    /// Every quote the section prints: key points, recommendations, both sides of each
    /// disagreement, minority views, open questions, comments (not the posed question).
    pub fn printed(&self) -> Vec<&Quote> {
        let mut all: Vec<&Quote> = self.quotes.iter().collect();
        all.extend(self.recommendations.iter().map(|r| &r.quote));
        for d in &self.disagreements {
            all.extend(d.point.iter());
            all.push(&d.reply);
        }
        all.extend(self.minority.iter().map(|m| &m.quote));
        all.extend(self.questions.iter());
        all.extend(self.comments.iter());
        all
    }
}

/// What a section prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    KeyPoint,
    Recommendation,
    Disagreement,
    Minority,
    Question,
    Comment,
}

impl ItemKind {
    /// "a key point", "a recommendation", ….
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::KeyPoint => "a key point",
            ItemKind::Recommendation => "a recommendation",
            ItemKind::Disagreement => "a point of disagreement",
            ItemKind::Minority => "a minority view",
            ItemKind::Question => "an open question",
            ItemKind::Comment => "a reviewer's comment",
        }
    }
}

/// A reference to an item printed in another section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlsoUnder {
    /// The id of the section that prints it.
    pub section: String,
    /// That section's label.
    pub label: String,
    pub kind: ItemKind,
    /// The passage it quotes (a disagreement: its reply).
    pub passage: String,
    /// Who it is by, as the quote attributes it.
    pub attribution: String,
}

/// How many of a section's passages are copies of a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignShare {
    pub campaign: String,
    pub passages: usize,
}

/// A verbatim excerpt with its source (see the module doc for redacted quotes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub doc: String,
    /// The id of the passage it comes from.
    pub passage: String,
    pub start: usize,
    pub end: usize,
    #[serde(flatten)]
    pub verbatim: Verbatim,
    /// The speaker (anonymised in the anonymous and group modes).
    pub speaker: Option<Speaker>,
    /// For people: "Name, Organisation", "one participant", "a civil-society participant".
    pub attribution: String,
    /// The document's title, or its path.
    pub source: String,
    /// The passage's section headings joined with " › ".
    pub section: String,
    /// True when an over-long sentence was cut short (renderers add "…").
    #[serde(default)]
    pub truncated: bool,
    /// Near-identical copies of this text in the section (1 when unique).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub copies: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

impl Quote {
    /// What people see: the verbatim text, or the redacted display text.
    pub fn shown(&self) -> &str {
        self.verbatim.shown()
    }
}

/// A quote's words: verbatim, or redacted with the verbatim parts kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verbatim {
    /// The exact slice `doc.text[start..end]`, when nothing is redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The text with each redaction replaced by its placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redactions: Vec<Redaction>,
    /// The verbatim pieces between the redactions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

impl Verbatim {
    pub fn shown(&self) -> &str {
        self.text
            .as_deref()
            .or(self.display.as_deref())
            .unwrap_or_default()
    }
}

/// A span taken out of a quote (its text is not kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    pub start: usize,
    pub end: usize,
    pub kind: RedactionKind,
}

/// What a redaction hid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedactionKind {
    Email,
    Phone,
    /// A bank account (IBAN) or payment card number.
    Account,
    Name,
}

impl RedactionKind {
    /// The placeholder shown instead of the span.
    pub fn placeholder(self) -> &'static str {
        match self {
            RedactionKind::Email => "[email]",
            RedactionKind::Phone => "[phone]",
            RedactionKind::Account => "[account]",
            RedactionKind::Name => "[name]",
        }
    }
}

/// A verbatim piece of a redacted quote: `text == doc.text[start..end]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A recommendation, with its near-duplicates merged into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecommendationItem {
    /// The best-ranked wording, verbatim.
    #[serde(flatten)]
    pub quote: Quote,
    /// The words that make it a recommendation ("should", "we recommend").
    pub cue: String,
    /// The groups it is addressed to.
    pub addressee: Vec<Group>,
    /// Who raised it (this wording and its near-duplicates).
    pub raised_by: RaisedBy,
    /// The ids of the passages that raise it, in corpus order.
    pub members: Vec<String>,
    /// The meeting agreed it ("The meeting agreed that …"): shown whatever the section's
    /// limit, first.
    #[serde(default)]
    pub agreed: bool,
    /// Passages anywhere in the corpus, none of its members, whose stance supports what it
    /// proposes (the stance's object shares its words), and those whose stance opposes it.
    #[serde(default)]
    pub supporters: Stand,
    #[serde(default)]
    pub opposers: Stand,
}

/// Who takes a side on a recommendation: the passages, their named participants and groups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stand {
    /// Passage ids, in corpus order.
    pub passages: Vec<String>,
    /// Distinct named participants among them.
    pub participants: usize,
    /// Their voice groups, in contract order.
    pub groups: Vec<Group>,
}

/// "raised by 6 participants from 3 groups".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaisedBy {
    pub passages: usize,
    pub documents: usize,
    /// Distinct named participants.
    pub participants: usize,
    /// Voice groups of those passages, in contract order.
    pub groups: Vec<Group>,
}

/// What makes a point of disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// A comment that pushes back on the text it annotates or on an earlier comment.
    Reply,
    /// A turn of a transcript or notes that pushes back on the turn it answers, by someone else.
    Answer,
    /// Support and opposition of the same object from different speakers or groups.
    Stance,
    /// The text's own statement that views divided ("No consensus", "participants were
    /// divided").
    Division,
}

/// A point where views differ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub kind: DisagreementKind,
    /// The words that signal it ("and yet", "however", "oppose").
    pub cue: String,
    /// One line for people: who pushes back on what.
    pub summary: String,
    /// What is disputed (the annotated text, the earlier comment, the other side).
    pub point: Option<Quote>,
    /// The pushback.
    pub reply: Quote,
    /// The stakeholder groups on either side, when known.
    pub groups: Vec<Group>,
}

/// A point raised by one stakeholder group only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinorityView {
    pub group: Group,
    pub quote: Quote,
}
