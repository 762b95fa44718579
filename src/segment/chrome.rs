//! Page chrome: lines that belong to the page, not to the contribution — tables of contents,
//! site banners, wiki footers ("Page history last edited…", "Comments (0)", permission lines),
//! running page headers ("Page 12"), address and copyright blocks. Chrome never becomes a
//! passage.
//!
//! ```
//! use rapporteur::segment::chrome::is_chrome_line;
//! assert!(is_chrome_line("Overview of the CMA e-Consultation.....\t4"));
//! assert!(is_chrome_line("Comments (0)"));
//! assert!(!is_chrome_line("Participation is a major issue. (Andy Orsmond)"));
//! ```

use std::sync::LazyLock;

use regex::Regex;

static CHROME: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // Table-of-contents entries: dot leaders or a TAB before a page number.
        r"(?:\.{3,}|\t)\s*\d{1,4}\s*$",
        // Wiki footers and headers.
        r"^Page history last edited by\b",
        r"^Comments \(\d+\)$",
        r"^You don['’]t have permission to (?:comment|view|edit)",
        r"^(?:Log ?in|Sign ?in|Sign up|Skip to (?:main )?content)\b.{0,40}$",
        // Horizontal rules between sections of Markdown notes.
        r"^(?:-{3,}|\*{3,}|_{3,}|={3,})$",
        // Running page headers and footers.
        r"^(?:Page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
        r"^\d{1,4}\s*/\s*\d{1,4}$",
        // Copyright and address blocks.
        r"^(?:Copyright\s*)?©",
        r"^Copyright\s+(?:\(c\)\s*)?\d{4}",
        r"(?i)\ball rights reserved\b",
        r"\bTel(?:ephone)?\s*[:.]\s*\+?\(?\d",
        r"^(?:Fax|E-?mail)\s*:",
        r"\b[A-Z][a-z]+(?:laan|straat|weg|strasse|straße)\s+\d+\b",
        // Service banners.
        r"(?i)\byou may not use this service\b",
        r"(?i)\b(?:this site|we) uses? cookies\b",
        r"(?i)\bcheck it out today!?$",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("chrome patterns are valid"))
    .collect()
});

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Avenue|Street|Road|Boulevard|Blvd|Lane|Plaza)\b",
    )
    .expect("valid")
});

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://\S+|www\.\S+").expect("valid"));

/// Whether a (trimmed) line is page chrome.
pub fn is_chrome_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    if CHROME.iter().any(|re| re.is_match(line)) {
        return true;
    }
    if ADDRESS.is_match(line) && !line.ends_with('.') {
        return true;
    }
    is_link_line(line)
}

/// A line that is mostly links with a short label and no sentence: a masthead or contact line
/// ("Commission on Global Security, Justice & Governance https://twitter.com/BetterGlobalGov").
fn is_link_line(line: &str) -> bool {
    if !URL.is_match(line) || line.ends_with('.') {
        return false;
    }
    let rest = URL.replace_all(line, "");
    let words = rest.split_whitespace().count();
    words <= 12 && !rest.contains(". ")
}

/// The index of the first line of page content when the page opens with a site banner: wiki
/// pages put banners above the page title, and the title above "Page history last edited by…".
/// Lines before the returned index are chrome.
pub fn banner_end(lines: &[&str]) -> usize {
    let Some(history) = lines
        .iter()
        .take(60)
        .position(|l| l.trim_start().starts_with("Page history last edited by"))
    else {
        return 0;
    };
    lines[..history]
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_chrome_lines_of_the_seeds() {
        for line in [
            "Executive Summary\t2",
            "Conclusion: The Future of Cooperative Multistakeholder Action in Global Governance...\t19",
            "Page history last edited by Mary Murphy 9 years, 3 months ago",
            "You don't have permission to comment on this page.",
            "Copyright © 2017 The Hague Institute for Global Justice and the Stimson Center",
            "Tel: +1-202-223-5956 http://www.stimson.org http://twitter.com/StimsonCenter",
            "The Stimson Center 1211 Connecticut Avenue, N.W., 8th Floor Washington, DC 20036 United States",
            "The Hague Institute for Global Justice Sophialaan 10 2514 JR The Hague The Netherlands",
            "Commission on Global Security, Justice & Governance https://twitter.com/BetterGlobalGov",
            "Page 12",
            "-----",
        ] {
            assert!(is_chrome_line(line), "should be chrome: {line}");
        }
    }

    #[test]
    fn content_is_not_chrome() {
        for line in [
            "Lessons learned:",
            "Participation is a major issue. (Andy Orsmond)",
            "This report is based on the original version of the pad at http://igcaucus.org:9001/p/bb-ms, which may have changed since then.",
            "Michele Woods, Director, Copyright Law Division, WIPO",
            "Finally, to access the publication, please visit: <http://www.preventiveaction.org/>).",
            "In 1992, the Vietnam Veterans of America Foundation and Medico International established the campaign.",
        ] {
            assert!(!is_chrome_line(line), "should not be chrome: {line}");
        }
    }

    #[test]
    fn wiki_banner_ends_at_the_title() {
        let lines = [
            "  • You already know Dokkio …",
            "",
            "Lessons learned from other multistakeholder processes",
            "",
            "Page history last edited by Mary Murphy 9 years, 3 months ago",
        ];
        assert_eq!(banner_end(&lines), 2);
        assert_eq!(banner_end(&["Just text", "More text"]), 0);
    }
}
