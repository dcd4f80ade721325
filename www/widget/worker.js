// The widget's module worker: runs Pith's wasm off the host page's main thread.
//
// Messages in: { op: 'init', wasm } then { id, op: 'annotate', html, url } and
// { id, op: 'assemble', labels: [[blockId, label]...] }. Out: { op: 'loaded' } as soon as this
// module runs (the page waits for it before sending anything), { op: 'ready', version } or
// { op: 'failed', error }, { op: 'csp', directive, blocked } for every CSP refusal seen here,
// and per request { id, op: 'blocks', blocks } batches followed by { id, ok, result | error }.
//
// The worker keeps the last annotation, so a label flip sends only the flips, not the blocks.

import init, * as pith from '../pkg/pith.js';
import { corrected } from './labels.js';

// A worker started from a blob: URL (the host page is on another origin) lives under the
// host's Content-Security-Policy: report what it refuses, so the page can say so.
self.addEventListener('securitypolicyviolation', (e) => {
  self.postMessage({ op: 'csp', directive: e.effectiveDirective || e.violatedDirective, blocked: String(e.blockedURI || '') });
});

// A Rust panic reaches JS as a bare "unreachable"; the panic hook has just written its message.
let lastConsoleError = '';
const consoleError = console.error.bind(console);
console.error = (...args) => {
  lastConsoleError = args.map(String).join(' ');
  consoleError(...args);
};

const BATCH = 400; // blocks per message: keeps each message's decoding on the page short
let original = null; // the annotation as Pith made it
let ready = null;
let renderer = null;

// render() lives in a wasm module of its own (pkg/pith_render.js), loaded on the first flip.
function loadRenderer() {
  renderer ??= (async () => {
    const r = await import('../pkg/pith_render.js');
    await r.default({ module_or_path: new URL('../pkg/pith_render_bg.wasm', import.meta.url) });
    return r;
  })();
  renderer.catch(() => { renderer = null; }); // a failed download is tried again next time
  return renderer;
}

const ops = {
  annotate({ id, html, url }) {
    // Every block's HTML ('all'; the core's default is the article blocks'): the panel's
    // reader tab follows flips, and a block flipped to article reads with its markup.
    const a = pith.annotate(html, { input: 'html', url: url || undefined, blockHtml: 'all' });
    original = a;
    for (let i = 0; i < a.blocks.length; i += BATCH) {
      self.postMessage({ id, op: 'blocks', blocks: a.blocks.slice(i, i + BATCH) });
    }
    return { ...a, blocks: null, blockCount: a.blocks.length };
  },
  // Sections, word count and reading time after label flips: the core's assemble, through
  // render(…, 'json'), as on Pith's page.
  async assemble({ labels }) {
    if (!original) throw new Error('nothing annotated yet');
    const flips = new Map(labels);
    const blocks = original.blocks.map((b) => {
      const l = flips.get(b.id);
      // Block HTML plays no part in assembling: leave it out.
      const { html, ...rest } = l && l !== b.label ? corrected(b, l) : b;
      return rest;
    });
    const json = JSON.parse((await loadRenderer()).render({ ...original, blocks }, 'json'));
    return { sections: json.sections, word_count: json.metadata.word_count, reading_minutes: json.metadata.reading_minutes };
  },
};

self.onmessage = async ({ data: msg }) => {
  if (msg.op === 'init') {
    try {
      ready = init({ module_or_path: msg.wasm });
      await ready;
      self.postMessage({ op: 'ready', version: pith.version() });
    } catch (e) {
      self.postMessage({ op: 'failed', error: String(e?.message ?? e) });
    }
    return;
  }
  const { id, op } = msg;
  try {
    await ready;
    const fn = ops[op];
    if (!fn) throw new Error(`unknown operation '${op}'`);
    const t0 = performance.now();
    const result = await fn(msg);
    self.postMessage({ id, ok: true, result, ms: performance.now() - t0 });
  } catch (e) {
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, fatal, error: fatal && lastConsoleError ? lastConsoleError : String(e?.message ?? e) });
  }
};

self.postMessage({ op: 'loaded' });
