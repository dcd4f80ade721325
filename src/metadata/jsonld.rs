//! JSON-LD: every `<script type="application/ld+json">` parsed with [`super::json`] (leniently:
//! HTML comment and CDATA wrappers, raw control characters in strings, trailing commas,
//! several values in one script), walked through arrays, `@graph` and nested objects, with
//! `@id` references resolved. Picks the Article-like object and, as a weaker fallback, the
//! WebPage.

use super::json::{self, Keep, Map, Value};
use crate::text_util::{word_numbers, word_pairs, words, Words};
use std::collections::HashMap;

/// What one typed object says.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Fields {
    pub headline: Option<String>,
    pub name: Option<String>,
    /// Authors that are people (or of no stated type).
    pub authors: Vec<String>,
    /// Authors typed as organisations (a publisher crediting itself).
    pub org_authors: Vec<String>,
    pub published: Option<String>,
    pub created: Option<String>,
    pub modified: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub language: Option<String>,
    pub publisher: Option<String>,
}

/// What the page's JSON-LD says.
#[derive(Debug, Default)]
pub(crate) struct JsonLd {
    /// The Article-like object (Article, NewsArticle, BlogPosting, Report...).
    pub article: Option<Fields>,
    /// The WebPage-like object, a weaker fallback.
    pub page: Option<Fields>,
    /// `WebSite` name.
    pub website: Option<String>,
    /// The page says it is a discussion: a `QAPage`, `Question` or `DiscussionForumPosting`.
    pub discussion: bool,
    /// The description of the page's own `Product` (not one listed or related).
    pub product_description: Option<String>,
}

/// Article-like types, with a rank: news and blog articles beat recipes and reviews.
const ARTICLE_TYPES: Words = word_numbers![
    ("article", 10),
    ("newsarticle", 10),
    ("analysisnewsarticle", 10),
    ("askpublicnewsarticle", 10),
    ("backgroundnewsarticle", 10),
    ("opinionnewsarticle", 10),
    ("reportagenewsarticle", 10),
    ("reviewnewsarticle", 10),
    ("satiricalarticle", 10),
    ("advertisercontentarticle", 9),
    ("blogposting", 10),
    ("liveblogposting", 9),
    ("report", 9),
    ("scholarlyarticle", 9),
    ("medicalscholarlyarticle", 9),
    ("techarticle", 9),
    ("apireference", 8),
    ("socialmediaposting", 7),
    ("discussionforumposting", 7),
    ("creativework", 4),
    ("recipe", 6),
    ("review", 5),
    ("howto", 5),
    ("videoobject", 3),
];

const PAGE_TYPES: Words = words![
    "webpage",
    "itempage",
    "aboutpage",
    "faqpage",
    "qapage",
    "profilepage",
    "medicalwebpage",
    "collectionpage",
    "searchresultspage",
    "realestatelisting",
];

/// Keys under which typed objects are other things than the page's own article: lists of
/// other stories, citations, comments.
const FOREIGN_KEYS: Words = words![
    "itemListElement",
    "hasPart",
    "relatedLink",
    "citation",
    "comment",
    "review",
    "subjectOf",
    "mentions",
    "significantLink",
    "isBasedOn",
    "workExample",
    "associatedMedia",
];

const MAX_SCRIPT_BYTES: usize = 2 << 20;
const MAX_DEPTH: usize = 10;
const MAX_NODES: usize = 4000;

/// Parses the scripts' texts and reads what they say.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn extract(scripts: &[String]) -> JsonLd {
    let mut values = Vec::new();
    for s in scripts {
        if s.len() <= MAX_SCRIPT_BYTES {
            values.extend(parse_lenient(s));
        }
    }
    read(&values)
}

/// One script's text to JSON values; bad ones give nothing.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn parse_lenient(text: &str) -> Vec<Value> {
    let t = strip_wrappers(text);
    if t.is_empty() {
        return Vec::new();
    }
    let (values, ok) = parse_stream(t);
    if ok {
        return values;
    }
    let repaired = repair(t);
    let (again, _) = parse_stream(&repaired);
    if again.len() > values.len() {
        again
    } else {
        values
    }
}

