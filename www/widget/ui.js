// What the widget draws, all inside its shadow root: boxes over the page's blocks (article
// blocks outlined by kind, boilerplate dimmed with its role), numbered pins on the findings,
// a tooltip saying why, and the panel (report, metadata, reader view, blocks).
//
// Nothing here touches the host's elements: boxes are positioned from getBoundingClientRect
// in a fixed layer and redrawn on scroll, resize and every half second (pages change under
// us), at most once per animation frame.

import { badgeOf } from './labels.js';
import { describeElement } from './report.js';

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
const button = (cls, text, title) => {
  const b = el('button', cls, text);
  b.type = 'button';
  if (title) {
    b.title = title;
    b.setAttribute('aria-label', title);
  }
  return b;
};

// Not toLocaleString: the first Intl call on a page costs ~80 ms of main thread.
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const REDRAW_MS = 500;
const VIEW_MARGIN = 200; // px beyond the viewport still drawn, so a fast scroll shows boxes

/** The live rectangle of a mapped target (element, run or { start, end }), or null. */
export function rectOf(t, rangeCache) {
  if (!t) return null;
  if (t.start) {
    if (!t.start.isConnected || !t.end.isConnected) return null;
    let r = rangeCache?.get(t);
    if (!r) {
      r = document.createRange();
      rangeCache?.set(t, r);
    }
    try {
      r.setStartBefore(t.start);
      r.setEndAfter(t.end);
    } catch {
      return null;
    }
    const rect = r.getBoundingClientRect();
    return rect.width || rect.height ? rect : null;
  }
  const node = t.el || t;
  if (!node.isConnected || node.nodeType !== 1) return null;
  let rect = node.getBoundingClientRect();
  if (!rect.width && !rect.height && node.firstChild) {
    // display: contents and the like have no box of their own: use their content's.
    const r = document.createRange();
    r.selectNodeContents(node);
    rect = r.getBoundingClientRect();
  }
  return rect.width || rect.height ? rect : null;
}

