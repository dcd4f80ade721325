//! Title, authors, dates, language, site, description, image and canonical URL, from
//! JSON-LD (with `@graph`), OpenGraph, Twitter cards, `<meta>`, microdata, `<time>` and
//! visible bylines.
//!
//! [`extract`] runs before classification on one pass over the document ([`scan`]) plus the
//! JSON-LD scripts (parsed pruned to the keys read); bylines and datelines are looked for
//! only around the headline, and only when the markup names no author or date. [`finish`]
//! runs after classification and fills what needs the article's text (language, direction)
//! or its labelled title/byline/date blocks.
//!
//! Precedence, first found wins:
//! - title: the visible `<h1>` when it is (part of) the `<title>` or says much the same as a
//!   declared title (declared titles are often rewritten for search engines); else JSON-LD
//!   `headline` of the Article-like object, `og:title`, `twitter:title`, microdata headline,
//!   the WebPage's name, the `<title>` with the site's name cut, the first `<h1>`. Every
//!   candidate gets the site's name cut off ([`title::clean`]).
//! - authors: JSON-LD (people), `<meta name=author>` and kin, `article:author` (not URLs),
//!   Twitter `label/data` pairs, microdata, the WebPage's JSON-LD, byline elements near the
//!   headline, `By ...` text after it; names that are the site or publisher (JSON-LD
//!   organisations included) only when nothing names a person.
//! - published: JSON-LD `datePublished`/`dateCreated`, the `<meta>` table
//!   ([`PUBLISHED_KEYS`], then any key with `publish`), microdata, the WebPage's JSON-LD,
//!   the best `<time>`, a dateline after the headline, a date in a short block around the
//!   headline block. Dates shown after `Updated`/`Aktualisiert`... go to `modified`.
//! - language: `<html lang>`, `content-language`, `og:locale`, JSON-LD `inLanguage`,
//!   microdata; detected from the article's text when none, or when the text clearly is in
//!   another language (`lang="en"` templates on German pages).
//!
//! `Metadata::sources` names, per field, where the winning value came from:
//!
//! | value | meaning |
//! | --- | --- |
//! | `json-ld` | a `<script type="application/ld+json">` object |
//! | `opengraph` | `og:*` / `article:*` properties |
//! | `twitter` | `twitter:*` cards |
//! | `meta` | other `<meta name=...>` (author, description, dc.date, sailthru.date...) |
//! | `microdata` | `itemprop` inside an Article-like `itemscope` (or no scope) |
//! | `time` | a `<time>` element |
//! | `byline` | visible text: a byline element (class/id `byline`/`author`, `rel=author`), or a date in short text next to the headline; after classification, blocks of kind `byline`/`date` |
//! | `title-tag` | `<title>`, with the site's name cut off (title); the part cut off (site name) |
//! | `heading` | the page's `<h1>` |
//! | `markup` | `lang`/`dir` attributes, `content-language`, `<link rel=canonical>`, `<link rel=image_src>` |
//! | `language` | `dir` inferred from the language |
//! | `detected` | language or direction detected from the article's text |
//! | `url` | [`Options::url`] (canonical URL fallback) |

mod byline;
mod dates;
pub(crate) use dates::find_date;
mod json;
mod jsonld;
mod microdata;
mod nearby;
mod scan;
mod title;
mod url;

use crate::dom::{Document, NodeId};
use crate::heuristics as h;
use crate::lower::Lower;
use crate::text_util::{words, Words};
use crate::{Annotation, Block, Dir, Kind, Metadata, Options};
use scan::Scan;
use std::collections::HashMap;

/// What kind of page the page's own markup says it is: hints for reading it, not shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Declared {
    /// OpenGraph `og:type` is `article`.
    pub article: bool,
    /// JSON-LD names a discussion (`QAPage`, `Question`, `DiscussionForumPosting`).
    pub discussion: bool,
    /// OpenGraph `og:type` is a product (`product`, `product.item`, `og:product`).
    pub product: bool,
    /// The description of the page's own product in its JSON-LD (`Product`).
    pub product_description: Option<String>,
}

