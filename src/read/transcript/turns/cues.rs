//! What one caption turn says about who speaks it, who spoke before it and who speaks next:
//! the cues the rules of [`super`] combine. Every cue is a general pattern of moderated
//! panels, not a sentence of some file.
//!
//! - **thanks** at the start: "Thank you, Somia", "Great to hear that Safi" — names the
//!   previous speaker;
//! - **self-introduction**: "My name is …", "I am … from", "This is …" — names this one;
//! - **addressed** people: after a hand-off ("over to you", "I'll turn to Dr. …", "let me
//!   bring in", "coming to", "I invite", "welcome"), before one ("Jules, over to you", "…, your
//!   thoughts", "…, what …"), a vocative in a sentence that says "you" ("…, you are the global
//!   privacy officer"), or the name that ends a question or the turn; the last one addressed
//!   near the end is the **hand-off**: the next speaker;
//! - the turn **asks** (a question or a request to speak near its end), **reacts** ("Great.",
//!   "Interesting.", "Thank you for those insights" — a moderator's opening), **answers**
//!   ("Yes", "I think", "Thank you for the question" — a panellist's), **opens** the session
//!   ("Good afternoon everyone"), is the **audience**'s ("I have a question", "I'm a student
//!   from …"), or introduces somebody the list does not hold ("My name is Rahul");
//! - the **moderator** says so ("I'm going to be your MC") or is introduced as such ("To
//!   moderate this session I invite …", "our moderator …").

use std::sync::LazyLock;

use regex::Regex;

use super::names::{Mention, Person, ahead, back, mentions, unlisted_first_name};

/// How far from the end of a turn the last person addressed hands the floor over (bytes).
pub(crate) const HANDOFF_WINDOW: usize = 1500;
/// How far from the end of a question the one person it names is handed the floor (bytes).
const MENTION_WINDOW: usize = 2000;
/// How much of the end of a turn may hold its question (bytes).
const ASK_WINDOW: usize = 400;
/// A name this close to the start of a turn opens it (bytes).
const OPENING_NAME: usize = 40;
/// A turn shorter than this can be a question and nothing else (bytes).
pub(crate) const SHORT_TURN: usize = 600;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid")
}

const THANKS: &str = r"(?:thank\s+you|thanks|thank\s+u|thankyou|merci)(?:\s+(?:so|very)\s+much|\s+a\s+lot|\s+again|\s+indeed)?";
const HON: &str = r"(?:(?:dr|mr|mrs|ms|prof|professor|minister|ambassador|general|sir|madam|excellency|doctor)\.?\s+)";

/// An opening that thanks or acknowledges someone, up to the name: "Thank you. Thank you ",
/// "Great to hear that ", "Fantastic. Thank you so much, Dr. ".
static OPEN_THANKS: LazyLock<Regex> = LazyLock::new(|| {
    let fill = r"(?:uh|um|so|yes|yeah|okay|ok|oh|well|and|right|all\s+right|great|wonderful|fantastic|perfect|no|very|good|nice|lovely|excellent|brilliant|that's\s+great)";
    let ack = format!(
        r"(?:{THANKS}|great\s+to\s+hear\s+(?:that|from\s+you)|that's\s+(?:great|wonderful|fantastic|brilliant|excellent)|wonderful|fantastic|brilliant|excellent|lovely|great)"
    );
    re(&format!(
        r"(?i)^(?:[\s,.!\-]*(?:{fill}|{THANKS}(?:\s+(?:for\s+(?:that|the\s+question|having\s+me|this)))?))*[\s,.!\-]*{ack}[\s,]+(?:(?:uh|um)[\s,]+)?{HON}?$"
    ))
});

/// Thanks right before a name ("… thank you, Karina"): not a hand-off unless it ends the turn.
static THANKS_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i){THANKS}[\s,]*(?:(?:uh|um)[\s,]+)?{HON}?$")));

