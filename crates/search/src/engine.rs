//! Answering a query from the index's files, fetching as little as it can.
//!
//! The engine does no I/O. [`Engine::search`] either answers from the files
//! it is given, or says which files it needs next ([`Step::Need`]); the
//! caller fetches them (all at once: they are independent), adds them to
//! its [`FileStore`], and asks again. Asking again is cheap: decoding a few
//! KB of varints. The first page of a one-term query takes two rounds: the
//! dictionary shard (which holds a long list's newest docs, its head), then
//! the result records; a query of several long lists may need a third, for
//! their blocks.
//!
//! How a query is answered:
//!
//! 1. Each term becomes index terms: a CJK run of up to [`CJK_GRAM`]
//!    characters is itself a term, a longer one its pieces of that length; a
//!    word is its prefix term (cut to [`PREFIX_CHARS`]); a phrase, the terms
//!    of its runs. Filters add their own terms.
//! 2. The posts that have every index term are the *candidates*, found by
//!    walking the shortest list, newest first, and looking each doc up in
//!    the others (in their heads, or in the only blocks that could hold it).
//! 3. Where the index terms do not already say the query matches (a CJK run
//!    longer than [`CJK_GRAM`], a long word, a phrase), each candidate's record is
//!    fetched and checked against the query ([`Query::matches`]) before it is
//!    counted. Records are needed anyway for the results shown.
//!
//! In relevance order ([`Order::Relevance`]) every match must be known to
//! rank them, so the lists are read to the end, and each match is scored
//! ([`Relevance`]): from the lists' weights when the index terms are the
//! query's terms, from its record when candidates are checked anyway.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::ops::Range;

use crate::format::{
    block_path, block_weights_path, doc_path, filter_term, is_filter_term, shard_path, shard_weights_path,
    term_key, DocRecord, Manifest, Postings, Reader, TermEntry, Weight, BLOCK_DOCS, CJK_GRAM, PREFIX_CHARS,
};
use crate::query::{DocText, Query, Relevance, Term};
use crate::text::{class, Class, SearchText};

/// Results per page.
pub const PAGE_SIZE: usize = 10;
/// Characters of context on each side of the first match in an excerpt.
pub const EXCERPT_CONTEXT: usize = 60;

/// Files fetched so far: their bytes, or `None` for a file the server did
/// not have.
#[derive(Debug, Clone, Default)]
pub struct FileStore {
    files: HashMap<String, Option<Vec<u8>>>,
}

impl FileStore {
    /// An empty store.
    pub fn new() -> Self {
        FileStore::default()
    }

    /// Adds a fetched file (`None`: not found).
    pub fn insert(&mut self, path: String, bytes: Option<Vec<u8>>) {
        self.files.insert(path, bytes);
    }

    fn get(&self, path: &str) -> Option<&Option<Vec<u8>>> {
        self.files.get(path)
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// What narrows a search: the same filters as the archive's lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// Only posts in this category.
    pub category: Option<String>,
    /// Only posts with every one of these tags.
    pub all_tags: Vec<String>,
    /// Only posts with at least one of these tags.
    pub any_tags: Vec<String>,
    /// Only posts of this year (in each post's own offset).
    pub year: Option<i32>,
    /// Only posts of this month of `year`.
    pub month: Option<u32>,
}

/// The order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Newest first: the archive's order.
    #[default]
    Newest,
    /// Most relevant first ([`Relevance`]): posts with more of the query's
    /// terms in their title, then those where they occur more often; newest
    /// first among equals.
    Relevance,
}

/// Records fetched in one round while relevance order checks candidates.
const RECORDS_PER_ROUND: usize = 256;

/// A search to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query.
    pub query: Query,
    /// The filters.
    pub filter: SearchFilter,
    /// The page of results, from 1.
    pub page: usize,
    /// Results per page ([`PAGE_SIZE`] in the viewer).
    pub per_page: usize,
    /// The order of results.
    pub order: Order,
}

