//! Beyond the taxonomy: key phrases frequent in a corpus that no theme covers.
//!
//! What: every passage is cut into runs of content words — broken at stopwords, numbers,
//! one-letter words and clause punctuation, and at any word a theme or group cue of the
//! taxonomy matched there (so "capacity building" is covered, and so is "trust" but not "trust
//! fund", which the taxonomy excludes) — and every run's phrases of one to `max_words` words
//! are counted by their stems (the document's language's stemmer), once per passage. Phrases in
//! at least `min_passages` passages are kept; a phrase is dropped when a longer one containing
//! it occurs in at least three quarters of its passages ("open weight" gives way to "open
//! weight models"), and a single word when it is too general to mean anything alone ("global",
//! "policy"; inside a phrase it is fine) or so common that it is in more than one passage in
//! twenty of its language. The rest are ranked by passages × words², then by
//! phrase; each is shown in its most frequent written form, with its counts and two example
//! sentences (the first passage it occurs in, and the first from another document, else the
//! second passage; a heading only when there is no other), each an exact span of its
//! document. Text in scripts written without spaces
//! (Chinese, Japanese, Korean, Thai) has no word boundaries to cut phrases at and is left out.
//!
//! Why: a taxonomy is written before the consultation; what participants actually talked
//! about shows up as frequent phrases the taxonomy does not know. Counts and examples let the
//! rapporteur decide in a minute whether a phrase deserves a theme.
//!
//! ```
//! use std::collections::BTreeMap;
//! use rapporteur::model::{Document, Passage, PassageKind};
//! use rapporteur::tag::{Tagger, Taxonomy, suggest::{SuggestOptions, suggest}};
//!
//! let text = "Open weight models carry risks.\nOpen weight models help startups.\nWe trust open weight models.";
//! let doc = Document {
//!     id: "d".into(), path: "d.txt".into(), path_raw: None, format: "text".into(), title: None,
//!     kind: "notes".into(), text: text.into(), meta: BTreeMap::new(),
//!     warnings: Vec::new(), authors: Vec::new(), blocks: Vec::new(),
//! };
//! let mut passages = Vec::new();
//! let mut start = 0;
//! for (n, line) in text.split('\n').enumerate() {
//!     passages.push(Passage::new(&doc, n + 1, PassageKind::Paragraph, start, start + line.len()));
//!     start += line.len() + 1;
//! }
//! let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("built-in taxonomy"));
//! let found = suggest(&passages, &tagger, &SuggestOptions::default());
//! assert_eq!(found[0].phrase, "Open weight models");
//! assert_eq!(found[0].passages, 3);
//! assert_eq!(found[0].examples[0].text, "Open weight models carry risks.");
//! assert_eq!(found[0].examples[0].text, text[found[0].examples[0].start..found[0].examples[0].end]);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::language::{self, detect_passages};
use super::matcher::Analyzed;
use super::{Tagger, sentence_list};
use crate::analysis::{Lang, stem_in, tokens};
use crate::model::Passage;

/// How many suggestions, and how frequent they must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestOptions {
    /// At most this many suggestions.
    pub limit: usize,
    /// A phrase must occur in at least this many passages.
    pub min_passages: usize,
    /// Phrases have at most this many words.
    pub max_words: usize,
}

impl Default for SuggestOptions {
    fn default() -> SuggestOptions {
        SuggestOptions {
            limit: 30,
            min_passages: 3,
            max_words: 3,
        }
    }
}

/// A frequent key phrase no theme covers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    /// Its most frequent written form.
    pub phrase: String,
    /// Its stems, joined by spaces: what a taxonomy `phrases` entry would be stemmed to.
    pub stems: String,
    /// The language of the documents it was counted in (`und` when undetermined).
    pub language: String,
    pub words: usize,
    /// Passages it occurs in.
    pub passages: usize,
    /// Documents it occurs in.
    pub docs: usize,
    /// Occurrences in all.
    pub occurrences: usize,
    /// Two example sentences (one when it occurs in a single passage).
    pub examples: Vec<Example>,
}

/// A sentence (or, in a very long sentence, the words around the phrase) that uses a phrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Example {
    pub passage: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    /// Exactly the document's text between `start` and `end`.
    pub text: String,
}

