//! Tokens and stems: the one analyzer shared by the theme tagger and the tantivy index.
//!
//! A token is a maximal run of alphanumeric characters (Unicode), lowercased; its stem comes
//! from [`rust_stemmers`] (Snowball), memoised per thread because stemming dominates indexing
//! cost. The index registers [`StemFilter`] as its stem filter, so a term the tagger matches and
//! a term the index finds are stemmed by the same code: "consultations" and "consultation" both
//! become `consult`.
//!
//! ```
//! use rapporteur::analysis::{stem, tokens};
//! let words: Vec<String> = tokens("Building trust, built on Consultations.")
//!     .map(|t| stem(&t.lower))
//!     .collect();
//! assert_eq!(words, ["build", "trust", "built", "on", "consult"]);
//! ```

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The name the index registers the analyzer under.
pub const ANALYZER: &str = "rapporteur_en";

/// A token of a text: its byte span and its lowercased form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// The tokens of `text`: maximal runs of alphanumeric characters, lowercased, with byte spans.
pub fn tokens(text: &str) -> impl Iterator<Item = Tok> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        let raw = &text[start..end];
        let lower = if raw.is_ascii() {
            raw.to_ascii_lowercase()
        } else {
            raw.to_lowercase()
        };
        Some(Tok { start, end, lower })
    })
}

/// Words longer than this are not stemmed (nor cached): they are ids, URLs, noise.
const MAX_STEM_LEN: usize = 40;
/// A thread's cache is cleared when it reaches this many entries, bounding memory.
const CACHE_CAP: usize = 200_000;

thread_local! {
    static EN: RefCell<(Stemmer, HashMap<String, String>)> =
        RefCell::new((Stemmer::create(Algorithm::English), HashMap::new()));
}

/// The English stem of a lowercased word, memoised.
pub fn stem(lower: &str) -> String {
    if lower.len() > MAX_STEM_LEN {
        return lower.to_string();
    }
    EN.with(|cell| {
        let (stemmer, cache) = &mut *cell.borrow_mut();
        if let Some(s) = cache.get(lower) {
            return s.clone();
        }
        if cache.len() >= CACHE_CAP {
            cache.clear();
        }
        let s = stemmer.stem(lower).into_owned();
        cache.insert(lower.to_string(), s.clone());
        s
    })
}

/// Stems every word of a phrase and joins them with single spaces: the form taxonomy terms and
/// phrases are stored in ("Power dynamics" → "power dynam").
pub fn stem_phrase(phrase: &str) -> String {
    let mut out = String::new();
    for t in tokens(phrase) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem(&t.lower));
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
        let rest = &self.text[self.pos..];
        let Some((off, _)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.pos = self.text.len();
            return false;
        };
        let start = self.pos + off;
        let end = self.text[start..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(self.text.len(), |(i, _)| start + i);
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

/// The tantivy token filter that stems with [`stem`]: the index's only stemmer.
#[derive(Clone, Copy, Default)]
pub struct StemFilter;

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = StemFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemFilterWrapper<T> {
        StemFilterWrapper { inner: tokenizer }
    }
}

/// [`StemFilter`] applied to a tokenizer.
#[derive(Clone)]
pub struct StemFilterWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemFilterWrapper<T> {
    type TokenStream<'a> = StemTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemTokenStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`StemFilterWrapper`].
pub struct StemTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for StemTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmed = stem(&token.text);
        token.text = stemmed;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The analyzer the index registers as [`ANALYZER`]: words, lowercased, stemmed.
pub fn text_analyzer() -> tantivy::tokenizer::TextAnalyzer {
    tantivy::tokenizer::TextAnalyzer::builder(WordTokenizer::default())
        .filter(StemFilter)
        .build()
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
    fn phrases_are_stemmed_word_by_word() {
        assert_eq!(stem_phrase("Power dynamics"), "power dynam");
        assert_eq!(stem_phrase("  rough   consensus "), "rough consensus");
    }

    #[test]
    fn long_tokens_are_left_alone() {
        let long = "a".repeat(100);
        assert_eq!(stem(&long), long);
    }
}
