//! Recommendations: the sentences of a passage that recommend, urge or prescribe.
//!
//! What: a sentence is a recommendation when it carries a prescriptive cue — a modal of
//! obligation ("should", "must", "need(s) to", "have/has to", "ought to"), "is needed/required/
//! essential", "it is essential/important/critical/vital that/to", "we recommend/propose/
//! suggest/urge/call on", "recommends that", or an imperative verb opening the sentence
//! ("Ensure …", "Consider …", "Avoid …", "Stay pragmatic") — that is not one of the look-alikes:
//! questions, reported history ("recommended in 1995", "the Commission recommended that"),
//! authorial emphasis ("it should be noted", "it must be mentioned"), hypotheticals ("if …
//! should"), counterfactuals ("should have been doing"), comparisons ("as binding as it should
//! be"), inverted questions ("should we focus … or shall we …") and negated needs ("do not
//! have to"). Bullets under a heading about recommendations, lessons or take-aways are judged
//! more generously: "Followups needed …", "… is better on small groups"; headings only count
//! with an explicit cue, never by their opening verb ("Build Trust" is a title). Each hit is the
//! sentence (without its list marker) as an absolute span, its cue as written (lowercased),
//! and the stakeholder groups named as the subject before the cue ("governments should",
//! "CS should") or as the object of an appeal ("we call on governments to").
//!
//! Why: recommendations are what a synthesis report is for; a rapporteur wants every one,
//! attributed, and none of the sentences that merely sound like one.
//!
//! Example: "To work together we have to build trust, and building trust is working together;
//! a never ending story…" is a recommendation with cue "have to"; "Woods was asked how WIPO
//! Internet treaties from 1996 deal with modern needs …" is not.

use std::sync::LazyLock;

use regex::Regex;

use super::Sentence;
use super::matcher::{Analyzed, Hit};
use super::questions::{asks_without_mark, is_question};
use crate::model::{Group, Passage, PassageKind, Recommendation};

/// A sentence that records what the meeting itself agreed or recommended ("The meeting agreed
/// that …", "It was further agreed that …", "Participants recommended that …", "The working
/// group recommends …").
static AGREED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:the\s+(?:meeting|group|working\s+group|committee|panel|plenary|forum|workshop|roundtable|participants|members)|participants|members|all\s+participants)\s+(?:also\s+|further\s+|then\s+|unanimously\s+)?(?:agreed|agree|recommended|recommends|recommend|resolved|decided|endorsed|asked|asks|invited|invites|requested|requests|urged|urges|called\s+on|calls\s+on|advises|advised)\b|it\s+was\s+(?:also\s+|further\s+|unanimously\s+)?(?:agreed|resolved|decided|recommended)\b|there\s+was\s+(?:broad\s+|general\s+|wide\s+|full\s+)?(?:agreement|consensus)\s+that\b|,\s+(?:all\s+)?(?:participants|members|the\s+meeting|the\s+group|the\s+panel|everyone)\s+(?:agreed|concurred)\W*$)")
        .expect("agreed pattern")
});

/// Verbs that make an imperative when they open a sentence.
const IMPERATIVES: &[&str] = &[
    "address",
    "adopt",
    "align",
    "allocate",
    "allow",
    "anticipate",
    "apply",
    "articulate",
    "avoid",
    "build",
    "clarify",
    "collaborate",
    "commit",
    "consider",
    "continue",
    "coordinate",
    "create",
    "define",
    "develop",
    "embrace",
    "empower",
    "enable",
    "encourage",
    "engage",
    "ensure",
    "establish",
    "evaluate",
    "expand",
    "explore",
    "facilitate",
    "focus",
    "foster",
    "fund",
    "give",
    "help",
    "identify",
    "implement",
    "improve",
    "include",
    "increase",
    "indicate",
    "integrate",
    "invest",
    "invite",
    "involve",
    "keep",
    "learn",
    "leverage",
    "listen",
    "maintain",
    "make",
    "mobilize",
    "mobilise",
    "monitor",
    "prioritize",
    "prioritise",
    "promote",
    "protect",
    "provide",
    "publish",
    "recognize",
    "recognise",
    "reduce",
    "reach",
    "remember",
    "respect",
    "seek",
    "simplify",
    "stay",
    "strengthen",
    "support",
    "take",
    "think",
    "try",
    "use",
    "work",
];
/// Verbs that open recommendation bullets in generous sections only.
const GENEROUS_IMPERATIVES: &[&str] = &[
    "agree",
    "assess",
    "be",
    "bring",
    "broaden",
    "design",
    "document",
    "follow",
    "issue",
    "map",
    "measure",
    "offer",
    "open",
    "prepare",
    "rank",
    "reform",
    "review",
    "set",
    "share",
    "start",
    "transform",
];
/// A word after an opening verb that shows it is a noun ("Use of force", "Support for …").
const NOT_AFTER_IMPERATIVE: &[&str] = &[
    "of", "for", "is", "are", "was", "were", "has", "had", "will", "would", "can", "could", "may",
    "might", "and", "or", "s", "to", "in", "on", "at", "by", "from", "as", "group", "groups",
    "tank", "tanks",
];

