//! The search index's files, as bytes: the contract between the builder
//! (`folio build`) and the engine (the browser), written down in
//! `docs/search.md`.
//!
//! ```text
//! search/index.txt                      the manifest: format, version, counts, shard bits
//! search/terms/<shard>.bin              the dictionary, sharded by term key
//! search/terms/<shard>.w.bin            the weights of the shard's inline lists
//! search/postings/<kk>/<key>-<n>.bin    block n of a long posting list
//! search/postings/<kk>/<key>-<n>.w.bin  the weights of block n
//! search/docs/<doc % 256>/<doc>.txt     one post: what a result shows, and its text
//! ```
//!
//! A *weight* says how a post has a term: `occurrences * 2 + in_title`
//! ([`Weight`]). Only relevance order reads weights, so they are files of
//! their own, which the default order (newest first) never downloads. Filter
//! terms have none.
//!
//! Posts are numbered in the archive's order, newest first (doc 0 is the
//! newest post), so the head of every posting list holds the newest
//! matches. Numbers are LEB128 varints; lists of doc numbers are deltas.

use std::fmt::Write as _;

use folio_core::Fnv1a;

/// The first line of the manifest.
pub const FORMAT_LINE: &str = "folio-search 3";
/// The folder of the index, beside the bundle's manifest.
pub const SEARCH_DIR: &str = "search/";
/// The manifest's path in the index folder.
pub const MANIFEST_FILE: &str = "index.txt";
/// Docs per posting block: the head of a list is at most this long.
pub const BLOCK_DOCS: usize = 2048;
/// Lists of at most this many docs are stored in the dictionary itself.
pub const INLINE_DOCS: usize = 64;
/// A longer list's first (newest) docs, this many, are also in the
/// dictionary: the first page of a one-term query (every CJK query of up to
/// [`CJK_GRAM`] characters) is answered without its first block, a round
/// of fetches fewer.
pub const HEAD_DOCS: usize = 16;
// A list with blocks is longer than its head.
const _: () = assert!(HEAD_DOCS < INLINE_DOCS && HEAD_DOCS < BLOCK_DOCS);
/// CJK runs are indexed by every substring of up to this many characters:
/// a query of up to four (most Chinese words, and every four-character
/// idiom) is exact from the index alone, and a longer one has few
/// candidates to check.
pub const CJK_GRAM: usize = 4;
/// Word prefixes are indexed up to this many characters; longer prefixes
/// are looked up by their first [`PREFIX_CHARS`] and checked.
pub const PREFIX_CHARS: usize = 8;
/// The dictionary is split into about this many bytes per shard.
pub const SHARD_BYTES: usize = 4096;
/// Folders of `docs/`: consecutive docs go to different folders, so that
/// writers on several threads do not queue on one folder's lock, and a
/// million posts make about 4,000 files a folder.
pub const DOC_FOLDERS: u32 = 256;
/// The first character of the terms that stand for filters, which no
/// text produces (text terms are letters, digits and CJK).
pub const FILTER_MARK: char = '\u{1}';

/// The index's shape, from its manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Manifest {
    /// Posts in the index.
    pub docs: u32,
    /// The dictionary has `2^shard_bits` shards.
    pub shard_bits: u32,
}

impl Manifest {
    /// The manifest file.
    pub fn to_text(&self) -> String {
        format!(
            "{FORMAT_LINE}\ndocs {}\nshard_bits {}\nblock_docs {BLOCK_DOCS}\ninline_docs {INLINE_DOCS}\nhead_docs {HEAD_DOCS}\nprefix_chars {PREFIX_CHARS}\ncjk_gram {CJK_GRAM}\n",
            self.docs, self.shard_bits
        )
    }

    /// Reads a manifest, checking that its constants are this engine's.
    ///
    /// # Errors
    ///
    /// What is wrong, in words.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let mut lines = text.lines();
        if lines.next() != Some(FORMAT_LINE) {
            return Err(format!("not a search index of this version (expected `{FORMAT_LINE}`)"));
        }
        let (mut docs, mut shard_bits) = (None, None);
        for line in lines {
            let Some((name, value)) = line.split_once(' ') else { continue };
            let number: u64 = value.parse().map_err(|_| format!("`{name}` is not a number"))?;
            let expect = |want: usize| {
                if number == want as u64 {
                    Ok(())
                } else {
                    Err(format!("`{name}` is {number}, this engine reads {want}"))
                }
            };
            match name {
                "docs" => docs = u32::try_from(number).ok(),
                "shard_bits" => shard_bits = u32::try_from(number).ok().filter(|b| *b <= 24),
                "block_docs" => expect(BLOCK_DOCS)?,
                "inline_docs" => expect(INLINE_DOCS)?,
                "head_docs" => expect(HEAD_DOCS)?,
                "prefix_chars" => expect(PREFIX_CHARS)?,
                "cjk_gram" => expect(CJK_GRAM)?,
                _ => {}
            }
        }
        Ok(Manifest {
            docs: docs.ok_or("the manifest has no `docs`")?,
            shard_bits: shard_bits.ok_or("the manifest has no valid `shard_bits`")?,
        })
    }

    /// The shard that holds a term's key.
    pub fn shard_of(&self, key: u64) -> u64 {
        if self.shard_bits == 0 {
            0
        } else {
            key >> (64 - self.shard_bits)
        }
    }
}

