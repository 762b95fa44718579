//! Comments: `word/comments.xml` (author, initials, date, text) and the reply threads and
//! resolved state of `word/commentsExtended.xml`.
//!
//! Word 2013+ links a reply to the comment it answers through paragraph ids: each
//! `w15:commentEx` names the `w14:paraId` of a comment's last paragraph (`w15:paraId`), the
//! last paragraph of its parent (`w15:paraIdParent`) and whether it is resolved (`w15:done`).
//! Links that would form a cycle are dropped, so every thread has a root.
//!
//! A comment whose `w:id` an earlier comment has, or that has none, cannot be told apart from
//! it in the body's range marks and in the threads: it is read all the same ([`Comment::stray`]:
//! no anchor, thread or resolved state), with a warning naming its id.
//!
//! ```text
//! // <w15:commentEx w15:paraId="1" w15:paraIdParent="57D1BD7C" w15:done="0"/>
//! assert_eq!(threads.parent("1"), Some("0"));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use super::walk::{Region, UnitKind, Walker};
use super::xml::{Element, Ns};
use crate::model::{Place, ReadWarning, Warning};

/// One `w:comment`.
#[derive(Debug)]
pub(crate) struct Comment {
    pub id: String,
    pub author: Option<String>,
    pub initials: Option<String>,
    pub date: Option<String>,
    /// The `w14:paraId` of its last paragraph.
    para_id: Option<String>,
    /// Its unit in the walker.
    pub unit: usize,
    pub resolved: bool,
    /// The id of the comment it answers.
    pub parent: Option<String>,
    /// Without an id of its own (none, or an earlier comment's): no anchor, thread or resolved
    /// state.
    pub stray: bool,
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.attr(Ns::W, name)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Walks every comment of `comments.xml` into the walker's comment region; a warning for each
/// comment without an id of its own.
pub(crate) fn read<'a>(
    root: &'a Element,
    walker: &mut Walker<'a>,
) -> (Vec<Comment>, Vec<ReadWarning>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut seen = BTreeSet::new();
    for (n, c) in root
        .elements()
        .filter(|e| e.is(Ns::W, "comment"))
        .enumerate()
    {
        let author = attr(c, "author");
        let id = attr(c, "id");
        let stray = match &id {
            None => Some(ReadWarning {
                at: Place::CommentNumber(n + 1),
                what: Warning::CommentWithoutId {
                    author: author.clone(),
                },
            }),
            Some(id) if !seen.insert(id.clone()) => Some(ReadWarning {
                at: Place::Comment(id.clone()),
                what: Warning::RepeatedCommentId {
                    author: author.clone(),
                },
            }),
            Some(_) => None,
        };
        let unit = walker.part(c, Region::Comments, UnitKind::Comment);
        let para_id = c
            .elements()
            .filter(|p| p.is(Ns::W, "p"))
            .last()
            .and_then(|p| p.attr(Ns::W14, "paraId"))
            .map(str::to_string);
        out.push(Comment {
            id: id.unwrap_or_default(),
            author,
            initials: attr(c, "initials"),
            date: attr(c, "date"),
            para_id,
            unit,
            resolved: false,
            parent: None,
            stray: stray.is_some(),
        });
        warnings.extend(stray);
    }
    (out, warnings)
}

/// Applies `commentsExtended.xml`: resolved state and reply links.
pub(crate) fn link(comments: &mut [Comment], extended: &Element) {
    let by_para: BTreeMap<String, usize> = comments
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.stray)
        .filter_map(|(i, c)| c.para_id.clone().map(|p| (p, i)))
        .collect();
    for ex in extended.elements().filter(|e| e.is(Ns::W15, "commentEx")) {
        let Some(&i) = ex.attr(Ns::W15, "paraId").and_then(|p| by_para.get(p)) else {
            continue;
        };
        comments[i].resolved = ex
            .attr(Ns::W15, "done")
            .is_some_and(|d| d == "1" || d == "true");
        if let Some(&parent) = ex
            .attr(Ns::W15, "paraIdParent")
            .and_then(|p| by_para.get(p))
        {
            if parent != i {
                comments[i].parent = Some(comments[parent].id.clone());
            }
        }
    }
    // Drop the link that closes a cycle (each comment is visited once).
    let index: BTreeMap<String, usize> = comments
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.stray)
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let mut state = vec![0u8; comments.len()]; // 0 new, 1 on the current path, 2 done
    for i in 0..comments.len() {
        let mut path = Vec::new();
        let mut at = i;
        loop {
            match state[at] {
                2 => break,
                1 => {
                    if let Some(&last) = path.last() {
                        let c: &mut Comment = &mut comments[last];
                        c.parent = None;
                    }
                    break;
                }
                _ => {}
            }
            state[at] = 1;
            path.push(at);
            match comments[at].parent.as_ref().and_then(|p| index.get(p)) {
                Some(&p) => at = p,
                None => break,
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
}
