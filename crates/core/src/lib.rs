//! Folio's core: everything about an article archive that does not touch the
//! DOM or the file system.
//!
//! * the bundle wire format and its forgiving reader ([`read_bundle`]),
//! * the chunked layout for large archives ([`Manifest`], [`ListKind`], [`post_path`])
//!   and combining tags over it ([`TagScan`]),
//! * the validated model ([`Post`], [`Site`]),
//! * the sorted, indexed [`Archive`] with its [`Filter`]s and [`paginate`],
//! * the list-route query ([`ListQuery`]),
//! * the one HTML sanitising policy ([`Sanitizer`]),
//! * embed mode's URL options and parent-page messages ([`ViewOptions`], [`EmbedCommand`]),
//! * plain-text helpers (excerpts, reading time) and interface strings.
//!
//! It builds for `wasm32-unknown-unknown` (the viewer) and for native targets
//! (the CLI and the tests).

mod archive;
mod bundle;
mod cache;
mod chunked;
mod embed;
mod i18n;
mod model;
mod paging;
mod query;
mod sanitize;
mod scan;
mod text;

pub use archive::{year_counts, Archive, Filter, TermCount, YearCount};
pub use bundle::{
    format_date, parse_bundle, parse_date, read_bundle, Bundle, BundleError, BundleFile, LoadedBundle,
    PostRecord, SkippedPost, FORMAT_MAJOR, FORMAT_MINOR, FORMAT_NAME, LAYOUT_SINGLE, MAX_BUNDLE_BYTES,
};
pub use cache::Lru;
pub use chunked::{
    name_key, post_path, read_list, read_post_file, read_terms, ArticleView, ChunkError, EntryRecord,
    ListFile, ListKind, ListView, Manifest, Neighbour, Overview, PostFile, PostSummary, TermKind,
    TermSummary, TermsFile, TermsView, Total, CHUNKED_MINOR, DEFAULT_CHUNK_ROOT, LAYOUT_CHUNKED,
    LIST_PAGE_SIZE, MANIFEST_CATEGORIES, MANIFEST_TAGS, TERMS_PAGE_SIZE,
};
pub use embed::{
    normalise_origin, EmbedCommand, EmbedTarget, ResizeMessage, Theme, ViewOptions, DEFAULT_EMBED_LIMIT,
    EMBED_MESSAGE_VERSION, MAX_EMBED_LIMIT,
};
pub use i18n::{Locale, Text};
pub use model::{validate_id, Post, Site};
pub use paging::{paginate, Page, PAGE_SIZE};
pub use query::ListQuery;
pub use sanitize::{Sanitizer, ID_PREFIX, LINK_REL};
pub use scan::TagScan;
pub use text::{excerpt_from_html, plain_text, reading_minutes, truncate_text};