/// A term's key: FNV-1a of its UTF-8.
pub fn term_key(term: &str) -> u64 {
    Fnv1a::hash(term.as_bytes())
}

/// The path of a dictionary shard, in the index folder.
pub fn shard_path(shard: u64) -> String {
    format!("terms/{shard:x}.bin")
}

/// The path of block `n` of the posting list of the term with `key`.
pub fn block_path(key: u64, n: usize) -> String {
    format!("postings/{:02x}/{key:016x}-{n}.bin", key >> 56)
}

/// The path of the weights of the inline lists of a dictionary shard.
pub fn shard_weights_path(shard: u64) -> String {
    format!("terms/{shard:x}.w.bin")
}

/// The path of the weights of block `n` of the list of the term with `key`.
pub fn block_weights_path(key: u64, n: usize) -> String {
    format!("postings/{:02x}/{key:016x}-{n}.w.bin", key >> 56)
}

/// Whether a term stands for a filter (and so has no weights).
pub fn is_filter_term(term: &str) -> bool {
    term.starts_with(FILTER_MARK)
}

/// How a post has a term: how often it occurs (in the title and the body
/// together), and whether it is in the title. Stored as one varint,
/// `occurrences * 2 + in_title`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weight(pub u32);

impl Weight {
    /// One more occurrence, in the title or not.
    pub fn add(&mut self, in_title: bool) {
        self.0 = self.0.saturating_add(2) | u32::from(in_title);
    }

    /// How often the term occurs in the post.
    pub fn occurrences(self) -> u32 {
        self.0 >> 1
    }

    /// Whether the term is in the post's title.
    pub fn in_title(self) -> bool {
        self.0 & 1 == 1
    }
}

/// The path of a doc's record.
pub fn doc_path(doc: u32) -> String {
    format!("docs/{:02x}/{doc}.txt", doc % DOC_FOLDERS)
}

/// The term standing for a filter: `c` category, `t` tag, `y` year
/// (`2022`), `m` month (`2022-01`).
pub fn filter_term(kind: char, value: &str) -> String {
    let mut term = String::with_capacity(value.len() + 2);
    term.push(FILTER_MARK);
    term.push(kind);
    term.push_str(value);
    term
}

/// Appends `value` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads varints.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Reads `bytes` from the start.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// Whether everything was read.
    pub fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// The next varint.
    ///
    /// # Errors
    ///
    /// The bytes end inside it, or it is longer than 64 bits.
    pub fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at).ok_or("the file ends inside a number")?;
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err("a number is too long".to_owned())
    }

    /// The next `len` bytes.
    ///
    /// # Errors
    ///
    /// The bytes end before.
    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(len).filter(|e| *e <= self.bytes.len()).ok_or("the file ends early")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    /// Steps over `count` varints.
    ///
    /// # Errors
    ///
    /// The bytes end inside them, or one is too long.
    pub fn skip(&mut self, count: usize) -> Result<(), String> {
        for _ in 0..count {
            self.varint()?;
        }
        Ok(())
    }

    /// `count` plain varints (weights), skipping `skip` before them.
    ///
    /// # Errors
    ///
    /// A short file, or numbers past `u32`.
    pub fn weights(&mut self, skip: usize, count: usize) -> Result<Vec<u32>, String> {
        self.skip(skip)?;
        // Plain numbers (the values of [`Weight`]s), as doc lists are: the
        // engine keeps both in one kind of map.
        let mut weights = Vec::with_capacity(count.min(BLOCK_DOCS));
        for _ in 0..count {
            weights.push(u32::try_from(self.varint()?).map_err(|_| "a weight is out of range")?);
        }
        Ok(weights)
    }

    /// `count` doc numbers written as deltas (the first from `base`).
    ///
    /// # Errors
    ///
    /// A short file, or numbers past `u32`.
    pub fn deltas(&mut self, count: usize, base: u32) -> Result<Vec<u32>, String> {
        let mut docs = Vec::with_capacity(count.min(BLOCK_DOCS));
        let mut doc = u64::from(base);
        for i in 0..count {
            let delta = self.varint()?;
            doc = if i == 0 { doc + delta } else { doc + delta + 1 };
            docs.push(u32::try_from(doc).map_err(|_| "a doc number is out of range")?);
        }
        Ok(docs)
    }
}

