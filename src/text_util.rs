//! Small text helpers shared by the pipeline stages.

/// A list of words (or keys, or phrases) kept as one string, each followed by a newline:
/// `words!["a", "b c"]`. A `&[&str]` puts an 8-byte pointer and length per entry in the wasm's
/// data, which gzip cannot shrink; a few hundred entries cost kilobytes. For short lists searched
/// linearly, as slices are.
#[derive(Clone, Copy)]
pub(crate) struct Words(pub &'static str);

/// A [`Words`] list from string literals.
macro_rules! words {
    ($($w:literal),* $(,)?) => {
        $crate::text_util::Words(concat!($($w, "\n"),*))
    };
}
pub(crate) use words;

/// A list of `(word, number)` pairs kept as one string (`word=number` lines), as [`Words`].
macro_rules! word_numbers {
    ($(($w:literal, $n:literal)),* $(,)?) => {
        $crate::text_util::Words(concat!($($w, "=", $n, "\n"),*))
    };
}
pub(crate) use word_numbers;

/// A list of `(word, text)` pairs kept as one string (`word=text` lines), as [`Words`].
macro_rules! word_pairs {
    ($(($w:literal, $t:literal)),* $(,)?) => {
        $crate::text_util::Words(concat!($($w, "=", $t, "\n"),*))
    };
}
pub(crate) use word_pairs;

impl Words {
    /// The entries as byte ranges of the string, without their newlines.
    fn lines(self) -> impl Iterator<Item = (usize, usize)> {
        let b = self.0.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            if i >= b.len() {
                return None;
            }
            let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |o| i + o);
            let line = (i, end);
            i = end + 1;
            Some(line)
        })
    }
    /// For a [`word_pairs`] list: the text after `w`.
    pub fn text(self, w: &str) -> Option<&'static str> {
        if w.contains('=') {
            return None;
        }
        let (b, w) = (self.0.as_bytes(), w.as_bytes());
        self.lines().find_map(|(start, end)| {
            let line = &b[start..end];
            (line.len() > w.len() && line.starts_with(w) && line[w.len()] == b'=')
                .then(|| &self.0[start + w.len() + 1..end])
        })
    }
    pub fn iter(self) -> std::str::SplitTerminator<'static, char> {
        self.0.split_terminator('\n')
    }
    pub fn contains(self, w: &str) -> bool {
        let (b, w) = (self.0.as_bytes(), w.as_bytes());
        self.lines().any(|(start, end)| &b[start..end] == w)
    }
    /// For a [`word_numbers`] list: the number after `w`.
    pub fn number(self, w: &str) -> Option<i32> {
        self.text(w)?.parse().ok()
    }
}

