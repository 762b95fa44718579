//! Subtitle files: SRT and WebVTT cues → one utterance per cue.
//!
//! SRT cues are `index`, `start --> end`, text lines, a blank line; real files write one-digit
//! hours and two spaces after the arrow (`0:00:00,000 -->  0:00:02,000`), which are read as
//! written. WebVTT starts with `WEBVTT`; `NOTE`, `STYLE` and `REGION` blocks are skipped; a
//! `<v Name>` (or `<v.class Name>`) voice tag names the cue's speaker and the utterance spans
//! the text after it (up to `</v>`). In SRT a leading `Name:` or `>> NAME:` names the speaker.
//! Consecutive cues of one speaker share `meta.turn`; `meta.start`/`meta.end` keep the timings.
//! A block of lines that is not a cue (no valid timing line: `00:05,000 -> 00:07,000`, a
//! garbled time, text after a blank line inside a cue) is skipped, as subtitle players skip it,
//! with a warning naming its first line; the WebVTT header, `NOTE`, `STYLE` and `REGION`
//! blocks and a cue's identifier line are not warned about.
//!
//! ```text
//! 00:01.000 --> 00:04.000
//! <v Ana Lima>We started in 2013.</v>     → utterance "We started in 2013." by Ana Lima
//! ```

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::json;

use super::labels;
use super::{Read, label_speaker};
use crate::model::{Block, PassageKind, Place, ReadWarning, Warning};
use crate::read::text::{Parsed, line_spans, trim_span};

static TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})",
    )
    .expect("valid")
});
static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<v(?:\.[^ >]*)?[ \t]+([^>]+)>").expect("valid"));

/// An SRT file: a number line, then a timing line.
pub(crate) fn looks_like_srt(head: &str) -> bool {
    let mut lines = head.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or_default().trim();
    !first.is_empty()
        && first.chars().all(|c| c.is_ascii_digit())
        && lines.next().is_some_and(|l| TIMING.is_match(l))
}

/// One cue: its timings and the byte spans of its text lines.
struct Cue {
    start: String,
    end: String,
    lines: Vec<(usize, usize)>,
}

