//! Voice: the stakeholder group a passage speaks for.
//!
//! What: the speaker's group when attribution found one (`passage.speaker.group`); otherwise
//! a collective voice the text claims for itself: "As civil society we …", "As governments,
//! we …", "we in the private sector …", "those of us in academia …", "speaking on behalf of
//! civil society …". Otherwise none.
//!
//! Why: the synthesis counts views per stakeholder group. Session notes often carry no names
//! but say whose view it is, and that claim is the best evidence of the voice there is.
//!
//! Example: seed 003's "As civil society we need to be open to ensure participation …"
//! speaks for civil_society, though no speaker is named.

use super::matcher::{Analyzed, Hit};
use crate::model::{Group, Passage};

/// Words that may stand between the claim words and the group ("we in the private sector").
const FILLER: &[&str] = &["the", "a", "an", "our"];

/// The voice of `p`, given its analysed text and group hits.
pub(crate) fn voice(p: &Passage, a: &Analyzed, group_hits: &[(Group, Hit)]) -> Option<Group> {
    if let Some(g) = p.speaker.as_ref().and_then(|s| s.group) {
        return Some(g);
    }
    let mut claims: Vec<(usize, Group)> = group_hits
        .iter()
        .filter(|(_, h)| claims_voice(a, h))
        .map(|(g, h)| (h.start, *g))
        .collect();
    claims.sort();
    claims.first().map(|&(_, g)| g)
}

/// True when the words around the hit claim to speak as that group.
fn claims_voice(a: &Analyzed, h: &Hit) -> bool {
    let word = |i: usize| a.toks.get(i).map(|t| t.lower.as_str());
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
