//! Speaker labels at the start of a transcript line, in the conventions real transcripts use.
//!
//! Each recogniser looks at one line and returns the label's span and where the spoken text
//! starts, or `None`:
//! - [`heading_label`]: `### Audrey Tang:` or `### 唐鳳：` (a Markdown heading that is only a
//!   name and a colon, ASCII or full-width); the turn is the paragraphs below it;
//! - [`chat_label`]: `[下午07:11:48] Bestian: 我先把…` or `[10:02] Ana Lima: …`;
//! - [`caption_label`]: `>> MODERATOR: …`, `>> JOHN SMITH: …`, and a bare `>> …` (a new,
//!   unknown speaker);
//! - [`name_label`]: `Firstname Lastname: …`, `Hon. Mona Fortier: …`, `Mr. James Bezan
//!   (Selkirk, CPC): …`, `RPR: …` (initials), `DLM [on queue]: …`, `. JHD: …`.
//!
//! Why: the label is the only evidence of who speaks a turn, and sentences such as
//! "Background: Taking into account …" or "Note: the slides …" have the same shape. Names are
//! therefore held to the shape of a name (capitalised words, initials, honorifics, a trailing
//! parenthesis) and a list of words that head metadata lines is refused.
//!
//! ```text
//! RPR: All right, we're about to begin.      → label "RPR", text "All right, …"
//! Background: Taking into account recent …   → not a label
//! ```

use std::sync::LazyLock;

use regex::Regex;

/// A label found on a line: byte spans relative to the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The label text (name, initials, role), without markers and colon.
    pub label: (usize, usize),
    /// Where the spoken text starts on this line (after the colon and spaces).
    pub text_start: usize,
    /// True for a bare `>>` (a new speaker nobody named).
    pub unnamed: bool,
}

/// Words of a document's field labels, never of a speaker's name ("Document Version:").
const FIELD_WORDS: &[&str] = &[
    "version",
    "status",
    "classification",
    "revision",
    "reference",
    "date",
    "subject",
    "document",
];

/// Words that head metadata and prose lines, never a speaker ("Note:", "Background:").
const NOT_SPEAKER: &[&str] = &[
    "abstract",
    "annex",
    "appendix",
    "appendices",
    "article",
    "budget",
    "chapter",
    "comment",
    "comments",
    "contents",
    "foreword",
    "introduction",
    "key words",
    "objectives",
    "part",
    "phase",
    "preface",
    "principle",
    "principles",
    "recommendations",
    "response",
    "rights",
    "section",
    "step",
    "table of contents",
    "action",
    "actions",
    "address",
    "agenda",
    "answer",
    "area",
    "attachment",
    "attendees",
    "author",
    "background",
    "conclusion",
    "conclusions",
    "contact",
    "context",
    "date",
    "decision",
    "definition",
    "description",
    "document",
    "duration",
    "edit",
    "email",
    "entitled by",
    "example",
    "fax",
    "goal",
    "goals",
    "http",
    "https",
    "issue",
    "keywords",
    "link",
    "location",
    "meeting",
    "minutes",
    "name",
    "next steps",
    "note",
    "notes",
    "nb",
    "objective",
    "organization",
    "organisation",
    "outcome",
    "participants",
    "place",
    "pr",
    "presenter",
    "presenters",
    "problem",
    "proposal",
    "purpose",
    "question",
    "questions",
    "re",
    "recommendation",
    "reference",
    "references",
    "region",
    "result",
    "sector",
    "slides",
    "solution",
    "source",
    "speaker",
    "speakers",
    "status",
    "subject",
    "summary",
    "tel",
    "time",
    "title",
    "topic",
    "update",
    "venue",
    "warning",
    "where",
    "when",
    "who",
    "why",
    "what",
    "how",
];

/// Honorifics and titles that may open a label ("Hon. Mona Fortier").
const TITLES: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Mx.",
    "Dr.",
    "Dr",
    "Prof.",
    "Professor",
    "Hon.",
    "Sir",
    "Dame",
    "H.E.",
    "Rt.",
    "Right",
    "The",
    "Lord",
    "Lady",
    "Rev.",
    "Fr.",
    "Sen.",
    "Rep.",
];

static CHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[(?:[^\]\n]{0,6})?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s*[APap][Mm])?\]\s*")
        .expect("valid")
});
static INITIALS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z]{2,4}$").expect("valid"));
/// Queue annotations after initials in standards-committee notes: "DLM [on queue]".
static QUEUE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[\[(](?:on (?:the )?queue|via queue|from queue|remote)[\])]\s*$")
        .expect("valid")
});

