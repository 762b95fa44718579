//! Searching an index: the query language, the filters, ranking and snippets.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, Query, QueryParser,
    QueryParserError, TermQuery, TermSetQuery,
};
use tantivy::query_grammar::{self, UserInputAst, UserInputLeaf};
use tantivy::schema::Value;
use tantivy::schema::{Field, IndexRecordOption, Schema, Term};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocId, Index, Score, Searcher, SegmentReader, TantivyDocument};

use super::IndexError;
use super::schema::{self, Fields};
use super::store::{decode, open_for_reading};
use crate::model::{DocInfo, Group, Passage, PassageKind, Position};

/// The longest snippet, in bytes.
const SNIPPET_MAX: usize = 200;

/// The longest query accepted, in bytes: a longer one is refused before any of it is read.
pub const MAX_QUERY_BYTES: usize = 4096;

/// The most groups a query may hold: opening parentheses and `NOT`s, counted wherever they
/// stand (in phrases too). tantivy's grammar recurses once per group, and so do the query
/// tree it gives, `fix_negations`, the query built from it and its scorer: this bounds how
/// deep all of them go, whatever the query. A search 64 groups deep uses under a third of a
/// 2 MiB thread stack, debug build or release (a test runs one on such a thread).
pub const MAX_QUERY_GROUPS: usize = 64;

/// A search: a query and exact filters, all of which a hit must satisfy.
///
/// The query language is tantivy's, over the `text` and `section` fields (and the text field
/// of every other language the index holds, each stemmed in its language, so `participación`
/// finds Spanish passages with `participaciones`), with **AND as the
/// default conjunction**: `trust legitimacy` finds passages with both words. Also: phrases
/// (`"rough consensus"`), `AND`, `OR`, `NOT`, `+term`, `-term`, parentheses, and `field:term`
/// for any indexed field (`speaker:orsmond`, `theme:power`, `kind:comment`); `field:*`, any
/// value, for the fields of exact values (`theme:*`), a query error for the others. Words are stemmed
/// like the taxonomy's terms, so `consultations` finds `consultation`. An empty query matches
/// every passage (then only the filters select), and a purely negative one (`-power`) matches
/// every passage without the term. A query holds at most [`MAX_QUERY_BYTES`] bytes and
/// [`MAX_QUERY_GROUPS`] groups (opening parentheses and `NOT`s); past either, it is refused
/// before it is parsed, so a hostile query costs time linear in its length and a bounded stack.
///
/// Filters are exact: `theme` a theme id, `voice` a group id (`civil_society`, or its label
/// `civil society`), `kind` a passage kind (`bullet`), `doc` a document id. `speaker` matches
/// every speaker whose name **contains** it, ignoring case (`woods` finds "Michele Woods").
/// `stance` a position (`supports`, `opposes`, `mixed`, `neutral`). `recommendations` keeps
/// passages with at least one recommendation. `limit` is the number of
/// hits returned; [`SearchResults::total`] counts all matches whatever the limit (0 only counts).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    pub theme: Option<String>,
    pub voice: Option<String>,
    pub speaker: Option<String>,
    pub doc: Option<String>,
    pub kind: Option<String>,
    pub stance: Option<String>,
    pub recommendations: bool,
    pub limit: usize,
}

impl SearchRequest {
    /// A search for `query` with no filter and the default limit of 10 hits.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            ..SearchRequest::default()
        }
    }
}

/// The passages that match, best first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many passages match (not only those returned).
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// A passage that matches, with its document and a snippet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub score: f32,
    pub passage: Passage,
    pub doc: DocInfo,
    pub snippet: Snippet,
}

/// A short excerpt of a passage: `text == passage.text[offset..offset + text.len()]`, with the
/// byte ranges (within `text`) of the words the query matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub offset: usize,
    pub highlights: Vec<(usize, usize)>,
}

