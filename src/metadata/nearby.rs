//! Short texts right around the headline: a dateline (`March 5, 2024`, `Updated 05.03.2024`)
//! and a byline (`By Jane Doe`, or a `Written by` label followed by the name), found by
//! walking a bounded number of nodes after the `<h1>` (and its few preceding siblings).

use super::scan::{bounded_text_spaced, Contexts};
use super::{byline, dates};
use crate::dom::{Document, NodeId};
use crate::lower::Lower;
use crate::text_util::{words, Words};

#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Nearby {
    /// A date not marked as an update: the published date.
    pub date: Option<String>,
    /// A date after `Updated`, `Last modified`, `Aktualisiert`...
    pub modified: Option<String>,
    pub authors: Vec<String>,
}

/// How far to look: text units after the headline, and nodes visited.
const MAX_UNITS: usize = 24;
const MAX_NODES: usize = 600;
/// Longer texts are paragraphs, not datelines; after this many of them the article's body
/// has begun.
const MAX_SHORT: usize = 160;
const MAX_LONG: usize = 3;

/// Labels that stand for "the name follows" when alone in their element.
const LABELS: Words = words![
    "article by",
    "story by",
    "post by",
    "published by",
    "by",
    "written by",
    "author",
    "authors",
    "author:",
    "by:",
    "words by",
    "words",
    "posted by",
    "von",
    "autor",
    "autor:",
    "par",
    "auteur",
    "por",
    "di",
    "door",
    "av",
    "af",
    "автор:",
    "yazar:",
    "tekijä:",
    "írta:",
    "szerző:",
    "κείμενο:",
    "بقلم:",
    "מאת:",
    "लेखक:",
    "โดย",
    "oleh",
    "penulis:",
    "tác giả:",
    "作者：",
];

/// Byline openings (lowercase) for a text that holds the name too.
const OPENINGS: Words = words![
    "by ",
    "by:",
    "written by",
    "posted by",
    "words by",
    "story by",
    "von ",
    "par ",
    "por ",
    "door ",
    "av ",
    "af ",
    "di ",
    "autor:",
    "author:",
    "text:",
    "texto:",
    "автор:",
    "текст:",
    "yazar:",
    "tekijä:",
    "teksti:",
    "írta:",
    "szerző:",
    "napisał ",
    "napisała ",
    "κείμενο:",
    "συντάκτης:",
    "بقلم",
    "كتب ",
    "מאת",
    "लेखक:",
    "โดย ",
    "oleh ",
    "penulis:",
    "tác giả:",
    "作者：",
    "作者:",
    "文／",
    "文/",
    "文：",
];

#[cfg_attr(pith_size, optimize(size))]
fn next_node(doc: &Document, n: NodeId, into: bool) -> Option<NodeId> {
    if into {
        if let Some(c) = doc.node(n).first_child {
            return Some(c);
        }
    }
    let mut cur = n;
    loop {
        if let Some(s) = doc.node(cur).next_sibling {
            return Some(s);
        }
        cur = doc.node(cur).parent?;
    }
}

/// The element a text belongs to for layout: the nearest ancestor that is not an inline box.
#[cfg_attr(pith_size, optimize(size))]
fn unit_of(doc: &Document, text: NodeId) -> Option<NodeId> {
    let mut cur = doc.node(text).parent?;
    for _ in 0..6 {
        if !matches!(
            doc.tag(cur),
            "span" | "a" | "b" | "i" | "em" | "strong" | "small" | "time" | "font" | "abbr" | "u"
        ) {
            return Some(cur);
        }
        cur = doc.node(cur).parent?;
    }
    Some(cur)
}

/// Words before a date that make it the date of an update.
const UPDATE_WORDS: Words = words![
    "updated",
    "modified",
    "last update",
    "aktualisiert",
    "mis à jour",
    "actualizado",
    "atualizado",
    "aggiornato",
    "bijgewerkt",
    "zaktualizowano",
    "обновлено",
    "更新",
];

/// Whether the date in `text` is an update's: an update word before its first digit, and no
/// `published`.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn is_update(text: &str) -> bool {
    let head = text
        .find(|c: char| c.is_ascii_digit())
        .map_or(text, |i| &text[..i])
        .to_lower();
    UPDATE_WORDS.iter().any(|w| head.contains(w))
        && !head.contains("publish")
        && !head.contains("posted")
}

