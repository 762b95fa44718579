//! Transcripts: speaker turns → `utterance` blocks whose speaker is the turn's label
//! (`how: "label"`), in every convention FORMATS.md lists.
//!
//! Styles, detected from the extension and the content:
//! - **labelled** text or Markdown: `Name: …` turns (titles, parentheses, initials resolved
//!   later through an attendee table), `>> NAME: …` and a bare `>>` (a new speaker nobody
//!   named: no speaker), `### Name:` headings whose turn runs over the paragraphs below, and chat lines
//!   `[time] Name: …`. A turn's first paragraph starts after its label; each further paragraph
//!   until the next label or heading is another utterance of the same speaker (`meta.turn`
//!   numbers turns). Headings, bullets and paragraphs outside any turn are read as plain text
//!   (organisers' summaries are not speech). Page headers ("Page 12"), captioning disclaimers
//!   and `> (laughter)` event lines are chrome. An attendee table (`| Name | Abbreviation |
//!   Organization |`) goes to `meta.attendees`.
//! - **WebVTT** (`.vtt`): one utterance per cue, the speaker from a `<v Name>` voice tag.
//! - **SRT** (`.srt`): one utterance per cue, timings as written (one-digit hours, two spaces
//!   after the arrow); a leading `Name:` or `>> NAME:` in a cue is its speaker.
//! - **QMSum JSON** (`{"meeting_transcripts": [{"speaker", "content"}]}`): the document text
//!   is rendered as `speaker: content` paragraphs; each content is an utterance.
//! - **captions** (HTML-escaped auto-captions whose turns are `&gt;&gt;` markers inside
//!   lines): entities are decoded in the document text (`meta.html_entities_decoded`), the text
//!   after the transcript heading is cut at the markers, long turns are split at sentence
//!   ends into utterances of the same turn, and each turn's speaker is found from hand-offs,
//!   thanks, self-introductions and the moderator's role, against the file's speaker list
//!   ([`turns`]); a turn nothing decides has no speaker.
//! - **caption tables** (`| 0:00:30| Okay, good evening.| [source video](…)|`): the document
//!   text is rendered as one caption per line; utterances are runs of captions up to a
//!   sentence end; nobody is named.
//!
//! Document kind `transcript`.
//!
//! ```
//! use rapporteur::read::read_bytes;
//! let text = "Ana Lima: All right, let's begin.\n\nBo Chen: Yes.\n\nAna Lima: Thank you.\n";
//! let doc = read_bytes(text.as_bytes(), "notes", "notes.txt").unwrap();
//! assert_eq!(doc.kind, "transcript");
//! let first = &doc.blocks[0];
//! assert_eq!(&doc.text[first.start..first.end], "All right, let's begin.");
//! assert_eq!(first.speaker.as_ref().unwrap().name.as_deref(), Some("Ana Lima"));
//! ```

mod attendees;
mod captions;
mod cues;
mod labels;
mod qmsum;
mod turns;

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::text::{self, Flavor, Item, Parsed, line_spans, trim_span};
use crate::model::{Block, How, PassageKind, ReadWarning, Speaker};
use crate::segment::chrome;

/// The transcript conventions this module reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Labelled,
    WebVtt,
    Srt,
    Qmsum,
    Captions,
    CaptionTable,
}

impl Style {
    /// The document `format` of this style.
    pub fn format(self) -> &'static str {
        match self {
            Style::Labelled => "transcript",
            Style::WebVtt => "webvtt",
            Style::Srt => "srt",
            Style::Qmsum => "qmsum_json",
            Style::Captions => "captions",
            Style::CaptionTable => "caption_table",
        }
    }
}

/// What a transcript reader found.
pub(crate) struct Read {
    /// The document text, when it is not the decoded file text (rendered JSON, decoded
    /// entities, caption tables).
    pub text: Option<String>,
    pub parsed: Parsed,
    pub meta: BTreeMap<String, Value>,
    /// What the reader passed over (broken cues, turns that are not turns).
    pub warnings: Vec<ReadWarning>,
}

/// Why a transcript could not be read.
pub(crate) type Invalid = String;

/// The transcript style of a file, if it is one.
pub(crate) fn detect(ext: Option<&str>, text: &str) -> Option<Style> {
    match ext {
        Some("vtt") => return Some(Style::WebVtt),
        Some("srt") => return Some(Style::Srt),
        Some("json") => return qmsum::looks_like(text).then_some(Style::Qmsum),
        _ => {}
    }
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("WEBVTT") {
        return Some(Style::WebVtt);
    }
    if cues::looks_like_srt(head) {
        return Some(Style::Srt);
    }
    if captions::looks_like_table(text) {
        return Some(Style::CaptionTable);
    }
    if captions::looks_like_escaped(text) {
        return Some(Style::Captions);
    }
    looks_labelled(text).then_some(Style::Labelled)
}

