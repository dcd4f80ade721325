//! The page cut into blocks in document order: the units a person would highlight.
//!
//! A block is either one element that is read as a whole (a paragraph, heading, list, table,
//! quote, code block, figure) or a run of inline content (text, links, images...) directly
//! inside a container (`div`, `section`, `td`...). Containers are never blocks themselves;
//! their context (tag, class/id vocabulary, ARIA role) is recorded in each block's features.
//! Runs are split at double line breaks, which old pages use for paragraphs.

use crate::dom::{Document, NodeData, NodeId};
use crate::heuristics as h;
use crate::render::sanitize::{sanitize_nodes, style_hides};
use crate::text_util::{is_cjk, text_dir};
use crate::{Block, Label, Options, SourceRange};

/// How a block's element is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Paragraph,
    Heading(u8),
    List,
    Quote,
    Code,
    Table,
    Figure,
    Caption,
    /// Inline content directly inside a container.
    Run,
}

/// Measurements of one block, computed while its text is gathered.
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    /// The element the block was cut from (for runs: their container).
    pub node: NodeId,
    /// Non-whitespace characters of text.
    pub chars: u32,
    /// Non-whitespace characters inside links.
    pub link_chars: u32,
    pub links: u32,
    pub words: u32,
    /// Words with a digit in them ("2019", "4K", "ae03-9f1c"): numbers and codes.
    pub digit_words: u32,
    /// Sentence-ending punctuation marks (any script).
    pub stops: u32,
    /// Commas (any script).
    pub commas: u32,
    pub images: u32,
    /// List items or table rows.
    pub items: u32,
    /// Whether the text ends in sentence-final punctuation.
    pub ends_sentence: bool,
}

impl Features {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// One block as the classifier sees it.
pub(crate) struct Segment {
    pub shape: Shape,
    pub nodes: Vec<NodeId>,
    pub features: Features,
}

/// Block-level tags: an element with one of these, or with one below it, is not inline.
pub(crate) fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
            | "search"
            | "listing"
            | "xmp"
    )
}

/// Elements whose content is never shown as text.
pub(crate) fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "svg"
            | "math"
            | "iframe"
            | "frame"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "datalist"
            | "map"
            | "noembed"
            | "noframes"
            | "param"
            | "source"
            | "track"
            | "dialog"
    )
}

/// Whether an element is hidden by markup (`hidden`, `aria-hidden`, inline CSS), is a
/// control whose label is not text of the page (an input, a button, an element with the
/// button role and a label's length of text), or is a `<noscript>` notice about scripts.
pub(crate) fn is_hidden(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else {
        return false;
    };
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if e.attr("style").is_some_and(style_hides) {
        return true;
    }
    if e.tag() == "input" {
        return true;
    }
    if e.tag() == "noscript" && is_script_notice(doc, id) {
        return true;
    }
    if (e.tag() == "button" || is_button_role(e) && is_label_sized(doc, id)) && is_control(doc, id)
    {
        return true;
    }
    if e.tag() == "label" && is_label_sized(doc, id) && labels_checkbox(doc, id) {
        return true;
    }
    false
}

/// Whether a `<noscript>` holds a notice about scripts ("You need to enable JavaScript to run
/// this app"): a message to browsers that run none, which a reader of the page never sees.
/// Other `<noscript>` content (a picture, a link list that scripts would build) stays text.
#[inline(never)]
#[cfg_attr(pith_size, optimize(size))]
fn is_script_notice(doc: &Document, id: NodeId) -> bool {
    let mut text = String::new();
    for n in doc.descendants(id) {
        if let Some(t) = doc.text(n) {
            text.push_str(t);
            if text.len() > h::SCRIPT_NOTICE_MAX_BYTES {
                return false;
            }
        }
    }
    crate::text_util::contains_ignore_case(&text, "javascript")
}

/// Whether a `<label>` names a check box (a filter's value, "Add a 3-year plan", "Gift
/// wrap"), one inside it or one beside it that its `for` names: a control's label, not text
/// of the page. The widget mirrors this (`www/widget/mapping.js`, `labelsCheckbox`).
fn labels_checkbox(doc: &Document, id: NodeId) -> bool {
    let checkbox = |n: NodeId| {
        doc.tag(n) == "input"
            && doc
                .attr(n, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("checkbox"))
    };
    if doc.descendants(id).any(checkbox) {
        return true;
    }
    let (Some(target), Some(parent)) = (doc.attr(id, "for"), doc.node(id).parent) else {
        return false;
    };
    doc.element_children(parent)
        .any(|n| checkbox(n) && doc.attr(n, "id") == Some(target))
}

