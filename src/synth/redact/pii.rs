//! Personal data in contribution text: e-mail addresses and telephone numbers.
//!
//! What is found (and what is not) is stated in the README ("Personal data"):
//!
//! - **E-mail addresses**: plain (`jp@example.org`), internationalised (`üser@exämple.de`), with
//!   a quoted local part (`"john doe"@example.com`), and obfuscated with bracketed words
//!   (`john [at] example [dot] com`, `john(at)example.org`, `john AT example DOT com`).
//! - **Telephone numbers**: international (`+44 20 7946 0958`, `0044 20 7946 0958`), told by a
//!   label before them (`Tel: 030 2028 1300`, `tel: 5551234`, `電話：…`), North American
//!   (`(202) 223-5956`, `202-223-5956`), national numbers with a trunk prefix `0` written as
//!   phone numbers are written (`020 7946 0958`, `07700 900123`, `01 23 45 67 89`,
//!   `01.23.45.67.89`, `030/1234567`, `(030) 12345678`, `(02)2345-6789`, `0912-345-678`,
//!   `03-1234-5678`), and Chinese mobile numbers (`13800138000`, `138 0013 8000`); full-width
//!   digits (`０２０ ７９４６ ０９５８`) count as digits.
//! - **Bank accounts and cards**: IBANs (`DE89 3704 0044 0532 0130 00`, `GB82WEST12345698765432`)
//!   whose check digits hold (ISO 13616, mod 97), and payment card numbers of 13 to 19 digits,
//!   written whole or in groups of four, whose Luhn check digit holds and whose first digits are
//!   a card network's (`4`, `51`–`55`, `2221`–`2720`, `34`, `37`, `6011`, `65`).
//! - **Not** numbers: years and dates (`1995-2001`, `2016-05-12`, `05.12.2016 10.30`), ISO and
//!   article numbers (`ISO 27001:2013`, `Regulation (EU) 2016/679`, `Article 5(1)(a)`),
//!   amounts (`1 000 000 000 EUR`, `8,500`), decimals (`0.25 0.50 0.75`), ISBNs.
//!
//! How: a candidate is a run of digits, spaces, dots, dashes, slashes and brackets (two numbers
//! written side by side, `020 7946 0958 / 07700 900123`, are split at the wider gap between
//! them); a candidate is a number when one of the forms above holds for its digits and the way
//! they are grouped: a number with a trunk prefix needs 9 to 12 digits, an area code of two
//! digits or more and one kind of separator between its groups (so a list of decimals or a date
//! followed by a time is not one).

use std::sync::LazyLock;

use regex::Regex;

/// A local part, plain or quoted.
const LOCAL: &str = r#"(?:"[^"\r\n@]{1,64}"|[\p{L}\p{N}._%+\-]+)"#;
/// A domain label: letters and digits, dashes inside.
const LABEL: &str = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?";

static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let plain = format!(r"{LOCAL}@{LABEL}(?:\.{LABEL})*\.\p{{L}}{{2,}}");
    let at = r"\s*[\[({<]\s*(?i:at)\s*[\])}>]\s*";
    let dot = r"(?:\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*|\.)";
    let bracketed = format!(r"[\p{{L}}\p{{N}}._%+\-]+{at}{LABEL}(?:{dot}{LABEL})+");
    let spelled = format!(r"[\p{{L}}\p{{N}}._%+\-]+\s+AT\s+{LABEL}(?:\s+DOT\s+{LABEL})+");
    Regex::new(&format!("{plain}|{bracketed}|{spelled}")).ok()
});

/// Digits (ASCII or full-width), spaces, dots, dashes, slashes and brackets, from a digit (or a
/// `+` or a bracket before one) to a digit.
static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"[+＋]?[(（]?[0-9０-９](?:[0-9０-９]|[ \t\u{A0}\u{3000}().\-/－（）‐–]){5,}[0-9０-９]",
    )
    .ok()
});

static IBAN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b").ok());

static CARD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(?:[0-9]{4}(?:[ \-][0-9]{4}){2}[ \-][0-9]{1,7}|[0-9]{13,19})\b").ok()
});

static NANP: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\(?[0-9]{3}\)?[ .\-][0-9]{3}[ .\-][0-9]{4}$").ok());

