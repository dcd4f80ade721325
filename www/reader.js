// The reader view and the metadata panel, built from an annotation; loaded by the page once
// there is something to read (and by the widget's reader tab). The annotation describes a
// hostile page (or comes from a file someone handed over), so every string is treated as data:
// text goes in with textContent, and the only HTML taken in is Block.html, re-checked here
// against an allow-list (the core sanitises it already; a loaded annotation file may not have
// been). Nothing from the page can run, and nothing loads unless the person turns images on.

import { el } from './views.js';

// ---------------------------------------------------------------------------------------------
// Allow-listed HTML import

// Elements rebuilt as themselves. Anything not listed here or in DROPPED is unwrapped: its
// children are kept, the element is not.
const ALLOWED = new Set(
  ('p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote q pre code kbd samp var table caption ' +
    'thead tbody tfoot tr th td figure figcaption img a em strong b i u s del ins mark small ' +
    'sub sup br hr abbr cite dfn time bdi bdo ruby rt rp wbr span div section article').split(' '),
);
// Elements dropped with everything inside them: active content, embedded documents, forms,
// and containers whose text is not reading text.
const DROPPED = new Set(
  ('script style template iframe frame frameset object embed applet svg math noscript ' +
    'noembed noframes link meta base title head form input button select textarea option ' +
    'optgroup audio video source track canvas dialog slot xmp plaintext param map area ' +
    'portal fencedframe').split(' '),
);
const ATTRS = {
  '*': ['dir', 'lang', 'title'],
  a: ['href'],
  img: ['alt', 'src', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'reversed'],
  time: ['datetime'],
};
const NUMERIC = new Set(['width', 'height', 'colspan', 'rowspan', 'start']);

/** Resolves a URL from the page against its base; null unless it is a safe kind of link. */
export function safeUrl(raw, base, protocols) {
  try {
    const u = new URL(raw.trim(), base || undefined);
    return protocols.includes(u.protocol) ? u : null;
  } catch {
    return null;
  }
}

// Inline images only (an SVG in an <img> runs no script and loads nothing).
const IMAGE_DATA = /^data:image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/i;

/**
 * Imports `html` (a string from the annotation) into a DocumentFragment of this document,
 * keeping only allowed elements and attributes. `ctx` = { base, images }.
 */
export function importHtml(html, ctx) {
  // A DOMParser document is inert: no scripts run and no images or styles load in it.
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const out = document.createDocumentFragment();
  copyChildren(doc.body, out, ctx, 0);
  return out;
}

function copyChildren(from, to, ctx, depth) {
  if (depth > 64) return; // pathological nesting: stop, keep what we have
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(document.createTextNode(node.data));
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const tag = node.localName;
      if (DROPPED.has(tag) || node.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
      if (!ALLOWED.has(tag)) {
        copyChildren(node, to, ctx, depth + 1);
        continue;
      }
      const copy = tag === 'img' ? image(node, ctx) : copyElement(node, tag, ctx);
      if (copy) {
        to.append(copy);
        if (tag !== 'img') copyChildren(node, copy, ctx, depth + 1);
      }
    }
    // comments, processing instructions: dropped
  }
}

function copyElement(node, tag, ctx) {
  const copy = document.createElement(tag);
  for (const name of [...ATTRS['*'], ...(ATTRS[tag] || [])]) {
    const v = node.getAttribute(name);
    if (v == null || name === 'href' || name === 'src') continue;
    if (NUMERIC.has(name) && !/^\d{1,4}$/.test(v.trim())) continue;
    if (name === 'dir' && !/^(ltr|rtl|auto)$/i.test(v)) continue;
    copy.setAttribute(name, v);
  }
  if (tag === 'a') {
    const href = node.getAttribute('href');
    const u = href && safeUrl(href, ctx.base, ['http:', 'https:', 'mailto:']);
    if (u) {
      copy.href = u.href;
      // Links open outside Pith and tell the target nothing about it.
      copy.target = '_blank';
      copy.rel = 'noopener noreferrer nofollow ugc';
      copy.referrerPolicy = 'no-referrer';
    }
  }
  return copy;
}

/** An image, or a placeholder naming it while remote images are off (or it is unsafe). */
function image(node, ctx) {
  const alt = (node.getAttribute('alt') || '').trim();
  const raw = node.getAttribute('src') || '';
  let src = null;
  if (ctx.images && raw) {
    if (IMAGE_DATA.test(raw.trim())) {
      src = raw.trim();
    } else {
      const u = safeUrl(raw, ctx.base, ['https:', 'http:']);
      // https: anywhere, or this page's own origin (the shipped sample's pictures).
      if (u && (u.protocol === 'https:' || u.origin === location.origin)) src = u.href;
    }
  }
  if (!src) {
    const ph = el('span', 'img-ph', alt ? `Image: ${alt}` : 'Image');
    ph.setAttribute('role', 'img');
    ph.setAttribute('aria-label', alt ? `Image not loaded: ${alt}` : 'Image not loaded');
    return ph;
  }
  const img = document.createElement('img');
  img.referrerPolicy = 'no-referrer';
  img.loading = 'lazy';
  img.decoding = 'async';
  img.alt = alt;
  for (const name of ['width', 'height']) {
    const v = node.getAttribute(name);
    if (v && /^\d{1,4}$/.test(v.trim())) img.setAttribute(name, v.trim());
  }
  img.src = src;
  return img;
}

