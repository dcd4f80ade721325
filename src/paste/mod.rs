//! Pasted text: lines and paragraphs of text copied from a whole page, annotated with the
//! same model as HTML pages.
//!
//! 1. `lines` — the input cut into lines, each with its exact byte span and its features
//!    (words, sentence punctuation, truncation, dates, counters, script);
//! 2. `classify` — the article's core is the run of lines with the most prose; it is widened
//!    over the article's own headings and list items, its title is found above it, and every
//!    other line is named (menu, counter, teaser record, footer...).
//!
//! One pass per step: linear in the size of the input.

mod classify;
mod lines;
mod mojibake;
mod records;

use crate::text_util::{collapse_whitespace, text_dir};
use crate::{Annotation, Block, Dir, InputKind, Label, Metadata, Options, SourceRange};

/// At most this many characters of the article go to language detection.
const LANG_SAMPLE: usize = 20_000;

/// Above this many non-blank lines, neighbouring lines with the same label, kind and role are
/// joined into `paragraph` blocks (at most [`GROUP_MAX`] lines each), so that a pathological
/// paste (millions of one-word lines) stays small in memory.
const HUGE: usize = 50_000;
const GROUP_MAX: usize = 256;

pub(crate) fn annotate_text(input: &str, _options: &Options) -> Annotation {
    let lines = lines::split(input);
    let (decisions, title) = classify::classify(&lines);
    let nonblank = lines.iter().filter(|l| !l.is_blank()).count();
    // groups of line indices [first, last] that make one block each
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (i, d) in decisions.iter().enumerate() {
        let Some(d) = d else { continue };
        if nonblank > HUGE && title != Some(i) {
            if let Some(&mut (first, ref mut last)) = groups.last_mut() {
                let prev = decisions[*last].as_ref();
                let same = prev
                    .is_some_and(|p| p.label == d.label && p.kind == d.kind && p.role == d.role);
                if same && *last + 1 == i && i - first < GROUP_MAX && title != Some(first) {
                    *last = i;
                    continue;
                }
            }
        }
        groups.push((i, i));
    }
    let mut blocks = Vec::with_capacity(groups.len());
    let mut title_text = None;
    let mut title_block = None;
    for (first, last) in groups {
        let Some(d) = decisions[first].as_ref() else {
            continue;
        };
        let text = if first == last {
            collapse_whitespace(&lines[first].text)
        } else {
            lines[first..=last]
                .iter()
                .map(|l| collapse_whitespace(&l.text))
                .collect::<Vec<_>>()
                .join("\n")
        };
        if title == Some(first) {
            title_text = Some(text.clone());
            title_block = Some(blocks.len());
        }
        blocks.push(Block {
            id: blocks.len(),
            label: d.label,
            kind: d.kind,
            role: d.role,
            score: d.score,
            reasons: d.reasons.iter().map(|r| r.to_string()).collect(),
            dir: text_dir(&text),
            text,
            level: d.level,
            tag: if first == last { "line" } else { "paragraph" }.to_string(),
            path: None,
            source: SourceRange {
                start: lines[first].start,
                end: lines[last].end,
                line_start: lines[first].number,
                line_end: lines[last].number,
            },
            html: None,
        });
    }
    let mut metadata = Metadata::default();
    if let Some(t) = title_text {
        metadata.title = Some(t);
        metadata.sources.insert("title".into(), "heading".into());
    }
    let sample = article_sample(&blocks);
    if let Some(lang) = crate::lang::detect(&sample) {
        metadata.language = Some(lang);
        metadata
            .sources
            .insert("language".into(), "detected".into());
    }
    metadata.dir = majority_dir(&sample);
    let article: Vec<&Block> = blocks.iter().filter(|b| b.is_article()).collect();
    crate::metadata::from_bylines(&mut metadata, &article);
    crate::metadata::from_lines_near_title(&mut metadata, &blocks, title_block);
    Annotation::new(InputKind::Text, metadata, blocks)
}

/// The article's text (body first, title last), up to [`LANG_SAMPLE`] characters.
fn article_sample(blocks: &[Block]) -> String {
    let mut s = String::new();
    let body = blocks
        .iter()
        .filter(|b| b.label == Label::Article && b.kind != Some(crate::Kind::Title));
    let title = blocks.iter().filter(|b| b.kind == Some(crate::Kind::Title));
    for b in body.chain(title) {
        if s.len() >= LANG_SAMPLE {
            break;
        }
        let room = LANG_SAMPLE - s.len();
        let mut cut = b.text.len().min(room);
        while !b.text.is_char_boundary(cut) {
            cut -= 1;
        }
        s.push_str(&b.text[..cut]);
        s.push('\n');
    }
    s
}

/// Right-to-left when most letters of the text are in a right-to-left script.
fn majority_dir(s: &str) -> Dir {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if crate::text_util::is_rtl_char(c) {
            rtl += 1;
        } else {
            ltr += 1;
        }
    }
    if rtl > ltr {
        Dir::Rtl
    } else {
        Dir::Ltr
    }
}
