//! Repeated records: teaser cards, comment headers, result lists. A record is a few lines whose
//! shapes (short label, headline, sentence, counter or date, cut-off snippet) come back in the
//! same order at least three times; with a counter, a date or a cut-off snippet among them it is
//! chrome, whatever the language. Records that carry sentences must carry a date or a cut-off
//! snippet too (posts, teasers): with counters alone they are the article's own entries.

use super::classify::Class;
use super::lines::Line;

/// Coarse shape of a non-blank line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Shape {
    /// One to three words.
    Label,
    /// More words without sentence punctuation: a headline, a name line, a caption.
    Headline,
    /// Sentences.
    Text,
    /// A counter or a date standing (nearly) alone.
    Meta,
    /// A snippet cut off with an ellipsis.
    Cut,
    /// A URL or a legal line.
    Other,
}

pub(crate) fn shape(l: &Line, c: Class) -> Shape {
    match c {
        Class::Counter | Class::DateLine => Shape::Meta,
        Class::Truncated => Shape::Cut,
        Class::Url | Class::Legal => Shape::Other,
        Class::Prose | Class::Sentence => Shape::Text,
        _ if l.f.units <= 3.0 => Shape::Label,
        _ => Shape::Headline,
    }
}

/// One run of repeated records over non-blank lines `idx[first..=last]`.
#[derive(Clone, Debug)]
pub(crate) struct Records {
    pub first: usize,
    pub last: usize,
    /// The records carry sentences long enough to be comments.
    pub has_text: bool,
}

/// Finds runs of at least three records of 2-6 lines whose shapes repeat exactly and include a
/// counter, date or cut-off snippet plus a label or headline. Returns a mark per line (index
/// into `lines`) and the runs found.
pub(crate) fn find(lines: &[Line], classes: &[Class]) -> (Vec<bool>, Vec<Records>) {
    let n = lines.len();
    let mut mark = vec![false; n];
    let idx: Vec<usize> = (0..n).filter(|&i| classes[i] != Class::Blank).collect();
    let shapes: Vec<Shape> = idx.iter().map(|&i| shape(&lines[i], classes[i])).collect();
    let m = shapes.len();
    let mut runs = Vec::new();
    for p in 2..=6usize {
        if m < 3 * p {
            break;
        }
        let mut k = 0;
        while k + p < m {
            if shapes[k] != shapes[k + p] {
                k += 1;
                continue;
            }
            let k0 = k;
            while k + p < m && shapes[k] == shapes[k + p] {
                k += 1;
            }
            // shapes[k0..k+p) repeat with period p
            let len = k + p - k0;
            if len < 3 * p {
                continue;
            }
            let pattern = &shapes[k0..k0 + p];
            let has_meta = pattern
                .iter()
                .any(|s| matches!(s, Shape::Meta | Shape::Cut));
            // a date, time or cut-off snippet in the record (not only counters)
            let dated =
                (k0..k0 + p).any(|j| matches!(classes[idx[j]], Class::DateLine | Class::Truncated));
            let has_head = pattern
                .iter()
                .any(|s| matches!(s, Shape::Label | Shape::Headline));
            // with a counter, date or cut-off snippet beside a label or headline
            if !(has_meta && has_head) {
                continue;
            }
            // a record starts after a blank line when the page sets records apart that way;
            // else at a label or headline that does not follow another one
            let after_blank = |o: usize| {
                (k0 + o..k + p)
                    .step_by(p)
                    .all(|j| idx[j] > 0 && classes[idx[j] - 1] == Class::Blank)
            };
            let start = (0..p).find(|&o| after_blank(o)).or_else(|| {
                (0..p).find(|&o| {
                    let s = pattern[o];
                    let prev = pattern[(o + p - 1) % p];
                    matches!(s, Shape::Label | Shape::Headline)
                        && !matches!(prev, Shape::Label | Shape::Headline)
                })
            });
            let Some(o) = start else { continue };
            let first = k0 + o;
            let last = k + p - 1;
            if last < first + 2 * p {
                continue;
            }
            let text_units: f32 = (first..=last)
                .filter(|&j| shapes[j] == Shape::Text)
                .map(|j| lines[idx[j]].f.units)
                .sum();
            let records = (last - first + 1) as f32 / p as f32;
            let has_text = text_units / records >= 12.0;
            // records that say something, with counters but no date, are the article's own
            // entries (companies, products, steps with their figures), not posts
            if has_text && !dated {
                continue;
            }
            runs.push(Records {
                first: idx[first],
                last: idx[last],
                has_text,
            });
            for &i in &idx[first..=last] {
                mark[i] = true;
            }
        }
    }
    (mark, runs)
}
