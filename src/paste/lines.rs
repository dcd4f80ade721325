//! Pasted text cut into lines, each with its exact byte span and the features the classifier
//! reads. One pass over the input; every feature is computed from the line alone.

use crate::text_util::{is_cjk, is_rtl_char};
use std::borrow::Cow;

/// One line of the input, trimmed. Blank lines are kept (they separate paragraphs).
#[derive(Clone, Debug)]
pub(crate) struct Line<'a> {
    /// Byte offsets of the trimmed text in the input.
    pub start: usize,
    pub end: usize,
    /// 1-based line number.
    pub number: u32,
    /// The trimmed text (repaired when the input was mis-decoded, see `mojibake`).
    pub text: Cow<'a, str>,
    pub f: Features,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Writing systems told apart for the "change of script" signal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Script {
    #[default]
    None,
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Hangul,
    Indic,
    Thai,
    Other,
}

/// What the classifier knows about one line.
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    /// Word-equivalents: one per run of letters/digits in spaced scripts, half per Han/Kana
    /// character, a quarter per character of unspaced South-East Asian scripts.
    pub units: f32,
    /// Whitespace-separated tokens.
    pub tokens: u32,
    pub letters: u32,
    pub digits: u32,
    /// Letters of the dominant script / all letters.
    pub script: Script,
    pub rtl_letters: u32,
    /// Ends with sentence punctuation (`.`, `!`, `?`, `。`, `؟`, `।`...), closing quotes aside.
    pub terminal: bool,
    /// Ends with `?` or `!` (a headline may).
    pub ends_q_or_excl: bool,
    /// Ends with a colon (introduces a list or a quote).
    pub colon: bool,
    /// Sentence stops followed by a space inside the line.
    pub inner_stops: u32,
    /// Ends with `...`, `…` or `[…]`: a cut-off snippet.
    pub truncated: bool,
    /// A time (`18:32`) somewhere in the line.
    pub time: bool,
    /// A date: `2025-03-20`, `20.03.2025`, `3/20/25`, `Nov 19, 2019`, `2019年11月19日`...
    pub date: bool,
    /// The whole line is a URL or an e-mail address.
    pub url: bool,
    /// Starts with a list marker (`•`, `-`, `*`, `1.`, `1)`...).
    pub bullet: bool,
    /// Starts with an opening quotation mark.
    pub opens_quote: bool,
    pub quote_marks: u32,
    /// Carries `©` or `(c) 20xx`.
    pub copyright: bool,
    /// The `©` reads as a footer's notice: the line opens with it (a dozen letters at most
    /// before it, or "copyright"), a year follows it, or the line is short. A `©` further into
    /// a longer line without a year is a photo credit in a caption.
    pub notice: bool,
    /// Separators typical of menus and breadcrumbs: `|`, `›`, `»`, `>`, `/`, `•`, `·`.
    pub separators: u32,
    /// Capitalised tokens among the tokens that have letters (for scripts with case).
    pub capitalised: u32,
    pub cased_tokens: u32,
}

impl Features {
    /// Ends with a full stop (not `?` or `!`): a statement, not a headline.
    pub fn terminal_period(&self) -> bool {
        self.terminal && !self.ends_q_or_excl
    }
}

fn is_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}'
                | '\u{200c}'
                | '\u{200d}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{00ad}'
        )
}

/// Splits `input` into lines (`\n`, `\r\n` or `\r`), trimmed, with features.
pub(crate) fn split(input: &str) -> Vec<Line<'_>> {
    let repair = super::mojibake::needs_repair(input);
    let bytes = input.as_bytes();
    let mut lines = Vec::new();
    let mut number = 1u32;
    let mut ls = 0usize;
    let mut i = 0usize;
    loop {
        let at_end = i >= bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let raw = &input[ls..i];
            let lead = raw.len() - raw.trim_start_matches(is_trim).len();
            let text = raw.trim_matches(is_trim);
            let start = ls + lead;
            let end = start + text.len();
            let text = if repair {
                super::mojibake::repair(text)
            } else {
                Cow::Borrowed(text)
            };
            let f = features(&text);
            lines.push(Line {
                start,
                end,
                number,
                text,
                f,
            });
            if at_end {
                break;
            }
            if bytes[i] == b'\r' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                i += 1;
            }
            i += 1;
            ls = i;
            number = number.saturating_add(1);
            if i >= bytes.len() {
                break;
            }
            continue;
        }
        i += 1;
    }
    lines
}

const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '›', ')', ']', '」', '』', '）', '】', '〉', '》', '*', '_', '“',
];

fn is_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '。'
            | '！'
            | '？'
            | '．'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '։'
            | '።'
            | '፧'
            | ';'
            | '；'
            | '\u{37e}'
            | '‼'
            | '⁉'
    )
}

