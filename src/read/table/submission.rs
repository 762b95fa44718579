//! Written submissions with a header block (NETmundial 2014): `Area:`, `Entitled by:`,
//! `Region:`, `Organization:`, `Sector:`, `Keywords:` lines, then `Abstract` and `Document`.
//!
//! The header is metadata, not text to quote: its values go to the document's `meta`
//! (`area`, `entitled_by`, `region`, `organisation`, `sector`, `keywords`) and make the
//! speaker of every passage below it (`how: "metadata"`; the `Sector:` line sets the group).
//! What real files do is handled: values that wrap onto the next line (`Organization:
//! DEPARTMENT FOR CULTURE, MEDIA AND SPORT,\nUNITED KINGDOM GOVERNMENT`), labels glued to the
//! text before them (`…perspectiveArea: …`, `Click here to see the doc 1Abstract`), and an
//! `Entitled by:` that names an organisation rather than a person. The title (the lines
//! before `Area:`) is the document's title; `Abstract` and `Document` are headings. With the
//! `netmundial` preset, a full-text file `NNNB.txt` takes the header of its sibling
//! `NNNA.txt`.
//!
//! ```text
//! Microsoft Submission for NETmundial            → title
//! Entitled by: Paul Mitchell                     → speaker Paul Mitchell
//! Organization: Microsoft Corporation            → organisation
//! Sector: Private Sector                         → group business
//! ```

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::attribute::{declare_sector, org_group, parse_sector};
use crate::model::{Block, How, PassageKind, Speaker};
use crate::read::text::{self, Flavor, Item, Parsed, line_spans, trim_span};

/// Header labels, in the order submissions write them, with their meta keys.
const LABELS: &[(&str, &str)] = &[
    ("Area:", "area"),
    ("Entitled by:", "entitled_by"),
    ("Region:", "region"),
    ("Organization:", "organisation"),
    ("Organisation:", "organisation"),
    ("Sector:", "sector"),
    ("Keywords:", "keywords"),
    ("Doc Attached:", "doc_attached"),
];

/// A parsed header block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Header {
    /// The title's span (the text before the first label).
    pub title: Option<(usize, usize)>,
    /// Meta key → value (wrapped lines joined with spaces).
    pub fields: BTreeMap<&'static str, String>,
    /// The span of the `Abstract` heading, if any.
    pub abstract_heading: Option<(usize, usize)>,
    /// Where the text after the header starts.
    pub body_start: usize,
}

/// Whether a text opens with a submission header.
pub(crate) fn looks_like(text: &str) -> bool {
    let head = &text[..floor(text, 4000)];
    head.contains("Entitled by:") && head.contains("Sector:")
}

