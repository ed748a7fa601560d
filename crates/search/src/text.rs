//! The text a search reads: a post's title and body, or a query, normalised
//! once, the same way on both sides.
//!
//! * **NFKC**, then **lower case** (Unicode's full lower-case mapping), so
//!   that `ＲＵＢＹ` reads as `ruby` and full-width digits as ASCII ones. NFKC
//!   is applied to each base character together with the combining marks
//!   that follow it, so that every character of the result can point back
//!   to the characters of the original it came from (for highlighting).
//! * **White space between two CJK characters is dropped**, so a soft line
//!   break inside a Chinese paragraph does not break a match; any other run
//!   of white space becomes one space.
//!
//! Characters fall into three classes ([`Class`]): CJK (Han, kana, hangul,
//! bopomofo, and the marks used inside their words), word characters
//! (letters and digits of every other script) and the rest (white space,
//! punctuation, symbols), which separate words.

use std::ops::Range;

use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::props::CanonicalCombiningClass;
use icu_properties::{CodePointMapData, CodePointMapDataBorrowed};

/// What a character is to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Han, hiragana, katakana, hangul, bopomofo: runs of them match as
    /// exact substrings.
    Cjk,
    /// A letter or digit of any other script: runs of them are words, which
    /// match by prefix.
    Word,
    /// White space, punctuation and symbols: they separate terms.
    Other,
}

/// The class of a (normalised) character.
#[inline]
pub fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() { Class::Word } else { Class::Other };
    }
    if matches!(c as u32, 0x4E00..=0x9FFF) || is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// Whether `c` is written in a CJK script, where words are not separated by
/// spaces.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x2FDF    // CJK radicals, Kangxi radicals
        | 0x3005..=0x3007    // 々 〆 〇
        | 0x3021..=0x3029    // Hangzhou numerals
        | 0x3031..=0x3035    // kana repeat marks
        | 0x3038..=0x303C    // 〸 〹 〺 〻 〼
        | 0x3040..=0x30FF    // Hiragana, Katakana (with ー)
        | 0x3100..=0x312F    // Bopomofo
        | 0x3130..=0x318F    // Hangul compatibility Jamo
        | 0x31A0..=0x31BF    // Bopomofo extended
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xA960..=0xA97F    // Hangul Jamo extended A
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xD7B0..=0xD7FF    // Hangul Jamo extended B
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana (NFKC widens them)
        | 0x1B000..=0x1B16F  // kana supplement and extended
        | 0x20000..=0x3FFFF  // CJK extensions B and later
    )
}

/// Normalised text: its characters, each with the byte range of the
/// original text it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    chars: Vec<char>,
    origins: Vec<Range<u32>>,
}

impl SearchText {
    /// `text`, normalised ([module docs](self)).
    pub fn new(text: &str) -> SearchText {
        let nfkc = ComposingNormalizerBorrowed::new_nfkc();
        let ccc = CodePointMapData::<CanonicalCombiningClass>::new();
        let mut out = SearchText::default();
        // White space seen since the last character kept, and whether the
        // character before it was CJK.
        let mut pending_space = false;
        let mut previous = Class::Other;
        let mut push = |out: &mut SearchText, c: char, origin: Range<u32>| {
            if c.is_whitespace() {
                pending_space = !out.chars.is_empty();
                return;
            }
            let now = class(c);
            if pending_space && !(previous == Class::Cjk && now == Class::Cjk) {
                let at = origin.start;
                out.chars.push(' ');
                out.origins.push(at..at);
            }
            pending_space = false;
            previous = now;
            out.chars.push(c);
            out.origins.push(origin);
        };
        let mut segments = Segments { text, ccc, at: 0 };
        while let Some(range) = segments.next_segment() {
            let segment = &text[range.clone()];
            let origin = range.start as u32..range.end as u32;
            // Most characters are their own normal form: ASCII (but capitals)
            // and the unified ideographs.
            let mut single = segment.chars();
            if let (Some(c), None) = (single.next(), single.next()) {
                if c.is_ascii() || matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
                    push(&mut out, c.to_ascii_lowercase(), origin);
                    continue;
                }
            }
            for c in nfkc.normalize(segment).chars().flat_map(char::to_lowercase) {
                push(&mut out, c, origin.clone());
            }
        }
        out
    }

    /// The normalised characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The original bytes the characters `range` came from.
    pub fn origin(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() || range.end > self.origins.len() {
            return 0..0;
        }
        self.origins[range.start].start as usize..self.origins[range.end - 1].end as usize
    }

    /// The number of normalised characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether there is no character at all.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The normalised text as a string.
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// The runs of one class, as ranges of characters: the CJK runs and the
    /// words.
    pub fn runs(&self) -> impl Iterator<Item = (Class, Range<usize>)> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < self.chars.len() && class(self.chars[at]) == Class::Other {
                at += 1;
            }
            let start = at;
            let kind = class(*self.chars.get(start)?);
            while at < self.chars.len() && class(self.chars[at]) == kind {
                at += 1;
            }
            Some((kind, start..at))
        })
    }
}

/// A base character and the combining marks after it, one at a time.
struct Segments<'a> {
    text: &'a str,
    ccc: CodePointMapDataBorrowed<'static, CanonicalCombiningClass>,
    at: usize,
}

impl Segments<'_> {
    fn next_segment(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        let mut chars = self.text[start..].char_indices();
        let (_, first) = chars.next()?;
        let mut end = start + first.len_utf8();
        for (i, c) in chars {
            if self.ccc.get(c) == CanonicalCombiningClass::NotReordered {
                break;
            }
            end = start + i + c.len_utf8();
        }
        self.at = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(text: &str) -> String {
        SearchText::new(text).as_string()
    }

    #[test]
    fn width_and_case_are_folded() {
        assert_eq!(normal("ＲＵＢＹ ２０２２"), "ruby 2022");
        assert_eq!(normal("Ruby"), "ruby");
        assert_eq!(normal("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(normal("Ⅻ ①"), "xii 1");
    }

    #[test]
    fn combining_marks_compose_with_their_base() {
        assert_eq!(normal("Cafe\u{301}"), "café");
        assert_eq!(normal("café"), "café");
    }

    #[test]
    fn white_space_between_cjk_characters_is_dropped() {
        assert_eq!(normal("提供\n支持"), "提供支持");
        assert_eq!(normal("提供 \t 支持 Ruby  on\nRails"), "提供支持 ruby on rails");
        assert_eq!(normal("中文 English 中文"), "中文 english 中文");
        assert_eq!(normal("  leading and trailing  "), "leading and trailing");
    }

    #[test]
    fn origins_point_back_at_the_original() {
        let original = "ＲＵＢＹ and 华夏";
        let text = SearchText::new(original);
        assert_eq!(&original[text.origin(0..4)], "ＲＵＢＹ");
        assert_eq!(&original[text.origin(9..11)], "华夏");
        assert_eq!(text.origin(0..0), 0..0);
    }

    #[test]
    fn runs_are_cjk_or_words() {
        let text = SearchText::new("供支持Ruby 3.2，中文！");
        let runs: Vec<(Class, String)> =
            text.runs().map(|(k, r)| (k, text.chars()[r].iter().collect())).collect();
        assert_eq!(
            runs,
            [
                (Class::Cjk, "供支持".to_owned()),
                (Class::Word, "ruby".to_owned()),
                (Class::Word, "3".to_owned()),
                (Class::Word, "2".to_owned()),
                (Class::Cjk, "中文".to_owned()),
            ]
        );
    }
}
