//! The WebAssembly face of the library (wasm-bindgen, `--target web`), used by `www/`.
//!
//! Three functions, all owning their data across the boundary (no live handles into Rust):
//! - `annotate(input, options)` → the annotation as a plain JS object;
//! - `render(annotation, format)` → a string, after re-assembling the (possibly corrected)
//!   annotation, so the reader view and the exports follow a person's label flips;
//! - `version()`.
//!
//! `scripts/build-wasm.sh` builds three modules from this file, one feature each:
//! - `wasm-html` (`pkg/pith.js`: `annotate`, `version`), which the page loads at once: it reads
//!   HTML, and for an input that is pasted text (detected, or `input: "text"`) `annotate`
//!   returns `undefined`;
//! - `wasm-text` (`pkg/pith_text.js`: `annotate`, `version`), the pasted-text front end, which
//!   the worker loads the first time an input is text; its `annotate` returns `undefined` for
//!   HTML;
//! - `wasm-render` (`pkg/pith_render.js`: `render`, `version`), which the worker loads the first
//!   time a person flips a label or exports: the renderers and the annotation's deserialiser.
//!
//! So `html.annotate(input, options) ?? text.annotate(input, options)` is the library's
//! `annotate`. Split this way the page's download at load carries neither the text front end
//! nor the renderers. With no feature (a plain `cargo build --target wasm32-unknown-unknown`),
//! one module has all three functions and `annotate` reads both kinds.
//!
//! Errors become JS `Error`s carrying the library's message. A panic is a bug; the panic hook
//! writes its message to the console (the page's worker picks it up and restarts itself).

use crate::{Annotation, Error};
use wasm_bindgen::prelude::*;

/// Runs once, when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    // Turns a Rust panic into a readable console.error instead of a bare "unreachable".
    console_error_panic_hook::set_once();
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

/// `annotate`: the HTML front end, the text front end, or both (see the module comment).
#[cfg(any(
    feature = "wasm-html",
    feature = "wasm-text",
    not(feature = "wasm-render")
))]
mod annotator {
    use super::*;
    use crate::{BlockHtml, InputKind, InputMode, Options};

    const BLOCK_HTML_WANT: &str = "\"article\", \"all\" (or true) or \"none\" (or false)";

    #[wasm_bindgen]
    extern "C" {
        /// The options object JS passes in; every field is optional (`undefined` or `null`).
        /// Read field by field rather than through serde: the annotator carries no serde
        /// deserialiser for JS values (-3 KB gzipped).
        type JsOptions;
        /// `"auto"` (default), `"html"` or `"text"`.
        #[wasm_bindgen(method, getter, structural)]
        fn input(this: &JsOptions) -> JsValue;
        /// The page's URL, for resolving relative links.
        #[wasm_bindgen(method, getter, structural)]
        fn url(this: &JsOptions) -> JsValue;
        /// Which blocks carry their sanitised HTML: `"article"` (default), `"all"` (or `true`),
        /// `"none"` (or `false`).
        #[wasm_bindgen(method, getter, structural, js_name = blockHtml)]
        fn block_html(this: &JsOptions) -> JsValue;
        /// Refuse inputs larger than this many bytes (default: the library's).
        #[wasm_bindgen(method, getter, structural, js_name = maxBytes)]
        fn max_bytes(this: &JsOptions) -> JsValue;
    }