/// A button is a control ("Add to bag", "Submit", "Decrease quantity"), not text of the
/// page; unless it opens a panel of the page (an accordion's question, a tab's name), which it
/// names, or asks a question (an FAQ's, whose answer it opens). The widget mirrors this
/// (`www/widget/mapping.js`, `isControl`).
fn is_control(doc: &Document, id: NodeId) -> bool {
    if doc.attr(id, "aria-expanded").is_some() || doc.attr(id, "aria-controls").is_some() {
        return false;
    }
    let last = doc
        .descendants(id)
        .filter_map(|n| doc.text(n))
        .filter_map(|t| t.trim_end().chars().last())
        .last();
    !matches!(last, Some('?' | '？' | '؟'))
}

/// Whether an element says it is a button (`role="button"`): a `<div>` or `<a>` standing in
/// for one ("Add to cart", "Notify me").
fn is_button_role(e: &crate::dom::Element) -> bool {
    e.attr("role")
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("button"))
}

/// Whether an element holds no more than a control's label: an element with the button role
/// wrapped around a whole section (a misnested tag) or a teaser (a clickable card with its
/// picture, headline and link) is not a control.
fn is_label_sized(doc: &Document, id: NodeId) -> bool {
    let mut len = 0;
    for n in doc.descendants(id) {
        if let Some(t) = doc.text(n) {
            len += t.trim().len();
            if len > h::CONTROL_MAX_LABEL_BYTES {
                return false;
            }
        } else if matches!(
            doc.tag(n),
            "a" | "img" | "picture" | "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol"
        ) {
            return false;
        }
    }
    true
}

