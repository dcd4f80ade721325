// From Pith's blocks back to the live elements they came from.
//
// A block's `path` is a list of element-child indices from <html>, in the tree html5ever
// builds from the HTML Pith was given. That tree is not always the live DOM: scripts build
// DOMs the parser never would (a <tr> straight in a <table>, nested forms), and the live
// page keeps <noscript> content as text. So the widget parses the skeleton (serialize.js)
// with the browser's own spec parser, scripting off, as html5ever does: the result has the
// same element structure as Pith's tree, and each of its elements carries the index of the
// live element it was written from. A path is followed in that tree, then the marker leads
// to the live element. Paths agree with the live DOM wherever the round trip is faithful;
// where it is not, the markers still land on the right elements.
//
// A "run" block (inline content straight inside a container) has the container's path; the
// run's nodes are found among the container's children with Pith's own cutting rules
// (block-level children and double <br>s end a run) and confirmed by the block's text.
//
// Every block is checked: its element's tag against the block's tag and its text against the
// block's text (whitespace aside). `exact` says both agreed.

import { MARK } from './serialize.js';
import { trustedPolicy } from './engine.js';

// As the core's segment.rs: block-level tags, and elements whose content is never text.
const BLOCK_TAGS = new Set(('address article aside blockquote body center dd details dialog dir div dl dt ' +
  'fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li ' +
  'main menu nav ol p pre section summary table tbody td tfoot th thead tr ul caption search listing xmp').split(' '));
const SKIPPED = new Set(('script style template head title meta link svg math iframe frame object embed ' +
  'canvas audio video select option textarea input datalist map noembed noframes param source track ' +
  'dialog noscript').split(' '));
const BLOCK_SELECTOR = ('address article aside blockquote body center dd details dialog dir div dl dt ' +
  'fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li ' +
  'main menu nav ol p pre section summary table tbody td tfoot th thead tr ul caption search listing xmp')
  .replace(/ /g, ',');
// Unicode White_Space, as Rust's char::is_whitespace.
const WS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

const TRAILING_WS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;

/** A block's text with all whitespace removed: what the check compares. */
export const textKey = (s) => (s || '').replace(WS, '');

/**
 * Whether a button is a control, not text (segment.rs is_control): it opens no panel
 * (aria-expanded, aria-controls) and asks no question (its last text does not end in one).
 */
function isControl(el) {
  if (el.hasAttribute('aria-expanded') || el.hasAttribute('aria-controls')) return false;
  let last = '';
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* text */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.data.replace(TRAILING_WS, '');
    if (t) last = t;
  }
  return !/[?？؟]$/.test(last);
}

const NOT_IN_LABEL = new Set('a img picture p h1 h2 h3 h4 h5 h6 ul ol'.split(' '));

/**
 * Whether an element with the button role holds no more than a label (segment.rs
 * is_label_sized): at most CONTROL_MAX_LABEL_BYTES of text (trimmed text nodes, in UTF-8
 * bytes) and no link, picture, paragraph, heading or list.
 */
function isLabelSized(el) {
  let len = 0;
  const walker = el.ownerDocument.createTreeWalker(el, 1 | 4 /* elements and text */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if (NOT_IN_LABEL.has(n.localName)) return false;
      continue;
    }
    len += utf8Length(n.data.trim());
    if (len > 80) return false;
  }
  return true;
}

function utf8Length(s) {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0);
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * Whether a <label> names a check box (segment.rs labels_checkbox): one inside it, or one
 * among its siblings whose id its `for` names.
 */
function labelsCheckbox(el) {
  const checkbox = (n) => n.localName === 'input' && (n.getAttribute('type') || '').trim().toLowerCase() === 'checkbox';
  for (const n of el.querySelectorAll('input')) if (checkbox(n)) return true;
  const target = el.getAttribute('for');
  if (target === null || el.parentElement === null) return false;
  for (let c = el.parentElement.firstElementChild; c; c = c.nextElementSibling) {
    if (checkbox(c) && c.getAttribute('id') === target) return true;
  }
  return false;
}

/** Whether the core treats `el` as hidden by markup (segment.rs is_hidden). */
export function hiddenByMarkup(el) {
  if (el.localName === 'input') return true;
  if (el.localName === 'button' && isControl(el)) return true;
  const role = el.getAttribute('role');
  if (role !== null && role.trim().toLowerCase() === 'button' && isLabelSized(el) && isControl(el)) {
    return true;
  }
  if (el.localName === 'label' && isLabelSized(el) && labelsCheckbox(el)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style) {
    const s = style.replace(/\s+/g, '').toLowerCase();
    if (s.includes('display:none') || s.includes('visibility:hidden')) return true;
  }
  return false;
}