/// Runs `req` against the index in `dir`: hits by score, ties in corpus order.
pub fn search(dir: &Path, req: &SearchRequest) -> Result<SearchResults, IndexError> {
    let query = Bounded::check(&req.query)?;
    let filters = Filters::parse(req)?;
    let (index, fields, reader) = open_for_reading(dir)?;
    let searcher = reader.searcher();
    let languages = languages(&searcher, &fields)
        .map_err(|source| tantivy_error(dir, "listing languages", source))?;
    let text_fields: Vec<Field> = languages
        .iter()
        .map(|code| fields.text_for(Some(code)))
        .filter(|f| *f != fields.text)
        .collect::<BTreeSet<Field>>()
        .into_iter()
        .collect();
    let text_query = parse_query(&index, &fields, &text_fields, query)?;
    let query = filters
        .apply(&searcher, &fields, text_query.box_clone())
        .map_err(|source| tantivy_error(dir, "reading speaker names", source))?;

    let total = searcher
        .search(&*query, &Count)
        .map_err(|source| tantivy_error(dir, "counting matches", source))?;
    // The collector reserves room for its limit: never more than the matches.
    let limit = req.limit.min(total);
    if limit == 0 {
        return Ok(SearchResults {
            total,
            hits: Vec::new(),
        });
    }
    let top = TopDocs::with_limit(limit).tweak_score(|segment: &SegmentReader| {
        let seq = segment
            .fast_fields()
            .u64(schema::SEQ)
            .ok()
            .map(|column| column.first_or_default_col(u64::MAX));
        move |doc: DocId, score: Score| {
            let seq = seq.as_ref().map_or(u64::MAX, |c| c.get_val(doc));
            (score, Reverse(seq))
        }
    });
    let ranked = searcher
        .search(&*query, &top)
        .map_err(|source| tantivy_error(dir, "ranking matches", source))?;

    // One snippet generator per text field, made when a hit in that field's language needs it.
    let mut generators: BTreeMap<Field, SnippetGenerator> = BTreeMap::new();
    let mut hits = Vec::with_capacity(ranked.len());
    for ((score, _), address) in ranked {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(|source| tantivy_error(dir, "reading a stored passage", source))?;
        let (passage, doc) = decode(dir, &fields, &stored)?;
        let language = stored.get_first(fields.lang).and_then(|v| v.as_str());
        let field = fields.text_for(language);
        let generator = match generators.entry(field) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let mut g = SnippetGenerator::create(&searcher, &*text_query, field)
                    .map_err(|source| tantivy_error(dir, "preparing snippets", source))?;
                g.set_max_num_chars(SNIPPET_MAX);
                e.insert(g)
            }
        };
        let snippet = snippet(generator, &passage.text);
        hits.push(Hit {
            score,
            passage,
            doc,
            snippet,
        });
    }
    Ok(SearchResults { total, hits })
}

fn tantivy_error(dir: &Path, action: &'static str, source: tantivy::TantivyError) -> IndexError {
    IndexError::Tantivy {
        dir: dir.into(),
        action,
        source,
    }
}

/// The snippet of `text`: the best fragment with the query's words highlighted, or the start of
/// the text when the query matched no word of it (a filter-only query, a match on `section`).
fn snippet(generator: &SnippetGenerator, text: &str) -> Snippet {
    let found = generator.snippet(text);
    let range = found.fragment_range();
    if !found.highlighted().is_empty() && text.get(range.clone()) == Some(found.fragment()) {
        return Snippet {
            text: found.fragment().to_string(),
            offset: range.start,
            highlights: found
                .highlighted()
                .iter()
                .map(|r| (r.start, r.end))
                .collect(),
        };
    }
    Snippet {
        text: text[..head_end(text, SNIPPET_MAX)].to_string(),
        offset: 0,
        highlights: Vec::new(),
    }
}

/// The end of the first `max` bytes of `text`, cut after a word when possible.
fn head_end(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) if space > max / 2 => space,
        _ => end,
    }
}

