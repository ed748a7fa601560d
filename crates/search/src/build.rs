//! Writing the index: posts go in one at a time, newest first, and the
//! builder's memory stays within a budget at any archive size.
//!
//! Each post's terms are appended to their posting lists in memory, as
//! deltas. When the lists outgrow the budget they are written out, sorted
//! by term key, as a *run* in a temporary file, and memory starts again. At
//! the end the runs are merged (a k-way merge by key, the runs in doc
//! order, so each list is the concatenation of its parts), long lists are
//! cut into block files, and the dictionary is written out and then split
//! into shards of about [`SHARD_BYTES`].

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashMap};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::thread;

use folio_core::Fnv1a;

use crate::format::{
    block_path, block_weights_path, doc_path, filter_term, is_filter_term, put_deltas, put_varint,
    shard_path, shard_weights_path, DocRecord, Manifest, Postings, TermEntry, Weight, BLOCK_DOCS, CJK_GRAM,
    HEAD_DOCS, INLINE_DOCS, MANIFEST_FILE, PREFIX_CHARS, SHARD_BYTES,
};
use crate::query::DocText;
use crate::text::{Class, SearchText};

/// The memory the builder's posting lists may take before they are
/// written out as a run.
pub const DEFAULT_MEMORY_BUDGET: usize = 384 * 1024 * 1024;

/// What can go wrong while writing an index.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A file could not be written or read back.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Two terms share a 64-bit key: the index could not tell them apart.
    #[error("the search terms {first:?} and {second:?} share the key {key:016x}")]
    KeyCollision {
        /// The key.
        key: u64,
        /// One term.
        first: String,
        /// The other.
        second: String,
    },
    /// Posts were given out of order.
    #[error("post {got} was given where post {expected} was expected")]
    OutOfOrder {
        /// The doc number expected.
        expected: u32,
        /// The one given.
        got: u32,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> BuildError + '_ {
    move |source| BuildError::Io { path: path.to_owned(), source }
}

/// One term's list while posts go in.
#[derive(Debug)]
struct TermList {
    term: Box<str>,
    /// A second hash of the term, which tells two terms of one key apart
    /// without comparing their text at every occurrence.
    check: u64,
    docs: u32,
    first: u32,
    last: u32,
    /// The docs after the first, as deltas.
    tail: Vec<u8>,
    /// Every doc's [`Weight`], as varints (none for a filter term).
    weights: Vec<u8>,
}

/// Bytes a new list costs beyond its term and deltas (the map's slot, the
/// struct, the allocations' headers), for the budget.
const LIST_OVERHEAD: usize = 96;

/// The part of `parts` that holds `key`'s list: keys are hashes, so the
/// top bits spread them evenly.
fn part_of(key: u64, parts: usize) -> usize {
    (((key >> 32) * parts as u64) >> 32) as usize
}

/// The lists of one part of the keys. Adding a chunk of posts gives each
/// part a thread of its own: a list's docs still come in order, and no two
/// threads touch one list.
#[derive(Debug, Default)]
struct Lists {
    map: HashMap<u64, TermList, KeyHasher>,
    /// Bytes held, for the budget.
    used: usize,
    /// Postings added, over every run.
    postings: u64,
}

impl Lists {
    /// Adds the terms of posts `first..` that belong to part `part` of
    /// `parts`.
    fn add_docs(
        &mut self,
        part: usize,
        parts: usize,
        first: u32,
        docs: &[PreparedDoc],
    ) -> Result<(), BuildError> {
        for (doc, prepared) in (first..).zip(docs) {
            for term in prepared.terms.iter().filter(|t| part_of(t.key, parts) == part) {
                self.add_term(doc, term, &prepared.text[term.start as usize..term.end as usize])?;
            }
        }
        Ok(())
    }

