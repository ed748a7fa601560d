//! Liquid, the template language inside Jekyll posts, handled without running
//! it.
//!
//! Folio does not execute templates: a post is content, and an archive may come
//! from anyone. Instead each construct gets a fixed, safe treatment:
//!
//! * `{% raw %}…{% endraw %}` is unwrapped and its content kept literally;
//! * `{% highlight lang %}…{% endhighlight %}` becomes a fenced code block;
//! * `{{ site.x }}` and `{{ page.x }}` are substituted when the key is known,
//!   and `{{ "literal" }}` prints the literal;
//! * `{% post_url %}` and `{% link %}` become links into the viewer;
//! * `{% comment %}` and `{% capture %}` blocks are dropped with their content;
//! * every other tag is removed (its content, if it is a block, stays), and
//!   reported;
//! * `${{ … }}` (GitHub Actions expressions in prose and code) is left as
//!   text.

use std::collections::BTreeMap;

use crate::report::{Diagnostic, Kind};
use crate::yaml::Value;

/// What the renderer needs to know about the site and the post.
pub(crate) struct Context<'a> {
    /// `_config.yml`, for `{{ site.x }}` (null when there is none).
    pub site: &'a Value,
    /// The post's front matter, for `{{ page.x }}`.
    pub page: &'a Value,
    /// The site's `url` and `baseurl` joined, for `absolute_url`.
    pub site_url: &'a str,
    /// The site's `baseurl`, for `relative_url`.
    pub baseurl: &'a str,
    /// Finds the bundle id of the post a `post_url` argument names.
    pub post_url: &'a dyn Fn(&str) -> Option<String>,
    /// Finds the bundle id of the post a `link` path names.
    pub link: &'a dyn Fn(&str) -> Option<String>,
}

/// Something the renderer did that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// A tag Folio does not run was removed.
    RemovedTag { name: String, offset: usize },
    /// An output whose value is unknown was removed.
    RemovedOutput { expr: String, offset: usize },
    /// A `post_url` or `link` that names no post in the archive.
    Unresolved { tag: &'static str, target: String, offset: usize },
    /// A `link` to something that is not a post, resolved by Jekyll's default
    /// permalink rule.
    GuessedLink { target: String, href: String, offset: usize },
    /// A block tag that is never closed; it runs to the end of the post.
    Unclosed { name: String, offset: usize },
}

/// Renders the Liquid in `src`; returns the text and what was done.
pub(crate) fn render(src: &str, ctx: &Context<'_>) -> (String, Vec<Event>) {
    let mut out = String::with_capacity(src.len());
    let mut events = Vec::new();
    render_into(src, 0, ctx, &mut out, &mut events);
    (out, events)
}

