//! A small sentence splitter for quote selection: the byte ranges of the sentences of a text.
//!
//! A sentence ends at `.`, `?` or `!` (with any closing quotes or brackets after it) when
//! whitespace and then an uppercase letter (or an opening quote or bracket before one) follow,
//! unless the full stop ends an abbreviation ("Dr.", "e.g.", "U.S.") or an initial ("J.").
//! A line break also ends a sentence when the next line does not start in lower case and either
//! the line ends in punctuation, a blank line intervenes, or the next line starts a list item;
//! a page break inside a sentence ("…coalitions\n\ncan often…") does not.
//!
//! Ranges never include leading or trailing whitespace, and always fall on char boundaries, so
//! `&text[start..end]` is safe.
//!
//! ```text
//! let text = "Dr. Kofler spoke first. Then came questions? Yes!";
//! let parts: Vec<&str> = split(text).into_iter().map(|(s, e)| &text[s..e]).collect();
//! assert_eq!(parts, ["Dr. Kofler spoke first.", "Then came questions?", "Yes!"]);
//! ```

/// Words that end in a full stop without ending a sentence (lowercased, inner dots kept).
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "art", "ch", "cf", "co", "corp", "dept", "dr", "e.g", "ed", "eds", "esp",
    "est", "fig", "gen", "hon", "i.e", "ibid", "inc", "jr", "ltd", "mr", "mrs", "ms", "mt", "no",
    "nos", "op", "p", "para", "pp", "prof", "rev", "sec", "sen", "sr", "st", "u.k", "u.n", "u.s",
    "viz", "vol", "vs",
];

/// Characters that may close a sentence after its final punctuation.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
/// Characters that may open a sentence before its first letter.
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«'];

/// The sentences of `text` as trimmed, non-empty byte ranges, in order.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while let Some(&(i, c)) = chars.get(k) {
        if matches!(c, '.' | '?' | '!') {
            // The end of the terminator run: more punctuation, then closing quotes/brackets.
            let mut j = k + 1;
            while chars
                .get(j)
                .is_some_and(|&(_, d)| matches!(d, '.' | '?' | '!'))
            {
                j += 1;
            }
            while chars.get(j).is_some_and(|&(_, d)| CLOSERS.contains(&d)) {
                j += 1;
            }
            let mut n = j;
            while chars.get(n).is_some_and(|&(_, d)| d.is_whitespace()) {
                n += 1;
            }
            let spaced = n > j;
            let is_abbreviation = c == '.' && j == k + 1 && ends_with_abbreviation(&text[..i]);
            if spaced && !is_abbreviation && starts_sentence(&chars, n) {
                push(text, &mut out, start, byte_at(j));
                start = byte_at(n);
                k = n;
                continue;
            }
            k = j;
            continue;
        }
        if c == '\n' {
            let mut n = k;
            let mut breaks = 0;
            while let Some(&(_, d)) = chars.get(n) {
                if !d.is_whitespace() {
                    break;
                }
                if d == '\n' {
                    breaks += 1;
                }
                n += 1;
            }
            let next_lower = chars.get(n).is_some_and(|&(_, d)| d.is_lowercase());
            let before = text[..i].trim_end().chars().next_back();
            let ends_punct = before.is_some_and(|d| !d.is_alphanumeric() && d != ',');
            let rest = text.get(byte_at(n)..).unwrap_or_default();
            if chars.get(n).is_some()
                && !next_lower
                && (breaks >= 2 || ends_punct || starts_list_item(rest))
            {
                push(text, &mut out, start, i);
                start = byte_at(n);
            }
            k = n.max(k + 1);
            continue;
        }
        k += 1;
    }
    push(text, &mut out, start, text.len());
    out
}

/// Pushes the trimmed range `start..end` of `text` when it is not empty.
fn push(text: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let (s, e) = trim(text, start, end);
    if s < e {
        out.push((s, e));
    }
}

/// `start..end` with leading and trailing whitespace moved out of the range.
pub fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(slice) = text.get(start..end) else {
        return (start, start);
    };
    let s = start + (slice.len() - slice.trim_start().len());
    let e = start + slice.trim_end().len();
    if s < e { (s, e) } else { (start, start) }
}

/// True when the character at `n` begins a sentence: an uppercase letter, a digit-free opener
/// followed by an uppercase letter.
fn starts_sentence(chars: &[(usize, char)], n: usize) -> bool {
    match chars.get(n) {
        Some(&(_, d)) if d.is_uppercase() => true,
        Some(&(_, d)) if OPENERS.contains(&d) => {
            chars.get(n + 1).is_some_and(|&(_, e)| e.is_uppercase())
        }
        _ => false,
    }
}

/// True when `before` (the text up to a full stop) ends with an abbreviation or an initial.
fn ends_with_abbreviation(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(b, _)| b);
    let word = &before[word_start..];
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        // A single capital: an initial ("J. Smith").
        if first.is_uppercase() {
            return true;
        }
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// True when `line` starts with a list marker: `-`, `•`, `*`, `❖`, `1.`, `1)`.
fn starts_list_item(line: &str) -> bool {
    let mut it = line.chars();
    match it.next() {
        Some('-' | '•' | '*' | '❖' | '◦' | '▪' | '–') => true,
        Some(d) if d.is_ascii_digit() => {
            let rest: String = it.take_while(|c| !c.is_whitespace()).collect();
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            matches!(digits, "." | ")")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_before_a_capital() {
        assert_eq!(
            parts("Dr. Kofler spoke first. Then came questions? Yes!"),
            ["Dr. Kofler spoke first.", "Then came questions?", "Yes!"]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_lowercase_continuations() {
        assert_eq!(
            parts("Bodies, e.g. WIPO, and the U.S. Government met J. Smith. it went on."),
            ["Bodies, e.g. WIPO, and the U.S. Government met J. Smith. it went on."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            parts("He said “we agree.” Then he left."),
            ["He said “we agree.”", "Then he left."]
        );
    }

    #[test]
    fn line_breaks_split_lists_but_not_page_breaks() {
        assert_eq!(
            parts("Key attributes are that it:\n-- is open\n-- is accessible"),
            [
                "Key attributes are that it:",
                "-- is open",
                "-- is accessible"
            ]
        );
        assert_eq!(
            parts("smart coalitions\n\ncan often provide states with support."),
            ["smart coalitions\n\ncan often provide states with support."]
        );
    }

    #[test]
    fn ranges_are_trimmed_and_on_char_boundaries() {
        let text = "  Él habló.  ¿Qué? Ünd so.  ";
        for (s, e) in split(text) {
            let part = &text[s..e];
            assert_eq!(part, part.trim());
        }
        assert!(split("   ").is_empty());
        assert!(split("").is_empty());
    }
}
