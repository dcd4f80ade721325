//! Pith finds the article in a web page, or in text pasted from one, and annotates every block
//! of the page as article or boilerplate, with the metadata a reader and an editor care about.
//!
//! The pipeline, in run order (one module each):
//! 1. [`decode`](crate::decode_bytes) — bytes to text (BOM, `<meta charset>`, UTF-8 fallback);
//! 2. `parse` — html5ever into a tree the crate owns (`dom`), scripting off;
//! 3. `segment` — the tree into blocks a person would highlight;
//! 4. `classify` — every block labelled article or boilerplate, with a score and reasons;
//! 5. `assemble` — the article's blocks in reading order, split into sections;
//! 6. `metadata` — title, authors, dates, language, site, image, canonical URL;
//! 7. [`render`] — JSON annotation, plain text, Markdown, sanitised HTML.
//!
//! Pasted text takes its own front end (`paste`) and joins the same model at step 4's output.
//!
//! ```
//! let page = "<html><head><title>Hi | Site</title></head><body><nav><a href=/>Home</a></nav>\
//!             <article><h1>Hi</h1><p>First paragraph of the story, long enough to read.</p></article></body></html>";
//! let annotation = pith::annotate(page, &pith::Options::default()).unwrap();
//! assert!(pith::render::text(&annotation).contains("First paragraph"));
//! ```
#![forbid(unsafe_code)]
// The wasm build (scripts/build-wasm.sh sets `--cfg pith_size`) optimises the cold code for size.
#![cfg_attr(pith_size, feature(optimize_attribute))]

mod annotation;
mod assemble;
mod classify;
mod decode;
mod dom;
mod error;
mod fnv;
mod heuristics;
mod lang;
mod lower;
mod metadata;
mod options;
mod parse;
mod paste;
pub mod render;
mod revealed;
mod segment;
mod text_util;
mod vocabulary;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use annotation::{
    Annotation, Block, Dir, InputKind, Kind, Label, Metadata, Role, Section, SourceRange,
    SCHEMA_VERSION,
};
pub use assemble::assemble;
pub use decode::{decode_bytes, sniff_binary};
pub use error::Error;
pub use options::{BlockHtml, InputMode, Options};

/// Annotates one input: an HTML page or pasted text (see [`Options::input`]).
///
/// Never panics on any input; an input larger than [`Options::max_bytes`] is an
/// [`Error::TooLarge`]. A page with no article is a valid annotation with no article blocks.
pub fn annotate(input: &str, options: &Options) -> Result<Annotation, Error> {
    let mut annotation = match input_kind(input, options)? {
        InputKind::Html => annotate_html(input, options),
        InputKind::Text => paste::annotate_text(input, options),
    };
    assemble(&mut annotation);
    Ok(annotation)
}

/// What [`annotate`] reads the input as: `options.input`, or detected; an input larger than
/// [`Options::max_bytes`] is an [`Error::TooLarge`]. (The wasm modules, which each carry one
/// front end, ask this first.)
pub(crate) fn input_kind(input: &str, options: &Options) -> Result<InputKind, Error> {
    if input.len() > options.max_bytes {
        return Err(Error::TooLarge {
            size: input.len(),
            limit: options.max_bytes,
        });
    }
    Ok(match options.input {
        InputMode::Html => InputKind::Html,
        InputMode::Text => InputKind::Text,
        InputMode::Auto => detect_input_kind(input),
    })
}

/// Annotates raw bytes: refuses what is plainly not text (an image, a PDF, NUL bytes; see
/// [`sniff_binary`]) with [`Error::NotText`], decodes the rest (see [`decode_bytes`]), then
/// [`annotate`]s.
pub fn annotate_bytes(input: &[u8], options: &Options) -> Result<Annotation, Error> {
    if input.len() > options.max_bytes {
        return Err(Error::TooLarge {
            size: input.len(),
            limit: options.max_bytes,
        });
    }
    if let Some(what) = sniff_binary(input) {
        return Err(Error::NotText { what });
    }
    let text = decode_bytes(input);
    annotate(&text, options)
}

/// Tells HTML from plain text: markup near the start, or a high share of tags, means HTML.
pub fn detect_input_kind(input: &str) -> InputKind {
    if text_util::looks_like_html(input) {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

/// The HTML front end and the classifier, before [`assemble`].
pub(crate) fn annotate_html(input: &str, options: &Options) -> Annotation {
    let doc = parse::parse_html(input);
    let (mut blocks, segments) = segment::segment(&doc);
    let (metadata, declared) = metadata::extract(&doc, &blocks, options);
    classify::classify(&doc, &mut blocks, &segments, &metadata, declared);
    segment::add_block_html(&doc, &mut blocks, &segments, options);
    let mut annotation = Annotation::new(InputKind::Html, metadata, blocks);
    metadata::finish(&mut annotation);
    annotation
}

/// Hooks for `pith bench`: not part of the stable API.
#[doc(hidden)]
pub mod bench_support {
    /// Parses a page with html5ever into Pith's arena of nodes and nothing else (no nesting
    /// cap, no line or sibling index): the baseline that `pith bench` compares the whole
    /// extraction against. Returns the node count.
    pub fn bare_parse(input: &str) -> usize {
        crate::parse::build_tree(input).len()
    }

    /// The same parse with the published html5ever (0.40.1, not Pith's patched copy), into the
    /// same arena: the baseline `pith bench` divides the extraction by. Returns the node count.
    #[cfg(feature = "cli")]
    pub fn stock_parse(input: &str) -> usize {
        crate::parse::build_tree_stock(input).len()
    }
}
