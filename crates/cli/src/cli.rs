//! The command line: clap definitions and what each command prints.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{build_bundle, count_post_files, write_bundle, BuildOptions};
use crate::check::check_bundle;
use crate::chunked::{build_chunked, ChunkedOptions, CHUNKED_THRESHOLD};
use crate::deploy;
use crate::report::{thousands, Diagnostic, Kind, Level};
use crate::Error;
use folio_core::DEFAULT_CHUNK_ROOT;

/// Turn a Jekyll-style archive into a Folio bundle, and check bundles.
///
/// A bundle is the one JSON file the Folio viewer reads: site metadata plus
/// every post, with bodies rendered to HTML and sanitised.
#[derive(Debug, Parser)]
#[command(name = "folio", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build `<OUT_DIR>/bundle.json` from a site, a `_posts` folder, a folder
    /// of posts, or a single post file.
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
    /// A complete deployable folder (the viewer, the bundle, `_headers`,
    /// `404.html`, and `.br`/`.gz` copies), after `trunk build --release`:
    ///
    ///   folio build my-blog -o public --with-viewer dist
    Build(BuildArgs),
    /// Read a bundle the way the viewer does and report what it holds.
    ///
    /// Exits with 1 when the file is not a usable bundle. Posts the viewer
    /// would skip are listed with their reasons; with --strict they make the
    /// check fail (exit code 3).
    Check(CheckArgs),
    /// Write a synthetic Jekyll archive, for benchmarks.
    #[command(hide = true)]
    Synth(SynthArgs),
}

/// Arguments of `folio build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// A Jekyll site root (with `_posts/` or `_config.yml`), a `_posts`
    /// folder, any folder of post files, or one post file.
    pub input: PathBuf,
    /// Folder to write `bundle.json` into (created if missing).
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
    /// Make OUT_DIR a complete deployable site: copy the viewer from this
    /// folder (the output of `trunk build --release`, normally dist/) except
    /// its sample bundle.json, and write `_headers`, `404.html`, and `.br`
    /// and `.gz` copies of text files. See docs/deploy.md.
    #[arg(long, value_name = "VIEWER_DIST")]
    pub with_viewer: Option<PathBuf>,
    /// Where OUT_DIR will be served, such as /archive/ or
    /// https://example.com/archive/ (default ./). Only 404.html and
    /// `_headers` use it: with it, a missing page at any depth lands on the
    /// archive's not-found page, and `_headers` paths start with it.
    #[arg(long, value_name = "URL", requires = "with_viewer")]
    pub public_url: Option<String>,
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

/// Arguments of the hidden `folio synth`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Folder to create the site in.
    pub output: PathBuf,
    /// How many posts.
    #[arg(long, default_value_t = 10_000)]
    pub count: usize,
    /// Make every body about this many bytes (default: 1–20 KB, log-uniform).
    #[arg(long)]
    pub size: Option<usize>,
    /// Seed of the generator (the same seed gives the same files).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Runs a parsed command line, printing to `out` (results) and `err`
/// (diagnostics). Returns the error that should end the process, if any.
///
/// # Errors
///
/// Whatever the command fails with; see [`Error`].
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => run_build(&args, out, err),
        Command::Check(args) => {
            let report = check_bundle(&args.bundle)?;
            let _ = out.write_all(report.text.as_bytes());
            if args.strict && !report.skipped.is_empty() {
                return Err(Error::StrictCheck { count: report.skipped.len() });
            }
            Ok(())
        }
        Command::Synth(args) => {
            let written = crate::synth::write_site(
                &args.output,
                args.count,
                args.size.map_or(crate::synth::NEWS_SIZES, crate::synth::BodySize::Fixed),
                args.seed,
            )
            .map_err(|source| Error::Write { path: args.output.clone(), source })?;
            let _ = writeln!(out, "wrote {} posts to {}", thousands(written), args.output.display());
            Ok(())
        }
    }
}

