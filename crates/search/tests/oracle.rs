//! The oracle: the index answers every query exactly as a brute-force scan
//! of every post does ([`Query::matches`]), with no result missing and none
//! wrong, and counts them right.
//!
//! The archive is made from the sample archive's own text (Chinese news and
//! Chinese and English blog posts, `static/bundle.json`): 5,000 posts of
//! sentences drawn from it, so that common terms have several posting
//! blocks, rare ones are inline, and filters cut across both. Queries are
//! sampled from the posts' text: substrings of 1 to 6 characters (across
//! word boundaries, and in full-width and upper case), words and their
//! prefixes, phrases, and strings that occur nowhere; with and without
//! filters. The index is built twice: in memory, and spilling a run every
//! few hundred posts.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use folio_core::{plain_text, read_bundle, Bundle, Post};
use folio_search::{
    Answer, Count, DocRecord, DocText, Engine, FileStore, IndexBuilder, Manifest, Order, Query, SearchFilter,
    SearchRequest, Step, BLOCK_DOCS, CJK_GRAM, HEAD_DOCS, MANIFEST_FILE, PAGE_SIZE,
};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sample_posts() -> Vec<Post> {
    let bytes = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/bundle.json")).unwrap();
    match read_bundle(&bytes).unwrap() {
        Bundle::Single(valid) => valid.posts,
        Bundle::Chunked(_) => unreachable!("the sample is one file"),
    }
}

/// 3,000 posts of the sample's sentences, in archive order (doc 0 first).
fn archive(count: usize) -> Vec<(DocRecord, i32, u32)> {
    let posts = sample_posts();
    let mut sentences: Vec<String> = Vec::new();
    for post in &posts {
        let text = plain_text(&post.content_html);
        for s in text.split_inclusive(['。', '.', '！', '？', '\n']) {
            let s = s.trim();
            if s.chars().count() >= 4 {
                sentences.push(s.chars().take(160).collect());
            }
        }
    }
    let titles: Vec<String> = posts.iter().map(|p| p.title.clone()).collect();
    let tags: Vec<String> =
        posts.iter().flat_map(|p| p.tags.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut rng = Rng(0x5eed_f011_0000_0001);
    (0..count)
        .map(|n| {
            let mut text = String::new();
            for _ in 0..1 + rng.below(4) {
                // A soft line break now and then, as Markdown paragraphs have.
                text.push_str(&sentences[rng.below(sentences.len())]);
                text.push(if rng.below(5) == 0 { '\n' } else { ' ' });
            }
            let record = DocRecord {
                id: format!("post-{n}"),
                title: titles[rng.below(titles.len())].clone(),
                date: String::new(),
                categories: vec![format!("c{}", rng.below(5))],
                tags: (0..rng.below(3)).map(|_| tags[rng.below(tags.len())].clone()).collect(),
                text: text.trim_end().to_owned(),
            };
            (record, 2000 + (n / 400) as i32, 1 + (n % 12) as u32)
        })
        .collect()
}

fn build(dir: &Path, docs: &[(DocRecord, i32, u32)], budget: usize) -> (Manifest, usize) {
    let mut builder = IndexBuilder::new(dir, budget).unwrap();
    for (n, (record, year, month)) in docs.iter().enumerate() {
        builder.add(n as u32, record, *year, *month).unwrap();
    }
    let summary = builder.finish().unwrap();
    assert_eq!(
        summary.manifest,
        Manifest::parse(&fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap()).unwrap()
    );
    assert!(
        fs::read_dir(dir).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with('.')),
        "no scratch left"
    );
    (summary.manifest, summary.runs)
}

/// Every result of a search, page after page of `per_page`, and the counts
/// each page gave.
fn search_all(
    engine: &Engine,
    dir: &Path,
    query: &Query,
    filter: &SearchFilter,
    per_page: usize,
    order: Order,
) -> (Vec<u32>, Vec<Count>) {
    let mut files = FileStore::new();
    let mut docs = Vec::new();
    let mut counts = Vec::new();
    for page in 1.. {
        let request = SearchRequest { query: query.clone(), filter: filter.clone(), page, per_page, order };
        let answer = answer(engine, dir, &request, &mut files);
        counts.push(answer.count);
        let n = answer.hits.len();
        for hit in &answer.hits {
            assert!(!hit.record.id.is_empty());
        }
        docs.extend(answer.hits.iter().map(|h| h.doc));
        if n < per_page {
            break;
        }
    }
    (docs, counts)
}

fn answer(engine: &Engine, dir: &Path, request: &SearchRequest, files: &mut FileStore) -> Answer {
    for _ in 0..10_000 {
        match engine.search(request, files).unwrap() {
            Step::Done(answer) => return answer,
            Step::Need(paths) => {
                assert!(!paths.is_empty());
                for path in paths {
                    files.insert(path.clone(), fs::read(dir.join(&path)).ok());
                }
            }
        }
    }
    panic!("the engine never finished {request:?}");
}

