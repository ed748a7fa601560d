//! What each command does and prints, over the `folio_cli` library.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use folio_cli::{
    add_viewer, build_bundle, build_chunked, check_bundle, check_viewer, count_post_files, init_site,
    normalise_public_url, publish, search_folder, serve, staging_dir, thousands, unpack_embedded_viewer,
    write_bundle, write_search_index, write_site, BuildOptions, ChunkedOptions, Diagnostic, Error, Kind,
    Level, PublishReport, ServeOptions, SiteOutput, SiteReport, StaticSiteOptions, CHUNKED_THRESHOLD,
    GENERATOR,
};
use folio_core::DEFAULT_CHUNK_ROOT;
use folio_search::{
    Count, IndexSummary, Order, Query, SearchFilter, SearchRequest, MANIFEST_FILE, SEARCH_DIR,
};

use crate::args::{BuildArgs, Cli, Command, SearchArgs, SearchOrder, ServeArgs};
use crate::progress::TerminalProgress;

/// Runs a parsed command line, printing to `out` (results) and `err`
/// (diagnostics). Returns the error that should end the process, if any.
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
        Command::Search(args) => run_search(&args, out),
        Command::Serve(args) => run_serve(&args),
        Command::Init(args) => {
            let files = init_site(&args.dir, chrono::Utc::now())?;
            for file in files {
                let _ = writeln!(out, "wrote {}", file.display());
            }
            let _ = writeln!(out, "next: folio serve {}", args.dir.display());
            Ok(())
        }
    }
}

fn run_serve(args: &ServeArgs) -> Result<(), Error> {
    let unpacked;
    let viewer = match &args.viewer {
        Some(dir) => folio_cli::Viewer::open(dir)?,
        None => {
            unpacked = unpack_embedded_viewer()?;
            unpacked.viewer.clone()
        }
    };
    let options = ServeOptions {
        build: BuildOptions { input: args.site.clone(), future: args.future, ..BuildOptions::default() },
        viewer,
        address: std::net::SocketAddr::new(args.bind, args.port),
        drafts: args.drafts,
        verbose: args.verbose,
    };
    // Its lines go to stdout as they happen, for a terminal or a test.
    serve(&options, &mut std::io::stdout())
}

fn run_search(args: &SearchArgs, out: &mut dyn Write) -> Result<(), Error> {
    let dir = if args.archive.join(MANIFEST_FILE).is_file() {
        args.archive.clone()
    } else {
        args.archive.join(SEARCH_DIR)
    };
    let request = SearchRequest {
        query: Query::parse(&args.query),
        filter: SearchFilter {
            category: args.category.clone(),
            all_tags: args.all_tags.clone(),
            any_tags: args.any_tags.clone(),
            year: args.year,
            month: args.month,
        },
        page: args.page.max(1),
        per_page: args.per_page.max(1),
        order: match args.order {
            SearchOrder::Newest => Order::Newest,
            SearchOrder::Relevance => Order::Relevance,
        },
    };
    let answer = search_folder(&dir, &request)?;
    let (count, exact) = match answer.count {
        Count::Exact(n) => (n, true),
        Count::AtLeast(n) => (n, false),
    };
    if args.json {
        let ids: Vec<&str> = answer.hits.iter().map(|h| h.record.id.as_str()).collect();
        let json =
            serde_json::json!({ "count": count, "exact": exact, "truncated": answer.truncated, "ids": ids });
        let _ = writeln!(out, "{json}");
        return Ok(());
    }
    let noun = if count == 1 { "post" } else { "posts" };
    let _ = writeln!(out, "{}{} {noun}", if exact { "" } else { "at least " }, thousands(count));
    for hit in &answer.hits {
        let _ = writeln!(out, "{}\t{}", hit.record.id, hit.record.title);
    }
    Ok(())
}

