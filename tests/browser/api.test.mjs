// The wasm API itself (www/pkg/pith.js and, for render, www/pkg/pith_render.js, in Chromium):
// annotate, render, version, and errors as JS Errors carrying the library's message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, FIXTURES } from './helpers.mjs';

let server;
let browser;
let page;
before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(server.url);
  await page.evaluate(async () => {
    const html = await import('./pkg/pith.js');
    await html.default();
    const text = await import('./pkg/pith_text.js');
    await text.default();
    const renderer = await import('./pkg/pith_render.js');
    await renderer.default();
    window.modules = { html, text };
    // One object, as the API reads: the HTML module's annotate leaves pasted text to pith_text's.
    window.pith = {
      version: html.version,
      annotate: (input, options) => html.annotate(input, options) ?? text.annotate(input, options),
      render: renderer.render,
    };
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const story = fs.readFileSync(path.join(FIXTURES, 'story.html'), 'utf8');

test('version() is the crate version', async () => {
  assert.match(await page.evaluate(() => window.pith.version()), /^\d+\.\d+\.\d+/);
});

test('annotate() returns a plain object in the JSON schema; options are honoured', async () => {
  const r = await page.evaluate((html) => {
    const a = window.pith.annotate(html, {});
    const asText = window.pith.annotate(html, { input: 'text' });
    const noHtml = window.pith.annotate(html, { blockHtml: false });
    const allHtml = window.pith.annotate(html, { blockHtml: 'all' });
    const none = window.pith.annotate(html); // options may be left out
    let bad = null;
    try { window.pith.annotate(html, { blockHtml: 'some' }); } catch (e) { bad = e.message; }
    const withHtml = (x) => x.blocks.filter((b) => typeof b.html === 'string').map((b) => b.label);
    return {
      schema: a.schema, input: a.input, proto: Object.getPrototypeOf(a.metadata.sources) === Object.prototype,
      blocks: a.blocks.length, forced: asText.input, html: noHtml.blocks.some((b) => 'html' in b),
      same: JSON.stringify(none) === JSON.stringify(a),
      // By default only the article blocks carry their HTML; 'all' (or true) gives every block's.
      defaultHtml: [...new Set(withHtml(a))], articles: a.blocks.filter((b) => b.label === 'article').length,
      defaultCount: withHtml(a).length, allCount: withHtml(allHtml).length, bad,
    };
  }, story);
  assert.equal(r.schema, 'pith.annotation/1');
  assert.equal(r.input, 'html');
  assert.ok(r.proto, 'maps are plain objects');
  assert.ok(r.blocks > 5);
  assert.equal(r.forced, 'text');
  assert.equal(r.html, false);
  assert.ok(r.same);
  assert.deepEqual(r.defaultHtml, ['article']);
  assert.equal(r.defaultCount, r.articles);
  assert.equal(r.allCount, r.blocks);
  assert.match(r.bad, /bad options: blockHtml must be "article", "all" \(or true\) or "none" \(or false\)/);
});

test('the HTML module leaves pasted text to pith_text, and pith_text leaves HTML to it', async () => {
  const r = await page.evaluate((html) => {
    const { html: h, text: t } = window.modules;
    const pasted = 'A pasted note\n\nIt has a few lines of plain text, copied from a page, and no markup at all.';
    return {
      htmlOfPasted: h.annotate(pasted, {}), htmlForced: h.annotate(html, { input: 'text' }),
      textOfHtml: t.annotate(html, {}), textForced: t.annotate(pasted, { input: 'html' }),
      pasted: t.annotate(pasted, {})?.input, forced: t.annotate(html, { input: 'text' })?.input,
      html: h.annotate(html, {})?.input,
      // Options are checked before either module decides the input is not its kind.
      error: (() => { try { h.annotate(pasted, { input: 'pdf' }); return null; } catch (e) { return e.message; } })(),
    };
  }, story);
  assert.deepEqual(r, {
    htmlOfPasted: undefined, htmlForced: undefined, textOfHtml: undefined, textForced: undefined,
    pasted: 'text', forced: 'text', html: 'html', error: "unknown input mode 'pdf': use auto, html or text",
  });
});

test('annotateBytes() of UTF-8 bytes is annotate() of the text TextDecoder makes of them; decode.js hands only UTF-8 over as bytes', async () => {
  const r = await page.evaluate(async (html) => {
    const { html: h } = window.modules;
    const { decodeBytes } = await import('./decode.js');
    const utf8 = new TextEncoder().encode(html.replace('<p>', '<p>Grüße, ¿qué tal? 東京 🙂 '));
    // A byte-order mark, and a byte that is not UTF-8 (U+FFFD, as TextDecoder makes it).
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8.subarray(0, 400), 0xff, ...utf8.subarray(400)]);
    const text = new TextDecoder().decode(bytes);
    const latin = new TextEncoder().encode('<meta charset="windows-1252"><p>caf\u00e9</p>');
    return {
      same: JSON.stringify(h.annotateBytes(bytes, {})) === JSON.stringify(h.annotate(text, {})),
      replaced: text.includes('\ufffd'),
      pasted: h.annotateBytes(new TextEncoder().encode('A pasted note\n\nIt has a few lines of plain text and no markup at all.'), {}),
      utf8: decodeBytes(bytes).utf8 === bytes,
      legacy: decodeBytes(latin).utf8,
    };
  }, story);
  assert.deepEqual(r, { same: true, replaced: true, pasted: undefined, utf8: true, legacy: null });
});