/// Reads `text` (the decoded file) in `style`; Markdown when `markdown`.
pub(crate) fn read(text: &str, style: Style, markdown: bool) -> Result<Read, Invalid> {
    let flavor = if markdown {
        Flavor::Markdown
    } else {
        Flavor::Plain
    };
    Ok(match style {
        Style::Labelled => read_labelled(text, flavor),
        Style::WebVtt => cues::read_vtt(text),
        Style::Srt => cues::read_srt(text),
        Style::Qmsum => qmsum::read(text)?,
        Style::Captions => captions::read_escaped(text),
        Style::CaptionTable => captions::read_table(text),
    })
}

/// A label found on a line, whichever convention.
fn label_on(line: &str, initials_ok: bool) -> Option<labels::Found> {
    if line.starts_with('#') {
        return labels::heading_label(line);
    }
    if line.starts_with('[') {
        return labels::chat_label(line);
    }
    if line.starts_with(">>") {
        return labels::caption_label(line);
    }
    labels::name_label(line, initials_ok)
}

/// Whether initials-only labels ("RPR:") are turns here: a table maps them, or many lines
/// carry them.
fn initials_ok(lines: &[&str]) -> bool {
    let table = (0..lines.len().min(200)).any(|i| attendees::table_at(lines, i).is_some());
    let many = lines
        .iter()
        .filter(|l| {
            let l = l.strip_prefix(". ").unwrap_or(l);
            let head = l.split(':').next().unwrap_or_default();
            l.contains(':')
                && (2..=4).contains(&head.len())
                && head.chars().all(|c| c.is_ascii_uppercase())
        })
        .count()
        >= 5;
    table || many
}

/// Whether a text is a labelled transcript: at least three label lines, some label used
/// twice, and labels opening a good share of its paragraphs (or headings, or chat lines).
fn looks_labelled(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let initials = initials_ok(&lines);
    let mut paragraphs = 0usize;
    let mut labelled = 0usize;
    let mut strong = 0usize;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut personal = 0usize;
    let mut prev_blank = true;
    for line in &lines {
        let t = line.trim_end();
        if t.trim().is_empty() {
            prev_blank = true;
            continue;
        }
        if prev_blank || t.starts_with(['#', '[']) || t.starts_with(">>") {
            paragraphs += 1;
        }
        prev_blank = false;
        if let Some(f) = label_on(t, initials) {
            labelled += 1;
            if t.starts_with(['#', '[']) || t.starts_with(">>") {
                strong += 1;
            }
            let label = &t[f.label.0..f.label.1];
            // A name of two words or more, or initials: a person, not a run-in heading
            // ("Openness:", "Rights:").
            let words = label
                .split(['(', '['].as_ref())
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .count();
            if words >= 2
                || (initials && label.chars().take_while(char::is_ascii_uppercase).count() >= 2)
            {
                personal += 1;
            }
            *seen.entry(label.to_lowercase()).or_default() += 1;
        }
    }
    let repeated = seen.values().any(|&n| n >= 2);
    let speakers = seen.len() >= 2 || strong >= 3;
    labelled >= 3
        && repeated
        && speakers
        && (strong >= 3 || (labelled * 10 >= paragraphs * 3 && personal * 2 >= labelled))
}

/// The turn being read.
struct Turn {
    speaker: Option<Speaker>,
    label: String,
    n: usize,
    /// A `### Name:` turn (runs until the next heading; `>` lines are events).
    heading: bool,
    time: Option<String>,
}

fn utterance(turn: &Turn, start: usize, end: usize) -> Block {
    let mut b = Block::new(PassageKind::Utterance, start, end);
    b.speaker.clone_from(&turn.speaker);
    if !turn.label.is_empty() {
        b.meta.insert("label".into(), json!(turn.label));
    }
    b.meta.insert("turn".into(), json!(turn.n));
    if let Some(t) = &turn.time {
        b.meta.insert("time".into(), json!(t));
    }
    b
}

