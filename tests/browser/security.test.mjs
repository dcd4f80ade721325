// A hostile page (scripts, event handlers, javascript:/data: URLs, srcdoc iframes, SVG with
// script, CSS url()s, meta refresh...) goes through every view: nothing may run, and nothing
// may be requested but Pith's own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { suite, openPith, settled, FIXTURES, ROOT } from './helpers.mjs';

const env = suite();

// What Pith's page itself loads: exactly the files scripts/size.sh counts. Anything else is a leak.
const LOADED = execFileSync('bash', [path.join(ROOT, 'scripts/size.sh'), '--list']).toString().trim().split('\n');
// ...and the renderer, which the worker loads the first time a label flips or an export runs.
const LAZY = execFileSync('bash', [path.join(ROOT, 'scripts/size.sh'), '--list-lazy']).toString().trim().split('\n');
const OWN = { test: (p) => p === '/' || LOADED.includes(p.slice(1)) || LAZY.includes(p.slice(1)) };

async function hostilePage() {
  const page = await env.browser.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  // Fires for every worker and frame too: anything the payloads manage to load shows up here.
  env.browser.context.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(env.server.url);
  await page.waitForSelector('html[data-ready=true]');
  return { page, requests, errors };
}

// Chrome checks inline handlers, style attributes, <style> and <base> against the page's CSP
// even while parsing into an inert DOMParser document (where nothing could run or load), and
// reports them. Those reports are expected when raw payloads are imported; any other directive
// (img-src, connect-src, frame-src...) would mean something really tried to load.
const PARSE_TIME = /^(script-src-attr|style-src-attr|style-src-elem|base-uri) (inline|https:\/\/evil\.invalid\/)$/;

