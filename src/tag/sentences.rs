//! Sentence boundaries: byte ranges of the sentences of a text.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis (with any closing quotes, brackets or
//! Markdown emphasis after it, and a footnote number after a closing quote: `system."28`)
//! followed by white space, but not at an abbreviation or initial ("U.S.", "e.g.", "Dr.",
//! "No. 5", "para. 3", "M. Welsh"), nor in a decimal number, nor where `?`, `!` or an ellipsis
//! is followed by a lowercase word ("“why?” she asked"). A full stop followed by a lowercase
//! word does end one (notes start sentences in lowercase: "…efforts. more realistic…"). A
//! full-width `。`, `！` or `？` ends one whatever follows (Chinese puts no space after them).
//! A blank line ends a sentence unless it is a page break inside one: the next line starts
//! lowercase, or the text before it stops mid-clause (after a comma, a dash or a word such as
//! "the", "of", "and": `…created from the\n\nUNPA/UNPN idea…`). A footnote line that a page
//! break dropped inside a sentence (`¹ Heather Hurlburt, …`, `[2: …]`, `<sup>5</sup> …`)
//! stays inside it when the sentence resumes after it. A single line break ends a sentence
//! before a bullet or a numbered item and after a colon. Ranges are trimmed of white space,
//! ordered, non-overlapping, on char boundaries, and together cover every non-white-space
//! byte of the text.
//!
//! ```
//! use rapporteur::tag::sentences::sentences;
//! let text = "The U.S. State Department, e.g. Dr. Smith, spoke. Then approx. 3.5 people left… Really?";
//! let got: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
//! assert_eq!(got, [
//!     "The U.S. State Department, e.g. Dr. Smith, spoke.",
//!     "Then approx. 3.5 people left…",
//!     "Really?",
//! ]);
//! ```

/// Abbreviations after which a stop never ends a sentence (lowercased, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "rev", "hon", "gen", "col", "capt",
    "lt", "sgt", "sen", "rep", "gov", "pres", "amb", "jr", "sr", "vs", "approx", "cf", "viz", "ca",
    "esp", "incl", "dept", "ph", "fig", "figs", "eq", "resp", "ibid", "al", "etc", "inc", "ltd",
    "co", "corp", "bros", "govt", "intl", "assn", "assoc", "cit", "nb", "cont", "ft", "est",
];
/// Abbreviations after which a stop does not end a sentence when a number follows ("No. 5").
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "no", "nos", "p", "pp", "vol", "vols", "art", "arts", "ch", "chap", "sec", "para", "paras",
    "n", "nr", "op", "ed", "eds", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇')
}

/// Characters that may close a sentence after its stop: quotes, brackets, emphasis.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_' | '」' | '』' | '）'
    )
}

/// True when a line starting with `rest` starts with a list marker.
pub(crate) fn starts_bullet(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(
        first,
        '•' | '◦'
            | '▪'
            | '▫'
            | '❖'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▶'
            | '‣'
            | '⁃'
            | '·'
            | '✓'
            | '✔'
    ) {
        return true;
    }
    if matches!(first, '-' | '*' | '+' | '–' | '—') {
        return chars.next().is_some_and(|c| c.is_whitespace() || c == '-');
    }
    // "1) ", "12. ", "a) ", "(3) "
    let body = rest.strip_prefix('(').unwrap_or(rest);
    let marker: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let after = &body[marker.len()..];
    let numbered = !marker.is_empty()
        && (marker.len() <= 3 && marker.chars().all(|c| c.is_ascii_digit())
            || marker.len() == 1 && marker.chars().all(|c| c.is_ascii_lowercase()));
    numbered && (after.starts_with(") ") || after.starts_with(". ") || after.starts_with(")\t"))
}