/// Metadata from the page's markup, before classification (the classifier uses the title),
/// and what the page declares itself to be.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn extract(doc: &Document, blocks: &[Block], options: &Options) -> (Metadata, Declared) {
    let scan = scan::scan(doc);
    let ld = jsonld::extract(&scan.jsonld);
    let micro = microdata::extract(doc, &scan);
    let x = Extractor {
        meta_index: std::cell::OnceCell::new(),
        nearby: std::cell::OnceCell::new(),
        contexts: scan::Contexts::default(),
        doc,
        scan: &scan,
        ld: &ld,
        micro: &micro,
    };
    let mut m = Metadata::default();

    x.language(&mut m);
    let month_first = month_first(m.language.as_deref());

    // URLs: the base for relative references, the canonical URL, the host.
    let page_url = options
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| url::is_absolute_http(u));
    let og_url = x.meta("og:url");
    let base = scan
        .base
        .and_then(|b| url::resolve(page_url, b))
        .filter(|b| url::is_absolute_http(b))
        .or_else(|| page_url.map(str::to_string))
        .or_else(|| {
            scan.canonical
                .map(str::trim)
                .filter(|c| url::is_absolute_http(c))
                .map(str::to_string)
        })
        .or_else(|| {
            og_url
                .filter(|c| url::is_absolute_http(c))
                .map(str::to_string)
        });
    let base = base.as_deref();
    let canonical = [
        (scan.canonical, "markup"),
        (og_url, "opengraph"),
        (page_url, "url"),
    ]
    .into_iter()
    .find_map(|(v, src)| {
        let u = url::resolve(base, v?)?;
        url::has_scheme(&u).then_some((u, src))
    });
    if let Some((u, src)) = canonical {
        m.canonical_url = Some(u);
        m.sources.insert("canonical_url".into(), src.into());
    }
    let host = m
        .canonical_url
        .as_deref()
        .and_then(url::host)
        .or_else(|| page_url.and_then(url::host));

    // Site name first: the title is cleaned with it.
    let site = [
        (x.meta("og:site_name").map(clean), "opengraph"),
        (ld.website.clone(), "json-ld"),
        (
            ld.article.as_ref().and_then(|a| a.publisher.clone()),
            "json-ld",
        ),
        (micro.publisher.as_deref().map(clean), "microdata"),
        (x.meta("application-name").map(clean), "meta"),
        (x.meta("apple-mobile-web-app-title").map(clean), "meta"),
    ]
    .into_iter()
    .find_map(|(v, src)| {
        v.filter(|s| !s.is_empty() && s.chars().count() <= 100)
            .map(|v| (v, src))
    });
    if let Some((s, src)) = site {
        m.site_name = Some(s);
        m.sources.insert("site_name".into(), src.into());
    }
    let keys = title::site_keys(m.site_name.as_deref(), host.as_deref());

    let title_h1 = x.title(&mut m, &keys);
    x.authors(&mut m, &keys, title_h1, month_first);
    x.dates(&mut m, blocks, title_h1, month_first);
    x.description(&mut m);
    x.image(&mut m, base);

    // Direction: the markup's, else the language's; the text's is settled in `finish`.
    let dir_attr = [scan.html_dir, scan.body_dir]
        .into_iter()
        .flatten()
        .find_map(|d| match d.trim().to_ascii_lowercase().as_str() {
            "rtl" => Some(Dir::Rtl),
            "ltr" => Some(Dir::Ltr),
            _ => None,
        });
    if let Some(d) = dir_attr {
        m.dir = d;
        m.sources.insert("dir".into(), "markup".into());
    } else if let Some(lang) = &m.language {
        m.dir = lang_dir(lang);
        m.sources.insert("dir".into(), "language".into());
    } else if let Some(t) = &m.title {
        m.dir = crate::text_util::text_dir(t);
    }
    let declared = Declared {
        article: x
            .meta("og:type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("article")),
        discussion: ld.discussion,
        product: x.meta("og:type").is_some_and(|t| {
            let t = t.trim().to_ascii_lowercase();
            t.strip_prefix("og:").unwrap_or(&t).starts_with("product")
        }),
        product_description: ld.product_description.clone(),
    };
    (m, declared)
}

/// Fills what needs the labelled blocks: the title, authors and date from article blocks of
/// kind title/byline/date when the markup gave none; the language detected from the
/// article's text (also overruling the markup's when the text clearly says otherwise); the
/// direction.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn finish(annotation: &mut Annotation) {
    let m = &mut annotation.metadata;
    let article: Vec<&Block> = annotation
        .blocks
        .iter()
        .filter(|b| b.is_article())
        .collect();

    if m.title.is_none() {
        let t = article
            .iter()
            .find(|b| b.kind == Some(Kind::Title))
            .or_else(|| {
                article
                    .iter()
                    .find(|b| b.kind == Some(Kind::Heading) && b.level == Some(1))
            });
        if let Some(b) = t {
            let text = crate::text_util::collapse_whitespace(&b.text);
            if !text.is_empty() {
                m.title = Some(text);
                m.sources.insert("title".into(), "heading".into());
            }
        }
    }
    from_bylines(m, &article);

    // Language from the article's text (paragraph blocks when nothing is labelled article).
    let mut text = String::new();
    let body: Vec<&Block> = if article.is_empty() {
        annotation.blocks.iter().filter(|b| b.tag == "p").collect()
    } else {
        article
    };
    for b in body {
        if text.len() > 12 << 10 {
            break;
        }
        if !matches!(b.kind, Some(Kind::Code | Kind::Byline | Kind::Date)) {
            text.push_str(&b.text);
            text.push('\n');
        }
    }
    if let Some(det) = crate::lang::detect_scored(&text) {
        let declared = m.language.as_deref().map(primary_subtag);
        let overrule = det.strong && declared.is_some_and(|d| d != det.lang);
        if m.language.is_none() || overrule {
            m.language = Some(det.lang.to_string());
            m.sources.insert("language".into(), "detected".into());
        }
    }
    if m.sources.get("dir").map(String::as_str) != Some("markup") {
        if let Some(lang) = &m.language {
            m.dir = lang_dir(lang);
            m.sources.insert("dir".into(), "language".into());
        } else if text.chars().any(char::is_alphabetic) {
            m.dir = crate::text_util::text_dir(&text);
            m.sources.insert("dir".into(), "detected".into());
        }
    }
}

struct Extractor<'a> {
    meta_index: std::cell::OnceCell<HashMap<&'a str, Vec<&'a str>>>,
    nearby: std::cell::OnceCell<nearby::Nearby>,
    contexts: scan::Contexts,
    doc: &'a Document,
    scan: &'a Scan<'a>,
    ld: &'a jsonld::JsonLd,
    micro: &'a microdata::Micro,
}

/// `<meta>` keys for the published date, in order of preference.
const PUBLISHED_KEYS: Words = words![
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "displaydate",
    "release_date",
    "datecreated",
    "prism.publicationdate",
    "bt:pubdate",
];

