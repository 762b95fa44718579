//! Tokens and stems: the one analyzer shared by the theme tagger and the tantivy index.
//!
//! A token is a maximal run of alphanumeric characters (Unicode), lowercased, except that every
//! Chinese character and Japanese kana is a token of its own (those scripts put no space between
//! words, so a run would be a whole clause). A token's stem comes from [`rust_stemmers`]
//! (Snowball) in the language of its document ([`Lang`]; English unless said otherwise),
//! memoised per thread and language (an inline front table of frequent words before a hash
//! map; [`stem_into`] appends a stem without allocating): every word is stemmed twice, by the
//! tagger and by the index, and most words are frequent ones. The index
//! registers one analyzer per language ([`text_analyzer_in`]) built from the same tokenizer and
//! [`StemFilter`], so a term the tagger matches and a term the index finds are stemmed by the
//! same code: "consultations" and "consultation" both become `consult`, "consultas" and
//! "consulta" (Spanish) both `consult`.
//!
//! ```
//! use rapporteur::analysis::{Lang, stem, stem_in, tokens};
//! let words: Vec<String> = tokens("Building trust, built on Consultations.")
//!     .map(|t| stem(&t.lower))
//!     .collect();
//! assert_eq!(words, ["build", "trust", "built", "on", "consult"]);
//! assert_eq!(stem_in(Lang::Spanish, "participación"), stem_in(Lang::Spanish, "participaciones"));
//! let han: Vec<String> = tokens("唐鳳說：開放").map(|t| t.lower).collect();
//! assert_eq!(han, ["唐", "鳳", "說", "開", "放"]);
//! ```

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The name the index registers the English analyzer under.
pub const ANALYZER: &str = "rapporteur_en";
/// The name of the analyzer for text in a language without a stemmer (Chinese, Japanese,
/// Korean, …): the same tokens, lowercased, not stemmed.
pub const PLAIN_ANALYZER: &str = "rapporteur_plain";

/// A language rust-stemmers has a Snowball stemmer for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    Arabic,
    Danish,
    Dutch,
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Lang {
    /// Every language with a stemmer, in declaration order.
    pub const ALL: [Lang; 18] = [
        Lang::Arabic,
        Lang::Danish,
        Lang::Dutch,
        Lang::English,
        Lang::Finnish,
        Lang::French,
        Lang::German,
        Lang::Greek,
        Lang::Hungarian,
        Lang::Italian,
        Lang::Norwegian,
        Lang::Portuguese,
        Lang::Romanian,
        Lang::Russian,
        Lang::Spanish,
        Lang::Swedish,
        Lang::Tamil,
        Lang::Turkish,
    ];

    /// The ISO 639-1 code (`en`, `es`, …).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Arabic => "ar",
            Lang::Danish => "da",
            Lang::Dutch => "nl",
            Lang::English => "en",
            Lang::Finnish => "fi",
            Lang::French => "fr",
            Lang::German => "de",
            Lang::Greek => "el",
            Lang::Hungarian => "hu",
            Lang::Italian => "it",
            Lang::Norwegian => "no",
            Lang::Portuguese => "pt",
            Lang::Romanian => "ro",
            Lang::Russian => "ru",
            Lang::Spanish => "es",
            Lang::Swedish => "sv",
            Lang::Tamil => "ta",
            Lang::Turkish => "tr",
        }
    }

    /// The language of an ISO 639-1 code, when it has a stemmer.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The name the index registers this language's analyzer under (`rapporteur_es`).
    pub fn analyzer_name(self) -> &'static str {
        match self {
            Lang::Arabic => "rapporteur_ar",
            Lang::Danish => "rapporteur_da",
            Lang::Dutch => "rapporteur_nl",
            Lang::English => ANALYZER,
            Lang::Finnish => "rapporteur_fi",
            Lang::French => "rapporteur_fr",
            Lang::German => "rapporteur_de",
            Lang::Greek => "rapporteur_el",
            Lang::Hungarian => "rapporteur_hu",
            Lang::Italian => "rapporteur_it",
            Lang::Norwegian => "rapporteur_no",
            Lang::Portuguese => "rapporteur_pt",
            Lang::Romanian => "rapporteur_ro",
            Lang::Russian => "rapporteur_ru",
            Lang::Spanish => "rapporteur_es",
            Lang::Swedish => "rapporteur_sv",
            Lang::Tamil => "rapporteur_ta",
            Lang::Turkish => "rapporteur_tr",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Lang::Arabic => Algorithm::Arabic,
            Lang::Danish => Algorithm::Danish,
            Lang::Dutch => Algorithm::Dutch,
            Lang::English => Algorithm::English,
            Lang::Finnish => Algorithm::Finnish,
            Lang::French => Algorithm::French,
            Lang::German => Algorithm::German,
            Lang::Greek => Algorithm::Greek,
            Lang::Hungarian => Algorithm::Hungarian,
            Lang::Italian => Algorithm::Italian,
            Lang::Norwegian => Algorithm::Norwegian,
            Lang::Portuguese => Algorithm::Portuguese,
            Lang::Romanian => Algorithm::Romanian,
            Lang::Russian => Algorithm::Russian,
            Lang::Spanish => Algorithm::Spanish,
            Lang::Swedish => Algorithm::Swedish,
            Lang::Tamil => Algorithm::Tamil,
            Lang::Turkish => Algorithm::Turkish,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A token of a text: its byte span and its lowercased form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// True for a character of a script written without spaces between words: Chinese characters
/// (CJK unified ideographs and their extensions, compatibility ideographs) and Japanese kana.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
            | '\u{31F0}'..='\u{31FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FF9F}'
            | '\u{20000}'..='\u{2FA1F}')
}