/// An element hidden by markup (`hidden`, `aria-hidden`, inline CSS) that holds most of the
/// page's text is content that scripts reveal or move into place (streamed server rendering, a
/// block deferred until a script runs), or the page behind an open dialog (a consent prompt
/// sets `aria-hidden` on the rest): the page as people see it shows it. So is one that holds a
/// smaller share but more text than the paragraphs the page shows (a product's details
/// deferred while the page around them is menus and a buy box), not one beside a text of the
/// page's own (its footnotes), nor a dialog (cookie settings). So is a pane of a set whose
/// sibling pane is shown (a tab's panel) and that holds a share of the page's text: a section
/// of the page, one click away. Never a copy of text the page shows (the
/// story's source for a "copy as Markdown" button, a mobile copy of the page).
fn is_streamed(doc: &Document, id: NodeId, below: &[Below], body: NodeId) -> bool {
    let Some(e) = doc.element(id) else {
        return false;
    };
    if !(e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style").is_some_and(style_hides))
    {
        return false;
    }
    if below[id].text == 0 {
        return false;
    }
    let text = below[id].text as f32;
    let share = text / below[body].text as f32;
    let pane = share >= h::PANE_TEXT_SHARE && is_hidden_pane(doc, id);
    if !pane && share < h::DEFERRED_TEXT_SHARE {
        return false;
    }
    if crate::revealed::share_shown_elsewhere(doc, id, body) >= h::HIDDEN_COPY_SHARE {
        return false;
    }
    pane || share >= h::STREAMED_TEXT_SHARE
        || !is_dialog(e) && text > crate::revealed::visible_paragraph_text(doc, body, id) as f32
}

/// A pane of a set whose other panes are hidden until chosen (a product's "Description",
/// "Specifications" and "Reviews" tabs): a sibling of the same tag and class is shown.
#[inline(never)]
#[cfg_attr(pith_size, optimize(size))]
fn is_hidden_pane(doc: &Document, id: NodeId) -> bool {
    let Some(class) = doc.attr(id, "class").filter(|c| !c.trim().is_empty()) else {
        return false;
    };
    let Some(parent) = doc.node(id).parent else {
        return false;
    };
    let tag = doc.tag(id);
    doc.element_children(parent).any(|c| {
        c != id && doc.tag(c) == tag && doc.attr(c, "class") == Some(class) && !is_hidden(doc, c)
    })
}

/// A dialog (`role="dialog"`, `aria-modal`): a box the page opens on demand (cookie settings,
/// a share or republish form), not content it defers.
#[inline(never)]
#[cfg_attr(pith_size, optimize(size))]
fn is_dialog(e: &crate::dom::Element) -> bool {
    e.attr("role").is_some_and(|r| {
        let r = r.trim();
        r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog")
    }) || e.attr("aria-modal") == Some("true")
}

/// The ids that the page's disclosure controls name (`aria-controls` on an element with
/// `aria-expanded`, not a tab).
fn disclosed(doc: &Document) -> Vec<&str> {
    (0..doc.nodes.len())
        .filter(|&n| {
            doc.attr(n, "aria-expanded").is_some()
                && !doc
                    .attr(n, "role")
                    .is_some_and(|r| r.trim().eq_ignore_ascii_case("tab"))
        })
        .filter_map(|n| doc.attr(n, "aria-controls"))
        .flat_map(str::split_ascii_whitespace)
        .collect()
}

/// A panel hidden until a control of the page opens it (an accordion's "Shipping & Returns", a
/// "Details" disclosure), or the collapsing wrapper around one (its only element child): its
/// text is the page's, one click away. `disclosed` is gathered the first time it is needed.
fn is_collapsed_panel<'a>(
    doc: &'a Document,
    id: NodeId,
    disclosed_ids: &mut Option<Vec<&'a str>>,
) -> bool {
    if matches!(doc.tag(id), "input" | "button") {
        return false;
    }
    let mut children = doc.element_children(id);
    let only_child = match (children.next(), children.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let mut named = [Some(id), only_child]
        .into_iter()
        .flatten()
        .filter_map(|n| doc.attr(n, "id"))
        .peekable();
    if named.peek().is_none() {
        return false;
    }
    let disclosed_ids = disclosed_ids.get_or_insert_with(|| disclosed(doc));
    named.any(|own| disclosed_ids.contains(&own.trim()))
}

fn shape_of(tag: &str) -> Option<Shape> {
    Some(match tag {
        "p" | "address" | "dt" | "dd" | "summary" | "legend" => Shape::Paragraph,
        "h1" => Shape::Heading(1),
        "h2" => Shape::Heading(2),
        "h3" => Shape::Heading(3),
        "h4" => Shape::Heading(4),
        "h5" => Shape::Heading(5),
        "h6" => Shape::Heading(6),
        "ul" | "ol" | "dl" | "menu" | "dir" => Shape::List,
        "blockquote" => Shape::Quote,
        "pre" | "listing" | "xmp" => Shape::Code,
        "table" => Shape::Table,
        "figure" => Shape::Figure,
        "figcaption" | "caption" => Shape::Caption,
        _ => return None,
    })
}

/// Per-node facts gathered bottom-up in one pass.
#[derive(Clone, Copy, Default)]
struct Below {
    /// A block-level element somewhere below.
    block: bool,
    /// Elements below that make a list, table or quote a layout container when present.
    heavy: u32,
    /// Paragraphs below.
    paragraphs: u32,
    /// Tables below.
    tables: u32,
    /// Bytes of text below (hidden parts included).
    text: u32,
}

fn gather_below(doc: &Document) -> Vec<Below> {
    let mut below = vec![Below::default(); doc.nodes.len()];
    // Post-order without recursion: visit in pre-order, then fold children into parents in
    // reverse pre-order.
    let order: Vec<NodeId> = doc.descendants(Document::ROOT).collect();
    for &id in order.iter().rev() {
        if let Some(t) = doc.text(id) {
            if let Some(parent) = doc.node(id).parent {
                below[parent].text += trimmed_len(t) as u32;
            }
            continue;
        }
        let Some(e) = doc.element(id) else { continue };
        let tag = e.tag();
        if is_skipped_tag(tag) {
            below[id] = Below::default();
            continue;
        }
        let mine = below[id];
        let Some(parent) = doc.node(id).parent else {
            continue;
        };
        let p = &mut below[parent];
        p.block |= mine.block || is_block_tag(tag);
        p.heavy += mine.heavy
            + u32::from(matches!(
                tag,
                "div"
                    | "section"
                    | "article"
                    | "header"
                    | "footer"
                    | "table"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "figure"
                    | "form"
                    | "aside"
                    | "nav"
                    | "main"
            ));
        p.paragraphs += mine.paragraphs + u32::from(tag == "p");
        p.tables += mine.tables + u32::from(tag == "table");
        p.text += mine.text;
    }
    below
}

/// `t.trim().len()`, with the ASCII whitespace at either end stepped over a byte at a time
/// (text nodes between tags are often nothing but a line break and indentation).
pub(crate) fn trimmed_len(t: &str) -> usize {
    let b = t.as_bytes();
    let is_space = |x: &u8| matches!(x, b'\t'..=b'\r' | b' ');
    let start = b.iter().take_while(|x| is_space(x)).count();
    let end = b.len() - b[start..].iter().rev().take_while(|x| is_space(x)).count();
    // A non-ASCII character at either end may be whitespace too (U+00A0, U+3000...).
    if b[start..end].first().is_some_and(|x| !x.is_ascii())
        || b[start..end].last().is_some_and(|x| !x.is_ascii())
    {
        return t[start..end].trim().len();
    }
    end - start
}

/// Whether an element with a block shape is read whole, or opened as a container.
fn is_atomic(shape: Shape, below: &Below) -> bool {
    match shape {
        Shape::Paragraph | Shape::Heading(_) | Shape::Code | Shape::Caption => true,
        Shape::Figure => below.paragraphs <= 1 && below.tables == 0,
        Shape::List => below.heavy == 0 && below.paragraphs <= 4,
        Shape::Quote => below.heavy <= 1 && below.tables == 0,
        Shape::Table => below.tables == 0 && below.heavy <= 2 && below.paragraphs <= 2,
        Shape::Run => true,
    }
}

/// Cuts the page into blocks. Returns the public blocks (unlabelled: all boilerplate, score 0)
/// and, aligned with them, what the classifier needs.
pub(crate) fn segment(doc: &Document) -> (Vec<Block>, Vec<Segment>) {
    let below = gather_below(doc);
    let mut out = Cutter {
        doc,
        segments: Vec::new(),
        texts: Vec::new(),
        run: Vec::new(),
        run_parent: Document::ROOT,
        brs: 0,
    };
    let start = doc.body().unwrap_or(Document::ROOT);
    // What the page's disclosure controls open (`aria-controls` with `aria-expanded`): an
    // accordion's collapsed panels. Not a tab's panels: tabs show one of several versions of
    // the same thing (instructions for each browser, each plan's details). Gathered the first
    // time a hidden element with an id asks.
    let mut controlled: Option<Vec<&str>> = None;
    // Explicit stack of (node, depth); children are pushed in reverse so they pop in order.
    // A `None` entry closes a container: the inline run gathered inside it ends there.
    let mut stack: Vec<Option<(NodeId, u32)>> = vec![Some((start, 0))];
    while let Some(entry) = stack.pop() {
        let Some((id, depth)) = entry else {
            out.flush(depth_of(&stack));
            continue;
        };
        match &doc.node(id).data {
            NodeData::Text(t) => {
                if trimmed_len(t) > 0 {
                    out.brs = 0;
                }
                out.push_inline(id);
                continue;
            }
            NodeData::Element(_) => {}
            _ => {
                if id != start {
                    continue;
                }
            }
        }
        let tag = doc.tag(id);
        if id != start
            && (is_skipped_tag(tag)
                || (is_hidden(doc, id)
                    && !is_streamed(doc, id, &below, start)
                    && !is_collapsed_panel(doc, id, &mut controlled)))
        {
            continue;
        }
        if tag == "br" {
            out.brs += 1;
            if out.brs >= 2 {
                out.flush(depth);
                out.brs = 0;
            } else {
                out.push_inline(id);
            }
            continue;
        }
        if tag == "hr" {
            out.flush(depth);
            continue;
        }
        let b = &below[id];
        let shape = shape_of(tag);
        let atomic = shape.is_some_and(|s| is_atomic(s, b));
        if atomic {
            out.flush(depth);
            out.emit(shape.unwrap_or(Shape::Run), vec![id], id, depth);
            continue;
        }
        if id != start && !is_block_tag(tag) && !b.block && shape.is_none() {
            // Inline element (a, span, img, b...): part of the current run.
            if out.run.is_empty() {
                out.run_parent = doc.node(id).parent.unwrap_or(id);
            }
            out.push_inline(id);
            continue;
        }
        // A container: close the run before it, open it, and close the run at its end.
        out.flush(depth);
        stack.push(None);
        // The children from the last one back (no list of them gathered first).
        let mut child = doc.node(id).last_child;
        while let Some(c) = child {
            stack.push(Some((c, depth + 1)));
            child = doc.node(c).prev_sibling;
        }
    }
    out.flush(0);

    let blocks = out
        .segments
        .iter()
        .zip(std::mem::take(&mut out.texts))
        .enumerate()
        .map(|(i, (s, text))| to_block(doc, i, s, text))
        .collect();
    (blocks, out.segments)
}

fn depth_of(stack: &[Option<(NodeId, u32)>]) -> u32 {
    stack.iter().rev().flatten().next().map_or(0, |&(_, d)| d)
}

struct Cutter<'a> {
    doc: &'a Document,
    segments: Vec<Segment>,
    /// Each segment's text.
    texts: Vec<String>,
    run: Vec<NodeId>,
    run_parent: NodeId,
    /// Consecutive `<br>`s seen with no text between them.
    brs: u32,
}