/// A hand-off right before a name: "over to you, ", "I'll turn to Dr. ", "coming to ".
static HANDOFF_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:over\s+to(?:\s+you)?|turn(?:\s+it)?(?:\s+over)?\s+to(?:\s+you)?|com(?:e|ing)(?:\s+back)?\s+to(?:\s+you)?|go(?:\s+back)?\s+to(?:\s+you)?|start\s+with(?:\s+you)?|begin\s+with(?:\s+you)?|bring(?:\s+you)?\s+in|invite|welcome(?:\s+to\s+the\s+stage)?|welcoming|hand(?:\s+it)?\s+over\s+to|pass(?:\s+it)?(?:\s+on)?\s+to|hop\s+over\s+to(?:\s+you)?|jump\s+to(?:\s+you)?|move(?:\s+on)?\s+to|question\s+(?:is\s+)?(?:to|for)|to\s+you|for\s+you|with\s+you|introduce(?:\s+our\s+\w+)?|call(?:\s+up)?on|ask|(?:our|the|my)\s+(?:last|next|first|final)\s+(?:speaker|panelist|panellist|question)[.,]?(?:\s+(?:uh|um|so|is))*)[\s,]*(?:(?:uh|um|now|then|next|first|our|my|dear|friend)[\s,]+)*{HON}?$"
    ))
});

/// A hand-off or question right after a name: "Jules, over to you", "Syel could you kick us
/// off", "Minakshi, my first question is to you".
static AFTER_VOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s,]*(?:(?:uh|um)[\s,]+)*(?:over\s+to\s+you|your\s+thoughts|can\s+i|could\s+i|may\s+i|i(?:'ll|\s+will|\s+would\s+like\s+to|\s+want\s+to|\s+wanted\s+to|\s+am\s+going\s+to|'m\s+going\s+to|'d\s+like\s+to)|you\b|what\b|how\b|why\b|would\s+you|could\s+you|can\s+you|do\s+you|did\s+you|tell\s+us|let\s+me|please|if\s+i\s+(?:can|may)|i\s+think\s+you|the\s+floor|my\s+(?:first\s+|next\s+)?question|(?:i\s+)+(?:was|am)\s+(?:(?:just|uh|um)\s+)*(?:wondering|curious)|welcome\b|is\s+(?:this|there)\s+something\s+you)",
    )
});

/// "Sophie, can I add …": asking the floor of the person named, not giving it to them.
static PERMISSION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s,]*(?:(?:uh|um)[\s,]+)*(?:can|could|may)\s+i\s+(?:just\s+)?(?:add|come\s+in|jump\s+in|say|respond|react|comment|ask\s+a)",
    )
});

/// A "you" soon after a name, in the same sentence: "Ivana, you are …", "Vfredo uh I think
/// uh I'm going to give you …".
/// "you know" is a filler, not an address ("professor Russell um I'm thinking you know").
static VOCATIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[^.?!]{0,40}?\b(?:you|your)\b(\s+know\b)?"));

/// Whether the words after a name say "you" to them, soon and in the same sentence.
fn vocative(after: &str) -> bool {
    VOCATIVE.captures(after).is_some_and(|c| c.get(1).is_none())
}

/// A name that is the subject of a verb, not addressed: "Jules has just left you".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s,]*(?:told|said|mentioned|asked|showed|gave|and|has|had|is|was|will|would|did|does|just|also|who|which|'s|’s)\b",
    )
});

/// A name reported, not addressed: "what Jules spoke about", "as Gail mentioned".
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s,]*(?:(?:uh|um|just|also|already|has|had|was)\s+)*(?:spoke|said|says|mentioned|talked|pointed|raised|noted|highlighted|described|explained|shared|suggested|argued|referred|(?:is|was)\s+(?:talking|speaking|saying|mentioning|describing|explaining|pointing|referring|sharing))\b",
    )
});

/// "what ", "as ", "like ", "the comments by " before a name: a reference to what they said.
static REFERENCE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:what|as|like|by|of)\s+(?:(?:uh|um)\s+)*{HON}?$"
    ))
});

/// The rest of a turn after a name ends the sentence: "…, Ivana?".
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[\s,]*(?:(?:uh|um|sir|please)[\s,]*)*(?:[.?!]|$)"));

/// Nothing but fillers, thanks and assent: "Thank you very much. Oh yes,".
static ONLY_FILL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s,.!?]*(?:(?:yeah|yes|oh|ok|okay|right|all\s+right|sure|exactly|absolutely|great|good|wow|sorry|hello|hi|well|so|and|uh|um|thank\s+you|thanks|so\s+much|very\s+much|please)[\s,.!?]*)*$",
    )
});

