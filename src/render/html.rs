//! The article as a standalone HTML document: sanitised again on the way out (a block's
//! `html` may have been edited), under a Content-Security-Policy that lets it load nothing
//! but images, with one `<article>` per section.

use super::markdown::level;
use super::sanitize::{self, escape, escape_into};
use super::text::list_marker;
use crate::{Annotation, Block, Dir, Kind, Metadata, Section};

/// Nothing runs, nothing but images loads, nothing is submitted, no `<base>` takes effect.
const CSP: &str = "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; \
                   base-uri 'none'; form-action 'none'";

/// A small reading style (inline, as the policy allows).
const STYLE: &str =
    "body{max-width:42em;margin:2em auto;padding:0 1em;font:18px/1.6 Georgia,serif;\
color:#222}img{max-width:100%;height:auto}pre{overflow:auto;background:#f5f5f5;padding:.6em}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}\
blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #ccc}.pith-meta{color:#666}";

/// A standalone sanitised HTML document of the article.
pub fn html(annotation: &Annotation) -> String {
    let m = &annotation.metadata;
    let base = super::page_base(annotation);
    let title = m
        .title
        .as_deref()
        .or_else(|| annotation.sections.iter().find_map(|s| s.title.as_deref()))
        .unwrap_or("");
    let mut out = String::with_capacity(4096);
    out.push_str("<!doctype html>\n<html");
    if let Some(lang) = m.language.as_deref().filter(|l| is_lang_tag(l)) {
        out.push_str(&format!(" lang=\"{lang}\""));
    }
    if m.dir == Dir::Rtl {
        out.push_str(" dir=\"rtl\"");
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
    ));
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape_into(&mut out, title.trim(), false);
    out.push_str(&format!(
        "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    ));
    let empty = [Section::default()];
    let sections = if annotation.sections.is_empty() {
        &empty[..]
    } else {
        &annotation.sections
    };
    for (i, section) in sections.iter().enumerate() {
        let heading = section
            .title
            .as_deref()
            .or(if i == 0 { m.title.as_deref() } else { None });
        let header = if i == 0 {
            Header::new(m)
        } else {
            Header::default()
        };
        article(&mut out, annotation, section, heading, &header, base);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One section as an `<article>`: its title as `<h1>`, the page's metadata under the first.
fn article(
    out: &mut String,
    annotation: &Annotation,
    section: &Section,
    heading: Option<&str>,
    header: &Header,
    base: Option<&str>,
) {
    out.push_str("<article>\n");
    let heading = heading.map(str::trim).filter(|h| !h.is_empty());
    if heading.is_some() || !header.html.is_empty() {
        out.push_str("<header>\n");
        if let Some(h) = heading {
            out.push_str(&format!("<h1>{}</h1>\n", escape(h)));
        }
        out.push_str(&header.html);
        out.push_str("</header>\n");
    }
    for block in section
        .blocks
        .iter()
        .filter_map(|&id| annotation.blocks.get(id))
    {
        let shown = match block.kind {
            _ if heading.is_some() && section.heading == Some(block.id) => true,
            Some(Kind::Byline) => header.authors,
            Some(Kind::Date) => header.date,
            _ => false,
        };
        if !shown {
            out.push_str(&block_html(block, base, annotation.metadata.dir));
        }
    }
    out.push_str("</article>\n");
}

/// The metadata line under the title: authors, date, site; and which of them it shows.
#[derive(Default)]
struct Header {
    html: String,
    authors: bool,
    date: bool,
}

impl Header {
    fn new(m: &Metadata) -> Self {
        let mut parts = Vec::new();
        let authors: Vec<String> = m
            .authors
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .map(escape)
            .collect();
        if !authors.is_empty() {
            parts.push(authors.join(", "));
        }
        let date = m
            .published
            .as_deref()
            .or(m.modified.as_deref())
            .map(str::trim);
        if let Some(date) = date.filter(|d| !d.is_empty()) {
            let shown = date.get(..10).filter(|d| is_iso_date(d)).unwrap_or(date);
            let mut attr = String::new();
            escape_into(&mut attr, date, true);
            parts.push(format!(
                "<time datetime=\"{attr}\">{}</time>",
                escape(shown)
            ));
        }
        if let Some(site) = m
            .site_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            parts.push(match m.canonical_url.as_deref().and_then(absolute_http) {
                Some(url) => {
                    let mut href = String::new();
                    escape_into(&mut href, &url, true);
                    format!(
                        "<a href=\"{href}\" rel=\"noopener noreferrer nofollow\">{}</a>",
                        escape(site)
                    )
                }
                None => escape(site),
            });
        }
        if parts.is_empty() {
            return Header::default();
        }
        Header {
            html: format!("<p class=\"pith-meta\">{}</p>\n", parts.join(" · ")),
            authors: !authors.is_empty(),
            date: date.is_some_and(|d| !d.is_empty()),
        }
    }
}

/// An absolute http(s) URL, checked.
pub(crate) fn absolute_http(url: &str) -> Option<String> {
    let url = super::url::clean(url, None, super::url::UrlUse::Image)?;
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url)
}

/// One block's HTML (a line of its own), in a `dir` wrapper when its direction differs
/// from the page's.
fn block_html(block: &Block, base: Option<&str>, page_dir: Dir) -> String {
    let html = match block
        .html
        .as_deref()
        .map(|h| sanitize::sanitize_html(h, base))
    {
        Some(clean) if !clean.trim().is_empty() => wrap_inline(block, clean.trim()),
        _ => from_text(block),
    };
    if html.is_empty() {
        return html;
    }
    match (block.dir, page_dir) {
        (Dir::Rtl, Dir::Ltr) => format!("<div dir=\"rtl\">{html}</div>\n"),
        (Dir::Ltr, Dir::Rtl) => format!("<div dir=\"ltr\">{html}</div>\n"),
        _ => format!("{html}\n"),
    }
}

/// Sanitised block HTML; inline content (a run of text and links) put in the element its
/// kind calls for, quotes always in a `<blockquote>`, a lone list item in its list.
fn wrap_inline(block: &Block, clean: &str) -> String {
    let first = first_tag(clean);
    let starts_block = first.is_some_and(sanitize::is_block_tag);
    match block.kind {
        Some(Kind::Quote) if first != Some("blockquote") => {
            if starts_block {
                format!("<blockquote>{clean}</blockquote>")
            } else {
                format!("<blockquote><p>{clean}</p></blockquote>")
            }
        }
        _ if first == Some("li") => format!("<ul>{clean}</ul>"),
        _ if matches!(first, Some("dt" | "dd")) => format!("<dl>{clean}</dl>"),
        _ if starts_block => clean.to_string(),
        Some(Kind::Title | Kind::Heading) => {
            let n = level(block);
            format!("<h{n}>{clean}</h{n}>")
        }
        Some(Kind::Code) => format!("<pre><code>{}</code></pre>", escape(&block.text)),
        Some(Kind::Caption) => format!("<p><em>{clean}</em></p>"),
        _ => format!("<p>{clean}</p>"),
    }
}

/// The name of the tag `html` starts with, if it starts with one.
fn first_tag(html: &str) -> Option<&str> {
    let rest = html.strip_prefix('<')?;
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|t| !t.is_empty())
}

