//! A small JSON reader for JSON-LD: one value at a time from the start of a text, keeping only
//! some keys of its objects (the others are checked and skipped, never built). It accepts and
//! refuses exactly what serde_json's `StreamDeserializer` does for one value of the visitor
//! this replaced (tests: `same_as_serde_json`), and gives the same values, objects' keys in
//! byte order as in serde_json's `Map`. Written for size: serde_json's parser, its `Value` and
//! its float tables were ~7 KB of the gzipped wasm.
//! A number's value only shows when a kept string field holds one (`"name": 2024`); it is read
//! step by step as serde_json reads it, with the same powers of ten (computed, not a table),
//! and written as serde_json writes it when that is plain (see `Reader::float_text`).

use crate::text_util::Words;

/// A JSON value, as the JSON-LD reader keeps it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// A number, written as serde_json writes it (`12`, `-3`, `1.5`, `-0.0`), or as the source
    /// wrote it when that has an exponent (`1e300`).
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// An object: its keys in byte order, each once (a repeated key keeps its last value).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Map(Vec<(String, Value)>);

impl Map {
    #[cfg(test)]
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    fn insert(&mut self, key: String, value: Value) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }
    #[cfg(test)]
    pub(crate) fn from_pairs(pairs: Vec<(String, Value)>) -> Map {
        let mut m = Map::default();
        for (k, v) in pairs {
            m.insert(k, v);
        }
        m
    }
}

/// What to keep while reading.
pub(crate) struct Keep<'k> {
    /// The keys whose values are kept; other keys' values are skipped.
    pub keys: Words,
    /// A skipped key that is kept as `true` (its presence is a hint).
    pub flag: &'k str,
    /// Arrays longer than this keep their first items only.
    pub max_items: usize,
}

/// Reads one value from the start of `text` (after JSON whitespace); returns it and how many
/// bytes it took, or `None` where serde_json's stream reader gives an error. A number or literal
/// must be followed by whitespace, a bracket, a brace, a comma, a colon, a quote or the end.
pub(crate) fn read_one(text: &str, keep: &Keep) -> Option<(Value, usize)> {
    let mut r = Reader {
        b: text.as_bytes(),
        pos: 0,
        depth: 128,
        keep,
    };
    let first = r.skip_ws()?;
    let value = r.value()?;
    if !matches!(first, b'[' | b'"' | b'{')
        && !matches!(
            r.peek(),
            None | Some(
                b' ' | b'\n' | b'\t' | b'\r' | b'"' | b'[' | b']' | b'{' | b'}' | b',' | b':'
            )
        )
    {
        return None;
    }
    Some((value, r.pos))
}

struct Reader<'a, 'k> {
    b: &'a [u8],
    pos: usize,
    /// serde_json's recursion limit: 128 nested arrays and objects among the kept values.
    depth: u32,
    keep: &'k Keep<'k>,
}