/**
 * The text the core would read from live `nodes` (skipped and hidden subtrees left out; the
 * nodes themselves too, unless `whole`: a block's own element is read even when hidden), minus
 * the subtrees in `exclude`.
 */
export function liveTextKey(nodes, { whole = false, exclude = null } = {}) {
  let out = '';
  const skip = (n) => SKIPPED.has(n.localName) || hiddenByMarkup(n) || (exclude !== null && exclude.has(n));
  for (let i = 0; i < nodes.length; i++) {
    const root = nodes[i];
    if (root.nodeType === 3) { out += root.data; continue; }
    if (root.nodeType !== 1 || (!whole && skip(root))) continue;
    const walker = root.ownerDocument.createTreeWalker(root, 5 /* elements and text */);
    let n = walker.nextNode();
    while (n) {
      if (n.nodeType === 3) {
        if (exclude === null || !exclude.has(n)) out += n.data;
        n = walker.nextNode();
      } else if (skip(n)) {
        // Skip the subtree: next sibling, or the next sibling of an ancestor.
        let next = null;
        while (n && n !== root && !(next = walker.nextSibling())) n = walker.parentNode();
        n = next;
      } else {
        n = walker.nextNode();
      }
    }
  }
  return textKey(out);
}

/**
 * Parses the skeleton with the browser's parser in an inert document (no scripts, no loads),
 * in chunks written between pauses so no single step is long. Resolves with the document, or
 * null when the page forbids it (Trusted Types).
 */
export async function parseSkeleton(skeleton, { pause, sliceMs = 5, signal } = {}) {
  const doc = document.implementation.createHTMLDocument('');
  try {
    doc.open();
    let chunk = 8192;
    for (let i = 0; i < skeleton.length;) {
      let end = Math.min(skeleton.length, i + chunk);
      const c = skeleton.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff && end < skeleton.length) end++; // keep surrogate pairs whole
      const t0 = performance.now();
      const part = skeleton.slice(i, end);
      try {
        doc.write(part);
      } catch (e) {
        // Trusted Types: a string is refused; the widget's policy, if the page allows it.
        const p = e instanceof TypeError && trustedPolicy();
        if (!p) throw e;
        doc.write(p.createHTML(part));
      }
      const ms = performance.now() - t0;
      i = end;
      // Aim each write at about sliceMs, growing slowly (parse time is not linear in size).
      chunk = Math.max(2048, Math.min(32768, Math.round(chunk * Math.min(2, sliceMs / Math.max(ms, 0.5)))));
      if (signal?.aborted) throw signal.reason;
      if (i < skeleton.length) await pause();
    }
    doc.close();
    return doc;
  } catch (e) {
    if (signal?.aborted) throw e;
    return null; // Trusted Types refuse document.write: map on the live DOM instead
  }
}

/**
 * The live nodes from `start` to `end` in document order, as whole subtrees: siblings when
 * they share a parent (the usual case), else what a range between them would hold.
 */
export function nodesBetween(start, end) {
  const out = [];
  let n = start;
  for (let guard = 0; n && guard < 100000; guard++) {
    if (n === end) {
      out[out.length] = n;
      break;
    }
    if (n.contains(end)) {
      n = n.firstChild;
      continue;
    }
    out[out.length] = n;
    while (n && !n.nextSibling) n = n.parentNode;
    n = n && n.nextSibling;
  }
  return out;
}

/** The element at `path` (element-child indices from <html>); `kids(el)` lists element children. */
function follow(html, path, kids) {
  let el = html;
  if (!path) return el;
  const parts = path.split('/');
  for (let i = 0; i < parts.length && el; i++) {
    const list = kids(el);
    el = list[Number(parts[i])] || null;
  }
  return el;
}

/**
 * Maps every block to live nodes. `skelDoc` is the parsed skeleton (or null: then paths are
 * followed in the live DOM itself, skipping `skip`), `nodes` the live elements by marker.
 * Works in slices. Resolves with one entry per block:
 *   { el, start, end, exact }  — `el` the live element (a run's container), `start`/`end` the
 *   first and last live nodes of a run (null otherwise), `exact` whether tag and text agreed.
 */