/// The colon that ends a label: ASCII or full-width.
fn colon_at(s: &str) -> Option<(usize, usize)> {
    let ascii = s.find(':').map(|i| (i, 1));
    let wide = s.find('：').map(|i| (i, '：'.len_utf8()));
    match (ascii, wide) {
        (Some(a), Some(w)) => Some(if a.0 < w.0 { a } else { w }),
        (a, w) => a.or(w),
    }
}

/// Skips spaces (and NBSP) from `i` in `s`.
fn skip_space(s: &str, i: usize) -> usize {
    i + (s[i..].len() - s[i..].trim_start().len())
}

/// `### Name:` — a Markdown heading holding only a label and a colon.
pub(crate) fn heading_label(line: &str) -> Option<Found> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let start = skip_space(line, hashes);
    if start == hashes {
        return None;
    }
    let rest = line[start..].trim_end();
    let (c, w) = colon_at(rest)?;
    if c + w != rest.len() || c == 0 {
        return None;
    }
    let label = rest[..c].trim_end().trim_matches('*');
    if label.is_empty()
        || label.chars().count() > 60
        || label.contains(['.', '?', '!']) && !name_shaped(label)
    {
        return None;
    }
    let lead = rest[..c].len() - rest[..c].trim_start_matches('*').len();
    Some(Found {
        label: (start + lead, start + lead + label.len()),
        text_start: line.len(),
        unnamed: false,
    })
}

/// `[time] Name: text` — chat-style and ASR transcripts.
pub(crate) fn chat_label(line: &str) -> Option<Found> {
    let m = CHAT.find(line)?;
    let after = &line[m.end()..];
    let (c, w) = colon_at(after)?;
    let label = after[..c].trim();
    if label.is_empty()
        || label.chars().count() > 40
        || label.contains(['[', ']', '。', '.', '?']) && !name_shaped(label)
    {
        return None;
    }
    let ls = m.end() + (after[..c].len() - after[..c].trim_start().len());
    Some(Found {
        label: (ls, ls + label.len()),
        text_start: skip_space(line, m.end() + c + w),
        unnamed: false,
    })
}

/// `>> NAME: text`, `>> MODERATOR: text`, or a bare `>> text` (unnamed).
pub(crate) fn caption_label(line: &str) -> Option<Found> {
    let rest = line.strip_prefix(">>")?;
    let start = skip_space(line, 2);
    if let Some((c, w)) = colon_at(rest) {
        let label = rest[..c].trim();
        let is_label = !label.is_empty()
            && label.chars().count() <= 60
            && (label
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                || name_shaped(label));
        if is_label {
            return Some(Found {
                label: (start, start + label.len()),
                text_start: skip_space(line, 2 + c + w),
                unnamed: false,
            });
        }
    }
    Some(Found {
        label: (start, start),
        text_start: start,
        unnamed: true,
    })
}

/// `Name: text` — a personal name, initials or a role label, then a colon and speech.
/// `initials_ok` admits bare initials ("RPR:"), which only transcripts with many of them use.
pub(crate) fn name_label(line: &str, initials_ok: bool) -> Option<Found> {
    // ". JHD:" — a stray full stop before the initials in some notes.
    let lead = if line.starts_with(". ") { 2 } else { 0 };
    let body = &line[lead..];
    let (c, w) = colon_at(body)?;
    if c == 0 || c > 120 {
        return None;
    }
    let raw = &body[..c];
    if raw.ends_with(' ') || raw.starts_with(' ') {
        return None;
    }
    // After the colon: speech (or nothing, when the turn starts on the next line). A URL or
    // a time ("10:30") is not a label.
    let after = &body[c + w..];
    if after.starts_with("//") || after.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let label = QUEUE_NOTE.replace(raw, "");
    let label = label.trim_end_matches('?').trim();
    let ok = if INITIALS.is_match(label) {
        initials_ok
    } else {
        is_name_label(label)
    };
    if !ok {
        return None;
    }
    Some(Found {
        label: (lead, lead + raw.len()),
        text_start: skip_space(line, lead + c + w),
        unnamed: false,
    })
}