    fn add_term(&mut self, doc: u32, term: &DocTerm, text: &str) -> Result<(), BuildError> {
        match self.map.entry(term.key) {
            Entry::Vacant(slot) => {
                let mut weights = Vec::new();
                if !is_filter_term(text) {
                    put_varint(&mut weights, u64::from(term.weight.0));
                }
                self.used += LIST_OVERHEAD + text.len() + weights.capacity();
                slot.insert(TermList {
                    term: text.into(),
                    check: term.check,
                    docs: 1,
                    first: doc,
                    last: doc,
                    tail: Vec::new(),
                    weights,
                });
                self.postings += 1;
            }
            Entry::Occupied(mut slot) => {
                let list = slot.get_mut();
                if list.check != term.check {
                    return Err(BuildError::KeyCollision {
                        key: term.key,
                        first: list.term.to_string(),
                        second: text.to_owned(),
                    });
                }
                if list.last == doc {
                    return Ok(());
                }
                let before = list.tail.capacity() + list.weights.capacity();
                put_varint(&mut list.tail, u64::from(doc - list.last - 1));
                if !is_filter_term(text) {
                    put_varint(&mut list.weights, u64::from(term.weight.0));
                }
                self.used += list.tail.capacity() + list.weights.capacity() - before;
                list.last = doc;
                list.docs += 1;
                self.postings += 1;
            }
        }
        Ok(())
    }
}

/// What the builder wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSummary {
    /// The manifest.
    pub manifest: Manifest,
    /// Distinct terms.
    pub terms: u64,
    /// Postings (a term in a doc).
    pub postings: u64,
    /// Files written.
    pub files: u64,
    /// Bytes written.
    pub bytes: u64,
    /// Runs spilled to disk.
    pub runs: usize,
}

/// Writes the search index of an archive into a folder (normally
/// `search/` beside the bundle).
#[derive(Debug)]
pub struct IndexBuilder {
    dir: PathBuf,
    /// The lists, split by key ([`part_of`]).
    parts: Vec<Lists>,
    budget: usize,
    runs: Vec<PathBuf>,
    scratch: Option<tempfile::TempDir>,
    next_doc: u32,
    files: u64,
    bytes: u64,
}

impl IndexBuilder {
    /// A builder writing into `dir` (created if missing), spilling runs when
    /// its lists pass `memory_budget` bytes.
    ///
    /// # Errors
    ///
    /// The folder cannot be made.
    pub fn new(dir: &Path, memory_budget: usize) -> Result<IndexBuilder, BuildError> {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
        Ok(IndexBuilder {
            dir: dir.to_owned(),
            parts: (0..thread::available_parallelism().map_or(1, |n| n.get().min(8)))
                .map(|_| Lists::default())
                .collect(),
            budget: memory_budget.max(4096),
            runs: Vec::new(),
            scratch: None,
            next_doc: 0,
            files: 0,
            bytes: 0,
        })
    }

    /// Adds post number `doc` (0 for the newest, then in the archive's
    /// order): its terms and filter terms to the lists, and its record to
    /// `docs/`. `year` and `month` are those of its date in its own offset.
    ///
    /// # Errors
    ///
    /// A post out of order, a key collision, or a write failure.
    pub fn add(&mut self, doc: u32, record: &DocRecord, year: i32, month: u32) -> Result<(), BuildError> {
        let prepared = PreparedDoc::new(record, year, month);
        self.add_prepared(doc, &prepared)?;
        let bytes = write_record(&self.dir, doc, record)?;
        self.files += 1;
        self.bytes += bytes;
        Ok(())
    }

    /// Adds post number `doc`, normalised beforehand (in parallel, say), and
    /// whose record the caller writes with [`write_record`].
    ///
    /// # Errors
    ///
    /// A post out of order, a key collision, or a spill that fails.
    pub fn add_prepared(&mut self, doc: u32, prepared: &PreparedDoc) -> Result<(), BuildError> {
        self.add_prepared_chunk(doc, std::slice::from_ref(prepared))
    }