/// Only fillers and thanks left: "Yeah.", "please. Thank you."
static TAIL_FILL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s,.!?]*(?:(?:yeah|yes|please|sir|ma'am|madam|thank\s+you|thanks|uh|um|so|okay)[\s,.!?]*)*$",
    )
});

static YOU_OR_QUESTION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\byou\b|\?"));

/// "my name is ", "I am ", "I'm ", "This is " right before a name (and a short first word
/// that is no name alone: "My name is Di Karo").
static SELF_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:my\s+name\s+is|\bi\s+am|\bi['’]m|\bthis\s+is)\s+{HON}?(?:[a-z]{{1,2}}\s+)?$"
    ))
});

/// A name given in a self-introduction, whoever it is.
static MY_NAME_IS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bmy\s+name\s+is\s+[A-Z]"));

/// A question or a request to speak.
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\?|\b(?:your\s+thoughts|over\s+to\s+you|what\s+do\s+you|how\s+do\s+you|would\s+love\s+to\s+hear|love\s+to\s+hear|like\s+to\s+hear|hear\s+from\s+you|tell\s+us|could\s+you|can\s+you|would\s+you|do\s+you|kick\s+us\s+off|the\s+floor\s+is\s+yours|my\s+question\s+is|question\s+(?:to|for)\s+you|i'd\s+like\s+to\s+ask|what\s+is\s+it\s+that|what\s+would\s+(?:that|be))\b",
    )
});

/// A turn that starts as a question: "so what will help", "Do you get push back?".
static QUESTION_START: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:uh|um|so|and|okay|but)[\s,]+)*(?:what|how|why|which|where|when|who|do\s+you|does|did\s+you|is\s+there|are\s+there|are\s+you|can\s+you|could\s+you|would\s+you|will\s+you)\b",
    )
});

/// "I'm going to be your MC", "I'll be moderating".
static MODERATOR_SELF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:i(?:'m|\s+am)\s+(?:going\s+to\s+be\s+)?(?:your|the)\s+(?:moderator|mc|host|chair)|i(?:'ll|\s+will)\s+be\s+(?:moderating|your\s+moderator|chairing))",
    )
});

/// Right before a name: "To moderate this session I invite ", "our moderator ".
static MODERATOR_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:to\s+moderate\s+(?:this|the)\s+(?:session|panel|discussion)[^.]{0,40}?|our\s+moderator[\s,]+(?:(?:is|today|for\s+today)[\s,]+)*|moderated\s+by\s+|(?:invite|welcome)\s+(?:our\s+)?moderator[\s,]+)(?:(?:uh|um)[\s,]+)*$",
    )
});

/// How a panellist starts: "Yes", "I think", "Thank you for the question", "Can I come in".
static ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[\s,.]*(?:uh|um|so|well|okay|and|first\s+of\s+all))*[\s,.]*(?:yes\b|yeah\b|sure\b|absolutely\b|definitely\b|of\s+course\b|for\s+(?:me|us)\b|i\s+think\b|i\s+would\b|i'd\s+(?:say|add)|honestly\b|in\s+a\s+sense\b|easy\s+question|i'll\s+(?:hurry|be\s+(?:quick|brief))|(?:thank\s+you|thanks)(?:\s+(?:so|very)\s+much)?\s+for\s+(?:the|that|this|your|having)|(?:that's\s+)?(?:a\s+)?(?:great|good|difficult|tough|excellent|interesting)\s+question|i\s+just\s+want\s+to\s+add|can\s+i\s+(?:just\s+)?(?:come\s+in|add)|i\s+(?:would\s+)?agree)",
    )
});

/// Thanks for being given the floor: "Thank you for having me", "thanks for inviting me".
static GRATEFUL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[\s,.]*(?:uh|um|so|well|okay|and|first\s+of\s+all))*[\s,.]*(?:thank\s+you|thanks)(?:\s+(?:so|very)\s+much)?\s+for\s+(?:having|inviting|the\s+(?:question|invitation|opportunity))",
    )
});

/// How a moderator reacts to an answer: "All right.", "Interesting.", "Thank you for those
/// insights".
static REACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[\s,.]*(?:uh|um|so|okay|oh|no|and|well))*[\s,.]*(?:all\s+right|right|great|interesting|fantastic|wonderful|excellent|brilliant|perfect|true|(?:(?:my|our)\s+(?:(?:uh|um)\s+)?)+pleasure|that's\s+(?:great|interesting|fantastic|wonderful|amazing|a\s+great)|(?:thank\s+you|thanks)(?:\s+(?:so|very)\s+much)?\s+for\s+(?:those|these|that|your|sharing))\b",
    )
});

