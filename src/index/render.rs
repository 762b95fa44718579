//! Search results for people (text) and for programs (JSON Lines).
//!
//! Corpus text is untrusted: the text rendering drops control characters (an ANSI escape in a
//! transcript must not reach the terminal) and bidirectional overrides, and folds line breaks
//! and tabs into single spaces so that each hit keeps its shape.

use std::fmt::Write as _;

use serde::Serialize;

use super::search::{Hit, SearchResults, Snippet};
use crate::model::{Group, PassageKind, Position, Speaker};

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The hits as text: per hit a header
/// `[n] score  kind  speaker (organisation, group) — document title  (passage id)`, the
/// snippet with the matched words in bold (`color`) or between `**`, the themes if any; then a
/// count line such as `12 passages match (showing 10)`.
pub fn render_hits_text(results: &SearchResults, color: bool) -> String {
    let mut out = String::new();
    for (n, hit) in results.hits.iter().enumerate() {
        let p = &hit.passage;
        let title = hit.doc.title.as_deref().unwrap_or(&hit.doc.id);
        let _ = writeln!(
            out,
            "[{}] {:.2}  {}  {} — {}  ({})",
            n + 1,
            hit.score,
            p.kind.as_str(),
            speaker_label(p.speaker.as_ref()),
            clean(title),
            clean(&p.id),
        );
        let (open, close) = if color { (BOLD, RESET) } else { ("**", "**") };
        let _ = writeln!(out, "    {}", marked(hit, open, close));
        if !p.themes.is_empty() {
            let ids: Vec<String> = p.themes.iter().map(|t| clean(&t.id)).collect();
            let _ = writeln!(out, "    themes: {}", ids.join(", "));
        }
        out.push('\n');
    }
    out.push_str(&count_line(results.total, results.hits.len()));
    out.push('\n');
    out
}

/// `12 passages match (showing 10)`, `1 passage matches`, `no passage matches`.
fn count_line(total: usize, shown: usize) -> String {
    let head = match total {
        0 => "no passage matches".to_string(),
        1 => "1 passage matches".to_string(),
        n => format!("{n} passages match"),
    };
    if shown < total {
        format!("{head} (showing {shown})")
    } else {
        head
    }
}

/// `Name (organisation, group)`, `anonymous contributor (group)`, or `unattributed`.
fn speaker_label(speaker: Option<&Speaker>) -> String {
    let Some(s) = speaker else {
        return "unattributed".into();
    };
    let name = match &s.name {
        Some(name) => clean(name),
        None => "anonymous contributor".into(),
    };
    let details: Vec<String> = s
        .organisation
        .iter()
        .map(|o| clean(o))
        .chain(s.group.map(|g| g.label().to_string()))
        .collect();
    if details.is_empty() {
        name
    } else {
        format!("{name} ({})", details.join(", "))
    }
}

/// The snippet, cleaned, with its highlights between `open` and `close`, and `…` where the
/// passage goes on.
fn marked(hit: &Hit, open: &str, close: &str) -> String {
    let Snippet {
        text,
        offset,
        highlights,
    } = &hit.snippet;
    let mut ranges: Vec<(usize, usize)> = highlights.clone();
    ranges.sort_unstable();
    let mut out = String::new();
    if *offset > 0 {
        out.push('…');
    }
    let mut pending_space = false;
    let mut next = ranges.iter().peekable();
    let mut inside: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if inside.is_some_and(|end| i >= end) {
            out.push_str(close);
            inside = None;
        }
        if inside.is_none() {
            while next.peek().is_some_and(|r| r.1 <= i) {
                next.next();
            }
            let start = next.next_if(|r| r.0 <= i);
            if let Some(&(_, end)) = start {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push_str(open);
                inside = Some(end);
            }
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_bidi_control(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    if inside.is_some() {
        out.push_str(close);
    }
    if offset + text.len() < hit.passage.text.len() {
        out.push('…');
    }
    out
}

/// `s` on one line: whitespace runs folded to one space, control and bidi characters dropped.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !(c.is_control() || is_bidi_control(c)) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Bidirectional embedding, override and isolate controls, which can reorder what a terminal
/// shows.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// One line of [`render_hits_json`].
#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    doc: &'a str,
    title: Option<&'a str>,
    kind: PassageKind,
    start: usize,
    end: usize,
    score: f32,
    speaker: Option<&'a Speaker>,
    themes: Vec<&'a str>,
    voice: Option<Group>,
    stance: Position,
    snippet: &'a Snippet,
    text: &'a str,
}

/// The hits as JSON Lines, one hit per line, best first: passage `id`, `doc`, document `title`,
/// `kind`, `start`, `end`, `score`, `speaker`, theme ids, `voice`, `stance` (its position),
/// `snippet` (`text`, `offset`,
/// `highlights` as `[start, end]` byte ranges in the snippet text) and the passage `text`.
pub fn render_hits_json(results: &SearchResults) -> String {
    let mut out = String::new();
    for hit in &results.hits {
        let p = &hit.passage;
        let line = JsonHit {
            id: &p.id,
            doc: &p.doc,
            title: hit.doc.title.as_deref(),
            kind: p.kind,
            start: p.start,
            end: p.end,
            score: hit.score,
            speaker: p.speaker.as_ref(),
            themes: p.themes.iter().map(|t| t.id.as_str()).collect(),
            voice: p.voice,
            stance: p.stance.position,
            snippet: &hit.snippet,
            text: &p.text,
        };
        // Serialising plain strings, numbers and enums cannot fail.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}
