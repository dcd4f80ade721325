// Pith's page: input (paste, file, drop, URL, bookmarklet, samples) → the worker annotates →
// page view (every block, flippable), reader view, metadata, exports. Plain ES modules.

import { Engine, Cancelled, Crashed } from './engine.js';
import { bytesToText, charsetFromContentType } from './decode.js';
import { blockItem, whyText } from './views.js';

const $ = (id) => document.getElementById(id);
const ui = {
  paste: $('paste'), run: $('run'), open: $('open'), file: $('file'), url: $('url'),
  urlForm: $('url-form'), sampleHtml: $('sample-html'), sampleText: $('sample-text'),
  status: $('status'), statusText: $('status-text'), progress: $('progress'), cancel: $('cancel'),
  results: $('results'), summary: $('summary'), blocks: $('blocks'), more: $('more'),
  reader: $('reader'), meta: $('meta'), remoteImages: $('remote-images'), format: $('format'),
  download: $('download'), copy: $('copy'), preview: $('export-preview'),
  loadCorrections: $('load-corrections'), correctionsFile: $('corrections-file'),
  resetCorrections: $('reset-corrections'), correctionsStatus: $('corrections-status'),
  why: $('why'), announce: $('announce'), version: $('version'), bookmarklet: $('bookmarklet'),
};

const engine = new Engine();

// Everything about the input currently shown. `original` is what Pith said; `corrections`
// maps block id → label the person chose; `current` is the corrected, re-assembled annotation.
const state = {
  source: null, // { kind, name, text, utf8, url, bytes, encoding }
  hash: '',
  original: null,
  options: null, // the options `original` was annotated with
  allHtml: null, // the request for every block's HTML (see fillHtml), once made
  current: null,
  corrections: new Map(),
  run: 0, // increases with every new input: late answers for older inputs are dropped
  assembleRun: 0,
  dirty: { reader: true, meta: true, export: true },
};

const store = {
  get(k) {
    try { return sessionStorage.getItem(`pith.${k}`); } catch { return null; }
  },
  set(k, v) {
    try {
      if (v == null) sessionStorage.removeItem(`pith.${k}`);
      else sessionStorage.setItem(`pith.${k}`, v);
    } catch { /* storage full or disabled: the page still works, it just won't remember */ }
  },
};

// ---------------------------------------------------------------------------------------------
// Status and progress

