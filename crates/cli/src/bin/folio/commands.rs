//! What each command does and prints, over the `folio_cli` library.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use folio_cli::{
    add_viewer, build_bundle, build_chunked, check_bundle, check_viewer, count_post_files,
    normalise_public_url, thousands, write_bundle, BuildOptions, ChunkedOptions, Diagnostic, Error, Kind,
    Level, CHUNKED_THRESHOLD,
};
use folio_core::DEFAULT_CHUNK_ROOT;

use crate::args::{BuildArgs, Cli, Command};
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
    }
}

fn run_build(args: &BuildArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Error> {
    let started = Instant::now();
    // A bad --with-viewer or --public-url fails before any work is done.
    let public_url = match &args.public_url {
        Some(url) => normalise_public_url(url)?,
        None => "./".to_owned(),
    };
    if let Some(viewer) = &args.with_viewer {
        check_viewer(viewer, &args.output)?;
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
    let progress = TerminalProgress::new(!args.quiet && std::io::stderr().is_terminal());
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
        let site = add_viewer(viewer, &args.output, &public_url)?;
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
