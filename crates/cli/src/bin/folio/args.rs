//! The command line's clap definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn a Jekyll-style archive into a Folio bundle, and check bundles.
///
/// A bundle is the one JSON file the Folio viewer reads: site metadata plus
/// every post, with bodies rendered to HTML and sanitised.
#[derive(Debug, Parser)]
#[command(name = "folio", version = env!("FOLIO_LONG_VERSION"), propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a deployable site (or with --bundle-only, `<OUT_DIR>/bundle.json`)
    /// from a site, a `_posts` folder, a folder of posts, or a single post
    /// file.
    ///
    /// Posts are Markdown (.md, .markdown, .mkdown, .mkdn, .mkd) or HTML
    /// (.html, .htm) files with YAML front matter, or any text file that
    /// starts with front matter. Site metadata comes from `_config.yml`
    /// (title, description, lang, url + baseurl, timezone); the flags below
    /// override it.
    ///
    /// Examples:
    ///
    ///   folio build my-blog -o dist
    ///
    ///   folio build my-blog/_posts -o dist --title "My archive" --timezone Asia/Shanghai
    ///
    ///   folio build old-post.md -o /tmp/one --future
    ///
    /// The output is a complete deployable static site: a page for every
    /// article, list and index, the bundle and search index, feeds, a
    /// sitemap, the viewer this binary carries, `_headers`, and `.br`/`.gz`
    /// copies. --bundle-only writes the bundle and index alone.
    ///
    ///   folio build my-blog -o public --public-url https://example.com/
    ///
    ///   folio build my-blog -o dist --bundle-only
    Build(Box<BuildArgs>),
    /// Read a bundle the way the viewer does and report what it holds.
    ///
    /// Exits with 1 when the file is not a usable bundle. Posts the viewer
    /// would skip are listed with their reasons; with --strict they make the
    /// check fail (exit code 3).
    Check(CheckArgs),
    /// Search a built archive's index the way the viewer does, and print
    /// the matches, newest first: the count, then one `id<TAB>title` line
    /// per post of the page.
    ///
    /// Examples:
    ///
    ///   folio search public 无障碍
    ///
    ///   folio search public '"ruby on rails"' --category release --page 2
    Search(SearchArgs),
    /// Build a site and serve it at http://127.0.0.1:8080, rebuilding it
    /// and reloading the open pages whenever a post or `_config.yml`
    /// changes. A change that breaks a post shows its error in the terminal
    /// and over the page, and the last good build stays served.
    ///
    /// Examples:
    ///
    ///   folio serve my-blog
    ///
    ///   folio serve my-blog --drafts --port 4000
    Serve(ServeArgs),
    /// Write a new site into DIR (a new or empty folder): `_config.yml`
    /// and a welcome post. Then `folio serve DIR` shows it.
    Init(InitArgs),
}

/// `folio serve`.
#[derive(Debug, Parser)]
pub struct ServeArgs {
    /// The site root (with `_posts/` and `_config.yml`).
    pub site: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on (0.0.0.0 lets other devices in).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include drafts (`_drafts/` and `published: false`), and watch them.
    #[arg(long)]
    pub drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    pub future: bool,
    /// Build around this viewer (`trunk build --release` output) instead of
    /// the one this binary carries.
    #[arg(long, value_name = "VIEWER_DIST")]
    pub viewer: Option<PathBuf>,
    /// Print how long each phase of each build took.
    #[arg(long, short)]
    pub verbose: bool,
}

/// `folio init`.
#[derive(Debug, Parser)]
pub struct InitArgs {
    /// The folder for the new site (created if missing; must be empty).
    pub dir: PathBuf,
}

/// `folio search`.
#[derive(Debug, Parser)]
pub struct SearchArgs {
    /// The built archive (the folder with `search/`), or its `search/` folder.
    pub archive: PathBuf,
    /// The query, as a reader types it.
    pub query: String,
    /// Only posts in this category.
    #[arg(long)]
    pub category: Option<String>,
    /// Only posts with all of these tags (repeat the flag).
    #[arg(long = "tag")]
    pub all_tags: Vec<String>,
    /// Only posts with any of these tags (repeat the flag).
    #[arg(long = "any-tag")]
    pub any_tags: Vec<String>,
    /// Only posts of this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Only posts of this month of --year.
    #[arg(long, requires = "year")]
    pub month: Option<u32>,
    /// The page of results, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Results per page.
    #[arg(long, default_value_t = folio_search::PAGE_SIZE)]
    pub per_page: usize,
    /// The order of results: newest first, or most relevant first (more of
    /// the query in the title, then more occurrences).
    #[arg(long, value_enum, default_value_t = SearchOrder::Newest)]
    pub order: SearchOrder,
    /// Print JSON: `{"count":N,"exact":true,"ids":[...]}`.
    #[arg(long)]
    pub json: bool,
}

