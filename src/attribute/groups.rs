//! Organisation (and role) → stakeholder [`Group`], with its [`Evidence`], by rules over names.
//!
//! Detects the stakeholder group an organisation belongs to from its name alone: "Ministry of
//! Foreign Affairs" is government, "WIPO" intergovernmental, "Acme GmbH" business, "University
//! of Denver" academia, "RIPE NCC" technical community, "Electronic Frontier Foundation" civil
//! society, "Reuters" media. An organisation no rule recognises stays `None`: we never guess.
//!
//! This module is the engine; the knowledge — type words in many languages, legal forms, known
//! bodies and acronyms, what membership bodies are made of — is the rules file
//! `pipelines/groups/organisations.toml` ([`OrgRules`]), compiled in, which a pipeline file
//! extends or replaces (`groups = "my-groups.toml"`). The functions of this module use the rules
//! installed for the process ([`install_org_rules`]; the built-in ones until a run installs its
//! pipeline's), the methods of [`OrgRules`] the rules they are called on.
//!
//! An organisation string may list several **affiliations** (at ";", " / ", " | "): each is
//! judged on its own, and when they fall in different groups the answer is `None` ("Goldsmiths
//! (University of London) / IRP Coalition"). Two surnames joined by "&" make a firm ("Alvarez &
//! Marsal"); a technical body's acronym followed by a place is a local chapter, civil society
//! as chapters declare themselves ("ISOC-Yemen", "W3C Brazil").
//!
//! An affiliation is split into **parts** at commas, slashes and spaced dashes ("Copyright Law
//! Division, WIPO", "Executive Director - Argentina Internet Association"); a part that is only
//! a legal form stays with the name before it ("Autodesk, Inc."). Each part is judged at four
//! strengths and the strongest verdict wins (ties go to the later part, the parent organisation
//! by convention):
//!
//! - strength 4, the part declares its type: "Noncommercial Stakeholders Group", "… NGO",
//!   "ISOC Costa Rica Chapter";
//! - strength 3, the part *is* a known body: it starts with a known name ("International
//!   Telecommunication Union", "Council of Europe") or a known acronym, or ends with one in
//!   brackets ("… (UNDP)"), or ends with a company's legal form ("Inc.", "GmbH & Co. KG",
//!   "s.r.o."), or is an e-mail address or domain of a state or a university, or is hosted at
//!   one ("Mercatus Center at George Mason University");
//! - strength 2, what the part is made of says it: an association, chamber or federation of
//!   companies ("Telecommunications **Industry** Association", "Cámara Argentina de
//!   Internet"; but "Internet **Users** Association" and "Association **for** Proper Internet
//!   Governance" are civil society), a national commission, a registered association's legal
//!   form ("e.V."), or a type word in its head (the words before the first "for/of/on/de/…"):
//!   "**Campaign** for a UN Parliamentary Assembly" is civil society although it names the UN,
//!   "**Permanent Mission** of Brazil to the United Nations" is government;
//! - strength 1, a known name, type word or acronym anywhere in the part ("Office of the UN High
//!   Commissioner" → intergovernmental), or a sub-unit word in its head ("Operations
//!   **Department**", which a "University of X" next to it outweighs).
//!
//! Some parts say nothing, whatever words they hold: a job ("Executive Director", "Head of
//! Government Relations"; only the body it is held at counts, "Head of the Federal Office
//! for Communications"), a person on their own ("Independent Researcher", "Personal
//! submission"), a multistakeholder body (a national Internet Governance Forum, the Brazilian
//! Internet Steering Committee; the IGF's own Secretariat is intergovernmental), a research
//! and education network. The principles behind the classes (think tanks are academia, an
//! association of companies is business, …) are written in the rules file.
//!
//! ```
//! use rapporteur::attribute::{org_group, org_verdict};
//! use rapporteur::{EvidenceKind, Group};
//! assert_eq!(org_group("International Telecommunication Union"), Some(Group::Intergovernmental));
//! assert_eq!(org_group("International Code of Conduct Association"), Some(Group::CivilSociety));
//! assert_eq!(org_group("International Forum on Technologies and Security"), None);
//! assert_eq!(org_group("Cámara Argentina de Internet"), Some(Group::Business));
//! assert_eq!(org_group("Executive Director, Ministério das Comunicações"), Some(Group::Government));
//! assert_eq!(org_group("Independent Researcher"), None);
//! let v = org_verdict("Müller Maschinenbau GmbH & Co. KG").expect("a verdict");
//! assert_eq!((v.group, v.evidence.kind), (Group::Business, EvidenceKind::LegalForm));
//! assert_eq!(v.evidence.to_string(), "legal form GmbH & Co. KG");
//! ```

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use crate::model::{Evidence, EvidenceKind, Group, Mismatch, Speaker};

mod members;
mod rules;

pub use rules::{GroupRulesError, OrgRules, RulesProblem};
use rules::{LegalForm, Phrase, Phrases, Table};

use members::{
    company_group, industry_body, local_government_body, national_institute, professional_body,
    union_of_people, workers_body,
};

use EvidenceKind as E;
use Group::{Business as B, CivilSociety as C, Intergovernmental as I, Media as M};

/// A group with what it was given on, and how strongly the name says it: 4 the name declares
/// its type, 3 it is a known body or has a company's legal form, 2 a type word in its head or
/// what it is made of, 1 a word anywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub group: Group,
    pub evidence: Evidence,
    pub strength: u8,
}