/// Parses consecutive JSON values (separated by whitespace, `;` or `,`); returns those read
/// and whether the whole text was read.
#[cfg_attr(pith_size, optimize(size))]
fn parse_stream(t: &str) -> (Vec<Value>, bool) {
    let mut out = Vec::new();
    let mut rest = t;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ';' || c == ',');
        if rest.is_empty() {
            return (out, true);
        }
        match json::read_one(rest, &KEEP_KEYS) {
            Some((v, used)) => {
                out.push(v);
                if used == 0 || used > rest.len() || !rest.is_char_boundary(used) {
                    return (out, false);
                }
                rest = &rest[used..];
            }
            None => return (out, false),
        }
        if out.len() > 64 {
            return (out, false);
        }
    }
}

/// Keys read from JSON-LD objects; every other value is skipped while parsing, without being
/// built (an `ItemList` of a thousand products, an `articleBody` of the whole story).
const KEEP: Words = words![
    "@type",
    "@id",
    "@graph",
    "@value",
    "headline",
    "name",
    "author",
    "creator",
    "datePublished",
    "dateCreated",
    "dateModified",
    "description",
    "image",
    "thumbnailUrl",
    "url",
    "contentUrl",
    "inLanguage",
    "publisher",
    "givenName",
    "familyName",
    "alternateName",
    "mainEntity",
    "isPartOf",
];

/// Arrays longer than this keep their first items only.
const MAX_ITEMS: usize = 64;

/// What the reader keeps: the [`KEEP`] keys of objects (`articleBody` as `true`: its presence
/// is a hint), the first [`MAX_ITEMS`] items of arrays.
const KEEP_KEYS: Keep = Keep {
    keys: KEEP,
    flag: "articleBody",
    max_items: MAX_ITEMS,
};

fn strip_wrappers(text: &str) -> &str {
    let mut t = text.trim().trim_start_matches('\u{feff}').trim();
    for _ in 0..3 {
        let before = t.len();
        for p in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            if let Some(r) = t.strip_prefix(p) {
                t = r.trim_start();
            }
        }
        for s in ["-->", "//]]>", "/*]]>*/", "]]>"] {
            if let Some(r) = t.strip_suffix(s) {
                t = r.trim_end();
            }
        }
        if t.len() == before {
            break;
        }
    }
    t
}

