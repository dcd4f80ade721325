//! One pass over the document collecting everything metadata is read from: `<html>`/`<body>`
//! attributes, `<title>`, `<meta>`, `<link>`, `<base>`, JSON-LD scripts, `<h1>`s, `<time>`s,
//! microdata scopes and properties, and byline candidates. Text is read later, and only for
//! the few nodes that need it.

use crate::dom::{Document, NodeId};
use crate::text_util::{words, Words};
use html5ever::local_name;

/// Bounds on what is collected, so hostile pages stay cheap.
const MAX_H1: usize = 8;
const MAX_TIMES: usize = 64;
const MAX_SCOPES: usize = 32;
const MAX_ITEMPROPS: usize = 400;
const MAX_BYLINES: usize = 32;
const MAX_BYLINE_NODES: usize = 4000;
/// Levels above the `<h1>` searched for bylines when it is not in an `<article>`.
const CLIMB: usize = 6;
const MAX_METAS: usize = 600;
const MAX_SCRIPTS: usize = 32;

/// What kind of microdata scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Article,
    Page,
}

#[derive(Default)]
pub(crate) struct Scan<'a> {
    pub html_lang: Option<&'a str>,
    pub html_dir: Option<&'a str>,
    pub body_dir: Option<&'a str>,
    pub title: Option<String>,
    /// `<meta name|property=KEY content=...>`: key lowercased.
    pub metas: Vec<(String, &'a str)>,
    /// `<meta http-equiv=KEY content=...>`: key lowercased.
    pub http_equiv: Vec<(String, &'a str)>,
    pub canonical: Option<&'a str>,
    pub base: Option<&'a str>,
    pub image_src: Option<&'a str>,
    pub jsonld: Vec<String>,
    pub h1s: Vec<NodeId>,
    pub times: Vec<NodeId>,
    /// Microdata scopes of Article-like and WebPage-like types.
    pub scopes: Vec<(NodeId, ScopeKind)>,
    pub itemprops: Vec<NodeId>,
    /// The first `<article>`.
    pub article: Option<NodeId>,
}

const ARTICLE_ITEMTYPES: Words = words![
    "discussionforumposting",
    "article",
    "newsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "liveblogposting",
    "opinionnewsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "review",
    "recipe",
];

const PAGE_ITEMTYPES: Words = words![
    "webpage",
    "itempage",
    "aboutpage",
    "profilepage",
    "collectionpage",
];

/// Whether any of `needles` (lowercase ASCII, at least 5 bytes) occurs in `hay`, ignoring
/// ASCII case. Runs on every class and link of the page, so it compares four bytes at a time
/// (case folded by OR-ing 0x20, which leaves `/` and digits alone) before confirming a hit.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn has_word_ci(hay: &str, needles: &[&str]) -> bool {
    let h = hay.as_bytes();
    let fold = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) | 0x2020_2020;
    let keys: [Option<u32>; 4] = std::array::from_fn(|k| {
        needles
            .get(k)
            .map(|n| n.as_bytes())
            .filter(|n| n.len() >= 5)
            .map(|n| fold(&n[1..5]))
    });
    if h.len() < 5 {
        return false;
    }
    for i in 1..=h.len() - 4 {
        let w = fold(&h[i..i + 4]);
        for (k, key) in keys.iter().enumerate() {
            if *key == Some(w) {
                let n = needles[k].as_bytes();
                if h.len() - (i - 1) >= n.len() && h[i - 1..i - 1 + n.len()].eq_ignore_ascii_case(n)
                {
                    return true;
                }
            }
        }
    }
    false
}

/// ASCII case-insensitive substring test.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg_attr(pith_size, optimize(size))]
fn scope_kind(itemtype: &str) -> Option<ScopeKind> {
    let mut kind = None;
    for t in itemtype.split_ascii_whitespace() {
        let name = t
            .rsplit(['/', '#', ':'])
            .next()
            .unwrap_or(t)
            .to_ascii_lowercase();
        if ARTICLE_ITEMTYPES.contains(&name.as_str()) {
            return Some(ScopeKind::Article);
        }
        if PAGE_ITEMTYPES.contains(&name.as_str()) {
            kind = Some(ScopeKind::Page);
        }
    }
    kind
}

