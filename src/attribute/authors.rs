//! Document authorship: who wrote a document, from what the document itself says.
//!
//! What: [`document_authors`] reads, in this order, and the first that answers gives the
//! authors (a later one only completes a person's organisation):
//! 1. a submission form's header (`Entitled by:`, `Organization:`, `Sector:`, read into
//!    `meta` by the submission reader): [`AuthorSource::Header`];
//! 2. a **byline**: a line of personal names under the title ("Tom Buitelaar and Richard
//!    Ponzio", "Roberto Uzal (*) Daniel Riesco (*)", "Susan Ariel Aaronson, with Miles D.
//!    Townes"), each author's affiliation taken from an "About the author(s)" block ("**Tom
//!    Buitelaar** is a Ph.D. candidate … at the European University Institute of Florence");
//! 3. **prepared by**: "Prepared / Submitted / Written / Compiled by X", "on behalf of X", "X
//!    Submission for NETmundial", "Contribution of X to …", "Submission by X to …";
//! 4. a **letterhead**: one of the first lines is the name of a body the organisation rules
//!    give a group ("EUROPEAN COMMISSION", "Institute for Communication Research");
//! 5. a **signature**: the closing block ("Respectfully Submitted, / INTERNET GOVERNANCE
//!    COALITION", "Yours sincerely, / InternetNZ", "Walid Al-Saqaf / President / ISOC-Yemen");
//! 6. a **convenor**: "The Stanley Foundation, in collaboration with The Stimson Center,
//!    brought together …" in the opening paragraphs; the title of session notes ("BEST BITS
//!    SESSION 1 / DRAFT NOTES");
//! 7. a body that names itself as the one speaking in the opening paragraphs ("ISOC-Yemen
//!    welcomes the opportunity …", "The Internet Governance Caucus (IGC) wishes to thank …"),
//!    when the organisation rules know the name for a body;
//! 8. a `.docx` file's core properties (`meta.author`, from `dc:creator`), unless the value is
//!    a tool's or template's default ("Microsoft Office User", "Windows User", "Author").
//!
//! Each author's group comes from the organisation rules ([`Grouping::by_rules`], with its
//! evidence), else, when the document speaks as one group ("As civil society we …", and no
//! other group), from that claim (`self_declared`).
//!
//! Why: a submission or a paper says once who wrote it; its passages that nobody else in the
//! text speaks are its authors' (see the attribute stage's fallback, `how: "byline"`). Where
//! nothing says who wrote a document, it has no authors: an empty answer beats a guess.
//!
//! Example: seed 002's byline "Tom Buitelaar and Richard Ponzio" and its "About the authors"
//! give two authors, of the European University Institute and the Stimson Center (academia).

use std::sync::LazyLock;

use regex::Regex;

use super::groups::Grouping;
use super::names::whole_name;
use super::{org_group, parse_sector};
use crate::model::Evidence;
use crate::model::{
    Author, AuthorSource, Document, EvidenceKind, Group, Passage, PassageKind, Span,
};

/// Passages at the head of a document read for bylines, letterheads and convenors.
const HEAD_PASSAGES: usize = 12;
/// Non-empty lines at the end of a document read for a signature.
const TAIL_LINES: usize = 8;
/// Longest line that can be a letterhead, byline or signature line (bytes).
const SHORT_LINE: usize = 120;

/// Values of `dc:creator` that name a tool or template, not a person.
const TOOL_DEFAULTS: &[&str] = &[
    "microsoft office user",
    "microsoft office-benutzer",
    "utilisateur de microsoft office",
    "usuario de microsoft office",
    "utente di microsoft office",
    "windows user",
    "windows-benutzer",
    "utilisateur windows",
    "user",
    "author",
    "admin",
    "administrator",
    "owner",
    "unknown",
    "anonymous",
    "python-docx",
    "apache poi",
    "docx4j",
    "libreoffice",
    "openoffice",
    "pandoc",
    "word",
    "microsoft word",
    "test",
];

/// Words an organisation's name may hold in lower case.
const NAME_LINKS: &[&str] = &[
    "of", "for", "and", "the", "on", "in", "de", "la", "des", "du", "del", "y", "et", "für", "&",
    "to", "at",
];

static PREPARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:prepared|submitted|written|compiled|authored|presented|drafted|proposed)\s+(?:jointly\s+)?by\s+(?:the\s+)?(\S[^\n]*)",
    )
    .expect("valid regex")
});
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:on behalf of|with the support of)\s+(?:the\s+)?(\S[^\n]*)")
        .expect("valid regex")
});
/// "Google Contribution", "U.S. Government Submission for NETmundial", "Telecom Italia
/// Group's Submission for …", "Government of India's Initial Submission to …", "COAI
/// Proposal", "SINDITELEBRASIL Contribution FOR NETmundial".
static TITLE_SUBMISSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^\s*(?:The\s+)?(\S.{0,80}?)(?:'s|’s|"s)?\s+(?:Initial\s+|Written\s+)?(?i:submission|contribution|input|comments|position paper|proposal)(?i:\s+(?:for|to|on)\b|\s*$)"#,
    )
    .expect("valid regex")
});
/// A title whose possessive names the one submitting it, whatever follows: "APC's Proposed
/// Internet Governance Principles", "Poland's food for thought on …".
static TITLE_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:The\s+)?(\S.{0,80}?)(?:'s|’s)\s+(?i:proposed|proposals?|submissions?|contributions?|comments|views|position|food for thought)\b",
    )
    .expect("valid regex")
});
/// "Contribution of Telefonica to NETmundial", "Submission by AHCIET to …", "Contribution
/// from the GSM Association to …", "SUBMISSION OF THE EASTWEST INSTITUTE TO …", "Content
/// submission by the Federal Government of Mexico".
static SUBMISSION_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?i:content|joint|formal|written)\s+)?(?i:submission|contribution|input|comments|message|statement|letter)\s+(?i:of|by|from)\s+(?:(?i:the)\s+)?(\S.{0,80}?)(?i:\s+(?:to|for|on|coming|regarding|concerning)\b|\s*[:,]|\s*$)",
    )
    .expect("valid regex")
});
/// The end of a sentence: not "Ph.D. candidate".
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.;]\s+[A-Z]|;").expect("valid regex"));
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:respectfully(?:\s+submitted)?(?:\s+by)?|yours\s+(?:sincerely|truly|faithfully)|sincerely(?:\s+yours)?|best\s+regards|kind\s+regards|with\s+(?:many\s+thanks|best\s+regards)[^,]*|on\s+behalf\s+of)\s*[,.:]?\s*(.*)$",
    )
    .expect("valid regex")
});
/// "…, in collaboration with …, brought together" and the other verbs of convening.
static CONVENED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:brought together|convened|organi[sz]ed|hosted|conducted|held)\s")
        .expect("valid regex")
});
static COLLABORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",?\s+in\s+(?:collaboration|partnership|cooperation|association)\s+with\s+")
        .expect("valid regex")
});
static SESSION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(.{2,60}?)\s+(?:SESSION|Session|MEETING|Meeting|WORKSHOP|Workshop)\b")
        .expect("valid regex")
});
static NOTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:NOTES|Notes|MINUTES|Minutes)\b").expect("valid regex"));
/// A body naming itself as the one speaking: "X welcomes the opportunity", "X wishes to thank".
static SELF_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:[0-9]{1,2}[.)]\s+)?(?:The\s+)?([^\s,.(][^,.(\n]{0,80}?)(?:\s*\([^)]{1,40}\))?(?:,\s+(?:the\s|an?\s|[A-Z])[^,\n]{2,90})?,?\s+(?:(?:fully|warmly|strongly|firmly)\s+)?(?:welcomes?|appreciates?|believes?|considers?|expresses|feels?|(?:is|are)\s+(?:pleased|grateful|delighted|honou?red)|submits?|supports?|recogni[sz]es?|wish(?:es)?\s+to|would\s+like\s+to|extends?|thanks?|takes?\s+(?:this|the)\s+opportunity)\b",
    )
    .expect("valid regex")
});
/// "As civil society we", "As governments, we": the group a document speaks as.
static COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bas\s+((?:the\s+)?(?:civil society|private sector|business(?:es)?|governments?|academia|academics|technical community|media))\s*,?\s+we\b")
        .expect("valid regex")
});

/// The authors of `doc` (see the module doc), from its text and metadata; `passages` are its
/// passages as the segmenter made them.
pub fn document_authors(doc: &Document, passages: &[Passage]) -> Vec<Author> {
    let mut authors = header(doc);
    if authors.is_empty() {
        authors = byline(doc, passages);
    }
    if authors.is_empty() {
        authors = prepared_by(doc, passages);
    }
    // A body at the head or the foot of the text: the authors' organisation, or the author;
    // a signature's person writes for the letterhead's body.
    let body = match (letterhead(doc, passages), signature(doc)) {
        (Some(head), Some(mut sig)) if sig.first().is_some_and(|a| a.name.is_some()) => {
            for a in sig.iter_mut().filter(|a| a.organisation.is_none()) {
                a.organisation = head.first().and_then(|h| h.organisation.clone());
            }
            Some(sig)
        }
        (Some(head), _) => Some(head),
        (None, Some(sig)) => Some(sig),
        (None, None) => convenors(doc, passages).or_else(|| self_named(doc, passages)),
    };
    match body {
        Some(orgs) if authors.is_empty() => authors = orgs,
        Some(orgs) => {
            if let Some(org) = orgs.first().and_then(|a| a.organisation.clone()) {
                for a in authors.iter_mut().filter(|a| a.organisation.is_none()) {
                    a.organisation = Some(org.clone());
                }
            }
        }
        None => {}
    }
    if authors.is_empty() {
        authors = properties(doc);
    }
    group_authors(doc, &mut authors);
    authors
}

