//! Auto-captions: HTML-escaped caption transcripts whose turns are `&gt;&gt;` markers, and
//! timestamped caption tables with no speakers at all.
//!
//! Escaped captions (session pages with a `## Transcript` section): the text is HTML-escaped,
//! blank lines are hard wraps in mid-sentence, and a turn marker `>>` carries no name and often
//! sits mid-line. The document text has its entities decoded (`Q&amp;A` → `Q&A`); what precedes
//! the transcript heading (session table, speaker list, organisers' summary) is read as
//! Markdown, with table lines as chrome (the organisers' "Summary" and "Key Takeaways" are
//! text, nobody's speech); after it, each stretch between markers is one turn, split at
//! sentence ends into utterances of at most ~1,200 bytes sharing `meta.turn`. Who speaks a turn
//! is worked out from what the turns say, against the header's speaker list (the bullets under
//! "Speakers"; see [`super::turns`]): the turn's utterances get that person
//! (`{"name": …, "how": "label"}`) and `meta.speaker_evidence` `{rule, start, end}`, the rule
//! that decided and the span of the text that names them; a turn nothing decides is an unknown
//! speaker's (`speaker` null).
//!
//! Caption tables (`| 0:00:30| Okay, good evening.| [source video](…)|`): the document text is
//! rendered as the title and one caption per line; an utterance is a run of captions up to a
//! sentence end (at most eight), with `meta.time` of its first caption and no speaker.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Value, json};

use super::turns::{self, Person};
use super::{Read, label_speaker};
use crate::attribute::names::whole_name;
use crate::model::{Block, PassageKind};
use crate::read::text::{self, Flavor, Item, Parsed, line_spans, trim_span};

/// Utterances of an unnamed turn are cut near this many bytes.
const MAX_CHUNK: usize = 1200;
const MIN_CHUNK: usize = 300;

static ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\|\s*(\d{1,2}:\d{2}:\d{2})\s*\|(.*?)\|\s*(?:\[[^\]]*\]\(([^)]*)\))?\s*\|?\s*$")
        .expect("valid")
});

pub(crate) fn looks_like_escaped(text: &str) -> bool {
    text.matches("&gt;&gt;").count() >= 3
}

pub(crate) fn looks_like_table(text: &str) -> bool {
    text.lines().take(400).filter(|l| ROW.is_match(l)).count() >= 5
}

