//! Sentences tile real passages, and every tag lies inside its passage.

use super::*;

/// The passages of the seed corpus as the pipeline makes them.
static SEED_PASSAGES: LazyLock<Vec<Passage>> = LazyLock::new(|| {
    SEEDS
        .iter()
        .flat_map(|s| processed(s).expect("seed documents exist").1)
        .collect()
});

/// `ranges` are ordered, disjoint, trimmed, on char boundaries and cover every non-space byte.
fn tiles(text: &str, ranges: &[(usize, usize)]) -> Result<(), String> {
    let mut last = 0;
    let mut covered = vec![false; text.len()];
    for &(s, e) in ranges {
        if !(s < e && s >= last && text.is_char_boundary(s) && text.is_char_boundary(e)) {
            return Err(format!("bad range {s}..{e} after {last}"));
        }
        if text[s..e].trim() != &text[s..e] {
            return Err(format!("untrimmed {:?}", &text[s..e]));
        }
        covered[s..e].iter_mut().for_each(|c| *c = true);
        last = e;
    }
    match text
        .char_indices()
        .find(|&(i, c)| !c.is_whitespace() && !covered[i])
    {
        Some((i, c)) => Err(format!("{c:?} at {i} is in no sentence")),
        None => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// Any stretch of any seed passage splits into sentences that tile it.
    #[test]
    fn sentences_tile_their_passage(pick in 0usize..10_000, from in 0usize..400, len in 0usize..2_000) {
        let passages = &*SEED_PASSAGES;
        let p = &passages[pick % passages.len()];
        let mut s = from.min(p.text.len());
        while !p.text.is_char_boundary(s) { s -= 1; }
        let mut e = (s + len).min(p.text.len());
        while !p.text.is_char_boundary(e) { e -= 1; }
        let text = &p.text[s..e];
        prop_assert!(tiles(text, &sentences(text)).is_ok(), "{:?}: {:?}", p.id, tiles(text, &sentences(text)));
    }
}

#[test]
fn every_seed_passage_is_tiled_and_its_tags_lie_inside_it() {
    let passages = &*SEED_PASSAGES;
    assert!(passages.len() > 400, "{}", passages.len());
    for p in passages {
        tiles(&p.text, &sentences(&p.text)).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        let spans = p
            .recommendations
            .iter()
            .map(|r| (r.start, r.end, r.text.as_str()))
            .chain(
                p.questions
                    .iter()
                    .map(|q| (q.start, q.end, q.text.as_str())),
            )
            .chain(p.stance.cues.iter().flat_map(|c| {
                std::iter::once((c.start, c.end, c.text.as_str()))
                    .chain(c.object.iter().map(|o| (o.start, o.end, o.text.as_str())))
            }));
        for (s, e, text) in spans {
            assert!(p.start <= s && e <= p.end, "{}: {s}..{e}", p.id);
            assert_eq!(&p.text[s - p.start..e - p.start], text, "{}", p.id);
        }
        assert!(p.themes.len() <= 3, "{}", p.id);
    }
}