/// Gives each author the group the organisation rules give (role, organisation), else the
/// one group the document speaks as.
pub(crate) fn group_authors(doc: &Document, authors: &mut [Author]) {
    let claimed = claimed_group(&doc.text);
    for a in authors.iter_mut().filter(|a| a.group.is_none()) {
        let g = Grouping::by_rules(a.role.as_deref(), a.organisation.as_deref());
        if g.group.is_some() {
            a.group = g.group;
            a.evidence = g.evidence;
        } else if let Some((group, term)) = &claimed {
            a.group = Some(*group);
            a.evidence = Some(Evidence::new(EvidenceKind::SelfDeclared, term.clone()));
        }
    }
}

/// The one group the text speaks as ("As civil society we"), with the words that say it.
fn claimed_group(text: &str) -> Option<(Group, String)> {
    let mut found: Option<(Group, String)> = None;
    for c in COLLECTIVE.captures_iter(text) {
        let g = c.get(1).and_then(|m| claim_group(m.as_str()))?;
        match &found {
            Some((h, _)) if *h != g => return None,
            Some(_) => {}
            None => found = Some((g, c.get(0).map_or("", |m| m.as_str()).to_string())),
        }
    }
    found
}

fn claim_group(words: &str) -> Option<Group> {
    let w = words.to_lowercase();
    let w = w.trim_start_matches("the ").trim();
    Some(match w {
        "civil society" => Group::CivilSociety,
        "private sector" | "business" | "businesses" => Group::Business,
        "government" | "governments" => Group::Government,
        "academia" | "academics" => Group::Academia,
        "technical community" => Group::TechnicalCommunity,
        "media" => Group::Media,
        _ => return parse_sector(words),
    })
}

fn span(doc: &Document, start: usize, end: usize) -> Option<Span> {
    Some(Span::of(&doc.text, start, end))
}

fn author(name: Option<String>, organisation: Option<String>, how: AuthorSource) -> Author {
    Author {
        name,
        role: None,
        organisation,
        group: None,
        evidence: None,
        how,
        span: None,
    }
}

/// The submission form's header, as the submission reader put it in `meta`.
fn header(doc: &Document) -> Vec<Author> {
    let field = |k: &str| {
        doc.meta
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let (entitled, org) = (field("entitled_by"), field("organisation"));
    if entitled.is_none() && org.is_none() {
        return Vec::new();
    }
    let name = entitled.as_deref().and_then(whole_name).map(str::to_string);
    let mut a = author(name, org.clone(), AuthorSource::Header);
    if let Some(sector) = field("sector")
        && let Some(g) = parse_sector(&sector)
    {
        a.group = Some(g);
        a.evidence = Some(Evidence::new(EvidenceKind::Sector, sector));
    }
    let line = org
        .as_deref()
        .and_then(|o| doc.text.find(o).map(|i| (i, i + o.len())));
    a.span = line.and_then(|(s, e)| span(doc, s, e));
    vec![a]
}

/// The first passages of the document, headings included, in order.
fn head(passages: &[Passage]) -> impl Iterator<Item = &Passage> {
    passages.iter().take(HEAD_PASSAGES)
}

/// Markdown marks and stray punctuation around a line.
fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_' | '"' | '“' | '”'))
}

/// The words the document writes in lower case ("coalitions", "governance"): a capitalised
/// word among them in a title is a common word, not a name.
fn common_words(text: &str) -> std::collections::HashSet<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 2 && w.starts_with(char::is_lowercase))
        .collect()
}

/// Words of what a document is about, not of who wrote it: "Submission of Internet Governance
/// Principles", "NetMundial Content", "Framework and Case Studies".
const TOPIC_WORDS: &[&str] = &[
    "principles",
    "principle",
    "roadmap",
    "framework",
    "studies",
    "evolution",
    "content",
    "contribution",
    "issues",
    "ecosystem",
    "internationalization",
    "proposal",
    "proposals",
    "comments",
    "document",
    "paper",
];

