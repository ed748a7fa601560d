//! Native benchmarks of the core's hot paths: sanitising a large article and
//! reading a large bundle. Run with `cargo bench -p folio-core`; the browser
//! figures come from `tests/bench/browser.mjs`. See docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use folio_core::{read_single_file, PostIndex, PostRecord, Sanitizer, SingleFileBundle};

/// The sample archive that ships with the viewer.
const SAMPLE: &str = include_str!("../../../static/bundle.json");

/// Two ~2 MB articles: the seed news article repeated (long Chinese
/// paragraphs, one tag per ~150 bytes) and every sample body repeated
/// (Markdown-rendered technical posts: code, lists and links, one tag per ~45
/// bytes). Sanitising cost grows with the number of tags and URLs.
fn large_articles() -> [(&'static str, String); 2] {
    let bundle = read_single_file(SAMPLE.as_bytes()).expect("the sample bundle is valid");
    let news = bundle.posts.iter().find(|p| p.id == "000_dacaaeb1a3c7b9ba").expect("the seed post");
    let mixed = bundle.posts.iter().map(|p| p.content_html.as_str()).collect::<Vec<_>>().join("\n");
    let repeat = |s: &str| {
        let mut out = String::new();
        while out.len() < 2 * 1024 * 1024 {
            out.push_str(s);
        }
        out
    };
    [("news article", repeat(&news.content_html)), ("technical posts", repeat(&mixed))]
}

fn sanitize(c: &mut Criterion) {
    let sanitizer = Sanitizer::new(Some("https://example.org/"));
    let mut group = c.benchmark_group("sanitize");
    group.sample_size(10);
    for (name, article) in large_articles() {
        group.throughput(Throughput::Bytes(article.len() as u64));
        group.bench_function(name, |b| b.iter(|| sanitizer.clean(&article)));
    }
    group.finish();
}

fn read_bundle(c: &mut Criterion) {
    let sample = read_single_file(SAMPLE.as_bytes()).expect("the sample bundle is valid");
    // 10,000 posts made from the sample's 27, with unique ids.
    let posts: Vec<PostRecord> = (0..10_000)
        .map(|i| {
            let mut record = PostRecord::from(&sample.posts[i % sample.posts.len()]);
            record.id = format!("{}-{i}", record.id);
            record
        })
        .collect();
    let json =
        serde_json::to_vec(&SingleFileBundle::new(sample.site.clone(), posts, None)).expect("serialises");
    let mut group = c.benchmark_group("bundle");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.sample_size(10);
    group.bench_function("parse and index 10k posts", |b| {
        b.iter(|| {
            let bundle = read_single_file(&json).expect("valid");
            PostIndex::new(bundle.site, bundle.posts)
        })
    });
    group.finish();
}

criterion_group!(benches, sanitize, read_bundle);
criterion_main!(benches);