/// Decodes the HTML entities caption exports use, in one pass (`&amp;gt;` → `&gt;`).
pub(crate) fn decode_entities(text: &str) -> String {
    const ENTITIES: &[(&str, &str)] = &[
        ("&gt;", ">"),
        ("&lt;", "<"),
        ("&amp;", "&"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&nbsp;", "\u{a0}"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match ENTITIES.iter().find(|(e, _)| tail.starts_with(e)) {
            Some((e, r)) => {
                out.push_str(r);
                rest = &tail[e.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits `start..end` of `text` into chunks of at most about [`MAX_CHUNK`] bytes, cutting
/// after a sentence end where there is one, else at a space.
fn chunks(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = start;
    while end - s > MAX_CHUNK {
        let window_end = (s + MAX_CHUNK..=end)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(end);
        let window = &text[s..window_end];
        let sentence = window
            .char_indices()
            .filter(|&(i, c)| {
                matches!(c, '.' | '?' | '!')
                    && i >= MIN_CHUNK
                    && window[i + 1..].starts_with(char::is_whitespace)
            })
            .map(|(i, _)| i + 1)
            .next_back();
        let cut = sentence
            .or_else(|| window.rfind(char::is_whitespace).filter(|&i| i > 0))
            .unwrap_or(window.len());
        out.push((s, s + cut));
        s += cut;
    }
    out.push((s, end));
    out.into_iter()
        .map(|(a, b)| trim_span(text, a, b))
        .filter(|(a, b)| a < b)
        .collect()
}

/// The speaker list of a caption file's header: the bullets under a heading that says
/// "Speakers" (`- Robert Opp, United Nations Development Programme (UNDP)`: the name is what
/// precedes the first comma, then a role and the organisation, the last part), which of them
/// the list calls the moderator, and the list as `meta.attendees` rows (`{name, role,
/// organisation}`), so that attribution knows each person's organisation.
fn speaker_list(text: &str, header: &[(usize, usize)]) -> (Vec<Person>, Option<usize>, Vec<Value>) {
    let mut people = Vec::new();
    let mut rows = Vec::new();
    let mut moderator = None;
    let mut in_list = false;
    for &(s, e) in header {
        let line = text[s..e].trim();
        if line.starts_with('#') {
            in_list = line.to_lowercase().contains("speaker");
            continue;
        }
        let Some(entry) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) else {
            continue;
        };
        if !in_list {
            continue;
        }
        let lower = entry.to_lowercase();
        let entry = match lower.strip_prefix("moderator:") {
            Some(_) => &entry["moderator:".len()..],
            None => entry,
        };
        let entry = turns::visible(entry);
        let mut parts = entry.split(',').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.filter(|p| !p.is_empty()).collect();
        if let Some(p) = Person::new(name) {
            if lower.contains("moderator") && moderator.is_none() {
                moderator = Some(people.len());
            }
            let (role, organisation) = match rest.as_slice() {
                [] => (None, None),
                [org] => (None, Some(org.to_string())),
                [role @ .., org] => (Some(role.join(", ")), Some(org.to_string())),
            };
            // Without titles, as attribution keys people ("Dr. Geetha Raju" → "Geetha Raju").
            let plain = whole_name(name).unwrap_or(name);
            rows.push(json!({"name": plain, "role": role, "organisation": organisation}));
            people.push(p);
        }
    }
    (people, moderator, rows)
}

pub(crate) fn read_escaped(raw: &str) -> Read {
    let text = decode_entities(raw);
    let spans = line_spans(&text);
    let transcript_line = spans.iter().position(|&(s, e)| {
        let l = &text[s..e];
        l.starts_with('#') && l.to_lowercase().contains("transcript")
    });
    let mut items = Vec::new();
    let region_start = match transcript_line {
        Some(k) => {
            for &(s, e) in spans.iter().take(k + 1) {
                let l = text[s..e].trim();
                items.push(if l.is_empty() {
                    Item::Blank
                } else if l.starts_with('|') || l.starts_with("_[") || l.starts_with("[![") {
                    Item::Chrome
                } else {
                    Item::Body {
                        start: s,
                        end: e,
                        attached: Vec::new(),
                    }
                });
            }
            spans.get(k + 1).map_or(text.len(), |&(s, _)| s)
        }
        None => 0,
    };
    let mut parsed = text::structure(&text, items, Flavor::Markdown);
    let header = match transcript_line {
        Some(k) => &spans[..k],
        None => &[][..],
    };
    let (listed, moderator, attendees) = speaker_list(&text, header);
    let mut bounds = vec![region_start];
    let mut markers = Vec::new();
    for (i, _) in text[region_start..].match_indices(">>") {
        markers.push(region_start + i);
    }
    bounds.extend(markers.iter().map(|m| m + 2));
    let mut turns = Vec::new();
    for &s in &bounds {
        let e = markers
            .iter()
            .copied()
            .find(|&m| m >= s)
            .unwrap_or(text.len());
        let (s, e) = trim_span(&text, s, e.max(s));
        if s < e {
            turns.push((s, e));
        }
    }
    let found = turns::resolve(&text, &turns, &listed, moderator);
    for (n, (&(s, e), who)) in turns.iter().zip(&found.turns).enumerate() {
        for (a, b) in chunks(&text, s, e) {
            let mut block = Block::new(PassageKind::Utterance, a, b);
            block.meta.insert("turn".into(), json!(n + 1));
            if let Some(r) = who {
                block.speaker = label_speaker(&found.people[r.person].name, false);
                block.meta.insert(
                    "speaker_evidence".into(),
                    json!({"rule": r.rule.as_str(), "start": r.cue.0, "end": r.cue.1}),
                );
            }
            parsed.blocks.push(block);
        }
    }
    let mut meta = BTreeMap::new();
    if text.len() != raw.len() {
        meta.insert("html_entities_decoded".to_string(), json!(true));
    }
    if !attendees.is_empty() {
        meta.insert("attendees".to_string(), Value::Array(attendees));
    }
    Read {
        text: Some(text),
        parsed,
        meta,
        warnings: Vec::new(),
    }
}

pub(crate) fn read_table(raw: &str) -> Read {
    let mut text = String::with_capacity(raw.len() / 2);
    let mut blocks = Vec::new();
    let mut title = None;
    let mut meta = BTreeMap::new();
    // Captions of the open utterance: (start, end, time) of the first and the end of the last.
    let mut open: Option<(usize, usize, String)> = None;
    let mut lines_in = 0usize;
    let close = |open: &mut Option<(usize, usize, String)>, blocks: &mut Vec<Block>| {
        if let Some((s, e, time)) = open.take() {
            let mut b = Block::new(PassageKind::Utterance, s, e);
            b.meta.insert("time".into(), json!(time));
            blocks.push(b);
        }
    };
    for line in raw.lines() {
        if let Some(m) = ROW.captures(line) {
            let caption = m[2].trim();
            if caption.is_empty() {
                continue;
            }
            let s = text.len();
            text.push_str(caption);
            let e = text.len();
            text.push('\n');
            open = Some(match open.take() {
                Some((os, _, t)) => (os, e, t),
                None => (s, e, m[1].to_string()),
            });
            lines_in += 1;
            if caption.ends_with(['.', '?', '!']) || lines_in >= 8 {
                close(&mut open, &mut blocks);
                lines_in = 0;
            }
        } else if title.is_none() && line.starts_with('#') {
            let t = line.trim_start_matches('#').trim();
            let t = t
                .strip_prefix('[')
                .and_then(|x| x.split_once("](").map(|(a, _)| a))
                .unwrap_or(t)
                .to_string();
            if !t.is_empty() {
                let s = text.len();
                text.push_str(&t);
                let e = text.len();
                text.push_str("\n\n");
                blocks.push(Block::heading(s, e, 0));
                title = Some(t);
            }
        } else if line.starts_with('#') {
            meta.insert(
                "date".to_string(),
                json!(line.trim_start_matches('#').trim()),
            );
        }
    }
    close(&mut open, &mut blocks);
    Read {
        text: Some(text),
        parsed: Parsed { blocks, title },
        meta,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_captions_split_at_markers_mid_line() {
        let raw = "# Panel\n\n## Speakers\n\n- Robert Opp, United Nations Development Programme (UNDP)\n\n## Summary\n\nOrganisers' text.\n\n## 📝 Transcript\n\nso we\n\nstart here. &gt;&gt; Thanks Robert. Q&amp;A later. &gt;&gt; Yes.\n";
        let r = read_escaped(raw);
        let text = r.text.as_deref().expect("decoded text");
        assert!(text.contains("Q&A later"));
        let utter: Vec<(&str, Option<&str>)> = r
            .parsed
            .blocks
            .iter()
            .filter(|b| b.kind == PassageKind::Utterance)
            .map(|b| {
                (
                    &text[b.start..b.end],
                    b.speaker.as_ref().and_then(|s| s.name.as_deref()),
                )
            })
            .collect();
        // "Thanks Robert" names the speaker before; nothing names the other two.
        assert_eq!(
            utter,
            [
                ("so we\n\nstart here.", Some("Robert Opp")),
                ("Thanks Robert. Q&A later.", None),
                ("Yes.", None)
            ]
        );
        let first = r
            .parsed
            .blocks
            .iter()
            .find(|b| b.kind == PassageKind::Utterance)
            .expect("turn");
        let ev = &first.meta["speaker_evidence"];
        assert_eq!(ev["rule"], "thanks");
        let (s, e) = (
            ev["start"].as_u64().expect("start") as usize,
            ev["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(&text[s..e], "Robert");
        // The list goes to attribution with each person's organisation.
        assert_eq!(r.meta["attendees"][0]["name"], "Robert Opp");
        assert_eq!(
            r.meta["attendees"][0]["organisation"],
            "United Nations Development Programme (UNDP)"
        );
        // The speaker list and the summary are read, not spoken: nobody's.
        assert!(r.parsed.blocks.iter().any(
            |b| b.kind == PassageKind::Bullet && text[b.start..b.end].starts_with("Robert Opp")
        ));
        assert!(
            r.parsed
                .blocks
                .iter()
                .filter(|b| b.kind != PassageKind::Utterance)
                .all(|b| b.speaker.is_none())
        );
    }

    #[test]
    fn long_turns_are_cut_at_sentence_ends() {
        let sentence = "This is one sentence of the long turn. ";
        let body = sentence.repeat(80);
        let c = chunks(&body, 0, body.len());
        assert!(c.len() >= 3);
        for (a, b) in &c {
            assert!(b - a <= MAX_CHUNK);
            assert!(body[*a..*b].ends_with('.'));
        }
    }

    #[test]
    fn caption_tables_group_rows_into_sentences() {
        let raw = "## [City Council 230110](https://archive.org/details/x)\n### 2023-01-10\n| Time| Transcript| Video|\n|---|---|---|\n| 0:00:08| Good evening, and welcome| [source video](https://archive.org/details/x?start=8)|\n| 0:00:10| to the meeting.| [source video](https://archive.org/details/x?start=10)|\n| 0:00:12| Roll call, please.| [source video](https://archive.org/details/x?start=12)|\n";
        let r = read_table(raw);
        let text = r.text.as_deref().expect("rendered");
        let utter: Vec<&str> = r
            .parsed
            .blocks
            .iter()
            .filter(|b| b.kind == PassageKind::Utterance)
            .map(|b| &text[b.start..b.end])
            .collect();
        assert_eq!(
            utter,
            [
                "Good evening, and welcome\nto the meeting.",
                "Roll call, please."
            ]
        );
        assert_eq!(r.parsed.title.as_deref(), Some("City Council 230110"));
        assert_eq!(r.parsed.blocks[1].meta["time"], "0:00:08");
    }
}