/// The kinds of cue, which decide how the addressee is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A cue whose subject precedes it: "governments should".
    Subject,
    /// An appeal whose addressee follows it: "we call on governments to".
    Appeal,
    /// An imperative: addressed to the reader.
    Imperative,
}

/// The compiled cue patterns; built once per [`super::Tagger`].
#[derive(Debug)]
pub(crate) struct Recommender {
    cues: Vec<(Regex, Kind)>,
    /// The meeting's own procedure: "let us move to the next item", "send written comments by
    /// Friday", "comments should reach the secretariat by 14 March", "I will circulate the
    /// notes", "take a short break", "we must finish on time", "I'd have to check the number";
    /// and what the chair recalls (an obligation that stands,
    /// "recalled that the council must decide before June").
    procedure: Regex,
    /// "The method applied …": a practice described, not advised; necessity with no action
    /// ("What is needed is a longer horizon", "there is a need for common terms"); talk about
    /// recommendations ("what we recommend"); an obligation that stands
    /// ("must retain fare records for seven years under the national accounting rules", "must
    /// already comply").
    described: Regex,
    /// The meeting's own people: what they recommended is the consultation's.
    participants: Regex,
    generous_cues: Regex,
    generous_section: Regex,
    strong_section: Regex,
    objectives_section: Regex,
    we_need: Regex,
    requirement: Regex,
    wh_before: Regex,
    future_need: Regex,
    determiner: Regex,
    habitual: Regex,
    expectation: Regex,
    self_note: Regex,
    consequent: Regex,
    self_obligation: Regex,
    generic_you: Regex,
    others_believe: Regex,
    inverted: Regex,
    counterfactual: Regex,
    authorial: Regex,
    authorial_to: Regex,
    comparison: Regex,
    hypothetical: Regex,
    negated_need: Regex,
    noun_need: Regex,
    have_to_do_with: Regex,
    complement: Regex,
    reported: Regex,
    year: Regex,
    institution: Regex,
    acronym: Regex,
    clause_break: Regex,
    comma_break: Regex,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the recommendation patterns are valid regexes")
}

