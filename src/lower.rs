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
    let mut start = 0u32;
    for pair in CASE_IGNORABLE.chunks_exact(2) {
        start += u32::from(pair[0]);
        if u < start {
            return false;
        }
        let end = start + u32::from(pair[1]);
        if u < end {
            return true;
        }
        start = end;
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
/// length); a gap of 65535 with a length of 0 only moves on.
const CASE_IGNORABLE: [u16; 952] = [
    39, 1, 6, 1, 11, 1, 35, 1, 1, 1, 71, 1, 4, 1, 1, 1, 4, 1, 2, 2, 503, 192, 4, 2, 4, 1, 9, 2, 1,
    1, 251, 7, 207, 1, 5, 1, 49, 45, 1, 1, 1, 2, 1, 2, 1, 1, 44, 1, 11, 6, 10, 11, 1, 1, 35, 1, 10,
    21, 16, 1, 101, 8, 1, 10, 1, 4, 33, 1, 1, 1, 30, 27, 91, 11, 58, 11, 4, 1, 2, 1, 24, 24, 43, 3,
    44, 1, 7, 2, 5, 9, 41, 58, 55, 1, 1, 1, 4, 8, 4, 1, 3, 7, 10, 2, 13, 1, 15, 1, 58, 1, 4, 4, 8,
    1, 20, 2, 26, 1, 2, 2, 57, 1, 4, 2, 4, 2, 2, 3, 3, 1, 30, 2, 3, 1, 11, 2, 57, 1, 4, 5, 1, 2, 4,
    1, 20, 2, 22, 6, 1, 1, 58, 1, 2, 1, 1, 4, 8, 1, 7, 2, 11, 2, 30, 1, 61, 1, 12, 1, 50, 1, 3, 1,
    55, 1, 1, 3, 5, 3, 1, 4, 7, 2, 11, 2, 29, 1, 58, 1, 2, 1, 6, 1, 5, 2, 20, 2, 28, 2, 57, 2, 4,
    4, 8, 1, 20, 2, 29, 1, 72, 1, 7, 3, 1, 1, 90, 1, 2, 7, 11, 9, 98, 1, 2, 9, 9, 1, 1, 7, 73, 2,
    27, 1, 1, 1, 1, 1, 55, 14, 1, 5, 1, 2, 5, 11, 1, 36, 9, 1, 102, 4, 1, 6, 1, 2, 2, 2, 25, 2, 4,
    3, 16, 4, 13, 1, 2, 2, 6, 1, 15, 1, 94, 1, 608, 3, 946, 3, 29, 2, 30, 2, 30, 2, 64, 2, 1, 7, 8,
    1, 2, 11, 3, 1, 5, 1, 45, 5, 51, 1, 65, 2, 34, 1, 118, 3, 4, 2, 9, 1, 6, 3, 219, 2, 2, 1, 58,
    1, 1, 7, 1, 1, 1, 1, 2, 8, 6, 10, 2, 1, 39, 1, 8, 46, 2, 12, 20, 4, 48, 1, 1, 5, 1, 1, 5, 1,
    40, 9, 12, 2, 32, 4, 2, 2, 1, 3, 56, 1, 1, 2, 3, 1, 1, 3, 58, 8, 2, 2, 64, 6, 82, 3, 1, 13, 1,
    7, 4, 1, 6, 1, 3, 2, 50, 63, 13, 1, 34, 101, 445, 1, 1, 3, 11, 3, 13, 3, 13, 3, 13, 2, 12, 5,
    8, 2, 10, 1, 2, 1, 2, 5, 49, 5, 1, 10, 1, 1, 13, 1, 16, 13, 51, 33, 2955, 2, 113, 3, 125, 1,
    15, 1, 96, 32, 47, 1, 469, 1, 36, 4, 3, 5, 5, 1, 93, 6, 93, 3, 28438, 1, 1250, 6, 270, 1, 98,
    4, 1, 10, 1, 1, 28, 4, 80, 2, 14, 34, 78, 1, 23, 3, 102, 4, 3, 2, 8, 1, 3, 1, 4, 1, 25, 2, 5,
    1, 151, 2, 26, 18, 13, 1, 38, 8, 25, 11, 46, 3, 48, 1, 2, 4, 2, 2, 17, 1, 21, 2, 66, 6, 2, 2,
    2, 2, 12, 1, 8, 1, 35, 1, 11, 1, 51, 1, 1, 3, 2, 2, 5, 2, 1, 1, 27, 1, 14, 2, 5, 2, 1, 1, 100,
    5, 9, 3, 121, 1, 2, 1, 4, 1, 20272, 1, 147, 17, 573, 16, 3, 1, 12, 16, 34, 1, 2, 1, 169, 1, 7,
    1, 6, 1, 11, 1, 35, 1, 1, 1, 47, 1, 45, 2, 67, 1, 21, 3, 513, 1, 226, 1, 149, 5, 1029, 6, 1,
    42, 1, 9, 582, 3, 1, 2, 5, 4, 40, 3, 4, 1, 165, 2, 573, 4, 38, 1, 26, 5, 1, 1, 315, 2, 24, 1,
    52, 6, 70, 11, 49, 4, 123, 1, 54, 15, 41, 1, 2, 2, 10, 3, 49, 4, 2, 2, 2, 1, 4, 1, 10, 1, 50,
    3, 36, 5, 1, 8, 62, 1, 12, 2, 52, 9, 10, 4, 2, 1, 95, 3, 2, 1, 1, 2, 6, 1, 2, 1, 157, 1, 3, 8,
    21, 2, 57, 2, 3, 1, 37, 7, 3, 5, 70, 6, 13, 1, 1, 1, 1, 1, 14, 2, 85, 8, 2, 3, 1, 1, 23, 1, 84,
    6, 1, 1, 4, 2, 1, 2, 238, 4, 6, 2, 1, 2, 27, 2, 85, 8, 2, 1, 1, 2, 106, 1, 1, 1, 2, 6, 1, 1,
    101, 1, 1, 1, 2, 4, 1, 5, 259, 9, 1, 2, 256, 2, 1, 1, 4, 1, 144, 4, 2, 2, 4, 1, 32, 10, 40, 6,
    2, 4, 8, 1, 9, 6, 2, 3, 46, 13, 1, 2, 198, 1, 1, 3, 1, 1, 201, 7, 1, 6, 1, 1, 82, 22, 2, 7, 1,
    2, 1, 2, 122, 6, 3, 1, 1, 2, 1, 7, 1, 1, 72, 2, 3, 1, 1, 1, 65, 1, 281, 2, 11, 2, 52, 5, 5, 1,
    1, 1, 23, 1, 5333, 17, 6, 15, 11464, 12, 3, 3, 2496, 5, 59, 7, 9, 4, 508, 3, 40, 2, 482, 1, 63,
    17, 64, 2, 1, 2, 13, 2, 16380, 4, 1, 7, 1, 2, 3230, 2, 1, 4, 4700, 46, 2, 23, 544, 3, 9, 16, 2,
    7, 30, 4, 148, 3, 1979, 55, 4, 50, 8, 1, 14, 1, 22, 5, 1, 15, 1360, 7, 1, 17, 2, 7, 1, 2, 1, 5,
    5, 62, 33, 1, 160, 14, 368, 1, 61, 4, 507, 5, 254, 2, 243, 1, 2, 1, 7, 2, 5, 1, 9, 1, 464, 7,
    109, 8, 2735, 5, 65535, 0, 65535, 0, 65535, 0, 65535, 0, 65535, 0, 65535, 0, 65535, 0, 65535,
    0, 65535, 0, 65535, 0, 65535, 0, 65535, 0, 3085, 1, 30, 96, 128, 240,
];

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
