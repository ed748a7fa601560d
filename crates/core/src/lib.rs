//! Folio's core: everything about an article archive that does not touch the
//! DOM or the file system. It builds for `wasm32-unknown-unknown` (the
//! viewer) and for native targets (the CLI and the tests).
//!
//! The modules follow the data's own path, each using only those above it:
//!
//! * `model`: the validated [`Post`] and [`Site`], the id rules
//!   ([`validate_id`]) and the one [`archive_order`];
//! * `wire`: the bundle format's serde types and constants, both layouts
//!   ([`SingleFileBundle`], [`Manifest`], [`ListFile`], [`PostFile`], ...), and
//!   the one date format ([`format_date`], [`parse_date`]);
//! * `layout`: which chunk file holds what ([`name_key`], [`ListKind`],
//!   [`TermKind`], [`post_path`]);
//! * `taxonomy`: counting terms and years in the one taxonomy order
//!   ([`count_terms`], [`sort_terms`], [`year_counts`]);
//! * `view`: what pages show, from either layout ([`ListView`],
//!   [`ArticleView`], [`TermsView`], [`Overview`]);
//! * `filter`: which posts a list shows ([`Filter`], [`ListRequest`]) and
//!   which list file answers it ([`ListSource`]);
//! * `read`: bytes to bundles and views ([`read_bundle`], [`read_list`],
//!   [`read_post_file`], [`read_terms`]), with typed errors;
//! * `index`: a single-file bundle in memory ([`PostIndex`]);
//! * `scan`: AND and OR of tags over a chunked archive ([`TagScan`]);
//! * `location`: where each page lives, as a hash route and as a site path
//!   ([`Location`]);
//! * leaves used anywhere: the sanitiser ([`Sanitizer`]) and the links
//!   between posts it rewrites ([`PostLinks`]), plain text
//!   ([`plain_text`], [`reading_minutes`]), paging ([`paginate`]), list-route
//!   queries ([`ListQuery`]), embed mode ([`ViewOptions`], [`EmbedCommand`]),
//!   interface strings ([`Locale`]) and a small cache ([`Lru`]).

mod cache;
mod embed;
mod filter;
mod i18n;
mod index;
mod layout;
mod location;
mod model;
mod paging;
mod post_links;
mod query;
mod read;
mod sanitize;
mod scan;
mod taxonomy;
mod text;
mod view;
mod wire;

pub use cache::Lru;
pub use embed::{
    embed_snippet, normalise_origin, EmbedCommand, EmbedTarget, ResizeMessage, Theme, ViewOptions,
    DEFAULT_EMBED_LIMIT, EMBED_MESSAGE_VERSION, MAX_EMBED_LIMIT,
};
pub use filter::{Filter, ListRequest, ListSource};
pub use i18n::{Locale, Text};
pub use index::PostIndex;
pub use layout::{name_key, post_path, Fnv1a, ListKind, TermKind, DEFAULT_CHUNK_ROOT};
pub use location::{name_from_segment, name_segment, Location, NOT_FOUND_PAGE};
pub use model::{
    archive_order, is_id_delimiter, validate_id, DateError, IdError, Post, PostError, Site, MAX_ID_BYTES,
};
pub use paging::{page_count, paginate, Page, PAGE_SIZE};
pub use post_links::PostLinks;
pub use query::ListQuery;
pub use read::{
    read_article_page, read_bundle, read_list, read_post_file, read_single_file, read_terms, Bundle,
    BundleError, ChunkError, SkippedPost, ValidPosts,
};
pub use sanitize::{SanitizedHtml, Sanitizer, ID_PREFIX, LINK_REL};
pub use scan::TagScan;
pub use taxonomy::{count_terms, sort_terms, year_counts};
pub use text::{excerpt_from_html, plain_text, reading_minutes, truncate_text, EXCERPT_CHARS};
pub use view::{ArticleView, ListView, Overview, PostSummary, TermsView, Total};
pub use wire::{
    clean_names, format_date, parse_date, EntryRecord, ListFile, Manifest, Neighbour, PostFile, PostRecord,
    SingleFileBundle, TermCount, TermSummary, TermsFile, YearCount, CHUNKED_MINOR, FORMAT_MAJOR,
    FORMAT_MINOR, FORMAT_NAME, LAYOUT_CHUNKED, LAYOUT_PAGES, LAYOUT_SINGLE, LIST_PAGE_SIZE,
    MANIFEST_CATEGORIES, MANIFEST_TAGS, MAX_BUNDLE_BYTES, PAGES_MINOR, TERMS_PAGE_SIZE,
};
