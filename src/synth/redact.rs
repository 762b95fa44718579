//! Redaction: personal data (email addresses, phone numbers) in every rendering unless turned
//! off, and participants' names in the anonymous and group modes.
//!
//! What: [`Redactor::spans`] finds the byte ranges to hide in a text; [`Redactor::verbatim`]
//! turns an exact slice of a document into a [`Verbatim`]: unchanged when nothing is hidden,
//! otherwise a `display` text with placeholders (`[email]`, `[phone]`, `[name]`), the hidden
//! spans (without their text) and the verbatim `parts` between them, so that every piece of
//! text in `outline.json` is still an exact slice and `verify` can check it byte for byte.
//! [`Redactor::display`] does the same for one-line strings (titles, headings, anchors).
//!
//! Why: a synthesis must not spread contributors' contact details, and Chatham House rules
//! mean no name at all: not in a quote, a heading, a title or a comment's anchor.
//!
//! Names are matched word by word (so "Orsmond remarked", "per Constance" and "Anne-Marie
//! Buzatu" are all caught): every word of a participant's name or alias of two letters or
//! more, except stop words, honorifics and role words ("The Chair" does not hide "the"). A
//! word typed with a capital ("Bill") is hidden only where it is capitalised, so the noun
//! "bill" stays; a word typed in lower case ("doria") is hidden in any case. Adjacent name
//! words become one `[name]`.
//!
//! ```
//! use rapporteur::synth::redact::Redactor;
//! let r = Redactor::new(true, ["Jason Pielemeier"]);
//! assert_eq!(
//!     r.display("write to: Jason Pielemeier <jp@example.org> or call +1-202-223-5956"),
//!     "write to: [name] <[email]> or call [phone]"
//! );
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::types::{Part, Redaction, RedactionKind, Verbatim};
use crate::analysis::tokens;

static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}").ok()
});
static PHONE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\+?\(?[0-9][0-9 \t().\-/]{6,}[0-9]").ok());
static NANP: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\(?[0-9]{3}\)?[ .\-][0-9]{3}[ .\-][0-9]{4}$").ok());

/// Words of a name that never identify anyone.
const NOT_NAMES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "hon",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "the",
    "of",
    "and",
    "de",
    "del",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "da",
    "das",
    "dos",
    "di",
    "du",
    "al",
    "el",
    "bin",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "moderator",
    "president",
    "vice",
    "speaker",
    "secretary",
    "minister",
    "member",
    "members",
    "participant",
    "participants",
    "contributor",
    "delegate",
    "rapporteur",
    "facilitator",
    "co",
    "am",
    "mp",
    "mep",
    "jr",
    "sr",
    "unknown",
    "anonymous",
    "staff",
    "team",
];

/// How a name word is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Only where the text capitalises it.
    Capitalised,
    /// In any case.
    Any,
}

/// Finds what to hide (see the module doc).
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    pii: bool,
    names: HashMap<String, Case>,
}