static CN_MOBILE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^1[3-9][0-9](?:[ \-]?[0-9]{4}){2}$").ok());

/// Words that tell the number after them is a telephone number (lowercased).
const LABELS: &[&str] = &[
    "tel",
    "phone",
    "fax",
    "mobile",
    "cell",
    "call",
    "ph.",
    "telefon",
    "téléphone",
    "tél",
    "tfno",
    "teléfono",
    "móvil",
    "handy",
    "電話",
    "手機",
    "傳真",
    "电话",
    "手机",
    "携帯",
];

/// The byte spans of the e-mail addresses in `text`.
pub fn emails(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    EMAIL
        .as_ref()
        .into_iter()
        .flat_map(move |re| re.find_iter(text).map(|m| (m.start(), m.end())))
}

/// The byte spans of the telephone numbers in `text`.
pub fn phones(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(re) = CANDIDATE.as_ref() else {
        return out;
    };
    for m in re.find_iter(text) {
        for (s, e) in pieces(m.as_str()) {
            let (s, e) = (m.start() + s, m.start() + e);
            if is_phone(text, s, &text[s..e]) {
                out.push((s, e));
            }
        }
    }
    out
}

/// The byte spans of IBANs and payment card numbers in `text`.
pub fn accounts(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if let Some(re) = IBAN.as_ref() {
        for m in re.find_iter(text) {
            // The run may go on into the next word ("… 0130 00 BIC"): the longest prefix that
            // ends before a space and holds.
            let found = m.as_str();
            let ends = found
                .char_indices()
                .filter(|&(_, c)| c == ' ')
                .map(|(i, _)| i)
                .chain(std::iter::once(found.len()));
            let mut ends: Vec<usize> = ends.collect();
            ends.reverse();
            if let Some(end) = ends.into_iter().find(|&e| iban_holds(&found[..e])) {
                out.push((m.start(), m.start() + end));
            }
        }
    }
    if let Some(re) = CARD.as_ref() {
        out.extend(
            re.find_iter(text)
                .filter(|m| card_holds(m.as_str()))
                .map(|m| (m.start(), m.end())),
        );
    }
    out
}