    /// Adds posts `first`, `first + 1`, … normalised beforehand, as
    /// [`IndexBuilder::add_prepared`] would one by one, with the lists' parts
    /// on threads of their own (a chunk of some hundred posts is worth it).
    ///
    /// # Errors
    ///
    /// Posts out of order, a key collision, or a spill that fails.
    pub fn add_prepared_chunk(&mut self, first: u32, docs: &[PreparedDoc]) -> Result<(), BuildError> {
        if first != self.next_doc {
            return Err(BuildError::OutOfOrder { expected: self.next_doc, got: first });
        }
        let parts = self.parts.len();
        if parts == 1 || docs.len() < 16 {
            for (part, lists) in self.parts.iter_mut().enumerate() {
                lists.add_docs(part, parts, first, docs)?;
            }
        } else {
            thread::scope(|scope| {
                let mut each = self.parts.iter_mut().enumerate();
                let (part, here) = each.next().expect("at least one part");
                let others: Vec<_> = each
                    .map(|(part, lists)| scope.spawn(move || lists.add_docs(part, parts, first, docs)))
                    .collect();
                let mut added = here.add_docs(part, parts, first, docs);
                for other in others {
                    let other = other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    added = added.and(other);
                }
                added
            })?;
        }
        self.next_doc = first + docs.len() as u32;
        if self.parts.iter().map(|p| p.used).sum::<usize>() > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Every list in memory, sorted by key (and term), leaving the parts
    /// empty.
    fn take_sorted(&mut self) -> Vec<(u64, TermList)> {
        let mut lists: Vec<(u64, TermList)> =
            Vec::with_capacity(self.parts.iter().map(|p| p.map.len()).sum());
        for part in &mut self.parts {
            lists.extend(part.map.drain());
            part.used = 0;
        }
        lists.sort_unstable_by(|a, b| (a.0, &a.1.term).cmp(&(b.0, &b.1.term)));
        lists
    }

    /// Counts a record written by [`write_record`] in the summary.
    pub fn count_record(&mut self, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
    }

    /// Writes the lists in memory to a run file, sorted by key.
    fn spill(&mut self) -> Result<(), BuildError> {
        if self.parts.iter().all(|p| p.map.is_empty()) {
            return Ok(());
        }
        if self.scratch.is_none() {
            let scratch = tempfile::Builder::new()
                .prefix(".runs-")
                .tempdir_in(&self.dir)
                .map_err(io_error(&self.dir))?;
            self.scratch = Some(scratch);
        }
        let scratch = self.scratch.as_ref().map(|s| s.path().to_owned()).unwrap_or_default();
        let path = scratch.join(format!("{}.run", self.runs.len()));
        let file = File::create(&path).map_err(io_error(&path))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let lists = self.take_sorted();
        let mut header = Vec::with_capacity(64);
        for (key, list) in &lists {
            header.clear();
            header.extend_from_slice(&key.to_le_bytes());
            put_varint(&mut header, list.term.len() as u64);
            header.extend_from_slice(list.term.as_bytes());
            for n in [list.docs, list.first, list.last] {
                put_varint(&mut header, u64::from(n));
            }
            put_varint(&mut header, list.tail.len() as u64);
            put_varint(&mut header, list.weights.len() as u64);
            out.write_all(&header).map_err(io_error(&path))?;
            out.write_all(&list.tail).map_err(io_error(&path))?;
            out.write_all(&list.weights).map_err(io_error(&path))?;
        }
        out.flush().map_err(io_error(&path))?;
        self.runs.push(path);
        Ok(())
    }

    /// Merges the lists, writes the posting blocks, the dictionary's shards
    /// and the manifest, and removes the runs.
    ///
    /// # Errors
    ///
    /// A key collision across runs, or a write failure.
    pub fn finish(mut self) -> Result<IndexSummary, BuildError> {
        let run_count = if self.runs.is_empty() { 0 } else { self.spill().map(|()| self.runs.len())? };
        let mut sources: Vec<Box<dyn Iterator<Item = Result<RunEntry, BuildError>>>> = Vec::new();
        if self.runs.is_empty() {
            let lists = self.take_sorted();
            sources.push(Box::new(lists.into_iter().map(|(key, l)| {
                Ok(RunEntry {
                    key,
                    term: l.term.into(),
                    docs: l.docs,
                    first: l.first,
                    last: l.last,
                    tail: l.tail,
                    weights: l.weights,
                })
            })));
        } else {
            for path in &self.runs {
                let file = File::open(path).map_err(io_error(path))?;
                sources.push(Box::new(RunReader {
                    path: path.clone(),
                    input: BufReader::with_capacity(1 << 20, file),
                }));
            }
        }
        // The dictionary, in key order, each entry after its key.
        let dict_path = self.dir.join(".dictionary");
        let dict_file = File::create(&dict_path).map_err(io_error(&dict_path))?;
        let mut dict = BufWriter::with_capacity(1 << 20, dict_file);
        let mut dict_bytes = 0usize;
        let mut terms = 0u64;
        let mut entry = Vec::new();
        let mut inline_weights = Vec::new();
        let mut merge = Merge::new(sources)?;
        while let Some((key, term, parts)) = merge.next_term()? {
            let docs = concatenate(&parts);
            terms += 1;
            inline_weights.clear();
            let postings = if docs.len() <= INLINE_DOCS {
                inline_weights.extend(parts.iter().flat_map(|p| p.weights.iter().copied()));
                Postings::Inline(docs.clone())
            } else {
                let mut firsts = Vec::with_capacity(docs.len().div_ceil(BLOCK_DOCS));
                for (n, block) in docs.chunks(BLOCK_DOCS).enumerate() {
                    firsts.push(block[0]);
                    let mut bytes = Vec::with_capacity(block.len() * 2);
                    put_deltas(&mut bytes, block, 0);
                    self.write_file(&block_path(key, n), &bytes)?;
                }
                // A filter term's parts have no weights: no files.
                for (n, weights) in weight_blocks(&parts).iter().enumerate() {
                    self.write_file(&block_weights_path(key, n), weights)?;
                }
                Postings::Blocks { firsts, head: docs[..HEAD_DOCS].to_vec() }
            };
            entry.clear();
            TermEntry { term, docs: docs.len() as u32, postings }.write(&mut entry);
            dict.write_all(&key.to_le_bytes()).map_err(io_error(&dict_path))?;
            put_varint_to(&mut dict, entry.len() as u64).map_err(io_error(&dict_path))?;
            dict.write_all(&entry).map_err(io_error(&dict_path))?;
            put_varint_to(&mut dict, inline_weights.len() as u64).map_err(io_error(&dict_path))?;
            dict.write_all(&inline_weights).map_err(io_error(&dict_path))?;
            dict_bytes += entry.len();
        }
        dict.flush().map_err(io_error(&dict_path))?;
        drop(dict);
        drop(merge);
        self.scratch = None;

        let mut shard_bits = 0;
        while shard_bits < 24 && dict_bytes >> shard_bits > SHARD_BYTES {
            shard_bits += 1;
        }
        let manifest = Manifest { docs: self.next_doc, shard_bits };
        self.write_shards(&dict_path, manifest)?;
        fs::remove_file(&dict_path).map_err(io_error(&dict_path))?;
        let manifest_path = self.dir.join(MANIFEST_FILE);
        let text = manifest.to_text();
        fs::write(&manifest_path, &text).map_err(io_error(&manifest_path))?;
        self.files += 1;
        self.bytes += text.len() as u64;
        Ok(IndexSummary {
            manifest,
            terms,
            postings: self.parts.iter().map(|p| p.postings).sum(),
            files: self.files,
            bytes: self.bytes,
            runs: run_count,
        })
    }

    /// Writes a file of the index (its folder made if missing) and counts it.
    fn write_file(&mut self, relative: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let path = self.dir.join(relative);
        match fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let folder = path.parent().unwrap_or(&self.dir);
                fs::create_dir_all(folder).map_err(io_error(folder))?;
                fs::write(&path, bytes).map_err(io_error(&path))?;
            }
            other => other.map_err(io_error(&path))?,
        }
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(())
    }

    /// Splits the dictionary into its shards and their weights files: every
    /// shard is written, an empty one as an empty file, so that a missing
    /// file is an error.
    fn write_shards(&mut self, dict_path: &Path, manifest: Manifest) -> Result<(), BuildError> {
        let folder = self.dir.join("terms");
        fs::create_dir_all(&folder).map_err(io_error(&folder))?;
        let file = File::open(dict_path).map_err(io_error(dict_path))?;
        let mut input = BufReader::with_capacity(1 << 20, file);
        let mut shard = 0u64;
        let mut bytes = Vec::with_capacity(SHARD_BYTES * 2);
        let mut weights = Vec::with_capacity(SHARD_BYTES);
        let shards = 1u64 << manifest.shard_bits;
        let flush = |this: &mut Self, shard: u64, bytes: &mut Vec<u8>, weights: &mut Vec<u8>| {
            this.write_file(&shard_path(shard), bytes)?;
            this.write_file(&shard_weights_path(shard), weights)?;
            bytes.clear();
            weights.clear();
            Ok::<(), BuildError>(())
        };
        loop {
            let mut key = [0u8; 8];
            match input.read_exact(&mut key) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
                Err(e) => return Err(io_error(dict_path)(e)),
            }
            let len = read_varint_from(&mut input).map_err(io_error(dict_path))?;
            let target = manifest.shard_of(u64::from_le_bytes(key));
            while shard < target {
                flush(self, shard, &mut bytes, &mut weights)?;
                shard += 1;
            }
            let start = bytes.len();
            bytes.resize(start + len as usize, 0);
            input.read_exact(&mut bytes[start..]).map_err(io_error(dict_path))?;
            let len = read_varint_from(&mut input).map_err(io_error(dict_path))?;
            let start = weights.len();
            weights.resize(start + len as usize, 0);
            input.read_exact(&mut weights[start..]).map_err(io_error(dict_path))?;
        }
        while shard < shards {
            flush(self, shard, &mut bytes, &mut weights)?;
            shard += 1;
        }
        Ok(())
    }
}

