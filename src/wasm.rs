//! The WebAssembly face of the library (wasm-bindgen, `--target web`), used by `www/`.
//!
//! Three functions, all owning their data across the boundary (no live handles into Rust):
//! - `annotate(input, options)` → the annotation as a plain JS object;
//! - `render(annotation, format)` → a string, after re-assembling the (possibly corrected)
//!   annotation, so the reader view and the exports follow a person's label flips;
//! - `version()`.
//!
//! Errors become JS `Error`s carrying the library's message. A panic is a bug; the panic hook
//! writes its message to the console (the page's worker picks it up and restarts itself).

use crate::{Annotation, Error, InputMode, Options, SCHEMA_VERSION};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Runs once, when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    // Turns a Rust panic into a readable console.error instead of a bare "unreachable".
    console_error_panic_hook::set_once();
}

/// The options object JS passes in; every field is optional.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct JsOptions {
    /// `"auto"` (default), `"html"` or `"text"`.
    input: Option<String>,
    /// The page's URL, for resolving relative links.
    url: Option<String>,
    /// Include each block's sanitised HTML (default true).
    block_html: Option<bool>,
    /// Refuse inputs larger than this many bytes (default: the library's).
    max_bytes: Option<f64>,
}

impl JsOptions {
    fn into_options(self) -> Result<Options, JsError> {
        let mut options = Options::default();
        options.input = match self.input.as_deref() {
            None | Some("auto") | Some("") => InputMode::Auto,
            Some("html") => InputMode::Html,
            Some("text") => InputMode::Text,
            Some(other) => {
                return Err(JsError::new(&format!(
                    "unknown input mode '{other}': use auto, html or text"
                )))
            }
        };
        options.url = self.url.filter(|u| !u.trim().is_empty());
        if let Some(b) = self.block_html {
            options.block_html = b;
        }
        if let Some(m) = self.max_bytes {
            if m.is_finite() && m >= 0.0 {
                options.max_bytes = m as usize;
            }
        }
        Ok(options)
    }
}

/// Annotates an HTML page or pasted text (auto-detected unless `options.input` says).
///
/// Returns the annotation (schema `pith.annotation/1`) as a plain JS object: the same data the
/// native library gives, with maps as plain objects.
#[wasm_bindgen]
pub fn annotate(input: &str, options: JsValue) -> Result<JsValue, JsError> {
    let js_options: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("bad options: {e}")))?
    };
    let annotation = crate::annotate(input, &js_options.into_options()?).map_err(to_js)?;
    to_object(&annotation)
}

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
        "markdown" | "md" => Ok(fallback::markdown(&annotation)),
        "html" => Ok(fallback::html(&annotation)),
        other => Err(JsError::new(&format!(
            "unknown format '{other}': use markdown, text, html or json"
        ))),
    }
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// The annotation as a plain JS object. Built by `JSON.parse` of the library's own JSON rather
/// than field by field with serde-wasm-bindgen's serializer: measured here, that is 1 KB smaller
/// gzipped (serde_json's serializer is linked anyway, for `render(…, "json")`), no slower, and
/// scores arrive as the native JSON has them (0.7, not the f32 widened to 0.699999988…), so the
/// browser's object and the native JSON are equal value for value. Inputs still come in through
/// serde-wasm-bindgen, which saves linking serde_json's number parser.
fn to_object(annotation: &Annotation) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(annotation).map_err(|e| JsError::new(&e.to_string()))?;
    json_parse(&text).map_err(|_| JsError::new("cannot build the annotation object"))
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

/// Markdown and HTML until `pith::render::{markdown, html}` land from the render branch.
/// TODO(render merge): call `crate::render::markdown` / `crate::render::html` and drop this.
mod fallback {
    use crate::{Annotation, Block, Kind};

    pub fn markdown(annotation: &Annotation) -> String {
        let mut out = String::new();
        for (i, section) in annotation.sections.iter().enumerate() {
            if i > 0 {
                out.push_str("\n---\n\n");
            }
            for b in section.blocks.iter().filter_map(|&id| annotation.blocks.get(id)) {
                out.push_str(&markdown_block(b));
                out.push_str("\n\n");
            }
        }
        out.truncate(out.trim_end().len());
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }

    fn markdown_block(b: &Block) -> String {
        let lines = || b.text.lines().map(str::trim).filter(|l| !l.is_empty());
        match b.kind {
            Some(Kind::Title) => format!("# {}", b.text),
            Some(Kind::Heading) => {
                let level = b.level.unwrap_or(2).clamp(1, 6) as usize;
                format!("{} {}", "#".repeat(level), b.text)
            }
            Some(Kind::List) => lines()
                .map(|l| format!("- {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            Some(Kind::Quote) => lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n"),
            Some(Kind::Code) => format!("```\n{}\n```", b.text),
            Some(Kind::Caption) | Some(Kind::Byline) | Some(Kind::Date) => format!("*{}*", b.text),
            _ => b.text.clone(),
        }
    }

    pub fn html(annotation: &Annotation) -> String {
        let mut out = String::new();
        for section in &annotation.sections {
            out.push_str("<article>\n");
            for b in section.blocks.iter().filter_map(|&id| annotation.blocks.get(id)) {
                out.push_str(&html_block(b));
                out.push('\n');
            }
            out.push_str("</article>\n");
        }
        out
    }

    fn html_block(b: &Block) -> String {
        let dir = if b.dir == crate::Dir::Rtl { " dir=\"rtl\"" } else { "" };
        // The core's allow-list sanitiser made `html`; prefer it when present. A run of inline
        // content (no block element of its own) gets a paragraph around it.
        if let Some(h) = b.html.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
            let starts_block = ["<p", "<h", "<ul", "<ol", "<dl", "<blockquote", "<pre", "<table", "<figure"]
                .iter()
                .any(|t| h.starts_with(t));
            return if starts_block { h.to_string() } else { format!("<p{dir}>{h}</p>") };
        }
        let inner = escape(&b.text);
        match b.kind {
            Some(Kind::Title) => format!("<h1{dir}>{inner}</h1>"),
            Some(Kind::Heading) => {
                let l = b.level.unwrap_or(2).clamp(1, 6);
                format!("<h{l}{dir}>{inner}</h{l}>")
            }
            Some(Kind::List) => {
                let items: String = b
                    .text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| format!("<li>{}</li>", escape(l.trim())))
                    .collect();
                format!("<ul{dir}>{items}</ul>")
            }
            Some(Kind::Quote) => format!("<blockquote{dir}>{inner}</blockquote>"),
            Some(Kind::Code) => format!("<pre{dir}><code>{inner}</code></pre>"),
            Some(Kind::Caption) => format!("<figcaption{dir}>{inner}</figcaption>"),
            _ => format!("<p{dir}>{inner}</p>"),
        }
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
}
