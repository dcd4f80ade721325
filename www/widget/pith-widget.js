// Pith's widget: shows, on the page itself, what Pith sees in it.
//
//   <script type="module" src="https://…/widget/pith-widget.js"></script>
//     data-pith-auto          annotate as soon as the page has loaded (CMS previews)
//     data-pith-root="main"   analyse only that part of the page (a CSS selector)
//
// Adds a launcher button; nothing else happens until it is clicked (or data-pith-auto).
// JS API, the widget's only global: window.Pith (also this module's exports)
//   Pith.annotate({ root, panel = true, marks = true }) → Promise<result>
//   Pith.clear()         closes the widget; the page is exactly as before (a run still in
//                        progress rejects with an AbortError)
//   Pith.toggle()        annotate, or clear when open
//   Pith.flip(id, label) flips a block's label, as on Pith's page → Promise<result>
//   Pith.result          the last result (null before the first run)
//   Pith.sendToPith()    opens Pith's page with this page (for hosts whose CSP refuses Pith)
// Events on document: 'pith:done' (detail: result), 'pith:change' after a flip,
// 'pith:error' (detail: { message, csp }), 'pith:clear'.
// result: { annotation, original, report, flips, nodes(id), element(id), exact, placed,
//           total, timings, page, version }
//
// This file stays small: the rest (core.js and what it imports, the worker, the wasm) loads
// on first use. Everything lives in one element, <pith-widget>, appended to <html>, with a
// shadow root: the host's CSS does not reach in, ours does not leak out.

const SELF = import.meta.url;
const BASE = new URL('./', SELF);
const PITH_PAGE = new URL('../', SELF); // Pith's own page, for the "open in Pith" fallback
const WIDGET_VERSION = '0.1.0';

// The launcher's CSS; the panel's comes with core.js (styles.js explains the isolation).
const LAUNCHER_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  pointer-events: none !important;
  z-index: 2147483647 !important;
  transform: none !important;
  filter: none !important;
  opacity: 1 !important;
  visibility: visible !important;
  clip-path: none !important;
  contain: none !important;
  max-width: none !important;
  max-height: none !important;
  min-width: 0 !important;
  min-height: 0 !important;
}
:host::backdrop { display: none !important; }
.pw {
  --pw-fg: #1b1f24; --pw-bg: #ffffff; --pw-muted: #545d68; --pw-line: #d4d9df;
  --pw-accent: #0b57c5; --pw-accent-fg: #ffffff; --pw-soft: #eef3fb; --pw-error: #b3261e;
  --pw-warn: #8a5300; --pw-info: #2d5f9a; --pw-tip-bg: #1b1f24; --pw-tip-fg: #f5f6f8;
  --pw-title: #7a2fb8; --pw-heading: #8a3fc8; --pw-paragraph: #1f7a3a; --pw-list: #0f6e76;
  --pw-quote: #9a5b00; --pw-table: #2454a6; --pw-code: #444c56; --pw-figure: #a0346a;
  --pw-meta: #6b5b00; --pw-bp: #5c6470; --pw-corrected: #b35900;
  --pw-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  --pw-mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  --pw-serif: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Noto Serif", serif;
  position: fixed; inset: 0; pointer-events: none;
  font: 400 13px/1.45 var(--pw-font); color: var(--pw-fg); direction: ltr; text-align: left;
  letter-spacing: normal; word-spacing: normal; text-transform: none; text-indent: 0;
  white-space: normal; -webkit-text-size-adjust: 100%; cursor: auto; visibility: visible;
}
.pw *, .pw *::before, .pw *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button {
  font: inherit; color: inherit; background: none; border: 0; margin: 0; padding: 0; cursor: pointer;
  text-transform: none; letter-spacing: normal; line-height: inherit;
}
button:focus-visible, [tabindex]:focus-visible, a:focus-visible { outline: 2px solid var(--pw-accent); outline-offset: 2px; }

