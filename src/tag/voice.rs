//! Voice: the stakeholder group a passage speaks for.
//!
//! What: the speaker's group when attribution found one (`passage.speaker.group`); otherwise
//! a collective voice the text claims for itself: "As civil society we …", "As governments,
//! we …", "we in the private sector …", "those of us in academia …", "speaking on behalf of
//! civil society …"; otherwise the group the passage's or its document's metadata declares
//! (a `stakeholder_group`, `group`, `sector`, `stakeholder` or `constituency` field, or a
//! `Sector: Civil Society` line in the document's header, as submission forms have, read with
//! [`crate::attribute::parse_sector`]: see [`declared_group`]). Otherwise none.
//!
//! Why: the synthesis counts views per stakeholder group. Session notes often carry no names
//! but say whose view it is, and that claim is the best evidence of the voice there is; a
//! submission form says once, at the top, for whom the whole submission speaks.
//!
//! Example: seed 003's "As civil society we need to be open to ensure participation …"
//! speaks for civil_society, though no speaker is named.

use std::sync::LazyLock;

use regex::Regex;

use super::matcher::{Analyzed, Hit};
use crate::attribute::parse_sector;
use crate::model::{Document, Group, Passage};

/// Metadata fields that name a stakeholder group.
const GROUP_FIELDS: [&str; 5] = [
    "stakeholder_group",
    "group",
    "sector",
    "stakeholder",
    "constituency",
];
/// Header lines that name the submitter's group: "Sector: Civil Society".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t]*(?:sector|stakeholder[ _]group|stakeholder|constituency)[ \t]*:[ \t]*(\S[^\n]*)$")
        .expect("the header pattern is a valid regex")
});
/// Lines of a document read for a header.
const HEADER_LINES: usize = 20;

/// The group a set of metadata fields declares, if any.
fn meta_group(meta: &std::collections::BTreeMap<String, serde_json::Value>) -> Option<Group> {
    GROUP_FIELDS
        .iter()
        .filter_map(|k| meta.get(*k).and_then(|v| v.as_str()))
        .find_map(parse_sector)
}

/// The group a document declares it speaks for: a metadata field, or a `Sector:` line among
/// its first lines (a NETmundial submission: "Sector: Civil Society").
pub fn declared_group(doc: &Document) -> Option<Group> {
    if let Some(g) = meta_group(&doc.meta) {
        return Some(g);
    }
    let head_end = doc
        .text
        .match_indices('\n')
        .nth(HEADER_LINES)
        .map_or(doc.text.len(), |(i, _)| i);
    HEADER
        .captures_iter(&doc.text[..head_end])
        .find_map(|c| c.get(1).and_then(|m| parse_sector(m.as_str())))
}

/// Words that may stand between the claim words and the group ("we in the private sector").
const FILLER: &[&str] = &["the", "a", "an", "our"];

/// The voice of `p`, given its analysed text, group hits and the group its document declares.
pub(crate) fn voice(
    p: &Passage,
    a: &Analyzed,
    group_hits: &[(Group, Hit)],
    declared: Option<Group>,
) -> Option<Group> {
    if let Some(g) = p.speaker.as_ref().and_then(|s| s.group) {
        return Some(g);
    }
    let mut claims: Vec<(usize, Group)> = group_hits
        .iter()
        .filter(|(_, h)| claims_voice(a, h))
        .map(|(g, h)| (h.start, *g))
        .collect();
    claims.sort();
    claims
        .first()
        .map(|&(_, g)| g)
        .or_else(|| meta_group(&p.meta))
        .or(declared)
}

/// True when the words around the hit claim to speak as that group.
fn claims_voice(a: &Analyzed, h: &Hit) -> bool {
    let word = |i: usize| (i < a.len()).then(|| a.lower(i));
    // back over fillers to the word before the group
    let mut b = h.start;
    while b > 0 && word(b - 1).is_some_and(|w| FILLER.contains(&w)) {
        b -= 1;
    }
    let before = |k: usize| b.checked_sub(k).and_then(word);
    let after = word(h.end);
    // "As civil society we", "As governments, we"; not "such as governments we"
    if before(1) == Some("as") && after == Some("we") && before(2) != Some("such") {
        return true;
    }
    // "we in the private sector", "we as civil society", "those of us in academia"
    if matches!(before(1), Some("in" | "as" | "from"))
        && (before(2) == Some("we") || before(2) == Some("us") && before(3) == Some("of"))
    {
        return true;
    }
    // "speaking on behalf of civil society", "speaking for business"
    let speaking = |k: usize| matches!(before(k), Some("speaking" | "speak" | "speaks"));
    before(1) == Some("for") && speaking(2)
        || before(1) == Some("of")
            && before(2) == Some("behalf")
            && before(3) == Some("on")
            && speaking(4)
}