/// True for a combining mark that belongs to the letter before it but is not itself a letter
/// to `char::is_alphanumeric`: a virama (Devanagari "शर्मा" is one word, not "शर" and "मा"), an
/// accent written apart from its letter (decomposed "é"), a Thai vowel or tone mark.
pub fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0900}'..='\u{0903}'
            | '\u{093A}'..='\u{094F}'
            | '\u{0951}'..='\u{0957}'
            | '\u{0962}'..='\u{0963}'
            | '\u{0981}'..='\u{0983}'
            | '\u{09BC}'..='\u{09CD}'
            | '\u{0A01}'..='\u{0A03}'
            | '\u{0A3C}'..='\u{0A4D}'
            | '\u{0A81}'..='\u{0A83}'
            | '\u{0ABC}'..='\u{0ACD}'
            | '\u{0B01}'..='\u{0B03}'
            | '\u{0B3C}'..='\u{0B4D}'
            | '\u{0B82}'
            | '\u{0BBE}'..='\u{0BCD}'
            | '\u{0C00}'..='\u{0C04}'
            | '\u{0C3C}'..='\u{0C4D}'
            | '\u{0C81}'..='\u{0C83}'
            | '\u{0CBC}'..='\u{0CCD}'
            | '\u{0D00}'..='\u{0D03}'
            | '\u{0D3B}'..='\u{0D4D}'
            | '\u{0D81}'..='\u{0D83}'
            | '\u{0DCA}'..='\u{0DDF}'
            | '\u{0E31}'
            | '\u{0E34}'..='\u{0E3A}'
            | '\u{0E47}'..='\u{0E4E}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}')
}

/// The byte span of the first token of `text` at or after byte `pos` (`None` past the end or
/// off a character boundary). ASCII is read byte by byte; other characters are decoded.
fn next_token(text: &str, pos: usize) -> Option<(usize, usize)> {
    if !text.is_char_boundary(pos) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut i = pos;
    // Skip to the first alphanumeric character; `i` goes past it.
    let (start, mut i) = loop {
        let &b = bytes.get(i)?;
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                break (i, i + 1);
            }
            i += 1;
        } else {
            let c = text.get(i..)?.chars().next()?;
            let next = i + c.len_utf8();
            if c.is_alphanumeric() {
                if is_cjk(c) {
                    return Some((i, next));
                }
                break (i, next);
            }
            i = next;
        }
    };
    // Extend over alphanumeric characters, stopping before a Chinese character or kana.
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
        } else {
            let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            if !(c.is_alphanumeric() || is_mark(c)) || is_cjk(c) {
                break;
            }
            i += c.len_utf8();
        }
    }
    Some((start, i))
}