impl Redactor {
    /// Hides personal data when `pii`, and every word of the given names.
    pub fn new<'a>(pii: bool, names: impl IntoIterator<Item = &'a str>) -> Redactor {
        let mut map: HashMap<String, Case> = HashMap::new();
        for name in names {
            for t in tokens(name) {
                let word = &name[t.start..t.end];
                let letters = t.lower.chars().filter(|c| c.is_alphabetic()).count();
                if letters < 2 || NOT_NAMES.contains(&t.lower.as_str()) {
                    continue;
                }
                let case = if word.chars().next().is_some_and(char::is_uppercase) {
                    Case::Capitalised
                } else {
                    Case::Any
                };
                let slot = map.entry(t.lower).or_insert(case);
                if case == Case::Any {
                    *slot = Case::Any;
                }
            }
        }
        Redactor { pii, names: map }
    }

    /// True when this redactor never hides anything.
    pub fn is_noop(&self) -> bool {
        !self.pii && self.names.is_empty()
    }

    /// The spans of `text` to hide, sorted, not overlapping.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize, RedactionKind)> {
        let mut out: Vec<(usize, usize, RedactionKind)> = Vec::new();
        if self.pii {
            if let Some(re) = EMAIL.as_ref() {
                out.extend(
                    re.find_iter(text)
                        .map(|m| (m.start(), m.end(), RedactionKind::Email)),
                );
            }
            if let Some(re) = PHONE.as_ref() {
                for m in re.find_iter(text) {
                    if is_phone(text, m.start(), m.as_str()) {
                        out.push((m.start(), m.end(), RedactionKind::Phone));
                    }
                }
            }
        }
        if !self.names.is_empty() {
            let mut last: Option<(usize, usize)> = None;
            for t in tokens(text) {
                let hidden = match self.names.get(&t.lower) {
                    Some(Case::Any) => true,
                    Some(Case::Capitalised) => text[t.start..t.end]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase),
                    None => false,
                };
                if !hidden {
                    continue;
                }
                let joined = last.filter(|&(_, e)| {
                    text.get(e..t.start).is_some_and(|gap| {
                        gap.chars().count() <= 3
                            && gap
                                .chars()
                                .all(|c| c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '.'))
                    })
                });
                match joined {
                    Some((s, _)) => {
                        out.pop();
                        out.push((s, t.end, RedactionKind::Name));
                        last = Some((s, t.end));
                    }
                    None => {
                        out.push((t.start, t.end, RedactionKind::Name));
                        last = Some((t.start, t.end));
                    }
                }
            }
        }
        out.sort_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
        let mut merged: Vec<(usize, usize, RedactionKind)> = Vec::new();
        for (s, e, k) in out {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e, k)),
            }
        }
        merged
    }

    /// `text` with every hidden span replaced by its placeholder.
    pub fn display(&self, text: &str) -> String {
        if self.is_noop() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (s, e, k) in self.spans(text) {
            out.push_str(text.get(at..s).unwrap_or_default());
            out.push_str(k.placeholder());
            at = e;
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }

    /// The verbatim form of `text`, the slice of document `doc` that starts at byte `start`.
    pub fn verbatim(&self, doc: &str, start: usize, text: &str) -> Verbatim {
        let spans = if self.is_noop() {
            Vec::new()
        } else {
            self.spans(text)
        };
        verbatim_of(doc, start, text, &spans)
    }
}

/// A [`Verbatim`] with `spans` (relative to `text`) hidden.
pub fn verbatim_of(
    doc: &str,
    start: usize,
    text: &str,
    spans: &[(usize, usize, RedactionKind)],
) -> Verbatim {
    if spans.is_empty() {
        return Verbatim {
            text: Some(text.to_string()),
            ..Verbatim::default()
        };
    }
    let mut v = Verbatim::default();
    let mut display = String::with_capacity(text.len());
    let mut at = 0;
    let part = |a: usize, b: usize, v: &mut Verbatim, display: &mut String| {
        if let Some(piece) = text.get(a..b).filter(|p| !p.is_empty()) {
            display.push_str(piece);
            v.parts.push(Part {
                doc: doc.to_string(),
                start: start + a,
                end: start + b,
                text: piece.to_string(),
            });
        }
    };
    for &(s, e, kind) in spans {
        part(at, s, &mut v, &mut display);
        display.push_str(kind.placeholder());
        v.redactions.push(Redaction {
            start: start + s,
            end: start + e,
            kind,
        });
        at = e;
    }
    part(at, text.len(), &mut v, &mut display);
    v.display = Some(display);
    v
}

/// Whether a digit run found by [`PHONE`] is a phone number: 9 to 15 digits, and a leading
/// `+`, a `tel`/`phone`/`fax` label just before, or the 3-3-4 pattern. Years, ISO dates and
/// figures ("4,000", "1995-2001") are not.
fn is_phone(text: &str, start: usize, found: &str) -> bool {
    let digits = found.chars().filter(char::is_ascii_digit).count();
    if !(9..=15).contains(&digits) {
        return false;
    }
    if found.starts_with('+') {
        return true;
    }
    let before = text
        .get(start.saturating_sub(16)..start)
        .unwrap_or_default();
    let before = before.to_lowercase();
    let labelled = ["tel", "phone", "fax", "mobile", "call", "ph."]
        .iter()
        .any(|l| before.contains(l));
    labelled || NANP.as_ref().is_some_and(|re| re.is_match(found.trim()))
}

