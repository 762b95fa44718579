//! Mojibake: text that was decoded with the wrong code page somewhere upstream.
//!
//! Two shapes are found and repaired, cell by cell:
//! - **UTF-8 read as a single-byte code page** (Mac OS Roman or Windows-1252): `c√≥mo` for
//!   `cómo`, `¬øQu√©` for `¿Qué`, `Ã©` for `é`, `â€™` for `’`. A run of characters whose
//!   code-page bytes form one valid multi-byte UTF-8 sequence is replaced by the character that
//!   sequence encodes. Such runs do not occur in correct text.
//! - **Windows-1252 read as Mac OS Roman**: `øQuÈ` for `¿Qué`, `est·` for `está`, `aÒos` for
//!   `años`. Single characters, so the evidence must be stronger: at least two of the telltale
//!   characters inside words, and none of the correctly encoded accented letters they stand
//!   for. Only those telltale characters are mapped back.
//!
//! Why: a Spanish comment with `c√≥mo` neither reads nor searches as `cómo`; keeping it
//! silently would put garbage in quotes. Each repair is reported (what was found, how many
//! characters) so that the document says what was changed.
//!
//! ```text
//! "Queda por ver c√≥mo se consigue"  → "Queda por ver cómo se consigue" (utf-8 read as Mac OS Roman, 1)
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Mac OS Roman, bytes 0x80..=0xFF.
const MAC_ROMAN: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', // 0x80
    'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', // 0x90
    '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', // 0xA0
    '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', // 0xB0
    '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ',
    'œ', // 0xC0
    '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ', // 0xD0
    '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', // 0xE0
    '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛',
    'ˇ', // 0xF0
];

/// Mac OS Roman characters → bytes.
static MAC_ROMAN_BYTES: LazyLock<HashMap<char, u8>> = LazyLock::new(|| {
    MAC_ROMAN
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| u8::try_from(i + 0x80).ok().map(|b| (c, b)))
        .collect()
});

/// The Mac OS Roman byte of a character, for characters above ASCII.
fn mac_roman_byte(c: char) -> Option<u8> {
    MAC_ROMAN_BYTES.get(&c).copied()
}

/// Whether a character can stand for a UTF-8 lead byte in Mac OS Roman or Windows-1252: the
/// only characters a UTF-8 mojibake run starts with.
fn lead_like(c: char) -> bool {
    let u = u32::from(c);
    (0xC2..=0xF4).contains(&u) || mac_roman_byte(c).is_some_and(|b| (0xC2..=0xF4).contains(&b))
}

/// The Windows-1252 byte of a character, for characters above ASCII.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    let u = u32::from(c);
    if (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    HIGH.iter()
        .position(|&h| h == c)
        .and_then(|i| u8::try_from(i + 0x80).ok())
}

/// What was found in a text and repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    /// "utf-8 read as Mac OS Roman", "utf-8 read as Windows-1252", "windows-1252 read as Mac
    /// OS Roman".
    pub kind: &'static str,
    /// How many characters (or sequences) were replaced.
    pub repaired: usize,
}

/// Tries to read a UTF-8 sequence from the code-page bytes of `chars[i..]`.
fn sequence_at(chars: &[char], i: usize, byte: fn(char) -> Option<u8>) -> Option<(char, usize)> {
    let lead = byte(*chars.get(i)?)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    for k in 1..=need {
        let b = byte(*chars.get(i + k)?)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        bytes.push(b);
    }
    let s = std::str::from_utf8(&bytes).ok()?;
    let c = s.chars().next()?;
    plausible(c).then_some((c, need + 1))
}