impl Verdict {
    fn new(group: Group, strength: u8, kind: EvidenceKind, term: impl Into<String>) -> Verdict {
        Verdict {
            group,
            evidence: Evidence::new(kind, term),
            strength,
        }
    }

    /// Evidence strong enough to contradict a declared group: a declared type, a known body,
    /// a legal form, an address.
    pub fn is_strong(&self) -> bool {
        self.strength >= 3
    }

    fn at_most(mut self, strength: u8) -> Verdict {
        self.strength = self.strength.min(strength);
        self
    }

    fn at(mut self, strength: u8) -> Verdict {
        self.strength = strength;
        self
    }
}

/// The rules installed for the process, and a number that changes with each installation (the
/// memo of [`org_verdict`] is kept per number).
static INSTALLED: RwLock<Option<Arc<OrgRules>>> = RwLock::new(None);
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Makes `rules` the rules every function of this module (and so every stage) uses, in every
/// thread, from now on: what a run does with its pipeline's `groups` file before any work.
pub fn install_org_rules(rules: OrgRules) {
    let mut slot = INSTALLED.write().unwrap_or_else(|e| e.into_inner());
    *slot = Some(Arc::new(rules));
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// Runs `f` with the installed rules (the built-in ones when none are).
fn with_rules<T>(f: impl FnOnce(&OrgRules) -> T) -> T {
    let installed = INSTALLED.read().unwrap_or_else(|e| e.into_inner()).clone();
    match installed {
        Some(r) => f(&r),
        None => f(OrgRules::built_in()),
    }
}

/// Lowercase, diacritics folded, words separated by single spaces, with a space at each end so
/// that `" phrase "` matches whole words only; "&" reads as "and" ("Center for Democracy &
/// Technology", "AT&T" → "at and t").
pub(crate) fn normalise(s: &str) -> String {
    let folded = super::names::fold(&s.replace('&', " and "));
    let mut out = String::from(" ");
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// Whether `" {phrase} "` occurs in `norm` (without building that string: this runs for every
/// rule on every candidate name).
pub(crate) fn contains_phrase(norm: &str, phrase: &str) -> bool {
    norm.match_indices(phrase)
        .any(|(i, _)| norm[..i].ends_with(' ') && norm[i + phrase.len()..].starts_with(' '))
}

fn acronym_words(part: &str) -> Vec<&str> {
    part.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of `part` (folded like [`normalise`]) with the byte range each comes from.
fn tokens(part: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |from: usize, to: usize, out: &mut Vec<(String, std::ops::Range<usize>)>| {
        let folded = super::names::fold(&part[from..to]);
        for w in folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            out.push((w.to_string(), from..to));
        }
    };
    for (i, c) in part.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            push(s, i, &mut out);
        }
        if c == '&' {
            out.push(("and".to_string(), i..i + 1));
        }
    }
    if let Some(s) = start {
        push(s, part.len(), &mut out);
    }
    out
}

/// The words of `part` a normalised phrase matched, as written there ("Bundesministerium",
/// "Chamber of Commerce"); the phrase itself when they cannot be found.
fn shown(part: &str, p: &Phrase) -> String {
    let toks = tokens(part);
    let found = if p.suffix {
        toks.iter()
            .find(|(t, _)| t.ends_with(p.text.as_str()))
            .map(|(_, r)| r.clone())
    } else {
        let want: Vec<&str> = p.text.split(' ').collect();
        toks.windows(want.len())
            .find(|w| w.iter().zip(&want).all(|((t, _), x)| t == x))
            .map(|w| w[0].1.start..w[w.len() - 1].1.end)
    };
    found.map_or_else(|| p.text.clone(), |r| part[r].to_string())
}

/// The group of an acronym among the words of `part`; one that is also a word counts only when
/// the part is not written in capitals, or is the acronym alone ("WHO", not "PEOPLE WHO CARE").
fn acronym_in(r: &OrgRules, part: &str, w: &str) -> Option<Group> {
    acronym_at(r, part, w, At::Anywhere)
}

/// Where an acronym stands in a part.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    First,
    Bracketed,
    Anywhere,
}

/// [`acronym_in`] for an acronym at `at`. An acronym of scope ("EU") names the body only as
/// the first word or in brackets at the end ("EU Agency for …"); elsewhere it says where a body
/// works ("Amazon EU"), not what it is. An acronym the rules list with `anywhere = false`
/// names the body only as the part's first word or alone: in brackets after a name it is more
/// often that name's own ("European Disability Forum (EDF)").
fn acronym_at(r: &OrgRules, part: &str, w: &str, at: At) -> Option<Group> {
    let alone = part.trim() == w;
    if at == At::Anywhere && r.scope_acronyms.iter().any(|x| x == w) && !alone {
        return None;
    }
    if r.wordlike.iter().any(|x| x == w)
        && !part.chars().any(char::is_lowercase)
        && part.trim() != w
    {
        return None;
    }
    if let Some(&(g, anywhere)) = r.acronyms.get(w) {
        return (anywhere || at == At::First || alone).then_some(g);
    }
    acronym_group(r, w)
}

