// Bytes to text, in the browser. The wasm carries no legacy encoding tables (to stay small),
// so the page decodes files and fetched pages here with TextDecoder, which knows them all, and
// hands the core a string. Order, as HTML does it: a byte-order mark wins, then the
// transport's charset (HTTP Content-Type, for fetched pages), then a <meta charset> in the
// first 1024 bytes, then UTF-8.

const GZIP_MAGIC = [0x1f, 0x8b];

/** Whether `bytes` start with gzip's magic number (checked instead of trusting ".gz"). */
export function isGzip(bytes) {
  return bytes.length > 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Gunzips with the browser's own DecompressionStream (no decompressor in the wasm). */
export async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** What a non-text file is, from its first bytes; null when it may be text. */
export function sniffBinary(bytes) {
  const starts = (...sig) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive (or an office document)';
  if (starts(0x52, 0x49, 0x46, 0x46)) return 'a media file';
  if (bom(bytes)) return null;
  // Text has no NUL bytes; UTF-16 without a BOM is too rare on the web to guess at.
  const head = bytes.subarray(0, 1024);
  return head.includes(0) ? 'binary data' : null;
}

function bom(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset named by a `<meta charset>` or `http-equiv` tag in the first 1024 bytes. */
export function sniffMetaCharset(bytes) {
  // latin1 maps each byte to one char, so offsets and ASCII survive whatever the encoding.
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const re = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/gi;
  const m = re.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(value) {
  const m = /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(value || '');
  return m ? m[1].toLowerCase() : null;
}

function decoderFor(label) {
  if (!label) return null;
  try {
    const d = new TextDecoder(label);
    // A page that declares UTF-16 in ASCII-compatible bytes is mistaken; HTML reads UTF-8.
    return d.encoding.startsWith('utf-16') ? new TextDecoder('utf-8') : d;
  } catch {
    return null; // unknown label
  }
}

/**
 * Decodes a page's bytes. `transportCharset` is the HTTP charset, if any.
 * Returns { text, encoding, source, utf8 } where source says which rule chose the encoding and
 * utf8 is `bytes` itself when that encoding is UTF-8 (else null): the worker hands those to the
 * wasm as they are (annotateBytes), one plain copy, where the text would be transcoded from
 * UTF-16 on the way in (~7% of an annotate() in Chromium).
 */
export function decodeBytes(bytes, transportCharset = null) {
  const decoded = (d, source) => ({
    // TextDecoder drops a BOM itself (ignoreBOM is false by default); so does annotateBytes.
    text: d.decode(bytes), encoding: d.encoding, source, utf8: d.encoding === 'utf-8' ? bytes : null,
  });
  const b = bom(bytes);
  if (b) return decoded(new TextDecoder(b), 'byte-order mark');
  for (const [label, source] of [
    [transportCharset, 'HTTP header'],
    [sniffMetaCharset(bytes), '<meta charset>'],
  ]) {
    const d = decoderFor(label);
    if (d) return decoded(d, source);
  }
  return decoded(new TextDecoder('utf-8'), 'default');
}

/** A file (or fetched body) as text: gunzipped when gzip, refused when not text. */
export async function bytesToText(bytes, transportCharset = null) {
  let data = bytes;
  if (isGzip(data)) data = await gunzip(data);
  const binary = sniffBinary(data);
  if (binary) throw new Error(`This looks like ${binary}, not a web page or text.`);
  return decodeBytes(data, transportCharset);
}