/// English words too common or too vague to be key phrases on their own or at a phrase's
/// edge, beyond the function words of the language profiles.
const ENGLISH_STOP: &str = "a about above according across actually after again against ago \
    all almost along already also although always am among an and another any anyone anything \
    are aren around as ask asked at away back based be became because become becomes been \
    before behind being below best better between beyond both bring brought but by came can \
    cannot case cases certain certainly clear clearly come comes could did didn different do \
    does doesn doing don done down due during each early either else end enough especially \
    etc even ever every example examples fact far few find first following for found four \
    from further get gets getting give given go goes going gone good got great had has hasn \
    have having he her here hers herself high him himself his how however i if important in \
    include included includes including indeed instead into is isn issue issues it its itself \
    just keep key kind kinds know known large last later least less let like likely little \
    long lot lots made main make makes making many may maybe me mean means might mine more \
    most mostly much must my myself need needed needs never new next no none nor not nothing \
    now number of off often okay ok on once one ones only onto or other others otherwise our \
    ours ourselves out over own part particular particularly per perhaps place point points \
    possible put quite rather really right said same say says second see seem seems seen \
    several shall she should show shown since so some something sometimes soon still such \
    sure take taken takes than that the their theirs them themselves then there therefore \
    these they thing things think third this those though three through thus time times to \
    today together too took toward towards two under until up upon us use used uses using \
    very via want was wasn way ways we well were weren what whatever when where whether which \
    while who whole whom whose why will with within without won would yes yet you your yours \
    yourself uh um yeah hmm mm okay alright gonna wanna";

/// English words too general to suggest on their own, though fine inside a phrase ("global"
/// alone says nothing, "global governance" does).
const GENERIC: &str = "able access action actions activities actors address approach area areas \
    aspects based basis best broad change changes common community concerns context countries \
    country current data decision decisions development different discussion discussions \
    document documents effective efforts ensure example existing experience field form forms \
    framework future general global group groups help high ideas impact include including \
    increase individual individuals information initiative initiatives institutions interest \
    interests international issue issues key level levels local main meeting meetings model \
    models national need needs new number open order organization organizations organisation \
    organisations part participants particular people place point policies policy positive \
    possible practice practices principles problem problems process processes provide public \
    question questions range regional related relevant report research respect response \
    responsibilities responsibility result results role roles section sector sectors service \
    services set share similar social society specific stakeholder stakeholders state states \
    support system systems term terms topic topics type types understanding use value various \
    view views way ways work working world year years achieve agree aim allow believe become \
    consider continue create develop enable establish give improve involve involved maintain \
    make note promote propose proposed recognize remain require seek suggest take";

/// Function words and everyday verbs of the other languages told apart, beyond the detector's
/// profiles (which only hold the most frequent words).
const OTHER_STOP: &[(&str, &str)] = &[
    (
        "es",
        "a al algo algunos algunas alguien ante antes aquí así aun aunque bien cada casi como \
         con contra cual cuales cuando de del desde donde dos durante e el ella ellas ellos en \
         entonces entre era eran es esa esas ese eso esos esta estaba estado estamos están estar \
         este esto estos fue fueron ha haber había habría han hace hacen hacer hacia hago hasta \
         hay he hecho la las le les lo los más me mejor menos mi mis mismo misma mucha muchas \
         mucho muchos muy nada ni no nos nosotros nuestra nuestro o otra otras otro otros para \
         parece pero poco poder podría pues puede pueden puedo que qué quien quiere se sea sean \
         según ser si sí sido siempre sin sino sobre solo sólo son su sus también tan tanto te \
         tener tenemos tengo tiene tienen toda todas todo todos tu tus un una uno unos usted \
         vez y ya yo creo debe deben debería deberían dejar dice dicen ir va van ver vamos sé \
         cosa cosas gran grande hoy mal manera parte pasa paso tipo vía caso casos gracias hola \
         saludo saludos buena bueno buenas buenos mas pueda puedan deja dejan año años crear \
         ahora haciendo hacerlo tenga tengan sería serían estaría además aquí allí luego",
    ),
    (
        "fr",
        "à au aux avec ce ces cette comme dans de des du elle en est et être il ils je la le les \
         leur mais ne nous on ou où par pas pour qu que qui sa se ses son sur un une vous y été \
         avoir fait faire peut plus sont très tout tous aussi bien encore entre",
    ),
    (
        "de",
        "aber als am an auch auf aus bei bin bis da das dass dem den der des die dies diese doch \
         du durch ein eine einem einen einer es für hat haben ich ihr im in ist ja kann kein \
         keine man mehr mit muss nach nicht noch nur oder sehr sich sie sind so soll sollte um \
         und uns unter viel vom von vor war was wenn werden wie wir wird wo zu zum zur schon \
         gibt geht immer ganz gut müssen können",
    ),
    (
        "pt",
        "a ao aos as com como da das de do dos e ela ele em entre é está estão foi isso mais mas \
         muito na nas não no nos o os ou para pela pelo por que se ser seu sua são também tem \
         um uma já pode podem",
    ),
    (
        "it",
        "a al alla anche che ci come con da dei del della di e è gli ha il in la le lo ma non \
         per più se si sono su un una questo questa essere molto",
    ),
];
/// Above this share of its language's passages (given enough of them), a single word is part
/// of how everybody writes, not a key phrase.
const MAX_WORD_SHARE: f64 = 0.05;
/// Passages of a language needed before [`MAX_WORD_SHARE`] applies.
const SHARE_MIN_PASSAGES: usize = 400;