/// Files a date found in `text` as published or modified.
#[cfg_attr(pith_size, optimize(size))]
fn take_date(out: &mut Nearby, text: &str, month_first: bool) {
    if out.date.is_some() {
        return;
    }
    if let Some(d) = dates::find_date(text, month_first) {
        if is_update(text) {
            if out.modified.is_none() {
                out.modified = Some(d);
            }
        } else {
            out.date = Some(d);
        }
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn is_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim().to_lower();
    LABELS.contains(&t.as_str()) || LABELS.contains(&format!("{t}:").as_str())
}

#[cfg_attr(pith_size, optimize(size))]
fn is_opening(text: &str) -> bool {
    let lower: String = text.chars().take(12).collect::<String>().to_lower();
    OPENINGS.iter().any(|o| lower.starts_with(o))
}

#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn near_heading(
    doc: &Document,
    contexts: &Contexts,
    h1: NodeId,
    month_first: bool,
) -> Nearby {
    let mut out = Nearby::default();
    // Just above the headline: a kicker or a dateline.
    let mut prev = doc.node(h1).prev_sibling;
    let mut seen = 0;
    while let Some(p) = prev {
        if seen >= 3 {
            break;
        }
        if doc.element(p).is_some() {
            seen += 1;
            if let Some(t) = bounded_text_spaced(doc, p, MAX_SHORT) {
                take_date(&mut out, &t, month_first);
            }
        }
        prev = doc.node(p).prev_sibling;
    }

    let mut units: Vec<NodeId> = Vec::new();
    let mut long = 0;
    let mut visited = 0;
    let mut label_pending = false;
    let mut cur = next_node(doc, h1, false);
    while let Some(n) = cur {
        visited += 1;
        if visited > MAX_NODES || units.len() >= MAX_UNITS || long >= MAX_LONG {
            break;
        }
        if doc.element(n).is_some() {
            let skip = matches!(
                doc.tag(n),
                "script"
                    | "style"
                    | "noscript"
                    | "template"
                    | "svg"
                    | "nav"
                    | "aside"
                    | "form"
                    | "button"
                    | "select"
                    | "iframe"
                    | "figure"
                    | "h1"
            );
            cur = next_node(doc, n, !skip);
            continue;
        }
        cur = next_node(doc, n, false);
        let Some(t) = doc.text(n) else {
            continue;
        };
        if t.trim().is_empty() {
            continue;
        }
        let Some(unit) = unit_of(doc, n) else {
            continue;
        };
        if units.contains(&unit) {
            continue;
        }
        units.push(unit);
        let Some(text) = bounded_text_spaced(doc, unit, MAX_SHORT) else {
            long += 1;
            continue;
        };
        if contexts.get(doc, unit).chrome {
            continue;
        }
        take_date(&mut out, &text, month_first);
        if out.authors.is_empty() {
            if label_pending {
                byline::add_authors(&text, true, &mut out.authors);
                label_pending = false;
            } else if is_label(&text) {
                label_pending = true;
            } else if is_opening(&text) {
                byline::add_authors(&text, true, &mut out.authors);
            }
        }
        if out.date.is_some() && !out.authors.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_html;

    fn near(html: &str) -> Nearby {
        let doc = parse_html(html);
        let h1 = doc
            .descendants(Document::ROOT)
            .find(|&n| doc.tag(n) == "h1")
            .unwrap();
        near_heading(&doc, &Contexts::default(), h1, false)
    }

    #[test]
    fn finds_datelines_and_bylines() {
        let n = near("<h1>Story</h1><p class=sub>A subtitle that is a little longer.</p><p>By <a href=/j>Jane Doe</a></p><p><span>Published</span><span>March 1, 2024</span></p><p>Updated March 5, 2024</p><p>Body</p>");
        assert_eq!(n.date.as_deref(), Some("2024-03-01"));
        assert_eq!(n.authors, vec!["Jane Doe"]);
        let n = near("<h1>Story</h1><div><div><p>Last updated</p><time>Aug 04, 2025</time></div><div><p>Written by</p><p>Edzel Tabing</p></div></div>");
        assert_eq!(n.date, None);
        assert_eq!(n.modified.as_deref(), Some("2025-08-04"));
        assert_eq!(n.authors, vec!["Edzel Tabing"]);
        let n = near("<p class=kicker>05.03.2024</p><h1>Story</h1><p>Text</p>");
        assert_eq!(n.date.as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn stops_at_the_body_and_skips_chrome() {
        let long = "This is a long paragraph of the article body that goes on and on for well over one hundred and sixty characters, so it is not a dateline at all, whatever it says.";
        let n = near(&format!(
            "<h1>Story</h1><p>{long}</p><p>{long}</p><p>{long}</p><p>March 5, 2024</p>"
        ));
        assert_eq!(n.date, None);
        let n = near("<h1>Story</h1><nav>March 5, 2024</nav><aside><p>By Sidebar Person</p></aside><div class=related>By Other Person</div>");
        assert_eq!(n, Nearby::default());
        // A date inside a paragraph is not a dateline.
        let n = near(&format!(
            "<h1>Story</h1><p>On <a>March 5, 2020</a>, {long}</p>"
        ));
        assert_eq!(n.date, None);
    }
}
