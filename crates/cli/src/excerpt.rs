//! A post's excerpt, the way Jekyll picks it: the `excerpt` field, the text
//! before an excerpt separator, or the first paragraph.

use folio_core::{excerpt_from_html, plain_text, truncate_text, EXCERPT_CHARS};

use crate::fields::{Format, Parsed};
use crate::markdown;

/// The excerpt: the `excerpt` field, else the text before the excerpt
/// separator (the post's, then the site's), else before `<!-- more -->`,
/// else the first paragraph.
pub(crate) fn excerpt(
    post: &Parsed,
    body: &str,
    html: &str,
    config_separator: Option<&str>,
) -> Option<String> {
    // Like Jekyll, an excerpt keeps the post's link reference definitions,
    // so `[text][ref]` before the separator still renders as a link.
    let references: String =
        body.lines().filter(|l| is_link_reference(l)).map(|l| format!("\n{l}")).collect();
    let to_text = |src: &str| match post.format {
        Format::Markdown => plain_text(&markdown::to_html(&format!("{src}\n{references}"))),
        Format::Html => plain_text(src),
    };
    if let Some(field) = &post.excerpt_field {
        return non_empty(truncate_text(&to_text(field), EXCERPT_CHARS));
    }
    let separators = [post.excerpt_separator.as_deref(), config_separator];
    for sep in separators.into_iter().flatten().filter(|s| !s.is_empty() && *s != "\n\n") {
        if let Some((head, _)) = body.split_once(sep) {
            return non_empty(truncate_text(&to_text(head), EXCERPT_CHARS));
        }
    }
    for more in ["<!-- more -->", "<!--more-->"] {
        if let Some((head, _)) = body.split_once(more) {
            return non_empty(truncate_text(&to_text(head), EXCERPT_CHARS));
        }
    }
    let mut rest = html;
    while let Some(start) = rest.find("<p") {
        let after = &rest[start + 2..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let end = after.find("</p>").unwrap_or(after.len());
        let text = plain_text(&format!("<p{}", &after[..end]));
        if !text.is_empty() {
            return Some(truncate_text(&text, EXCERPT_CHARS));
        }
        rest = &after[end..];
    }
    non_empty(excerpt_from_html(html, EXCERPT_CHARS))
}

/// `[ref]: https://…`, a Markdown link reference definition.
fn is_link_reference(line: &str) -> bool {
    let trimmed = line.trim_start();
    line.len() - trimmed.len() < 4
        && trimmed.starts_with('[')
        && !trimmed.starts_with("[^")
        && trimmed.find("]:").is_some_and(|i| i > 1)
}

fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}