impl Cutter<'_> {
    fn push_inline(&mut self, id: NodeId) {
        if self.run.is_empty() {
            self.run_parent = self.doc.node(id).parent.unwrap_or(id);
        }
        self.run.push(id);
    }

    fn flush(&mut self, depth: u32) {
        if self.run.is_empty() {
            return;
        }
        let nodes = std::mem::take(&mut self.run);
        let parent = self.run_parent;
        self.emit(Shape::Run, nodes, parent, depth);
    }

    fn emit(&mut self, shape: Shape, nodes: Vec<NodeId>, node: NodeId, _depth: u32) {
        let mut features = Features {
            node,
            ..Features::default()
        };
        let text = measure(self.doc, &nodes, &mut features);
        if features.chars == 0 && features.images == 0 {
            return;
        }
        self.segments.push(Segment {
            shape,
            nodes,
            features,
        });
        self.texts.push(text);
    }
}

fn is_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।' | '॥' | '۔' | '…' | '።' | '‼'
    )
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '،' | '、' | '，' | ';' | '؛' | '；')
}

/// What [`measure`] needs to know of an ASCII character (one class each).
const ASCII_OTHER: u8 = 0;
const ASCII_SPACE: u8 = 1;
const ASCII_WORD: u8 = 2;
const ASCII_STOP: u8 = 3;
const ASCII_COMMA: u8 = 4;
/// Closing quotes and brackets: not the text's last strong character.
const ASCII_QUOTE: u8 = 5;

