//! Bytes to text: a byte-order mark wins, then `<meta charset>` / `http-equiv` in the first
//! 1024 bytes, then UTF-8 with replacement characters for invalid sequences.
//! Legacy charsets need the `encoding` feature (on for the CLI); in the browser the page
//! decodes with `TextDecoder` before calling the core.

use std::borrow::Cow;

/// Decodes a page's bytes into text. Never fails.
pub fn decode_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Cow::Owned(utf16(&bytes[2..], u16::from_le_bytes));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Cow::Owned(utf16(&bytes[2..], u16::from_be_bytes));
    }
    if let Some(label) = sniff_meta_charset(&bytes[..bytes.len().min(1024)]) {
        if let Some(text) = decode_legacy(&label, bytes) {
            return Cow::Owned(text);
        }
    }
    String::from_utf8_lossy(bytes)
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

#[cfg(feature = "encoding")]
fn decode_legacy(label: &str, bytes: &[u8]) -> Option<String> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    if enc == encoding_rs::UTF_8 || enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        // A page that says UTF-16 in ASCII-compatible bytes is lying; HTML says read UTF-8.
        return None;
    }
    Some(enc.decode_without_bom_handling(bytes).0.into_owned())
}

#[cfg(not(feature = "encoding"))]
fn decode_legacy(label: &str, bytes: &[u8]) -> Option<String> {
    // Without encoding tables, Latin-1 family pages still map byte-for-byte.
    matches!(
        label,
        "iso-8859-1" | "latin1" | "windows-1252" | "us-ascii" | "ascii"
    )
    .then(|| bytes.iter().map(|&b| b as char).collect())
    .filter(|_| std::str::from_utf8(bytes).is_err())
}

/// Finds `charset=` inside a `<meta ...>` tag in the first bytes of a page.
pub(crate) fn sniff_meta_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            while let [b' ' | b'\t' | b'\n' | b'\r', r @ ..] = rest {
                rest = r;
            }
            if let [b'=', r @ ..] = rest {
                let mut r = r;
                while let [b' ' | b'"' | b'\'', x @ ..] = r {
                    r = x;
                }
                let label: String = r
                    .iter()
                    .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    .map(|&b| b as char)
                    .collect();
                if !label.is_empty() {
                    return Some(label);
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many leading bytes are searched for a NUL byte, the mark of binary data.
const BINARY_SNIFF_LEN: usize = 8 << 10;

/// Byte signatures of common non-text files, with what to call them in the error.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\x00asm", "a WebAssembly module"),
];

/// What the bytes are when they are plainly not text: a known file signature, or a NUL byte
/// near the start (UTF-16 text, which has NULs, is let through when it has a byte-order mark).
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, what)) = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Some(what);
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some("a WebP image");
    }
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    (!utf16 && head.contains(&0)).then_some("binary data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_named() {
        assert_eq!(
            sniff_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("a PNG image")
        );
        assert_eq!(sniff_binary(b"%PDF-1.7\n"), Some("a PDF document"));
        assert_eq!(
            sniff_binary(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some("a WebP image")
        );
        assert_eq!(sniff_binary(b"text\0with a nul"), Some("binary data"));
        assert_eq!(sniff_binary(b"\xff\xfeh\0i\0"), None);
        assert_eq!(sniff_binary("<p>héllo</p>".as_bytes()), None);
        assert_eq!(sniff_binary(b""), None);
    }

    #[test]
    fn bom_wins() {
        assert_eq!(decode_bytes(b"\xEF\xBB\xBFhi"), "hi");
        assert_eq!(decode_bytes(b"\xFF\xFEh\x00i\x00"), "hi");
    }

    #[test]
    fn finds_meta_charset_in_both_forms() {
        assert_eq!(
            sniff_meta_charset(b"<meta charset=\"Shift_JIS\">").as_deref(),
            Some("shift_jis")
        );
        assert_eq!(
            sniff_meta_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>"
            )
            .as_deref(),
            Some("windows-1251")
        );
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(decode_bytes(b"a\xFFb"), "a\u{FFFD}b");
    }

    #[cfg(feature = "encoding")]
    #[test]
    fn legacy_charset_is_decoded() {
        let bytes = b"<meta charset=windows-1251><p>\xcf\xf0\xe8\xe2\xe5\xf2";
        assert!(decode_bytes(bytes).ends_with("Привет"));
    }
}
