//! Attribution strings for people: who said a passage, as a rapporteur would print it, in the
//! three modes of [`Attribution`].
//!
//! - named: `Name, Organisation` (or just `Name`); an anonymous speaker ("one contributor
//!   noted") is `anonymous contributor`;
//! - anonymous: `one participant`, whoever spoke (Chatham House style);
//! - group: `a civil-society participant`, `a government participant` (the speaker's group,
//!   else the passage's voice), or `one participant` when neither is known;
//! - in every mode a passage nobody is credited with is `unattributed`, and a comment adds
//!   where it sits: `Avri doria, comment on §2: “The trust relationships between…”` (the
//!   number of the section its anchor is in, then the start of the anchor text).
//!
//! These are display strings: whitespace is collapsed, nothing here is a verbatim quote, and in
//! the anonymous modes the anchor text and headings pass through the [`Redactor`], so no
//! participant's name survives in them. Each piece from the corpus (name, organisation,
//! heading, anchor text) has its bidi controls closed ([`super::bidi::closed`]), so that none
//! reorders the pieces after it.

use std::sync::LazyLock;

use regex::Regex;

use super::bidi::closed;
use super::redact::Redactor;
use super::types::Attribution;
use crate::model::{Group, How, Passage, PassageKind, Speaker};

/// Characters of anchor text shown after "comment on".
const ANCHOR_CHARS: usize = 48;
/// Characters of an unnumbered heading shown after "comment on".
const HEADING_CHARS: usize = 40;

static SECTION_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:§\s*)?(?:([0-9]+(?:\.[0-9]+)*)[.):]?|([IVXLC]+)[.):])\s").ok()
});

/// The attribution of a passage in `mode` (see the module doc). For a comment, `anchor_section`
/// is the section of the passage its anchor lies in, when known (else its own section).
pub fn attribution(
    p: &Passage,
    mode: Attribution,
    redactor: &Redactor,
    anchor_section: Option<&[String]>,
) -> String {
    let base = match &p.speaker {
        None => "unattributed".to_string(),
        Some(s) => speaker_label(&with_voice(s, p), mode),
    };
    if p.kind != PassageKind::Comment {
        return base;
    }
    let anchor = p
        .anchor
        .as_ref()
        .map(|a| closed(&snippet(&redactor.display(&a.text), ANCHOR_CHARS)).into_owned())
        .filter(|s| !s.is_empty());
    let section = anchor_section.unwrap_or(&p.section);
    let place = section.first().and_then(|h| {
        let h = collapse(h);
        if let Some(n) = section_number(&h) {
            return Some(format!("§{n}"));
        }
        let shown = snippet(&redactor.display(&clean_heading(&h)), HEADING_CHARS);
        (!shown.is_empty()).then(|| format!("“{}”", closed(&shown)))
    });
    match (place, anchor) {
        (Some(place), Some(anchor)) => format!("{base}, comment on {place}: “{anchor}”"),
        (Some(place), None) => format!("{base}, comment on {place}"),
        (None, Some(anchor)) => format!("{base}, comment on “{anchor}”"),
        (None, None) => format!("{base}, comment"),
    }
}

/// The speaker with the passage's voice as group when the speaker record has none.
pub fn with_voice(s: &Speaker, p: &Passage) -> Speaker {
    let mut s = s.clone();
    if s.group.is_none() {
        s.group = p.voice;
    }
    s
}

/// The number of a numbered heading ("2. Existing policy…" → "2", "III. Interval" → "III").
pub fn section_number(heading: &str) -> Option<String> {
    let re = SECTION_NUMBER.as_ref()?;
    re.captures(heading)
        .and_then(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().to_string())
}

/// A speaker as people see them in `mode`.
pub fn speaker_label(s: &Speaker, mode: Attribution) -> String {
    match mode {
        Attribution::Named => named_label(s),
        Attribution::Anonymous => "one participant".to_string(),
        Attribution::Group => match s.group {
            Some(g) => format!("{} {} participant", article(g), group_adjective(g)),
            None => "one participant".to_string(),
        },
    }
}

