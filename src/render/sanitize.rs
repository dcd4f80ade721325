//! The allow-list sanitiser: page HTML to HTML that cannot run or load anything unasked.
//!
//! Every element is either kept (tags in [`ALLOWED`], with the attributes listed there plus
//! `dir` and `lang`), dropped with everything inside ([`is_dropped_tag`], foreign SVG/MathML
//! content and hidden elements) or unwrapped (any other tag: its children are kept). Images inside
//! `<noscript>` are kept, since lazy-loading pages put the real image there. The walk over the
//! tree is iterative and linear, so any nesting depth is fine.

use super::url::{self, UrlUse};
use crate::dom::{Document, Element, NodeData, NodeId};
use std::collections::BTreeSet;

/// Declares [`ALLOWED`] and its lookup, [`allowed`], from one list: the lookup is a `match`
/// (a switch on the length, then a few byte comparisons) rather than a binary search of string
/// comparisons, which cost ~260 instructions per element natively.
macro_rules! allowed_tags {
    ($(($tag:literal, [$($attr:literal),*]),)*) => {
        /// Tags kept, with the attributes each may carry besides [`GLOBAL_ATTRS`]; sorted by tag.
        #[cfg_attr(not(test), allow(dead_code))]
        const ALLOWED: &[(&str, &[&str])] = &[$(($tag, &[$($attr),*])),*];

        fn allowed(tag: &str) -> Option<(&'static str, &'static [&'static str])> {
            match tag {
                $($tag => Some(($tag, &[$($attr),*])),)*
                _ => None,
            }
        }
    };
}

allowed_tags! {
    ("a", ["href"]),
    ("abbr", ["title"]),
    ("b", []),
    ("bdi", []),
    ("bdo", []),
    ("blockquote", []),
    ("br", []),
    ("caption", []),
    ("cite", []),
    ("code", []),
    ("col", []),
    ("colgroup", []),
    ("dd", []),
    ("del", []),
    ("dfn", []),
    ("dl", []),
    ("dt", []),
    ("em", []),
    ("figcaption", []),
    ("figure", []),
    ("h1", []),
    ("h2", []),
    ("h3", []),
    ("h4", []),
    ("h5", []),
    ("h6", []),
    ("hr", []),
    ("i", []),
    ("img", ["src", "alt", "width", "height"]),
    ("ins", []),
    ("kbd", []),
    ("li", []),
    ("mark", []),
    ("ol", ["start"]),
    ("p", []),
    ("pre", []),
    ("q", []),
    ("rp", []),
    ("rt", []),
    ("ruby", []),
    ("s", []),
    ("samp", []),
    ("small", []),
    ("strong", []),
    ("sub", []),
    ("sup", []),
    ("table", []),
    ("tbody", []),
    ("td", ["colspan", "rowspan"]),
    ("tfoot", []),
    ("th", ["colspan", "rowspan"]),
    ("thead", []),
    ("time", ["datetime"]),
    ("tr", []),
    ("u", []),
    ("ul", []),
    ("var", []),
}

/// Attributes any kept element may carry.
const GLOBAL_ATTRS: &[&str] = &["dir", "lang"];

/// Obsolete or equivalent tags written as an allowed one.
fn renamed(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "tt" => "code",
        "strike" => "s",
        "acronym" => "abbr",
        "listing" | "xmp" | "plaintext" => "pre",
        "menu" | "dir" => "ul",
        _ => return None,
    })
}

/// Tags dropped with everything inside them.
fn is_dropped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "iframe"
            | "frame"
            | "frameset"
            | "object"
            | "embed"
            | "applet"
            | "param"
            | "svg"
            | "math"
            | "canvas"
            | "audio"
            | "video"
            | "source"
            | "track"
            | "area"
            | "input"
            | "button"
            | "select"
            | "textarea"
            | "option"
            | "optgroup"
            | "datalist"
            | "output"
            | "progress"
            | "meter"
            | "link"
            | "meta"
            | "base"
            | "head"
            | "title"
            | "noembed"
            | "noframes"
            | "portal"
            | "dialog"
    )
}

/// Unwrapped tags that are blocks on a page: their content stands on its own line.
/// (Tag lists that are only looked up are `matches!`: a length switch, not a linear scan.)
fn is_block_unwrapped(tag: &str) -> bool {
    matches!(
        tag,
        "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "hgroup"
            | "fieldset"
            | "legend"
            | "form"
            | "body"
            | "html"
            | "search"
    )
}