fn acronym_group(r: &OrgRules, w: &str) -> Option<Group> {
    if let Some(&(g, _)) = r.acronyms.get(w) {
        return Some(g);
    }
    // A prefix and one to four capitals: "UF" + "RJ" (Brazilian federal universities).
    r.acronym_prefixes.iter().find_map(|(p, g)| {
        let rest = w.strip_prefix(p.as_str())?;
        ((1..=4).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_uppercase()))
            .then_some(*g)
    })
}

fn rule_match<'a>(norm: &str, rules: &'a Table) -> Option<(&'a Phrase, Group)> {
    rules.first(norm)
}

pub(crate) fn any_word(norm: &str, words: &Phrases) -> bool {
    words.find(norm).is_some()
}

/// The first of `words` (in their order) found in `norm`.
fn find_word<'a>(norm: &str, words: &'a Phrases) -> Option<&'a Phrase> {
    words.find(norm).map(|i| &words[i])
}

/// The text up to the first of `links` (spaced words: " for "), all of it when there is none,
/// keeping a trailing space so that whole-word matching still works.
pub(crate) fn before_links<'a>(
    norm: &'a str,
    links: &std::collections::HashSet<String>,
) -> &'a str {
    // The first word of `norm` (" w1 w2 ") that is a link, by its offset.
    let mut at = 0;
    for w in norm.split(' ') {
        if !w.is_empty() && links.contains(w) {
            // `at` is the word's offset; the slice keeps the space before it.
            return &norm[..at];
        }
        at += w.len() + 1;
    }
    norm
}

/// The head of a normalised part: the words before the first linking word.
pub(crate) fn head<'a>(r: &OrgRules, norm: &'a str) -> &'a str {
    before_links(norm, &r.link_set)
}

/// The part without what it puts in brackets ("Coalition (UN IGF)" → "Coalition").
fn unbracketed(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut depth = 0usize;
    for c in part.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The earliest known name (of those that count anywhere) a normalised part holds.
fn known_in<'a>(r: &'a OrgRules, norm: &str) -> Option<&'a rules::Known> {
    r.known_anywhere
        .find(norm)
        .map(|i| &r.known[r.known_anywhere_at[i]])
}

/// A known name or acronym anywhere in the part.
fn known_anywhere(r: &OrgRules, part: &str, norm: &str, words: &[&str]) -> Option<Verdict> {
    if let Some(k) = known_in(r, norm) {
        return Some(Verdict::new(k.group, 1, E::Known, shown(part, &k.name)));
    }
    words
        .iter()
        .find_map(|w| acronym_in(r, part, w).map(|g| Verdict::new(g, 1, E::Acronym, w.to_string())))
}

/// A chamber that is not a house of a legislature: "Cámara Argentina de Internet", "American
/// Chamber of Commerce".
fn chamber_of_business<'a>(r: &'a OrgRules, norm: &str) -> Option<&'a Phrase> {
    let h = head(r, norm);
    find_word(h, &r.members.chambers).filter(|_| !any_word(norm, &r.members.legislative))
}

/// A secretariat named as the head of a Spanish, Portuguese or French name: "Secretaría de
/// Comunicaciones", "Secrétariat d'État".
fn government_secretariat(r: &OrgRules, norm: &str) -> bool {
    let mut words = norm.split(' ').filter(|w| !w.is_empty());
    words
        .next()
        .is_some_and(|w| r.state.secretariats.iter().any(|s| s == w))
        && words
            .next()
            .is_some_and(|w| r.state.secretariat_next.iter().any(|s| s == w))
}

/// Whether a part names a job rather than an organisation ("Executive Director", "Head of
/// Government Relations").
fn is_job(r: &OrgRules, bare: &str) -> bool {
    let body = bare.strip_prefix(" the ").unwrap_or(bare).trim_start();
    let mut words = body.split(' ').filter(|w| !w.is_empty());
    let job = |w: &str| r.job_words.iter().any(|j| j == w);
    match (words.next(), words.next()) {
        (Some("co"), Some(w)) => job(w),
        (Some(w), _) => job(w),
        _ => false,
    }
}

/// Whether a part is made only of words a person describes themself with ("Independent
/// Researcher", "Personal submission").
fn is_person_on_their_own(r: &OrgRules, bare: &str) -> bool {
    let mut words = bare.split(' ').filter(|w| !w.is_empty()).peekable();
    words.peek().is_some() && words.all(|w| r.person_words.iter().any(|p| p == w))
}

/// Whether a word of a name is a legal form's word `form` (as the rules write it): a final dot
/// optional; forms of three letters or more in any case, shorter ones as written or in
/// capitals ("AG", "Oy"/"OY", "e.V."), so that "ag" or "se" in a sentence is no legal form.
fn form_word(form: &str, word: &str) -> bool {
    let f = form.strip_suffix('.').unwrap_or(form);
    let w = form_key(word);
    if f.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
        f.eq_ignore_ascii_case(w)
            || (!f.is_ascii()
                && f.chars()
                    .flat_map(char::to_lowercase)
                    .eq(w.chars().flat_map(char::to_lowercase)))
    } else {
        w == f || w.chars().eq(f.chars().flat_map(char::to_uppercase))
    }
}

/// A word of a name as a legal form is compared: brackets and quotes around it and a final
/// dot dropped.
fn form_key(word: &str) -> &str {
    let word = word.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']' | '"' | '\''));
    word.strip_suffix('.').unwrap_or(word)
}