/// A character the repaired text plausibly holds: Latin letters and signs, Greek, Cyrillic,
/// punctuation and symbols, CJK and Hangul. A wrong guess lands elsewhere (combining marks,
/// controls, private use, or Arabic letters from `Û†`), so those are refused — at the price of
/// leaving real Arabic or Hebrew mojibake unrepaired.
fn plausible(c: char) -> bool {
    let u = u32::from(c);
    let ranges: &[(u32, u32)] = &[
        (0xA1, 0x24F),
        (0x370, 0x3FF),
        (0x400, 0x4FF),
        (0x2010, 0x205F),
        (0x20A0, 0x20CF),
        (0x2100, 0x214F),
        (0x3000, 0x30FF),
        (0x3400, 0x9FFF),
        (0xAC00, 0xD7AF),
        (0xFF00, 0xFFEF),
    ];
    ranges.iter().any(|&(a, b)| (a..=b).contains(&u))
}

/// Repairs UTF-8 read as Mac OS Roman or as Windows-1252.
fn repair_utf8(s: &str) -> Option<(String, Finding)> {
    if s.is_ascii() || !s.chars().any(lead_like) {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut best: Option<(String, Finding)> = None;
    for (kind, byte) in [
        (
            "utf-8 read as Mac OS Roman",
            mac_roman_byte as fn(char) -> Option<u8>,
        ),
        ("utf-8 read as Windows-1252", cp1252_byte),
    ] {
        let mut out = String::with_capacity(s.len());
        let mut repaired = 0;
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii()
                && let Some((c, len)) = sequence_at(&chars, i, byte)
            {
                out.push(c);
                repaired += 1;
                i += len;
                continue;
            }
            out.push(chars[i]);
            i += 1;
        }
        if repaired > best.as_ref().map_or(0, |(_, f)| f.repaired) {
            best = Some((out, Finding { kind, repaired }));
        }
    }
    best
}

/// Telltales of Windows-1252 read as Mac OS Roman, with the letter each stands for.
const TELLTALES: &[(char, char)] = &[
    ('·', 'á'),
    ('È', 'é'),
    ('Ì', 'í'),
    ('Û', 'ó'),
    ('˙', 'ú'),
    ('Ò', 'ñ'),
    ('ø', '¿'),
    ('°', '¡'),
    ('¸', 'ü'),
    ('†', '\u{a0}'),
];