/// The sentences of `text`, as trimmed byte ranges relative to `text`.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cuts = vec![0];
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if is_terminator(c) {
            let run_start = i;
            while i < chars.len() && is_terminator(chars[i].1) {
                i += 1;
            }
            let single_dot = i == run_start + 1 && c == '.';
            let closers_from = i;
            while i < chars.len() && is_closer(chars[i].1) {
                i += 1;
            }
            if i > closers_from
                && chars.get(i - 1).is_some_and(|&(_, q)| is_quote(q))
                && let Some(after) = footnote_number_end(&chars, i)
            {
                i = after; // `system."28 The`: the number is the quote's footnote
            }
            let Some(&(end, next)) = chars.get(i) else {
                break;
            };
            // Chinese and Japanese put no space after their full-width stops.
            let full_width = chars[run_start..i]
                .iter()
                .any(|&(_, c)| matches!(c, '。' | '！' | '？'));
            if full_width && !next.is_whitespace() {
                cuts.push(end);
                continue;
            }
            if !next.is_whitespace() {
                continue;
            }
            let k = skip_space(&chars, i);
            let Some(&(_, start_char)) = chars.get(k) else {
                break;
            };
            // A lowercase word after `?`, `!` or an ellipsis continues the sentence ("“why?” she
            // asked", "a never ending story… and"); after a full stop it does only when the stop
            // ends an abbreviation: notes start sentences in lowercase ("…efforts. more
            // realistic understanding…").
            if start_char.is_lowercase() && !single_dot {
                continue;
            }
            if single_dot && is_abbreviation(text, pos, start_char) {
                continue;
            }
            // Inside a quotation that closes later on the line, a stop ends no sentence of the
            // text: `Bellamy, "Whither the Responsibility to Protect? Humanitarian …," p. 5.`
            let from = cuts.last().copied().unwrap_or(0);
            if inside_quotation(&text[from..end], &text[end..]) {
                continue;
            }
            cuts.push(end);
            continue;
        }
        if c == '\n' {
            let k = skip_space(&chars, i);
            let Some(&(next_pos, next)) = chars.get(k) else {
                break;
            };
            let newlines = chars[i..k].iter().filter(|(_, c)| *c == '\n').count();
            let before = text[..pos].trim_end();
            let prev = before.chars().next_back();
            if newlines >= 2 && !ends_sentence(before) {
                // A footnote line dropped inside a sentence by a page break: skip over it when
                // the sentence resumes after it.
                let line_end = text[next_pos..]
                    .find('\n')
                    .map_or(text.len(), |e| next_pos + e);
                if is_footnote_line(&text[next_pos..line_end]) {
                    let resume = skip_space(&chars, index_of(&chars, line_end));
                    if let Some(&(_, c)) = chars.get(resume)
                        && (c.is_lowercase() || continues(before))
                    {
                        i = resume;
                        continue;
                    }
                }
            }
            let cut = if newlines >= 2 {
                !(next.is_lowercase() || continues(before) && !starts_bullet(&text[next_pos..]))
            } else {
                starts_bullet(&text[next_pos..]) || prev == Some(':')
            };
            if cut && prev.is_some() {
                cuts.push(pos);
            }
            i = k;
            continue;
        }
        i += 1;
    }
    cuts.push(text.len());
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| trim(text, w[0], w[1]))
        .collect()
}

/// Words after which a line cannot end a sentence: a page break after them falls inside one.
const CONTINUING: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "for",
    "and",
    "or",
    "but",
    "nor",
    "from",
    "with",
    "by",
    "at",
    "as",
    "that",
    "which",
    "who",
    "whose",
    "whom",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "their",
    "its",
    "his",
    "her",
    "our",
    "your",
    "my",
    "this",
    "these",
    "those",
    "than",
    "such",
    "into",
    "onto",
    "between",
    "among",
    "about",
    "not",
    "both",
    "either",
    "each",
    "every",
    "more",
    "most",
    "very",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "may",
    "might",
    "shall",
    "do",
    "does",
    "did",
    "if",
    "when",
    "where",
    "while",
    "whether",
    "because",
    "although",
    "though",
    "including",
    "like",
    "via",
    "per",
    "toward",
    "towards",
    "through",
    "within",
    "without",
    "under",
    "over",
    "upon",
];

/// True when `before` (trimmed) stops mid-clause: after a comma, semicolon, dash, opening
/// bracket or one of the [`CONTINUING`] words.
fn continues(before: &str) -> bool {
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    if matches!(last, ',' | ';' | '-' | '–' | '—' | '(' | '[' | '/' | '&') {
        return true;
    }
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    !word.is_empty() && CONTINUING.contains(&word.to_lowercase().as_str())
}

/// True when `before` (trimmed) ends with a stop, optionally closed by quotes or brackets,
/// or a colon.
fn ends_sentence(before: &str) -> bool {
    let body = before.trim_end_matches(is_closer);
    body.chars()
        .next_back()
        .is_some_and(|c| is_terminator(c) || c == ':')
}

/// True for a line that is a footnote a page break dropped in the text: `¹ Author, "Title"`,
/// `12 Author …`, `[2:  …]`, `<sup>…</sup>…`, `*Note: …*`.
fn is_footnote_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 600 {
        return false;
    }
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(
        first,
        '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰' | '†' | '‡'
    ) {
        return true;
    }
    if t.starts_with("<sup>") || t.starts_with("[^") {
        return true;
    }
    if let Some(rest) = t.strip_prefix('[') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        return digits > 0 && rest[digits..].starts_with(':');
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t[digits..].starts_with(' ')
        && t[digits..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && !starts_bullet(t)
}