/// Elements with no content.
const VOID_TAGS: &[&str] = &["br", "hr", "img", "col", "wbr"];

/// Attributes that may carry the real source of a lazily loaded image, most trusted first.
const LAZY_SRC_ATTRS: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
];

/// Attributes that may carry a `srcset`, most trusted first.
const SRCSET_ATTRS: &[&str] = &["srcset", "data-srcset", "data-lazy-srcset"];

/// Kept elements nested deeper than this are unwrapped (browsers and parsers have limits).
const MAX_DEPTH: usize = 256;

/// Links never pass the reader's identity or open a window on the page's behalf.
const LINK_REL: &str = "noopener noreferrer nofollow";

/// What the sanitiser does with an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Written as this allowed tag.
    Keep(&'static str),
    /// Left out, its children kept; `block` when it stands on its own lines on a page.
    Unwrap { block: bool },
    /// Left out with everything inside.
    Drop,
    /// `<noscript>`: only the images inside are kept.
    Noscript,
}

/// The action for an element, from the tables above.
pub(crate) fn action(e: &Element) -> Action {
    let tag = e.tag();
    if !e.html || is_dropped_tag(tag) || is_hidden(e) {
        return Action::Drop;
    }
    if tag == "noscript" {
        return Action::Noscript;
    }
    let tag = renamed(tag).unwrap_or(tag);
    match allowed(tag) {
        Some((name, _)) => Action::Keep(name),
        None => Action::Unwrap {
            block: is_block_unwrapped(tag),
        },
    }
}

/// Whether a kept tag is a block: it ends the current line of inline content (see
/// [`Sanitizer::soft_break`]).
pub(crate) fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "caption"
            | "colgroup"
            | "col"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "th"
            | "td"
    )
}

/// Hidden by the `hidden` attribute (except `until-found`, content a reader can reveal),
/// `aria-hidden="true"`, or an inline `display:none` / `visibility:hidden`.
fn is_hidden(e: &Element) -> bool {
    let hidden = e
        .attr("hidden")
        .is_some_and(|v| !v.trim().eq_ignore_ascii_case("until-found"));
    let aria = e
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    hidden || aria || e.attr("style").is_some_and(style_hides)
}

/// Declarations that hide an element, as written with whitespace removed and lowercased.
const HIDING_STYLES: &[&str] = &["display:none", "visibility:hidden"];

/// Whether an inline style hides the element, whatever its case and spacing.
pub(crate) fn style_hides(style: &str) -> bool {
    HIDING_STYLES
        .iter()
        .any(|declaration| contains_ignoring_space(style, declaration))
}

/// Whether `hay`, with whitespace removed and ASCII lowercased, contains `needle` (lowercase
/// ASCII), without building that copy.
fn contains_ignoring_space(hay: &str, needle: &str) -> bool {
    let mut from = hay.chars().filter(|c| !c.is_whitespace());
    loop {
        let mut rest = from.clone();
        if needle
            .chars()
            .all(|n| rest.next().is_some_and(|c| c.to_ascii_lowercase() == n))
        {
            return true;
        }
        if from.next().is_none() {
            return false;
        }
    }
}

/// A link's target, if it is safe to follow.
pub(crate) fn link_href(e: &Element, base: Option<&str>) -> Option<String> {
    url::clean(e.attr("href")?, base, UrlUse::Link)
}

/// The image's real source: a lazy-loading attribute, else `src` (a `data:` placeholder does
/// not count), else the largest candidate of a `srcset`.
pub(crate) fn image_src(e: &Element, base: Option<&str>) -> Option<String> {
    let clean = |v: &str| url::clean(v, base, UrlUse::Image);
    LAZY_SRC_ATTRS
        .iter()
        .chain(std::iter::once(&"src"))
        .find_map(|name| e.attr(name).and_then(clean))
        .or_else(|| {
            SRCSET_ATTRS
                .iter()
                .find_map(|name| e.attr(name).and_then(largest_candidate).and_then(clean))
        })
}

/// The URL of the largest candidate of a `srcset` (by its `w` or `x` descriptor).
fn largest_candidate(srcset: &str) -> Option<&str> {
    let mut best: Option<(f64, &str)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let mut url = &rest[..url_end];
        rest = &rest[url_end..];
        let descriptor = if url.ends_with(',') {
            url = url.trim_end_matches(',');
            ""
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let d = &rest[..end];
            rest = &rest[end..];
            d.trim()
        };
        let size = descriptor
            .strip_suffix(['w', 'x'])
            .and_then(crate::text_util::parse_decimal)
            .unwrap_or(1.0);
        if !url.is_empty() && best.is_none_or(|(s, _)| size > s) {
            best = Some((size, url));
        }
    }
    best.map(|(_, url)| url)
}

