//! `folio init`, then `folio build`, then `folio serve`, end to end through
//! the binary: the site `init` writes builds clean; the server answers with
//! the content types and `_headers` of the built site; a connected
//! live-reload client hears about each rebuild; a broken post is reported
//! to it (and in the terminal) while the last good build stays served; and
//! `init` refuses a folder that has files in it.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod support;
use support::fake_viewer;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-serve-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn folio(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A running `folio serve`, stopped when dropped; its output lines arrive
/// on `lines`.
struct Server {
    child: Child,
    address: String,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(site: &Path, viewer: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["serve", path(site), "--port", "0", "--viewer", path(viewer)])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let mut server = Server { child, address: String::new(), lines };
        let line = server.wait_for_line("serving at ");
        server.address = line.split("http://").nth(1).unwrap().split('/').next().unwrap().to_owned();
        server
    }

    /// The next output line that contains `text` (panics after 20 s).
    fn wait_for_line(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with {text:?} from folio serve: {e}"),
            }
        }
    }

    /// GET `path`: (status, headers lowercased, body).
    fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.address).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        (status, headers, body.to_owned())
    }

    /// A live-reload client: its events, as (name, data), on the receiver.
    fn listen(&self) -> mpsc::Receiver<(String, String)> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET /__folio/live HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.address
        )
        .unwrap();
        let (send, events) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(value) = line.strip_prefix("event: ") {
                    name = value.to_owned();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if send.send((name.clone(), data.to_owned())).is_err() {
                        return;
                    }
                }
            }
        });
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The next event, within 20 s.
fn next_event(events: &mpsc::Receiver<(String, String)>) -> (String, String) {
    events.recv_timeout(Duration::from_secs(20)).expect("an event from /__folio/live")
}

#[test]
fn init_then_build_then_serve_with_live_reload_and_a_broken_post() {
    let root = temp_dir("site");
    let site = root.join("blog");
    let viewer = root.join("viewer");
    fake_viewer(&viewer, "0123456789abcdef");

    let (code, stdout, stderr) = folio(&["init", path(&site)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("_config.yml") && stdout.contains("folio serve"), "{stdout}");
    let config = std::fs::read_to_string(site.join("_config.yml")).unwrap();
    for key in ["title:", "lang:", "url:", "timezone:"] {
        assert!(config.contains(key), "{key} in {config}");
    }
    let post = std::fs::read_dir(site.join("_posts")).unwrap().next().unwrap().unwrap().path();
    let welcome = std::fs::read_to_string(&post).unwrap();
    assert!(welcome.contains("categories:") && welcome.contains("tags:"), "{welcome}");

    // The new site builds with no warning.
    let out = root.join("public");
    let (code, _, stderr) =
        folio(&["build", path(&site), "-o", path(&out), "--viewer", path(&viewer), "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("post/welcome-to-folio/index.html").is_file());

    let server = Server::start(&site, &viewer);
    let (status, headers, body) = server.get("/");
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("text/html"));
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"), "the _headers catch-all");
    assert!(body.contains("Welcome to Folio"), "{body}");
    assert!(body.contains(r#"<script type="module" src="/__folio/live.js"></script></body>"#), "{body}");
    assert!(
        !std::fs::read_to_string(out.join("index.html")).unwrap().contains("__folio"),
        "never in a built site"
    );

    let (status, headers, _) = server.get("/assets/folio-0123456789abcdef_bg.wasm");
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
    assert_eq!(header(&headers, "cache-control"), Some("public, max-age=31536000, immutable"));
    let (status, headers, _) = server.get("/feed.xml");
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "cache-control"), Some("public, max-age=0, must-revalidate"));
    let (status, headers, _) = server.get("/post/welcome-to-folio");
    assert_eq!(
        (status, header(&headers, "location")),
        (307, Some("/post/welcome-to-folio/")),
        "a folder's slash"
    );
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("__folio/live.js"), "the site's 404.html, live too");
    let (status, headers, script) = server.get("/__folio/live.js");
    assert_eq!((status, header(&headers, "content-type")), (200, Some("text/javascript; charset=utf-8")));
    assert!(script.contains("EventSource('/__folio/live')"));

    // An edit reaches a connected client as a newer build.
    let events = server.listen();
    assert_eq!(next_event(&events), ("built".to_owned(), "1".to_owned()));
    std::fs::write(&post, welcome.replace("title: Welcome to Folio", "title: Hello again")).unwrap();
    assert_eq!(next_event(&events), ("built".to_owned(), "2".to_owned()));
    assert!(server.get("/").2.contains("Hello again"));

    // A broken post: the error in the terminal and to the client, and the
    // last good build still served.
    let bad = site.join("_posts/2026-11-30-broken.md");
    std::fs::write(&bad, "---\ntitle: [never closed\n---\nText.\n").unwrap();
    let (name, data) = next_event(&events);
    assert_eq!(name, "broken");
    assert!(data.contains("_posts/2026-11-30-broken.md:3") && data.contains("not valid YAML"), "{data}");
    server.wait_for_line("still serving the last good one");
    let (_, _, body) = server.get("/");
    assert!(body.contains("Hello again") && !body.contains("broken"), "{body}");
    // A client that connects now hears of it at once.
    let late = server.listen();
    assert_eq!(next_event(&late), ("built".to_owned(), "2".to_owned()));
    assert_eq!(next_event(&late).0, "broken");

    // Fixed: a new build, served.
    std::fs::write(&bad, "---\ntitle: Fixed now\n---\nText.\n").unwrap();
    assert_eq!(next_event(&events), ("built".to_owned(), "3".to_owned()));
    assert!(server.get("/").2.contains("Fixed now"));
    drop(server);
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn init_refuses_a_folder_with_files() {
    let dir = temp_dir("not-empty");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let (code, stdout, stderr) = folio(&["init", path(&dir)]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "nothing written");
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    let _ = std::fs::remove_dir_all(dir);
}