/// Paragraphs of prose (meeting notes) that open with a participant's name and a colon
/// ("Tomasz Wrobel: I disagree with that. …") are that participant's turns: each becomes an
/// utterance from after the label, with the label as its speaker (resolved like a
/// transcript's). Only personal names (two to four capitalised words, no organisation) that
/// the text names again elsewhere (the "Present:" list, another turn), followed by a few
/// words, and only when two paragraphs or more open so: a run-in heading ("Next steps:"), a
/// field ("Document Version: 0.2") or a lone "Note:" stays prose.
pub(crate) fn run_in_turns(text: &str, blocks: &mut [Block]) {
    // How often the text names each candidate, counted once per name.
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    let found: Vec<(usize, labels::Found, String)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == PassageKind::Paragraph)
        .filter_map(|(i, b)| {
            let line = text.get(b.start..b.end)?;
            let f = labels::name_label(line, false)?;
            let label = line.get(f.label.0..f.label.1)?.trim();
            let name = label.split('(').next().unwrap_or(label).trim();
            // A person's name (not "Document Version: 0.2"), saying something: a few words.
            let person = crate::attribute::names::whole_name(name).is_some();
            let says = line
                .get(f.text_start..)
                .is_some_and(|t| t.split_whitespace().count() >= 3);
            if !(person && says) {
                return None;
            }
            let times = *named
                .entry(name)
                .or_insert_with(|| text.matches(name).count());
            (times >= 2).then(|| (i, f, label.to_string()))
        })
        .collect();
    if found.len() < 2 {
        return;
    }
    for (i, f, label) in found {
        let Some(b) = blocks.get_mut(i) else { continue };
        let mut u = Block::new(PassageKind::Utterance, b.start + f.text_start, b.end);
        u.speaker = label_speaker(&label, false);
        u.meta.insert("label".into(), json!(label));
        *b = u;
    }
}

/// The speaker a label names; none for a bare `>>`, which says that somebody else speaks, not
/// who (an unknown speaker, not an anonymous contributor).
pub(crate) fn label_speaker(label: &str, unnamed: bool) -> Option<Speaker> {
    (!unnamed && !label.trim().is_empty()).then(|| Speaker::named(label.trim(), How::Label))
}

/// Captioning disclaimers, which are chrome in transcripts.
fn is_disclaimer(line: &str) -> bool {
    let l = line.to_lowercase();
    (l.contains("captioning") || l.contains("cart ") || l.contains("realtime"))
        && (l.contains("not be a totally verbatim")
            || l.contains("not a verbatim")
            || l.contains("provided in order to facilitate")
            || l.contains("may not be a totally"))
        || l.starts_with("*** this text")
        || l.starts_with("this text, document, or file is based on live transcription")
}

