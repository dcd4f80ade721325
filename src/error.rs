//! Errors a caller can get. Parsing itself never fails: a page of garbage is still a page.

use std::fmt;

/// Why an input could not be annotated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is larger than [`crate::Options::max_bytes`].
    TooLarge { size: usize, limit: usize },
    /// The input is not text (an image, a PDF, an archive...).
    NotText { what: &'static str },
    /// An annotation given back for rendering could not be read.
    BadAnnotation(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLarge { size, limit } => write!(
                f,
                "input is {size} bytes, over the limit of {limit} bytes (raise it with max_bytes)"
            ),
            Error::NotText { what } => write!(f, "input looks like {what}, not HTML or text"),
            Error::BadAnnotation(why) => write!(f, "not a Pith annotation: {why}"),
        }
    }
}

impl std::error::Error for Error {}