fn topic(who: &str) -> bool {
    who.split(|c: char| !c.is_alphanumeric())
        .any(|w| TOPIC_WORDS.contains(&w.to_lowercase().as_str()))
}

/// One word the document also writes in lower case ("Document", "Principles"): a common word,
/// not a name; an acronym ("APC", whose site is "apc.org") is a name.
fn common_word(who: &str, common: &std::collections::HashSet<&str>) -> bool {
    let acronym = who.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !who.chars().any(char::is_lowercase);
    !who.contains(' ') && !acronym && common.contains(who.to_lowercase().as_str())
}

/// A personal name whose words the document does not use as common words: "Tom Buitelaar"
/// (and "Richard Hill", one such word), not "Mobilizing Smart Coalitions".
fn person_name<'a>(s: &'a str, common: &std::collections::HashSet<&str>) -> Option<&'a str> {
    let name = whole_name(s)?;
    let words: Vec<String> = name
        .split([' ', '-'])
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 2)
        .map(str::to_lowercase)
        .collect();
    let usual = words.iter().filter(|w| common.contains(w.as_str())).count();
    let last = words.last().map(String::as_str).unwrap_or_default();
    (usual < 2 && usual < words.len() && !common.contains(last)).then_some(name)
}

/// The personal names a byline line lists, or `None` when anything in it is not a name.
fn byline_names(line: &str, common: &std::collections::HashSet<&str>) -> Option<Vec<String>> {
    let line = clean(line);
    if line.is_empty() || line.len() > SHORT_LINE || line.contains(':') {
        return None;
    }
    let mut names = Vec::new();
    let normalised = line.replace("(*)", ",").replace(['&', ';'], ",");
    for part in normalised.split(',').flat_map(|p| p.split(" and ")) {
        let part = clean(part.trim());
        let part = part.strip_prefix("with ").unwrap_or(part);
        let part = part
            .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
            .trim_end_matches(" Ph.D")
            .trim_end_matches(" PhD");
        if part.is_empty() || matches!(part, "Ph.D" | "PhD" | "Jr" | "J.S.D") {
            continue;
        }
        names.push(person_name(part, common)?.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// A byline under the title, with the affiliations of an "About the author(s)" block.
fn byline(doc: &Document, passages: &[Passage]) -> Vec<Author> {
    let common = common_words(&doc.text);
    // Only under the title and above the first sentence of prose.
    let prose = |p: &Passage| {
        p.kind != PassageKind::Heading
            && (p.text.split_whitespace().count() >= 15 || p.text.trim_end().ends_with('.'))
    };
    let above = passages
        .iter()
        .take(6)
        .position(prose)
        .unwrap_or(6)
        .min(passages.len());
    let Some((p, names)) = passages[..above]
        .iter()
        .skip(1)
        .filter(|p| p.kind != PassageKind::Heading || p.text.len() < SHORT_LINE)
        .find_map(|p| {
            let first = p.text.lines().find(|l| !l.trim().is_empty())?;
            (p.text.trim() == first.trim()).then_some(())?;
            let names = byline_names(first, &common)?;
            // A heading of one name is more often a title ("Commonwealth Cybergovernance
            // Model") than a byline.
            (p.kind != PassageKind::Heading || names.len() >= 2).then_some((p, names))
        })
    else {
        return Vec::new();
    };
    let about = about_block(passages);
    // "Roberto Uzal (*) Daniel Riesco (*)" over "(*) Universidad Nacional de San Luis – Argentina".
    let marked = passages
        .iter()
        .skip_while(|q| q.start != p.start)
        .nth(1)
        .and_then(|q| q.text.lines().next())
        .and_then(|l| {
            let rest = l
                .trim()
                .strip_prefix("(*)")
                .or_else(|| l.trim().strip_prefix('*'))?;
            let org = rest.split([',', '–', '—', ';']).next()?.trim();
            let org = org.split(" - ").next()?.trim();
            (org_like(org) && org_group(org).is_some()).then(|| org.to_string())
        });
    names
        .into_iter()
        .map(|name| {
            let mut a = author(Some(name.clone()), None, AuthorSource::Byline);
            a.span = span(doc, p.start, p.end);
            if let Some((role, org)) = about.iter().find_map(|t| affiliation(t, &name)) {
                a.role = role;
                a.organisation = org;
            }
            if a.organisation.is_none() {
                a.organisation.clone_from(&marked);
            }
            a
        })
        .collect()
}

/// The paragraphs under an "About the author(s)" heading.
fn about_block(passages: &[Passage]) -> Vec<&str> {
    let Some(at) = passages.iter().position(|p| {
        p.kind == PassageKind::Heading && {
            let t = clean(&p.text).to_lowercase();
            t == "about the authors" || t == "about the author"
        }
    }) else {
        return Vec::new();
    };
    passages[at + 1..]
        .iter()
        .take_while(|p| p.kind != PassageKind::Heading)
        .map(|p| p.text.as_str())
        .collect()
}

/// "**Name** is a ROLE at the ORG, …" / "Name, Ph.D. is ROLE of the ORG": role and
/// organisation, when the paragraph opens with `name`.
fn affiliation(text: &str, name: &str) -> Option<(Option<String>, Option<String>)> {
    let t = text.trim_start_matches(['*', ' ']);
    let rest = t.strip_prefix(name)?;
    let rest = rest.trim_start_matches(['*', ' ', ',']);
    let rest = rest
        .strip_prefix("Ph.D. ")
        .or_else(|| rest.strip_prefix("PhD "))
        .unwrap_or(rest);
    let rest = rest.strip_prefix("is ")?;
    let rest = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    let sentence = SENTENCE_END.find(rest).map_or(rest, |m| &rest[..m.start()]);
    let at = sentence.find(" at ")?;
    let role = sentence[..at].trim();
    let org_text = sentence[at + 4..]
        .trim_start_matches("the ")
        .trim_start_matches("The ");
    let org = org_text.split([',', '(']).next().unwrap_or(org_text);
    let org = org_name_prefix(org.trim_end_matches('.'))?;
    Some(((!role.is_empty()).then(|| role.to_string()), Some(org)))
}

/// The longest prefix of `s` that reads as an organisation's name: capitalised words, and
/// lower-case link words between them.
fn org_name_prefix(s: &str) -> Option<String> {
    let mut end = 0;
    let mut words = 0;
    for (i, w) in word_spans(s) {
        let first = w.chars().next()?;
        if first.is_uppercase() || first.is_ascii_digit() {
            end = i + w.len();
            words += 1;
        } else if NAME_LINKS.contains(&w) {
            continue;
        } else {
            break;
        }
    }
    (words > 0).then(|| s[..end].trim().to_string())
}

fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ')
        .scan(0usize, |at, w| {
            let i = *at;
            *at += w.len() + 1;
            Some((i, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Whether `s` reads as an organisation's name: short, capitalised words and link words only.
fn org_like(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 || s.ends_with('.') && !s.ends_with("Inc.") {
        return false;
    }
    // Dashes and bars between the words ("FIPP – THE WORLDWIDE MAGAZINE MEDIA ASSOCIATION").
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    words.len() <= 12
        && words.iter().all(|w| {
            let c = w.chars().next().unwrap_or(' ');
            c.is_uppercase() || c.is_ascii_digit() || c == '(' || NAME_LINKS.contains(w)
        })
        && words
            .first()
            .is_some_and(|w| !NAME_LINKS.contains(w) && !matches!(*w, "This" | "We" | "Our" | "It"))
}

/// A candidate after "by": a person, or an organisation; cut at "with the support of", "to
/// http…", brackets and commas.
fn named_after_by(s: &str) -> Option<(Option<String>, Option<String>)> {
    let s = clean(s);
    let (main, support) = match s.find(" with the support of ") {
        Some(i) => (&s[..i], Some(&s[i + " with the support of ".len()..])),
        None => (s, None),
    };
    let cut = |t: &str| -> String {
        let t = t.split([',', '(', ';']).next().unwrap_or(t);
        let t = match t.find(" to ") {
            Some(i) => &t[..i],
            None => t,
        };
        let t = match t.find(" for ").or_else(|| t.find(" with ")) {
            Some(i) => &t[..i],
            None => t,
        };
        t.trim().trim_end_matches('.').trim().to_string()
    };
    let main = cut(main);
    let support = support
        .map(|t| cut(t.trim_start_matches("the ")))
        .filter(|t| org_like(t));
    if let Some(n) = whole_name(&main) {
        return Some((Some(n.to_string()), support));
    }
    org_like(&main).then_some((None, Some(main)))
}

/// "Prepared / submitted / written by", "on behalf of", "X Submission for …", "Contribution
/// of X to …" at the head or the foot of the document.
fn prepared_by(doc: &Document, passages: &[Passage]) -> Vec<Author> {
    // The lines of the text itself, at its head (to the end of the first passages) and its
    // foot: a "Submitted by …" line may be one the segmenter leaves out.
    let head_end = passages
        .get(HEAD_PASSAGES.min(passages.len()).saturating_sub(1))
        .map_or(doc.text.len(), |p| p.end);
    let lines = text_lines(&doc.text);
    let tail_from = lines.len().saturating_sub(TAIL_LINES);
    let common = common_words(&doc.text);
    let candidates = lines
        .iter()
        .enumerate()
        .filter(|(k, (s, _))| *s < head_end || *k >= tail_from)
        .map(|(_, l)| *l);
    for (start, line) in candidates {
        if line.len() > 2 * SHORT_LINE {
            continue;
        }
        // A source cited in brackets or a reference with its address ("(An … Paper written
        // by …)", "1. … presented by …, In: http://…") names who wrote another text.
        let cited = line.starts_with('(')
            || line.starts_with(|c: char| c.is_ascii_digit()) && line.contains("http");
        let found = PREPARED
            .captures(line)
            .or_else(|| ON_BEHALF.captures(line))
            .filter(|_| !cited)
            .and_then(|c| c.get(1))
            .and_then(|m| named_after_by(m.as_str()))
            .or_else(|| {
                // A title, not a wrapped line of running text ("contribution of the …").
                let titled = line.chars().next().is_some_and(char::is_uppercase);
                let c = SUBMISSION_OF
                    .captures(line)
                    .filter(|_| titled)
                    .or_else(|| TITLE_SUBMISSION.captures(line))
                    .or_else(|| TITLE_POSSESSIVE.captures(line))?;
                let who = clean(c.get(1)?.as_str()).trim_end_matches(['\'', '’', '"']);
                // "The Internet Association’s Internet Governance Principles Submission"
                let who = who
                    .split_once("'s ")
                    .or_else(|| who.split_once("’s "))
                    .map_or(who, |(a, _)| a);
                let who = who.strip_suffix("'s").unwrap_or(who);
                (org_like(who)
                    && whole_name(who).is_none()
                    && !adjective_only(who)
                    && !common_word(who, &common)
                    && !topic(who))
                .then(|| (None, Some(who.to_string())))
            });
        if let Some((name, org)) = found {
            let mut a = author(name, org, AuthorSource::PreparedBy);
            a.span = span(doc, start, start + line.len());
            return vec![a];
        }
    }
    Vec::new()
}

/// The non-empty lines of a text, trimmed, with their start offsets.
fn text_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for l in text.split('\n') {
        let t = l.trim();
        if !t.is_empty() {
            out.push((at + (l.len() - l.trim_start().len()), t));
        }
        at += l.len() + 1;
    }
    out
}

/// "Norwegian", "Austrian": one word that names a people, not a body.
fn adjective_only(s: &str) -> bool {
    !s.contains(' ') && (s.ends_with("ian") || s.ends_with("ish") || s.ends_with("ese"))
        || matches!(
            s,
            "Draft" | "Final" | "Our" | "My" | "This" | "Joint" | "Public"
        )
}

/// One of the first lines names a body the organisation rules know a group for; the lines
/// right below it that do too are its co-signatories ("COMMITTEE TO PROTECT JOURNALISTS /
/// …  / WORLD PRESS FREEDOM COMMITTEE").
fn letterhead(doc: &Document, passages: &[Passage]) -> Option<Vec<Author>> {
    let is_head = |l: &str| {
        let one_word = !l.contains(' ');
        !l.is_empty()
            && l.len() <= 80
            && !l.contains([':', ','])
            && org_like(l)
            && !(one_word && l.chars().any(char::is_lowercase))
            && whole_name(l).is_none()
            && !topic(l)
            && org_group(l).is_some()
    };
    let mut found: Vec<Author> = Vec::new();
    for p in head(passages).take(6) {
        for (k, line) in p.text.lines().enumerate() {
            let l = clean(line);
            if k >= 3 && found.is_empty() {
                break;
            }
            // Below the first, a line written like it (all capitals) is a co-signatory.
            let like_first = !found.is_empty()
                && l.len() <= 80
                && org_like(l)
                && !l.contains([':', ','])
                && !l.chars().any(char::is_lowercase);
            if !(is_head(l) || like_first) {
                if found.is_empty() {
                    continue;
                }
                return Some(found);
            }
            let start = p.start + (line.as_ptr() as usize - p.text.as_ptr() as usize);
            let mut a = author(None, Some(l.to_string()), AuthorSource::Letterhead);
            a.span = span(doc, start, start + line.len());
            found.push(a);
            if found.len() == 10 {
                return Some(found);
            }
        }
        // Only the lines before the first long paragraph are a letterhead.
        if p.kind != PassageKind::Heading && p.text.len() > 2 * SHORT_LINE {
            return None;
        }
    }
    (!found.is_empty()).then_some(found)
}

/// The closing block: after "Respectfully submitted," / "Yours sincerely,", or the last lines
/// "Name / Role / Organisation".
fn signature(doc: &Document) -> Option<Vec<Author>> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = doc.text.len();
    for l in doc.text.rsplit('\n') {
        at -= l.len();
        let t = l.trim();
        if !t.is_empty() {
            lines.push((at + (l.len() - l.trim_start().len()), t));
        }
        if lines.len() == TAIL_LINES {
            break;
        }
        at = at.saturating_sub(1);
    }
    lines.reverse();
    // After a closing formula: the block below it.
    let closing = lines
        .iter()
        .rposition(|(_, l)| l.len() < 60 && CLOSING.is_match(l));
    let block: &[(usize, &str)] = match closing {
        Some(i) => &lines[i..],
        None => &lines[lines.len().saturating_sub(3)..],
    };
    let mut name = None;
    let mut org = None;
    let mut first_at = None;
    let mut last_end = 0;
    for (k, (s, l)) in block.iter().enumerate() {
        let mut l = clean(l);
        if k == 0 && closing.is_some() {
            let rest = CLOSING
                .captures(l)
                .and_then(|c| c.get(1))
                .map_or("", |m| m.as_str());
            if rest.is_empty() {
                continue;
            }
            l = clean(rest);
        }
        if l.len() > 80 {
            if closing.is_none() {
                name = None;
                org = None;
                first_at = None;
            }
            continue;
        }
        let l = l.trim_start_matches("/s/").trim();
        // "Walid Al-Saqaf of ISOC-Yemen & Jahangir Hossain of ISOC-BD"
        if let Some((n, o)) = l.split_once(" of ")
            && whole_name(n).is_some()
        {
            let o = o.split(['&', ',']).next().unwrap_or(o).trim();
            if org_like(o) {
                name = Some(n.trim().to_string());
                org = Some(o.to_string());
                first_at.get_or_insert(*s);
                last_end = s + l.len();
                continue;
            }
        }
        if let Some(n) = whole_name(l) {
            name.get_or_insert(n.to_string());
            first_at.get_or_insert(*s);
            last_end = s + l.len();
        } else if org_like(l)
            && (org_group(l).is_some() || closing.is_some() || name.is_some())
            && !is_role_line(l)
        {
            org = Some(l.to_string());
            first_at.get_or_insert(*s);
            last_end = s + l.len();
        }
    }
    let org = org?;
    let start = first_at.unwrap_or(0);
    let mut a = author(name, Some(org), AuthorSource::Signature);
    a.span = span(doc, start, last_end.max(start));
    Some(vec![a])
}

/// "President", "President & CEO", "Director, Public Policy": a job, not a body.
fn is_role_line(l: &str) -> bool {
    const ROLES: &[&str] = &[
        "president",
        "ceo",
        "director",
        "chair",
        "chairman",
        "chairwoman",
        "secretary",
        "manager",
        "head",
        "officer",
        "coordinator",
        "executive",
        "counsel",
        "vice",
        "advisor",
        "adviser",
        "founder",
        "partner",
        "general",
        "senior",
        "deputy",
    ];
    let first = l
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    ROLES.contains(&first.as_str())
}

/// "X, in collaboration with Y, brought together …" in the opening paragraphs, or the title
/// of session notes ("BEST BITS SESSION 1" over "DRAFT NOTES").
fn convenors(doc: &Document, passages: &[Passage]) -> Option<Vec<Author>> {
    for p in head(passages).filter(|p| p.kind != PassageKind::Heading) {
        for m in CONVENED.find_iter(&p.text) {
            let before = &p.text[..m.start()];
            let sentence_start = before.rfind(". ").map_or(0, |i| i + 2);
            let mut subject = &before[sentence_start..];
            // "From June 13 – July 31, 2016, The Stanley Foundation …"
            if subject.starts_with("From ")
                || subject.starts_with("In ")
                || subject.starts_with("On ")
            {
                let Some(i) = subject.find(", ") else {
                    continue;
                };
                let after_date = &subject[i + 2..];
                subject = match after_date.find(|c: char| c.is_uppercase()) {
                    Some(j)
                        if after_date[..j]
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ' ' || c == ',') =>
                    {
                        &after_date[j..]
                    }
                    _ => after_date,
                };
            }
            let subject = subject.trim().trim_end_matches(',');
            let parts: Vec<&str> = COLLABORATION
                .split(subject)
                .flat_map(|s| s.split(" and "))
                .map(|s| s.trim().trim_matches(','))
                .collect();
            // A metadata line ("Date: 26 February 2025, 10:00 to 12:00, held online") names
            // no body.
            if parts.is_empty()
                || parts.len() > 4
                || !parts
                    .iter()
                    .all(|s| org_like(s) && whole_name(s).is_none() && !s.contains(':'))
            {
                continue;
            }
            let offset = p.start + sentence_start;
            return Some(
                parts
                    .into_iter()
                    .map(|o| {
                        let mut a = author(None, Some(o.to_string()), AuthorSource::Convenor);
                        a.span = span(doc, offset, p.start + m.start());
                        a
                    })
                    .collect(),
            );
        }
    }
    // Session notes: the title names whose session it was.
    let first: Vec<&Passage> = passages.iter().take(3).collect();
    let title = first.first()?;
    let line = title.text.lines().next()?;
    let c = SESSION_TITLE.captures(line)?;
    if !first.iter().any(|p| NOTES.is_match(&p.text)) {
        return None;
    }
    let who = clean(c.get(1)?.as_str());
    let who = if who.chars().any(char::is_lowercase) {
        who.to_string()
    } else {
        title_case(who)
    };
    if !org_like(&who) {
        return None;
    }
    let mut a = author(None, Some(who), AuthorSource::Convenor);
    a.span = span(doc, title.start, title.start + line.len());
    Some(vec![a])
}

/// "BEST BITS" → "Best Bits".
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A body named as the one speaking at the start of the opening paragraphs ("ISOC-Yemen
/// welcomes the opportunity …", "APC believes that …") in the first passages below the
/// title lines: a numbered first paragraph that a hard-wrapped text makes a heading ("1.
/// Poland welcomes the convening …") counts.
fn self_named(doc: &Document, passages: &[Passage]) -> Option<Vec<Author>> {
    for p in head(passages).take(8) {
        let Some(c) = SELF_NAMED.captures(&p.text) else {
            continue;
        };
        let Some(m) = c.get(1) else { continue };
        let who = m.as_str().trim();
        let common = common_words(&doc.text);
        if !(org_like(who) || camel_case(who))
            || whole_name(who).is_some()
            || common_word(who, &common)
            || matches!(who, "We" | "I" | "This" | "It" | "They" | "Our")
        {
            continue;
        }
        let mut a = author(None, Some(who.to_string()), AuthorSource::PreparedBy);
        a.span = span(doc, p.start + m.start(), p.start + m.end());
        return Some(vec![a]);
    }
    None
}

/// "techUK", "eBay": one word, capitals inside.
fn camel_case(w: &str) -> bool {
    !w.contains(' ') && w.len() >= 3 && w.chars().skip(1).any(char::is_uppercase)
}

/// A `.docx` file's `dc:creator`, unless it is a tool's or template's default.
fn properties(doc: &Document) -> Vec<Author> {
    if doc.format != "docx" {
        return Vec::new();
    }
    let Some(creator) = doc
        .meta
        .get("author")
        .and_then(|v| v.as_str())
        .map(str::trim)
    else {
        return Vec::new();
    };
    match creator_name(creator) {
        Some(name) => vec![author(Some(name), None, AuthorSource::Properties)],
        None => Vec::new(),
    }
}

/// The person a `dc:creator` names: a personal name ("Eric White"), "Surname, Given"
/// ("Manias, Michel" → "Michel Manias"), or a name in a script without capitals ("侑介 西山");
/// not a tool's or template's default ("Microsoft Office User", "unknown"), a login
/// ("labrowne") or a department ("eng-dept", "Legal").
pub(crate) fn creator_name(creator: &str) -> Option<String> {
    let c = creator.trim();
    if c.is_empty() || is_tool_default(c) {
        return None;
    }
    if let Some(n) = whole_name(c) {
        return Some(n.to_string());
    }
    if let Some((last, first)) = c.split_once(", ")
        && let Some(n) = whole_name(&format!("{first} {last}"))
    {
        return Some(n.to_string());
    }
    let uncased = c
        .chars()
        .all(|ch| ch == ' ' || ch.is_alphabetic() && !ch.is_lowercase() && !ch.is_uppercase());
    (uncased && c.contains(' ')).then(|| c.to_string())
}

/// Whether a `dc:creator` value names a tool or a template rather than a person.
pub(crate) fn is_tool_default(creator: &str) -> bool {
    let c = creator.trim().to_lowercase();
    TOOL_DEFAULTS.contains(&c.as_str())
        || c.starts_with("microsoft office")
        || c.chars().all(|ch| !ch.is_alphabetic())
}

#[cfg(test)]
#[path = "authors_tests.rs"]
mod tests;