/// `folio search --order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchOrder {
    /// Newest first.
    Newest,
    /// Most relevant first.
    Relevance,
}

/// Arguments of `folio build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// A Jekyll site root (with `_posts/` or `_config.yml`), a `_posts`
    /// folder, any folder of post files, or one post file.
    pub input: PathBuf,
    /// Folder to write the site into (created if missing).
    #[arg(short, long, value_name = "OUT_DIR")]
    pub output: PathBuf,
    /// Read site settings from this file instead of `<INPUT>/_config.yml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Site title (overrides `title`; default: the folder's name).
    #[arg(long)]
    pub title: Option<String>,
    /// One-line site description (overrides `description`).
    #[arg(long)]
    pub description: Option<String>,
    /// Site language as a BCP 47 tag such as zh-CN or en (overrides `lang`).
    #[arg(long)]
    pub lang: Option<String>,
    /// Public URL of the original site, such as https://example.com/blog
    /// (overrides `url` + `baseurl`). Relative links in posts resolve
    /// against it; without it they are dropped.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Time zone for dates written without an offset, as a tz database name
    /// such as Asia/Shanghai (overrides `timezone`; default UTC).
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// Include posts with `published: false` and files in `_drafts`.
    #[arg(long)]
    pub drafts: bool,
    /// Include posts dated in the future (Jekyll leaves them out).
    #[arg(long)]
    pub future: bool,
    /// Fail (exit code 3, no bundle written) if there is any warning.
    #[arg(long)]
    pub strict: bool,
    /// Indent the JSON (larger, easier to diff).
    #[arg(long)]
    pub pretty: bool,
    /// Write the chunked layout (bundle.json as a small manifest, posts and
    /// lists in bundle/), which keeps the viewer's first load constant at any
    /// archive size. The default for archives of more than 2,000 post files.
    #[arg(long, conflicts_with = "single")]
    pub chunked: bool,
    /// Write one bundle.json holding every post, whatever the archive's size.
    #[arg(long)]
    pub single: bool,
    /// Posts per list file (and viewer page) in the chunked layout.
    #[arg(long, value_name = "N", default_value_t = folio_core::LIST_PAGE_SIZE as u16, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub page_size: u16,
    /// The viewer to build the site around: the output of `trunk build
    /// --release` (normally dist/), instead of the viewer this binary
    /// carries. The site is complete either way: an HTML page for every
    /// article, list and index, readable without script and at a real URL
    /// (post/<id>/, tag/<name>/, archive/2022/01/), which the viewer takes
    /// over once loaded; the bundle and search index, Atom feeds,
    /// sitemap.xml, robots.txt, `_headers`, and `.br` and `.gz` copies.
    /// Posts live in their pages (the pages layout) unless --single. See
    /// docs/site-layout.md.
    #[arg(long, value_name = "VIEWER_DIST", alias = "with-viewer", conflicts_with = "bundle_only")]
    pub viewer: Option<PathBuf>,
    /// Write only the bundle (bundle.json, and bundle/ in the chunked
    /// layout) and its search index, for a viewer deployed elsewhere.
    #[arg(long)]
    pub bundle_only: bool,
    /// Where OUT_DIR will be served, such as https://example.com/archive/ or
    /// /archive/ (default: `url` + `baseurl` from _config.yml, else ./).
    /// Canonical links, feeds and the sitemap need an absolute URL;
    /// 404.html, which hosts serve at any depth, and `_headers` use its path.
    #[arg(long, value_name = "URL", conflicts_with = "bundle_only")]
    pub public_url: Option<String>,
    /// What the posts are, for search engines' article markup (JSON-LD).
    #[arg(long, value_enum, value_name = "KIND", default_value_t = ArticleType::Blog, conflicts_with = "bundle_only")]
    pub article_type: ArticleType,
    /// URLs per sitemap file (the protocol allows 50,000; lower only to test).
    #[arg(long, value_name = "N", default_value_t = folio_cli::SITEMAP_URLS, hide = true, value_parser = clap::value_parser!(usize))]
    pub sitemap_limit: usize,
    /// Print only errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print every note, the files that are not posts, and timings.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `folio check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The bundle file, such as dist/bundle.json.
    pub bundle: PathBuf,
    /// Fail (exit code 3) if the viewer would skip any post.
    #[arg(long)]
    pub strict: bool,
}

/// `--article-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ArticleType {
    /// Blog posts (schema.org BlogPosting).
    Blog,
    /// News articles (schema.org NewsArticle).
    News,
}

impl From<ArticleType> for folio_cli::ArticleSchema {
    fn from(kind: ArticleType) -> Self {
        match kind {
            ArticleType::Blog => folio_cli::ArticleSchema::BlogPosting,
            ArticleType::News => folio_cli::ArticleSchema::NewsArticle,
        }
    }
}