/// The value to write for an allowed attribute (other than `href` and `src`), if valid.
fn attr_value<'e>(e: &'e Element, name: &str) -> Option<&'e str> {
    let v = e.attr(name)?.trim();
    let ok = match name {
        "width" | "height" | "colspan" | "rowspan" => {
            !v.is_empty() && v.len() <= 5 && v.bytes().all(|b| b.is_ascii_digit())
        }
        "start" => v.strip_prefix('-').unwrap_or(v).parse::<u32>().is_ok(),
        "dir" => {
            return ["ltr", "rtl", "auto"]
                .into_iter()
                .find(|d| v.eq_ignore_ascii_case(d))
        }
        "lang" => {
            !v.is_empty()
                && v.len() <= 35
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        }
        "alt" | "title" | "datetime" => v.len() <= 2048,
        _ => false,
    };
    ok.then_some(v)
}

/// Writes `s` escaped for HTML text (`attr == false`) or a double-quoted attribute value.
pub(crate) fn escape_into(out: &mut String, s: &str, attr: bool) {
    // The characters escaped are ASCII: the text between them is copied a run at a time.
    if !attr {
        // Text: the three characters found with memchr (a word at a time in the wasm), where
        // the loop below looks at every byte.
        let b = s.as_bytes();
        let mut copied = 0;
        for i in memchr::memchr3_iter(b'&', b'<', b'>', b) {
            out.push_str(&s[copied..i]);
            out.push_str(match b[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                _ => "&gt;",
            });
            copied = i + 1;
        }
        out.push_str(&s[copied..]);
        return;
    }
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attr => "&quot;",
            b'\'' if attr => "&#39;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
}

/// `s` escaped for HTML text.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, false);
    out
}

/// Sanitised HTML of a run of sibling nodes (one block's content). An element among `nodes`
/// is written with its own tag when that tag is allowed.
pub(crate) fn sanitize_nodes(doc: &Document, nodes: &[NodeId], base_url: Option<&str>) -> String {
    let mut s = Sanitizer {
        doc,
        base: base_url,
        out: String::new(),
        frames: Vec::new(),
        depth: 0,
        noscript: 0,
        pre: 0,
        pre_opened: false,
        images: BTreeSet::new(),
        inline_open: false,
        break_pending: false,
    };
    walk(doc, nodes, &mut s);
    s.out
}

/// Sanitised HTML of an HTML fragment (a block's stored `html`, which may have been edited).
pub(crate) fn sanitize_html(html: &str, base_url: Option<&str>) -> String {
    let (doc, nodes) = parse_fragment(html);
    sanitize_nodes(&doc, &nodes, base_url)
}

/// Parses an HTML fragment in the context its first tag needs (table rows and cells inside a
/// table), returning the document and the fragment's top-level nodes.
pub(crate) fn parse_fragment(html: &str) -> (Document, Vec<NodeId>) {
    let first_tag: String = html
        .trim_start()
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let context = match first_tag.as_str() {
        "tr" | "thead" | "tbody" | "tfoot" | "caption" | "colgroup" | "col" => "<table>",
        "td" | "th" => "<table><tr>",
        _ => "",
    };
    let doc = crate::parse::parse_html(&format!("<body>{context}{html}"));
    let nodes = doc
        .body()
        .map(|body| doc.children(body).collect())
        .unwrap_or_default();
    (doc, nodes)
}

/// Receives a depth-first walk: `enter` on every node in document order, saying whether to
/// visit its children, and `leave` once the node is done.
trait Visitor {
    fn enter(&mut self, id: NodeId) -> bool;
    fn leave(&mut self, id: NodeId);
}

/// Walks the subtrees of `roots` without recursion, following parent and sibling links.
fn walk(doc: &Document, roots: &[NodeId], visitor: &mut impl Visitor) {
    for &root in roots {
        let mut id = root;
        'down: loop {
            if visitor.enter(id) {
                if let Some(child) = doc.node(id).first_child {
                    id = child;
                    continue 'down;
                }
            }
            loop {
                visitor.leave(id);
                if id == root {
                    break 'down;
                }
                if let Some(next) = doc.node(id).next_sibling {
                    id = next;
                    continue 'down;
                }
                match doc.node(id).parent {
                    Some(parent) => id = parent,
                    None => break 'down,
                }
            }
        }
    }
}