impl Recommender {
    pub fn new() -> Recommender {
        const SUBJECT_WORDS: &str =
            r"(?:needs?\s+to|have\s+to|has\s+to|ought\s+to|should|must|had\s+better)";
        Recommender {
            procedure: re(
                r"(?i)\b(?:let(?:'s|’s|\s+us)\s+(?:now\s+|just\s+)?(?:move\s+(?:on|to)|go\s+(?:on\s+)?to\s+the\s+next|turn\s+to\s+(?:the\s+)?next|take\s+a\s+(?:short\s+)?break|break\s+for|wrap\s+up|close\s+the\s+(?:session|meeting))|(?:move|go|turn|proceed)\s+(?:on\s+)?to\s+(?:the\s+)?next\s+(?:agenda\s+)?(?:item|point|topic|speaker|question)|(?:send|submit|provide)\s+(?:your\s+|any\s+|further\s+)?(?:written\s+)?(?:comments|input|feedback)\s+(?:to\s+(?:the\s+)?\S+\s+)?(?:by|before|until)\b|circulate\s+(?:the\s+)?(?:notes|minutes|draft|slides|summary|agenda)|(?:notes|minutes|slides)\s+will\s+be\s+(?:circulated|shared|sent)|(?:un)?mute\s+(?:your|the)|share\s+(?:my|your)\s+screen|take\s+a\s+(?:short\s+|quick\s+|brief\s+)?break|(?:written\s+)?(?:comments|input|feedback|submissions)\b[^.;]{0,80}?\b(?:should|must|are\s+to|need\s+to)\s+(?:be\s+)?(?:sent|submitted|returned|provided|received|reach)\b|\b(?:recalled|reminded(?:\s+\w+){0,2}?)\s+that\b|\bi(?:[’']d|\s+would|\s+will|[’']ll)?\s+(?:have|need)\s+to\s+(?:check|look\s+(?:it\s+|that\s+)?up|confirm|find\s+out|get\s+back|ask)\b|\b(?:finish|end|wrap\s+up|close)\s+on\s+time\b|\bkeep\s+(?:to\s+)?time\b|\b(?:must|has\s+to|have\s+to|should|need\s+to)\s+(?:do\s+so|send|submit|reach|be\s+(?:sent|submitted|received))\b[^.;]{0,80}?\bby\s+(?:the\s+end\s+of\s+)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:mon|tues|wednes|thurs|fri)day)|\bhave\s+until\s+\S+(?:\s+\S+)?\s+to\b|\b(?:suspend|adjourn|pause|break)\s+for\s+(?:a\s+few\s+|a\s+couple\s+of\s+|five|ten|fifteen|twenty|\d+|a\s+(?:short\s+|brief\s+)?(?:moment|while|minute|few))|\b(?:observed|remarked|noted)\s+that\b[^.;]{0,200}?\b(?:has|have)\s+to\s+be\b|\b(?:asked|wondered)\s+(?:whether|if)\b|,\s+(?:the\s+chair|he|she|they)\s+(?:remarked|observed)\s*[.!]?$)",
            ),
            described: re(
                r"(?i)\b(?:method|way|approach|rule)\s+(?:we\s+)?(?:applied|used|adopted|followed|employed|chosen|taken)\b|\b(?:must|has\s+to|have\s+to|(?:is|are)\s+required\s+to)\s+(?:already\s+)?\w+[^.;]{0,120}?\bunder\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?(?:laws?|rules|act|regulations?|directive|statute|contracts?|licen[cs]es?|treaty|constitution)\b|\bmust\s+already\b|\balready\s+(?:has|have|had)\s+to\b|^\W*what\s+(?:is|[’']s)\s+(?:needed|required|missing|lacking)\s+is\b|\bwhat\s+(?:we|i)\s+(?:recommend|propose|suggest)\b|\bthere\s+is\s+(?:a|an)\s+(?:\w+\s+){0,2}?need\s+for\b|\b(?:should|must|ought\s+to)\s+(?:have|be)\s*(?:[;,.!?]|$)|\btells?\s+me\s+(?:that\s+)?i\s+(?:must|should|have\s+to|need\s+to)\b|^\W*under\s+(?:the\s+)?(?:current\s+|existing\s+|interim\s+|new\s+)?(?:[\w-]+\s+){0,3}?(?:laws?|rules|act|regulations?|directive|statute|contracts?|licen[cs]es?|treaty|constitution)\b",
            ),
            participants: re(
                r"(?i)\b(?:we|participants?|delegates?|speakers?|stakeholders|members|attendees|panel(?:l)?ists|contributors|respondents|the\s+(?:meeting|group|workshop|session|forum|consultation))\b",
            ),
            cues: vec![
                (re(&format!(r"(?i)\b{SUBJECT_WORDS}\b")), Kind::Subject),
                // "we need common understanding": validated by the words before it
                (re(r"(?i)\bneed\b"), Kind::Subject),
                // "building a coalition requires strong national ownership": validated
                (re(r"(?i)\brequires?\b"), Kind::Subject),
                (
                    re(
                        r"(?i)\b(?:is|remains)\s+(?:also\s+)?(?:a|the)\s+(?:\w+\s+)?need\s+(?:for|to)\b",
                    ),
                    Kind::Subject,
                ),
                (
                    re(
                        r"(?i)\b(?:is|are)\s*,?\s*(?:(?:therefore|thus|also|particularly|especially|absolutely|really|so)\s*,?\s*)?(?:critical|crucial|key|important|indispensable)\s+to\s+(?:also\s+)?\w+",
                    ),
                    Kind::Subject,
                ),
                (
                    re(
                        r"(?i)\b(?:the\s+)?(?:best|right|only|smart|sensible|wise|better)\s+(?:thing|way|approach|option|course|strategy|path)\s+(?:(?:to|for)\s+\w+\s+(?:\w+\s+)?)?(?:is|would\s+be)\s+to\b|\b(?:a|the)\s+(?:good|better|best|sensible|wise|smart)\s+(?:\w+\s+){1,2}would\s+be\s+to\b",
                    ),
                    Kind::Subject,
                ),
                (
                    re(
                        r"(?i)\bwould\s+be\s+(?:(?:really|very|much|more|most|so|also)\s+)?(?:nice|good|helpful|useful|better|great|wise|preferable|desirable|advisable|well[- ]served|beneficial|valuable|best)\b|\b(?:would|will)\s+do\s+well\s+to\b",
                    ),
                    Kind::Subject,
                ),
                (
                    re(
                        r"(?i)\b(?:is|are)\s+(?:(?:urgently|also|therefore|thus|still|clearly|absolutely)\s+)?(?:needed|required|essential|vital|imperative|(?:strongly\s+)?recommended)\b",
                    ),
                    Kind::Subject,
                ),
                (
                    re(
                        r"(?i)\bit(?:\s+is|\s+would\s+be|\s+may\s+be|\s+might\s+be|'s|’s)\s+(?:(?:therefore|thus|also|particularly|especially|very|so|most|absolutely|increasingly)\s+){0,2}(?:(?:essential|important|critical|vital|crucial|necessary|imperative|advisable|desirable|urgent|worth|useful|helpful|wise)\s+(?:that|to|for)\b|worth\s+\w+ing\b)",
                    ),
                    Kind::Subject,
                ),
                (
                    re(
                        r"(?i)^(?:important|essential|crucial|vital|necessary|imperative)\s+(?:to|that|for)\b",
                    ),
                    Kind::Subject,
                ),
                (
                    re(
                        r"(?i)\b(?:we|i)\s+(?:(?:would|strongly|therefore|also|further|hereby|now|thus|again|really|rather)\s+)*(?:recommend|propose|suggest|urge|call\s+(?:on|upon|for|out)|encourage|advise|invite|request|appeal\s+to|prefer|advocate|like\s+to\s+see|ask\s+that|discourage|submit\s+that)\b",
                    ),
                    Kind::Appeal,
                ),
                (
                    re(
                        r"(?i)\b(?:recommends?|recommended|urges?|urged|proposes?|proposed|advises?|advised)\s+that\b|\brecommendations?\s+(?:is|are)\s+(?:to|that)\b|\b(?:calls?|called)\s+(?:on|upon)\b|\b(?:the\s+(?:meeting|group|working\s+group|committee|panel|plenary|forum|workshop|roundtable)|participants|members)\s+(?:also\s+|further\s+)?(?:asked|invited|requested|tasked|advises|advised|urges|urged|asks|invites)\b|\bwould\s+do\s+well\s+to\b|\bagreed\s+to\s+(?:ask|urge|invite|request|call\s+on)\b",
                    ),
                    Kind::Appeal,
                ),
            ],
            generous_cues: re(
                r"(?i)\b(?:needed|required|(?:is|are)\s+(?:(?:much|far|also)\s+)?(?:better|best|key|crucial|critical|important|preferable)|works?\s+best|(?:method|way|key|lesson|answer|solution|approach|secret|trick|rule)\b[^.;:]{0,40}?\bis\s+to\s+[a-z]+)\b",
            ),
            strong_section: re(
                r"(?i)recommend|policy\s+implications|action\s+points|next\s+steps|way\s+forward|what\s+to\s+do|suggestions|proposals|calls?\s+to\s+action|key\s+asks",
            ),
            objectives_section: re(
                r"(?i)^\W*(?:goals?|objectives?|aims?|purposes?|agenda|tasks?|terms\s+of\s+reference|mandate|deliverables|outputs|scope)\W*$",
            ),
            we_need: re(
                r"(?i)\b(?:we|you|they|i|everyone|everybody|people|stakeholders|governments|countries)\s+(?:(?:really|also|still|urgently|all|just|therefore|now|clearly|definitely|do|badly|simply)\s+)?$",
            ),
            requirement: re(r"(?i)^\s*(?:\w+ing)\b"),
            wh_before: re(r"(?i)\b(?:who|what|which|how|where|when|whether|why)\s+(?:\w+\s+)?$"),
            future_need: re(r"(?i)\b(?:will|would|'ll|’ll|shall|may|might|could)\s+(?:\w+\s+)?$"),
            habitual: re(
                r"(?i)\b(?:often|sometimes|usually|always|frequently|typically|generally|normally|rarely|occasionally|seldom|never|still)\s+$",
            ),
            expectation: re(
                r"(?i)^\s+(?:(?:then|now|also|probably|likely)\s+)?(?:see|get|notice|observe|find|receive|hear|expect|end\s+up)\b",
            ),
            self_note: re(
                r"(?i)\b(?:i|we)\s+(?:really\s+|also\s+|probably\s+)?(?:should|must)\s+(?:also\s+|first\s+)?(?:say|add|mention|note|point\s+out|clarify|admit|confess|stress|emphasi[sz]e|explain|apologi[sz]e)\b",
            ),
            consequent: re(r"(?i)^\s*then\b"),
            self_obligation: re(
                r"(?i)\bi\s+(?:(?:really|just|also|still|first|probably|definitely|simply)\s+)?$",
            ),
            generic_you: re(
                r"(?i)\byou\s+(?:(?:really|just|also|still|first|probably|always|usually|often|sometimes|then|simply|actually)\s+)?$",
            ),
            others_believe: re(
                r"(?i)\b(?:who|which|that)\s+(?:\w+\s+)?(?:think|thinks|thought|believe|believes|believed|feel|feels|felt|say|says|said|argue|argues|argued|claim|claims|claimed)\s+(?:that\s+)?$",
            ),
            determiner: re(
                r"(?i)\s(?:the|a|an|its|their|our|this|that|these|those|his|her|your|my|\w+ing)$",
            ),
            generous_section: re(
                r"(?i)recommend|lessons?|take-?aways?|suggestions|action\s+points|next\s+steps|way\s+forward|policy\s+implications|what\s+to\s+do",
            ),
            inverted: re(r"(?i)^\s+(?:not\s+)?(?:we|i|you|they|he|she|it|one|there)\b"),
            counterfactual: re(r"(?i)^\s+(?:not\s+)?have\s+(?:been|had|\w+(?:ed|en|wn|ne|ght))\b"),
            authorial: re(
                r"(?i)^\s+(?:(?:also|again|here|however|perhaps|first|finally)\s+)*be\s+(?:\w+ly\s+)?(?:noted|emphasi[sz]ed|mentioned|stressed|said|remembered|recalled|pointed\s+out|underlined|borne\s+in\s+mind|kept\s+in\s+mind|observed|reiterated|added|recogni[sz]ed|acknowledged|understood|highlighted|clear)\b",
            ),
            authorial_to: re(
                r"(?i)^\s*(?:note|stress|mention|emphasi[sz]e|remember|recall|acknowledge|point\s+out|highlight|underline|add|say|reiterate|clarify|keep\s+in\s+mind|bear\s+in\s+mind)\b",
            ),
            comparison: re(
                r"(?i)\b(?:as|than|like)\s+(?:it|they|he|she|we|you|one|this|that|these|those|things)\s*$",
            ),
            hypothetical: re(r"(?i)\b(?:if|whether|unless|in\s+case|lest)\b"),
            negated_need: re(
                r"(?i)(?:\b(?:do|does|did|don'?t|doesn'?t|didn'?t|don’t|doesn’t|didn’t)\s+(?:not\s+)?|\bno\s+|\bnot\s+)$",
            ),
            noun_need: re(
                r"(?i)\b(?:a|an|the|its|their|our|no)\s+(?:(?:urgent|real|clear|strong|pressing|growing|great|constant|further|perceived|crucial|critical|obvious|evident|particular|special|basic|fundamental|important|political|practical|genuine|recogni[sz]ed|identified|ongoing|increasing|continued|continuing|general|broader|shared|common|vital|clear-cut|desperate|dire)\s+){0,2}$",
            ),
            have_to_do_with: re(r"(?i)^\s+do\s+with\b"),
            complement: re(
                r"(?i)\b(?:(?:idea|notion|view|argument|proposal|belief|claim|assumption|expectation|principle|concept)\s+that|(?:argued|arguing|claimed|claiming|believed|believing|thought|felt|assumed|feared|hoped|insisting|convinced|persuaded)\s+that)\b[^.;:]*$",
            ),
            reported: re(
                r"(?i)\b(?:recommended|proposed|urged|called\s+(?:for|on|upon)|advocated|suggested|stressed|insisted|argued|concluded|declared|stated|decided|advised|encouraged)\b",
            ),
            year: re(r"\b(?:1[89]\d\d|20\d\d)\b"),
            institution: re(
                r"(?i)\b(?:commissions?|panel|report|committee|council|summit|assembly|conference|board|court|secretary-general|convention|treaty|charter|it)\b",
            ),
            acronym: re(r"\b[A-Z]{3,}\b"),
            clause_break: re(r"[;:(\[–—]|\bthat\b"),
            comma_break: re(r"[;:(\[–—,]|\bthat\b"),
        }
    }