/// The legal forms whose last word `word` may be (by its lower case).
fn forms_ending<'a>(r: &'a OrgRules, word: &str) -> impl Iterator<Item = &'a LegalForm> + 'a {
    r.legal_by_last
        .get(&form_key(word).to_lowercase())
        .into_iter()
        .flatten()
        .map(|&i| &r.legal_forms[i])
}

/// The legal form ending a segment of `part` (segments end at commas, brackets, semicolons,
/// bars and spaced dashes): "Acme GmbH & Co. KG", "Autodesk, Inc.", "IHP GmbH - Leibniz …".
/// A segment that is only a form needs a segment before it; the longest form wins.
fn legal_form<'a>(r: &'a OrgRules, part: &str) -> Option<(&'a LegalForm, String)> {
    let mut segments: Vec<&str> = Vec::new();
    for s in part.split([',', ';', '(', ')', '[', ']', '|']) {
        for t in s.split(" - ").flat_map(|t| t.split(" – ")) {
            segments.push(t);
        }
    }
    let mut best: Option<(&LegalForm, String)> = None;
    let mut named_before = false;
    for seg in segments {
        let words: Vec<&str> = seg.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let Some(last) = words.last() else { continue };
        for f in forms_ending(r, last) {
            let n = f.words.len();
            if n > words.len() || (n == words.len() && !named_before) {
                continue;
            }
            let tail = &words[words.len() - n..];
            if tail.iter().zip(&f.words).all(|(w, fw)| form_word(fw, w))
                && best.as_ref().is_none_or(|(b, _)| n > b.words.len())
            {
                best = Some((f, tail.join(" ")));
            }
        }
        named_before = true;
    }
    best
}