/// What to do when leaving an element.
enum Frame {
    Nothing,
    Close(&'static str),
    SoftBreak,
    EndNoscript,
}

struct Sanitizer<'a> {
    doc: &'a Document,
    base: Option<&'a str>,
    out: String,
    /// One frame per element entered and not yet left.
    frames: Vec<Frame>,
    /// Kept elements open.
    depth: usize,
    /// `<noscript>` elements open.
    noscript: usize,
    /// `<pre>` elements open: whitespace is kept as is.
    pre: usize,
    /// A `<pre>` was just opened (a leading newline must be doubled to survive parsing).
    pre_opened: bool,
    /// Image sources written so far: a `<noscript>` copy of a lazy image is written once.
    images: BTreeSet<String>,
    /// Inline content was written since the last block boundary.
    inline_open: bool,
    /// An unwrapped block (a `<div>`...) ended a line: write `<br>` before more inline content.
    break_pending: bool,
}

impl Visitor for Sanitizer<'_> {
    fn enter(&mut self, id: NodeId) -> bool {
        match &self.doc.node(id).data {
            NodeData::Text(t) => {
                if self.noscript == 0 {
                    self.text(t);
                }
                false
            }
            NodeData::Element(e) => {
                let (frame, descend) = self.open(e);
                self.frames.push(frame);
                descend
            }
            _ => false,
        }
    }

    fn leave(&mut self, id: NodeId) {
        if self.doc.element(id).is_none() {
            return;
        }
        match self.frames.pop() {
            Some(Frame::Close(tag)) => self.close(tag),
            Some(Frame::SoftBreak) => self.soft_break(),
            Some(Frame::EndNoscript) => self.noscript -= 1,
            Some(Frame::Nothing) | None => {}
        }
    }
}

