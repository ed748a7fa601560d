//! Splitting a post file into its YAML front matter and its body.
//!
//! Jekyll's rule: a file has front matter when its first line is `---`
//! (trailing white space allowed); the front matter ends at the next line that
//! is `---` or `...`. On top of that this accepts what real archives contain:
//! a byte-order mark, CRLF line endings, and an empty front matter.

/// A file cut into front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the fences (may be empty).
    pub yaml: &'a str,
    /// 1-based line of the file on which `yaml` starts.
    pub yaml_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// What [`split`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatter<'a> {
    /// The file has front matter.
    Found(Split<'a>),
    /// The file does not start with `---`.
    Missing,
    /// The file starts with `---` but no closing `---` or `...` follows.
    Unclosed,
}

/// Whether `line` (without its line ending) is a fence: `marker` followed
/// only by spaces or tabs.
fn is_fence(line: &str, markers: &[&str]) -> bool {
    markers
        .iter()
        .any(|m| line.strip_prefix(m).is_some_and(|rest| rest.chars().all(|c| c == ' ' || c == '\t')))
}

/// Cuts `text` into front matter and body. A leading BOM is skipped.
///
/// ```
/// use folio_cli::{split_front_matter, FrontMatter};
///
/// let FrontMatter::Found(s) = split_front_matter("\u{feff}---  \r\ntitle: x\r\n...\r\nbody") else { panic!() };
/// assert_eq!((s.yaml, s.body, s.body_line), ("title: x\r\n", "body", 4));
/// ```
pub fn split_front_matter(text: &str) -> FrontMatter<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((first, mut rest)) = text.split_once('\n') else {
        return FrontMatter::Missing;
    };
    if !is_fence(first.strip_suffix('\r').unwrap_or(first), &["---"]) {
        return FrontMatter::Missing;
    }
    let yaml_start = rest;
    let mut line_no = 2;
    loop {
        let (line, after, had_newline) = match rest.split_once('\n') {
            Some((line, after)) => (line, after, true),
            None => (rest, "", false),
        };
        if is_fence(line.strip_suffix('\r').unwrap_or(line), &["---", "..."]) {
            let yaml_len = yaml_start.len() - rest.len();
            return FrontMatter::Found(Split {
                yaml: &yaml_start[..yaml_len],
                yaml_line: 2,
                body: after,
                body_line: line_no + 1,
            });
        }
        if !had_newline {
            return FrontMatter::Unclosed;
        }
        rest = after;
        line_no += 1;
    }
}

/// Whether the text starts like a file with front matter (`---` and a line
/// end), which is how files without a post extension are recognised.
pub fn opens_with_front_matter(head: &[u8]) -> bool {
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let Some(rest) = head.strip_prefix(b"---") else { return false };
    let trimmed = rest.iter().position(|b| *b != b' ' && *b != b'\t').map_or(&[][..], |i| &rest[i..]);
    trimmed.starts_with(b"\n") || trimmed.starts_with(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Split<'_> {
        match split_front_matter(text) {
            FrontMatter::Found(s) => s,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn shapes_of_front_matter() {
        let cases: &[(&str, &str, &str, &str, usize)] = &[
            ("plain", "---\ntitle: a\n---\nbody\n", "title: a\n", "body\n", 4),
            (
                "trailing spaces on the opener",
                "---  \nextra: spaces\n---\n\nBest",
                "extra: spaces\n",
                "\nBest",
                4,
            ),
            ("dots closer", "---\ntitle: T\n...\n\n# Test\n", "title: T\n", "\n# Test\n", 4),
            ("empty", "---\n---\nEmpty YAML.", "", "Empty YAML.", 3),
            ("bom", "\u{feff}---\na: 1\n---\nx", "a: 1\n", "x", 4),
            ("crlf", "---\r\ntitle: t\r\n---\r\n\r\nx", "title: t\r\n", "\r\nx", 4),
            ("closer at end of file", "---\na: 1\n---", "a: 1\n", "", 4),
            ("closer with trailing tab", "---\na: 1\n---\t\nx", "a: 1\n", "x", 4),
        ];
        for (name, text, yaml, body, body_line) in cases {
            let s = found(text);
            assert_eq!((s.yaml, s.body, s.body_line), (*yaml, *body, *body_line), "{name}");
        }
    }

    #[test]
    fn files_without_front_matter() {
        assert_eq!(split_front_matter("No YAML."), FrontMatter::Missing);
        assert_eq!(split_front_matter(""), FrontMatter::Missing);
        assert_eq!(split_front_matter("----\na\n---\n"), FrontMatter::Missing);
        assert_eq!(split_front_matter("--- title\n---\n"), FrontMatter::Missing);
        assert_eq!(split_front_matter("---\ntitle: never closed\n"), FrontMatter::Unclosed);
        assert_eq!(split_front_matter("---\n"), FrontMatter::Unclosed);
    }

    #[test]
    fn a_horizontal_rule_in_the_body_is_not_a_closer() {
        let s = found("---\na: 1\n---\none\n\n---\n\ntwo\n");
        assert_eq!(s.body, "one\n\n---\n\ntwo\n");
    }

    #[test]
    fn sniffing_unknown_extensions() {
        assert!(opens_with_front_matter(b"---\ntitle"));
        assert!(opens_with_front_matter(b"\xef\xbb\xbf--- \r\n"));
        assert!(!opens_with_front_matter(b"----\n"));
        assert!(!opens_with_front_matter(b"{\"a\":1}"));
    }
}