fn run_build(args: &BuildArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Error> {
    let started = Instant::now();
    // A missing viewer, a bad --viewer or a bad --public-url fails before
    // any work is done: never half a site.
    let public_url = args.public_url.as_deref().map(normalise_public_url).transpose()?;
    let unpacked;
    let viewer = match &args.viewer {
        _ if args.bundle_only => None,
        Some(dir) => Some(check_viewer(dir, &args.output)?),
        None => {
            unpacked = unpack_embedded_viewer()?;
            Some(unpacked.viewer.clone())
        }
    };
    let site_options = viewer.map(|viewer| StaticSiteOptions {
        public_url,
        article_schema: args.article_type.into(),
        sitemap_limit: args.sitemap_limit,
        ..StaticSiteOptions::new(viewer)
    });
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
    let settings = build_settings(args, site_options.as_ref().map(|o| &o.viewer));
    // Written whole into a fresh folder, then moved in file by file where
    // the content changed (see folio_cli::publish).
    let staging = staging_dir(&args.output)?;
    let target = staging.path();
    // A static site's posts live in their pages (the pages layout, built
    // like a chunked bundle) unless --single asks for one file.
    let chunked = args.chunked
        || (!args.single && (site_options.is_some() || count_post_files(&opts)? > CHUNKED_THRESHOLD));
    let progress = TerminalProgress::new(!args.quiet && std::io::stderr().is_terminal());
    let site = if chunked {
        let options = ChunkedOptions {
            page_size: args.page_size.into(),
            pretty: args.pretty,
            strict: args.strict,
            site: site_options.clone(),
            defer_search: false,
        };
        let result = build_chunked(&opts, target, &options, &progress);
        progress.finish_and_clear();
        let output = result?;
        report_diagnostics(args, &output.diagnostics, &output.ignored, err);
        if !args.quiet {
            let _ = writeln!(out, "{}", output.summary);
            let _ = write!(
                out,
                "wrote {} and {} more files in {} ({} bytes)",
                args.output.join(output.manifest.file_name().unwrap_or_default()).display(),
                thousands(usize::try_from(output.files.saturating_sub(1)).unwrap_or(usize::MAX)),
                args.output.join(DEFAULT_CHUNK_ROOT).display(),
                thousands(usize::try_from(output.bytes).unwrap_or(usize::MAX)),
            );
            report_rate(args, output.summary.posts, started, out);
            if let Some(search) = &output.search {
                report_search(search, &args.output, out);
            }
            if args.verbose {
                for (phase, took) in &output.phases {
                    let _ = writeln!(out, "  {:>8.2} s  {phase}", took.as_secs_f64());
                }
            }
        }
        output.site
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
        let (path, size) = write_bundle(&output.bundle, target, args.pretty)?;
        let search = write_search_index(&output.bundle.posts, target)?;
        if !args.quiet {
            let _ = writeln!(out, "{}", output.summary);
            let _ = write!(
                out,
                "wrote {} ({} bytes)",
                args.output.join(path.file_name().unwrap_or_default()).display(),
                thousands(usize::try_from(size).unwrap_or(usize::MAX))
            );
            report_rate(args, output.summary.posts, started, out);
            report_search(&search, &args.output, out);
        }
        match &site_options {
            Some(options) => Some(write_site(&output.bundle, target, options)?),
            None => None,
        }
    };
    if let (Some(options), Some(site)) = (&site_options, &site) {
        let report = add_viewer(&options.viewer, target, site, true)?;
        if !args.quiet {
            let from = match &args.viewer {
                Some(dir) => dir.display().to_string(),
                None => format!("this binary's {}", folio_cli::embedded_viewer_build().unwrap_or_default()),
            };
            report_site(site, &report, &from, out, err);
        }
    }
    let generator =
        format!("{GENERATOR} ({})", folio_cli::embedded_viewer_build().unwrap_or("no viewer built in"));
    let published = publish(target, &args.output, &generator, &settings, &[])?;
    if !args.quiet {
        report_published(&published, args.verbose, out);
    }
    Ok(())
}

/// What a build was asked to do, besides reading the posts: the flags, the
/// viewer and the config file's content. A change means every file is
/// compared afresh.
fn build_settings(args: &BuildArgs, viewer: Option<&folio_cli::Viewer>) -> String {
    let site_root = if args.input.is_dir() { args.input.clone() } else { Default::default() };
    let config = args.config.clone().unwrap_or_else(|| site_root.join("_config.yml"));
    let config =
        std::fs::read(&config).map(|bytes| folio_core::name_key(&String::from_utf8_lossy(&bytes))).ok();
    format!(
        "{:?}",
        (
            (&args.input, &args.config, config, &args.title, &args.description, &args.lang, &args.base_url),
            (
                &args.timezone,
                args.drafts,
                args.future,
                args.chunked,
                args.single,
                args.page_size,
                args.pretty
            ),
            (viewer.map(|v| &v.manifest), &args.public_url, args.article_type, args.sitemap_limit),
        )
    )
}

/// `N files written, M unchanged, K deleted`, and why all were compared.
fn report_published(report: &PublishReport, verbose: bool, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "{} files written, {} unchanged, {} deleted",
        thousands(report.written.len()),
        thousands(report.unchanged),
        thousands(report.deleted.len())
    );
    if let Some(why) = &report.full_because {
        let _ = writeln!(out, "every file was compared afresh: {why}");
    }
    if verbose {
        for rel in &report.written {
            let _ = writeln!(out, "  written  {rel}");
        }
        for rel in &report.deleted {
            let _ = writeln!(out, "  deleted  {rel}");
        }
    }
}

/// What the search index holds.
fn report_search(search: &IndexSummary, out_dir: &Path, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "wrote a search index of {} {} in {}: {} terms, {} files ({} bytes)",
        thousands(search.manifest.docs as usize),
        if search.manifest.docs == 1 { "post" } else { "posts" },
        out_dir.join(SEARCH_DIR).display(),
        thousands(usize::try_from(search.terms).unwrap_or(usize::MAX)),
        thousands(usize::try_from(search.files).unwrap_or(usize::MAX)),
        thousands(usize::try_from(search.bytes).unwrap_or(usize::MAX)),
    );
}

/// What a static site build wrote, and the warning when the site's address
/// is unknown.
fn report_site(
    site: &SiteOutput,
    report: &SiteReport,
    viewer: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    let n = |value: u64| thousands(usize::try_from(value).unwrap_or(usize::MAX));
    let _ = writeln!(
        out,
        "wrote {} static pages ({} bytes) and {} Atom feeds",
        n(site.pages),
        n(site.page_bytes),
        thousands(site.feeds),
    );
    match &site.sitemap {
        Some(files) => {
            let _ = writeln!(
                out,
                "wrote a sitemap of {} URLs at {} ({} file{}) and robots.txt",
                thousands(site.sitemap_urls),
                site.public.absolute.as_ref().map_or_else(String::new, |u| format!("{u}sitemap.xml")),
                files.len(),
                if files.len() == 1 { "" } else { "s" },
            );
        }
        None => {
            let _ = writeln!(
                err,
                "warning: the site's public URL is unknown, so its canonical links and feeds are relative and no sitemap \
                 was written; set `url` (and `baseurl`) in _config.yml or pass --public-url https://…"
            );
        }
    }
    let _ = writeln!(
        out,
        "added the viewer from {} ({} files), _headers, and .br/.gz copies of {} files: {} bytes, {} as brotli",
        viewer,
        report.copied.len(),
        report.compressed.len(),
        n(report.bytes),
        n(report.brotli_bytes),
    );
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