// ---------------------------------------------------------------------------------------------
// The reader view

/** Builds the clean article into `root`. `ctx` = { base, images }. */
export function renderReader(root, annotation, ctx) {
  root.replaceChildren();
  const m = annotation.metadata || {};
  const byId = annotation.blocks;
  const sections = annotation.sections || [];
  root.dir = m.dir === 'rtl' ? 'rtl' : 'ltr';
  if (m.language) root.lang = m.language;
  else root.removeAttribute('lang');
  if (!sections.length) {
    root.append(el('p', 'empty', 'No article found. Flip blocks to “article” in the Page view to build one.'));
    return;
  }
  const facts = [];
  if (m.authors?.length) facts.push(`By ${m.authors.join(', ')}`);
  if (m.published) facts.push(formatDate(m.published));
  if (m.site_name) facts.push(m.site_name);
  if (m.reading_minutes) facts.push(`${m.reading_minutes} min read`);
  const factsLine = facts.length ? el('p', 'r-meta r-facts', facts.join(' · ')) : null;
  // The facts go under the article's own title block when it has one, else under the
  // title from the page's metadata.
  const firstId = sections[0].blocks[0];
  const titleFirst = byId[firstId]?.kind === 'title';
  if (!titleFirst && (m.title || factsLine)) {
    const head = el('header', 'r-head');
    if (m.title) head.append(el('h1', null, m.title));
    if (factsLine) head.append(factsLine);
    root.append(head);
  }
  sections.forEach((s, i) => {
    const sec = el('section', 'r-sec');
    if (sections.length > 1) sec.dataset.n = `Article ${i + 1} of ${sections.length}`;
    for (const id of s.blocks) {
      const b = byId[id];
      if (!b) continue;
      sec.append(readerBlock(b, annotation.input, ctx));
      if (i === 0 && id === firstId && titleFirst && factsLine) sec.append(factsLine);
    }
    root.append(sec);
  });
}

function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function readerBlock(b, inputKind, ctx) {
  const wrap = el('div', `rb rb-${b.kind || 'paragraph'}`);
  wrap.dir = b.dir === 'rtl' ? 'rtl' : 'ltr';
  wrap.dataset.id = b.id;
  const html = inputKind === 'html' && typeof b.html === 'string' ? b.html.trim() : '';
  if (html) {
    wrap.append(importHtml(html, ctx));
    if (wrap.textContent.trim() || wrap.querySelector('img, .img-ph')) return wrap;
    wrap.replaceChildren(); // nothing readable survived: fall back to the text
  }
  wrap.append(textBlock(b));
  return wrap;
}

/** A block from its text alone (pasted text, or HTML input without block HTML). */
function textBlock(b) {
  const text = b.text || '';
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  switch (b.kind) {
    case 'title':
      return el('h1', null, text);
    case 'heading':
      return el(`h${Math.min(6, Math.max(2, b.level || 2))}`, null, text);
    case 'list': {
      const ul = el('ul');
      for (const l of lines) ul.append(el('li', null, l));
      return ul;
    }
    case 'quote':
      return el('blockquote', null, text);
    case 'code': {
      const pre = el('pre');
      pre.append(el('code', null, text));
      return pre;
    }
    case 'table': {
      const table = el('table');
      for (const l of lines) {
        const tr = el('tr');
        for (const cell of l.split('\t')) tr.append(el('td', null, cell));
        table.append(tr);
      }
      return table;
    }
    case 'caption':
      return el('p', 'caption', text);
    case 'byline':
    case 'date':
      return el('p', 'r-meta', text);
    default:
      return el('p', null, text);
  }
}

// ---------------------------------------------------------------------------------------------
// The metadata panel

const META_FIELDS = [
  ['title', 'Title'],
  ['authors', 'Authors'],
  ['published', 'Published'],
  ['modified', 'Modified'],
  ['site_name', 'Site'],
  ['language', 'Language'],
  ['dir', 'Direction'],
  ['description', 'Description'],
  ['canonical_url', 'Canonical URL'],
  ['image', 'Image'],
  ['word_count', 'Words'],
  ['reading_minutes', 'Reading time'],
];

/** Fills the metadata list. `extra` is a list of [label, value] about the input itself. */
export function renderMeta(dl, annotation, extra) {
  dl.replaceChildren();
  const m = annotation.metadata || {};
  const sources = m.sources || {};
  const add = (label, value, source) => {
    const dd = el('dd');
    if (value == null || value === '' || (Array.isArray(value) && !value.length)) {
      dd.append(el('span', 'empty', '—'));
    } else if (value instanceof Node) {
      dd.append(value);
    } else {
      dd.textContent = Array.isArray(value) ? value.join(', ') : String(value);
    }
    if (source) dd.append(el('span', 'src', ` (from ${source})`));
    dl.append(el('dt', null, label), dd);
  };
  for (const [key, label] of META_FIELDS) {
    let v = m[key];
    if (key === 'reading_minutes') v = v ? `${v} min` : null;
    if (key === 'canonical_url' && v) {
      const u = safeUrl(v, null, ['http:', 'https:']);
      if (u) {
        const a = el('a', null, u.href);
        a.href = u.href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer nofollow';
        a.referrerPolicy = 'no-referrer';
        v = a;
      }
    }
    const sourceKey = key === 'authors' ? 'authors' : key;
    add(label, v, sources[sourceKey]);
  }
  for (const [label, value] of extra) add(label, value);
}