#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn scan(doc: &Document) -> Scan<'_> {
    let mut s = Scan::default();
    let mut it = doc.descendants(Document::ROOT);
    while let Some(n) = it.next() {
        let Some(el) = doc.element(n) else {
            continue;
        };
        if !el.html {
            // SVG and MathML: their <title>s and <a>s are not the page's.
            it.skip_subtree(n);
            continue;
        }
        // Tags and attribute names compared as atoms (integer compares), not strings: this
        // loop sees every element of the page.
        let name = &el.name;
        if *name == local_name!("html") {
            s.html_lang = el.attr("lang").or_else(|| el.attr("xml:lang"));
            s.html_dir = el.attr("dir");
        } else if *name == local_name!("body") {
            s.body_dir = el.attr("dir");
        } else if *name == local_name!("title") {
            if s.title.is_none() {
                let t = crate::text_util::collapse_whitespace(&doc.text_content(n));
                if !t.is_empty() {
                    s.title = Some(t);
                }
            }
            it.skip_subtree(n);
            continue;
        } else if *name == local_name!("meta") {
            if let Some(content) = el.attr("content") {
                if s.metas.len() < MAX_METAS {
                    for attr in ["name", "property"] {
                        if let Some(keys) = el.attr(attr) {
                            for k in keys.split_ascii_whitespace() {
                                s.metas.push((k.to_ascii_lowercase(), content));
                            }
                        }
                    }
                    if let Some(k) = el.attr("http-equiv") {
                        s.http_equiv.push((k.trim().to_ascii_lowercase(), content));
                    }
                }
            }
        } else if *name == local_name!("link") {
            if let (Some(rel), Some(href)) = (el.attr("rel"), el.attr("href")) {
                for r in rel.split_ascii_whitespace() {
                    if r.eq_ignore_ascii_case("canonical") && s.canonical.is_none() {
                        s.canonical = Some(href);
                    } else if r.eq_ignore_ascii_case("image_src") && s.image_src.is_none() {
                        s.image_src = Some(href);
                    }
                }
            }
        } else if *name == local_name!("base") {
            if s.base.is_none() {
                s.base = el.attr("href");
            }
        } else if *name == local_name!("script") {
            let ty = el.attr("type").unwrap_or("");
            let ty = ty.split(';').next().unwrap_or("").trim();
            if ty.eq_ignore_ascii_case("application/ld+json") && s.jsonld.len() < MAX_SCRIPTS {
                s.jsonld.push(doc.text_content(n));
            }
            it.skip_subtree(n);
            continue;
        } else if *name == local_name!("style") || *name == local_name!("template") {
            it.skip_subtree(n);
            continue;
        } else if *name == local_name!("h1") {
            if s.h1s.len() < MAX_H1 {
                s.h1s.push(n);
            }
        } else if *name == local_name!("time") && s.times.len() < MAX_TIMES {
            s.times.push(n);
        }
        // The attributes the rest of metadata reads, in one pass.
        let (mut itemscope, mut itemtype, mut itemprop) = (false, None, false);
        for a in &el.attrs {
            let l = &a.name.local;
            if *l == local_name!("itemscope") {
                itemscope = true;
            } else if *l == local_name!("itemtype") {
                itemtype = Some(&*a.value);
            } else if *l == local_name!("itemprop") {
                itemprop = true;
            }
        }
        if itemscope && s.scopes.len() < MAX_SCOPES {
            if let Some(kind) = itemtype.and_then(scope_kind) {
                s.scopes.push((n, kind));
            }
        }
        if itemprop && s.itemprops.len() < MAX_ITEMPROPS {
            s.itemprops.push(n);
        }
        if *name == local_name!("article") && s.article.is_none() {
            s.article = Some(n);
        }
    }
    s
}

