// One run of the widget on the page: read the live DOM, annotate it in the worker, map the
// blocks back onto the live elements, mark them, build the report, show the panel; flips;
// and closing, which leaves the page as it was. Loaded by pith-widget.js on first use.
//
// Main-thread work comes in slices of a few milliseconds with pauses between them
// (serialising, parsing the skeleton, mapping): the host page never waits 50 ms for us.

import { serialise } from './serialize.js';
import { parseSkeleton, mapBlocks, nodesBetween } from './mapping.js';
import { scanMetadata, buildReport } from './report.js';
import { Engine } from './engine.js';
import { corrected } from './labels.js';
import { Marks, Panel, rectOf } from './ui.js';
import { PANEL_CSS } from './styles.js';

// Main-thread work per slice: small, so a garbage collection or the host's own rendering
// landing in the same task still leaves it well under 50 ms.
const SLICE_MS = 5;

/** Yields to the event loop (input, rendering, the host's own tasks) between slices. */
const pause = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0)));

export class Session {
  /**
   * shell (from pith-widget.js): { host (<pith-widget>), shadow (its shadow root), pw (the
   * root element inside), base (URL of the widget folder), onCloseRequested () }
   */
  constructor(shell) {
    this.shell = shell;
    this.engine = new Engine(shell.base);
    this.abort = null;
    this.result = null;
    this.original = null; // Pith's annotation
    this.current = null; // with flips applied and re-assembled
    this.flips = new Map();
    this.marks = null;
    this.panel = null;
    this.assembleRun = 0;
    this.ensureStyles();
  }

  ensureStyles() {
    const { shadow } = this.shell;
    if (this.shell.panelSheet) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    this.shell.panelSheet = sheet;
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  }

  /** Reads, annotates, maps and shows. `opts`: { root, panel, marks }. */
  async annotate(opts = {}) {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const signal = abort.signal;
    const t0 = performance.now();
    const timings = {};
    const mark = (k, since) => { timings[k] = Math.round(performance.now() - since); };

    const root = resolveRoot(opts.root);
    this.root = root;
    this.ui(opts);
    this.panel?.setStatus('Reading the page…');

    // Start the worker while the page is read.
    const started = this.engine.start();
    started.catch(() => {}); // handled below; avoid an unhandled rejection meanwhile
    let t = performance.now();
    const snap = await serialise(document, { root, skip: this.shell.host, sliceMs: SLICE_MS, pause, signal });
    mark('serialise', t);
    if (signal.aborted) throw signal.reason;

    this.panel?.setStatus('Starting Pith…');
    t = performance.now();
    const version = await started;
    mark('start', t);
    this.panel?.setStatus('Annotating…');

    t = performance.now();
    const blocks = [];
    const annotated = this.engine.annotate(snap.html, location.href, (batch) => {
      for (let i = 0; i < batch.length; i++) blocks[blocks.length] = batch[i];
    });
    // Parse the skeleton while the worker annotates.
    const skelDoc = await parseSkeleton(snap.skeleton, { pause, sliceMs: SLICE_MS, signal });
    mark('skeleton', t);
    const head = await annotated;
    mark('annotate', t);
    if (signal.aborted) throw signal.reason;
    const annotation = { ...head, blocks };
    delete annotation.blockCount;

    t = performance.now();
    const targets = await mapBlocks(blocks, { skelDoc, nodes: snap.nodes, liveDoc: document, skip: this.shell.host, pause, sliceMs: SLICE_MS, signal });
    mark('map', t);
    if (signal.aborted) throw signal.reason;

    this.version = version;
    this.original = annotation;
    this.current = annotation;
    this.flips = new Map();
    this.targets = targets;
    this.snapInfo = { bytes: snap.html.length, elements: snap.elements, restarts: snap.restarts, oracle: !!skelDoc };
    // Each step below is a few milliseconds on a big page; a pause between them keeps every
    // task short.
    await pause();
    t = performance.now();
    this.meta = scanMetadata(document, annotation.blocks, targets);
    await pause();
    this.report = await buildReport(annotation, targets, this.meta, document, pause);
    mark('report', t);
    await pause();
    if (signal.aborted) throw signal.reason;
    t = performance.now();
    await this.show();
    mark('show', t);
    timings.total = Math.round(performance.now() - t0);
    this.timings = timings;
    this.panel?.setStatus('');
    return this.publish();
  }

  /** Creates (or re-shows) the marks and the panel. */
  ui({ panel = true, marks = true } = {}) {
    const { pw, host } = this.shell;
    if (!this.layers) {
      const marksLayer = document.createElement('div');
      marksLayer.className = 'marks';
      const pins = document.createElement('div');
      pins.className = 'pins';
      const tip = document.createElement('div');
      tip.className = 'tip';
      tip.hidden = true;
      tip.setAttribute('role', 'tooltip');
      pw.prepend(marksLayer, pins, tip);
      this.layers = { marksLayer, pins, tip };
      this.marks = new Marks(marksLayer, pins, tip, host, {
        onFlip: (id) => this.flip(id),
        onPin: (i) => this.panel?.focusFinding(i),
      });
    }
    this.marks.setVisible(marks !== false);
    if (panel !== false && !this.panel) {
      this.panel = new Panel(pw, this.shell.base, {
        onClose: () => this.shell.onCloseRequested(),
        onMarks: (on) => this.marks.setVisible(on),
        onFlip: (id) => this.flip(id),
        onShow: (target) => this.showTarget(target),
        onFocusBlock: (id, outline) => {
          const t = this.targets?.[id];
          if (!t?.el) return;
          if (outline) this.marks.flash(t.start ? t : t.el);
          else this.marks.highlight(id);
        },
      });
    }
  }

