//! Bidirectional-text controls of contribution text, kept inside the text that holds them.
//!
//! A contribution, a name or a title may hold Unicode controls that open an embedding or an
//! override (U+202A LRE, U+202B RLE, U+202D LRO, U+202E RLO) or an isolate (U+2066 LRI, U+2067
//! RLI, U+2068 FSI) and never close it: an unterminated RIGHT-TO-LEFT OVERRIDE lays out all
//! that follows it right to left, the attribution after a quote included. [`closed`] appends
//! the closers (U+202C PDF for an embedding or override, U+2069 PDI for an isolate) that end
//! every one still open, innermost first, as the Unicode Bidirectional Algorithm (UAX #9)
//! matches them. Nothing is removed: the controls the text holds stay, and so do the marks
//! (U+200E LRM, U+200F RLM, U+061C ALM), which open nothing and only steer the neutral
//! characters beside them, as right-to-left writers use them.
//!
//! Display strings made of several pieces (an attribution: a name, an organisation, a heading,
//! an anchor; a section path) close each piece; `outline.md` closes every string it shows
//! (Markdown has no isolation); `report.html` puts each in a `<bdi>` isolate. Verbatim text
//! (`outline.json`'s `text` and `parts`) is never changed.
//!
//! ```
//! use rapporteur::synth::bidi::closed;
//! assert_eq!(closed("reversed \u{202E}from here"), "reversed \u{202E}from here\u{202C}");
//! assert_eq!(closed("\u{2067}a \u{202B}b"), "\u{2067}a \u{202B}b\u{202C}\u{2069}");
//! assert_eq!(closed("closed \u{202E}here\u{202C}"), "closed \u{202E}here\u{202C}");
//! assert_eq!(closed("plain"), "plain");
//! ```

use std::borrow::Cow;

/// Pop directional formatting: ends an embedding or override.
const PDF: char = '\u{202C}';
/// Pop directional isolate: ends an isolate (and what was opened inside it).
const PDI: char = '\u{2069}';

/// `s` with a closer appended for every embedding, override and isolate it leaves open (see
/// the module doc); `s` itself when it leaves none open.
pub fn closed(s: &str) -> Cow<'_, str> {
    if !s.contains(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')) {
        return Cow::Borrowed(s);
    }
    // The closer each open control needs, innermost last.
    let mut open: Vec<char> = Vec::new();
    for c in s.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(PDF),
            '\u{2066}'..='\u{2068}' => open.push(PDI),
            // A PDF ends the innermost embedding, never one outside an isolate.
            PDF if open.last() == Some(&PDF) => {
                open.pop();
            }
            // A PDI ends the innermost isolate and whatever was opened inside it.
            PDI => {
                if let Some(i) = open.iter().rposition(|&c| c == PDI) {
                    open.truncate(i);
                }
            }
            _ => {}
        }
    }
    if open.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + open.len() * 3);
    out.push_str(s);
    out.extend(open.iter().rev());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_open_control_is_closed_innermost_first_and_nothing_else_changes() {
        // An override inside an isolate inside an embedding.
        assert_eq!(
            closed("\u{202A}a\u{2068}b\u{202E}c"),
            "\u{202A}a\u{2068}b\u{202E}c\u{202C}\u{2069}\u{202C}"
        );
        // A PDI closes the override opened inside its isolate; a stray PDF closes nothing
        // outside the isolate.
        assert_eq!(
            closed("\u{202E}x\u{2066}y\u{202B}z\u{2069}"),
            "\u{202E}x\u{2066}y\u{202B}z\u{2069}\u{202C}"
        );
        assert_eq!(closed("\u{2066}\u{202C}x"), "\u{2066}\u{202C}x\u{2069}");
        // Unmatched closers and marks are left as they are.
        assert_eq!(closed("a\u{202C}\u{2069}b"), "a\u{202C}\u{2069}b");
        assert_eq!(closed("\u{200F}שלום\u{200E}"), "\u{200F}שלום\u{200E}");
        // Closing twice adds nothing.
        let once = closed("x\u{202E}y").into_owned();
        assert_eq!(closed(&once), once);
    }
}
