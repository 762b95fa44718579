//! Mentions: the stakeholder groups a passage talks about.
//!
//! What: every group of the taxonomy's `[groups]` table with at least one cue in the passage
//! (after its exclusions: "non-state actors" is not a mention of government, "non-commercial"
//! not of business), deduplicated and sorted in the contract's group order.
//!
//! Why: a rapporteur counts who is talked about as well as who speaks ("what do business
//! contributors say about governments?"), and the recommendation tagger uses the same cues to
//! find whom a recommendation is addressed to.
//!
//! Example: "new coalitions of traditional global actors (states and international
//! organizations) and non-traditional actors (civil society, the business community, and the
//! media)" mentions government, intergovernmental, business, civil_society and media.

use std::collections::BTreeSet;

use super::matcher::Hit;
use crate::model::Group;

/// The groups the `group_hits` belong to, sorted and deduplicated.
pub(crate) fn mentions(group_hits: &[(Group, Hit)]) -> Vec<Group> {
    group_hits
        .iter()
        .map(|(g, _)| *g)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}