/// `<meta>` keys for the modified date, in order of preference.
const MODIFIED_KEYS: Words = words![
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "article:updated_time",
    "modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "lastmodified",
    "last_modified",
    "article.updated",
    "revised",
];

/// Paths of author pages: a link there in a byline is the author's name.
const AUTHOR_PATHS: Words = words![
    "/author",
    "/by/",
    "/people/",
    "/person/",
    "/profile",
    "/staff/",
    "/writer",
    "/contributor",
    "/journalist",
    "/reporter",
    "/autor",
    "/auteur",
    "/redaktion/",
    "/team/",
    "/members/",
    "/user/",
    "/users/",
    "/u/",
    "/columnist",
    "/experts/",
];

/// `<meta>` keys holding author names (each may list several).
const AUTHOR_KEYS: Words = words![
    "author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
    "article.author",
];

/// Authors and dates from the article's byline and date blocks, where the markup gave none.
/// Both front ends: for pasted text these are the only source.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn from_bylines(m: &mut Metadata, article: &[&Block]) {
    if m.authors.is_empty() {
        let mut authors = Vec::new();
        for b in bylines_of_first_post(&article) {
            byline::add_authors(&b.text, true, &mut authors);
        }
        if !authors.is_empty() {
            m.authors = authors;
            m.sources.insert("authors".into(), "byline".into());
        }
    }
    let mf = month_first(m.language.as_deref());
    for b in article
        .iter()
        .filter(|b| b.kind == Some(Kind::Date))
        .chain(article.iter().filter(|b| b.kind == Some(Kind::Byline)))
    {
        date_from_line(m, &b.text, mf);
    }
}

/// The date in a byline or date line, as the update date when the line says so ("Updated
/// March 14"), else as the publication date; a field already set is kept.
fn date_from_line(m: &mut Metadata, text: &str, mf: bool) {
    let (field, value) = if nearby::is_update(text) {
        ("modified", &mut m.modified)
    } else {
        ("published", &mut m.published)
    };
    if value.is_none() {
        if let Some(d) = dates::find_date(text, mf) {
            *value = Some(d);
            m.sources.insert(field.into(), "byline".into());
        }
    }
}

/// Pasted text: the byline and the date line by the title, whatever their labels (a date
/// alone on its line reads as boilerplate). Within [`h::PASTE_META_WINDOW`] lines of the title
/// block: a line that starts with a byline's word (`By`, `Von`, `Par`, `作者`...) names the
/// authors; a short line with a date gives the publication (or update) date. Fields already
/// set are kept.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn from_lines_near_title(m: &mut Metadata, blocks: &[Block], title: Option<usize>) {
    let Some(t) = title else {
        return;
    };
    let from = t.saturating_sub(h::PASTE_META_WINDOW);
    let to = (t + h::PASTE_META_WINDOW + 1).min(blocks.len());
    let near = blocks.get(from..to).unwrap_or_default();
    let mf = month_first(m.language.as_deref());
    for b in near.iter().filter(|b| b.id != t) {
        if m.authors.is_empty() {
            let mut names = Vec::new();
            byline::add_prefixed_authors(&b.text, &mut names);
            if !names.is_empty() {
                m.authors = names;
                m.sources.insert("authors".into(), "byline".into());
            }
        }
        if crate::text_util::word_count(&b.text) > h::PASTE_DATE_LINE_MAX_WORDS {
            continue;
        }
        date_from_line(m, &b.text, mf);
    }
}

/// The article's byline blocks that name its author. A thread or a page of posts carries one
/// byline per post (the poster's name, rank or join date); three or more bylines that are not
/// all the same text are such a run, and the page's author is the first post's: the bylines
/// before the article's first paragraph (none when that paragraph comes before them all).
#[cfg_attr(pith_size, optimize(size))]
fn bylines_of_first_post<'a>(article: &[&'a Block]) -> Vec<&'a Block> {
    let bylines: Vec<&Block> = article
        .iter()
        .copied()
        .filter(|b| b.kind == Some(Kind::Byline))
        .collect();
    let distinct = bylines.iter().filter(|b| b.text != bylines[0].text).count();
    if bylines.len() < h::PER_POST_BYLINES || distinct == 0 {
        return bylines;
    }
    let first = bylines[0].id;
    let end = article
        .iter()
        .find(|b| b.kind == Some(Kind::Paragraph))
        .map_or(usize::MAX, |b| b.id);
    if end < first {
        // The first post's text comes before any byline: it has none of its own.
        return Vec::new();
    }
    bylines.into_iter().filter(|b| b.id < end).collect()
}

