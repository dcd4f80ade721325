//! Metadata from whole (small) pages: each source, each precedence decision, `finish`.

use super::*;
use crate::annotation::{InputKind, Label, SourceRange};
use crate::parse::parse_html;

fn meta_url(html: &str, url: Option<&str>) -> Metadata {
    let doc = parse_html(html);
    let options = Options {
        url: url.map(String::from),
        ..Options::default()
    };
    extract(&doc, &[], &options).0
}

fn meta(html: &str) -> Metadata {
    meta_url(html, None)
}

fn src<'m>(m: &'m Metadata, field: &str) -> &'m str {
    m.sources.get(field).map_or("", String::as_str)
}

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
}

fn block(id: usize, label: Label, kind: Option<Kind>, tag: &str, text: &str) -> Block {
    Block {
        id,
        label,
        kind,
        role: None,
        score: 1.0,
        reasons: Vec::new(),
        text: text.to_string(),
        level: None,
        tag: tag.to_string(),
        path: None,
        source: SourceRange::default(),
        dir: Dir::Ltr,
        html: None,
    }
}

const LD_ARTICLE: &str = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline","author":{"@type":"Person","name":"Ld Author"},"datePublished":"2024-03-05T09:00:00+01:00","dateModified":"2024-03-06","description":"LD description","image":{"@type":"ImageObject","url":"/ld.jpg"},"publisher":{"@type":"Organization","name":"LD Publisher"},"inLanguage":"fr-FR"}</script>"#;
const OG: &str = r#"<meta property="og:title" content="OG headline"><meta property="og:description" content="OG description"><meta property="og:image" content="https://cdn.example/og.jpg"><meta property="og:site_name" content="The Daily"><meta property="article:published_time" content="2024-02-01T08:00:00Z"><meta property="og:updated_time" content="2024-02-02T08:00:00Z"><meta property="og:url" content="https://example.com/og-url">"#;
const TW: &str = r#"<meta name="twitter:title" content="Twitter headline"><meta name="twitter:description" content="Twitter description"><meta name="twitter:image" content="https://cdn.example/tw.jpg">"#;
const MICRO: &str = r#"<div itemscope itemtype="https://schema.org/Article"><span itemprop="headline">Micro headline</span><span itemprop="author" itemscope itemtype="https://schema.org/Person"><a href="/a/m" itemprop="url"><span itemprop="name">Micro Author</span></a></span><meta itemprop="datePublished" content="2023-12-24"><meta itemprop="dateModified" content="2023-12-25"></div>"#;

#[test]
fn title_precedence() {
    // Declared titles in order: JSON-LD, OpenGraph, Twitter, microdata; an <h1> that is
    // none of them and not in the <title> does not count.
    let title = "<title>Tag headline for the story | The Daily</title>";
    let h1 = "<h1>Unrelated words here</h1>";
    let all = page(
        &format!("{title}{OG}{TW}{LD_ARTICLE}"),
        &format!("{h1}{MICRO}"),
    );
    let m = meta(&all);
    assert_eq!(m.title.as_deref(), Some("LD headline"));
    assert_eq!(src(&m, "title"), "json-ld");

    let m = meta(&page(&format!("{title}{OG}{TW}"), &format!("{h1}{MICRO}")));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("OG headline"), "opengraph")
    );

    let m = meta(&page(&format!("{title}{TW}"), &format!("{h1}{MICRO}")));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Twitter headline"), "twitter")
    );

    let m = meta(&page(title, &format!("{h1}{MICRO}")));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Micro headline"), "microdata")
    );

    // The visible headline wins when it is (part of) the <title> or says much the same as a
    // declared title: declared titles are often rewritten for search engines.
    let h1 = "<h1>Tag headline for the story</h1>";
    let m = meta(&page(&format!("{title}{OG}{LD_ARTICLE}"), h1));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Tag headline for the story"), "heading")
    );
    let m = meta(&page(
        r#"<meta property="og:title" content="Rivers rise after rain: what to know | The Daily">"#,
        "<h1>Rivers rise after a week of rain</h1>",
    ));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Rivers rise after a week of rain"), "heading")
    );

    let m = meta(&page(title, h1));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Tag headline for the story"), "heading")
    );

    let m = meta(&page(title, "<h1>Something else entirely</h1>"));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Tag headline for the story"), "title-tag")
    );
    assert_eq!(
        (m.site_name.as_deref(), src(&m, "site_name")),
        (Some("The Daily"), "title-tag")
    );

    let m = meta(&page("", "<h1>Only a heading</h1>"));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Only a heading"), "heading")
    );

    let m = meta(&page("", "<p>nothing</p>"));
    assert_eq!(m.title, None);
}

#[test]
fn heading_matches_part_of_the_title() {
    // The title's last part is long, so the length rule alone would not cut it; the h1 says
    // where the headline is. A logo h1 with the site's name is not the headline.
    let m = meta(&page(
        "<title>Rivers rise after a week of rain - Weather and climate news from the Daily Planet</title>",
        "<h1>Daily Planet</h1><article><h1>Rivers rise after a week of rain</h1></article>",
    ));
    assert_eq!(m.title.as_deref(), Some("Rivers rise after a week of rain"));
    assert_eq!(src(&m, "title"), "heading");
    // A short h1 that is only a word of the title does not count.
    let m = meta(&page(
        "<title>Weather forecast for the long weekend | The Daily</title>",
        "<h1>Weather</h1>",
    ));
    assert_eq!(
        m.title.as_deref(),
        Some("Weather forecast for the long weekend")
    );
    assert_eq!(src(&m, "title"), "title-tag");
}