/// The byte spans of the tokens of `text` (as [`tokens`] gives them), without lowercasing
/// anything: for counting words or looking at a few of them.
pub fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_token(text, pos)?;
        pos = end;
        Some((start, end))
    })
}

/// `raw` lowercased into `buf` (cleared first), as [`tokens`] lowercases a token: the same
/// string as its `lower`, without allocating for ASCII words.
pub fn lower_into(raw: &str, buf: &mut String) {
    buf.clear();
    if raw.is_ascii() {
        buf.push_str(raw);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&raw.to_lowercase());
    }
}

/// `raw` lowercased (ASCII fast path).
fn lowercase(raw: &str) -> String {
    if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        raw.to_lowercase()
    }
}

/// The tokens of `text`: maximal runs of alphanumeric characters (each Chinese character or
/// kana on its own), lowercased, with byte spans.
pub fn tokens(text: &str) -> impl Iterator<Item = Tok> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_token(text, pos)?;
        pos = end;
        Some(Tok {
            start,
            end,
            lower: lowercase(&text[start..end]),
        })
    })
}

/// Words longer than this are not stemmed (nor cached): they are ids, URLs, noise.
const MAX_STEM_LEN: usize = 40;
/// A thread's cache for one language is cleared when it reaches this many entries, bounding
/// memory.
const CACHE_CAP: usize = 200_000;

/// Slots of a memo's front table, in sets of two (a word may sit in either slot of its set;
/// the one found or put last goes first). Each slot holds a word and its stem inline (both up
/// to [`INLINE`] bytes), so the frequent words are answered from one cache line, without
/// following a pointer to a key and another to a value (the memo's hash map, behind it,
/// showed as cache misses in the profile of tagging and indexing). On the 66k contributions
/// (2.2 million tokens, 96,000 distinct words) the front answers about nine tokens in ten.
const FRONT: usize = 16_384;
/// The longest word (and stem) a front slot holds inline.
const INLINE: usize = 15;

/// One front slot: `key` and `stem` inline; `klen == 0` for an empty slot.
#[derive(Clone, Copy, Default)]
struct Slot {
    klen: u8,
    slen: u8,
    key: [u8; INLINE],
    stem: [u8; INLINE],
}

/// A language's stemmer and its memo: a direct-mapped front table of short words, then a hash
/// map of every word met (cleared at [`CACHE_CAP`] entries).
struct Memo {
    stemmer: Stemmer,
    front: Vec<Slot>,
    cache: HashMap<Box<str>, Box<str>, FxBuild>,
}

impl Memo {
    fn new(lang: Lang) -> Memo {
        Memo {
            stemmer: Stemmer::create(lang.algorithm()),
            front: vec![Slot::default(); FRONT],
            cache: HashMap::default(),
        }
    }

    /// Appends the stem of `lower` to `out`.
    fn stem_into(&mut self, lower: &str, out: &mut String) {
        let mut h = FxHasher::default();
        std::hash::Hasher::write(&mut h, lower.as_bytes());
        let set = 2 * ((std::hash::Hasher::finish(&h) >> 32) as usize % (FRONT / 2));
        for way in 0..2 {
            let slot = self.front[set + way];
            if slot.klen != 0 && slot.key.get(..usize::from(slot.klen)) == Some(lower.as_bytes()) {
                if let Some(stem) = slot
                    .stem
                    .get(..usize::from(slot.slen))
                    .and_then(|b| std::str::from_utf8(b).ok())
                {
                    out.push_str(stem);
                    if way == 1 {
                        self.front.swap(set, set + 1);
                    }
                    return;
                }
            }
        }
        if !self.cache.contains_key(lower) {
            if self.cache.len() >= CACHE_CAP {
                self.cache.clear();
            }
            let stem: Box<str> = Box::from(self.stemmer.stem(lower).as_ref());
            self.cache.insert(Box::from(lower), stem);
        }
        let Some(stem) = self.cache.get(lower) else {
            out.push_str(lower);
            return;
        };
        out.push_str(stem);
        if (1..=INLINE).contains(&lower.len()) && stem.len() <= INLINE {
            let mut slot = Slot {
                klen: lower.len() as u8,
                slen: stem.len() as u8,
                ..Slot::default()
            };
            slot.key[..lower.len()].copy_from_slice(lower.as_bytes());
            slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
            self.front[set + 1] = self.front[set];
            self.front[set] = slot;
        }
    }
}