/// Source name for a `<meta>` key.
#[cfg_attr(pith_size, optimize(size))]
fn meta_source(key: &str) -> &'static str {
    if key.starts_with("og:") || key.starts_with("article:") {
        "opengraph"
    } else if key.starts_with("twitter:") {
        "twitter"
    } else {
        "meta"
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn clean(s: &str) -> String {
    crate::text_util::collapse_whitespace(s)
}

impl<'a> Extractor<'a> {
    /// First non-empty `content` for a `<meta name|property>` key (lowercase).
    #[cfg_attr(pith_size, optimize(size))]
    fn meta(&self, key: &str) -> Option<&'a str> {
        self.metas(key).next()
    }

    #[cfg_attr(pith_size, optimize(size))]
    fn metas<'k>(&'k self, key: &'k str) -> impl Iterator<Item = &'a str> + 'k {
        // An index by key, built once: some sixty keys are looked up per page.
        let index = self.meta_index.get_or_init(|| {
            let mut index: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
            for (k, v) in &self.scan.metas {
                let v = v.trim();
                if !v.is_empty() {
                    index.entry(k.as_str()).or_default().push(v);
                }
            }
            index
        });
        index.get(key).into_iter().flatten().copied()
    }

    #[cfg_attr(pith_size, optimize(size))]
    fn language(&self, m: &mut Metadata) {
        let ld_lang = self
            .ld
            .article
            .as_ref()
            .and_then(|a| a.language.clone())
            .or_else(|| self.ld.page.as_ref().and_then(|p| p.language.clone()));
        let equiv = self
            .scan
            .http_equiv
            .iter()
            .find(|(k, _)| k == "content-language")
            .map(|(_, v)| *v);
        let candidates = [
            self.scan.html_lang,
            equiv,
            self.meta("content-language"),
            self.meta("language"),
            self.meta("dc.language"),
            self.meta("og:locale"),
            ld_lang.as_deref(),
            self.micro.language.as_deref(),
        ];
        let found = candidates.into_iter().flatten().find_map(normalize_lang);
        if let Some(l) = found {
            m.language = Some(l);
            m.sources.insert("language".into(), "markup".into());
        }
    }

    /// Picks the title; returns the `<h1>` that matches it, if any.
    #[cfg_attr(pith_size, optimize(size))]
    fn title(&self, m: &mut Metadata, keys: &[String]) -> Option<NodeId> {
        let raw = self.scan.title.as_deref();
        let h1s: Vec<(NodeId, String)> = self
            .scan
            .h1s
            .iter()
            .filter_map(|&h| {
                let t = scan::bounded_text(self.doc, h, 400)?;
                // Permalink marks after a heading: `Title ¶`, `Title #`.
                let t = t.trim_end_matches(['¶', '#', '§', '🔗', ' ']);
                Some((h, t.to_string()))
            })
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let h1_key = |k: &str| h1s.iter().any(|(_, t)| title::key(t) == k);
        let cut = raw.map(|t| {
            let cut = title::clean(t, keys);
            // `Boiler Repair | Hearth & Home Services` under an <h1> "Boiler Repair": taken by
            // its shape for `Site | Headline`, but the page's own headline repeats the first
            // part, so that is the title and the rest is the site. (Not the other way round: a
            // site's logo is often an <h1>, and `Headline | Site` is the common order.)
            match cut.removed {
                Some(ref r) if !keys.contains(&title::key(r)) => {
                    let (rk, tk) = (title::key(r), title::key(&cut.title));
                    let whole = title::key(t);
                    if whole == format!("{rk}{tk}")
                        && rk.chars().count() >= 4
                        && h1_key(&rk)
                        && !h1_key(&tk)
                    {
                        title::Cut {
                            title: r.clone(),
                            removed: Some(cut.title),
                        }
                    } else {
                        cut
                    }
                }
                _ => cut,
            }
        });
        let site_key = m.site_name.as_deref().map(title::key);
        let tidy = |c: &str| -> Option<String> {
            let c = clean(c);
            let t = if Some(c.as_str()) == raw {
                cut.as_ref().map_or(c.clone(), |x| x.title.clone())
            } else {
                title::clean(&c, keys).title
            };
            let k = title::key(&t);
            (!k.is_empty() && Some(&k) != site_key.as_ref()).then_some(t)
        };
        let ld_article = self.ld.article.as_ref();
        let ld_page = self.ld.page.as_ref();
        let removed_key = cut
            .as_ref()
            .and_then(|c| c.removed.as_deref())
            .map(title::key);
        let is_site = |k: &String| {
            Some(k) == site_key.as_ref() || keys.contains(k) || Some(k) == removed_key.as_ref()
        };
        // Titles the page's metadata gives, in order of preference.
        let declared: Vec<(String, &str)> = [
            (
                ld_article.and_then(|a| a.headline.clone().or_else(|| a.name.clone())),
                "json-ld",
            ),
            (self.meta("og:title").map(str::to_string), "opengraph"),
            (self.meta("twitter:title").map(str::to_string), "twitter"),
            (
                self.micro
                    .headline
                    .clone()
                    .or_else(|| self.micro.name.clone()),
                "microdata",
            ),
            (
                ld_page.and_then(|p| p.headline.clone().or_else(|| p.name.clone())),
                "json-ld",
            ),
        ]
        .into_iter()
        .filter_map(|(c, src)| c.and_then(|c| tidy(&c)).map(|t| (t, src)))
        .collect();
        // The visible headline: an <h1> that is (part of) the <title>, that the cut title
        // starts, or that says much the same as a declared title. Readers see it; declared
        // titles are often written for search engines.
        let tkey = title::key(raw.unwrap_or(""));
        let ckey = cut
            .as_ref()
            .map(|c| title::key(&c.title))
            .unwrap_or_default();
        let headline_h1 = h1s.iter().find(|(_, t)| {
            let k = title::key(t);
            if k.chars().count() < 4 || is_site(&k) {
                return false;
            }
            let in_title = !tkey.is_empty()
                && ((tkey.contains(&k) && k.len() * 2 >= ckey.len())
                    || (k.chars().count() >= 12 && (tkey.starts_with(&k) || tkey.ends_with(&k)))
                    || (ckey.chars().count() >= 12 && k.starts_with(&ckey)));
            in_title || declared.iter().any(|(d, _)| similar(t, d))
        });
        // A <title> that is the site's slogan (an app's shell, `Site - The heart of the
        // internet`) shares no word with the page's one <h1> of a sentence's length: that is
        // the headline.
        let sole_h1 = match h1s.as_slice() {
            [only]
                if declared.is_empty()
                    && crate::text_util::word_count(&only.1) >= SOLE_H1_MIN_WORDS
                    && raw.is_some_and(|t| !t.trim().is_empty() && !shares_a_word(&only.1, t)) =>
            {
                Some(only)
            }
            _ => None,
        };
        let headline_h1 = headline_h1.or(sole_h1);
        let candidates = headline_h1
            .map(|(_, t)| (t.clone(), "heading"))
            .into_iter()
            .chain(declared.iter().cloned())
            .chain(
                [
                    (cut.as_ref().map(|c| c.title.clone()), "title-tag"),
                    (h1s.first().map(|(_, t)| t.clone()), "heading"),
                ]
                .into_iter()
                .filter_map(|(c, src)| c.and_then(|c| tidy(&c)).map(|t| (t, src))),
            );
        if let Some((t, src)) = candidates.into_iter().next() {
            m.title = Some(t);
            m.sources.insert("title".into(), src.into());
        }
        // The part cut off the <title> names the site when nothing else did.
        if m.site_name.is_none() {
            if let Some(removed) = cut.and_then(|c| c.removed) {
                if crate::text_util::word_count(&removed) <= 5 {
                    m.site_name = Some(removed);
                    m.sources.insert("site_name".into(), "title-tag".into());
                }
            }
        }
        headline_h1
            .map(|(h, _)| *h)
            .or_else(|| h1s.first().map(|(h, _)| *h))
    }

    #[cfg_attr(pith_size, optimize(size))]
    fn authors(&self, m: &mut Metadata, keys: &[String], anchor: Option<NodeId>, mf: bool) {
        // Names that are the site or publisher: kept only when nothing names a person.
        let mut org_keys: Vec<String> = keys.to_vec();
        for o in [
            m.site_name.as_deref(),
            self.ld
                .article
                .as_ref()
                .and_then(|a| a.publisher.as_deref()),
            self.ld.website.as_deref(),
            self.micro.publisher.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            org_keys.push(title::key(o));
        }
        let weak = |names: &[String]| {
            names.iter().all(|n| {
                org_keys.contains(&title::key(n))
                    || (!n.contains(' ') && n.contains(['.', '_', '@']))
            })
        };
        let mut fallback: Option<(Vec<String>, &str)> = None;
        for step in 0..10 {
            let mut out = Vec::new();
            let src = match step {
                0 => {
                    for name in self.ld.article.iter().flat_map(|a| &a.authors) {
                        byline::add_authors(name, false, &mut out);
                    }
                    "json-ld"
                }
                1 => {
                    for key in AUTHOR_KEYS {
                        for v in self.metas(key) {
                            byline::add_authors(v, false, &mut out);
                        }
                    }
                    if out.is_empty() {
                        for v in self.metas("citation_author") {
                            byline::add_author(v, false, &mut out);
                        }
                    }
                    "meta"
                }
                2 => {
                    for v in self.metas("article:author") {
                        if !url::has_scheme(v) && !v.starts_with('/') && !v.starts_with("www.") {
                            byline::add_authors(v, false, &mut out);
                        }
                    }
                    "opengraph"
                }
                3 => {
                    // Slack-style labels: twitter:label1 = "Written by", twitter:data1 = name.
                    for i in 1..=4 {
                        let label = self.meta(&format!("twitter:label{i}")).unwrap_or("");
                        let l = label.to_lower();
                        if l.contains("written by") || l.contains("author") || l == "by" {
                            if let Some(v) = self.meta(&format!("twitter:data{i}")) {
                                byline::add_authors(v, false, &mut out);
                            }
                        }
                    }
                    "twitter"
                }
                4 => {
                    for name in &self.micro.authors {
                        byline::push_unique(&mut out, name.clone());
                    }
                    "microdata"
                }
                5 => {
                    for name in self.ld.page.iter().flat_map(|p| &p.authors) {
                        byline::add_authors(name, false, &mut out);
                    }
                    "json-ld"
                }
                6 => {
                    self.visible_bylines(&mut out, anchor);
                    "byline"
                }
                7 => {
                    out = self.nearby(anchor, mf).authors.clone();
                    "byline"
                }
                8 => {
                    for name in self.ld.article.iter().flat_map(|a| &a.org_authors) {
                        byline::add_authors(name, false, &mut out);
                    }
                    "json-ld"
                }
                _ => {
                    for name in self.ld.page.iter().flat_map(|a| &a.org_authors) {
                        byline::add_authors(name, false, &mut out);
                    }
                    "json-ld"
                }
            };
            if out.is_empty() {
                continue;
            }
            if weak(&out) {
                if fallback.is_none() {
                    fallback = Some((out, src));
                }
                continue;
            }
            fallback = Some((out, src));
            break;
        }
        if let Some((names, src)) = fallback {
            // `Brian Truitt USA TODAY`: the publisher after the name.
            let names = names
                .into_iter()
                .map(|n| {
                    let words: Vec<&str> = n.split(' ').collect();
                    for k in 1..=words.len().saturating_sub(2).min(4) {
                        let tail = words[words.len() - k..].join(" ");
                        if org_keys.contains(&title::key(&tail)) {
                            return words[..words.len() - k].join(" ");
                        }
                    }
                    n
                })
                .collect();
            m.authors = names;
            m.sources.insert("authors".into(), src.into());
        }
    }

    /// Dateline and byline right after the headline (computed once, when first needed).
    #[cfg_attr(pith_size, optimize(size))]
    fn nearby(&self, anchor: Option<NodeId>, mf: bool) -> &nearby::Nearby {
        self.nearby.get_or_init(|| match anchor {
            Some(h) => nearby::near_heading(self.doc, &self.contexts, h, mf),
            None => nearby::Nearby::default(),
        })
    }

    /// Authors from the best visible byline element: near the headline or in the article,
    /// not in comments or asides, and not one of a run of alike elements naming different
    /// people (three or more with the same tag and class: the authors of reviews, comments or
    /// posts, one per card).
    #[cfg_attr(pith_size, optimize(size))]
    fn visible_bylines(&self, out: &mut Vec<String>, anchor: Option<NodeId>) {
        let mut found: Vec<(i32, &str, &str, Vec<String>)> = Vec::new();
        for n in scan::byline_candidates(self.doc, self.scan, anchor) {
            let ctx = self.contexts.get(self.doc, n);
            if ctx.chrome {
                continue;
            }
            let names = self.byline_names(n);
            if names.is_empty() || names.len() > 6 {
                continue;
            }
            let mut score = 0;
            if ctx.in_article {
                score += 1;
            }
            if anchor.is_some_and(|h| near(h, n)) {
                score += 2;
            }
            let class = self.doc.attr(n, "class").unwrap_or("");
            if scan::contains_ci(class, "byline") {
                score += 1;
            }
            found.push((score, self.doc.tag(n), class, names));
        }
        let per_card = |tag: &str, class: &str| {
            let mut people: Vec<&Vec<String>> = Vec::new();
            for (_, t, c, names) in &found {
                if *t == tag && *c == class && !people.contains(&names) {
                    people.push(names);
                }
            }
            people.len() >= h::PER_POST_BYLINES
        };
        let mut best: Option<(i32, &Vec<String>)> = None;
        for (score, tag, class, names) in &found {
            if per_card(tag, class) {
                continue;
            }
            if best.is_none_or(|(s, _)| *score > s) {
                best = Some((*score, names));
            }
        }
        if let Some((_, names)) = best {
            for n in names {
                byline::push_unique(out, n.clone());
            }
        }
    }

    /// Names in a byline element: the texts of its links to author pages, else of its
    /// `*name*` element, else its whole text.
    #[cfg_attr(pith_size, optimize(size))]
    fn byline_names(&self, n: NodeId) -> Vec<String> {
        let doc = self.doc;
        let mut names = Vec::new();
        let mut named: Option<NodeId> = None;
        for d in doc.descendants(n).take(200) {
            let Some(el) = doc.element(d) else {
                continue;
            };
            if el.tag() == "a" {
                let href = el.attr("href").unwrap_or("");
                if AUTHOR_PATHS.iter().any(|p| scan::contains_ci(href, p)) {
                    if let Some(t) = scan::bounded_text(doc, d, 100) {
                        byline::add_authors(&t, true, &mut names);
                    }
                }
            } else if named.is_none()
                && el.attr("class").is_some_and(|c| {
                    scan::contains_ci(c, "name") && !scan::contains_ci(c, "username")
                })
            {
                named = Some(d);
            }
        }
        if names.is_empty() {
            if let Some(t) = named.and_then(|d| scan::bounded_text_spaced(doc, d, 100)) {
                byline::add_authors(&t, true, &mut names);
            }
        }
        if names.is_empty() {
            if let Some(t) = scan::bounded_text_spaced(doc, n, 200) {
                byline::add_authors(&t, true, &mut names);
            }
        }
        names
    }

    #[cfg_attr(pith_size, optimize(size))]
    fn dates(&self, m: &mut Metadata, blocks: &[Block], anchor: Option<NodeId>, mf: bool) {
        let parse = |v: Option<&str>| v.and_then(|v| dates::parse_date(v, mf));
        let art = self.ld.article.as_ref();
        let page = self.ld.page.as_ref();
        let (time_published, time_modified) = self.times(anchor, mf);

        let mut published: Option<(String, &str)> = parse(art.and_then(|a| a.published.as_deref()))
            .or_else(|| parse(art.and_then(|a| a.created.as_deref())))
            .map(|d| (d, "json-ld"));
        if published.is_none() {
            published = PUBLISHED_KEYS.iter().find_map(|k| {
                self.metas(k)
                    .find_map(|v| dates::parse_date(v, mf))
                    .map(|d| (d, meta_source(k)))
            });
        }
        if published.is_none() {
            // Site-specific keys: `w-published-date`, `article-publish-time`...
            published = self
                .scan
                .metas
                .iter()
                .filter(|(k, _)| {
                    k.contains("publish") && !k.contains("publisher") && !k.starts_with("twitter:")
                })
                .find_map(|(k, v)| dates::parse_date(v, mf).map(|d| (d, meta_source(k))));
        }
        if published.is_none() {
            published = parse(self.micro.published.as_deref())
                .or_else(|| parse(self.micro.created.as_deref()))
                .map(|d| (d, "microdata"));
        }
        if published.is_none() {
            published = parse(page.and_then(|p| p.published.as_deref())).map(|d| (d, "json-ld"));
        }
        if published.is_none() {
            published = time_published.map(|d| (d, "time"));
        }
        if published.is_none() {
            published = self.nearby(anchor, mf).date.clone().map(|d| (d, "byline"));
        }
        if published.is_none() {
            published = date_near_title(blocks, m.title.as_deref(), mf).map(|d| (d, "byline"));
        }

        let mut modified: Option<(String, &str)> =
            parse(art.and_then(|a| a.modified.as_deref())).map(|d| (d, "json-ld"));
        if modified.is_none() {
            modified = MODIFIED_KEYS.iter().find_map(|k| {
                self.metas(k)
                    .find_map(|v| dates::parse_date(v, mf))
                    .map(|d| (d, meta_source(k)))
            });
        }
        if modified.is_none() {
            modified = parse(self.micro.modified.as_deref()).map(|d| (d, "microdata"));
        }
        if modified.is_none() {
            modified = parse(page.and_then(|p| p.modified.as_deref())).map(|d| (d, "json-ld"));
        }
        if modified.is_none() {
            modified = time_modified.map(|d| (d, "time"));
        }
        if modified.is_none() {
            modified = self
                .nearby(anchor, mf)
                .modified
                .clone()
                .map(|d| (d, "byline"));
        }
        if modified.is_none() {
            modified = self
                .scan
                .http_equiv
                .iter()
                .filter(|(k, _)| k == "last-modified")
                .find_map(|(_, v)| dates::parse_date(v, mf))
                .map(|d| (d, "meta"));
        }
        if let Some((d, src)) = published {
            m.published = Some(d);
            m.sources.insert("published".into(), src.into());
        }
        if let Some((d, src)) = modified {
            m.modified = Some(d);
            m.sources.insert("modified".into(), src.into());
        }
    }

    /// The best `<time>` for the published and for the modified date: inside the article and
    /// near the headline, not in comments or asides; `updated`/`modified` in its class or its
    /// parent's makes it a modified date.
    #[cfg_attr(pith_size, optimize(size))]
    fn times(&self, anchor: Option<NodeId>, mf: bool) -> (Option<String>, Option<String>) {
        let mut best_pub: Option<(i32, String)> = None;
        let mut best_mod: Option<(i32, String)> = None;
        for &t in &self.scan.times {
            let Some(el) = self.doc.element(t) else {
                continue;
            };
            let date = match el.attr("datetime") {
                Some(dt) => dates::parse_date(dt, mf),
                None => scan::bounded_text_spaced(self.doc, t, 120)
                    .and_then(|s| dates::find_date(&s, mf)),
            };
            let Some(date) = date else {
                continue;
            };
            let ctx = self.contexts.get(self.doc, t);
            if ctx.chrome {
                continue;
            }
            let parent = self.doc.node(t).parent;
            let hints: Vec<&str> = [Some(t), parent]
                .into_iter()
                .flatten()
                .filter_map(|n| self.doc.element(n))
                .flat_map(|e| [e.attr("class"), e.attr("id"), e.attr("itemprop")])
                .flatten()
                .collect();
            let has = |w: &str| hints.iter().any(|h| scan::contains_ci(h, w));
            let is_modified = has("modif") || has("updated") || has("update");
            let is_published = el.attr("pubdate").is_some()
                || has("publish")
                || has("posted")
                || has("created")
                || has("pubdate");
            let mut score = 0;
            if is_published {
                score += 3;
            }
            if ctx.in_article {
                score += 2;
            }
            if anchor.is_some_and(|h| near(h, t)) {
                score += 2;
            }
            let slot = if is_modified && !is_published {
                &mut best_mod
            } else {
                &mut best_pub
            };
            if slot.as_ref().is_none_or(|(s, _)| score > *s) {
                *slot = Some((score, date));
            }
        }
        (best_pub.map(|(_, d)| d), best_mod.map(|(_, d)| d))
    }

    #[cfg_attr(pith_size, optimize(size))]
    fn description(&self, m: &mut Metadata) {
        let art = self.ld.article.as_ref();
        let page = self.ld.page.as_ref();
        let candidates = [
            (art.and_then(|a| a.description.clone()), "json-ld"),
            (self.meta("og:description").map(clean), "opengraph"),
            (self.meta("twitter:description").map(clean), "twitter"),
            (self.meta("description").map(clean), "meta"),
            (self.micro.description.clone(), "microdata"),
            (page.and_then(|p| p.description.clone()), "json-ld"),
        ];
        if let Some((d, src)) = candidates.into_iter().find_map(|(v, src)| {
            v.map(|v| clean(&v))
                .filter(|v| !v.is_empty())
                .map(|v| (v, src))
        }) {
            m.description = Some(d);
            m.sources.insert("description".into(), src.into());
        }
    }

    #[cfg_attr(pith_size, optimize(size))]
    fn image(&self, m: &mut Metadata, base: Option<&str>) {
        let art = self.ld.article.as_ref();
        let page = self.ld.page.as_ref();
        let candidates = [
            (self.meta("og:image"), "opengraph"),
            (self.meta("og:image:url"), "opengraph"),
            (self.meta("og:image:secure_url"), "opengraph"),
            (self.meta("twitter:image"), "twitter"),
            (self.meta("twitter:image:src"), "twitter"),
            (art.and_then(|a| a.image.as_deref()), "json-ld"),
            (self.micro.image.as_deref(), "microdata"),
            (page.and_then(|p| p.image.as_deref()), "json-ld"),
            (self.scan.image_src, "markup"),
        ];
        if let Some((u, src)) = candidates.into_iter().find_map(|(v, src)| {
            let u = url::resolve(base, v?)?;
            let lower = u.to_ascii_lowercase();
            (!lower.starts_with("data:") && !lower.starts_with("javascript:")).then_some((u, src))
        }) {
            m.image = Some(u);
            m.sources.insert("image".into(), src.into());
        }
    }
}