#[test]
fn title_part_the_h1_repeats_is_the_title() {
    // Short headline first, a name-like site after it: the <h1> says which part is which.
    let m = meta(&page(
        "<title>Boiler Repair | Hearth & Home Services</title>",
        "<h1>Boiler Repair</h1><p>We repair boilers.</p>",
    ));
    assert_eq!(m.title.as_deref(), Some("Boiler Repair"));
    assert_eq!(m.site_name.as_deref(), Some("Hearth & Home Services"));
    // Without such an <h1>, `Name | Longer Headline` still reads as site first.
    let m = meta(&page(
        "<title>Boiler Repair | Hearth & Home Services</title>",
        "<p>We repair boilers.</p>",
    ));
    assert_eq!(m.title.as_deref(), Some("Hearth & Home Services"));
    // A site's logo in an <h1> does not turn `Headline | Site` round.
    let m = meta(&page(
        "<title>Ferry service resumes after storm repairs | Bay Courier</title>",
        "<h1>Bay Courier</h1><h2>Ferry service resumes after storm repairs</h2>",
    ));
    assert_eq!(
        m.title.as_deref(),
        Some("Ferry service resumes after storm repairs")
    );
}

#[test]
fn title_cut_uses_the_site_name_and_domain() {
    // Two words left: only the site name match allows the cut.
    let m = meta(&page(
        r#"<title>Budget passes | The Daily</title><meta property="og:site_name" content="The Daily">"#,
        "",
    ));
    assert_eq!(m.title.as_deref(), Some("Budget passes"));
    assert_eq!(
        (m.site_name.as_deref(), src(&m, "site_name")),
        (Some("The Daily"), "opengraph")
    );
    let m = meta_url(
        &page("<title>Budget passes - EXAMPLE</title>", ""),
        Some("https://www.example.com/x"),
    );
    assert_eq!(m.title.as_deref(), Some("Budget passes"));
    // og:title carrying the site name gets it cut too; an og:title that is only the site
    // name is skipped.
    let m = meta(&page(
        r#"<meta property="og:site_name" content="The Daily"><meta property="og:title" content="Budget passes – The Daily">"#,
        "",
    ));
    assert_eq!(m.title.as_deref(), Some("Budget passes"));
    let m = meta(&page(
        r#"<title>Budget passes after long night | The Daily</title><meta property="og:site_name" content="The Daily"><meta property="og:title" content="The Daily">"#,
        "",
    ));
    assert_eq!(
        (m.title.as_deref(), src(&m, "title")),
        (Some("Budget passes after long night"), "title-tag")
    );
}

#[test]
fn authors_from_each_source() {
    let m = meta(&page(LD_ARTICLE, ""));
    assert_eq!(
        (m.authors.clone(), src(&m, "authors")),
        (vec!["Ld Author".to_string()], "json-ld")
    );

    let m = meta(&page(
        r#"<meta name="author" content="By Jane Doe and John Roe">"#,
        "",
    ));
    assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(src(&m, "authors"), "meta");

    let m = meta(&page(
        r#"<meta name="citation_author" content="Doe, Jane"><meta name="citation_author" content="Roe, John">"#,
        "",
    ));
    assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);

    let m = meta(&page(
        r#"<meta property="article:author" content="https://facebook.com/janedoe"><meta property="article:author" content="Jane Doe">"#,
        "",
    ));
    assert_eq!(
        (m.authors.clone(), src(&m, "authors")),
        (vec!["Jane Doe".to_string()], "opengraph")
    );

    let m = meta(&page("", MICRO));
    assert_eq!(
        (m.authors.clone(), src(&m, "authors")),
        (vec!["Micro Author".to_string()], "microdata")
    );

    let m = meta(&page(
        "",
        r#"<h1>Story</h1><p>By <a rel="author" href="/jane">Jane Doe</a></p>"#,
    ));
    assert_eq!(
        (m.authors.clone(), src(&m, "authors")),
        (vec!["Jane Doe".to_string()], "byline")
    );

    let m = meta(&page(
        "",
        r#"<article><h1>Story</h1><div class="article-byline">By Jane Doe, Staff Writer | March 5, 2024</div><p>Text.</p></article>"#,
    ));
    assert_eq!(
        (m.authors.clone(), src(&m, "authors")),
        (vec!["Jane Doe".to_string()], "byline")
    );
}

