// Same inputs, same annotation: the wasm in Chromium and the native library (built by
// tests/browser/native, same features as the wasm build) must agree exactly on the fixture
// pages, the shipped samples and, when ../shared/bench/scrapinghub exists, a slice of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { suite, openPith, settled, benchDir, FIXTURES, WWW } from './helpers.mjs';
import { nativeTool, decodePage } from './native.mjs';

const BENCH = benchDir();
const BENCH_PAGES = Number(process.env.PITH_PARITY_PAGES ?? 20);

const env = suite('pith-parity-');

/** The inputs, as { name, text }: decoded once here, so both sides get the same string. */
function inputs() {
  const list = [];
  for (const f of fs.readdirSync(FIXTURES).sort()) {
    if (/\.(html|txt)$/.test(f)) list.push({ name: `fixtures/${f}`, text: fs.readFileSync(path.join(FIXTURES, f), 'utf8') });
  }
  for (const f of fs.readdirSync(path.join(WWW, 'samples')).sort()) {
    if (/\.(html|txt)$/.test(f)) list.push({ name: `samples/${f}`, text: fs.readFileSync(path.join(WWW, 'samples', f), 'utf8') });
  }
  const sh = BENCH && path.join(BENCH, 'scrapinghub/html');
  if (sh && fs.existsSync(sh)) {
    const files = fs.readdirSync(sh).filter((f) => f.endsWith('.html.gz')).sort().slice(0, BENCH_PAGES);
    for (const f of files) list.push({ name: `scrapinghub/${f}`, text: decodePage(zlib.gunzipSync(fs.readFileSync(path.join(sh, f)))) });
  }
  return list;
}

/** Paths of the differences (at most `max`). Numbers compare as f32 (the schema's `score`). */
function diff(a, b, at = '$', out = [], max = 10) {
  if (out.length >= max) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.fround(a) !== Math.fround(b)) out.push(`${at}: ${a} != ${b}`);
  } else if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a !== b) out.push(`${at}: ${JSON.stringify(a)?.slice(0, 80)} != ${JSON.stringify(b)?.slice(0, 80)}`);
  } else if (Array.isArray(a) !== Array.isArray(b)) {
    out.push(`${at}: array vs object`);
  } else {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], `${at}.${k}`, out, max);
  }
  return out;
}

// Inputs and both sides' annotations, computed once for the tests below.
let shared = null;
async function annotations(t) {
  if (shared) return shared;
  const tool = nativeTool();
  if (!tool.ok) return { skip: tool.why };
  const list = inputs();
  const files = list.map((x, i) => {
    const f = path.join(env.tmp, `${i}.txt`);
    fs.writeFileSync(f, x.text);
    return f;
  });
  const native = execFileSync(tool.bin, ['json', ...files], { maxBuffer: 1 << 30 })
    .toString().split('\u001e\n').filter((r) => r.trim()).map((r) => JSON.parse(r));
  assert.equal(native.length, list.length);
  const page = await openPith(env.browser.context, env.server);
  const wasm = await page.evaluate(async (texts) => {
    const pith = await import('./pkg/pith.js');
    await pith.default();
    const textModule = await import('./pkg/pith_text.js');
    await textModule.default();
    // The page's annotate: the HTML module, and the text front end for what it leaves (undefined).
    return texts.map((text) => pith.annotate(text, {}) ?? textModule.annotate(text, {}));
  }, list.map((x) => x.text));
  await page.close();
  t.diagnostic(`${list.length} inputs, ${native.reduce((n, a) => n + a.blocks.length, 0)} blocks`);
  shared = { list, native, wasm };
  return shared;
}

const withoutSource = (a) => ({ ...a, blocks: a.blocks.map(({ source, ...b }) => b) });

test('wasm and native agree on every label, kind, role, score, reason, text, HTML, section and metadata', async (t) => {
  const r = await annotations(t);
  if (r.skip) return t.skip(r.skip);
  const problems = [];
  r.list.forEach((x, i) => {
    for (const d of diff(withoutSource(r.wasm[i]), withoutSource(r.native[i]))) problems.push(`${x.name}: ${d}`);
  });
  assert.deepEqual(problems, []);
});

// html5ever reports text lines differently on x86/aarch64 (a fast path that counts a whole
// multi-line run) and on wasm (a token per line); src/segment.rs takes source lines from
// elements only, so both builds must agree exactly.
test('wasm and native agree on source ranges', async (t) => {
  const r = await annotations(t);
  if (r.skip) return t.skip(r.skip);
  const problems = [];
  r.list.forEach((x, i) => {
    r.native[i].blocks.forEach((b, j) => {
      const w = r.wasm[i].blocks[j]?.source;
      if (JSON.stringify(w) !== JSON.stringify(b.source)) problems.push(`${x.name} block ${j}: wasm ${JSON.stringify(w)} native ${JSON.stringify(b.source)}`);
    });
  });
  t.diagnostic(`${problems.length} blocks differ${problems.length ? `, e.g. ${problems[0]}` : ''}`);
  assert.deepEqual(problems, []);
});

test('the page’s own JSON export (no corrections) is the native annotation', async (t) => {
  const r = await annotations(t);
  if (r.skip) return t.skip(r.skip);
  const page = await openPith(env.browser.context, env.server);
  await page.setInputFiles('#file', path.join(FIXTURES, 'story.html'));
  assert.equal(await settled(page), 'done');
  await page.click('#tab-export');
  await page.waitForFunction(() => document.getElementById('export-preview').value.startsWith('{'));
  const exported = JSON.parse(await page.inputValue('#export-preview'));
  assert.deepEqual(exported.corrections, []);
  delete exported.corrections;
  delete exported.input_sha256;
  const story = r.native[r.list.findIndex((x) => x.name === 'fixtures/story.html')];
  assert.deepEqual(diff(exported, story), []);
  await page.close();
});