    /// The recommendations of `p`, given its analysed text, sentences and group hits.
    pub fn find(
        &self,
        p: &Passage,
        a: &Analyzed,
        sentences: &[Sentence],
        group_hits: &[(Group, Hit)],
    ) -> Vec<Recommendation> {
        let heading = p.kind == PassageKind::Heading;
        let bullet = p.kind == PassageKind::Bullet;
        let strong_heading = p
            .section
            .iter()
            .rev()
            .find(|h| self.strong_section.is_match(h))
            .filter(|_| bullet);
        let generous = bullet
            && (strong_heading.is_some()
                || p.section.iter().any(|h| self.generous_section.is_match(h)));
        let objectives = p
            .section
            .last()
            .is_some_and(|h| self.objectives_section.is_match(h));
        let mut out = Vec::new();
        // Sentences left to read as the continuation of a reported recommendation.
        let mut reported_context: u8 = 0;
        for s in sentences {
            let t = &p.text[s.start..s.end];
            let history = self.is_history(t, t.len());
            let in_report = reported_context > 0;
            reported_context = if history {
                2
            } else {
                reported_context.saturating_sub(1)
            };
            if is_question(t)
                || asks_without_mark(t)
                || crate::analysis::token_spans(t).nth(2).is_none()
            {
                continue; // a question, or a one-word comment ("must")
            }
            // An editor's note ("[A concluding sentence here would be helpful]"), the
            // meeting's own procedure, a practice described ("The method applied … is to …").
            let bare = t.trim().trim_end_matches(['.', ';', ':']);
            if bare.starts_with('[') && bare.ends_with(']')
                || self.procedure.is_match(t)
                || self.described.is_match(t)
            {
                continue;
            }
            let found = self.cue(t, generous, heading || objectives);
            let (cs, ce, kind, cue) = match found {
                Some((cs, ce, kind)) => {
                    let cue = t[cs..ce]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    (cs, ce, kind, cue)
                }
                // Under "Recommendations", "Policy implications", "Next steps": every point.
                None => match strong_heading {
                    Some(h) if is_point(t) => (0, 0, Kind::Imperative, heading_cue(h)),
                    _ => continue,
                },
            };
            // "Among its key elements, the PBC should maintain…" after "proposed by the Panel".
            if in_report && kind == Kind::Subject && !personal(t) {
                continue;
            }
            let (from, to) = match kind {
                Kind::Subject => {
                    let clause = last_end(&self.clause_break, &t[..cs]);
                    (s.start + clause, s.start + cs)
                }
                Kind::Appeal => (s.start + ce, s.start + ce + window(&t[ce..])),
                Kind::Imperative => (0, 0),
            };
            out.push(Recommendation {
                start: p.start + s.start,
                end: p.start + s.end,
                text: t.to_string(),
                cue,
                addressee: addressees(a, group_hits, from, to),
                agreed: AGREED.is_match(t),
            });
        }
        out
    }

