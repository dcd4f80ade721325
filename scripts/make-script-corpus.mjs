#!/usr/bin/env node
// wcxb-dev in another script: how much of Pith's reading hangs on English words?
//
//   node scripts/make-script-corpus.mjs cyrillic|cjk [BENCH_DIR] [OUT_DIR]
//   target/release/pith bench .cache/script/cyrillic     # then compare with ../shared/bench/wcxb-dev
//
// Writes a copy of the wcxb-dev layout (html/<id>.html.gz, ground-truth/<id>.json, pages.json)
// whose visible text is rewritten, the same way in the pages and in their truths (main content,
// `with` and `without` snippets), so the scores stay comparable:
//   cyrillic  every Latin letter becomes a Cyrillic one (a -> а, b -> б...), case kept: the same
//             words, lengths and punctuation in another alphabet, so any drop in the scores comes
//             from English words the heuristics read (month names, "By", "Related"...);
//   cjk       every Latin word becomes one to three Han characters (a word of English is one to
//             two characters in Chinese), spaces between them dropped and ". " / ", " turned into
//             "。" / "，": text written without spaces, as Chinese and Japanese are. The `\w+`
//             tokens of such text are whole clauses, so its scores fall for that reason alone;
//             compare block labels with the original's (`pith extract --format json`) to see
//             what the classifier does differently.
// Rewritten: text between tags (entities kept), <title>, the content/alt/title/aria-label
// attributes (so OpenGraph titles still match the headline), and the headline, name, description,
// articleBody and text strings of JSON-LD. Left alone: tag and attribute names, class and id,
// URLs, scripts and styles, and digits. Nothing from the benchmark is committed; OUT_DIR defaults
// to .cache/script/<mode>.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode, benchArg, outArg] = process.argv.slice(2);
if (mode !== 'cyrillic' && mode !== 'cjk') {
  console.error('usage: node scripts/make-script-corpus.mjs cyrillic|cjk [BENCH_DIR] [OUT_DIR]');
  process.exit(2);
}
const src = benchArg || path.join(ROOT, '../shared/bench/wcxb-dev');
const out = outArg || path.join(ROOT, '.cache/script', mode);
if (!fs.existsSync(path.join(src, 'html'))) {
  console.error(`no wcxb-dev layout at ${src} (html/, ground-truth/)`);
  process.exit(2);
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const CYRILLIC = 'абцдефгхийклмнопкрстужвхыз';
const cyr = new Map();
for (let i = 0; i < 26; i++) {
  cyr.set(LATIN[i], CYRILLIC[i]);
  cyr.set(LATIN[i].toUpperCase(), CYRILLIC[i].toUpperCase());
}
/** One to three Han characters for a word, the same for the same word (case aside). */
function hanWord(word) {
  const w = word.toLowerCase();
  const n = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
  const h = crypto.createHash('sha1').update(w).digest();
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + ((h[2 * i] << 8) | h[2 * i + 1]) % 8000);
  return s;
}
/** Rewrites text. `html`: whitespace of any kind next to Han goes (HTML collapses it anyway); in
 * truths only spaces and tabs do, so that their line breaks still part paragraphs. */
function rewrite(text, html) {
  if (mode === 'cyrillic') return text.replace(/[A-Za-z]/g, (c) => cyr.get(c));
  let s = text.replace(/[A-Za-z]+/g, hanWord).replace(/\. /g, '。').replace(/, /g, '，');
  const ws = html ? '\\s+' : '[ \\t]+';
  s = s.replace(new RegExp(`(?<=[\\u4e00-\\u9fff])${ws}(?=[\\u4e00-\\u9fff])`, 'g'), '');
  if (html) s = s.replace(/^\s+(?=[\u4e00-\u9fff])/, '').replace(/(?<=[\u4e00-\u9fff])\s+$/, '');
  return s;
}
const ENTITY = /(&#?\w+;)/;
const rewriteHtmlText = (t) => t.split(ENTITY).map((p, i) => (i % 2 ? p : rewrite(p, true))).join('');

const JSONLD_KEYS = new Set(['headline', 'name', 'description', 'articleBody', 'alternativeHeadline', 'text']);
function rewriteJson(x, key) {
  if (Array.isArray(x)) return x.map((v) => rewriteJson(v, key));
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rewriteJson(v, k)]));
  return typeof x === 'string' && JSONLD_KEYS.has(key) ? rewriteHtmlText(x) : x;
}
const ATTR = /(\s(?:content|alt|title|aria-label)\s*=\s*)("[^"]*"|'[^']*')/gi;
const KEEP_META = /(?:property|name)\s*=\s*["']?(?:og:url|twitter:url|og:image|twitter:image|viewport|robots|generator|theme|og:type)/i;
function rewriteTag(tag) {
  const head = tag.slice(0, 8).toLowerCase();
  if (head.startsWith('<script')) {
    if (!/ld\+json/i.test(tag.slice(0, 200))) return tag;
    const m = /^(<script[^>]*>)([\s\S]*)(<\/script\s*>)$/i.exec(tag);
    try {
      return m[1] + JSON.stringify(rewriteJson(JSON.parse(m[2]))).replace(/<\//g, '<\\/') + m[3];
    } catch {
      return tag;
    }
  }
  if (head.startsWith('<style') || tag.startsWith('<!--')) return tag;
  if (head.startsWith('<meta') && KEEP_META.test(tag)) return tag;
  return tag.replace(ATTR, (_, a, v) => a + rewriteHtmlText(v));
}
const TOKEN = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<[^>]*>/gi;
function rewriteHtml(h) {
  let res = '';
  let pos = 0;
  for (const m of h.matchAll(TOKEN)) {
    res += rewriteHtmlText(h.slice(pos, m.index)) + rewriteTag(m[0]);
    pos = m.index + m[0].length;
  }
  return res + rewriteHtmlText(h.slice(pos));
}

fs.mkdirSync(path.join(out, 'html'), { recursive: true });
fs.mkdirSync(path.join(out, 'ground-truth'), { recursive: true });
if (fs.existsSync(path.join(src, 'pages.json'))) fs.copyFileSync(path.join(src, 'pages.json'), path.join(out, 'pages.json'));
let n = 0;
for (const f of fs.readdirSync(path.join(src, 'html')).filter((f) => f.endsWith('.html.gz')).sort()) {
  const id = f.slice(0, -'.html.gz'.length);
  // Read as UTF-8 (the wcxb-dev pages are; a page in a legacy charset would have its other
  // bytes replaced, and its truth compared as usual).
  const html = zlib.gunzipSync(fs.readFileSync(path.join(src, 'html', f))).toString('utf8');
  const rewritten = Buffer.from(rewriteHtml(html), 'utf8');
  fs.writeFileSync(path.join(out, 'html', f), zlib.gzipSync(rewritten, { level: 1 }));
  const truthFile = path.join(src, 'ground-truth', `${id}.json`);
  if (fs.existsSync(truthFile)) {
    const g = JSON.parse(fs.readFileSync(truthFile, 'utf8'));
    const gt = g.ground_truth || {};
    for (const k of ['main_content', 'title']) if (typeof gt[k] === 'string') gt[k] = rewrite(gt[k], false);
    for (const k of ['with', 'without']) if (Array.isArray(gt[k])) gt[k] = gt[k].map((s) => (typeof s === 'string' ? rewrite(s, false) : s));
    fs.writeFileSync(path.join(out, 'ground-truth', `${id}.json`), JSON.stringify(g));
  }
  n++;
}
console.error(`${n} pages rewritten (${mode}) into ${out}`);