/// True when `found` (letters and digits, spaces allowed) is an IBAN whose check digits hold.
fn iban_holds(found: &str) -> bool {
    let compact: Vec<u8> = found.bytes().filter(|b| *b != b' ').collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    // The first four characters moved to the end, letters as 10..35, the number mod 97 is 1.
    let mut rem: u32 = 0;
    for &b in compact[4..].iter().chain(&compact[..4]) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// True when `found` is a payment card number: a network's prefix and a Luhn check digit.
fn card_holds(found: &str) -> bool {
    let digits: Vec<u32> = found.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let prefix = |n: usize| digits.iter().take(n).fold(0u32, |a, d| a * 10 + d);
    let network = digits.first() == Some(&4)
        || (51..=55).contains(&prefix(2))
        || (2221..=2720).contains(&prefix(4))
        || matches!(prefix(2), 34 | 37 | 65)
        || prefix(4) == 6011;
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    network && sum % 10 == 0
}

/// True for a digit as numbers are written: ASCII or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// True when `label` stands in `before` as a word of its own: not inside another word
/// ("hotel", "so-called", "excellent" hold no label).
fn has_label(before: &str, label: &str) -> bool {
    before.match_indices(label).any(|(i, l)| {
        let starts = before[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        let ends = before[i + l.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphabetic() || l.ends_with('.'));
        starts && ends
    })
}

/// At most `max` characters of `text` before byte `at`.
fn chars_before(text: &str, at: usize, max: usize) -> &str {
    let head = text.get(..at).unwrap_or_default();
    let from = head
        .char_indices()
        .rev()
        .nth(max.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &head[from..]
}

/// The candidate cut at its wide gaps (a run of separators that is more than one character
/// once brackets are left out: " / ", " - ", two spaces), each piece trimmed to start at a
/// digit, `+` or opening bracket and end at a digit: spans relative to `found`.
fn pieces(found: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut gap_start: Option<usize> = None;
    let mut gap_len = 0;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let piece = &found[s..e];
        let lead = piece
            .char_indices()
            .find(|&(_, c)| is_digit(c) || matches!(c, '+' | '＋' | '(' | '（'))
            .map(|(i, _)| i);
        let tail = piece
            .char_indices()
            .rev()
            .find(|&(_, c)| is_digit(c))
            .map(|(i, c)| i + c.len_utf8());
        if let (Some(a), Some(b)) = (lead, tail)
            && a < b
        {
            out.push((s + a, s + b));
        }
    };
    for (i, c) in found.char_indices() {
        if is_digit(c) {
            if let Some(g) = gap_start.take()
                && gap_len > 1
            {
                push(start, g, &mut out);
                start = g;
            }
            gap_len = 0;
        } else {
            if gap_start.is_none() {
                gap_start = Some(i);
            }
            if !matches!(c, '(' | ')' | '（' | '）') {
                gap_len += 1;
            }
        }
    }
    push(start, found.len(), &mut out);
    out
}

/// Whether `found`, at byte `start` of `text`, is a telephone number (see the module doc).
fn is_phone(text: &str, start: usize, found: &str) -> bool {
    // The number with full-width characters made ASCII.
    let norm: String = found
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '＋' => '+',
            '（' => '(',
            '）' => ')',
            '－' | '‐' | '–' => '-',
            '\u{A0}' | '\u{3000}' | '\t' => ' ',
            c => c,
        })
        .collect();
    let digits: String = norm.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    if !(7..=15).contains(&n) {
        return false;
    }
    if norm.starts_with('+') {
        return n >= 8;
    }
    let before = chars_before(text, start, 16).to_lowercase();
    if n >= 9 && LABELS.iter().any(|l| has_label(&before, l)) {
        return true;
    }
    if n < 9 {
        // A short number only right after its label ("tel: 5551234"), "call" aside.
        let label =
            before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '：'));
        return LABELS.iter().filter(|&&l| l != "call").any(|l| {
            let l = l.trim_end_matches('.');
            label.strip_suffix(l).is_some_and(|head| {
                head.chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        });
    }
    if NANP.as_ref().is_some_and(|re| re.is_match(&norm)) {
        return true;
    }
    if CN_MOBILE.as_ref().is_some_and(|re| re.is_match(&norm)) {
        return true;
    }
    let b = digits.as_bytes();
    if b.starts_with(b"00") {
        // An international call prefix: 00, then a country code (not 0).
        return b.get(2).is_some_and(|&d| d != b'0') && n >= 10 && grouped_as_phone(&norm, 1);
    }
    if b.first() == Some(&b'0') && b.get(1).is_some_and(|&d| d != b'0') && n <= 12 {
        return grouped_as_phone(&norm, 2);
    }
    false
}