    /// The first valid cue of sentence `t`: its byte range and kind. A heading ("Build Trust")
    /// is a title and a goal ("Support the design of…" under "Goals:") an objective, not an
    /// instruction: for them only explicit cues count.
    fn cue(&self, t: &str, generous: bool, no_imperative: bool) -> Option<(usize, usize, Kind)> {
        let mut found: Vec<(usize, usize, Kind)> = Vec::new();
        if let Some((s, e)) = self.imperative(t, generous).filter(|_| !no_imperative) {
            found.push((s, e, Kind::Imperative));
        }
        for (rx, kind) in &self.cues {
            for m in rx.find_iter(t) {
                if self.valid(t, m.start(), m.end()) {
                    found.push((m.start(), m.end(), *kind));
                }
            }
        }
        if generous {
            for m in self.generous_cues.find_iter(t) {
                if self.valid(t, m.start(), m.end()) {
                    found.push((m.start(), m.end(), Kind::Subject));
                }
            }
        }
        found
            .into_iter()
            .min_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)))
    }

    /// The opening imperative verb of `t`, if it has one.
    fn imperative(&self, t: &str, generous: bool) -> Option<(usize, usize)> {
        let mut words = t.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        let first = words.next().filter(|w| !w.is_empty())?;
        let lower = first.to_lowercase();
        let second = words.find(|w| !w.is_empty()).unwrap_or("");
        let next = second.to_lowercase();
        let third = words.find(|w| !w.is_empty()).unwrap_or("");
        let capitalised = first.chars().next().is_some_and(char::is_uppercase);
        if !(capitalised || generous) || t[first.len()..].starts_with(':') {
            return None;
        }
        // "Do not …", "Don't …", "Never …", "Let us …" (but "let us distinguish…" for discussion)
        let negative = matches!(lower.as_str(), "don't" | "don’t" | "never")
            || lower == "do" && next == "not"
            || lower == "let"
                && matches!(next.as_str(), "us" | "s")
                && !matches!(
                    third.to_lowercase().as_str(),
                    "distinguish"
                        | "say"
                        | "assume"
                        | "suppose"
                        | "consider"
                        | "imagine"
                        | "recall"
                );
        if negative {
            return Some((0, first.len()));
        }
        // "Consider the UNGA where…" points at an example, it does not advise.
        if lower == "consider"
            && next == "the"
            && third.chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        let listed = IMPERATIVES.contains(&lower.as_str())
            || generous && GENEROUS_IMPERATIVES.contains(&lower.as_str());
        let noun_like =
            NOT_AFTER_IMPERATIVE.contains(&next.as_str()) && !(generous && next == "to");
        (listed && !noun_like && !next.is_empty()).then_some((0, first.len()))
    }

    /// False for look-alikes of the cue at `cs..ce` in sentence `t`.
    fn valid(&self, t: &str, cs: usize, ce: usize) -> bool {
        let pre = &t[..cs];
        let post = &t[ce..];
        let cue = t[cs..ce].to_lowercase();
        let modal =
            cue.starts_with("should") || cue.starts_with("must") || cue.starts_with("ought");
        let need_like =
            cue.starts_with("need") || cue.starts_with("have") || cue.starts_with("has");
        let would_be = cue.starts_with("would") || cue.starts_with("will");
        if cue == "need" {
            // "we need common understanding"; not "the need", "needs", "need to" (its own cue)
            let after = post.trim_start().to_lowercase();
            if !self.we_need.is_match(pre)
                || after.starts_with("to ")
                || after.starts_with("not")
                || after.is_empty()
            {
                return false;
            }
        }
        if cue.starts_with("requir") {
            // "Addressing protracted violence requires…": a general requirement has an -ing
            // subject; "this requires that…" or "the PBC required…" are not advice.
            let clause = &pre[last_end(&self.comma_break, pre)..];
            if !self.requirement.is_match(clause) || clause.trim().is_empty() {
                return false;
            }
        }
        if (cue.starts_with("is") || cue.starts_with("are"))
            && let Some(to) = cue.rfind(" to ")
        {
            // "critical to the success", "key to driving", "crucial to multistakeholder
            // mechanisms": a description; "critical to ensure …": advice.
            let word = cue[to + 4..].split_whitespace().next().unwrap_or("");
            if self.determiner.is_match(&cue) || !is_verb(word) {
                return false;
            }
        }
        if cue.starts_with("should") && pre.trim().is_empty() {
            return false; // "Should the talks fail, …"
        }
        if modal && (self.inverted.is_match(post) || self.counterfactual.is_match(post)) {
            return false;
        }
        if (modal || need_like) && self.wh_before.is_match(pre) {
            return false; // "as to who should lead", "stakeholders which must return"
        }
        if need_like && self.future_need.is_match(pre) {
            return false; // "surrogates will need to stand in": a forecast
        }
        if (modal || need_like) && self.self_obligation.is_match(pre) {
            return false; // "I have to see if…": the speaker's own errand
        }
        if need_like && self.generic_you.is_match(pre) {
            return false; // "to get to the top, you have to go through…": how things are
        }
        if self.others_believe.is_match(pre) {
            return false; // "some people who think it's important to…"
        }
        if (modal || need_like) && self.habitual.is_match(pre) {
            return false; // "you often need to do clean up": a habit, not advice
        }
        if cue.starts_with("should") && self.expectation.is_match(post) {
            return false; // "you should see exactly the same results": an expectation
        }
        if modal
            && self
                .self_note
                .find_iter(t)
                .any(|m| m.start() <= cs && cs < m.end())
        {
            return false; // "I guess I should say, …"
        }
        if self.authorial.is_match(post) {
            return false;
        }
        if cue.starts_with("it") && self.authorial_to.is_match(post) {
            return false; // "it is important to stress that …"
        }
        if (cue.starts_with("is") || cue.starts_with("are"))
            && let Some(to) = cue.rfind(" to ")
            && self.authorial_to.is_match(&cue[to + 4..])
        {
            return false; // "…, it is important to acknowledge the role of…"
        }
        if self.comparison.is_match(pre) {
            return false;
        }
        let clause = &pre[last_end(&self.comma_break, pre)..];
        if (modal || need_like || would_be) && self.hypothetical.is_match(clause) {
            return false;
        }
        if (modal || need_like)
            && self.consequent.is_match(clause)
            && self.hypothetical.is_match(pre)
        {
            return false; // "if the spec said …, then the WeakSet must say false"
        }
        if need_like && self.negated_need.is_match(pre) {
            return false;
        }
        if cue.starts_with("need") && self.noun_need.is_match(pre) {
            // "a need to demonstrate" is a noun, unless "there is a need to …"
            let tail = pre.to_lowercase();
            if !(tail.contains("there is") || tail.contains("there remains")) {
                return false;
            }
        }
        if (cue.starts_with("have") || cue.starts_with("has"))
            && self.have_to_do_with.is_match(post)
        {
            return false;
        }
        if self.complement.is_match(pre) {
            return false; // "the idea that Security Council members should …"
        }
        !self.is_history(t, ce)
    }

    /// True when a past reporting verb at or before the cue (ending at `ce`) reports what an
    /// institution recommended ("the Commission urged", "proposed by the Panel"), or a year
    /// dates it.
    fn is_history(&self, t: &str, ce: usize) -> bool {
        let Some(verb) = self.reported.find_iter(&t[..ce]).last() else {
            return false;
        };
        let before = &t[..verb.start()];
        let by_someone = t[verb.end()..]
            .trim_start()
            .strip_prefix("by ")
            .is_some_and(|rest| {
                let rest = rest.trim_start().trim_start_matches("the ");
                rest.chars().next().is_some_and(char::is_uppercase)
            });
        // A named actor in the clause before the verb ("…, The Responsibility to Protect
        // recommended that"), not the meeting's own participants ("Participants from the
        // Pacific recommended that").
        let clause = &before[last_end(&self.comma_break, before)..];
        let named = clause
            .split_whitespace()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_uppercase) && w != "I")
            && !self.participants.is_match(clause);
        self.year.is_match(t)
            || named
            || self.institution.is_match(before)
            || self.acronym.is_match(before)
            || by_someone
    }
}

