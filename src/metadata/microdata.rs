//! Microdata: `itemprop` headline, name, author (with a nested `itemprop=name`),
//! datePublished, dateModified, image, description, inLanguage and publisher, read from the
//! Article-like `itemscope`; properties of a WebPage scope or of no scope fill the gaps.

use super::scan::{bounded_text, Scan, ScopeKind};
use crate::dom::{Document, NodeId};

/// What the microdata says: the same fields as a JSON-LD object (microdata has no typed
/// organisation authors, so `org_authors` stays empty).
pub(crate) type Micro = super::jsonld::Fields;

/// The nearest `itemscope` above `id` (not `id` itself).
#[cfg_attr(pith_size, optimize(size))]
fn owner(doc: &Document, id: NodeId) -> Option<NodeId> {
    let mut cur = doc.node(id).parent;
    let mut steps = 0;
    while let Some(n) = cur {
        if steps > 64 {
            return None;
        }
        steps += 1;
        if doc.attr(n, "itemscope").is_some() {
            return Some(n);
        }
        cur = doc.node(n).parent;
    }
    None
}

/// The property value as the microdata spec reads it (URL attributes for media and links,
/// `datetime`, `content`, `value`), else the element's text.
#[cfg_attr(pith_size, optimize(size))]
fn value(doc: &Document, id: NodeId, max: usize) -> Option<String> {
    let el = doc.element(id)?;
    if let Some(c) = el.attr("content") {
        return Some(c.trim().to_string()).filter(|s| !s.is_empty());
    }
    let attr = match el.tag() {
        "img" | "audio" | "embed" | "iframe" | "source" | "track" | "video" => Some("src"),
        "a" | "area" | "link" => Some("href"),
        "object" => Some("data"),
        "data" | "meter" => Some("value"),
        "time" => Some("datetime"),
        _ => None,
    };
    if let Some(v) = attr.and_then(|a| el.attr(a)) {
        let v = v.trim();
        if !v.is_empty() {
            return Some(v.to_string());
        }
    }
    bounded_text(doc, id, max).filter(|s| !s.is_empty())
}

/// A name: for an element that is itself a scope (a Person), its `itemprop=name`;
/// for a link, its text rather than its URL.
#[cfg_attr(pith_size, optimize(size))]
fn name(doc: &Document, owners: &[(NodeId, Option<NodeId>)], id: NodeId) -> Option<String> {
    if doc.attr(id, "itemscope").is_some() {
        for &(p, o) in owners {
            if o == Some(id) && has_prop(doc, p, "name") {
                return value(doc, p, 200);
            }
        }
        return None;
    }
    if doc.attr(id, "content").is_none() && matches!(doc.tag(id), "a" | "link") {
        return bounded_text(doc, id, 200).filter(|s| !s.is_empty());
    }
    value(doc, id, 200)
}

#[cfg_attr(pith_size, optimize(size))]
fn has_prop(doc: &Document, id: NodeId, prop: &str) -> bool {
    doc.attr(id, "itemprop").is_some_and(|v| {
        v.split_ascii_whitespace()
            .any(|p| p.eq_ignore_ascii_case(prop))
    })
}

#[cfg_attr(pith_size, optimize(size))]
fn image(doc: &Document, owners: &[(NodeId, Option<NodeId>)], id: NodeId) -> Option<String> {
    if doc.attr(id, "itemscope").is_some() {
        for &(p, o) in owners {
            if o == Some(id) && (has_prop(doc, p, "url") || has_prop(doc, p, "contentUrl")) {
                return value(doc, p, 2000);
            }
        }
        return None;
    }
    value(doc, id, 2000)
}

#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn extract(doc: &Document, scan: &Scan) -> Micro {
    let article_scope = scan
        .scopes
        .iter()
        .find(|(_, k)| *k == ScopeKind::Article)
        .map(|&(n, _)| n);
    let mut primary = Micro::default();
    let mut secondary = Micro::default();
    let owners: Vec<(NodeId, Option<NodeId>)> =
        scan.itemprops.iter().map(|&p| (p, owner(doc, p))).collect();
    for &(p, o) in &owners {
        let target = match o {
            Some(o) if Some(o) == article_scope => &mut primary,
            Some(o)
                if scan
                    .scopes
                    .iter()
                    .any(|&(n, k)| n == o && k == ScopeKind::Page) =>
            {
                &mut secondary
            }
            None => &mut secondary,
            _ => continue,
        };
        let in_article = Some(o) == Some(article_scope) && o.is_some();
        let props = doc.attr(p, "itemprop").unwrap_or("");
        for prop in props.split_ascii_whitespace() {
            match prop {
                "headline" if target.headline.is_none() => target.headline = value(doc, p, 500),
                "name" if in_article && target.name.is_none() => target.name = value(doc, p, 500),
                "author" | "creator" if target.authors.len() < 20 => {
                    if let Some(n) = name(doc, &owners, p) {
                        super::byline::add_authors(&n, false, &mut target.authors);
                    }
                }
                "datePublished" if target.published.is_none() => {
                    target.published = value(doc, p, 100)
                }
                "dateCreated" if target.created.is_none() => target.created = value(doc, p, 100),
                "dateModified" if target.modified.is_none() => target.modified = value(doc, p, 100),
                "description" if target.description.is_none() => {
                    target.description = value(doc, p, 2000)
                }
                "image" | "thumbnailUrl" if target.image.is_none() => {
                    target.image = image(doc, &owners, p)
                }
                "inLanguage" if target.language.is_none() => target.language = value(doc, p, 40),
                "publisher" if target.publisher.is_none() => {
                    target.publisher = name(doc, &owners, p)
                }
                _ => {}
            }
        }
    }
    // Fill the article's gaps from the page / unscoped properties.
    let Micro {
        headline,
        name: _,
        authors,
        org_authors: _,
        published,
        created,
        modified,
        description,
        image,
        language,
        publisher,
    } = secondary;
    primary.headline = primary.headline.or(headline);
    if primary.authors.is_empty() {
        primary.authors = authors;
    }
    primary.published = primary.published.or(published);
    primary.created = primary.created.or(created);
    primary.modified = primary.modified.or(modified);
    primary.description = primary.description.or(description);
    primary.image = primary.image.or(image);
    primary.language = primary.language.or(language);
    primary.publisher = primary.publisher.or(publisher);
    primary
}