/// How many posts match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Exactly this many.
    Exact(usize),
    /// At least this many: the index cannot know more without reading
    /// further.
    AtLeast(usize),
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The post's number in the archive's order (0: newest).
    pub doc: u32,
    /// What the index keeps of the post (its `text` is cleared: the excerpt
    /// is what a result shows).
    pub record: DocRecord,
    /// Byte ranges of `record.title` to mark.
    pub title_marks: Vec<Range<usize>>,
    /// Text around the first match in the body (or its start).
    pub excerpt: String,
    /// Byte ranges of `excerpt` to mark.
    pub excerpt_marks: Vec<Range<usize>>,
    /// Whether the excerpt starts after the start of the body.
    pub excerpt_cut_before: bool,
    /// Whether it ends before the end of the body.
    pub excerpt_cut_after: bool,
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The page's results, in the order asked for.
    pub hits: Vec<Hit>,
    /// How many posts match in all.
    pub count: Count,
    /// Whether part of the query was ignored.
    pub truncated: bool,
}

/// The engine's next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Fetch these files (paths in the index folder) and ask again.
    Need(Vec<String>),
    /// The answer.
    Done(Answer),
}

/// What can go wrong: a broken index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("search index file {path}: {message}")]
pub struct EngineError {
    /// The file.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

/// The search engine of one index.
#[derive(Debug, Clone)]
pub struct Engine {
    manifest: Manifest,
}

/// One list the candidates must be in: a term's, or any of several (a tag
/// filter of `any`).
#[derive(Debug)]
struct Requirement {
    alternatives: Vec<TermEntry>,
    /// For each alternative, how many weights come before its own in its
    /// shard's weights file.
    weights_at: Vec<usize>,
}

impl Requirement {
    fn docs(&self) -> usize {
        self.alternatives.iter().map(|a| a.docs as usize).sum()
    }
}

/// A membership question the engine could not answer yet.
enum Lookup {
    Yes,
    No,
    Missing(String),
}

impl Engine {
    /// The engine for the index whose manifest this is.
    pub fn new(manifest: Manifest) -> Engine {
        Engine { manifest }
    }

    /// The index's manifest.
    pub fn manifest(&self) -> Manifest {
        self.manifest
    }

