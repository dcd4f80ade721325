//! Markdown (CommonMark, with GFM tables and strikethrough) of the article.
//!
//! Blocks from an HTML page are converted from their sanitised `html`, parsed again (it may
//! have been edited, so the same allow-list and URL checks apply); blocks from pasted text,
//! or without `html`, from their `kind` and `text`. The converter recurses over the fragment
//! but never deeper than [`MAX_DEPTH`]: below that a subtree is written as its plain text.

use super::sanitize::{self, Action};
use crate::dom::{Document, NodeData, NodeId};
use crate::{Annotation, Block, Kind};

/// Deepest element nesting converted structurally.
const MAX_DEPTH: usize = 48;

/// The article as Markdown: sections in order, blocks separated by blank lines.
pub fn markdown(annotation: &Annotation) -> String {
    let base = super::page_base(annotation);
    let mut parts: Vec<String> = Vec::new();
    for section in &annotation.sections {
        if let (None, Some(title)) = (section.heading, &section.title) {
            parts.extend(heading(1, &escape_text(title)));
        }
        for block in section
            .blocks
            .iter()
            .filter_map(|&id| annotation.blocks.get(id))
        {
            let md = block_markdown(block, base);
            if !md.is_empty() {
                parts.push(md);
            }
        }
    }
    let mut out = parts.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// One block as Markdown ("" when there is nothing to write).
pub(crate) fn block_markdown(block: &Block, base: Option<&str>) -> String {
    match &block.html {
        Some(html) if !html.trim().is_empty() => from_html(block, html, base),
        _ => from_text(block),
    }
}

/// Heading level of a block: its `level`, else 1 for titles and 2 for headings.
pub(crate) fn level(block: &Block) -> usize {
    let default = if block.kind == Some(Kind::Title) {
        1
    } else {
        2
    };
    block.level.map_or(default, usize::from).clamp(1, 6)
}

fn from_html(block: &Block, html: &str, base: Option<&str>) -> String {
    let (doc, roots) = sanitize::parse_fragment(html);
    let c = Converter { doc: &doc, base };
    let has_tag = |tag| {
        roots
            .iter()
            .any(|&r| doc.tag(r) == tag || doc.find(r, tag).is_some())
    };
    match block.kind {
        Some(Kind::Title | Kind::Heading) => {
            heading(level(block), &c.inline_of(&roots, 0)).unwrap_or_default()
        }
        Some(Kind::Caption) => emphasis_paragraph(&c.inline_of(&roots, 0)),
        Some(Kind::Code) if !has_tag("pre") => fence(&block.text),
        Some(Kind::Quote) if !has_tag("blockquote") => quote(&c.flow(&roots, 0)),
        _ => c.flow(&roots, 0),
    }
}

fn from_text(block: &Block) -> String {
    let text = block.text.as_str();
    match block.kind {
        Some(Kind::Title | Kind::Heading) => {
            heading(level(block), &escape_text(text)).unwrap_or_default()
        }
        Some(Kind::List) => text_list(text),
        Some(Kind::Quote) => quote(&text_paragraph(text)),
        Some(Kind::Table) => {
            let rows = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.split('\t').map(|c| table_cell(&escape_text(c))).collect())
                .collect();
            pipe_table(rows)
        }
        Some(Kind::Code) => fence(text),
        Some(Kind::Caption) => emphasis_paragraph(&escape_text(text)),
        _ => text_paragraph(text),
    }
}

/// Lines of text as one paragraph, a hard break between lines.
fn text_paragraph(text: &str) -> String {
    let mut buf = String::new();
    for line in text.lines() {
        push_text(&mut buf, line);
        buf.push('\n');
    }
    finish_paragraph(&buf)
}

/// A list from text lines: bullets normalised to `-`, numbered items keep their number.
fn text_list(text: &str) -> String {
    let items: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (number, rest) = super::text::list_marker(line.trim());
            let marker = number.map_or_else(|| "- ".to_string(), |n| format!("{n}. "));
            format!("{marker}{}", escape_line_start(&escape_text(rest)))
        })
        .collect();
    items.join("\n")
}

