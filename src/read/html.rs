//! HTML pages (wiki and report pages): visible text as headings, paragraphs and list items.
//!
//! The document text is the page's visible text, block by block, separated by blank lines; the
//! markup is gone and entities are decoded, so spans point into text a reader sees. Page
//! furniture — `<head>`, scripts, styles, `<nav>`, `<header>`, `<footer>`, `<aside>`, forms —
//! and chrome lines (wiki footers, banners) are dropped. The scanner is a flat loop over tags
//! with no recursion and no tree, so nesting depth costs nothing: a page of 100,000 nested
//! `<div>`s reads like any other.
//!
//! ```
//! let html = "<html><head><title>Notes</title><script>alert(1)</script></head>\
//!             <body><h2>Lessons</h2><ul><li>Build trust &amp; share.</li></ul></body></html>";
//! let doc = rapporteur::read::read_bytes(html.as_bytes(), "n", "n.html").unwrap();
//! assert_eq!(doc.title.as_deref(), Some("Notes"));
//! assert_eq!(doc.text, "Lessons\n\nBuild trust & share.\n");
//! assert!(!doc.text.contains("alert"));
//! ```

use crate::model::{Block, PassageKind};
use crate::segment::chrome;

use super::text::Parsed;

/// What the current block is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Heading(u8),
    Item,
}

struct Builder {
    text: String,
    blocks: Vec<Block>,
    /// The visible text of the block being read, whitespace folded.
    current: String,
    kind: Kind,
    title: Option<String>,
}

impl Builder {
    fn flush(&mut self) {
        let t = std::mem::take(&mut self.current);
        let t = t.trim();
        if t.is_empty() || chrome::is_chrome_line(t) {
            self.kind = Kind::Paragraph;
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(t);
        let end = self.text.len();
        self.text.push('\n');
        self.blocks.push(match self.kind {
            Kind::Heading(level) => Block::heading(start, end, level),
            Kind::Item => Block::new(PassageKind::Bullet, start, end),
            Kind::Paragraph => Block::new(PassageKind::Paragraph, start, end),
        });
        self.kind = Kind::Paragraph;
    }

    fn push_text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else if !c.is_control() {
                self.current.push(c);
            }
        }
    }
}

/// Elements whose content is not page text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "object",
];

/// Elements that end a block.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "hr",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "figure",
    "figcaption",
    "body",
    "html",
    "td",
    "th",
];

pub(crate) fn read(html: &str) -> (String, Parsed) {
    let mut b = Builder {
        text: String::new(),
        blocks: Vec::new(),
        current: String::new(),
        kind: Kind::Paragraph,
        title: None,
    };
    // Inside a skipped element: its name and nesting count.
    let mut skipping: Option<(String, usize)> = None;
    let mut in_title = false;
    let mut title = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                b.push_text(rest);
            }
            break;
        };
        let (before, after) = rest.split_at(lt);
        if in_title {
            title.push_str(before);
        } else if skipping.is_none() {
            b.push_text(before);
        }
        // Comments and declarations.
        if let Some(body) = after.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |i| &body[i + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            break;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let self_closing = tag.ends_with('/');
        if let Some((skip, depth)) = &mut skipping {
            if *skip == name {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                } else if !self_closing {
                    *depth += 1;
                }
            }
            continue;
        }
        if name == "title" {
            in_title = !closing;
            continue;
        }
        if SKIP.contains(&name.as_str()) {
            if !closing && !self_closing {
                b.flush();
                skipping = Some((name, 1));
            }
            continue;
        }
        let heading =
            name.len() == 2 && name.starts_with('h') && matches!(name.as_bytes()[1], b'1'..=b'6');
        if heading {
            b.flush();
            if !closing {
                b.kind = Kind::Heading(name.as_bytes()[1] - b'0');
            }
        } else if name == "li" {
            b.flush();
            if !closing {
                b.kind = Kind::Item;
            }
        } else if BLOCK.contains(&name.as_str()) {
            if name == "td" || name == "th" {
                if !closing && !b.current.is_empty() {
                    b.current.push_str(" | ");
                }
            } else {
                b.flush();
            }
        }
    }
    b.flush();
    let title = decode_entities(title.trim());
    b.title = (!title.is_empty()).then_some(title).or_else(|| {
        b.blocks
            .iter()
            .find(|bl| bl.kind == PassageKind::Heading)
            .map(|bl| b.text[bl.start..bl.end].to_string())
    });
    (
        b.text,
        Parsed {
            blocks: b.blocks,
            title: b.title,
        },
    )
}