    /// Answers `request` from `files`, or names the files it needs.
    ///
    /// # Errors
    ///
    /// A malformed or missing index file.
    pub fn search(&self, request: &SearchRequest, files: &FileStore) -> Result<Step, EngineError> {
        let query = &request.query;
        let empty = Answer { hits: Vec::new(), count: Count::Exact(0), truncated: query.truncated() };
        if query.is_empty() {
            return Ok(Step::Done(empty));
        }
        let (groups, verify) = index_terms(query, &request.filter);
        // Relevance order scores by the lists' weights where nothing is
        // checked against records.
        let weighed = request.order == Order::Relevance && !verify;
        // 1. The dictionary entries.
        // Few files per round: a list is smaller code than a set.
        let mut need: Vec<String> = Vec::new();
        let mut requirements = Vec::with_capacity(groups.len());
        for group in &groups {
            let mut alternatives = Vec::with_capacity(group.len());
            let mut weights_at = Vec::with_capacity(group.len());
            for term in group {
                let shard = self.manifest.shard_of(term_key(term));
                if weighed && !is_filter_term(term) && files.get(&shard_weights_path(shard)).is_none() {
                    add_needed(&mut need, shard_weights_path(shard));
                }
                let path = shard_path(shard);
                match files.get(&path) {
                    None => {
                        add_needed(&mut need, path);
                    }
                    Some(None) => return Err(EngineError { path, message: "not found".into() }),
                    Some(Some(bytes)) => {
                        if let Some((entry, at)) = TermEntry::find_with_weights_at(bytes, term)
                            .map_err(|message| EngineError { path, message })?
                        {
                            alternatives.push(entry);
                            weights_at.push(at);
                        }
                    }
                }
            }
            requirements.push(Requirement { alternatives, weights_at });
        }
        if !need.is_empty() {
            return Ok(Step::Need(need));
        }
        if requirements.iter().any(|r| r.alternatives.is_empty()) {
            return Ok(Step::Done(empty));
        }
        // 2. Walk the shortest single list; an `any` group never leads.
        // An insertion sort: a query has a dozen lists at most, and the wasm
        // module is smaller without a general sort (its size is a budget).
        let lead = |r: &Requirement| (r.alternatives.len() != 1, r.docs());
        for i in 1..requirements.len() {
            let mut j = i;
            while j > 0 && lead(&requirements[j]) < lead(&requirements[j - 1]) {
                requirements.swap(j, j - 1);
                j -= 1;
            }
        }
        let (driver, others) = requirements.split_first().expect("a query has terms");
        let driver = &driver.alternatives[0];
        let per_page = request.per_page.max(1);
        let wanted_end = request.page.max(1) * per_page;
        let wanted_start = wanted_end - per_page;
        // Relevance order ranks every match: the walk goes to the end of the
        // lists, fetching all the driver's blocks in one round and, in the
        // next, every other list's block its docs fall in (with the weights
        // of the text terms' blocks, when those score).
        let relevance = request.order == Order::Relevance;
        let limit = if relevance { usize::MAX } else { wanted_end };
        let wants_weights = |entry: &TermEntry| weighed && !is_filter_term(&entry.term);
        if relevance {
            if let Postings::Blocks { firsts, .. } = &driver.postings {
                let key = term_key(&driver.term);
                for n in 0..firsts.len() {
                    if files.get(&block_path(key, n)).is_none() {
                        add_needed(&mut need, block_path(key, n));
                        if wants_weights(driver) {
                            add_needed(&mut need, block_weights_path(key, n));
                        }
                    }
                }
            }
            if !need.is_empty() {
                return Ok(Step::Need(need));
            }
        }
        let mut blocks = BlockCache::new();
        // In relevance order, the candidates, checked after the walk.
        let mut matched: Vec<u32> = Vec::new();
        // Candidates whose records are being fetched: nothing after the
        // first of them can be placed until they are checked.
        let mut unchecked = 0;
        let mut exhausted = true;
        let mut walk = DriverWalk::new(driver, files);
        'walk: loop {
            let page_full = matched.len() >= limit;
            let doc = match walk.next_doc() {
                Ok(Some(doc)) => doc,
                Ok(None) => break,
                Err(Missing::File(path)) => {
                    exhausted = false;
                    if !page_full {
                        add_needed(&mut need, path);
                    }
                    break;
                }
                Err(Missing::Broken(e)) => return Err(e),
            };
            let mut known = true;
            for requirement in others {
                match member(requirement, doc, files, &mut blocks, !weighed)? {
                    Lookup::Yes => {}
                    Lookup::No => continue 'walk,
                    Lookup::Missing(path) => {
                        exhausted = false;
                        if page_full {
                            break 'walk;
                        }
                        add_needed(&mut need, path);
                        if !relevance {
                            break 'walk;
                        }
                        // Name every list's missing block in this round.
                        known = false;
                        if let (Some(n), [entry]) =
                            (block_of(&requirement.alternatives[0], doc), &*requirement.alternatives)
                        {
                            if wants_weights(entry) {
                                add_needed(&mut need, block_weights_path(term_key(&entry.term), n));
                            }
                        }
                    }
                }
            }
            if !known {
                continue;
            }
            if !verify || relevance {
                matched.push(doc);
                continue;
            }
            if page_full {
                // More would cost records; the count stays a lower bound.
                exhausted = false;
                break;
            }
            let path = doc_path(doc);
            match files.get(&path) {
                None => {
                    // Fetch the records of the next candidates together.
                    exhausted = false;
                    add_needed(&mut need, path);
                    unchecked += 1;
                    if unchecked >= per_page.min(PAGE_SIZE * 4) {
                        break;
                    }
                }
                Some(None) => return Err(EngineError { path, message: "not found".into() }),
                Some(Some(_)) if unchecked > 0 => {}
                Some(Some(bytes)) => {
                    let record = parse_record(&path, bytes)?;
                    if query.matches(&DocText::new(&record.title, &record.text)) {
                        matched.push(doc);
                    }
                }
            }
        }
        if !need.is_empty() {
            return Ok(Step::Need(need));
        }
        if relevance {
            let mut scores: Vec<Relevance> = Vec::with_capacity(matched.len());
            if verify {
                // Every candidate's record, a few hundred a round, and then
                // each read once: checked, and scored from its text.
                need.extend(
                    matched
                        .iter()
                        .map(|&d| doc_path(d))
                        .filter(|p| files.get(p).is_none())
                        .take(RECORDS_PER_ROUND),
                );
                if !need.is_empty() {
                    return Ok(Step::Need(need));
                }
                let mut checked = Vec::with_capacity(matched.len());
                for &doc in &matched {
                    let path = doc_path(doc);
                    let Some(Some(bytes)) = files.get(&path) else {
                        return Err(EngineError { path, message: "not found".into() });
                    };
                    let record = parse_record(&path, bytes)?;
                    let text = DocText::new(&record.title, &record.text);
                    if query.matches(&text) {
                        checked.push(doc);
                        scores.push(query.relevance(&text));
                    }
                }
                matched = checked;
            } else {
                // Scores from the weights, where nothing is checked.
                let mut weights = WeightCache::new();
                for &doc in &matched {
                    let mut score = Relevance::default();
                    for requirement in &requirements {
                        let [entry] = &*requirement.alternatives else { continue };
                        if !wants_weights(entry) {
                            continue;
                        }
                        let at = requirement.weights_at[0];
                        match weight(entry, at, doc, self.manifest, files, &mut blocks, &mut weights)? {
                            Ok(weight) => score.add(weight.in_title(), weight.occurrences()),
                            Err(path) => add_needed(&mut need, path),
                        }
                    }
                    scores.push(score);
                }
                if !need.is_empty() {
                    return Ok(Step::Need(need));
                }
            }
            // The best `wanted_end`, in order: the page needs no more, and
            // keeping them sorted by insertion is far less code in the wasm
            // module than a sort (the module's size is a budget).
            let mut ranked: Vec<u64> = Vec::with_capacity(wanted_end.min(matched.len()));
            for (&score, &doc) in scores.iter().zip(&matched) {
                let key = rank_key(score, doc);
                let at = ranked.partition_point(|&k| k < key);
                if at < wanted_end {
                    ranked.insert(at, key);
                    ranked.truncate(wanted_end);
                }
            }
            let count = matched.len();
            // Only the ranks up to this page are known; the count is all.
            matched = ranked.into_iter().map(|k| k as u32).collect();
            let page: Vec<u32> = matched.iter().skip(wanted_start).copied().collect();
            return page_answer(files, &page, query, Count::Exact(count));
        }
        let page: Vec<u32> = matched.iter().skip(wanted_start).take(per_page).copied().collect();
        let count = if exhausted { Count::Exact(matched.len()) } else { Count::AtLeast(matched.len()) };
        let count = match count {
            // One list, nothing to check: its length is the count.
            Count::AtLeast(_) if others.is_empty() && !verify => Count::Exact(driver.docs as usize),
            c => c,
        };
        page_answer(files, &page, query, count)
    }
}

