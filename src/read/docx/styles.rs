//! Paragraph roles from `word/styles.xml`: which paragraphs are headings (and at which level),
//! titles, list items, or table-of-contents lines.
//!
//! Why: Word marks a heading by its style ("heading 2", or a custom style based on it, or any
//! style with an outline level), not in the paragraph itself. A paragraph's own outline level
//! wins over its style's; a style's name wins over its outline level; the `basedOn` chain is
//! followed (at most 16 steps, so a cycle cannot hang the reader). Without `styles.xml`, the
//! built-in style ids (`Heading1`…`Heading9`, `Title`, `TOC1`…) still count.
//!
//! ```text
//! // <w:style w:styleId="Head1Unnumbered"><w:basedOn w:val="Heading1"/></w:style>
//! assert_eq!(styles.role(Some("Head1Unnumbered"), None, None), Role::Heading(1));
//! ```

use std::collections::BTreeMap;

use super::xml::{Element, Ns};

/// What a paragraph is, by its style and properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Body,
    /// A heading of level 1–9.
    Heading(u8),
    /// The document's title line.
    Title,
    /// A numbered or bulleted list item.
    ListItem,
    /// A table-of-contents (or table-of-figures) line: page chrome.
    Toc,
}

#[derive(Debug, Default)]
struct Style {
    /// Lower case, spaces removed ("heading1").
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    /// Some(true) when the style numbers its paragraphs, Some(false) when it turns numbering off.
    numbered: Option<bool>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    by_id: BTreeMap<String, Style>,
    default_paragraph: Option<String>,
}

/// `Some(true)` for a `w:numPr` that numbers (a `w:numId` other than 0), `Some(false)` for one
/// that turns numbering off, `None` without `w:numPr`.
pub(crate) fn numbering(ppr: &Element) -> Option<bool> {
    let num = ppr.child(Ns::W, "numPr")?;
    match num.child(Ns::W, "numId").and_then(|n| n.attr(Ns::W, "val")) {
        Some(v) => Some(v.trim() != "0"),
        None => Some(num.child(Ns::W, "ilvl").is_some()),
    }
}

/// A `w:outlineLvl` value (0–9).
pub(crate) fn outline(ppr: &Element) -> Option<u8> {
    ppr.child(Ns::W, "outlineLvl")
        .and_then(|o| o.attr(Ns::W, "val"))
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|v| *v <= 9)
}

fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The role a style name (normalised) gives, if any.
fn role_of_name(name: &str) -> Option<Role> {
    if name == "title" {
        return Some(Role::Title);
    }
    if let Some(n) = name.strip_prefix("heading") {
        if let Ok(level @ 1..=9) = n.parse::<u8>() {
            return Some(Role::Heading(level));
        }
    }
    if let Some(n) = name.strip_prefix("toc") {
        if n.is_empty() || n == "heading" || n.parse::<u8>().is_ok() {
            return Some(Role::Toc);
        }
    }
    if name == "tableoffigures" {
        return Some(Role::Toc);
    }
    None
}

impl Styles {
    /// Reads `word/styles.xml`.
    pub fn parse(root: &Element) -> Styles {
        let mut out = Styles::default();
        for s in root.elements().filter(|e| e.is(Ns::W, "style")) {
            if s.attr(Ns::W, "type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = s.attr(Ns::W, "styleId") else {
                continue;
            };
            let val = |name: &str| {
                s.child(Ns::W, name)
                    .and_then(|e| e.attr(Ns::W, "val"))
                    .map(str::to_string)
            };
            let ppr = s.child(Ns::W, "pPr");
            let style = Style {
                name: normalise(&val("name").unwrap_or_default()),
                based_on: val("basedOn"),
                outline: ppr.and_then(outline),
                numbered: ppr.and_then(numbering),
            };
            if s.attr(Ns::W, "default")
                .is_some_and(|d| d == "1" || d == "true")
            {
                out.default_paragraph = Some(id.to_string());
            }
            out.by_id.insert(id.to_string(), style);
        }
        out
    }

    /// The role of a paragraph with style `style_id`, its own outline level and numbering.
    pub fn role(
        &self,
        style_id: Option<&str>,
        outline: Option<u8>,
        numbered: Option<bool>,
    ) -> Role {
        if let Some(level) = outline {
            if level < 9 {
                return Role::Heading(level + 1);
            }
        }
        let mut id = style_id
            .map(str::to_string)
            .or_else(|| self.default_paragraph.clone());
        let mut style_numbered = None;
        for _ in 0..16 {
            let Some(current) = id.take() else { break };
            let Some(style) = self.by_id.get(&current) else {
                // No styles.xml entry: the built-in ids still say what they are.
                if let Some(role) = role_of_name(&normalise(&current)) {
                    return role;
                }
                break;
            };
            if let Some(role) = role_of_name(&style.name) {
                return role;
            }
            if outline.is_none() {
                if let Some(level @ 0..=8) = style.outline {
                    return Role::Heading(level + 1);
                }
            }
            if style_numbered.is_none() {
                style_numbered = style.numbered;
            }
            id = style.based_on.clone();
        }
        if numbered.or(style_numbered) == Some(true) {
            Role::ListItem
        } else {
            Role::Body
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles() -> Styles {
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="Head1Unnumbered"><w:name w:val="Head1 Unnumbered"/><w:basedOn w:val="Heading1"/></w:style>
          <w:style w:type="paragraph" w:styleId="Level1"><w:name w:val="Level 1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/></w:style>
          <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
        </w:styles>"#;
        Styles::parse(&super::super::xml::parse(xml.as_bytes()).expect("parses"))
    }

    #[test]
    fn headings_by_name_chain_and_outline_level() {
        let s = styles();
        assert_eq!(s.role(Some("Heading1"), None, None), Role::Heading(1));
        assert_eq!(
            s.role(Some("Head1Unnumbered"), None, None),
            Role::Heading(1)
        );
        assert_eq!(s.role(Some("Level1"), None, None), Role::Heading(2));
        assert_eq!(s.role(None, Some(0), None), Role::Heading(1));
        assert_eq!(s.role(Some("Heading3"), None, None), Role::Heading(3));
        assert_eq!(s.role(Some("Title"), None, None), Role::Title);
    }

    #[test]
    fn lists_toc_and_plain_paragraphs() {
        let s = styles();
        assert_eq!(s.role(Some("ListBullet"), None, None), Role::ListItem);
        assert_eq!(s.role(Some("ListBullet"), None, Some(false)), Role::Body);
        assert_eq!(s.role(None, None, Some(true)), Role::ListItem);
        assert_eq!(s.role(Some("TOC2"), None, None), Role::Toc);
        assert_eq!(s.role(None, None, None), Role::Body);
        assert_eq!(s.role(Some("Loop"), None, None), Role::Body);
        assert_eq!(s.role(Some("Level1"), Some(9), None), Role::Body);
    }
}