/// Converts a parsed fragment; holds the page URL for resolving what is still relative.
struct Converter<'a> {
    doc: &'a Document,
    base: Option<&'a str>,
}

/// A converted block, and whether it may directly follow a paragraph line inside a list item
/// (a nested list that CommonMark lets interrupt a paragraph).
struct Part {
    md: String,
    tight: bool,
}

/// Blocks gathered from a run of nodes, and the paragraph being filled from inline content.
#[derive(Default)]
struct Flow {
    parts: Vec<Part>,
    para: String,
}

impl Flow {
    fn end_paragraph(&mut self) {
        let md = finish_paragraph(&std::mem::take(&mut self.para));
        self.push(md, false);
    }

    fn push(&mut self, md: String, tight: bool) {
        if !md.is_empty() {
            self.parts.push(Part { md, tight });
        }
    }

    /// The blocks joined; with `in_item`, a tight part follows the previous with one newline.
    fn finish(self, in_item: bool) -> String {
        self.finish_item(in_item).0
    }

    /// The blocks joined, and whether a blank line separates two of them (which makes the
    /// list holding them loose).
    fn finish_item(mut self, in_item: bool) -> (String, bool) {
        self.end_paragraph();
        let mut out = String::new();
        let mut blank = false;
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                let tight = in_item && part.tight;
                blank |= !tight;
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            out.push_str(&part.md);
        }
        (out, blank)
    }
}