/// The class of each ASCII character: as `char::is_whitespace`, `is_word_char`, [`is_stop`],
/// [`is_comma`] and the closing marks of `measure` answer for it (a unit test checks).
const ASCII_CLASS: [u8; 128] = {
    let mut t = [ASCII_OTHER; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = match c {
            b'\t'..=b'\r' | b' ' => ASCII_SPACE,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => ASCII_WORD,
            b'.' | b'!' | b'?' => ASCII_STOP,
            b',' | b';' => ASCII_COMMA,
            b'"' | b'\'' | b')' => ASCII_QUOTE,
            _ => ASCII_OTHER,
        };
        i += 1;
    }
    t
};

/// Counts characters, links, punctuation and images of a block's nodes, and gathers the
/// block's visible text (see [`TextWriter`]), in one walk of its nodes.
fn measure(doc: &Document, nodes: &[NodeId], f: &mut Features) -> String {
    let mut w = TextWriter::default();
    let mut last_strong: Option<char> = None;
    let mut in_word = false;
    // Whether the word being read has a digit in it.
    let mut word_digit = false;
    // A block inside a link (a teaser card wrapped in `<a>`) is link text throughout.
    let wrapped_in_link = nodes.first().is_some_and(|&n| {
        doc.node(n)
            .parent
            .is_some_and(|p| in_link(doc, p, Document::ROOT))
    });
    for &root in nodes {
        for_each_shown(doc, root, |id| match &doc.node(id).data {
            NodeData::Text(t) => {
                if w.pre > 0 && in_pre(doc, id, root) {
                    w.raw(t);
                } else {
                    w.text(t);
                }
                let linked = wrapped_in_link || in_link(doc, id, root);
                let t: &str = t;
                let b = t.as_bytes();
                let mut i = 0;
                while i < b.len() {
                    // ASCII, most of most pages' text, by a table: the same answers as the
                    // checks below give for these characters.
                    let x = b[i];
                    if x < 0x80 {
                        i += 1;
                        let class = ASCII_CLASS[x as usize];
                        if class == ASCII_SPACE {
                            in_word = false;
                            continue;
                        }
                        f.chars += 1;
                        if linked {
                            f.link_chars += 1;
                        }
                        if class == ASCII_WORD {
                            if !in_word {
                                f.words += 1;
                                word_digit = false;
                            }
                            if x.is_ascii_digit() && !word_digit {
                                f.digit_words += 1;
                                word_digit = true;
                            }
                            in_word = true;
                        } else {
                            in_word = false;
                        }
                        if class == ASCII_STOP {
                            f.stops += 1;
                        } else if class == ASCII_COMMA {
                            f.commas += 1;
                        }
                        if class != ASCII_QUOTE {
                            last_strong = Some(x as char);
                        }
                        continue;
                    }
                    let c = t[i..].chars().next().unwrap_or(' ');
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        in_word = false;
                        continue;
                    }
                    f.chars += 1;
                    if linked {
                        f.link_chars += 1;
                    }
                    if is_cjk(c) {
                        f.words += 1;
                        in_word = false;
                    } else if crate::text_util::is_word_char(c) {
                        if !in_word {
                            f.words += 1;
                            word_digit = false;
                        }
                        if c.is_numeric() && !word_digit {
                            f.digit_words += 1;
                            word_digit = true;
                        }
                        in_word = true;
                    } else {
                        in_word = false;
                    }
                    if is_stop(c) {
                        f.stops += 1;
                    } else if is_comma(c) {
                        f.commas += 1;
                    }
                    if !matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | '」' | '』') {
                        last_strong = Some(c);
                    }
                }
            }
            NodeData::Element(e) => {
                match e.tag() {
                    _ if is_link(e) => f.links += 1,
                    "img" => f.images += 1,
                    "li" | "tr" | "dt" => f.items += 1,
                    _ => {}
                }
                w.element(e.tag());
            }
            _ => {}
        });
    }
    f.ends_sentence = last_strong.is_some_and(is_stop);
    w.finish()
}

/// Whether an element is a link: an `<a>` with an `href`, or a custom element with one
/// (`<dropdown-item href=…>`, a web component that navigates when clicked).
/// (The tag is read first: cheaper than the attributes.)
fn is_link(e: &crate::dom::Element) -> bool {
    let tag = e.tag();
    (tag == "a" || tag.contains('-')) && e.attr("href").is_some()
}