// The glue copies a string into the wasm through the JS String Builtins
// (src/wasm_string_copy.wat), not TextEncoder.encodeInto: it must write the bytes TextEncoder
// makes (lone surrogates as U+FFFD), at every length around its four-units-at-a-time steps, and
// fall back to encodeInto where the builtins are missing.
async function stringCopyRun(withoutBuiltins) {
  const p = await browser.context.newPage();
  try {
    await p.goto(server.url);
    return await p.evaluate(async (withoutBuiltins) => {
      const encodeInto = TextEncoder.prototype.encodeInto;
      let encodeIntoCalls = 0;
      TextEncoder.prototype.encodeInto = function (...args) {
        encodeIntoCalls++;
        return encodeInto.apply(this, args);
      };
      if (withoutBuiltins) {
        const Module = WebAssembly.Module;
        WebAssembly.Module = function (bytes, options) {
          if (options?.builtins) throw new WebAssembly.CompileError('no JS String Builtins here');
          return new Module(bytes, options);
        };
      }
      const html = await import('./pkg/pith.js');
      await html.default();
      const text = await import('./pkg/pith_text.js');
      await text.default();
      encodeIntoCalls = 0;
      const pieces = ['a', 'é', '€', '\u{1f642}', '\ud800', '\udc00', '\ud800\ud800', '\udc00\ud800', 'x\ud83d'];
      const inputs = [];
      for (const piece of pieces) {
        for (let n = 0; n < 10; n++) inputs.push('<p>' + 'a'.repeat(n) + piece + 'b'.repeat(9 - n) + '</p>');
      }
      // Random UTF-16 units, surrogates and all: 200 strings, short to 1,000 units.
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let k = 0; k < 200; k++) {
        const units = Array.from({ length: Math.floor(random() * 1000) }, () =>
          random() < 0.7 ? 32 + Math.floor(random() * 95) : Math.floor(random() * 65536));
        inputs.push('<p>' + String.fromCharCode(...units) + '</p>');
      }
      const same = (s) =>
        JSON.stringify(html.annotate(s, { input: 'html', blockHtml: 'all' })) ===
        JSON.stringify(html.annotateBytes(new TextEncoder().encode(s), { input: 'html', blockHtml: 'all' }));
      const mismatches = inputs.filter((s) => !same(s)).length;
      const replaced = html.annotate('<p>x\ud800y</p>', { input: 'html' }).blocks.map((b) => b.text).join();
      const calls = encodeIntoCalls;
      const pasted = text.annotate('A pasted note, caf\u00e9 \u{1f642}\n\nIt has a few lines of plain text.', {});
      return { mismatches, replaced, annotateCalls: calls, textCalls: encodeIntoCalls - calls, pasted: pasted.blocks.map((b) => b.text) };
    }, withoutBuiltins);
  } finally {
    await p.close();
  }
}