async function assertNothingRan(page, requests, errors, { images = false, rawHtml = false } = {}) {
  await page.waitForTimeout(300); // give a stray timer or load a chance to fire
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a payload ran');
  const csp = (await page.evaluate(() => window.__csp)).filter((v) => !(rawHtml && PARSE_TIME.test(v)));
  assert.deepEqual(csp, [], 'something tried to load or run and was stopped only by the CSP');
  assert.deepEqual(errors, []);
  for (const { url, type } of requests) {
    const u = new URL(url);
    if (u.origin === new URL(env.server.url).origin) {
      assert.ok(OWN.test(u.pathname), `unexpected request ${url}`);
    } else {
      // Only with "load remote images" on, and then only images.
      assert.ok(images && type === 'image', `unexpected request ${url} (${type})`);
    }
  }
  assert.ok(!env.server.requests.some((p) => p.startsWith('/__pwned')), `server saw ${env.server.requests.filter((p) => p.startsWith('/__pwned'))}`);
  // No live active content anywhere in Pith's document.
  const active = await page.evaluate(() => {
    const found = [];
    for (const e of document.querySelectorAll('#blocks *, #reader *, #meta *, #why *')) {
      for (const a of e.attributes) {
        if (/^on/i.test(a.name) || a.name === 'style' || a.name === 'srcset' || a.name === 'srcdoc') found.push(`${e.localName}[${a.name}]`);
        if (/^\s*(javascript|vbscript|data):/i.test(a.value) && !(e.localName === 'img' && /^data:image\//.test(a.value))) found.push(`${e.localName}[${a.name}=${a.value.slice(0, 30)}]`);
      }
      if (/^(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|video|audio|template)$/.test(e.localName)) found.push(e.localName);
    }
    return found;
  });
  assert.deepEqual(active, []);
}

test('the page loads exactly the files scripts/size.sh counts; a run adds only the reader view', async () => {
  const requests = [];
  const onRequest = (r) => requests.push(new URL(r.url()).pathname);
  const files = () => [...new Set(requests.filter((p) => !p.startsWith('/samples/')).map((p) => (p === '/' ? 'index.html' : p.slice(1))))].sort();
  env.browser.context.on('request', onRequest);
  const page = await openPith(env.browser.context, env.server);
  await page.waitForTimeout(300); // anything fetched in the background after "ready" would show
  assert.deepEqual(files(), [...LOADED].sort());
  await page.click('#sample-html'); // a run exercises the worker, the wasm and every module
  assert.equal(await settled(page), 'done');
  env.browser.context.off('request', onRequest);
  // An HTML page shown: the reader view's code is fetched in the background; nothing else.
  assert.deepEqual(files(), [...LOADED, 'reader.js'].sort());
  assert.ok(LAZY.includes('reader.js'));
  await page.close();
});

test('a page full of payloads: nothing runs, nothing loads, in every view', async () => {
  const { page, requests, errors } = await hostilePage();
  await page.setInputFiles('#file', path.join(FIXTURES, 'hostile.html'));
  assert.equal(await settled(page), 'done');

  // Flip every boilerplate block into the article, so every payload reaches the reader view.
  const bp = await page.$$eval('#blocks li.bp', (lis) => lis.map((li) => li.dataset.id));
  for (const id of bp) await page.click(`#blocks li[data-id="${id}"]`);
  await settled(page);
  for (const li of await page.$$('#blocks li')) await li.hover(); // onmouseover payloads
  await page.click('#tab-reader');
  await page.waitForFunction(() => document.getElementById('reader').textContent.includes('perfectly ordinary'));
  // The escaped markup is shown as words.
  assert.match(await page.textContent('#reader'), /<script>window.__pwned='escaped-text'<\/script>/);
  for (const l of await page.$$('#reader a:not([href])')) await l.click();
  await page.click('#tab-meta');
  await page.click('#tab-export');
  for (const f of ['html', 'markdown', 'text', 'json']) {
    await page.selectOption('#format', f);
    await page.waitForFunction(() => !document.getElementById('export-preview').value.startsWith('Rendering'));
  }
  await assertNothingRan(page, requests, errors);
  await page.close();
});

// The core sanitises Block.html, but an annotation file someone hands over may carry anything:
// the page's own allow-list import is the last line of defence. Feed it raw payloads.
const PAYLOADS = [
  '<p>Plain words <img src="/__pwned/img.png" onerror="window.__pwned=\'onerror\'" alt="pixel"> and <a href="javascript:window.__pwned=\'js\'">a script link</a>.</p>',
  '<p><a href="JaVaScRiPt&colon;window.__pwned=\'entity\'">obfuscated</a> <a href=" javascript:window.__pwned=\'space\'">spaced</a> <a href="data:text/html,&lt;script&gt;opener.__pwned=1&lt;/script&gt;">data</a> <a href="vbscript:x">vb</a> <a href="https://example.org/fine">fine</a> <a href="/relative">relative</a></p>',
  '<script>window.__pwned="script"</script><p>after a script</p>',
  '<p style="background:url(/__pwned/style.png);position:fixed;inset:0">styled</p>',
  '<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe><iframe src="/__pwned/iframe"></iframe><p>frames</p>',
  '<object data="/__pwned/object"></object><embed src="/__pwned/embed"><video poster="/__pwned/poster.png" src="/__pwned/v.mp4"></video><audio src="/__pwned/a.mp3" autoplay></audio><p>media</p>',
  '<svg onload="window.__pwned=\'svg\'"><script>window.__pwned=\'svg-script\'</script><image href="/__pwned/svg.png"/></svg><math><maction xlink:href="javascript:window.__pwned=1">m</maction></math><p>vectors</p>',
  '<meta http-equiv="refresh" content="0;url=/__pwned/refresh"><base href="https://evil.invalid/"><link rel="stylesheet" href="/__pwned/link.css"><style>*{background:url(/__pwned/css.png)}</style><p>head things</p>',
  '<form action="/__pwned/form"><input autofocus onfocus="window.__pwned=\'focus\'"><button formaction="/__pwned/button">go</button></form><details open ontoggle="window.__pwned=\'toggle\'"><summary>s</summary>d</details><p>forms</p>',
  '<figure><img src="https://tracker.invalid/pixel.gif" srcset="/__pwned/srcset.png 2x" onload="window.__pwned=\'onload\'" alt="remote"><img src="/__pwned/relative.png" alt="relative"><img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E" alt="data svg"><img src="http://plain.invalid/x.png" alt="plain http"><figcaption>captions stay</figcaption></figure>',
  '<table background="/__pwned/table.png"><tr><td background="/__pwned/td.png" colspan="2x" rowspan="3">cell</td></tr></table><blockquote cite="javascript:1"><p>quoted</p></blockquote>',
  '<noscript><img src="/__pwned/noscript.png"></noscript><template><img src="/__pwned/template.png"></template><p dir="rtl" onclick="window.__pwned=1">نص عربي</p>',
];

function hostileAnnotation() {
  const blocks = PAYLOADS.map((html, id) => ({
    id, label: 'article', kind: 'paragraph', score: 0.9, reasons: ['<img src=x onerror=window.__pwned=1>'],
    text: `Block ${id} <script>window.__pwned='text'</script>`, tag: 'p', source: { start: 0, end: 0, line_start: 1, line_end: 1 },
    dir: 'ltr', html,
  }));
  return {
    schema: 'pith.annotation/1', input: 'html',
    metadata: {
      title: '<img src=/__pwned/title.png onerror=window.__pwned=1>', authors: ['<b onmouseover=1>x</b>'], published: null, modified: null,
      language: null, dir: 'ltr', site_name: null, description: null, image: '/__pwned/meta-image.png',
      canonical_url: 'javascript:window.__pwned=1', word_count: 10, reading_minutes: 1, sources: {},
    },
    blocks, sections: [{ title: null, blocks: blocks.map((b) => b.id) }],
  };
}

async function loadHostileAnnotation(page) {
  const file = path.join(FIXTURES, '..', 'hostile-annotation.tmp.json');
  fs.writeFileSync(file, JSON.stringify(hostileAnnotation()));
  try {
    await page.setInputFiles('#corrections-file', file);
    assert.equal(await settled(page), 'done');
  } finally {
    fs.rmSync(file, { force: true });
  }
  for (const li of await page.$$('#blocks li')) await li.hover();
  await page.click('#tab-meta');
  await page.click('#tab-reader');
  await page.waitForFunction(() => document.getElementById('reader').textContent.includes('captions stay'));
}

test('an annotation file with raw payloads in Block.html: the allow-list import holds', async () => {
  const { page, requests, errors } = await hostilePage();
  await loadHostileAnnotation(page);
  const reader = await page.textContent('#reader');
  for (const s of ['Plain words', 'after a script', 'styled', 'frames', 'media', 'vectors', 'head things', 'forms', 'cell', 'quoted', 'نص عربي']) {
    assert.ok(reader.includes(s), `text "${s}" kept`);
  }
  // Safe links survive, with no referrer and in a new tab; dangerous ones lose their href.
  const links = await page.$$eval('#reader a', (as) => as.map((a) => [a.getAttribute('href'), a.rel, a.target]));
  assert.deepEqual(links.filter(([h]) => h).map(([h]) => h), ['https://example.org/fine']);
  for (const [href, rel, target] of links.filter(([h]) => h)) {
    assert.match(rel, /noopener/);
    assert.equal(target, '_blank');
  }
  for (const l of await page.$$('#reader a:not([href])')) await l.click();
  // Images are placeholders while remote images are off.
  assert.equal(await page.$$eval('#reader img', (i) => i.length), 0);
  assert.ok((await page.$$eval('#reader .img-ph', (i) => i.length)) >= 4);
  assert.equal(await page.$eval('#reader [dir=rtl]', (e) => e.textContent), 'نص عربي');
  await assertNothingRan(page, requests, errors, { rawHtml: true });
  await page.close();
});

test('with remote images on, only https and data: images load; no payload, no probe', async () => {
  const { page, requests, errors } = await hostilePage();
  await loadHostileAnnotation(page);
  await page.check('#remote-images');
  await page.waitForFunction(() => document.querySelectorAll('#reader img').length > 0);
  const imgs = await page.$$eval('#reader img', (is) => is.map((i) => [i.getAttribute('src'), i.referrerPolicy]));
  assert.deepEqual(imgs.map(([s]) => s.slice(0, 19)), ['https://tracker.inv', 'data:image/svg+xml,']);
  for (const [, rp] of imgs) assert.equal(rp, 'no-referrer');
  await assertNothingRan(page, requests, errors, { images: true, rawHtml: true });
  await page.close();
});
