//! The index schema: one tantivy document per passage.
//!
//! | field | kind | what |
//! |---|---|---|
//! | `text` | analysed, positions, stored | the passage text, when its document is in English or of undetermined language |
//! | `text_<code>` | analysed in that language, positions | the passage text, when its document is in that language (`text_es`, `text_fr`, … one per rust-stemmers language but English) |
//! | `text_plain` | analysed without stemming, positions | the passage text, when its document's language has no stemmer (Chinese, Japanese, Korean, …) |
//! | `lang` | exact, fast, stored | the document's language code (`en`, `es`, `zh`, `und`), as [`crate::tag::language`] tells it from its passages |
//! | `section` | analysed, positions | the headings above the passage, one value each |
//! | `speaker` | analysed, positions | the speaker's name, for `speaker:orsmond` |
//! | `speaker_name` | exact, fast | the speaker's name as written, for the speaker filter |
//! | `organisation` | exact, fast | the speaker's organisation |
//! | `theme` | exact, fast | one value per theme id of the passage |
//! | `voice`, `kind`, `doc` | exact, fast | contract ids (`civil_society`, `bullet`, `seeds/004_…`) |
//! | `stance` | exact, fast | the passage's position: `supports`, `opposes`, `mixed` or `neutral` |
//! | `recommendation` | bool, fast | the passage makes at least one recommendation |
//! | `seq` | u64, fast, stored | the passage's position in the corpus order it was written in |
//! | `json`, `doc_json` | stored | the whole [`Passage`] and its [`DocInfo`], as JSON |

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{ANALYZER, Lang, PLAIN_ANALYZER};
use crate::model::{Passage, Speaker};
use crate::tag::language::UNDETERMINED;

pub(crate) const TEXT: &str = "text";
pub(crate) const SECTION: &str = "section";
pub(crate) const SPEAKER: &str = "speaker";
pub(crate) const SPEAKER_NAME: &str = "speaker_name";
pub(crate) const ORGANISATION: &str = "organisation";
pub(crate) const THEME: &str = "theme";
pub(crate) const VOICE: &str = "voice";
pub(crate) const KIND: &str = "kind";
pub(crate) const DOC: &str = "doc";
pub(crate) const STANCE: &str = "stance";
pub(crate) const RECOMMENDATION: &str = "recommendation";
pub(crate) const SEQ: &str = "seq";
pub(crate) const JSON: &str = "json";
pub(crate) const DOC_JSON: &str = "doc_json";
pub(crate) const LANG: &str = "lang";
pub(crate) const TEXT_PLAIN: &str = "text_plain";

/// The fields a query can name (`theme:trust`, `speaker:woods`), for error messages.
pub(crate) const SEARCHABLE: [&str; 14] = [
    TEXT,
    SECTION,
    SPEAKER,
    SPEAKER_NAME,
    ORGANISATION,
    THEME,
    VOICE,
    KIND,
    DOC,
    STANCE,
    RECOMMENDATION,
    SEQ,
    LANG,
    "text_<language code>",
];

/// The fields of the schema, resolved once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub text: Field,
    pub section: Field,
    pub speaker: Field,
    pub speaker_name: Field,
    pub organisation: Field,
    pub theme: Field,
    pub voice: Field,
    pub kind: Field,
    pub doc: Field,
    pub stance: Field,
    pub recommendation: Field,
    pub seq: Field,
    pub json: Field,
    pub doc_json: Field,
    pub lang: Field,
    pub text_plain: Field,
    /// The text field of each language, by [`Lang`] order; English's is `text`.
    pub text_in: [Field; Lang::ALL.len()],
}

impl Fields {
    /// The text field passages of a document in `language` (a code) are indexed in.
    pub fn text_for(&self, language: Option<&str>) -> Field {
        match language {
            None => self.text,
            Some(code) if code == UNDETERMINED => self.text,
            Some(code) => match Lang::from_code(code) {
                Some(lang) => self.text_in[lang as usize],
                None => self.text_plain,
            },
        }
    }
}

/// The name of the text field of `lang`: `text` for English, `text_<code>` otherwise.
pub(crate) fn text_field_name(lang: Lang) -> String {
    if lang == Lang::English {
        TEXT.to_string()
    } else {
        format!("{TEXT}_{}", lang.code())
    }
}

/// Text analysed with the shared analyzer, with positions for phrase queries.
fn analysed() -> TextOptions {
    analysed_with(ANALYZER)
}

/// Text analysed with the analyzer registered as `analyzer`, with positions.
fn analysed_with(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// The schema of a rapporteur index. An index whose schema differs was not written by this
/// version and is refused rather than misread.
pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = b.add_text_field(TEXT, analysed().set_stored());
    let text_in = Lang::ALL.map(|lang| {
        if lang == Lang::English {
            text
        } else {
            b.add_text_field(&text_field_name(lang), analysed_with(lang.analyzer_name()))
        }
    });
    let fields = Fields {
        text,
        section: b.add_text_field(SECTION, analysed()),
        speaker: b.add_text_field(SPEAKER, analysed()),
        speaker_name: b.add_text_field(SPEAKER_NAME, STRING | FAST),
        organisation: b.add_text_field(ORGANISATION, STRING | FAST),
        theme: b.add_text_field(THEME, STRING | FAST),
        voice: b.add_text_field(VOICE, STRING | FAST),
        kind: b.add_text_field(KIND, STRING | FAST),
        doc: b.add_text_field(DOC, STRING | FAST),
        stance: b.add_text_field(STANCE, STRING | FAST),
        recommendation: b.add_bool_field(RECOMMENDATION, INDEXED | FAST),
        seq: b.add_u64_field(SEQ, INDEXED | FAST | STORED),
        json: b.add_text_field(JSON, STORED),
        doc_json: b.add_text_field(DOC_JSON, STORED),
        lang: b.add_text_field(LANG, STRING | FAST | STORED),
        text_plain: b.add_text_field(TEXT_PLAIN, analysed_with(PLAIN_ANALYZER)),
        text_in,
    };
    (b.build(), fields)
}

/// The tantivy document of the `seq`-th passage; `doc_json` is its document's [`DocInfo`]
/// serialised once by the caller, `language` its document's language code (the text goes
/// into that language's text field).
///
/// [`DocInfo`]: crate::model::DocInfo
pub(crate) fn to_document(
    f: &Fields,
    seq: u64,
    p: &Passage,
    doc_json: &str,
    language: Option<&str>,
) -> Result<TantivyDocument, serde_json::Error> {
    let mut d = TantivyDocument::default();
    d.add_text(f.text_for(language), &p.text);
    d.add_text(f.lang, language.unwrap_or(UNDETERMINED));
    for heading in &p.section {
        d.add_text(f.section, heading);
    }
    if let Some(Speaker {
        name, organisation, ..
    }) = &p.speaker
    {
        if let Some(name) = name {
            d.add_text(f.speaker, name);
            d.add_text(f.speaker_name, name);
        }
        if let Some(org) = organisation {
            d.add_text(f.organisation, org);
        }
    }
    for theme in &p.themes {
        d.add_text(f.theme, &theme.id);
    }
    if let Some(voice) = p.voice {
        d.add_text(f.voice, voice.as_str());
    }
    d.add_text(f.kind, p.kind.as_str());
    d.add_text(f.doc, &p.doc);
    d.add_text(f.stance, p.stance.position.as_str());
    d.add_bool(f.recommendation, !p.recommendations.is_empty());
    d.add_u64(f.seq, seq);
    d.add_text(f.json, serde_json::to_string(p)?);
    d.add_text(f.doc_json, doc_json);
    Ok(d)
}
