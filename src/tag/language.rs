//! Language: which language a document is written in, from its own words, offline.
//!
//! What: the script decides first — Chinese characters (`zh`, or `ja` when kana make up a
//! fifth of them), Hangul (`ko`), Cyrillic (`ru`), Greek (`el`), Arabic (`ar`), Tamil (`ta`),
//! Devanagari (`hi`), Thai (`th`) — counting a Chinese character or kana as one word and any
//! other run of letters as one word, so a Chinese transcript quoting English names stays
//! Chinese. Latin-script text is matched against stopword profiles of English, Spanish,
//! French, German, Portuguese, Italian, Dutch, Swedish, Danish, Norwegian and Finnish: each
//! word found in k profiles adds 1/k to each of them, and the best profile wins when it has
//! at least [`MIN_EVIDENCE`] and leads the runner-up by a quarter (by a tenth in a long text,
//! where a bilingual submission goes to the language most of it is in). Otherwise the
//! language is undetermined (`None`). At most [`MAX_WORDS`] words are read.
//!
//! Why: the taxonomy and the recommendation cues are English; a Spanish comment tagged with
//! English themes is worse than an untagged one, and an index that stems Spanish text with
//! the English stemmer cannot find "participación" from "participaciones". The document's
//! language decides both (see [`super::Tagger::tag_as`] and the index's per-language fields).
//!
//! Example: "Estoy de acuerdo con la propuesta, pero hay que mejorar el transporte" is `es`;
//! "唐鳳：我們今天討論 vTaiwan 的流程" is `zh`; "Participation." is undetermined.
//!
//! ```
//! use rapporteur::tag::language::detect;
//! assert_eq!(detect("Estoy de acuerdo con la propuesta, pero hay que mejorar el transporte"), Some("es"));
//! assert_eq!(detect("We should build trust among all the stakeholders of the process."), Some("en"));
//! assert_eq!(detect("唐鳳：我們今天討論 vTaiwan 的流程"), Some("zh"));
//! assert_eq!(detect("Participation."), None);
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::analysis::{FxBuild, lower_into, token_spans};

/// The code recorded for a document whose language could not be told (ISO 639-2).
pub const UNDETERMINED: &str = "und";
/// Words read at most, per text or document.
pub const MAX_WORDS: usize = 5_000;
/// Stopword evidence the winning profile needs (a sum of 1/k weights).
pub const MIN_EVIDENCE: f64 = 1.5;

/// Stopword profiles of the Latin-script languages told apart, most frequent words first.
const PROFILES: &[(&str, &str)] = &[
    (
        "en",
        "the and of to in is that for it with as on be are this by not or have from an at which \
         we they their was will can has been would should there more but all also these its our \
         you what how who does about into than other such he she them were had could must",
    ),
    (
        "es",
        "el la los las de del que y a en un una por con para es se no lo al como más pero sus su \
         le ya o este esta son ha hay muy sin sobre también entre cuando todo todos nos ser está \
         están porque qué desde donde hacer puede ni eso esto así bien",
    ),
    (
        "fr",
        "le la les de des du et en un une est que qui dans pour pas sur au aux par plus ne se \
         ce cette avec sont nous vous il elle ils ou mais leur être été comme tout aussi ont \
         peut fait très sans entre",
    ),
    (
        "de",
        "der die das und ist nicht zu den von mit sich des auf für im dem ein eine einer es \
         auch als an werden aus er hat dass sie nach wird bei um noch wie über so zum zur kann \
         sind oder aber wir ich",
    ),
    (
        "pt",
        "o a os as de do da dos das que e em um uma para com não por mais se no na nos nas ao \
         como é são foi ser ou mas seu sua também pelo pela isso este esta muito já quando entre",
    ),
    (
        "it",
        "il lo la gli le di del della dei delle che e è in un una per con non si da al alla \
         sono come più ma anche questo questa nel nella ha essere perché tra se ci loro molto",
    ),
    (
        "nl",
        "de het een en van in is dat op te zijn voor met niet die er aan ook als bij door maar \
         om naar dan wordt worden kan wij we ze hij uit nog over meer deze dit tot",
    ),
    (
        "sv",
        "och att det som en på är av för med till den har de inte om ett men var jag vi så kan \
         från eller när också sig detta ska",
    ),
    (
        "da",
        "og at det som en på er af for med til den har de ikke om et men var jeg vi så kan fra \
         eller når også sig dette skal",
    ),
    (
        "no",
        "og å det som en på er av for med til den har de ikke om et men var jeg vi så kan fra \
         eller når også seg dette skal",
    ),
    (
        "fi",
        "ja on ei että se oli ovat mutta kun tai joka myös hän niin kuin sen ole olla jos vain \
         sekä tämä ne mitä kanssa",
    ),
];

