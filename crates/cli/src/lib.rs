//! `folio-cli`: turns Jekyll-style archives into Folio bundles.
//!
//! The `folio` binary is a thin shell over this library:
//!
//! * [`build_bundle`] reads a site, a `_posts` folder, a folder of posts or a
//!   single post (front matter, dates, Liquid, Markdown, excerpts) and returns
//!   the bundle with every note and warning; [`write_bundle`] writes it;
//! * [`build_chunked`] does the same for archives of any size, streaming
//!   posts into the chunked layout;
//! * [`deploy::add_viewer`] turns the output folder into a deployable site:
//!   the viewer, `_headers`, `404.html` and pre-compressed copies;
//! * [`check_bundle`] reads a bundle the way the viewer does;
//! * [`run`] is the whole command line, given the parsed [`Cli`].
//!
//! Bundles are written with `folio_core`'s types and sanitiser, so a bundle is
//! safe by construction and byte-for-byte reproducible.

mod build;
mod check;
mod chunked;
mod cli;
mod config;
pub mod dates;
pub mod deploy;
mod discover;
mod error;
pub mod frontmatter;
mod liquid;
mod markdown;
mod post;
mod report;
mod synth;
mod yaml;

pub use build::{build_bundle, count_post_files, write_bundle, BuildOptions, BuildOutput, GENERATOR};
pub use check::{check_bundle, CheckReport};
pub use chunked::{build_chunked, ChunkedOptions, ChunkedOutput, CHUNKED_THRESHOLD};
pub use cli::{run, BuildArgs, CheckArgs, Cli, Command, SynthArgs};
pub use discover::InputKind;
pub use error::Error;
pub use report::{Diagnostic, Kind, Level, Summary};
pub use synth::{write_site as write_synthetic_site, BodySize, NEWS_SIZES};
