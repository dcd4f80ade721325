// The native side of the comparisons: builds tests/browser/native (the library with the wasm
// build's features, plus a tiny main) and decodes pages exactly as the page does.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './helpers.mjs';
import { decodeBytes } from '../../www/decode.js';

/** Builds the native tool (incremental: seconds when up to date). { ok, bin } or { ok: false, why }. */
export function nativeTool() {
  const manifest = path.join(ROOT, 'tests/browser/native/Cargo.toml');
  // A target dir of its own: a shared one (CARGO_TARGET_DIR) raced by other builds has given
  // LTO errors ("can't find section .llvmbc") and mismatched serde_core instances here.
  const targetDir = process.env.PITH_NATIVE_TARGET_DIR || path.join(ROOT, 'target/native-check');
  try {
    execFileSync('cargo', ['build', '--release', '--quiet', '--manifest-path', manifest, '--target-dir', targetDir], {
      stdio: ['ignore', 'ignore', 'pipe'], // the library's warnings are not this tool's business
    });
  } catch (e) {
    if (e.code === 'ENOENT') return { ok: false, why: 'cargo not found: no native build to compare with' };
    process.stderr.write(e.stderr || '');
    throw e;
  }
  const bin = path.join(targetDir, 'release', 'pith-native-check');
  if (!fs.existsSync(bin)) throw new Error(`built, but ${bin} is missing`);
  return { ok: true, bin };
}

/** A page's bytes to text the way www/decode.js does it in the browser. */
export function decodePage(bytes) {
  return decodeBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).text;
}
