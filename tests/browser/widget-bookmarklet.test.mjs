// The bookmarklet: its code (from the generator, as Pith's page offers it) runs on a page of
// another site (http://localhost:<port> while Pith is http://127.0.0.1:<port>, so the widget,
// its worker and the wasm all come cross-origin). Where the page's CSP refuses Pith, the
// person gets a message and a way to open the page in Pith instead, never silence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveRepo, launch, newPage, pageState, withCsp, FIX } from './widget-helpers.mjs';
import { bookmarkletUrl } from '../../www/widget/bookmarklet.js';

let server;
let browser;
let code;
before(async () => {
  server = await serveRepo();
  browser = await launch();
  const href = bookmarkletUrl(`${server.url}/www/widget/pith-widget.js`);
  assert.match(href, /^javascript:/);
  code = decodeURIComponent(href.slice('javascript:'.length));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The plain article page on "another site", optionally under a CSP header. */
async function otherSite(csp = '') {
  const page = await newPage(browser, server);
  const url = `${server.other}${FIX}widget-plain.html`;
  await page.goto(csp ? withCsp(url, csp) : url);
  return page;
}

const shadow = (page, host, sel) => page.evaluate(([h, s]) => {
  const el = document.querySelector(h)?.shadowRoot?.querySelector(s);
  return el ? el.textContent : null;
}, [host, sel]);

test('on another site: loads the widget, annotates, and a second click leaves the page as it was', async () => {
  const page = await otherSite();
  const start = await pageState(page);
  const done = page.evaluate(() => new Promise((resolve) => document.addEventListener('pith:done', (e) => resolve({ total: e.detail.total, exact: e.detail.exact }), { once: true })));
  await page.evaluate(code);
  const r = await done;
  assert.ok(r.total >= 6, `${r.total} blocks`);
  assert.equal(r.exact, r.total);
  await page.waitForSelector('.panel .finding');
  const labels = await page.evaluate(() => {
    const res = window.Pith.result;
    return res.annotation.blocks.filter((b) => b.label === 'article').map((b) => res.element(b.id)?.localName);
  });
  assert.ok(labels.includes('h1') && labels.filter((t) => t === 'p').length >= 3, `article blocks: ${labels}`);
  // The worker came from a blob: URL (the widget is cross-origin here) and loaded the wasm.
  const files = server.requests.filter((x) => x.startsWith('127.0.0.1')).map((x) => x.split(' ')[1]);
  for (const f of ['/www/widget/pith-widget.js', '/www/widget/worker.js', '/www/pkg/pith_bg.wasm']) assert.ok(files.includes(f), f);

  await page.evaluate(code); // the same bookmark again: closes
  await page.waitForFunction(() => !document.querySelector('pith-widget'));
  const end = await pageState(page);
  assert.equal(end.html, start.html);
  assert.deepEqual(end.scroll, start.scroll);
  assert.equal(end.active, start.active);
  // One global, the widget's namespace (the bookmarklet itself leaves none).
  const added = end.globals.split(' ').filter((g) => !start.globals.split(' ').includes(g));
  assert.deepEqual(added, ['Pith']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a CSP that refuses Pith\'s script: a clear message, and "Open in Pith" sends the page to Pith', async () => {
  const page = await otherSite("script-src 'self'");
  const start = await pageState(page);
  await page.evaluate(code);
  await page.waitForSelector('pith-notice');
  const text = await shadow(page, 'pith-notice', '[role=alert] p');
  assert.match(text, /Content-Security-Policy \(script-src[^)]*\) does not allow scripts from http:\/\/127\.0\.0\.1:\d+/);

  // Dismiss: gone, page as it was.
  await page.click('pith-notice button:has-text("Dismiss")');
  assert.deepEqual(await pageState(page), start);

  // Again, and this time open the page in Pith: Pith's page receives it and annotates it.
  await page.evaluate(code);
  await page.waitForSelector('pith-notice');
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.click('pith-notice button:has-text("Open in Pith")'),
  ]);
  await popup.waitForFunction(() => document.getElementById('status')?.dataset.state === 'done', null, { timeout: 30_000 });
  assert.match(await popup.textContent('#status-text'), /^localhost:\d+: \d+ blocks/);
  assert.match(await popup.textContent('#blocks'), /Night trains are back between the capital and the coast/);
  await popup.close();
  const end = await pageState(page);
  assert.equal(end.html, start.html);
  assert.deepEqual(page.errors.filter((e) => !/Content Security Policy|Failed to fetch dynamically imported module/.test(e)), []);
  await page.close();
});

test('a CSP that allows the script but not its worker: the widget says so', async () => {
  const page = await otherSite(`script-src 'self' ${server.url}; worker-src 'self'`);
  const error = page.evaluate(() => new Promise((resolve) => document.addEventListener('pith:error', (e) => resolve(e.detail), { once: true })));
  await page.evaluate(code);
  const detail = await error;
  assert.equal(detail.csp, 'worker-src');
  await page.waitForSelector('.msg:not([hidden])');
  assert.match(await page.textContent('.msg'), /Content-Security-Policy \(worker-src/);
  await page.click('.msg button:has-text("Dismiss")');
  await page.waitForFunction(() => !document.querySelector('pith-widget'));
  await page.close();
});

test("Pith's page links to the widget's page, which offers the bookmarklet and the embed tag", async () => {
  const page = await newPage(browser, server);
  await page.goto(`${server.url}/www/index.html`);
  await page.click('details.bm summary');
  await page.click('#widget-page');
  await page.waitForURL(/\/www\/widget\/$/);
  await page.waitForFunction(() => document.getElementById('widget-bookmarklet').href.startsWith('javascript:'));
  const href = await page.getAttribute('#widget-bookmarklet', 'href');
  assert.equal(href, bookmarkletUrl(`${server.url}/www/widget/pith-widget.js`));
  assert.equal(await page.textContent('#embed-snippet'), `<script type="module" src="${server.url}/www/widget/pith-widget.js"></script>`);
  await page.click('#widget-bookmarklet'); // does not run here (the page's CSP); explains instead
  assert.ok(await page.isVisible('#widget-bookmarklet-hint'));
  // The page's own launcher: the widget on its own page, under that page's strict CSP.
  await page.click('.launcher');
  await page.waitForSelector('.panel .finding');
  assert.deepEqual(page.errors, []);
  await page.close();
});