/// 3. The page's records, or the answer.
fn page_answer(files: &FileStore, page: &[u32], query: &Query, count: Count) -> Result<Step, EngineError> {
    let missing: Vec<String> = page.iter().map(|&d| doc_path(d)).filter(|p| files.get(p).is_none()).collect();
    if !missing.is_empty() {
        return Ok(Step::Need(missing));
    }
    let mut hits = Vec::with_capacity(page.len());
    for &doc in page {
        let path = doc_path(doc);
        let Some(Some(bytes)) = files.get(&path) else {
            return Err(EngineError { path, message: "not found".into() });
        };
        hits.push(hit(doc, parse_record(&path, bytes)?, query));
    }
    Ok(Step::Done(Answer { hits, count, truncated: query.truncated() }))
}

/// A number that orders more relevant posts first, and newer ones first
/// among equals: the order of [`Relevance`] reversed, then the doc. Plain
/// numbers compare in less code in the wasm module than a key of fields.
/// (Occurrences past 2^24 rank as 2^24: no post is that long.)
fn rank_key(relevance: Relevance, doc: u32) -> u64 {
    let title = u64::from(255 - relevance.title_terms.min(255));
    let occurrences = u64::from((1 << 24) - 1 - relevance.occurrences.min((1 << 24) - 1));
    (title << 56) | (occurrences << 32) | u64::from(doc)
}

