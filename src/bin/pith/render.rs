//! Output formats, and the one place the command calls the library's renderers (so a
//! renderer that moves or changes name is a one-line change here).

use pith::Annotation;

/// What `pith extract` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The full annotation, schema `pith.annotation/1`.
    Json,
    /// The article as plain text.
    Text,
    /// The article as Markdown.
    Markdown,
    /// The article as sanitised HTML.
    Html,
}

impl Format {
    /// Reads a `--format` value; `md` and `txt` are accepted as aliases.
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "text" | "txt" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    /// The file extension of this format's output files in batch mode.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// The block HTML this format reads: the article blocks' (the JSON carries what the
    /// library gives by default), or none for text (the library can skip producing it).
    pub fn block_html(self) -> pith::BlockHtml {
        match self {
            Format::Text => pith::BlockHtml::None,
            _ => pith::BlockHtml::Article,
        }
    }

    /// Renders an annotation, always ending with a newline unless empty.
    pub fn render(self, annotation: &Annotation) -> String {
        let mut out = match self {
            Format::Json => pith::render::json(annotation),
            Format::Text => pith::render::text(annotation),
            Format::Markdown => pith::render::markdown(annotation),
            Format::Html => pith::render::html(annotation),
        };
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions() {
        for (name, format, ext) in [
            ("json", Format::Json, "json"),
            ("TEXT", Format::Text, "txt"),
            ("md", Format::Markdown, "md"),
            ("markdown", Format::Markdown, "md"),
            ("html", Format::Html, "html"),
        ] {
            assert_eq!(Format::parse(name), Some(format));
            assert_eq!(format.extension(), ext);
        }
        assert_eq!(Format::parse("pdf"), None);
    }
}
