;; The string copy into the wasm: a JS string's UTF-8 written into the Rust module's memory.
;;
;; wasm-bindgen's glue copies a string argument with `TextEncoder.encodeInto`, which in Chromium
;; allocates a fresh copy of the string on every call before encoding it (the page faults of a
;; 100 KB+ allocation are most of its cost). This module instead copies the string's UTF-16
;; code units into a GC array it keeps from call to call (`intoCharCodeArray`, one of the
;; WebAssembly JS String Builtins), then encodes them as UTF-8, ASCII four units at a time.
;; Measured in Chromium on scrapinghub's pages: half the time of `encodeInto`, the same bytes
;; (lone surrogates become U+FFFD, as `encodeInto` makes them), and annotate() 8-9% faster.
;;
;; scripts/build-wasm.sh assembles it (binaryen's wasm-as) and embeds it in the glue of the
;; modules that take page-sized strings; the glue falls back to `encodeInto` in a browser
;; without the builtins (compiling this module fails there, for want of its import).
;; The array grows to the longest input seen (two bytes per UTF-16 unit) and is kept.
(module
  (type $units (array (mut i16)))
  (import "wasm:js-string" "intoCharCodeArray"
    (func $into_char_code_array (param externref (ref null $units) i32) (result i32)))
  (import "env" "memory" (memory 0))
  (global $buf (mut (ref null $units)) (ref.null $units))

  ;; Writes the UTF-8 of the string `s` (`len` UTF-16 units) at `out`, which has room for
  ;; 3 * len bytes; returns the number of bytes written.
  (func (export "utf8") (param $s externref) (param $len i32) (param $out i32) (result i32)
    (local $units (ref null $units))
    (local $i i32) (local $o i32)
    (local $c i32) (local $d i32) (local $e i32) (local $f i32)
    (if (ref.is_null (global.get $buf))
      (then (global.set $buf (array.new_default $units (local.get $len)))))
    (if (i32.lt_u (array.len (global.get $buf)) (local.get $len))
      (then (global.set $buf (array.new_default $units (local.get $len)))))
    (local.set $units (global.get $buf))
    (drop (call $into_char_code_array (local.get $s) (local.get $units) (i32.const 0)))
    (local.set $o (local.get $out))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        ;; Four ASCII units: one 32-bit store.
        (if (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $len))
          (then
            (local.set $c (array.get_u $units (local.get $units) (local.get $i)))
            (local.set $d (array.get_u $units (local.get $units) (i32.add (local.get $i) (i32.const 1))))
            (local.set $e (array.get_u $units (local.get $units) (i32.add (local.get $i) (i32.const 2))))
            (local.set $f (array.get_u $units (local.get $units) (i32.add (local.get $i) (i32.const 3))))
            (if (i32.lt_u (i32.or (i32.or (local.get $c) (local.get $d)) (i32.or (local.get $e) (local.get $f)))
                          (i32.const 0x80))
              (then
                (i32.store (local.get $o)
                  (i32.or (i32.or (local.get $c) (i32.shl (local.get $d) (i32.const 8)))
                          (i32.or (i32.shl (local.get $e) (i32.const 16)) (i32.shl (local.get $f) (i32.const 24)))))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (local.set $o (i32.add (local.get $o) (i32.const 4)))
                (br $next)))))
        ;; One unit (or a surrogate pair).
        (local.set $c (array.get_u $units (local.get $units) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.lt_u (local.get $c) (i32.const 0x80))
          (then
            (i32.store8 (local.get $o) (local.get $c))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $next)))
        (if (i32.lt_u (local.get $c) (i32.const 0x800))
          (then
            (i32.store8 (local.get $o) (i32.or (i32.const 0xc0) (i32.shr_u (local.get $c) (i32.const 6))))
            (i32.store8 offset=1 (local.get $o) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
            (local.set $o (i32.add (local.get $o) (i32.const 2)))
            (br $next)))
        ;; A high surrogate followed by a low one: four bytes.
        (if (i32.eq (i32.and (local.get $c) (i32.const 0xfc00)) (i32.const 0xd800))
          (then
            (if (i32.lt_u (local.get $i) (local.get $len))
              (then
                (local.set $d (array.get_u $units (local.get $units) (local.get $i)))
                (if (i32.eq (i32.and (local.get $d) (i32.const 0xfc00)) (i32.const 0xdc00))
                  (then
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (local.set $c (i32.add (i32.const 0x10000)
                      (i32.or (i32.shl (i32.and (local.get $c) (i32.const 0x3ff)) (i32.const 10))
                              (i32.and (local.get $d) (i32.const 0x3ff)))))
                    (i32.store8 (local.get $o) (i32.or (i32.const 0xf0) (i32.shr_u (local.get $c) (i32.const 18))))
                    (i32.store8 offset=1 (local.get $o)
                      (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 12)) (i32.const 0x3f))))
                    (i32.store8 offset=2 (local.get $o)
                      (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))))
                    (i32.store8 offset=3 (local.get $o) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
                    (local.set $o (i32.add (local.get $o) (i32.const 4)))
                    (br $next)))))))
        ;; A lone surrogate is U+FFFD.
        (if (i32.eq (i32.and (local.get $c) (i32.const 0xf800)) (i32.const 0xd800))
          (then (local.set $c (i32.const 0xfffd))))
        (i32.store8 (local.get $o) (i32.or (i32.const 0xe0) (i32.shr_u (local.get $c) (i32.const 12))))
        (i32.store8 offset=1 (local.get $o)
          (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))))
        (i32.store8 offset=2 (local.get $o) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
        (local.set $o (i32.add (local.get $o) (i32.const 3)))
        (br $next)))
    (i32.sub (local.get $o) (local.get $out))))