fn render_into(src: &str, base: usize, ctx: &Context<'_>, out: &mut String, events: &mut Vec<Event>) {
    let mut i = 0;
    while let Some(rel) = src[i..].find('{') {
        let pos = i + rel;
        let rest = &src[pos..];
        if let Some(after_open) = rest.strip_prefix("{{") {
            out.push_str(&src[i..pos]);
            if src[..pos].ends_with('$') {
                // `${{ secrets.TOKEN }}`: an Actions expression, not Liquid.
                let end = rest.find("}}").map_or(rest.len(), |e| e + 2);
                out.push_str(&rest[..end]);
                i = pos + end;
                continue;
            }
            let Some(close) = after_open.find("}}") else {
                out.push_str(rest);
                return;
            };
            let inner = &after_open[..close];
            let (trim_left, trim_right) = (inner.starts_with('-'), inner.ends_with('-'));
            let expr = inner.trim_start_matches('-').trim_end_matches('-').trim();
            if trim_left {
                trim_end_in_place(out);
            }
            match output_value(expr, ctx) {
                Some(value) => out.push_str(&value),
                None => events.push(Event::RemovedOutput {
                    expr: expr.split('|').next().unwrap_or("").trim().to_owned(),
                    offset: base + pos,
                }),
            }
            i = pos + 2 + close + 2;
            if trim_right {
                i += src[i..].len() - src[i..].trim_start().len();
            }
        } else if rest.starts_with("{%") {
            out.push_str(&src[i..pos]);
            let Some(tag) = parse_tag(rest) else {
                out.push_str(rest);
                return;
            };
            if tag.trim_left {
                trim_end_in_place(out);
            }
            let next = pos + tag.len;
            let offset = base + pos;
            match tag.name {
                "raw" | "comment" | "capture" | "highlight" => {
                    let end_name = format!("end{}", tag.name);
                    let mut start = next;
                    if tag.trim_right {
                        start += src[start..].len() - src[start..].trim_start().len();
                    }
                    let (content, after, end_trims_right) = match find_tag(&src[start..], &end_name) {
                        Some((at, end)) => {
                            let content = &src[start..start + at];
                            let content = if end.trim_left { content.trim_end() } else { content };
                            (content, start + at + end.len, end.trim_right)
                        }
                        None => {
                            events.push(Event::Unclosed { name: tag.name.to_owned(), offset });
                            (&src[start..], src.len(), false)
                        }
                    };
                    match tag.name {
                        "raw" => out.push_str(content),
                        "highlight" => {
                            let mut code = String::new();
                            render_into(content, base + start, ctx, &mut code, events);
                            push_code_block(out, tag.args.split_whitespace().next().unwrap_or(""), &code);
                        }
                        // comment and capture: the content is not output.
                        _ => {}
                    }
                    i = after;
                    if end_trims_right {
                        i += src[i..].len() - src[i..].trim_start().len();
                    }
                    continue;
                }
                "post_url" => {
                    let target = unquote(tag.args.trim());
                    match (ctx.post_url)(target) {
                        Some(id) => out.push_str(&format!("#/post/{id}")),
                        None => {
                            events.push(Event::Unresolved {
                                tag: "post_url",
                                target: target.to_owned(),
                                offset,
                            });
                            out.push('#');
                        }
                    }
                }
                "link" => {
                    let target = unquote(tag.args.trim());
                    if let Some(id) = (ctx.link)(target) {
                        out.push_str(&format!("#/post/{id}"));
                    } else if target.contains("{{") || target.is_empty() {
                        events.push(Event::Unresolved { tag: "link", target: target.to_owned(), offset });
                        out.push('#');
                    } else {
                        let href = guess_link(target, ctx.baseurl);
                        events.push(Event::GuessedLink {
                            target: target.to_owned(),
                            href: href.clone(),
                            offset,
                        });
                        out.push_str(&href);
                    }
                }
                name => events.push(Event::RemovedTag { name: name.to_owned(), offset }),
            }
            i = next;
            if tag.trim_right {
                i += src[i..].len() - src[i..].trim_start().len();
            }
        } else {
            out.push_str(&src[i..=pos]);
            i = pos + 1;
        }
    }
    out.push_str(&src[i..]);
}

/// Turns what [`render`] did to a post's `body` into diagnostics: one
/// warning per Liquid tag kind, with a count and the first line, and one per
/// link that points nowhere. `body_line` is the file line the body starts on.
pub(crate) fn report(shown: &str, body: &str, body_line: usize, events: &[Event], out: &mut Vec<Diagnostic>) {
    let line_at = |offset: usize| body_line + body[..offset.min(body.len())].matches('\n').count();
    let mut tags: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut outputs: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for event in events {
        match event {
            Event::RemovedTag { name, offset } => {
                // `{% for %}…{% endfor %}` is one construct: report it once.
                let kind = match name.as_str() {
                    "else" | "elsif" => "if",
                    "when" => "case",
                    other => other.strip_prefix("end").filter(|s| !s.is_empty()).unwrap_or(other),
                };
                let entry = tags.entry(kind).or_insert((*offset, 0));
                if !name.starts_with("end") && !matches!(name.as_str(), "else" | "elsif" | "when") {
                    entry.1 += 1;
                }
                entry.0 = entry.0.min(*offset);
            }
            Event::RemovedOutput { expr, offset } => {
                outputs.entry(expr).or_insert((*offset, 0)).1 += 1;
            }
            Event::Unresolved { tag, target, offset } => out.push(Diagnostic::new(
                Kind::UnresolvedLink,
                shown,
                Some(line_at(*offset)),
                Some(&format!("{{% {tag} %}}")),
                format!("`{target}` is not a post in this archive; the link points nowhere (`#`)"),
            )),
            Event::GuessedLink { target, href, offset } => out.push(Diagnostic::new(
                Kind::GuessedLink,
                shown,
                Some(line_at(*offset)),
                Some("{% link %}"),
                format!("`{target}` is not a post; linked to `{href}` on the original site"),
            )),
            Event::Unclosed { name, offset } => out.push(Diagnostic::new(
                Kind::UnclosedLiquid,
                shown,
                Some(line_at(*offset)),
                Some(&format!("{{% {name} %}}")),
                format!("`{{% {name} %}}` is never closed with `{{% end{name} %}}`; it runs to the end of the post"),
            )),
        }
    }
    for (name, (offset, count)) in tags {
        let times = if count <= 1 { String::new() } else { format!(" ({count} times)") };
        out.push(Diagnostic::new(
            Kind::UnknownLiquidTag,
            shown,
            Some(line_at(offset)),
            Some(&format!("{{% {name} %}}")),
            format!("Liquid tag `{name}` is not run by Folio; removed{times}"),
        ));
    }
    for (expr, (offset, count)) in outputs {
        let times = if count == 1 { String::new() } else { format!(" ({count} times)") };
        out.push(Diagnostic::new(
            Kind::LiquidOutput,
            shown,
            Some(line_at(offset)),
            Some(&format!("{{{{ {expr} }}}}")),
            format!("the value of `{expr}` is not known at build time; removed{times}"),
        ));
    }
}

