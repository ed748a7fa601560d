//! Rendering one post: Liquid, then Markdown (or the HTML as written), then
//! the excerpt and the source link, then the one sanitiser. The second of a
//! post's two steps (`fields.rs` is the first); it runs in parallel, once
//! every post has its id.

use folio_core::{PostRecord, SanitizedHtml, Sanitizer};

use crate::fields::{Format, Parsed};
use crate::liquid;
use crate::markdown;
use crate::report::Diagnostic;
use crate::yaml::Value;

/// What the renderer needs from the whole build.
pub(crate) struct RenderContext<'a> {
    pub site: &'a Value,
    pub site_url: &'a str,
    pub baseurl: &'a str,
    pub config_separator: Option<&'a str>,
    pub post_url: &'a (dyn Fn(&str) -> Option<String> + Sync),
    pub link: &'a (dyn Fn(&str) -> Option<String> + Sync),
    pub sanitizer: &'a Sanitizer,
    /// The post's original address, when the site's `url` is known.
    pub permalink: &'a (dyn Fn(&Parsed) -> Option<String> + Sync),
}

/// Renders one post into its bundle record, and its body as the policy's
/// [`SanitizedHtml`] (what a static page shows; the record holds the same
/// text). Diagnostics go to `out`.
pub(crate) fn render(
    post: Parsed,
    id: String,
    ctx: &RenderContext<'_>,
    out: &mut Vec<Diagnostic>,
) -> (PostRecord, SanitizedHtml) {
    let liquid_ctx = liquid::Context {
        site: ctx.site,
        page: &post.front,
        site_url: ctx.site_url,
        baseurl: ctx.baseurl,
        post_url: ctx.post_url,
        link: ctx.link,
    };
    let (body, events) = liquid::render(&post.body, &liquid_ctx);
    liquid::report(&post.shown, &post.body, post.body_line, &events, out);

    let html = match post.format {
        Format::Markdown => markdown::to_html(&body),
        Format::Html => body.clone(),
    };
    let excerpt = crate::excerpt::excerpt(&post, &body, &html, ctx.config_separator);
    let source_url =
        post.source_url.clone().or_else(|| trailing_autolink(&body)).or_else(|| (ctx.permalink)(&post));
    let sanitized = ctx.sanitizer.clean_html(&html);
    let content_html = sanitized.as_str().to_owned();
    let record = PostRecord {
        id,
        title: post.title,
        date: folio_core::format_date(&post.date),
        categories: post.categories,
        tags: post.tags,
        author: post.author,
        excerpt,
        source_url,
        lang: post.lang,
        content_html,
    };
    (record, sanitized)
}

/// A bare `<https://…>` autolink on its own line near the end of the body:
/// how archived news posts such as the seed record their source.
fn trailing_autolink(body: &str) -> Option<String> {
    body.lines().rev().take(8).find_map(|line| {
        let url = line.trim().strip_prefix('<')?.strip_suffix('>')?;
        ((url.starts_with("http://") || url.starts_with("https://")) && !url.contains(char::is_whitespace))
            .then(|| url.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_autolinks() {
        assert_eq!(
            trailing_autolink("<p>x</p>\n\n<http://finews.example/a?b=1>\n\n[back](//x.example/)\n")
                .as_deref(),
            Some("http://finews.example/a?b=1")
        );
        assert_eq!(trailing_autolink("<p>x</p>\n<javascript:alert(1)>\n"), None);
    }
}
