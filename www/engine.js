// The page's handle on the worker: promise-based calls, cancellation and crash recovery.
// The wasm is compiled once here (off the main thread by the engine) and handed to every
// worker, so replacing a worker (to cancel a run, or after a panic) is instant.

export class Cancelled extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'Cancelled';
  }
}

/** An error the wasm could not recover from; the worker has already been replaced. */
export class Crashed extends Error {
  constructor(message) {
    super(message);
    this.name = 'Crashed';
  }
}

export class Engine {
  constructor(base = new URL('./', import.meta.url)) {
    this.base = base;
    this.module = null;
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.version = '';
    this.restarts = 0;
  }

  /** Compiles the wasm and starts the first worker. Resolves with the library version. */
  async load() {
    const url = new URL('pkg/pith_bg.wasm', this.base);
    try {
      this.module = await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // Hosts that serve .wasm without application/wasm: compile from bytes instead.
      try {
        const res = await fetch(url);
        this.module = await WebAssembly.compile(await res.arrayBuffer());
      } catch {
        this.module = null; // let the worker fetch it; its error will say what failed
      }
    }
    await this.spawn();
    return this.version;
  }

  spawn() {
    const worker = new Worker(new URL('worker.js', this.base), { type: 'module' });
    this.worker = worker;
    let started = false;
    this.ready = new Promise((resolve, reject) => {
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.op === 'ready') {
          started = true;
          this.version = m.version;
          resolve();
        } else if (m.op === 'failed') {
          reject(new Error(`Pith could not start: ${m.error}`));
        } else {
          this.settle(m);
        }
      };
      // A load error (missing file, syntax error) or an uncaught error inside the worker.
      worker.onerror = (e) => {
        e.preventDefault();
        const err = new Error(e.message || 'the worker stopped unexpectedly');
        reject(err);
        // Replace a worker that died mid-work; one that never started would only die again.
        if (this.worker === worker && started) this.failAll(new Crashed(err.message));
      };
    });
    worker.postMessage({ op: 'init', module: this.module });
    return this.ready;
  }

  settle(m) {
    const p = this.pending.get(m.id);
    if (!p) return; // an answer to a request cancelled meanwhile
    // The worker is downloading a module it needs for this request (first use only).
    if (m.loading) {
      p.onLoading?.(m.loading);
      return;
    }
    // A big annotation arrives in parts: the annotation without blocks, then slices of blocks.
    if (m.part) {
      p.partial = m.part;
      return;
    }
    if (m.blocks) {
      for (const b of m.blocks) p.partial.blocks.push(b);
      return;
    }
    this.pending.delete(m.id);
    if (m.ok) {
      p.resolve(m.parts ? p.partial : m.result);
    } else if (m.fatal) {
      // Replace the worker first, so the caller can retry (or carry on) at once.
      this.restart('crash');
      p.reject(new Crashed(m.error));
    } else {
      p.reject(new Error(m.error));
    }
  }

  failAll(error) {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
    this.restart(error.name === 'Cancelled' ? 'cancel' : 'crash', false);
  }

  /** Terminates the worker (abandoning its work) and starts a new one. */
  restart(why = 'cancel', rejectPending = true) {
    if (rejectPending && this.pending.size) {
      const pending = [...this.pending.values()];
      this.pending.clear();
      for (const p of pending) p.reject(new Cancelled(why));
    }
    this.worker?.terminate();
    this.restarts++;
    this.spawn().catch(() => {}); // a failure shows up on the next call
  }

  get busy() {
    return this.pending.size > 0;
  }

  /** Cancels whatever is running, if anything. */
  cancel() {
    if (this.busy) this.restart('cancel');
  }

  async call(op, payload = {}, onLoading = null) {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onLoading });
      this.worker.postMessage({ id, op, ...payload });
    });
  }

  /** `onLoading(what)` is called if the worker first has to download a module ('text'). */
  annotate(input, options, onLoading) {
    return this.call('annotate', { input, options }, onLoading);
  }

  render(annotation, format) {
    return this.call('render', { annotation, format });
  }
}