test('strings go into the wasm through the JS String Builtins, as the bytes TextEncoder makes', async () => {
  const r = await stringCopyRun(false);
  const pasted = ['A pasted note, caf\u00e9 \u{1f642}', 'It has a few lines of plain text.'];
  assert.deepEqual(r, { mismatches: 0, replaced: 'x\ufffdy', annotateCalls: 0, textCalls: 0, pasted });
  // Where the builtins are missing, the glue falls back to TextEncoder.encodeInto.
  const fallback = await stringCopyRun(true);
  assert.equal(fallback.mismatches, 0);
  assert.equal(fallback.replaced, 'x\ufffdy');
  assert.ok(fallback.annotateCalls > 290, `encodeInto calls: ${fallback.annotateCalls}`);
  assert.ok(fallback.textCalls > 0);
  assert.deepEqual(fallback.pasted, pasted);
});

test('render() re-assembles a corrected annotation before rendering', async () => {
  const r = await page.evaluate((html) => {
    const a = window.pith.annotate(html, {});
    const related = a.blocks.find((b) => b.text.includes('Harbour wall repairs'));
    const before = window.pith.render(a, 'text');
    related.label = 'article';
    related.kind = 'list';
    delete related.role;
    const after = window.pith.render(a, 'text');
    const json = JSON.parse(window.pith.render(a, 'json'));
    return {
      before: before.includes('Harbour wall repairs'), after: after.includes('Harbour wall repairs'),
      inSections: json.sections.some((s) => s.blocks.includes(related.id)),
      md: window.pith.render(a, 'markdown').includes('The night ferry'),
      html: /<article>/.test(window.pith.render(a, 'html')),
    };
  }, story);
  assert.deepEqual(r, { before: false, after: true, inSections: true, md: true, html: true });
});

test('errors are JS Errors with the library’s message', async () => {
  const errors = await page.evaluate((html) => {
    const catchIt = (f) => {
      try { f(); return null; } catch (e) { return `${e instanceof Error}: ${e.message}`; }
    };
    const a = window.pith.annotate(html, {});
    return [
      catchIt(() => window.pith.annotate(html, { maxBytes: 100 })),
      catchIt(() => window.pith.annotate(html, { input: 'pdf' })),
      catchIt(() => window.pith.render(a, 'docx')),
      catchIt(() => window.pith.render({ schema: 'other/1' }, 'text')),
      catchIt(() => window.pith.render({ ...a, schema: 'pith.annotation/9' }, 'text')),
      catchIt(() => window.pith.render({ ...a, blocks: a.blocks.slice(1) }, 'text')),
    ];
  }, story);
  assert.match(errors[0], /^true: input is \d+ bytes, over the limit of 100 bytes/);
  assert.match(errors[1], /^true: unknown input mode 'pdf'/);
  assert.match(errors[2], /^true: unknown format 'docx'/);
  assert.match(errors[3], /^true: not a Pith annotation: /);
  assert.match(errors[4], /^true: not a Pith annotation: schema is 'pith.annotation\/9'/);
  assert.match(errors[5], /^true: not a Pith annotation: block 0 has id 1/);
  // And the module still works after all of them.
  assert.ok(await page.evaluate((html) => window.pith.annotate(html, {}).blocks.length > 0, story));
});
