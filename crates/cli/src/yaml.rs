//! A small YAML tree built from yaml-rust2's event parser.
//!
//! The ready-made loaders of YAML crates hide what we need to read real
//! archives faithfully: the line of every key (for warnings) and duplicated
//! keys (Ruby's parser, which Jekyll uses, keeps the last value; most Rust
//! loaders either keep the first silently or fail). Building the tree from
//! events gives both. Scalars keep their source text, so `title: 1.10` stays
//! `1.10` and `category: 2013` becomes the category `2013`.
//!
//! Aliases are expanded by copying the anchored value, so a document of a
//! few lines can ask for billions of nodes ("billion laughs": nine levels of
//! ten aliases each). Expansion is bounded by [`MAX_ALIAS_NODES`]: past it
//! the document is refused with [`YamlErrorKind::AliasLimit`].

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML value. Scalars are kept as text and interpreted on demand.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A scalar, with whether it was written plain (unquoted).
    Scalar { text: String, plain: bool },
    /// A sequence.
    Seq(Vec<Value>),
    /// A mapping, in source order, keys unique (the last duplicate wins).
    Map(Vec<Entry>),
}

/// One key of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    /// 1-based line of the key in the parsed text.
    pub line: usize,
    pub value: Value,
}

/// A key that appeared twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DuplicateKey {
    pub key: String,
    pub first_line: usize,
    pub line: usize,
}

/// The most nodes that aliases may expand to in one document. Real front
/// matter and `_config.yml` files reuse an anchor a few times, for a few
/// dozen nodes; a billion-laughs document asks for 10^9.
pub(crate) const MAX_ALIAS_NODES: usize = 10_000;

/// Why a YAML text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// 1-based line in the parsed text.
    pub line: usize,
    pub message: String,
    pub kind: YamlErrorKind,
}

/// The two ways a YAML text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YamlErrorKind {
    /// Not valid YAML.
    Syntax,
    /// Its aliases expand to more than [`MAX_ALIAS_NODES`] nodes.
    AliasLimit,
}

impl Value {
    /// Whether this is YAML null (`~`, `null`, or nothing at all).
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The scalar's text, or `None` for null, sequences and mappings.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Scalar { text, .. } if !self.is_null() => Some(text),
            _ => None,
        }
    }

    /// A boolean as Ruby's YAML 1.1 parser reads it (`true`, `yes`, `on`, ...).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Scalar { text, plain: true } => match text.as_str() {
                "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
                "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// Looks a key up in a mapping.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        match self {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// Follows a dotted path such as `twitter.username` through mappings.
    pub fn path(&self, dotted: &str) -> Option<&Value> {
        let mut value = self;
        for part in dotted.split('.') {
            value = &value.get(part)?.value;
        }
        Some(value)
    }

    /// How many nodes the value is: 1 for a scalar, plus the items or the
    /// keys and values of a collection.
    fn nodes(&self) -> usize {
        match self {
            Value::Scalar { .. } => 1,
            Value::Seq(items) => 1 + items.iter().map(Value::nodes).sum::<usize>(),
            Value::Map(entries) => 1 + entries.iter().map(|e| 1 + e.value.nodes()).sum::<usize>(),
        }
    }

    /// A short description of the value's shape, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            _ if self.is_null() => "null",
            Value::Scalar { .. } => "a scalar",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// The parsed document (a null scalar when the text is empty) and the
/// duplicated keys found in it.
pub(crate) fn parse(text: &str) -> Result<(Value, Vec<DuplicateKey>), YamlError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| YamlError {
        line: e.marker().line(),
        message: e.info().to_owned(),
        kind: YamlErrorKind::Syntax,
    })?;
    if let Some(error) = builder.error {
        return Err(error);
    }
    let value = builder.root.unwrap_or(Value::Scalar { text: String::new(), plain: true });
    Ok((value, builder.duplicates))
}

enum Frame {
    Seq { anchor: usize, items: Vec<Value> },
    Map { anchor: usize, entries: Vec<Entry>, pending_key: Option<(String, usize)> },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Value>,
    /// Anchored values, with their node counts.
    anchors: Vec<(usize, Value, usize)>,
    /// Nodes added by expanding aliases so far.
    expanded: usize,
    duplicates: Vec<DuplicateKey>,
    error: Option<YamlError>,
    /// Once the first document is complete, later events are ignored.
    done: bool,
}

impl Builder {
    fn push_value(&mut self, value: Value, line: usize) {
        match self.stack.last_mut() {
            None => {
                self.root = Some(value);
                self.done = true;
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { entries, pending_key, .. }) => match pending_key.take() {
                None => {
                    let key = match value {
                        Value::Scalar { text, .. } => text,
                        other => format!("{other:?}"),
                    };
                    *pending_key = Some((key, line));
                }
                Some((key, key_line)) => {
                    if let Some(existing) = entries.iter_mut().find(|e| e.key == key) {
                        self.duplicates.push(DuplicateKey { key, first_line: existing.line, line: key_line });
                        existing.value = value;
                        existing.line = key_line;
                    } else {
                        entries.push(Entry { key, line: key_line, value });
                    }
                }
            },
        }
    }