impl Sanitizer<'_> {
    /// Handles an element's start: returns what to do at its end and whether to descend.
    fn open(&mut self, e: &Element) -> (Frame, bool) {
        let mut action = action(e);
        if self.noscript > 0 && matches!(action, Action::Keep(tag) if tag != "img") {
            action = Action::Unwrap { block: false };
        }
        if self.depth >= MAX_DEPTH && matches!(action, Action::Keep(_)) {
            action = Action::Unwrap { block: false };
        }
        match action {
            Action::Drop => (Frame::Nothing, false),
            Action::Noscript => {
                self.noscript += 1;
                (Frame::EndNoscript, true)
            }
            Action::Unwrap { block: false } => (Frame::Nothing, true),
            Action::Unwrap { block: true } => {
                self.soft_break();
                (Frame::SoftBreak, true)
            }
            Action::Keep("a") => match link_href(e, self.base) {
                Some(href) => {
                    self.flush_break();
                    self.out.push_str("<a href=\"");
                    escape_into(&mut self.out, &href, true);
                    self.out.push_str("\" rel=\"");
                    self.out.push_str(LINK_REL);
                    self.out.push('"');
                    self.global_attrs(e);
                    self.out.push('>');
                    self.depth += 1;
                    (Frame::Close("a"), true)
                }
                None => (Frame::Nothing, true),
            },
            Action::Keep("img") => {
                self.image(e);
                (Frame::Nothing, false)
            }
            Action::Keep(tag) => {
                self.start_tag(e, tag);
                if VOID_TAGS.contains(&tag) {
                    (Frame::Nothing, false)
                } else {
                    self.depth += 1;
                    (Frame::Close(tag), true)
                }
            }
        }
    }

    /// Writes a start tag with its allowed attributes.
    fn start_tag(&mut self, e: &Element, tag: &'static str) {
        if tag == "br" {
            self.inline_open = false;
            self.break_pending = false;
        } else if is_block_tag(tag) {
            self.block_boundary();
        } else {
            self.flush_break();
        }
        self.out.push('<');
        self.out.push_str(tag);
        let attrs = allowed(tag).map_or(&[][..], |(_, attrs)| attrs);
        for &name in attrs {
            self.attr(e, name);
        }
        self.global_attrs(e);
        self.out.push('>');
        if tag == "pre" {
            self.pre += 1;
            self.pre_opened = true;
        }
    }

    fn global_attrs(&mut self, e: &Element) {
        for &name in GLOBAL_ATTRS {
            self.attr(e, name);
        }
    }

    /// Writes ` name="value"` if the element has a valid value for it.
    fn attr(&mut self, e: &Element, name: &str) {
        if let Some(value) = attr_value(e, name) {
            self.write_attr(name, value);
        }
    }

    fn write_attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Writes an image with a usable source not written yet; others are dropped.
    fn image(&mut self, e: &Element) {
        let Some(src) = image_src(e, self.base) else {
            return;
        };
        if !self.images.insert(src.clone()) {
            return;
        }
        self.start_inline();
        self.out.push_str("<img");
        self.write_attr("src", &src);
        for name in ["alt", "width", "height"] {
            self.attr(e, name);
        }
        self.global_attrs(e);
        self.out.push('>');
    }

    fn close(&mut self, tag: &'static str) {
        self.depth -= 1;
        if tag == "pre" {
            self.pre -= 1;
        }
        if is_block_tag(tag) {
            self.block_boundary();
        }
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// Writes text, escaped, with runs of whitespace collapsed outside `<pre>`.
    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            if std::mem::take(&mut self.pre_opened) && text.starts_with('\n') {
                self.out.push('\n');
            }
            escape_into(&mut self.out, text, false);
            return;
        }
        if text.bytes().all(|b| b.is_ascii_whitespace()) {
            if !text.is_empty() && !self.out.is_empty() && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            return;
        }
        self.start_inline();
        // One pass over the bytes: each run of ASCII whitespace becomes one space (a leading
        // run none when a space was just written) and `&`, `<`, `>` are escaped; the text
        // between them is copied a run at a time.
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i > 0 && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
        let mut copied = i;
        while i < b.len() {
            let entity = match b[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                c if c.is_ascii_whitespace() => {
                    self.out.push_str(&text[copied..i]);
                    self.out.push(' ');
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    copied = i;
                    continue;
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            self.out.push_str(&text[copied..i]);
            self.out.push_str(entity);
            i += 1;
            copied = i;
        }
        self.out.push_str(&text[copied..]);
    }

    /// Inline content (text, an image) follows.
    fn start_inline(&mut self) {
        self.flush_break();
        self.inline_open = true;
    }

    /// Writes the `<br>` owed since an unwrapped block ended a line with content on it.
    fn flush_break(&mut self) {
        self.pre_opened = false;
        if std::mem::take(&mut self.break_pending) {
            self.out.push_str("<br>");
        }
    }

    /// An unwrapped block starts or ends: inline content after it goes on a new line.
    fn soft_break(&mut self) {
        if self.inline_open {
            self.break_pending = true;
        }
    }

    /// A kept block starts or ends: lines are already broken.
    fn block_boundary(&mut self) {
        self.pre_opened = false;
        self.inline_open = false;
        self.break_pending = false;
    }
}

