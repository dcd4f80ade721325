// The page side of the widget's worker: starting it on any host, and promise-based calls.
//
// A worker must come from the page's own origin. On Pith's origin (an editorial site hosting
// the widget itself) it starts from its URL; on any other (a CDN, the bookmarklet) from a
// blob: URL whose only line imports the worker module from Pith's origin (served with CORS).
// A blob: worker lives under the host's Content-Security-Policy: worker-src (or child-src,
// script-src) must allow blob:, script-src Pith's origin, connect-src the .wasm, and
// script-src 'wasm-unsafe-eval'. Each refusal is caught and named (EngineError.csp).

/** Why Pith cannot run on this page. `csp` names the CSP directive that refused, if one did. */
export class EngineError extends Error {
  constructor(message, { csp = null, blocked = '' } = {}) {
    super(message);
    this.name = 'EngineError';
    this.csp = csp;
    this.blocked = blocked;
  }
}

const START_TIMEOUT_MS = 30_000;

let policy; // undefined: not tried yet; null: refused

/**
 * A Trusted Types policy, for pages that enforce them (require-trusted-types-for 'script'):
 * the widget's worker URL and the skeleton it parses need one. Created only on such pages,
 * the first time a plain string is refused; the page's CSP must allow the name
 * (trusted-types pith-widget). Returns null when it does not.
 */
export function trustedPolicy() {
  if (policy !== undefined) return policy;
  policy = null;
  try {
    policy = window.trustedTypes?.createPolicy('pith-widget', {
      // Only the widget's own worker (its URL, or the blob: that imports it).
      createScriptURL: (u) => {
        const url = new URL(u, location.href);
        if (url.protocol === 'blob:' || url.pathname.endsWith('/worker.js')) return url.href;
        throw new TypeError(`pith-widget: not a worker URL: ${u}`);
      },
      // Only the skeleton: the page's own structure without attributes or script text.
      createHTML: (html) => html,
    }) || null;
  } catch {
    policy = null;
  }
  return policy;
}

const isTrustedTypesError = (e) => e instanceof TypeError && /Trusted/i.test(e.message);

function newWorker(url, options) {
  try {
    return new Worker(url, options);
  } catch (e) {
    if (!isTrustedTypesError(e)) throw e;
    const p = trustedPolicy();
    if (!p) throw new EngineError('this page enforces Trusted Types and does not allow the policy “pith-widget”', { csp: 'require-trusted-types-for' });
    return new Worker(p.createScriptURL(url), options);
  }
}

export class Engine {
  constructor(base) {
    this.base = base; // URL of the widget folder
    this.worker = null;
    this.blobUrl = '';
    this.pending = new Map();
    this.nextId = 1;
    this.version = '';
    this.violations = [];
  }

  /** Starts the worker and the wasm. Resolves with Pith's version; rejects with EngineError. */
  start() {
    if (this.started) return this.started;
    this.started = this.#start();
    return this.started;
  }

  async #start() {
    const workerUrl = new URL('worker.js', this.base).href;
    const wasmUrl = new URL('../pkg/pith_bg.wasm', this.base).href;
    const onViolation = (e) => this.violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: String(e.blockedURI || '') });
    document.addEventListener('securitypolicyviolation', onViolation);
    try {
      const sameOrigin = new URL(workerUrl).origin === location.origin;
      let worker;
      try {
        if (sameOrigin) {
          worker = newWorker(workerUrl, { type: 'module', name: 'pith-widget' });
        } else {
          const boot = `import ${JSON.stringify(workerUrl)};`;
          this.blobUrl = URL.createObjectURL(new Blob([boot], { type: 'text/javascript' }));
          worker = newWorker(this.blobUrl, { type: 'module', name: 'pith-widget' });
        }
      } catch (e) {
        if (e instanceof EngineError) throw e;
        // Thrown at once when the CSP refuses the worker's URL.
        throw this.#error(`the page does not allow Pith's worker (${e.message})`);
      }
      this.worker = worker;
      const version = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(this.#error('Pith did not start in time')), START_TIMEOUT_MS);
        const fail = (err) => { clearTimeout(timer); reject(err); };
        worker.onmessage = ({ data: m }) => {
          if (m.op === 'loaded') {
            worker.postMessage({ op: 'init', wasm: wasmUrl });
          } else if (m.op === 'ready') {
            clearTimeout(timer);
            resolve(m.version);
          } else if (m.op === 'failed') {
            fail(this.#error(`Pith's WebAssembly could not start: ${m.error}`, m.error));
          } else if (m.op === 'csp') {
            this.violations.push({ directive: m.directive, blocked: m.blocked });
          }
        };
        // A worker script that could not load (CSP, network, CORS) fires a bare error event.
        worker.onerror = (e) => {
          e.preventDefault();
          fail(this.#error(`Pith's worker could not load${e.message ? ` (${e.message})` : ''}`));
        };
      });
      this.version = version;
      worker.onmessage = ({ data: m }) => this.#settle(m);
      worker.onerror = (e) => {
        e.preventDefault();
        this.#failAll(new Error(e.message || 'Pith stopped unexpectedly'));
      };
      return version;
    } catch (e) {
      this.terminate();
      throw e;
    } finally {
      // Let a CSP violation event dispatched in the same turn arrive first.
      setTimeout(() => document.removeEventListener('securitypolicyviolation', onViolation), 0);
      if (this.blobUrl) {
        URL.revokeObjectURL(this.blobUrl);
        this.blobUrl = '';
      }
    }
  }

  #error(message, detail = '') {
    const v = this.violations[0];
    const cspHint = /content security policy|wasm-eval|unsafe-eval/i.test(detail);
    if (v || cspHint) {
      const directive = v?.directive || 'script-src';
      return new EngineError(message, { csp: directive, blocked: v?.blocked || (cspHint ? 'wasm-eval' : '') });
    }
    return new EngineError(message);
  }

  #settle(m) {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.op === 'blocks') {
      p.onBlocks?.(m.blocks);
      return;
    }
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
  }

  #failAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  #call(msg, onBlocks, transfer) {
    return new Promise((resolve, reject) => {
      if (!this.worker) {
        reject(new Error('Pith is not running'));
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, onBlocks });
      this.worker.postMessage({ ...msg, id }, transfer || []);
    });
  }

  /** Annotates `html`; block batches go to `onBlocks` as they arrive, before it resolves. */
  annotate(html, url, onBlocks) {
    return this.#call({ op: 'annotate', html, url }, onBlocks);
  }

  /** Sections, word count and reading time after flips: labels is [[blockId, label]...]. */
  assemble(labels) {
    return this.#call({ op: 'assemble', labels });
  }

  terminate() {
    this.worker?.terminate();
    this.worker = null;
    this.#failAll(new Error('Pith was closed'));
  }
}
