//! Rebuilds a search index from the records of a built one: the index's own
//! work (normalising, tokenising, the posting lists and their files), with
//! the posts' text already taken out of their HTML. It works as `folio
//! build` does, a chunk of posts at a time, normalised and written on every
//! core, then added in order while the next chunk is prepared.
//! `docs/benchmarks.md` uses it to time the index apart from the rest of a
//! build.
//!
//!   cargo run --release -p folio-search --features build --example reindex -- SITE/search OUT_DIR

use std::path::{Path, PathBuf};
use std::thread;
use std::time::Instant;

use folio_search::{
    doc_path, write_record, DocRecord, IndexBuilder, Manifest, PreparedDoc, DEFAULT_MEMORY_BUDGET,
    MANIFEST_FILE,
};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Posts normalised together, as in `folio build`.
const CHUNK: u32 = 256;

fn main() -> Result<(), Error> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(index), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: reindex SEARCH_DIR OUT_DIR".into());
    };
    let manifest = Manifest::parse(&std::fs::read_to_string(index.join(MANIFEST_FILE))?)?;
    let started = Instant::now();
    std::fs::create_dir_all(&out)?;
    let mut builder = IndexBuilder::new(&out, DEFAULT_MEMORY_BUDGET)?;
    let cores = thread::available_parallelism().map_or(1, |n| n.get() as u32);
    // The chunk prepared last, added (on threads of its own) while the
    // workers prepare the next one, as `folio build` does.
    let mut pending: (u32, Vec<(PreparedDoc, u64)>) = (0, Vec::new());
    let add =
        |builder: &mut IndexBuilder, (first, docs): (u32, Vec<(PreparedDoc, u64)>)| -> Result<(), Error> {
            let (docs, bytes): (Vec<PreparedDoc>, Vec<u64>) = docs.into_iter().unzip();
            builder.add_prepared_chunk(first, &docs)?;
            bytes.into_iter().for_each(|b| builder.count_record(b));
            Ok(())
        };
    for first in (0..manifest.docs).step_by(CHUNK as usize) {
        let end = (first + CHUNK).min(manifest.docs);
        let share = (end - first).div_ceil(cores);
        let previous = std::mem::take(&mut pending);
        let prepared: Vec<Vec<(PreparedDoc, u64)>> = thread::scope(|scope| {
            let adder = scope.spawn(|| add(&mut builder, previous));
            let workers: Vec<_> = (first..end)
                .step_by(share as usize)
                .map(|from| {
                    let (index, out) = (&index, &out);
                    scope.spawn(move || {
                        (from..(from + share).min(end)).map(|doc| prepare(index, out, doc)).collect()
                    })
                })
                .collect();
            let prepared = workers
                .into_iter()
                .map(|w| w.join().expect("a worker panicked"))
                .collect::<Result<_, Error>>();
            adder.join().expect("the adder panicked")?;
            prepared
        })?;
        pending = (first, prepared.into_iter().flatten().collect());
    }
    add(&mut builder, pending)?;
    let added = started.elapsed().as_secs_f64();
    let summary = builder.finish()?;
    let total = started.elapsed().as_secs_f64();
    eprintln!(
        "{} posts indexed in {total:.2} s ({added:.2} s to the lists, {:.2} s merging and writing them): {summary:?}",
        manifest.docs,
        total - added
    );
    Ok(())
}

/// Post `doc`'s record read from `index`, written to `out`, and normalised.
fn prepare(index: &Path, out: &Path, doc: u32) -> Result<(PreparedDoc, u64), Error> {
    let path = index.join(doc_path(doc));
    let text = std::fs::read_to_string(&path)?;
    let record = DocRecord::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    // Dates are RFC 3339, in the post's own offset: the year and month lead.
    let year = record.date.get(..4).and_then(|y| y.parse().ok()).ok_or("a record without a year")?;
    let month = record.date.get(5..7).and_then(|m| m.parse().ok()).ok_or("a record without a month")?;
    let bytes = write_record(out, doc, &record)?;
    Ok((PreparedDoc::new(&record, year, month), bytes))
}