/// Byline candidates around the headline: elements whose class or id says byline/author,
/// `rel=author` links and links to `/author/` pages, within the `<article>` or a few levels
/// above the `<h1>` (bounded: this reads classes, and pages carry thousands of them).
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn byline_candidates(
    doc: &Document,
    scan: &Scan,
    anchor: Option<NodeId>,
) -> Vec<NodeId> {
    let mut root = match (anchor, scan.article) {
        (Some(h), Some(a)) if doc.is_inclusive_ancestor(a, h) => a,
        (Some(h), _) => h,
        (None, Some(a)) => a,
        (None, None) => match doc.body() {
            Some(b) => b,
            None => return Vec::new(),
        },
    };
    if Some(root) != scan.article {
        for _ in 0..CLIMB {
            match doc.node(root).parent {
                Some(p) if !matches!(doc.tag(p), "body" | "html" | "") => root = p,
                _ => break,
            }
        }
    }
    let mut out = Vec::new();
    for n in doc.descendants(root).take(MAX_BYLINE_NODES) {
        let Some(el) = doc.element(n) else {
            continue;
        };
        let (mut class, mut id, mut rel, mut href) = (None, None, None, None);
        for a in &el.attrs {
            let l = &a.name.local;
            if *l == local_name!("class") {
                class = Some(&*a.value);
            } else if *l == local_name!("id") {
                id = Some(&*a.value);
            } else if *l == local_name!("href") {
                href = Some(&*a.value);
            } else if *l == local_name!("rel") {
                rel = Some(&*a.value);
            }
        }
        let author_link = el.name == local_name!("a")
            && href.is_some_and(|h| has_word_ci(h, &["/author/", "/authors/"]));
        if author_link || is_byline_candidate(&el.name, class, id, rel) {
            out.push(n);
            if out.len() >= MAX_BYLINES {
                break;
            }
        }
    }
    out
}

#[cfg_attr(pith_size, optimize(size))]
fn is_byline_candidate(
    name: &html5ever::LocalName,
    class: Option<&str>,
    id: Option<&str>,
    rel: Option<&str>,
) -> bool {
    let not_bylines = [
        local_name!("html"),
        local_name!("head"),
        local_name!("body"),
        local_name!("meta"),
        local_name!("link"),
        local_name!("script"),
        local_name!("style"),
        local_name!("img"),
        local_name!("picture"),
        local_name!("input"),
        local_name!("button"),
        local_name!("form"),
        local_name!("iframe"),
        local_name!("video"),
        local_name!("audio"),
        local_name!("svg"),
    ];
    if not_bylines.contains(name) {
        return false;
    }
    if *name == local_name!("a")
        && rel.is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
        })
    {
        return true;
    }
    let hit = |v: Option<&str>| {
        v.is_some_and(|v| {
            has_word_ci(v, &["byline", "author"])
                && (contains_ci(v, "byline") || names_author(v))
                && !contains_ci(v, "comment")
                && !contains_ci(v, "avatar")
        })
    };
    hit(class) || hit(id)
}

/// Whether a class or id names an author (`author`, `post-author`, `authorName`,
/// `authorbox`), not one of the words that start with "author" (`authoring`,
/// `authorization`, `authorise`, `authority`).
fn names_author(v: &str) -> bool {
    let b = v.as_bytes();
    (0..b.len().saturating_sub(5)).any(|i| {
        if !b[i..i + 6].eq_ignore_ascii_case(b"author") {
            return false;
        }
        let next = |k: usize| b.get(i + 6 + k).map(u8::to_ascii_lowercase);
        next(0) != Some(b'i')
            || !(matches!(next(1), Some(b'z' | b's' | b't'))
                || next(1) == Some(b'n') && next(2) == Some(b'g'))
    })
}

/// Text below `id`, whitespace collapsed, or `None` when longer than `max` bytes. Block-level
/// elements are set apart by a space; inline ones are not (`<h1>Hi <em>there</em>!</h1>`).
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn bounded_text(doc: &Document, id: NodeId, max: usize) -> Option<String> {
    text_below(doc, id, max, false)
}

/// Like [`bounded_text`], but spans, links and other inline boxes are set apart too: bylines
/// put the name and the date in adjacent spans (`<span>Jane Doe</span><span>May 5</span>`).
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn bounded_text_spaced(doc: &Document, id: NodeId, max: usize) -> Option<String> {
    text_below(doc, id, max, true)
}

#[cfg_attr(pith_size, optimize(size))]
fn text_below(doc: &Document, id: NodeId, max: usize, spaced: bool) -> Option<String> {
    let mut out = String::new();
    let mut it = doc.descendants(id);
    while let Some(n) = it.next() {
        if let Some(t) = doc.text(n) {
            out.push_str(t);
            if out.len() > max * 2 + 64 {
                return None;
            }
            continue;
        }
        let tag = doc.tag(n);
        if matches!(tag, "script" | "style" | "template" | "noscript") {
            it.skip_subtree(n);
            continue;
        }
        let phrasing = matches!(
            tag,
            "" | "b"
                | "i"
                | "em"
                | "strong"
                | "u"
                | "s"
                | "small"
                | "sup"
                | "sub"
                | "mark"
                | "abbr"
                | "wbr"
                | "bdi"
                | "bdo"
                | "q"
                | "cite"
                | "dfn"
                | "kbd"
                | "var"
                | "code"
        );
        let inline_box = matches!(
            tag,
            "span" | "a" | "time" | "font" | "label" | "data" | "img"
        );
        if !phrasing && (spaced || !inline_box) {
            out.push(' ');
        }
    }
    let t = crate::text_util::collapse_whitespace(&out);
    (t.len() <= max).then_some(t)
}

