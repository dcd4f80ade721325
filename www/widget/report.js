// The editor's report: what on this page makes extraction harder, each finding pointing at
// the elements concerned. Two inputs: Pith's annotation (labels, metadata and its sources)
// mapped onto the live page, and the metadata the page declares, read here from the live
// document per source (JSON-LD, OpenGraph, Twitter, <meta>, microdata, <time>, visible
// byline), so disagreements between sources can be shown, not only the value Pith kept.
//
// Finding: { code, severity: 'error'|'warning'|'info', title, detail,
//            evidence: [{ source, value, el }], targets: [Element | { start, end }] }

import { nodesBetween } from './mapping.js';

// ---------------------------------------------------------------------------------------------
// Metadata candidates, per source

const ARTICLE_TYPES = /(Article|BlogPosting|Report|Review|Posting|Story|WebPage|LiveBlog)$/i;
const clean = (s) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

function metaContent(doc, selector) {
  const out = [];
  for (const el of doc.querySelectorAll(selector)) {
    const v = clean(el.getAttribute('content') || '');
    if (v) out.push({ value: v, el });
  }
  return out;
}

function ldObjects(doc) {
  const out = [];
  for (const el of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    let data;
    try {
      data = JSON.parse(el.textContent || '');
    } catch {
      out.push({ invalid: true, el });
      continue;
    }
    const stack = [data];
    let guard = 0;
    while (stack.length && guard++ < 500) {
      const o = stack.pop();
      if (Array.isArray(o)) { for (let i = 0; i < o.length; i++) stack.push(o[i]); continue; }
      if (!o || typeof o !== 'object') continue;
      if (o['@graph']) stack.push(o['@graph']);
      const types = [].concat(o['@type'] || []).map(String);
      if (types.some((t) => ARTICLE_TYPES.test(t))) out.push({ obj: o, el, webpage: types.every((t) => /WebPage$/i.test(t)) });
    }
  }
  return out;
}

function ldNames(v) {
  const out = [];
  for (const a of [].concat(v || [])) {
    if (typeof a === 'string') out.push(clean(a));
    else if (a && typeof a === 'object' && a.name) out.push(clean(String(a.name)));
  }
  return out.filter(Boolean);
}

const SCOPE = 'article, [itemprop~="articleBody"], main, [role="main"]';

/**
 * The article's container (the deepest element holding all its body blocks) and its scope
 * (the nearest <article>/<main> around it, where bylines and parts of a split body live).
 */
export function articleArea(blocks, marks, ids = null) {
  const pick = ids ? ids.map((id) => blocks[id]) : blocks.filter((b) => b.label === 'article');
  const body = pick.filter((b) => BODY_KINDS.has(b.kind)).map((b) => elOf(marks[b.id])).filter(Boolean);
  const container = lca(body.length ? body : pick.map((b) => elOf(marks[b.id])).filter(Boolean));
  if (!container) return { container: null, scope: null };
  const scope = container.closest(SCOPE) || container.parentElement || container;
  return { container, scope };
}

/**
 * Everything the page says about title, authors, dates, language, description, image and
 * canonical URL, per source: { field: [{ source, value, el }] }. `blocks` (labelled) and
 * `marks` (mapped) add the visible title, byline and date blocks.
 */