/// Queries sampled from the archive's text, and some that match nothing.
fn queries(docs: &[(DocRecord, i32, u32)], rng: &mut Rng) -> Vec<String> {
    let mut out = BTreeSet::new();
    for _ in 0..160 {
        let (record, ..) = &docs[rng.below(docs.len())];
        let chars: Vec<char> = record.text.chars().collect();
        if chars.len() < 8 {
            continue;
        }
        let start = rng.below(chars.len() - 7);
        let len = 1 + rng.below(6);
        let piece: String = chars[start..start + len].iter().collect();
        out.insert(piece.clone());
        match rng.below(4) {
            0 => {
                out.insert(piece.to_uppercase());
            }
            1 => {
                // Full width, as typed with a Chinese input method.
                out.insert(
                    piece
                        .chars()
                        .map(|c| {
                            if c.is_ascii_graphic() {
                                char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                            } else {
                                c
                            }
                        })
                        .collect(),
                );
            }
            2 => {
                out.insert(format!("\"{piece}\""));
            }
            _ => {}
        }
        let words: Vec<&str> = record.text.split_whitespace().filter(|w| w.is_ascii()).collect();
        if !words.is_empty() {
            let word = words[rng.below(words.len())];
            let cut: String = word.chars().take(1 + rng.below(word.len().max(1))).collect();
            out.insert(word.to_owned());
            out.insert(cut);
            if words.len() > 1 {
                out.insert(format!("{} {}", words[0], words[words.len() - 1]));
                out.insert(format!("\"{} {}\"", words[0], words.get(1).unwrap_or(&"")));
            }
        }
    }
    // Candidates that are not matches: posts with every gram of a CJK run
    // but not the run, with a long word's first eight letters but not the
    // rest, with both words of a phrase but not side by side. Only the check
    // against the text tells them apart.
    for (record, ..) in docs.iter().take(400) {
        let chars: Vec<char> = record.text.chars().filter(|c| !c.is_whitespace()).collect();
        // For every gram size the index holds, runs one longer: 一二 and 二三
        // apart, never 一二三; up to 一二三四 and 二三四五 apart, never
        // 一二三四五. The longest of these must be checked against the text.
        for n in 2..=CJK_GRAM {
            for (i, gram) in chars.windows(n).enumerate().step_by(3 + n) {
                if let Some(next) = chars.windows(n).skip(i + n + 1).find(|g| g[..n - 1] == gram[1..]) {
                    let run: String = gram.iter().chain(&next[n - 1..]).collect();
                    if !record.text.contains(&run) && run.chars().all(|c| c as u32 >= 0x4E00) {
                        out.insert(run);
                    }
                }
            }
        }
        let words: Vec<&str> =
            record.text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 6).collect();
        for word in words.iter().filter(|w| w.len() > 9).take(2) {
            out.insert(format!("{}zz", &word[..9]));
            out.insert(word[..10].to_owned());
        }
        if let [first, .., last] = words.as_slice() {
            out.insert(format!("\"{last} {first}\""));
        }
    }
    for nowhere in ["鑫鑫鑫", "qqqzzz", "供支持的鑫", "\"the the the\"", "ＺＺＺＺ", "a", "的", "2022"]
    {
        out.insert(nowhere.to_owned());
    }
    out.into_iter().collect()
}

