// Copyright 2014-2017 The html5ever Project Developers. See the
// COPYRIGHT file at the top-level directory of this distribution.
//
// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or
// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license
// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your
// option. This file may not be copied, modified, or distributed
// except according to those terms.

extern crate string_cache_codegen;

use std::collections::BTreeMap;
use std::env;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

mod entities;

static NAMESPACES: &[(&str, &str)] = &[
    ("", ""),
    ("*", "*"),
    ("html", "http://www.w3.org/1999/xhtml"),
    ("xml", "http://www.w3.org/XML/1998/namespace"),
    ("xmlns", "http://www.w3.org/2000/xmlns/"),
    ("xlink", "http://www.w3.org/1999/xlink"),
    ("svg", "http://www.w3.org/2000/svg"),
    ("mathml", "http://www.w3.org/1998/Math/MathML"),
];

fn main() {
    let generated = Path::new(&env::var("OUT_DIR").unwrap()).join("generated.rs");
    let mut generated = BufWriter::new(File::create(generated).unwrap());

    named_entities_to_table(&Path::new(&env::var("OUT_DIR").unwrap()).join("named_entities.rs"));

    // Create a string cache for local names
    let local_names = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("local_names.txt");
    let mut local_names_atom = string_cache_codegen::AtomType::new("LocalName", "local_name!");
    for line in BufReader::new(File::open(local_names).unwrap()).lines() {
        let local_name = line.unwrap();
        local_names_atom.atom(&local_name);
        local_names_atom.atom(&local_name.to_ascii_lowercase());
    }
    let mut code = Vec::new();
    local_names_atom
        .with_macro_doc("Takes a local name as a string and returns its key in the string cache.")
        .write_to(&mut code)
        .unwrap();
    let code = String::from_utf8(code).unwrap();
    generated
        .write_all(packed_atoms(&without_hashes(&code)).as_bytes())
        .unwrap();

    // Create a string cache for namespace prefixes
    let mut code = Vec::new();
    string_cache_codegen::AtomType::new("Prefix", "namespace_prefix!")
        .with_macro_doc("Takes a namespace prefix string and returns its key in a string cache.")
        .atoms(NAMESPACES.iter().map(|&(prefix, _url)| prefix))
        .write_to(&mut code)
        .unwrap();

    // Create a string cache for namespace urls
    string_cache_codegen::AtomType::new("Namespace", "namespace_url!")
        .with_macro_doc("Takes a namespace url string and returns its key in a string cache.")
        .atoms(NAMESPACES.iter().map(|&(_prefix, url)| url))
        .write_to(&mut code)
        .unwrap();
    // Pith's string_cache: these two sets keep their list of atoms.
    let code = String::from_utf8(code).unwrap();
    assert_eq!(code.matches("hashes").count(), 2);
    generated
        .write_all(code.replace("hashes", "packed: \"\", ends: &[], hashes").as_bytes())
        .unwrap();

    writeln!(
        generated,
        r#"
        /// Maps the input of [`namespace_prefix!`](macro.namespace_prefix.html) to
        /// the output of [`namespace_url!`](macro.namespace_url.html).
        ///
        #[macro_export] macro_rules! ns {{
        "#
    )
    .unwrap();
    for &(prefix, url) in NAMESPACES {
        writeln!(
            generated,
            "({prefix}) => {{ $crate::namespace_url!({url:?}) }};"
        )
        .unwrap();
    }
    writeln!(generated, "}}").unwrap();
}

/// Pith's change: the local names' static set without its table of precomputed hashes (a
/// random u64 per atom, ~5.7 KB of the gzipped wasm). Pith's patched string_cache computes a
/// static atom's hash from its string when the table is empty (the same value), and nothing in
/// Pith or html5ever hashes one anyway.
fn without_hashes(code: &str) -> String {
    let start = code.find("hashes").expect("string_cache_codegen writes `hashes: &[...]`");
    let open = start + code[start..].find('[').unwrap();
    let close = open + code[open..].find(']').unwrap();
    format!("{}[]{}", &code[..open], &code[close + 1..])
}