/// The reaction that can only follow somebody else's answer: "Thank you for those insights".
static STRONG_REACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[\s,.]*(?:uh|um|so|okay|oh|no|and|well|great|wonderful|fantastic))*[\s,.]*(?:thank\s+you|thanks)(?:\s+(?:so|very)\s+much)?\s+for\s+(?:those|these|sharing|your\s+(?:insights|thoughts|comments|remarks|perspective))",
    )
});

/// "Good afternoon everyone", "Welcome".
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[\s,.]*(?:uh|um|so|okay|hi|hello))*[\s,.]*(?:good\s+(?:morning|afternoon|evening)|welcome|namaste|ladies\s+and\s+gentlemen)",
    )
});

/// An audience member: "I have a question", "I'm a researcher from …", "my question is".
static AUDIENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bmy\s+question\s+is\b|\bi\s+have\s+a\s+(?:quick\s+)?question\b|\bi(?:'m|\s+am)\s+(?:a|an)\s+(?:[a-z]+\s+){0,3}(?:student|researcher|journalist|founder|entrepreneur)\b",
    )
});

/// "my question is to you": the moderator's, not the audience's.
static QUESTION_TO_YOU: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bmy\s+question\s+is\s+(?:to|for)\s+you\b"));

/// Thanks to a capitalised word at the start: "Thank you. Thank you Parj." (a name the list
/// may not hold).
static THANKS_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?i:(?:[\s,.!]*(?:uh|um|so|yes|yeah|okay|right|great|thank\s+you|thanks)[\s,.!]*)*{THANKS}[\s,]+(?:uh\s+)?)[A-Z][a-z]{{2,}}\b"
    ))
});

/// A question to everybody: "each of you", "a lightning round".
static TO_ALL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:all\s+of\s+you|each\s+(?:one\s+)?of\s+you|any\s+other|anyone\s+else|anybody|who\s+(?:wants|would\s+like)\s+to|every\s+(?:one\s+of\s+you|panelist|panellist)|all\s+(?:the\s+)?panel(?:l)?ists|(?:lightning|quick|rapid)(?:[\s-]+fire)?\s+round|to\s+the\s+panel|everyone\s+on\s+the\s+panel)\b",
    )
});

/// A turn that goes on from the one before: it starts with a word that continues a sentence.
static CONTINUES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:uh|um)[\s,]+)*(?:and|but|or|because|which|that|is|are|was|of|to|in|if|with|for|than|then)\b",
    )
});

/// "For me …", "uh for us …": a view of one's own, the start of an answer, not a sentence
/// going on.
static OWN_VIEW: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(?:uh|um)[\s,]+)*for\s+(?:me|us)\b"));