fn run_build(args: &BuildArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Error> {
    let started = Instant::now();
    // A bad --with-viewer or --public-url fails before any work is done.
    let public_url = match &args.public_url {
        Some(url) => deploy::normalise_public_url(url)?,
        None => "./".to_owned(),
    };
    if let Some(viewer) = &args.with_viewer {
        deploy::check_viewer(viewer, &args.output)?;
    }
    let opts = BuildOptions {
        input: args.input.clone(),
        config: args.config.clone(),
        title: args.title.clone(),
        description: args.description.clone(),
        lang: args.lang.clone(),
        base_url: args.base_url.clone(),
        timezone: args.timezone.clone(),
        drafts: args.drafts,
        future: args.future,
        now: None,
    };
    let chunked = args.chunked || (!args.single && count_post_files(&opts)? > CHUNKED_THRESHOLD);
    let progress = progress_bar(!args.quiet && std::io::stderr().is_terminal());
    if chunked {
        let result = build_chunked(
            &opts,
            &args.output,
            &ChunkedOptions { page_size: args.page_size.into(), pretty: args.pretty, strict: args.strict },
            &progress,
        );
        progress.finish_and_clear();
        let output = result?;
        report_diagnostics(args, &output.diagnostics, &output.ignored, err);
        if !args.quiet {
            let _ = writeln!(out, "{}", output.summary);
            let _ = write!(
                out,
                "wrote {} and {} more files in {} ({} bytes)",
                output.manifest.display(),
                thousands(usize::try_from(output.files.saturating_sub(1)).unwrap_or(usize::MAX)),
                args.output.join(DEFAULT_CHUNK_ROOT).display(),
                thousands(usize::try_from(output.bytes).unwrap_or(usize::MAX)),
            );
            report_rate(args, output.summary.posts, started, out);
            if args.verbose {
                for (phase, took) in &output.phases {
                    let _ = writeln!(out, "  {:>8.2} s  {phase}", took.as_secs_f64());
                }
            }
        }
    } else {
        let result = build_bundle(&opts, &progress);
        progress.finish_and_clear();
        let output = result?;
        report_diagnostics(args, &output.diagnostics, &output.ignored, err);
        let warnings = output.summary.warning_count();
        if args.strict && warnings > 0 {
            if !args.quiet {
                let _ = writeln!(err, "{}", output.summary);
            }
            return Err(Error::Strict { count: warnings });
        }
        let (path, size) = write_bundle(&output.bundle, &args.output, args.pretty)?;
        if !args.quiet {
            let _ = writeln!(out, "{}", output.summary);
            let _ = write!(
                out,
                "wrote {} ({} bytes)",
                path.display(),
                thousands(usize::try_from(size).unwrap_or(usize::MAX))
            );
            report_rate(args, output.summary.posts, started, out);
        }
    }
    if let Some(viewer) = &args.with_viewer {
        let site = deploy::add_viewer(viewer, &args.output, &public_url)?;
        if !args.quiet {
            let _ = writeln!(
                out,
                "added the viewer from {} ({} files), 404.html, _headers, and .br/.gz copies of {} files: {} bytes, {} as brotli",
                viewer.display(),
                site.copied.len(),
                site.compressed.len(),
                thousands(usize::try_from(site.bytes).unwrap_or(usize::MAX)),
                thousands(usize::try_from(site.brotli_bytes).unwrap_or(usize::MAX)),
            );
        }
    }
    Ok(())
}

/// Prints the diagnostics the flags ask for.
fn report_diagnostics(args: &BuildArgs, diagnostics: &[Diagnostic], ignored: &[String], err: &mut dyn Write) {
    if args.quiet {
        return;
    }
    for d in diagnostics {
        let show = match d.level() {
            Level::Warning => true,
            Level::Note => args.verbose || d.kind == Kind::NoFrontMatter,
        };
        if show {
            let _ = writeln!(err, "{d}");
        }
    }
    if args.verbose {
        for path in ignored {
            let _ = writeln!(err, "note: {path}: not a post file; ignored");
        }
    }
}

/// Ends the "wrote" line, with the rate under `--verbose`.
fn report_rate(args: &BuildArgs, posts: usize, started: Instant, out: &mut dyn Write) {
    if args.verbose {
        let secs = started.elapsed().as_secs_f64();
        let rate = posts as f64 / secs.max(1e-9);
        let _ = write!(out, " in {secs:.2} s, {} posts/s", thousands(rate as usize));
    }
    let _ = writeln!(out);
}

/// A progress bar drawn on stderr only when it is a terminal, and only once a
/// run has taken more than a second.
fn progress_bar(terminal: bool) -> ProgressBar {
    if !terminal {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    let shown = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(1));
        if !shown.is_finished() {
            shown.set_draw_target(ProgressDrawTarget::stderr());
        }
    });
    bar
}