/// The verdict on one part of an organisation name (see the module doc).
fn part_group(r: &OrgRules, part: &str) -> Option<Verdict> {
    let norm = normalise(part);
    if norm.trim().is_empty() {
        return None;
    }
    let bare = normalise(&unbracketed(part));
    let words = acronym_words(part);
    // 4: a part that says its stakeholder type.
    if let Some((p, g)) = rule_match(&norm, &r.declared) {
        return Some(Verdict::new(g, 4, E::SelfDeclared, shown(part, p)));
    }
    if is_person_on_their_own(r, &bare) {
        return None;
    }
    // A job: only the body it is held at counts ("Head of the Federal Office for
    // Communications", "Executive Director of ICANN"; not "Head of Government Relations").
    if is_job(r, &bare) {
        let at = [" of the ", " at the ", " at "]
            .iter()
            .filter_map(|l| part.split_once(l).map(|(_, body)| body.trim_start()))
            .find(|body| body.starts_with(|c: char| c.is_uppercase()));
        if let Some(body) = at
            && let Some(v) = part_group(r, body)
        {
            return Some(v.at_most(2));
        }
        return known_anywhere(r, part, &norm, &words);
    }
    if (part.contains('@') || (part.contains('.') && !part.contains(' ')))
        && let Some(v) = domain_group(r, part)
    {
        return Some(v);
    }
    // 3: the IGF's own secretariat (a national IGF is multistakeholder: see `neutral`).
    let igf = words.contains(&"IGF") || contains_phrase(&norm, "internet governance forum");
    if igf && contains_phrase(&norm, "secretariat") {
        return Some(Verdict::new(I, 3, E::Known, part.trim()));
    }
    let h = head(r, &bare);
    if any_word(h, &r.neutral) {
        return None;
    }
    // 3: known body, unless the name goes on with a link ("European Union | of the Deaf" is
    // another body, named after it).
    // The longest known name the part starts with ("European Union Agency for …" before
    // "European Union"), the first listed of equal ones.
    let body = norm.strip_prefix(" the ").unwrap_or(&norm);
    let body_words: Vec<&str> = body.split(' ').filter(|w| !w.is_empty()).collect();
    let starting = r
        .known_names
        .starting(&body_words)
        .map(|i| &r.known[i])
        .fold(None::<&rules::Known>, |best, k| match best {
            Some(b) if b.name.text.len() >= k.name.text.len() => Some(b),
            _ => Some(k),
        });
    if let Some(k) = starting
        && !followed_by_link(r, &norm, &k.name.text)
    {
        // … or with a type word of another group: "Siemens Stiftung" is a foundation.
        if let Some(v) = named_after(r, part, &bare, k) {
            return Some(v);
        }
        return Some(Verdict::new(k.group, 3, E::Known, shown(part, &k.name)));
    }
    let first = words.iter().find(|w| **w != "The").copied();
    let bracketed = part
        .trim_end()
        .strip_suffix([')', ']'])
        .and_then(|p| p.rsplit_once(['(', '[']))
        .map(|(_, a)| a.trim());
    for (w, at) in [(first, At::First), (bracketed, At::Bracketed)] {
        let Some(w) = w else { continue };
        if let Some(g) = acronym_at(r, part, w, at) {
            return Some(Verdict::new(g, 3, E::Acronym, w));
        }
    }
    let form = legal_form(r, part);
    if let Some((f, written)) = &form
        && !f.association
    {
        // A company's form and a type word of another group in the head contradict each
        // other (a research institute run as a company): no answer.
        if rule_match(h, &r.words)
            .is_some_and(|(p, g)| g != f.group && !r.weak_heads.contains(p) && g != M)
        {
            return None;
        }
        return Some(Verdict::new(f.group, 3, E::LegalForm, written.clone()));
    }
    // 3: a centre or programme hosted by a body ("Mercatus Center at George Mason University").
    if let Some((_, host)) = part.split_once(" at ") {
        let host = host.trim_start();
        let host = host.strip_prefix("the ").unwrap_or(host);
        if host.starts_with(|c: char| c.is_uppercase())
            && let Some(v) = part_group(r, host)
            && v.strength >= 2
        {
            return Some(v.at(3));
        }
    }
    // 2: an association of companies; a chamber; a short company name; the head's type word.
    if let Some(v) = industry_body(r, part, &bare) {
        return Some(v);
    }
    if let Some(p) = chamber_of_business(r, &bare) {
        return Some(Verdict::new(B, 2, E::Word, shown(part, p)));
    }
    // A national commission is the state's, whatever it is about ("National Human Rights
    // Commission"); "Kenya Human Rights Commission" is an NGO.
    if government_secretariat(r, &bare) {
        let w = bare
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let p = Phrase {
            text: w,
            suffix: false,
        };
        return Some(Verdict::new(Group::Government, 2, E::Word, shown(part, &p)));
    }
    if let Some(commission) = find_word(h, &r.state.commissions)
        && any_word(h, &r.state.national)
    {
        let term = format!(
            "{} {}",
            r.state
                .national
                .iter()
                .find(|n| n.is_in(h))
                .map_or_else(String::new, |n| shown(part, n)),
            shown(part, commission)
        );
        return Some(Verdict::new(Group::Government, 2, E::Word, term));
    }
    if let Some(v) = national_institute(r, part, &bare) {
        return Some(v);
    }
    if let Some(v) = workers_body(r, part, &bare) {
        return Some(v);
    }
    if let Some(v) = local_government_body(r, part, &bare) {
        return Some(v);
    }
    if let Some(p) = find_word(&bare, &r.members.business_unions) {
        return Some(Verdict::new(B, 2, E::Word, shown(part, p)));
    }
    if let Some(v) = union_of_people(r, part, &bare).or_else(|| professional_body(r, part, &bare)) {
        return Some(v);
    }
    let bare_words = bare.split(' ').filter(|w| !w.is_empty()).count();
    let last = bare.split(' ').rfind(|w| !w.is_empty());
    if h.len() == bare.len() && bare_words <= 3 {
        if let Some(l) = last
            && let Some((_, g)) = r.last_words.iter().find(|(w, g)| w == l && *g == B)
        {
            let p = Phrase {
                text: l.to_string(),
                suffix: false,
            };
            return Some(Verdict::new(*g, 2, E::Word, shown(part, &p)));
        }
        if company_group(r, &bare) {
            return Some(Verdict::new(B, 2, E::Word, "Group"));
        }
        if let Some(l) = last
            && let Some((_, g)) = r.last_words.iter().find(|(w, _)| w == l)
        {
            let p = Phrase {
                text: l.to_string(),
                suffix: false,
            };
            return Some(Verdict::new(*g, 2, E::Word, shown(part, &p)));
        }
    }
    if let Some(v) = first_word(r, part, &bare) {
        return Some(v);
    }
    // What the body is for, when that decides what it is ("Asociación … de Normalización").
    if let Some((p, g)) = rule_match(&bare[h.len().saturating_sub(1)..], &r.purposes) {
        return Some(Verdict::new(g, 2, E::Word, shown(part, p)));
    }
    if let Some((phrase, g)) = rule_match(h, &r.head_words) {
        // A network of research and education is neutral wherever it says so ("Rede Nacional
        // de Ensino e Pesquisa").
        if phrase.text == "rede" && any_word(&bare, &r.neutral) {
            return None;
        }
        return Some(Verdict::new(g, 2, E::Word, shown(part, phrase)));
    }
    if let Some((phrase, g)) = rule_match(h, &r.words) {
        let weak = r.weak_heads.contains(phrase);
        return Some(Verdict::new(
            g,
            if weak { 1 } else { 2 },
            E::Word,
            shown(part, phrase),
        ));
    }
    // 2: a registered association ("e.V."), whose members nothing above said.
    if let Some((f, written)) = form {
        return Some(Verdict::new(f.group, 2, E::LegalForm, written));
    }
    // 1: anything anywhere.
    if let Some(k) = known_in(r, &norm) {
        return Some(Verdict::new(k.group, 1, E::Known, shown(part, &k.name)));
    }
    if let Some((p, g)) = rule_match(&norm, &r.words) {
        return Some(Verdict::new(g, 1, E::Word, shown(part, p)));
    }
    words
        .iter()
        .find_map(|w| acronym_in(r, part, w).map(|g| Verdict::new(g, 1, E::Acronym, w.to_string())))
}

/// A body named after a known one by a type word of another group in the rest of its head:
/// "Siemens Stiftung", "Reuters Institute for the Study of Journalism".
fn named_after(r: &OrgRules, part: &str, bare: &str, known: &rules::Known) -> Option<Verdict> {
    let body = bare.strip_prefix(" the ").unwrap_or(bare).trim_start();
    let rest = body.strip_prefix(known.name.text.as_str())?;
    let (p, g) = rule_match(head(r, rest), &r.words)?;
    (g != known.group && !r.weak_heads.contains(p))
        .then(|| Verdict::new(g, 2, E::Word, shown(part, p)))
}

