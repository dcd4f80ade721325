#!/usr/bin/env node
// Make the paste corpus: for every benchmark page, the text a person gets by select-all + copy
// in a browser, i.e. document.body.innerText.
//
//   node scripts/make-paste-corpus.mjs [BENCH_DIR] [OUT_DIR] [--retry-empty]
//
// BENCH_DIR (default ../shared/bench beside the repo) holds <dataset>/html/<id>.html.gz;
// every dataset with an html/ folder is done (scrapinghub and wcxb-dev today).
// OUT_DIR (default .cache/paste in the repo) gets <dataset>/<id>.txt.
// A file already there is skipped, so a second run only does what is missing. A page that
// fails gets an empty file and a line in OUT_DIR/failures.log; --retry-empty redoes those.
//
// Each page is loaded in Debian's /usr/bin/chromium (driven by playwright-core from
// tests/browser, so run scripts/setup.sh browser first) with JavaScript disabled and every
// request but the page itself blocked: no scripts, no external CSS, images or frames. The raw
// bytes are served as text/html without a charset, so Chromium finds the encoding itself
// (<meta charset>, BOM, sniffing) as it would for the live page. A <meta http-equiv=refresh>
// is removed first, so that no page navigates away before its text is read.
// Two pages at a time (the machines have 2 cores), each with a bounded time.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.PITH_CHROMIUM || '/usr/bin/chromium';
const WORKERS = Math.max(1, Math.min(2, Number(process.env.PITH_PASTE_WORKERS || 2)));
const PAGE_TIMEOUT_MS = Number(process.env.PITH_PASTE_TIMEOUT_MS || 20000);
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const argv = process.argv.slice(2);
const retryEmpty = argv.includes('--retry-empty');
const positional = argv.filter((a) => !a.startsWith('--'));
const benchDir = positional[0] ? path.resolve(positional[0]) : path.resolve(ROOT, '../shared/bench');
const outDir = positional[1] ? path.resolve(positional[1]) : path.join(ROOT, '.cache/paste');

// --- the work list ----------------------------------------------------------------------------
const jobs = [];
let skipped = 0;
for (const dataset of fs.readdirSync(benchDir).sort()) {
  const htmlDir = path.join(benchDir, dataset, 'html');
  if (!fs.existsSync(htmlDir)) continue;
  fs.mkdirSync(path.join(outDir, dataset), { recursive: true });
  for (const name of fs.readdirSync(htmlDir).sort()) {
    if (!name.endsWith('.html.gz')) continue;
    const id = name.slice(0, -'.html.gz'.length);
    const out = path.join(outDir, dataset, `${id}.txt`);
    if (fs.existsSync(out) && !(retryEmpty && fs.statSync(out).size === 0)) { skipped++; continue; }
    jobs.push({ dataset, id, src: path.join(htmlDir, name), out });
  }
}
console.error(`[paste] ${jobs.length} pages to do, ${skipped} already present; bench ${benchDir} -> ${outDir}`);
if (jobs.length === 0) process.exit(0);

// --- the browser ------------------------------------------------------------------------------
// playwright-core gives every launch a fresh temporary --user-data-dir of its own.
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
const DOC_URL = 'http://paste.invalid/page.html';
const REFRESH = /<meta\b[^>]*http-equiv\s*=\s*["']?\s*refresh[^>]*>/gi;

async function newPage() {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  let body = null;
  await context.route('**/*', (route) => {
    const req = route.request();
    if (req.url() === DOC_URL && req.isNavigationRequest() && body !== null) {
      return route.fulfill({ status: 200, headers: { 'content-type': 'text/html' }, body });
    }
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return { context, page, setBody: (b) => { body = b; } };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

async function paste(slot, job) {
  const raw = zlib.gunzipSync(fs.readFileSync(job.src));
  // latin1 round-trips every byte, so only the refresh tags change.
  const html = Buffer.from(raw.toString('latin1').replace(REFRESH, ''), 'latin1');
  slot.setBody(html);
  await slot.page.goto(DOC_URL, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
  if (slot.page.url() !== DOC_URL) throw new Error(`navigated away to ${slot.page.url()}`);
  return slot.page.evaluate(() => (document.body || document.documentElement)?.innerText ?? '');
}

const failLog = fs.openSync(path.join(outDir, 'failures.log'), 'a');
let done = 0, failed = 0, chars = 0;
const t0 = Date.now();

async function worker() {
  let slot = await newPage();
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    let text = '';
    try {
      text = await withTimeout(paste(slot, job), PAGE_TIMEOUT_MS + 5000, 'page');
    } catch (err) {
      failed++;
      const msg = String(err?.message || err).split('\n')[0];
      console.error(`[paste] FAILED ${job.dataset}/${job.id}: ${msg}`);
      fs.writeSync(failLog, `${new Date().toISOString()}\t${job.dataset}/${job.id}\t${msg}\n`);
      // A page in an unknown state (hung, crashed): start over with a fresh one.
      await slot.context.close().catch(() => {});
      slot = await newPage();
    }
    const tmp = `${job.out}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, job.out); // never leave a half-written file that a rerun would skip
    chars += text.length;
    if (++done % 100 === 0) {
      console.error(`[paste] ${done} done, ${failed} failed, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  await slot.context.close().catch(() => {});
}

try {
  await Promise.all(Array.from({ length: WORKERS }, worker));
} finally {
  await browser.close();
  fs.closeSync(failLog);
}
const secs = (Date.now() - t0) / 1000;
console.error(`[paste] ${done} pages in ${secs.toFixed(1)} s (${(done / secs).toFixed(1)}/s), ${failed} failed, ${chars} characters written`);