/// A filter's value read as one of a contract's ids (`civil_society`, or its label `civil
/// society`); an unknown one is an error that lists the ids there are.
fn contract_id<T>(
    value: &Option<String>,
    filter: &'static str,
    parse: fn(&str) -> Option<T>,
    ids: &[&str],
) -> Result<Option<T>, IndexError> {
    value
        .as_ref()
        .map(|v| {
            parse(&id_form(v)).ok_or_else(|| IndexError::Filter {
                filter,
                value: v.clone(),
                expected: ids.join(", "),
            })
        })
        .transpose()
}

/// The filters of a request, validated before the index is opened.
struct Filters {
    theme: Option<String>,
    voice: Option<Group>,
    kind: Option<PassageKind>,
    doc: Option<String>,
    speaker: Option<String>,
    stance: Option<Position>,
    recommendations: bool,
}

impl Filters {
    fn parse(req: &SearchRequest) -> Result<Filters, IndexError> {
        let voice = contract_id(
            &req.voice,
            "voice",
            Group::parse,
            &Group::ALL.map(Group::as_str),
        )?;
        let kind = contract_id(
            &req.kind,
            "kind",
            PassageKind::parse,
            &PassageKind::ALL.map(PassageKind::as_str),
        )?;
        let stance = contract_id(
            &req.stance,
            "stance",
            Position::parse,
            &Position::ALL.map(Position::as_str),
        )?;
        Ok(Filters {
            theme: req.theme.clone(),
            voice,
            kind,
            doc: req.doc.clone(),
            speaker: req.speaker.as_ref().map(|s| s.trim().to_lowercase()),
            stance,
            recommendations: req.recommendations,
        })
    }

    /// `query` restricted by the filters. Filters do not change scores.
    fn apply(
        &self,
        searcher: &Searcher,
        f: &Fields,
        query: Box<dyn Query>,
    ) -> tantivy::Result<Box<dyn Query>> {
        let exact = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let mut required: Vec<Box<dyn Query>> = Vec::new();
        if let Some(theme) = &self.theme {
            required.push(exact(f.theme, theme));
        }
        if let Some(voice) = self.voice {
            required.push(exact(f.voice, voice.as_str()));
        }
        if let Some(kind) = self.kind {
            required.push(exact(f.kind, kind.as_str()));
        }
        if let Some(stance) = self.stance {
            required.push(exact(f.stance, stance.as_str()));
        }
        if let Some(doc) = &self.doc {
            required.push(exact(f.doc, doc));
        }
        if let Some(needle) = &self.speaker {
            let names = speaker_names(searcher, f, needle)?;
            if names.is_empty() {
                required.push(Box::new(EmptyQuery));
            } else {
                let terms = names
                    .iter()
                    .map(|n| Term::from_field_text(f.speaker_name, n));
                required.push(Box::new(TermSetQuery::new(terms)));
            }
        }
        if self.recommendations {
            required.push(Box::new(TermQuery::new(
                Term::from_field_bool(f.recommendation, true),
                IndexRecordOption::Basic,
            )));
        }
        if required.is_empty() {
            return Ok(query);
        }
        let mut clauses = vec![(Occur::Must, query)];
        for filter in required {
            let unscored: Box<dyn Query> = Box::new(ConstScoreQuery::new(filter, 0.0));
            clauses.push((Occur::Must, unscored));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// A filter value in contract-id form: `Civil society` → `civil_society`.
fn id_form(value: &str) -> String {
    value.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The indexed speaker names that contain `needle` (lowercased), ignoring case.
fn speaker_names(
    searcher: &Searcher,
    f: &Fields,
    needle: &str,
) -> tantivy::Result<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(f.speaker_name)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let Ok(name) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if name.to_lowercase().contains(needle) {
                names.insert(name.to_string());
            }
        }
    }
    Ok(names)
}

/// The language codes of the index's documents (the terms of the `lang` field), sorted.
fn languages(searcher: &Searcher, f: &Fields) -> tantivy::Result<BTreeSet<String>> {
    let mut codes = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(f.lang)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            if let Ok(code) = std::str::from_utf8(stream.key()) {
                codes.insert(code.to_string());
            }
        }
    }
    Ok(codes)
}

