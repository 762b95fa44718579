//! The text export of a commented Word draft ("Save as plain text" with comments).
//!
//! Word appends each paragraph's comments to its end as `\tComment by NAME: text`, several per
//! run; a comment whose text has several paragraphs continues after a blank line, and the next
//! comment of the run can follow on that continuation line; a line that starts with
//! `\tComment by` belongs to the paragraph above. Footnote text is appended after the last
//! comment of the run as `[N:  text]`, the body keeping a `[footnoteRef:N]` marker — which is
//! also how a run that continues over several lines is recognised.
//!
//! Each comment becomes a block of kind `comment` with its author as speaker
//! (`how: "comment"`) and an anchor on the body paragraph it follows; the body block holds no
//! comment text. Footnotes become `footnote` blocks. `[bookmark: _GoBack]` is dropped.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{self, Flavor, Item, Parsed};
use crate::model::{Block, How, PassageKind, Speaker};

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\tComment by ([^:\t\n]{1,80}): ?").expect("valid"));
static FOOTNOTE_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(\d{1,3}):[ \t]+").expect("valid"));
static FOOTNOTE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[footnoteRef:(\d{1,3})\]").expect("valid"));
const BOOKMARK: &str = "[bookmark: _GoBack]";

/// Whether `text` is a Word export with inline comments.
pub(crate) fn looks_like(text: &str) -> bool {
    COMMENT.is_match(text)
}

/// A comment being built: author and span.
struct Pending {
    author: String,
    start: usize,
    end: usize,
}

pub(crate) fn read(text: &str) -> Parsed {
    let lines = text::line_spans(text);
    let mut items: Vec<Item> = Vec::with_capacity(lines.len());
    // Index into `items` of the last body item, to attach a leading-TAB comment line to.
    let mut last_body: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let (ls, le) = lines[i];
        let line = &text[ls..le];
        if line.trim().is_empty() {
            items.push(Item::Blank);
            i += 1;
            continue;
        }
        let first = COMMENT.find(line).map_or(le, |m| ls + m.start());
        let mut body_start = ls;
        if text[ls..first].trim_start().starts_with(BOOKMARK) {
            body_start = ls + text[ls..first].find(BOOKMARK).unwrap_or(0) + BOOKMARK.len();
        }
        // Comments of this run, possibly continued over following lines.
        let mut comments: Vec<Pending> = Vec::new();
        collect_comments(text, ls, le, &mut comments);
        let mut last_line = i;
        if !comments.is_empty() {
            // A footnote referenced in the body whose text is not on this line means the
            // run goes on until the line that holds it.
            let refs: Vec<String> = FOOTNOTE_REF
                .captures_iter(&text[body_start..first])
                .map(|c| c[1].to_string())
                .collect();
            let has_text = |s: usize, e: usize| {
                FOOTNOTE_TEXT
                    .captures_iter(&text[s..e])
                    .any(|c| refs.iter().any(|r| r == &c[1]))
            };
            if !refs.is_empty() && !has_text(ls, le) {
                let mut j = i + 1;
                while j < lines.len() && j <= i + 6 {
                    let (s, e) = lines[j];
                    if text[s..e].trim().is_empty() {
                        j += 1;
                        continue;
                    }
                    // The text before this line's first comment continues the last comment.
                    let cut = COMMENT.find(&text[s..e]).map_or(e, |m| s + m.start());
                    if let Some(last) = comments.last_mut() {
                        last.end = cut;
                    }
                    collect_comments(text, s, e, &mut comments);
                    last_line = j;
                    if has_text(s, e) {
                        break;
                    }
                    j += 1;
                }
            }
        }
        // A comment's next paragraph follows a blank line: a line with no comment of its own
        // that ends a sentence, after a run that holds no footnote text, continues the run's
        // last comment (a heading such as "5. Unresolved issues" does not).
        if !comments.is_empty() && last_line == i && !FOOTNOTE_TEXT.is_match(line) {
            if let (Some(&(bs, be)), Some(&(s, e))) = (lines.get(i + 1), lines.get(i + 2)) {
                let next = &text[s..e];
                if text[bs..be].trim().is_empty()
                    && !next.trim().is_empty()
                    && !COMMENT.is_match(next)
                    && text::ends_sentence(next)
                {
                    if let Some(last) = comments.last_mut() {
                        last.end = e;
                    }
                    last_line = i + 2;
                }
            }
        }
        // Footnote text appended to the run (or to the body when there are no comments).
        let mut attached: Vec<Block> = Vec::new();
        let mut footnote: Option<(usize, usize)> = None;
        let tail_start = comments.last().map_or(body_start, |c| c.start);
        let tail_end = comments.last().map_or(first, |c| c.end);
        if let Some(m) = FOOTNOTE_TEXT.find(&text[tail_start..tail_end]) {
            let open = tail_start + m.start();
            let close = text[open..tail_end]
                .rfind(']')
                .map_or(tail_end, |r| open + r);
            footnote = Some((tail_start + m.end(), close));
            if let Some(c) = comments.last_mut() {
                c.end = open;
            }
        }
        let body_end = if comments.is_empty() {
            footnote.map_or(first, |_| {
                FOOTNOTE_TEXT
                    .find(&text[body_start..first])
                    .map_or(first, |m| body_start + m.start())
            })
        } else {
            first
        };
        let (bs, be) = text::trim_span(text, body_start, body_end);
        // Comments anchor on this line's body, or (leading TAB) on the previous body.
        let anchor = if bs < be {
            Some((bs, be))
        } else {
            last_body.and_then(|k| match &items[k] {
                Item::Body { start, end, .. } => Some(text::trim_span(text, *start, *end)),
                _ => None,
            })
        };
        for c in comments {
            let (s, e) = text::trim_span(text, c.start, c.end);
            if s >= e {
                continue;
            }
            let mut b = Block::new(PassageKind::Comment, s, e);
            b.speaker = Some(Speaker::named(c.author, How::Comment));
            b.anchor = anchor;
            attached.push(b);
        }
        if let Some((s, e)) = footnote {
            let (s, e) = text::trim_span(text, s, e);
            if s < e {
                attached.push(Block::new(PassageKind::Footnote, s, e));
            }
        }
        if bs < be {
            items.push(Item::Body {
                start: bs,
                end: be,
                attached,
            });
            last_body = Some(items.len() - 1);
        } else {
            // A comment-only line: its comments follow the previous body in document order.
            items.push(Item::Body {
                start: bs,
                end: bs,
                attached,
            });
        }
        i = last_line + 1;
    }
    text::structure(text, items, Flavor::Plain)
}