impl Converter<'_> {
    /// Nodes as a sequence of blocks.
    fn flow(&self, nodes: &[NodeId], depth: usize) -> String {
        let mut flow = Flow::default();
        for &id in nodes {
            self.collect(id, &mut flow, depth);
        }
        flow.finish(false)
    }

    /// The children of `id` as a sequence of blocks.
    fn children_flow(&self, id: NodeId, depth: usize, in_item: bool) -> String {
        self.children_blocks(id, depth).finish(in_item)
    }

    fn children_blocks(&self, id: NodeId, depth: usize) -> Flow {
        let mut flow = Flow::default();
        for child in self.doc.children(id) {
            self.collect(child, &mut flow, depth + 1);
        }
        flow
    }

    /// Adds a node to a flow: blocks as parts, inline content to the paragraph.
    fn collect(&self, id: NodeId, flow: &mut Flow, depth: usize) {
        let Some(e) = self.doc.element(id) else {
            self.inline(id, &mut flow.para, depth);
            return;
        };
        if depth > MAX_DEPTH {
            push_text(&mut flow.para, &self.doc.text_content(id));
            return;
        }
        match sanitize::action(e) {
            Action::Drop | Action::Noscript => {}
            Action::Unwrap { block } => {
                if block {
                    flow.end_paragraph();
                }
                for child in self.doc.children(id) {
                    self.collect(child, flow, depth + 1);
                }
                if block {
                    flow.end_paragraph();
                }
            }
            Action::Keep(tag) if sanitize::is_block_tag(tag) => {
                flow.end_paragraph();
                let tight = matches!(tag, "ul") || (tag == "ol" && list_start(self.doc, id) == 1);
                flow.push(self.block(id, tag, depth), tight);
            }
            Action::Keep(_) => self.inline(id, &mut flow.para, depth),
        }
    }

    /// A kept block element as Markdown.
    fn block(&self, id: NodeId, tag: &str, depth: usize) -> String {
        match tag {
            "p" => self.children_flow(id, depth, false),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = usize::from(tag.as_bytes()[1] - b'0');
                heading(level, &self.inline_of(&[id], depth)).unwrap_or_default()
            }
            "ul" | "ol" => self.list(id, tag == "ol", depth),
            "li" => indent_item("- ", &self.children_flow(id, depth, true)),
            "dt" => emphasis_paragraph_with(&self.inline_of(&[id], depth), "**"),
            "blockquote" => quote(&self.children_flow(id, depth, false)),
            "pre" => fence(&pre_text(self.doc, id)),
            "table" => self.table(id, depth),
            "figcaption" | "caption" => emphasis_paragraph(&self.inline_of(&[id], depth)),
            "hr" => "---".to_string(),
            _ => self.children_flow(id, depth, false),
        }
    }

    /// Nodes as one line of inline Markdown (blocks inside flattened), hard breaks as `\n`.
    fn inline_of(&self, nodes: &[NodeId], depth: usize) -> String {
        let mut buf = String::new();
        for &id in nodes {
            self.inline(id, &mut buf, depth);
        }
        buf
    }

    fn inline_children(&self, id: NodeId, buf: &mut String, depth: usize) {
        for child in self.doc.children(id) {
            self.inline(child, buf, depth + 1);
        }
    }

    /// Appends a node's inline Markdown to `buf`. Hard breaks are written as a bare `\n`
    /// (collapsed text has none), turned into Markdown when the paragraph is finished.
    fn inline(&self, id: NodeId, buf: &mut String, depth: usize) {
        let e = match &self.doc.node(id).data {
            NodeData::Text(t) => return push_text(buf, t),
            NodeData::Element(e) => e,
            _ => return,
        };
        if depth > MAX_DEPTH {
            return push_text(buf, &self.doc.text_content(id));
        }
        let tag = match sanitize::action(e) {
            Action::Drop | Action::Noscript => return,
            Action::Unwrap { block } => {
                if block {
                    push_space(buf);
                }
                self.inline_children(id, buf, depth);
                if block {
                    push_space(buf);
                }
                return;
            }
            Action::Keep(tag) => tag,
        };
        match tag {
            "br" => buf.push('\n'),
            "img" => self.image(e, buf),
            "a" => self.link(id, buf, depth),
            "em" | "i" | "cite" | "var" | "dfn" => self.wrap(id, buf, depth, "*", "*"),
            "strong" | "b" => self.wrap(id, buf, depth, "**", "**"),
            "s" | "del" => self.wrap(id, buf, depth, "~~", "~~"),
            "q" => self.wrap(id, buf, depth, "\"", "\""),
            "rt" => self.wrap(id, buf, depth, "(", ")"),
            "rp" => {}
            "code" | "kbd" | "samp" | "pre" => code_span(buf, &pre_text(self.doc, id)),
            t if sanitize::is_block_tag(t) => {
                push_space(buf);
                self.inline_children(id, buf, depth);
                push_space(buf);
            }
            _ => self.inline_children(id, buf, depth),
        }
    }

    /// Inline content between delimiters, the delimiters hugging the text.
    fn wrap(&self, id: NodeId, buf: &mut String, depth: usize, open: &str, close: &str) {
        let mut inner = String::new();
        self.inline_children(id, &mut inner, depth);
        let trimmed = inner.trim_matches([' ', '\n']);
        if inner.starts_with(' ') {
            push_space(buf);
        }
        if !trimmed.is_empty() {
            buf.push_str(open);
            buf.push_str(&trimmed.replace('\n', " "));
            buf.push_str(close);
        }
        if inner.ends_with(' ') {
            push_space(buf);
        }
    }

    fn link(&self, id: NodeId, buf: &mut String, depth: usize) {
        let href = self
            .doc
            .element(id)
            .and_then(|e| sanitize::link_href(e, self.base));
        let Some(href) = href else {
            return self.inline_children(id, buf, depth);
        };
        let mut label = String::new();
        self.inline_children(id, &mut label, depth);
        let trimmed = label.trim_matches([' ', '\n']);
        if label.starts_with(' ') {
            push_space(buf);
        }
        if !trimmed.is_empty() {
            buf.push('[');
            buf.push_str(&trimmed.replace('\n', " "));
            buf.push_str("](");
            buf.push_str(&destination(&href));
            buf.push(')');
        }
        if label.ends_with(' ') {
            push_space(buf);
        }
    }

    fn image(&self, e: &crate::dom::Element, buf: &mut String) {
        let Some(src) = sanitize::image_src(e, self.base) else {
            return;
        };
        let alt: String = crate::text_util::collapse_whitespace(e.attr("alt").unwrap_or(""));
        buf.push_str("![");
        for c in alt.chars() {
            if matches!(c, '\\' | '[' | ']') {
                buf.push('\\');
            }
            buf.push(c);
        }
        buf.push_str("](");
        buf.push_str(&destination(&src));
        buf.push(')');
    }

    /// A list: `-` or numbered items, continuation lines indented under the marker.
    fn list(&self, id: NodeId, ordered: bool, depth: usize) -> String {
        let mut number = list_start(self.doc, id);
        let mut items = Vec::new();
        let mut loose = false;
        for item in self.effective_children(id, depth) {
            let is_li = self.doc.tag(item) == "li";
            let flow = if is_li {
                self.children_blocks(item, depth + 1)
            } else {
                let mut flow = Flow::default();
                self.collect(item, &mut flow, depth + 1);
                flow
            };
            let (body, blank) = flow.finish_item(true);
            if body.is_empty() && !is_li {
                continue;
            }
            loose |= blank;
            let marker = if ordered {
                let m = format!("{number}. ");
                number = number.saturating_add(1).min(999_999_999);
                m
            } else {
                "- ".to_string()
            };
            items.push(indent_item(&marker, &body));
        }
        items.join(if loose { "\n\n" } else { "\n" })
    }

    /// A GFM pipe table (the first row as header), its caption above it in italics.
    fn table(&self, id: NodeId, depth: usize) -> String {
        let mut caption = String::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        for child in self.effective_children(id, depth) {
            match self.doc.tag(child) {
                "caption" => caption = emphasis_paragraph(&self.inline_of(&[child], depth)),
                "thead" | "tbody" | "tfoot" => rows.extend(
                    self.effective_children(child, depth + 1)
                        .into_iter()
                        .filter(|&tr| self.doc.tag(tr) == "tr")
                        .map(|tr| self.row(tr, depth + 1)),
                ),
                "tr" => rows.push(self.row(child, depth)),
                _ => {}
            }
        }
        let table = pipe_table(rows);
        match (caption.is_empty(), table.is_empty()) {
            (true, _) => table,
            (false, true) => caption,
            (false, false) => format!("{caption}\n\n{table}"),
        }
    }

    fn row(&self, tr: NodeId, depth: usize) -> Vec<String> {
        let mut cells = Vec::new();
        for cell in self.effective_children(tr, depth) {
            let Some(e) = self.doc.element(cell) else {
                continue;
            };
            if !matches!(e.tag(), "td" | "th") {
                continue;
            }
            let mut buf = String::new();
            self.inline_children(cell, &mut buf, depth + 1);
            cells.push(table_cell(&buf));
            let span: usize = e
                .attr("colspan")
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(1);
            cells.extend(std::iter::repeat_n(String::new(), span.clamp(1, 64) - 1));
        }
        cells
    }

    /// Children of `id` with unwrapped elements replaced by their own children, dropped
    /// ones and whitespace left out.
    fn effective_children(&self, id: NodeId, depth: usize) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<NodeId> = self.doc.children(id).collect();
        stack.reverse();
        let mut budget = MAX_DEPTH.saturating_sub(depth) * 64 + 1024;
        while let Some(n) = stack.pop() {
            match &self.doc.node(n).data {
                NodeData::Text(t) if t.trim().is_empty() => {}
                NodeData::Element(e) => match sanitize::action(e) {
                    Action::Drop | Action::Noscript => {}
                    Action::Unwrap { .. } if budget > 0 => {
                        budget -= 1;
                        let before = stack.len();
                        stack.extend(self.doc.children(n));
                        stack[before..].reverse();
                    }
                    _ => out.push(n),
                },
                NodeData::Text(_) => out.push(n),
                _ => {}
            }
        }
        out
    }
}