/// True when `before` (the sentence so far) leaves a quotation open — an opening `“` not
/// closed, or an odd number of `"` — and `after` closes it before the line ends.
fn inside_quotation(before: &str, after: &str) -> bool {
    let line = after.split('\n').next().unwrap_or("");
    let opens = before.matches('“').count();
    let closes = before.matches('”').count();
    if opens > closes {
        return line.contains('”');
    }
    before.matches('"').count() % 2 == 1 && line.contains('"')
}

/// The index in `chars` of the char at byte `pos` (or the end).
fn index_of(chars: &[(usize, char)], pos: usize) -> usize {
    chars.partition_point(|&(p, _)| p < pos)
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | '」' | '』')
}

/// After a closing quote at char index `i`: the end of a footnote number (one to three
/// digits, or superscript digits) that is followed by white space.
fn footnote_number_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let mut k = i;
    while k < chars.len()
        && k - i < 3
        && (chars[k].1.is_ascii_digit() || "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(chars[k].1))
    {
        k += 1;
    }
    (k > i && chars.get(k).is_some_and(|&(_, c)| c.is_whitespace())).then_some(k)
}

/// The index of the first non-white-space char at or after `i`.
fn skip_space(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() && chars[i].1.is_whitespace() {
        i += 1;
    }
    i
}

/// True when the stop at byte `dot` ends an abbreviation or an initial, given the first char
/// of what follows.
fn is_abbreviation(text: &str, dot: usize, next: char) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(dot, |(i, _)| i);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // "U.S", "e.g", "i.e", "N.W": single letters joined by stops.
    if word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
    {
        return true;
    }
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() {
            return true; // an initial: "Jennifer M. Welsh"
        }
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (next.is_ascii_digit() || next.is_lowercase())
            && NUMBER_ABBREVIATIONS.contains(&lower.as_str())
        || next.is_lowercase() && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `start..end` without surrounding white space, or None when nothing is left.
fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = text.get(start..end)?;
    let trimmed_start = slice.trim_start();
    if trimmed_start.is_empty() {
        return None;
    }
    let s = start + (slice.len() - trimmed_start.len());
    let e = s + trimmed_start.trim_end().len();
    Some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    /// The contract: ordered, disjoint, trimmed, on char boundaries, covering all non-space.
    fn assert_tiles(text: &str) {
        let ranges = sentences(text);
        let mut covered = vec![false; text.len()];
        let mut last_end = 0;
        for &(s, e) in &ranges {
            assert!(s < e && s >= last_end, "{ranges:?} in {text:?}");
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{text:?}"
            );
            let slice = &text[s..e];
            assert_eq!(slice, slice.trim(), "untrimmed {slice:?}");
            covered[s..e].iter_mut().for_each(|b| *b = true);
            last_end = e;
        }
        for (i, c) in text.char_indices() {
            assert!(
                c.is_whitespace() || covered[i],
                "{c:?} at {i} uncovered in {text:?}"
            );
        }
    }

    #[test]
    fn abbreviations_initials_decimals_and_ellipses() {
        let text = "The U.S. State Department, e.g. Dr. Smith, spoke. Then approx. 3.5 people left… Really?";
        assert_eq!(
            split(text),
            [
                "The U.S. State Department, e.g. Dr. Smith, spoke.",
                "Then approx. 3.5 people left…",
                "Really?"
            ]
        );
        assert_eq!(
            split(
                "See No. 5 and pp. 69–75. Jennifer M. Welsh agreed, i.e. Mr. Deng did too... He left."
            ),
            [
                "See No. 5 and pp. 69–75.",
                "Jennifer M. Welsh agreed, i.e. Mr. Deng did too...",
                "He left."
            ]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            split("a “global governance gap.” In short, (it worked.) Then “why?” She asked."),
            [
                "a “global governance gap.”",
                "In short, (it worked.)",
                "Then “why?”",
                "She asked."
            ]
        );
        assert_eq!(
            split("Constructive or Confusing Global Governance?*** Eighty-two individuals came."),
            [
                "Constructive or Confusing Global Governance?***",
                "Eighty-two individuals came."
            ]
        );
    }

    #[test]
    fn a_page_break_inside_a_sentence_does_not_end_it() {
        // seed 000, around a page break
        let text = "On the flip side, multistakeholder coalitions\n\ncan often provide states with a reason to continue. At the same time, it is important.";
        assert_eq!(
            split(text),
            [
                "On the flip side, multistakeholder coalitions\n\ncan often provide states with a reason to continue.",
                "At the same time, it is important."
            ]
        );
        assert_eq!(
            split("Goals:\n\nCapture key insights"),
            ["Goals:", "Capture key insights"]
        );
    }

    #[test]
    fn bullets_without_final_stops_are_sentences() {
        assert_eq!(
            split(
                "Key attributes:\n-- is open\n-- is accessible\n- works iteratively\n1) first\n2. second"
            ),
            [
                "Key attributes:",
                "-- is open",
                "-- is accessible",
                "- works iteratively",
                "1) first",
                "2. second"
            ]
        );
        // a hard-wrapped line is not a break
        assert_eq!(
            split("organized by The Stanley\nFoundation in 2016."),
            ["organized by The Stanley\nFoundation in 2016."]
        );
    }

    #[test]
    fn lowercase_after_a_stop_continues_and_odd_inputs_tile() {
        assert_eq!(
            split("organizations that[?] build parallel power."),
            ["organizations that[?] build parallel power."]
        );
        for text in [
            "",
            "   ",
            "?",
            "...",
            "a.b.c",
            "É. É. É.",
            " x \n\n y ",
            "Dr.",
            "“Hi.”  ",
            "1.\n2.",
            "\u{a0}A.\u{a0}B",
        ] {
            assert_tiles(text);
        }
    }

    /// Every line of every seed document tiles.
    #[test]
    fn sentences_tile_every_line_of_the_seed_documents() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("corpora/seeds")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        files.sort();
        assert_eq!(files.len(), 5);
        let mut lines = 0;
        let mut total = 0;
        for f in &files {
            let text = std::fs::read_to_string(f).expect("utf-8 seed");
            assert_tiles(&text);
            for line in text.lines() {
                assert_tiles(line);
                lines += 1;
                total += sentences(line).len();
            }
        }
        assert!(lines > 500, "{lines} lines");
        assert!(total > 1000, "{total} sentences");
    }

    #[test]
    fn page_breaks_mid_clause_and_dropped_footnote_lines_stay_inside_the_sentence() {
        // seed 000: an uppercase word after the break, but the line stopped at "the"
        assert_eq!(
            split("what benefit is created from the\n\nUNPA/UNPN idea, and how? Next one."),
            [
                "what benefit is created from the\n\nUNPA/UNPN idea, and how?",
                "Next one."
            ]
        );
        assert_eq!(
            split(
                "a guide or primer of ideas,\n\n¹ Heather Hurlburt, “Paper”, May 2016, 1.\n\nmethods, and practices. Then."
            ),
            [
                "a guide or primer of ideas,\n\n¹ Heather Hurlburt, “Paper”, May 2016, 1.\n\nmethods, and practices.",
                "Then."
            ]
        );
        // A heading before a paragraph, a bullet after a comma: breaks.
        assert_eq!(
            split("Executive Summary\n\nFrom June 13, 2016, we met.\n\n- first,\n\n- second"),
            [
                "Executive Summary",
                "From June 13, 2016, we met.",
                "- first,",
                "- second"
            ]
        );
    }

    #[test]
    fn footnote_numbers_lowercase_starts_and_full_width_stops() {
        assert_eq!(
            split("the UN system.\"28 In response, the HLP acted."),
            ["the UN system.\"28", "In response, the HLP acted."]
        );
        assert_eq!(
            split("among civil society efforts. more realistic understanding? etc. and e.g. this"),
            [
                "among civil society efforts.",
                "more realistic understanding? etc. and e.g. this"
            ]
        );
        assert_eq!(
            split("我們應該如何改善？這是問題。好"),
            ["我們應該如何改善？", "這是問題。", "好"]
        );
        // A title in quotes is one sentence with the text around it.
        assert_eq!(
            split("Bellamy, \"Whither the R2P? Humanitarian Intervention,\" p. 5. Next."),
            [
                "Bellamy, \"Whither the R2P? Humanitarian Intervention,\" p. 5.",
                "Next."
            ]
        );
        assert_eq!(
            split("He asked, “Why now? Who decides?” Then he left."),
            ["He asked, “Why now? Who decides?”", "Then he left."]
        );
    }

    proptest::proptest! {
        /// The contract on any text made of the pieces consultation text is made of.
        #[test]
        fn sentences_tile_any_text(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Word", "word", "U.S.", "e.g.", "Dr.", "No. 5", ".", "?", "!", "…", "...", "。", "？",
                " ", "  ", "\n", "\n\n", "\n- ", "\n1) ", "\n¹ Note.", "“", "”", "\"28", "(", ")",
                "[?]", "*", "é", "日本", ":", ",", "the", "\u{a0}", "\t", "¿", "3.5",
            ]),
            0..60,
        )) {
            let text: String = pieces.concat();
            assert_tiles(&text);
        }
    }
}
