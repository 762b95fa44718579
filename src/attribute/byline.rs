//! The byline fallback: a passage nobody in the text speaks is its document's authors'.
//!
//! What: after the other rules, a narrative passage (paragraph, bullet, footnote, quote)
//! without a speaker takes the document's first author as speaker (`how: "byline"`, role
//! `author` or `convenor`), the other authors in `with`, and so its voice from the authors'
//! group. Never over what the text attributes: a passage some rule gave a speaker keeps it
//! ("X argued that …", "According to …", "one contributor noted", a comment's reviewer), and
//! a passage that reports a view of unnamed others that the anonymous rule did not take ("For
//! several of the contributors, …", "as critics have argued") stays without one. Speaker-list
//! lines, the byline itself and the letterhead or signature lines are nobody's speech.
//!
//! Why: a submission, a paper or a report speaks for whoever wrote it; a synthesis report's
//! summaries are its convenors' words. Where the document names no author, nothing changes.
//!
//! Example: a paragraph of seed 002 (Buitelaar and Ponzio's background paper) is "— Tom
//! Buitelaar and Richard Ponzio (authors), European University Institute" in the outline.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Author, AuthorSource, CoSpeaker, How, Passage, PassageKind, Speaker};

/// Others the text reports a view of: "several of the contributors", "critics have argued".
static OTHERS_REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:for|according to|in the view of|in the eyes of)\s+(?:one|some|several|many|most|a few|other|the)\s+(?:of\s+the\s+)?(?:[a-z-]+\s+)?(?:contributors?|participants?|commentators?|respondents?|critics|observers|attendees|delegates|panell?ists|speakers|experts)|(?:contributors?|participants?|commentators?|respondents?|critics|observers|attendees|delegates|panell?ists|experts|members|stakeholders|others)\s+(?:have\s+|had\s+|also\s+)?(?:argued|noted|said|shared|felt|suggested|observed|contended|pointed out|referenced|stated|believed|recommended|proposed|expressed|raised|mentioned|stressed|emphasi[sz]ed|highlighted|agreed|warned|cautioned|claimed|insisted|maintained))\b",
    )
    .expect("the reported-others pattern is a valid regex")
});

/// Whether the text gives (part of) itself to unnamed others.
pub(crate) fn reports_others(text: &str) -> bool {
    OTHERS_REPORTED.is_match(text)
}

/// The speaker the authors make: the first author, with the others.
pub(crate) fn speaker(authors: &[Author]) -> Option<Speaker> {
    let (first, others) = authors.split_first()?;
    let role = match first.how {
        AuthorSource::Convenor => "convenor",
        _ => "author",
    };
    Some(Speaker {
        name: first.name.clone(),
        role: Some(role.to_string()),
        organisation: first.organisation.clone(),
        group: first.group,
        evidence: first.group.and(first.evidence.clone()),
        mismatch: None,
        how: How::Byline,
        anonymous: false,
        with: others
            .iter()
            .map(|a| CoSpeaker {
                name: a.name.clone(),
                organisation: a.organisation.clone(),
                group: a.group,
            })
            .collect(),
    })
}

/// Gives the authors' speaker to each passage the module doc says it goes to.
pub(crate) fn fall_back(
    authors: &[Author],
    passages: &mut [Passage],
    texts: &[String],
    is_roster: &[bool],
) {
    let Some(by) = speaker(authors) else {
        return;
    };
    let evidence: Vec<(usize, usize)> = authors
        .iter()
        .filter_map(|a| a.span.as_ref().map(|s| (s.start, s.end)))
        .collect();
    for (i, p) in passages.iter_mut().enumerate() {
        let narrative = matches!(
            p.kind,
            PassageKind::Paragraph
                | PassageKind::Bullet
                | PassageKind::Footnote
                | PassageKind::Quote
        );
        if p.speaker.is_some() || !narrative || is_roster.get(i).copied().unwrap_or(false) {
            continue;
        }
        // The byline, letterhead or signature itself.
        if evidence
            .iter()
            .any(|&(s, e)| p.start < e && s < p.end && p.end - p.start <= 2 * (e - s).max(60))
        {
            continue;
        }
        let text = texts.get(i).map_or(p.text.as_str(), String::as_str);
        if reports_others(text) {
            continue;
        }
        p.speaker = Some(by.clone());
    }
}
