//! Plain-text views of post HTML: excerpts and reading time.
//!
//! These read the *raw* body, which may be hostile, but only ever produce
//! text, never markup; the viewer inserts it as text nodes.

/// The longest excerpt, in characters: what lists show under a title when
/// the author wrote none (the CLI writes it into bundles; the viewer cuts
/// posts from other tools to it).
pub const EXCERPT_CHARS: usize = 200;

/// Characters of CJK text read per minute (a common figure for Chinese).
const CJK_CHARS_PER_MINUTE: usize = 400;
/// Words of space-separated text read per minute.
const WORDS_PER_MINUTE: usize = 220;

/// The visible text of an HTML fragment: tags removed, the content of
/// `script`, `style` and `template` dropped, common entities decoded and runs
/// of white space folded into one space.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut pending_space = false;
    while !rest.is_empty() {
        if let Some(after_lt) = rest.strip_prefix('<') {
            let tag_end = after_lt.find('>').map_or(rest.len(), |i| i + 2);
            let tag = &rest[..tag_end];
            rest = &rest[tag_end..];
            let name: String = tag[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if matches!(name.as_str(), "script" | "style" | "template") {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = match lower.find(&close) {
                    Some(i) => rest[i..].split_once('>').map_or("", |(_, r)| r),
                    None => "",
                };
            }
            if is_block_tag(&name) {
                pending_space = true;
            }
            continue;
        }
        let next_tag = rest.find('<').unwrap_or(rest.len());
        let chunk = &rest[..next_tag];
        rest = &rest[next_tag..];
        for c in decode_entities(chunk).chars() {
            if c.is_whitespace() {
                pending_space = true;
            } else {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "pre"
            | "figcaption"
            | "hr"
    )
}

/// Decodes the character references of HTML text as a browser does, with
/// html5ever's complete table of the 2,231 named references (the one ammonia
/// parses with, so excerpts and the page agree): `&mdash;`, `&hellip;`,
/// legacy names without a semicolon such as `&copy`, decimal and hex
/// references, and the Windows-1252 meaning of `&#128;` to `&#159;`.
/// Anything that is not a reference stays as written.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = if after.starts_with('#') { numeric_reference(after) } else { named_reference(after) };
        match decoded {
            Some((chars, len)) => {
                out.extend(chars.into_iter().flatten());
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The longest named reference at the start of `after` (the text after `&`):
/// its characters and how many bytes it took.
fn named_reference(after: &str) -> Option<([Option<char>; 2], usize)> {
    let table = &markup5ever::data::NAMED_ENTITIES;
    let mut longest = None;
    // The table holds every prefix of every name, so a name is read while it
    // can still grow into one (the longest is 32 bytes).
    for (i, c) in after.char_indices() {
        let len = i + c.len_utf8();
        match table.get(&after[..len]) {
            Some(&(first, second)) => {
                if first != 0 {
                    longest =
                        Some(([char::from_u32(first), char::from_u32(second).filter(|&c| c != '\0')], len));
                }
            }
            None => break,
        }
    }
    longest
}

/// `#123;` or `#x7B;` at the start of `after`, semicolon optional.
fn numeric_reference(after: &str) -> Option<([Option<char>; 2], usize)> {
    let body = &after[1..];
    let (digits_start, radix) = match body.as_bytes().first() {
        Some(b'x' | b'X') => (2, 16),
        _ => (1, 10),
    };
    let digits = after[digits_start..].bytes().take_while(|b| (*b as char).is_digit(radix)).count();
    if digits == 0 {
        return None;
    }
    let end = digits_start + digits;
    let code = u32::from_str_radix(&after[digits_start..end], radix).unwrap_or(u32::MAX);
    let c = match code {
        0x80..=0x9F => markup5ever::data::C1_REPLACEMENTS[(code - 0x80) as usize].unwrap_or('\u{FFFD}'),
        0 => '\u{FFFD}',
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    };
    let len = if after[end..].starts_with(';') { end + 1 } else { end };
    Some(([Some(c), None], len))
}

/// Whether a character is read as a unit of its own (Han, kana, Hangul and
/// CJK punctuation) rather than as part of a space-separated word.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK Compatibility Ideographs
        | 0xFF00..=0xFFEF // Full-width forms
        | 0x20000..=0x2FA1F)
}

/// Estimated minutes to read a body, at least 1. CJK characters are counted
/// one by one; other text is counted in words.
///
/// # Examples
///
/// ```
/// let chinese = "<p>".to_owned() + &"字".repeat(1200) + "</p>";
/// assert_eq!(folio_core::reading_minutes(&chinese), 3);
/// let english = "<p>".to_owned() + &"word ".repeat(440) + "</p>";
/// assert_eq!(folio_core::reading_minutes(&english), 2);
/// ```
pub fn reading_minutes(html: &str) -> u32 {
    let text = plain_text(html);
    let mut cjk = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else {
            in_word = c == '\'' || c == '-' && in_word;
        }
    }
    // Seconds, so that mixed text adds up before rounding.
    let seconds = cjk * 60 / CJK_CHARS_PER_MINUTE + words * 60 / WORDS_PER_MINUTE;
    u32::try_from(seconds.div_ceil(60)).unwrap_or(u32::MAX).max(1)
}

/// A plain-text excerpt of at most `max_chars` characters, cut at a word or
/// sentence boundary where one is near, with an ellipsis when cut.
pub fn excerpt_from_html(html: &str, max_chars: usize) -> String {
    let text = plain_text(html);
    truncate_text(&text, max_chars)
}

/// Cuts text to at most `max_chars` characters (plus an ellipsis).
pub fn truncate_text(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    // Prefer a boundary in the last fifth: a space or CJK punctuation.
    let floor = cut.len() * 4 / 5;
    let boundary = cut
        .char_indices()
        .rev()
        .take_while(|&(i, _)| i >= floor)
        .find(|&(_, c)| c == ' ' || matches!(c, '，' | '。' | '、' | '；' | '！' | '？'))
        .map(|(i, c)| if c == ' ' { i } else { i + c.len_utf8() });
    let mut out = cut[..boundary.unwrap_or(cut.len())].trim_end().to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_scripts() {
        let cases: &[(&str, &str)] = &[
            ("<p>2021年是<strong>开局</strong>之年。</p>", "2021年是开局之年。"),
            ("<p>one</p><p>two</p>", "one two"),
            ("a<br>b", "a b"),
            ("<script>alert('x')</script><p>safe</p>", "safe"),
            ("<STYLE>p{}</STYLE>text", "text"),
            ("Tom &amp; Jerry &lt;3 &#20013;&#x6587; &bogus; &", "Tom & Jerry <3 中文 &bogus; &"),
            ("a&nbsp;b", "a b"),
            ("  lots \n\n of   space ", "lots of space"),
            ("<p unterminated", ""),
            ("<script>never closed", ""),
        ];
        for (html, text) in cases {
            assert_eq!(plain_text(html), *text, "{html}");
        }
    }

    /// Regression: only six named references used to be decoded, so
    /// excerpts and reading time saw `&mdash;` as text.
    #[test]
    fn every_named_reference_is_decoded() {
        let cases: &[(&str, &str)] = &[
            ("<p>Wait&mdash;what&hellip;</p>", "Wait\u{2014}what\u{2026}"),
            ("&ldquo;引号&rdquo; &lsquo;x&rsquo;", "\u{201c}引号\u{201d} \u{2018}x\u{2019}"),
            (
                "&copy; 2022 &reg; &trade; &euro;5 &times; &frac12;",
                "\u{a9} 2022 \u{ae} \u{2122} \u{20ac}5 \u{d7} \u{bd}",
            ),
            ("legacy &copy without a semicolon", "legacy \u{a9} without a semicolon"),
            ("&notit; is &not followed by it;", "\u{ac}it; is \u{ac} followed by it;"),
            ("&NotNestedGreaterGreater; takes two", "\u{2aa2}\u{338} takes two"),
            ("&#128; &#x80; &#0; &#xD800; &#1114112; &#65", "\u{20ac} \u{20ac} \u{fffd} \u{fffd} \u{fffd} A"),
            ("&# &#x; &;", "&# &#x; &;"),
        ];
        for (html, text) in cases {
            assert_eq!(plain_text(html), *text, "{html}");
        }
        assert_eq!(
            excerpt_from_html("<p>Rust&mdash;fast&hellip;</p>", EXCERPT_CHARS),
            "Rust\u{2014}fast\u{2026}"
        );
    }

    #[test]
    fn reading_time_counts_cjk_characters_not_spaces() {
        // 2,000 Chinese characters with no spaces at all: 5 minutes, not 1.
        let chinese = format!("<p>{}</p>", "残疾人事业".repeat(400));
        assert_eq!(reading_minutes(&chinese), 5);
        assert_eq!(reading_minutes(""), 1);
        // 220 English words and 400 CJK characters add up to 2 minutes.
        let mixed = format!("<p>{} {}</p>", "word ".repeat(220), "字".repeat(400));
        assert_eq!(reading_minutes(&mixed), 2);
        // Markup does not count as words.
        let tagged = format!("<p>{}</p>", "<a href=\"https://x.example/a/b/c\">w</a> ".repeat(100));
        assert_eq!(reading_minutes(&tagged), 1);
    }

    #[test]
    fn truncation_prefers_boundaries() {
        assert_eq!(truncate_text("short", 10), "short");
        assert_eq!(truncate_text("the quick brown fox jumps", 18), "the quick brown…");
        assert_eq!(truncate_text("无锡市残疾人事业，十四五全新开局", 12), "无锡市残疾人事业，十四五…");
        assert_eq!(truncate_text("无锡市残疾人事业，十四五全新开局", 10), "无锡市残疾人事业，…");
        assert_eq!(truncate_text("字字字字字字字字字字字字", 5), "字字字字字…");
    }
}