/// Whether `node` or an ancestor below `root`'s parent is a link with an `href`.
fn in_link(doc: &Document, node: NodeId, root: NodeId) -> bool {
    let mut cur = Some(node);
    let root_parent = doc.node(root).parent;
    while let Some(p) = cur {
        if doc.element(p).is_some_and(is_link) {
            return true;
        }
        if Some(p) == root_parent {
            break;
        }
        cur = doc.node(p).parent;
    }
    false
}

/// Calls `f` on `root` and every node below it in document order, skipping the subtrees of
/// elements that are never shown (scripts, styles, hidden elements). `root` itself is always
/// visited: the segmenter has already decided it is shown.
fn for_each_shown(doc: &Document, root: NodeId, mut f: impl FnMut(NodeId)) {
    f(root);
    let mut desc = doc.descendants(root);
    while let Some(id) = desc.next() {
        if let Some(e) = doc.element(id) {
            if is_skipped_tag(e.tag()) || is_hidden(doc, id) {
                desc.skip_subtree(id);
                continue;
            }
        }
        f(id);
    }
}

fn in_pre(doc: &Document, id: NodeId, root: NodeId) -> bool {
    let mut cur = Some(id);
    while let Some(n) = cur {
        if matches!(doc.tag(n), "pre" | "listing" | "xmp") {
            return true;
        }
        if n == root {
            break;
        }
        cur = doc.node(n).parent;
    }
    false
}

#[derive(Default)]
struct TextWriter {
    out: String,
    space: bool,
    /// Inside `<pre>` (counted, not nested-tracked: any pre in the block turns it on).
    pre: u32,
    /// At the start of a line.
    line_start: bool,
    cell_pending: bool,
}

impl TextWriter {
    fn text(&mut self, t: &str) {
        // Whitespace is `char::is_whitespace`; ASCII bytes are told apart without decoding a
        // character. After the node's first word every gap becomes one space (the separator
        // can only change between nodes), so stretches whose gaps are single spaces already
        // are copied as they are, not a word at a time.
        let b = t.as_bytes();
        // The length of the character at `i` and whether it is whitespace.
        let at = |i: usize| -> (usize, bool) {
            match b[i] {
                x @ 0..=0x7f => (1, matches!(x, b'\t'..=b'\r' | b' ')),
                _ => {
                    let c = t[i..].chars().next().unwrap_or('\0');
                    (c.len_utf8(), c.is_whitespace())
                }
            }
        };
        let skip = |i: &mut usize, want_space: bool| {
            while *i < b.len() {
                let (len, space) = at(*i);
                if space != want_space {
                    break;
                }
                *i += len;
            }
        };
        let mut i = 0;
        skip(&mut i, true);
        if i > 0 {
            self.space = true;
        }
        if i == b.len() {
            return;
        }
        self.put_separator();
        let mut run = i;
        loop {
            skip(&mut i, false);
            let gap = i;
            skip(&mut i, true);
            if i == b.len() {
                self.out.push_str(&t[run..gap]);
                if i > gap {
                    self.space = true;
                }
                return;
            }
            if i - gap == 1 && b[gap] == b' ' {
                continue;
            }
            self.out.push_str(&t[run..gap]);
            self.out.push(' ');
            run = i;
        }
    }

    fn raw(&mut self, t: &str) {
        self.put_separator();
        self.out.push_str(t);
        self.line_start = t.ends_with('\n');
    }

    fn put_separator(&mut self) {
        if self.out.is_empty() {
            self.space = false;
            self.cell_pending = false;
            self.line_start = false;
            return;
        }
        if self.line_start {
            if !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            self.cell_pending = false;
        } else if self.cell_pending {
            self.out.push('\t');
            self.cell_pending = false;
        } else if self.space {
            self.out.push(' ');
        }
        self.space = false;
        self.line_start = false;
    }

    fn newline(&mut self) {
        self.line_start = true;
    }

    /// An element of the block, met in document order: `<br>` and list items and table rows
    /// start lines, table cells are separated by tabs, `<pre>` is kept verbatim.
    fn element(&mut self, tag: &str) {
        match tag {
            "br" | "li" | "tr" | "dt" | "dd" | "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "figcaption" | "caption" | "blockquote" => self.newline(),
            "td" | "th" => self.cell(),
            "pre" | "listing" | "xmp" => {
                self.newline();
                self.pre += 1;
            }
            _ => {}
        }
    }

    fn cell(&mut self) {
        if !self.line_start {
            self.cell_pending = true;
        }
    }

    fn finish(mut self) -> String {
        let len = self.out.trim_end().len();
        self.out.truncate(len);
        self.out
    }
}