impl IntoIterator for Words {
    type Item = &'static str;
    type IntoIter = std::str::SplitTerminator<'static, char>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Whether the input is HTML rather than plain text: a doctype or `<html>`/`<head>`/`<body>`
/// near the start, or enough well-formed tags for their share of the text.
pub(crate) fn looks_like_html(input: &str) -> bool {
    let head: String = input
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype")
        || head.starts_with("<html")
        || head.starts_with("<?xml")
        || head.starts_with("<!--")
        || head.contains("<head")
        || head.contains("<body")
    {
        return true;
    }
    // Count tag-like openings `<x` or `</x` in the first 64 KiB.
    let sample = &input.as_bytes()[..input.len().min(64 << 10)];
    let mut tags = 0usize;
    let mut i = 0;
    while i + 1 < sample.len() {
        if sample[i] == b'<' {
            let n = sample[i + 1];
            let n = if n == b'/' && i + 2 < sample.len() {
                sample[i + 2]
            } else {
                n
            };
            if n.is_ascii_alphabetic() {
                tags += 1;
            }
        }
        i += 1;
    }
    let lines = sample.iter().filter(|&&b| b == b'\n').count() + 1;
    tags >= 3 && tags * 2 >= lines.min(200)
}

/// Collapses runs of whitespace to one space and trims the ends.
/// The first `max` bytes of `s`, cut back to a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `c.is_alphanumeric()`, answered without the Unicode tables for the most frequent blocks:
/// ASCII, Latin-1 and Latin Extended (accented letters), basic Cyrillic, Hebrew and Arabic
/// letters, and General Punctuation (dashes, curly quotes, bullets: never letters). The test
/// below checks it against the tables for every character below U+3000.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{80}'..='\u{bf}' => matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼'..='¾'),
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{400}'..='\u{45f}' | '\u{5d0}'..='\u{5ea}' | '\u{621}'..='\u{64a}' => true,
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Number of words: runs of letters/digits, with each CJK character counted as a word.
pub(crate) fn word_count(s: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in s.chars() {
        if is_cjk(c) {
            words += 1;
            in_word = false;
        } else if is_word_char(c) {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    words
}

/// What a CJK character weighs against Latin letters in [`text_length`]: a word of English (4.7
/// letters and a space) comes out as one to two characters in Chinese or Japanese.
pub(crate) const CJK_CHAR_WEIGHT: usize = 3;

/// The length of a text in characters, a CJK character counting [`CJK_CHAR_WEIGHT`]: how much
/// it says, whichever script it is written in.
pub(crate) fn text_length(s: &str) -> usize {
    s.chars()
        .map(|c| if is_cjk(c) { CJK_CHAR_WEIGHT } else { 1 })
        .sum()
}

/// Han, Hiragana, Katakana, Hangul syllables: scripts written without spaces between words
/// (Hangul does use spaces, but its syllables are dense like CJK characters).
pub(crate) fn is_cjk(c: char) -> bool {
    /// Below the first range: most text, answered with one comparison.
    const FIRST: u32 = 0x3040;
    (c as u32) >= FIRST
        && matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0xAC00..=0xD7AF)
}

/// Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
pub(crate) fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Direction of a run of text: by its first strong character, as the Unicode bidi rule P2 does.
pub(crate) fn text_dir(s: &str) -> crate::Dir {
    for c in s.chars() {
        if is_rtl_char(c) {
            return crate::Dir::Rtl;
        }
        if c.is_alphabetic() {
            return crate::Dir::Ltr;
        }
    }
    crate::Dir::Ltr
}

/// Whether `hay` contains `needle`, ignoring ASCII case.
pub(crate) fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    !needle.is_empty()
        && hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// A decimal number as `str::parse::<f64>` reads one (`12`, `1.5`, `.5`, `2.`, `-1e3`, `+4E-2`),
/// without the standard library's float parser: its tables are ~11 KB of the gzipped wasm, for
/// a `srcset` descriptor. Exact for up to 15 significant digits and small exponents, otherwise
/// within a rounding step, which is all comparing candidates needs. `inf` and `nan` are not
/// numbers here.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = matches!(b.first(), Some(b'-'));
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let (mut mantissa, mut digits, mut scale) = (0.0f64, 0, 0i32);
    let mut seen_point = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                mantissa = mantissa * 10.0 + f64::from(c - b'0');
                digits += 1;
                if seen_point {
                    scale -= 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if i < b.len() {
        if !matches!(b[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let exp_negative = matches!(b.get(i), Some(b'-'));
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let mut exp = 0i32;
        for &c in &b[i..] {
            if !c.is_ascii_digit() {
                return None;
            }
            exp = exp.saturating_mul(10).saturating_add(i32::from(c - b'0'));
        }
        scale = scale.saturating_add(if exp_negative { -exp } else { exp });
    }
    let value = if scale >= 0 {
        mantissa * 10f64.powi(scale)
    } else {
        mantissa / 10f64.powi(-scale)
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_list_lookups_match_a_line_by_line_reading() {
        let list = word_numbers![("jan", 1), ("janvier", 1), ("feb", 2), ("a b", -3)];
        let naive = |w: &str| {
            list.iter().find_map(|l| {
                let (k, n) = l.split_once('=')?;
                (k == w).then(|| n.parse::<i32>().ok()).flatten()
            })
        };
        for w in [
            "jan", "janvier", "janv", "ja", "feb", "a b", "a", "", "=", "jan=1", "feb\n", "1", "x",
        ] {
            assert_eq!(list.number(w), naive(w), "{w:?}");
        }
        let pairs = word_pairs![("de", "German"), ("d", "x=y")];
        assert_eq!(pairs.text("de"), Some("German"));
        assert_eq!(pairs.text("d"), Some("x=y"));
        assert_eq!(pairs.text("e"), None);
        let words = words!["a", "bc", "b c"];
        for w in ["a", "bc", "b c", "b", "c", "", "a\nbc", "bc\n"] {
            assert_eq!(words.contains(w), words.iter().any(|x| x == w), "{w:?}");
        }
    }

    #[test]
    fn is_word_char_agrees_with_is_alphanumeric() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn contains_ignore_case_matches_ascii_case_only() {
        assert!(contains_ignore_case("social-media-Embed", "embed"));
        assert!(contains_ignore_case(
            r#"<script type="application/LD+JSON">"#,
            "json"
        ));
        assert!(!contains_ignore_case("emb", "embed"));
        assert!(!contains_ignore_case("anything", ""));
    }

    #[test]
    fn prefix_cuts_back_to_a_char_boundary() {
        assert_eq!(prefix("héllo", 2), "h");
        assert_eq!(prefix("héllo", 3), "hé");
        assert_eq!(prefix("abc", 10), "abc");
        assert_eq!(prefix("", 0), "");
    }

    #[test]
    fn parses_decimals_like_the_standard_parser() {
        for s in [
            "0", "1", "2", "12", "1.5", ".5", "2.", "-1", "+4", "1e3", "1E-2", "+4E-2", "0.75",
            "1024", "3.25", "-0.5", "007", "1.e2",
        ] {
            assert_eq!(parse_decimal(s), s.parse::<f64>().ok(), "{s}");
        }
        for s in [
            "", ".", "-", "+", "e3", "1e", "1e+", "1.5.2", "1x", "abc", "1 ", "--1",
        ] {
            assert_eq!(parse_decimal(s), None, "{s}");
            assert!(s.parse::<f64>().is_err(), "{s}");
        }
    }

    #[test]
    fn tells_html_from_text() {
        assert!(looks_like_html("<!DOCTYPE html><p>x"));
        assert!(looks_like_html("  <div><p>a</p><p>b</p></div>"));
        assert!(!looks_like_html("Just a line\nand another < 3 of them"));
        assert!(!looks_like_html("a <b> c\nd\ne\nf\ng\nh\ni\nj"));
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
    }

    #[test]
    fn counts_words_in_any_script() {
        assert_eq!(word_count("Hello, world! 42"), 3);
        assert_eq!(word_count("北京欢迎你"), 5);
        assert_eq!(text_length("Hello, world"), 12);
        assert_eq!(text_length("北京欢迎你!"), 16);
    }

    #[test]
    fn finds_direction_from_first_strong_character() {
        assert_eq!(text_dir("123 مرحبا"), crate::Dir::Rtl);
        assert_eq!(text_dir("Hello שלום"), crate::Dir::Ltr);
    }
}