    /// A field of the options: `None` when absent (`undefined` or `null`), an error naming the
    /// field when it has the wrong type.
    fn field<T>(
        value: JsValue,
        name: &str,
        want: &str,
        get: impl Fn(&JsValue) -> Option<T>,
    ) -> Result<Option<T>, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        get(&value)
            .map(Some)
            .ok_or_else(|| JsError::new(&format!("bad options: {name} must be {want}")))
    }

    fn options_from_js(js: &JsOptions) -> Result<Options, JsError> {
        let mut options = Options::default();
        let input = field(js.input(), "input", "a string", JsValue::as_string)?;
        options.input = match input.as_deref() {
            None | Some("auto") | Some("") => InputMode::Auto,
            Some("html") => InputMode::Html,
            Some("text") => InputMode::Text,
            Some(other) => {
                return Err(JsError::new(&format!(
                    "unknown input mode '{other}': use auto, html or text"
                )))
            }
        };
        options.url = field(js.url(), "url", "a string", JsValue::as_string)?
            .filter(|u| !u.trim().is_empty());
        options.block_html = field(js.block_html(), "blockHtml", BLOCK_HTML_WANT, |v| {
            match (v.as_bool(), v.as_string().as_deref()) {
                (Some(true), _) | (_, Some("all")) => Some(BlockHtml::All),
                (Some(false), _) | (_, Some("none")) => Some(BlockHtml::None),
                (_, Some("article")) => Some(BlockHtml::Article),
                _ => None,
            }
        })?
        .unwrap_or_default();
        if let Some(m) = field(js.max_bytes(), "maxBytes", "a number", JsValue::as_f64)? {
            if m.is_finite() && m >= 0.0 {
                options.max_bytes = m as usize;
            }
        }
        Ok(options)
    }

    /// Annotates an HTML page or pasted text (auto-detected unless `options.input` says).
    ///
    /// Returns the annotation (schema `pith.annotation/1`) as a plain JS object: the same data
    /// the native library gives, with maps as plain objects; or `undefined` when the input is
    /// of the kind this module's build leaves to the other one (see the module comment).
    #[wasm_bindgen]
    pub fn annotate(input: &str, options: JsValue) -> Result<JsValue, JsError> {
        let options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            options_from_js(options.unchecked_ref())?
        };
        let mut annotation = match crate::input_kind(input, &options).map_err(to_js)? {
            #[cfg(any(feature = "wasm-html", not(feature = "wasm-text")))]
            InputKind::Html => crate::annotate_html(input, &options),
            #[cfg(any(feature = "wasm-text", not(feature = "wasm-html")))]
            InputKind::Text => crate::paste::annotate_text(input, &options),
            #[allow(unreachable_patterns)]
            _ => return Ok(JsValue::UNDEFINED),
        };
        crate::assemble(&mut annotation);
        to_object(&annotation)
    }

    /// `annotateBytes(bytes, options)`: `annotate` of a page's bytes that are UTF-8 (a UTF-8
    /// byte-order mark is skipped; invalid sequences become U+FFFD, as `TextDecoder` makes them).
    /// For a file or a fetched page the browser has as bytes: they go into the wasm as one plain
    /// copy, where a string is transcoded from UTF-16 on the way in (by `src/wasm_string_copy.wat`,
    /// or `TextEncoder.encodeInto` in a browser without the JS String Builtins).
    /// The caller decides the encoding (the page's `decode.js`: BOM, HTTP charset, `<meta
    /// charset>`) and sends bytes only when it is UTF-8. `undefined` when the input is pasted
    /// text, as for `annotate`.
    #[cfg(any(feature = "wasm-html", not(feature = "wasm-text")))]
    #[wasm_bindgen(js_name = annotateBytes)]
    pub fn annotate_bytes(input: &[u8], options: JsValue) -> Result<JsValue, JsError> {
        let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
        annotate(&String::from_utf8_lossy(input), options)
    }

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
        fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    }

    /// The annotation as a plain JS object. Built by `JSON.parse` of the library's own JSON
    /// rather than field by field with serde-wasm-bindgen's serializer: measured here, that is
    /// 1 KB smaller gzipped (serde_json's serializer is linked anyway, for `render(…, "json")`),
    /// no slower, and scores arrive as the native JSON has them (0.7, not the f32 widened to
    /// 0.699999988…), so the browser's object and the native JSON are equal value for value.
    /// Inputs come in through serde-wasm-bindgen: taking them as JSON text instead measured the
    /// same total size (wasm + glue) now that serde_json's parser is linked for JSON-LD.
    ///
    /// The JSON handed over is pure ASCII: every other character is written as a `\uXXXX`
    /// escape (a surrogate pair above U+FFFF), which `JSON.parse` turns back into the same
    /// string. The glue's `TextDecoder` takes ASCII a block at a time, where UTF-8 with any
    /// non-ASCII character is decoded to two-byte text: measured in node on scrapinghub's
    /// annotations, decode + `JSON.parse` 0.47 -> 0.30 ms per page for 5% more bytes.
    fn to_object(annotation: &Annotation) -> Result<JsValue, JsError> {
        let mut out = Vec::with_capacity(64 * 1024);
        let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter);
        serde::Serialize::serialize(annotation, &mut ser)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let text = String::from_utf8(out).map_err(|e| JsError::new(&e.to_string()))?;
        json_parse(&text).map_err(|_| JsError::new("cannot build the annotation object"))
    }

    /// serde_json's compact format with every non-ASCII character escaped (see [`to_object`]).
    struct AsciiFormatter;

    impl serde_json::ser::Formatter for AsciiFormatter {
        fn write_string_fragment<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            fragment: &str,
        ) -> std::io::Result<()> {
            // Most fragments are ASCII: `is_ascii` checks a word at a time.
            if fragment.is_ascii() {
                return writer.write_all(fragment.as_bytes());
            }
            let mut rest = fragment;
            while let Some(i) = rest.bytes().position(|b| !b.is_ascii()) {
                writer.write_all(&rest.as_bytes()[..i])?;
                let c = rest[i..].chars().next().unwrap_or('\u{fffd}');
                let mut units = [0u16; 2];
                for &mut unit in c.encode_utf16(&mut units) {
                    let hex = |shift: u16| b"0123456789abcdef"[usize::from(unit >> shift & 15)];
                    writer.write_all(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)])?;
                }
                rest = &rest[i + c.len_utf8()..];
            }
            writer.write_all(rest.as_bytes())
        }

        /// Scores, the annotation's only floats, come to two decimals ([`crate::Block::score`]):
        /// written as serde_json writes those (`0.0`, `0.5`, `0.87`, `1.0`), without the tables
        /// of its shortest round-trip formatting.
        fn write_f32<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            value: f32,
        ) -> std::io::Result<()> {
            if !value.is_finite() {
                return writer.write_all(b"null");
            }
            let hundredths = (f64::from(value) * 100.0).round() as i64;
            let sign = if value.is_sign_negative() { "-" } else { "" };
            let (int, frac) = (
                hundredths.unsigned_abs() / 100,
                hundredths.unsigned_abs() % 100,
            );
            let text = match frac {
                0 => format!("{sign}{int}.0"),
                f if f % 10 == 0 => format!("{sign}{int}.{}", f / 10),
                f => format!("{sign}{int}.{f:02}"),
            };
            writer.write_all(text.as_bytes())
        }
    }
}

