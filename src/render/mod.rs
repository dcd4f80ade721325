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

/// Figures and captions of at most this many words are media credits, not body text.
const CAPTION_MAX_WORDS: usize = 40;

/// The article's body as plain text, without the title, byline and date blocks and without
/// short figures and captions (photo credits, "Image: …"): what the benchmarks' ground truths
/// call the main content. A long figure (a quote or testimonial set in `<figure>`) stays. The
/// text export ([`text`]) keeps every caption; this is the scored body.
pub fn body_text(annotation: &Annotation) -> String {
    use crate::Kind;
    let mut out = String::new();
    for b in annotation.article_blocks().filter(|b| match b.kind {
        Some(Kind::Title | Kind::Byline | Kind::Date) => false,
        Some(Kind::Figure | Kind::Caption) => b.text.split_whitespace().count() > CAPTION_MAX_WORDS,
        _ => true,
    }) {
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

#[cfg(test)]
mod tests {
    use super::sanitize::{assert_only_allowed, sanitize_nodes};
    use super::testing::{annotation, block};
    use crate::dom::NodeId;
    use crate::{Kind, Metadata, Section};

    #[test]
    fn body_text_leaves_out_the_headline_and_captions() {
        let blocks = vec![
            block(0, Kind::Title, "Harbour wall approved", None),
            block(1, Kind::Paragraph, "The council approved the wall.", None),
            block(2, Kind::Figure, "The old wall. Photo: Ana Ruiz", None),
            block(3, Kind::Caption, "Image: harbour office", None),
            block(4, Kind::Paragraph, "Work starts in spring.", None),
            block(
                5,
                Kind::Figure,
                &"A testimonial set in a figure. ".repeat(10),
                None,
            ),
        ];
        let mut a = annotation(Metadata::default(), blocks, Vec::new());
        crate::assemble(&mut a);
        assert_eq!(
            super::body_text(&a),
            format!(
                "The council approved the wall.\n\nWork starts in spring.\n\n{}",
                "A testimonial set in a figure. ".repeat(10)
            )
        );
        assert!(
            super::text(&a).contains("Photo: Ana Ruiz"),
            "the text export keeps them"
        );
    }

    /// Pieces of markup and text that tend to break sanitisers and Markdown writers.
    const SOUP: &[&str] = &[
        "<p>",
        "</p>",
        "<a href=javascript:alert(1)>",
        "<a href=/ok>",
        "<a href='java\tscript:x'>",
        "</a>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<ul>",
        "<ol start=99999999999>",
        "<li>",
        "</ul>",
        "</ol>",
        "<table>",
        "<tr>",
        "<th>",
        "<td colspan=999>",
        "</td>",
        "</table>",
        "<caption>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "`",
        "```",
        "*",
        "_",
        "|",
        "\\",
        "[",
        "]",
        "(",
        "\n",
        " ",
        "  ",
        "text",
        "<br>",
        "<img src=x.png alt=']'>",
        "<img src=x onerror=alert(1)>",
        "<noscript>",
        "</noscript>",
        "<script>alert(1)",
        "</script>",
        "<svg><script>alert(1)",
        "</svg>",
        "<blockquote>",
        "</blockquote>",
        "<div>",
        "</div>",
        "<h2>",
        "</h2>",
        "&amp;",
        "&#58;",
        "&lt;script&gt;",
        "<dl><dt>",
        "<dd>",
        "<figure>",
        "<figcaption>",
        "#",
        "1.",
        "-",
        ">",
        "<style>",
        "</style>",
        "<math><mi>",
        "<template>",
        "</template>",
        "<iframe srcdoc='<script>alert(1)</script>'>",
        "</iframe>",
        "<span style='display:none'>",
        "</span>",
        "<q>",
        "<ruby>",
        "<rt>",
        "<object data=x>",
        "<form action=x>",
        "<input>",
        "<button onclick=alert(1)>",
        "<select>",
        "<textarea>",
        "<xmp>",
        "<plaintext>",
        "ש",
        "日本",
    ];

    /// A small deterministic generator (no dependencies, same soup every run).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    /// Tags the document shell adds around the blocks.
    const SHELL_TAGS: &[&str] = &["article", "header", "div"];

    /// No link or image to a script, no raw HTML: every `<` outside code is escaped.
    fn assert_safe_markdown(md: &str, soup: &str) {
        let lower = md.to_ascii_lowercase();
        for bad in ["](javascript", "](vbscript", "](data:", "](java\t"] {
            assert!(!lower.contains(bad), "{bad} in {md:?} from {soup:?}");
        }
        let mut in_fence = false;
        for line in md.lines() {
            if line.trim_start_matches(['>', ' ', '-']).starts_with("```") {
                in_fence = !in_fence;
            }
            if in_fence || line.contains('`') {
                continue;
            }
            let bytes = line.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                let escaped = bytes[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
                assert!(b != b'<' || escaped, "raw < in {line:?} from {soup:?}");
            }
        }
    }

    #[test]
    fn tag_soup_never_breaks_the_renderers() {
        let mut rng = Lcg(7);
        let kinds = [
            Kind::Title,
            Kind::Heading,
            Kind::Paragraph,
            Kind::List,
            Kind::Quote,
            Kind::Table,
            Kind::Code,
            Kind::Figure,
            Kind::Caption,
            Kind::Byline,
            Kind::Date,
        ];
        for round in 0..400 {
            let soup: String = (0..rng.next(80))
                .map(|_| SOUP[rng.next(SOUP.len())])
                .collect();
            let doc = crate::parse::parse_html(&soup);
            let body = doc.body().unwrap();
            let nodes: Vec<NodeId> = doc.children(body).collect();
            let html = sanitize_nodes(&doc, &nodes, Some("https://example.com/a/"));
            assert_only_allowed(&html, &[], &soup);
            let text = doc.text_content(body);
            let kind = kinds[round % kinds.len()];
            let blocks = vec![
                block(0, kind, &text, Some(&html)),
                block(1, kind, &text, None),
                block(2, kind, &text, Some(&soup)),
            ];
            let sections = vec![Section {
                title: None,
                heading: None,
                blocks: vec![0, 1, 2],
            }];
            let a = annotation(Metadata::default(), blocks, sections);
            let markdown = super::markdown(&a);
            assert_safe_markdown(&markdown, &soup);
            assert_only_allowed(&super::html(&a), SHELL_TAGS, &soup);
            super::text(&a);
            super::json(&a);
        }
    }
}