/// Pith's change: the local names' static set with its atoms packed into one string and a `u16`
/// end each, instead of a list of `&str` (an 8-byte pointer and length per atom: ~2 KB of the
/// gzipped wasm); Pith's patched string_cache reads them so (`PhfStrSet::atom`).
fn packed_atoms(code: &str) -> String {
    let start = code.find("atoms: &[").expect("string_cache_codegen writes `atoms: &[...]`");
    let open = start + "atoms: &[".len();
    let close = open + code[open..].find(']').unwrap();
    let list = &code[open..close];
    assert!(!list.contains('\\'), "no escapes in the local names");
    let atoms: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
    let mut packed = String::new();
    let mut ends = Vec::new();
    for a in &atoms {
        packed.push_str(a);
        ends.push(u16::try_from(packed.len()).expect("the local names fit in 64 KB"));
    }
    format!(
        "{}atoms: &[], packed: {packed:?}, ends: &{ends:?}{}",
        &code[..start],
        &code[close + 1..]
    )
}

/// Pith's change to this crate: the named character references as a compact table, unpacked
/// once (on the first lookup) into a sorted table searched by bisection, instead of a
/// `phf::Map` of every entity *and every prefix of one* (9854 keys). html5ever's tokenizer only
/// calls `NAMED_ENTITIES.get(name)` and needs, like the map gave it: `Some((cp1, cp2))` for a
/// complete name, `Some((0, 0))` for a proper prefix of one (keep reading), `None` otherwise.
/// The map was ~270 KB of wasm data (9854 separate key strings, 16-byte entries in hash order)
/// and ~71 KB gzipped.
///
/// The packed table is one byte string, the names in byte order. Each entry is one byte, the
/// length of the prefix its name shares with the name before it, then the rest of the name, a
/// marker byte, and the codepoints in UTF-8. The marker says one codepoint (`0xFE`) or two
/// (`0xFD`); `0xFC` and `0xFB` say the same of a name ending in `;` whose name without it is a
/// name too, with the same codepoints (`amp;` and `amp`: the legacy names), and comes right
/// before it in byte order: that name has no entry of its own. ~17 KB of the gzipped wasm as a
/// sorted list of names with a `u16` end and a `(u32, u32)` value each; ~9.5 KB this way.
fn named_entities_to_table(to: &Path) {
    let entities: BTreeMap<&str, (u32, u32)> = entities::NAMED_ENTITIES
        .iter()
        .map(|(name, cp1, cp2)| {
            assert!(name.starts_with('&'));
            assert!(*cp1 != 0, "a complete name must not look like a prefix");
            (&name[1..], (*cp1, *cp2))
        })
        .collect();
    let names: Vec<&str> = entities.keys().copied().collect();

    let mut data: Vec<u8> = Vec::new();
    let mut prev = "";
    for (i, (name, (cp1, cp2))) in entities.iter().enumerate() {
        assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b';'));
        if entities.get(format!("{name};").as_str()) == Some(&(*cp1, *cp2)) {
            // A legacy name: written with the next one, which must be it with `;`.
            assert_eq!(names[i + 1], format!("{name};"));
            continue;
        }
        let legacy = name
            .strip_suffix(';')
            .is_some_and(|bare| entities.get(bare) == Some(&(*cp1, *cp2)));
        let shared = name
            .bytes()
            .zip(prev.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        data.push(u8::try_from(shared).unwrap());
        data.extend_from_slice(&name.as_bytes()[shared..]);
        let marker = if *cp2 == 0 { 0xFE } else { 0xFD };
        data.push(if legacy { marker - 2 } else { marker });
        for cp in [*cp1, *cp2] {
            if cp != 0 {
                let c = char::from_u32(cp).expect("entities are characters");
                data.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        prev = name;
    }

    let mut literal = String::from("b\"");
    for &b in &data {
        if (b.is_ascii_graphic() || b == b' ') && b != b'"' && b != b'\\' {
            literal.push(b as char);
        } else {
            literal.push_str(&format!("\\x{b:02x}"));
        }
    }
    literal.push('"');

    let mut file = BufWriter::new(File::create(to).unwrap());
    writeln!(
        file,
        "/// A map of entity names to their codepoints. The second codepoint will
/// be 0 if the entity contains a single codepoint. Entities have their preceding '&' removed.
/// Every proper prefix of a name maps to `(0, 0)`.
///
/// # Examples
///
/// ```
/// use web_atoms::NAMED_ENTITIES;
///
/// assert_eq!(NAMED_ENTITIES.get(\"gt;\"), Some((62, 0)));
/// assert_eq!(NAMED_ENTITIES.get(\"g\"), Some((0, 0)));
/// assert_eq!(NAMED_ENTITIES.get(\"gx\"), None);
/// ```
pub static NAMED_ENTITIES: NamedEntities = NamedEntities {{
    packed: {literal},
    len: {len},
    table: std::sync::OnceLock::new(),
}};",
        len = entities.len(),
    )
    .unwrap();
}
