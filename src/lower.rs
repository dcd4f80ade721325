//! Lowercasing without the standard library's case table: `str::to_lowercase` and
//! `char::to_lowercase` give the same results, but bring a table of ~1460 `(char, char)` pairs
//! and the `Case_Ignorable` and `Cased` tables their final-sigma rule reads: ~6 KB of the
//! gzipped wasm. Here the mappings are runs (`LOWER`), checked against the standard library for
//! every character (tests); rebuild them with the generator in the tests when the standard
//! library moves to a newer Unicode and the tests fail.

/// Extension: `s.to_lower()` is `s.to_lowercase()`.
pub(crate) trait Lower {
    fn to_lower(&self) -> String;
}

impl Lower for str {
    fn to_lower(&self) -> String {
        to_lowercase(self)
    }
}

/// `str::to_lowercase`, final sigma included.
pub(crate) fn to_lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == '\u{3a3}' {
            out.push(if final_sigma(s, i) {
                '\u{3c2}'
            } else {
                '\u{3c3}'
            });
        } else {
            out.extend(lower_char(c));
        }
    }
    out
}

/// `char::to_lowercase`: one character, or two for U+0130.
pub(crate) fn lower_char(c: char) -> impl Iterator<Item = char> {
    let (first, second) = if c == '\u{130}' {
        ('i', Some('\u{307}'))
    } else {
        (lower_one(c), None)
    };
    std::iter::once(first).chain(second)
}

/// The lowercase of a character whose lowercase is one character.
fn lower_one(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c.to_ascii_lowercase();
    }
    let i = LOWER.partition_point(|&(key, _)| key >> 8 <= u);
    let Some(&(key, delta)) = i.checked_sub(1).map(|i| &LOWER[i]) else {
        return c;
    };
    let (from, count, stride) = (key >> 8, (key >> 1) & 0x7F, (key & 1) + 1);
    let offset = u - from;
    if offset < count * stride && offset % stride == 0 {
        char::from_u32(u.wrapping_add_signed(delta)).unwrap_or(c)
    } else {
        c
    }
}

/// Whether the capital sigma at byte `i` ends a word (Unicode's Final_Sigma, as the standard
/// library reads it): a cased letter before it and none after it, skipping case-ignorable
/// characters.
fn final_sigma(s: &str, i: usize) -> bool {
    cased_past_ignorables(s[..i].chars().rev()) && !cased_past_ignorables(s[i + 2..].chars())
}

/// Whether the first character that is not case-ignorable is cased.
fn cased_past_ignorables(mut chars: impl Iterator<Item = char>) -> bool {
    chars.find(|&c| !case_ignorable(c)).is_some_and(cased)
}

fn cased(c: char) -> bool {
    c.is_lowercase()
        || c.is_uppercase()
        || TITLECASE
            .iter()
            .any(|&(a, b)| (a..=b).contains(&(c as u32)))
}

