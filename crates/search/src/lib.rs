//! Folio's full-text search over static files.
//!
//! A post matches a query when its title or body contains every term of the
//! query: CJK runs as exact substrings, words by prefix, quoted phrases as
//! exact substrings (`docs/search.md` has the whole contract). The index
//! answers exactly that, with no result missing and none wrong, and reads a
//! few KB per query at any archive size.
//!
//! The modules follow the data's path:
//!
//! * `text`: normalising text and queries alike ([`SearchText`]);
//! * `query`: what a query means, and the brute-force [`Query::matches`]
//!   the index is held to;
//! * `format`: the index's files as bytes ([`Manifest`], [`TermEntry`],
//!   [`DocRecord`], the paths);
//! * `build` (feature `build`): writing an index with bounded memory
//!   ([`IndexBuilder`]);
//! * `engine`: answering a query from the files, saying which it needs next
//!   ([`Engine`]).

mod engine;
mod format;
mod query;
mod text;

#[cfg(feature = "build")]
mod build;

#[cfg(feature = "build")]
pub use build::{
    for_each_term, write_record, BuildError, IndexBuilder, IndexSummary, PreparedDoc, DEFAULT_MEMORY_BUDGET,
};
pub use engine::{
    Answer, Count, Engine, EngineError, FileStore, Hit, Order, SearchFilter, SearchRequest, Step,
    EXCERPT_CONTEXT, PAGE_SIZE,
};
pub use format::{
    block_path, block_weights_path, doc_path, filter_term, is_filter_term, shard_path, shard_weights_path,
    term_key, DocRecord, Manifest, Postings, TermEntry, Weight, BLOCK_DOCS, CJK_GRAM, DOC_FOLDERS,
    FORMAT_LINE, HEAD_DOCS, INLINE_DOCS, MANIFEST_FILE, PREFIX_CHARS, SEARCH_DIR, SHARD_BYTES,
};
pub use query::{DocText, Query, Relevance, Term, MAX_QUERY_CHARS, MAX_TERMS};
pub use text::{class, Class, SearchText};