fn floor(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Parses the header block at the top of `text`.
pub(crate) fn parse_header(text: &str) -> Option<Header> {
    let head_end = floor(text, 6000);
    let head = &text[..head_end];
    let entitled = head.find("Entitled by:")?;
    let mut found: Vec<(usize, &str, &'static str)> = Vec::new();
    for &(label, key) in LABELS {
        let pos = if label == "Area:" {
            head[..entitled].rfind(label)
        } else {
            head[entitled..].find(label).map(|p| p + entitled)
        };
        if let Some(p) = pos
            && !found.iter().any(|(_, _, k)| *k == key)
        {
            found.push((p, label, key));
        }
    }
    found.sort_unstable();
    let last_end = found.last().map_or(0, |&(p, l, _)| p + l.len());
    // "Abstract" on its own line, or glued to the end of the last header line.
    let abstract_heading = line_spans(text)
        .into_iter()
        .filter(|&(_, e)| e > last_end)
        .take(8)
        .find_map(|(s, e)| {
            let line = text[s..e].trim_end();
            line.ends_with("Abstract").then(|| {
                let a = s + line.len() - "Abstract".len();
                (a, a + "Abstract".len())
            })
        });
    let body_start = abstract_heading.map_or_else(
        || {
            text[last_end..]
                .find('\n')
                .map_or(text.len(), |i| last_end + i + 1)
        },
        |(_, e)| e,
    );
    let mut fields = BTreeMap::new();
    for (i, &(p, label, key)) in found.iter().enumerate() {
        let end = found
            .get(i + 1)
            .map(|&(q, _, _)| q)
            .or(abstract_heading.map(|(a, _)| a))
            .unwrap_or(body_start)
            .max(p + label.len());
        let value = text[p + label.len()..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !value.is_empty() {
            fields.insert(key, value);
        }
    }
    let first = found.first().map_or(0, |&(p, _, _)| p);
    let (ts, te) = trim_span(text, 0, first);
    Some(Header {
        title: (ts < te).then_some((ts, te)),
        fields,
        abstract_heading,
        body_start,
    })
}

/// Words that make an `Entitled by:` value an organisation ("PANEL ON GLOBAL INTERNET
/// COOPERATION …", "Commonwealth Telecommunications Organisation").
const ORG_WORDS: &[&str] = &[
    "organisation",
    "organization",
    "organizations",
    "panel",
    "committee",
    "council",
    "association",
    "ministry",
    "government",
    "department",
    "agency",
    "coalition",
    "network",
    "foundation",
    "institute",
    "university",
    "society",
    "union",
    "group",
    "forum",
    "commission",
    "secretariat",
    "center",
    "centre",
    "caucus",
    "members",
    "individuals",
];

/// The person an `Entitled by:` value names: degrees dropped, the first of several people,
/// capitals normalised; `None` for an organisation.
fn entitled_person(value: &str, organisation: Option<&str>) -> Option<String> {
    let mut v = value.trim();
    for degree in [", Ph.D.", ", PhD", " Ph.D.", ", Dr.", ", MBA"] {
        v = v.strip_suffix(degree).unwrap_or(v).trim();
    }
    let lower = v.to_lowercase();
    let org_like = org_group(v).is_some()
        || organisation.is_some_and(|o| o.eq_ignore_ascii_case(v))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ORG_WORDS.contains(&w));
    if v.is_empty() || org_like {
        return None;
    }
    // "Cristine Hoepers, Klaus Steding-Jessen, Henrique Faulhaber": the first signs for all.
    let first = v
        .split([',', ';', '/'])
        .next()
        .and_then(|f| f.split(" and ").next())
        .map_or(v, str::trim);
    Some(crate::attribute::labels::normalise_caps(first))
}

/// The speaker a header names, and the meta it contributes.
pub(crate) fn speaker(h: &Header) -> Speaker {
    let organisation = h.fields.get("organisation").cloned();
    let entitled = h.fields.get("entitled_by");
    // "Entitled by: Ministry of Foreign Affairs of …" names an organisation, not a person.
    let name = entitled.and_then(|e| entitled_person(e, organisation.as_deref()));
    let organisation = match (organisation, entitled) {
        (None, Some(e)) if name.is_none() => Some(e.clone()),
        (o, _) => o,
    };
    let mut speaker = Speaker {
        anonymous: name.is_none() && organisation.is_none(),
        role: None,
        organisation,
        how: How::Metadata,
        ..Speaker::named(String::new(), How::Metadata)
    };
    speaker.name = name;
    if let Some((value, group)) = h
        .fields
        .get("sector")
        .and_then(|s| parse_sector(s).map(|g| (s, g)))
    {
        declare_sector(&mut speaker, group, value);
    }
    speaker
}

/// The header's fields as document meta.
pub(crate) fn meta(h: &Header) -> BTreeMap<String, Value> {
    h.fields
        .iter()
        .map(|(k, v)| ((*k).to_string(), json!(v)))
        .collect()
}

/// Gives every non-heading block the submission's speaker and sector.
pub(crate) fn attach(blocks: &mut [Block], speaker: &Speaker, sector: Option<&String>) {
    for b in blocks.iter_mut().filter(|b| b.kind != PassageKind::Heading) {
        b.speaker = Some(speaker.clone());
        if let Some(s) = sector {
            b.meta.insert("sector".into(), json!(s));
        }
    }
}

/// Reads a submission with its header: title, `Abstract`/`Document` headings, body.
pub(crate) fn read(text: &str) -> Option<(Parsed, Header)> {
    let h = parse_header(text)?;
    let mut items = Vec::new();
    if let Some((s, e)) = h.title {
        items.push(Item::Body {
            start: s,
            end: s,
            attached: vec![Block::heading(s, e, 0)],
        });
    }
    if let Some((s, e)) = h.abstract_heading {
        items.push(Item::Body {
            start: s,
            end: s,
            attached: vec![Block::heading(s, e, 1)],
        });
    }
    for (s, e) in line_spans(text) {
        if e <= h.body_start {
            continue;
        }
        let s = s.max(h.body_start);
        let line = text[s..e].trim();
        items.push(if line.is_empty() {
            Item::Blank
        } else if line == "Document" || line == "Abstract" {
            let (a, b) = trim_span(text, s, e);
            Item::Body {
                start: a,
                end: a,
                attached: vec![Block::heading(a, b, 1)],
            }
        } else {
            Item::Body {
                start: s,
                end: e,
                attached: Vec::new(),
            }
        });
    }
    let mut parsed = text::structure(text, items, Flavor::Plain);
    let title = h
        .title
        .map(|(s, e)| text[s..e].split_whitespace().collect::<Vec<_>>().join(" "));
    // The title heading is the document's name; body lines that look like titles are sections.
    parsed.title = title.or(parsed.title);
    let sp = speaker(&h);
    attach(&mut parsed.blocks, &sp, h.fields.get("sector"));
    Some((parsed, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Group;

    #[test]
    fn wrapped_values_and_glued_labels() {
        let t = "Internet Roadmap topics: Freedom and Security in \nCyberspace - A Cyber Defense perspectiveArea: COMBINED INTERNET GOVERNANCE PRINCIPLES AND \nROADMAP\nEntitled by: Paul Blaker\nRegion: UNITED KINGDOM\nOrganization: DEPARTMENT FOR CULTURE, MEDIA AND SPORT,\nUNITED KINGDOM GOVERNMENT\nSector: Government\nKeywords: consensus, IGF\nDoc Attached: Click here to see the doc 1Abstract\nThe Government of the United Kingdom welcomes this opportunity.\nDocument\nFull text here.\n";
        let (parsed, h) = read(t).expect("a submission");
        assert_eq!(
            h.fields["area"],
            "COMBINED INTERNET GOVERNANCE PRINCIPLES AND ROADMAP"
        );
        assert_eq!(
            h.fields["organisation"],
            "DEPARTMENT FOR CULTURE, MEDIA AND SPORT, UNITED KINGDOM GOVERNMENT"
        );
        assert_eq!(h.fields["doc_attached"], "Click here to see the doc 1");
        assert_eq!(
            parsed.title.as_deref(),
            Some(
                "Internet Roadmap topics: Freedom and Security in Cyberspace - A Cyber Defense perspective"
            )
        );
        let texts: Vec<(&str, bool)> = parsed
            .blocks
            .iter()
            .map(|b| (&t[b.start..b.end], b.speaker.is_some()))
            .collect();
        assert!(texts.contains(&("Abstract", false)));
        assert!(texts.contains(&("Document", false)));
        assert!(texts.contains(&(
            "The Government of the United Kingdom welcomes this opportunity.",
            true
        )));
        let sp = speaker(&h);
        assert_eq!(sp.name.as_deref(), Some("Paul Blaker"));
        assert_eq!(sp.group, Some(Group::Government));
        assert!(!texts.iter().any(|(s, _)| s.contains("Entitled by")));
    }

    #[test]
    fn entitled_by_values() {
        assert_eq!(
            entitled_person("Susan Ariel Aaronson, Ph.D.", None).as_deref(),
            Some("Susan Ariel Aaronson")
        );
        assert_eq!(
            entitled_person("LORENZO PUPILLO", None).as_deref(),
            Some("Lorenzo Pupillo")
        );
        assert_eq!(
            entitled_person(
                "Cristine Hoepers, Klaus Steding-Jessen, Henrique Faulhaber",
                None
            )
            .as_deref(),
            Some("Cristine Hoepers")
        );
        assert_eq!(
            entitled_person(
                "PANEL ON GLOBAL INTERNET COOPERATION AND GOVERNANCE MECHANISMS",
                None
            ),
            None
        );
        assert_eq!(
            entitled_person(
                "Commonwealth Telecommunications Organisation",
                Some("Commonwealth Telecommunications Organisation")
            ),
            None
        );
    }

    #[test]
    fn an_organisation_entitled_is_not_a_person() {
        let t = "Code\nArea: X\nEntitled by: Ministry of Foreign Affairs of the People's Republic of China\nRegion: China\nOrganization: Government of People's Republic of China\nSector: Government\nAbstract\nText.\n";
        let h = parse_header(t).expect("header");
        let sp = speaker(&h);
        assert_eq!(sp.name, None);
        assert_eq!(
            sp.organisation.as_deref(),
            Some("Government of People's Republic of China")
        );
    }
}