/// Asserts that HTML, parsed as a browser would, has only allowed elements and attributes
/// (plus `extra_tags`, and `class="pith-meta"`), and only safe URLs.
#[cfg(test)]
pub(crate) fn assert_only_allowed(html: &str, extra_tags: &[&str], context: &str) {
    let doc = crate::parse::parse_html(html);
    let body = doc.body().expect("a body");
    for n in doc.descendants(body) {
        let Some(e) = doc.element(n) else {
            continue;
        };
        let tag = e.tag();
        let attrs = allowed(tag).map(|(_, attrs)| attrs);
        assert!(
            e.html && (attrs.is_some() || extra_tags.contains(&tag)),
            "<{tag}> in {html:?} ({context})"
        );
        for a in &e.attrs {
            let (name, value) = (&*a.name.local, &*a.value);
            let ok = GLOBAL_ATTRS.contains(&name)
                || attrs.is_some_and(|list| list.contains(&name))
                || (tag == "a" && name == "rel" && value == LINK_REL)
                || (name == "class" && value == "pith-meta");
            assert!(ok, "{name}={value:?} on <{tag}> in {html:?} ({context})");
            let usage = match name {
                "href" => UrlUse::Link,
                "src" => UrlUse::Image,
                _ => continue,
            };
            assert_eq!(
                url::clean(value, None, usage).as_deref(),
                Some(value.trim()),
                "{name} on <{tag}> in {html:?} ({context})"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_allow_list_is_sorted_and_its_lookup_finds_every_tag() {
        assert!(super::ALLOWED.windows(2).all(|w| w[0].0 < w[1].0));
        for &(tag, attrs) in super::ALLOWED {
            assert_eq!(super::allowed(tag), Some((tag, attrs)));
        }
        for tag in ["", "div", "script", "A", "abbrx", "h7"] {
            assert_eq!(super::allowed(tag), None);
        }
    }

    use super::*;
    use crate::parse::parse_html;
    use std::time::Instant;

    const BASE: Option<&str> = Some("https://example.com/news/story.html");

    /// Sanitises the children of `<body>` of a parsed page.
    fn clean(html: &str) -> String {
        clean_with(html, BASE)
    }

    fn clean_with(html: &str, base: Option<&str>) -> String {
        let doc = parse_html(html);
        let body = doc.body().unwrap();
        let nodes: Vec<NodeId> = doc.children(body).collect();
        sanitize_nodes(&doc, &nodes, base)
    }

    /// Things that must never appear in sanitised output, lowercased.
    const FORBIDDEN: &[&str] = &[
        "<script",
        "</script",
        "javascript:",
        "vbscript:",
        "data:",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "<iframe",
        "srcdoc",
        "<svg",
        "<style",
        "style=",
        "<meta",
        "<base",
        "<form",
        "action=",
        "<object",
        "<embed",
        "<link",
        "<input",
        "<button",
        "<textarea",
        "<math",
        "formaction",
        "http-equiv",
        "<frame",
        "<applet",
        "<template",
        "class=",
        "id=",
        "target=",
    ];

    fn assert_clean(out: &str, payload: &str) {
        let lower = out.to_ascii_lowercase();
        for bad in FORBIDDEN {
            assert!(
                !lower.contains(bad),
                "{bad:?} survived in {out:?} (from {payload:?})"
            );
        }
    }

    #[test]
    fn payloads_do_not_survive() {
        let payloads = [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"javascript:alert(1)\">",
            "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt&#58;alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt&colon;alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<a href=\"java&#x0A;script:alert(1)\">x</a>",
            "<a href=\" &#14; javascript:alert(1)\">x</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
            "<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<a href=x target=_blank onclick=alert(1)>x</a>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<iframe src=javascript:alert(1)></iframe>",
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=alert(1)><a xlink:href=javascript:alert(1)>x</a></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<div style=\"width:expression(alert(1))\">x</div>",
            "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<form action=javascript:alert(1)><input type=submit formaction=javascript:alert(1)><button>x</button></form>",
            "<object data=javascript:alert(1)></object>",
            "<embed src=javascript:alert(1)>",
            "<link rel=stylesheet href=javascript:alert(1)>",
            "<applet code=x></applet>",
            "<template><script>alert(1)</script></template>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<body onload=alert(1)>",
            "<p id=x class=y onmouseover=alert(1)>x</p>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
            "<img src=\"x\" alt=\"\" onerror=\"alert(1)\" style=x>",
            "<video src=x onerror=alert(1)></video><audio src=x></audio>",
            "<canvas></canvas><frameset><frame src=javascript:alert(1)></frameset>",
            "<select><option>x</select><textarea>alert(1)</textarea>",
            "<a href=\"  javascript:alert(1)\">x</a><a href=\"\u{1}javascript:alert(1)\">y</a>",
        ];
        for payload in payloads {
            let out = clean(payload);
            assert_clean(&out, payload);
            assert_only_allowed(&out, &[], payload);
            // And once more through the fragment parser, as the renderers do.
            let again = sanitize_html(&out, None);
            assert_clean(&again, payload);
        }
    }

    #[test]
    fn escaped_markup_stays_text() {
        let out = clean("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"q\" 'a'</p>");
        assert_eq!(
            out,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"q\" 'a'</p>"
        );
        let out = clean("<img src=a.png alt='\"><script>x</script>'>");
        assert_eq!(
            out,
            "<img src=\"https://example.com/news/a.png\" alt=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">"
        );
    }

    #[test]
    fn keeps_allowed_markup_and_attributes() {
        let out = clean(
            "<p dir=RTL lang=ar class=x id=y style='color:red'>a <b>b</b> <em>c</em><br><code>d</code></p>\
             <ol start=3><li>x</li></ol><table><tr><td colspan=2 rowspan=x>c</td></tr></table>\
             <time datetime=2024-01-02>Jan 2</time><abbr title='World Health'>WHO</abbr>",
        );
        assert_eq!(
            out,
            "<p dir=\"rtl\" lang=\"ar\">a <b>b</b> <em>c</em><br><code>d</code></p>\
             <ol start=\"3\"><li>x</li></ol><table><tbody><tr><td colspan=\"2\">c</td></tr></tbody></table>\
             <time datetime=\"2024-01-02\">Jan 2</time><abbr title=\"World Health\">WHO</abbr>"
        );
    }

    #[test]
    fn links_get_rel_and_resolved_urls() {
        assert_eq!(
            clean("<a href='../about?a=1&amp;b=2' target=_blank>About</a> <a href=mailto:x@y.z>mail</a>"),
            "<a href=\"https://example.com/about?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">About</a> \
             <a href=\"mailto:x@y.z\" rel=\"noopener noreferrer nofollow\">mail</a>"
        );
        // Without a base, relative URLs stay relative; an unsafe link becomes its text.
        assert_eq!(
            clean_with("<a href=/x>x</a><a href=javascript:y>y</a><a>z</a>", None),
            "<a href=\"/x\" rel=\"noopener noreferrer nofollow\">x</a>yz"
        );
    }

    #[test]
    fn unwraps_unknown_and_drops_dangerous_subtrees() {
        assert_eq!(
            clean("<p><span><font>a</font></span><script>x</script><style>y</style><svg><text>z</text></svg>b</p>"),
            "<p>ab</p>"
        );
        assert_eq!(
            clean("<center><big>x</big></center><strike>y</strike><tt>z</tt>"),
            "x<br><s>y</s><code>z</code>"
        );
    }

    #[test]
    fn drops_hidden_elements() {
        let out = clean(
            "<p>a<span hidden>b</span><span aria-hidden=true>c</span><span style='DISPLAY: none'>d</span>\
             <span style='visibility :hidden'>e</span><span aria-hidden=false>f</span>\
             <span hidden=until-found>g</span></p>",
        );
        assert_eq!(out, "<p>afg</p>");
    }

    #[test]
    fn unwrapped_blocks_keep_their_lines() {
        assert_eq!(
            clean("<li><div>a</div><div><div>b</div></div>c<span>d</span></li>"),
            "<li>a<br>b<br>cd</li>"
        );
        assert_eq!(
            clean("<blockquote><div><p>a</p></div><div>b</div></blockquote>"),
            "<blockquote><p>a</p>b</blockquote>"
        );
    }

    #[test]
    fn keeps_whitespace_in_pre_only() {
        assert_eq!(clean("<p>a \n\t b</p>"), "<p>a b</p>");
        assert_eq!(
            clean("<pre>\n\n  x  <b>y</b>\n</pre>"),
            "<pre>\n\n  x  <b>y</b>\n</pre>"
        );
    }

    #[test]
    fn lazy_images_are_found() {
        // The placeholder is dropped and the real image kept, once.
        assert_eq!(
            clean("<figure><img src='data:image/gif;base64,R0lGOD' data-src=/img/a.jpg alt=A>\
                   <noscript><img src=/img/a.jpg alt=A></noscript><figcaption>Cap</figcaption></figure>"),
            "<figure><img src=\"https://example.com/img/a.jpg\" alt=\"A\"><figcaption>Cap</figcaption></figure>"
        );
        assert_eq!(
            clean("<p><img src='data:image/gif;base64,R0lGOD'><noscript><img src=b.jpg width=10 height=20px></noscript></p>"),
            "<p><img src=\"https://example.com/news/b.jpg\" width=\"10\"></p>"
        );
        assert_eq!(
            clean("<img srcset='s.jpg 320w, m.jpg 640w, l.jpg 1280w, x.jpg 800w'>"),
            "<img src=\"https://example.com/news/l.jpg\">"
        );
        assert_eq!(
            clean("<img data-srcset='a.jpg, b.jpg 2x'><img data-lazy-src=c.jpg><img data-original=d.jpg>"),
            "<img src=\"https://example.com/news/b.jpg\"><img src=\"https://example.com/news/c.jpg\">\
             <img src=\"https://example.com/news/d.jpg\">"
        );
        // Text and other markup inside noscript are dropped.
        assert_eq!(
            clean("<div><noscript><p>Enable JavaScript</p></noscript></div>"),
            ""
        );
        // No usable source at all: no image.
        assert_eq!(clean("<img><img src='data:image/png;base64,AA'>"), "");
    }

    #[test]
    fn srcset_with_commas_in_urls() {
        assert_eq!(
            largest_candidate("https://c.example/w_300,h_200/a.jpg 300w, https://c.example/w_900,h_600/a.jpg 900w"),
            Some("https://c.example/w_900,h_600/a.jpg")
        );
        assert_eq!(largest_candidate("a.jpg"), Some("a.jpg"));
        assert_eq!(largest_candidate(" , "), None);
    }

    #[test]
    fn element_block_is_written_with_its_own_tag() {
        let doc = parse_html("<div><p class=x>One <i>two</i></p>tail <a href=/t>link</a></div>");
        let p = doc.find(Document::ROOT, "p").unwrap();
        assert_eq!(sanitize_nodes(&doc, &[p], None), "<p>One <i>two</i></p>");
        let tail: Vec<NodeId> = doc.children(doc.node(p).parent.unwrap()).skip(1).collect();
        assert_eq!(
            sanitize_nodes(&doc, &tail, Some("http://h/")),
            "tail <a href=\"http://h/t\" rel=\"noopener noreferrer nofollow\">link</a>"
        );
    }

    #[test]
    fn fragments_parse_in_context() {
        assert_eq!(
            sanitize_html("<tr><td>a</td></tr>", None),
            "<table><tbody><tr><td>a</td></tr></tbody></table>"
        );
        assert_eq!(
            sanitize_html("<td>a</td>", None),
            "<table><tbody><tr><td>a</td></tr></tbody></table>"
        );
        assert_eq!(sanitize_html("<li>a</li>", None), "<li>a</li>");
    }

    #[test]
    fn sanitising_is_idempotent() {
        let page = "<article><h2 dir=rtl>T</h2><p>a &amp; <a href=x>b</a><br><img data-src=i.png alt='&quot;'></p>\
                    <pre>\n\nkeep</pre><table><tr><th>h</th></tr><tr><td colspan=2>c</td></tr></table>\
                    <ul><li>x<ul><li>y</li></ul></li></ul><div>d</div>e</article>";
        let once = clean(page);
        assert_eq!(sanitize_html(&once, BASE), once);
    }

    /// A document of `depth` nested elements (cycling through `tags`) around one text node,
    /// built directly: parsing such a page is quadratic in html5ever's scope checks.
    fn nested(tags: &[&str], depth: usize, text: &str) -> Document {
        use crate::dom::Node;
        use html5ever::tendril::StrTendril;
        fn node(data: NodeData, parent: Option<NodeId>) -> Node {
            Node {
                parent,
                first_child: None,
                last_child: None,
                prev_sibling: None,
                next_sibling: None,
                data,
                line: 1,
            }
        }
        let mut nodes = vec![node(NodeData::Document, None)];
        for i in 0..=depth {
            let parent = nodes.len() - 1;
            let data = if i == depth {
                NodeData::Text(StrTendril::from(text))
            } else {
                NodeData::Element(Element {
                    name: tags[i % tags.len()].into(),
                    html: true,
                    attrs: Vec::new(),
                    template_contents: None,
                    mathml_annotation_xml_integration_point: false,
                })
            };
            nodes.push(node(data, Some(parent)));
            nodes[parent].first_child = Some(parent + 1);
            nodes[parent].last_child = Some(parent + 1);
        }
        Document {
            nodes,
            line_starts: vec![0],
            source_len: 0,
            element_index: Vec::new(),
        }
    }

    #[test]
    fn deep_nesting_is_fast_and_safe() {
        let start = Instant::now();
        let doc = nested(&["div", "b"], 100_000, "deep");
        let out = sanitize_nodes(&doc, &[1], None);
        assert_eq!(
            out,
            format!(
                "{}deep{}",
                "<b>".repeat(MAX_DEPTH),
                "</b>".repeat(MAX_DEPTH)
            )
        );

        let doc = nested(&["blockquote"], 100_000, "deep");
        let out = sanitize_nodes(&doc, &[1], None);
        assert_eq!(out.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</blockquote>").count(), MAX_DEPTH);

        let doc = nested(&["script", "p"], 100_000, "x");
        assert_eq!(sanitize_nodes(&doc, &[1], None), "");
        assert!(start.elapsed().as_secs() < 2, "took {:?}", start.elapsed());

        // Through the parser too, with a tag it nests in linear time.
        let doc = parse_html(&format!("<p>{}deep", "<span>".repeat(100_000)));
        let p = doc.find(Document::ROOT, "p").unwrap();
        assert_eq!(sanitize_nodes(&doc, &[p], None), "<p>deep</p>");
    }
}