/// Scripts without spaces between words: no phrases to cut.
const UNSPACED: [&str; 4] = ["zh", "ja", "ko", "th"];

/// Counts of one phrase over the corpus.
#[derive(Default)]
struct Count {
    passages: usize,
    docs: usize,
    occurrences: usize,
    last_passage: Option<usize>,
    last_doc: Option<usize>,
}

/// A phrase that passed the counts: its (stems, language) key and figures.
struct Candidate {
    key: (String, &'static str),
    words: usize,
    passages: usize,
    docs: usize,
    occurrences: usize,
}

/// The analysis shared by both passes.
struct Cutter<'t> {
    tagger: &'t Tagger,
    stop: BTreeSet<&'static str>,
    /// [`OTHER_STOP`], by language.
    other_stop: BTreeMap<&'static str, BTreeSet<&'static str>>,
    /// Stems of [`GENERIC`] words.
    generic: BTreeSet<String>,
    max_words: usize,
}

impl Cutter<'_> {
    fn is_stop(&self, lang: &str, word: &str) -> bool {
        word.chars().count() < 2
            || word.chars().any(|c| c.is_ascii_digit())
            || self.stop.contains(word)
            || language::is_stopword(lang, word)
            || self
                .other_stop
                .get(lang)
                .is_some_and(|words| words.contains(word))
    }

    /// The candidate phrases of `text` (a passage of a document in `lang`): their stem keys
    /// and byte ranges in `text`.
    fn occurrences(&self, text: &str, lang: &str) -> Vec<(String, usize, usize)> {
        let taxonomy_lang = self.tagger.taxonomy.language;
        let stemmer = Lang::from_code(lang).unwrap_or(taxonomy_lang);
        let toks: Vec<_> = tokens(text).collect();
        let mut covered = vec![false; toks.len()];
        if stemmer == taxonomy_lang {
            let a = Analyzed::new(text, taxonomy_lang);
            for h in self.tagger.matcher.find(&a) {
                for c in covered.iter_mut().take(h.end).skip(h.start) {
                    *c = true;
                }
            }
        }
        let joins = |i: usize| {
            text.get(toks[i].end..toks[i + 1].start).is_some_and(|gap| {
                gap.chars()
                    .all(|c| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '/'))
            })
        };
        let mut out = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        let flush = |run: &mut Vec<usize>, out: &mut Vec<(String, usize, usize)>| {
            for i in 0..run.len() {
                for n in 1..=self.max_words.min(run.len() - i) {
                    let words = &run[i..i + n];
                    let key = words
                        .iter()
                        .map(|&k| stem_in(stemmer, &toks[k].lower))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let (first, last) = (words[0], words[n - 1]);
                    out.push((key, toks[first].start, toks[last].end));
                }
            }
            run.clear();
        };
        for (i, t) in toks.iter().enumerate() {
            let breaks_before = run
                .last()
                .is_some_and(|&prev| prev + 1 != i || !joins(prev));
            if breaks_before {
                flush(&mut run, &mut out);
            }
            if covered[i] || self.is_stop(lang, &t.lower) {
                flush(&mut run, &mut out);
            } else {
                run.push(i);
            }
        }
        flush(&mut run, &mut out);
        out
    }
}