/// Each stopword with the profiles (indices into [`PROFILES`]) that list it.
static STOPWORDS: LazyLock<HashMap<&'static str, Vec<usize>, FxBuild>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<usize>, FxBuild> = HashMap::default();
    for (i, (_, words)) in PROFILES.iter().enumerate() {
        for w in words.split_whitespace() {
            let langs = map.entry(w).or_default();
            if !langs.contains(&i) {
                langs.push(i);
            }
        }
    }
    map
});

/// The scripts told apart by their letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Han,
    Kana,
    Hangul,
    Cyrillic,
    Greek,
    Arabic,
    Tamil,
    Devanagari,
    Thai,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => Script::Kana,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' => Script::Han,
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => {
            Script::Hangul
        }
        '\u{400}'..='\u{52F}' => Script::Cyrillic,
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' => Script::Arabic,
        '\u{B80}'..='\u{BFF}' => Script::Tamil,
        '\u{900}'..='\u{97F}' => Script::Devanagari,
        '\u{E00}'..='\u{E7F}' => Script::Thai,
        _ => Script::Other,
    }
}

/// Running evidence: words per script and stopword weight per profile.
#[derive(Default)]
struct Evidence {
    words: usize,
    scripts: [usize; 11],
    profiles: [f64; PROFILES.len()],
}

impl Evidence {
    fn add(&mut self, text: &str) {
        let mut lower = String::new();
        for (start, end) in token_spans(text) {
            if self.words >= MAX_WORDS {
                return;
            }
            lower_into(&text[start..end], &mut lower);
            let Some(first) = lower.chars().find(|c| c.is_alphabetic()) else {
                continue; // numbers
            };
            self.words += 1;
            self.scripts[script(first) as usize] += 1;
            if let Some(langs) = STOPWORDS.get(lower.as_str()) {
                let w = 1.0 / langs.len() as f64;
                for &i in langs {
                    self.profiles[i] += w;
                }
            }
        }
    }

    fn language(&self) -> Option<&'static str> {
        let count = |s: Script| self.scripts[s as usize];
        let cjk = count(Script::Han) + count(Script::Kana);
        let candidates = [
            (
                cjk,
                if count(Script::Kana) * 5 >= cjk {
                    "ja"
                } else {
                    "zh"
                },
            ),
            (count(Script::Hangul), "ko"),
            (count(Script::Cyrillic), "ru"),
            (count(Script::Greek), "el"),
            (count(Script::Arabic), "ar"),
            (count(Script::Tamil), "ta"),
            (count(Script::Devanagari), "hi"),
            (count(Script::Thai), "th"),
        ];
        let latin = count(Script::Latin);
        let (n, code) = candidates
            .into_iter()
            .fold((0, ""), |best, c| if c.0 > best.0 { c } else { best });
        if n > latin && n >= 2 {
            return Some(code);
        }
        if latin == 0 {
            return None;
        }
        let mut ranked: Vec<(f64, usize)> = self
            .profiles
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, i))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let (best, i) = ranked[0];
        let second = ranked[1].0;
        // A long bilingual document goes to the language most of it is in.
        let margin = if best >= 50.0 { 1.1 } else { 1.25 };
        (best >= MIN_EVIDENCE && best >= second * margin).then(|| PROFILES[i].0)
    }
}