/// The block of a blocked list that would hold `doc`.
fn block_of(entry: &TermEntry, doc: u32) -> Option<usize> {
    match &entry.postings {
        Postings::Inline(_) => None,
        Postings::Blocks { firsts, .. } => match firsts.binary_search(&doc) {
            Ok(n) => Some(n),
            Err(0) => None,
            Err(i) => Some(i - 1),
        },
    }
}

/// Weights decoded during one search, by term key and block number
/// (`usize::MAX`: an inline list's): the values of [`Weight`]s, in the same
/// kind of map as [`BlockCache`], which costs the wasm module no more code.
type WeightCache = BlockCache;

/// The weight of `doc` (which is in the list) in a term's list, or the file
/// that holds it, to fetch.
#[allow(clippy::too_many_arguments)]
fn weight(
    entry: &TermEntry,
    weights_at: usize,
    doc: u32,
    manifest: Manifest,
    files: &FileStore,
    blocks: &mut BlockCache,
    cache: &mut WeightCache,
) -> Result<Result<Weight, String>, EngineError> {
    let key = term_key(&entry.term);
    let (slot, path, skip, count, position) = match &entry.postings {
        Postings::Inline(docs) => {
            let Ok(position) = docs.binary_search(&doc) else { return Ok(Ok(Weight::default())) };
            // An inline list's weights are a slice of its shard's file.
            let path = shard_weights_path(manifest.shard_of(key));
            ((key, usize::MAX), path, weights_at, docs.len(), position)
        }
        Postings::Blocks { .. } => {
            let Some(n) = block_of(entry, doc) else { return Ok(Ok(Weight::default())) };
            if let Entry::Vacant(vacant) = blocks.entry((key, n)) {
                match block_docs(entry, n, files) {
                    Ok(docs) => {
                        vacant.insert(docs);
                    }
                    Err(Missing::File(path)) => return Ok(Err(path)),
                    Err(Missing::Broken(e)) => return Err(e),
                }
            }
            let docs = &blocks[&(key, n)];
            let Ok(position) = docs.binary_search(&doc) else { return Ok(Ok(Weight::default())) };
            ((key, n), block_weights_path(key, n), 0, docs.len(), position)
        }
    };
    if let Entry::Vacant(vacant) = cache.entry(slot) {
        let Some(file) = files.get(&path) else { return Ok(Err(path)) };
        let Some(bytes) = file else { return Err(EngineError { path, message: "not found".into() }) };
        let weights =
            Reader::new(bytes).weights(skip, count).map_err(|message| EngineError { path, message })?;
        vacant.insert(weights);
    }
    Ok(Ok(Weight(cache[&slot][position])))
}

/// Adds `path` to the files a round needs, once.
fn add_needed(need: &mut Vec<String>, path: String) {
    if !need.contains(&path) {
        need.push(path);
    }
}

/// The index terms of a query and its filters, as groups (a post must have
/// a term of every group), and whether candidates must be checked.
fn index_terms(query: &Query, filter: &SearchFilter) -> (Vec<Vec<String>>, bool) {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut verify = false;
    let add = |term: String, groups: &mut Vec<Vec<String>>| {
        if !groups.iter().any(|g| g.len() == 1 && g[0] == term) {
            groups.push(vec![term]);
        }
    };
    for term in query.terms() {
        match term {
            Term::Cjk(chars) => {
                verify |= cjk_terms(chars, &mut |t| add(t, &mut groups));
            }
            Term::Prefix(chars) => {
                verify |= chars.len() > PREFIX_CHARS;
                add(chars.iter().take(PREFIX_CHARS).collect(), &mut groups);
            }
            Term::Phrase(chars) => {
                verify = true;
                let text = SearchText::new(&chars.iter().collect::<String>());
                for (kind, run) in text.runs() {
                    let run = &text.chars()[run];
                    match kind {
                        Class::Cjk => {
                            cjk_terms(run, &mut |t| add(t, &mut groups));
                        }
                        Class::Word => add(run.iter().take(PREFIX_CHARS).collect(), &mut groups),
                        Class::Other => {}
                    }
                }
            }
        }
    }
    if let Some(category) = &filter.category {
        add(filter_term('c', category), &mut groups);
    }
    for tag in &filter.all_tags {
        add(filter_term('t', tag), &mut groups);
    }
    if !filter.any_tags.is_empty() {
        groups.push(filter.any_tags.iter().map(|t| filter_term('t', t)).collect());
    }
    match (filter.year, filter.month) {
        (Some(year), Some(month)) => add(filter_term('m', &format!("{year}-{month:02}")), &mut groups),
        (Some(year), None) => add(filter_term('y', &year.to_string()), &mut groups),
        _ => {}
    }
    (groups, verify)
}

