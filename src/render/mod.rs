//! The annotation as JSON, plain text, Markdown or sanitised HTML. Each renderer reads the
//! annotation only (its sections and blocks), so a corrected annotation renders the same way.
//!
//! Blocks from an HTML page carry sanitised `html` ([`sanitize`]); the Markdown and HTML
//! renderers work from it, and from `kind` and `text` for pasted text (or when a block has
//! no `html`).

use crate::Annotation;

mod html;
mod markdown;
pub(crate) mod sanitize;
mod text;
mod url;

pub use html::html;
pub use markdown::markdown;
pub use text::text;

/// The JSON annotation (schema `pith.annotation/1`), pretty-printed.
pub fn json(annotation: &Annotation) -> String {
    serde_json::to_string_pretty(annotation).unwrap_or_default()
}

/// The article's body as plain text, without the title block: what the benchmarks'
/// ground truths call the main content.
pub fn body_text(annotation: &Annotation) -> String {
    let mut out = String::new();
    for b in annotation
        .article_blocks()
        .filter(|b| b.kind != Some(crate::Kind::Title))
    {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
}

/// The page's own URL (its canonical URL, when absolute http(s)), for resolving what the
/// blocks' HTML still has relative.
fn page_base(annotation: &Annotation) -> Option<&str> {
    annotation
        .metadata
        .canonical_url
        .as_deref()
        .filter(|u| html::absolute_http(u).is_some())
}

/// Hand-built annotations for the renderers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{Annotation, Block, Dir, InputKind, Kind, Label, Metadata, Section, SourceRange};

    /// An article block; `tag` is `p` for a block with HTML, `line` (pasted text) without.
    pub(crate) fn block(id: usize, kind: Kind, text: &str, html: Option<&str>) -> Block {
        Block {
            id,
            label: Label::Article,
            kind: Some(kind),
            role: None,
            score: 1.0,
            reasons: Vec::new(),
            text: text.to_string(),
            level: None,
            tag: if html.is_some() { "p" } else { "line" }.to_string(),
            path: None,
            source: SourceRange::default(),
            dir: Dir::Ltr,
            html: html.map(str::to_string),
        }
    }

    /// An annotation with these blocks and sections.
    pub(crate) fn annotation(
        metadata: Metadata,
        blocks: Vec<Block>,
        sections: Vec<Section>,
    ) -> Annotation {
        Annotation {
            schema: crate::SCHEMA_VERSION.to_string(),
            input: InputKind::Html,
            metadata,
            blocks,
            sections,
        }
    }
}