/// True when the digit groups of `norm` are grouped as a telephone number is: the first group
/// at least `first` digits, no group longer than 8 digits (a single group of 10 or 11 digits is
/// a number written without spaces), and one kind of separator between the groups (brackets
/// around the area code aside).
fn grouped_as_phone(norm: &str, first: usize) -> bool {
    let groups: Vec<&str> = norm
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    if groups.len() == 1 {
        return matches!(groups[0].len(), 10 | 11);
    }
    if groups.first().is_none_or(|g| g.len() < first) || groups.iter().any(|g| g.len() > 8) {
        return false;
    }
    let mut kinds: Vec<char> = norm
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '(' | ')'))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds.len() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut all: Vec<(usize, usize)> = emails(text).collect();
        all.extend(phones(text));
        all.sort_unstable();
        all.into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn national_phone_formats_are_found_whole() {
        for number in [
            "020 7946 0958",
            "07700 900123",
            "0044 20 7946 0958",
            "01 23 45 67 89",
            "01.23.45.67.89",
            "030/1234567",
            "(030) 12345678",
            "(02)2345-6789",
            "0912-345-678",
            "03-1234-5678",
            "13800138000",
            "138 0013 8000",
            "+44 20 7946 0958",
            "+31 (0)70 30 28 130",
            "(202) 223-5956",
            "202-223-5956",
            "０２０ ７９４６ ０９５８",
            "０９１２－３４５－６７８",
        ] {
            let text = format!("Please ring {number} after noon.");
            assert_eq!(found(&text), vec![number], "{number}");
        }
        assert_eq!(found("Contact: tel: 5551234, Anna"), vec!["5551234"]);
        assert_eq!(found("電話：02-2345-6789。"), vec!["02-2345-6789"]);
        assert_eq!(found("Tel. 5551234"), vec!["5551234"]);
        assert!(found("Call for papers 2019-2021 and 1995 2001").is_empty());
        assert!(found("Phone survey of 12 345 678 adults").is_empty());
        // A label inside another word is no label.
        for plain in [
            "the hotel 2018 2019 2020 season",
            "so-called 2030 2040 2050 targets",
            "an excellent 2021 2022 2023 plan",
            "Telecoms 2018 2019 2020 reports",
        ] {
            assert!(found(plain).is_empty(), "{plain}: {:?}", found(plain));
        }
        assert_eq!(found("Tel.: 2018 2019 20"), vec!["2018 2019 20"]);
        assert!(found("the hotel: 5551234 rooms").is_empty());
        assert_eq!(
            found("Office 020 7946 0958 / mobile 07700 900123."),
            vec!["020 7946 0958", "07700 900123"]
        );
        assert_eq!(
            found("call 020 7946 0958 / 07700 900123"),
            vec!["020 7946 0958", "07700 900123"]
        );
    }

    #[test]
    fn years_dates_iso_articles_money_and_decimals_are_not_phones() {
        for plain in [
            "Between 1995-2001 and 2004.",
            "Roughly 8,500 business participants.",
            "Held on 2016-05-12 in Washington",
            "Resolution 36 adopted in 1998 1999 2000",
            "On 05.12.2016 10.30 the session opened.",
            "From 01/02/2020 to 05/06/2020.",
            "ISO 27001:2013 and ISO/IEC 17799",
            "Regulation (EU) 2016/679, Article 5(1)(a)",
            "Directive 2002/58/EC and COM(2020) 65 final",
            "A budget of 1 000 000 000 EUR in 2021",
            "Weights 0.25 0.50 0.75 0.95 were used",
            "ISBN 0-306-40615-2 and ISBN 978-3-16-148410-0",
            "Population: 1400000000 people",
            "Case T-604/18 of 14 September 2022",
            "Paragraphs 12.3.4.5.6 and 2019-2020-2021",
        ] {
            assert!(found(plain).is_empty(), "{plain}: {:?}", found(plain));
        }
    }

    #[test]
    fn ibans_and_card_numbers_with_valid_check_digits() {
        let spans = |t: &str| -> Vec<String> {
            accounts(t)
                .into_iter()
                .map(|(s, e)| t[s..e].to_string())
                .collect()
        };
        assert_eq!(
            spans("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX"),
            ["DE89 3704 0044 0532 0130 00"]
        );
        assert_eq!(
            spans("IBAN: GB82WEST12345698765432."),
            ["GB82WEST12345698765432"]
        );
        assert_eq!(
            spans("card 4111 1111 1111 1111 exp 12/30"),
            ["4111 1111 1111 1111"]
        );
        assert_eq!(spans("card 5500-0000-0000-0004"), ["5500-0000-0000-0004"]);
        // Check digits that do not hold, and long figures, are not accounts.
        assert!(spans("IBAN DE88 3704 0044 0532 0130 00").is_empty());
        assert!(spans("card 4111 1111 1111 1112").is_empty());
        assert!(spans("ISBN 9783161484100 and 1234567890123456 and ISO27001").is_empty());
    }

    #[test]
    fn emails_plain_international_quoted_and_obfuscated() {
        for (text, want) in [
            ("write to jp@example.org today", "jp@example.org"),
            ("write to üser@exämple.de today", "üser@exämple.de"),
            (
                "write to \"john doe\"@example.com today",
                "\"john doe\"@example.com",
            ),
            (
                "write to john [at] example [dot] com today",
                "john [at] example [dot] com",
            ),
            ("write to john(at)example.org today", "john(at)example.org"),
            (
                "write to jane.doe {AT} mail (dot) example (dot) org now",
                "jane.doe {AT} mail (dot) example (dot) org",
            ),
            (
                "write to john AT example DOT com today",
                "john AT example DOT com",
            ),
        ] {
            assert_eq!(found(text), vec![want], "{text}");
        }
        for plain in [
            "Look at the example. Dot the i's.",
            "We met at (at least) two venues.",
            "Price @ 5 EUR",
            "the handle @example is not an address",
        ] {
            assert!(found(plain).is_empty(), "{plain}: {:?}", found(plain));
        }
    }
}
