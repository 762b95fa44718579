//! QMSum committee transcripts: `{"meeting_transcripts": [{"speaker": …, "content": …}]}`.
//!
//! The document text is rendered from the turns, one paragraph each, `speaker: content`, so
//! that a reader of `documents.jsonl` sees the meeting as people read a transcript; each
//! content is an utterance whose label is the speaker string as written ("The Chair (Hon.
//! Anthony Rota (NipissingTimiskaming, Lib.))", "Lynne Neagle AM"). The summaries and topic
//! annotations the file also holds are not part of the meeting and are not read. A turn that
//! is not a `{speaker, content}` object of strings is skipped with a warning naming its place
//! in the list (element n); the other turns are read.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::json;

use super::{Read, label_speaker};
use crate::model::{Block, PassageKind, Place, ReadWarning, Warning};
use crate::read::text::Parsed;

#[derive(Deserialize)]
struct File {
    /// Each turn parsed on its own, so that one bad turn costs only itself.
    meeting_transcripts: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Turn {
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    content: String,
}

/// A JSON object with a `meeting_transcripts` key.
pub(crate) fn looks_like(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.contains("\"meeting_transcripts\"")
}

pub(crate) fn read(json_text: &str) -> Result<Read, super::Invalid> {
    let file: File = serde_json::from_str(json_text).map_err(|e| e.to_string())?;
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut warnings = Vec::new();
    for (n, turn) in file.meeting_transcripts.into_iter().enumerate() {
        let turn: Turn = match serde_json::from_value(turn) {
            Ok(t) => t,
            Err(e) => {
                warnings.push(ReadWarning {
                    at: Place::Element(n + 1),
                    what: Warning::NotATurn {
                        detail: e.to_string(),
                    },
                });
                continue;
            }
        };
        let label = turn.speaker.trim();
        let content = turn.content.trim();
        if content.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(label);
        text.push_str(": ");
        let s = text.len();
        // One paragraph per turn: line breaks inside a turn become spaces.
        for (i, line) in content
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(line);
        }
        let e = text.len();
        let mut b = Block::new(PassageKind::Utterance, s, e);
        b.speaker = label_speaker(label, false);
        if !label.is_empty() {
            b.meta.insert("label".into(), json!(label));
        }
        b.meta.insert("turn".into(), json!(n + 1));
        blocks.push(b);
    }
    text.push('\n');
    Ok(Read {
        text: Some(text),
        parsed: Parsed {
            blocks,
            title: None,
        },
        meta: BTreeMap::new(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_rendered_and_labelled() {
        let j = r#"{"topic_list": [], "meeting_transcripts": [{"speaker": "Lynne Neagle AM", "content": "Good morning. Welcome."}, {"speaker": "The Chair", "content": ""}, {"speaker": "Kirsty Williams AM", "content": "Thank you."}]}"#;
        let r = read(j).expect("reads");
        let text = r.text.as_deref().expect("rendered");
        assert_eq!(
            text,
            "Lynne Neagle AM: Good morning. Welcome.\n\nKirsty Williams AM: Thank you.\n"
        );
        let b = &r.parsed.blocks[1];
        assert_eq!(&text[b.start..b.end], "Thank you.");
        assert_eq!(
            b.speaker.as_ref().and_then(|s| s.name.as_deref()),
            Some("Kirsty Williams AM")
        );
        assert!(read("{\"meeting_transcripts\": 3}").is_err());
        // A turn that is not one costs only itself.
        let j = r#"{"meeting_transcripts": [{"speaker": "A", "content": "One."}, {"speaker": "B", "content": 7}, "oops", {"speaker": "C", "content": "Three."}]}"#;
        let r = read(j).expect("reads");
        assert_eq!(
            r.text.as_deref(),
            Some("A: One.\n\nC: Three.\n"),
            "the good turns are read"
        );
        let at: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(at.len(), 2, "{at:?}");
        assert!(
            at[0].starts_with("element 2: not a {speaker, content} turn"),
            "{at:?}"
        );
        assert!(at[1].starts_with("element 3: "), "{at:?}");
    }
}