/// HTML for a block known only by its kind and text (pasted text, or no stored HTML).
fn from_text(block: &Block) -> String {
    let text = block.text.trim_matches('\n');
    if text.trim().is_empty() {
        return String::new();
    }
    let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
    let with_breaks = || lines().map(escape).collect::<Vec<_>>().join("<br>");
    match block.kind {
        Some(Kind::Title | Kind::Heading) => {
            let n = level(block);
            let joined = lines().collect::<Vec<_>>().join(" ");
            format!("<h{n}>{}</h{n}>", escape(&joined))
        }
        Some(Kind::List) => text_list(block.tag == "ol", lines()),
        Some(Kind::Quote) => format!("<blockquote><p>{}</p></blockquote>", with_breaks()),
        Some(Kind::Table) => {
            let rows: String = lines()
                .map(|row| {
                    let cells: String = row
                        .split('\t')
                        .map(|c| format!("<td>{}</td>", escape(c.trim())))
                        .collect();
                    format!("<tr>{cells}</tr>")
                })
                .collect();
            format!("<table><tbody>{rows}</tbody></table>")
        }
        Some(Kind::Code) => format!("<pre><code>{}</code></pre>", escape(text)),
        Some(Kind::Caption) => format!("<p><em>{}</em></p>", with_breaks()),
        _ => format!("<p>{}</p>", with_breaks()),
    }
}