/// Verbs that follow "it is critical/essential/key to" in advice, beyond the imperatives.
const INFINITIVES: &[&str] = &[
    "achieve",
    "act",
    "assess",
    "be",
    "become",
    "bring",
    "change",
    "check",
    "choose",
    "communicate",
    "consult",
    "cooperate",
    "deliver",
    "design",
    "discuss",
    "do",
    "draw",
    "ensure",
    "find",
    "get",
    "go",
    "have",
    "hear",
    "hold",
    "know",
    "learn",
    "look",
    "meet",
    "move",
    "note",
    "plan",
    "prevent",
    "realise",
    "realize",
    "remain",
    "reach",
    "respond",
    "secure",
    "see",
    "set",
    "share",
    "start",
    "succeed",
    "sustain",
    "tackle",
    "talk",
    "test",
    "track",
    "understand",
];

/// True when `word` is a verb advice puts after "critical to", "important to".
fn is_verb(word: &str) -> bool {
    IMPERATIVES.contains(&word)
        || GENEROUS_IMPERATIVES.contains(&word)
        || INFINITIVES.contains(&word)
        || word == "also"
}

/// True when a sentence under a recommendations heading is a point, not an attribution or a
/// fragment: at least four words, not wholly in brackets.
fn is_point(t: &str) -> bool {
    let bracketed = t.starts_with('(') && t.ends_with(')');
    !bracketed && crate::analysis::token_spans(t).nth(3).is_some()
}