/// A post ready to be added: its distinct terms, normalised and hashed,
/// which is most of the work, and can be done on any thread.
#[derive(Debug, Clone)]
pub struct PreparedDoc {
    /// The terms' text, one after the other.
    text: String,
    /// The distinct terms, by key.
    terms: Vec<DocTerm>,
}

/// A term of a prepared post: its key, its check hash, where its text is
/// in [`PreparedDoc::text`], and how the post has it.
#[derive(Debug, Clone, Copy)]
struct DocTerm {
    key: u64,
    check: u64,
    start: u32,
    end: u32,
    weight: Weight,
}

impl PreparedDoc {
    /// Prepares the post of `record`, dated in `year` and `month`.
    pub fn new(record: &DocRecord, year: i32, month: u32) -> PreparedDoc {
        let doc = DocText::new(&record.title, &record.text);
        let mut prepared = PreparedDoc { text: String::new(), terms: Vec::with_capacity(doc.body.len() * 2) };
        // Each distinct term once, where it first occurs; later occurrences
        // only count in its weight.
        let mut seen: HashMap<u64, usize, KeyHasher> =
            HashMap::with_capacity_and_hasher(doc.body.len() * 2, KeyHasher);
        let mut add =
            |prepared: &mut PreparedDoc, term: &mut dyn Iterator<Item = char>, in_title: Option<bool>| {
                let start = prepared.text.len();
                prepared.text.extend(term);
                let bytes = &prepared.text.as_bytes()[start..];
                let key = Fnv1a::hash(bytes);
                let check = check_hash(bytes);
                let at = match seen.entry(key ^ check.rotate_left(17)) {
                    Entry::Occupied(slot) => {
                        prepared.text.truncate(start);
                        *slot.get()
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(prepared.terms.len());
                        let end = prepared.text.len() as u32;
                        let weight = Weight::default();
                        prepared.terms.push(DocTerm { key, check, start: start as u32, end, weight });
                        prepared.terms.len() - 1
                    }
                };
                if let Some(in_title) = in_title {
                    prepared.terms[at].weight.add(in_title);
                }
            };
        for (part, in_title) in [(&doc.title, true), (&doc.body, false)] {
            let _ = for_each_term(part, |chars| {
                add(&mut prepared, &mut chars.iter().copied(), Some(in_title));
                Ok::<(), ()>(())
            });
        }
        let mut filters: Vec<String> = Vec::with_capacity(record.categories.len() + record.tags.len() + 2);
        filters.extend(record.categories.iter().map(|c| filter_term('c', c)));
        filters.extend(record.tags.iter().map(|t| filter_term('t', t)));
        filters.push(filter_term('y', &year.to_string()));
        filters.push(filter_term('m', &format!("{year}-{month:02}")));
        for filter in &filters {
            add(&mut prepared, &mut filter.chars(), None);
        }
        // A chunk of prepared posts waits to be added while the next is
        // prepared: keep only what they hold.
        prepared.terms.shrink_to_fit();
        prepared.text.shrink_to_fit();
        prepared
    }
}