/// Appends ascending doc numbers as deltas: the first from `base`, each next
/// one less one from the one before (so consecutive docs cost a zero byte).
pub fn put_deltas(out: &mut Vec<u8>, docs: &[u32], base: u32) {
    let mut previous: Option<u32> = None;
    for &doc in docs {
        let delta = match previous {
            None => doc - base,
            Some(p) => doc - p - 1,
        };
        put_varint(out, u64::from(delta));
        previous = Some(doc);
    }
}

/// Where a term's docs are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Postings {
    /// All of them, in the dictionary.
    Inline(Vec<u32>),
    /// In block files.
    Blocks {
        /// The first doc of each block.
        firsts: Vec<u32>,
        /// The list's first [`HEAD_DOCS`] docs (the head of block 0).
        head: Vec<u32>,
    },
}

/// A term of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermEntry {
    /// The term.
    pub term: String,
    /// How many docs have it.
    pub docs: u32,
    /// Where they are.
    pub postings: Postings,
}

impl TermEntry {
    /// Appends the entry as a shard has it: the term's length and bytes,
    /// its doc count, the number of blocks (0: inline), then the inline docs,
    /// or each block's first doc and the list's head, as deltas (the head's
    /// from the first block's first doc, which is its own first).
    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.term.len() as u64);
        out.extend_from_slice(self.term.as_bytes());
        put_varint(out, u64::from(self.docs));
        match &self.postings {
            Postings::Inline(docs) => {
                put_varint(out, 0);
                put_deltas(out, docs, 0);
            }
            Postings::Blocks { firsts, head } => {
                put_varint(out, firsts.len() as u64);
                put_deltas(out, firsts, 0);
                put_deltas(out, head, firsts[0]);
            }
        }
    }

    /// Finds `term` in a shard's bytes.
    ///
    /// # Errors
    ///
    /// A malformed shard.
    pub fn find(shard: &[u8], term: &str) -> Result<Option<TermEntry>, String> {
        Ok(TermEntry::find_with_weights_at(shard, term)?.map(|(entry, _)| entry))
    }

    /// Finds `term` in a shard's bytes, with the number of weights that
    /// come before its own in the shard's weights file (those of the inline
    /// text terms before it).
    ///
    /// # Errors
    ///
    /// A malformed shard.
    pub fn find_with_weights_at(shard: &[u8], term: &str) -> Result<Option<(TermEntry, usize)>, String> {
        let mut reader = Reader::new(shard);
        let mut weights_at = 0;
        while !reader.is_done() {
            let len = usize::try_from(reader.varint()?).map_err(|_| "a term is too long")?;
            let bytes = reader.bytes(len)?;
            let docs = u32::try_from(reader.varint()?).map_err(|_| "a count is out of range")?;
            let blocks = usize::try_from(reader.varint()?).map_err(|_| "a count is out of range")?;
            let count = if blocks == 0 { docs as usize } else { blocks };
            if count > shard.len() {
                return Err("a list is longer than its shard".to_owned());
            }
            let head_len = if blocks == 0 { 0 } else { (docs as usize).min(HEAD_DOCS) };
            if bytes != term.as_bytes() {
                // Other terms' lists are stepped over, not decoded.
                reader.skip(count + head_len)?;
            } else {
                let list = reader.deltas(count, 0)?;
                let postings = match list.first() {
                    Some(&first) if blocks > 0 => {
                        Postings::Blocks { head: reader.deltas(head_len, first)?, firsts: list }
                    }
                    _ => Postings::Inline(list),
                };
                return Ok(Some((TermEntry { term: term.to_owned(), docs, postings }, weights_at)));
            }
            if blocks == 0 && !bytes.starts_with(&[FILTER_MARK as u8]) {
                weights_at += docs as usize;
            }
        }
        Ok(None)
    }
}

/// What the index keeps of a post for its results: the fields a result
/// shows, and the text a match is checked against and excerpted from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocRecord {
    /// The post's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date, RFC 3339 with its offset.
    pub date: String,
    /// Its categories.
    pub categories: Vec<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// The plain text of its sanitised body.
    pub text: String,
}