let statusTimer = 0;
function setStatus(kind, text, { progress = null, cancellable = false } = {}) {
  clearInterval(statusTimer);
  ui.status.dataset.state = kind;
  ui.statusText.textContent = text;
  ui.progress.hidden = progress === null;
  if (progress === 'indeterminate') ui.progress.removeAttribute('value');
  else if (typeof progress === 'number') ui.progress.value = progress;
  ui.cancel.hidden = !cancellable;
  if (kind === 'busy') {
    // The elapsed-time counter doubles as a sign that the page itself is not frozen.
    const t0 = performance.now();
    statusTimer = setInterval(() => {
      ui.statusText.textContent = `${text} ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    }, 100);
  }
}

function fmtBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function announce(text) {
  ui.announce.textContent = '';
  // A fresh text node each time, so repeated messages are announced again.
  setTimeout(() => { ui.announce.textContent = text; }, 20);
}

// ---------------------------------------------------------------------------------------------
// Running an input

function mode() {
  return document.querySelector('input[name=mode]:checked')?.value || 'auto';
}

async function sha256(text) {
  if (!crypto.subtle) return '';
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Annotates `source.text`: as its UTF-8 bytes when the source has them (`utf8`, from a file or
 * fetched page that is UTF-8; one plain copy into the wasm), else as the string. A newer input
 * cancels this one.
 */
async function analyse(source) {
  const run = ++state.run;
  engine.cancel(); // a second input cancels the first: terminate and restart the worker
  const size = new Blob([source.text]).size;
  const busy = `Annotating ${source.name} (${fmtBytes(size)})…`;
  setStatus('busy', busy, { progress: 'indeterminate', cancellable: true });
  ui.results.setAttribute('aria-busy', 'true');
  store.set('source', source.kind);
  // The first pasted text (not HTML) waits for the text reader's download: say so.
  const loading = () => {
    if (run === state.run) setStatus('busy', `Loading Pith’s reader for pasted text, then ${busy[0].toLowerCase()}${busy.slice(1)}`, { progress: 'indeterminate', cancellable: true });
  };
  try {
    const options = { input: mode(), url: source.url || undefined };
    const [annotation, hash] = await Promise.all([
      engine.annotate(source.utf8 ?? source.text, options, loading),
      sha256(source.text),
    ]);
    if (run !== state.run) return;
    state.source = source;
    state.hash = hash;
    state.original = annotation;
    state.options = options;
    state.allHtml = null;
    state.corrections = new Map();
    // The same input again (a reload, the same file): its corrections come back too.
    const saved = savedCorrections(hash);
    let note = '';
    if (saved?.length) note = applyCorrectionList(saved).note;
    await show(run);
    if (run !== state.run) return;
    const n = annotation.blocks.length;
    setStatus('done', `${source.name}: ${n} block${n === 1 ? '' : 's'}, ${annotation.input} input.${note ? ` ${note}` : ''}`);
    // Bring the results up when they start below the fold (the input card is tall on phones).
    if (ui.results.getBoundingClientRect().top > window.innerHeight * 0.6) {
      ui.results.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  } catch (e) {
    if (run !== state.run || e instanceof Cancelled) return;
    const msg = e instanceof Crashed
      ? `Pith hit an internal error on this input and was restarted. (${e.message})`
      : `Could not annotate ${source.name}: ${e.message}`;
    setStatus('error', msg);
  } finally {
    if (run === state.run) ui.results.removeAttribute('aria-busy');
  }
}

/** Reads a user-supplied file (picked or dropped) and analyses it. */
async function openFile(file) {
  const run = ++state.run;
  engine.cancel();
  setStatus('busy', `Reading ${file.name} (${fmtBytes(file.size)})…`, { progress: 'indeterminate', cancellable: true });
  try {
    const { text, encoding, utf8 } = await bytesToText(new Uint8Array(await file.arrayBuffer()));
    if (run !== state.run) return;
    await analyse({ kind: 'file', name: file.name, text, utf8, encoding });
  } catch (e) {
    if (run === state.run) setStatus('error', `Could not read ${file.name}: ${e.message}`);
  }
}

/** Fetches a URL in the browser. Most sites refuse cross-origin reads; say so plainly. */
async function openUrl(raw) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    setStatus('error', 'That is not a full URL: it needs to start with https://');
    return;
  }
  const run = ++state.run;
  engine.cancel();
  const refused = `${url.host} does not let other pages read it (or it could not be reached). ` +
    'Use the bookmarklet below on that page, or save the page (Ctrl+S) and open the file here.';
  if (url.protocol !== 'https:' && url.origin !== location.origin) {
    setStatus('error', `Only https:// pages can be fetched from here. ${refused.split('. ')[1]}`);
    return;
  }
  setStatus('busy', `Fetching ${url.host}…`, { progress: 'indeterminate', cancellable: true });
  try {
    const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'cors' });
    if (!res.ok) throw new Error(`the site answered ${res.status} ${res.statusText}`.trim());
    const total = Number(res.headers.get('content-length')) || 0;
    const chunks = [];
    let got = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (run !== state.run) { reader.cancel(); return; }
      chunks.push(value);
      got += value.length;
      ui.statusText.textContent = `Fetching ${url.host}… ${fmtBytes(got)}`;
      if (total) ui.progress.value = got / total;
    }
    const bytes = new Uint8Array(got);
    let off = 0;
    for (const c of chunks) { bytes.set(c, off); off += c.length; }
    const { text, encoding, utf8 } = await bytesToText(bytes, charsetFromContentType(res.headers.get('content-type')));
    if (run !== state.run) return;
    await analyse({ kind: 'url', name: url.host + url.pathname, text, utf8, url: res.url || url.href, encoding });
  } catch (e) {
    if (run !== state.run) return;
    // fetch rejects with a TypeError, and no details, when CORS (or the network) says no.
    setStatus('error', e instanceof TypeError ? refused : `Could not fetch ${url.href}: ${e.message}`);
  }
}