/// Whether a label reads as a person or a role: capitalised words (initials, particles,
/// hyphens and apostrophes inside), an optional title, and an optional trailing parenthesis
/// ("Mr. James Bezan (SelkirkInterlakeEastman, CPC)", "The Chair (Hon. Anthony Rota …)").
fn is_name_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    if NOT_SPEAKER.contains(&lower.as_str()) || label.chars().count() > 110 {
        return false;
    }
    // A document's fields ("Document Version: 0.2", "Security Classification: …") name
    // no one.
    if lower.split_whitespace().any(|w| FIELD_WORDS.contains(&w)) {
        return false;
    }
    // An unbalanced parenthesis or a sentence mark means prose.
    if label.matches('(').count() != label.matches(')').count() {
        return false;
    }
    let head = label.split('(').next().unwrap_or(label).trim();
    if head.is_empty() || head.contains(['!', '?', ';', '"', '“', ',']) {
        return false;
    }
    // One word that reads as an abstract noun is a run-in heading ("Accessibility:").
    let one_word = !head.contains(' ');
    let abstract_noun = [
        "ness", "ity", "tion", "sion", "ment", "ance", "ence", "ship", "ism", "ing", "ics", "ices",
        "ents",
    ]
    .iter()
    .any(|suffix| head.to_lowercase().ends_with(suffix));
    if one_word && abstract_noun {
        return false;
    }
    name_shaped(head)
        && !head
            .split_whitespace()
            .next()
            .is_some_and(|w| w.starts_with(char::is_lowercase))
}

/// One to five words, each a capitalised word, an initial, a title or a particle; at least
/// one capitalised word. All-capital names ("JOHN SMITH") count.
pub(crate) fn name_shaped(s: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "bin",
        "al", "el", "dos", "das", "ter", "ten", "y", "of",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 {
        return false;
    }
    // "UNIVERSALITY AND EQUALITY", "Rights and Justice": a heading, not a name.
    if words.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "and" | "or" | "for" | "with" | "to" | "in" | "on" | "&" | "our" | "your"
        )
    }) {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        if TITLES.contains(w) {
            continue;
        }
        if PARTICLES.contains(w) {
            continue;
        }
        let letters = w.trim_matches(|c: char| matches!(c, '.' | '\'' | '’' | '-'));
        let Some(first) = letters.chars().next() else {
            return false;
        };
        let ok_chars = letters
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
        if !ok_chars || !first.is_uppercase() {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 1 && words.len() - capitalised <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(line: &str, f: Option<Found>) -> Option<(&str, &str)> {
        f.map(|f| (&line[f.label.0..f.label.1], &line[f.text_start..]))
    }

    #[test]
    fn headings_with_ascii_and_full_width_colons() {
        let l = "### Audrey Tang:";
        assert_eq!(label(l, heading_label(l)), Some(("Audrey Tang", "")));
        let l = "### 唐鳳：";
        assert_eq!(label(l, heading_label(l)).map(|x| x.0), Some("唐鳳"));
        assert_eq!(heading_label("## Secretary general report"), None);
        assert_eq!(heading_label("### Summary"), None);
    }

    #[test]
    fn chat_lines() {
        let l = "[下午07:11:48] Bestian: 我先把今天";
        assert_eq!(label(l, chat_label(l)), Some(("Bestian", "我先把今天")));
        let l = "[10:02] Ana Lima: Good evening.";
        assert_eq!(label(l, chat_label(l)), Some(("Ana Lima", "Good evening.")));
        assert_eq!(chat_label("[link](http://x.org): see"), None);
    }

    #[test]
    fn caption_markers() {
        let l = ">> MODERATOR: Welcome back.";
        assert_eq!(
            label(l, caption_label(l)),
            Some(("MODERATOR", "Welcome back."))
        );
        let l = ">> JANE DOE: Thank you.";
        assert_eq!(label(l, caption_label(l)), Some(("JANE DOE", "Thank you.")));
        let f = caption_label(">> Thank you, Chair: I agree.").expect("a turn");
        assert!(f.unnamed);
    }

    #[test]
    fn names_initials_and_prose() {
        for (l, want) in [
            ("RPR: All right, we're about to begin.", "RPR"),
            ("DLM [on queue]: I agree.", "DLM [on queue]"),
            ("Hon. Mona Fortier: Thank you.", "Hon. Mona Fortier"),
            (
                "Mr. James Bezan (SelkirkInterlakeEastman, CPC): Thank you, Mr. Chair.",
                "Mr. James Bezan (SelkirkInterlakeEastman, CPC)",
            ),
            ("The Chair: Order.", "The Chair"),
            ("Andy Orsmond: We started in 2013.", "Andy Orsmond"),
            ("JOHN SMITH: Yes.", "JOHN SMITH"),
        ] {
            assert_eq!(
                label(l, name_label(l, true)).map(|x| x.0),
                Some(want),
                "{l}"
            );
        }
        for l in [
            "Background: Taking into account recent initiatives",
            "Note: the slides are online.",
            "Entitled by: Andrii Paziuk",
            "See https://example.org: here",
            "The meeting started at 10:30.",
            "In short, this is it: we agree.",
            "Moderator and all the participants agreed: yes",
        ] {
            assert_eq!(name_label(l, true), None, "{l}");
        }
        assert_eq!(name_label("RPR: Yes.", false), None);
    }
}
