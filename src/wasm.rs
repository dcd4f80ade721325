//! The WebAssembly face of the library (wasm-bindgen, `--target web`).
