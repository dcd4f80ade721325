//! What a hidden element's text is beside the text the page shows: a copy of it, or more than
//! it (see `segment::is_streamed`).
//!
//! A page may hide a second copy of what it shows (the story's source text for a "copy as
//! Markdown" button, a mobile copy of the page, a print version): revealing it would give the
//! reader everything twice. Its words, taken four at a time (word shingles), are found again in
//! the text around it; those of content that scripts move into place are not.

use crate::dom::{Document, NodeData, NodeId};
use crate::fnv::Fnv;
use crate::segment::{is_hidden, is_skipped_tag};
use crate::text_util::{is_cjk, is_word_char};
use std::hash::Hasher;

/// Words in a shingle.
const SHINGLE: usize = 4;

/// A set of shingle hashes by open addressing: a few lines of its own rather than one more
/// instance of the standard hash set in the wasm.
struct ShingleSet {
    slots: Vec<u64>,
    shift: u32,
}

impl ShingleSet {
    fn new(hashes: impl ExactSizeIterator<Item = u64>) -> ShingleSet {
        let cap = (hashes.len() * 2).next_power_of_two().max(8);
        let mut set = ShingleSet {
            slots: vec![0; cap],
            shift: 64 - cap.trailing_zeros(),
        };
        for h in hashes {
            let (mut i, k) = set.slot(h);
            while set.slots[i] != 0 && set.slots[i] != k {
                i = (i + 1) & (set.slots.len() - 1);
            }
            set.slots[i] = k;
        }
        set
    }

    /// The first slot to try for `h`, and its key (never 0, the empty slot's).
    fn slot(&self, h: u64) -> (usize, u64) {
        let k = h | 1;
        (
            (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize,
            k,
        )
    }

    fn contains(&self, h: u64) -> bool {
        let (mut i, k) = self.slot(h);
        loop {
            match self.slots[i] {
                0 => return false,
                x if x == k => return true,
                _ => i = (i + 1) & (self.slots.len() - 1),
            }
        }
    }
}

/// Word hashes of a text, appended to `out`: runs of letters and digits, case folded, each
/// CJK character a word of its own (those scripts put no spaces between words).
#[cfg_attr(pith_size, optimize(size))]
fn push_words(text: &str, out: &mut Vec<u64>) {
    let mut h: Option<Fnv> = None;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if is_cjk(c) {
            if let Some(w) = h.take() {
                out.push(w.finish());
            }
            let mut one = Fnv::default();
            one.write(c.encode_utf8(&mut buf).as_bytes());
            out.push(one.finish());
        } else if is_word_char(c) {
            let w = h.get_or_insert_with(Fnv::default);
            for l in crate::lower::lower_char(c) {
                w.write(l.encode_utf8(&mut buf).as_bytes());
            }
        } else if let Some(w) = h.take() {
            out.push(w.finish());
        }
    }
    if let Some(w) = h.take() {
        out.push(w.finish());
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn shingle(words: &[u64]) -> u64 {
    words.iter().fold(0u64, |acc, &w| {
        acc.rotate_left(17) ^ w.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    })
}

/// The words of the text below `root` as a reader sees it: not under skipped tags (scripts,
/// styles) nor hidden elements, and not below `except`. The words of separate text nodes run
/// together, as a block's do.
#[cfg_attr(pith_size, optimize(size))]
fn visible_words(doc: &Document, root: NodeId, except: NodeId, out: &mut Vec<u64>) {
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if id == except {
            continue;
        }
        match &doc.node(id).data {
            NodeData::Text(t) => {
                push_words(t, out);
                continue;
            }
            NodeData::Element(e) => {
                if id != root && (is_skipped_tag(e.tag()) || is_hidden(doc, id)) {
                    continue;
                }
            }
            _ => {}
        }
        let from = stack.len();
        stack.extend(doc.children(id));
        stack[from..].reverse();
    }
}

/// The share of the word shingles of the text below `id` (all of it, hidden or not, as it
/// would be revealed) that the page's visible text outside `id`, below `body`, holds too. 0 for
/// a text shorter than one shingle.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn share_shown_elsewhere(doc: &Document, id: NodeId, body: NodeId) -> f32 {
    let mut inside = Vec::new();
    for n in doc.descendants(id) {
        if let Some(t) = doc.text(n) {
            let skipped = doc
                .node(n)
                .parent
                .is_some_and(|p| p != id && is_skipped_tag(doc.tag(p)));
            if !skipped {
                push_words(t, &mut inside);
            }
        }
    }
    if inside.len() < SHINGLE {
        return 0.0;
    }
    let mut outside = Vec::new();
    visible_words(doc, body, id, &mut outside);
    let seen = ShingleSet::new(outside.windows(SHINGLE).map(shingle));
    let total = inside.len() + 1 - SHINGLE;
    let found = inside
        .windows(SHINGLE)
        .filter(|w| seen.contains(shingle(w)))
        .count();
    found as f32 / total as f32
}

