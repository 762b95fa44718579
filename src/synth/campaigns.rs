//! Campaigns: near-identical submissions (form letters) and passages copied into several
//! submissions, found with MinHash signatures and locality-sensitive hashing, so that a
//! campaign is shown once with its count and never drowns a theme.
//!
//! - Passages of at least [`MIN_WORDS`] words whose signatures agree on at least
//!   [`THRESHOLD`] of their bins are near-identical: they form a cluster, represented by its
//!   first passage. Sections count a cluster once (`distinct`) and quote it once, with its
//!   number of copies.
//! - A document's signature is the union of its passages' shingles; documents that are
//!   near-identical in the same sense form a **form-letter campaign** when there are at least
//!   `min_campaign` of them.
//! - A passage cluster spread over at least `min_campaign` documents that are not all one form
//!   letter is **copied text** (a campaign paragraph pasted into otherwise personal letters,
//!   or boilerplate).
//!
//! Candidates are found by banding: the 64 bins are cut into [`BANDS`] bands of [`ROWS`]; items
//! whose band values coincide share a bucket, and each item is compared with the first item of
//! its buckets only. Work is linear in the number of items (no pairwise loop), and since items
//! are visited in corpus order and the smallest index represents a cluster, the result never
//! depends on thread count or hash-map order.
//!
//! ```text
//! 1,204 submissions: 3 campaigns (392 submissions), 812 unique
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::features::{BINS, Features, Signature, densify, mix, similarity, union};
use super::types::CampaignKind;
use crate::model::{Passage, PassageKind};

/// Passages (and documents) shorter than this many words are never called duplicates: short
/// texts ("I agree.") coincide without being copied.
pub const MIN_WORDS: usize = 12;
/// Share of equal MinHash bins above which two texts are near-identical.
pub const THRESHOLD: f32 = 0.6;
/// LSH bands.
pub const BANDS: usize = 16;
/// Bins per band.
pub const ROWS: usize = BINS / BANDS;

/// Union-find over indices, the smallest index as root.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(hi) {
            *slot = lo;
        }
    }
}

/// Clusters items by their densified signatures (see the module doc): the representative
/// (smallest index of its cluster) of every item; items without a signature stand alone.
/// `accept(a, b)` may veto a join the signatures allow.
pub fn cluster(
    sigs: &[Option<Signature>],
    threshold: f32,
    accept: impl Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut sets = Sets::new(sigs.len());
    let mut buckets: HashMap<(usize, u64), usize> = HashMap::new();
    for (i, sig) in sigs.iter().enumerate() {
        let Some(sig) = sig else { continue };
        for (band, rows) in sig.chunks(ROWS).enumerate() {
            let key = rows.iter().fold(band as u64, |h, &v| mix(h ^ u64::from(v)));
            match buckets.get(&(band, key)) {
                None => {
                    buckets.insert((band, key), i);
                }
                Some(&first) => {
                    let close = sigs
                        .get(first)
                        .and_then(Option::as_ref)
                        .is_some_and(|f| similarity(f, sig) >= threshold);
                    if close && accept(first, i) {
                        sets.join(first, i);
                    }
                }
            }
        }
    }
    (0..sigs.len()).map(|i| sets.find(i)).collect()
}

/// A campaign as found, before it is rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: CampaignKind,
    /// Document ids, in corpus order.
    pub docs: Vec<String>,
    /// Passage indices that are copies, in corpus order.
    pub passages: Vec<usize>,
    /// The passage to show.
    pub example: usize,
}

/// What duplicate detection found.
#[derive(Clone, Debug, Default)]
pub struct Duplicates {
    /// Per passage: the representative of its near-identical cluster (itself when unique).
    pub rep: Vec<usize>,
    /// Per passage: the campaign (index into `campaigns`) it is a copy of, if any.
    pub campaign_of: Vec<Option<usize>>,
    /// Campaigns, largest first.
    pub campaigns: Vec<Found>,
    /// Documents (with a passage) in corpus order.
    pub documents: usize,
    /// Documents in a form-letter campaign.
    pub in_form_letters: usize,
}

