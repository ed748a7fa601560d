//! Markdown to HTML, the way Jekyll sites expect it to look.
//!
//! Rendering is pulldown-cmark with the GitHub extensions Jekyll sites rely on
//! (tables, strikethrough, footnotes, task lists, `{#id}` heading attributes),
//! plus an id on every heading so that tables of contents and `#anchor` links
//! keep working. Task-list checkboxes become the characters ☑ and ☐ in a
//! span: the sanitiser allows no form control, and a disabled checkbox
//! carries nothing a character does not. kramdown-only syntax (`{:toc}`, `{: .class}` attribute lists,
//! `{::comment}` extensions) is removed first, outside code blocks.

use std::borrow::Cow;
use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown to (unsanitised) HTML.
pub(crate) fn to_html(src: &str) -> String {
    let src = strip_kramdown(src);
    let mut events: Vec<Event<'_>> = Parser::new_ext(&src, options()).map(task_marker_as_text).collect();
    add_heading_ids(&mut events);
    let mut out = String::with_capacity(src.len() + src.len() / 4);
    html::push_html(&mut out, events.into_iter());
    out
}

/// A task list's `[x]` or `[ ]` as a character, not an `<input>`.
fn task_marker_as_text(event: Event<'_>) -> Event<'_> {
    match event {
        Event::TaskListMarker(done) => {
            let mark = if done { "☑" } else { "☐" };
            Event::InlineHtml(CowStr::from(format!(
                r#"<span class="task-list-item-checkbox">{mark}</span> "#
            )))
        }
        other => other,
    }
}

/// Gives every heading without an explicit `{#id}` a GitHub-style id, unique
/// within the post.
fn add_heading_ids(events: &mut [Event<'_>]) {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = slugify(&text);
            let mut id = base.clone();
            let mut n = 1;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
            i = j;
        }
        i += 1;
    }
}

/// GitHub's heading anchor rule: lower case, letters, digits, `-` and `_`
/// kept (any script), spaces become `-`, everything else dropped.
fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Removes kramdown-only syntax outside fenced code blocks.
pub(crate) fn strip_kramdown(src: &str) -> Cow<'_, str> {
    if !src.contains("{:") {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut fence: Option<(char, usize)> = None;
    let mut skipping_comment = false;
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k];
        let trimmed = line.trim();
        if let Some((c, n)) = fence {
            if trimmed.len() >= n && trimmed.chars().all(|x| x == c) {
                fence = None;
            }
            out.push_str(line);
            k += 1;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent < 4 {
            for c in ['`', '~'] {
                let run = trimmed.chars().take_while(|&x| x == c).count();
                if run >= 3 {
                    fence = Some((c, run));
                }
            }
            if fence.is_some() {
                out.push_str(line);
                k += 1;
                continue;
            }
        }
        if skipping_comment {
            if let Some(at) = line.find("{:/comment}") {
                skipping_comment = false;
                let rest = &line[at + "{:/comment}".len()..];
                if !rest.trim().is_empty() {
                    out.push_str(rest);
                }
            }
            k += 1;
            continue;
        }
        if trimmed == "{:toc}" || trimmed.starts_with("{:toc ") {
            // `* TOC` or `1. TOC` on the line before marks the list kramdown
            // replaces with the table of contents; drop it too.
            let prev = out.trim_end_matches(['\n', '\r']).rsplit('\n').next().unwrap_or("");
            let item = prev
                .trim()
                .trim_start_matches(['*', '-', '+'])
                .trim_start_matches(|c: char| c.is_ascii_digit());
            let item = item.trim_start_matches('.').trim();
            if item.eq_ignore_ascii_case("toc") || item.eq_ignore_ascii_case("table of contents") {
                let keep = out.trim_end_matches(['\n', '\r']).len() - prev.len();
                out.truncate(keep);
            }
            k += 1;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("{::comment}") {
            match rest.find("{:/comment}").or_else(|| rest.find("{:/}")) {
                Some(at) => out.push_str(&rest[at..].replacen("{:/comment}", "", 1).replacen("{:/}", "", 1)),
                None => skipping_comment = true,
            }
            k += 1;
            continue;
        }
        if is_block_ial(trimmed) {
            k += 1;
            continue;
        }
        out.push_str(&strip_span_ials(line));
        k += 1;
    }
    Cow::Owned(out)
}

/// A line that is only a kramdown attribute list, extension or ALD:
/// `{: .class}`, `{:.note}`, `{:ref: #id}`, `{::options parse_block_html="true" /}`,
/// `{::nomarkdown}`, `{:/nomarkdown}`.
fn is_block_ial(trimmed: &str) -> bool {
    trimmed.starts_with("{:") && trimmed.ends_with('}') && !trimmed[1..].contains('{')
}

/// Removes `{: …}` attribute lists that follow inline elements, such as
/// `![img](a.png){: width="50%"}` or `*x*{:.cls}`.
fn strip_span_ials(line: &str) -> Cow<'_, str> {
    if !line.contains("{:") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("{:") {
        let Some(close) = rest[at..].find('}') else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_on() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n\nNote[^1].\n\n[^1]: Footnote.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>gone</del>"), "{html}");
        assert!(html.contains(r#"<li><span class="task-list-item-checkbox">☑</span> done"#), "{html}");
        assert!(html.contains(r#"<li><span class="task-list-item-checkbox">☐</span> todo"#), "{html}");
        assert!(!html.contains("<input"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn headings_get_ids() {
        let html = to_html(
            "# Hello, World!\n\n## 你好 世界\n\n## Hello, World!\n\n### Custom {#mine}\n\n#### ???\n",
        );
        assert_eq!(
            html,
            "<h1 id=\"hello-world\">Hello, World!</h1>\n<h2 id=\"你好-世界\">你好 世界</h2>\n<h2 id=\"hello-world-1\">Hello, World!</h2>\n<h3 id=\"mine\">Custom</h3>\n<h4 id=\"section\">???</h4>\n"
        );
    }

    #[test]
    fn kramdown_isms_are_removed() {
        let cases: &[(&str, &str)] = &[
            ("* TOC\n{:toc}\n\n# A\n", "\n# A\n"),
            ("1. TOC\n{:toc}\n\nText\n", "\nText\n"),
            ("* list\n{:toc}\n", "* list\n"),
            ("Para\n{: .note}\n\nNext\n", "Para\n\nNext\n"),
            ("![img](a.png){: width=\"50%\"} and *x*{:.cls}\n", "![img](a.png) and *x*\n"),
            ("{::options parse_block_html=\"true\" /}\nText\n", "Text\n"),
            ("{::comment}\nhidden\n{:/comment}\nshown\n", "shown\n"),
            ("```\n{: .kept-in-code}\n```\n", "```\n{: .kept-in-code}\n```\n"),
            ("{:ref: .class}\nx\n", "x\n"),
        ];
        for (src, expected) in cases {
            assert_eq!(strip_kramdown(src), *expected, "{src:?}");
        }
    }
}
