//! What a body is made of, for [`super::org_group`]: an association whose members are
//! companies (business), local governments (government), professionals (civil society) or
//! people of a cause (civil society); a union of people or of states; a national institute of
//! the state or of learning; a group of companies or of people. The words are the rules file's
//! `[members]` and `[state]` lists.
//!
//! Phrases are normalised like [`super::normalise`].

use super::rules::Phrase;
use super::{OrgRules, Verdict, any_word, before_links, find_word, head, rule_match, shown};
use crate::model::EvidenceKind as E;
use crate::model::Group::{Business as B, CivilSociety as C, Government as G};

/// What a membership body is made of: the words before it says what it is for ("Association
/// **for** Proper Internet Governance").
fn made_of<'a>(r: &OrgRules, norm: &'a str) -> &'a str {
    before_links(norm, &r.purpose_link_set)
}

/// An association of local governments: government ("Federation of Canadian Municipalities").
pub(super) fn local_government_body(r: &OrgRules, part: &str, norm: &str) -> Option<Verdict> {
    let m = &r.members;
    if !any_word(made_of(r, norm), &m.heads) {
        return None;
    }
    find_word(norm, &m.local_governments).map(|w| Verdict::new(G, 2, E::Members, shown(part, w)))
}

/// An association whose members are companies: an industry word in what it is made of
/// ("Telecommunications **Industry** Association"), or a sector word there with no cause in
/// the name ("Argentina **Internet** Association", but not "Internet **Users** Association").
pub(super) fn industry_body(r: &OrgRules, part: &str, norm: &str) -> Option<Verdict> {
    let m = &r.members;
    let members = made_of(r, norm);
    if any_word(members, &m.heads)
        && !any_word(norm, &m.workers)
        && let Some(w) = find_word(members, &m.industry)
    {
        return Some(Verdict::new(B, 2, E::Members, shown(part, w)));
    }
    if any_word(members, &m.sector_heads)
        && !any_word(norm, &m.causes)
        && !any_word(norm, &m.workers)
        && let Some(w) = find_word(members, &m.sectors)
    {
        return Some(Verdict::new(B, 2, E::Members, shown(part, w)));
    }
    // An industry and a region: "Insurance Europe", "Home Appliance Europe".
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    if let [industry @ .., region] = words.as_slice()
        && !industry.is_empty()
        && m.regions.iter().any(|x| x == region)
        && only_industry(r, industry)
    {
        let p = Phrase {
            text: industry.join(" "),
            suffix: false,
        };
        return Some(Verdict::new(B, 2, E::Members, shown(part, &p)));
    }
    None
}

/// Whether `words` are made only of industry and sector phrases (and "and").
fn only_industry(r: &OrgRules, words: &[&str]) -> bool {
    let m = &r.members;
    let mut i = 0;
    'next: while i < words.len() {
        if words[i] == "and" {
            i += 1;
            continue;
        }
        for p in m.sectors.iter().chain(m.industry.iter()) {
            if p.suffix {
                if words[i].ends_with(p.text.as_str()) {
                    i += 1;
                    continue 'next;
                }
                continue;
            }
            let n = p.text.split(' ').count();
            if words.len() - i >= n && words[i..i + n].join(" ") == p.text {
                i += n;
                continue 'next;
            }
        }
        return false;
    }
    words.iter().any(|w| *w != "and")
}

/// A membership body of workers: a trade union ("Unión General de Trabajadores").
pub(super) fn workers_body(r: &OrgRules, part: &str, norm: &str) -> Option<Verdict> {
    let m = &r.members;
    let made = made_of(r, norm);
    let union = made.split(' ').any(|w| m.unions.iter().any(|u| u == w));
    if !union && !any_word(made, &m.heads) {
        return None;
    }
    let w = find_word(norm, &m.workers)?;
    (!any_word(norm, &m.industry)).then(|| Verdict::new(C, 2, E::Members, shown(part, w)))
}

/// A union of people, whose head ends in "union": a trade union, a students' union ("National
/// Union of Students", "University and College Union"). Unions of states are named otherwise
/// or known by name ("European Union", "African Union"); a credit union is a business (an
/// earlier rule).
pub(super) fn union_of_people(r: &OrgRules, part: &str, norm: &str) -> Option<Verdict> {
    let last = head(r, norm).split(' ').rfind(|w| !w.is_empty())?;
    let union = r.members.unions.iter().find(|u| *u == last)?;
    let p = Phrase {
        text: union.clone(),
        suffix: false,
    };
    (!any_word(norm, &r.members.union_of_states))
        .then(|| Verdict::new(C, 2, E::Word, shown(part, &p)))
}

/// A national institute is the state's, as "Instituto Nacional" is: "National Institute of
/// Cyber Security", "National Institute for Health and Care Excellence"; not one of learning
/// ("National Institute of Technology").
pub(super) fn national_institute(r: &OrgRules, part: &str, norm: &str) -> Option<Verdict> {
    let h = head(r, norm);
    let w = find_word(h, &r.state.institutes)?;
    (!any_word(norm, &r.members.learning)).then(|| Verdict::new(G, 2, E::Word, shown(part, w)))
}

/// A professional body: a college, order, institute or society of a profession (civil
/// society, as professional associations declare themselves).
pub(super) fn professional_body(r: &OrgRules, part: &str, norm: &str) -> Option<Verdict> {
    let m = &r.members;
    if !any_word(head(r, norm), &m.professional_heads) {
        return None;
    }
    find_word(norm, &m.professions).map(|w| Verdict::new(C, 2, E::Members, shown(part, w)))
}

/// A short name ending in "Group" with no type word besides is a company group ("Alibaba
/// Group", "BT Group"); "Working Group", "International Crisis Group" are not.
pub(super) fn company_group(r: &OrgRules, bare: &str) -> bool {
    let words: Vec<&str> = bare.split(' ').filter(|w| !w.is_empty()).collect();
    matches!(words.as_slice(), [.., before, "group"]
        if !r.members.group_of_people.iter().any(|g| g == before))
        && words.len() <= 3
        && rule_match(bare, &r.words).is_none()
        && rule_match(bare, &r.head_words).is_none()
}
