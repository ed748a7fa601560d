//! `folio-cli`: turns Jekyll-style archives into Folio bundles and
//! deployable sites. The `folio` binary (`src/bin/folio`) is a thin shell
//! over this library: it parses the command line, draws the progress bar and
//! prints.
//!
//! * [`build_bundle`] reads a site, a `_posts` folder, a folder of posts or a
//!   single post and returns the single-file bundle with every note and
//!   warning; [`write_bundle`] writes it;
//! * [`build_chunked`] does the same for archives of any size, streaming
//!   posts into the chunked layout;
//! * [`write_site`] (or [`build_chunked`] with [`ChunkedOptions::site`])
//!   writes the static site: a page for every article, list and index,
//!   rendered from the viewer's own components, with feeds, a sitemap and
//!   `robots.txt` (`site`, `site_build`, `feeds`, `sitemap`);
//! * [`add_viewer`] turns the output folder into a deployable site: the
//!   viewer build ([`Viewer`]), `_headers` and pre-compressed copies;
//! * [`check_bundle`] reads a bundle the way the viewer does.
//!
//! A build reads each post in two steps, so that both run in parallel:
//! `fields` reads the front matter of every file (the build needs every
//! post's metadata to assign ids in `ids` and resolve `post_url` links), then
//! `render` turns each body into sanitised HTML (Liquid in `liquid`,
//! Markdown in `markdown`, excerpts in `excerpt`). Bundles are written with
//! `folio_core`'s types and sanitiser, so a bundle is safe by construction
//! and byte-for-byte reproducible.

mod atomic;
mod build;
mod check;
mod chunked;
mod config;
mod dates;
mod deploy;
mod discover;
mod error;
mod excerpt;
mod feeds;
mod fields;
mod frontmatter;
mod headers;
mod ids;
mod init;
mod liquid;
mod markdown;
mod memory;
mod permalink;
mod progress;
mod publish;
mod render;
mod report;
mod search_index;
mod serve;
mod site;
mod site_build;
mod sitemap;
mod viewer;
mod yaml;

pub use build::{build_bundle, count_post_files, write_bundle, BuildOptions, BuildOutput, GENERATOR};
pub use check::{check_bundle, CheckReport};
pub use chunked::{
    build_chunked, build_chunked_with, ChunkedOptions, ChunkedOutput, PendingSearch, CHUNKED_THRESHOLD,
};
pub use dates::{filename_date, parse_jekyll_date, SiteZone};
pub use deploy::{
    add_viewer, check_viewer, compressible, headers_file, is_content_hashed, normalise_public_url,
    SiteReport, CACHE_IMMUTABLE, CACHE_REVALIDATE, COMPRESSED_EXTENSIONS, COMPRESS_MIN_BYTES,
};
pub use discover::InputKind;
pub use error::Error;
pub use feeds::FEED_ENTRIES;
pub use frontmatter::{opens_with_front_matter, split_front_matter, FrontMatter, Split};
pub use headers::HeaderRules;
pub use init::init_site;
pub use memory::BuildMemory;
pub use progress::{NoProgress, Progress};
pub use publish::{publish, staging_dir, PublishReport, RECORD_FILE};
pub use report::{thousands, Diagnostic, Kind, Level, Summary};
pub use search_index::{search_folder, write_search_index};
pub use serve::{serve, ServeOptions, LIVE_PATH};
pub use site::{ArticleSchema, PublicUrl, StaticSiteOptions, ASSETS, SITEMAP_URLS};
pub use site_build::{write_site, SiteOutput};
pub use viewer::{embedded_viewer_build, unpack_embedded_viewer, UnpackedViewer, Viewer, ViewerManifest};