impl DocRecord {
    /// The record as its file has it: one field per line (names joined by
    /// U+001F, which names never hold), the text last, to the end.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 128);
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        let _ = write!(
            out,
            "{}\n{}\n{}\n{}\n{}\n{}",
            one_line(&self.id),
            one_line(&self.title),
            one_line(&self.date),
            self.categories.iter().map(|c| one_line(c)).collect::<Vec<_>>().join("\u{1f}"),
            self.tags.iter().map(|t| one_line(t)).collect::<Vec<_>>().join("\u{1f}"),
            self.text
        );
        out
    }

    /// Reads a record.
    ///
    /// # Errors
    ///
    /// Fewer than six fields.
    pub fn parse(text: &str) -> Result<DocRecord, String> {
        let mut fields = text.splitn(6, '\n');
        let mut next = || fields.next().ok_or_else(|| "a result record is cut short".to_owned());
        let names =
            |s: &str| if s.is_empty() { Vec::new() } else { s.split('\u{1f}').map(str::to_owned).collect() };
        Ok(DocRecord {
            id: next()?.to_owned(),
            title: next()?.to_owned(),
            date: next()?.to_owned(),
            categories: names(next()?),
            tags: names(next()?),
            text: next()?.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_round_trip() {
        let docs = [0, 1, 2, 10, 300, 70_000, 4_000_000];
        let mut out = Vec::new();
        put_deltas(&mut out, &docs, 0);
        assert_eq!(Reader::new(&out).deltas(docs.len(), 0).unwrap(), docs);
        // Consecutive docs cost a zero byte each.
        let mut run = Vec::new();
        put_deltas(&mut run, &[5, 6, 7, 8], 5);
        assert_eq!(run, [0, 0, 0, 0]);
        assert!(Reader::new(&[0x80]).varint().is_err());
    }

    #[test]
    fn entries_are_found_by_their_term() {
        let mut shard = Vec::new();
        let a = TermEntry { term: "华夏".into(), docs: 3, postings: Postings::Inline(vec![1, 5, 9]) };
        let head: Vec<u32> = (0..HEAD_DOCS as u32).map(|d| d * 2).collect();
        let b = TermEntry {
            term: "ruby".into(),
            docs: 5000,
            postings: Postings::Blocks { firsts: vec![0, 4100], head },
        };
        a.write(&mut shard);
        b.write(&mut shard);
        assert_eq!(TermEntry::find(&shard, "华夏").unwrap(), Some(a));
        assert_eq!(TermEntry::find(&shard, "ruby").unwrap(), Some(b));
        assert_eq!(TermEntry::find(&shard, "rub").unwrap(), None);
        assert!(TermEntry::find(&shard[..shard.len() - 1], "ruby").is_err());
        // Weights of inline text terms before an entry are counted; filter
        // terms and block lists have none in the shard's weights file.
        let filter =
            TermEntry { term: filter_term('t', "x"), docs: 2, postings: Postings::Inline(vec![0, 1]) };
        let c = TermEntry { term: "夏".into(), docs: 1, postings: Postings::Inline(vec![7]) };
        filter.write(&mut shard);
        c.write(&mut shard);
        assert_eq!(TermEntry::find_with_weights_at(&shard, "夏").unwrap(), Some((c, 3)));
    }

    #[test]
    fn weights_count_occurrences_and_the_title() {
        let mut w = Weight::default();
        w.add(false);
        w.add(true);
        w.add(false);
        assert_eq!((w.occurrences(), w.in_title(), w.0), (3, true, 7));
        let mut out = Vec::new();
        for v in [7u64, 2, 300] {
            put_varint(&mut out, v);
        }
        assert_eq!(Reader::new(&out).weights(1, 2).unwrap(), [2, 300]);
        assert!(Reader::new(&out).weights(2, 2).is_err());
    }

    #[test]
    fn records_round_trip() {
        let record = DocRecord {
            id: "000_dacaaeb1a3c7b9ba".into(),
            title: "无锡市\n残疾人".into(),
            date: "2022-01-12T21:11:17+08:00".into(),
            categories: vec!["huaxiashibao".into()],
            tags: vec!["华夏时报新闻".into(), "a b".into()],
            text: "第一行\n第二行".into(),
        };
        let back = DocRecord::parse(&record.to_text()).unwrap();
        assert_eq!(back.title, "无锡市 残疾人");
        assert_eq!(back.text, record.text);
        assert_eq!(back.tags, record.tags);
        assert!(DocRecord::parse("id\ntitle").is_err());
        let bare = DocRecord { id: "x".into(), ..DocRecord::default() };
        assert_eq!(DocRecord::parse(&bare.to_text()).unwrap(), bare);
    }

    #[test]
    fn manifests_check_the_engine_constants() {
        let m = Manifest { docs: 10_000, shard_bits: 7 };
        assert_eq!(Manifest::parse(&m.to_text()).unwrap(), m);
        assert!(Manifest::parse("folio-search 1\n").is_err());
        assert!(Manifest::parse(&m.to_text().replace("block_docs 2048", "block_docs 10")).is_err());
        assert_eq!(m.shard_of(u64::MAX), 127);
        assert_eq!(Manifest { docs: 1, shard_bits: 0 }.shard_of(u64::MAX), 0);
    }
}
