//! Plain text and Markdown: lines → headings, paragraphs, bullets, footnotes.
//!
//! Each non-blank line is classified (chrome, Markdown heading, footnote, roman or numbered
//! section line, bold run-in heading, bullet, title line, paragraph). A line that starts in
//! lower case and follows a paragraph or bullet that does not end a sentence continues it, even
//! across blank lines: that is how page breaks and hard wraps split sentences. In Markdown,
//! consecutive non-blank lines form one paragraph.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, PassageKind};
use crate::segment::chrome;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavor {
    Plain,
    Markdown,
}

/// What a reader found: the blocks and the title.
pub(crate) struct Parsed {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
}

/// One line of input as the structure pass sees it: blank, chrome, or a body range followed by
/// blocks the format attached to it (comments and footnotes of a Word export).
pub(crate) enum Item {
    Blank,
    Chrome,
    Body {
        start: usize,
        end: usize,
        attached: Vec<Block>,
    },
}

pub(crate) fn read(text: &str, flavor: Flavor) -> Parsed {
    let lines = line_spans(text);
    let strs: Vec<&str> = lines.iter().map(|&(s, e)| &text[s..e]).collect();
    let banner = chrome::banner_end(&strs);
    let items = lines
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            if i < banner {
                Item::Chrome
            } else if text[s..e].trim().is_empty() {
                Item::Blank
            } else {
                Item::Body {
                    start: s,
                    end: e,
                    attached: Vec::new(),
                }
            }
        })
        .collect();
    structure(text, items, flavor)
}

/// Byte spans of the lines of `text`, without their `\n`.
pub(crate) fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Trims whitespace (NBSP included) off both ends of `start..end`, by moving offsets.
pub(crate) fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (start + lead, start + lead + t.len())
}

static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})[ \t]+").expect("valid"));
static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}(?:\.\d{1,2})*\.?[ \t]").expect("valid"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.[ \t]+\S").expect("valid")
});
static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|<sup>&</sup>lt;sup>\d+</sup>|<sup>\d+</sup>|\[\d{1,3}\])[ \t\u{a0}]*",
    )
    .expect("valid")
});
static RUN_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-–•][ \t]+)?(?:\d{1,2}[.)][ \t]+)?\*{2,3}([^*\n]+?)\*{2,3}[ \t]*:[ \t]*")
        .expect("valid")
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?:--|[-–•❖▪◦●*])[ \t\u{a0}]+)+").expect("valid"));
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(\d{1,3})|[a-zA-Z])[.)][ \t]+").expect("valid"));
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b.*\b(?:19|20)\d\d\b")
        .expect("valid")
});
static BACK_MATTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:bibliography|references|works cited|sources)\W*$").expect("valid")
});

/// A classified body line.
enum Class {
    Chrome,
    Heading {
        start: usize,
        end: usize,
        level: u8,
    },
    Footnote {
        start: usize,
        end: usize,
    },
    Bullet {
        start: usize,
        end: usize,
    },
    Paragraph {
        start: usize,
        end: usize,
    },
    RunIn {
        head: (usize, usize),
        rest: (usize, usize),
    },
}

