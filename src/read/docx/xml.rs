//! A small, bounded XML tree for the parts of an Office package.
//!
//! Why a tree: the body walker looks ahead (a paragraph's properties, a comment's last
//! paragraph) and the parts are small next to the archive limits. Why bounded: the input is
//! untrusted. Elements nest at most [`MAX_DEPTH`] deep and a part holds at most
//! [`MAX_ELEMENTS`] elements; a `DOCTYPE` that declares entities (the "billion laughs" entity
//! expansion) is refused, and a reference to any entity beyond the five predefined ones is an
//! error — nothing is ever expanded.
//!
//! Names are resolved through their namespace, so `w:p` written with another prefix still reads
//! as [`Ns::W`] `p`.
//!
//! ```text
//! let root = parse(br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"#)?;
//! assert!(root.is(Ns::W, "document"));
//! ```

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// Elements nest at most this deep (Word's own documents stay under 40).
pub(crate) const MAX_DEPTH: usize = 256;
/// A part holds at most this many elements.
pub(crate) const MAX_ELEMENTS: usize = 4_000_000;

/// The namespaces the readers look at; every other one is [`Ns::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Word 2010 extensions (`w14:paraId`).
    W14,
    /// Word 2012 extensions (`w15:commentEx`).
    W15,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Dublin Core (`dc:title`, `dc:creator`).
    Dc,
    /// No namespace.
    None,
    Other,
}

fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        b"http://schemas.microsoft.com/office/word/2012/wordml" => Ns::W15,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        _ => Ns::Other,
    }
}

fn resolved(r: ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => ns_of(ns.as_ref()),
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

/// Why a part is not usable XML.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    #[error("at byte {position}: {source}")]
    Syntax {
        position: u64,
        #[source]
        source: quick_xml::Error,
    },
    #[error("at byte {position}: reference to the undeclared entity '&{name};'")]
    UnknownEntity { position: u64, name: String },
    #[error("a DOCTYPE declares entities (an entity expansion attempt); refused")]
    EntityDeclaration,
    #[error("elements nested more than {limit} deep")]
    TooDeep { limit: usize },
    #[error("more than {limit} elements")]
    TooManyElements { limit: usize },
    #[error("the document ends inside an element")]
    Unclosed,
    #[error("no root element")]
    NoRoot,
    #[error("text is neither UTF-8 nor UTF-16")]
    Encoding,
}

/// One attribute: namespace, local name, value (unescaped).
#[derive(Debug)]
struct Attr {
    ns: Ns,
    name: Box<str>,
    value: Box<str>,
}

/// An element with its attributes and children.
#[derive(Debug)]
pub(crate) struct Element {
    pub ns: Ns,
    pub name: Box<str>,
    attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// Whether this is the element `ns:name`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && &*self.name == name
    }

    /// The value of the attribute `ns:name`.
    pub fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && &*a.name == name)
            .map(|a| &*a.value)
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element `ns:name`.
    pub fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The text directly inside this element.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s
    }

    /// All the text inside this element and its descendants, depth first.
    pub fn deep_text(&self) -> String {
        let mut s = String::new();
        let mut stack: Vec<std::slice::Iter<'_, Node>> = vec![self.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Text(t)) => s.push_str(t),
                Some(Node::Element(e)) => stack.push(e.children.iter()),
                None => {
                    stack.pop();
                }
            }
        }
        s
    }
}

/// Decodes a part's bytes: UTF-8 (BOM dropped) or UTF-16 with a BOM.
fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, XmlError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(Into::into)
            .map_err(|_| XmlError::Encoding);
    }
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| XmlError::Encoding)
    };
    if bytes.starts_with(b"\xFF\xFE") {
        return utf16(true).map(Into::into);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return utf16(false).map(Into::into);
    }
    std::str::from_utf8(bytes)
        .map(Into::into)
        .map_err(|_| XmlError::Encoding)
}