/// Shortest `<h1>` (in words) taken for the headline over a `<title>` it shares no word with:
/// a headline's length, longer than most taglines ("Build fast. Run any code fearlessly.").
const SOLE_H1_MIN_WORDS: usize = 8;

/// Whether `a` and `b` have a word of four or more characters in common.
fn shares_a_word(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lower(), b.to_lower());
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let b = words(&b);
    words(&a).iter().any(|w| b.contains(w))
}

/// Whether two titles say much the same: at least half the words of the longer one are
/// shared (CJK characters count as words).
#[cfg_attr(pith_size, optimize(size))]
fn similar(a: &str, b: &str) -> bool {
    #[cfg_attr(pith_size, optimize(size))]
    fn words(s: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut w = String::new();
        for c in s.chars() {
            if crate::text_util::is_cjk(c) {
                if !w.is_empty() {
                    out.push(std::mem::take(&mut w));
                }
                out.push(c.to_string());
            } else if c.is_alphanumeric() {
                w.extend(crate::lower::lower_char(c));
            } else if !w.is_empty() {
                out.push(std::mem::take(&mut w));
            }
        }
        if !w.is_empty() {
            out.push(w);
        }
        out.sort();
        out.dedup();
        out
    }
    let (wa, wb) = (words(a), words(b));
    let shared = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    let longer = wa.len().max(wb.len());
    shared >= 2.min(longer) && shared * 2 >= longer && longer > 0
}

