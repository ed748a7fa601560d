//! What a run tells the user: notes and warnings about single files, and the
//! summary line at the end.

use std::collections::BTreeMap;
use std::fmt;

/// How much a diagnostic matters. Warnings fail a `--strict` run; notes never
/// do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Something the user may want to know, such as a skipped non-post file.
    Note,
    /// Something was read in a way the author may not have meant.
    Warning,
}

/// The kinds of diagnostics, which the summary counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A file with a post extension but no front matter (skipped).
    NoFrontMatter,
    /// A `published: false` post, skipped without `--drafts`.
    Draft,
    /// A post dated in the future, skipped without `--future`.
    Future,
    /// A link to a page outside the archive, resolved by Jekyll's default rule.
    GuessedLink,
    /// A front matter date that could not be read.
    DateFallback,
    /// A post with no date anywhere (skipped).
    NoDate,
    /// A key given twice in one front matter (the last value wins).
    DuplicateKey,
    /// Front matter that is not valid YAML (ignored).
    BadFrontMatter,
    /// Front matter whose aliases expand past the limit (the post is skipped).
    AliasLimit,
    /// A front matter field of an unexpected shape (ignored).
    BadField,
    /// A Liquid tag Folio does not run (removed).
    UnknownLiquidTag,
    /// A Liquid output whose value is unknown (removed).
    LiquidOutput,
    /// A `{% raw %}` or `{% highlight %}` block that is never closed.
    UnclosedLiquid,
    /// A `post_url` or `link` to a post that is not in the archive.
    UnresolvedLink,
    /// Two posts wanted the same id; one was renamed.
    IdCollision,
    /// A file that is not UTF-8 text (skipped).
    NotUtf8,
    /// A configuration problem that does not stop the build.
    Config,
}

impl Kind {
    /// Whether this kind is a note or a warning.
    pub fn level(self) -> Level {
        match self {
            Kind::NoFrontMatter | Kind::Draft | Kind::Future | Kind::GuessedLink => Level::Note,
            _ => Level::Warning,
        }
    }

    /// The short name used in the summary.
    pub fn label(self) -> &'static str {
        match self {
            Kind::NoFrontMatter => "no front matter",
            Kind::Draft => "draft",
            Kind::Future => "future date",
            Kind::GuessedLink => "page link",
            Kind::DateFallback => "date fallback",
            Kind::NoDate => "no date",
            Kind::DuplicateKey => "duplicate key",
            Kind::BadFrontMatter => "invalid front matter",
            Kind::AliasLimit => "alias limit",
            Kind::BadField => "odd field",
            Kind::UnknownLiquidTag => "unknown Liquid tag",
            Kind::LiquidOutput => "unknown Liquid variable",
            Kind::UnclosedLiquid => "unclosed Liquid block",
            Kind::UnresolvedLink => "unresolved post link",
            Kind::IdCollision => "id collision",
            Kind::NotUtf8 => "not UTF-8",
            Kind::Config => "configuration",
        }
    }
}

/// One note or warning about one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the input, with `/` separators.
    pub path: String,
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// What kind of problem this is.
    pub kind: Kind,
    /// The front matter field or Liquid construct concerned, if any.
    pub field: Option<String>,
    /// What was found and what was done, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic about `path`.
    pub fn new(
        kind: Kind,
        path: &str,
        line: Option<usize>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.to_owned(),
            line,
            kind,
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }

    /// Note or warning.
    pub fn level(&self) -> Level {
        self.kind.level()
    }
}

impl fmt::Display for Diagnostic {
    /// `warning: _posts/x.md:3: date: ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level() {
            Level::Note => "note",
            Level::Warning => "warning",
        };
        write!(f, "{level}: {}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The counts behind the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Posts written to the bundle.
    pub posts: usize,
    /// `published: false` posts left out.
    pub drafts_skipped: usize,
    /// Future-dated posts left out.
    pub future_skipped: usize,
    /// Files left out for other reasons (no front matter, no date, not UTF-8,
    /// front matter past the alias limit).
    pub files_skipped: usize,
    /// Warnings by kind.
    pub warnings: BTreeMap<Kind, usize>,
}

impl Summary {
    /// Total number of warnings.
    pub fn warning_count(&self) -> usize {
        self.warnings.values().sum()
    }
}

impl fmt::Display for Summary {
    /// `4,723 posts, 12 drafts skipped, 31 warnings (date fallback 3, duplicate key 4, unknown Liquid tag 24)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", plural(self.posts, "post", "posts"))?;
        if self.drafts_skipped > 0 {
            write!(f, ", {} skipped", plural(self.drafts_skipped, "draft", "drafts"))?;
        }
        if self.future_skipped > 0 {
            write!(f, ", {} skipped", plural(self.future_skipped, "future post", "future posts"))?;
        }
        if self.files_skipped > 0 {
            write!(f, ", {} skipped", plural(self.files_skipped, "other file", "other files"))?;
        }
        let total = self.warning_count();
        write!(f, ", {}", plural(total, "warning", "warnings"))?;
        if total > 0 {
            let parts: Vec<String> =
                self.warnings.iter().map(|(k, n)| format!("{} {}", k.label(), thousands(*n))).collect();
            write!(f, " ({})", parts.join(", "))?;
        }
        Ok(())
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `4723` as `4,723`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_reads_like_the_issue() {
        let mut s = Summary { posts: 4723, drafts_skipped: 12, ..Summary::default() };
        s.warnings.insert(Kind::DateFallback, 3);
        s.warnings.insert(Kind::DuplicateKey, 4);
        s.warnings.insert(Kind::UnknownLiquidTag, 24);
        assert_eq!(
            s.to_string(),
            "4,723 posts, 12 drafts skipped, 31 warnings (date fallback 3, duplicate key 4, unknown Liquid tag 24)"
        );
        assert_eq!(Summary { posts: 1, ..Summary::default() }.to_string(), "1 post, 0 warnings");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn diagnostics_name_file_line_and_field() {
        let d = Diagnostic::new(
            Kind::DateFallback,
            "_posts/x.md",
            Some(3),
            Some("date"),
            "used the file name date",
        );
        assert_eq!(d.to_string(), "warning: _posts/x.md:3: date: used the file name date");
    }
}