/// Finds near-identical passages, form letters and copied texts (see the module doc).
/// `features[i]` belongs to `passages[i]` (`None` for headings).
pub fn detect(
    passages: &[Passage],
    features: &[Option<Features>],
    min_campaign: usize,
) -> Duplicates {
    let min_campaign = min_campaign.max(2);
    let eligible = |i: usize| -> Option<&Features> {
        let p = passages.get(i)?;
        let f = features.get(i)?.as_ref()?;
        (p.kind != PassageKind::Heading && f.words >= MIN_WORDS).then_some(f)
    };
    // Passage clusters.
    let sigs: Vec<Option<Signature>> = (0..passages.len())
        .map(|i| eligible(i).and_then(|f| densify(&f.bins)))
        .collect();
    let rep = cluster(&sigs, THRESHOLD, |_, _| true);

    // Documents, in corpus order, with their passages.
    let mut doc_index: HashMap<&str, usize> = HashMap::new();
    let mut doc_ids: Vec<&str> = Vec::new();
    let mut doc_of: Vec<usize> = Vec::with_capacity(passages.len());
    let mut doc_raw: Vec<(Signature, usize)> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        let d = *doc_index.entry(p.doc.as_str()).or_insert_with(|| {
            doc_ids.push(p.doc.as_str());
            doc_raw.push(([super::features::EMPTY; BINS], 0));
            doc_ids.len() - 1
        });
        doc_of.push(d);
        if p.kind == PassageKind::Heading {
            continue;
        }
        if let (Some(f), Some(slot)) =
            (features.get(i).and_then(Option::as_ref), doc_raw.get_mut(d))
        {
            union(&mut slot.0, &f.bins);
            slot.1 += f.words;
        }
    }
    let doc_sigs: Vec<Option<Signature>> = doc_raw
        .iter()
        .map(|(raw, words)| (*words >= MIN_WORDS).then(|| densify(raw)).flatten())
        .collect();
    let doc_rep = cluster(&doc_sigs, THRESHOLD, |_, _| true);

    let mut found: Vec<Found> = Vec::new();
    let mut campaign_of: Vec<Option<usize>> = vec![None; passages.len()];
    let mut letter_of_doc: Vec<Option<usize>> = vec![None; doc_ids.len()];

    // Form letters: document clusters of at least `min_campaign`.
    let mut doc_clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (d, &r) in doc_rep.iter().enumerate() {
        doc_clusters.entry(r).or_default().push(d);
    }
    let letters: Vec<&Vec<usize>> = doc_clusters
        .values()
        .filter(|m| m.len() >= min_campaign)
        .collect();
    for (n, members) in letters.iter().enumerate() {
        for &d in members.iter() {
            if let Some(slot) = letter_of_doc.get_mut(d) {
                *slot = Some(n);
            }
        }
    }
    let mut copies: Vec<Vec<usize>> = vec![Vec::new(); letters.len()];
    for (i, p) in passages.iter().enumerate() {
        if p.kind == PassageKind::Heading {
            continue;
        }
        let letter = doc_of
            .get(i)
            .and_then(|&d| letter_of_doc.get(d).copied().flatten());
        if let Some(n) = letter {
            if let Some(c) = copies.get_mut(n) {
                c.push(i);
            }
            if let Some(slot) = campaign_of.get_mut(i) {
                *slot = Some(n);
            }
        }
    }
    for (members, copies) in letters.iter().zip(copies) {
        let first_doc = members.first().copied().unwrap_or(0);
        let example = copies
            .iter()
            .copied()
            .filter(|&i| doc_of.get(i) == Some(&first_doc))
            .max_by_key(|&i| {
                let words = features
                    .get(i)
                    .and_then(Option::as_ref)
                    .map_or(0, |f| f.words);
                (words, std::cmp::Reverse(i))
            })
            .unwrap_or(0);
        found.push(Found {
            kind: CampaignKind::FormLetter,
            docs: members
                .iter()
                .filter_map(|&d| doc_ids.get(d).map(|s| s.to_string()))
                .collect(),
            passages: copies,
            example,
        });
    }

    // Copied texts: passage clusters over at least `min_campaign` documents, not one letter.
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &r) in rep.iter().enumerate() {
        if sigs.get(i).is_some_and(Option::is_some) {
            clusters.entry(r).or_default().push(i);
        }
    }
    for (&r, members) in &clusters {
        let docs: BTreeSet<usize> = members
            .iter()
            .filter_map(|&i| doc_of.get(i).copied())
            .collect();
        if docs.len() < min_campaign {
            continue;
        }
        let letters: BTreeSet<Option<usize>> = docs
            .iter()
            .map(|&d| letter_of_doc.get(d).copied().flatten())
            .collect();
        if letters.len() == 1 && letters.iter().all(Option::is_some) {
            continue;
        }
        let n = found.len();
        for &i in members {
            if let Some(slot) = campaign_of.get_mut(i) {
                if slot.is_none() {
                    *slot = Some(n);
                }
            }
        }
        found.push(Found {
            kind: CampaignKind::CopiedText,
            docs: docs
                .iter()
                .filter_map(|&d| doc_ids.get(d).map(|s| s.to_string()))
                .collect(),
            passages: members.clone(),
            example: r,
        });
    }

    // Largest first (then form letters, then corpus order); renumber the passage links.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&k| {
        let c = &found[k];
        (
            std::cmp::Reverse(c.docs.len()),
            c.kind,
            c.passages.first().copied(),
        )
    });
    let mut new_pos = vec![0; found.len()];
    for (pos, &k) in order.iter().enumerate() {
        new_pos[k] = pos;
    }
    for c in campaign_of.iter_mut().flatten() {
        *c = new_pos.get(*c).copied().unwrap_or(*c);
    }
    let mut slots: Vec<Option<Found>> = found.into_iter().map(Some).collect();
    let campaigns: Vec<Found> = order
        .iter()
        .filter_map(|&k| slots.get_mut(k).and_then(Option::take))
        .collect();
    let in_form_letters = letter_of_doc.iter().filter(|l| l.is_some()).count();
    Duplicates {
        rep,
        campaign_of,
        campaigns,
        documents: doc_ids.len(),
        in_form_letters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::synth::features::features;

    fn doc(id: &str, text: &str) -> (Document, Passage) {
        let d = Document {
            id: id.into(),
            path: format!("{id}.txt"),
            path_raw: None,
            format: "text".into(),
            title: None,
            kind: "contribution".into(),
            text: text.into(),
            meta: Default::default(),
            warnings: Vec::new(),
            authors: Vec::new(),
            blocks: Vec::new(),
        };
        let p = Passage::new(&d, 1, PassageKind::Contribution, 0, text.len());
        (d, p)
    }

    #[test]
    fn form_letters_are_one_campaign_and_unique_letters_stay_apart() {
        let letter = "Dear Commission, I urge you to keep the Internet open and free, to protect \
                      net neutrality and to consult civil society before adopting any new rule.";
        let mut passages = Vec::new();
        for n in 0..5 {
            let text = format!("{letter} Signed, citizen number {n}.");
            passages.push(doc(&format!("c{n}"), &text).1);
        }
        passages.push(doc("u1", "Capacity building for developing countries needs sustained funding, expertise and a secretariat that answers to all stakeholders.").1);
        passages.push(doc("u2", "Governments alone should negotiate treaties on cybercrime; other stakeholders may advise but must not hold a veto over the outcome.").1);
        let feats: Vec<Option<Features>> =
            passages.iter().map(|p| Some(features(&p.text))).collect();
        let d = detect(&passages, &feats, 3);
        assert_eq!(d.campaigns.len(), 1, "{:?}", d.campaigns);
        let c = &d.campaigns[0];
        assert_eq!(c.kind, CampaignKind::FormLetter);
        assert_eq!(c.docs, ["c0", "c1", "c2", "c3", "c4"]);
        assert_eq!(d.in_form_letters, 5);
        assert_eq!(d.documents, 7);
        assert_eq!(d.rep[0..5], [0, 0, 0, 0, 0]);
        assert_eq!(d.rep[5..7], [5, 6]);
        assert_eq!(d.campaign_of[5], None);
    }

    #[test]
    fn two_copies_are_not_a_campaign_but_still_one_text() {
        let text = "We the undersigned call on all governments to protect human rights online and offline alike.";
        let passages = vec![doc("a", text).1, doc("b", text).1];
        let feats: Vec<Option<Features>> =
            passages.iter().map(|p| Some(features(&p.text))).collect();
        let d = detect(&passages, &feats, 3);
        assert!(d.campaigns.is_empty());
        assert_eq!(d.rep, [0, 0]);
    }
}
