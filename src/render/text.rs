//! Plain text of the article, laid out for reading: the title and headings on their own
//! lines, a blank line between blocks, list items one per line behind `- ` or their number,
//! table rows one per line (cells separated by tabs), code verbatim.

use crate::{Annotation, Block, Kind};

/// Plain text of the article, every section in order.
pub fn text(annotation: &Annotation) -> String {
    let mut parts: Vec<String> = Vec::new();
    for section in &annotation.sections {
        if let (None, Some(title)) = (section.heading, &section.title) {
            parts.push(title.trim().to_string());
        }
        for block in section
            .blocks
            .iter()
            .filter_map(|&id| annotation.blocks.get(id))
        {
            let text = block_text(block);
            if !text.trim().is_empty() {
                parts.push(text);
            }
        }
    }
    parts.join("\n\n")
}

/// One block laid out as plain text.
pub(crate) fn block_text(block: &Block) -> String {
    match block.kind {
        Some(Kind::List) => list(block),
        Some(Kind::Code) => block.text.trim_end_matches('\n').to_string(),
        Some(Kind::Table) => block.text.trim_matches('\n').to_string(),
        _ => block
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// List items one per line: `- item`, or `N. item` for an ordered list (an `<ol>`, or lines
/// that already carry numbers).
fn list(block: &Block) -> String {
    let mut number = if block.tag == "ol" {
        Some(ol_start(block))
    } else {
        None
    };
    let mut lines = Vec::new();
    for line in block.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (own, item) = list_marker(line);
        let line = match (own, number.as_mut()) {
            (Some(n), _) => format!("{n}. {item}"),
            (None, Some(n)) => {
                let line = format!("{n}. {item}");
                *n += 1;
                line
            }
            (None, None) => format!("- {item}"),
        };
        lines.push(line);
    }
    lines.join("\n")
}

/// The `start` of an `<ol>` block, read from its stored HTML (1 when absent).
fn ol_start(block: &Block) -> u64 {
    let html = block.html.as_deref().unwrap_or("");
    let Some(open) = html.find("<ol") else {
        return 1;
    };
    let tag = &html[open..html[open..].find('>').map_or(html.len(), |end| open + end)];
    tag.find("start=\"")
        .map(|at| &tag[at + 7..])
        .and_then(|v| v.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// Bullet characters a list line may start with (pasted text keeps them).
const BULLETS: &[char] = &[
    '-', '*', '+', '•', '·', '◦', '▪', '▫', '‣', '⁃', '–', '—', '○', '●', '■', '□',
];

/// Splits a list line into its own number, if it has one (`3.` or `3)`), and the item text
/// without any bullet or number in front.
pub(crate) fn list_marker(line: &str) -> (Option<u64>, &str) {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        if let Some(item) = rest.strip_prefix(['.', ')']) {
            if item.starts_with(char::is_whitespace) {
                return (line[..digits].parse().ok(), item.trim_start());
            }
        }
    }
    if let Some(item) = line.strip_prefix(BULLETS) {
        if item.starts_with(char::is_whitespace) {
            return (None, item.trim_start());
        }
    }
    (None, line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;
    use crate::{Metadata, Section};

    fn block(id: usize, kind: Kind, text: &str) -> Block {
        testing::block(id, kind, text, None)
    }

    fn annotation(blocks: Vec<Block>, sections: Vec<Section>) -> Annotation {
        testing::annotation(Metadata::default(), blocks, sections)
    }

    #[test]
    fn lays_out_every_kind() {
        let mut ol = block(4, Kind::List, "first\nsecond");
        ol.tag = "ol".into();
        ol.html = Some("<ol start=\"4\"><li>first</li><li>second</li></ol>".into());
        let blocks = vec![
            block(0, Kind::Title, "The Title"),
            block(1, Kind::Paragraph, "A paragraph\n  wrapped."),
            block(2, Kind::Heading, "A heading"),
            block(3, Kind::List, "• one\ntwo\n3) three"),
            ol,
            block(5, Kind::Table, "h1\th2\nc1\tc2"),
            block(6, Kind::Code, "fn main() {\n    x();\n}\n"),
            block(7, Kind::Paragraph, "   "),
        ];
        let a = annotation(
            blocks,
            vec![Section {
                title: Some("The Title".into()),
                heading: Some(0),
                blocks: (0..8).collect(),
            }],
        );
        assert_eq!(
            text(&a),
            "The Title\n\nA paragraph\nwrapped.\n\nA heading\n\n- one\n- two\n3. three\n\n4. first\n5. second\n\n\
             h1\th2\nc1\tc2\n\nfn main() {\n    x();\n}"
        );
    }

    #[test]
    fn sections_are_separated_and_titled() {
        let blocks = vec![
            block(0, Kind::Title, "One"),
            block(1, Kind::Paragraph, "Body one."),
            block(2, Kind::Paragraph, "Boilerplate, not in a section."),
            block(3, Kind::Paragraph, "Body two."),
        ];
        let a = annotation(
            blocks,
            vec![
                Section {
                    title: Some("One".into()),
                    heading: Some(0),
                    blocks: vec![0, 1],
                },
                Section {
                    title: Some("Two".into()),
                    heading: None,
                    blocks: vec![3],
                },
            ],
        );
        assert_eq!(text(&a), "One\n\nBody one.\n\nTwo\n\nBody two.");
    }

    #[test]
    fn reads_list_markers() {
        assert_eq!(list_marker("12. x"), (Some(12), "x"));
        assert_eq!(list_marker("• x"), (None, "x"));
        assert_eq!(list_marker("-x"), (None, "-x"));
        assert_eq!(list_marker("2024. A year"), (Some(2024), "A year"));
        assert_eq!(list_marker("3.5 percent"), (None, "3.5 percent"));
    }
}
