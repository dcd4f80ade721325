// The page, end to end in headless Chromium: paste, open a file (gzip, legacy charset), flip
// labels and watch the reader view and the exports follow, export and re-import corrections,
// right-to-left text, keyboard-only use at phone width, crash recovery, nothing typed lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, suite, openPith, settled, pageBlocks, FIXTURES, ROOT } from './helpers.mjs';

const env = suite('pith-page-test-');

const story = fs.readFileSync(path.join(FIXTURES, 'story.html'), 'utf8');

/** The regions of story.html a person would mark, by a snippet of their text. */
function assertStoryRegions(blocks) {
  const find = (snippet) => {
    const b = blocks.find((x) => x.text.includes(snippet));
    assert.ok(b, `no block containing "${snippet}"`);
    return b;
  };
  assert.equal(find('News\nIslands').label, 'boilerplate', 'site navigation');
  assert.equal(find('News\nIslands').badge, 'nav');
  const title = find('The night ferry that still carries the post');
  assert.equal(title.label, 'article');
  assert.match(title.badge, /^(title|heading)$/);
  for (const s of ['Every night at a quarter to eleven', 'The islands have had a daily flight', 'The operator’s contract runs']) {
    const b = find(s);
    assert.equal(b.label, 'article', s);
    assert.equal(b.badge, 'paragraph', s);
  }
  assert.equal(find('lifeline').badge, 'quote');
  assert.equal(find('Harbour wall repairs').label, 'boilerplate', 'related links');
  assert.equal(find('© Harbour Weekly').label, 'boilerplate', 'footer');
}

