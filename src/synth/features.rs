//! Per-passage features for the outline, computed once in one pass over the text: word
//! shingles summarised as a MinHash signature (near-duplicate detection), and a weighted
//! vector of content stems (centrality, diversity, minority views).
//!
//! The signature is a one-permutation MinHash: each 3-word shingle is hashed once (FNV-1a,
//! then a 64-bit mixer), its top 6 bits pick one of [`BINS`] bins and the bin keeps the
//! smallest low 32 bits. Bins of a document are the minimum over its passages (the MinHash
//! of the union of their shingles). [`densify`] fills empty bins from the next non-empty one,
//! so that two identical shingle sets always get identical signatures and similar sets mostly
//! agree bin by bin; the share of equal bins estimates the Jaccard similarity.
//!
//! Stems come from [`crate::analysis`] (the one stemmer); stop words and numbers are left
//! out; each stem is keyed by a 64-bit hash, weighted `(1 + ln tf) · idf` and the vector is
//! L2-normalised. Every step is deterministic (no random seeds, no hash-map iteration order).

use std::collections::HashMap;

use crate::analysis::{stem, tokens};

/// Bins of a MinHash signature.
pub const BINS: usize = 64;
/// An empty bin.
pub const EMPTY: u32 = u32::MAX;
/// Words per shingle.
const SHINGLE: usize = 3;

/// A MinHash signature.
pub type Signature = [u32; BINS];

/// A sparse term vector: (stem key, weight), sorted by key.
pub type Terms = Vec<(u64, f32)>;

/// What the outline knows of a passage's words.
#[derive(Clone, Debug)]
pub struct Features {
    /// Word tokens.
    pub words: usize,
    /// Raw one-permutation MinHash bins ([`EMPTY`] where no shingle fell).
    pub bins: Signature,
    /// Content stems with their weights, normalised (see the module doc).
    pub terms: Terms,
}

/// Common English words that carry no topic.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "s",
    "t",
    "don",
    "doesn",
    "isn",
    "aren",
    "wasn",
    "weren",
    "won",
    "however",
    "many",
    "well",
    "even",
    "still",
    "yet",
    "get",
    "make",
    "need",
    "think",
    "way",
    "like",
    "said",
    "say",
    "says",
];

/// True for a stop word (lowercased).
pub fn is_stop(lower: &str) -> bool {
    STOP.contains(&lower)
}

/// FNV-1a 64 of bytes.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A 64-bit finaliser (splitmix64): spreads FNV's weak low bits.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The key of a stem in term vectors.
pub fn stem_key(stem: &str) -> u64 {
    mix(fnv(stem.as_bytes()))
}

/// Adds a hashed shingle to raw bins.
fn add(bins: &mut Signature, h: u64) {
    let bin = usize::try_from(h >> 58).unwrap_or(0) % BINS;
    // The low 32 bits, kept below EMPTY.
    let value = u32::try_from(h & 0xffff_fffe).unwrap_or(EMPTY - 1);
    if let Some(b) = bins.get_mut(bin) {
        *b = (*b).min(value);
    }
}