/// A query within [`MAX_QUERY_BYTES`] and [`MAX_QUERY_GROUPS`]: the only input
/// [`parse_query`] takes, so no query reaches the recursive grammar unchecked.
#[derive(Clone, Copy, Debug)]
struct Bounded<'a>(&'a str);

impl<'a> Bounded<'a> {
    /// `query`, or why it is refused: its length is looked at before any of its bytes, its
    /// groups are counted in one pass.
    fn check(query: &'a str) -> Result<Bounded<'a>, IndexError> {
        if query.len() > MAX_QUERY_BYTES {
            return Err(IndexError::QueryTooLong { bytes: query.len() });
        }
        let groups = groups(query);
        if groups > MAX_QUERY_GROUPS {
            return Err(IndexError::QueryTooManyGroups { groups });
        }
        Ok(Bounded(query))
    }
}

/// The opening parentheses of `query` and its `NOT`s followed by white space, wherever they
/// stand. Each level of recursion of tantivy's grammar (strict or lenient) consumes a `(` (a
/// group, `field:(…)`) or a `NOT ` (its negation), so this bounds how deep it goes, whatever
/// quotes and escapes mean around them.
fn groups(query: &str) -> usize {
    let parens = query.bytes().filter(|&b| b == b'(').count();
    let nots = query
        .match_indices("NOT")
        .filter(|(at, not)| {
            query[at + not.len()..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
        })
        .count();
    parens + nots
}

/// Parses the user's query over `text`, `section` and the `other` text fields the index's
/// languages use; an empty query matches everything.
fn parse_query(
    index: &Index,
    f: &Fields,
    other: &[Field],
    Bounded(query): Bounded<'_>,
) -> Result<Box<dyn Query>, IndexError> {
    if query.trim().is_empty() {
        return Ok(Box::new(AllQuery));
    }
    let mut defaults = vec![f.text, f.section];
    defaults.extend_from_slice(other);
    let mut parser = QueryParser::for_index(index, defaults);
    parser.set_conjunction_by_default();
    let rejected = |message: String| IndexError::Query {
        query: query.to_string(),
        message,
    };
    let ast = query_grammar::parse_query(query).map_err(|_| rejected(diagnose_syntax(query)))?;
    let ast = match fix_negations(ast) {
        UserInputAst::Clause(mut clauses) if all_negative(&clauses) => {
            // `-power`: every passage but those.
            clauses.push((Some(Occur::Must), UserInputAst::from(UserInputLeaf::All)));
            UserInputAst::Clause(clauses)
        }
        ast => ast,
    };
    let schema = index.schema();
    if let Some(field) = any_value_of_inexact_field(&ast, &schema) {
        let exact: Vec<&str> = schema
            .fields()
            .filter(|(_, entry)| entry.is_fast() && schema::SEARCHABLE.contains(&entry.name()))
            .map(|(_, entry)| entry.name())
            .collect();
        return Err(rejected(format!(
            "\"{field}:*\" asks for any value, which only fields of exact values can answer \
             ({}); search for a word in \"{field}\" instead",
            exact.join(", ")
        )));
    }
    parser
        .build_query_from_user_input_ast(ast)
        .map_err(|err| rejected(explain(&err)))
}

/// The first field of `ast` asked for any value (`text:*`, or `*` inside `text:(…)`) that
/// cannot answer it: tantivy finds the passages with a value in a field through its fast
/// column, which only the fields of exact values have, and fails the search otherwise.
fn any_value_of_inexact_field<'a>(ast: &'a UserInputAst, schema: &Schema) -> Option<&'a str> {
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .find_map(|(_, child)| any_value_of_inexact_field(child, schema)),
        UserInputAst::Boost(inner, _) => any_value_of_inexact_field(inner, schema),
        UserInputAst::Leaf(leaf) => match &**leaf {
            UserInputLeaf::Exists { field } => schema
                .get_field(field)
                .is_ok_and(|f| !schema.get_field_entry(f).is_fast())
                .then_some(field.as_str()),
            _ => None,
        },
    }
}