fn read_labelled(text: &str, flavor: Flavor) -> Read {
    let spans = line_spans(text);
    let lines: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
    let initials = initials_ok(&lines);
    let banner = chrome::banner_end(&lines);
    let mut items: Vec<Item> = Vec::with_capacity(lines.len());
    let mut attendees: Vec<Value> = Vec::new();
    let mut turn: Option<Turn> = None;
    let mut para: Option<(usize, usize)> = None;
    let mut turns = 0usize;
    let flush = |para: &mut Option<(usize, usize)>, turn: &Option<Turn>, items: &mut Vec<Item>| {
        if let (Some((s, e)), Some(t)) = (para.take(), turn) {
            let (s, e) = trim_span(text, s, e);
            if s < e {
                items.push(Item::Body {
                    start: s,
                    end: s,
                    attached: vec![utterance(t, s, e)],
                });
            }
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let (ls, le) = spans[i];
        let line = lines[i];
        let trimmed = line.trim();
        if i < banner {
            items.push(Item::Chrome);
            i += 1;
            continue;
        }
        if let Some((people, next)) = attendees::table_at(&lines, i) {
            flush(&mut para, &turn, &mut items);
            attendees.extend(people);
            items.extend((i..next).map(|_| Item::Chrome));
            i = next;
            continue;
        }
        i += 1;
        if trimmed.is_empty() {
            flush(&mut para, &turn, &mut items);
            items.push(Item::Blank);
            continue;
        }
        if chrome::is_chrome_line(trimmed) || is_disclaimer(trimmed) {
            flush(&mut para, &turn, &mut items);
            items.push(Item::Chrome);
            continue;
        }
        let body = line.trim_end();
        if let Some(f) = label_on(body, initials) {
            flush(&mut para, &turn, &mut items);
            turns += 1;
            let label = body[f.label.0..f.label.1].trim().to_string();
            let time = body
                .starts_with('[')
                .then(|| body[1..].split(']').next().unwrap_or_default().to_string());
            turn = Some(Turn {
                speaker: label_speaker(&label, f.unnamed),
                label,
                n: turns,
                heading: body.starts_with('#'),
                time,
            });
            if f.text_start < body.len() {
                para = Some((ls + f.text_start, ls + body.len()));
            }
            items.push(Item::Body {
                start: ls,
                end: ls,
                attached: Vec::new(),
            });
            continue;
        }
        if trimmed.starts_with('#') {
            flush(&mut para, &turn, &mut items);
            turn = None;
            items.push(Item::Body {
                start: ls,
                end: le,
                attached: Vec::new(),
            });
            continue;
        }
        if let Some(t) = &turn {
            if trimmed.starts_with('>') && (t.heading || is_event(trimmed)) {
                flush(&mut para, &turn, &mut items);
                items.push(Item::Chrome);
                continue;
            }
            para = Some(para.map_or((ls, le), |(s, _)| (s, le)));
            continue;
        }
        attendees.extend(attendees::presenters(trimmed));
        items.push(Item::Body {
            start: ls,
            end: le,
            attached: Vec::new(),
        });
    }
    flush(&mut para, &turn, &mut items);
    let parsed = text::structure(text, items, flavor);
    let mut meta = BTreeMap::new();
    if !attendees.is_empty() {
        meta.insert("attendees".to_string(), Value::Array(attendees));
    }
    Read {
        text: None,
        parsed,
        meta,
        warnings: Vec::new(),
    }
}

/// `> (laughter)`, `> （會議結束）`: an event, not speech.
fn is_event(line: &str) -> bool {
    let t = line.trim_start_matches('>').trim();
    t.is_empty() || t.starts_with(['(', '（', '[']) && t.ends_with([')', '）', ']'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(text: &str) -> Vec<(Option<String>, String)> {
        let r = read_labelled(text, Flavor::Markdown);
        r.parsed
            .blocks
            .iter()
            .filter(|b| b.kind == PassageKind::Utterance)
            .map(|b| {
                (
                    b.speaker.as_ref().and_then(|s| s.name.clone()),
                    text[b.start..b.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn heading_turns_run_over_paragraphs() {
        let t = "# Meeting\n\n### Audrey Tang:\nFirst paragraph.\n\nSecond paragraph.\n\n> (laughter)\n\n### 唐鳳：\n大家好。\n";
        let got = turns(t);
        assert_eq!(
            got,
            vec![
                (Some("Audrey Tang".into()), "First paragraph.".into()),
                (Some("Audrey Tang".into()), "Second paragraph.".into()),
                (Some("唐鳳".into()), "大家好。".into()),
            ]
        );
    }

    #[test]
    fn name_turns_with_page_headers_and_unnamed_markers() {
        let t = "Ana Lima: We started in 2013\nand kept going.\n\nPage 12\n\nBo Chen: Thanks.\n\n>> MODERATOR: Next question.\n\n>> I have a question\nabout funding.\n\nAna Lima: Sure.\n";
        let got = turns(t);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[0].1, "We started in 2013\nand kept going.");
        assert_eq!(got[2], (Some("MODERATOR".into()), "Next question.".into()));
        assert_eq!(got[3], (None, "I have a question\nabout funding.".into()));
        assert!(!got.iter().any(|(_, t)| t.contains("Page 12")));
    }

    #[test]
    fn attendee_tables_become_metadata_and_initials_turns() {
        let t = "# Notes\n\n| Name | Abbreviation | Organization |\n| --- | --- | --- |\n| Rob Palmer | RPR | Bloomberg |\n\nRPR: Let's begin.\n\n## Item\n\n- The proposal for discussion.\n\nRPR: Any objections?\n\nWH: None.\n\n### Conclusion\n\n- Consensus.\n";
        let r = read_labelled(t, Flavor::Markdown);
        assert_eq!(r.meta["attendees"][0]["abbreviation"], "RPR");
        let kinds: Vec<PassageKind> = r.parsed.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                PassageKind::Heading,
                PassageKind::Utterance,
                PassageKind::Heading,
                PassageKind::Bullet,
                PassageKind::Utterance,
                PassageKind::Utterance,
                PassageKind::Heading,
                PassageKind::Bullet
            ]
        );
        assert!(r.parsed.blocks[7].speaker.is_none());
    }

    #[test]
    fn run_in_headings_are_not_speakers() {
        let t = "Rights: Relevant from the UNESCO point of view.\n\nOpenness: For UNESCO, it is important.\n\nAccessibility: UNESCO's approach.\n\nRights: For UNESCO, the right.\n\nOpenness: Freedom of expression.\n";
        assert_eq!(detect(Some("txt"), t), None);
    }

    #[test]
    fn prose_with_colons_is_not_a_transcript() {
        let t = "Background: Taking into account recent initiatives.\n\nPurpose: On the basis of the consensus.\n\nNote: see the annex.\n";
        assert_eq!(detect(Some("txt"), t), None);
        let seedlike = "Moderator: Anne-Marie Buzatu, Deputy Head of Operations IV, DCAF\nAndy Orsmond, Executive Director, ICoCA\n\nOrsmond remarked that it works.\n";
        assert_eq!(detect(Some("txt"), seedlike), None);
    }
}