/// How much evidence a text holds of Windows-1252 read as Mac OS Roman: telltales inside
/// words, and whether correctly encoded accented letters are there too.
fn cp1252_evidence(s: &str) -> (usize, bool) {
    if !s.chars().any(|c| TELLTALES.iter().any(|(t, _)| *t == c)) {
        let proper = s
            .chars()
            .any(|c| matches!(c, 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ñ'));
        return (0, proper);
    }
    let chars: Vec<char> = s.chars().collect();
    let letter = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_ascii_alphabetic())
    };
    let upper_next = |i: usize| chars.get(i + 1).is_some_and(|c| c.is_uppercase());
    let inside_words = (0..chars.len())
        .filter(|&i| {
            (TELLTALES[..6].iter().any(|(t, _)| *t == chars[i])
                && (letter(i.checked_sub(1)) || letter(Some(i + 1))))
                // "øPor qué", "°Hola": an opening mark before a capital.
                || (matches!(chars[i], 'ø' | '°') && upper_next(i))
        })
        .count();
    let proper = chars
        .iter()
        .any(|c| matches!(c, 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ñ'));
    (inside_words, proper)
}

/// Whether a whole file's texts are Windows-1252 read as Mac OS Roman: several texts show
/// it strongly and hardly any holds correctly encoded accented letters. Then one telltale in a
/// text is enough to repair it.
pub(crate) fn file_is_cp1252_as_mac_roman<'a>(texts: impl Iterator<Item = &'a str>) -> bool {
    let (mut strong, mut proper) = (0usize, 0usize);
    for t in texts {
        if t.is_ascii() {
            continue;
        }
        let (n, p) = cp1252_evidence(t);
        if p {
            proper += 1;
        } else if n >= 2 {
            strong += 1;
        }
    }
    strong >= 3 && proper * 20 <= strong
}

/// Repairs Windows-1252 read as Mac OS Roman, when the evidence is strong (or the file's is).
fn repair_cp1252(s: &str, file_level: bool) -> Option<(String, Finding)> {
    let (inside_words, proper) = cp1252_evidence(s);
    let needed = if file_level { 1 } else { 2 };
    if inside_words < needed || proper {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut repaired = 0;
    let out = chars
        .iter()
        .map(|&c| match TELLTALES.iter().find(|(t, _)| *t == c) {
            Some(&(_, r)) => {
                repaired += 1;
                r
            }
            None => c,
        })
        .collect();
    Some((
        out,
        Finding {
            kind: "windows-1252 read as Mac OS Roman",
            repaired,
        },
    ))
}

/// The text with mojibake repaired, and what was found; the text unchanged and `None` when
/// there is none.
#[cfg(test)]
pub(crate) fn repair(s: &str) -> (Cow<'_, str>, Option<Finding>) {
    repair_in(s, false)
}

/// [`repair`] inside a file whose texts are known to be Windows-1252 read as Mac OS Roman
/// (`file_level`, see [`file_is_cp1252_as_mac_roman`]).
pub(crate) fn repair_in(s: &str, file_level: bool) -> (Cow<'_, str>, Option<Finding>) {
    // In a file known to be Windows-1252 read as Mac OS Roman, that explains its texts best.
    if file_level && let Some((t, f)) = repair_cp1252(s, true) {
        return (Cow::Owned(t), Some(f));
    }
    if let Some((t, f)) = repair_utf8(s) {
        return (Cow::Owned(t), Some(f));
    }
    if let Some((t, f)) = repair_cp1252(s, file_level) {
        return (Cow::Owned(t), Some(f));
    }
    (Cow::Borrowed(s), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decide_madrid_comments_utf8_as_mac_roman() {
        let (t, f) = repair("Queda por ver c√≥mo se consigue y qu√© tal se desenvuelve");
        assert_eq!(t, "Queda por ver cómo se consigue y qué tal se desenvuelve");
        assert_eq!(
            f.map(|f| (f.kind, f.repaired)),
            Some(("utf-8 read as Mac OS Roman", 2))
        );
        let (t, _) = repair("¬øQu√© canales alternativos propondr√≠as?");
        assert_eq!(t, "¿Qué canales alternativos propondrías?");
    }

    #[test]
    fn utf8_as_windows_1252() {
        let (t, f) = repair("CafÃ© and the minister’s â€œreformâ€\u{9d}");
        assert_eq!(t, "Café and the minister’s “reform”");
        assert_eq!(f.map(|f| f.kind), Some("utf-8 read as Windows-1252"));
    }

    #[test]
    fn decide_madrid_debates_cp1252_as_mac_roman() {
        let (t, f) = repair("øQuÈ os parece? Ya sÈ que el distrito est· m·s sucio, muchos aÒos");
        assert_eq!(
            t,
            "¿Qué os parece? Ya sé que el distrito está más sucio, muchos años"
        );
        assert_eq!(f.map(|f| f.kind), Some("windows-1252 read as Mac OS Roman"));
    }

    #[test]
    fn file_level_evidence_repairs_single_telltales() {
        let texts = [
            "Ya sÈ que est· m·s sucio",
            "muchos aÒos de abandono crean malos h·bitos",
            "la externalizaciÛn de los servicios no es algo nuevo",
            "øQuÈ os parece este nuevo espacio?",
            "esperamos que os sea ˙til",
        ];
        assert!(file_is_cp1252_as_mac_roman(texts.iter().copied()));
        assert_eq!(repair("esperamos que os sea ˙til").1, None);
        assert_eq!(
            repair_in("esperamos que os sea ˙til", true).0,
            "esperamos que os sea útil"
        );
        assert!(!file_is_cp1252_as_mac_roman(
            ["Está bien", "Qué tal", "sÈ est·"].into_iter()
        ));
    }

    #[test]
    fn correct_text_is_left_alone() {
        for s in [
            "¿Qué canales alternativos propondrías? Está bien.",
            "Élan vital — “quoted” · middle dot",
            "唐鳳：大家好",
            "Plain ASCII text.",
            "Température 20°C, 5 €",
        ] {
            let (t, f) = repair(s);
            assert_eq!((t.as_ref(), f), (s, None), "{s}");
        }
    }
}