/// `Name, Organisation`, `Name`, or `anonymous contributor` for a speaker without a name;
/// people who speak together are named together ("Deborah Avant and Jason Pielemeier"), and a
/// document's authors say so: `Tom Buitelaar and Richard Ponzio (authors), European
/// University Institute of Florence and Stimson Center`, `The Stanley Foundation and The
/// Stimson Center (convenors)`.
pub fn named_label(s: &Speaker) -> String {
    let shown = |s: &str| closed(&collapse(s)).into_owned();
    if s.how == How::Byline && !s.anonymous {
        return byline_label(s);
    }
    let name = s.name.as_deref().map(shown).unwrap_or_default();
    if name.is_empty() {
        return "anonymous contributor".to_string();
    }
    let name = joined(
        std::iter::once(name)
            .chain(s.with.iter().filter_map(|w| w.name.as_deref().map(shown)))
            .filter(|n| !n.is_empty())
            .collect(),
    );
    let org = s.organisation.as_deref().map(shown).unwrap_or_default();
    if org.is_empty() || org == name {
        name
    } else {
        format!("{name}, {org}")
    }
}

/// "A", "A and B", "A, B and C".
fn joined(mut parts: Vec<String>) -> String {
    parts.dedup();
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// The attribution of a passage a document's authors speak (`how: "byline"`): who (a person's
/// name, else the organisation's), their part, then the people's organisations.
fn byline_label(s: &Speaker) -> String {
    let shown = |s: &str| closed(&collapse(s)).into_owned();
    let first = std::iter::once((s.name.as_deref(), s.organisation.as_deref()));
    let all: Vec<(Option<&str>, Option<&str>)> = first
        .chain(
            s.with
                .iter()
                .map(|w| (w.name.as_deref(), w.organisation.as_deref())),
        )
        .collect();
    let who = joined(
        all.iter()
            .filter_map(|(n, o)| n.or(*o).map(shown))
            .filter(|n| !n.is_empty())
            .collect(),
    );
    if who.is_empty() {
        return "anonymous contributor".to_string();
    }
    let part = match (s.role.as_deref(), all.len()) {
        (Some("convenor"), 1) => "convenor",
        (Some("convenor"), _) => "convenors",
        (_, 1) => "author",
        _ => "authors",
    };
    let mut orgs: Vec<String> = Vec::new();
    for (n, o) in &all {
        if let (Some(_), Some(o)) = (n, o) {
            let o = shown(o);
            if !o.is_empty() && !orgs.contains(&o) {
                orgs.push(o);
            }
        }
    }
    match joined(orgs) {
        o if o.is_empty() => format!("{who} ({part})"),
        o => format!("{who} ({part}), {o}"),
    }
}

/// The speaker object the outline shows in `mode`: unchanged when named; otherwise without
/// name, role and organisation (and without group in the anonymous mode).
pub fn shown_speaker(s: &Speaker, mode: Attribution) -> Speaker {
    match mode {
        Attribution::Named => s.clone(),
        Attribution::Anonymous | Attribution::Group => Speaker {
            name: None,
            role: None,
            organisation: None,
            group: if mode == Attribution::Group {
                s.group
            } else {
                None
            },
            // The evidence names the organisation's words: not in these modes.
            evidence: None,
            mismatch: None,
            how: s.how,
            anonymous: true,
            with: Vec::new(),
        },
    }
}

/// "civil-society", "government", "academic", … (for "a civil-society participant").
pub fn group_adjective(g: Group) -> &'static str {
    match g {
        Group::Government => "government",
        Group::Intergovernmental => "intergovernmental",
        Group::Business => "business",
        Group::CivilSociety => "civil-society",
        Group::Academia => "academic",
        Group::TechnicalCommunity => "technical-community",
        Group::Media => "media",
    }
}