export async function mapBlocks(blocks, { skelDoc, nodes, liveDoc, skip, pause, sliceMs = 8, signal }) {
  const out = new Array(blocks.length);
  const live = skelDoc
    ? (o) => (o && o.nodeType === 1 ? nodes[Number(o.getAttribute(MARK))] || null : null)
    : (o) => o;
  const kids = skelDoc
    ? (el) => el.children
    : (el) => {
      const list = [];
      for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (c !== skip) list[list.length] = c;
      return list;
    };
  const top = skelDoc ? skelDoc.documentElement : liveDoc.documentElement;
  const runsOf = new Map(); // container (tree node) → { runs, cursor }
  const alignOf = new Map(); // container (tree node) → Map(tree child → { start, end })
  let t0 = performance.now();
  for (let i = 0; i < blocks.length; i++) {
    if (performance.now() - t0 > sliceMs) {
      await pause();
      if (signal?.aborted) throw signal.reason;
      t0 = performance.now();
    }
    const b = blocks[i];
    const o = b.path == null ? null : follow(top, b.path, kids);
    const el = live(o);
    if (!o || !el) {
      out[i] = { el: null, start: null, end: null, exact: false };
      continue;
    }
    const tagOk = o.localName === b.tag;
    const key = textKey(b.text);
    // Is the block the element itself, or a run of inline content inside it?
    let isRun = true;
    let elKey = null;
    if (ALWAYS_WHOLE.has(b.tag)) isRun = false;
    else if (MAYBE_WHOLE.has(b.tag)) isRun = (elKey = liveTextKey([el], { whole: true })) !== key;
    if (!isRun) {
      const exact = tagOk && (elKey ?? liveTextKey([el], { whole: true })) === key;
      out[i] = { el, start: null, end: null, exact };
      continue;
    }
    // A run: find its nodes among the container's children.
    let entry = runsOf.get(o);
    if (!entry) {
      entry = { runs: cutRuns(o, live), cursor: 0 };
      runsOf.set(o, entry);
    }
    const hit = pickRun(entry, key);
    if (!hit) {
      out[i] = { el, start: null, end: null, exact: false };
      continue;
    }
    let align = alignOf.get(o);
    if (!align) {
      align = alignChildren(o, el, live, skelDoc != null);
      alignOf.set(o, align);
    }
    const first = align.get(hit.nodes[0]);
    const last = align.get(hit.nodes[hit.nodes.length - 1]);
    if (!first || !last) {
      out[i] = { el, start: null, end: null, exact: false };
      continue;
    }
    let start = first.start;
    let end = last.end;
    // Foster-parented text can come before its run's first element in the live page.
    if (start !== end && start.compareDocumentPosition(end) & 2 /* PRECEDING */) {
      const t = start;
      start = end;
      end = t;
    }
    const exact = tagOk && hit.exact && liveTextKey(nodesBetween(start, end)) === key;
    out[i] = { el, start, end, exact };
  }
  recheckNested(blocks, out);
  return out;
}

/**
 * A script can nest elements the parser never would (a <p> in a <p>, a <div> in a <table>);
 * Pith then reads them apart, and the outer element's text holds the inner block's. Such
 * blocks are exact when their text matches with the other blocks' elements left out.
 */
function recheckNested(blocks, out) {
  let inner = null;
  for (let i = 0; i < out.length; i++) {
    const m = out[i];
    if (m.exact || !m.el || m.start || m.el.localName !== blocks[i].tag) continue;
    if (!inner) {
      // Every other block's element, and the nodes of every run.
      inner = new Set();
      for (let j = 0; j < out.length; j++) {
        const o = out[j];
        if (o.start) {
          const run = nodesBetween(o.start, o.end);
          for (let k = 0; k < run.length; k++) inner.add(run[k]);
        } else if (o.el) {
          inner.add(o.el);
        }
      }
    }
    inner.delete(m.el);
    m.exact = liveTextKey([m.el], { whole: true, exclude: inner }) === textKey(blocks[i].text);
    inner.add(m.el);
  }
}

// Tags of blocks cut from one whole element (segment.rs shape_of). The first set is always
// read whole; the second only when not too much is inside (else the element is opened up as a
// container, and its inline content makes runs carrying its tag). Any other tag is a run's.
const ALWAYS_WHOLE = new Set('p address dt dd summary legend h1 h2 h3 h4 h5 h6 pre listing xmp figcaption caption'.split(' '));
const MAYBE_WHOLE = new Set('ul ol dl menu dir blockquote table figure'.split(' '));

/** The container's inline runs, cut as the core cuts them (segment.rs). */
function cutRuns(container, live) {
  const runs = [];
  let cur = [];
  let brs = 0;
  const flush = () => {
    if (cur.length) runs[runs.length] = cur;
    cur = [];
  };
  const kids = container.localName === 'template' ? [] : container.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    if (c.nodeType === 3) {
      if (/\S/.test(c.data)) brs = 0;
      cur[cur.length] = c;
      continue;
    }
    if (c.nodeType !== 1) continue;
    const tag = c.localName;
    const l = live(c);
    if (SKIPPED.has(tag) || (l && hiddenByMarkup(l))) continue;
    if (tag === 'br') {
      brs++;
      if (brs >= 2) { flush(); brs = 0; } else cur[cur.length] = c;
      continue;
    }
    if (tag === 'hr' || BLOCK_TAGS.has(tag) || c.querySelector(BLOCK_SELECTOR)) { flush(); continue; }
    cur[cur.length] = c;
  }
  flush();
  // Keep runs with something in them (text or an image), each with its text key.
  const kept = [];
  for (let i = 0; i < runs.length; i++) {
    const nodes = runs[i];
    let text = '';
    let images = 0;
    for (let j = 0; j < nodes.length; j++) {
      const n = nodes[j];
      if (n.nodeType === 3) text += n.data;
      else {
        text += treeText(n);
        images += n.localName === 'img' ? 1 : n.getElementsByTagName('img').length;
      }
    }
    const key = textKey(text);
    if (key || images) kept[kept.length] = { nodes, key, images };
  }
  return kept;
}