impl Reader<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Skips JSON whitespace; the next byte, if any.
    fn skip_ws(&mut self) -> Option<u8> {
        while let Some(c) = self.peek() {
            if !matches!(c, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(c);
            }
            self.pos += 1;
        }
        None
    }

    fn literal(&mut self, rest: &[u8]) -> Option<()> {
        for &want in rest {
            if self.next()? != want {
                return None;
            }
        }
        Some(())
    }

    /// A kept value.
    fn value(&mut self) -> Option<Value> {
        match self.skip_ws()? {
            b'n' => {
                self.pos += 1;
                self.literal(b"ull").map(|_| Value::Null)
            }
            b't' => {
                self.pos += 1;
                self.literal(b"rue").map(|_| Value::Bool(true))
            }
            b'f' => {
                self.pos += 1;
                self.literal(b"alse").map(|_| Value::Bool(false))
            }
            b'-' | b'0'..=b'9' => self.number(true).map(Value::Number),
            b'"' => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            b'[' => {
                self.depth -= 1;
                if self.depth == 0 {
                    return None;
                }
                self.pos += 1;
                let items = self.array()?;
                self.depth += 1;
                Some(Value::Array(items))
            }
            b'{' => {
                self.depth -= 1;
                if self.depth == 0 {
                    return None;
                }
                self.pos += 1;
                let map = self.object()?;
                self.depth += 1;
                Some(Value::Object(map))
            }
            _ => None,
        }
    }

    /// After `[`: the items (the first `max_items` kept, the rest checked and skipped) and `]`.
    fn array(&mut self) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let c = self.skip_ws()?;
            if c == b']' {
                self.pos += 1;
                return Some(items);
            }
            if !first {
                if c != b',' {
                    return None;
                }
                self.pos += 1;
                if self.skip_ws()? == b']' {
                    return None; // a trailing comma
                }
            }
            first = false;
            if items.len() < self.keep.max_items {
                items.push(self.value()?);
            } else {
                self.skip_value()?;
            }
        }
    }

    /// After `{`: the members (kept keys with their values, the rest skipped) and `}`.
    fn object(&mut self) -> Option<Map> {
        let mut map = Map::default();
        let mut first = true;
        loop {
            let c = self.skip_ws()?;
            if c == b'}' {
                self.pos += 1;
                return Some(map);
            }
            if !first {
                if c != b',' {
                    return None;
                }
                self.pos += 1;
                if self.skip_ws()? != b'"' {
                    return None; // a trailing comma, or a key that is not a string
                }
            } else if c != b'"' {
                return None;
            }
            first = false;
            self.pos += 1;
            let key = self.string()?;
            if self.skip_ws()? != b':' {
                return None;
            }
            self.pos += 1;
            if self.keep.keys.contains(&key) {
                let v = self.value()?;
                map.insert(key, v);
            } else {
                self.skip_value()?;
                if key == self.keep.flag {
                    map.insert(key, Value::Bool(true));
                }
            }
        }
    }

    /// After `"`: the string up to its closing quote, escapes decoded. Control characters and
    /// bad escapes (lone surrogates included) are errors.
    fn string(&mut self) -> Option<String> {
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            let c = self.next()?;
            match c {
                b'"' => {
                    out.push_str(self.text(start, self.pos - 1));
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(self.text(start, self.pos - 1));
                    self.escape(&mut out)?;
                    start = self.pos;
                }
                0..=0x1F => return None,
                _ => {}
            }
        }
    }

    /// The input between two positions that fall on character boundaries.
    fn text(&self, from: usize, to: usize) -> &str {
        std::str::from_utf8(&self.b[from..to]).unwrap_or_default()
    }

    /// After a backslash in a string: the escape, decoded into `out`.
    fn escape(&mut self, out: &mut String) -> Option<()> {
        let c = match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let n = self.hex4()?;
                if (0xDC00..=0xDFFF).contains(&n) {
                    return None;
                }
                if (0xD800..=0xDBFF).contains(&n) {
                    if self.next()? != b'\\' || self.next()? != b'u' {
                        return None;
                    }
                    let n2 = self.hex4()?;
                    if !(0xDC00..=0xDFFF).contains(&n2) {
                        return None;
                    }
                    char::from_u32((((n - 0xD800) << 10) | (n2 - 0xDC00)) + 0x1_0000)?
                } else {
                    char::from_u32(n)?
                }
            }
            _ => return None,
        };
        out.push(c);
        Some(())
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            n = n << 4 | (self.next()? as char).to_digit(16)?;
        }
        Some(n)
    }

    /// A skipped value: checked as strictly as a kept one, but without building anything or a
    /// limit on nesting (serde_json skips iteratively).
    fn skip_value(&mut self) -> Option<()> {
        // The containers open around the current position: `[` or `{`.
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value.
            match self.skip_ws()? {
                b'n' => {
                    self.pos += 1;
                    self.literal(b"ull")?;
                }
                b't' => {
                    self.pos += 1;
                    self.literal(b"rue")?;
                }
                b'f' => {
                    self.pos += 1;
                    self.literal(b"alse")?;
                }
                b'-' | b'0'..=b'9' => {
                    self.number(false)?;
                }
                b'"' => {
                    self.pos += 1;
                    self.skip_string()?;
                }
                c @ (b'[' | b'{') => {
                    self.pos += 1;
                    let close = if c == b'[' { b']' } else { b'}' };
                    if self.skip_ws()? == close {
                        self.pos += 1;
                    } else {
                        open.push(c);
                        if c == b'{' {
                            self.skip_key()?;
                        }
                        continue;
                    }
                }
                _ => return None,
            }
            // After a value: a comma and the next one, or the containers' ends.
            loop {
                let Some(&inner) = open.last() else {
                    return Some(());
                };
                match self.skip_ws()? {
                    b',' => {
                        self.pos += 1;
                        if inner == b'{' {
                            self.skip_key()?;
                        }
                        break;
                    }
                    b']' if inner == b'[' => {
                        self.pos += 1;
                        open.pop();
                    }
                    b'}' if inner == b'{' => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    /// In a skipped object: a key and its colon.
    fn skip_key(&mut self) -> Option<()> {
        if self.skip_ws()? != b'"' {
            return None;
        }
        self.pos += 1;
        self.skip_string()?;
        if self.skip_ws()? != b':' {
            return None;
        }
        self.pos += 1;
        Some(())
    }

    /// After `"` in a skipped value: past the closing quote. `\u` takes any four hex digits.
    fn skip_string(&mut self) -> Option<()> {
        loop {
            match self.next()? {
                b'"' => return Some(()),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        self.hex4()?;
                    }
                    _ => return None,
                },
                0..=0x1F => return None,
                _ => {}
            }
        }
    }

    /// A number (`-`? int frac? exp?), written as serde_json writes the value it reads when
    /// `write`, else only checked. Kept numbers follow serde_json's parser step by step
    /// (`parse_integer` and what it calls), so they get the same f64, and the same error when
    /// too large for one.
    fn number(&mut self, write: bool) -> Option<String> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        if !write {
            return self.skip_number();
        }
        let positive = !negative;
        let mut significand: u64 = 0;
        match self.next()? {
            b'0' => {
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return None;
                }
            }
            c @ b'1'..=b'9' => {
                significand = u64::from(c - b'0');
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    let d = u64::from(c - b'0');
                    match significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
                        Some(s) => {
                            self.pos += 1;
                            significand = s;
                        }
                        None => {
                            // parse_long_integer: the digits left only scale it.
                            let mut exponent = 0i32;
                            while matches!(self.peek(), Some(b'0'..=b'9')) {
                                self.pos += 1;
                                exponent += 1;
                            }
                            let f = self.fraction(positive, significand, exponent)?;
                            return Some(self.float_text(f, start));
                        }
                    }
                }
            }
            _ => return None,
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            let f = self.fraction(positive, significand, 0)?;
            return Some(self.float_text(f, start));
        }
        Some(if positive {
            significand.to_string()
        } else if significand == 0 || significand > 1 << 63 {
            // serde_json reads `-0` and integers below i64's range as floats.
            self.float_text(-(significand as f64), start)
        } else {
            format!("-{significand}")
        })
    }

    /// After an integer part (`significand` scaled by 10^`exponent`): its fraction and exponent
    /// if any, and the f64 (serde_json's `parse_decimal`, `parse_exponent` and their overflow
    /// cases, then `f64_from_parts`).
    fn fraction(&mut self, positive: bool, mut significand: u64, mut exponent: i32) -> Option<f64> {
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let mut after = 0i32;
            let mut overflowed = false;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.pos += 1;
                if overflowed {
                    continue;
                }
                let d = u64::from(c - b'0');
                match significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
                    Some(s) => {
                        significand = s;
                        after -= 1;
                    }
                    None => overflowed = true,
                }
            }
            if after == 0 && !overflowed {
                return None; // no digit after the point
            }
            exponent += after;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            let positive_exp = match self.peek() {
                Some(b'+') => {
                    self.pos += 1;
                    true
                }
                Some(b'-') => {
                    self.pos += 1;
                    false
                }
                _ => true,
            };
            let mut exp = match self.next()? {
                c @ b'0'..=b'9' => i32::from(c - b'0'),
                _ => return None,
            };
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.pos += 1;
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(c - b'0')))
                {
                    Some(e) => exp = e,
                    None => {
                        // An exponent past i32: out of range, or zero.
                        if significand != 0 && positive_exp {
                            return None;
                        }
                        while matches!(self.peek(), Some(b'0'..=b'9')) {
                            self.pos += 1;
                        }
                        return Some(if positive { 0.0 } else { -0.0 });
                    }
                }
            }
            exponent = if positive_exp {
                exponent.saturating_add(exp)
            } else {
                exponent.saturating_sub(exp)
            };
        }
        // f64_from_parts.
        let mut f = significand as f64;
        loop {
            let n = exponent.unsigned_abs();
            if n <= 308 {
                if exponent >= 0 {
                    f *= pow10(n);
                    if f.is_infinite() {
                        return None;
                    }
                } else {
                    f /= pow10(n);
                }
                break;
            }
            if f == 0.0 {
                break;
            }
            if exponent >= 0 {
                return None;
            }
            f /= 1e308;
            exponent += 308;
        }
        Some(if positive { f } else { -f })
    }

    /// A skipped number, after its sign: only its grammar is checked.
    fn skip_number(&mut self) -> Option<String> {
        match self.next()? {
            b'0' => {
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return None;
                }
            }
            b'1'..=b'9' => self.skip_digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.next()?, b'0'..=b'9') {
                return None;
            }
            self.skip_digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.next()?, b'0'..=b'9') {
                return None;
            }
            self.skip_digits();
        }
        Some(String::new())
    }

    /// A float read from `start` to here, as serde_json writes it when that is plain: a whole
    /// number below 10^15 (`2024.0`, `-0.0`), or a decimal of at most 15 digits without an
    /// exponent whose value is at least 10^-5 (`4.5` for `4.50`). Other forms (exponents, tiny or huge values) are
    /// kept as written: serde_json's shortest round-trip formatting needs ~14 KB of tables in
    /// the wasm for numbers that only show when a name or a date is given as one.
    fn float_text(&self, f: f64, start: usize) -> String {
        let literal = std::str::from_utf8(&self.b[start..self.pos]).unwrap_or("");
        if f == f.trunc() && f.abs() < 1e15 {
            let sign = if f.is_sign_negative() { "-" } else { "" };
            return format!("{sign}{}.0", f.abs() as u64);
        }
        if literal.contains(['e', 'E']) || f.abs() < 1e-5 {
            return literal.to_string();
        }
        // A plain decimal: no zeros after its last digit, nor before its first.
        let (sign, digits) = match literal.strip_prefix('-') {
            Some(d) => ("-", d),
            None => ("", literal),
        };
        let digits = digits.trim_end_matches('0');
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let int = int.trim_start_matches('0');
        if int.len() + frac.len() > 15 {
            return literal.to_string(); // past what an f64 keeps exactly
        }
        let int = if int.is_empty() { "0" } else { int };
        format!("{sign}{int}.{frac}")
    }

    fn skip_digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