thread_local! {
    static STEMMERS: RefCell<Vec<Option<Memo>>> =
        RefCell::new((0..Lang::ALL.len()).map(|_| None).collect());
}

/// The English stem of a lowercased word, memoised.
pub fn stem(lower: &str) -> String {
    stem_in(Lang::English, lower)
}

/// The stem of a lowercased word in `lang`, memoised per thread and language.
pub fn stem_in(lang: Lang, lower: &str) -> String {
    let mut out = String::new();
    stem_into(lang, lower, &mut out);
    out
}

/// Appends the stem of a lowercased word in `lang` to `out`: [`stem_in`] without allocating.
/// The hot paths (the tagger's analysis of every passage, the index's analyzer) take stems
/// this way.
pub fn stem_into(lang: Lang, lower: &str, out: &mut String) {
    if lower.len() > MAX_STEM_LEN {
        out.push_str(lower);
        return;
    }
    STEMMERS.with(|cell| {
        let mut all = cell.borrow_mut();
        match all.get_mut(lang.index()) {
            Some(slot) => slot
                .get_or_insert_with(|| Memo::new(lang))
                .stem_into(lower, out),
            None => out.push_str(lower),
        }
    })
}

/// FxHash (the rustc hasher): a rotate, a xor and a multiply per 8 bytes. The memos and
/// lookup tables of the analysis and the tagger are keyed by short words, where SipHash's
/// resistance to chosen collisions buys nothing (a crafted corpus could only slow its own
/// run) and hashing showed in the tagger's profile.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The `BuildHasher` of [`FxHasher`].
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Stems every word of a phrase and joins them with single spaces: the form taxonomy terms and
/// phrases are stored in ("Power dynamics" → "power dynam").
pub fn stem_phrase(phrase: &str) -> String {
    stem_phrase_in(Lang::English, phrase)
}

/// [`stem_phrase`] in `lang`.
pub fn stem_phrase_in(lang: Lang, phrase: &str) -> String {
    let mut out = String::new();
    for t in tokens(phrase) {
        if !out.is_empty() {
            out.push(' ');
        }
        stem_into(lang, &t.lower, &mut out);
    }
    out
}

/// The tokenizer of the index: the same token boundaries as [`tokens`].
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    pos: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((start, end)) = next_token(self.text, self.pos) else {
            self.pos = self.text.len();
            return false;
        };
        self.pos = end;
        self.token.text.clear();
        let raw = &self.text[start..end];
        if raw.is_ascii() {
            self.token.text.push_str(raw);
            self.token.text.make_ascii_lowercase();
        } else {
            self.token
                .text
                .extend(raw.chars().flat_map(char::to_lowercase));
        }
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The tantivy token filter that stems with [`stem_in`] in its language (English by default).
#[derive(Clone, Copy)]
pub struct StemFilter {
    pub lang: Lang,
}

impl Default for StemFilter {
    fn default() -> StemFilter {
        StemFilter {
            lang: Lang::English,
        }
    }
}

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = StemFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemFilterWrapper<T> {
        StemFilterWrapper {
            inner: tokenizer,
            lang: self.lang,
        }
    }
}

