//! Repairs text that was UTF-8 but got read as Windows-1252 somewhere on its way to the
//! clipboard (`Ã©tÃ©` for `été`, `ì—”í„°` for `엔터`): a page served without its charset shows
//! exactly that, and a person copies what they see.
//!
//! Each run of characters that, mapped back to their Windows-1252 bytes, forms one valid UTF-8
//! sequence is replaced by the character it encodes; everything else is kept as it is, so a
//! page where only some characters went wrong comes back whole. The repair is applied only when
//! the whole input carries enough such runs (see [`needs_repair`]).

use std::borrow::Cow;

/// Windows-1252 bytes 0x80-0x9F (the WHATWG decoder maps the five undefined ones to C1
/// controls, which [`byte_of`] takes as themselves).
const CP1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The Windows-1252 byte a character decodes from, for bytes 0x80-0xFF.
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    if u < 0x80 {
        return None;
    }
    CP1252_HIGH.iter().find(|(ch, _)| *ch == c).map(|&(_, b)| b)
}

/// If a UTF-8 sequence starts at `chars[0]`, the decoded character and how many input
/// characters it spans.
fn sequence(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    lead: u8,
) -> Option<(char, usize)> {
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let mut probe = chars.clone();
    for slot in bytes.iter_mut().skip(1).take(need) {
        let b = byte_of(probe.next()?)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
    }
    let decoded = std::str::from_utf8(&bytes[..=need]).ok()?.chars().next()?;
    for _ in 0..need {
        chars.next();
    }
    Some((decoded, need + 1))
}

/// Number of mis-decoded UTF-8 sequences in `s` (stops counting at `limit`).
pub(crate) fn count(s: &str, limit: usize) -> usize {
    let mut n = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(lead) = byte_of(c) {
            if sequence(&mut chars, lead).is_some() {
                n += 1;
                if n >= limit {
                    break;
                }
            }
        }
    }
    n
}

/// Whether the input as a whole shows the pattern: a few sequences are a coincidence, many are
/// a wrong decoding.
pub(crate) fn needs_repair(input: &str) -> bool {
    // cheap exit: every mis-decoded sequence starts with a character in U+00C2..U+00F4
    if !input.chars().any(|c| ('\u{c2}'..='\u{f4}').contains(&c)) {
        return false;
    }
    count(input, 3) >= 3
}

/// `s` with every mis-decoded sequence replaced by the character it encodes.
pub(crate) fn repair(s: &str) -> Cow<'_, str> {
    if count(s, 1) == 0 {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match byte_of(c).and_then(|lead| sequence(&mut chars, lead)) {
            Some((d, _)) => out.push(d),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_utf8_read_as_windows_1252() {
        assert_eq!(repair("Ã©tÃ© Ã\u{a0}Paris"), "été àParis");
        assert_eq!(repair("ì—”í„° ë¯¸ë””ì–´"), "엔터 미디어");
        assert_eq!(repair("Ð¡Ñ€ÐµÐ´Ð½Ñ\u{8f}Ñ\u{8f}"), "Средняя");
        assert_eq!(repair("itâ€™s"), "it’s");
        // mixed: a correct no-break space and a broken apostrophe
        assert_eq!(repair("a\u{a0}b itâ€™s"), "a\u{a0}b it’s");
    }

    #[test]
    fn leaves_real_text_alone() {
        assert_eq!(repair("café crème, naïve"), "café crème, naïve");
        assert!(!needs_repair("Ünïcödé façade — “quotes” … € 5"));
        assert!(matches!(repair("plain"), Cow::Borrowed(_)));
    }
}