/// The frequent key phrases of `passages` (in corpus order) that the tagger's taxonomy does
/// not cover, best first.
pub fn suggest(passages: &[Passage], tagger: &Tagger, opts: &SuggestOptions) -> Vec<Suggestion> {
    // The language of each document, from its passages, as the pipeline and index tell it.
    let mut by_doc: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in passages {
        by_doc
            .entry(p.doc.as_str())
            .or_default()
            .push(p.text.as_str());
    }
    let doc_lang: BTreeMap<&str, &'static str> = by_doc
        .iter()
        .map(|(d, texts)| {
            let lang = detect_passages(texts.iter().copied()).unwrap_or(language::UNDETERMINED);
            (*d, lang)
        })
        .collect();
    let doc_index: BTreeMap<&str, usize> =
        by_doc.keys().enumerate().map(|(i, d)| (*d, i)).collect();
    let cutter = Cutter {
        tagger,
        stop: ENGLISH_STOP.split_whitespace().collect(),
        other_stop: OTHER_STOP
            .iter()
            .map(|(lang, words)| (*lang, words.split_whitespace().collect()))
            .collect(),
        generic: GENERIC
            .split_whitespace()
            .map(|w| stem_in(Lang::English, w))
            .collect(),
        max_words: opts.max_words.max(1),
    };
    let lang_of = |p: &Passage| -> &'static str {
        let lang = doc_lang
            .get(p.doc.as_str())
            .copied()
            .unwrap_or(language::UNDETERMINED);
        if lang == language::UNDETERMINED {
            tagger.taxonomy.language.code()
        } else {
            lang
        }
    };

    // Pass 1: passages, documents and occurrences per phrase.
    let mut counts: HashMap<(String, &'static str), Count> = HashMap::new();
    let mut per_language: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, p) in passages.iter().enumerate() {
        let lang = lang_of(p);
        if UNSPACED.contains(&lang) {
            continue;
        }
        *per_language.entry(lang).or_default() += 1;
        let d = doc_index.get(p.doc.as_str()).copied().unwrap_or(0);
        for (key, _, _) in cutter.occurrences(&p.text, lang) {
            let c = counts.entry((key, lang)).or_default();
            c.occurrences += 1;
            if c.last_passage != Some(i) {
                c.last_passage = Some(i);
                c.passages += 1;
            }
            if c.last_doc != Some(d) {
                c.last_doc = Some(d);
                c.docs += 1;
            }
        }
    }
    counts.retain(|_, c| c.passages >= opts.min_passages.max(1));

    // A phrase gives way to a longer one that covers most of its passages.
    let mut longest: HashMap<(String, &'static str), usize> = HashMap::new();
    for ((key, lang), c) in &counts {
        let words: Vec<&str> = key.split(' ').collect();
        for n in 1..words.len() {
            for i in 0..=words.len() - n {
                let part = (words[i..i + n].join(" "), *lang);
                let best = longest.entry(part).or_default();
                *best = (*best).max(c.passages);
            }
        }
    }
    let mut kept: Vec<Candidate> = counts
        .iter()
        .filter(|(k, c)| longest.get(*k).is_none_or(|&l| l * 4 < c.passages * 3))
        .map(|(k, c)| Candidate {
            key: k.clone(),
            words: k.0.split(' ').count(),
            passages: c.passages,
            docs: c.docs,
            occurrences: c.occurrences,
        })
        .collect();
    // Key phrases are mostly several words: passages × words².
    kept.retain(|c| {
        let total = per_language.get(c.key.1).copied().unwrap_or(0);
        let everywhere =
            total >= SHARE_MIN_PASSAGES && c.passages as f64 > total as f64 * MAX_WORD_SHARE;
        c.words > 1 || !(everywhere || c.key.1 == "en" && cutter.generic.contains(&c.key.0))
    });
    kept.sort_by(|a, b| {
        let score = |c: &Candidate| c.passages * c.words * c.words;
        score(b).cmp(&score(a)).then_with(|| a.key.cmp(&b.key))
    });
    kept.truncate(opts.limit);
    let wanted: HashMap<(String, &'static str), usize> = kept
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.clone(), i))
        .collect();

    // Pass 2: written forms and examples of the kept phrases.
    let mut forms: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); kept.len()];
    let mut examples: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); kept.len()];
    // A title is a poor example: used only when the phrase is in too few other passages.
    let mut heading_examples: Vec<Option<(usize, usize, usize)>> = vec![None; kept.len()];
    for (i, p) in passages.iter().enumerate() {
        let lang = lang_of(p);
        if UNSPACED.contains(&lang) {
            continue;
        }
        for (key, s, e) in cutter.occurrences(&p.text, lang) {
            let Some(&k) = wanted.get(&(key, lang)) else {
                continue;
            };
            *forms[k].entry(p.text[s..e].to_string()).or_default() += 1;
            if p.kind == crate::model::PassageKind::Heading {
                if heading_examples[k].is_none() {
                    heading_examples[k] = Some((i, s, e));
                }
                continue;
            }
            let ex = &mut examples[k];
            let first_doc = ex.first().map(|&(j, _, _)| passages[j].doc.as_str());
            let have_other_doc = ex
                .get(1)
                .is_some_and(|&(j, _, _)| Some(passages[j].doc.as_str()) != first_doc);
            if ex.iter().any(|&(j, _, _)| j == i) || have_other_doc {
                continue;
            }
            match ex.len() {
                0 | 1 => ex.push((i, s, e)),
                _ if Some(p.doc.as_str()) != first_doc => ex[1] = (i, s, e),
                _ => {}
            }
        }
    }

    kept.into_iter()
        .enumerate()
        .map(
            |(
                k,
                Candidate {
                    key: (stems, lang),
                    words,
                    passages: n_passages,
                    docs,
                    occurrences,
                },
            )| {
                let phrase = forms[k]
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map_or_else(|| stems.clone(), |(f, _)| f.clone());
                let mut chosen = examples[k].clone();
                if chosen.len() < 2
                    && let Some(h) = heading_examples[k]
                {
                    chosen.push(h);
                    chosen.sort_unstable();
                }
                let examples = chosen
                    .iter()
                    .map(|&(i, s, e)| example(&passages[i], s, e))
                    .collect();
                Suggestion {
                    phrase,
                    stems,
                    language: lang.to_string(),
                    words,
                    passages: n_passages,
                    docs,
                    occurrences,
                    examples,
                }
            },
        )
        .collect()
}

