//! The loaded archive as the app shares it: one `Rc` handed down through a
//! context, with the sanitiser and the per-post cache of sanitised bodies.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;

use folio_core::{Archive, LoadedBundle, Locale, Post, Sanitizer, SkippedPost, Text, ViewOptions};
use yew::AttrValue;

use crate::components::SanitizedHtml;

/// Everything pages need once the bundle is in.
#[derive(Debug)]
pub struct ArchiveState {
    /// The sorted, indexed posts.
    pub archive: Archive,
    /// Posts left out of the bundle, with reasons.
    pub skipped: Vec<SkippedPost>,
    /// Interface language: the page's `lang=` option, else the site's language.
    pub locale: Locale,
    /// How the page was asked to present itself (`embed=1`, `limit=`, ...).
    pub view: ViewOptions,
    sanitizer: Sanitizer,
    /// Sanitised bodies by post id: sanitising runs once per post per load,
    /// not on every render or every visit.
    bodies: RefCell<HashMap<String, AttrValue>>,
}

impl ArchiveState {
    pub fn new(bundle: LoadedBundle, view: ViewOptions) -> Self {
        let locale = view.locale.unwrap_or_else(|| Locale::from_lang_tag(bundle.site.lang.as_deref()));
        let sanitizer = Sanitizer::new(bundle.site.base_url.as_deref());
        ArchiveState {
            archive: Archive::new(bundle.site, bundle.posts),
            skipped: bundle.skipped,
            locale,
            view,
            sanitizer,
            bodies: RefCell::default(),
        }
    }

    /// Fixed interface strings in the archive's language.
    pub fn text(&self) -> &'static Text {
        self.locale.text()
    }

    /// `"{page} · {site}"`, or just the site title on the home page.
    pub fn page_title(&self, page: &str) -> String {
        let site = &self.archive.site().title;
        if page.is_empty() {
            site.clone()
        } else {
            format!("{page} · {site}")
        }
    }

    /// The post's body, sanitised (and cached).
    pub fn body_html(&self, post: &Post) -> SanitizedHtml {
        let cached = self.bodies.borrow().get(&post.id).cloned();
        let html = cached.unwrap_or_else(|| {
            let timing = SanitizeTiming::start();
            let html = AttrValue::from(self.sanitizer.clean(&post.content_html));
            timing.finish(post.content_html.len());
            self.bodies.borrow_mut().insert(post.id.clone(), html.clone());
            html
        });
        SanitizedHtml::new(self, html)
    }

    /// The post's original URL, if it is a safe `http(s)` link.
    pub fn source_link(&self, post: &Post) -> Option<String> {
        post.source_url.as_deref().and_then(|url| self.sanitizer.external_link(url))
    }
}

/// Cheap-to-clone handle on the loaded archive, compared by identity.
#[derive(Debug, Clone)]
pub struct ArchiveHandle(pub Rc<ArchiveState>);

impl PartialEq for ArchiveHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for ArchiveHandle {
    type Target = ArchiveState;

    fn deref(&self) -> &ArchiveState {
        &self.0
    }
}

/// Records each sanitiser run as a User Timing measure named
/// `folio:sanitize bytes=<input bytes>`, visible in the browser's performance
/// panel and read by the benchmark script (`tests/bench/browser.mjs`).
struct SanitizeTiming(Option<web_sys::Performance>);

const SANITIZE_START: &str = "folio:sanitize:start";
const SANITIZE_END: &str = "folio:sanitize:end";

impl SanitizeTiming {
    fn start() -> Self {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            p.mark(SANITIZE_START).ok();
        }
        SanitizeTiming(performance)
    }

    fn finish(self, bytes: usize) {
        if let Some(p) = self.0 {
            p.mark(SANITIZE_END).ok();
            let name = format!("folio:sanitize bytes={bytes}");
            p.measure_with_start_mark_and_end_mark(&name, SANITIZE_START, SANITIZE_END).ok();
            p.clear_marks_with_mark_name(SANITIZE_START);
            p.clear_marks_with_mark_name(SANITIZE_END);
        }
    }
}