/// The second hash of a term: FNV-1a from another starting point, so that
/// two terms of one key (about one pair in 2^64) are told apart.
fn check_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0x8422_2325_cbf2_9ce4;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Keys are FNV hashes already: the map uses them as they are.
#[derive(Debug, Clone, Copy, Default)]
struct KeyHasher;

impl std::hash::BuildHasher for KeyHasher {
    type Hasher = KeyHash;
    fn build_hasher(&self) -> KeyHash {
        KeyHash(0)
    }
}

/// The hasher of [`KeyHasher`]: the key itself.
#[derive(Debug, Clone, Copy, Default)]
struct KeyHash(u64);

impl std::hash::Hasher for KeyHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 << 8) | u64::from(*byte);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Writes the record of post `doc` into the index folder `dir` (from any
/// thread). Returns its size.
///
/// # Errors
///
/// A write failure.
pub fn write_record(dir: &Path, doc: u32, record: &DocRecord) -> Result<u64, BuildError> {
    let path = dir.join(doc_path(doc));
    if let Some(folder) = path.parent() {
        if !folder.is_dir() {
            fs::create_dir_all(folder).map_err(io_error(folder))?;
        }
    }
    let bytes = record.to_text();
    fs::write(&path, bytes.as_bytes()).map_err(io_error(&path))?;
    Ok(bytes.len() as u64)
}

/// Calls `each` with every term of `text`: for each CJK run every substring
/// of 1 to [`CJK_GRAM`] characters; for each word its
/// prefixes of 1 to [`PREFIX_CHARS`] characters.
pub fn for_each_term<E>(text: &SearchText, mut each: impl FnMut(&[char]) -> Result<(), E>) -> Result<(), E> {
    let chars = text.chars();
    for (class, run) in text.runs() {
        let run = &chars[run];
        match class {
            Class::Cjk => {
                for i in 0..run.len() {
                    for n in 1..=CJK_GRAM.min(run.len() - i) {
                        each(&run[i..i + n])?;
                    }
                }
            }
            Class::Word => {
                for n in 1..=run.len().min(PREFIX_CHARS) {
                    each(&run[..n])?;
                }
            }
            Class::Other => {}
        }
    }
    Ok(())
}

/// One term's part of a run.
#[derive(Debug)]
struct RunEntry {
    key: u64,
    term: String,
    docs: u32,
    first: u32,
    last: u32,
    tail: Vec<u8>,
    weights: Vec<u8>,
}

/// The parts of a list, in doc order, as one ascending list.
fn concatenate(parts: &[RunEntry]) -> Vec<u32> {
    let mut docs = Vec::with_capacity(parts.iter().map(|p| p.docs as usize).sum());
    for part in parts {
        let mut doc = part.first;
        docs.push(doc);
        let mut reader = crate::format::Reader::new(&part.tail);
        while !reader.is_done() {
            // The builder wrote these; they cannot be malformed.
            let delta = reader.varint().unwrap_or(0) as u32;
            doc += delta + 1;
            docs.push(doc);
        }
        debug_assert_eq!(doc, part.last);
    }
    docs
}

/// The weights of a list's parts, one varint a doc, cut after every
/// [`BLOCK_DOCS`]: the bytes of each block's weights file, in order (none
/// for a filter term). The varints are cut where they end, not decoded.
fn weight_blocks(parts: &[RunEntry]) -> Vec<Vec<u8>> {
    let mut blocks = Vec::new();
    let mut block = Vec::new();
    let mut values = 0;
    for &byte in parts.iter().flat_map(|p| &p.weights) {
        block.push(byte);
        if byte < 0x80 {
            values += 1;
            if values == BLOCK_DOCS {
                blocks.push(std::mem::take(&mut block));
                values = 0;
            }
        }
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

/// Reads a run file back.
struct RunReader {
    path: PathBuf,
    input: BufReader<File>,
}

impl Iterator for RunReader {
    type Item = Result<RunEntry, BuildError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut key = [0u8; 8];
        match self.input.read_exact(&mut key) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return None,
            Err(e) => return Some(Err(io_error(&self.path)(e))),
        }
        let mut read = || -> io::Result<RunEntry> {
            let len = read_varint_from(&mut self.input)? as usize;
            let mut term = vec![0u8; len];
            self.input.read_exact(&mut term)?;
            let term = String::from_utf8(term).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            let docs = read_varint_from(&mut self.input)? as u32;
            let first = read_varint_from(&mut self.input)? as u32;
            let last = read_varint_from(&mut self.input)? as u32;
            let tail_len = read_varint_from(&mut self.input)? as usize;
            let weights_len = read_varint_from(&mut self.input)? as usize;
            let mut tail = vec![0u8; tail_len];
            self.input.read_exact(&mut tail)?;
            let mut weights = vec![0u8; weights_len];
            self.input.read_exact(&mut weights)?;
            Ok(RunEntry { key: u64::from_le_bytes(key), term, docs, first, last, tail, weights })
        };
        Some(read().map_err(io_error(&self.path)))
    }
}

type Source = Box<dyn Iterator<Item = Result<RunEntry, BuildError>>>;

/// A k-way merge of sorted runs, yielding each term with its parts in run
/// order.
struct Merge {
    sources: Vec<Source>,
    heads: Vec<Option<RunEntry>>,
    heap: BinaryHeap<Reverse<(u64, String, usize)>>,
}

impl Merge {
    fn new(mut sources: Vec<Source>) -> Result<Merge, BuildError> {
        let mut heads = Vec::with_capacity(sources.len());
        let mut heap = BinaryHeap::new();
        for (i, source) in sources.iter_mut().enumerate() {
            let head = source.next().transpose()?;
            if let Some(h) = &head {
                heap.push(Reverse((h.key, h.term.clone(), i)));
            }
            heads.push(head);
        }
        Ok(Merge { sources, heads, heap })
    }

    fn pop(&mut self, i: usize) -> Result<RunEntry, BuildError> {
        let entry = self.heads[i].take().expect("a head for every heap item");
        let next = self.sources[i].next().transpose()?;
        if let Some(n) = &next {
            self.heap.push(Reverse((n.key, n.term.clone(), i)));
        }
        self.heads[i] = next;
        Ok(entry)
    }

    #[allow(clippy::type_complexity)]
    fn next_term(&mut self) -> Result<Option<(u64, String, Vec<RunEntry>)>, BuildError> {
        let Some(Reverse((key, term, i))) = self.heap.pop() else { return Ok(None) };
        let mut parts = vec![self.pop(i)?];
        while let Some(Reverse((k, t, _))) = self.heap.peek() {
            if *k != key {
                break;
            }
            if *t != term {
                return Err(BuildError::KeyCollision { key, first: term, second: t.clone() });
            }
            let Some(Reverse((_, _, j))) = self.heap.pop() else { break };
            parts.push(self.pop(j)?);
        }
        // Runs hold consecutive ranges of docs: in run order, they are in
        // doc order.
        parts.sort_by_key(|p| p.first);
        Ok(Some((key, term, parts)))
    }
}

fn put_varint_to(out: &mut impl Write, value: u64) -> io::Result<()> {
    let mut buf = Vec::with_capacity(10);
    put_varint(&mut buf, value);
    out.write_all(&buf)
}

fn read_varint_from(input: &mut impl Read) -> io::Result<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let mut byte = [0u8];
        input.read_exact(&mut byte)?;
        value |= u64::from(byte[0] & 0x7f) << shift;
        if byte[0] < 0x80 {
            return Ok(value);
        }
    }
    Err(io::Error::new(io::ErrorKind::InvalidData, "a number is too long"))
}