/// Pushes the comments found in the line `ls..le`.
fn collect_comments(text: &str, ls: usize, le: usize, out: &mut Vec<Pending>) {
    let line = &text[ls..le];
    let found: Vec<_> = COMMENT.captures_iter(line).collect();
    for (k, c) in found.iter().enumerate() {
        let Some(all) = c.get(0) else { continue };
        let start = ls + all.end();
        let end = found
            .get(k + 1)
            .and_then(|n| n.get(0))
            .map_or(le, |n| ls + n.start());
        out.push(Pending {
            author: c[1].trim().to_string(),
            start,
            end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(PassageKind, String, Option<String>, Option<String>)> {
        read(text)
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    text[b.start..b.end].to_string(),
                    b.speaker.as_ref().and_then(|s| s.name.clone()),
                    b.anchor.map(|(s, e)| text[s..e].to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn comments_leave_the_body_and_anchor_on_it() {
        let text = "Body text here.\tComment by Avri doria: Where does this quote end?\tComment by John Laprise: Agreed.\n\tComment by Bill Graham: must\nNext paragraph.\n";
        let got = blocks(text);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[0].1, "Body text here.");
        assert_eq!(got[1].1, "Where does this quote end?");
        assert_eq!(got[1].2.as_deref(), Some("Avri doria"));
        assert_eq!(got[1].3.as_deref(), Some("Body text here."));
        assert_eq!(got[2].2.as_deref(), Some("John Laprise"));
        assert_eq!(got[3].1, "must");
        assert_eq!(got[3].3.as_deref(), Some("Body text here."));
        assert_eq!(got[4].1, "Next paragraph.");
    }

    #[test]
    fn a_comment_paragraph_after_a_blank_line_continues_the_comment() {
        let text = "Body one.\tComment by Bill Graham: or critical?\tComment by Avri doria: And yet, it can be divided.  \n\nThe majority come from developed economies.\nBody two.\tComment by Avri doria: Some.\n\n5. Unresolved issues\nBody three.\n";
        let got = blocks(text);
        let texts: Vec<_> = got.iter().map(|b| (b.0, b.1.as_str())).collect();
        assert_eq!(
            texts,
            [
                (PassageKind::Paragraph, "Body one."),
                (PassageKind::Comment, "or critical?"),
                (
                    PassageKind::Comment,
                    "And yet, it can be divided.  \n\nThe majority come from developed economies."
                ),
                (PassageKind::Paragraph, "Body two."),
                (PassageKind::Comment, "Some."),
                (PassageKind::Heading, "5. Unresolved issues"),
                (PassageKind::Paragraph, "Body three."),
            ]
        );
    }

    #[test]
    fn a_run_continues_to_its_footnote() {
        let text = "Classes of stakeholders. [footnoteRef:2]\tComment by Avri doria: Would be nice.  \n\nAlso you seem confused. \tComment by John Laprise: Does that help?\tComment by Avri doria: sure [2:  This may be problematic.] \n\nGovernment: next body.\n";
        let got = blocks(text);
        assert_eq!(got[0].1, "Classes of stakeholders. [footnoteRef:2]");
        assert_eq!(got[1].1, "Would be nice.  \n\nAlso you seem confused.");
        assert_eq!(got[2].1, "Does that help?");
        assert_eq!(got[3].1, "sure");
        assert_eq!(
            (got[4].0, got[4].1.as_str()),
            (PassageKind::Footnote, "This may be problematic.")
        );
        assert_eq!(got[5].1, "Government: next body.");
        assert!(
            got[1..4]
                .iter()
                .all(|b| b.3.as_deref() == Some(got[0].1.as_str()))
        );
    }
}
