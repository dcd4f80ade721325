//! Reading a page: from a file or stdin, within a size limit, gunzipped when it starts with
//! the gzip magic bytes, and refused when it is plainly not text (an image, a PDF...).

use flate2::read::MultiGzDecoder;
use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use pith::sniff_binary;

/// The first two bytes of every gzip stream.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Why a page could not be read.
#[derive(Debug)]
pub enum InputError {
    Io(io::Error),
    /// Over the limit; `size` when known (a stream is only read up to the limit).
    TooLarge {
        size: Option<u64>,
        limit: usize,
        decompressed: bool,
    },
    CorruptGzip(io::Error),
    /// Named `.gz` but without the gzip magic bytes.
    NotGzip,
    Binary(&'static str),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "{}", io_message(e)),
            InputError::TooLarge {
                size,
                limit,
                decompressed,
            } => {
                let what = if *decompressed {
                    "decompressed input"
                } else {
                    "input"
                };
                match size {
                    Some(size) => write!(f, "{what} is {size} bytes, over the limit of {limit} bytes (raise it with --max-bytes)"),
                    None => write!(f, "{what} is over the limit of {limit} bytes (raise it with --max-bytes)"),
                }
            }
            InputError::CorruptGzip(e) => write!(f, "corrupt gzip data ({e})"),
            InputError::NotGzip => f.write_str("named .gz but not gzip data"),
            InputError::Binary(what) => write!(f, "input looks like {what}, not HTML or text"),
        }
    }
}

/// An I/O error without Rust's `(os error N)` suffix.
fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// Reads a page's bytes from a file, gunzipped if needed, checked against `limit`.
pub fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path).map_err(InputError::Io)?;
    if meta.is_dir() {
        return Err(InputError::Io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    if meta.len() > limit as u64 {
        return Err(InputError::TooLarge {
            size: Some(meta.len()),
            limit,
            decompressed: false,
        });
    }
    let raw = read_limited(File::open(path).map_err(InputError::Io)?, limit)?;
    unpack(raw, limit, has_gz_extension(path))
}

/// Reads a page's bytes from stdin, gunzipped if needed, checked against `limit`.
pub fn read_stdin(limit: usize) -> Result<Vec<u8>, InputError> {
    let raw = read_limited(io::stdin().lock(), limit)?;
    unpack(raw, limit, false)
}

/// Reads at most `limit` bytes; more is an error.
fn read_limited(reader: impl Read, limit: usize) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(InputError::Io)?;
    if buf.len() > limit {
        return Err(InputError::TooLarge {
            size: None,
            limit,
            decompressed: false,
        });
    }
    Ok(buf)
}

/// Gunzips `raw` if it is gzip, then refuses binary data.
pub fn unpack(raw: Vec<u8>, limit: usize, named_gz: bool) -> Result<Vec<u8>, InputError> {
    let bytes = if is_gzip(&raw) || named_gz {
        decompress(&raw, limit, named_gz)?.into_owned()
    } else {
        raw
    };
    match sniff_binary(&bytes) {
        Some(what) => Err(InputError::Binary(what)),
        None => Ok(bytes),
    }
}

/// Gunzips `raw` if it starts with the gzip magic bytes (an error if it does not but is
/// `named_gz`); otherwise gives it back as it is. No check for binary data.
pub fn decompress(raw: &[u8], limit: usize, named_gz: bool) -> Result<Cow<'_, [u8]>, InputError> {
    if is_gzip(raw) {
        Ok(Cow::Owned(gunzip(raw, limit)?))
    } else if named_gz {
        Err(InputError::NotGzip)
    } else {
        Ok(Cow::Borrowed(raw))
    }
}

/// Whether the bytes start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

fn has_gz_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Decompresses every gzip member, stopping with an error past `limit` bytes.
fn gunzip(raw: &[u8], limit: usize) -> Result<Vec<u8>, InputError> {
    let mut out = Vec::new();
    MultiGzDecoder::new(raw)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(InputError::CorruptGzip)?;
    if out.len() > limit {
        return Err(InputError::TooLarge {
            size: None,
            limit,
            decompressed: true,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gzip_is_detected_by_magic_bytes_whatever_the_name() {
        let packed = gzip(b"<p>hello</p>");
        assert!(is_gzip(&packed));
        assert!(!is_gzip(b"<p>hello</p>"));
        assert!(!is_gzip(b"\x1f"));
        assert_eq!(
            unpack(packed.clone(), 1000, false).unwrap(),
            b"<p>hello</p>"
        );
        assert_eq!(unpack(packed, 1000, true).unwrap(), b"<p>hello</p>");
        assert_eq!(unpack(b"plain".to_vec(), 1000, false).unwrap(), b"plain");
    }

    #[test]
    fn concatenated_gzip_members_are_all_read() {
        let mut packed = gzip(b"one ");
        packed.extend(gzip(b"two"));
        assert_eq!(unpack(packed, 1000, false).unwrap(), b"one two");
    }

    #[test]
    fn a_gz_name_without_gzip_bytes_is_an_error() {
        assert!(matches!(
            unpack(b"<p>hi".to_vec(), 1000, true),
            Err(InputError::NotGzip)
        ));
    }

    #[test]
    fn corrupt_and_truncated_gzip_are_errors() {
        let packed = gzip(b"<p>some text that compresses</p>");
        let truncated = packed[..packed.len() / 2].to_vec();
        assert!(matches!(
            unpack(truncated, 1000, false),
            Err(InputError::CorruptGzip(_))
        ));
        let mut garbled = packed;
        for b in garbled.iter_mut().skip(10) {
            *b ^= 0x55;
        }
        assert!(matches!(
            unpack(garbled, 1000, false),
            Err(InputError::CorruptGzip(_))
        ));
    }

    #[test]
    fn decompressed_size_is_limited() {
        let packed = gzip(&[b'a'; 5000]);
        let err = unpack(packed, 100, false).unwrap_err();
        assert!(matches!(
            err,
            InputError::TooLarge {
                decompressed: true,
                ..
            }
        ));
        assert!(err.to_string().contains("--max-bytes"));
    }

    #[test]
    fn binary_inside_gzip_is_refused() {
        let png_in_gzip = gzip(b"\x89PNG\r\n\x1a\n....");
        assert!(matches!(
            unpack(png_in_gzip, 1000, false),
            Err(InputError::Binary("a PNG image"))
        ));
    }

    #[test]
    fn stream_size_is_limited() {
        assert!(read_limited(&b"12345"[..], 5).is_ok());
        assert!(matches!(
            read_limited(&b"123456"[..], 5),
            Err(InputError::TooLarge { size: None, .. })
        ));
    }
}