fn is_open_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '„' | '«' | '「' | '『' | '‘' | '‚' | '‹' | '»'
    )
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』'
    )
}

fn script_of(c: char) -> Script {
    let u = c as u32;
    match u {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x600..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0xDFF => Script::Indic,
        0xE00..=0xEFF | 0x1000..=0x109F | 0x1780..=0x17FF => Script::Thai,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        _ if is_cjk(c) => Script::Han,
        _ => Script::Other,
    }
}

/// Features of one trimmed line.
pub(crate) fn features(text: &str) -> Features {
    let mut f = Features::default();
    if text.is_empty() {
        return f;
    }
    let mut counts = [0u32; 11];
    let mut in_word = false;
    let mut units = 0f32;
    let mut prev: Option<char> = None;
    let mut token_start = true;
    let mut copyright_at: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((byte_at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c.is_whitespace() {
            if !token_start {
                f.tokens += 1;
            }
            token_start = true;
            in_word = false;
        } else {
            if token_start && c.is_alphabetic() {
                if c.is_uppercase() {
                    f.capitalised += 1;
                    f.cased_tokens += 1;
                } else if c.is_lowercase() {
                    f.cased_tokens += 1;
                }
            }
            token_start = false;
        }
        if c.is_ascii_digit() {
            f.digits += 1;
        }
        if c.is_alphabetic() {
            f.letters += 1;
            let s = script_of(c);
            counts[s as usize] += 1;
            if is_rtl_char(c) {
                f.rtl_letters += 1;
            }
            match s {
                Script::Han => {
                    units += 0.5;
                    in_word = false;
                }
                Script::Thai => {
                    units += 0.25;
                    in_word = false;
                }
                _ => {
                    if !in_word {
                        units += 1.0;
                        in_word = true;
                    }
                }
            }
            if matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
                && prev.is_some_and(|p| p.is_ascii_digit())
            {
                f.date |= c == '日' || c == '일' || c == '月' || c == '월';
            }
        } else if c.is_numeric() {
            if !in_word {
                units += 1.0;
                in_word = true;
            }
        } else if !c.is_whitespace() && matches!(c, '\'' | '’' | '-') && in_word {
            // apostrophes and hyphens inside a word keep it one word
        } else {
            in_word = false;
        }
        if is_stop(c)
            && (next.is_none() || next.is_some_and(|n| n.is_whitespace() || CLOSERS.contains(&n)))
        {
            if next.is_some() {
                f.inner_stops += 1;
            }
        } else if matches!(c, '。' | '！' | '？') && next.is_some() {
            f.inner_stops += 1;
        }
        if is_quote(c) {
            f.quote_marks += 1;
        }
        if matches!(
            c,
            '|' | '›' | '»' | '>' | '/' | '•' | '·' | '\\' | '→' | '⟩'
        ) {
            f.separators += 1;
        }
        if matches!(c, '©' | 'ⓒ') {
            if !f.copyright {
                copyright_at = Some(byte_at);
            }
            f.copyright = true;
        }
        prev = Some(c);
    }
    if !token_start {
        f.tokens += 1;
    }
    if f.digits > 0 {
        let (date, time) = dates(text.as_bytes(), f.letters > 0 && f.tokens <= 12);
        f.date |= date;
        f.time = time;
    }
    f.units = units;
    let (best, _) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(_, n)| *n)
        .unwrap_or((0, &0));
    f.script = if counts[best] == 0 {
        Script::None
    } else {
        SCRIPTS[best]
    };

    let trimmed = text.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace());
    f.truncated = trimmed.ends_with("...")
        || trimmed.ends_with('…')
        || text.ends_with("[…]")
        || text.ends_with("[...]")
        || trimmed.ends_with("…");
    if let Some(last) = trimmed.chars().next_back() {
        f.terminal = is_stop(last) && !f.truncated;
        f.ends_q_or_excl = matches!(last, '?' | '!' | '？' | '！' | '؟');
        f.colon = matches!(last, ':' | '：');
    }
    let lower_start: String = text
        .chars()
        .take(12)
        .flat_map(crate::lower::lower_char)
        .collect();
    f.url = !text.contains(' ')
        && (lower_start.starts_with("http://")
            || lower_start.starts_with("https://")
            || lower_start.starts_with("www.")
            || (text.contains('@') && text.contains('.')));
    let year_notice =
        lower_start.starts_with("(c) ") || text.contains("(c) 20") || text.contains("(C) 20");
    f.copyright |= year_notice;
    f.notice = f.copyright
        && (year_notice
            || f.units <= 8.0
            || lower_start.starts_with("copyright")
            || copyright_at.is_some_and(|at| {
                let before = &text[..at];
                let after = text[at..]
                    .char_indices()
                    .nth(1)
                    .map_or("", |(k, _)| &text[at + k..])
                    .trim_start_matches(|c: char| !c.is_alphanumeric());
                let year = after.len() >= 4
                    && after.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                    && (after.starts_with("19") || after.starts_with("20"));
                year || before
                    .trim()
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
                    <= 12
            }));
    let mut it = text.chars();
    let first = it.next().unwrap_or(' ');
    let second = it.next().unwrap_or(' ');
    f.opens_quote = is_open_quote(first);
    f.bullet = (matches!(
        first,
        '•' | '-'
            | '*'
            | '·'
            | '–'
            | '—'
            | '▪'
            | '■'
            | '◦'
            | '●'
            | '►'
            | '▶'
            | '✓'
            | '✔'
            | '○'
    ) && (second.is_whitespace() || first != '-'))
        || numbered(text);
    f
}