export function whyText(b, original, corrected) {
  const lines = [`${b.label === 'article' ? 'Article' : 'Boilerplate'} · ${badgeOf(b)} · score ${Number(b.score).toFixed(2)} · <${b.tag}>`];
  if (corrected) lines.push(`Flipped by you (Pith said ${original.label}, ${badgeOf(original)})`);
  lines.push(b.reasons?.length ? `Why: ${b.reasons.join(', ')}` : 'Why: no reasons recorded');
  lines.push('Click the label to flip it.');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Marks, pins, flashes and the tooltip

export class Marks {
  constructor(layer, pinLayer, tip, host, { onFlip, onPin }) {
    this.layer = layer;
    this.pinLayer = pinLayer;
    this.tip = tip;
    this.host = host;
    this.onFlip = onFlip;
    this.onPin = onPin;
    this.blocks = [];
    this.original = [];
    this.targets = [];
    this.corrected = new Set();
    this.boxes = new Map(); // block id → box element
    this.pins = [];
    this.rects = new Map(); // block id → last drawn DOMRect
    this.near = new Set(); // ids whose element is within VIEW_MARGIN of the viewport
    this.idsOf = new Map(); // observed element → block ids
    // Only blocks near the viewport are measured each frame: a page of 10,000 blocks costs
    // what its visible ones do. Elements without a box of their own (display: contents) never
    // intersect; they are measured every frame instead.
    this.io = new IntersectionObserver((entries) => {
      this.observed = true;
      for (const e of entries) {
        const ids = this.idsOf.get(e.target) || [];
        const boxless = !e.isIntersecting && !e.boundingClientRect.width && !e.boundingClientRect.height;
        for (const id of ids) {
          if (e.isIntersecting || boxless) this.near.add(id);
          else this.near.delete(id);
        }
      }
      this.schedule();
    }, { rootMargin: `${VIEW_MARGIN}px 0px` });
    this.ranges = new WeakMap();
    this.frame = 0;
    this.visible = true;
    this.hoverId = -1;
    this.pointer = null;
    this.listen();
  }

  listen() {
    this.onScroll = () => this.schedule();
    this.onPointer = (e) => {
      this.pointer = { x: e.clientX, y: e.clientY, overUs: e.target === this.host };
      this.schedule();
    };
    this.onLeave = () => { this.pointer = null; this.schedule(); };
    // Capture, passive: sees scrolling of any scroll container, never delays the page.
    window.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
    window.addEventListener('pointermove', this.onPointer, { capture: true, passive: true });
    document.addEventListener('pointerleave', this.onLeave, { passive: true });
    this.timer = setInterval(() => this.schedule(), REDRAW_MS);
  }

  destroy() {
    window.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onScroll);
    window.removeEventListener('pointermove', this.onPointer, { capture: true });
    document.removeEventListener('pointerleave', this.onLeave);
    clearInterval(this.timer);
    cancelAnimationFrame(this.frame);
    this.io.disconnect();
    this.layer.replaceChildren();
    this.pinLayer.replaceChildren();
    this.tip.hidden = true;
  }

  set(blocks, original, targets, corrected) {
    this.blocks = blocks;
    this.original = original;
    this.targets = targets;
    this.corrected = corrected;
    for (const box of this.boxes.values()) box.remove();
    this.boxes.clear();
    this.io.disconnect();
    this.idsOf.clear();
    this.near.clear();
    this.observed = false;
    // Resolves after the first draw that knows which blocks are on screen.
    this.drawn = new Promise((resolve) => { this.onDrawn = resolve; });
    targets.forEach((t, id) => {
      const node = t?.start ? t.start.parentElement : t?.el;
      if (!node) return;
      const ids = this.idsOf.get(node);
      if (ids) ids.push(id);
      else {
        this.idsOf.set(node, [id]);
        this.io.observe(node);
      }
    });
    this.schedule();
  }

  /** Restyles one block after a flip. */
  restyle(id) {
    const box = this.boxes.get(id);
    if (box) this.style(box, this.blocks[id]);
    if (this.hoverId === id) this.showTip(id);
  }

  setVisible(on) {
    this.visible = on;
    this.layer.hidden = !on;
    this.pinLayer.hidden = !on;
    if (!on) this.tip.hidden = true;
    this.schedule();
  }

  setPins(findings) {
    this.pinLayer.replaceChildren();
    this.pins = [];
    findings.forEach((f, i) => {
      for (const t of f.targets) {
        const pin = button(`pin ${f.severity}`, String(i + 1), `Finding ${i + 1}: ${f.title}`);
        pin.addEventListener('click', () => this.onPin(i));
        this.pins.push({ pin, target: t });
        break; // one pin per finding, on its first target
      }
    });
    this.schedule();
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  style(box, b) {
    const art = b.label === 'article';
    box.className = `box ${art ? `art k-${b.kind || 'paragraph'}` : `bp r-${b.role || 'none'}`}${this.corrected.has(b.id) ? ' corrected' : ''}`;
    box.firstChild.textContent = badgeOf(b);
    box.firstChild.setAttribute('aria-label', `${art ? 'Article' : 'Boilerplate'}, ${badgeOf(b)}: flip`);
  }

  box(id) {
    let box = this.boxes.get(id);
    if (!box) {
      box = el('div');
      box.dataset.id = String(id);
      const tag = button('tag');
      tag.addEventListener('click', (e) => { e.stopPropagation(); this.onFlip(id); });
      tag.addEventListener('pointerenter', () => this.showTip(id));
      tag.addEventListener('pointerleave', () => { this.tip.hidden = true; this.hoverId = -1; });
      box.append(tag);
      this.style(box, this.blocks[id]);
      this.layer.append(box);
      this.boxes.set(id, box);
    }
    return box;
  }

  draw() {
    if (!this.visible) return;
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    // Read every rectangle first, then write: interleaving would re-run layout per box.
    this.rects.clear();
    for (const id of this.near) {
      const t = this.targets[id];
      const r = t && t.el ? rectOf(t.start ? t : t.el, this.ranges) : null;
      if (r && r.bottom > -VIEW_MARGIN && r.top < vh + VIEW_MARGIN && r.right > 0 && r.left < vw) this.rects.set(id, r);
    }
    const pins = [];
    for (const p of this.pins) pins.push(rectOf(p.target, this.ranges));
    for (const [id, box] of this.boxes) if (!this.rects.has(id)) box.hidden = true;
    for (const [id, r] of this.rects) {
      const box = this.box(id);
      box.hidden = false;
      box.style.transform = `translate(${Math.round(r.left)}px, ${Math.round(r.top)}px)`;
      box.style.width = `${Math.round(r.width)}px`;
      box.style.height = `${Math.round(r.height)}px`;
      box.classList.toggle('low', r.top < 16);
    }
    this.pins.forEach(({ pin }, i) => {
      const r = pins[i];
      if (!r || r.bottom < 0 || r.top > vh) { pin.remove(); return; }
      pin.style.transform = `translate(${Math.round(Math.min(vw - 24, Math.max(2, r.right - 10)))}px, ${Math.round(Math.max(2, r.top - 9))}px)`;
      if (!pin.isConnected) this.pinLayer.append(pin);
    });
    this.hover();
    if (this.observed && this.onDrawn) {
      this.onDrawn();
      this.onDrawn = null;
    }
  }

  /** The innermost block under the pointer gets the tooltip. */
  hover() {
    const p = this.pointer;
    let best = -1;
    let area = Infinity;
    if (p && !p.overUs) {
      for (const [id, r] of this.rects) {
        if (p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom && r.width * r.height < area) {
          best = id;
          area = r.width * r.height;
        }
      }
    } else if (p?.overUs && this.hoverId >= 0 && !this.tip.hidden) {
      return; // over a label: its own handlers show the tip
    }
    if (best !== this.hoverId) {
      this.boxes.get(this.hoverId)?.classList.remove('hover');
      this.hoverId = best;
      this.boxes.get(best)?.classList.add('hover');
    }
    if (best < 0) {
      this.tip.hidden = true;
      return;
    }
    this.showTip(best, p);
  }

  showTip(id, p = this.pointer) {
    const b = this.blocks[id];
    if (!b) return;
    this.hoverId = id;
    this.tip.textContent = whyText(b, this.original[id], this.corrected.has(id));
    this.tip.hidden = false;
    const r = this.rects.get(id);
    const x = p ? p.x + 14 : r ? r.left : 0;
    const y = p ? p.y + 18 : r ? r.top : 0;
    const w = this.tip.offsetWidth;
    const h = this.tip.offsetHeight;
    const left = Math.max(4, Math.min(x, window.innerWidth - w - 8));
    const top = y + h > window.innerHeight - 4 ? Math.max(4, y - h - 28) : y;
    this.tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  /** Highlights block `id`'s box (the one under the pointer in the panel's list). */
  highlight(id) {
    this.boxes.get(this.hoverId)?.classList.remove('hover');
    this.hoverId = id;
    this.boxes.get(id)?.classList.add('hover');
  }

  /** Briefly outlines a target; returns false when it has no box on the page. */
  flash(target) {
    const r = rectOf(target, this.ranges);
    if (!r) return false;
    const f = el('div', 'flash');
    f.style.transform = `translate(${Math.round(r.left)}px, ${Math.round(r.top)}px)`;
    f.style.width = `${Math.round(r.width)}px`;
    f.style.height = `${Math.round(r.height)}px`;
    this.layer.append(f);
    f.addEventListener('animationend', () => f.remove());
    setTimeout(() => f.remove(), 2500);
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// The panel

const TABS = [
  ['report', 'Report'],
  ['meta', 'Metadata'],
  ['reader', 'Reader'],
  ['blocks', 'Blocks'],
];

const META_FIELDS = [
  ['title', 'Title'], ['authors', 'Authors'], ['published', 'Published'], ['modified', 'Modified'],
  ['site_name', 'Site'], ['language', 'Language'], ['description', 'Description'], ['image', 'Image'],
  ['canonical_url', 'Canonical URL'],
];

export class Panel {
  constructor(container, base, handlers) {
    this.base = base;
    this.h = handlers; // { onClose, onMinimise, onMarks, onFlip, onShow, onFocusBlock }
    this.tab = 'report';
    this.state = null;
    this.dirty = new Set(TABS.map((t) => t[0]));
    const root = el('aside', 'panel');
    root.setAttribute('aria-label', 'Pith');
    root.setAttribute('role', 'complementary');
    this.root = root;

    const head = el('div', 'head');
    const top = el('div', 'top');
    this.titleEl = el('h2', null, 'Pith ');
    this.ver = el('span', 'ver');
    this.titleEl.append(this.ver);
    this.marksBtn = button('icon', '◫', 'Show or hide the marks on the page');
    this.marksBtn.setAttribute('aria-pressed', 'true');
    this.marksBtn.addEventListener('click', () => {
      const on = this.marksBtn.getAttribute('aria-pressed') !== 'true';
      this.marksBtn.setAttribute('aria-pressed', String(on));
      this.h.onMarks(on);
    });
    this.sideBtn = button('icon', '⇆', 'Move the panel to the other side');
    this.sideBtn.addEventListener('click', () => root.classList.toggle('left'));
    this.minBtn = button('icon', '▁', 'Minimise the panel');
    this.minBtn.setAttribute('aria-expanded', 'true');
    this.minBtn.addEventListener('click', () => {
      const min = root.classList.toggle('min');
      this.minBtn.setAttribute('aria-expanded', String(!min));
    });
    this.closeBtn = button('icon', '✕', 'Close Pith and remove its marks');
    this.closeBtn.addEventListener('click', () => this.h.onClose());
    top.append(this.titleEl, this.marksBtn, this.sideBtn, this.minBtn, this.closeBtn);
    this.summary = el('p', 'summary');
    this.status = el('p', 'status');
    this.status.setAttribute('role', 'status');
    head.append(top, this.summary, this.status);

    const tabs = el('div', 'tabs');
    tabs.setAttribute('role', 'tablist');
    this.tabBtns = new Map();
    for (const [id, label] of TABS) {
      const b = button(null, label);
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(id === this.tab));
      b.tabIndex = id === this.tab ? 0 : -1;
      b.dataset.tab = id;
      b.addEventListener('click', () => this.select(id));
      b.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        const i = TABS.findIndex((t) => t[0] === id);
        const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length][0];
        this.select(next);
        this.tabBtns.get(next).focus();
      });
      this.tabBtns.set(id, b);
      tabs.append(b);
    }
    this.body = el('div', 'body');
    this.body.setAttribute('role', 'tabpanel');
    this.body.tabIndex = 0;
    root.append(head, tabs, this.body);
    container.append(root);
  }

  /** Moves keyboard focus to the panel (its selected tab), without scrolling anything. */
  focus() {
    this.tabBtns.get(this.tab)?.focus({ preventScroll: true });
  }

  setStatus(text, kind = '') {
    this.status.textContent = text;
    this.status.className = `status ${kind}`;
    this.status.hidden = !text;
  }

  select(id) {
    this.tab = id;
    for (const [t, b] of this.tabBtns) {
      b.setAttribute('aria-selected', String(t === id));
      b.tabIndex = t === id ? 0 : -1;
    }
    this.dirty.add(id);
    this.renderTab();
  }

  /** New data: { annotation, original, marks, report, meta, corrected, version, exact }. */
  update(state, what = ['report', 'meta', 'reader', 'blocks']) {
    this.state = state;
    for (const w of what) this.dirty.add(w);
    this.ver.textContent = state.version ? `${state.version}` : '';
    const a = state.annotation;
    const n = a.blocks.length;
    const art = a.blocks.filter((b) => b.label === 'article').length;
    const m = a.metadata || {};
    const parts = [`${art} of ${n} blocks in the article`, `${thousands(m.word_count || 0)} words`];
    if (m.reading_minutes) parts.push(`${m.reading_minutes} min read`);
    const unplaced = state.marks.filter((x) => !x.el).length;
    if (unplaced) parts.push(`${unplaced} not on the page`);
    this.summary.textContent = parts.join(' · ');
    this.tabBtns.get('report').textContent = `Report (${state.report.length})`;
    this.renderTab();
  }

  renderTab() {
    if (!this.state || !this.dirty.has(this.tab)) return;
    this.dirty.delete(this.tab);
    const scroll = this.body.scrollTop;
    this.body.replaceChildren();
    if (this.tab === 'report') this.renderReport();
    else if (this.tab === 'meta') this.renderMeta();
    else if (this.tab === 'reader') this.renderReader();
    else this.renderBlocks();
    this.body.scrollTop = scroll;
  }

  renderReport() {
    const { report } = this.state;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of report) counts[f.severity]++;
    const c = el('p', 'counts');
    c.append(el('span', null, `${counts.error} problem${counts.error === 1 ? '' : 's'}`), el('span', null, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`), el('span', null, `${counts.info} note${counts.info === 1 ? '' : 's'}`));
    this.body.append(c);
    if (!report.length) {
      this.body.append(el('p', 'empty', 'Nothing found that hurts extraction.'));
      return;
    }
    const ol = el('ol', 'findings');
    report.forEach((f, i) => {
      const li = el('li', `finding ${f.severity}`);
      li.tabIndex = -1;
      li.dataset.code = f.code;
      li.dataset.index = String(i);
      const h = el('h3');
      h.append(el('span', 'num', String(i + 1)), el('span', null, f.title));
      li.append(h);
      if (f.detail) li.append(el('p', null, f.detail));
      if (f.evidence?.length) {
        const ev = el('ul', 'ev');
        for (const x of f.evidence.slice(0, 10)) {
          const item = el('li');
          item.append(el('span', 'src', x.source), document.createTextNode(x.value.length > 160 ? `${x.value.slice(0, 160)}…` : x.value));
          if (x.el && x.el.nodeType === 1 && !isInvisible(x.el)) {
            const show = button('btn', 'Show');
            show.addEventListener('click', () => this.h.onShow(x.el));
            item.append(document.createTextNode(' '), show);
          }
          ev.append(item);
        }
        li.append(ev);
      }
      if (f.targets.length) {
        const t = el('div', 'targets');
        f.targets.slice(0, 6).forEach((target, j) => {
          const node = target.el || target;
          const label = f.targets.length > 1 ? `Show ${j + 1}` : 'Show on the page';
          const b = button('btn', label, `${label}: ${describeElement(target.start ? target.start.parentElement : node)}`);
          b.addEventListener('click', () => this.h.onShow(target));
          t.append(b);
        });
        li.append(t);
      }
      ol.append(li);
    });
    this.body.append(ol);
  }

  focusFinding(i) {
    this.select('report');
    if (this.root.classList.contains('min')) this.minBtn.click();
    const li = this.body.querySelector(`li[data-index="${i}"]`);
    if (li) {
      li.scrollIntoView({ block: 'nearest' }); // the panel's own scroller
      li.focus({ preventScroll: true });
    }
  }

  renderMeta() {
    const { annotation: a, meta } = this.state;
    const m = a.metadata || {};
    const sources = m.sources || {};
    const dl = el('dl', 'md');
    for (const [key, label] of META_FIELDS) {
      dl.append(el('dt', null, label));
      const dd = el('dd');
      let v = m[key];
      if (Array.isArray(v)) v = v.join(', ');
      if (v == null || v === '') dd.append(el('span', 'empty', '—'));
      else dd.append(document.createTextNode(String(v)));
      if (sources[key]) dd.append(el('span', 'from', `  from ${sources[key]}`));
      const others = meta.candidates[key] || [];
      if (others.length) {
        const ul = el('ul', 'alt');
        for (const x of others.slice(0, 8)) {
          const li = el('li');
          const differs = v && !sameish(String(v), x.value);
          if (differs) li.className = 'differs';
          li.append(el('span', 'src', x.source), document.createTextNode(` ${x.value.length > 140 ? `${x.value.slice(0, 140)}…` : x.value}`));
          ul.append(li);
        }
        dd.append(ul);
      }
      dl.append(dd);
    }
    dl.append(el('dt', null, 'Words'), el('dd', null, `${thousands(m.word_count || 0)}${m.reading_minutes ? ` · ${m.reading_minutes} min read` : ''}`));
    dl.append(el('dt', null, 'Direction'), el('dd', null, m.dir || 'ltr'));
    this.body.append(dl);
    this.body.append(el('p', 'small', 'The first value is the one Pith kept, with its source; below it, every value this page declares, per source (amber: differs).'));
  }

  async renderReader() {
    const host = el('article', 'reader');
    this.body.append(host);
    try {
      const { renderReader } = await import(new URL('../reader.js', this.base).href);
      if (!host.isConnected) return;
      renderReader(host, this.state.annotation, { base: location.href, images: true });
    } catch (e) {
      host.replaceChildren(el('p', 'empty', `The reader view could not load: ${e.message}`));
    }
  }

  renderBlocks() {
    const { annotation: a, marks, corrected } = this.state;
    this.body.append(el('p', 'small', 'Every block, in page order. Click one (or press Enter) to flip its label; hover to find it on the page.'));
    const ol = el('ol', 'blocks');
    const LIMIT = 2000;
    for (const b of a.blocks.slice(0, LIMIT)) {
      const li = el('li', `blk ${b.label === 'article' ? `art k-${b.kind || 'paragraph'}` : 'bp'}${corrected.has(b.id) ? ' corrected' : ''}${marks[b.id]?.el ? '' : ' unplaced'}`);
      li.tabIndex = -1;
      li.dataset.id = String(b.id);
      li.append(el('span', 'b', badgeOf(b)), el('span', 't', b.text ? b.text.slice(0, 160) : `(${b.tag})`));
      ol.append(li);
    }
    const first = ol.firstElementChild;
    if (first) first.tabIndex = 0;
    ol.addEventListener('click', (e) => {
      const li = e.target.closest('li');
      if (li) this.h.onFlip(Number(li.dataset.id), li);
    });
    ol.addEventListener('keydown', (e) => {
      const li = e.target.closest('li');
      if (!li) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.h.onFlip(Number(li.dataset.id), li);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = e.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
        if (next) {
          li.tabIndex = -1;
          next.tabIndex = 0;
          next.focus();
        }
      }
    });
    // Keyboard focus outlines the block on the page; the pointer just highlights its box.
    ol.addEventListener('focusin', (e) => {
      const li = e.target.closest?.('li');
      if (li) this.h.onFocusBlock(Number(li.dataset.id), true);
    });
    ol.addEventListener('pointerover', (e) => {
      const li = e.target.closest?.('li');
      if (li) this.h.onFocusBlock(Number(li.dataset.id), false);
    });
    this.body.append(ol);
    if (a.blocks.length > LIMIT) this.body.append(el('p', 'small', `The first ${thousands(LIMIT)} of ${thousands(a.blocks.length)} blocks.`));
  }

  /** Redraws one block's row after a flip. */
  restyleBlock(b, corrected, placed) {
    const li = this.body.querySelector(`li.blk[data-id="${b.id}"]`);
    if (!li) return;
    li.className = `blk ${b.label === 'article' ? `art k-${b.kind || 'paragraph'}` : 'bp'}${corrected ? ' corrected' : ''}${placed ? '' : ' unplaced'}`;
    li.firstChild.textContent = badgeOf(b);
  }
}

function isInvisible(node) {
  return /^(meta|script|link|title|head|html|style)$/.test(node.localName);
}

function sameish(a, b) {
  const n = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const x = n(a);
  const y = n(b);
  return x.includes(y) || y.includes(x);
}
