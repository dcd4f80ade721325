// The live document as HTML, built in short slices so the host page never freezes.
//
// One walk over the live DOM writes two strings:
// - `html`: what Pith annotates, the browser's own serialisation of the page as it is now
//   (content added by scripts included). `<noscript>` is written empty: scripting is on in
//   the live page, so its content is not what the page shows (and html5ever, which parses
//   with scripting off, would turn it into elements the live DOM does not have).
// - `skeleton`: the same element structure with no attributes (so parsing it triggers no CSP
//   check on the host), no script or style text, and a marker attribute `data-pith-k="<i>"`
//   on every element, `i` indexing `nodes`. Parsing it (spec parser, scripting off, as
//   html5ever) gives the tree Pith's paths refer to, each element pointing back at the live
//   element it was written from. See mapping.js.
//
// Attributes never change how the HTML parser builds the tree, except the four kept in the
// skeleton (input type, font color/face/size, annotation-xml encoding).

export const MARK = 'data-pith-k';

const VOID = new Set(('area base basefont bgsound br col embed frame hr img input keygen link meta ' +
  'param source track wbr').split(' '));
// Elements whose text is written as is (the parser reads it as raw text).
const RAW = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
// Raw text left out of the skeleton (CSS and scripts: the only text a CSP would look at).
const SKELETON_EMPTY = new Set(['script', 'style']);
// Elements after whose start tag the parser drops one leading newline.
const LEADING_NEWLINE = new Set(['pre', 'textarea', 'listing']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';

const TEXT_ESC = /[&<>\u00a0]/g;
const ATTR_ESC = /[&"<>\u00a0]/g;
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\u00a0': '&nbsp;' };
const esc = (s, re) => (s.search(re) < 0 ? s : s.replace(re, (c) => ESC[c]));
// Attribute names that would break the tag if written (only scripts can create them).
const BAD_NAME = /[\s"'>/=\0]/;

/** `<!DOCTYPE …>` as the page has it, so the re-parse lands in the same quirks mode. */
export function doctypeOf(doc) {
  const d = doc.doctype;
  if (!d) return '';
  let s = `<!DOCTYPE ${d.name}`;
  if (d.publicId) s += ` PUBLIC "${d.publicId}"`;
  if (d.systemId) s += `${d.publicId ? '' : ' SYSTEM'} "${d.systemId}"`;
  return `${s}>`;
}

function startTag(el, tag, k) {
  let full = `<${tag}`;
  let skel = `<${tag} ${MARK}="${k}"`;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    const name = a.name;
    if (BAD_NAME.test(name)) continue;
    full += ` ${name}="${esc(a.value, ATTR_ESC)}"`;
    if ((tag === 'input' && name === 'type') || (tag === 'font' && (name === 'color' || name === 'face' || name === 'size')) ||
      (tag === 'annotation-xml' && name === 'encoding')) {
      skel += ` ${name}="${esc(a.value, ATTR_ESC)}"`;
    }
  }
  return { full: `${full}>`, skel: `${skel}>` };
}

/** Raw text may not contain its own end tag; `<\/` reads the same in JSON and is inert elsewhere. */
function rawText(s, tag) {
  const lower = s.toLowerCase();
  if (!lower.includes(`</${tag}`)) return s;
  return s.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

function commentText(s) {
  // "-->" (or "--!>") inside a comment made by a script would end it early.
  return s.replace(/--!?>/g, '-- >').replace(/^-?>/, ' $&');
}

/**
 * Serialises `doc` (or, with `root`, its head and the `root` subtree inside an otherwise empty
 * body), skipping `skip` (the widget's own element). Works in slices of `sliceMs`, awaiting
 * `pause()` between them; restarts (up to 3 times) when the page changes meanwhile.
 * Resolves with { html, skeleton, nodes, elements, restarts }.
 */
export async function serialise(doc, { root = null, skip = null, sliceMs = 8, pause, signal } = {}) {
  for (let attempt = 0; ; attempt++) {
    const observer = new MutationObserver(() => {});
    observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
    try {
      const out = await walk(doc, root, skip, sliceMs, pause, signal, () => {
        // A change anywhere but in our own element means the strings mix two versions.
        const records = observer.takeRecords();
        for (let i = 0; i < records.length; i++) {
          const t = records[i].target;
          if (!(skip && (t === skip || skip.contains(t)))) return true;
        }
        return false;
      });
      if (out) {
        out.restarts = attempt;
        return out;
      }
    } finally {
      observer.disconnect();
    }
    // Changed 3 times while we read it: take the next pass as it comes (the mapping checks
    // every block against the live elements anyway).
    if (attempt === 2) return walk(doc, root, skip, sliceMs, pause, signal, () => false).then((o) => ({ ...o, restarts: 3 }));
  }
}

async function walk(doc, root, skip, sliceMs, pause, signal, changed) {
  let html = doctypeOf(doc);
  let skel = html;
  const nodes = [];
  let elements = 0;
  const rootEl = doc.documentElement;
  if (!rootEl) return { html, skeleton: skel, nodes, elements };

  // The subtrees to write, in order. With a root: html > (head, body > root).
  const stack = []; // frames: { el, tag, next (child node to visit), closeFull, closeSkel }
  let t0 = performance.now();

  const open = (el) => {
    // Foreign (SVG, MathML) elements keep their case-sensitive local names.
    const tag = el.localName;
    const k = nodes.length;
    nodes[k] = el;
    elements++;
    const t = startTag(el, tag, k);
    html += t.full;
    skel += t.skel;
    if (VOID.has(tag) && el.namespaceURI === HTML_NS) return;
    if (tag === 'noscript' && el.namespaceURI === HTML_NS) {
      html += '</noscript>';
      skel += '</noscript>';
      return;
    }
    const container = tag === 'template' && el.content ? el.content : el;
    if (LEADING_NEWLINE.has(tag)) {
      const first = container.firstChild;
      if (first && first.nodeType === 3 && first.data[0] === '\n') {
        html += '\n';
        skel += '\n';
      }
    }
    stack[stack.length] = { el, tag, raw: RAW.has(tag) && el.namespaceURI === HTML_NS, next: container.firstChild };
  };

  const close = (frame) => {
    html += `</${frame.tag}>`;
    skel += `</${frame.tag}>`;
  };

  const text = (node, frame) => {
    const data = node.data;
    if (frame && frame.raw) {
      const t = rawText(data, frame.tag);
      html += t;
      if (!SKELETON_EMPTY.has(frame.tag)) skel += t;
    } else {
      const t = esc(data, TEXT_ESC);
      html += t;
      skel += t;
    }
  };

  // Visits what is left of the frames above `depth`, depth first (no destructuring or array
  // methods here: host pages patch Array.prototype).
  const drain = async (depth) => {
    while (stack.length > depth) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('cancelled', 'AbortError');
      if (performance.now() - t0 > sliceMs) {
        await pause();
        if (changed()) return false;
        t0 = performance.now();
      }
      const frame = stack[stack.length - 1];
      const node = frame.next;
      if (!node) {
        stack.length--;
        close(frame);
        continue;
      }
      frame.next = node.nextSibling;
      if (node === skip) continue;
      const type = node.nodeType;
      if (type === 1) open(node);
      else if (type === 3) text(node, frame);
      else if (type === 8) {
        const c = `<!--${commentText(node.data)}-->`;
        html += c;
        skel += c;
      }
    }
    return true;
  };

  if (!root) {
    open(rootEl);
    if (!(await drain(0))) return null;
  } else {
    // html and head as they are; body holds only the root subtree.
    open(rootEl);
    stack[0].next = null;
    const head = doc.head;
    if (head) {
      open(head);
      if (!(await drain(1))) return null;
    }
    const body = doc.body;
    if (body && body !== root) {
      open(body);
      stack[1].next = null;
    }
    open(root);
    if (!(await drain(0))) return null;
  }
  if (changed()) return null;
  return { html, skeleton: skel, nodes, elements };
}
