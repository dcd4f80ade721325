// Shared by the widget's browser tests (widget*.test.mjs): a static server for the whole
// repository (the widget at /www/widget/, fixtures at /tests/browser/fixtures/) that sends
// CORS headers, as a host serving the widget to other sites must, and can add a CSP header
// to chosen pages. The browser comes from helpers.mjs (Debian's chromium, never a download).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

export { launch, ROOT } from './helpers.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
};

export const FIX = '/tests/browser/fixtures/';

/**
 * Serves ROOT on 127.0.0.1 (random port). A page requested with `?csp=<policy>` is served
 * with that Content-Security-Policy header. `headers(pathname, req)` may return more response
 * headers; `routes` maps a path to a handler.
 * The same server answers at http://localhost:<port>/, which is another origin: the
 * bookmarklet tests use that for "a page on some other site".
 */
export async function serveRepo({ headers = () => ({}), routes = {} } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(`${req.headers.host} ${url.pathname}`);
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    let file = path.join(ROOT, decodeURIComponent(url.pathname));
    if (!file.startsWith(ROOT + path.sep)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
        'access-control-allow-origin': '*',
        ...(url.searchParams.has('csp') ? { 'content-security-policy': url.searchParams.get('csp') } : {}),
        ...headers(url.pathname, req),
      });
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    other: `http://localhost:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/** A new page that blocks everything but the test server, collecting errors and console errors. */
export async function newPage(browser, server) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.route('**/*', (r) => {
    const u = new URL(r.request().url());
    if (u.port === new URL(server.url).port && (u.hostname === '127.0.0.1' || u.hostname === 'localhost')) return r.continue();
    return r.abort();
  });
  page.errors = errors;
  return page;
}

/** `path` with a query asking serveRepo for a CSP header. */
export const withCsp = (path, csp) => `${path}?csp=${encodeURIComponent(csp)}`;

/** Waits for window.Pith and runs Pith.annotate(opts) in the page; resolves with a summary. */
export async function annotateInPage(page, opts = {}) {
  await page.waitForFunction(() => !!window.Pith, null, { timeout: 10_000 });
  return page.evaluate(async (o) => {
    const r = await window.Pith.annotate(o);
    return { total: r.total, placed: r.placed, exact: r.exact, timings: r.timings, version: r.version, page: r.page };
  }, opts);
}

/**
 * Runs `fn` while tracing the page's renderer main thread; resolves with [fn's result, tasks],
 * tasks being { cpu, wall } in ms for every task the main thread ran meanwhile. CPU time is
 * what the page's code and rendering cost; wall time also counts waiting for a core (this
 * machine has two, shared with the worker and the rest of the browser).
 */
export async function traceMainThread(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => { for (const v of e.value) events.push(v); });
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  let result;
  try {
    result = await fn();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const threads = new Map();
  for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const tasks = events
    .filter((e) => e.ph === 'X' && /RunTask$/.test(e.name) && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
    .map((e) => ({ cpu: (e.tdur || 0) / 1000, wall: e.dur / 1000 }));
  return [result, tasks];
}

/** What must be identical before the widget opens and after it closes. */
export function pageState(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return {
      html: `${document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : ''}${document.documentElement.outerHTML}`,
      scroll: [window.scrollX, window.scrollY],
      active: a ? `${a.localName}${a.id ? `#${a.id}` : ''}${a.getAttribute('href') ? `[href=${a.getAttribute('href')}]` : ''}` : null,
      globals: Object.getOwnPropertyNames(window).sort().join(' '),
      arrayProto: Object.getOwnPropertyNames(Array.prototype).sort().join(' '),
      sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
      title: document.title,
    };
  });
}