/// Whether the normalised name goes on after the known name `known` (at its start) with a link
/// word: "European Union of the Deaf".
fn followed_by_link(r: &OrgRules, norm: &str, known: &str) -> bool {
    let body = norm.strip_prefix(" the ").unwrap_or(norm).trim_start();
    body.strip_prefix(known)
        .is_some_and(|rest| r.links.iter().any(|l| rest.starts_with(l.as_str())))
}

/// A word that gives a name its type when it starts it and no link follows ("Region Skåne",
/// "Groupe La Poste"; not "Groupe de travail").
fn first_word(r: &OrgRules, part: &str, bare: &str) -> Option<Verdict> {
    let mut words = bare.split(' ').filter(|w| !w.is_empty()).peekable();
    while words
        .next_if(|w| r.articles.iter().any(|a| a == w))
        .is_some()
    {}
    let first = words.next()?;
    let second = words.next()?;
    if r.links.iter().any(|l| l.trim() == second) {
        return None;
    }
    let (p, g) = r.first_words.iter().find(|(p, _)| p.text == first)?;
    Some(Verdict::new(g, 2, E::Word, shown(part, p)))
}

/// The group an e-mail address or domain says ("…@bmvit.gv.at" is an Austrian ministry).
fn domain_group(r: &OrgRules, part: &str) -> Option<Verdict> {
    let host = part.rsplit('@').next()?.trim().to_lowercase();
    if !host.contains('.') || host.contains(' ') {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let last3: Vec<&str> = labels.iter().rev().take(3).copied().collect();
    r.domains
        .iter()
        .find(|(l, _)| last3.contains(&l.as_str()))
        .map(|(_, g)| Verdict::new(*g, 3, E::Domain, host.clone()))
}

/// Splits an affiliation into parts at commas, slashes, semicolons and spaced dashes ("CeRAI -
/// IIT Madras"), keeping an enumeration together ("Department for Culture, Media and Sport"
/// stays one part) and a legal form with the name before it ("Autodesk, Inc.").
fn parts(r: &OrgRules, affiliation: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A legal form with a slash ("A/S") is not two parts: its slash is kept aside.
    const KEPT: char = '\u{2044}';
    let protected: String = affiliation
        .split_inclusive(char::is_whitespace)
        .map(|w| {
            let bare = w.trim_end().trim_end_matches([',', ';', ')']);
            let form = bare.contains('/')
                && r.legal_forms.iter().any(|f| {
                    f.words
                        .iter()
                        .any(|fw| fw.contains('/') && form_word(fw, bare))
                });
            if form {
                w.replace('/', &KEPT.to_string())
            } else {
                w.to_string()
            }
        })
        .collect();
    let pieces = protected
        .split([',', '/', ';'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "));
    for raw in pieces {
        let restored = raw.replace(KEPT, "/");
        let p = restored.trim();
        if p.is_empty() {
            continue;
        }
        let only_a_form = {
            let words: Vec<&str> = p.split_whitespace().collect();
            words.last().is_some_and(|last| {
                forms_ending(r, last).any(|f| {
                    f.words.len() == words.len()
                        && words.iter().zip(&f.words).all(|(w, fw)| form_word(fw, w))
                })
            })
        };
        let continues_enumeration = out.last().is_some_and(|prev| {
            let prev_norm = normalise(prev);
            let has_link = head(r, &prev_norm).len() < prev_norm.len();
            let lower_norm = normalise(p);
            has_link
                && (lower_norm.contains(" and ") || p.contains('&'))
                && rule_match(&lower_norm, &r.words).is_none_or(|(_, g)| g == M)
                && part_group(r, p).is_none_or(|v| v.strength < 3)
        });
        match out.last_mut() {
            Some(prev) if continues_enumeration || only_a_form => {
                prev.push_str(", ");
                prev.push_str(p);
            }
            _ => out.push(p.to_string()),
        }
        // "UGT (Unión General de Trabajadores)": the name in brackets is judged too.
        if let Some((outside, inside)) = p.strip_suffix(')').and_then(|q| q.split_once(" ("))
            && !outside.trim().contains(' ')
            && inside.split_whitespace().count() >= 2
        {
            out.push(inside.to_string());
        }
    }
    out
}

/// A local chapter or office of a technical body ("ISOC-Yemen", "W3C Brazil", "Internet
/// Society of China"): civil society, as chapters declare themselves.
fn is_chapter(r: &OrgRules, affiliation: &str) -> bool {
    let words = acronym_words(affiliation);
    let rest: &[&str] = match words.as_slice() {
        ["ISOC" | "W3C", rest @ ..] => rest,
        ["Internet" | "INTERNET", "Society" | "SOCIETY", rest @ ..] => rest,
        _ => return false,
    };
    let rest: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "of" | "in" | "the"))
        .collect();
    !rest.is_empty()
        && rest.len() <= 4
        && rest.iter().all(|w| {
            let lower = w.to_lowercase();
            acronym_group(r, w).is_none() && !r.structural.contains(&lower)
        })
        && rule_match(&normalise(&rest.join(" ")), &r.words).is_none()
}

/// "Alvarez & Marsal", "Baker & McKenzie": two surnames joined by "&" make a firm.
fn is_firm(r: &OrgRules, organisation: &str) -> bool {
    let Some((a, b)) = organisation.split_once(" & ") else {
        return false;
    };
    let b = b
        .trim()
        .trim_end_matches(['.', ','])
        .trim_end_matches(" LLP")
        .trim_end_matches(" LLC")
        .trim_end_matches(" Co");
    [a.trim(), b].iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(char::is_alphabetic)
            && part_group(r, w).is_none()
    })
}