/// Where a node sits: inside the article, or in chrome (comments, asides, related links...).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Context {
    pub in_article: bool,
    pub chrome: bool,
}

/// Class/id words of chrome around the article. Kept specific: `widget` alone and `promo`
/// also name main columns (`widget-manage-opacity`) and flags (`node--promoted`).
const CHROME_WORDS: Words = words![
    "comment",
    "related",
    "sidebar",
    "widget-area",
    "widget_",
    "recommend",
    "teaser",
    "newsletter",
    "popular",
    "trending",
    "more-from",
    "morefrom",
    "read-next",
    "readnext",
];

/// Contexts of nodes, computed top-down and remembered: bylines, `<time>`s and the texts
/// after the headline share most of their ancestors.
#[derive(Default)]
pub(crate) struct Contexts {
    memo: std::cell::RefCell<std::collections::HashMap<NodeId, Context>>,
}

impl Contexts {
    #[cfg_attr(pith_size, optimize(size))]
    pub fn get(&self, doc: &Document, id: NodeId) -> Context {
        let mut memo = self.memo.borrow_mut();
        let mut chain = Vec::new();
        let mut base = Context::default();
        let mut cur = Some(id);
        while let Some(n) = cur {
            if let Some(c) = memo.get(&n) {
                base = *c;
                break;
            }
            if matches!(doc.tag(n), "body" | "html") || chain.len() > 64 {
                break;
            }
            chain.push(n);
            cur = doc.node(n).parent;
        }
        for &n in chain.iter().rev() {
            base = step(doc, n, base);
            memo.insert(n, base);
        }
        base
    }
}

/// The context of `n` given its parent's.
#[cfg_attr(pith_size, optimize(size))]
fn step(doc: &Document, n: NodeId, parent: Context) -> Context {
    let mut c = parent;
    match doc.tag(n) {
        "article" | "main" => c.in_article = true,
        "nav" => c.chrome = true,
        // An aside within the article holds its dateline or a pull quote as often as links.
        "aside" if !parent.in_article => c.chrome = true,
        "footer" if !parent.in_article => c.chrome = true,
        _ => {}
    }
    if !c.chrome {
        if let Some(el) = doc.element(n) {
            for v in [el.attr("class"), el.attr("id")].into_iter().flatten() {
                // Utility-class tokens (`md:[grid-area:sidebar]`, `hover:...`) say nothing
                // about what the element is.
                let chrome = v
                    .split_ascii_whitespace()
                    .filter(|t| !t.contains([':', '[']))
                    .any(|t| {
                        let lower = t.to_ascii_lowercase();
                        CHROME_WORDS.iter().any(|w| lower.contains(w))
                    });
                if chrome {
                    c.chrome = true;
                }
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_ignoring_case() {
        assert!(has_word_ci("post-byline", &["byline", "author"]));
        assert!(has_word_ci("ArticleByline", &["byline", "author"]));
        assert!(has_word_ci("AUTHOR", &["byline", "author"]));
        assert!(has_word_ci("/Author/jane", &["/author/", "/authors/"]));
        assert!(!has_word_ci("authority", &["/author/"]));
        assert!(!has_word_ci("bylin", &["byline"]));
        assert!(!has_word_ci("", &["byline"]));
        assert!(!has_word_ci("é", &["byline"]));
        assert!(!has_word_ci("xbyli", &["byline"]));
    }

    #[test]
    fn author_classes_name_authors() {
        for v in [
            "author",
            "post-author",
            "authorName",
            "authorbox",
            "entry-authors",
            "AUTHOR",
        ] {
            assert!(names_author(v), "{v}");
        }
        for v in [
            "authoring-applications",
            "about-authentication-and-authorization",
            "authorise",
            "authority-link",
            "auth",
        ] {
            assert!(!names_author(v), "{v}");
        }
    }
}
