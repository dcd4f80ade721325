//! The annotation as JSON, plain text, Markdown or sanitised HTML. Each renderer reads the
//! annotation only (its sections and blocks), so a corrected annotation renders the same way.

use crate::Annotation;

/// The JSON annotation (schema `pith.annotation/1`), pretty-printed.
pub fn json(annotation: &Annotation) -> String {
    serde_json::to_string_pretty(annotation).unwrap_or_default()
}

/// Plain text of the article: each block on its own, separated by a blank line.
pub fn text(annotation: &Annotation) -> String {
    let mut out = String::new();
    for b in annotation.article_blocks() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
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

/// STUB(cli branch): drop at merge; the real Markdown renderer lands from the render branch.
pub fn markdown(annotation: &Annotation) -> String {
    text(annotation)
}

/// STUB(cli branch): drop at merge; the real HTML renderer lands from the render branch.
pub fn html(annotation: &Annotation) -> String {
    let mut out = String::from("<article>\n");
    for b in annotation.article_blocks() {
        let escaped = b
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        out.push_str(&format!("<p>{escaped}</p>\n"));
    }
    out.push_str("</article>\n");
    out
}

pub(crate) mod sanitize;