fn to_block(doc: &Document, id: usize, s: &Segment, text: String) -> Block {
    let first = s.nodes[0];
    let last = *s.nodes.last().unwrap_or(&first);
    let line_start = start_line(doc, first);
    let line_end = last_line(doc, last).max(line_start);
    let tag = if s.shape == Shape::Run {
        doc.tag(s.features.node).to_string()
    } else {
        doc.tag(first).to_string()
    };
    let path_node = if s.shape == Shape::Run {
        s.features.node
    } else {
        first
    };
    Block {
        id,
        label: Label::Boilerplate,
        kind: None,
        role: None,
        score: 0.0,
        reasons: Vec::new(),
        dir: text_dir(&text),
        text,
        level: match s.shape {
            Shape::Heading(l) => Some(l),
            _ => None,
        },
        tag: if tag.is_empty() { "body".into() } else { tag },
        path: Some(doc.path(path_node)),
        source: SourceRange {
            start: doc.line_offset(line_start),
            end: doc.line_end_offset(line_end),
            line_start,
            line_end,
        },
        html: None,
    }
}

/// Each block's sanitised HTML, for the blocks `options.block_html` asks for: once the blocks
/// are labelled, as by default only the article's carry it.
pub(crate) fn add_block_html(
    doc: &Document,
    blocks: &mut [Block],
    segments: &[Segment],
    options: &Options,
) {
    for (b, s) in blocks.iter_mut().zip(segments) {
        if options.block_html.wants(b.label) {
            b.html = Some(sanitize_nodes(doc, &s.nodes, options.url.as_deref()));
        }
    }
}

/// The line of the last node created inside `id` (its end, as near as the parser tells).
fn last_line(doc: &Document, id: NodeId) -> u32 {
    let mut line = element_line(doc, id);
    for n in doc.descendants(id) {
        if doc.element(n).is_some() {
            line = line.max(doc.node(n).line);
        }
    }
    line
}

/// The line of a block's first node. Lines are taken from elements only: html5ever reports
/// the line where a text run ends on some targets and where it starts on others (wasm), so a
/// text node's own line is not portable.
fn start_line(doc: &Document, id: NodeId) -> u32 {
    element_line(doc, id)
}

