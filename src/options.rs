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
    /// Which blocks carry their sanitised HTML in the annotation. Default:
    /// [`BlockHtml::Article`].
    pub block_html: BlockHtml,
}

/// Which blocks of an HTML page carry their sanitised HTML ([`crate::Block::html`]).
///
/// The reader view and the Markdown and HTML renderings read the article blocks' HTML only.
/// Sanitising the boilerplate too (most of a page's markup: about 70% of the block HTML on
/// scrapinghub's news pages) costs time and, in the browser, the hand-over of the annotation to
/// JS; a page that lets a person flip a block to article asks for [`BlockHtml::All`] then.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BlockHtml {
    /// No block HTML (the text renderings need none).
    None,
    /// The blocks labelled article (default).
    #[default]
    Article,
    /// Every block, boilerplate too.
    All,
}

impl BlockHtml {
    /// Whether a block with this label gets its HTML.
    pub fn wants(self, label: crate::Label) -> bool {
        match self {
            BlockHtml::None => false,
            BlockHtml::Article => label == crate::Label::Article,
            BlockHtml::All => true,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            input: InputMode::Auto,
            url: None,
            max_bytes: 64 << 20,
            block_html: BlockHtml::Article,
        }
    }
}