/// A turn that ends in mid-sentence.
static ENDS_CLOSED: LazyLock<Regex> = LazyLock::new(|| re(r#"[.?!\])"]\s*$"#));

/// A capitalised word, a candidate first name.
static CAPITALISED: LazyLock<Regex> = LazyLock::new(|| re(r"\b[A-Z][a-z]{2,}\b"));

/// What one turn says (offsets relative to the turn text).
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    pub len: usize,
    /// Words, sound tags left out.
    pub words: usize,
    /// Nothing but fillers, thanks and assent ("Thank you very much. Oh yes,").
    pub only_fill: bool,
    pub mentions: Vec<Mention>,
    /// Thanked or acknowledged at the start: the previous speaker.
    pub thanks: Option<Mention>,
    /// Introduces themselves: this speaker.
    pub self_intro: Option<Mention>,
    /// Addressed anywhere in the turn.
    pub addressed: Vec<Mention>,
    /// Handed the floor at the end: the next speaker.
    pub handoff: Option<Mention>,
    /// Introduced as the moderator (from the next turn on).
    pub moderator_intro: Vec<Mention>,
    pub asks: bool,
    pub answer: bool,
    /// Thanks for the floor at the start: "Thank you for having me".
    pub grateful: bool,
    pub react: bool,
    pub strong_react: bool,
    pub opening: bool,
    pub audience: bool,
    /// "My name is …" in its first lines, whoever that is.
    pub names_self: bool,
    pub thanks_other: bool,
    pub moderator_self: bool,
    /// A question to the whole panel near the end.
    pub to_all: bool,
    pub continues: bool,
    pub ends_open: bool,
    /// The person whose name opens the turn ("Sophie, can I add …"): not its speaker.
    pub opens_with: Option<usize>,
    /// Addresses, near its end, somebody the list does not hold ("Al Pesh, you wanted to
    /// add?").
    pub addresses_unlisted: bool,
}

impl Features {
    /// Whether the turn addresses, thanks or hands over to `person`: then it is not theirs.
    pub fn names_other(&self, person: usize) -> bool {
        self.thanks.as_ref().is_some_and(|m| m.person == person)
            || self.handoff.as_ref().is_some_and(|m| m.person == person)
            || self.addressed.iter().any(|m| m.person == person)
            || self.opens_with == Some(person)
    }

    /// Whether the turn addresses somebody in its first lines.
    pub fn addresses_early(&self) -> bool {
        self.addressed.iter().any(|m| m.start < 300)
    }
}

/// Whether the text after a name makes it a possessive ("Audrey Tang's video"): not addressed.
fn possessive(rest: &str) -> bool {
    rest.starts_with("'s") || rest.starts_with("’s")
}

/// The sentence around `start..end`.
fn sentence_of(t: &str, start: usize, end: usize) -> &str {
    let bytes = t.as_bytes();
    let boundary = |i: usize| {
        matches!(bytes[i], b'.' | b'?' | b'!')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
    };
    let a = (0..start).rev().find(|&i| boundary(i)).map_or(0, |i| i + 1);
    let b = (end..t.len())
        .find(|&i| boundary(i))
        .map_or(t.len(), |i| i + 1);
    &t[a..b]
}

/// A caption's sound tag: "[applause]", "[clears throat]", "[laughter]".
static SOUND_TAG: LazyLock<Regex> = LazyLock::new(|| re(r"\[[a-z][a-z ]{0,30}\]"));

/// `text` with its sound tags blanked out, byte for byte (offsets stay the same): a tag is
/// nobody's words ("Great. [applause] Thank you very much, Professor Russell").
pub(crate) fn without_tags(text: &str) -> std::borrow::Cow<'_, str> {
    SOUND_TAG.replace_all(text, |c: &regex::Captures| " ".repeat(c[0].len()))
}

