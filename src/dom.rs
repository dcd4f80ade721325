//! The tree Pith owns: an arena of nodes addressed by index, built by `parse`.
//! Features and scores live in side tables keyed by [`NodeId`], never in the tree.

use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName};

/// Index of a node in [`Document::nodes`]. The document node is 0.
pub(crate) type NodeId = usize;

pub(crate) struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev_sibling: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub data: NodeData,
    /// 1-based source line where the parser created the node.
    pub line: u32,
}

pub(crate) enum NodeData {
    Document,
    Doctype,
    Text(StrTendril),
    Comment,
    Element(Element),
}

pub(crate) struct Element {
    pub name: LocalName,
    /// In the HTML namespace (not SVG or MathML).
    pub html: bool,
    pub attrs: Vec<Attribute>,
    /// For `<template>`: the fragment holding its (inert) contents.
    pub template_contents: Option<NodeId>,
    pub mathml_annotation_xml_integration_point: bool,
}

impl Element {
    #[inline(never)]
    pub fn attr(&self, name: &str) -> Option<&str> {
        // Length and first byte before the bytes: in the wasm a string comparison is a call to
        // memcmp, and most attributes of the same length differ at once ("class", "style").
        let first = name.as_bytes().first();
        self.attrs
            .iter()
            .find(|a| {
                let n: &str = &a.name.local;
                n.len() == name.len() && n.as_bytes().first() == first && n == name
            })
            .map(|a| &*a.value)
    }

    pub fn tag(&self) -> &str {
        &self.name
    }
}

/// A parsed page.
pub(crate) struct Document {
    pub nodes: Vec<Node>,
    /// Byte offset where each source line starts (index 0 is line 1).
    pub line_starts: Vec<usize>,
    /// Length of the source in bytes.
    pub source_len: usize,
    /// Each element's index among its parent's element children (0 for other nodes).
    pub element_index: Vec<u32>,
}

impl Document {
    pub const ROOT: NodeId = 0;

    /// Numbers every element among its element siblings, in one pass.
    pub fn index_elements(&mut self) {
        let mut index = vec![0u32; self.nodes.len()];
        for parent in 0..self.nodes.len() {
            let mut i = 0;
            let mut cur = self.nodes[parent].first_child;
            while let Some(c) = cur {
                if matches!(self.nodes[c].data, NodeData::Element(_)) {
                    index[c] = i;
                    i += 1;
                }
                cur = self.nodes[c].next_sibling;
            }
        }
        self.element_index = index;
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The element's local name, or "" for other nodes.
    pub fn tag(&self, id: NodeId) -> &str {
        self.element(id).map_or("", |e| e.tag())
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: self.nodes[id].first_child,
        }
    }

    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(|&c| self.element(c).is_some())
    }

    /// All nodes below `id` in document order (not `id` itself), without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            doc: self,
            root: id,
            next: self.nodes[id].first_child,
        }
    }

    /// The first element below `id` (document order) with this tag.
    pub fn find(&self, id: NodeId, tag: &str) -> Option<NodeId> {
        self.descendants(id).find(|&n| self.tag(n) == tag)
    }

    /// `<html>`, `<head>` and `<body>` (the parser always makes all three).
    pub fn html(&self) -> NodeId {
        self.element_children(Self::ROOT)
            .next()
            .unwrap_or(Self::ROOT)
    }

    pub fn body(&self) -> Option<NodeId> {
        self.element_children(self.html())
            .find(|&c| matches!(self.tag(c), "body" | "frameset"))
    }

    /// All text below `id`, concatenated as it stands in the source.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Some(t) = self.text(id) {
            out.push_str(t);
        }
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                out.push_str(t);
            }
        }
        out
    }

    /// Element-child indices from `<html>` down to `id`, `/`-separated ("" for `<html>`).
    pub fn path(&self, id: NodeId) -> String {
        let mut steps = Vec::new();
        let html = self.html();
        let mut cur = id;
        while cur != html {
            let Some(parent) = self.nodes[cur].parent else {
                break;
            };
            steps.push(self.element_index[cur]);
            cur = parent;
        }
        let mut out = String::with_capacity(steps.len() * 3);
        for (i, &step) in steps.iter().rev().enumerate() {
            if i > 0 {
                out.push('/');
            }
            push_decimal(&mut out, step);
        }
        out
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_offset(&self, line: u32) -> usize {
        let i = (line.max(1) - 1) as usize;
        self.line_starts.get(i).copied().unwrap_or(self.source_len)
    }

    /// Byte offset of the end of a 1-based line (the start of the next, or the end of input).
    pub fn line_end_offset(&self, line: u32) -> usize {
        self.line_starts
            .get(line.max(1) as usize)
            .copied()
            .unwrap_or(self.source_len)
    }

    /// Whether `ancestor` is `id` or one of its ancestors.
    /// `id` and its ancestors, nearest first, up to the document.
    pub fn inclusive_ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), |&n| self.nodes[n].parent)
    }

    pub fn is_inclusive_ancestor(&self, ancestor: NodeId, mut id: NodeId) -> bool {
        loop {
            if id == ancestor {
                return true;
            }
            match self.nodes[id].parent {
                Some(p) => id = p,
                None => return false,
            }
        }
    }
}

pub(crate) struct Children<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.doc.nodes[id].next_sibling;
        Some(id)
    }
}

pub(crate) struct Descendants<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<NodeId>,
}

impl Descendants<'_> {
    /// Skips the subtree of the node last returned.
    pub fn skip_subtree(&mut self, last: NodeId) {
        self.next = self.after(last);
    }

    fn after(&self, mut id: NodeId) -> Option<NodeId> {
        loop {
            if id == self.root {
                return None;
            }
            let node = &self.doc.nodes[id];
            if let Some(s) = node.next_sibling {
                return Some(s);
            }
            id = node.parent?;
        }
    }
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = match self.doc.nodes[id].first_child {
            Some(c) => Some(c),
            None => self.after(id),
        };
        Some(id)
    }
}

/// Appends `n` in decimal: a block's path has a step per ancestor, and `to_string` allocated
/// and went through the formatter for each (a third of building a block in the segmenter).
fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::push_decimal;

    #[test]
    fn decimal_steps() {
        let mut s = String::new();
        for n in [0, 7, 10, 305, 4_294_967_295] {
            push_decimal(&mut s, n);
            s.push('/');
        }
        assert_eq!(s, "0/7/10/305/4294967295/");
    }
}
