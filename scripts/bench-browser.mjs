#!/usr/bin/env node
// Speed in the browser, measured: Pith's wasm and Readability.js on the same pages in the same
// headless Chromium run, plus the same library natively on the same decoded text.
//
//   node scripts/bench-browser.mjs [DATASET_DIR] [--runs N] [--pages N] [--pkg DIR] [--json]
//
// DATASET_DIR defaults to ../shared/bench/scrapinghub (its html/*.html.gz). Each page is
// gunzipped and decoded in node (www/decode.js: BOM, <meta charset>, UTF-8), and the same
// string goes to all three:
//   pith (wasm)   pith.annotate(text, {}) in the page (www/pkg/pith.js, the HTML annotator the
//                 page loads): parse + annotate + the JS object; the path of pasted HTML;
//   pith (wasm, bytes)  what the page does with an opened file or a fetched page instead:
//                 pith.annotateBytes(bytes, {}) on the file's own bytes when decode.js finds it
//                 UTF-8 (one plain copy into the wasm, no UTF-16 -> UTF-8 transcoding), the
//                 string path otherwise (legacy charsets are decoded by TextDecoder);
//   readability   new DOMParser().parseFromString(text) + new Readability(doc).parse(): its
//                 parse counts, because Pith's time includes Pith's parse;
//   pith (native) pith::annotate on the same text (tests/browser/native, release + LTO, the
//                 wasm build's features).
// Per page: the median of N timed runs after one warm-up run. The native runs are timed 20 pages
// at a time between the browser's, so a change in the machine's load hits both alike. Reported:
// the median and p95 over pages. Targets: Pith at least 3x faster than Readability.js (median),
// and wasm at most 2x slower than native (median), both on the string path. Exit status 1 when a
// target is missed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TESTS = path.join(ROOT, 'tests/browser');
const { serve, launch, benchDir } = await import(path.join(TESTS, 'helpers.mjs'));
const { nativeTool } = await import(path.join(TESTS, 'native.mjs'));
const { decodeBytes } = await import(path.join(ROOT, 'www/decode.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const runs = Number(opt('--runs', 3));
const pkgDir = opt('--pkg', null); // another wasm-bindgen build to measure (default www/pkg)
const maxPages = Number(opt('--pages', Infinity));
const asJson = args.includes('--json');
const positional = args.filter((a) => !a.startsWith('--'));
const dataset = positional[0] || (benchDir() && path.join(benchDir(), 'scrapinghub'));
if (!dataset || !fs.existsSync(path.join(dataset, 'html'))) {
  console.error(`no dataset: pass DATASET_DIR (a folder with html/*.html.gz); tried ${dataset}`);
  process.exit(2);
}

const files = fs.readdirSync(path.join(dataset, 'html')).filter((f) => f.endsWith('.html.gz')).sort().slice(0, maxPages);
const pages = files.map((f) => {
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(dataset, 'html', f)));
  const { text, utf8 } = decodeBytes(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
  return { name: f, text, utf8: utf8 && Buffer.from(utf8).toString('base64') };
});
const mb = pages.reduce((n, p) => n + Buffer.byteLength(p.text), 0) / 1e6;
const log = (...a) => { if (!asJson) console.error(...a); };
log(`${pages.length} pages (${mb.toFixed(1)} MB of text) from ${dataset}, ${runs} timed runs each`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
// Nearest-rank percentile.
const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

// --- browser: Pith's wasm and Readability.js, page by page, interleaved ----------------------
const require = createRequire(path.join(TESTS, 'package.json'));
const readabilityJs = fs.readFileSync(require.resolve('@mozilla/readability/Readability.js'), 'utf8');
const server = await serve(undefined, {
  // A blank page on Pith's origin (no CSP: the benchmark loads Readability.js beside Pith).
  // Cross-origin isolated (COOP + COEP; everything it loads is same-origin), so performance.now()
  // ticks in microseconds rather than Chromium's coarsened 100 µs steps, which rounded every
  // per-page time (and so the medians) to a tenth of a millisecond.
  '/bench.html': (req, res) => res.writeHead(200, {
    'content-type': 'text/html',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  }).end('<!doctype html><title>bench</title>'),
  '/readability.js': (req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(readabilityJs),
  ...(pkgDir && Object.fromEntries(['pith.js', 'pith_bg.wasm'].map((f) => [`/pkg/${f}`, (req, res) => {
    res.writeHead(200, { 'content-type': f.endsWith('.js') ? 'text/javascript' : 'application/wasm' });
    res.end(fs.readFileSync(path.join(pkgDir, f)));
  }]))),
});
// --- native: the same strings, through tests/browser/native --------------------------------
// Timed a chunk of pages at a time between the browser's chunks, so both see the machine in the
// same state (on a busy machine, timing one after the other moved the wasm/native ratio by 0.5).
let nativeTimes = null;
const tool = nativeTool();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-bench-'));
const paths = pages.map((p, i) => {
  const f = path.join(tmp, `${i}.html`);
  fs.writeFileSync(f, p.text);
  return f;
});
const CHUNK = 20;
function timeNative(from, to) {
  if (!tool.ok) return;
  nativeTimes ??= [];
  nativeTimes.push(...execFileSync(tool.bin, ['time', String(runs), ...paths.slice(from, to)], { maxBuffer: 1 << 26 })
    .toString().trim().split('\n').map(Number));
}
if (!tool.ok) log(`native: skipped (${tool.why})`);

const browser = await launch();
const browserTimes = { pith: [], pithBytes: [], readability: [] };
let failures = 0;
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}bench.html`);
  await page.addScriptTag({ url: '/readability.js' });
  if (!(await page.evaluate(() => crossOriginIsolated))) log('note: the page is not cross-origin isolated: times are in 0.1 ms steps');
  const version = await page.evaluate(async () => {
    window.pith = await import('/pkg/pith.js');
    await window.pith.default();
    return window.pith.version();
  });
  log(`pith ${version} (wasm) vs @mozilla/readability ${require('@mozilla/readability/package.json').version}, ${await browser.context.browser()?.version?.() ?? 'chromium'}`);
  for (const [i, p] of pages.entries()) {
    const r = await page.evaluate(({ text, utf8, runs }) => {
      // (a build from before annotateBytes, through --pkg: the string path in this row too)
      const bytes = utf8 && window.pith.annotateBytes && Uint8Array.from(atob(utf8), (c) => c.charCodeAt(0));
      const time = (fn) => {
        fn(); // warm-up
        const ts = [];
        for (let k = 0; k < runs; k++) {
          const t0 = performance.now();
          fn();
          ts.push(performance.now() - t0);
        }
        ts.sort((a, b) => a - b);
        return ts[Math.floor(ts.length / 2)];
      };
      let error = null;
      const pith = time(() => {
        try {
          // undefined would mean the HTML module left the input to the text front end: this
          // benchmark is of web pages, so that counts as a failure, not as a fast page.
          if (window.pith.annotate(text, {}) === undefined) error = 'read as pasted text, not HTML';
        } catch (e) { error = String(e.message || e); }
      });
      const pithBytes = time(() => {
        try {
          const a = bytes ? window.pith.annotateBytes(bytes, {}) : window.pith.annotate(text, {});
          if (a === undefined) error = 'read as pasted text, not HTML';
        } catch (e) { error = String(e.message || e); }
      });
      const readability = time(() => {
        const doc = new DOMParser().parseFromString(text, 'text/html');
        new Readability(doc).parse();
      });
      return { pith, pithBytes, readability, error };
    }, { text: p.text, utf8: p.utf8, runs });
    if (r.error) { failures++; log(`  ${p.name}: pith error: ${r.error}`); }
    browserTimes.pith.push(r.pith);
    browserTimes.pithBytes.push(r.pithBytes);
    browserTimes.readability.push(r.readability);
    if ((i + 1) % CHUNK === 0 || i + 1 === pages.length) timeNative(i + 1 - ((i % CHUNK) + 1), i + 1);
    if (!asJson && (i + 1) % CHUNK === 0) process.stderr.write(`  ${i + 1}/${pages.length}\n`);
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

// --- report --------------------------------------------------------------------------------
const summary = (xs) => xs && { median_ms: +median(xs).toFixed(3), p95_ms: +pct(xs, 0.95).toFixed(3) };
const result = {
  dataset, pages: pages.length, runs, text_mb: +mb.toFixed(2),
  pith_wasm: summary(browserTimes.pith),
  pith_wasm_bytes: { ...summary(browserTimes.pithBytes), utf8_pages: pages.filter((p) => p.utf8).length },
  readability: summary(browserTimes.readability),
  pith_native: summary(nativeTimes),
};
const speedup = result.readability.median_ms / result.pith_wasm.median_ms;
const wasmVsNative = nativeTimes ? result.pith_wasm.median_ms / result.pith_native.median_ms : null;
result.readability_over_pith_median = +speedup.toFixed(2);
result.readability_over_pith_bytes_median = +(result.readability.median_ms / result.pith_wasm_bytes.median_ms).toFixed(2);
result.readability_over_pith_p95 = +(result.readability.p95_ms / result.pith_wasm.p95_ms).toFixed(2);
result.wasm_over_native_median = wasmVsNative && +wasmVsNative.toFixed(2);
result.wasm_over_native_p95 = nativeTimes && +(result.pith_wasm.p95_ms / result.pith_native.p95_ms).toFixed(2);
const okReadability = speedup >= 3;
const okNative = wasmVsNative === null || wasmVsNative <= 2;
result.targets = { pith_3x_faster_than_readability: okReadability, wasm_within_2x_of_native: wasmVsNative === null ? null : okNative };

if (asJson) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const row = (name, s) => console.log(`${name.padEnd(22)} ${s ? `${s.median_ms.toFixed(2).padStart(9)} ${s.p95_ms.toFixed(2).padStart(9)}` : '   (none)'}`);
  console.log(`\n${'ms per page'.padEnd(22)} ${'median'.padStart(9)} ${'p95'.padStart(9)}`);
  row('pith (wasm, chromium)', result.pith_wasm);
  row('pith (wasm, bytes)', result.pith_wasm_bytes);
  row('readability.js', result.readability);
  row('pith (native)', result.pith_native);
  console.log(`\nReadability / Pith: ${speedup.toFixed(2)}x at the median, ${result.readability_over_pith_p95}x at p95 (target >= 3x at the median): ${okReadability ? 'OK' : 'MISSED'}`);
  console.log(`Readability / Pith, file/URL bytes path (${result.pith_wasm_bytes.utf8_pages} of ${pages.length} pages UTF-8): ${result.readability_over_pith_bytes_median}x at the median`);
  if (wasmVsNative !== null) {
    console.log(`wasm / native:      ${wasmVsNative.toFixed(2)}x at the median, ${result.wasm_over_native_p95}x at p95 (target <= 2x at the median): ${okNative ? 'OK' : 'MISSED'}`);
  }
  if (failures) console.log(`${failures} page(s) failed in the wasm`);
}
process.exit(okReadability && okNative && !failures ? 0 : 1);