/// A list from lines: ordered when the block is an `<ol>` or every line carries a number.
fn text_list<'a>(ol: bool, lines: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<(Option<u64>, &str)> = lines.map(list_marker).collect();
    let numbered = items.iter().all(|(n, _)| n.is_some());
    let mut out = if ol || numbered {
        match items.first().and_then(|(n, _)| *n).filter(|&n| n != 1) {
            Some(start) => format!("<ol start=\"{start}\">"),
            None => "<ol>".to_string(),
        }
    } else {
        "<ul>".to_string()
    };
    for (_, item) in &items {
        out.push_str(&format!("<li>{}</li>", escape(item)));
    }
    out.push_str(if ol || numbered { "</ol>" } else { "</ul>" });
    out
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn is_lang_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 35 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::block;

    fn annotation(blocks: Vec<Block>, metadata: Metadata) -> Annotation {
        let section = Section {
            title: Some(blocks[0].text.clone()),
            heading: Some(0),
            blocks: blocks.iter().map(|b| b.id).collect(),
        };
        crate::render::testing::annotation(metadata, blocks, vec![section])
    }

    #[test]
    fn document_shell_and_metadata_header() {
        let m = Metadata {
            title: Some("A <Title>".into()),
            authors: vec!["Ann & Bo".into(), " ".into()],
            published: Some("2024-03-05T10:00:00Z".into()),
            site_name: Some("Site".into()),
            canonical_url: Some("https://site.example/a".into()),
            language: Some("fr\"><script>".into()),
            ..Metadata::default()
        };
        let blocks = vec![
            block(
                0,
                Kind::Title,
                "A <Title>",
                Some("<h1>A &lt;Title&gt;</h1>"),
            ),
            block(1, Kind::Byline, "By Ann & Bo", Some("By Ann &amp; Bo")),
            block(
                2,
                Kind::Paragraph,
                "Text",
                Some("<p>Text <a href=\"/b\">b</a></p>"),
            ),
        ];
        let out = html(&annotation(blocks, m));
        assert!(out.starts_with("<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"));
        assert!(out.contains(&format!("content=\"{CSP}\"")));
        assert!(out.contains("<title>A &lt;Title&gt;</title>"));
        assert!(out.contains(
            "<article>\n<header>\n<h1>A &lt;Title&gt;</h1>\n<p class=\"pith-meta\">Ann &amp; Bo · \
             <time datetime=\"2024-03-05T10:00:00Z\">2024-03-05</time> · \
             <a href=\"https://site.example/a\" rel=\"noopener noreferrer nofollow\">Site</a></p>\n</header>\n\
             <p>Text <a href=\"https://site.example/b\" rel=\"noopener noreferrer nofollow\">b</a></p>\n</article>"
        ), "{out}");
        assert_eq!(
            out.matches("<h1>").count(),
            1,
            "the title block is the header"
        );
        assert!(!out.contains("By Ann"), "byline shown in the header");
    }

    #[test]
    fn edited_html_is_sanitised_again() {
        let blocks = vec![
            block(0, Kind::Title, "T", None),
            block(1, Kind::Paragraph, "x", Some("<p onclick=alert(1)>x<script>alert(2)</script></p><img src=x onerror=alert(3)>")),
            block(2, Kind::Paragraph, "y", Some("<a href=\"javascript:alert(4)\">y</a><iframe srcdoc=\"<script>\"></iframe>")),
            block(3, Kind::Quote, "q", Some("<svg><script>alert(5)</script></svg>q")),
        ];
        let out = html(&annotation(blocks, Metadata::default()));
        sanitize::assert_only_allowed(&out, &["article", "header"], "edited blocks");
        let out = out.to_ascii_lowercase();
        for bad in [
            "<script",
            "onclick",
            "onerror",
            "javascript:",
            "<iframe",
            "srcdoc",
            "<svg",
            "alert(",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains("<p>y</p>"));
        assert!(out.contains("<blockquote><p>q</p></blockquote>"));
    }

    #[test]
    fn text_blocks_get_their_elements() {
        let mut rtl = block(6, Kind::Paragraph, "שלום\nעולם", None);
        rtl.dir = Dir::Rtl;
        let mut h = block(1, Kind::Heading, "Sub <head>", None);
        h.level = Some(3);
        let blocks = vec![
            block(0, Kind::Title, "T", None),
            h,
            block(2, Kind::List, "• a\n• b", None),
            block(3, Kind::List, "1. a\n2. b", None),
            block(4, Kind::Table, "a\tb\n1\t2", None),
            block(5, Kind::Code, "if a < b {\n  x\n}", None),
            rtl,
            block(7, Kind::Caption, "cap", None),
        ];
        let out = html(&annotation(blocks, Metadata::default()));
        for expected in [
            "<h3>Sub &lt;head&gt;</h3>",
            "<ul><li>a</li><li>b</li></ul>",
            "<ol><li>a</li><li>b</li></ol>",
            "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></tbody></table>",
            "<pre><code>if a &lt; b {\n  x\n}</code></pre>",
            "<div dir=\"rtl\"><p>שלום<br>עולם</p></div>",
            "<p><em>cap</em></p>",
        ] {
            assert!(out.contains(expected), "{expected} not in {out}");
        }
    }

    #[test]
    fn inline_runs_are_wrapped_by_kind() {
        let b = |kind, html: &str| {
            let block = block(0, kind, "code  text", Some(html));
            block_html(&block, None, Dir::Ltr)
        };
        assert_eq!(
            b(Kind::Paragraph, "Some <b>bold</b>"),
            "<p>Some <b>bold</b></p>\n"
        );
        assert_eq!(b(Kind::Heading, "Head"), "<h2>Head</h2>\n");
        assert_eq!(
            b(Kind::Code, "code text"),
            "<pre><code>code  text</code></pre>\n"
        );
        assert_eq!(
            b(Kind::List, "<ul><li>a</li></ul>"),
            "<ul><li>a</li></ul>\n"
        );
        assert_eq!(b(Kind::List, "<li>a</li>"), "<ul><li>a</li></ul>\n");
        assert_eq!(
            b(Kind::Paragraph, "<dt>a</dt><dd>b</dd>"),
            "<dl><dt>a</dt><dd>b</dd></dl>\n"
        );
    }

    #[test]
    fn rtl_page_and_language() {
        let m = Metadata {
            language: Some("ar".into()),
            dir: Dir::Rtl,
            ..Metadata::default()
        };
        let out = html(&annotation(vec![block(0, Kind::Title, "عنوان", None)], m));
        assert!(out.contains("<html lang=\"ar\" dir=\"rtl\">"));
    }

    #[test]
    fn empty_annotation_is_a_valid_document() {
        let a = crate::render::testing::annotation(Metadata::default(), Vec::new(), Vec::new());
        let out = html(&a);
        assert!(out.contains("<article>\n</article>") && out.ends_with("</html>\n"));
    }
}
