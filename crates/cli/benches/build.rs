//! Build throughput on a synthetic archive of Chinese and English posts of
//! about 3 KB (see `folio-synth`). Reports posts per second.
//!
//! `cargo bench -p folio-cli` (set `FOLIO_BENCH_POSTS` for another size).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use folio_cli::{build_bundle, BuildOptions, NoProgress};
use folio_synth::{write_site, BodySize};

fn site(posts: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-bench-{posts}"));
    if !dir.join("_posts").is_dir() {
        write_site(&dir, posts, BodySize::Fixed(3_000), 1).expect("write the synthetic site");
    }
    dir
}

fn build(c: &mut Criterion) {
    let posts: usize = std::env::var("FOLIO_BENCH_POSTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000);
    let input = site(posts);
    let opts = BuildOptions { input, ..BuildOptions::default() };
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.throughput(Throughput::Elements(posts as u64));
    group.bench_function(format!("{posts} posts of 3 KB, to JSON"), |b| {
        b.iter(|| {
            let out = build_bundle(&opts, &NoProgress).expect("build");
            serde_json::to_vec(&out.bundle).expect("serialise").len()
        });
    });
    group.finish();
}

criterion_group!(benches, build);
criterion_main!(benches);
