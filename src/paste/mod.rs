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

pub(crate) fn annotate_text(input: &str, _options: &Options) -> Annotation {
    let lines = lines::split(input);
    let (decisions, title) = classify::classify(&lines);
    let mut blocks = Vec::new();
    let mut title_text = None;
    for (i, (line, decision)) in lines.iter().zip(decisions).enumerate() {
        let Some(d) = decision else { continue };
        let text = collapse_whitespace(&line.text);
        if title == Some(i) {
            title_text = Some(text.clone());
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
            tag: "line".to_string(),
            path: None,
            source: SourceRange {
                start: line.start,
                end: line.end,
                line_start: line.number,
                line_end: line.number,
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