/// Parses a part into its root element.
pub(crate) fn parse(bytes: &[u8]) -> Result<Element, XmlError> {
    let src = decode(bytes)?;
    let mut reader = NsReader::from_str(&src);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|source| XmlError::Syntax {
            position: reader.error_position(),
            source,
        })?;
        let syntax = |source: quick_xml::Error| XmlError::Syntax { position, source };
        match event {
            Event::Start(_) | Event::Empty(_) if stack.len() >= MAX_DEPTH => {
                return Err(XmlError::TooDeep { limit: MAX_DEPTH });
            }
            Event::Start(e) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(XmlError::TooManyElements {
                        limit: MAX_ELEMENTS,
                    });
                }
                stack.push(element(&reader, &e).map_err(syntax)?);
            }
            Event::Empty(e) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(XmlError::TooManyElements {
                        limit: MAX_ELEMENTS,
                    });
                }
                let el = element(&reader, &e).map_err(syntax)?;
                attach(&mut stack, &mut root, el);
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(XmlError::NoRoot);
                };
                attach(&mut stack, &mut root, el);
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| syntax(quick_xml::Error::Encoding(e)))?;
                push_text(&mut stack, &s);
            }
            Event::CData(t) => {
                let s = t
                    .decode()
                    .map_err(|e| syntax(quick_xml::Error::Encoding(e)))?;
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| syntax(quick_xml::Error::Encoding(e)))?
                    .into_owned();
                let ch = match r.resolve_char_ref().map_err(syntax)? {
                    Some(c) => c,
                    None => match name.as_str() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "apos" => '\'',
                        "quot" => '"',
                        _ => return Err(XmlError::UnknownEntity { position, name }),
                    },
                };
                push_text(&mut stack, ch.encode_utf8(&mut [0; 4]));
            }
            Event::DocType(d) => {
                if d.windows(8).any(|w| w.eq_ignore_ascii_case(b"<!ENTITY")) {
                    return Err(XmlError::EntityDeclaration);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlError::Unclosed);
    }
    root.ok_or(XmlError::NoRoot)
}

fn element(
    reader: &NsReader<&[u8]>,
    e: &quick_xml::events::BytesStart<'_>,
) -> Result<Element, quick_xml::Error> {
    let (ns, local) = reader.resolver().resolve_element(e.name());
    let ns = resolved(ns);
    let name: Box<str> = String::from_utf8_lossy(local.as_ref()).into();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(quick_xml::Error::InvalidAttr)?;
        let key = a.key;
        if key.as_ref() == b"xmlns" || key.as_ref().starts_with(b"xmlns:") {
            continue;
        }
        let (ans, alocal) = reader.resolver().resolve_attribute(key);
        let value = a.normalized_value(XmlVersion::Implicit1_0)?;
        attrs.push(Attr {
            ns: resolved(ans),
            name: String::from_utf8_lossy(alocal.as_ref()).into(),
            value: value.into(),
        });
    }
    Ok(Element {
        ns,
        name,
        attrs,
        children: Vec::new(),
    })
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, el: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(el)),
        None => {
            if root.is_none() {
                *root = Some(el);
            }
        }
    }
}

fn push_text(stack: &mut [Element], s: &str) {
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if let Some(Node::Text(t)) = parent.children.last_mut() {
        t.push_str(s);
    } else {
        parent.children.push(Node::Text(s.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    #[test]
    fn names_resolve_through_their_namespace_whatever_the_prefix() {
        let xml = format!(
            r#"<x:document xmlns:x="{W}"><x:t x:space="preserve">a &amp; b &#x263A;</x:t></x:document>"#
        );
        let root = parse(xml.as_bytes()).expect("parses");
        assert!(root.is(Ns::W, "document"));
        let t = root.child(Ns::W, "t").expect("child");
        assert_eq!(t.text(), "a & b ☺");
        assert_eq!(t.attr(Ns::W, "space"), Some("preserve"));
    }

    #[test]
    fn utf16_parts_read() {
        let xml = format!(r#"<?xml version="1.0" encoding="UTF-16"?><w:t xmlns:w="{W}">é</w:t>"#);
        let mut bytes = vec![0xFF, 0xFE];
        for u in xml.encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(parse(&bytes).expect("parses").text(), "é");
    }

    #[test]
    fn entity_declarations_and_unknown_entities_are_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        assert!(matches!(
            parse(bomb.as_bytes()),
            Err(XmlError::EntityDeclaration)
        ));
        assert!(matches!(
            parse(b"<a>&ext;</a>"),
            Err(XmlError::UnknownEntity { .. })
        ));
    }

    #[test]
    fn malformed_and_deep_documents_are_errors_not_panics() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(matches!(parse(b"<a><b>"), Err(XmlError::Unclosed)));
        assert!(matches!(parse(b""), Err(XmlError::NoRoot)));
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(matches!(
            parse(deep.as_bytes()),
            Err(XmlError::TooDeep { .. })
        ));
    }
}