/// The `start` of an ordered list (1 when absent), within CommonMark's nine digits.
fn list_start(doc: &Document, id: NodeId) -> u32 {
    doc.attr(id, "start")
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .min(999_999_999)
}

/// Text of a code element, `<br>` as newlines, dropped elements left out.
fn pre_text(doc: &Document, id: NodeId) -> String {
    let mut out = String::new();
    let mut nodes = doc.descendants(id);
    while let Some(n) = nodes.next() {
        match &doc.node(n).data {
            NodeData::Text(t) => out.push_str(t),
            NodeData::Element(e) => match sanitize::action(e) {
                Action::Drop | Action::Noscript => nodes.skip_subtree(n),
                Action::Keep("br") => out.push('\n'),
                _ => {}
            },
            _ => {}
        }
    }
    out
}

/// A heading line, or `None` when it has no text.
fn heading(level: usize, inline: &str) -> Option<String> {
    let text = inline.replace('\n', " ");
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // A trailing `#` run would be read as the heading's closing sequence.
    let escaped = match text.strip_suffix('#') {
        Some(rest) if !rest.ends_with('\\') => format!("{rest}\\#"),
        _ => text.to_string(),
    };
    Some(format!("{} {escaped}", "#".repeat(level.clamp(1, 6))))
}

