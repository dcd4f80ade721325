// Shared by the browser tests and scripts/bench-browser.mjs: a static server on 127.0.0.1
// (random port) and Debian's Chromium driven by playwright-core. Never a downloaded browser.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW = path.join(ROOT, 'www');
export const FIXTURES = path.join(ROOT, 'tests/browser/fixtures');

const MIME = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.gz': 'application/gzip',
  '.png': 'image/png', '.ico': 'image/x-icon',
};

/**
 * Serves `dir` on 127.0.0.1 at a random port. `routes` maps a path to a handler
 * (req, res) => void for test-only endpoints. Every request is recorded in `server.requests`.
 */
export async function serve(dir = WWW, routes = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname);
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/** Launches /usr/bin/chromium headless with the flags from the toolchain notes. */
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.PITH_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual test-file setup: registers node:test hooks that start a server (serve()) and a
 * browser (launch()) before the tests and close both after them. With `tmpPrefix`, also makes
 * a scratch directory now (removed after the tests). Returns { server, browser, tmp }: `tmp` is
 * set at once, `server` and `browser` once the before hook has run.
 */
export function suite(tmpPrefix) {
  const env = {
    server: undefined,
    browser: undefined,
    tmp: tmpPrefix ? fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix)) : undefined,
  };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (env.tmp) fs.rmSync(env.tmp, { recursive: true, force: true });
  });
  return env;
}

/** Opens Pith's page and waits until the wasm worker is ready. */
export async function openPith(context, server, opts = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.errors = errors;
  await page.goto(server.url + (opts.hash || ''));
  await page.waitForSelector('html[data-ready=true]', { timeout: 30_000 });
  return page;
}

/** Waits for the current run to finish (status done or error); returns the status state. */
export async function settled(page, timeout = 30_000) {
  await page.waitForFunction(() => {
    const s = document.getElementById('status').dataset.state;
    return s === 'done' || s === 'error' || s === 'idle';
  }, null, { timeout });
  // Let the reassembly (debounced) and any view refresh land.
  await page.waitForTimeout(150);
  return page.$eval('#status', (s) => s.dataset.state);
}

/** The page view's blocks as { id, label, badge, text }. */
export function pageBlocks(page) {
  return page.$$eval('#blocks > li', (lis) => lis.map((li) => ({
    id: Number(li.dataset.id),
    label: li.classList.contains('art') ? 'article' : 'boilerplate',
    badge: li.querySelector('.badge').textContent,
    text: li.querySelector('.txt').textContent,
    dir: li.dir,
  })));
}

/** The benchmark datasets folder: $PITH_BENCH_DIR, else ../shared/bench from the repository
 *  (../../shared/bench from a worktree under wt/); null when there is none. */
export function benchDir() {
  const candidates = [process.env.PITH_BENCH_DIR, path.join(ROOT, '../shared/bench'), path.join(ROOT, '../../shared/bench')];
  return candidates.find((d) => d && fs.existsSync(d)) || null;
}
