//! Options for [`crate::annotate`], with their defaults in one place.

/// How to read the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputMode {
    /// Decide from the input itself (default).
    #[default]
    Auto,
    /// Always parse as HTML.
    Html,
    /// Always read as plain text.
    Text,
}

/// Options for one annotation.
#[derive(Clone, Debug)]
pub struct Options {
    /// HTML, text, or detect. Default: [`InputMode::Auto`].
    pub input: InputMode,
    /// The page's URL, used to resolve relative links and as a fallback canonical URL.
    /// Default: none.
    pub url: Option<String>,
    /// Inputs larger than this many bytes are refused with [`crate::Error::TooLarge`].
    /// Default: 64 MiB.
    pub max_bytes: usize,
    /// Include each block's sanitised HTML in the annotation. Default: true.
    pub block_html: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            input: InputMode::Auto,
            url: None,
            max_bytes: 64 << 20,
            block_html: true,
        }
    }
}