/// `render`.
#[cfg(any(
    feature = "wasm-render",
    not(any(feature = "wasm-html", feature = "wasm-text"))
))]
mod renderer {
    use super::*;
    use crate::SCHEMA_VERSION;

    /// Renders an annotation as `"markdown"`, `"text"`, `"html"` or `"json"`.
    ///
    /// The annotation may have been edited (labels flipped by a person): its sections, word count
    /// and reading time are recomputed from the labels first, with [`crate::assemble`].
    #[wasm_bindgen]
    pub fn render(annotation: JsValue, format: &str) -> Result<String, JsError> {
        let mut annotation = from_object(annotation)?;
        crate::assemble(&mut annotation);
        match format {
            "json" => Ok(crate::render::json(&annotation)),
            "text" => Ok(crate::render::text(&annotation)),
            "markdown" | "md" => Ok(crate::render::markdown(&annotation)),
            "html" => Ok(crate::render::html(&annotation)),
            other => Err(JsError::new(&format!(
                "unknown format '{other}': use markdown, text, html or json"
            ))),
        }
    }

    fn from_object(value: JsValue) -> Result<Annotation, JsError> {
        let annotation: Annotation = serde_wasm_bindgen::from_value(value)
            .map_err(|e| to_js(Error::BadAnnotation(e.to_string())))?;
        if annotation.schema != SCHEMA_VERSION {
            return Err(to_js(Error::BadAnnotation(format!(
                "schema is '{}', expected '{SCHEMA_VERSION}'",
                annotation.schema
            ))));
        }
        // Sections refer to blocks by id; assembling and rendering index `blocks` with it.
        if let Some((i, b)) = annotation
            .blocks
            .iter()
            .enumerate()
            .find(|(i, b)| b.id != *i)
        {
            return Err(to_js(Error::BadAnnotation(format!(
                "block {i} has id {}; ids must be 0, 1, 2... in order",
                b.id
            ))));
        }
        Ok(annotation)
    }
}