/// True when `word` (lowercased) is among the most frequent function words of the language
/// with code `code` (one of the stopword profiles; false for any other code).
pub fn is_stopword(code: &str, word: &str) -> bool {
    let Some(i) = PROFILES.iter().position(|(c, _)| *c == code) else {
        return false;
    };
    STOPWORDS.get(word).is_some_and(|langs| langs.contains(&i))
}

/// The language of `text`: an ISO 639-1 code, or `None` when it cannot be told.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut e = Evidence::default();
    e.add(text);
    e.language()
}

/// The language of a document from the texts of its passages, in order (the same answer
/// wherever the passages are: the pipeline and the index agree).
pub fn detect_passages<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let mut e = Evidence::default();
    for t in texts {
        if e.words >= MAX_WORDS {
            break;
        }
        e.add(t);
    }
    e.language()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_languages_of_the_profiles() {
        for (text, code) in [
            (
                "The Stanley Foundation has embarked on exploring cooperative multistakeholder action.",
                "en",
            ),
            (
                "Hay que mejorar la participación de los ciudadanos en las decisiones del Ayuntamiento.",
                "es",
            ),
            (
                "Il faut renforcer la participation de la société civile dans les processus de décision.",
                "fr",
            ),
            (
                "Die Zivilgesellschaft muss an den Entscheidungen des Staates beteiligt werden, und das ist nicht einfach.",
                "de",
            ),
            (
                "A sociedade civil deve participar das decisões do governo, e isso não é fácil.",
                "pt",
            ),
            (
                "La società civile deve partecipare alle decisioni del governo, e questo non è facile.",
                "it",
            ),
            (
                "Het maatschappelijk middenveld moet deelnemen aan de besluiten van de regering, maar dat is niet eenvoudig.",
                "nl",
            ),
            (
                "Det civila samhället måste delta i besluten och det är inte lätt att göra så.",
                "sv",
            ),
            (
                "Kansalaisyhteiskunnan on osallistuttava päätöksiin, mutta se ei ole helppoa ja kun se on vaikeaa.",
                "fi",
            ),
            (
                "Гражданское общество должно участвовать в принятии решений.",
                "ru",
            ),
            ("我們今天討論 vTaiwan 的流程，Audrey Tang 也在。", "zh"),
            ("市民参加のためのプラットフォームについて話しました。", "ja"),
            ("시민 참여 플랫폼에 대해 이야기했습니다.", "ko"),
        ] {
            assert_eq!(detect(text), Some(code), "{text}");
        }
    }

    #[test]
    fn short_or_wordless_texts_are_undetermined() {
        for text in ["", "Participation.", "2016 — 3.5%", "IGF MAG WSIS", "?!"] {
            assert_eq!(detect(text), None, "{text:?}");
        }
    }

    #[test]
    fn mojibake_spanish_is_still_spanish() {
        // Decide Madrid exports carry mojibake: "c√≥mo" for "cómo".
        let text = "No s√© c√≥mo se puede permitir que el Ayuntamiento no haga nada con los coches en la calle.";
        assert_eq!(detect(text), Some("es"));
    }

    #[test]
    fn passages_are_read_up_to_the_cap_in_order() {
        let english = "We think that the process should be open to all of the stakeholders. ";
        let spanish = "Creemos que el proceso debe estar abierto a todos los actores. ";
        let mut texts = vec![english; MAX_WORDS / 10];
        texts.extend(vec![spanish; MAX_WORDS]);
        assert_eq!(detect_passages(texts.iter().copied()), Some("en"));
        assert_eq!(
            detect_passages(["Madrid Río", spanish, spanish]),
            Some("es")
        );
    }
}