/// Whether one side of "X and Y" names an organisation on its own: a known body, or a type
/// word in a name of two words or more ("Human Rights Watch and Access Now"; not the
/// "Society" of "Institute for Technology and Society").
fn stands_alone(r: &OrgRules, side: &str) -> bool {
    let side = side.trim();
    side.starts_with(|c: char| c.is_uppercase())
        && part_group(r, side).is_some_and(|v| {
            v.strength >= 3 || (v.strength == 2 && side.split_whitespace().count() >= 2)
        })
}

/// Two organisations joined by "and" or "&" ("Ford Foundation and Yale University"), each
/// standing alone, as two affiliations; an enumeration within one name ("Department for
/// Culture, Media and Sport", "Ministry of Science and Technology") stays whole.
fn joined<'a>(r: &OrgRules, affiliation: &'a str) -> Vec<&'a str> {
    // "GmbH & Co. KG" is one legal form, not a second organisation.
    if legal_form(r, affiliation).is_some_and(|(f, _)| f.words.iter().any(|w| w == "&")) {
        return vec![affiliation];
    }
    for link in [" and ", " & "] {
        if let Some((a, b)) = affiliation.split_once(link)
            && !a.contains(',')
            && stands_alone(r, a)
            && stands_alone(r, b)
        {
            return vec![a, b];
        }
    }
    vec![affiliation]
}

/// The verdict on one affiliation: its parts judged, the strongest wins, ties to the later part
/// (the parent body by convention: "Copyright Law Division, WIPO").
fn affiliation_group(r: &OrgRules, affiliation: &str) -> Option<Verdict> {
    if is_chapter(r, affiliation) {
        return Some(Verdict::new(C, 4, E::Chapter, affiliation.trim()));
    }
    // "Just Net Coalition: This Coalition was formed at a meeting in Delhi …": the name only.
    let affiliation = match affiliation.split_once(": ") {
        Some((name, gloss)) if gloss.split_whitespace().count() >= 5 => name,
        _ => affiliation,
    };
    let mut best: Option<Verdict> = None;
    for p in parts(r, affiliation) {
        if let Some(v) = part_group(r, &p)
            && best.as_ref().is_none_or(|b| v.strength >= b.strength)
        {
            best = Some(v);
        }
    }
    best
}

impl OrgRules {
    /// The verdict on an organisation name (see the module doc); `None` when no rule applies,
    /// and when the affiliations it lists fall in different groups.
    pub fn verdict(&self, organisation: &str) -> Option<Verdict> {
        let r = self;
        let organisation = organisation.trim();
        // "X on behalf of Y": the body represented speaks, when the rules know it.
        let lower = organisation.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("on behalf of")
            .and_then(|_| organisation.get("on behalf of".len()..))
        {
            return r.verdict(rest.trim_start_matches([':', ' ']));
        }
        if let Some(at) = lower.find(" on behalf of ")
            && let Some(v) = organisation
                .get(at + " on behalf of ".len()..)
                .and_then(|rest| r.verdict(rest))
        {
            return Some(v);
        }
        let whole = unbracketed(organisation);
        if is_firm(r, whole.trim()) {
            return Some(Verdict::new(B, 2, E::Firm, whole.trim()));
        }
        let mut verdict: Option<Verdict> = None;
        let affiliations = organisation
            .split(';')
            .flat_map(|a| a.split(" / "))
            .flat_map(|a| a.split(" | "))
            .flat_map(|a| joined(r, a));
        for a in affiliations {
            let Some(v) = affiliation_group(r, a) else {
                continue;
            };
            match &verdict {
                Some(old) if old.group != v.group => return None,
                Some(old) if old.strength >= v.strength => {}
                _ => verdict = Some(v),
            }
        }
        verdict
    }

    /// The stakeholder group of an organisation, from its name (see [`OrgRules::verdict`]).
    pub fn group(&self, organisation: &str) -> Option<Group> {
        self.verdict(organisation).map(|v| v.group)
    }

    /// The group a role implies ("Minister of …" → government, "Professor" → academia,
    /// "Journalist" → media), with the role word; `None` for roles that say nothing.
    pub fn role_verdict(&self, role: &str) -> Option<Verdict> {
        let words = acronym_words(role);
        if let Some((a, g)) = self
            .role_acronyms
            .iter()
            .find(|(a, _)| words.contains(&a.as_str()))
        {
            return Some(Verdict::new(*g, 2, E::Role, a.clone()));
        }
        let norm = normalise(role);
        rule_match(&norm, &self.roles).map(|(p, g)| Verdict::new(g, 2, E::Role, shown(role, p)))
    }