  async show() {
    const corrected = new Set(this.flips.keys());
    this.marks.set(this.current.blocks, this.original.blocks, this.targets, corrected);
    await pause();
    this.marks.setPins(this.report);
    this.panel?.update(this.state());
    // annotate() resolves once the marks are on the page (a hidden tab draws nothing: cap it).
    await Promise.race([this.marks.drawn, new Promise((r) => setTimeout(r, 1000))]);
  }

  state() {
    return {
      annotation: this.current,
      original: this.original,
      marks: this.targets,
      report: this.report,
      meta: this.meta,
      corrected: new Set(this.flips.keys()),
      version: this.version,
    };
  }

  /** Points at a target: outlines it, scrolling it into view first if it is off screen. */
  showTarget(target) {
    const node = target.start ? target.start.parentElement : target.el || target;
    const r = rectOf(target.start ? target : node);
    if (!r) {
      this.panel?.setStatus('That element has no box on the page (hidden, or removed since).', 'error');
      return;
    }
    // The person asked to see it: the one time the widget scrolls the page.
    if (r.bottom < 0 || r.top > window.innerHeight || r.right < 0 || r.left > window.innerWidth) {
      node.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
    this.panel?.setStatus('');
    requestAnimationFrame(() => this.marks.flash(target.start ? target : node));
  }

  /** Flips a block between article and boilerplate, as on Pith's page. */
  async flip(id, label) {
    const o = this.original?.blocks[id];
    if (!o) return this.result;
    const now = this.current.blocks[id].label;
    const next = label || (now === 'article' ? 'boilerplate' : 'article');
    if (next === o.label) this.flips.delete(id);
    else this.flips.set(id, next);
    const blocks = this.current.blocks.slice();
    blocks[id] = next === o.label ? o : corrected(o, next);
    this.current = { ...this.current, blocks };
    const correctedSet = new Set(this.flips.keys());
    this.marks.corrected = correctedSet;
    this.marks.blocks = blocks;
    this.marks.restyle(id);
    this.panel?.restyleBlock(blocks[id], correctedSet.has(id), !!this.targets[id]?.el);
    // Sections, word count and reading time come from the core.
    const run = ++this.assembleRun;
    const asm = await this.engine.assemble([...this.flips]);
    if (run !== this.assembleRun) return this.result;
    this.current = {
      ...this.current,
      sections: asm.sections,
      metadata: { ...this.current.metadata, word_count: asm.word_count, reading_minutes: asm.reading_minutes },
    };
    this.meta = scanMetadata(document, this.current.blocks, this.targets);
    this.report = await buildReport(this.current, this.targets, this.meta, document, pause);
    this.marks.setPins(this.report);
    this.panel?.update(this.state(), ['report', 'meta', 'reader']);
    return this.publish('pith:change');
  }

  /** The result handed to the API and the event. */
  publish(type = 'pith:done') {
    const blocks = this.current.blocks;
    const targets = this.targets;
    const result = {
      annotation: this.current,
      original: this.original,
      report: this.report.map((f) => ({ ...f })),
      flips: [...this.flips].map(([id, label]) => ({ id, label, was: this.original.blocks[id].label })),
      /** Live nodes of block `id`: its element, or the nodes of its run. */
      nodes(id) {
        const t = targets[id];
        if (!t?.el) return [];
        return t.start ? nodesBetween(t.start, t.end) : [t.el];
      },
      element(id) {
        return targets[id]?.el || null;
      },
      exact: targets.filter((t) => t.exact).length,
      placed: targets.filter((t) => t.el).length,
      total: blocks.length,
      timings: this.timings,
      page: this.snapInfo,
      version: this.version,
    };
    this.result = result;
    document.dispatchEvent(new CustomEvent(type, { detail: result }));
    return result;
  }

  /** Removes everything this session drew and stops the worker. */
  close() {
    this.abort?.abort();
    this.marks?.destroy();
    this.panel?.root.remove();
    if (this.layers) {
      this.layers.marksLayer.remove();
      this.layers.pins.remove();
      this.layers.tip.remove();
    }
    this.layers = null;
    this.marks = null;
    this.panel = null;
    this.engine.terminate();
  }
}

function resolveRoot(root) {
  if (!root) return null;
  let el = root;
  if (typeof root === 'string') {
    el = document.querySelector(root);
    if (!el) throw new Error(`data-pith-root: nothing on the page matches “${root}”`);
  }
  if (!(el instanceof Element) || el === document.documentElement) return null;
  // Table and list parts are re-parsed out of context: take their table or list.
  while (/^(td|th|tr|tbody|thead|tfoot|caption|col|colgroup|li|dt|dd|option|optgroup)$/.test(el.localName) && el.parentElement && el.parentElement !== document.body) {
    el = el.parentElement;
  }
  return el === document.body ? null : el;
}