    fn remember(&mut self, anchor: usize, value: &Value) {
        if anchor > 0 {
            self.anchors.push((anchor, value.clone(), value.nodes()));
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.done || self.error.is_some() {
            return;
        }
        let line = mark.line();
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let forced_string = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let plain = style == TScalarStyle::Plain && !forced_string;
                let value = Value::Scalar { text, plain };
                self.remember(anchor, &value);
                self.push_value(value, line);
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq { anchor, items: Vec::new() }),
            Event::MappingStart(anchor, _) => {
                self.stack.push(Frame::Map { anchor, entries: Vec::new(), pending_key: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (anchor, value) = match self.stack.pop() {
                    Some(Frame::Seq { anchor, items }) => (anchor, Value::Seq(items)),
                    Some(Frame::Map { anchor, entries, .. }) => (anchor, Value::Map(entries)),
                    None => return,
                };
                self.remember(anchor, &value);
                self.push_value(value, line);
            }
            Event::Alias(id) => match self.anchors.iter().rposition(|(a, ..)| *a == id) {
                Some(i) if self.expanded + self.anchors[i].2 > MAX_ALIAS_NODES => {
                    self.error = Some(YamlError {
                        line,
                        message: format!("its aliases expand to more than {MAX_ALIAS_NODES} values"),
                        kind: YamlErrorKind::AliasLimit,
                    });
                }
                Some(i) => {
                    // Counted before the copy, so a huge expansion is never built.
                    self.expanded += self.anchors[i].2;
                    let value = self.anchors[i].1.clone();
                    self.push_value(value, line);
                }
                None => {
                    self.error = Some(YamlError {
                        line,
                        message: "alias to an unknown anchor".into(),
                        kind: YamlErrorKind::Syntax,
                    })
                }
            },
            Event::DocumentEnd if self.root.is_some() => self.done = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Value {
        Value::Scalar { text: text.into(), plain: true }
    }

    #[test]
    fn duplicate_keys_keep_the_last_value_and_are_reported() {
        let (value, dups) = parse("title: one\ntags: [a]\ntitle: two\n").unwrap();
        assert_eq!(value.get("title").unwrap().value, scalar("two"));
        assert_eq!(dups, [DuplicateKey { key: "title".into(), first_line: 1, line: 3 }]);
    }

    #[test]
    fn scalars_keep_their_text_and_quoting() {
        let (value, _) = parse("a: 1.10\nb: '2013'\nc: ~\nd:\ne: !!str yes\nf: no\n").unwrap();
        assert_eq!(value.get("a").unwrap().value.as_str(), Some("1.10"));
        assert_eq!(value.get("b").unwrap().value, Value::Scalar { text: "2013".into(), plain: false });
        assert!(value.get("c").unwrap().value.is_null());
        assert!(value.get("d").unwrap().value.is_null());
        assert_eq!(value.get("e").unwrap().value.as_bool(), None);
        assert_eq!(value.get("f").unwrap().value.as_bool(), Some(false));
    }

    #[test]
    fn anchors_and_aliases_and_nested_paths() {
        let (value, _) = parse("base: &b {x: 1}\nother: *b\ntwitter:\n  username: jekyllrb\n").unwrap();
        assert_eq!(value.path("other.x").and_then(Value::as_str), Some("1"));
        assert_eq!(value.path("twitter.username").and_then(Value::as_str), Some("jekyllrb"));
    }

    /// Nine levels of ten aliases each: 10^9 nodes from ten lines. This used
    /// to take all memory (a 4 GB limit was hit after 17 s).
    pub(crate) fn billion_laughs() -> String {
        let mut doc = String::from("a0: &a0 [lol]\n");
        for level in 1..=9 {
            let refs = vec![format!("*a{}", level - 1); 10].join(", ");
            doc.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        doc.push_str("title: *a9\n");
        doc
    }

    #[test]
    fn a_billion_laughs_is_refused_at_the_alias_limit() {
        let started = std::time::Instant::now();
        let err = parse(&billion_laughs()).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::AliasLimit);
        assert_eq!(err.message, "its aliases expand to more than 10000 values");
        assert!((2..=10).contains(&err.line), "{err:?}");
        assert!(started.elapsed().as_secs() < 5, "refused quickly, without building the expansion");
        // Everyday reuse of an anchor is far below the limit.
        let (value, _) = parse("defaults: &d {layout: post, tags: [a, b]}\none: *d\ntwo: *d\n").unwrap();
        assert_eq!(value.path("two.layout").and_then(Value::as_str), Some("post"));
    }

    #[test]
    fn empty_text_is_null_and_errors_have_lines() {
        assert!(parse("").unwrap().0.is_null());
        let err = parse("title: ok\nbad: [unclosed\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }
}