/// [`StemFilter`] applied to a tokenizer.
#[derive(Clone)]
pub struct StemFilterWrapper<T> {
    inner: T,
    lang: Lang,
}

impl<T: Tokenizer> Tokenizer for StemFilterWrapper<T> {
    type TokenStream<'a> = StemTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemTokenStream {
            tail: self.inner.token_stream(text),
            lang: self.lang,
            buffer: String::new(),
        }
    }
}

/// The token stream of [`StemFilterWrapper`].
pub struct StemTokenStream<T> {
    tail: T,
    lang: Lang,
    /// The stem is written here, then swapped with the token's text: no allocation per token.
    buffer: String,
}

impl<T: TokenStream> TokenStream for StemTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        self.buffer.clear();
        stem_into(self.lang, &token.text, &mut self.buffer);
        std::mem::swap(&mut token.text, &mut self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The analyzer the index registers as [`ANALYZER`]: words, lowercased, stemmed in English.
pub fn text_analyzer() -> tantivy::tokenizer::TextAnalyzer {
    text_analyzer_in(Some(Lang::English))
}

/// The analyzer of text in `lang`: words, lowercased, stemmed in that language; with `None`,
/// not stemmed ([`PLAIN_ANALYZER`]).
pub fn text_analyzer_in(lang: Option<Lang>) -> tantivy::tokenizer::TextAnalyzer {
    let builder = tantivy::tokenizer::TextAnalyzer::builder(WordTokenizer::default());
    match lang {
        Some(lang) => builder.filter(StemFilter { lang }).build(),
        None => builder.build(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze(text: &str) -> Vec<(usize, usize, String)> {
        let mut a = text_analyzer();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let t = s.token();
            out.push((t.offset_from, t.offset_to, t.text.clone()));
        }
        out
    }

    #[test]
    fn index_and_tagger_agree_on_tokens_and_stems() {
        let text = "Multi-stakeholder CONSULTATIONS — Michel Quillé’s “trust”, 2016.";
        let from_tagger: Vec<_> = tokens(text)
            .map(|t| (t.start, t.end, stem(&t.lower)))
            .collect();
        assert_eq!(analyze(text), from_tagger);
        let words: Vec<_> = from_tagger.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(
            words,
            [
                "multi",
                "stakehold",
                "consult",
                "michel",
                "quillé",
                "s",
                "trust",
                "2016"
            ]
        );
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        // A virama, a decomposed accent, Thai vowel marks: one word each, in index and tagger.
        let text = "राहुल शर्मा, Quille\u{301} and ภาษาไทย";
        let words: Vec<&str> = tokens(text).map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["राहुल", "शर्मा", "Quille\u{301}", "and", "ภาษาไทย"]);
        let from_tagger: Vec<_> = tokens(text)
            .map(|t| (t.start, t.end, stem(&t.lower)))
            .collect();
        assert_eq!(analyze(text), from_tagger);
    }

    #[test]
    fn phrases_are_stemmed_word_by_word() {
        assert_eq!(stem_phrase("Power dynamics"), "power dynam");
        assert_eq!(stem_phrase("  rough   consensus "), "rough consensus");
    }

    #[test]
    fn long_tokens_are_left_alone() {
        let long = "a".repeat(100);
        assert_eq!(stem(&long), long);
    }

    #[test]
    fn each_language_has_its_own_memoised_stemmer() {
        assert_eq!(stem_in(Lang::Spanish, "consultas"), "consult");
        assert_eq!(stem_in(Lang::Spanish, "consulta"), "consult");
        assert_eq!(
            stem_in(Lang::German, "beteiligung"),
            stem_in(Lang::German, "beteiligungen")
        );
        assert_eq!(stem_in(Lang::French, "gouvernements"), "gouvern");
        // The English stemmer is not disturbed by the others' memos.
        assert_eq!(stem("consultations"), "consult");
        assert_eq!(
            stem_phrase_in(Lang::Spanish, "Sociedad civil"),
            "socied civil"
        );
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert!(lang.analyzer_name().ends_with(lang.code()));
        }
        assert_eq!(Lang::from_code("zh"), None);
    }

    #[test]
    fn chinese_characters_and_kana_are_tokens_of_their_own() {
        let text = "唐鳳說：AI 治理，open data。ひらがなOK";
        let toks: Vec<(usize, usize, String)> =
            tokens(text).map(|t| (t.start, t.end, t.lower)).collect();
        let words: Vec<&str> = toks.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(
            words,
            [
                "唐", "鳳", "說", "ai", "治", "理", "open", "data", "ひ", "ら", "が", "な", "ok"
            ]
        );
        for (s, e, _) in &toks {
            assert!(text.is_char_boundary(*s) && text.is_char_boundary(*e));
        }
        // The index's plain analyzer gives the same tokens, unstemmed.
        let mut a = text_analyzer_in(None);
        let mut stream = a.token_stream(text);
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((t.offset_from, t.offset_to, t.text.clone()));
        }
        assert_eq!(got, toks);
        // Hangul is written with spaces: runs stay words.
        let ko: Vec<String> = tokens("시민 참여").map(|t| t.lower).collect();
        assert_eq!(ko, ["시민", "참여"]);
    }

    /// The tokenizer as it was written before its ASCII fast path: characters decoded one by
    /// one (a word goes on over combining marks). The fast path must give the same spans.
    fn reference_spans(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(rest) = text.get(pos..) {
            let mut chars = rest.char_indices();
            let Some((off, first)) = chars.find(|(_, c)| c.is_alphanumeric()) else {
                break;
            };
            let start = pos + off;
            let end = if is_cjk(first) {
                start + first.len_utf8()
            } else {
                chars
                    .find(|&(_, c)| !(c.is_alphanumeric() || is_mark(c)) || is_cjk(c))
                    .map_or(text.len(), |(i, _)| pos + i)
            };
            out.push((start, end));
            pos = end;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_splits_like_the_character_reader(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Z", "9", " ", "-", "'", "’", "é", "É", "ß", "İ", "Σ", "唐", "ひ", "시민",
                "٣", "Ⅻ", "\u{301}", "\n", ".", "_", "😀", "ﬁ", "x1", "\u{200b}",
            ]),
            0..40,
        )) {
            let text: String = pieces.concat();
            let got: Vec<(usize, usize)> = token_spans(&text).collect();
            proptest::prop_assert_eq!(&got, &reference_spans(&text));
            let lowered: Vec<String> = tokens(&text).map(|t| t.lower).collect();
            let expected: Vec<String> =
                got.iter().map(|&(s, e)| text[s..e].to_lowercase()).collect();
            proptest::prop_assert_eq!(lowered, expected);
        }
    }

    #[test]
    fn memoised_stems_are_the_stemmers_whatever_the_order() {
        // Words of the demo corpus, then far more distinct words than the front table holds
        // (so slots are overwritten and the map answers), then the corpus again (warm).
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds");
        let mut words: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(&seeds).expect("the demo corpus") {
            let text = std::fs::read_to_string(entry.expect("an entry").path()).unwrap_or_default();
            words.extend(tokens(&text).map(|t| t.lower));
        }
        assert!(words.len() > 5_000, "{} words", words.len());
        let suffixes = ["", "s", "ing", "ation", "ational", "ness", "izes"];
        let synthetic: Vec<String> = (0..2 * FRONT)
            .map(|i| format!("q{}x{}", i, suffixes[i % suffixes.len()]))
            .chain(["international", "internationalise", "internationalisations"].map(String::from))
            .collect();
        let raw = Stemmer::create(Algorithm::English);
        for w in words.iter().chain(&synthetic).chain(&words) {
            let expected = if w.len() > MAX_STEM_LEN {
                w.clone()
            } else {
                raw.stem(w).into_owned()
            };
            assert_eq!(stem(w), expected, "{w}");
            let mut appended = String::from(">");
            stem_into(Lang::English, w, &mut appended);
            assert_eq!(appended, format!(">{expected}"), "{w}");
        }
    }
}
