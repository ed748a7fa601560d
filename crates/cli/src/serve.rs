//! `folio serve`: builds a site, serves it the way its CDN would (the same
//! `_headers`, a folder's `index.html`, `404.html`), watches the posts and
//! the config, rebuilds on each change, and reloads the open tabs.
//!
//! Each build is staged beside the served folder and published into it only
//! when it is good, so a broken post never takes the preview down: the
//! error is printed and shown over the page, and the last good build stays
//! served until the post is fixed.
//!
//! Rebuilds are incremental: the builder keeps the memory of the last good
//! build ([`BuildMemory`]), so an edit renders one post again and writes
//! only the pages and files it changed. The search index comes last: the
//! pages are published and the tabs reloaded first, then the index is
//! written and swapped in (on an archive of 10,000 posts it takes seconds,
//! during which a search answers from the index before the change).
//!
//! Live reload is server-sent events from `/__folio/live`, read by
//! `/__folio/live.js`, which the server adds to the HTML it serves. Neither
//! is ever written into a built site, whose pages keep their strict CSP (a
//! script from the page's own origin is all that `script-src 'self'`
//! allows, and all this needs).

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt as _;
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

use crate::chunked::PendingSearch;
use crate::headers::HeaderRules;
use crate::{
    add_viewer, build_chunked_with, publish, staging_dir, BuildMemory, BuildOptions, ChunkedOptions,
};
use crate::{Diagnostic, Error, Level, NoProgress, PublishReport, GENERATOR};
use crate::{StaticSiteOptions, Viewer};

/// Where the live-reload script and its events are served.
pub const LIVE_PATH: &str = "/__folio/";

/// The live-reload client. It reloads when the server has a build newer
/// than the page's, and shows a broken build's error over the page.
const LIVE_SCRIPT: &str = include_str!("live.js");

/// What `folio serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How to read the site; `input` is the site root.
    pub build: BuildOptions,
    /// The viewer to build around.
    pub viewer: Viewer,
    /// Where to listen.
    pub address: SocketAddr,
    /// Also watch `_drafts/` (and build with drafts).
    pub drafts: bool,
    /// Print the time of each phase of each build.
    pub verbose: bool,
}

/// One successful build, as served.
#[derive(Debug)]
struct Served {
    /// Counts up from 1; the pages' live script compares it with its own.
    build: u64,
    /// The folder it was written to (deleted when a newer build replaces it).
    dir: PathBuf,
    /// Its `_headers`.
    headers: HeaderRules,
}

/// What the server's handlers share.
struct Shared {
    served: RwLock<Arc<Served>>,
    /// The last rebuild's failure, shown to pages that connect later.
    broken: RwLock<Option<String>>,
    events: broadcast::Sender<LiveEvent>,
}

#[derive(Debug, Clone)]
enum LiveEvent {
    Built(u64),
    Broken(String),
}