/// An element's own line; for a text node, the line of the element just before it.
fn element_line(doc: &Document, id: NodeId) -> u32 {
    if doc.element(id).is_some() {
        return doc.node(id).line;
    }
    let mut cur = doc.node(id).prev_sibling;
    while let Some(p) = cur {
        if doc.element(p).is_some() {
            // The deepest last element inside it: where it ends, as near as we can cheaply say.
            let mut end = p;
            while let Some(c) = doc
                .node(end)
                .last_child
                .filter(|&c| doc.element(c).is_some())
            {
                end = c;
            }
            return doc.node(end).line;
        }
        cur = doc.node(p).prev_sibling;
    }
    doc.node(id).parent.map_or(1, |p| doc.node(p).line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_html;

    fn texts(html: &str) -> Vec<(Shape, String)> {
        let doc = parse_html(html);
        let (blocks, segs) = segment(&doc);
        segs.iter()
            .zip(blocks)
            .map(|(s, b)| (s.shape, b.text))
            .collect()
    }

    #[test]
    fn cuts_paragraphs_headings_and_runs() {
        let t = texts(
            "<div>Intro <a href=/>link</a><h1>Title</h1><p>One  two.</p>tail<br><br>after</div>",
        );
        assert_eq!(
            t,
            vec![
                (Shape::Run, "Intro link".to_string()),
                (Shape::Heading(1), "Title".to_string()),
                (Shape::Paragraph, "One two.".to_string()),
                (Shape::Run, "tail".to_string()),
                (Shape::Run, "after".to_string()),
            ]
        );
    }

    #[test]
    fn lists_and_tables_are_read_whole_with_lines_and_cells() {
        let t = texts("<ul><li>a <b>b</b></li><li>c</li></ul><table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>");
        assert_eq!(t[0], (Shape::List, "a b\nc".to_string()));
        assert_eq!(t[1], (Shape::Table, "1\t2\n3".to_string()));
    }

    #[test]
    fn layout_containers_are_opened() {
        let t = texts("<ul><li><div><h3>Card</h3><p>Snippet.</p></div></li></ul><a href=x><div><p>In a link</p></div></a>");
        assert_eq!(t.len(), 3);
        assert_eq!(t[2].1, "In a link");
    }

    #[test]
    fn hidden_and_script_content_is_not_text() {
        let t = texts("<p>a visible line<script>x()</script><span hidden>no</span><span style='display: none'>no</span> of the page</p><div aria-hidden=true>gone</div>");
        assert_eq!(
            t,
            vec![(Shape::Paragraph, "a visible line of the page".to_string())]
        );
    }

    #[test]
    fn hidden_element_holding_most_of_the_text_is_shown() {
        // A page behind an open dialog (`aria-hidden` on its <main>), or deferred by `display:
        // none` until a script runs: people see it once the dialog closes or the script ran.
        for hide in ["hidden", "aria-hidden=true", "style='display:none'"] {
            let html = format!("<div>Shop</div><main {hide}><p>The product's own description, long enough to be most of the page.</p><span hidden>Sold out</span></main>");
            let t = texts(&html);
            assert_eq!(t.len(), 2, "{hide}");
            assert!(t[1].1.starts_with("The product's own"), "{hide}");
        }
    }

    #[test]
    fn hidden_element_outweighing_the_shown_paragraphs_is_shown_unless_a_dialog() {
        // A third of the page's text, hidden, beside a page that shows no paragraph: deferred
        // details. The same hidden as a dialog is a box opened on demand (cookie settings).
        let page = |attrs: &str| {
            format!(
                "<div>Home Shop Tables Chairs Lamps Rugs Sale Gift cards Stores Contact About us \
                 Careers Press Help Returns Shipping Privacy Terms Sitemap</div><h1>Oak desk</h1>\
                 <div {attrs} style='display:none'><p>Solid oak, oiled by hand, with two drawers \
                 that close softly.</p></div>"
            )
        };
        let t = texts(&page("class=details"));
        assert!(t.iter().any(|(_, t)| t.starts_with("Solid oak")), "{t:?}");
        let t = texts(&page("role=dialog"));
        assert!(!t.iter().any(|(_, t)| t.starts_with("Solid oak")), "{t:?}");
    }

    #[test]
    fn buttons_are_controls_unless_they_open_a_panel_or_ask() {
        let t = texts("<div>$40.00 <button>Add to bag</button></div><div><button aria-expanded=false>Care</button></div><div><button>Can I return it?</button></div>");
        assert_eq!(
            t.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            vec!["$40.00", "Care", "Can I return it?"]
        );
        // The button role makes a control of any element, unless it holds more than a label.
        let long = "A whole section of text that a clickable wrapper holds, far longer than any button's label.";
        let t = texts(&format!("<div>$40.00 <a href=/cart role=button>Add to cart</a></div><div><div role=button aria-controls=p>Care</div></div><div><span role=button>{long}</span></div><div role=button><h3>Teaser</h3></div>"));
        assert_eq!(
            t.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            vec!["$40.00", "Care", long, "Teaser"]
        );
    }

    #[test]
    fn check_box_labels_are_controls() {
        // Inside the label or named by its `for`; a radio button's label (a colour, a size:
        // the product's options) stays text.
        let t = texts("<div>$40.00 <label><input type=checkbox> Gift wrap</label></div><div><input type=checkbox id=p><label for=p>3-year plan</label> Plans</div><div><input type=radio id=r><label for=r>Red</label></div><div><label for=elsewhere>Name</label></div>");
        assert_eq!(
            t.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            vec!["$40.00", "Plans", "Red", "Name"]
        );
    }

    #[test]
    fn pre_keeps_whitespace() {
        let t = texts("<pre>fn main() {\n    x();\n}</pre>");
        assert_eq!(t[0].1, "fn main() {\n    x();\n}");
    }

    #[test]
    fn ascii_classes_agree_with_the_character_checks() {
        for x in 0u8..128 {
            let c = x as char;
            let class = ASCII_CLASS[x as usize];
            assert_eq!(class == ASCII_SPACE, c.is_whitespace(), "{c:?}");
            if class == ASCII_SPACE {
                continue;
            }
            assert!(!is_cjk(c));
            assert_eq!(
                class == ASCII_WORD,
                crate::text_util::is_word_char(c),
                "{c:?}"
            );
            assert_eq!(class == ASCII_STOP, is_stop(c), "{c:?}");
            assert_eq!(class == ASCII_COMMA, is_comma(c), "{c:?}");
            assert_eq!(
                class == ASCII_QUOTE,
                matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | '」' | '』'),
                "{c:?}"
            );
        }
    }

    #[test]
    fn trimmed_len_is_trim_len() {
        for t in [
            "",
            " ",
            "\n\t\x0b\x0c\r ",
            "a",
            " a ",
            "\u{a0}a\u{3000}",
            " \u{a0} ",
            "é",
            " é\n",
            "\u{2003}",
            "a \u{a0}",
            "\u{85}x",
        ] {
            assert_eq!(trimmed_len(t), t.trim().len(), "{t:?}");
        }
    }

    #[test]
    fn features_count_links_and_sentences() {
        let doc = parse_html("<p>See <a href=/x>this page</a>. And more, here!</p>");
        let (_, segs) = segment(&doc);
        let f = &segs[0].features;
        assert_eq!(f.links, 1);
        assert_eq!(f.link_chars, 8);
        assert_eq!(f.stops, 2);
        assert_eq!(f.commas, 1);
        assert!(f.ends_sentence);
        assert_eq!(f.digit_words, 0);
        // Words with a digit: numbers, sizes and codes, in any script's digits.
        let doc = parse_html("<p>27\" 4K panel, 144Hz, ae03-9f1c and ٣ items</p>");
        let (_, segs) = segment(&doc);
        let f = &segs[0].features;
        assert_eq!((f.words, f.digit_words), (9, 6));
    }
}