/// The cues of one turn, `text`, against the list `people`.
pub(crate) fn analyse(text: &str, people: &[Person]) -> Features {
    let masked = without_tags(text);
    let text: &str = &masked;
    let ms = mentions(text, people);
    let mut f = Features {
        len: text.len(),
        words: text.split_whitespace().count(),
        only_fill: ONLY_FILL.is_match(text),
        names_self: MY_NAME_IS.is_match(&text[..ahead(text, 0, 300)]),
        react: REACT.is_match(text),
        strong_react: STRONG_REACT.is_match(text),
        audience: {
            let head = &text[..ahead(text, 0, 400)];
            AUDIENCE
                .find_iter(head)
                .any(|m| !QUESTION_TO_YOU.is_match(&head[m.start()..ahead(head, m.start(), 40)]))
        },
        thanks_other: THANKS_OTHER.is_match(text),
        answer: ANSWER.is_match(text),
        grateful: GRATEFUL.is_match(text),
        opening: OPENING.is_match(text),
        moderator_self: MODERATOR_SELF.is_match(text),
        asks: ASKS.is_match(&text[back(text, text.len(), ASK_WINDOW)..])
            || (text.len() < ASK_WINDOW && QUESTION_START.is_match(text)),
        to_all: TO_ALL.is_match(&text[back(text, text.len(), HANDOFF_WINDOW)..]),
        continues: CONTINUES.is_match(text) && !OWN_VIEW.is_match(text),
        ends_open: !ENDS_CLOSED.is_match(text),
        ..Features::default()
    };
    for m in &ms {
        let (s, e) = (m.start, m.end);
        let before = &text[back(text, s, 80)..s];
        let after = &text[e..ahead(text, e, 40)];
        let rest = &text[e..];
        if MODERATOR_INTRO.is_match(before) {
            f.moderator_intro.push(m.clone());
        }
        if s < 160 && OPEN_THANKS.is_match(&text[..s]) {
            if f.thanks.is_none() {
                f.thanks = Some(m.clone());
            }
            continue;
        }
        if SELF_BEFORE.is_match(&text[back(text, s, 25)..s]) {
            if f.self_intro.is_none() {
                f.self_intro = Some(m.clone());
            }
            continue;
        }
        if (THANKS_BEFORE.is_match(before) && !TAIL_FILL.is_match(rest)) || possessive(rest) {
            continue;
        }
        let addressed = HANDOFF_BEFORE.is_match(before)
            || (!PERMISSION.is_match(after) && AFTER_VOCATIVE.is_match(after))
            || (vocative(after) && !SUBJECT.is_match(after) && !REPORTED.is_match(after))
            || (SENTENCE_END.is_match(rest) && YOU_OR_QUESTION.is_match(sentence_of(text, s, e)))
            || TAIL_FILL.is_match(rest);
        if addressed {
            f.addressed.push(m.clone());
        }
    }
    // The last person addressed near the end; a name that opens a long turn ("so Samir, what
    // we try to do is …") answers whoever asked, it does not hand over.
    f.handoff = f
        .addressed
        .last()
        .filter(|m| text.len() - m.start <= HANDOFF_WINDOW)
        .filter(|m| m.start >= OPENING_NAME || text.len() < SHORT_TURN)
        .cloned();
    if f.handoff.is_none() && f.asks && f.addressed.is_empty() {
        // A question whose turn names one person only, not as what they said: "we have Vfredo
        // who is representing XAI … it'll be lovely to hear from you."
        let named: Vec<&Mention> = ms
            .iter()
            .filter(|m| {
                text.len() - m.start <= MENTION_WINDOW
                    && !REPORTED.is_match(&text[m.end..ahead(text, m.end, 30)])
                    && !SUBJECT.is_match(&text[m.end..ahead(text, m.end, 30)])
                    && !possessive(&text[m.end..])
                    && !PERMISSION.is_match(&text[m.end..ahead(text, m.end, 40)])
                    && !REFERENCE_BEFORE.is_match(&text[back(text, m.start, 30)..m.start])
                    && !THANKS_BEFORE.is_match(&text[back(text, m.start, 80)..m.start])
                    && f.thanks.as_ref() != Some(*m)
                    && f.self_intro.as_ref() != Some(*m)
            })
            .collect();
        if let Some(last) = named.last()
            && named.iter().all(|m| m.person == last.person)
        {
            f.handoff = Some((*last).clone());
        }
    }
    f.opens_with = ms
        .first()
        .filter(|m| m.start < OPENING_NAME && f.self_intro.as_ref() != Some(*m))
        .map(|m| m.person);
    let tail = back(text, text.len(), ASK_WINDOW);
    f.addresses_unlisted = capitalised(text).any(|(s, e)| {
        s >= tail && unlisted_first_name(&text[s..e], people) && name_slot(text, s, e)
    });
    f.mentions = ms;
    f
}

/// Whether a capitalised word at `start..end` of a turn is handed the floor: after a hand-off
/// ("let me come to you Robin") or before one ("Robin, is this something you want …").
pub(crate) fn handoff_slot(text: &str, start: usize, end: usize) -> bool {
    let before = &text[back(text, start, 80)..start];
    let after = &text[end..ahead(text, end, 40)];
    HANDOFF_BEFORE.is_match(before)
        || (!PERMISSION.is_match(after) && AFTER_VOCATIVE.is_match(after))
}

/// Whether a capitalised word at `start..end` of a turn stands where a name is expected: thanked
/// at the start, after a hand-off, before a vocative, after thanks.
pub(crate) fn name_slot(text: &str, start: usize, end: usize) -> bool {
    let before = &text[back(text, start, 80)..start];
    let after = &text[end..ahead(text, end, 40)];
    (start < 160 && OPEN_THANKS.is_match(&text[..start]))
        || HANDOFF_BEFORE.is_match(before)
        || (!PERMISSION.is_match(after) && AFTER_VOCATIVE.is_match(after))
        || THANKS_BEFORE.is_match(before)
}

/// The capitalised words of a turn, as spans.
pub(crate) fn capitalised(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    CAPITALISED.find_iter(text).map(|m| (m.start(), m.end()))
}