.launcher-wrap {
  position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; align-items: flex-end;
  gap: 8px; pointer-events: none; max-width: min(360px, calc(100vw - 32px));
}
.launcher {
  pointer-events: auto; display: inline-flex; align-items: center; gap: 6px; height: 36px; padding: 0 14px;
  border-radius: 18px; background: var(--pw-accent); color: var(--pw-accent-fg); font-weight: 600;
  box-shadow: 0 2px 8px rgba(0,0,0,.25);
}
.launcher[aria-busy="true"] { opacity: .85; cursor: progress; }
.launcher .dot { width: 10px; height: 10px; border-radius: 50%; background: currentColor; opacity: .8; }
.launcher[aria-busy="true"] .dot { animation: pw-pulse 1s ease-in-out infinite alternate; }
@keyframes pw-pulse { from { opacity: .25; } to { opacity: 1; } }
.msg {
  pointer-events: auto; background: var(--pw-bg); color: var(--pw-fg); border: 1px solid var(--pw-line);
  border-left: 4px solid var(--pw-error); border-radius: 8px; padding: 10px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.2);
}
.msg p { margin: 0 0 8px; }
.msg .row { display: flex; gap: 8px; flex-wrap: wrap; }
.btn {
  display: inline-flex; align-items: center; min-height: 28px; padding: 2px 10px; border-radius: 6px;
  border: 1px solid var(--pw-line); background: var(--pw-bg); color: var(--pw-fg);
}
.btn.primary { background: var(--pw-accent); border-color: var(--pw-accent); color: var(--pw-accent-fg); }
.btn[aria-pressed="true"] { background: var(--pw-soft); border-color: var(--pw-accent); }
`;

let shell = null; // { host, shadow, pw, launcherWrap, launcher, msg }
let session = null;
let running = null;
let lastResult = null;
let generation = 0; // bumped by clear(): a run started before it stops

// The <script> tag that loaded us, if any: module scripts have no document.currentScript.
function ownScript() {
  for (const s of document.querySelectorAll('script[src]')) {
    try {
      if (new URL(s.getAttribute('src'), document.baseURI).href === SELF) return s;
    } catch { /* a malformed src elsewhere on the page */ }
  }
  return null;
}
const tag = ownScript();
const embedded = !!tag;

// -------------------------------------------------------------------------------------------
// The shadow-DOM shell: launcher and message area; core.js adds marks and the panel.

function ensureShell() {
  if (shell && shell.host.isConnected) return shell;
  if (shell) {
    // The page removed our element (a framework re-rendering <html>): put it back.
    document.documentElement.append(shell.host);
    showTop(shell.host);
    return shell;
  }
  const host = document.createElement('pith-widget');
  if (typeof host.showPopover === 'function') host.setAttribute('popover', 'manual');
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  shadow.adoptedStyleSheets = [sheet];
  const pw = document.createElement('div');
  pw.className = 'pw';
  // Our clicks and keys stay ours: the host's bubbling listeners (shortcuts, "click outside")
  // do not see them. Capture listeners on the host's window still do; nothing to do about it.
  for (const type of ['click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'input', 'change', 'focusin', 'focusout', 'wheel', 'contextmenu']) {
    pw.addEventListener(type, (e) => e.stopPropagation(), { passive: type === 'wheel' });
  }
  const launcherWrap = document.createElement('div');
  launcherWrap.className = 'launcher-wrap';
  const msg = document.createElement('div');
  msg.className = 'msg';
  msg.hidden = true;
  msg.setAttribute('role', 'alert');
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.append(Object.assign(document.createElement('span'), { className: 'dot' }), document.createTextNode('Pith'));
  launcher.title = 'Show what Pith sees on this page: the article, the boilerplate, and what hurts extraction';
  launcher.addEventListener('click', () => toggle().catch(() => {}));
  launcher.hidden = !embedded;
  launcherWrap.append(msg, launcher);
  pw.append(launcherWrap);
  shadow.append(pw);
  document.documentElement.append(host);
  showTop(host);
  shell = {
    host, shadow, pw, launcherWrap, launcher, msg, base: BASE,
    onCloseRequested: () => clear(),
  };
  return shell;
}

/** Puts our element in the top layer: above every z-index, out of the host's transforms. */
function showTop(host) {
  try {
    if (host.hasAttribute('popover') && !host.matches(':popover-open')) host.showPopover();
  } catch { /* not in the document yet, or popovers unsupported: fixed positioning still works */ }
}

function setBusy(busy, text = 'Pith') {
  if (!shell) return;
  shell.launcher.setAttribute('aria-busy', String(busy));
  shell.launcher.lastChild.textContent = text;
}

/** A message by the launcher; `actions` are [label, fn] buttons. */
function message(text, actions = []) {
  const s = ensureShell();
  s.msg.replaceChildren();
  const p = document.createElement('p');
  p.textContent = text;
  const row = document.createElement('div');
  row.className = 'row';
  for (const [label, fn, primary] of actions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = primary ? 'btn primary' : 'btn';
    b.textContent = label;
    b.addEventListener('click', fn);
    row.append(b);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => {
    s.msg.hidden = true;
    if (!embedded && !session) removeShell();
  });
  row.append(close);
  s.msg.append(p, row);
  s.msg.hidden = false;
}

function removeShell() {
  if (!shell) return;
  try {
    if (shell.host.matches(':popover-open')) shell.host.hidePopover();
  } catch { /* ignore */ }
  shell.host.remove();
  shell = null;
}

// -------------------------------------------------------------------------------------------
// The API

async function annotate(options = {}) {
  if (running) return running;
  const root = options.root ?? tag?.getAttribute('data-pith-root') ?? null;
  const s = ensureShell();
  s.msg.hidden = true;
  setBusy(true, 'Reading…');
  // Focus: a person who pressed the launcher continues in the panel, and goes back where they
  // were when it closes. A script calling annotate() moves nobody's focus.
  const fromLauncher = s.shadow.activeElement === s.launcher;
  const returnFocus = document.activeElement !== s.host ? document.activeElement : null;
  const gen = generation;
  const closed = () => gen !== generation;
  running = (async () => {
    try {
      const { Session } = await import('./core.js');
      if (closed()) throw new DOMException('Pith was closed', 'AbortError');
      if (!session) session = new Session(s);
      const result = await session.annotate({ ...options, root });
      if (closed()) throw new DOMException('Pith was closed', 'AbortError');
      session.returnFocus = returnFocus;
      s.launcher.hidden = true;
      if (fromLauncher) session.panel?.focus();
      lastResult = result;
      return result;
    } catch (e) {
      // Closed while it ran (Pith.clear()): nothing to report.
      const csp = e?.csp || null;
      if (!closed()) {
        session?.close();
        session = null;
        if (embedded) s.launcher.hidden = false;
        if (csp) {
          message(`This page’s Content-Security-Policy (${csp}${e.blocked ? `: ${e.blocked}` : ''}) does not let Pith run here. You can open this page in Pith instead.`, [
            ['Open in Pith', () => sendToPith(), true],
          ]);
        } else {
          message(`Pith could not annotate this page: ${e?.message || e}`);
        }
        document.dispatchEvent(new CustomEvent('pith:error', { detail: { message: String(e?.message || e), csp } }));
        throw e;
      }
      throw e?.name === 'AbortError' ? e : new DOMException('Pith was closed', 'AbortError');
    } finally {
      setBusy(false);
      running = null;
    }
  })();
  return running;
}

function clear() {
  generation++;
  const wasOpen = !!session;
  const focusInside = !!shell && document.activeElement === shell.host;
  const back = session?.returnFocus;
  session?.close();
  session = null;
  lastResult = null;
  if (shell) {
    shell.msg.hidden = true;
    if (embedded) {
      shell.launcher.hidden = false;
      if (focusInside) shell.launcher.focus({ preventScroll: true });
    } else {
      removeShell();
      // Focus was in our panel: back to where it was before, never scrolling.
      if (focusInside && back?.isConnected && back !== document.body) back.focus({ preventScroll: true });
    }
  }
  if (wasOpen) document.dispatchEvent(new CustomEvent('pith:clear'));
}

function toggle() {
  if (session && !running) {
    clear();
    return Promise.resolve(null);
  }
  return annotate();
}

async function flip(id, label) {
  if (!session) throw new Error('Pith is not open');
  const r = await session.flip(id, label);
  lastResult = r;
  return r;
}

/**
 * Opens Pith's page and hands it this page's HTML (Pith's page waits for it with
 * #from-bookmarklet, see www/app.js). Works where the CSP refuses the widget itself.
 */
async function sendToPith() {
  const w = window.open(`${PITH_PAGE.href}#from-bookmarklet`);
  if (!w) {
    message('Pith: allow pop-ups for this site, then try again.');
    return false;
  }
  const { serialise } = await import('./serialize.js');
  const pause = () => new Promise((r) => setTimeout(r, 0));
  const { html } = await serialise(document, { skip: shell?.host, pause });
  const onMessage = (e) => {
    if (e.source === w && e.data === 'pith-ready') {
      w.postMessage({ type: 'pith-page', html, url: location.href }, PITH_PAGE.origin);
      window.removeEventListener('message', onMessage);
    }
  };
  window.addEventListener('message', onMessage);
  setTimeout(() => window.removeEventListener('message', onMessage), 60_000);
  return true;
}

export const Pith = Object.freeze({
  version: WIDGET_VERSION,
  annotate,
  clear,
  toggle,
  flip,
  sendToPith,
  get result() { return session?.result || lastResult; },
  get open() { return !!session; },
});
export default Pith;

if (!('Pith' in window)) {
  Object.defineProperty(window, 'Pith', { value: Pith, configurable: true, enumerable: false, writable: false });
} else if (window.Pith !== Pith) {
  console.warn('Pith widget: window.Pith is taken on this page; use the module’s exports instead.');
}

if (embedded) {
  ensureShell();
  if (tag.hasAttribute('data-pith-auto')) {
    const go = () => annotate().catch(() => {});
    if (document.readyState === 'complete') go();
    else window.addEventListener('load', go, { once: true });
  }
}
