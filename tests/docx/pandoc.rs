//! A small reader of pandoc's `.native` output (the Haskell `Show` form of its AST): the
//! paragraphs' text, the comments (author, text, anchor text) and the tracked changes
//! (insertion or deletion, author, text) of one reading.

use std::collections::BTreeMap;
use std::path::Path;

use super::norm;

#[derive(Debug)]
enum V {
    Str(String),
    List(Vec<V>),
    Tuple(Vec<V>),
    Con(String, Vec<V>),
}

#[derive(Debug, PartialEq)]
enum Tok {
    Open(char),
    Close(char),
    Comma,
    Str(String),
    Word(String),
}

fn tokens(src: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '[' | '(' => out.push(Tok::Open(c)),
            ']' | ')' => out.push(Tok::Close(c)),
            ',' => out.push(Tok::Comma),
            '"' => {
                let mut s = String::new();
                while let Some(c) = it.next() {
                    match c {
                        '"' => break,
                        '\\' => match it.next() {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some('&') => {}
                            Some(d) if d.is_ascii_digit() => {
                                let mut n = d.to_digit(10).unwrap_or(0);
                                while let Some(d) = it.peek().and_then(|d| d.to_digit(10)) {
                                    n = n * 10 + d;
                                    it.next();
                                }
                                s.extend(char::from_u32(n));
                            }
                            Some(o) => s.push(o),
                            None => {}
                        },
                        _ => s.push(c),
                    }
                }
                out.push(Tok::Str(s));
            }
            c if c.is_alphanumeric() || c == '-' => {
                let mut w = c.to_string();
                while let Some(&d) = it.peek() {
                    if d.is_alphanumeric() || d == '_' || d == '.' {
                        w.push(d);
                        it.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Word(w));
            }
            _ => {}
        }
    }
    out
}

fn value(t: &[Tok], i: &mut usize) -> V {
    let tok = &t[*i];
    *i += 1;
    match tok {
        Tok::Open(open) => {
            let mut items = Vec::new();
            while !matches!(t[*i], Tok::Close(_)) {
                items.push(value(t, i));
                if t[*i] == Tok::Comma {
                    *i += 1;
                }
            }
            *i += 1;
            if *open == '[' {
                V::List(items)
            } else {
                V::Tuple(items)
            }
        }
        Tok::Str(s) => V::Str(s.clone()),
        Tok::Word(w) => {
            let mut args = Vec::new();
            while *i < t.len() && matches!(t[*i], Tok::Open(_) | Tok::Str(_)) {
                args.push(value(t, i));
            }
            V::Con(w.clone(), args)
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// What a pandoc reading holds, flattened.
#[derive(Debug, Default)]
pub struct Pandoc {
    pub paragraphs: Vec<String>,
    /// (author, text, anchor text)
    pub comments: Vec<(String, String, String)>,
    /// (insertion|deletion, author, text)
    pub changes: Vec<(String, String, String)>,
}

/// One piece of the flattened inline stream.
enum Piece {
    Text(String),
    Start(String),
    End(String),
    Break,
}

fn attrs(v: &V) -> (Vec<String>, BTreeMap<String, String>) {
    let V::Tuple(parts) = v else {
        return Default::default();
    };
    let classes = match parts.get(1) {
        Some(V::List(l)) => l
            .iter()
            .filter_map(|c| match c {
                V::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut kv = BTreeMap::new();
    if let Some(V::List(l)) = parts.get(2) {
        for pair in l {
            if let V::Tuple(p) = pair {
                if let (Some(V::Str(k)), Some(V::Str(v))) = (p.first(), p.get(1)) {
                    kv.insert(k.clone(), v.clone());
                }
            }
        }
    }
    (classes, kv)
}

fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.as_str(),
            Piece::Break => " ",
            _ => "",
        })
        .collect()
}

fn inlines(v: &V, out: &mut Vec<Piece>, pd: &mut Pandoc) {
    let V::Con(name, args) = v else {
        if let V::List(items) = v {
            for i in items {
                inlines(i, out, pd);
            }
        }
        return;
    };
    match (name.as_str(), args.as_slice()) {
        ("Str", [V::Str(s)]) => out.push(Piece::Text(s.clone())),
        ("Space" | "SoftBreak", _) => out.push(Piece::Text(" ".into())),
        ("LineBreak", _) => out.push(Piece::Text("\n".into())),
        ("Span", [attr, content]) => {
            let (classes, kv) = attrs(attr);
            let get = |k: &str| kv.get(k).cloned().unwrap_or_default();
            let mut inner = Vec::new();
            inlines(content, &mut inner, pd);
            if classes.iter().any(|c| c == "comment-start") {
                pd.comments
                    .push((get("author"), norm(&plain(&inner)), String::new()));
                out.push(Piece::Start(get("id")));
                return;
            }
            if classes.iter().any(|c| c == "comment-end") {
                out.push(Piece::End(get("id")));
            }
            for c in ["insertion", "deletion"] {
                if classes.iter().any(|x| x == c) {
                    pd.changes
                        .push((c.to_string(), get("author"), norm(&plain(&inner))));
                }
            }
            out.extend(inner);
        }
        (_, args) => {
            for a in args {
                inlines(a, out, pd);
            }
        }
    }
}

pub fn read(path: &Path) -> Pandoc {
    let src = std::fs::read_to_string(path).expect("readable .native");
    let toks = tokens(&src);
    let mut i = 0;
    let V::List(blocks) = value(&toks, &mut i) else {
        panic!("a block list");
    };
    let mut pd = Pandoc::default();
    let mut stream = Vec::new();
    for b in &blocks {
        let mut pieces = Vec::new();
        inlines(b, &mut pieces, &mut pd);
        pd.paragraphs.push(norm(&plain(&pieces)));
        stream.extend(pieces);
        stream.push(Piece::Break);
    }
    // Each comment's anchor: the text between its start and its end.
    let mut open: BTreeMap<String, String> = BTreeMap::new();
    let mut anchors: BTreeMap<String, String> = BTreeMap::new();
    let mut order = Vec::new();
    for p in &stream {
        match p {
            Piece::Start(id) => {
                open.insert(id.clone(), String::new());
                order.push(id.clone());
            }
            Piece::End(id) => {
                if let Some(t) = open.remove(id) {
                    anchors.insert(id.clone(), norm(&t));
                }
            }
            Piece::Text(t) => open.values_mut().for_each(|a| a.push_str(t)),
            Piece::Break => open.values_mut().for_each(|a| a.push(' ')),
        }
    }
    for (c, id) in pd.comments.iter_mut().zip(&order) {
        c.2 = anchors.get(id).cloned().unwrap_or_default();
    }
    pd
}