/// Escapes raw control characters inside strings and drops trailing commas before `}`/`]`.
#[cfg_attr(pith_size, optimize(size))]
fn repair(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + 16);
    let mut in_str = false;
    let mut escaped = false;
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
                out.push(c);
            } else if c == '\\' {
                escaped = true;
                out.push(c);
            } else if c == '"' {
                in_str = false;
                out.push(c);
            } else if c == '\n' {
                out.push_str("\\n");
            } else if c == '\r' {
                out.push_str("\\r");
            } else if c == '\t' {
                out.push_str("\\t");
            } else if (c as u32) < 0x20 {
                out.push(' ');
            } else {
                out.push(c);
            }
        } else if c == '"' {
            in_str = true;
            out.push(c);
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if !matches!(next, Some('}' | ']')) {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    out
}

struct Walk<'a> {
    /// Typed objects and whether they sit under a foreign key.
    typed: Vec<(&'a Map, bool)>,
    ids: HashMap<&'a str, &'a Map>,
    visited: usize,
}

impl<'a> Walk<'a> {
    #[cfg_attr(pith_size, optimize(size))]
    fn walk(&mut self, v: &'a Value, depth: usize, foreign: bool) {
        if depth > MAX_DEPTH || self.visited > MAX_NODES {
            return;
        }
        self.visited += 1;
        match v {
            Value::Array(items) => {
                for item in items {
                    self.walk(item, depth + 1, foreign);
                }
            }
            Value::Object(map) => {
                if map.contains_key("@type") {
                    self.typed.push((map, foreign));
                }
                if let Some(Value::String(id)) = map.get("@id") {
                    if map.len() > 1 {
                        self.ids.entry(id.as_str()).or_insert(map);
                    }
                }
                for (k, child) in map.iter() {
                    if matches!(child, Value::Object(_) | Value::Array(_)) {
                        let f = foreign || FOREIGN_KEYS.contains(&k.as_str());
                        self.walk(child, depth + 1, f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The object's types, lowercased, without `schema:` or `http(s)://schema.org/` prefixes.
#[cfg_attr(pith_size, optimize(size))]
fn types(map: &Map) -> Vec<String> {
    let norm = |s: &str| {
        let s = s.rsplit(['/', ':', '#']).next().unwrap_or(s);
        s.trim().to_ascii_lowercase()
    };
    match map.get("@type") {
        Some(Value::String(s)) => vec![norm(s)],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(norm).collect(),
        _ => Vec::new(),
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn article_rank(map: &Map) -> Option<u8> {
    types(map)
        .iter()
        .filter_map(|t| ARTICLE_TYPES.number(t).map(|r| r as u8))
        .max()
}

#[cfg_attr(pith_size, optimize(size))]
fn is_page(map: &Map) -> bool {
    types(map).iter().any(|t| PAGE_TYPES.contains(&t.as_str()))
}

#[cfg_attr(pith_size, optimize(size))]
fn read(values: &[Value]) -> JsonLd {
    let mut w = Walk {
        typed: Vec::new(),
        ids: HashMap::new(),
        visited: 0,
    };
    for v in values {
        w.walk(v, 0, false);
    }
    let mut out = JsonLd::default();
    let mut best: Option<(u32, &Map)> = None;
    for &(map, foreign) in &w.typed {
        if foreign {
            continue;
        }
        if let Some(rank) = article_rank(map) {
            let mut score = u32::from(rank) * 10;
            if map.contains_key("headline") {
                score += 5;
            }
            if map.contains_key("datePublished") {
                score += 2;
            }
            if map.contains_key("author") {
                score += 2;
            }
            if map.contains_key("articleBody") {
                score += 1;
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, map));
            }
        }
    }
    if let Some((_, map)) = best {
        out.article = Some(fields(map, &w.ids));
    }
    if let Some(&(map, _)) = w.typed.iter().find(|(m, f)| !f && is_page(m)) {
        out.page = Some(fields(map, &w.ids));
    }
    out.discussion = w.typed.iter().any(|(m, _)| {
        types(m)
            .iter()
            .any(|t| matches!(t.as_str(), "qapage" | "question" | "discussionforumposting"))
    });
    out.product_description = w
        .typed
        .iter()
        .find(|(m, f)| !f && types(m).iter().any(|t| t == "product"))
        .and_then(|(m, _)| text(m.get("description")));
    out.website = w
        .typed
        .iter()
        .find(|(m, _)| types(m).iter().any(|t| t == "website"))
        .and_then(|(m, _)| text(m.get("name")));
    out
}

type Ids<'a> = HashMap<&'a str, &'a Map>;

/// The object a value stands for: itself, or the object its `@id` reference points to.
#[cfg_attr(pith_size, optimize(size))]
fn deref_map<'a>(v: &'a Value, ids: &Ids<'a>) -> Option<&'a Map> {
    match v {
        Value::Object(m) => {
            if !m.contains_key("name") && !m.contains_key("url") && !m.contains_key("headline") {
                if let Some(Value::String(id)) = m.get("@id") {
                    if let Some(&target) = ids.get(id.as_str()) {
                        return Some(target);
                    }
                }
            }
            Some(m)
        }
        _ => None,
    }
}

/// A string value: the string, the first of an array, `@value` of an object.
#[cfg_attr(pith_size, optimize(size))]
fn text(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => clean_text(s),
        Value::Array(a) => return a.iter().find_map(|x| text(Some(x))),
        Value::Object(m) => return text(m.get("@value")),
        Value::Number(n) => n.clone(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A name: a string, or an object's `name` (else `givenName familyName`, else
/// `alternateName`), following `@id` references.
#[cfg_attr(pith_size, optimize(size))]
fn name(v: &Value, ids: &Ids) -> Option<String> {
    match v {
        Value::String(_) => text(Some(v)),
        Value::Array(a) => a.iter().find_map(|x| name(x, ids)),
        Value::Object(_) => {
            let m = deref_map(v, ids)?;
            if let Some(n) = text(m.get("name")) {
                return Some(n);
            }
            let given = text(m.get("givenName"));
            let family = text(m.get("familyName"));
            match (given, family) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (Some(x), None) | (None, Some(x)) => Some(x),
                _ => text(m.get("alternateName")),
            }
        }
        _ => None,
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn image(v: &Value, ids: &Ids, depth: usize) -> Option<String> {
    if depth > 3 {
        return None;
    }
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| image(x, ids, depth + 1)),
        Value::Object(_) => {
            let m = deref_map(v, ids)?;
            ["url", "contentUrl", "thumbnailUrl"]
                .iter()
                .find_map(|k| m.get(*k).and_then(|x| image(x, ids, depth + 1)))
        }
        _ => None,
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn language(v: Option<&Value>, ids: &Ids) -> Option<String> {
    match v? {
        Value::Object(_) => {
            let m = deref_map(v?, ids)?;
            text(m.get("alternateName")).or_else(|| text(m.get("name")))
        }
        other => text(Some(other)),
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn fields(map: &Map, ids: &Ids) -> Fields {
    let mut f = Fields {
        headline: text(map.get("headline")),
        name: text(map.get("name")),
        published: text(map.get("datePublished")),
        created: text(map.get("dateCreated")),
        modified: text(map.get("dateModified")),
        description: text(map.get("description")),
        language: language(map.get("inLanguage"), ids),
        ..Default::default()
    };
    for key in ["author", "creator"] {
        if let Some(a) = map.get(key) {
            match a {
                Value::Array(items) => {
                    for item in items.iter().take(20) {
                        push_author(item, ids, &mut f);
                    }
                }
                other => push_author(other, ids, &mut f),
            }
        }
        if !f.authors.is_empty() || !f.org_authors.is_empty() {
            break;
        }
    }
    f.image = map
        .get("image")
        .and_then(|v| image(v, ids, 0))
        .or_else(|| map.get("thumbnailUrl").and_then(|v| image(v, ids, 0)));
    f.publisher = map.get("publisher").and_then(|p| name(p, ids));
    f
}

#[cfg_attr(pith_size, optimize(size))]
fn is_org(map: &Map) -> bool {
    types(map).iter().any(|t| {
        t.contains("organization")
            || t.contains("business")
            || matches!(
                t.as_str(),
                "corporation"
                    | "brand"
                    | "website"
                    | "ngo"
                    | "project"
                    | "collegeoruniversity"
                    | "hospital"
                    | "library"
                    | "store"
                    | "governmentoffice"
            )
    })
}

#[cfg_attr(pith_size, optimize(size))]
fn push_author(v: &Value, ids: &Ids, f: &mut Fields) {
    let org = matches!(v, Value::Object(_)) && deref_map(v, ids).is_some_and(is_org);
    if let Some(n) = name(v, ids) {
        if org {
            f.org_authors.push(n);
        } else {
            f.authors.push(n);
        }
    }
}

/// JSON-LD strings are not entity-decoded by the HTML parser, and some sites put markup in
/// them: decode the common entities, drop tags, collapse whitespace.
#[cfg_attr(pith_size, optimize(size))]
fn clean_text(s: &str) -> String {
    let mut decoded = s.to_string();
    // Twice: `&amp;#8230;` is common (encoded once by the CMS, once by the template).
    for _ in 0..2 {
        if decoded.contains('&') {
            decoded = decode_entities(&decoded);
        }
    }
    let stripped = if decoded.contains('<') {
        strip_tags(&decoded)
    } else {
        decoded
    };
    crate::text_util::collapse_whitespace(&stripped)
}

#[cfg_attr(pith_size, optimize(size))]
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(gt)) => {
                out.push(' ');
                rest = &after[gt + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

const ENTITIES: Words = word_pairs![
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("rsquo", "\u{2019}"),
    ("lsquo", "\u{2018}"),
    ("rdquo", "\u{201d}"),
    ("ldquo", "\u{201c}"),
    ("ndash", "\u{2013}"),
    ("mdash", "\u{2014}"),
    ("hellip", "\u{2026}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("bull", "\u{2022}"),
    ("middot", "\u{b7}"),
    ("lsaquo", "\u{2039}"),
    ("rsaquo", "\u{203a}"),
    ("sbquo", "\u{201a}"),
    ("bdquo", "\u{201e}"),
    ("prime", "\u{2032}"),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("shy", ""),
    ("zwj", ""),
    ("zwnj", ""),
    ("euro", "\u{20ac}"),
    ("pound", "\u{a3}"),
    ("cent", "\u{a2}"),
    ("yen", "\u{a5}"),
    ("deg", "\u{b0}"),
    ("times", "\u{d7}"),
    ("frac12", "\u{bd}"),
    ("aacute", "\u{e1}"),
    ("agrave", "\u{e0}"),
    ("acirc", "\u{e2}"),
    ("auml", "\u{e4}"),
    ("aring", "\u{e5}"),
    ("ccedil", "\u{e7}"),
    ("eacute", "\u{e9}"),
    ("egrave", "\u{e8}"),
    ("ecirc", "\u{ea}"),
    ("iacute", "\u{ed}"),
    ("ntilde", "\u{f1}"),
    ("oacute", "\u{f3}"),
    ("ouml", "\u{f6}"),
    ("oslash", "\u{f8}"),
    ("uacute", "\u{fa}"),
    ("uuml", "\u{fc}"),
    ("szlig", "\u{df}"),
    ("Eacute", "\u{c9}"),
    ("Auml", "\u{c4}"),
    ("Ouml", "\u{d6}"),
    ("Uuml", "\u{dc}"),
];

#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let mut done = false;
        if let Some(i) = semi {
            let ent = &after[..i];
            let ch = if let Some(num) = ent.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                code.and_then(char::from_u32).map(String::from)
            } else {
                ENTITIES.text(ent).map(str::to_string)
            };
            if let Some(c) = ch {
                out.push_str(&c);
                rest = &after[i + 1..];
                done = true;
            }
        }
        if !done {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader this module used before [`json::read_one`]: serde_json's stream deserializer
    /// with a visitor keeping only the [`KEEP`] keys. The new reader must accept, refuse and
    /// read exactly as it did.
    mod serde_reference {
        use super::super::{KEEP, MAX_ITEMS};
        use crate::metadata::json::{Map, Value};

        struct Pruned(Value);

        impl<'de> serde::Deserialize<'de> for Pruned {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(PrunedVisitor).map(Pruned)
            }
        }

        struct PrunedVisitor;

        fn number(n: serde_json::Number) -> Value {
            Value::Number(n.to_string())
        }

        impl<'de> serde::de::Visitor<'de> for PrunedVisitor {
            type Value = Value;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Value::Null, number))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::String(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::String(v))
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while items.len() < MAX_ITEMS {
                    match seq.next_element::<Pruned>()? {
                        Some(Pruned(v)) => items.push(v),
                        None => return Ok(Value::Array(items)),
                    }
                }
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Value::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if KEEP.contains(&key.as_ref()) {
                        let Pruned(v) = map.next_value::<Pruned>()?;
                        out.push((key.into_owned(), v));
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                        if key == "articleBody" {
                            out.push(("articleBody".into(), Value::Bool(true)));
                        }
                    }
                }
                Ok(Value::Object(Map::from_pairs(out)))
            }
        }

        /// One value from the start of `text` and the bytes it took, as the old `parse_stream`
        /// read it.
        pub fn read_one(text: &str) -> Option<(Value, usize)> {
            let mut it = serde_json::Deserializer::from_str(text).into_iter::<Pruned>();
            match it.next() {
                Some(Ok(Pruned(v))) => Some((v, it.byte_offset())),
                _ => None,
            }
        }
    }

    /// Both readers read one text the same. Numbers are compared by value: the new reader
    /// writes some floats as the source did (`1e300`), where serde_json writes its own form.
    fn same_as_serde(text: &str) {
        fn by_value(v: &mut json::Value) {
            match v {
                json::Value::Number(n) => *n = format!("{:?}", n.parse::<f64>().unwrap()),
                json::Value::Array(items) => items.iter_mut().for_each(by_value),
                json::Value::Object(map) => map.values_mut().for_each(by_value),
                _ => {}
            }
        }
        let mut new = json::read_one(text, &KEEP_KEYS);
        let mut old = serde_reference::read_one(text);
        for (v, _) in new.iter_mut().chain(old.iter_mut()) {
            by_value(v);
        }
        assert_eq!(new, old, "{text:?}");
    }

    #[test]
    fn plain_numbers_as_serde_json_writes_them() {
        let number = |text: &str| match json::read_one(&format!("{{\"name\": {text}}}"), &KEEP_KEYS)
        {
            Some((json::Value::Object(m), _)) => match m.get("name") {
                Some(json::Value::Number(n)) => n.clone(),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        for text in [
            "2024",
            "-3",
            "2024.0",
            "4.5",
            "4.50",
            "-0.25",
            "0.0001",
            "-0",
            "1e3",
            "12345678.875",
        ] {
            let serde: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(number(text), serde.to_string(), "{text}");
        }
        assert_eq!(number("1e300"), "1e300");
        assert_eq!(number("2.5E-9"), "2.5E-9");
    }

    #[test]
    fn same_as_serde_json_on_edge_cases() {
        let cases = [
            "",
            " ",
            "null",
            "nul",
            "nullx",
            "null ",
            "null,",
            "true",
            "false",
            "tru",
            "1",
            "-",
            "-0",
            "-0.0",
            "0",
            "01",
            "-01",
            "1.",
            "1.5",
            ".5",
            "1e",
            "1e+",
            "1e5",
            "1E-5",
            "1e400",
            "-1e400",
            "1e-400",
            "0e999",
            "12345678901234567890",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123.456e7",
            "1.0",
            "100",
            "1x",
            "1]",
            "1}",
            "1:",
            "1\"",
            "\"a\"",
            "\"a",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ude00\"",
            "\"\\ud83dx\"",
            "\"\\ud83d\\n\"",
            "\"\\ud83d\\u0041\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "\"a\nb\"",
            "\"a\tb\"",
            "\"\u{7f}\"",
            "[]",
            "[ ]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1,,2]",
            "[",
            "[1",
            "[1,",
            "{}",
            "{ }",
            "{\"a\":1}",
            "{\"name\":1,}",
            "{\"name\" 1}",
            "{name:1}",
            "{\"name\":}",
            "{\"name\":1",
            "{,}",
            "{\"headline\":\"a\",\"headline\":\"b\"}",
            "{\"x\":[1,{\"y\":[]},\"z\"],\"name\":\"n\"}",
            "{\"x\":[1,]}",
            "{\"x\":{\"a\" 1}}",
            "{\"x\":{,}}",
            "{\"x\":[}",
            "{\"x\":\"\\u12\"}",
            "{\"x\":\"\\ud800\"}",
            "{\"x\":01}",
            "{\"x\":1.}",
            "{\"x\":-}",
            "{\"x\":nul}",
            "{\"x\":[[[[]]]]}",
            "{\"articleBody\":\"long\",\"name\":2}",
            "{\"@type\":\"A\"} {\"b\":1}",
            "[1] x",
            "\"s\"x",
            "{\"name\":\"\u{0}\"}",
            "{\"name\":[1,2,3]}",
            "{\"name\":{\"@value\":\"v\"}}",
            "{\"x\":{\"a\":1,}}",
            "{\"x\":{\"a\":1 \"b\":2}}",
            "{\"x\":{\"a\":1}}}",
            "{\"x\":[1 2]}",
            "{\"x\":[]]}",
            "{\"x\":tru}",
            "{\"x\":1e}",
            "{\"x\":\"a\nb\"}",
            "{\"\\u0041\":1}",
            "{\"name\\u0000\":1}",
            "{\"na\\me\":1}",
        ];
        for c in cases {
            same_as_serde(c);
            for n in 0..c.len() {
                if c.is_char_boundary(n) {
                    same_as_serde(&c[..n]);
                }
            }
        }
        // Many items, deep nesting (kept and skipped), long numbers.
        let many = format!("[{}]", vec!["1"; 100].join(","));
        same_as_serde(&many);
        let many_bad = format!("[{},]", vec!["1"; 100].join(","));
        same_as_serde(&many_bad);
        for depth in [126, 127, 128, 129, 300] {
            same_as_serde(&("[".repeat(depth) + &"]".repeat(depth)));
            let skipped = format!("{{\"x\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
            same_as_serde(&skipped);
            let kept = format!("{{\"name\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
            same_as_serde(&kept);
        }
        for n in [
            "1.5",
            "0.1",
            "123456.789",
            "-2.5e-3",
            "6.02214076e23",
            "1e22",
            "9007199254740993",
            "184467440737095516160.1",
            "18446744073709551615.5",
            "99999999999999999999.99999e3",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "1.8e308",
            "1e309",
            "1e-324",
            "2.5e-324",
            "4.9e-324",
            "123456789012345678901234567890e-10",
            "0.000000000000000000000000001",
            "1e2147483647",
            "1e2147483648",
            "0e2147483648",
            "-1e-2147483649",
            "1.5e+3",
            "-0e5",
            "0.1e-400",
            "1234.5678e-300",
            "-12e500",
        ] {
            same_as_serde(&format!("{{\"name\":{n}}}"));
        }
    }

    /// Every JSON-LD script of the benchmark pages (`../shared/bench`, when there), whole, cut
    /// short at many places and with a byte changed here and there: both readers agree.
    #[cfg(feature = "cli")]
    #[test]
    fn same_as_serde_json_on_the_benchmark_scripts() {
        use std::io::Read;
        let mut scripts = Vec::new();
        for set in ["scrapinghub", "wcxb-dev"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
            let root = if root.exists() {
                root
            } else {
                std::path::PathBuf::from("/work/shared/bench")
            };
            let Ok(entries) = std::fs::read_dir(root.join(set).join("html")) else {
                continue;
            };
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in &paths {
                let gz = std::fs::read(p).unwrap();
                let mut html = String::new();
                if flate2::read::GzDecoder::new(&gz[..])
                    .read_to_string(&mut html)
                    .is_err()
                {
                    continue;
                }
                let doc = crate::parse::parse_html(&html);
                scripts.extend(crate::metadata::scan::scan(&doc).jsonld);
            }
        }
        if scripts.is_empty() {
            eprintln!("no benchmark pages");
            return;
        }
        let mut seed = 0x2545F4914F6CDD1Du64;
        let mut rand = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let noise = [
            "", ",", "]", "}", "\"", "\\", "\n", " ", "1", "-", ".", "e", "{", "[", ":", "\\u",
            "\\ud800", "null", "\u{1}",
        ];
        for s in &scripts {
            let t = strip_wrappers(s);
            same_as_serde(t);
            let _ = parse_lenient(s);
            for _ in 0..20 {
                let mut cut = rand(t.len() + 1);
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                same_as_serde(&t[..cut]);
                let mut at = rand(t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                let mutated = format!("{}{}{}", &t[..at], noise[rand(noise.len())], &t[at..]);
                same_as_serde(&mutated);
                same_as_serde(&repair(&mutated));
            }
        }
        eprintln!("{} scripts", scripts.len());
    }

    fn ld(scripts: &[&str]) -> JsonLd {
        extract(&scripts.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn plain_article() {
        let j = ld(&[r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Rivers &amp; Lakes","author":{"@type":"Person","name":"Jane Doe"},
            "datePublished":"2024-03-05T10:00:00Z","image":["https://x/a.jpg","https://x/b.jpg"],
            "publisher":{"@type":"Organization","name":"Daily"}}"#]);
        let a = j.article.unwrap();
        assert_eq!(a.headline.as_deref(), Some("Rivers & Lakes"));
        assert_eq!(a.authors, vec!["Jane Doe"]);
        assert!(a.org_authors.is_empty());
        assert_eq!(a.published.as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(a.image.as_deref(), Some("https://x/a.jpg"));
        assert_eq!(a.publisher.as_deref(), Some("Daily"));
    }

    #[test]
    fn graph_with_id_references_and_type_arrays() {
        let j = ld(&[r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://s/#website","name":"Site Name"},
            {"@type":["WebPage","ItemPage"],"@id":"https://s/p/#webpage","name":"Page title - Site Name",
             "inLanguage":"en-US","datePublished":"2024-01-01"},
            {"@type":["Article","BlogPosting"],"@id":"https://s/p/#article","isPartOf":{"@id":"https://s/p/#webpage"},
             "headline":"The real headline","author":[{"@id":"https://s/#/person/1"},{"@id":"https://s/#/person/2"}],
             "publisher":{"@id":"https://s/#org"},"image":{"@id":"https://s/p/#primaryimage"},
             "datePublished":"2024-03-05","dateModified":"2024-03-06"},
            {"@type":"ImageObject","@id":"https://s/p/#primaryimage","url":"https://s/img.jpg"},
            {"@type":"Person","@id":"https://s/#/person/1","name":"Ann Lee"},
            {"@type":"Person","@id":"https://s/#/person/2","givenName":"Bo","familyName":"Kim"},
            {"@type":"Organization","@id":"https://s/#org","name":"Org Name"}
        ]}"#]);
        let a = j.article.unwrap();
        assert_eq!(a.headline.as_deref(), Some("The real headline"));
        assert_eq!(a.authors, vec!["Ann Lee", "Bo Kim"]);
        assert_eq!(a.image.as_deref(), Some("https://s/img.jpg"));
        assert_eq!(a.publisher.as_deref(), Some("Org Name"));
        assert_eq!(a.modified.as_deref(), Some("2024-03-06"));
        let p = j.page.unwrap();
        assert_eq!(p.language.as_deref(), Some("en-US"));
        assert_eq!(j.website.as_deref(), Some("Site Name"));
    }

    #[test]
    fn organisation_authors_apart() {
        let j = ld(&[
            r#"{"@type":"Article","author":[{"@type":"Organization","name":"USA TODAY"},{"@type":"Person","name":"Brian Truitt"}]}"#,
        ]);
        let a = j.article.unwrap();
        assert_eq!(a.authors, vec!["Brian Truitt"]);
        assert_eq!(a.org_authors, vec!["USA TODAY"]);
    }

    #[test]
    fn a_question_page_declares_a_discussion() {
        assert!(
            ld(&[r#"{"@type":"QAPage","mainEntity":{"@type":"Question","name":"Which Qt?"}}"#])
                .discussion
        );
        assert!(
            ld(&[r#"{"@graph":[{"@type":"DiscussionForumPosting","headline":"Hi"}]}"#]).discussion
        );
        // Comments under a blog post are not a discussion page.
        assert!(
            !ld(&[r#"{"@type":"BlogPosting","comment":[{"@type":"Comment","text":"Nice"}]}"#])
                .discussion
        );
    }

    #[test]
    fn picks_the_article_over_listed_items() {
        let j = ld(&[
            r#"{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","headline":"Other story"}]}"#,
            r#"[{"@type":"BreadcrumbList"},{"@type":"http://schema.org/ReportageNewsArticle","headline":"Mine"}]"#,
        ]);
        assert_eq!(j.article.unwrap().headline.as_deref(), Some("Mine"));
        let only_list = ld(&[
            r#"{"@type":"CollectionPage","hasPart":[{"@type":"BlogPosting","headline":"Teaser"}]}"#,
        ]);
        assert!(only_list.article.is_none());
        assert!(only_list.page.is_some());
    }

    #[test]
    fn malformed_json_ld_does_not_panic() {
        let bad = [
            "",
            "{",
            "}",
            "[[[[[[[[[[",
            "{\"@type\": \"Article\", \"headline\": }",
            "null",
            "\"just a string\"",
            "<!-- {\"@type\":\"Article\",\"headline\":\"Wrapped\"} -->",
            "{\"@type\":\"Article\",\"headline\":\"Trailing\",}",
            "{\"@type\":\"Article\",\"headline\":\"Line\nbreak\"}",
            "//<![CDATA[\n{\"@type\":\"Article\",\"headline\":\"CDATA\"}\n//]]>",
            "{\"@type\":\"Article\"}{\"@type\":\"WebSite\",\"name\":\"Two\"}",
            "{\"@type\":[1,2,null],\"author\":[null,1,{\"@id\":\"missing\"}],\"image\":{\"@id\":\"x\"}}",
            "{\"@type\":\"Article\",\"headline\":\"é\u{0}\",\"author\":{\"name\":[\"A\"]}}",
            "&#xFFFFFFFF; &#99999999; &; &amp",
        ];
        for b in bad {
            let _ = ld(&[b]);
        }
        let deep = "[".repeat(5000) + &"]".repeat(5000);
        let _ = ld(&[&deep]);
        assert_eq!(
            ld(&[bad[7]]).article.unwrap().headline.as_deref(),
            Some("Wrapped")
        );
        assert_eq!(
            ld(&[bad[8]]).article.unwrap().headline.as_deref(),
            Some("Trailing")
        );
        assert_eq!(
            ld(&[bad[9]]).article.unwrap().headline.as_deref(),
            Some("Line break")
        );
        assert_eq!(
            ld(&[bad[10]]).article.unwrap().headline.as_deref(),
            Some("CDATA")
        );
        assert_eq!(ld(&[bad[11]]).website.as_deref(), Some("Two"));
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            clean_text("And finally&amp;#8230; &bull; caf&eacute;"),
            "And finally\u{2026} \u{2022} caf\u{e9}"
        );
        assert_eq!(
            decode_entities("a &amp; b &#8217; &#x2014; &bogus; &"),
            "a & b \u{2019} \u{2014} &bogus; &"
        );
        assert_eq!(
            clean_text("<p>Hello <b>there</b></p> 1 < 2"),
            "Hello there 1 < 2"
        );
    }
}