fn check(dir: &Path, docs: &[(DocRecord, i32, u32)], manifest: Manifest) -> usize {
    let engine = Engine::new(manifest);
    let texts: Vec<DocText> = docs.iter().map(|(r, ..)| DocText::new(&r.title, &r.text)).collect();
    let mut rng = Rng(0x0dd5_eed5);
    let filters = [
        SearchFilter::default(),
        SearchFilter { category: Some("c2".into()), ..SearchFilter::default() },
        SearchFilter { year: Some(2003), month: Some(4), ..SearchFilter::default() },
        SearchFilter {
            any_tags: docs.iter().flat_map(|(r, ..)| r.tags.clone()).take(2).collect(),
            ..SearchFilter::default()
        },
    ];
    let mut checked = 0;
    // Queries ranked with more than one result, and those whose ranking
    // differs from the archive's order.
    let (mut several, mut reordered) = (0, 0);
    for (i, input) in queries(docs, &mut rng).iter().enumerate() {
        let query = Query::parse(input);
        let filter = &filters[i % filters.len()];
        let expected: Vec<u32> = (0..docs.len() as u32)
            .filter(|&n| {
                let (record, year, month) = &docs[n as usize];
                query.matches(&texts[n as usize])
                    && filter.category.as_ref().is_none_or(|c| record.categories.contains(c))
                    && filter.year.is_none_or(|y| y == *year)
                    && filter.month.is_none_or(|m| m == *month)
                    && (filter.any_tags.is_empty() || filter.any_tags.iter().any(|t| record.tags.contains(t)))
            })
            .collect();
        // All at once, and (for every fifth query) the viewer's way, a page at a time.
        let (found, counts) = search_all(&engine, dir, &query, filter, 100_000, Order::Newest);
        assert_eq!(found, expected, "query {input:?} with {filter:?}");
        let mut counts = if i % 5 == 0 && expected.len() < 300 {
            let (paged, counts) = search_all(&engine, dir, &query, filter, PAGE_SIZE, Order::Newest);
            assert_eq!(paged, expected, "query {input:?} with {filter:?}, paged");
            counts
        } else {
            counts
        };
        // Relevance order: the same posts, ranked by the brute-force score
        // (newest first among equals), for every query; a page at a time
        // for every fifth.
        let mut ranked = expected.clone();
        ranked.sort_by_key(|&n| (std::cmp::Reverse(query.relevance(&texts[n as usize])), n));
        let per_page = if i % 5 == 1 { PAGE_SIZE } else { 100_000 };
        if per_page == 100_000 || expected.len() < 300 {
            let (by_relevance, relevance_counts) =
                search_all(&engine, dir, &query, filter, per_page, Order::Relevance);
            assert_eq!(by_relevance, ranked, "query {input:?} with {filter:?}, by relevance");
            assert!(
                relevance_counts.iter().all(|c| *c == Count::Exact(expected.len())),
                "relevance order counts exactly: {input:?}"
            );
            counts.extend(relevance_counts);
            if ranked.len() > 1 {
                several += 1;
                reordered += usize::from(ranked != expected);
            }
        }
        for count in counts {
            match count {
                Count::Exact(n) => assert_eq!(n, expected.len(), "count of {input:?} with {filter:?}"),
                Count::AtLeast(n) => assert!(n <= expected.len(), "lower bound of {input:?}: {n}"),
            }
        }
        checked += 1;
    }
    // The ranking is not the archive's order in disguise.
    assert!(reordered * 2 > several, "relevance reordered only {reordered} of {several} queries");
    checked
}

#[test]
fn the_index_finds_exactly_what_a_scan_of_every_post_finds() {
    let docs = archive(5_000);
    let scratch = tempfile::tempdir().unwrap();
    let in_memory = scratch.path().join("memory");
    let (manifest, runs) = build(&in_memory, &docs, 512 << 20);
    assert_eq!(runs, 0);
    assert!(manifest.shard_bits > 0);
    // Common terms have several blocks.
    let texts: Vec<DocText> = docs.iter().map(|(r, ..)| DocText::new(&r.title, &r.text)).collect();
    let common = texts.iter().filter(|t| Query::parse("的").matches(t)).count();
    assert!(common > BLOCK_DOCS, "{common} posts have 的");
    let checked = check(&in_memory, &docs, manifest);
    assert!(checked > 400, "{checked} queries");
    first_page_of_a_long_list_reads_no_block(&in_memory, manifest);

    // Spilling runs to disk gives the same files.
    let spilled = scratch.path().join("spilled");
    let (again, runs) = build(&spilled, &docs, 64 << 10);
    assert_eq!(again, manifest);
    assert!(runs > 3, "{runs} runs");
    let listing = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walk(dir)
            .into_iter()
            .map(|p| (p.strip_prefix(dir).unwrap().display().to_string(), fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    assert!(listing(&in_memory) == listing(&spilled), "the same index either way");
}

/// The first page of a one-term query on a list with blocks comes from the
/// list's head in the dictionary: two rounds (the shard, then the page's
/// records) and no block. The second page reads block 0.
fn first_page_of_a_long_list_reads_no_block(dir: &Path, manifest: Manifest) {
    let engine = Engine::new(manifest);
    let rounds = |page: usize| {
        let request = SearchRequest {
            query: Query::parse("的"),
            filter: SearchFilter::default(),
            page,
            per_page: PAGE_SIZE,
            order: Order::Newest,
        };
        let mut files = FileStore::new();
        let mut rounds: Vec<Vec<String>> = Vec::new();
        loop {
            match engine.search(&request, &files).unwrap() {
                Step::Done(answer) => return (rounds, answer),
                Step::Need(paths) => {
                    for path in &paths {
                        files.insert(path.clone(), fs::read(dir.join(path)).ok());
                    }
                    rounds.push(paths);
                }
            }
        }
    };
    let (first, answer) = rounds(1);
    assert_eq!(answer.hits.len(), PAGE_SIZE);
    assert!(matches!(answer.count, Count::Exact(n) if n > BLOCK_DOCS), "{:?}", answer.count);
    assert_eq!(first.len(), 2, "{first:?}");
    assert!(first[0].len() == 1 && first[0][0].starts_with("terms/"), "{first:?}");
    assert!(first[1].iter().all(|p| p.starts_with("docs/")), "{first:?}");
    // Page 2 goes past the head.
    const { assert!(PAGE_SIZE * 2 > HEAD_DOCS) };
    let (second, _) = rounds(2);
    assert!(second.iter().flatten().any(|p| p.starts_with("postings/")), "{second:?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