/// Builds the site at `options.build.input`, then serves and rebuilds it
/// until the process is interrupted. `log` receives one line per build.
///
/// # Errors
///
/// When the first build fails, the address cannot be bound, or the site
/// cannot be watched.
pub fn serve(options: &ServeOptions, log: &mut (dyn Write + Send)) -> Result<(), Error> {
    // Bound first, so that the pages name the address they are served at
    // (with `--port 0`, the one the system chose).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| Error::Serve { what: "start the server".into(), source })?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(options.address))
        .map_err(|source| Error::Serve { what: format!("listen on {}", options.address), source })?;
    let address =
        listener.local_addr().map_err(|source| Error::Serve { what: "read the address".into(), source })?;
    let root = tempfile::Builder::new()
        .prefix("folio-serve-")
        .tempdir()
        .map_err(|source| Error::Write { path: std::env::temp_dir(), source })?;
    let builder = Builder {
        options: options.clone(),
        address,
        out: root.path().join("site"),
        memory: Mutex::new(BuildMemory::default()),
        folder: Mutex::new(()),
    };
    let started = Instant::now();
    // The first build must succeed: there is nothing else to serve.
    let first = builder.build_and_publish(&BTreeSet::new()).map_err(|e| match e {
        Failure::Error(error) => error,
        Failure::Broken(message) => Error::Internal { what: message },
    })?;
    let _ = writeln!(
        log,
        "built {} in {} ms",
        builder.options.build.input.display(),
        started.elapsed().as_millis()
    );
    for d in &first.warnings {
        let _ = writeln!(log, "{d}");
    }
    log_phases(log, options.verbose, &first.phases);
    let shared = Arc::new(Shared {
        served: RwLock::new(Arc::new(builder.served(1))),
        broken: RwLock::new(None),
        events: broadcast::channel(16).0,
    });
    let _ = writeln!(log, "serving at http://{address}/ (Ctrl-C to stop)");
    let _ = log.flush();
    let log = Arc::new(Mutex::new(log));
    // The search index is written beside the rebuilds, never holding one up.
    let (to_index, indexing) = std::sync::mpsc::channel::<(PendingSearch, Instant)>();
    if let Some(pending) = first.pending_search {
        let _ = to_index.send((pending, started));
    }

    let (changes, changed) = std::sync::mpsc::channel();
    let mut watcher = notify_debouncer_full::new_debouncer(Duration::from_millis(50), None, changes)
        .map_err(|e| Error::Serve { what: "watch the site".into(), source: std::io::Error::other(e) })?;
    for (path, mode) in builder.watched() {
        if path.exists() {
            watcher.watch(&path, mode).map_err(|e| Error::Serve {
                what: format!("watch {}", path.display()),
                source: std::io::Error::other(e),
            })?;
        }
    }
    let rebuilds = {
        let shared = Arc::clone(&shared);
        let builder = &builder;
        let log = Arc::clone(&log);
        move || rebuild_on_change(builder, &shared, &changed, &to_index, &log)
    };
    let indexer = {
        let builder = &builder;
        let log = Arc::clone(&log);
        move || index_for_search(builder, &indexing, &log)
    };
    std::thread::scope(|scope| {
        scope.spawn(rebuilds);
        scope.spawn(indexer);
        let app = Router::new()
            .route("/__folio/live", get(live_events))
            .route("/__folio/live.js", get(live_script))
            .fallback(serve_file)
            .with_state(Arc::clone(&shared));
        let served = runtime.block_on(async {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        });
        // Ends the rebuild thread: its channel closes with the watcher.
        drop(watcher);
        served.map_err(|source| Error::Serve { what: "serve".into(), source })
    })
}

/// Waits for changes and rebuilds, until the watcher is dropped.
fn rebuild_on_change(
    builder: &Builder,
    shared: &Shared,
    changed: &std::sync::mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
    to_index: &std::sync::mpsc::Sender<(PendingSearch, Instant)>,
    log: &Mutex<&mut (dyn Write + Send)>,
) {
    let mut next = 2;
    while let Ok(first) = changed.recv() {
        // Everything that arrived meanwhile is one rebuild.
        let mut paths = BTreeSet::new();
        for events in std::iter::once(first).chain(changed.try_iter()) {
            // Reads are events too, and the build reads every input.
            for event in events.into_iter().flatten().filter(|e| is_change(e.event.kind)) {
                paths.extend(event.event.paths.iter().filter(|p| builder.is_input(p)).cloned());
            }
        }
        if paths.is_empty() {
            continue;
        }
        let started = Instant::now();
        let outcome = builder.build_and_publish(&paths);
        let mut locked = log.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match outcome {
            Ok(good) => {
                *shared.served.write().unwrap_or_else(std::sync::PoisonError::into_inner) =
                    Arc::new(builder.served(next));
                *shared.broken.write().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
                let _ = shared.events.send(LiveEvent::Built(next));
                next += 1;
                let _ = writeln!(
                    locked,
                    "rebuilt in {} ms ({} changed: {} files written, {} unchanged, {} deleted)",
                    started.elapsed().as_millis(),
                    paths.len(),
                    good.report.written.len(),
                    good.report.unchanged,
                    good.report.deleted.len(),
                );
                for d in good.warnings {
                    let _ = writeln!(locked, "{d}");
                }
                log_phases(&mut **locked, builder.options.verbose, &good.phases);
                let _ = locked.flush();
                drop(locked);
                if let Some(pending) = good.pending_search {
                    let _ = to_index.send((pending, started));
                }
            }
            Err(failure) => {
                let message = match failure {
                    Failure::Broken(message) => message,
                    Failure::Error(error) => error_chain(&error),
                };
                let _ = writeln!(locked, "{message}\nthe build is broken: still serving the last good one");
                *shared.broken.write().unwrap_or_else(std::sync::PoisonError::into_inner) =
                    Some(message.clone());
                let _ = shared.events.send(LiveEvent::Broken(message));
            }
        }
    }
}

