// The embeddable widget on the project's sample editorial page (widget-editorial.html): host
// CSS that fights everything (* { … !important }, div { display: flex }), host scripts that
// patch Array.prototype and listen to every event, content added by script, and planted
// problems for the editor's report. Also served with a strict CSP, and with a CSP that
// refuses WebAssembly. And a big page: no main-thread task over 50 ms of CPU.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveRepo, launch, newPage, pageState, traceMainThread, withCsp, FIX, ROOT } from './widget-helpers.mjs';

const EDITORIAL = `${FIX}widget-editorial.html`;
const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; font-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const NO_WASM = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'";

// The big page: the editorial page's body repeated (about 0.4 MB, 2,000 blocks).
function bigPage() {
  const src = fs.readFileSync(path.join(ROOT, EDITORIAL), 'utf8');
  const body = src.slice(src.indexOf('<div class="story-body">'), src.indexOf('<div class="promo-strip">'));
  return src.replace('<div class="promo-strip">', `${body.repeat(120)}<div class="promo-strip">`)
    .replace(/<base[^>]*>/, '').replace('href="widget-aggressive.css"', `href="${FIX}widget-aggressive.css"`)
    .replace('src="widget-host.js"', `src="${FIX}widget-host.js"`);
}

let server;
let browser;
before(async () => {
  server = await serveRepo({
    routes: {
      '/big.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(bigPage()),
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The editorial page; with `csp`, served with that Content-Security-Policy header. */
async function open(csp = '') {
  const page = await newPage(browser, server);
  const url = `${server.url}${EDITORIAL}`;
  await page.goto(csp ? withCsp(url, csp) : url);
  await page.waitForFunction(() => !!window.Pith && document.readyState === 'complete');
  return page;
}

/** Everything the widget shows, read from its (open) shadow root. */
function widgetView(page) {
  return page.evaluate(() => {
    const host = document.querySelector('pith-widget');
    const sr = host.shadowRoot;
    const cs = (el) => (el ? getComputedStyle(el) : null);
    const panel = sr.querySelector('.panel');
    const title = sr.querySelector('.panel .head h2');
    const p = cs(panel);
    const t = cs(title);
    const rect = panel?.getBoundingClientRect();
    return {
      host: { display: cs(host).display, position: cs(host).position, inset: [cs(host).top, cs(host).left], open: host.matches(':popover-open') },
      panel: panel && {
        font: p.fontFamily, color: p.color, bg: p.backgroundColor, transform: p.textTransform, spacing: p.letterSpacing,
        align: p.textAlign, cursor: p.cursor, display: p.display, width: Math.round(rect.width), right: Math.round(rect.right),
        top: Math.round(rect.top), titleSize: t.fontSize, titleLine: t.lineHeight,
      },
      summary: sr.querySelector('.summary')?.textContent,
      findings: [...sr.querySelectorAll('.finding')].map((li) => ({ code: li.dataset.code, title: li.querySelector('h3').textContent })),
    };
  });
}

/** Checks that every drawn box sits exactly over its block's live nodes. */
function boxesOverBlocks(page) {
  return page.evaluate(() => {
    const sr = document.querySelector('pith-widget').shadowRoot;
    const r = window.Pith.result;
    const out = { checked: 0, off: [] };
    for (const box of sr.querySelectorAll('.marks .box:not([hidden])')) {
      const id = Number(box.dataset.id);
      const nodes = r.nodes(id);
      const el = r.element(id);
      let want;
      if (nodes.length === 1 && nodes[0] === el) want = el.getBoundingClientRect();
      else {
        const range = document.createRange();
        range.setStartBefore(nodes[0]);
        range.setEndAfter(nodes[nodes.length - 1]);
        want = range.getBoundingClientRect();
      }
      const got = box.getBoundingClientRect();
      out.checked++;
      if (['left', 'top', 'width', 'height'].some((k) => Math.abs(got[k] - want[k]) > 1.5)) {
        out.off.push(`${id} <${r.annotation.blocks[id].tag}>: box ${[got.left, got.top, got.width, got.height].map(Math.round)} vs ${[want.left, want.top, want.width, want.height].map(Math.round)}`);
      }
    }
    return out;
  });
}

/** The report as data: per finding its code, role, and the targets as selectors-ish strings. */
function report(page) {
  return page.evaluate(() => window.Pith.result.report.map((f) => ({
    code: f.code,
    role: f.role || null,
    severity: f.severity,
    targets: f.targets.map((t) => {
      const el = t.nodeType === 1 ? t : t.el || t.start?.parentElement;
      return el && el.isConnected ? `${el.localName}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}` : 'detached';
    }),
  })));
}

test('embedded: only the widget script loads until the launcher is used', async () => {
  const before = server.requests.length;
  const page = await open();
  await page.waitForTimeout(300);
  const loaded = server.requests.slice(before).map((r) => r.split(' ')[1]).filter((p) => p.startsWith('/www/'));
  assert.deepEqual(loaded, ['/www/widget/pith-widget.js']);
  const launcher = await page.evaluate(() => {
    const b = document.querySelector('pith-widget').shadowRoot.querySelector('.launcher').getBoundingClientRect();
    return { w: b.width, h: b.height, right: innerWidth - b.right, bottom: innerHeight - b.bottom };
  });
  assert.ok(launcher.w > 30 && launcher.h > 20, 'the launcher is visible despite the host CSS');
  assert.ok(launcher.right < 40 && launcher.bottom < 40, 'bottom right');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('hostile page: panel unaffected, marks on their blocks, planted problems reported, page restored', async () => {
  const page = await open();
  await page.evaluate(() => {
    window.scrollTo(0, 120);
    document.querySelector('.main-nav a[href="/energy"]').focus({ preventScroll: true });
  });
  const start = await pageState(page);
  const summary = await page.evaluate(async () => {
    const r = await window.Pith.annotate();
    return { total: r.total, placed: r.placed, exact: r.exact };
  });
  assert.equal(summary.placed, summary.total, 'every block is on the page');
  assert.equal(summary.exact, summary.total, 'every block maps exactly');

  // The widget never scrolls, never takes focus, and adds no global but window.Pith.
  const during = await pageState(page);
  assert.deepEqual(during.scroll, start.scroll);
  assert.equal(during.active, start.active);
  assert.equal(during.globals, start.globals);
  const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => !window.__hostGlobals.includes(k) && k !== '__hostGlobals'));
  assert.deepEqual(added, ['Pith']);

  // The panel looks as designed whatever the host's CSS says.
  const view = await widgetView(page);
  assert.deepEqual(view.host, { display: 'block', position: 'fixed', inset: ['0px', '0px'], open: true });
  assert.match(view.panel.font, /^system-ui/);
  assert.equal(view.panel.color, 'rgb(27, 31, 36)');
  assert.equal(view.panel.bg, 'rgb(255, 255, 255)');
  assert.equal(view.panel.transform, 'none');
  assert.equal(view.panel.spacing, 'normal');
  assert.equal(view.panel.align, 'left');
  assert.equal(view.panel.display, 'flex');
  assert.equal(view.panel.width, 400);
  assert.equal(view.panel.right, 1200);
  assert.equal(view.panel.top, 0);
  assert.equal(view.panel.titleSize, '15px');
  assert.match(view.summary, /blocks in the article · \d+ words/);

  // Marks sit over the live nodes of their blocks, and the right blocks got the right labels.
  const boxes = await boxesOverBlocks(page);
  assert.ok(boxes.checked >= 8, `only ${boxes.checked} boxes drawn`);
  assert.deepEqual(boxes.off, []);
  const labels = await page.evaluate(() => {
    const r = window.Pith.result;
    const find = (sel) => {
      const el = document.querySelector(sel);
      const b = r.annotation.blocks.find((x) => r.element(x.id) === el);
      return b ? `${b.label}:${b.kind || b.role}` : 'none';
    };
    return { h1: find('h1'), news: find('.newsletter-box h3'), added: find('.added-by-script'), footer: find('.site-footer p') };
  });
  assert.equal(labels.h1, 'article:title');
  assert.equal(labels.news, 'boilerplate:newsletter');
  assert.notEqual(labels.added, 'none', 'the paragraph a script added is a block too');
  assert.equal(labels.footer, 'boilerplate:footer');
  await page.evaluate(() => window.scrollTo(0, 900));
  await page.waitForTimeout(150);
  const scrolled = await boxesOverBlocks(page);
  assert.ok(scrolled.checked >= 4);
  assert.deepEqual(scrolled.off, [], 'boxes follow the page when it scrolls');
  await page.evaluate(() => window.scrollTo(0, 120));

  // The editor's report lists every planted problem, pointing at the right elements.
  const found = await report(page);
  const codes = new Set(found.map((f) => f.code));
  for (const code of ['title-conflict', 'author-conflict', 'date-conflict', 'lang-missing', 'boilerplate-in-article', 'article-split', 'headings-order', 'img-no-alt', 'img-no-caption']) {
    assert.ok(codes.has(code), `report lacks ${code}: ${[...codes].join(', ')}`);
  }
  const roles = found.filter((f) => f.code === 'boilerplate-in-article').map((f) => f.role);
  assert.ok(roles.includes('newsletter') && roles.includes('ad'), `boilerplate in the article: ${roles}`);
  assert.ok(roles.includes('related') || roles.includes('teaser'), `related links in the article: ${roles}`);
  assert.deepEqual(found.find((f) => f.role === 'newsletter').targets, ['aside.newsletter-box']);
  assert.deepEqual(found.find((f) => f.code === 'headings-order').targets, ['h4']);
  // The third image without alt is in the part of the body Pith may leave out (the split).
  const noAlt = found.filter((f) => f.code === 'img-no-alt').map((f) => f.targets[0]);
  assert.ok(noAlt.includes('img.no-alt-1') && noAlt.includes('img.no-alt-2'), `images without alt: ${noAlt}`);
  assert.ok(noAlt.every((t) => /^img\.no-alt-[123]$/.test(t)), `images without alt: ${noAlt}`);
  assert.ok(found.filter((f) => f.code === 'img-no-caption').some((f) => f.targets[0] === 'img.no-alt-2'));
  assert.ok(found.find((f) => f.code === 'article-split').targets.includes('div.story-more'));
  assert.ok(found.find((f) => f.code === 'author-conflict').targets.includes('p.byline'));
  const shown = (await widgetView(page)).findings.map((f) => f.code);
  assert.deepEqual(shown, found.map((f) => f.code), 'the panel lists the same findings');

  // Closing restores the page exactly; the host's patches and listeners saw nothing change.
  await page.evaluate(() => window.Pith.clear());
  const end = await pageState(page);
  assert.deepEqual(end, start);
  assert.equal(await page.evaluate(() => [].toJSON()), 'array!', "the host's Array.prototype patch is untouched");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the panel by hand: hover says why, labels flip, findings point, the close button restores', async () => {
  const page = await open();
  const start = await pageState(page);
  await page.click('.launcher');
  await page.waitForSelector('.panel .finding');

  // Hover over the headline: the tooltip says what Pith made of it, and why.
  const h1 = await page.evaluate(() => {
    const r = document.querySelector('h1').getBoundingClientRect();
    return { x: r.left + 20, y: r.top + r.height / 2 };
  });
  await page.mouse.move(h1.x - 5, h1.y);
  await page.mouse.move(h1.x, h1.y);
  await page.waitForFunction(() => !document.querySelector('pith-widget').shadowRoot.querySelector('.tip').hidden);
  const tip = await page.evaluate(() => document.querySelector('pith-widget').shadowRoot.querySelector('.tip').textContent);
  assert.match(tip, /^Article · title · score \d\.\d\d · <h1>/);
  assert.match(tip, /Why: /);

  // The panel's annotation carries every block's HTML (not only the article's, the core's
  // default): a block flipped to article reads with its markup in the reader tab.
  assert.ok(await page.evaluate(() => window.Pith.result.annotation.blocks
    .some((b) => b.label === 'boilerplate' && typeof b.html === 'string')));

  // Flip the byline block (a label on the page), then back.
  const id = await page.evaluate(() => {
    const r = window.Pith.result;
    return r.annotation.blocks.find((b) => r.element(b.id) === document.querySelector('.story-body p')).id;
  });
  const words = () => page.evaluate(() => window.Pith.result.annotation.metadata.word_count);
  const w0 = await words();
  const flipped = page.evaluate(() => new Promise((resolve) => document.addEventListener('pith:change', (e) => resolve(e.detail.flips), { once: true })));
  await page.click(`.marks .box[data-id="${id}"] .tag`);
  assert.deepEqual(await flipped, [{ id, label: 'boilerplate', was: 'article' }]);
  assert.ok((await words()) < w0, 'word count follows the flip');
  assert.match(await page.getAttribute(`.marks .box[data-id="${id}"]`, 'class'), /\bbp\b.*\bcorrected\b/);
  // And back, from the Blocks tab with the keyboard.
  await page.click('.tabs [data-tab=blocks]');
  await page.focus(`.blocks li[data-id="${id}"]`);
  const back = page.evaluate(() => new Promise((resolve) => document.addEventListener('pith:change', (e) => resolve(e.detail.flips), { once: true })));
  await page.keyboard.press('Enter');
  assert.deepEqual(await back, []);
  assert.equal(await words(), w0);

  // A finding points at its element: "Show" outlines the <h4>.
  await page.click('.tabs [data-tab=report]');
  await page.waitForFunction(() => !document.querySelector('pith-widget').shadowRoot.querySelector('.marks .flash'), null, { timeout: 5000 });
  await page.click('.finding[data-code="headings-order"] .targets button');
  await page.waitForSelector('.marks .flash');
  const flash = await page.evaluate(() => {
    const f = document.querySelector('pith-widget').shadowRoot.querySelector('.marks .flash').getBoundingClientRect();
    const h = document.querySelector('h4').getBoundingClientRect();
    return [f.left - h.left, f.top - h.top, f.width - h.width, f.height - h.height].map((d) => Math.abs(Math.round(d)));
  });
  assert.deepEqual(flash, [0, 0, 0, 0]);

  // The other tabs render: metadata with its sources, the reader view.
  await page.click('.tabs [data-tab=meta]');
  const meta = await page.textContent('.md');
  assert.match(meta, /json-ld\s*Maria Keller/);
  assert.match(meta, /byline\s*By Jonas Weber/);
  await page.click('.tabs [data-tab=reader]');
  await page.waitForSelector('.reader h1, .reader .rb');
  assert.match(await page.textContent('.reader'), /Six turbines the size of delivery vans/);

  // The close button: the page is as it was, bar focus, which the person moved to the launcher.
  await page.click('.panel .head button[aria-label^="Close"]');
  const end = await pageState(page);
  assert.equal(end.html, start.html);
  assert.deepEqual(end.scroll, start.scroll);
  assert.equal(end.globals, start.globals);
  assert.ok(await page.isVisible('.launcher'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('closing while it works: no message, no error, the page as it was', async () => {
  const page = await open();
  const start = await pageState(page);
  // Close at three moments: while the code loads, while the page is read, while Pith annotates.
  for (const when of ['loading', 'Reading the page…', 'Annotating…']) {
    const out = await page.evaluate(async (moment) => {
      let errorEvent = false;
      document.addEventListener('pith:error', () => { errorEvent = true; }, { once: true });
      const run = window.Pith.annotate().then(() => 'finished', (e) => `rejected: ${e.name}`);
      if (moment === 'loading') {
        window.Pith.clear();
      } else {
        // Close as soon as the panel's status says so (a mutation callback: the same moment).
        const sr = document.querySelector('pith-widget').shadowRoot;
        await new Promise((resolve, reject) => {
          const mo = new MutationObserver(() => {
            if (sr.querySelector('.panel .status')?.textContent === moment) {
              mo.disconnect();
              window.Pith.clear();
              resolve();
            }
          });
          mo.observe(sr, { subtree: true, childList: true, characterData: true });
          setTimeout(() => reject(new Error(`never saw “${moment}”`)), 20_000);
        });
      }
      const outcome = await run;
      await new Promise((r) => setTimeout(r, 200));
      const sr = document.querySelector('pith-widget').shadowRoot;
      return { outcome, errorEvent, msg: !sr.querySelector('.msg').hidden, panel: !!sr.querySelector('.panel'), marks: !!sr.querySelector('.marks') };
    }, when);
    assert.deepEqual(out, { outcome: 'rejected: AbortError', errorEvent: false, msg: false, panel: false, marks: false }, when);
    assert.deepEqual(await pageState(page), start, when);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('keyboard: Enter on the launcher lands in the panel; closing returns to the launcher', async () => {
  const page = await open();
  await page.focus('.launcher');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.panel .finding');
  const inPanel = () => page.evaluate(() => {
    const a = document.querySelector('pith-widget').shadowRoot.activeElement;
    return a ? `${a.localName}${a.dataset.tab ? `[${a.dataset.tab}]` : ''}${a.className ? `.${a.className}` : ''}` : null;
  });
  // The panel is drawn a moment before focus moves into it: wait for the move, then check where.
  await page.waitForFunction(() => document.querySelector('pith-widget').shadowRoot.activeElement?.dataset.tab, null, { timeout: 5000 }).catch(() => {});
  assert.equal(await inPanel(), 'button[report]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await inPanel(), 'button[meta]');
  await page.focus('.panel .head button[aria-label^="Close"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('pith-widget').shadowRoot.querySelector('.panel'), null, { timeout: 5000 }).catch(() => {});
  assert.equal(await inPanel(), 'button.launcher');
  await page.close();
});

test('data-pith-auto and data-pith-root: a CMS preview annotates its article on load', async () => {
  const page = await newPage(browser, server);
  await page.addInitScript(() => {
    window.__done = new Promise((resolve) => document.addEventListener('pith:done', (e) => resolve(e.detail), { once: true }));
  });
  await page.goto(`${server.url}${FIX}widget-auto.html`);
  const out = await page.evaluate(async () => {
    const r = await window.__done;
    const article = document.querySelector('article');
    return {
      total: r.total,
      exact: r.exact,
      outside: r.annotation.blocks.filter((b) => !article.contains(r.element(b.id))).map((b) => b.text.slice(0, 30)),
      title: r.annotation.blocks.find((b) => r.element(b.id) === article.querySelector('h1'))?.label,
    };
  });
  assert.ok(out.total >= 5);
  assert.equal(out.exact, out.total);
  assert.deepEqual(out.outside, [], 'only the root is analysed');
  assert.equal(out.title, 'article');
  assert.ok(await page.isVisible('.panel'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('strict CSP: the same panel and report, and no CSP violation', async () => {
  const page = await open(STRICT);
  const done = page.evaluate(() => new Promise((resolve) => document.addEventListener('pith:done', () => resolve(), { once: true })));
  await page.click('.launcher');
  await done; // dispatched once the marks are drawn
  const view = await widgetView(page);
  assert.match(view.panel.font, /^system-ui/);
  assert.equal(view.panel.width, 400);
  const codes = new Set((await report(page)).map((f) => f.code));
  for (const code of ['title-conflict', 'lang-missing', 'boilerplate-in-article', 'headings-order', 'img-no-alt']) assert.ok(codes.has(code), code);
  const boxes = await boxesOverBlocks(page);
  assert.ok(boxes.checked >= 8);
  assert.deepEqual(boxes.off, []);
  assert.equal(await page.evaluate(() => window.__events.securitypolicyviolation || 0), 0, 'the widget triggered CSP violations');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a CSP that refuses WebAssembly: a clear message, not silence', async () => {
  const page = await newPage(browser, server);
  // The page and every file (the worker too) under a CSP without 'wasm-unsafe-eval'.
  await page.route(`${server.url}/**`, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': NO_WASM } });
  });
  await page.goto(`${server.url}${EDITORIAL}`);
  await page.waitForFunction(() => !!window.Pith);
  const error = page.evaluate(() => new Promise((resolve) => document.addEventListener('pith:error', (e) => resolve(e.detail), { once: true })));
  await page.click('.launcher');
  const detail = await error;
  assert.ok(detail.csp, `expected a CSP error, got ${detail.message}`);
  await page.waitForSelector('.msg:not([hidden])');
  const text = await page.textContent('.msg');
  assert.match(text, /Content-Security-Policy/);
  assert.match(text, /Open in Pith/);
  assert.ok(await page.isVisible('.launcher'), 'the launcher stays');
  assert.equal(await page.evaluate(() => !!document.querySelector('pith-widget').shadowRoot.querySelector('.panel')), false);
  await page.close();
});

test('Trusted Types: works where the page allows the pith-widget policy, says so where not', async () => {
  const allowed = await open("require-trusted-types-for 'script'; trusted-types pith-widget");
  const r = await allowed.evaluate(async () => {
    const res = await window.Pith.annotate();
    return { total: res.total, exact: res.exact, oracle: res.page.oracle };
  });
  assert.equal(r.exact, r.total);
  assert.ok(r.oracle, 'the skeleton was parsed through the policy');
  await allowed.close();

  const refused = await open("require-trusted-types-for 'script'; trusted-types 'none'");
  const err = await refused.evaluate(() => window.Pith.annotate().then(() => null, (e) => e.csp));
  assert.equal(err, 'require-trusted-types-for');
  assert.match(await refused.textContent('.msg'), /Content-Security-Policy \(require-trusted-types-for\)/);
  await refused.close();
});

test('a big page: every block mapped, no main-thread task over 50 ms of CPU', async () => {
  const page = await newPage(browser, server);
  await page.goto(`${server.url}/big.html`);
  await page.waitForFunction(() => !!window.Pith && document.readyState === 'complete');
  await page.waitForTimeout(300);
  const [summary, tasks] = await traceMainThread(page, async () => {
    const s = await page.evaluate(async () => {
      const r = await window.Pith.annotate();
      return { total: r.total, exact: r.exact, placed: r.placed, timings: r.timings, bytes: r.page.bytes };
    });
    await page.waitForTimeout(600); // the first redraws of the marks
    return s;
  });
  assert.ok(summary.total > 1500, `${summary.total} blocks`);
  assert.equal(summary.placed, summary.total);
  assert.equal(summary.exact, summary.total);
  const worst = tasks.reduce((m, t) => (t.cpu > m.cpu ? t : m), { cpu: 0, wall: 0 });
  console.log(`# big page: ${summary.bytes} bytes, ${summary.total} blocks, ${JSON.stringify(summary.timings)} ms; ` +
    `longest main-thread task ${worst.cpu.toFixed(1)} ms CPU (${worst.wall.toFixed(1)} ms wall) of ${tasks.length}`);
  assert.ok(worst.cpu <= 50, `a main-thread task took ${worst.cpu.toFixed(1)} ms of CPU`);
  await page.close();
});