fn article(g: Group) -> &'static str {
    match g {
        Group::Intergovernmental | Group::Academia => "an",
        _ => "a",
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

/// A heading as a label: whitespace collapsed, Markdown emphasis and a trailing colon removed.
pub fn clean_heading(s: &str) -> String {
    let flat = collapse(&s.replace('*', ""));
    let flat = flat.trim_start_matches('#').trim_end_matches(':').trim();
    flat.to_string()
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
    use crate::model::{Document, How, Span};

    #[test]
    fn labels_in_the_three_modes() {
        let mut s = Speaker::named("Andy Orsmond", How::Parenthetical);
        s.organisation = Some("International Code of Conduct Association".into());
        s.group = Some(Group::CivilSociety);
        assert_eq!(
            speaker_label(&s, Attribution::Named),
            "Andy Orsmond, International Code of Conduct Association"
        );
        assert_eq!(speaker_label(&s, Attribution::Anonymous), "one participant");
        assert_eq!(
            speaker_label(&s, Attribution::Group),
            "a civil-society participant"
        );
        s.group = Some(Group::Academia);
        assert_eq!(
            speaker_label(&s, Attribution::Group),
            "an academic participant"
        );
        assert_eq!(
            speaker_label(&Speaker::anonymous(), Attribution::Named),
            "anonymous contributor"
        );
        let hidden = shown_speaker(&s, Attribution::Group);
        assert_eq!(
            (hidden.name, hidden.organisation, hidden.group),
            (None, None, Some(Group::Academia))
        );
        assert_eq!(shown_speaker(&s, Attribution::Anonymous).group, None);
    }

    #[test]
    fn comments_name_the_section_of_their_anchor() {
        let text = "The trust relationships between these three groups matter.\tComment by Avri doria: And yet";
        let doc = Document {
            id: "d".into(),
            path: "d.txt".into(),
            path_raw: None,
            format: "word_export".into(),
            title: None,
            kind: "draft".into(),
            text: text.into(),
            meta: Default::default(),
            warnings: Vec::new(),
            authors: Vec::new(),
            blocks: Vec::new(),
        };
        let at = text.find("And yet").expect("comment");
        let mut p = Passage::new(&doc, 2, PassageKind::Comment, at, text.len());
        p.speaker = Some(Speaker::named("Avri doria", How::Comment));
        p.section = vec!["2. Existing policy measures".into()];
        p.anchor = Some(Span::of(text, 0, text.find('\t').expect("tab")));
        let none = Redactor::default();
        assert_eq!(
            attribution(&p, Attribution::Named, &none, None),
            "Avri doria, comment on §2: “The trust relationships between these three…”"
        );
        assert_eq!(
            attribution(&p, Attribution::Anonymous, &none, None),
            "one participant, comment on §2: “The trust relationships between these three…”"
        );
        let anchored = vec!["4. Unintended consequences".to_string()];
        assert!(
            attribution(&p, Attribution::Named, &none, Some(&anchored))
                .starts_with("Avri doria, comment on §4: “")
        );
        p.section = vec!["Principles:".into()];
        assert!(
            attribution(&p, Attribution::Named, &none, None).contains("comment on “Principles”: “")
        );
    }

    #[test]
    fn snippets_cut_at_words_and_numbers_are_read() {
        assert_eq!(snippet("short  text", 48), "short text");
        assert_eq!(
            snippet(
                "Contributors to the process have been providing statements",
                30
            ),
            "Contributors to the process…"
        );
        assert_eq!(
            section_number("III. Interval #3 (July 11").as_deref(),
            Some("III")
        );
        assert_eq!(section_number("2.1 Rebuilding").as_deref(), Some("2.1"));
        assert_eq!(section_number("Lessons learned:"), None);
        assert_eq!(
            clean_heading("II. Interval #2: **The Craft**"),
            "II. Interval #2: The Craft"
        );
        assert_eq!(section_number("I think so"), None);
    }
}