/// With `--verbose`, the time of each phase of a build.
fn log_phases(log: &mut (dyn Write + Send), verbose: bool, phases: &[(&'static str, Duration)]) {
    if verbose {
        for (phase, took) in phases {
            let _ = writeln!(log, "  {:>8.1} ms  {phase}", took.as_secs_f64() * 1000.0);
        }
    }
}

/// How long the search index waits for edits to pause.
const INDEX_PAUSE: Duration = Duration::from_millis(750);

/// Writes the search index of each build published, until the rebuilds
/// end: of the newest one only, when builds came faster than their indexes.
/// Says how long each took, alone and since its build began.
fn index_for_search(
    builder: &Builder,
    indexing: &std::sync::mpsc::Receiver<(PendingSearch, Instant)>,
    log: &Mutex<&mut (dyn Write + Send)>,
) {
    // One thread of its own: the rebuilds, on the shared pool, keep the
    // other cores.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "folio-index".into()).build();
    while let Ok(mut newest) = indexing.recv() {
        // While edits keep coming, index only once they pause; and not at
        // all once the server is stopping.
        loop {
            match indexing.recv_timeout(INDEX_PAUSE) {
                Ok(newer) => newest = newer,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        let (pending, started) = newest;
        let took = Instant::now();
        let write = || pending.write(&builder.out, &builder.folder);
        let result = match &pool {
            Ok(pool) => pool.install(write),
            Err(_) => write(),
        };
        let mut log = log.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match result {
            Ok(summary) => {
                let _ = writeln!(
                    log,
                    "search index of {} posts written in {} ms ({} ms after its build began)",
                    summary.manifest.docs,
                    took.elapsed().as_millis(),
                    started.elapsed().as_millis()
                );
            }
            Err(error) => {
                let _ = writeln!(log, "the search index could not be written: {}", error_chain(&error));
            }
        }
        let _ = log.flush();
    }
}

/// Whether an event changes a file's content or existence.
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Modify(ModifyKind::Metadata(_)) | EventKind::Access(_) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Other => false,
    }
}

/// A build that was published, and its warnings about posts that did not
/// change (those that did make the build fail).
struct Good {
    report: PublishReport,
    /// How long each phase took, publishing last.
    phases: Vec<(&'static str, Duration)>,
    warnings: Vec<Diagnostic>,
    pending_search: Option<PendingSearch>,
}

/// Why a build was not published.
enum Failure {
    /// A changed file has a problem: the message names it.
    Broken(String),
    /// The build failed.
    Error(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Error(error)
    }
}

/// Builds the site into the served folder, remembering each good build
/// for the next.
struct Builder {
    options: ServeOptions,
    /// Where the server listens.
    address: SocketAddr,
    /// The served folder.
    out: PathBuf,
    /// The last good build's.
    memory: Mutex<BuildMemory>,
    /// Held while files go into the served folder: by a publish, and by
    /// the swap of a search index written beside it.
    folder: Mutex<()>,
}

impl Builder {
    /// What to watch: the posts, drafts with `--drafts`, and the config.
    fn watched(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let site = &self.options.build.input;
        let mut watched = vec![(site.join("_posts"), RecursiveMode::Recursive)];
        if self.options.drafts {
            watched.push((site.join("_drafts"), RecursiveMode::Recursive));
        }
        let config = self.options.build.config.clone().unwrap_or_else(|| site.join("_config.yml"));
        watched.push((config, RecursiveMode::NonRecursive));
        watched
    }

    /// Whether a changed path is one the build reads (not an editor's swap
    /// or backup file, nor a hidden file).
    fn is_input(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let temporary =
            name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp");
        !temporary && self.watched().iter().any(|(watched, _)| path.starts_with(watched))
    }

    /// Builds with the last good build's memory into a staging folder, and
    /// publishes it into the served folder. A build whose changed files
    /// have a warning is broken: its message names them, and nothing of it
    /// is published.
    fn build_and_publish(&self, changed: &BTreeSet<PathBuf>) -> Result<Good, Failure> {
        let public = format!("http://{}/", self.address);
        let site = StaticSiteOptions {
            public_url: Some(public),
            ..StaticSiteOptions::new(self.options.viewer.clone())
        };
        let chunked =
            ChunkedOptions { site: Some(site.clone()), defer_search: true, ..ChunkedOptions::default() };
        let mut build = self.options.build.clone();
        build.drafts |= self.options.drafts;
        let mut memory = self.memory.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let staging = staging_dir(&self.out)?;
        let (output, next) =
            build_chunked_with(&build, staging.path(), &chunked, &NoProgress, Some(&memory))?;
        let adding = Instant::now();
        if let Some(written) = &output.site {
            add_viewer(&site.viewer, staging.path(), written, false)?;
        }
        let viewer_took = adding.elapsed();
        let (in_changed, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = output
            .diagnostics
            .into_iter()
            .filter(|d| d.level() == Level::Warning)
            .partition(|d| changed.iter().any(|path| path.ends_with(&d.path)));
        if !in_changed.is_empty() {
            let lines: Vec<String> = in_changed.iter().map(ToString::to_string).collect();
            return Err(Failure::Broken(lines.join("\n")));
        }
        let publishing = Instant::now();
        let folder = self.folder.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let published = publish(staging.path(), &self.out, GENERATOR, "folio serve", &output.kept);
        drop(folder);
        match published {
            Ok(report) => {
                *memory = next;
                let mut phases = output.phases;
                phases.push(("add the viewer and _headers", viewer_took));
                phases.push(("publish what changed", publishing.elapsed()));
                let cleaning = Instant::now();
                drop(staging);
                phases.push(("delete the staging folder", cleaning.elapsed()));
                Ok(Good { report, phases, warnings, pending_search: output.pending_search })
            }
            Err(error) => {
                // The served folder may not be what the memory says: the
                // next build starts from nothing.
                *memory = BuildMemory::default();
                Err(Failure::Error(error))
            }
        }
    }

    /// The served folder as build number `build` left it.
    fn served(&self, build: u64) -> Served {
        let headers =
            HeaderRules::parse(&std::fs::read_to_string(self.out.join("_headers")).unwrap_or_default());
        Served { build, dir: self.out.clone(), headers }
    }
}

/// An error and its causes, one line.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// `/__folio/live`: the current build, its failure if any, then every
/// change as it happens.
async fn live_events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let build = shared.served.read().unwrap_or_else(std::sync::PoisonError::into_inner).build;
    let broken = shared.broken.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let now = std::iter::once(LiveEvent::Built(build)).chain(broken.map(LiveEvent::Broken));
    let later = BroadcastStream::new(shared.events.subscribe()).filter_map(Result::ok);
    let stream = tokio_stream::iter(now).chain(later).map(|event| {
        Ok::<_, Infallible>(match event {
            LiveEvent::Built(build) => Event::default().event("built").data(build.to_string()),
            LiveEvent::Broken(message) => Event::default().event("broken").data(message),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn live_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        LIVE_SCRIPT,
    )
}

/// Any other path: the current build's file, as a static host serves it,
/// with its `_headers`; HTML also loads the live-reload script.
async fn serve_file(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let served = Arc::clone(&shared.served.read().unwrap_or_else(std::sync::PoisonError::into_inner));
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let files = ServeDir::new(&served.dir).not_found_service(ServeFile::new(served.dir.join("404.html")));
    let mut response = match files.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    for (name, value) in served.headers.for_path(&path) {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().insert(name, value);
        }
    }
    let is_html = method != axum::http::Method::HEAD
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = with_live_script(&String::from_utf8_lossy(&bytes));
    parts.headers.remove(header::CONTENT_LENGTH);
    // A preview is never cached: each reload shows the newest build.
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(html))
}

/// `html` with the live-reload script before `</body>` (or at the end).
fn with_live_script(html: &str) -> String {
    let tag = "<script type=\"module\" src=\"/__folio/live.js\"></script>";
    match html.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_script_goes_before_the_end_of_the_body() {
        assert_eq!(
            with_live_script("<html><body><p>x</p></body></html>"),
            "<html><body><p>x</p><script type=\"module\" src=\"/__folio/live.js\"></script></body></html>"
        );
        assert!(with_live_script("<p>x").ends_with("live.js\"></script>"));
    }

    #[test]
    fn errors_read_as_one_line_with_their_causes() {
        let err = Error::Write { path: "/x".into(), source: std::io::Error::other("disk full") };
        assert_eq!(error_chain(&err), format!("{err}: disk full"));
    }
}
