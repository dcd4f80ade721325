// The module worker that runs Pith's wasm, so a 5 MB page never freezes the page's UI.
// Requests are { id, op, ... }; every reply carries the same id. The page terminates this
// worker to cancel a run (wasm cannot be interrupted from inside) and after a panic (a trapped
// wasm instance may hold half-updated state), and starts a fresh one from the compiled module.

import init, * as pith from './pkg/pith.js';

// A Rust panic reaches JS as a bare RuntimeError ("unreachable"); console_error_panic_hook has
// just written the panic's message with console.error. Keep the last one to report it.
let lastConsoleError = '';
const consoleError = console.error.bind(console);
console.error = (...args) => {
  lastConsoleError = args.map(String).join(' ');
  consoleError(...args);
};

let ready = null;
const CHUNK = 1000; // blocks per message for big annotations

function start(module) {
  // The page passes the WebAssembly.Module it compiled once, so a restart costs no download.
  ready = init({ module_or_path: module ?? new URL('./pkg/pith_bg.wasm', import.meta.url) });
  return ready;
}

// Two wasm modules of their own, each loaded the first time it is needed, so the page's
// download at load is the HTML annotator alone: the pasted-text front end (pith_text, the first
// time an input is text) and the renderer (pith_render: render(), for exports and re-assembly).
const lazy = {};
function load(name) {
  lazy[name] ??= (async () => {
    const m = await import(`./pkg/${name}.js`);
    await m.default({ module_or_path: new URL(`./pkg/${name}_bg.wasm`, import.meta.url) });
    return m;
  })();
  lazy[name].catch(() => { delete lazy[name]; }); // a failed download is tried again next time
  return lazy[name];
}
const loadRenderer = () => load('pith_render');

const ops = {
  async annotate({ id, input, options }) {
    // `input` is a string, or a UTF-8 page's bytes (a Uint8Array: decode.js's utf8), which go
    // into the wasm as one plain copy. The HTML annotator answers undefined when the input is
    // pasted text: that goes to the text front end, whose download the page shows while it
    // lasts (first time only).
    const bytes = input instanceof Uint8Array;
    const a = bytes ? pith.annotateBytes(input, options ?? {}) : pith.annotate(input, options ?? {});
    if (a !== undefined) return a;
    if (!lazy.pith_text) self.postMessage({ id, loading: 'text' });
    const text = bytes ? new TextDecoder().decode(input) : input;
    return (await load('pith_text')).annotate(text, options ?? {});
  },
  async render({ annotation, format }) {
    return (await loadRenderer()).render(annotation, format);
  },
  // Sections, word count and reading time for a corrected annotation: the core's assemble (run
  // by render), parsed here so the page receives a few numbers, not the whole annotation again.
  async assemble({ annotation }) {
    const a = JSON.parse((await loadRenderer()).render(annotation, 'json'));
    return { sections: a.sections, word_count: a.metadata.word_count, reading_minutes: a.metadata.reading_minutes };
  },
  version() {
    return pith.version();
  },
  // Exercises the page's crash recovery without a real bug (used by the tests).
  crash() {
    throw new WebAssembly.RuntimeError('unreachable (simulated)');
  },
};

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.op === 'init') {
    try {
      await start(msg.module);
      self.postMessage({ op: 'ready', version: pith.version() });
    } catch (e) {
      self.postMessage({ op: 'failed', error: String(e?.message ?? e) });
    }
    return;
  }
  const { id, op } = msg;
  try {
    await (ready ?? start());
    const fn = ops[op];
    if (!fn) throw new Error(`unknown operation '${op}'`);
    const started = performance.now();
    const result = await fn(msg);
    if (op === 'annotate' && result.blocks.length > CHUNK) {
      // A big annotation goes in slices: the page decodes each message in one task, and many
      // small tasks keep it responsive where one 15 MB message would stall it.
      const { blocks } = result;
      self.postMessage({ id, part: { ...result, blocks: [] } });
      for (let i = 0; i < blocks.length; i += CHUNK) self.postMessage({ id, blocks: blocks.slice(i, i + CHUNK) });
      self.postMessage({ id, ok: true, parts: true, ms: performance.now() - started });
      return;
    }
    self.postMessage({ id, ok: true, result, ms: performance.now() - started });
  } catch (e) {
    // A trap means the instance is no longer trustworthy: tell the page to replace us.
    const fatal = e instanceof WebAssembly.RuntimeError;
    const error = fatal && lastConsoleError ? lastConsoleError : String(e?.message ?? e);
    self.postMessage({ id, ok: false, fatal, error });
  }
};