/// The index terms of a CJK run; whether a post that has them all must
/// still be checked.
fn cjk_terms(chars: &[char], add: &mut impl FnMut(String)) -> bool {
    if chars.len() <= CJK_GRAM {
        add(chars.iter().collect());
        return false;
    }
    for gram in chars.windows(CJK_GRAM) {
        add(gram.iter().collect());
    }
    true
}

enum Missing {
    File(String),
    Broken(EngineError),
}

/// The driver list's docs, in order: the head from the dictionary, then
/// block by block (block 0 from where the head ends).
struct DriverWalk<'a> {
    entry: &'a TermEntry,
    files: &'a FileStore,
    /// The next block to read.
    block: usize,
    docs: Vec<u32>,
    at: usize,
}

impl<'a> DriverWalk<'a> {
    fn new(entry: &'a TermEntry, files: &'a FileStore) -> Self {
        let (docs, block) = match &entry.postings {
            Postings::Inline(docs) => (docs.clone(), usize::MAX),
            Postings::Blocks { head, .. } => (head.clone(), 0),
        };
        DriverWalk { entry, files, block, docs, at: 0 }
    }

    fn next_doc(&mut self) -> Result<Option<u32>, Missing> {
        loop {
            if let Some(&doc) = self.docs.get(self.at) {
                self.at += 1;
                return Ok(Some(doc));
            }
            let Postings::Blocks { firsts, head } = &self.entry.postings else { return Ok(None) };
            if self.block >= firsts.len() {
                return Ok(None);
            }
            self.docs = block_docs(self.entry, self.block, self.files)?;
            // The head was walked: block 0 goes on after it.
            self.at = if self.block == 0 { head.len() } else { 0 };
            self.block += 1;
        }
    }
}

/// The docs of block `n` of a term's list.
fn block_docs(entry: &TermEntry, n: usize, files: &FileStore) -> Result<Vec<u32>, Missing> {
    let key = term_key(&entry.term);
    let path = block_path(key, n);
    let Some(file) = files.get(&path) else { return Err(Missing::File(path)) };
    let Some(bytes) = file else {
        return Err(Missing::Broken(EngineError { path, message: "not found".into() }));
    };
    let count = (entry.docs as usize).saturating_sub(n * BLOCK_DOCS).min(BLOCK_DOCS);
    Reader::new(bytes).deltas(count, 0).map_err(|message| Missing::Broken(EngineError { path, message }))
}

/// Blocks decoded during one search, by term key and block number.
type BlockCache = HashMap<(u64, usize), Vec<u32>>;

/// Whether `doc` is in one of the requirement's lists, from their heads
/// where `heads` allows. (Relevance scored from weights does not use them:
/// it needs the block a doc is in for its weight anyway, and fetching it in
/// the walk's round, with its weights, saves the rounds after.)
fn member(
    requirement: &Requirement,
    doc: u32,
    files: &FileStore,
    blocks: &mut BlockCache,
    heads: bool,
) -> Result<Lookup, EngineError> {
    for entry in &requirement.alternatives {
        let found = match &entry.postings {
            Postings::Inline(docs) => docs.binary_search(&doc).is_ok(),
            // The newest docs are in the head: no block is needed for them.
            Postings::Blocks { head, .. } if heads && head.last().is_some_and(|&last| doc <= last) => {
                head.binary_search(&doc).is_ok()
            }
            Postings::Blocks { firsts, .. } => {
                let n = match firsts.binary_search(&doc) {
                    Ok(_) => {
                        return Ok(Lookup::Yes);
                    }
                    Err(0) => continue,
                    Err(i) => i - 1,
                };
                let slot = (term_key(&entry.term), n);
                if let Entry::Vacant(vacant) = blocks.entry(slot) {
                    match block_docs(entry, n, files) {
                        Ok(docs) => {
                            vacant.insert(docs);
                        }
                        Err(Missing::File(path)) => return Ok(Lookup::Missing(path)),
                        Err(Missing::Broken(e)) => return Err(e),
                    }
                }
                blocks[&slot].binary_search(&doc).is_ok()
            }
        };
        if found {
            return Ok(Lookup::Yes);
        }
    }
    Ok(Lookup::No)
}