/// Builds blocks from items: classification, continuation across page breaks, sections.
pub(crate) fn structure(text: &str, items: Vec<Item>, flavor: Flavor) -> Parsed {
    let mut blocks: Vec<Block> = Vec::new();
    // The block a following lower-case line may continue, and whether a blank line came since.
    let mut open: Option<usize> = None;
    let mut blank_since = false;
    let mut leading = true;
    let mut seen_heading = false;
    let mut title_parts: Vec<String> = Vec::new();
    let mut title_level: Option<u8> = None;
    let mut back_matter = false;
    for item in items {
        let (start, end, attached) = match item {
            Item::Blank => {
                blank_since = true;
                continue;
            }
            Item::Chrome => {
                if seen_heading {
                    leading = false;
                }
                open = None;
                continue;
            }
            Item::Body {
                start,
                end,
                attached,
            } => (start, end, attached),
        };
        let (start, end) = trim_span(text, start, end);
        if start >= end {
            blocks.extend(attached);
            open = None;
            continue;
        }
        let class = classify(text, start, end, flavor, leading);
        // Continuation: a lower-case paragraph line after an unfinished paragraph or bullet.
        if let (Class::Paragraph { start: s, end: e }, Some(o)) = (&class, open) {
            let prev = &text[blocks[o].start..blocks[o].end];
            let line = &text[*s..*e];
            let markdown_join = flavor == Flavor::Markdown
                && !blank_since
                && blocks[o].kind == PassageKind::Paragraph;
            // Across a blank line (a page break) any stop ends the paragraph; inside a hard-wrapped
            // paragraph only a full stop does ("governance: \nconsensus-building and …").
            let stopped = if blank_since {
                ends_sentence(prev)
            } else {
                ends_full_stop(prev)
            };
            if markdown_join || (!stopped && (starts_lower(line) || ends_dangling(prev))) {
                blocks[o].end = *e;
                open = attached.is_empty().then_some(o);
                blank_since = false;
                blocks.extend(attached);
                continue;
            }
        }
        blank_since = false;
        open = None;
        match class {
            Class::Chrome => {
                if seen_heading {
                    leading = false;
                }
            }
            Class::Heading { start, end, level } => {
                // In Markdown, a heading deeper than the first title line opens a section.
                if leading && flavor == Flavor::Markdown {
                    match title_level {
                        Some(t) if level > t => leading = false,
                        None => title_level = Some(level),
                        _ => {}
                    }
                }
                let heading_text =
                    text[start..end].trim_matches(|c: char| c == '*' || c.is_whitespace());
                back_matter = BACK_MATTER.is_match(heading_text);
                // Title lines name the document, not a section (level 0).
                let level = if leading { 0 } else { level };
                if leading && title_parts.len() < 3 && !DATE_LINE.is_match(heading_text) {
                    title_parts.push(heading_text.to_string());
                }
                seen_heading = true;
                blocks.push(Block::heading(start, end, level));
            }
            Class::RunIn { head, rest } => {
                leading = false;
                back_matter = false;
                blocks.push(Block::heading(head.0, head.1, 2));
                if rest.0 < rest.1 {
                    blocks.push(Block::new(PassageKind::Bullet, rest.0, rest.1));
                    open = Some(blocks.len() - 1);
                }
            }
            Class::Footnote { start, end } => {
                leading = false;
                blocks.push(Block::new(PassageKind::Footnote, start, end));
            }
            // Bibliography entries are back matter, not contributions.
            Class::Bullet { .. } | Class::Paragraph { .. } if back_matter => {}
            Class::Bullet { start, end } => {
                leading = false;
                blocks.push(Block::new(PassageKind::Bullet, start, end));
                open = Some(blocks.len() - 1);
            }
            Class::Paragraph { start, end } => {
                leading = false;
                blocks.push(Block::new(PassageKind::Paragraph, start, end));
                open = Some(blocks.len() - 1);
            }
        }
        if !attached.is_empty() {
            open = None;
            blocks.extend(attached);
        }
    }
    let title = (!title_parts.is_empty()).then(|| title_parts.join(" "));
    Parsed { blocks, title }
}