/** Text of a tree element, skipped tags left out (hidden ones are rare inside runs). */
function treeText(el) {
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, 5);
  let n = walker.nextNode();
  while (n) {
    if (n.nodeType === 3) {
      out += n.data;
      n = walker.nextNode();
    } else if (SKIPPED.has(n.localName)) {
      let next = null;
      while (n && n !== el && !(next = walker.nextSibling())) n = walker.parentNode();
      n = next;
    } else {
      n = walker.nextNode();
    }
  }
  return out;
}

/** The next run matching `key`: same text first, then one containing it (or contained). */
function pickRun(entry, key) {
  const runs = entry.runs;
  for (let i = entry.cursor; i < runs.length; i++) {
    if (runs[i].key === key && (key || runs[i].images)) {
      entry.cursor = i + 1;
      return { nodes: runs[i].nodes, exact: true };
    }
  }
  if (!key) return null;
  for (let i = entry.cursor; i < runs.length; i++) {
    if (runs[i].key && (runs[i].key.includes(key) || key.includes(runs[i].key))) {
      entry.cursor = i + 1;
      return { nodes: runs[i].nodes, exact: false };
    }
  }
  return null;
}

/**
 * Pairs the tree container's child nodes with live nodes: elements by marker, text and
 * comments in order between them. A text node of the tree may stand for several adjacent
 * live text nodes (scripts can split text; serialising joins it): `{ start, end }`. When the
 * live DOM is shaped differently (a script nested what the parser un-nests), a text node is
 * looked up in document order after the nearest marked element before it: serialising and
 * parsing keep the text in document order (bar foster-parenting, which the search covers).
 */
function alignChildren(o, liveEl, live, viaSkeleton) {
  const map = new Map();
  if (!viaSkeleton) {
    for (let c = o.firstChild; c; c = c.nextSibling) map.set(c, { start: c, end: c });
    return map;
  }
  let l = liveEl.firstChild;
  for (let c = o.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) {
      const target = live(c);
      if (target) {
        map.set(c, { start: target, end: target });
        if (target.parentNode === liveEl) l = target.nextSibling;
      }
      continue;
    }
    // Text or comment: the next live node of the same type, before the next element.
    while (l && l.nodeType !== c.nodeType && l.nodeType !== 1) l = l.nextSibling;
    if (l && l.nodeType === c.nodeType && (c.nodeType !== 3 || c.data.startsWith(l.data))) {
      const start = l;
      let end = l;
      if (c.nodeType === 3) {
        let text = l.data;
        while (end.nextSibling && end.nextSibling.nodeType === 3 && c.data.startsWith(text + end.nextSibling.data)) {
          end = end.nextSibling;
          text += end.data;
        }
      }
      map.set(c, { start, end });
      l = end.nextSibling;
      continue;
    }
    if (c.nodeType === 3 && /\S/.test(c.data)) {
      const found = findText(c, live);
      if (found) map.set(c, found);
    }
  }
  return map;
}

const TEXT_SEARCH = 400; // live text nodes looked at after the anchor

/** The live text node(s) for tree text node `c`, searched after the marked element before it. */
function findText(c, live) {
  let n = c;
  let anchor = null;
  while (n && !anchor) {
    if (n.previousSibling) {
      n = n.previousSibling;
      while (n.lastChild) n = n.lastChild;
    } else {
      n = n.parentNode;
    }
    if (n && n.nodeType === 1) anchor = live(n);
  }
  if (!anchor) return null;
  const walker = anchor.ownerDocument.createTreeWalker(anchor.ownerDocument, 4 /* text */);
  walker.currentNode = anchor;
  const want = c.data;
  for (let i = 0; i < TEXT_SEARCH; i++) {
    const t = walker.nextNode();
    if (!t) return null;
    if (!t.data || !want.startsWith(t.data)) continue;
    let end = t;
    let text = t.data;
    while (text.length < want.length && end.nextSibling && end.nextSibling.nodeType === 3 && want.startsWith(text + end.nextSibling.data)) {
      end = end.nextSibling;
      text += end.data;
    }
    if (text === want) return { start: t, end };
  }
  return null;
}