struct Tag<'a> {
    name: &'a str,
    args: &'a str,
    /// Length of the whole tag, `{%` to `%}`.
    len: usize,
    trim_left: bool,
    trim_right: bool,
}

/// Reads the `{% name args %}` at the start of `s`.
fn parse_tag(s: &str) -> Option<Tag<'_>> {
    let close = s.find("%}")?;
    let inner = &s[2..close];
    let (trim_left, trim_right) = (inner.starts_with('-'), inner.ends_with('-'));
    let inner = inner.trim_start_matches('-').trim_end_matches('-').trim();
    let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
    let name = &inner[..name_end];
    let name = if name.is_empty() { "(empty)" } else { name };
    Some(Tag { name, args: inner[name_end..].trim(), len: close + 2, trim_left, trim_right })
}

/// Finds `{% name %}` (with any spacing and `-` markers); returns its offset
/// and the tag.
fn find_tag<'s>(s: &'s str, name: &str) -> Option<(usize, Tag<'s>)> {
    let mut from = 0;
    while let Some(rel) = s[from..].find("{%") {
        let start = from + rel;
        if let Some(tag) = parse_tag(&s[start..]) {
            if tag.name == name {
                return Some((start, tag));
            }
        }
        from = start + 2;
    }
    None
}

fn trim_end_in_place(out: &mut String) {
    let len = out.trim_end().len();
    out.truncate(len);
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// The value of a `{{ … }}` expression, when Folio can know it.
fn output_value(expr: &str, ctx: &Context<'_>) -> Option<String> {
    let mut parts = expr.split('|');
    let head = parts.next()?.trim();
    let mut value = if (head.starts_with('"') && head.ends_with('"')
        || head.starts_with('\'') && head.ends_with('\''))
        && head.len() >= 2
    {
        head[1..head.len() - 1].to_owned()
    } else if let Some(key) = head.strip_prefix("site.") {
        ctx.site.path(key)?.as_str()?.to_owned()
    } else if let Some(key) = head.strip_prefix("page.") {
        ctx.page.path(key)?.as_str()?.to_owned()
    } else {
        return None;
    };
    for filter in parts {
        match filter.trim().split(':').next().unwrap_or("").trim() {
            "relative_url" => value = join_url(ctx.baseurl, &value),
            "absolute_url" => value = join_url(ctx.site_url, &value),
            _ => {}
        }
    }
    Some(value)
}

fn join_url(prefix: &str, path: &str) -> String {
    if path.contains("://") || path.starts_with("//") {
        return path.to_owned();
    }
    let prefix = prefix.trim_end_matches('/');
    if path.starts_with('/') {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}/{path}")
    }
}

/// Jekyll's default permalink for a page or collection document:
/// `_docs/x.md` becomes `/docs/x.html`, `about.md` becomes `/about.html`.
fn guess_link(target: &str, baseurl: &str) -> String {
    let path = target.trim_start_matches('/');
    let path = path.strip_prefix('_').unwrap_or(path);
    let path = match path.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && !ext.contains('/')
                && matches!(ext, "md" | "markdown" | "mkdown" | "mkdn" | "mkd" | "htm" | "html") =>
        {
            format!("{stem}.html")
        }
        _ => path.to_owned(),
    };
    join_url(baseurl, &format!("/{path}"))
}