fn classify(text: &str, start: usize, end: usize, flavor: Flavor, leading: bool) -> Class {
    let line = &text[start..end];
    if chrome::is_chrome_line(line) {
        return Class::Chrome;
    }
    if let Some(m) = MD_HEADING.captures(line) {
        let (s, e) = strip_emphasis(text, start + m[0].len(), end);
        // Numbered headings say their depth ("2.1 …" is level 2) better than their `#`s do,
        // which jump in real files.
        let level = SECTION_NUMBER
            .find(&text[s..e])
            .map(|n| n.as_str().trim_end_matches(['.', ' ']).split('.').count())
            .unwrap_or(m[1].len());
        let level = u8::try_from(level).unwrap_or(6);
        return Class::Heading {
            start: s,
            end: e,
            level,
        };
    }
    if let Some(m) = FOOTNOTE.find(line) {
        if m.end() < line.len() {
            return Class::Footnote {
                start: start + m.end(),
                end,
            };
        }
    }
    if ROMAN.is_match(line) {
        return Class::Heading {
            start,
            end,
            level: 1,
        };
    }
    if let Some(m) = RUN_IN.captures(line) {
        let g = m.get(1).map_or((0, 0), |g| (g.start(), g.end()));
        let (hs, he) = trim_span(text, start + g.0, start + g.1);
        return Class::RunIn {
            head: (hs, he),
            rest: (start + m[0].len(), end),
        };
    }
    if let Some(m) = BULLET.find(line) {
        if m.end() < line.len() {
            return Class::Bullet {
                start: start + m.end(),
                end,
            };
        }
    }
    // "-Transparency of processes": a dash glued to a capitalised word.
    if line.starts_with('-') && line[1..].starts_with(|c: char| c.is_uppercase()) {
        return Class::Bullet {
            start: start + 1,
            end,
        };
    }
    if let Some(m) = NUMBERED.captures(line) {
        let body = &line[m[0].len()..];
        if m.get(1).is_some() && is_title_like(body, true) {
            return Class::Heading {
                start,
                end,
                level: 2,
            };
        }
        if !body.is_empty() {
            return Class::Bullet {
                start: start + m[0].len(),
                end,
            };
        }
    }
    if flavor == Flavor::Plain && is_title_like(line, leading) {
        let level = if line.ends_with(':') { 3 } else { 2 };
        return Class::Heading { start, end, level };
    }
    Class::Paragraph { start, end }
}

/// Drops `**` around a heading's text by moving offsets.
fn strip_emphasis(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches('*').len();
    let inner = s.trim_start_matches('*').trim_end_matches('*');
    trim_span(text, start + lead, start + lead + inner.len())
}

/// A short line that names a section: "Lessons learned:", "Executive Summary",
/// "Recommendations from groups". Speaker-list lines ("Name, Role, Organisation") are not.
/// `relaxed` for title lines and numbered section lines ("2. Existing policy measures").
fn is_title_like(line: &str, relaxed: bool) -> bool {
    let leading = relaxed;
    let line = line.trim();
    let words = line.split_whitespace().count();
    if line.is_empty() || line.len() > 90 || words > 11 || line.contains("http") {
        return false;
    }
    let first_word = line.split_whitespace().next().unwrap_or_default();
    let starts_ok = line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || (first_word.contains('-') && first_word.starts_with(|c: char| c.is_lowercase()));
    if !starts_ok {
        return false;
    }
    let last = line.chars().last().unwrap_or('.');
    if matches!(last, '.' | ',' | ';' | '!' | ')' | ']' | '"' | '”' | '…') {
        return false;
    }
    if last == '?' && !leading {
        return false;
    }
    if line.matches(',').count() > 1 {
        return false;
    }
    // Unpunctuated note lines are sentences, not titles: no finite verb of a claim.
    if !relaxed
        && line
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .any(|w| {
                matches!(
                    w,
                    "must"
                        | "should"
                        | "need"
                        | "needs"
                        | "will"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "can"
                        | "has"
                        | "have"
                )
            })
    {
        return false;
    }
    let long: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    leading || line.ends_with(':') || words <= 5 || capitalised * 5 >= long.len() * 3
}

fn starts_lower(line: &str) -> bool {
    line.trim_start().starts_with(|c: char| c.is_lowercase())
}

/// Whether a text stops on a word that cannot end a sentence ("…what benefit is created from the").
fn ends_dangling(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or_default();
    matches!(
        last.to_ascii_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "and"
            | "or"
            | "in"
            | "on"
            | "for"
            | "with"
            | "from"
            | "by"
            | "at"
            | "as"
            | "that"
            | "which"
            | "whose"
            | "their"
            | "its"
    )
}