fn case_ignorable(c: char) -> bool {
    let u = c as u32;
    let mut bytes = CASE_IGNORABLE.iter();
    let mut next = || {
        let mut n = 0u32;
        let mut shift = 0;
        for &b in bytes.by_ref() {
            n |= u32::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
        None
    };
    let mut start = 0u32;
    while let (Some(gap), Some(len)) = (next(), next()) {
        start += gap;
        if u < start {
            return false;
        }
        start += len;
        if u < start {
            return true;
        }
    }
    false
}

/// Characters whose lowercase is another single one, as runs: `(from << 8 | count << 1 |
/// stride - 1, to - from)`: `from + k * stride` lowercases to itself plus the delta, for `k` below
/// `count`.
const LOWER: [(u32, i32); 185] = [
    (0x4134, 32),
    (0xc02e, 32),
    (0xd80e, 32),
    (0x10031, 1),
    (0x13207, 1),
    (0x13911, 1),
    (0x14a2f, 1),
    (0x17802, -121),
    (0x17907, 1),
    (0x18102, 210),
    (0x18205, 1),
    (0x18602, 206),
    (0x18702, 1),
    (0x18904, 205),
    (0x18b02, 1),
    (0x18e02, 79),
    (0x18f02, 202),
    (0x19002, 203),
    (0x19102, 1),
    (0x19302, 205),
    (0x19402, 207),
    (0x19602, 211),
    (0x19702, 209),
    (0x19802, 1),
    (0x19c02, 211),
    (0x19d02, 213),
    (0x19f02, 214),
    (0x1a007, 1),
    (0x1a602, 218),
    (0x1a702, 1),
    (0x1a902, 218),
    (0x1ac02, 1),
    (0x1ae02, 218),
    (0x1af02, 1),
    (0x1b104, 217),
    (0x1b305, 1),
    (0x1b702, 219),
    (0x1b802, 1),
    (0x1bc02, 1),
    (0x1c402, 2),
    (0x1c502, 1),
    (0x1c702, 2),
    (0x1c802, 1),
    (0x1ca02, 2),
    (0x1cb13, 1),
    (0x1de13, 1),
    (0x1f102, 2),
    (0x1f205, 1),
    (0x1f602, -97),
    (0x1f702, -56),
    (0x1f829, 1),
    (0x22002, -130),
    (0x22213, 1),
    (0x23a02, 10795),
    (0x23b02, 1),
    (0x23d02, -163),
    (0x23e02, 10792),
    (0x24102, 1),
    (0x24302, -195),
    (0x24402, 69),
    (0x24502, 71),
    (0x2460b, 1),
    (0x37005, 1),
    (0x37602, 1),
    (0x37f02, 116),
    (0x38602, 38),
    (0x38806, 37),
    (0x38c02, 64),
    (0x38e04, 63),
    (0x39122, 32),
    (0x3a312, 32),
    (0x3cf02, 8),
    (0x3d819, 1),
    (0x3f402, -60),
    (0x3f702, 1),
    (0x3f902, -7),
    (0x3fa02, 1),
    (0x3fd06, -130),
    (0x40020, 80),
    (0x41040, 32),
    (0x46023, 1),
    (0x48a37, 1),
    (0x4c002, 15),
    (0x4c10f, 1),
    (0x4d061, 1),
    (0x5314c, 48),
    (0x10a04c, 7264),
    (0x10c702, 7264),
    (0x10cd02, 7264),
    (0x13a0a0, 38864),
    (0x13f00c, 8),
    (0x1c8902, 1),
    (0x1c9056, -3008),
    (0x1cbd06, -3008),
    (0x1e0097, 1),
    (0x1e9e02, -7615),
    (0x1ea061, 1),
    (0x1f0810, -8),
    (0x1f180c, -8),
    (0x1f2810, -8),
    (0x1f3810, -8),
    (0x1f480c, -8),
    (0x1f5909, -8),
    (0x1f6810, -8),
    (0x1f8810, -8),
    (0x1f9810, -8),
    (0x1fa810, -8),
    (0x1fb804, -8),
    (0x1fba04, -74),
    (0x1fbc02, -9),
    (0x1fc808, -86),
    (0x1fcc02, -9),
    (0x1fd804, -8),
    (0x1fda04, -100),
    (0x1fe804, -8),
    (0x1fea04, -112),
    (0x1fec02, -7),
    (0x1ff804, -128),
    (0x1ffa04, -126),
    (0x1ffc02, -9),
    (0x212602, -7517),
    (0x212a02, -8383),
    (0x212b02, -8262),
    (0x213202, 28),
    (0x216020, 16),
    (0x218302, 1),
    (0x24b634, 26),
    (0x2c0060, 48),
    (0x2c6002, 1),
    (0x2c6202, -10743),
    (0x2c6302, -3814),
    (0x2c6402, -10727),
    (0x2c6707, 1),
    (0x2c6d02, -10780),
    (0x2c6e02, -10749),
    (0x2c6f02, -10783),
    (0x2c7002, -10782),
    (0x2c7202, 1),
    (0x2c7502, 1),
    (0x2c7e04, -10815),
    (0x2c8065, 1),
    (0x2ceb05, 1),
    (0x2cf202, 1),
    (0xa6402f, 1),
    (0xa6801d, 1),
    (0xa7220f, 1),
    (0xa7323f, 1),
    (0xa77905, 1),
    (0xa77d02, -35332),
    (0xa77e0b, 1),
    (0xa78b02, 1),
    (0xa78d02, -42280),
    (0xa79005, 1),
    (0xa79615, 1),
    (0xa7aa02, -42308),
    (0xa7ab02, -42319),
    (0xa7ac02, -42315),
    (0xa7ad02, -42305),
    (0xa7ae02, -42308),
    (0xa7b002, -42258),
    (0xa7b102, -42282),
    (0xa7b202, -42261),
    (0xa7b302, 928),
    (0xa7b411, 1),
    (0xa7c402, -48),
    (0xa7c502, -42307),
    (0xa7c602, -35384),
    (0xa7c705, 1),
    (0xa7cb02, -42343),
    (0xa7cc11, 1),
    (0xa7dc02, -42561),
    (0xa7f502, 1),
    (0xff2134, 32),
    (0x1040050, 40),
    (0x104b048, 40),
    (0x1057016, 39),
    (0x1057c1e, 39),
    (0x1058c0e, 39),
    (0x1059404, 39),
    (0x10c8066, 64),
    (0x10d502c, 32),
    (0x118a040, 32),
    (0x16e4040, 32),
    (0x16ea032, 27),
    (0x1e90044, 34),
];

/// Unicode's Case_Ignorable characters, as ranges: pairs of (gap from the previous range's end,
/// length), each number in LEB128 (7 bits a byte, low first; the high bit says more follow).
const CASE_IGNORABLE: &[u8] =
    b"'\x01\x06\x01\x0b\x01#\x01\x01\x01G\x01\x04\x01\x01\x01\x04\x01\x02\x02\xf7\x03\xc0\x01\
    \x04\x02\x04\x01\x09\x02\x01\x01\xfb\x01\x07\xcf\x01\x01\x05\x011-\x01\x01\x01\x02\x01\
    \x02\x01\x01,\x01\x0b\x06\x0a\x0b\x01\x01#\x01\x0a\x15\x10\x01e\x08\x01\x0a\x01\x04!\x01\
    \x01\x01\x1e\x1b[\x0b:\x0b\x04\x01\x02\x01\x18\x18+\x03,\x01\x07\x02\x05\x09):7\x01\x01\
    \x01\x04\x08\x04\x01\x03\x07\x0a\x02\x0d\x01\x0f\x01:\x01\x04\x04\x08\x01\x14\x02\x1a\
    \x01\x02\x029\x01\x04\x02\x04\x02\x02\x03\x03\x01\x1e\x02\x03\x01\x0b\x029\x01\x04\x05\
    \x01\x02\x04\x01\x14\x02\x16\x06\x01\x01:\x01\x02\x01\x01\x04\x08\x01\x07\x02\x0b\x02\
    \x1e\x01=\x01\x0c\x012\x01\x03\x017\x01\x01\x03\x05\x03\x01\x04\x07\x02\x0b\x02\x1d\x01:\
    \x01\x02\x01\x06\x01\x05\x02\x14\x02\x1c\x029\x02\x04\x04\x08\x01\x14\x02\x1d\x01H\x01\
    \x07\x03\x01\x01Z\x01\x02\x07\x0b\x09b\x01\x02\x09\x09\x01\x01\x07I\x02\x1b\x01\x01\x01\
    \x01\x017\x0e\x01\x05\x01\x02\x05\x0b\x01$\x09\x01f\x04\x01\x06\x01\x02\x02\x02\x19\x02\
    \x04\x03\x10\x04\x0d\x01\x02\x02\x06\x01\x0f\x01^\x01\xe0\x04\x03\xb2\x07\x03\x1d\x02\
    \x1e\x02\x1e\x02@\x02\x01\x07\x08\x01\x02\x0b\x03\x01\x05\x01-\x053\x01A\x02\x22\x01v\
    \x03\x04\x02\x09\x01\x06\x03\xdb\x01\x02\x02\x01:\x01\x01\x07\x01\x01\x01\x01\x02\x08\
    \x06\x0a\x02\x01'\x01\x08.\x02\x0c\x14\x040\x01\x01\x05\x01\x01\x05\x01(\x09\x0c\x02 \
    \x04\x02\x02\x01\x038\x01\x01\x02\x03\x01\x01\x03:\x08\x02\x02@\x06R\x03\x01\x0d\x01\x07\
    \x04\x01\x06\x01\x03\x022?\x0d\x01\x22e\xbd\x03\x01\x01\x03\x0b\x03\x0d\x03\x0d\x03\x0d\
    \x02\x0c\x05\x08\x02\x0a\x01\x02\x01\x02\x051\x05\x01\x0a\x01\x01\x0d\x01\x10\x0d3!\x8b\
    \x17\x02q\x03}\x01\x0f\x01` /\x01\xd5\x03\x01$\x04\x03\x05\x05\x01]\x06]\x03\x96\xde\x01\
    \x01\xe2\x09\x06\x8e\x02\x01b\x04\x01\x0a\x01\x01\x1c\x04P\x02\x0e\x22N\x01\x17\x03f\x04\
    \x03\x02\x08\x01\x03\x01\x04\x01\x19\x02\x05\x01\x97\x01\x02\x1a\x12\x0d\x01&\x08\x19\
    \x0b.\x030\x01\x02\x04\x02\x02\x11\x01\x15\x02B\x06\x02\x02\x02\x02\x0c\x01\x08\x01#\x01\
    \x0b\x013\x01\x01\x03\x02\x02\x05\x02\x01\x01\x1b\x01\x0e\x02\x05\x02\x01\x01d\x05\x09\
    \x03y\x01\x02\x01\x04\x01\xb0\x9e\x01\x01\x93\x01\x11\xbd\x04\x10\x03\x01\x0c\x10\x22\
    \x01\x02\x01\xa9\x01\x01\x07\x01\x06\x01\x0b\x01#\x01\x01\x01/\x01-\x02C\x01\x15\x03\x81\
    \x04\x01\xe2\x01\x01\x95\x01\x05\x85\x08\x06\x01*\x01\x09\xc6\x04\x03\x01\x02\x05\x04(\
    \x03\x04\x01\xa5\x01\x02\xbd\x04\x04&\x01\x1a\x05\x01\x01\xbb\x02\x02\x18\x014\x06F\x0b1\
    \x04{\x016\x0f)\x01\x02\x02\x0a\x031\x04\x02\x02\x02\x01\x04\x01\x0a\x012\x03$\x05\x01\
    \x08>\x01\x0c\x024\x09\x0a\x04\x02\x01_\x03\x02\x01\x01\x02\x06\x01\x02\x01\x9d\x01\x01\
    \x03\x08\x15\x029\x02\x03\x01%\x07\x03\x05F\x06\x0d\x01\x01\x01\x01\x01\x0e\x02U\x08\x02\
    \x03\x01\x01\x17\x01T\x06\x01\x01\x04\x02\x01\x02\xee\x01\x04\x06\x02\x01\x02\x1b\x02U\
    \x08\x02\x01\x01\x02j\x01\x01\x01\x02\x06\x01\x01e\x01\x01\x01\x02\x04\x01\x05\x83\x02\
    \x09\x01\x02\x80\x02\x02\x01\x01\x04\x01\x90\x01\x04\x02\x02\x04\x01 \x0a(\x06\x02\x04\
    \x08\x01\x09\x06\x02\x03.\x0d\x01\x02\xc6\x01\x01\x01\x03\x01\x01\xc9\x01\x07\x01\x06\
    \x01\x01R\x16\x02\x07\x01\x02\x01\x02z\x06\x03\x01\x01\x02\x01\x07\x01\x01H\x02\x03\x01\
    \x01\x01A\x01\x99\x02\x02\x0b\x024\x05\x05\x01\x01\x01\x17\x01\xd5)\x11\x06\x0f\xc8Y\x0c\
    \x03\x03\xc0\x13\x05;\x07\x09\x04\xfc\x03\x03(\x02\xe2\x03\x01?\x11@\x02\x01\x02\x0d\x02\
    \xfc\x7f\x04\x01\x07\x01\x02\x9e\x19\x02\x01\x04\xdc$.\x02\x17\xa0\x04\x03\x09\x10\x02\
    \x07\x1e\x04\x94\x01\x03\xbb\x0f7\x042\x08\x01\x0e\x01\x16\x05\x01\x0f\xd0\x0a\x07\x01\
    \x11\x02\x07\x01\x02\x01\x05\x05>!\x01\xa0\x01\x0e\xf0\x02\x01=\x04\xfb\x03\x05\xfe\x01\
    \x02\xf3\x01\x01\x02\x01\x07\x02\x05\x01\x09\x01\xd0\x03\x07m\x08\xaf\x15\x05\x81\x980\
    \x01\x1e`\x80\x01\xf0\x01";

/// The titlecase letters (Lt): cased, though neither lowercase nor uppercase.
const TITLECASE: [(u32, u32); 10] = [
    (0x1c5, 0x1c5),
    (0x1c8, 0x1c8),
    (0x1cb, 0x1cb),
    (0x1f2, 0x1f2),
    (0x1f88, 0x1f8f),
    (0x1f98, 0x1f9f),
    (0x1fa8, 0x1faf),
    (0x1fbc, 0x1fbc),
    (0x1fcc, 0x1fcc),
    (0x1ffc, 0x1ffc),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character lowercases as the standard library lowercases it.
    #[test]
    fn every_char_as_std() {
        for u in 0..=0x10FFFF {
            let Some(c) = char::from_u32(u) else { continue };
            assert!(lower_char(c).eq(c.to_lowercase()), "U+{u:04X}");
            let s = c.to_string();
            assert_eq!(to_lowercase(&s), s.to_lowercase(), "U+{u:04X}");
        }
    }

    /// The final-sigma rule: every character before and after a capital sigma, plain and behind
    /// a case-ignorable one.
    #[test]
    fn final_sigma_as_std() {
        for u in 0..=0x10FFFF {
            let Some(c) = char::from_u32(u) else { continue };
            for s in [
                format!("A\u{3a3}{c}"),
                format!("A\u{3a3}{c}A"),
                format!("{c}\u{3a3}"),
                format!("{c}'\u{3a3} "),
                format!("x\u{3a3}'{c}"),
            ] {
                assert_eq!(to_lowercase(&s), s.to_lowercase(), "{s:?}");
            }
        }
        for s in [
            "\u{3a3}",
            "\u{3a3}\u{3a3}",
            "\u{391}\u{3a3}",
            "\u{3a3}\u{391}",
            "O\u{3a3}.",
            "\u{39f}\u{394}\u{39f}\u{3a3}",
            "\u{39f}\u{3a3} \u{3a3}\u{39f}",
            "a\u{3a3}\u{301}",
            "a\u{301}\u{3a3}",
            "a\u{3a3}\u{301}b",
            "\u{130}\u{3a3}",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    /// The source uses these functions, not the standard library's lowercasing (which would
    /// bring its tables back into the wasm).
    #[test]
    fn no_std_lowercasing_in_the_library() {
        fn visit(dir: &std::path::Path, bad: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    if !p.ends_with("bin") {
                        visit(&p, bad);
                    }
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("lower.rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    // Only the library's code, not its tests.
                    let code = text.split("#[cfg(test)]").next().unwrap_or("");
                    for (n, line) in code.lines().enumerate() {
                        if line.contains("to_lowercase") && !line.contains("to_ascii_lowercase") {
                            bad.push(format!("{}:{}", p.display(), n + 1));
                        }
                    }
                }
            }
        }
        let mut bad = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut bad,
        );
        assert!(bad.is_empty(), "use crate::lower instead: {bad:?}");
    }
}
