//! Attribution strings for people: who said a passage, as a rapporteur would print it.
//!
//! - a named speaker: `Name, Organisation` (or just `Name`);
//! - an anonymous speaker ("one contributor noted"): `anonymous contributor`;
//! - no speaker at all: `unattributed`;
//! - a comment whose anchor is known adds what it comments on:
//!   `Avri doria, comment on “Contributors to the process have been providing…”`.
//!
//! These are display strings: whitespace is collapsed, nothing here is a verbatim quote.

use crate::model::{Passage, PassageKind, Speaker};

/// Characters of anchor text shown after "comment on".
const ANCHOR_CHARS: usize = 48;

/// The attribution of a passage (see the module doc).
pub fn attribution(p: &Passage) -> String {
    let base = match &p.speaker {
        None => "unattributed".to_string(),
        Some(s) => speaker_label(s),
    };
    if p.kind == PassageKind::Comment {
        if let Some(anchor) = &p.anchor {
            let shown = snippet(&anchor.text, ANCHOR_CHARS);
            if !shown.is_empty() {
                return format!("{base}, comment on “{shown}”");
            }
        }
    }
    base
}

/// `Name, Organisation`, `Name`, or `anonymous contributor` for a speaker without a name.
pub fn speaker_label(s: &Speaker) -> String {
    let name = s.name.as_deref().map(collapse).unwrap_or_default();
    if name.is_empty() {
        return "anonymous contributor".to_string();
    }
    let org = s.organisation.as_deref().map(collapse).unwrap_or_default();
    if org.is_empty() || org == name {
        name
    } else {
        format!("{name}, {org}")
    }
}

/// The identity used to keep quotes from repeating a speaker: the lowercased name of a named
/// speaker; anonymous and missing speakers have none.
pub fn speaker_key(p: &Passage) -> Option<String> {
    let name = collapse(p.speaker.as_ref()?.name.as_deref()?);
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// True when the passage names its speaker.
pub fn is_named(p: &Passage) -> bool {
    speaker_key(p).is_some()
}

/// Whitespace runs collapsed to single spaces, ends trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `s` (whitespace collapsed), cut at a word boundary with "…".
pub fn snippet(s: &str, max: usize) -> String {
    let flat = collapse(s);
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—".contains(c));
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::How;

    #[test]
    fn named_speakers_show_their_organisation() {
        let mut s = Speaker::named("Andy Orsmond", How::Parenthetical);
        assert_eq!(speaker_label(&s), "Andy Orsmond");
        s.organisation = Some("International Code of Conduct Association".into());
        assert_eq!(
            speaker_label(&s),
            "Andy Orsmond, International Code of Conduct Association"
        );
        assert_eq!(
            speaker_label(&Speaker::anonymous()),
            "anonymous contributor"
        );
    }

    #[test]
    fn snippets_cut_at_words() {
        assert_eq!(snippet("short  text", 48), "short text");
        assert_eq!(
            snippet(
                "Contributors to the process have been providing statements",
                30
            ),
            "Contributors to the process…"
        );
    }
}