/// Appends a fenced code block whose fence cannot occur in `code`.
fn push_code_block(out: &mut String, lang: &str, code: &str) {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence);
    out.push_str(lang);
    out.push('\n');
    let code = code.trim_matches(|c| c == '\n' || c == '\r');
    out.push_str(code);
    out.push('\n');
    out.push_str(&fence);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn render_with(src: &str, site: &str) -> (String, Vec<Event>) {
        let (site, _) = yaml::parse(site).unwrap();
        let (page, _) = yaml::parse("title: The Page\n").unwrap();
        let post_url =
            |arg: &str| (arg.trim_start_matches('/') == "2010-07-21-name").then(|| "name".to_owned());
        let link = |arg: &str| (arg == "_posts/2016-07-26-x.md").then(|| "x".to_owned());
        let ctx = Context {
            site: &site,
            page: &page,
            site_url: "https://example.org/blog",
            baseurl: "/blog",
            post_url: &post_url,
            link: &link,
        };
        render(src, &ctx)
    }

    fn text(src: &str) -> String {
        render_with(src, "title: Site\nurl: https://example.org\ntwitter:\n  username: jk\n").0
    }

    #[test]
    fn liquid_table() {
        let cases: &[(&str, &str, &str)] = &[
            ("raw is unwrapped", "a {% raw %}{{ x }} {% if %}{% endraw %} b", "a {{ x }} {% if %} b"),
            ("nested raw keeps the inner opener", "{% raw %}{% raw %}{% endraw %}", "{% raw %}"),
            ("raw with whitespace control", "a\n{%- raw -%}\nX\n{%- endraw -%}\nb", "aXb"),
            ("site variable", "{{ site.title }} at {{site.url}}", "Site at https://example.org"),
            ("nested site variable", "@{{ site.twitter.username }}", "@jk"),
            ("page variable", "# {{ page.title }}", "# The Page"),
            ("unknown variable removed", "x{{ page.nope }}y{{ foo }}z", "xyz"),
            ("string literal", "{{ \"{% raw %}\" }}", "{% raw %}"),
            ("relative_url", "{{ '/img/a.png' | relative_url }}", "/blog/img/a.png"),
            ("absolute_url", "{{ 'img/a.png' | absolute_url }}", "https://example.org/blog/img/a.png"),
            ("post_url", "[p]({% post_url 2010-07-21-name %})", "[p](#/post/name)"),
            ("post_url with folder slash", "[p]({% post_url /2010-07-21-name %})", "[p](#/post/name)"),
            ("post_url unknown", "[p]({% post_url 1999-01-01-gone %})", "[p](#)"),
            ("link to a post", "[l]({% link _posts/2016-07-26-x.md %})", "[l](#/post/x)"),
            (
                "link to a page",
                "[d]({% link _docs/configuration.md %})",
                "[d](/blog/docs/configuration.html)",
            ),
            ("include removed", "a\n{% include sig.md %}\nb", "a\n\nb"),
            ("block tags removed, content kept", "{% if x %}yes{% else %}no{% endif %}", "yesno"),
            ("comment dropped", "a{% comment %}secret{% endcomment %}b", "ab"),
            ("capture dropped", "a{% capture v %}hidden{% endcapture %}b", "ab"),
            (
                "actions expression left alone",
                "token: ${{ secrets.GITHUB_TOKEN }}",
                "token: ${{ secrets.GITHUB_TOKEN }}",
            ),
            ("lone braces", "fn x() { y }", "fn x() { y }"),
            ("unterminated output", "a {{ b", "a {{ b"),
            ("unterminated tag", "a {% b", "a {% b"),
        ];
        for (name, src, expected) in cases {
            assert_eq!(text(src), *expected, "{name}");
        }
    }

    #[test]
    fn highlight_becomes_a_fenced_block() {
        let out = text(
            "Before\n{% highlight ruby linenos %}\ndef x\n  {{ site.title }}\nend\n{% endhighlight %}\nAfter",
        );
        assert_eq!(out, "Before\n```ruby\ndef x\n  Site\nend\n```\n\nAfter");
        let out = text("{% highlight md %}\n```\ncode\n```\n{% endhighlight %}");
        assert_eq!(out, "````md\n```\ncode\n```\n````\n");
    }

    #[test]
    fn events_report_what_was_removed() {
        let (_, events) = render_with("{% include a %}\n{{ page.url }}\n{% highlight x %}\nnever closed", "");
        assert_eq!(
            events,
            [
                Event::RemovedTag { name: "include".into(), offset: 0 },
                Event::RemovedOutput { expr: "page.url".into(), offset: 16 },
                Event::Unclosed { name: "highlight".into(), offset: 31 },
            ]
        );
    }
}