/// Whether `n` is close to the headline `h1` in document order (node ids follow it): shortly
/// before it (a kicker or dateline above) or not too far after it.
#[cfg_attr(pith_size, optimize(size))]
fn near(h1: NodeId, n: NodeId) -> bool {
    if n >= h1 {
        n - h1 <= 300
    } else {
        h1 - n <= 60
    }
}

/// A date in short text right around the headline block (the last resort).
#[cfg_attr(pith_size, optimize(size))]
fn date_near_title(blocks: &[Block], title: Option<&str>, mf: bool) -> Option<String> {
    let idx = blocks.iter().position(|b| b.tag == "h1").or_else(|| {
        let t = title?;
        blocks.iter().position(|b| b.text == t)
    })?;
    let lo = idx.saturating_sub(3);
    let hi = (idx + 6).min(blocks.len().saturating_sub(1));
    (lo..=hi)
        .filter(|&i| i != idx)
        .filter_map(|i| blocks.get(i))
        .filter(|b| b.text.len() <= 200 && !nearby::is_update(&b.text))
        .find_map(|b| dates::find_date(&b.text, mf))
}

/// Whether numeric dates read month first (`03/05/2024` = March 5): US English.
#[cfg_attr(pith_size, optimize(size))]
fn month_first(lang: Option<&str>) -> bool {
    let Some(lang) = lang else {
        return false;
    };
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or("");
    let region = parts.find(|p| p.len() == 2);
    primary == "en" && matches!(region, None | Some("US" | "PH"))
}