/// The features of a text (see the module doc). Term weights are raw `1 + ln tf` until
/// [`weigh`] applies idf and normalises.
pub fn features(text: &str) -> Features {
    let words: Vec<String> = tokens(text).map(|t| t.lower).collect();
    let mut bins = [EMPTY; BINS];
    if words.len() < SHINGLE {
        if !words.is_empty() {
            add(&mut bins, mix(fnv(words.join(" ").as_bytes())));
        }
    } else {
        for w in words.windows(SHINGLE) {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for word in w {
                for &b in word.as_bytes().iter().chain(b" ") {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            }
            add(&mut bins, mix(h));
        }
    }
    let mut tf: HashMap<u64, u32> = HashMap::new();
    for w in &words {
        if w.chars().count() < 2 || is_stop(w) || w.chars().all(|c| c.is_numeric()) {
            continue;
        }
        *tf.entry(stem_key(&stem(w))).or_insert(0) += 1;
    }
    let mut terms: Terms = tf
        .into_iter()
        .map(|(k, n)| (k, 1.0 + (n as f32).ln()))
        .collect();
    terms.sort_by_key(|&(k, _)| k);
    Features {
        words: words.len(),
        bins,
        terms,
    }
}

/// Applies inverse document frequencies (`ln(1 + n / df)`) and L2-normalises every vector.
pub fn weigh(all: &mut [Option<Features>]) {
    let mut df: HashMap<u64, u32> = HashMap::new();
    let mut n = 0u32;
    for f in all.iter().flatten() {
        n += 1;
        for &(k, _) in &f.terms {
            *df.entry(k).or_insert(0) += 1;
        }
    }
    let n = n.max(1) as f32;
    for f in all.iter_mut().flatten() {
        for (k, w) in &mut f.terms {
            let d = df.get(k).copied().unwrap_or(1).max(1) as f32;
            *w *= (1.0 + n / d).ln();
        }
        normalise(&mut f.terms);
    }
}

/// Scales a vector to unit length (an all-zero vector stays as it is).
pub fn normalise(v: &mut Terms) {
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// The dot product of two sorted sparse vectors.
pub fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while let (Some(&(ka, wa)), Some(&(kb, wb))) = (a.get(i), b.get(j)) {
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += wa * wb;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Merges raw bins (the signature of the union of two shingle sets).
pub fn union(into: &mut Signature, other: &Signature) {
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).min(*b);
    }
}

/// Fills each empty bin from the next non-empty bin to its right (wrapping), offset by the
/// distance, so that signatures can be compared bin by bin. `None` when every bin is empty.
pub fn densify(raw: &Signature) -> Option<Signature> {
    if raw.iter().all(|&b| b == EMPTY) {
        return None;
    }
    let mut out = *raw;
    for i in 0..BINS {
        if raw[i] != EMPTY {
            continue;
        }
        let mut d = 1;
        while raw[(i + d) % BINS] == EMPTY {
            d += 1;
        }
        let borrowed = u64::from(raw[(i + d) % BINS]);
        out[i] = u32::try_from(mix(borrowed ^ ((d as u64) << 40)) & 0xffff_fffe).unwrap_or(0);
    }
    Some(out)
}

/// The share of equal bins: an estimate of the Jaccard similarity of the shingle sets.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f32 / BINS as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_have_identical_signatures_and_different_ones_do_not() {
        let a = features(
            "We the undersigned call on the government to protect the open Internet for all.",
        );
        let b = features(
            "We the undersigned call on the government to protect the open Internet for all.",
        );
        let c = features(
            "Capacity building for developing countries needs sustained funding and expertise.",
        );
        let (da, db, dc) = (
            densify(&a.bins).expect("bins"),
            densify(&b.bins).expect("bins"),
            densify(&c.bins).expect("bins"),
        );
        assert_eq!(similarity(&da, &db), 1.0);
        assert!(similarity(&da, &dc) < 0.2, "{}", similarity(&da, &dc));
    }

    #[test]
    fn a_personalised_form_letter_stays_similar() {
        let base = "We the undersigned citizens call on the government to protect net neutrality, \
                    keep the Internet open for everyone, and consult civil society before any \
                    new regulation of online platforms is adopted by parliament this year.";
        let personal = format!("{base} My family depends on it.");
        let (a, b) = (features(base), features(&personal));
        let s = similarity(&densify(&a.bins).expect("a"), &densify(&b.bins).expect("b"));
        assert!(s >= 0.6, "{s}");
    }

    #[test]
    fn terms_skip_stop_words_and_share_stems() {
        let mut all = vec![
            Some(features("Consultations build trust.")),
            Some(features("A consultation about trust and the process.")),
        ];
        weigh(&mut all);
        let (a, b) = (all[0].as_ref().expect("a"), all[1].as_ref().expect("b"));
        assert_eq!(a.terms.len(), 3, "consult, build, trust");
        assert!(dot(&a.terms, &b.terms) > 0.0);
        let norm: f32 = a.terms.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-4);
    }
}