/// Decodes character references: numeric ones and the named ones pages use.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|e| e + 1);
        let (name, consumed) = match end {
            Some(e) if tail[e..].starts_with(';') => (&tail[1..e], e + 1),
            _ => ("", 0),
        };
        let decoded = match name {
            "" => None,
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "bull" => Some('•'),
            "copy" => Some('©'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse::<u32>().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) if !c.is_control() || c == '\n' || c == '\t' => {
                out.push(c);
                rest = &tail[consumed..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_kinds(html: &str) -> Vec<(PassageKind, String)> {
        let (text, parsed) = read(html);
        parsed
            .blocks
            .iter()
            .map(|b| (b.kind, text[b.start..b.end].to_string()))
            .collect()
    }

    #[test]
    fn wiki_page_with_chrome() {
        let html = r#"<html><body><nav><a href="/">Home</a></nav>
            <h1>Lessons learned from other multistakeholder processes</h1>
            <p>Page history last edited by Mary Murphy 9 years, 3 months ago</p>
            <p>Moderator: Anne-Marie Buzatu, Deputy Head of Operations IV, DCAF</p>
            <ul><li>Participation is a major issue. (Andy Orsmond)</li></ul>
            <p>Comments (0)</p><footer>© 2016</footer></body></html>"#;
        assert_eq!(
            read_kinds(html),
            [
                (
                    PassageKind::Heading,
                    "Lessons learned from other multistakeholder processes".into()
                ),
                (
                    PassageKind::Paragraph,
                    "Moderator: Anne-Marie Buzatu, Deputy Head of Operations IV, DCAF".into()
                ),
                (
                    PassageKind::Bullet,
                    "Participation is a major issue. (Andy Orsmond)".into()
                ),
            ]
        );
    }

    #[test]
    fn scripts_never_reach_the_text_and_entities_are_decoded() {
        let html = "<p>A &lt;script&gt; tag &#8212; shown &amp; kept as text.</p><script>document.title='x'</script><p>Caf&eacute; &#xE9;</p>";
        let (text, _) = read(html);
        assert!(
            text.starts_with("A <script> tag — shown & kept as text.\n"),
            "{text}"
        );
        assert!(!text.contains("document.title"));
        assert!(
            text.contains("Caf&eacute; é"),
            "unknown entities stay as written: {text}"
        );
    }

    #[test]
    fn deep_nesting_and_broken_markup_do_not_hurt() {
        let mut html = "<div>".repeat(100_000);
        html.push_str("Deep text.");
        html.push_str(&"</div>".repeat(100_000));
        html.push_str("<p>Unclosed <b>bold <p>next");
        let kinds = read_kinds(&html);
        assert_eq!(kinds[0].1, "Deep text.");
        assert_eq!(kinds.last().map(|k| k.1.as_str()), Some("next"));
        let (_, parsed) = read("<p>broken <a href='x");
        assert_eq!(parsed.blocks.len(), 1);
    }

    #[test]
    fn table_cells_are_joined_per_row() {
        let kinds =
            read_kinds("<table><tr><td>Ujjwal Sharma</td><td>USA</td><td>Igalia</td></tr></table>");
        assert_eq!(
            kinds,
            [(
                PassageKind::Paragraph,
                "Ujjwal Sharma | USA | Igalia".into()
            )]
        );
    }
}