fn parse_record(path: &str, bytes: &[u8]) -> Result<DocRecord, EngineError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| EngineError { path: path.into(), message: "not UTF-8".into() })?;
    DocRecord::parse(text).map_err(|message| EngineError { path: path.into(), message })
}

/// A result: the record, with the title's matches and an excerpt around
/// the body's first match.
fn hit(doc: u32, mut record: DocRecord, query: &Query) -> Hit {
    let title = SearchText::new(&record.title);
    let title_marks = query.highlights(&title).into_iter().map(|r| title.origin(r)).collect();
    let body = SearchText::new(&record.text);
    let marks = query.highlights(&body);
    let (excerpt, excerpt_marks, cut_before, cut_after) = excerpt(&record.text, &body, &marks);
    record.text = String::new();
    Hit {
        doc,
        record,
        title_marks,
        excerpt,
        excerpt_marks,
        excerpt_cut_before: cut_before,
        excerpt_cut_after: cut_after,
    }
}

/// About [`EXCERPT_CONTEXT`] characters either side of the first match
/// (or the start of the text), with the matches inside it.
fn excerpt(text: &str, body: &SearchText, marks: &[Range<usize>]) -> (String, Vec<Range<usize>>, bool, bool) {
    if body.is_empty() {
        return (String::new(), Vec::new(), false, false);
    }
    let first = marks.first().cloned().unwrap_or(0..0);
    let start_char = first.start.saturating_sub(EXCERPT_CONTEXT);
    let end_char = (first.end + EXCERPT_CONTEXT).max(start_char + 2 * EXCERPT_CONTEXT).min(body.len());
    let span = body.origin(start_char..end_char);
    let mut start = span.start;
    let end = span.end;
    // Start at a word's start where the text has words.
    if start > 0 && class(body.chars()[start_char]) == Class::Word {
        if let Some(space) = text[start..end].find(' ') {
            if space < 20 {
                start += space + 1;
            }
        }
    }
    let snippet = text[start..end].to_owned();
    let marks = marks
        .iter()
        .map(|r| body.origin(r.clone()))
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start..r.end - start)
        .collect();
    (snippet, marks, start > 0, end < text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_centre_the_first_match_and_mark_it() {
        let text = format!("{}提供支持{}", "前".repeat(100), "后".repeat(100));
        let body = SearchText::new(&text);
        let query = Query::parse("提供支持");
        let (snippet, marks, before, after) = excerpt(&text, &body, &query.highlights(&body));
        assert!(before && after);
        assert_eq!(marks.len(), 1);
        assert_eq!(&snippet[marks[0].clone()], "提供支持");
        assert_eq!(snippet.chars().count(), 4 + 2 * EXCERPT_CONTEXT);
    }

    #[test]
    fn filters_become_index_terms() {
        let filter = SearchFilter {
            category: Some("news".into()),
            any_tags: vec!["a".into(), "b".into()],
            year: Some(2022),
            month: Some(1),
            ..SearchFilter::default()
        };
        let (groups, verify) = index_terms(&Query::parse("提供支持的 ruby"), &filter);
        assert!(verify);
        // 提供支持, 供支持的; ruby; the category, the tags, the month.
        assert_eq!(groups.len(), 2 + 1 + 1 + 1 + 1);
        assert!(groups.contains(&vec![filter_term('m', "2022-01")]));
        assert!(groups.contains(&vec![filter_term('t', "a"), filter_term('t', "b")]));
        let (_, verify) = index_terms(&Query::parse("华夏 ruby 无障碍 提供支持"), &SearchFilter::default());
        assert!(!verify, "runs of up to four and short words are exact");
    }
}