/// The cue of a point made under a recommendations heading: the heading, as a reader sees it.
fn heading_cue(h: &str) -> String {
    h.trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// True when the sentence speaks in the first or second person: the writer's own advice.
fn personal(t: &str) -> bool {
    crate::analysis::tokens(t).any(|w| {
        matches!(
            w.lower.as_str(),
            "we" | "i" | "us" | "our" | "you" | "your" | "let"
        )
    })
}

/// Where the clause holding the end of `pre` starts: after the last match of `breaks`.
fn last_end(breaks: &Regex, pre: &str) -> usize {
    breaks.find_iter(pre).last().map_or(0, |m| m.end())
}

/// The bytes of the first few words of `text`: where an appeal names its addressee.
fn window(text: &str) -> usize {
    const WORDS: usize = 8;
    crate::analysis::token_spans(text)
        .take(WORDS)
        .last()
        .map_or(0, |(_, end)| end)
}

/// The groups hit inside the byte range `from..to` of the passage text, at most 12 words
/// before `to`.
fn addressees(a: &Analyzed, group_hits: &[(Group, Hit)], from: usize, to: usize) -> Vec<Group> {
    const MAX_WORDS: usize = 12;
    let toks = a.tokens_within(from, to);
    let first = toks.start.max(toks.end.saturating_sub(MAX_WORDS));
    let mut out: Vec<Group> = group_hits
        .iter()
        .filter(|(_, h)| h.start >= first && h.end <= toks.end)
        .map(|(g, _)| *g)
        .collect();
    out.sort();
    out.dedup();
    out
}