async function openSample(path, name) {
  const run = ++state.run;
  engine.cancel();
  setStatus('busy', `Loading the ${name}…`, { progress: 'indeterminate' });
  try {
    const url = new URL(path, location.href);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${res.status}`);
    const { text, utf8 } = await bytesToText(new Uint8Array(await res.arrayBuffer()));
    if (run !== state.run) return;
    await analyse({ kind: `sample:${path}`, name, text, utf8, url: url.href });
  } catch (e) {
    if (run === state.run) setStatus('error', `Could not load the ${name}: ${e.message}`);
  }
}

function runPaste() {
  const text = ui.paste.value;
  if (!text.trim()) {
    setStatus('error', 'The paste box is empty: paste a page’s HTML or its text first.');
    ui.paste.focus();
    return;
  }
  analyse({ kind: 'paste', name: 'pasted input', text });
}

// ---------------------------------------------------------------------------------------------
// Corrections

const HEADING = /^h([1-6])$/;
/** The kind a block flipped to "article" gets when Pith had not given it one. */
function kindFromTag(tag) {
  if (HEADING.test(tag)) return 'heading';
  return { ul: 'list', ol: 'list', dl: 'list', blockquote: 'quote', pre: 'code', table: 'table',
    figure: 'figure', img: 'figure', figcaption: 'caption' }[tag] || 'paragraph';
}

function corrected(b, label) {
  const c = { ...b, label };
  if (label === 'article') {
    delete c.role;
    c.kind = b.kind || kindFromTag(b.tag);
    if (c.kind === 'heading' && !c.level) c.level = Number(HEADING.exec(b.tag)?.[1] || 2);
  } else {
    delete c.kind;
  }
  return c;
}

/** The original annotation with the person's corrections applied (sections not yet redone). */
function correctedAnnotation() {
  const o = state.original;
  const blocks = o.blocks.map((b) => {
    const l = state.corrections.get(b.id);
    return l && l !== b.label ? corrected(b, l) : b;
  });
  return { ...o, blocks };
}

function correctionList() {
  return [...state.corrections]
    .filter(([id, label]) => state.original.blocks[id]?.label !== label)
    .map(([id, label]) => {
      const b = state.original.blocks[id];
      // The text lets a correction find its block again if block ids ever shift.
      return { id, label, was: b.label, text: (b.text || '').slice(0, 120) };
    });
}

/** Re-applies corrections from a file or storage to the current input. */
function applyCorrectionList(list) {
  const blocks = state.original.blocks;
  let applied = 0;
  let missed = 0;
  for (const c of list) {
    if (c?.label !== 'article' && c?.label !== 'boilerplate') { missed++; continue; }
    let b = blocks[c.id];
    const prefix = typeof c.text === 'string' ? c.text : null;
    if (prefix != null && (!b || !(b.text || '').startsWith(prefix))) {
      b = blocks.find((x) => (x.text || '').startsWith(prefix) && (x.text || '').length > 0) || null;
    }
    if (!b) { missed++; continue; }
    if (b.label === c.label) state.corrections.delete(b.id);
    else state.corrections.set(b.id, c.label);
    applied++;
  }
  const note = `${applied} correction${applied === 1 ? '' : 's'} applied` +
    (missed ? `, ${missed} did not match this input.` : '.');
  return { applied, missed, note };
}

function saveCorrections() {
  if (!state.hash) return;
  store.set('corrections', JSON.stringify({ hash: state.hash, list: correctionList() }));
}

function savedCorrections(hash) {
  try {
    const s = JSON.parse(store.get('corrections') || 'null');
    return s && s.hash === hash ? s.list : null;
  } catch {
    return null;
  }
}

function flip(id) {
  const b = state.current?.blocks[id];
  if (!b) return;
  const next = b.label === 'article' ? 'boilerplate' : 'article';
  const original = state.original.blocks[id];
  if (original.label === next) state.corrections.delete(id);
  else state.corrections.set(id, next);
  const updated = next === original.label ? original : corrected(original, next);
  state.current.blocks[id] = updated;
  const li = ui.blocks.querySelector(`li[data-id="${id}"]`);
  if (li) blockItem(updated, state.corrections.has(id), li);
  if (li && document.activeElement === li) showWhy(li);
  announce(`Block ${id + 1} is now ${next}${updated.kind ? ` (${updated.kind})` : updated.role ? ` (${updated.role})` : ''}.`);
  saveCorrections();
  reassemble();
}

// Sections, word count and reading time follow the labels: the core's `assemble` recomputes
// them (the worker's 'assemble', through render(…, 'json')), so the page never carries a
// second copy of that logic.
let assembleTimer = 0;
function reassemble() {
  clearTimeout(assembleTimer);
  assembleTimer = setTimeout(async () => {
    const run = state.run;
    const n = ++state.assembleRun;
    if (needsHtml()) {
      try {
        await (state.allHtml ??= fillHtml());
      } catch (e) {
        if (e instanceof Cancelled) return;
        state.allHtml = null; // the flipped blocks show as text; a later flip tries again
      }
      if (run !== state.run || n !== state.assembleRun) return;
    }
    const a = correctedAnnotation();
    // Block HTML plays no part in assembling: leave it out of the copy sent to the worker.
    const light = { ...a, blocks: a.blocks.map(({ html, ...rest }) => rest) };
    try {
      const r = await engine.call('assemble', { annotation: light });
      if (run !== state.run || n !== state.assembleRun) return;
      state.current = { ...a, sections: r.sections, metadata: { ...a.metadata, word_count: r.word_count, reading_minutes: r.reading_minutes } };
      refresh();
    } catch (e) {
      if (!(e instanceof Cancelled)) setStatus('error', `Could not update the article: ${e.message}`);
    }
  }, 60);
}

// An HTML input's annotation carries the sanitised HTML of its article blocks only (the core's
// default: the boilerplate's markup is most of a page's, and sanitising and handing it over
// would cost every annotation time). A block a person makes article needs its HTML for the
// reader view and the Markdown and HTML exports: the first such correction asks the worker once
// for every block's (the same input and options, so the same blocks), and the page keeps it.
function needsHtml() {
  const o = state.original;
  if (o?.input !== 'html' || !state.options) return false;
  for (const [id, label] of state.corrections) {
    if (label === 'article' && o.blocks[id] && o.blocks[id].html === undefined) return true;
  }
  return false;
}

async function fillHtml() {
  const { original, source, options } = state;
  const full = await engine.annotate(source.utf8 ?? source.text, { ...options, blockHtml: 'all' });
  if (original !== state.original || full?.blocks.length !== original.blocks.length) return;
  original.blocks.forEach((b, i) => {
    const html = full.blocks[i].html;
    if (b.html === undefined && html !== undefined && full.blocks[i].text === b.text) b.html = html;
  });
}

// ---------------------------------------------------------------------------------------------
// Views

// The page view holds the first PAGE_BLOCKS blocks, and grows by as many whenever its end
// scrolls near: laying out and painting tens of thousands of blocks at once (a 5 MB page)
// would block the page for seconds. Each slice is built in ~12 ms steps between frames.
const PAGE_BLOCKS = 1500;
let renderGen = 0;
let shown = 0;

/** Shows a freshly annotated input. */
async function show(run) {
  state.current = { ...correctedAnnotation(), sections: state.original.sections };
  ui.results.hidden = false;
  loadReader().catch(() => {}); // in the background; a failure shows when a tab needs it
  ++renderGen;
  shown = 0;
  ui.blocks.replaceChildren();
  hideWhy();
  if (!state.current.blocks.length) {
    ui.more.hidden = false;
    ui.more.replaceChildren('No blocks: Pith found no text in this input.');
  }
  await showMore(run, PAGE_BLOCKS);
  const first = ui.blocks.firstElementChild;
  if (first) first.tabIndex = 0;
  if (state.corrections.size) reassemble();
  else refresh();
}

/** Appends up to `count` more blocks to the page view. */
async function showMore(run, count) {
  const gen = renderGen;
  const blocks = state.current.blocks;
  const end = Math.min(blocks.length, shown + count);
  while (shown < end) {
    const t0 = performance.now();
    const frag = document.createDocumentFragment();
    while (shown < end && performance.now() - t0 < 12) {
      frag.append(blockItem(blocks[shown], state.corrections.has(shown)));
      shown++;
    }
    ui.blocks.append(frag);
    if (shown === end) break;
    await new Promise((r) => setTimeout(r, 0));
    if (gen !== renderGen || run !== state.run) return;
  }
  const rest = blocks.length - shown;
  if (rest > 0) {
    ui.more.hidden = false;
    const all = document.createElement('button');
    all.type = 'button';
    all.textContent = `Show all ${blocks.length.toLocaleString()}`;
    all.addEventListener('click', () => showMore(state.run, rest));
    ui.more.replaceChildren(`Showing ${shown.toLocaleString()} of ${blocks.length.toLocaleString()} blocks; more appear as you scroll. `, all);
  } else if (blocks.length) {
    ui.more.hidden = true;
  }
}

// More blocks when the end of the list comes within a screen of the viewport.
let growing = false;
new IntersectionObserver(async (entries) => {
  if (!entries.some((e) => e.isIntersecting) || growing || !state.current) return;
  if (shown >= state.current.blocks.length) return;
  growing = true;
  try {
    // Keep going while the end is still near (the observer only reports changes).
    do await showMore(state.run, PAGE_BLOCKS);
    while (!ui.more.hidden && ui.more.getBoundingClientRect().top < window.innerHeight * 2);
  } finally {
    growing = false;
  }
}, { rootMargin: '0px 0px 100% 0px' }).observe(ui.more);

function refresh() {
  const a = state.current;
  const articleBlocks = a.blocks.filter((b) => b.label === 'article').length;
  const m = a.metadata;
  const parts = [
    `${articleBlocks} of ${a.blocks.length} blocks in the article`,
    `${m.word_count} words`,
  ];
  if (m.reading_minutes) parts.push(`${m.reading_minutes} min read`);
  if (a.sections.length > 1) parts.push(`${a.sections.length} articles`);
  const nc = correctionList().length;
  if (nc) parts.push(`${nc} correction${nc === 1 ? '' : 's'}`);
  ui.summary.textContent = parts.join(' · ');
  state.dirty = { reader: true, meta: true, export: true };
  updateVisibleView();
}

function readerContext() {
  return { base: state.source?.url || state.current?.metadata?.canonical_url || null, images: ui.remoteImages.checked };
}

// The reader view and the metadata panel (reader.js) are not part of the download at load:
// the first input shown fetches them in the background, so they are there by the time someone
// opens either tab; a tab opened sooner waits for them.
let reader = null;
let readerLoad = null;
function loadReader() {
  readerLoad ??= import('./reader.js').then((m) => { reader = m; }, (e) => {
    readerLoad = null; // tried again on the next view change
    throw e;
  });
  return readerLoad;
}

function updateVisibleView() {
  if (!state.current) return;
  const tab = document.querySelector('[role=tab][aria-selected=true]')?.id;
  const wantsReader = (tab === 'tab-reader' && state.dirty.reader) || (tab === 'tab-meta' && state.dirty.meta);
  if (wantsReader && !reader) {
    loadReader().then(updateVisibleView, (e) => setStatus('error', `Could not load the reader view: ${e.message}`));
    return;
  }
  if (tab === 'tab-reader' && state.dirty.reader) {
    reader.renderReader(ui.reader, state.current, readerContext());
    state.dirty.reader = false;
  } else if (tab === 'tab-meta' && state.dirty.meta) {
    const s = state.source || {};
    reader.renderMeta(ui.meta, state.current, [
      ['Input', `${s.name || '—'} (${state.current.input}${s.encoding ? `, ${s.encoding}` : ''})`],
      ['Blocks', String(state.current.blocks.length)],
    ]);
    state.dirty.meta = false;
  } else if (tab === 'tab-export' && state.dirty.export) {
    state.dirty.export = false;
    updatePreview();
  }
}

const PREVIEW_LIMIT = 200_000;
let previewRun = 0;
async function updatePreview() {
  const n = ++previewRun;
  ui.preview.value = 'Rendering…';
  try {
    const out = await exportText(ui.format.value);
    if (n !== previewRun) return;
    ui.preview.value = out.length > PREVIEW_LIMIT
      ? `${out.slice(0, PREVIEW_LIMIT)}\n\n[Preview cut at ${fmtBytes(PREVIEW_LIMIT)}: Download and Copy give all ${fmtBytes(out.length)}.]`
      : out;
  } catch (e) {
    if (!(e instanceof Cancelled)) ui.preview.value = `Could not render: ${e.message}`;
  }
}

/** The export in `format`, from the corrected annotation (rendered by the core). */
async function exportText(format) {
  const a = correctedAnnotation();
  const out = await engine.render(a, format);
  if (format !== 'json') return out;
  // The core's JSON, plus what makes it a corrections file: the list and the input's hash.
  const json = JSON.parse(out);
  json.corrections = correctionList();
  if (state.hash) json.input_sha256 = state.hash;
  return JSON.stringify(json, null, 2);
}

const EXT = { json: 'json', markdown: 'md', text: 'txt', html: 'html' };
const MIME = { json: 'application/json', markdown: 'text/markdown', text: 'text/plain', html: 'text/html' };

function exportName(format) {
  const base = (state.current?.metadata?.title || state.source?.name || 'article')
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase() || 'article';
  return `${base}${format === 'json' ? '.pith' : ''}.${EXT[format]}`;
}

async function download() {
  const format = ui.format.value;
  try {
    const text = await exportText(format);
    const url = URL.createObjectURL(new Blob([text], { type: `${MIME[format]};charset=utf-8` }));
    const a = document.createElement('a');
    a.href = url;
    a.download = exportName(format);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    announce(`Downloaded ${a.download}.`);
  } catch (e) {
    if (!(e instanceof Cancelled)) setStatus('error', `Could not export: ${e.message}`);
  }
}

async function copy() {
  try {
    const text = await exportText(ui.format.value);
    await navigator.clipboard.writeText(text);
    ui.copy.textContent = 'Copied';
    announce('Copied to the clipboard.');
    setTimeout(() => { ui.copy.textContent = 'Copy'; }, 1500);
  } catch (e) {
    if (!(e instanceof Cancelled)) setStatus('error', `Could not copy (the browser refused): ${e.message}. Use Download instead.`);
  }
}

async function loadCorrections(file) {
  let data;
  try {
    data = JSON.parse(await file.text());
    if (data?.schema !== 'pith.annotation/1' || !Array.isArray(data.blocks)) throw new Error('not a Pith annotation file');
  } catch (e) {
    ui.correctionsStatus.textContent = `${file.name}: ${e.message}`;
    return;
  }
  // Corrections are the listed ones; a file without a list counts every label as chosen.
  const list = Array.isArray(data.corrections)
    ? data.corrections
    : data.blocks.map((b) => ({ id: b.id, label: b.label, text: (b.text || '').slice(0, 120) }));
  if (!state.original) {
    // No input yet: show the annotation from the file itself, as Pith first made it.
    const blocks = data.blocks.map((b) => {
      const c = Array.isArray(data.corrections) && data.corrections.find((x) => x.id === b.id);
      return c && c.was ? { ...b, label: c.was } : b;
    });
    await showAnnotation({ ...data, blocks }, { kind: 'annotation', name: file.name, text: '' }, list);
    ui.correctionsStatus.textContent = `Loaded ${file.name}.`;
    return;
  }
  if (data.input_sha256 && state.hash && data.input_sha256 !== state.hash) {
    ui.correctionsStatus.textContent = 'Note: this file was made for a different input; matching blocks by their text. ';
  } else {
    ui.correctionsStatus.textContent = '';
  }
  state.corrections = new Map();
  const { note } = applyCorrectionList(list);
  ui.correctionsStatus.textContent += note;
  const blocks = correctedAnnotation().blocks;
  for (const li of ui.blocks.children) {
    const id = Number(li.dataset.id);
    blockItem(blocks[id], state.corrections.has(id), li);
  }
  state.current = { ...state.current, blocks };
  saveCorrections();
  reassemble();
}

async function showAnnotation(annotation, source, list) {
  const run = ++state.run;
  engine.cancel();
  state.source = source;
  state.hash = '';
  state.original = annotation;
  state.options = null; // no input to annotate again: flipped blocks keep what the file has
  state.allHtml = null;
  state.corrections = new Map();
  if (list?.length) applyCorrectionList(list);
  await show(run);
  setStatus('done', `${source.name}: ${annotation.blocks.length} blocks (from an annotation file).`);
}

function resetCorrections() {
  if (!state.original) return;
  state.corrections = new Map();
  for (const li of ui.blocks.children) blockItem(state.original.blocks[Number(li.dataset.id)], false, li);
  saveCorrections();
  ui.correctionsStatus.textContent = 'All corrections undone.';
  reassemble();
}

// ---------------------------------------------------------------------------------------------
// The page view's interaction: flip on click/Enter/Space, arrows move, tooltip on hover/focus

function showWhy(li) {
  const id = Number(li.dataset.id);
  const b = state.current?.blocks[id];
  if (!b) return;
  ui.why.textContent = whyText(b, state.original.blocks[id]);
  ui.why.hidden = false;
  const r = li.getBoundingClientRect();
  const w = ui.why.offsetWidth;
  const h = ui.why.offsetHeight;
  const left = Math.max(8, Math.min(r.left + 24, document.documentElement.clientWidth - w - 8));
  // Below the block's first line if it fits in the viewport, above otherwise.
  let top = r.top + Math.min(r.height, 40) + 4;
  if (top + h > window.innerHeight - 8) top = Math.max(8, r.top - h - 4);
  ui.why.style.left = `${left + window.scrollX}px`;
  ui.why.style.top = `${top + window.scrollY}px`;
  li.setAttribute('aria-describedby', 'why');
}

function hideWhy() {
  ui.why.hidden = true;
}

ui.blocks.addEventListener('click', (e) => {
  const li = e.target.closest('li.blk');
  if (!li) return;
  // Selecting text to copy it is not a request to flip the block.
  if (String(window.getSelection()).length) return;
  focusBlock(li);
  flip(Number(li.dataset.id));
});

function focusBlock(li) {
  for (const x of ui.blocks.querySelectorAll('li[tabindex="0"]')) if (x !== li) x.tabIndex = -1;
  li.tabIndex = 0;
  li.focus({ preventScroll: false });
}

ui.blocks.addEventListener('keydown', (e) => {
  const li = e.target.closest('li.blk');
  if (!li) return;
  let next = null;
  switch (e.key) {
    case 'Enter':
    case ' ':
      e.preventDefault();
      flip(Number(li.dataset.id));
      return;
    case 'ArrowDown': case 'j': next = li.nextElementSibling; break;
    case 'ArrowUp': case 'k': next = li.previousElementSibling; break;
    case 'Home': next = ui.blocks.firstElementChild; break;
    case 'End': next = ui.blocks.lastElementChild; break;
    case 'PageDown': next = li; for (let i = 0; i < 10 && next.nextElementSibling; i++) next = next.nextElementSibling; break;
    case 'PageUp': next = li; for (let i = 0; i < 10 && next.previousElementSibling; i++) next = next.previousElementSibling; break;
    case 'Escape': hideWhy(); return;
    default: return;
  }
  e.preventDefault();
  if (next) focusBlock(next);
});

ui.blocks.addEventListener('focusin', (e) => {
  const li = e.target.closest('li.blk');
  if (li) showWhy(li);
});
ui.blocks.addEventListener('focusout', hideWhy);
ui.blocks.addEventListener('mouseover', (e) => {
  const li = e.target.closest('li.blk');
  if (li) showWhy(li);
});
ui.blocks.addEventListener('mouseleave', () => {
  const f = document.activeElement?.closest?.('li.blk');
  if (f) showWhy(f);
  else hideWhy();
});

// ---------------------------------------------------------------------------------------------
// Tabs (the ARIA tabs pattern: arrows move between tabs, the panel follows)

const tabs = [...document.querySelectorAll('[role=tab]')];
function selectTab(tab, focus = true) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
  hideWhy();
  updateVisibleView();
}
for (const t of tabs) {
  t.addEventListener('click', () => selectTab(t));
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    selectTab(tabs[(to + tabs.length) % tabs.length]);
  });
}

// ---------------------------------------------------------------------------------------------
// Inputs

ui.run.addEventListener('click', runPaste);
ui.paste.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    runPaste();
  }
});
// Pasting is the whole gesture: annotate right away (after the paste lands in the box).
ui.paste.addEventListener('paste', () => setTimeout(runPaste, 0));

let saveTimer = 0;
ui.paste.addEventListener('input', () => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(savePaste, 300);
});
function savePaste() {
  // sessionStorage holds a few MB; a huge paste is kept in the box but not across reloads.
  const v = ui.paste.value;
  store.set('paste', v.length <= 2_000_000 ? v : null);
}
ui.url.addEventListener('input', () => store.set('url', ui.url.value));
for (const r of document.querySelectorAll('input[name=mode]')) {
  r.addEventListener('change', () => store.set('mode', r.value));
}

ui.open.addEventListener('click', () => ui.file.click());
ui.file.addEventListener('change', () => {
  const f = ui.file.files[0];
  if (f) openFile(f);
  ui.file.value = ''; // picking the same file again is a new input too
});
ui.urlForm.addEventListener('submit', (e) => {
  e.preventDefault();
  openUrl(ui.url.value);
});
ui.sampleHtml.addEventListener('click', () => openSample('samples/rooftop-bees.html', 'sample page'));
ui.sampleText.addEventListener('click', () => openSample('samples/pasted-forum-post.txt', 'sample pasted text'));
ui.cancel.addEventListener('click', () => {
  state.run++;
  engine.cancel();
  setStatus('idle', 'Cancelled.');
});

// Dropping a file anywhere. Without preventDefault the browser would open the dropped page
// itself, which is exactly what must never happen to a hostile page.
let dragDepth = 0;
window.addEventListener('dragenter', (e) => {
  e.preventDefault();
  dragDepth++;
  document.body.classList.add('dragging');
});
window.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) { dragDepth = 0; document.body.classList.remove('dragging'); }
});
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  document.body.classList.remove('dragging');
  const f = e.dataTransfer?.files?.[0];
  if (f) openFile(f);
  else {
    const text = e.dataTransfer?.getData('text/plain');
    if (text) { ui.paste.value = text; savePaste(); runPaste(); }
  }
});

ui.remoteImages.addEventListener('change', () => {
  state.dirty.reader = true;
  updateVisibleView();
});
ui.format.addEventListener('change', () => updatePreview());
ui.download.addEventListener('click', download);
ui.copy.addEventListener('click', copy);
ui.loadCorrections.addEventListener('click', () => ui.correctionsFile.click());
ui.correctionsFile.addEventListener('change', () => {
  const f = ui.correctionsFile.files[0];
  if (f) loadCorrections(f);
  ui.correctionsFile.value = '';
});
ui.resetCorrections.addEventListener('click', resetCorrections);

// ---------------------------------------------------------------------------------------------
// The bookmarklet: it opens this page with #from-bookmarklet and posts the page's HTML to it.

function bookmarkletSource() {
  const target = location.origin + location.pathname;
  // Runs on the other site: opens Pith, waits for its "ready", sends the page's HTML.
  const code = `(()=>{const h='<!doctype html>'+document.documentElement.outerHTML,u=location.href,` +
    `w=open(${JSON.stringify(target)}+'#from-bookmarklet');if(!w){alert('Pith: allow pop-ups for this site, then try again.');return}` +
    `const f=e=>{if(e.source===w&&e.data==='pith-ready'){w.postMessage({type:'pith-page',html:h,url:u},'*');removeEventListener('message',f)}};` +
    `addEventListener('message',f)})()`;
  return `javascript:${encodeURIComponent(code)}`;
}
// The link is for dragging to the bookmarks bar; this page's CSP stops it running here.
ui.bookmarklet.href = bookmarkletSource();
ui.bookmarklet.addEventListener('click', (e) => {
  e.preventDefault();
  setStatus('idle', 'Drag “Pith this page” to your bookmarks bar; then click it on the article’s page.');
});

function listenForBookmarklet() {
  if (location.hash !== '#from-bookmarklet' || !window.opener) return;
  const opener = window.opener;
  let got = false;
  window.addEventListener('message', (e) => {
    if (got || e.source !== opener || e.data?.type !== 'pith-page' || typeof e.data.html !== 'string') return;
    got = true;
    const url = typeof e.data.url === 'string' ? e.data.url : '';
    history.replaceState(null, '', location.pathname);
    analyse({ kind: 'bookmarklet', name: url ? new URL(url).host : 'page from the bookmarklet', text: e.data.html, url });
  });
  setStatus('busy', 'Waiting for the page from the bookmarklet…', { progress: 'indeterminate' });
  let tries = 0;
  const ping = setInterval(() => {
    if (got || ++tries > 20) {
      clearInterval(ping);
      if (!got) setStatus('error', 'Nothing arrived from the bookmarklet (the site may block it). Save the page and open the file here, or select all, copy and paste.');
      return;
    }
    // Only a "ready" signal goes out; the page's content comes in.
    opener.postMessage('pith-ready', '*');
  }, 250);
}

// ---------------------------------------------------------------------------------------------
// Start

function restore() {
  const paste = store.get('paste');
  if (paste) ui.paste.value = paste;
  const url = store.get('url');
  if (url) ui.url.value = url;
  const m = store.get('mode');
  const radio = m && document.querySelector(`input[name=mode][value="${CSS.escape(m)}"]`);
  if (radio) radio.checked = true;
}

async function main() {
  restore();
  setStatus('busy', 'Loading Pith…', { progress: 'indeterminate' });
  try {
    await engine.load();
  } catch (e) {
    setStatus('error', `Pith could not start in this browser: ${e.message}`);
    return;
  }
  ui.version.textContent = engine.version;
  setStatus('idle', 'Ready. Paste, open a file, fetch a URL, or try a sample.');
  document.documentElement.dataset.ready = 'true';
  if (location.hash === '#from-bookmarklet') return listenForBookmarklet();
  // Pick up where the person was: re-run what was in the paste box (or the sample).
  const last = store.get('source');
  if (last === 'paste' && ui.paste.value.trim()) runPaste();
  else if (last === 'sample:samples/rooftop-bees.html') ui.sampleHtml.click();
  else if (last === 'sample:samples/pasted-forum-post.txt') ui.sampleText.click();
}

main();
