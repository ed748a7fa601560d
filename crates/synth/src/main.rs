//! `folio-synth DIR --count N`: writes a synthetic Jekyll archive.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;
use folio_synth::{write_site, BodySize, NEWS_SIZES};

/// Write a synthetic Jekyll archive (Chinese and English posts, Zipf tags),
/// for benchmarks and large-archive tests. The same seed gives the same files.
#[derive(Debug, Parser)]
#[command(name = "folio-synth", version)]
struct Args {
    /// Folder to create the site in.
    output: PathBuf,
    /// How many posts.
    #[arg(long, default_value_t = 10_000)]
    count: usize,
    /// Make every body about this many bytes (default: 1–20 KB, log-uniform).
    #[arg(long)]
    size: Option<usize>,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let size = args.size.map_or(NEWS_SIZES, BodySize::Fixed);
    let written = write_site(&args.output, args.count, size, args.seed)
        .with_context(|| format!("writing {}", args.output.display()))?;
    println!("wrote {written} posts to {}", args.output.display());
    Ok(())
}