export function scanMetadata(doc, blocks, marks) {
  const c = { title: [], authors: [], published: [], modified: [], language: [], description: [], image: [], canonical_url: [], site_name: [] };
  const add = (field, source, value, el) => {
    const v = clean(String(value ?? ''));
    if (v) c[field].push({ source, value: v, el: el || null });
  };
  // JSON-LD (articles first; a WebPage only when no article says it)
  const lds = ldObjects(doc);
  const articles = lds.filter((x) => x.obj && !x.webpage);
  for (const { obj: o, el } of articles.length ? articles : lds.filter((x) => x.obj)) {
    add('title', 'json-ld', o.headline || o.name, el);
    for (const n of ldNames(o.author)) add('authors', 'json-ld', n, el);
    add('published', 'json-ld', o.datePublished, el);
    add('modified', 'json-ld', o.dateModified, el);
    add('description', 'json-ld', o.description, el);
    add('language', 'json-ld', typeof o.inLanguage === 'string' ? o.inLanguage : o.inLanguage?.name, el);
    const img = [].concat(o.image || [])[0];
    add('image', 'json-ld', typeof img === 'string' ? img : img?.url, el);
    add('site_name', 'json-ld', o.publisher?.name, el);
  }
  const invalidLd = lds.filter((x) => x.invalid).map((x) => x.el);
  // OpenGraph and article:*
  for (const { value, el } of metaContent(doc, 'meta[property="og:title" i]')) add('title', 'opengraph', value, el);
  for (const { value, el } of metaContent(doc, 'meta[property="og:description" i]')) add('description', 'opengraph', value, el);
  for (const { value, el } of metaContent(doc, 'meta[property="og:image" i]')) add('image', 'opengraph', value, el);
  for (const { value, el } of metaContent(doc, 'meta[property="og:site_name" i]')) add('site_name', 'opengraph', value, el);
  for (const { value, el } of metaContent(doc, 'meta[property="og:url" i]')) add('canonical_url', 'opengraph', value, el);
  for (const { value, el } of metaContent(doc, 'meta[property="og:locale" i]')) add('language', 'opengraph', value.replace('_', '-'), el);
  for (const { value, el } of metaContent(doc, 'meta[property="article:published_time" i]')) add('published', 'opengraph', value, el);
  for (const { value, el } of metaContent(doc, 'meta[property="article:modified_time" i]')) add('modified', 'opengraph', value, el);
  for (const { value, el } of metaContent(doc, 'meta[property="article:author" i]')) {
    if (!/^https?:/i.test(value)) add('authors', 'opengraph', value, el);
  }
  // Twitter
  for (const { value, el } of metaContent(doc, 'meta[name="twitter:title" i]')) add('title', 'twitter', value, el);
  for (const { value, el } of metaContent(doc, 'meta[name="twitter:description" i]')) add('description', 'twitter', value, el);
  // <meta name>
  for (const { value, el } of metaContent(doc, 'meta[name="author" i], meta[name="byl" i], meta[name="dc.creator" i], meta[name="citation_author" i], meta[name="parsely-author" i]')) {
    add('authors', 'meta', value.replace(/^by\s+/i, ''), el);
  }
  for (const { value, el } of metaContent(doc, 'meta[name="date" i], meta[name="pubdate" i], meta[name="publishdate" i], meta[name="dc.date" i], meta[name="dc.date.issued" i], meta[name="dcterms.created" i], meta[name="citation_publication_date" i], meta[name="parsely-pub-date" i], meta[itemprop="datePublished" i]')) {
    add('published', 'meta', value, el);
  }
  for (const { value, el } of metaContent(doc, 'meta[name="description" i]')) add('description', 'meta', value, el);
  for (const { value, el } of metaContent(doc, 'meta[http-equiv="content-language" i], meta[name="language" i]')) add('language', 'meta', value, el);
  // Microdata in the body
  for (const el of doc.querySelectorAll('body [itemprop~="headline"]')) add('title', 'microdata', el.getAttribute('content') || el.textContent, el);
  for (const el of doc.querySelectorAll('body [itemprop~="author"]')) {
    const name = el.querySelector('[itemprop~="name"]');
    add('authors', 'microdata', name ? name.getAttribute('content') || name.textContent : el.getAttribute('content') || el.textContent, el);
  }
  for (const el of doc.querySelectorAll('body [itemprop~="datePublished"]:not(meta)')) add('published', 'microdata', el.getAttribute('datetime') || el.getAttribute('content') || el.textContent, el);
  // Markup
  const title = doc.querySelector('head > title') || doc.querySelector('title');
  if (title) add('title', 'title-tag', title.textContent, title);
  const canonical = doc.querySelector('link[rel~="canonical" i]');
  if (canonical) add('canonical_url', 'link', canonical.href, canonical);
  const lang = doc.documentElement.getAttribute('lang') || doc.documentElement.getAttribute('xml:lang');
  if (lang) add('language', 'markup', lang, doc.documentElement);
  // Visible bylines and <time>s around the article (Pith may have labelled them boilerplate).
  const { scope } = articleArea(blocks, marks);
  const seenEls = new Set();
  if (scope) {
    for (const el of scope.querySelectorAll('[rel~="author"], .byline, [class*="byline" i], .author, [class*="author-name" i]')) {
      if (el.closest('[class*="comment" i], #comments') || [...seenEls].some((s) => s.contains(el) || el.contains(s))) continue;
      const text = clean(el.textContent);
      if (text && text.length <= 120) {
        seenEls.add(el);
        add('authors', 'byline', text, el);
      }
    }
    for (const el of scope.querySelectorAll('time[datetime]')) {
      if (el.closest('[class*="comment" i], #comments')) continue;
      seenEls.add(el);
      add('published', 'time', el.getAttribute('datetime'), el);
    }
  }
  // Visible blocks Pith labelled: headline, byline, date
  for (const b of blocks) {
    if (b.label !== 'article') continue;
    const el = marks[b.id]?.el || null;
    const known = el && [...seenEls].some((s) => s.contains(el) || el.contains(s));
    if (b.kind === 'title') add('title', 'heading', b.text, el);
    else if (b.kind === 'byline' && !known) add('authors', 'byline', b.text, el);
    else if (b.kind === 'date' && !known) {
      const t = el && (el.localName === 'time' ? el : el.querySelector?.('time[datetime]'));
      add('published', t ? 'time' : 'date', t?.getAttribute('datetime') || b.text, t || el);
    }
  }
  return { candidates: c, invalidLd };
}