/// The longest example, in bytes, before it is cut to the words around the phrase.
const MAX_EXAMPLE: usize = 400;

/// The sentence of `p` holding bytes `s..e` of its text (or a window around them).
fn example(p: &Passage, s: usize, e: usize) -> Example {
    let sentences = sentence_list(&p.text);
    let (mut from, mut to) = sentences
        .iter()
        .find(|x| x.start <= s && e <= x.end)
        .map_or((s, e), |x| (x.start, x.end));
    if to - from > MAX_EXAMPLE {
        let half = MAX_EXAMPLE / 2;
        let lo = s.saturating_sub(half).max(from);
        let hi = (e + half).min(to);
        from = word_start(&p.text, lo, s);
        to = word_end(&p.text, hi, e);
    }
    Example {
        passage: p.id.clone(),
        doc: p.doc.clone(),
        start: p.start + from,
        end: p.start + to,
        text: p.text[from..to].to_string(),
    }
}

/// The first word start at or after `at` (on a char boundary), no later than `limit`.
fn word_start(text: &str, mut at: usize, limit: usize) -> usize {
    while at < limit && !text.is_char_boundary(at) {
        at += 1;
    }
    match text[at..limit].find(char::is_whitespace) {
        Some(i) if at > 0 => {
            let after = at + i;
            after + text[after..limit].len() - text[after..limit].trim_start().len()
        }
        _ => at,
    }
}