/// 10^`n` for `n` up to 308, correctly rounded, as the entries of serde_json's table of them.
/// Exact up to 10^22; above, computed as a big integer and rounded (rare: only a kept number
/// with an exponent past 22 needs one).
fn pow10(n: u32) -> f64 {
    const EXACT: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if let Some(&p) = EXACT.get(n as usize) {
        return p;
    }
    // 10^n in 32-bit limbs, least significant first.
    let mut limbs: Vec<u32> = vec![1];
    for _ in 0..n {
        let mut carry = 0u64;
        for l in limbs.iter_mut() {
            let v = u64::from(*l) * 10 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            limbs.push(carry as u32);
        }
    }
    let top = limbs[limbs.len() - 1];
    let bits = 32 * (limbs.len() as u32 - 1) + (32 - top.leading_zeros());
    let bit = |i: u32| (limbs[(i / 32) as usize] >> (i % 32)) & 1 == 1;
    // The top 53 bits, the next one (to round by) and whether any below it is set.
    let mut mantissa: u64 = 0;
    for i in (bits - 53..bits).rev() {
        mantissa = mantissa << 1 | u64::from(bit(i));
    }
    let half = bit(bits - 54);
    let sticky = (0..bits - 54).any(bit);
    let mut exp = bits - 1; // of the leading bit
    if half && (sticky || mantissa & 1 == 1) {
        mantissa += 1;
        if mantissa == 1 << 53 {
            mantissa >>= 1;
            exp += 1;
        }
    }
    f64::from_bits((u64::from(exp) + 1023) << 52 | (mantissa & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn powers_of_ten_are_correctly_rounded() {
        for n in 0..=308 {
            assert_eq!(
                super::pow10(n),
                format!("1e{n}").parse::<f64>().unwrap(),
                "1e{n}"
            );
        }
    }
}