/// A WebVTT block that is not a cue and holds no speech.
fn vtt_block(first_line: &str, header: bool) -> bool {
    let word = first_line.trim_start_matches('\u{feff}');
    let starts = |w: &str| {
        word.strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    (header && word.starts_with("WEBVTT")) || starts("NOTE") || starts("STYLE") || starts("REGION")
}

/// The cues of a subtitle file, and a warning for each block that is not one (see the module
/// doc); the WebVTT header, NOTE, STYLE and REGION blocks are skipped.
fn cues(text: &str, vtt: bool) -> (Vec<Cue>, Vec<ReadWarning>) {
    let spans = line_spans(text);
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let blank = |i: usize| text[spans[i].0..spans[i].1].trim().is_empty();
    let timing = |i: usize| TIMING.is_match(&text[spans[i].0..spans[i].1]);
    let mut first_block = true;
    let mut i = 0;
    while i < spans.len() {
        let (s, e) = spans[i];
        let line = &text[s..e];
        if let Some(m) = TIMING.captures(line) {
            let mut lines = Vec::new();
            let mut j = i + 1;
            while let Some(&(ls, le)) = spans.get(j) {
                if text[ls..le].trim().is_empty() || TIMING.is_match(&text[ls..le]) {
                    break;
                }
                lines.push((ls, le));
                j += 1;
            }
            // An index line right before the next timing belongs to the next cue.
            if let Some(&(ls, le)) = lines.last()
                && spans
                    .get(j)
                    .is_some_and(|&(a, b)| TIMING.is_match(&text[a..b]))
                && text[ls..le].trim().chars().all(|c| c.is_ascii_digit())
            {
                lines.pop();
            }
            out.push(Cue {
                start: m[1].to_string(),
                end: m[2].to_string(),
                lines,
            });
            first_block = false;
            i = j;
        } else if blank(i) {
            i += 1;
        } else {
            // A block that is not a cue: up to a blank line or a timing line, whose line right
            // before it is that cue's identifier.
            let mut j = i;
            while j < spans.len() && !blank(j) && !timing(j) {
                j += 1;
            }
            let end = if j < spans.len() && timing(j) {
                j - 1
            } else {
                j
            };
            if end > i && !(vtt && vtt_block(line, first_block)) {
                warnings.push(ReadWarning {
                    at: Place::Line(i + 1),
                    what: Warning::NotACue,
                });
            }
            first_block = false;
            i = j;
        }
    }
    (out, warnings)
}

fn blocks_of(text: &str, cues: Vec<Cue>, vtt: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut turn = 0usize;
    let mut last_label: Option<String> = None;
    for cue in cues {
        let (Some(&(first_s, _)), Some(&(_, last_e))) = (cue.lines.first(), cue.lines.last())
        else {
            continue;
        };
        let mut start = first_s;
        let mut end = last_e;
        let mut label: Option<(String, bool)> = None;
        let first_line = &text[first_s..cue.lines[0].1];
        if vtt {
            if let Some(m) = VOICE.captures(first_line) {
                label = Some((m[1].trim().to_string(), false));
                start = first_s + m[0].len();
                if text[start..end].trim_end().ends_with("</v>") {
                    end = start + text[start..end].trim_end().len() - "</v>".len();
                }
            }
        } else {
            let found = if first_line.starts_with(">>") {
                labels::caption_label(first_line)
            } else {
                labels::name_label(first_line, false)
            };
            if let Some(f) = found {
                label = Some((
                    first_line[f.label.0..f.label.1].trim().to_string(),
                    f.unnamed,
                ));
                start = first_s + f.text_start;
            }
        }
        let (s, e) = trim_span(text, start, end.max(start));
        if s >= e {
            continue;
        }
        let name = label.as_ref().map(|(l, _)| l.clone());
        if turn == 0 || name != last_label || label.as_ref().is_some_and(|(_, u)| *u) {
            turn += 1;
        }
        last_label.clone_from(&name);
        let mut b = Block::new(PassageKind::Utterance, s, e);
        b.speaker = label
            .as_ref()
            .and_then(|(l, unnamed)| label_speaker(l, *unnamed));
        if let Some(l) = name.filter(|l| !l.is_empty()) {
            b.meta.insert("label".into(), json!(l));
        }
        b.meta.insert("turn".into(), json!(turn));
        b.meta.insert("start".into(), json!(cue.start));
        b.meta.insert("end".into(), json!(cue.end));
        blocks.push(b);
    }
    blocks
}

fn read_cues(text: &str, vtt: bool) -> Read {
    let (cues, warnings) = cues(text, vtt);
    Read {
        text: None,
        parsed: Parsed {
            blocks: blocks_of(text, cues, vtt),
            title: None,
        },
        meta: BTreeMap::new(),
        warnings,
    }
}

pub(crate) fn read_srt(text: &str) -> Read {
    read_cues(text, false)
}

pub(crate) fn read_vtt(text: &str) -> Read {
    read_cues(text, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(text: &str, vtt: bool) -> Vec<(Option<String>, String, String)> {
        let r = if vtt { read_vtt(text) } else { read_srt(text) };
        r.parsed
            .blocks
            .iter()
            .map(|b| {
                (
                    b.speaker.as_ref().and_then(|s| s.name.clone()),
                    text[b.start..b.end].to_string(),
                    b.meta["start"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn srt_with_one_digit_hours_and_double_spaces() {
        let t = "1\n0:00:00,000 -->  0:00:02,000\n大家好,我是Bestian\n\n2\n0:00:02,000 -->  0:00:04,000\n今天我要分享的題目是\n";
        let g = got(t, false);
        assert_eq!(g.len(), 2);
        assert_eq!(
            g[0],
            (None, "大家好,我是Bestian".into(), "0:00:00,000".into())
        );
        assert_eq!(g[1].1, "今天我要分享的題目是");
    }

    #[test]
    fn srt_with_speaker_prefixes() {
        let t = "1\n00:00:01,000 --> 00:00:03,000\nAna Lima: Welcome, everyone.\n\n2\n00:00:03,000 --> 00:00:05,000\n>> BO CHEN: Thank you.\nIt is good to be here.\n";
        let g = got(t, false);
        assert_eq!(g[0].0.as_deref(), Some("Ana Lima"));
        assert_eq!(g[0].1, "Welcome, everyone.");
        assert_eq!(g[1].0.as_deref(), Some("BO CHEN"));
        assert_eq!(g[1].1, "Thank you.\nIt is good to be here.");
    }

    #[test]
    fn webvtt_voice_tags() {
        let t = "WEBVTT\n\nNOTE recorded at the forum\n\n00:01.000 --> 00:04.000\n<v Ana Lima>We started in 2013.</v>\n\nintro\n00:04.000 --> 00:06.000 align:start\n<v.loud Bo Chen>Funding matters\nmost.\n\n00:06.000 --> 00:07.000\nApplause.\n";
        let g = got(t, true);
        assert_eq!(g.len(), 3, "{g:?}");
        assert_eq!(
            g[0],
            (
                Some("Ana Lima".into()),
                "We started in 2013.".into(),
                "00:01.000".into()
            )
        );
        assert_eq!(g[1].0.as_deref(), Some("Bo Chen"));
        assert_eq!(g[1].1, "Funding matters\nmost.");
        assert_eq!(g[2].0, None);
        // The header, the note and the cue identifier are not warned about.
        assert_eq!(read_vtt(t).warnings, []);
    }

    #[test]
    fn blocks_that_are_not_cues_are_warned_about_by_their_first_line() {
        let t = "1\n00:00:01,000 --> 00:00:02,000\nFirst cue.\n\nSpoken after a blank line.\n\n2\n00:00:02,000 -> 00:00:03,000\nA broken arrow.\n\n3\n00:00:03,000 --> 00:00:04,000\nLast cue.\n\n4\n";
        let r = read_srt(t);
        let lines: Vec<String> = r.warnings.iter().map(|w| w.at.to_string()).collect();
        assert_eq!(lines, ["line 5", "line 7", "line 15"]);
        let g = got(t, false);
        assert_eq!(
            g.iter().map(|c| c.1.as_str()).collect::<Vec<_>>(),
            ["First cue.", "Last cue."]
        );
        // In WebVTT, a NOTE is no cue but no loss; a STYLE block neither.
        let v = "WEBVTT\n\nSTYLE\n::cue { color: red }\n\nNOTE\nnothing here\n\n00:01.000 --> 00:02.000\nHello.\n\nNOTES are not notes\n";
        let at: Vec<String> = read_vtt(v)
            .warnings
            .iter()
            .map(|w| w.at.to_string())
            .collect();
        assert_eq!(at, ["line 12"]);
    }
}