/// A paragraph in italics (captions); `_` so that `*` emphasis inside stays distinct.
fn emphasis_paragraph(inline: &str) -> String {
    emphasis_paragraph_with(inline, "_")
}

fn emphasis_paragraph_with(inline: &str, delimiter: &str) -> String {
    let text = inline.trim_matches([' ', '\n']).replace('\n', " ");
    if text.is_empty() {
        return String::new();
    }
    finish_paragraph(&format!("{delimiter}{text}{delimiter}"))
}

/// Every line prefixed with `> ` (blank lines with `>`).
fn quote(md: &str) -> String {
    prefix_lines(md, "> ", "> ")
}

/// A list item: the marker on the first line, the others indented to match.
fn indent_item(marker: &str, body: &str) -> String {
    if body.is_empty() {
        return marker.trim_end().to_string();
    }
    prefix_lines(body, marker, &" ".repeat(marker.len()))
}

fn prefix_lines(md: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(md.len() + 8);
    for (i, line) in md.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let prefix = if i == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out
}

/// A fenced code block, the fence longer than any backtick run inside.
fn fence(code: &str) -> String {
    let code = code.strip_suffix('\n').unwrap_or(code);
    if code.trim().is_empty() {
        return String::new();
    }
    let ticks = "`".repeat((longest_run(code, '`') + 1).max(3));
    format!("{ticks}\n{code}\n{ticks}")
}

/// Inline code, the backtick string longer than any run inside.
fn code_span(buf: &mut String, code: &str) {
    let code = crate::text_util::collapse_whitespace(code);
    if code.is_empty() {
        return;
    }
    let ticks = "`".repeat(longest_run(&code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    buf.push_str(&ticks);
    buf.push_str(pad);
    buf.push_str(&code);
    buf.push_str(pad);
    buf.push_str(&ticks);
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in s.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A GFM table from cells already escaped; the first row is the header.
fn pipe_table(mut rows: Vec<Vec<String>>) -> String {
    rows.retain(|r| !r.is_empty());
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<&str> = (0..columns)
            .map(|c| row.get(c).map_or("", String::as_str))
            .collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            lines.push(format!("|{}", " --- |".repeat(columns)));
        }
    }
    lines.join("\n")
}

/// A table cell's inline Markdown on one line, pipes escaped (also inside code spans, as GFM
/// splits cells before reading inlines).
fn table_cell(inline: &str) -> String {
    let mut out = String::with_capacity(inline.len());
    for c in inline.trim_matches([' ', '\n']).chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A link destination: characters that would end it or be read as escapes percent-encoded,
/// `&` escaped where it would start a character reference.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '&' if is_entity_like(&url[i..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}

/// Whether text starting with `&` reads as a character reference (`&name;`, `&#123;`).
fn is_entity_like(s: &str) -> bool {
    let body = &s[1..];
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(body.len());
    end > 0 && end <= 32 && body[end..].starts_with(';')
}

/// Text escaped for Markdown, whitespace collapsed.
fn escape_text(text: &str) -> String {
    let mut buf = String::new();
    push_text(&mut buf, text);
    buf.trim().to_string()
}

/// Appends text with whitespace collapsed (never two spaces in a row) and the characters
/// that could start Markdown syntax escaped. Line-start syntax is handled per line in
/// [`finish_paragraph`].
fn push_text(buf: &mut String, text: &str) {
    let mut prev = buf.chars().next_back();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !matches!(prev, Some(' ' | '\n')) {
                buf.push(' ');
                prev = Some(' ');
            }
            continue;
        }
        let escape = match c {
            '\\' | '*' | '`' | '[' | ']' | '<' | '~' => true,
            '_' => {
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && chars.peek().is_some_and(|n| n.is_alphanumeric());
                !inside_word
            }
            '&' => {
                let rest: String = std::iter::once('&').chain(chars.clone().take(34)).collect();
                is_entity_like(&rest)
            }
            _ => false,
        };
        if escape {
            buf.push('\\');
        }
        buf.push(c);
        prev = Some(c);
    }
}