#[cfg_attr(pith_size, optimize(size))]
fn primary_subtag(lang: &str) -> &str {
    lang.split('-').next().unwrap_or(lang)
}

/// Languages written right to left (primary subtags).
const RTL_LANGUAGES: Words = words![
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "pnb", "ps", "sd", "syr", "ug",
    "ur", "yi", "ji",
];

/// Direction of a language tag: its script subtag if it has one, else its language.
#[cfg_attr(pith_size, optimize(size))]
fn lang_dir(lang: &str) -> Dir {
    for sub in lang.split('-').skip(1) {
        if sub.len() == 4 {
            return match sub.to_ascii_lowercase().as_str() {
                "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg" => Dir::Rtl,
                _ => Dir::Ltr,
            };
        }
    }
    if RTL_LANGUAGES.contains(&primary_subtag(lang).to_ascii_lowercase().as_str()) {
        Dir::Rtl
    } else {
        Dir::Ltr
    }
}

/// A language tag as BCP 47: `pt_br` -> `pt-BR`, `EN-us` -> `en-US`, `zh-hant-tw` ->
/// `zh-Hant-TW`; deprecated codes mapped (`iw` -> `he`, `in` -> `id`, `ji` -> `yi`);
/// `und`, `x-default` and malformed values give `None`.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn normalize_lang(raw: &str) -> Option<String> {
    let first = raw
        .split([',', ';'])
        .next()?
        .split_ascii_whitespace()
        .next()?
        .replace('_', "-");
    let mut parts = first.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if matches!(primary.as_str(), "und" | "mul" | "zxx" | "mis") {
        return None;
    }
    let primary = match primary.as_str() {
        "iw" => "he".to_string(),
        "in" => "id".to_string(),
        "ji" => "yi".to_string(),
        _ => primary,
    };
    let mut out = primary;
    let mut seen_region = false;
    for p in parts {
        if p.is_empty()
            || p.eq_ignore_ascii_case("x")
            || !p.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            break;
        }
        let sub = if p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()) && !seen_region {
            let mut s = p.to_ascii_lowercase();
            s[..1].make_ascii_uppercase();
            s
        } else if (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            seen_region = true;
            p.to_ascii_uppercase()
        } else if (5..=8).contains(&p.len()) || (p.len() == 4 && p.as_bytes()[0].is_ascii_digit()) {
            p.to_ascii_lowercase()
        } else {
            break;
        };
        out.push('-');
        out.push_str(&sub);
    }
    Some(out)
}

#[cfg(test)]
mod tests;