#[test]
fn author_precedence_and_noise() {
    // JSON-LD beats meta; meta beats the visible byline.
    let m = meta(&page(
        &format!(r#"{LD_ARTICLE}<meta name="author" content="Meta Author">"#),
        r#"<div class="byline">By Visible Author</div>"#,
    ));
    assert_eq!(m.authors, vec!["Ld Author"]);
    let m = meta(&page(
        r#"<meta name="author" content="Meta Author">"#,
        r#"<div class="byline">By Visible Author</div>"#,
    ));
    assert_eq!(m.authors, vec!["Meta Author"]);
    // Comment authors, author bios and sidebars are not bylines.
    let m = meta(&page(
        "",
        r#"<h1>Story</h1><p>Text</p>
           <div class="comments"><span class="author">Troll McTroll</span></div>
           <aside><div class="author">Sidebar Person</div></aside>
           <div class="author-bio">Jane Doe is a reporter who has covered the city council and its many committees for twenty years.</div>"#,
    ));
    assert!(m.authors.is_empty(), "{:?}", m.authors);
    // The byline near the headline wins over one further down.
    let mut far = String::new();
    for i in 0..80 {
        far.push_str(&format!("<p>Paragraph {i} of the story.</p>"));
    }
    let m = meta(&page(
        "",
        &format!(
            r#"<div class="author">Other Person</div>{far}<h1>Story</h1><div class="byline">By Jane Doe</div>"#
        ),
    ));
    assert_eq!(m.authors, vec!["Jane Doe"]);
}

#[test]
fn json_ld_author_forms() {
    let ld = |a: &str| {
        meta(&page(
            &format!(
                r##"<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":["Article","NewsArticle"],"headline":"H","author":{a}}},{{"@type":"Person","@id":"#p1","name":"Ref Person"}}]}}</script>"##
            ),
            "",
        ))
        .authors
    };
    assert_eq!(ld(r#""By Jane Doe""#), vec!["Jane Doe"]);
    assert_eq!(
        ld(r#"{"@type":"Person","name":"Jane Doe"}"#),
        vec!["Jane Doe"]
    );
    assert_eq!(
        ld(r#"[{"name":"Jane Doe"},"John Roe"]"#),
        vec!["Jane Doe", "John Roe"]
    );
    assert_eq!(ld(r##"{"@id":"#p1"}"##), vec!["Ref Person"]);
    assert_eq!(
        ld(r#"{"@type":"Person","url":"https://x/jane"}"#),
        Vec::<String>::new()
    );
}

#[test]
fn dates_from_each_source() {
    let m = meta(&page(&format!("{OG}{LD_ARTICLE}"), ""));
    assert_eq!(m.published.as_deref(), Some("2024-03-05T09:00:00+01:00"));
    assert_eq!(m.modified.as_deref(), Some("2024-03-06"));
    assert_eq!(
        (src(&m, "published"), src(&m, "modified")),
        ("json-ld", "json-ld")
    );

    let m = meta(&page(OG, MICRO));
    assert_eq!(m.published.as_deref(), Some("2024-02-01T08:00:00+00:00"));
    assert_eq!(m.modified.as_deref(), Some("2024-02-02T08:00:00+00:00"));
    assert_eq!(
        (src(&m, "published"), src(&m, "modified")),
        ("opengraph", "opengraph")
    );

    for (key, value, want) in [
        ("date", "2024-03-05", "2024-03-05"),
        ("pubdate", "20240305", "2024-03-05"),
        (
            "dc.date.issued",
            "2024-03-05T10:00:00-05:00",
            "2024-03-05T10:00:00-05:00",
        ),
        (
            "sailthru.date",
            "Tue, 05 Mar 2024 10:00:00 GMT",
            "2024-03-05T10:00:00+00:00",
        ),
        ("publish-date", "March 5, 2024", "2024-03-05"),
        (
            "parsely-pub-date",
            "1709634600",
            "2024-03-05T10:30:00+00:00",
        ),
    ] {
        let m = meta(&page(
            &format!(r#"<meta name="{key}" content="{value}">"#),
            "",
        ));
        assert_eq!(m.published.as_deref(), Some(want), "{key}");
        assert_eq!(src(&m, "published"), "meta", "{key}");
    }
    // A bad value is skipped for the next source.
    let m = meta(&page(
        r#"<meta property="article:published_time" content="0000-00-00 00:00:00"><meta name="date" content="2024-03-05">"#,
        "",
    ));
    assert_eq!(m.published.as_deref(), Some("2024-03-05"));

    let m = meta(&page("", MICRO));
    assert_eq!(m.published.as_deref(), Some("2023-12-24"));
    assert_eq!(m.modified.as_deref(), Some("2023-12-25"));
    assert_eq!(src(&m, "published"), "microdata");

    let m = meta(&page("", r#"<p itemprop="datePublished">5 March 2024</p>"#));
    assert_eq!(m.published.as_deref(), Some("2024-03-05"));
}

#[test]
fn time_elements_prefer_the_article() {
    let m = meta(&page(
        "",
        r#"<header><time datetime="2024-01-01">Today</time></header>
           <aside><time datetime="2023-11-11">Related story date</time></aside>
           <article><h1>Story</h1><p class="meta"><time datetime="2024-03-05T10:00:00+02:00">March 5</time>
           <time class="updated" datetime="2024-03-07">Updated March 7</time></p><p>Text</p></article>
           <div class="comments"><time datetime="2024-03-08">comment</time></div>"#,
    ));
    assert_eq!(m.published.as_deref(), Some("2024-03-05T10:00:00+02:00"));
    assert_eq!(m.modified.as_deref(), Some("2024-03-07"));
    assert_eq!(
        (src(&m, "published"), src(&m, "modified")),
        ("time", "time")
    );
    // A <time> without datetime: its text.
    let m = meta(&page("", "<h1>Story</h1><time>5 March 2024</time>"));
    assert_eq!(m.published.as_deref(), Some("2024-03-05"));
}

#[test]
fn date_in_text_near_the_title() {
    let doc = parse_html(&page("", "<h1>Story</h1><p>Published March 5, 2024</p>"));
    let blocks = vec![
        block(0, Label::Boilerplate, None, "a", "Archive: January 1, 2020"),
        block(1, Label::Boilerplate, None, "li", "Home"),
        block(2, Label::Boilerplate, None, "li", "News"),
        block(3, Label::Boilerplate, None, "li", "Sport"),
        block(4, Label::Article, None, "h1", "Story"),
        block(5, Label::Article, None, "p", "Published March 5, 2024"),
    ];
    let m = extract(&doc, &blocks, &Options::default()).0;
    assert_eq!(m.published.as_deref(), Some("2024-03-05"));
    assert_eq!(src(&m, "published"), "byline");
}

#[test]
fn numeric_dates_follow_the_language() {
    let html = |lang: &str| {
        page("", "<h1>x</h1><time>05/03/2024</time>")
            .replace("<html>", &format!(r#"<html lang="{lang}">"#))
    };
    assert_eq!(
        meta(&html("en-US")).published.as_deref(),
        Some("2024-05-03")
    );
    assert_eq!(
        meta(&html("en-GB")).published.as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(meta(&html("fr")).published.as_deref(), Some("2024-03-05"));
}

#[test]
fn language_from_markup() {
    let with_html = |attrs: &str, head: &str| {
        meta(&format!(
            "<!doctype html><html {attrs}><head>{head}</head><body></body></html>"
        ))
    };
    let m = with_html(r#"lang="EN-us""#, "");
    assert_eq!(
        (m.language.as_deref(), src(&m, "language")),
        (Some("en-US"), "markup")
    );
    assert_eq!(m.dir, Dir::Ltr);
    let m = with_html(
        "",
        r#"<meta http-equiv="Content-Language" content="de-AT, de">"#,
    );
    assert_eq!(m.language.as_deref(), Some("de-AT"));
    let m = with_html("", r#"<meta property="og:locale" content="pt_BR">"#);
    assert_eq!(m.language.as_deref(), Some("pt-BR"));
    let m = with_html("", LD_ARTICLE);
    assert_eq!(m.language.as_deref(), Some("fr-FR"));
    // html lang comes first.
    let m = with_html(
        r#"lang="es""#,
        r#"<meta property="og:locale" content="pt_BR">"#,
    );
    assert_eq!(m.language.as_deref(), Some("es"));
    // Junk is skipped.
    let m = with_html(
        r#"lang="x-default""#,
        r#"<meta property="og:locale" content="it_IT">"#,
    );
    assert_eq!(m.language.as_deref(), Some("it-IT"));
    let m = with_html(r#"lang="""#, "");
    assert_eq!(m.language, None);
}

#[test]
fn normalises_language_tags() {
    let n = |s: &str| normalize_lang(s);
    assert_eq!(n("en").as_deref(), Some("en"));
    assert_eq!(n("EN_gb").as_deref(), Some("en-GB"));
    assert_eq!(n("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
    assert_eq!(n("es-419").as_deref(), Some("es-419"));
    assert_eq!(n("iw").as_deref(), Some("he"));
    assert_eq!(n(" fr-FR ; q=0.9").as_deref(), Some("fr-FR"));
    assert_eq!(n("de-DE-x-private").as_deref(), Some("de-DE"));
    assert_eq!(n("sl-rozaj").as_deref(), Some("sl-rozaj"));
    assert_eq!(n("und"), None);
    assert_eq!(n("x-default"), None);
    assert_eq!(n("english"), None);
    assert_eq!(n(""), None);
    assert_eq!(n("日本"), None);
    assert_eq!(n("e"), None);
}

#[test]
fn direction_from_markup_and_language() {
    let doc = |html_attrs: &str, body_attrs: &str| {
        meta(&format!(
            "<html {html_attrs}><head></head><body {body_attrs}></body></html>"
        ))
    };
    let m = doc(r#"dir="rtl""#, "");
    assert_eq!((m.dir, src(&m, "dir")), (Dir::Rtl, "markup"));
    let m = doc("", r#"dir="RTL""#);
    assert_eq!(m.dir, Dir::Rtl);
    let m = doc(r#"lang="ar""#, "");
    assert_eq!((m.dir, src(&m, "dir")), (Dir::Rtl, "language"));
    let m = doc(r#"lang="fa-IR""#, "");
    assert_eq!(m.dir, Dir::Rtl);
    let m = doc(r#"lang="az-Arab""#, "");
    assert_eq!(m.dir, Dir::Rtl);
    let m = doc(r#"lang="ku-Latn""#, "");
    assert_eq!(m.dir, Dir::Ltr);
    let m = doc(r#"lang="he" dir="ltr""#, "");
    assert_eq!(m.dir, Dir::Ltr);
}

#[test]
fn site_description_image_canonical() {
    let m = meta_url(
        &page(&format!("{LD_ARTICLE}{OG}"), ""),
        Some("https://example.com/news/story.html"),
    );
    assert_eq!(
        (m.site_name.as_deref(), src(&m, "site_name")),
        (Some("The Daily"), "opengraph")
    );
    assert_eq!(
        (m.description.as_deref(), src(&m, "description")),
        (Some("LD description"), "json-ld")
    );
    assert_eq!(
        (m.image.as_deref(), src(&m, "image")),
        (Some("https://cdn.example/og.jpg"), "opengraph")
    );
    assert_eq!(
        (m.canonical_url.as_deref(), src(&m, "canonical_url")),
        (Some("https://example.com/og-url"), "opengraph")
    );

    // JSON-LD image relative to the page URL; publisher as the site name.
    let m = meta_url(
        &page(LD_ARTICLE, ""),
        Some("https://example.com/news/story.html"),
    );
    assert_eq!(
        (m.image.as_deref(), src(&m, "image")),
        (Some("https://example.com/ld.jpg"), "json-ld")
    );
    assert_eq!(
        (m.site_name.as_deref(), src(&m, "site_name")),
        (Some("LD Publisher"), "json-ld")
    );

    // <base href> and a relative canonical link.
    let m = meta_url(
        &page(
            r#"<base href="/static/"><link rel="canonical" href="/news/story"><meta property="og:image" content="img/a.png"><meta name="description" content="  Meta   description "><meta name="twitter:description" content="Tw">"#,
            "",
        ),
        Some("https://example.com/news/story?utm=1"),
    );
    assert_eq!(
        m.image.as_deref(),
        Some("https://example.com/static/img/a.png")
    );
    assert_eq!(
        (m.canonical_url.as_deref(), src(&m, "canonical_url")),
        (Some("https://example.com/news/story"), "markup")
    );
    assert_eq!(
        (m.description.as_deref(), src(&m, "description")),
        (Some("Tw"), "twitter")
    );

    let m = meta(&page(
        r#"<meta name="description" content="  Meta   description ">"#,
        "",
    ));
    assert_eq!(
        (m.description.as_deref(), src(&m, "description")),
        (Some("Meta description"), "meta")
    );

    // No base at all: the canonical URL (absolute) is the base; options.url the fallback.
    let m = meta(&page(
        r#"<link rel="canonical" href="https://site.org/a/b"><meta name="twitter:image" content="../i.jpg">"#,
        "",
    ));
    assert_eq!(
        (m.image.as_deref(), src(&m, "image")),
        (Some("https://site.org/i.jpg"), "twitter")
    );
    let m = meta_url(&page("", ""), Some("https://site.org/x"));
    assert_eq!(
        (m.canonical_url.as_deref(), src(&m, "canonical_url")),
        (Some("https://site.org/x"), "url")
    );
    // data: URLs are placeholders, not lead images.
    let m = meta(&page(
        r#"<meta property="og:image" content="data:image/gif;base64,R0lGOD"><link rel="image_src" href="https://x.org/i.jpg">"#,
        "",
    ));
    assert_eq!(
        (m.image.as_deref(), src(&m, "image")),
        (Some("https://x.org/i.jpg"), "markup")
    );
    // Site name from application-name.
    let m = meta(&page(
        r#"<meta name="application-name" content="Appy">"#,
        "",
    ));
    assert_eq!(
        (m.site_name.as_deref(), src(&m, "site_name")),
        (Some("Appy"), "meta")
    );
}

#[test]
fn json_ld_graph_page() {
    // A Yoast-style graph: the Article points at its author, image and publisher by @id;
    // the WebPage carries the language; the WebSite the name.
    let m = meta_url(
        &page(
            r#"<title>The real headline - Site Name</title><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://s.com/#website","name":"Site Name"},
              {"@type":"WebPage","@id":"https://s.com/p/","name":"The real headline - Site Name","inLanguage":"en-GB","isPartOf":{"@id":"https://s.com/#website"}},
              {"@type":"Article","@id":"https://s.com/p/#article","headline":"The real headline","isPartOf":{"@id":"https://s.com/p/"},
               "author":{"@id":"https://s.com/#/schema/person/1"},"image":{"@id":"https://s.com/p/#primaryimage"},
               "datePublished":"2024-03-05T08:00:00+00:00"},
              {"@type":"ImageObject","@id":"https://s.com/p/#primaryimage","contentUrl":"https://s.com/i.jpg"},
              {"@type":"Person","@id":"https://s.com/#/schema/person/1","name":"Ann Lee"}
            ]}
            </script>"#,
            "",
        ),
        Some("https://s.com/p/"),
    );
    assert_eq!(m.title.as_deref(), Some("The real headline"));
    assert_eq!(m.authors, vec!["Ann Lee"]);
    assert_eq!(m.image.as_deref(), Some("https://s.com/i.jpg"));
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    assert_eq!(m.site_name.as_deref(), Some("Site Name"));
    assert_eq!(m.published.as_deref(), Some("2024-03-05T08:00:00+00:00"));
    // Only a WebPage: its name is cleaned of the site name and used after OpenGraph.
    let m = meta(&page(
        r#"<script type="application/ld+json">{"@type":"WebPage","name":"Page headline here | Site Name","datePublished":"2024-01-02"}</script><meta property="og:site_name" content="Site Name">"#,
        "",
    ));
    assert_eq!(m.title.as_deref(), Some("Page headline here"));
    assert_eq!(m.published.as_deref(), Some("2024-01-02"));
}

#[test]
fn broken_json_ld_is_skipped() {
    let m = meta(&page(
        r#"<script type="application/ld+json">{"@type": "Article", "headline": </script>
           <script type="application/ld+json">
           <!--
           {"@type": "BlogPosting", "headline": "Survivor", "author": "Jane Doe",}
           -->
           </script>"#,
        "",
    ));
    assert_eq!(m.title.as_deref(), Some("Survivor"));
    assert_eq!(m.authors, vec!["Jane Doe"]);
}

fn annotation(metadata: Metadata, blocks: Vec<Block>) -> Annotation {
    Annotation::new(InputKind::Html, metadata, blocks)
}

#[test]
fn finish_fills_from_article_blocks() {
    let mut a = annotation(
        Metadata::default(),
        vec![
            block(0, Label::Boilerplate, None, "li", "Home"),
            block(1, Label::Article, Some(Kind::Title), "h1", "Der Stadtrat schließt die Brücke"),
            block(2, Label::Article, Some(Kind::Byline), "p", "Von Hans Müller, 5. März 2024"),
            block(3, Label::Article, Some(Kind::Paragraph), "p", "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu schließen, die seit Jahren in schlechtem Zustand ist, und der Bürgermeister sagte, dass bis zum Frühjahr eine neue gebaut wird."),
        ],
    );
    finish(&mut a);
    let m = &a.metadata;
    assert_eq!(
        (m.title.as_deref(), src(m, "title")),
        (Some("Der Stadtrat schließt die Brücke"), "heading")
    );
    assert_eq!(
        (m.authors.clone(), src(m, "authors")),
        (vec!["Hans Müller".to_string()], "byline")
    );
    assert_eq!(
        (m.published.as_deref(), src(m, "published")),
        (Some("2024-03-05"), "byline")
    );
    assert_eq!(
        (m.language.as_deref(), src(m, "language")),
        (Some("de"), "detected")
    );
    assert_eq!((m.dir, src(m, "dir")), (Dir::Ltr, "language"));
}

#[test]
fn finish_detects_rtl() {
    let text = "מועצת העיר הצביעה ביום שלישי על סגירת הגשר הישן, שנמצא במצב גרוע כבר שנים רבות, וראש העיר אמר כי גשר חדש ייבנה עד סוף האביב וכי מדובר בפרויקט חשוב מאוד לתושבי העיר.";
    let mut a = annotation(
        Metadata::default(),
        vec![block(0, Label::Article, Some(Kind::Paragraph), "p", text)],
    );
    finish(&mut a);
    assert_eq!(a.metadata.language.as_deref(), Some("he"));
    assert_eq!(a.metadata.dir, Dir::Rtl);
    // Too short to name the language: the direction still comes from the text.
    let mut a = annotation(
        Metadata::default(),
        vec![block(
            0,
            Label::Article,
            Some(Kind::Paragraph),
            "p",
            "123 שלום עולם",
        )],
    );
    finish(&mut a);
    assert_eq!(a.metadata.language, None);
    assert_eq!(
        (a.metadata.dir, src(&a.metadata, "dir")),
        (Dir::Rtl, "detected")
    );
    // The markup's dir stands.
    let mut m = Metadata::default();
    m.sources.insert("dir".into(), "markup".into());
    let mut a = annotation(
        m,
        vec![block(0, Label::Article, Some(Kind::Paragraph), "p", text)],
    );
    finish(&mut a);
    assert_eq!(a.metadata.dir, Dir::Ltr);
}

#[test]
fn finish_keeps_or_overrules_the_markup_language() {
    let german = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu schließen, die seit Jahren in schlechtem Zustand ist, und der Bürgermeister sagte, dass bis zum Frühjahr eine neue gebaut wird. ";
    let with = |lang: &str, text: String| {
        let mut m = Metadata {
            language: Some(lang.to_string()),
            ..Metadata::default()
        };
        m.sources.insert("language".into(), "markup".into());
        let mut a = annotation(
            m,
            vec![block(0, Label::Article, Some(Kind::Paragraph), "p", &text)],
        );
        finish(&mut a);
        a.metadata
    };
    // A short text does not overrule the markup.
    let m = with("en", german.to_string());
    assert_eq!(
        (m.language.as_deref(), src(&m, "language")),
        (Some("en"), "markup")
    );
    // A long, clear one does (a template's lang="en" on a German page).
    let m = with("en", german.repeat(4));
    assert_eq!(
        (m.language.as_deref(), src(&m, "language")),
        (Some("de"), "detected")
    );
    // Agreement keeps the region.
    let m = with("de-CH", german.repeat(4));
    assert_eq!(
        (m.language.as_deref(), src(&m, "language")),
        (Some("de-CH"), "markup")
    );
    // An Arabic article on a page marked English.
    let arabic = "صوت المجلس البلدي يوم الثلاثاء على إغلاق الجسر القديم الذي كان في حالة سيئة منذ سنوات، وقال رئيس البلدية إن جسرا جديدا سيتم بناؤه قبل نهاية فصل الربيع في هذه المدينة الكبيرة. ";
    let m = with("en", arabic.repeat(4));
    assert_eq!(m.language.as_deref(), Some("ar"));
    assert_eq!(m.dir, Dir::Rtl);
}

#[test]
fn hostile_pages_do_not_panic() {
    let deep =
        "<div>".repeat(3000) + "<time datetime='2024-03-05'>x</time>" + &"</div>".repeat(3000);
    let many_meta = r#"<meta name="author" content="é">"#.repeat(2000);
    let cases = [
        String::new(),
        "plain text".to_string(),
        "<title></title>".to_string(),
        "<title>|||</title>".to_string(),
        "<title>— — —</title><h1>—</h1>".to_string(),
        "<title>日本語のタイトル | サイト名</title><h1>日本語のタイトル</h1>".to_string(),
        r#"<html lang="é-ü"><meta property="og:locale" content="__"><meta name="date" content="２０２４年"></html>"#.to_string(),
        r#"<script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script>"#.to_string(),
        r#"<script type="application/ld+json">{"@graph":{"@graph":{"@graph":[{"@type":"Article","author":{"@id":"a"}},{"@id":"a","author":{"@id":"a"}}]}}}</script>"#.to_string(),
        r#"<link rel="canonical" href="://"><base href="http://"><meta property="og:image" content="//">"#.to_string(),
        r#"<div itemscope itemtype="http://schema.org/Article"><div itemprop="author" itemscope><div itemprop="author" itemscope></div></div></div>"#.to_string(),
        r#"<svg><title>Not the title</title></svg><h1>Real</h1>"#.to_string(),
        deep,
        many_meta,
        format!("<title>{}</title>", "ü | ".repeat(500)),
        format!("<div class='byline'>{}</div>", "By ".repeat(300)),
    ];
    for html in &cases {
        let m = meta_url(html, Some("https://example.com/é/?q=ü#ß"));
        let mut a = annotation(
            m,
            vec![block(0, Label::Article, Some(Kind::Byline), "p", html)],
        );
        finish(&mut a);
    }
    let m = meta(r#"<svg><title>Not the title</title></svg><h1>Real</h1>"#);
    assert_eq!(m.title.as_deref(), Some("Real"));
}

/// Accuracy and speed on the WCXB development pages (`../shared/bench/wcxb-dev`, when it is
/// there): title, first author and published date against the ground truth.
///
/// `cargo test --release --lib -- --ignored --nocapture metadata_bench`; set
/// `PITH_META_MISSES=file` to write the misses there.
#[cfg(feature = "cli")]
#[test]
#[ignore]
fn metadata_bench() {
    use std::io::Read;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/wcxb-dev");
    let root = if root.exists() {
        root
    } else {
        std::path::PathBuf::from("/work/shared/bench/wcxb-dev")
    };
    let Ok(entries) = std::fs::read_dir(root.join("ground-truth")) else {
        eprintln!("no bench at {}", root.display());
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    let norm = |s: &str| title::key(s);
    let (mut n, mut title_ok, mut author_n, mut author_ok, mut author_found) = (0, 0, 0, 0, 0);
    let (mut date_n, mut date_ok, mut date_found) = (0, 0, 0);
    let mut misses = String::new();
    let mut spent = std::time::Duration::ZERO;
    let mut slowest = (std::time::Duration::ZERO, String::new());
    for p in paths {
        let gt: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        let id = gt["file_id"].as_str().unwrap_or("").to_string();
        let Ok(gz) = std::fs::read(root.join("html").join(format!("{id}.html.gz"))) else {
            continue;
        };
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .unwrap();
        let html = crate::decode_bytes(&bytes);
        let doc = parse_html(&html);
        let options = Options {
            url: gt["url"].as_str().map(String::from),
            ..Options::default()
        };
        // CPU time of this thread (the machine may be busy with other work).
        let cpu = || {
            std::fs::read_to_string("/proc/thread-self/schedstat")
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        };
        let t0 = std::time::Instant::now();
        let c0 = cpu();
        let m = extract(&doc, &[], &options).0;
        let dt = match (c0, cpu()) {
            (Some(a), Some(b)) => std::time::Duration::from_nanos(b.saturating_sub(a)),
            _ => t0.elapsed(),
        };
        spent += dt;
        if dt > slowest.0 {
            slowest = (dt, id.clone());
        }
        n += 1;
        let g = &gt["ground_truth"];
        let want_title = g["title"].as_str().unwrap_or("");
        if norm(m.title.as_deref().unwrap_or("")) == norm(want_title) {
            title_ok += 1;
        } else {
            misses.push_str(&format!(
                "{id} TITLE want {want_title:?} got {:?} ({})\n",
                m.title,
                src(&m, "title")
            ));
        }
        if let Some(a) = g["author"].as_str() {
            author_n += 1;
            if !m.authors.is_empty() {
                author_found += 1;
            }
            let want = norm(a);
            if m.authors
                .first()
                .is_some_and(|x| !norm(x).is_empty() && want.contains(&norm(x)))
            {
                author_ok += 1;
            } else {
                misses.push_str(&format!(
                    "{id} AUTHOR want {a:?} got {:?} ({})\n",
                    m.authors,
                    src(&m, "authors")
                ));
            }
        }
        if let Some(d) = g["publish_date"].as_str() {
            date_n += 1;
            if m.published.is_some() {
                date_found += 1;
            }
            if m.published
                .as_deref()
                .is_some_and(|x| x.get(..10) == d.get(..10))
            {
                date_ok += 1;
            } else {
                misses.push_str(&format!(
                    "{id} DATE want {d:?} got {:?} ({}) modified {:?}\n",
                    m.published,
                    src(&m, "published"),
                    m.modified
                ));
            }
        }
    }
    eprintln!(
        "pages {n}: title {title_ok}/{n}; author {author_ok}/{author_n} (found {author_found}); date {date_ok}/{date_n} (found {date_found}); extract {:?} CPU/page, slowest {:?} ({})",
        spent / n.max(1) as u32,
        slowest.0,
        slowest.1
    );
    if let Ok(f) = std::env::var("PITH_META_MISSES") {
        std::fs::write(f, misses).unwrap();
    }
}

/// Language detection on the WCXB pages' article text against the language their markup
/// declares: `cargo test --release --lib -- --ignored --nocapture language_bench`.
#[cfg(feature = "cli")]
#[test]
#[ignore]
fn language_bench() {
    use std::io::Read;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/wcxb-dev");
    let root = if root.exists() {
        root
    } else {
        std::path::PathBuf::from("/work/shared/bench/wcxb-dev")
    };
    if !root.exists() {
        return;
    }
    let mut agree = 0;
    let mut disagree = 0;
    let mut none = 0;
    let mut strong_dis = 0;
    for e in std::fs::read_dir(root.join("ground-truth"))
        .unwrap()
        .flatten()
    {
        let gt: serde_json::Value =
            serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
        let id = gt["file_id"].as_str().unwrap_or("").to_string();
        let text = gt["ground_truth"]["main_content"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let Ok(gz) = std::fs::read(root.join("html").join(format!("{id}.html.gz"))) else {
            continue;
        };
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .unwrap();
        let html = crate::decode_bytes(&bytes);
        let doc = parse_html(&html);
        let m = extract(&doc, &[], &Options::default()).0;
        let Some(lang) = m.language else { continue };
        let p = primary_subtag(&lang).to_string();
        match crate::lang::detect_scored(&text) {
            None => none += 1,
            Some(d) if d.lang == p => agree += 1,
            Some(d) => {
                disagree += 1;
                if d.strong {
                    strong_dis += 1;
                }
                eprintln!(
                    "{id} markup {lang} detected {} strong {} : {:?}",
                    d.lang,
                    d.strong,
                    text.chars().take(100).collect::<String>()
                );
            }
        }
    }
    eprintln!("agree {agree} disagree {disagree} (strong {strong_dis}) none {none}");
}

/// A tiny deterministic generator for the fuzz tests below.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "2024",
    "-",
    "03",
    "05",
    "T",
    "10",
    ":",
    "30",
    "+",
    "01:00",
    "Z",
    "/",
    ".",
    " ",
    ",",
    "March",
    "mars",
    "5th",
    "of",
    "de",
    "年",
    "月",
    "日",
    "By ",
    "by",
    "and",
    "&",
    "|",
    " - ",
    "Jane",
    "Doe",
    "é",
    "ß",
    "ł",
    "ø",
    "ı",
    "шо",
    "ї",
    "مرحبا",
    "שלום",
    "日本",
    "한국",
    "ไทย",
    "\u{0}",
    "\u{200b}",
    "\u{feff}",
    "👍🏽",
    "¶",
    "·",
    "—",
    "::",
    "»",
    "http://",
    "@",
    "(",
    ")",
    "\"",
    "{",
    "}",
    "[",
    "]",
    "&amp;",
    "&#x",
    ";",
    "<",
    ">",
    "the",
    "der",
    "und",
    "la",
];

#[test]
fn fuzz_text_functions_do_not_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let n = (rng.next() % 24) as usize;
        let s: String = (0..n).map(|_| rng.pick(PIECES)).collect();
        let _ = dates::parse_date(&s, rng.next() % 2 == 0);
        let _ = dates::find_date(&s, false);
        let mut out = Vec::new();
        byline::add_authors(&s, true, &mut out);
        byline::add_authors(&s, false, &mut out);
        byline::add_author(&s, false, &mut out);
        let keys = title::site_keys(Some(&s), Some("é.example.co.uk"));
        let _ = title::clean(&s, &keys);
        let _ = normalize_lang(&s);
        let _ = crate::lang::detect(&s.repeat(3));
        let _ = url::resolve(Some("https://ex.com/a/b"), &s);
        let _ = url::resolve(Some(&s), "x/../y");
        let _ = url::host(&s);
        let _ = jsonld::parse_lenient(&s);
        let _ = similar(&s, "Jane Doe");
        let _ = nearby::is_update(&s);
    }
}

#[test]
fn fuzz_pages_do_not_panic() {
    const TAGS: &[&str] = &[
        "<h1>",
        "</h1>",
        "<time datetime='",
        "'>",
        "</time>",
        "<div class='byline'>",
        "<div class='comments'>",
        "</div>",
        "<a rel=author href='/author/x'>",
        "</a>",
        "<meta property='og:title' content='",
        "<meta name='author' content='",
        "'>",
        "<title>",
        "</title>",
        "<article>",
        "</article>",
        "<p>",
        "</p>",
        "<span itemprop='author' itemscope>",
        "<span itemprop='name'>",
        "</span>",
        "<div itemscope itemtype='http://schema.org/Article'>",
        "<script type='application/ld+json'>",
        "</script>",
        "<html lang='",
        "<body dir='rtl'>",
        "<link rel=canonical href='",
        "<base href='",
        "<svg><title>",
        "</svg>",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..150 {
        let n = (rng.next() % 60) as usize;
        let html: String = (0..n)
            .map(|_| {
                if rng.next() % 2 == 0 {
                    rng.pick(TAGS)
                } else {
                    rng.pick(PIECES)
                }
            })
            .collect();
        let m = meta_url(&html, Some("https://example.com/a/b?c#d"));
        let mut a = annotation(
            m,
            vec![
                block(0, Label::Article, Some(Kind::Byline), "p", &html),
                block(1, Label::Article, Some(Kind::Date), "p", &html),
            ],
        );
        finish(&mut a);
    }
}

#[test]
fn bylines_in_many_languages() {
    for (line, name) in [
        ("Автор: Иван Петров", "Иван Петров"),
        ("Yazar: Ayşe Yılmaz", "Ayşe Yılmaz"),
        ("Írta: Nagy Péter", "Nagy Péter"),
        ("Napisał Jan Kowalski", "Jan Kowalski"),
        ("Κείμενο: Γιώργος Παπαδόπουλος", "Γιώργος Παπαδόπουλος"),
        ("بقلم: أحمد علي", "أحمد علي"),
        ("מאת: דנה כהן", "דנה כהן"),
        ("लेखक: राहुल शर्मा", "राहुल शर्मा"),
        ("โดย สมชาย ใจดี", "สมชาย ใจดี"),
        ("Oleh Budi Santoso", "Budi Santoso"),
        ("Tác giả: Nguyễn Văn A", "Nguyễn Văn A"),
        ("文/王小明", "王小明"),
        ("作者：王小明", "王小明"),
    ] {
        let m = meta(&page(
            "<title>Big news today</title>",
            &format!(
                "<article><h1>Big news today</h1><div>{line}</div>\
                 <p>The story itself, told in a sentence or two of plain text.</p></article>"
            ),
        ));
        assert_eq!(m.authors, vec![name.to_string()], "{line}");
    }
}

#[test]
fn a_slogan_title_gives_way_to_the_one_long_headline() {
    let m = meta(&page(
        "<title>Chatter - The front page of everything</title>",
        "<div><h1>Regulator tells carriers that roaming fees must fall before the summer</h1>\
         <p>The post itself, a sentence or two of text.</p></div>",
    ));
    assert_eq!(
        m.title.as_deref(),
        Some("Regulator tells carriers that roaming fees must fall before the summer")
    );
    assert_eq!(src(&m, "title"), "heading");
    // A short tagline in the <h1> does not replace a <title> that says something else.
    let m = meta(&page(
        "<title>Deploy app servers close to your users · Fly</title>",
        "<h1>Build fast. Run any code fearlessly.</h1><p>Some text.</p>",
    ));
    assert_eq!(
        m.title.as_deref(),
        Some("Deploy app servers close to your users")
    );
}