fn all_negative(clauses: &[(Option<Occur>, UserInputAst)]) -> bool {
    !clauses.is_empty() && clauses.iter().all(|(o, _)| *o == Some(Occur::MustNot))
}

/// Gives nested negations their boolean meaning. tantivy's grammar reads `trust AND NOT power`
/// as `+trust +(-power)`, and a clause of negations alone matches nothing; here a required
/// clause of negations is merged into its parent (`+trust -power`) and any other one is made to
/// mean "everything but" (`trust OR NOT power`).
fn fix_negations(ast: UserInputAst) -> UserInputAst {
    match ast {
        UserInputAst::Clause(children) => {
            let mut out = Vec::with_capacity(children.len());
            for (occur, child) in children {
                match (occur, fix_negations(child)) {
                    (None | Some(Occur::Must), UserInputAst::Clause(inner))
                        if all_negative(&inner) =>
                    {
                        out.extend(inner);
                    }
                    (occur, UserInputAst::Clause(mut inner)) if all_negative(&inner) => {
                        inner.push((Some(Occur::Must), UserInputAst::from(UserInputLeaf::All)));
                        out.push((occur, UserInputAst::Clause(inner)));
                    }
                    (occur, child) => out.push((occur, child)),
                }
            }
            UserInputAst::Clause(out)
        }
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(fix_negations(*inner)), boost)
        }
        leaf => leaf,
    }
}

/// A one-line explanation of why tantivy rejected a query it could parse.
fn explain(err: &QueryParserError) -> String {
    let fields = schema::SEARCHABLE.join(", ");
    match err {
        QueryParserError::FieldDoesNotExist(field) => format!(
            "unknown field \"{field}\" (a word followed by ':' names a field; put text with a \
             colon in quotes; fields: {fields})"
        ),
        QueryParserError::FieldNotIndexed(field) => {
            format!("field \"{field}\" cannot be searched (fields: {fields})")
        }
        QueryParserError::FieldDoesNotHavePositionsIndexed(field) => {
            format!("field \"{field}\" holds exact values, so phrases cannot be searched in it")
        }
        QueryParserError::ExpectedBool(_) => {
            "expected true or false after \"recommendation:\"".into()
        }
        QueryParserError::ExpectedInt(_) => "expected a whole number after \"seq:\"".into(),
        QueryParserError::AllButQueryForbidden => {
            "the query only excludes terms; add a term to search for".into()
        }
        other => other.to_string(),
    }
}

/// What is wrong with a query tantivy's grammar rejected.
fn diagnose_syntax(query: &str) -> String {
    let mut depth: i64 = 0;
    let mut in_quote = false;
    let mut escaped = false;
    for c in query.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote => {
                depth -= 1;
                if depth < 0 {
                    return "unbalanced parenthesis: a ')' has no matching '('".into();
                }
            }
            _ => {}
        }
    }
    if in_quote {
        return "unbalanced quotes: a phrase's closing '\"' is missing".into();
    }
    if depth > 0 {
        return "unbalanced parenthesis: a '(' is not closed".into();
    }
    let words: Vec<&str> = query.split_whitespace().collect();
    let operator = |w: &str| matches!(w, "AND" | "OR" | "NOT" | "&&" | "||");
    if let Some(last) = words.last().filter(|w| operator(w)) {
        return format!("\"{last}\" at the end needs a term after it");
    }
    if let Some(first) = words
        .first()
        .filter(|w| matches!(**w, "AND" | "OR" | "&&" | "||"))
    {
        return format!("\"{first}\" at the start needs a term before it");
    }
    if let Some(pair) = words
        .windows(2)
        .find(|w| operator(w[0]) && matches!(w[1], "AND" | "OR"))
    {
        return format!("\"{} {}\": two operators in a row", pair[0], pair[1]);
    }
    let (_, errors) = tantivy::query_grammar::parse_query_lenient(query);
    match errors.first() {
        Some(e) => format!("{} at position {}", e.message, e.pos),
        None => "syntax error".into(),
    }
}