/// Appends a space unless the buffer ends with one (or a line break).
fn push_space(buf: &mut String) {
    if !buf.ends_with([' ', '\n']) {
        buf.push(' ');
    }
}

/// A paragraph from inline Markdown: lines trimmed, empty ones dropped, syntax that only
/// counts at the start of a line escaped, hard breaks written as `\` at the line end.
fn finish_paragraph(inline: &str) -> String {
    let lines: Vec<String> = inline
        .split('\n')
        .map(|l| l.trim_matches(' '))
        .filter(|l| !l.is_empty())
        .map(escape_line_start)
        .collect();
    lines.join("\\\n")
}

/// Escapes what would make a line a heading, quote, list item, rule, table or fence.
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '>', '-', '+', '=', '|']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::block;
    use crate::{Metadata, Section};

    fn html_md(kind: Kind, html: &str) -> String {
        block_markdown(&block(0, kind, "", Some(html)), None)
    }

    #[test]
    fn paragraphs_with_inline_markup() {
        assert_eq!(
            html_md(Kind::Paragraph, "<p>A <b>bold</b> and <em> spaced </em>word, <code>x`y</code>, \
                <a href=\"https://e.com/a b\" rel=x>a <i>link</i></a>.<br>Next <s>line</s></p>"),
            "A **bold** and *spaced* word, ``x`y``, [a *link*](https://e.com/a%20b).\\\nNext ~~line~~"
        );
        assert_eq!(html_md(Kind::Paragraph, "<p>a<b> b</b></p>"), "a **b**");
        assert_eq!(
            html_md(
                Kind::Paragraph,
                "<p><a href=\"/x\"> </a><a href=\"javascript:y\">y</a></p>"
            ),
            "y"
        );
    }

    #[test]
    fn escapes_markdown_syntax_in_text() {
        assert_eq!(
            html_md(
                Kind::Paragraph,
                "<p>*not em* _x_ snake_case [a](b) `c` &lt;d&gt; ~e~ a\\b &amp;amp; AT&amp;T</p>"
            ),
            "\\*not em\\* \\_x\\_ snake_case \\[a\\](b) \\`c\\` \\<d> \\~e\\~ a\\\\b \\&amp; AT&T"
        );
        assert_eq!(
            html_md(Kind::Paragraph, "<p># not a heading</p>"),
            "\\# not a heading"
        );
        assert_eq!(
            html_md(
                Kind::Paragraph,
                "<p>1. not a list<br>- nor this<br>2024) x</p>"
            ),
            "1\\. not a list\\\n\\- nor this\\\n2024\\) x"
        );
        assert_eq!(
            html_md(Kind::Paragraph, "<p>> no quote</p>"),
            "\\> no quote"
        );
    }

    #[test]
    fn headings_by_level_and_kind() {
        let mut b = block(0, Kind::Heading, "", Some("<h3>Sub <em>head</em></h3>"));
        assert_eq!(block_markdown(&b, None), "## Sub *head*");
        b.level = Some(3);
        assert_eq!(block_markdown(&b, None), "### Sub *head*");
        let t = block(0, Kind::Title, "", Some("<h1>The title #</h1>"));
        assert_eq!(block_markdown(&t, None), "# The title \\#");
        assert_eq!(html_md(Kind::Paragraph, "<h4>four</h4>"), "#### four");
    }

    #[test]
    fn nested_lists_are_indented() {
        let md = html_md(
            Kind::List,
            "<ul><li>one<ul><li>one.a</li><li>one.b<ol start=\"3\"><li>deep</li><li>deeper</li></ol></li></ul></li>\
             <li>two</li></ul>",
        );
        assert_eq!(
            md,
            "- one\n  - one.a\n\n  - one.b\n\n    3. deep\n    4. deeper\n- two"
        );
        let md = html_md(
            Kind::List,
            "<ol><li><p>para one</p><p>para two</p></li><li>b</li></ol>",
        );
        assert_eq!(md, "1. para one\n\n   para two\n\n2. b");
        let md = html_md(
            Kind::List,
            "<ol start=\"9\"><li>nine</li><li>ten<ul><li>x</li></ul></li></ol>",
        );
        assert_eq!(md, "9. nine\n10. ten\n    - x");
    }

    #[test]
    fn tables_become_pipe_tables() {
        let md = html_md(
            Kind::Table,
            "<table><caption>Costs</caption><thead><tr><th>Item</th><th>a|b</th></tr></thead>\
             <tbody><tr><td><code>x|y</code></td><td>1<br>2</td></tr><tr><td colspan=\"2\">wide</td></tr>\
             <tr><td>only</td></tr></tbody></table>",
        );
        assert_eq!(
            md,
            "_Costs_\n\n| Item | a\\|b |\n| --- | --- |\n| `x\\|y` | 1 2 |\n| wide |  |\n| only |  |"
        );
    }

    #[test]
    fn code_blocks_use_a_longer_fence() {
        let md = html_md(
            Kind::Code,
            "<pre><code>let s = \"```\";\n  indented\n</code></pre>",
        );
        assert_eq!(md, "````\nlet s = \"```\";\n  indented\n````");
        let mut b = block(0, Kind::Code, "plain\n code", Some("<p>plain<br> code</p>"));
        assert_eq!(block_markdown(&b, None), "```\nplain\n code\n```");
        b.html = None;
        assert_eq!(block_markdown(&b, None), "```\nplain\n code\n```");
    }

    #[test]
    fn quotes_figures_and_images() {
        assert_eq!(
            html_md(Kind::Quote, "<blockquote><p>One</p><p>Two</p></blockquote>"),
            "> One\n>\n> Two"
        );
        assert_eq!(
            html_md(Kind::Quote, "Not a blockquote"),
            "> Not a blockquote"
        );
        assert_eq!(
            html_md(
                Kind::Quote,
                "<figure><blockquote><p>Words.</p></blockquote><figcaption>Someone</figcaption></figure>"
            ),
            "> Words.\n\n_Someone_"
        );
        assert_eq!(
            html_md(Kind::Figure, "<figure><img src=\"https://e.com/a.png\" alt=\"A [pic]\"><figcaption>The <b>cap</b></figcaption></figure>"),
            "![A \\[pic\\]](https://e.com/a.png)\n\n_The **cap**_"
        );
        assert_eq!(
            html_md(
                Kind::Paragraph,
                "<a href=\"https://e.com/\"><img src=\"i.png\" alt=\"\"></a>"
            ),
            "[![](i.png)](https://e.com/)"
        );
        assert_eq!(html_md(Kind::Caption, "Photo: <i>AP</i>"), "_Photo: *AP*_");
    }

    #[test]
    fn unsafe_urls_in_edited_html_are_dropped() {
        let md = html_md(
            Kind::Paragraph,
            "<p><a href=\"javascript:alert(1)\">x</a> <img src=\"data:image/png;base64,AA\" alt=y>\
             <a href=\"javascript&amp;#58;alert(1)\">z</a><script>alert(2)</script></p>",
        );
        assert_eq!(md, "x z");
    }

    #[test]
    fn definition_lists_and_rules() {
        assert_eq!(
            html_md(Kind::List, "<dl><dt>Term</dt><dd>Meaning</dd></dl>"),
            "**Term**\n\nMeaning"
        );
        assert_eq!(html_md(Kind::Paragraph, "<hr>"), "---");
    }

    #[test]
    fn text_blocks_render_from_kind_and_text() {
        let md = |kind, text| block_markdown(&block(0, kind, text, None), None);
        assert_eq!(md(Kind::Title, "A *title*"), "# A \\*title\\*");
        assert_eq!(md(Kind::Caption, "Photo: AP"), "_Photo: AP_");
        assert_eq!(
            md(Kind::List, "• one\n2. two\n- three"),
            "- one\n2. two\n- three"
        );
        assert_eq!(
            md(Kind::Quote, "line one\nline two"),
            "> line one\\\n> line two"
        );
        assert_eq!(
            md(Kind::Table, "a\tb|c\n1\t2"),
            "| a | b\\|c |\n| --- | --- |\n| 1 | 2 |"
        );
        assert_eq!(md(Kind::Code, "x = `y`"), "```\nx = `y`\n```");
        assert_eq!(md(Kind::Paragraph, "- not a list"), "\\- not a list");
        assert_eq!(
            md(Kind::List, "• # not a heading\n• > nor a quote"),
            "- \\# not a heading\n- \\> nor a quote"
        );
    }

    #[test]
    fn whole_annotation() {
        let mut title = block(0, Kind::Title, "Hello", None);
        title.level = Some(1);
        let blocks = vec![
            title,
            block(
                1,
                Kind::Paragraph,
                "",
                Some("<p>Body <a href=\"/rel\">link</a>.</p>"),
            ),
            block(2, Kind::Heading, "Second story", None),
            block(3, Kind::Paragraph, "More.", None),
        ];
        let metadata = Metadata {
            canonical_url: Some("https://site.example/news/a".into()),
            ..Metadata::default()
        };
        let annotation = crate::render::testing::annotation(
            metadata,
            blocks,
            vec![
                Section {
                    title: Some("Hello".into()),
                    heading: Some(0),
                    blocks: vec![0, 1],
                },
                Section {
                    title: Some("Second story".into()),
                    heading: None,
                    blocks: vec![3],
                },
            ],
        );
        assert_eq!(
            markdown(&annotation),
            "# Hello\n\nBody [link](https://site.example/rel).\n\n# Second story\n\nMore.\n"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // (Deeper block nesting makes html5ever's parse quadratic; the sanitiser caps it.)
        let html = format!("{}deep", "<blockquote><ul><li>".repeat(1_000));
        let md = html_md(Kind::Quote, &html);
        assert!(md.ends_with("deep"));
        let html = format!("{}deep", "<span>".repeat(100_000));
        assert_eq!(html_md(Kind::Paragraph, &html), "deep");
    }

    #[test]
    fn through_the_parser_and_sanitiser() {
        let doc = crate::parse::parse_html(
            "<article><p class=lead>Read <a href='/more' onclick='x()'>more</a> <span>here</span>!</p>\
             <ul><li>a</li><li>b <b>c</b></li></ul></article>",
        );
        let base = Some("https://news.example/2024/");
        let p = doc.find(Document::ROOT, "p").unwrap();
        let ul = doc.find(Document::ROOT, "ul").unwrap();
        let mut b = block(0, Kind::Paragraph, "", None);
        b.html = Some(sanitize::sanitize_nodes(&doc, &[p], base));
        assert_eq!(
            block_markdown(&b, None),
            "Read [more](https://news.example/more) here!"
        );
        b.kind = Some(Kind::List);
        b.html = Some(sanitize::sanitize_nodes(&doc, &[ul], base));
        assert_eq!(block_markdown(&b, None), "- a\n- b **c**");
    }
}