// ---------------------------------------------------------------------------------------------
// Comparisons

const norm = (s) => s.toLowerCase().normalize('NFKC').replace(/[\u2018\u2019\u201c\u201d"'`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Groups values that agree (one contains the other once normalised: a title tag ends in the site name). */
function clusters(list, same) {
  const groups = [];
  for (const item of list) {
    const g = groups.find((gr) => gr.some((x) => same(x, item)));
    if (g) g.push(item);
    else groups.push([item]);
  }
  return groups;
}
const sameTitle = (a, b) => {
  const x = norm(a.value);
  const y = norm(b.value);
  return !!x && !!y && (x.includes(y) || y.includes(x));
};

/** The calendar day of a date string, as written (no time-zone shifting), or null. */
export function dayOf(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(s.replace(/^(published|updated|posted|on)\s*:?\s*/i, ''));
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const nameKey = (s) => norm(s.replace(/^(by|von|par|por|di)\s+/i, ''));
function namesIn(value) {
  return value.replace(/^(by|von|par|por|di)\s+/i, '').split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*/i).map(nameKey).filter((n) => n.length > 1);
}

// ---------------------------------------------------------------------------------------------
// The report

// Boilerplate that does not belong inside an article body, with how to name it.
const INTRUSIVE = {
  newsletter: 'A newsletter sign-up box', related: 'Related links', ad: 'An ad', share: 'Share buttons',
  teaser: 'Teasers for other stories', comment: 'Comments', consent: 'A consent notice', form: 'A form',
  sidebar: 'A sidebar box', nav: 'Navigation', counter: 'Counters (views, comments, likes)',
};
const BODY_KINDS = new Set(['paragraph', 'list', 'quote', 'table', 'code']);
const MAX_PER_CODE = 12; // image findings and the like: enough to see the pattern

function lca(elements) {
  let a = elements[0];
  if (!a) return null;
  for (let i = 1; i < elements.length && a; i++) {
    const b = elements[i];
    while (a && !a.contains(b)) a = a.parentElement;
  }
  return a;
}

const describe = (el) => {
  if (!el || el.nodeType !== 1) return '';
  let s = `<${el.localName}`;
  if (el.id) s += `#${el.id}`;
  const cls = (el.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
  if (cls.length) s += `.${cls.join('.')}`;
  return `${s}>`;
};
export { describe as describeElement };

/** A block's live target: its element, or its run's first and last nodes. */
function targetOf(mark) {
  if (!mark?.el) return null;
  return mark.start ? { start: mark.start, end: mark.end, el: mark.el } : mark.el;
}
const elOf = (mark) => (mark?.start && mark.start.parentElement) || mark?.el || null;

/**
 * Builds the findings. `a`: the current annotation (labels after flips), `marks`: per block
 * { el, start, end, exact }, `meta`: scanMetadata's result, `doc`: the live document.
 */
export async function buildReport(a, marks, meta, doc, pause = async () => {}) {
  const findings = [];
  const perCode = new Map();
  const push = (f) => {
    // A page with the same problem fifty times gets a dozen findings and a count.
    const n = (perCode.get(f.code) || 0) + 1;
    perCode.set(f.code, n);
    if (n <= MAX_PER_CODE) findings.push({ evidence: [], targets: [], detail: '', ...f });
  };
  const c = meta.candidates;
  const m = a.metadata || {};
  const blocks = a.blocks;
  const article = blocks.filter((b) => b.label === 'article');

  if (!article.length) {
    push({ code: 'no-article', severity: 'error', title: 'No article found', detail: 'Pith found no article text on this page. Readers, read-it-later apps and aggregators will show little or nothing.' });
  }

  // Title
  const titles = c.title;
  if (!titles.length && !m.title) {
    push({ code: 'title-missing', severity: 'error', title: 'No title', detail: 'No <title>, headline or og:title: search results and shares will have no headline.' });
  } else {
    const groups = clusters(titles.filter((t) => t.source !== 'title-tag' || titles.length === 1), sameTitle);
    // The <title> often adds the site name; it conflicts only when it shares nothing with the rest.
    const tag = titles.find((t) => t.source === 'title-tag');
    if (tag && groups.length && !groups.some((g) => g.some((t) => sameTitle(t, tag)))) groups.push([tag]);
    if (groups.length > 1) {
      push({
        code: 'title-conflict', severity: 'warning', title: 'Different titles in different places',
        detail: 'Sources disagree on the headline; each consumer picks its own, so the article shows up under different titles.',
        evidence: titles, targets: titles.filter((t) => t.source === 'heading' || t.source === 'microdata').map((t) => t.el).filter(Boolean),
      });
    }
    if (!article.some((b) => b.kind === 'title')) {
      push({ code: 'title-not-visible', severity: 'info', title: 'No headline found in the article', detail: 'Pith did not recognise a visible headline (an <h1>) at the top of the article.' });
    }
  }

  // Authors
  const authors = c.authors;
  const structured = authors.filter((x) => x.source !== 'byline');
  const bylines = authors.filter((x) => x.source === 'byline');
  if (!authors.length && !(m.authors || []).length) {
    push({ code: 'author-missing', severity: 'warning', title: 'No author', detail: 'No byline, author meta tag or JSON-LD author: aggregators and search engines show no author.' });
  } else {
    const bySource = new Map();
    for (const x of structured) {
      const set = bySource.get(x.source) || new Set();
      for (const n of namesIn(x.value)) set.add(n);
      bySource.set(x.source, set);
    }
    const sets = [...bySource.values()].filter((s) => s.size);
    const bylineText = nameKey(bylines.map((x) => x.value).join(' '));
    const disagree = sets.some((s, i) => sets.some((t, j) => j > i && ![...s].some((n) => t.has(n))));
    const notInByline = bylineText && sets.length && !sets.some((s) => [...s].some((n) => bylineText.includes(n)));
    if (disagree || notInByline) {
      push({
        code: 'author-conflict', severity: 'warning', title: 'Authors disagree',
        detail: notInByline && !disagree
          ? 'The author named in the page’s metadata is not the one in the visible byline.'
          : 'The metadata sources name different authors.',
        evidence: authors, targets: bylines.map((x) => x.el).filter(Boolean),
      });
    }
    if (!structured.length) {
      push({ code: 'author-unstructured', severity: 'info', title: 'Author only in the visible byline', detail: 'No author meta tag or JSON-LD author: consumers that do not read bylines show no author.', targets: bylines.map((x) => x.el).filter(Boolean), evidence: bylines });
    }
  }

  // Dates
  const pub = c.published.map((x) => ({ ...x, day: dayOf(x.value) }));
  if (!pub.length && !m.published) {
    push({ code: 'date-missing', severity: 'warning', title: 'No publication date', detail: 'No article:published_time, JSON-LD datePublished or <time datetime>: news aggregators may skip or mis-sort the article.' });
  } else {
    const days = new Set(pub.map((x) => x.day).filter(Boolean));
    if (days.size > 1) {
      push({
        code: 'date-conflict', severity: 'warning', title: 'Publication dates disagree',
        detail: `The page gives ${days.size} different publication days.`,
        evidence: pub, targets: pub.filter((x) => x.source === 'time' || x.source === 'date' || x.source === 'microdata').map((x) => x.el).filter(Boolean),
      });
    }
    const unparsable = pub.filter((x) => !x.day && x.source !== 'date');
    if (unparsable.length) {
      push({ code: 'date-unreadable', severity: 'warning', title: 'A date that cannot be read', detail: 'Use ISO 8601 (2024-05-01T09:30:00+02:00).', evidence: unparsable, targets: unparsable.map((x) => x.el).filter((e) => e && e.localName !== 'meta' && e.localName !== 'script') });
    }
    if (!pub.some((x) => x.source !== 'date' && x.source !== 'time' && x.day)) {
      push({ code: 'date-unstructured', severity: 'info', title: 'Date only in the visible text', detail: 'Add article:published_time or JSON-LD datePublished so consumers need not guess it.', evidence: pub, targets: pub.map((x) => x.el).filter(Boolean) });
    }
    const firstPub = pub.map((x) => x.day).filter(Boolean).sort()[0];
    const mods = c.modified.map((x) => ({ ...x, day: dayOf(x.value) })).filter((x) => x.day && firstPub && x.day < firstPub);
    if (mods.length) {
      push({ code: 'modified-before-published', severity: 'warning', title: 'Modified before it was published', detail: 'dateModified is earlier than datePublished.', evidence: [...pub, ...mods] });
    }
  }
  if (meta.invalidLd.length) {
    push({ code: 'json-ld-invalid', severity: 'warning', title: 'JSON-LD that does not parse', detail: 'Consumers ignore a JSON-LD block with a syntax error, with everything in it.', evidence: meta.invalidLd.map((el) => ({ source: 'json-ld', value: (el.textContent || '').trim().slice(0, 120), el })) });
  }

  await pause();
  // Language
  const htmlLang = (doc.documentElement.getAttribute('lang') || '').trim();
  if (!htmlLang) {
    const detected = m.language && m.sources?.language !== 'markup' ? ` Pith guesses “${m.language}” from the text.` : '';
    push({ code: 'lang-missing', severity: 'warning', title: 'Language not declared', detail: `<html> has no lang attribute: screen readers, translation and search have to guess.${detected}`, evidence: c.language, targets: [] });
  }

  // Description, image, canonical
  const missing = [];
  if (!c.description.length && !m.description) missing.push('description');
  if (!c.image.length && !m.image) missing.push('preview image (og:image)');
  if (!c.canonical_url.length && !m.canonical_url) missing.push('canonical URL');
  if (missing.length) {
    const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]}` : missing[0];
    push({ code: 'share-metadata-missing', severity: 'info', title: `No ${list}`, detail: 'Shares and search results fall back to whatever they find on the page.' });
  }

  await pause();
  // Structure of the article
  const sections = a.sections || [];
  // The structure checks look at the main article: the section with the most words.
  let main = -1;
  let mainWords = -1;
  sections.forEach((s, i) => {
    let n = 0;
    for (const id of s.blocks) n += (blocks[id].text || '').length;
    if (n > mainWords) { main = i; mainWords = n; }
  });
  for (let si = 0; si < sections.length; si++) {
    if (si !== main) continue;
    const ids = sections[si].blocks;
    if (!ids.length) continue;
    const lo = Math.min(...ids);
    const hi = Math.max(...ids);
    const bodyEls = ids.map((id) => blocks[id]).filter((b) => BODY_KINDS.has(b.kind)).map((b) => elOf(marks[b.id])).filter(Boolean);
    const container = lca(bodyEls.length ? bodyEls : ids.map((id) => elOf(marks[id])).filter(Boolean));
    if (!container) continue;

    // Boilerplate inside the body, grouped by consecutive blocks of one role.
    let group = null;
    const flushGroup = () => {
      if (!group) return;
      const els = group.ids.map((id) => elOf(marks[id])).filter(Boolean);
      let box = lca(els);
      if (!box || box === container || box.contains(container)) box = null;
      push({
        code: 'boilerplate-in-article', severity: 'warning', role: group.role,
        title: `${INTRUSIVE[group.role]} inside the article`,
        detail: 'Readers and aggregators may include it in the text, or stop the article there. Move it out of the article’s container, or mark it up as an <aside>.',
        targets: box ? [box] : group.ids.map((id) => targetOf(marks[id])).filter(Boolean),
        blocks: group.ids,
      });
      group = null;
    };
    for (let id = lo + 1; id < hi; id++) {
      const b = blocks[id];
      const el = elOf(marks[id]);
      const inside = b.label === 'boilerplate' && INTRUSIVE[b.role] && el && container.contains(el);
      if (!inside) {
        if (b.label === 'article') flushGroup();
        continue;
      }
      if (group && group.role === b.role) group.ids.push(id);
      else {
        flushGroup();
        group = { role: b.role, ids: [id] };
      }
    }
    flushGroup();

    await pause();
    // Text split across containers: children of the common container holding a fair share.
    const words = new Map();
    let total = 0;
    for (const id of ids) {
      const b = blocks[id];
      if (!BODY_KINDS.has(b.kind)) continue;
      const el = elOf(marks[id]);
      if (!el || el === container) continue;
      let child = el;
      while (child.parentElement && child.parentElement !== container) child = child.parentElement;
      const key = child === el ? container : child; // blocks straight in the container count as one
      const n = (b.text || '').split(/\s+/).filter(Boolean).length;
      total += n;
      const w = words.get(key) || { n: 0, blocks: 0 };
      w.n += n;
      w.blocks++;
      words.set(key, w);
    }
    const parts = [...words].filter(([, w]) => w.n >= Math.max(25, total * 0.15) && w.blocks >= 2).map(([el]) => el);
    if (parts.length > 1) {
      push({
        code: 'article-split', severity: 'warning', title: `Article text split across ${parts.length} containers`,
        detail: `The text sits in ${parts.map(describe).join(', ')} with other content between them. Extractors that pick one container lose the rest.`,
        targets: parts,
      });
    }

    await pause();
    // Prose near the article but outside its container, which Pith left out: a split body.
    {
      const scope = container.closest(SCOPE) || container.parentElement;
      const left = new Map(); // outer container → { words, paragraphs }
      for (let id = 0; scope && id < blocks.length; id++) {
        const b = blocks[id];
        if (b.label !== 'boilerplate' || b.role === 'comment') continue;
        const el = elOf(marks[id]);
        if (!el || !scope.contains(el) || container.contains(el) || el.contains(container)) continue;
        const n = (b.text || '').split(/\s+/).filter(Boolean).length;
        if (n < 25 || !/[.!?…"”»)]$/.test(b.text.trim())) continue;
        let outer = el;
        while (outer.parentElement && !outer.parentElement.contains(container)) outer = outer.parentElement;
        const w = left.get(outer) || { n: 0, blocks: 0 };
        w.n += n;
        w.blocks++;
        left.set(outer, w);
      }
      for (const [outer, w] of left) {
        push({
          code: 'article-split', severity: 'warning', title: 'Part of the article is outside its container',
          detail: `${w.blocks} paragraph${w.blocks === 1 ? '' : 's'} (${w.n} words) in ${describe(outer)} sit apart from the rest of the text in ${describe(container)}, with other content between. Pith left ${w.blocks === 1 ? 'it' : 'them'} out of the article; other extractors will too.`,
          targets: [outer, container],
        });
      }
    }
  }
  if (sections.length > 1) {
    push({
      code: 'several-articles', severity: 'info', title: `Pith sees ${sections.length} separate article parts`,
      detail: 'Boilerplate between them broke the article in pieces; a reader view may show only the first.',
      targets: sections.map((s) => targetOf(marks[s.blocks[0]])).filter(Boolean),
    });
  }

  await pause();
  // Headings, in article order
  const heads = [];
  for (const s of sections) for (const id of s.blocks) if (blocks[id].kind === 'title' || blocks[id].kind === 'heading') heads.push(blocks[id]);
  const h1s = heads.filter((b) => b.tag === 'h1');
  if (h1s.length > 1) {
    push({ code: 'headings-h1', severity: 'warning', title: `${h1s.length} <h1> headings in the article`, detail: 'One <h1> for the headline; sections use <h2> and below.', targets: h1s.slice(1).map((b) => targetOf(marks[b.id])).filter(Boolean) });
  }
  let prev = heads.length && heads[0].kind === 'title' ? heads[0].level || 1 : null;
  for (const b of heads) {
    if (b.kind === 'title') { prev = b.level || 1; continue; }
    const level = b.level || Number(/^h([1-6])$/.exec(b.tag)?.[1]) || 2;
    if (prev != null && level > prev + 1) {
      push({ code: 'headings-order', severity: 'warning', title: `<h${level}> after <h${prev}>: heading level skipped`, detail: `“${(b.text || '').slice(0, 80)}” skips <h${prev + 1}>. Outlines, screen readers and reader views rely on the levels.`, targets: [targetOf(marks[b.id])].filter(Boolean) });
    }
    prev = level;
  }

  await pause();
  // Images in the article
  const seen = new Set();
  const articleIds = new Set(article.map((b) => b.id));
  for (const b of article) {
    const mk = marks[b.id];
    if (!mk?.el) continue;
    for (const img of imagesOf(mk)) {
      if (seen.has(img)) continue;
      seen.add(img);
      if (isTiny(img)) continue;
      if (!img.hasAttribute('alt')) {
        push({ code: 'img-no-alt', severity: 'warning', title: 'Image without alt text', detail: `${shortSrc(img)}: screen readers and reader views get nothing for it. Use alt="" only for decoration.`, targets: [img] });
      }
      const fig = img.closest('figure');
      const captioned = (fig && fig.querySelector('figcaption')) || nextIsCaption(b, blocks, articleIds);
      if (!captioned) {
        push({ code: 'img-no-caption', severity: 'info', title: 'Image without a caption', detail: `${shortSrc(img)} is not in a <figure> with a <figcaption>: reader views show it without context or credit.`, targets: [img] });
      }
    }
  }
  for (const [code, n] of perCode) {
    if (n <= MAX_PER_CODE) continue;
    const like = findings.find((f) => f.code === code);
    findings.push({ code, severity: like.severity, title: `${n - MAX_PER_CODE} more like “${like.title}”`, detail: 'Only the first few are listed.', evidence: [], targets: [], more: n - MAX_PER_CODE });
  }

  // Order: errors, warnings, info; stable within.
  const rank = { error: 0, warning: 1, info: 2 };
  return findings.map((f, i) => ({ f, i })).sort((x, y) => rank[x.f.severity] - rank[y.f.severity] || x.i - y.i).map((x) => x.f);
}

function imagesOf(mark) {
  const out = [];
  const add = (n) => {
    if (n.nodeType !== 1) return;
    if (n.localName === 'img') out.push(n);
    else for (const i of n.getElementsByTagName('img')) out.push(i);
  };
  if (mark.start) {
    for (const n of nodesBetween(mark.start, mark.end)) add(n);
  } else {
    add(mark.el);
  }
  return out;
}

function isTiny(img) {
  const w = Number(img.getAttribute('width')) || img.naturalWidth || 0;
  const h = Number(img.getAttribute('height')) || img.naturalHeight || 0;
  return w > 0 && h > 0 && w < 48 && h < 48;
}

function nextIsCaption(b, blocks, articleIds) {
  const next = blocks[b.id + 1];
  return !!(next && articleIds.has(next.id) && next.kind === 'caption');
}

function shortSrc(img) {
  const src = img.getAttribute('src') || '';
  if (!src) return 'An image';
  if (src.startsWith('data:')) return 'An inline image';
  const name = src.split(/[?#]/)[0].split('/').filter(Boolean).pop() || src;
  return `Image “${name.slice(0, 60)}”`;
}