/// True when `slice` is the kind of text a redaction of `kind` may hide (for `verify`): an
/// email address, a phone number, or words of a name (`names` as in [`Redactor::new`]).
pub fn plausible(slice: &str, kind: RedactionKind, names: &Redactor) -> bool {
    if kind == RedactionKind::Phone {
        // A phone may have been told by its label ("Tel: 030 2028 1300"), which lies outside
        // the slice: the slice itself must be a whole number of a phone's length.
        let digits = slice.chars().filter(char::is_ascii_digit).count();
        return (9..=15).contains(&digits)
            && PHONE
                .as_ref()
                .and_then(|re| re.find(slice))
                .is_some_and(|m| m.start() == 0 && m.end() == slice.len());
    }
    let spans = match kind {
        RedactionKind::Name => names.spans(slice),
        _ => Redactor::new(true, []).spans(slice),
    };
    spans.len() == 1
        && spans
            .first()
            .is_some_and(|&(s, e, k)| s == 0 && e == slice.len() && k == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones_of_the_seeds_are_found_but_not_years_or_figures() {
        let r = Redactor::new(true, []);
        let t = "Jason Pielemeier <jpielemeier@gmail.com> (questions welcome)";
        let s = r.spans(t);
        assert_eq!(s.len(), 1);
        assert_eq!(&t[s[0].0..s[0].1], "jpielemeier@gmail.com");
        let t = "The Netherlands Tel: +31 (0)70 30 28 130 http://x.org";
        let s = r.spans(t);
        assert_eq!(&t[s[0].0..s[0].1], "+31 (0)70 30 28 130");
        assert_eq!(r.display("Tel: +1-202-223-5956 http"), "Tel: [phone] http");
        for plain in [
            "Between 1995-2001 and 2004.",
            "Roughly 8,500 business participants.",
            "Held on 2016-05-12 in Washington",
            "Resolution 36 adopted in 1998 1999 2000",
        ] {
            assert!(r.spans(plain).is_empty(), "{plain}");
        }
    }

    #[test]
    fn names_are_hidden_word_by_word_with_case_rules() {
        let r = Redactor::new(
            false,
            ["Andy Orsmond", "Avri doria", "Bill Graham", "The Chair"],
        );
        assert_eq!(
            r.display("Orsmond remarked that Andy Orsmond agreed."),
            "[name] remarked that [name] agreed."
        );
        assert_eq!(
            r.display("Like Avri, I think Doria is right"),
            "Like [name], I think [name] is right"
        );
        assert_eq!(
            r.display("the bill passed; Bill objected"),
            "the bill passed; [name] objected"
        );
        assert_eq!(
            r.display("The Chair opened the session"),
            "The Chair opened the session"
        );
    }

    #[test]
    fn verbatim_parts_tile_the_quote() {
        let doc = "xx call +1-202-223-5956 now";
        let r = Redactor::new(true, []);
        let v = r.verbatim("d", 3, &doc[3..]);
        assert!(v.text.is_none());
        assert_eq!(v.display.as_deref(), Some("call [phone] now"));
        assert_eq!(v.parts.len(), 2);
        for p in &v.parts {
            assert_eq!(&doc[p.start..p.end], p.text);
        }
        assert_eq!((v.redactions[0].start, v.redactions[0].end), (8, 23));
        assert!(plausible(&doc[8..23], RedactionKind::Phone, &r));
        assert!(!plausible("call", RedactionKind::Phone, &r));
        // Told a phone by its label, which the slice does not hold: still a phone.
        let doc = "Tel: 030 2028 1300, ask for the desk";
        let (s, e, k) = r.spans(doc)[0];
        assert_eq!((&doc[s..e], k), ("030 2028 1300", RedactionKind::Phone));
        assert!(plausible(&doc[s..e], RedactionKind::Phone, &r));
        assert!(!plausible("030 2028", RedactionKind::Phone, &r));
        assert!(!plausible("Tel: 030 2028 1300", RedactionKind::Phone, &r));
        let unchanged = r.verbatim("d", 0, "nothing here");
        assert_eq!(unchanged.text.as_deref(), Some("nothing here"));
    }
}