/// Bytes of text in the visible paragraphs (`<p>`) below `body`, outside `except`: the running
/// text the page shows.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn visible_paragraph_text(doc: &Document, body: NodeId, except: NodeId) -> usize {
    let shown = |n: NodeId, e: &crate::dom::Element| {
        n == body || !(is_skipped_tag(e.tag()) || is_hidden(doc, n))
    };
    let mut total = 0;
    let mut stack = vec![(body, false)];
    while let Some((id, in_p)) = stack.pop() {
        if id == except {
            continue;
        }
        let in_p = match &doc.node(id).data {
            NodeData::Text(t) => {
                if in_p {
                    total += t.trim().len();
                }
                continue;
            }
            NodeData::Element(e) if !shown(id, e) => continue,
            NodeData::Element(e) => in_p || e.tag() == "p",
            _ => in_p,
        };
        stack.extend(doc.children(id).map(|c| (c, in_p)));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(html: &str) -> f32 {
        let doc = crate::parse::parse_html(html);
        let body = doc.body().unwrap();
        let id = doc
            .descendants(body)
            .find(|&n| doc.attr(n, "id") == Some("copy"))
            .unwrap();
        share_shown_elsewhere(&doc, id, body)
    }

    #[test]
    fn a_hidden_copy_of_the_story_repeats_it() {
        let s = share(
            "<body><p>The river rose three metres overnight and the bridge closed at dawn.</p>\
             <pre id=copy hidden># Flood\n\nThe **river** rose three metres overnight and the \
             bridge closed at dawn.</pre></body>",
        );
        assert!(s > 0.8, "{s}");
    }

    #[test]
    fn hidden_content_of_its_own_does_not() {
        let s = share(
            "<body><p>The river rose three metres overnight and the bridge closed at dawn.</p>\
             <div id=copy hidden>Walnut veneer, soft-close hinges and a lifetime warranty on \
             every drawer.</div></body>",
        );
        assert!(s < 0.1, "{s}");
    }

    #[test]
    fn text_hidden_elsewhere_does_not_count_as_shown() {
        let s = share(
            "<body><div hidden>Walnut veneer, soft-close hinges and a lifetime warranty.</div>\
             <div id=copy style='display:none'>Walnut veneer, soft-close hinges and a lifetime \
             warranty.</div></body>",
        );
        assert!(s < 0.1, "{s}");
    }

    #[test]
    fn paragraphs_shown_count_and_hidden_ones_do_not() {
        let doc = crate::parse::parse_html(
            "<body><p>Four <b>five</b></p><div>menu</div><p hidden>no</p>\
             <div id=x><p>inside</p></div></body>",
        );
        let body = doc.body().unwrap();
        let x = doc
            .descendants(body)
            .find(|&n| doc.attr(n, "id") == Some("x"))
            .unwrap();
        assert_eq!(visible_paragraph_text(&doc, body, x), 8);
    }
}