test('pasting a page’s HTML shows the article and boilerplate regions', async () => {
  const page = await openPith(env.browser.context, env.server);
  await page.fill('#paste', story);
  await page.press('#paste', 'Control+Enter');
  assert.equal(await settled(page), 'done');
  assertStoryRegions(await pageBlocks(page));
  // Boilerplate is dimmed (class bp), article blocks carry their kind's class.
  assert.ok(await page.$('#blocks li.bp'));
  assert.ok(await page.$('#blocks li.art.k-paragraph'));
  assert.match(await page.textContent('#summary'), /blocks in the article · \d+ words/);
  // Hovering a block shows its score and reasons.
  await page.hover('#blocks li.art.k-paragraph');
  const why = await page.textContent('#why');
  assert.match(why, /score \d\.\d\d/);
  assert.match(why, /Reasons: /);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('opening a file: gzip and a legacy charset from <meta charset>, decoded in the browser', async () => {
  // windows-1251 bytes for a Cyrillic article: А..я are 0xC0..0xFF, Ё 0xA8, ё 0xB8.
  const cp1251 = (s) => Buffer.from([...s].map((c) => {
    const u = c.codePointAt(0);
    if (u < 0x80) return u;
    if (u >= 0x410 && u <= 0x44f) return u - 0x410 + 0xc0;
    if (u === 0x401) return 0xa8;
    if (u === 0x451) return 0xb8;
    if (u === 0xa0) return 0xa0;
    if (u === 0x2014) return 0x97;
    if (u === 0xab) return 0xab;
    if (u === 0xbb) return 0xbb;
    throw new Error(`no cp1251 for ${c}`);
  }));
  const para = 'Каждое утро паром уходит из гавани в половине седьмого и везёт почту, хлеб и газеты на дальние острова. Команда знает почти всех пассажиров по имени.';
  const html = `<!doctype html><html lang="ru"><head><meta charset="windows-1251"><title>Утренний паром</title></head><body>
    <nav><ul><li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li><li><a href="/sport">Спорт</a></li></ul></nav>
    <article><h1>Утренний паром</h1><p>${para}</p><p>${para}</p><p>${para}</p></article>
    <footer><p>Все права защищены</p></footer></body></html>`;
  const file = path.join(env.tmp, 'parom.html.gz');
  fs.writeFileSync(file, zlib.gzipSync(cp1251(html)));

  const page = await openPith(env.browser.context, env.server);
  await page.setInputFiles('#file', file);
  assert.equal(await settled(page), 'done');
  const blocks = await pageBlocks(page);
  const p = blocks.find((b) => b.text.startsWith('Каждое утро паром'));
  assert.ok(p, `decoded text not found in ${JSON.stringify(blocks.map((b) => b.text.slice(0, 30)))}`);
  assert.equal(p.text, para);
  await page.click('#tab-meta');
  assert.match(await page.textContent('#meta'), /windows-1251/);
  await page.close();
});

test('flipping a label updates the reader view and the exports; corrections round-trip', async () => {
  const page = await openPith(env.browser.context, env.server);
  const file = path.join(FIXTURES, 'story.html');
  await page.setInputFiles('#file', file);
  assert.equal(await settled(page), 'done');

  const related = '#blocks li:has-text("Harbour wall repairs")';
  const quote = '#blocks li:has-text("lifeline")';
  await page.click('#tab-reader');
  assert.doesNotMatch(await page.textContent('#reader'), /Harbour wall repairs/);
  assert.match(await page.textContent('#reader'), /lifeline/);
  await page.click('#tab-export');
  await page.selectOption('#format', 'markdown');
  await page.waitForFunction(() => !document.getElementById('export-preview').value.startsWith('Rendering'));
  const mdBefore = await page.inputValue('#export-preview');
  assert.match(mdBefore, /# The night ferry that still carries the post/);
  assert.doesNotMatch(mdBefore, /Harbour wall repairs/);

  // Flip two blocks: the related list into the article, the quote out of it.
  await page.click('#tab-page');
  await page.click(related);
  await page.click(quote);
  await settled(page);
  assert.match(await page.getAttribute(related, 'class'), /\bart\b.*corrected/);
  assert.match(await page.getAttribute(quote, 'class'), /\bbp\b.*corrected/);
  assert.match(await page.textContent('#summary'), /2 corrections/);

  await page.click('#tab-reader');
  await page.waitForFunction(() => document.getElementById('reader').textContent.includes('Harbour wall repairs'));
  assert.doesNotMatch(await page.textContent('#reader'), /lifeline/);
  // The annotation carried only the article blocks' HTML: the flipped list's comes from the
  // worker (every block's, asked for once), so its links show, not just its text.
  await page.waitForSelector('#reader li a:has-text("Harbour wall repairs")');

  await page.click('#tab-export');
  await page.waitForFunction(() => document.getElementById('export-preview').value.includes('Harbour wall repairs'));
  const md = await page.inputValue('#export-preview');
  assert.doesNotMatch(md, /lifeline/);
  assert.match(md, /\[Harbour wall repairs finish a month early\]\(/, 'the flipped list keeps its links');
  await page.selectOption('#format', 'text');
  await page.waitForFunction(() => /Harbour wall repairs/.test(document.getElementById('export-preview').value) && !document.getElementById('export-preview').value.startsWith('Rendering'));
  await page.selectOption('#format', 'html');
  await page.waitForFunction(() => /<article>/.test(document.getElementById('export-preview').value));
  assert.doesNotMatch(await page.inputValue('#export-preview'), /lifeline/);

  // Export the corrections (download), then undo them and load the file back.
  await page.selectOption('#format', 'json');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const saved = path.join(env.tmp, 'corrections.json');
  await download.saveAs(saved);
  const json = JSON.parse(fs.readFileSync(saved, 'utf8'));
  assert.equal(json.schema, 'pith.annotation/1');
  assert.equal(json.corrections.length, 2);
  assert.deepEqual(json.corrections.map((c) => c.label).sort(), ['article', 'boilerplate']);
  assert.match(json.input_sha256, /^[0-9a-f]{64}$/);
  const relatedBlock = json.blocks.find((b) => b.text.includes('Harbour wall repairs'));
  assert.equal(relatedBlock.label, 'article');
  assert.ok(json.sections.some((s) => s.blocks.includes(relatedBlock.id)), 'sections follow the labels');

  await page.click('#reset-corrections');
  await settled(page);
  assert.doesNotMatch(await page.getAttribute(related, 'class'), /corrected/);
  assert.doesNotMatch(await page.textContent('#summary'), /correction/);

  await page.setInputFiles('#corrections-file', saved);
  await page.waitForFunction(() => /2 corrections applied/.test(document.getElementById('corrections-status').textContent));
  await settled(page);
  assert.match(await page.getAttribute(related, 'class'), /\bart\b.*corrected/);
  assert.match(await page.getAttribute(quote, 'class'), /\bbp\b/);
  await page.click('#tab-reader');
  await page.waitForFunction(() => document.getElementById('reader').textContent.includes('Harbour wall repairs'));

  // Corrections also survive a reload of the same input (kept in sessionStorage).
  await page.reload();
  await page.waitForSelector('html[data-ready=true]');
  await page.setInputFiles('#file', file);
  assert.equal(await settled(page), 'done');
  assert.match(await page.textContent('#status-text'), /2 corrections applied/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('several articles on one page appear as sections in the reader view', async () => {
  const page = await openPith(env.browser.context, env.server);
  await page.setInputFiles('#file', path.join(FIXTURES, 'two-stories.html'));
  assert.equal(await settled(page), 'done');
  assert.match(await page.textContent('#summary'), /2 articles/);
  await page.click('#tab-reader');
  const sections = await page.$$eval('#reader section.r-sec', (ss) => ss.map((s) => [s.dataset.n, s.querySelector('h1, h2')?.textContent]));
  assert.deepEqual(sections, [
    ['Article 1 of 2', 'Bridge reopens after two years of repairs'],
    ['Article 2 of 2', 'School choir wins the regional festival'],
  ]);
  // Flipping the second story's paragraphs out leaves one article.
  await page.click('#tab-page');
  for (const s of ['The primary school choir', 'The choir rehearsed', 'The prize, a set']) await page.click(`#blocks li:has-text("${s}")`);
  await page.click('#blocks li:has-text("School choir wins")');
  await page.waitForFunction(() => !/articles/.test(document.getElementById('summary').textContent));
  await page.click('#tab-reader');
  assert.equal(await page.$$eval('#reader section.r-sec', (ss) => ss.length), 1);
  await page.close();
});

test('Copy puts the export on the clipboard', async () => {
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url.slice(0, -1) });
  const page = await openPith(env.browser.context, env.server);
  await page.setInputFiles('#file', path.join(FIXTURES, 'story.html'));
  assert.equal(await settled(page), 'done');
  await page.click('#tab-export');
  await page.selectOption('#format', 'text');
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy').textContent === 'Copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^The night ferry that still carries the post\n\nEvery night at a quarter to eleven/);
  await page.close();
});

test('right-to-left and mixed-direction text: dir per block', async () => {
  const page = await openPith(env.browser.context, env.server);
  await page.setInputFiles('#file', path.join(FIXTURES, 'rtl.html'));
  assert.equal(await settled(page), 'done');
  const blocks = await pageBlocks(page);
  const arabic = blocks.find((b) => b.text.startsWith('في زاوية صغيرة'));
  const english = blocks.find((b) => b.text.startsWith('One visitor from abroad'));
  assert.equal(arabic.dir, 'rtl');
  assert.equal(arabic.label, 'article');
  assert.equal(english.dir, 'ltr');
  assert.equal(blocks.find((b) => b.text.includes('الرئيسية')).label, 'boilerplate');
  // Arabic text is laid out from the right: the block's text ends near the right edge.
  const align = await page.$eval('#blocks li[dir=rtl] .txt', (t) => getComputedStyle(t).direction);
  assert.equal(align, 'rtl');
  await page.click('#tab-reader');
  const readerDirs = await page.$$eval('#reader .rb', (els) => els.map((e) => [e.dir, e.textContent.trim().slice(0, 12)]));
  assert.ok(readerDirs.some(([d, t]) => d === 'rtl' && t.startsWith('في زاوية')), JSON.stringify(readerDirs));
  assert.ok(readerDirs.some(([d, t]) => d === 'ltr' && t.startsWith('One visitor')));
  await page.close();
});

test('keyboard only, at 360 px wide: run the sample, move, flip, switch views', async () => {
  const page = await openPith(env.browser.context, env.server);
  await page.setViewportSize({ width: 360, height: 740 });
  // Nothing wider than the screen.
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok((await overflow()) <= 0, 'no horizontal scroll before');

  // Tab to "Try a sample page" and press Enter.
  let focused = '';
  for (let i = 0; i < 15 && focused !== 'sample-html'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert.equal(focused, 'sample-html');
  await page.keyboard.press('Enter');
  assert.equal(await settled(page), 'done');
  assert.ok((await overflow()) <= 0, 'no horizontal scroll with results');

  // Into the block list: one tab stop; arrows move; Space flips; focus shows the reasons.
  await page.focus('#blocks li[tabindex="0"]');
  const first = await page.evaluate(() => document.activeElement.dataset.id);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const id = await page.evaluate(() => document.activeElement.dataset.id);
  assert.equal(Number(id), Number(first) + 2);
  assert.equal(await page.isVisible('#why'), true);
  const label = () => page.$eval(`#blocks li[data-id="${id}"]`, (li) => (li.classList.contains('art') ? 'article' : 'boilerplate'));
  const before = await label();
  await page.keyboard.press(' ');
  assert.notEqual(await label(), before, 'Space flips');
  assert.match(await page.textContent('#why'), /Corrected by you/);
  await page.keyboard.press('Enter');
  assert.equal(await label(), before, 'Enter flips back');
  assert.doesNotMatch(await page.getAttribute(`#blocks li[data-id="${id}"]`, 'class'), /corrected/);

  // Tabs: arrow keys move between them.
  await page.focus('#tab-page');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-reader');
  assert.equal(await page.isVisible('#reader'), true);
  await page.waitForFunction(() => document.getElementById('reader').textContent.includes('A year of bees'));
  assert.ok((await overflow()) <= 0, 'no horizontal scroll in the reader');
  await page.close();
});

test('the paste box survives a reload; a panic-like crash restarts the worker', async () => {
  const page = await openPith(env.browser.context, env.server);
  await page.fill('#paste', '<p>kept</p>');
  await page.waitForTimeout(400); // saved after a short pause in typing
  await page.reload();
  await page.waitForSelector('html[data-ready=true]');
  assert.equal(await page.inputValue('#paste'), '<p>kept</p>');

  // The worker dies the way a panicking wasm does (a RuntimeError); the page carries on.
  const message = await page.evaluate(async () => {
    const { Engine } = await import('./engine.js');
    const engine = new Engine();
    await engine.load();
    let msg = '';
    try { await engine.call('crash'); } catch (e) { msg = `${e.name}: ${e.message}`; }
    const v = await engine.call('version');
    return `${msg} | after restart: ${v}`;
  });
  assert.match(message, /^Crashed: unreachable.* \| after restart: \d+\.\d+\.\d+/);
  await page.close();
});

test('a URL the site will not share says so plainly and points to the bookmarklet', async () => {
  const page = await openPith(env.browser.context, env.server);
  // Any cross-origin https fetch fails here (no network): the same TypeError as a CORS refusal.
  await page.fill('#url', 'https://refuses.invalid/story');
  await page.click('#fetch');
  assert.equal(await settled(page), 'error');
  assert.match(await page.textContent('#status-text'), /does not let other pages read it.*bookmarklet/);
  // Same-origin URLs (a static host's own files) are fetched and annotated.
  await page.fill('#url', `${env.server.url}samples/rooftop-bees.html`);
  await page.click('#fetch');
  assert.equal(await settled(page), 'done');
  assert.ok((await pageBlocks(page)).some((b) => b.text.includes('A year of bees')));
  const href = await page.getAttribute('#bookmarklet', 'href');
  assert.match(href, /^javascript:/);
  assert.ok(decodeURIComponent(href).includes(JSON.stringify(env.server.url)), 'the bookmarklet opens this page');
  await page.close();
});

test('the bookmarklet hands a page from another site to Pith', async () => {
  const other = await serve(FIXTURES); // another origin (port): the site being read
  try {
    const site = await env.browser.context.newPage();
    await site.goto(`${other.url}story.html`);
    const pith = await openPith(env.browser.context, env.server);
    const href = await pith.getAttribute('#bookmarklet', 'href');
    await pith.close();
    const code = decodeURIComponent(href.slice('javascript:'.length));
    // A bookmark click is a user gesture (pop-ups allowed): a click on the page stands in.
    await site.evaluate((c) => {
      const b = document.createElement('button');
      b.id = 'bookmark';
      b.textContent = 'bookmark';
      b.onclick = () => (0, eval)(c);
      document.body.prepend(b);
    }, code);
    const [popup] = await Promise.all([site.waitForEvent('popup'), site.click('#bookmark')]);
    await popup.waitForSelector('html[data-ready=true]');
    assert.equal(await settled(popup), 'done');
    assertStoryRegions(await pageBlocks(popup));
    await popup.close();
    await site.close();
  } finally {
    await other.close();
  }
});

test('pasted text is annotated by the text front end, downloaded on first use with a status saying so', async () => {
  // The text front end's wasm is held back a moment, so its loading state can be seen.
  const wasm = fs.readFileSync(path.join(ROOT, 'www/pkg/pith_text_bg.wasm'));
  const server = await serve(undefined, {
    '/pkg/pith_text_bg.wasm': (req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/wasm' }).end(wasm), 800),
  });
  try {
    const page = await openPith(env.browser.context, server);
    const textModule = (p) => p.startsWith('/pkg/pith_text');
    assert.deepEqual(server.requests.filter(textModule), [], 'not loaded with the page');
    // An HTML input needs none of it.
    await page.fill('#paste', story);
    await page.press('#paste', 'Control+Enter');
    assert.equal(await settled(page), 'done');
    assert.deepEqual(server.requests.filter(textModule), []);
    await page.click('#sample-text');
    await page.waitForFunction(() => /Loading Pith’s reader for pasted text, then annotating/.test(document.getElementById('status-text').textContent));
    assert.equal(await settled(page), 'done');
    assert.match(await page.textContent('#status-text'), /text input/);
    const blocks = await pageBlocks(page);
    assert.equal(blocks.find((b) => b.text.startsWith('Every summer for five years'))?.label, 'article');
    assert.equal(blocks.find((b) => b.text === 'Forums')?.label, 'boilerplate');
    // Loaded once: the next text input says nothing about loading.
    await page.fill('#paste', 'A second note\n\nPlain text again, a few words long, with no markup in it at all.');
    await page.press('#paste', 'Control+Enter');
    assert.equal(await settled(page), 'done');
    assert.deepEqual(server.requests.filter(textModule), ['/pkg/pith_text.js', '/pkg/pith_text_bg.wasm']);
    assert.deepEqual(page.errors, []);
    await page.close();
  } finally {
    await server.close();
  }
});

test('colour contrast is at least 4.5:1 for text, in light and dark mode', async () => {
  // WCAG relative luminance and contrast ratio of two #rrggbb colours.
  const lum = (hex) => {
    const [r, g, b] = hex.match(/[0-9a-f]{2}/gi).map((h) => {
      const c = parseInt(h, 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // Every text colour on every background it is drawn on.
  const pairs = [
    ['fg', 'bg'], ['fg', 'card'], ['muted', 'card'], ['muted', 'bg'], ['accent', 'card'], ['accent-fg', 'accent'],
    ['bp-fg', 'bp-bg'], ['bp-fg', 'bp-stripe'], ['bp-fg', 'bp-badge'], ['fg', 'art-bg'], ['error', 'card'],
    ['tip-fg', 'tip-bg'], ['corrected', 'art-bg'], ['muted', 'bp-bg'],
    ...['title', 'heading', 'paragraph', 'list', 'quote', 'table', 'code', 'figure', 'meta'].map((k) => [`k-${k}`, 'art-bg']),
  ];
  for (const scheme of ['light', 'dark']) {
    const page = await env.browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(env.server.url);
    const vars = await page.evaluate((names) => {
      const cs = getComputedStyle(document.documentElement);
      return Object.fromEntries(names.map((n) => [n, cs.getPropertyValue(`--${n}`).trim()]));
    }, [...new Set(pairs.flat())]);
    for (const [fg, bg] of pairs) {
      const r = ratio(vars[fg], vars[bg]);
      assert.ok(r >= 4.5, `${scheme}: --${fg} ${vars[fg]} on --${bg} ${vars[bg]} is ${r.toFixed(2)}:1`);
    }
    await page.close();
  }
});

test('www/ works from a sub-folder of any static host', async () => {
  // The repository root served as-is: the page lives at /www/, not at the site's root.
  const host = await serve(ROOT);
  try {
    const page = await env.browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${host.url}www/`);
    await page.waitForSelector('html[data-ready=true]');
    await page.click('#sample-html');
    assert.equal(await settled(page), 'done');
    assert.ok((await pageBlocks(page)).some((b) => b.label === 'article' && b.text.includes('A year of bees')));
    assert.ok(decodeURIComponent(await page.getAttribute('#bookmarklet', 'href')).includes(`${host.url}www/`));
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await host.close();
  }
});