    /// The group an explicit sector or stakeholder-group value names: "Civil Society",
    /// "Private Sector", "civil_society", "IGO", …; `None` for "Other" and anything else.
    pub fn sector(&self, value: &str) -> Option<Group> {
        let norm = normalise(value);
        let norm = norm.trim();
        if let Some(g) = Group::parse(&norm.replace(' ', "_")) {
            return Some(g);
        }
        self.sectors
            .iter()
            .find(|(v, _)| v == norm)
            .map(|(_, g)| *g)
    }
}

/// The verdict on an organisation name by the installed rules (see [`OrgRules::verdict`]).
pub fn org_verdict(organisation: &str) -> Option<Verdict> {
    // Names recur (every capitalised pair a passage holds is asked about, and the same
    // organisations sign many rows): the rules run once per name, thread and installation.
    type Memo = (u64, std::collections::HashMap<Box<str>, Option<Verdict>>);
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::default();
    }
    let generation = GENERATION.load(Ordering::SeqCst);
    if let Some(hit) = MEMO.with(|m| {
        let m = m.borrow();
        (m.0 == generation)
            .then(|| m.1.get(organisation).cloned())
            .flatten()
    }) {
        return hit;
    }
    let verdict = with_rules(|r| r.verdict(organisation));
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        // Bounded: a corpus of unique names must not grow the memo without end.
        if m.0 != generation || m.1.len() >= 1 << 16 {
            m.1.clear();
            m.0 = generation;
        }
        m.1.insert(organisation.into(), verdict.clone());
    });
    verdict
}

/// The stakeholder group of an organisation, from its name; `None` when no rule applies, and
/// when the affiliations it lists ("Goldsmiths (University of London) / IRP Coalition", "X;
/// Y") fall in different groups.
pub fn org_group(organisation: &str) -> Option<Group> {
    org_verdict(organisation).map(|v| v.group)
}

/// The stakeholder group a role implies ("Minister of …" → government, "Professor" →
/// academia, "Journalist" → media); `None` for roles that say nothing ("Director").
pub fn role_group(role: &str) -> Option<Group> {
    with_rules(|r| r.role_verdict(role)).map(|v| v.group)
}

/// The group an explicit sector or stakeholder-group value names: "Civil Society", "Private
/// Sector", "Technical community", "civil_society", "Academia", "IGO", …; `None` for "Other"
/// and anything else.
pub fn parse_sector(value: &str) -> Option<Group> {
    with_rules(|r| r.sector(value))
}

/// A speaker's group with its evidence: the organisation's, else the role's.
pub fn speaker_verdict(role: Option<&str>, organisation: Option<&str>) -> Option<Verdict> {
    organisation
        .and_then(org_verdict)
        .or_else(|| role.and_then(|r| with_rules(|rules| rules.role_verdict(r))))
}

/// A speaker's group: the organisation's, else the role's.
pub fn speaker_group(role: Option<&str>, organisation: Option<&str>) -> Option<Group> {
    speaker_verdict(role, organisation).map(|v| v.group)
}

/// A declared group (a roster's, a sector line's) checked against the organisation's name:
/// the mismatch when strong evidence in the name says another group (an "Inc." that declared
/// "Government - Federal"). Government and intergovernmental are not told apart here: forms
/// that offer no intergovernmental sector have international bodies declare "Government".
pub fn declared_mismatch(declared: Group, organisation: Option<&str>) -> Option<Mismatch> {
    let v = org_verdict(organisation?)?;
    let state = |g: Group| matches!(g, Group::Government | Group::Intergovernmental);
    (v.is_strong() && v.group != declared && !(state(v.group) && state(declared))).then_some(
        Mismatch {
            group: v.group,
            evidence: v.evidence,
        },
    )
}

/// Gives a speaker the group a declared sector names (`value` as written: "Private Sector"),
/// with the mismatch when the organisation's name strongly says another group.
pub fn declare_sector(s: &mut Speaker, group: Group, value: &str) {
    let evidence = Evidence::new(EvidenceKind::Sector, value.trim());
    Grouping::declared(group, evidence, s.organisation.as_deref()).apply(s);
}

/// A speaker's group with its evidence and mismatch, as one value: what attribution hands on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Grouping {
    pub group: Option<Group>,
    pub evidence: Option<Evidence>,
    pub mismatch: Option<Mismatch>,
}

impl Grouping {
    /// What the rules say of a role and an organisation (nothing when they say nothing).
    pub fn by_rules(role: Option<&str>, organisation: Option<&str>) -> Grouping {
        let v = speaker_verdict(role, organisation);
        Grouping {
            group: v.as_ref().map(|v| v.group),
            evidence: v.map(|v| v.evidence),
            mismatch: None,
        }
    }

    /// A declared group (a roster's, a sector's), checked against the organisation's name.
    pub fn declared(group: Group, evidence: Evidence, organisation: Option<&str>) -> Grouping {
        Grouping {
            group: Some(group),
            evidence: Some(evidence),
            mismatch: declared_mismatch(group, organisation),
        }
    }

    /// A speaker's own.
    pub fn of(s: &Speaker) -> Grouping {
        Grouping {
            group: s.group,
            evidence: s.evidence.clone(),
            mismatch: s.mismatch.clone(),
        }
    }

    /// Gives it to a speaker.
    pub fn apply(self, s: &mut Speaker) {
        s.group = self.group;
        s.evidence = self.evidence;
        s.mismatch = self.mismatch;
    }
}

#[cfg(test)]
mod tests;
