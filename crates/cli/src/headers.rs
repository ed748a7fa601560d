//! A `_headers` file (Netlify and Cloudflare Pages' format) read back, so
//! that `folio serve` answers with the headers the CDN will send.
//!
//! Rules are a path at the start of a line, then `Name: value` lines
//! indented under it; `#` starts a comment. A path is exact, or ends in `*`
//! to match everything under its prefix. Every matching rule applies, in
//! order, a later value replacing an earlier one.

/// The rules of one `_headers` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderRules {
    rules: Vec<(String, Vec<(String, String)>)>,
}

impl HeaderRules {
    /// Reads a `_headers` file's text. Lines it cannot read are skipped, as
    /// hosts skip them.
    pub fn parse(text: &str) -> HeaderRules {
        let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if !line.starts_with([' ', '\t']) {
                rules.push((trimmed.to_owned(), Vec::new()));
            } else if let (Some((_, headers)), Some((name, value))) =
                (rules.last_mut(), trimmed.split_once(':'))
            {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
        HeaderRules { rules }
    }

    /// The headers for a request path, such as `/assets/folio-1_bg.wasm`.
    pub fn for_path(&self, path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (pattern, headers) in &self.rules {
            let matches = match pattern.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => path == pattern,
            };
            if matches {
                for (name, value) in headers {
                    out.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                    out.push((name.clone(), value.clone()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_splat_rules_apply_in_order() {
        let rules = HeaderRules::parse(
            "# comment\n/*\n  X-Content-Type-Options: nosniff\n  Cache-Control: no-cache\n\n\
             /assets/a_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n  Content-Type: application/wasm\n",
        );
        assert_eq!(
            rules.for_path("/assets/a_bg.wasm"),
            vec![
                ("X-Content-Type-Options".into(), "nosniff".into()),
                ("Cache-Control".into(), "public, max-age=31536000, immutable".into()),
                ("Content-Type".into(), "application/wasm".into()),
            ]
        );
        assert_eq!(rules.for_path("/post/a/").len(), 2);
        assert_eq!(rules.for_path("/assets/a_bg.wasm.map").len(), 2, "exact means exact");
    }
}