/// The last word end at or before `at` (on a char boundary), no earlier than `limit`.
fn word_end(text: &str, mut at: usize, limit: usize) -> usize {
    while at > limit && !text.is_char_boundary(at) {
        at -= 1;
    }
    match text[limit..at].rfind(char::is_whitespace) {
        Some(i) if at < text.len() => text[..limit + i].trim_end().len().max(limit),
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, PassageKind};
    use crate::tag::Taxonomy;

    fn corpus(docs: &[(&str, &[&str])]) -> Vec<Passage> {
        let mut out = Vec::new();
        for (id, lines) in docs {
            let text = lines.join("\n");
            let doc = Document {
                id: id.to_string(),
                path: format!("{id}.txt"),
                path_raw: None,
                format: "text".into(),
                title: None,
                kind: "notes".into(),
                text: text.clone(),
                meta: BTreeMap::new(),
                warnings: Vec::new(),
                authors: Vec::new(),
                blocks: Vec::new(),
            };
            let mut start = 0;
            for (n, line) in lines.iter().enumerate() {
                out.push(Passage::new(
                    &doc,
                    n + 1,
                    PassageKind::Paragraph,
                    start,
                    start + line.len(),
                ));
                start += line.len() + 1;
            }
        }
        out
    }

    fn tagger() -> Tagger {
        Tagger::new(Taxonomy::default_multistakeholder().expect("default"))
    }

    #[test]
    fn covered_words_stopwords_and_rare_phrases_are_left_out() {
        let ps = corpus(&[
            (
                "a",
                &[
                    "The ride sharing platforms need rules. Trust matters.",
                    "Ride sharing drivers want insurance; trust again.",
                    "Insurance for ride sharing is expensive, and trust is low.",
                ],
            ),
            ("b", &["Ride-sharing apps and insurance. Trust."]),
        ]);
        let found = suggest(&ps, &tagger(), &SuggestOptions::default());
        let phrases: Vec<&str> = found.iter().map(|s| s.phrase.as_str()).collect();
        assert_eq!(phrases[0], "ride sharing", "{phrases:?}");
        assert!(phrases.contains(&"insurance"), "{phrases:?}");
        assert!(!phrases.iter().any(|p| p.contains("trust")), "{phrases:?}");
        assert!(!phrases.contains(&"ride"), "subsumed: {phrases:?}");
        let ride = &found[0];
        assert_eq!((ride.passages, ride.docs, ride.occurrences), (4, 2, 4));
        // The second example comes from the other document.
        let docs: Vec<&str> = ride.examples.iter().map(|e| e.doc.as_str()).collect();
        assert_eq!(docs, ["a", "b"]);
        assert_eq!(
            ride.examples[0].text,
            "The ride sharing platforms need rules."
        );
        assert_eq!(ride.examples[1].text, "Ride-sharing apps and insurance.");
    }

    #[test]
    fn spanish_passages_are_stemmed_in_spanish_and_chinese_ones_skipped() {
        let ps = corpus(&[
            (
                "es",
                &[
                    "Los carriles bici son peligrosos en el centro de la ciudad.",
                    "Necesitamos más carriles bici y menos coches en la calle.",
                    "El carril bici de la calle Alcalá es un peligro para todos.",
                ],
            ),
            (
                "zh",
                &["我們需要更多的自行車道。", "自行車道很重要。", "自行車道。"],
            ),
        ]);
        let found = suggest(&ps, &tagger(), &SuggestOptions::default());
        let top = &found[0];
        assert_eq!(top.language, "es");
        assert_eq!(top.stems, "carril bici");
        assert_eq!(top.passages, 3);
        assert!(found.iter().all(|s| s.language == "es"), "{found:?}");
    }

    #[test]
    fn long_sentences_give_a_window_on_word_boundaries() {
        let long = format!(
            "{} open weight models {}",
            "word ".repeat(200).trim_end(),
            "more ".repeat(200).trim_end()
        );
        let lines = [long.as_str(), "open weight models", "Open weight models."];
        let ps = corpus(&[("a", &lines)]);
        let found = suggest(&ps, &tagger(), &SuggestOptions::default());
        let ex = &found[0].examples[0];
        assert!(ex.text.len() <= MAX_EXAMPLE + 20, "{}", ex.text.len());
        assert!(ex.text.contains("open weight models"));
        assert!(
            ex.text.starts_with("word") && ex.text.ends_with("more"),
            "{:?}",
            ex.text
        );
        assert_eq!(ps[0].text[ex.start..ex.end], ex.text);
    }

    #[test]
    fn odd_passages_never_panic_and_give_exact_examples() {
        let long = "é".repeat(300) + " key phrase " + &"日本".repeat(200);
        let lines: Vec<&str> = vec![
            "",
            "   ",
            "key phrase",
            "Key-phrase!",
            long.as_str(),
            "key\u{a0}phrase… key phrase?",
            "¿key phrase?",
        ];
        let ps = corpus(&[("a", &lines), ("b", &lines)]);
        for min_passages in [1, 2, 3] {
            let opts = SuggestOptions {
                min_passages,
                ..SuggestOptions::default()
            };
            for s in suggest(&ps, &tagger(), &opts) {
                for e in &s.examples {
                    let p = ps.iter().find(|p| p.id == e.passage).expect("passage");
                    assert_eq!(p.text[e.start - p.start..e.end - p.start], e.text);
                }
            }
        }
    }
}