/// Whether a text ends with a full stop, question or exclamation mark.
fn ends_full_stop(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '*')
    });
    t.ends_with(['.', '?', '!', '…'])
}

/// Whether a passage's text ends a sentence (so a following line starts a new one).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '*')
    });
    t.ends_with(['.', '?', '!', ':', ';', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, flavor: Flavor) -> Vec<(PassageKind, String)> {
        read(text, flavor)
            .blocks
            .iter()
            .map(|b| (b.kind, text[b.start..b.end].to_string()))
            .collect()
    }

    #[test]
    fn page_break_inside_a_sentence_is_one_paragraph() {
        let text = "Private industry has begun to operate, moreover, alongside civil society, media and coalitions\n\ncan often provide states with a reason.\n\nNext paragraph.\n";
        let got = kinds(text, Flavor::Plain);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].1,
            "Private industry has begun to operate, moreover, alongside civil society, media and coalitions\n\ncan often provide states with a reason."
        );
    }

    #[test]
    fn bullets_numbered_items_and_headings() {
        let text = "Recommendations from groups\n- Consider a scorecard\n• Build trust first.\n❖ How?\n1) Main benefit is meeting people.\n1. Definition of the issue\na. Open and inclusive participation: Are stakeholders informed?\n-- is accessible\n-Transparency of processes\n";
        let got = kinds(text, Flavor::Plain);
        let want = [
            (PassageKind::Heading, "Recommendations from groups"),
            (PassageKind::Bullet, "Consider a scorecard"),
            (PassageKind::Bullet, "Build trust first."),
            (PassageKind::Bullet, "How?"),
            (PassageKind::Bullet, "Main benefit is meeting people."),
            (PassageKind::Heading, "1. Definition of the issue"),
            (
                PassageKind::Bullet,
                "Open and inclusive participation: Are stakeholders informed?",
            ),
            (PassageKind::Bullet, "is accessible"),
            (PassageKind::Bullet, "Transparency of processes"),
        ];
        let got: Vec<_> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn run_in_heading_splits_from_its_text() {
        let text = "- 1) ***Creating a UN Parliamentary Assembly***: For several of the contributors, it matters.\n";
        let got = kinds(text, Flavor::Plain);
        assert_eq!(
            got[0],
            (
                PassageKind::Heading,
                "Creating a UN Parliamentary Assembly".into()
            )
        );
        assert_eq!(
            got[1],
            (
                PassageKind::Bullet,
                "For several of the contributors, it matters.".into()
            )
        );
    }

    #[test]
    fn markdown_headings_footnotes_and_back_matter() {
        let text = "### **Background Paper**\n\nText of the paper\ncontinues here.\n\n<sup>&</sup>lt;sup>2</sup> Ramesh Thakur, \"Panels\".\n\n### **Bibliography**\n\nAnderson, Kenneth. 'The Ottawa Convention'.\n";
        let got = kinds(text, Flavor::Markdown);
        assert_eq!(
            got,
            [
                (PassageKind::Heading, "Background Paper".to_string()),
                (
                    PassageKind::Paragraph,
                    "Text of the paper\ncontinues here.".to_string()
                ),
                (
                    PassageKind::Footnote,
                    "Ramesh Thakur, \"Panels\".".to_string()
                ),
                (PassageKind::Heading, "Bibliography".to_string()),
            ]
        );
    }

    #[test]
    fn speaker_list_lines_are_not_headings() {
        let text = "Andy Orsmond, Executive Director, International Code of Conduct Association\nMichele Woods, Director, Copyright Law Division, WIPO\u{a0}\n";
        let got = kinds(text, Flavor::Plain);
        assert!(
            got.iter().all(|(k, _)| *k == PassageKind::Paragraph),
            "{got:?}"
        );
        assert_eq!(
            got[1].1,
            "Michele Woods, Director, Copyright Law Division, WIPO"
        );
    }
}
