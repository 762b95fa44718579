//! The overview that opens an outline: documents, passages, participants per stakeholder
//! group, voices, the date range where passages carry dates, submissions and campaigns.
//!
//! Dates are read from passage metadata (`date`, `created`, `created_at`, `timestamp`,
//! `submitted`) in the forms exports use: ISO (`2014-06-18`, `2014-06-18T09:34:52Z`),
//! `2014/06/18`, `18 June 2014`, `June 18, 2014` and `Wed Jun 18 11:53:44 WIB 2014`; anything
//! else is ignored, so the range is only where dates are known.
//!
//! ```
//! use rapporteur::synth::overview::date;
//! assert_eq!(date("Wed Jun 18 11:53:44 WIB 2014").as_deref(), Some("2014-06-18"));
//! assert_eq!(date("2016-05-12T10:00:00Z").as_deref(), Some("2016-05-12"));
//! assert_eq!(date("soon"), None);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::{
    Coverage, Ctx, DateRange, Overview, SourceCoverage, Submissions, UNKNOWN_VOICE, stances, voices,
};
use crate::model::{Group, Passage, PassageKind};

/// Metadata keys that hold a date.
pub const DATE_KEYS: &[&str] = &["date", "created", "created_at", "timestamp", "submitted"];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static ISO: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})").ok());
static DAY_MONTH: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b").ok());
static MONTH_DAY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,|\s).*?\b(\d{4})\b").ok()
});

fn month(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .and_then(|p| u32::try_from(p + 1).ok())
}

fn ymd(y: &str, m: u32, d: &str) -> Option<String> {
    let y: u32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    ((1000..=2999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A date in one of the forms of the module doc, as `YYYY-MM-DD`.
pub fn date(s: &str) -> Option<String> {
    if let Some(c) = ISO.as_ref().and_then(|re| re.captures(s)) {
        let m: u32 = c.get(2)?.as_str().parse().ok()?;
        return ymd(c.get(1)?.as_str(), m, c.get(3)?.as_str());
    }
    if let Some(c) = DAY_MONTH.as_ref().and_then(|re| re.captures(s)) {
        if let Some(m) = month(c.get(2)?.as_str()) {
            return ymd(c.get(3)?.as_str(), m, c.get(1)?.as_str());
        }
    }
    if let Some(c) = MONTH_DAY.as_ref().and_then(|re| re.captures(s)) {
        if let Some(m) = month(c.get(1)?.as_str()) {
            return ymd(c.get(3)?.as_str(), m, c.get(2)?.as_str());
        }
    }
    None
}

/// The overview of the corpus.
pub(crate) fn overview(ctx: &Ctx, taxonomy_themes: usize, sections: usize) -> Overview {
    let passages = ctx.passages;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for p in passages {
        *kinds.entry(p.kind.as_str().to_string()).or_insert(0) += 1;
    }
    let people = crate::attribute::participants(passages);
    let mut by_group: BTreeMap<String, usize> = BTreeMap::new();
    for person in &people {
        let g = person.group.map_or(UNKNOWN_VOICE, Group::as_str);
        *by_group.entry(g.to_string()).or_insert(0) += 1;
    }
    let themes: BTreeSet<&str> = passages
        .iter()
        .filter(|p| p.kind != PassageKind::Heading)
        .flat_map(|p| p.themes.iter().map(|t| t.id.as_str()))
        .collect();
    let mut dates: Vec<String> = Vec::new();
    for p in passages {
        let found = DATE_KEYS
            .iter()
            .find_map(|k| date(p.meta.get(*k)?.as_str()?));
        dates.extend(found);
    }
    let range = match (dates.iter().min(), dates.iter().max()) {
        (Some(from), Some(to)) => Some(DateRange {
            from: from.clone(),
            to: to.clone(),
            dated_passages: dates.len(),
        }),
        _ => None,
    };
    let d = &ctx.dups;
    Overview {
        documents: d.documents,
        passages: passages.len(),
        kinds,
        participants: people.len(),
        participants_by_group: by_group,
        anonymous_passages: crate::attribute::anonymous_count(passages),
        voices: voices(passages.iter()),
        stances: stances(passages.iter()),
        dates: range,
        submissions: Submissions {
            submissions: d.documents,
            campaigns: d
                .campaigns
                .iter()
                .filter(|c| c.kind == super::CampaignKind::FormLetter)
                .count(),
            in_campaigns: d.in_form_letters,
            unique: d.documents - d.in_form_letters.min(d.documents),
            copied_texts: d
                .campaigns
                .iter()
                .filter(|c| c.kind == super::CampaignKind::CopiedText)
                .count(),
        },
        themes: themes.len(),
        taxonomy_themes,
        sections,
        coverage: Coverage::default(),
    }
}

/// How much of the corpus is quoted (`quoted`: passage ids) or counted, in all and per source
/// file. `paths` are the documents' (id, path); `shown` turns a path into what the outline
/// shows. `verify` recounts with this function.
pub fn coverage(
    paths: &[(&str, &str)],
    passages: &[Passage],
    quoted: &BTreeSet<&str>,
    shown: &dyn Fn(&str) -> String,
) -> Coverage {
    let path_of: BTreeMap<&str, &str> = paths.iter().copied().collect();
    let mut all = Coverage::default();
    let mut by_path: BTreeMap<&str, (SourceCoverage, BTreeSet<&str>)> = BTreeMap::new();
    for p in passages.iter().filter(|p| p.kind != PassageKind::Heading) {
        let path = path_of
            .get(p.doc.as_str())
            .copied()
            .unwrap_or(p.doc.as_str());
        let (c, docs) = by_path.entry(path).or_default();
        docs.insert(p.doc.as_str());
        let no_theme = usize::from(p.themes.is_empty());
        let q = usize::from(quoted.contains(p.id.as_str()));
        c.passages += 1;
        c.no_theme += no_theme;
        c.quoted += q;
        all.passages += 1;
        all.no_theme += no_theme;
        all.quoted += q;
    }
    all.sources = by_path
        .into_iter()
        .map(|(path, (mut c, docs))| {
            c.source = shown(path);
            c.documents = docs.len();
            c
        })
        .collect();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_date_forms_are_read() {
        assert_eq!(date("2014-06-18").as_deref(), Some("2014-06-18"));
        assert_eq!(date("2014/6/8 10:00").as_deref(), Some("2014-06-08"));
        assert_eq!(date("18 June 2014").as_deref(), Some("2014-06-18"));
        assert_eq!(date("June 18, 2014").as_deref(), Some("2014-06-18"));
        assert_eq!(
            date("Sat Nov 17 05:09:36 WIB 2018").as_deref(),
            Some("2018-11-17")
        );
        assert_eq!(date("2014-13-40"), None);
        assert_eq!(date("1416304176"), None);
    }
}