const SCRIPTS: [Script; 11] = [
    Script::None,
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Han,
    Script::Hangul,
    Script::Indic,
    Script::Thai,
    Script::Other,
];

/// `1.`, `12)`, `a)`, `iv.` followed by a space.
fn numbered(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && i < 4 && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 {
        if b.len() >= 3 && b[0].is_ascii_lowercase() && b[1] == b')' && b[2] == b' ' {
            return true;
        }
        return false;
    }
    i + 1 < b.len() && (b[i] == b'.' || b[i] == b')') && b[i + 1] == b' '
}

/// Dates and times from the digit runs: `18:32`, `2025-03-20`, `20.03.2025`, `3/20/25`; with
/// `words_near`, also a year beside a day number (`Nov 19, 2019`, `23 Nov 2017`).
fn dates(b: &[u8], words_near: bool) -> (bool, bool) {
    let (mut date, mut time) = (false, false);
    let (mut year, mut day) = (false, false);
    // the last three digit runs: (start, end)
    let mut runs: [(usize, usize); 3] = [(0, 0); 3];
    let mut n = 0usize;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let len = i - s;
        let value: u32 = if len <= 4 {
            std::str::from_utf8(&b[s..i])
                .ok()
                .and_then(|t| t.parse().ok())
                .unwrap_or(0)
        } else {
            0
        };
        if len == 4 && (1900..=2099).contains(&value) {
            year = true;
        }
        if len <= 2 && (1..=31).contains(&value) {
            day = true;
        }
        // a run joined to the previous by exactly one separator byte continues the chain
        let joined = n > 0 && runs[n - 1].1 + 1 == s;
        if !joined {
            n = 0;
        }
        if n == 3 {
            runs.rotate_left(1);
            n = 2;
        }
        runs[n] = (s, i);
        n += 1;
        if n >= 2 {
            let (ps, pe) = runs[n - 2];
            if b[pe] == b':' && pe - ps <= 2 && len == 2 {
                time = true;
            }
        }
        if n == 3 {
            let l: Vec<usize> = runs.iter().map(|r| r.1 - r.0).collect();
            let (s1, s2) = (b[runs[0].1], b[runs[1].1]);
            if s1 == s2
                && matches!(s1, b'-' | b'/' | b'.')
                && ((l[0] == 4 && l[1] <= 2 && l[2] <= 2)
                    || (l[0] <= 2 && l[1] <= 2 && (l[2] == 4 || l[2] == 2)))
            {
                date = true;
            }
        }
    }
    date |= words_near && year && day;
    (date, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_exact_offsets() {
        let s = "  a b \r\nc\rd\n\n e";
        let l = split(s);
        assert_eq!(l.len(), 5);
        assert_eq!(&s[l[0].start..l[0].end], "a b");
        assert_eq!(l[1].text, "c");
        assert_eq!(l[2].text, "d");
        assert_eq!(l[2].number, 3);
        assert!(l[3].is_blank());
        assert_eq!(l[4].text, "e");
        assert_eq!(l[4].number, 5);
    }

    #[test]
    fn finds_dates_times_truncation() {
        let f = features("بواسطة ustaadbook 2025-03-20 18:32:21 0 915");
        assert!(f.date && f.time);
        assert!(features("Nov 19, 2019, 10:31 pm").date);
        assert!(features("23 Nov 2017").date);
        assert!(features("2019年11月19日").date);
        assert!(!features("It killed 137 people in 2024.").date);
        assert!(features("If you are looking for a trusted platform for...").truncated);
        assert!(features("He said “no.”").terminal);
        assert!(!features("Read more").terminal);
        assert!(features("1) Lego Star Wars").bullet);
    }

    #[test]
    fn counts_units_in_any_script() {
        assert_eq!(features("Hello, world! 42").units, 3.0);
        assert_eq!(features("北京欢迎你").units, 2.5);
        assert_eq!(features("don’t stop").units, 2.0);
    }
}
