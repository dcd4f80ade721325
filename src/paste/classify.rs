//! Labels the lines of a paste: finds the article's core as the run of lines with the most
//! prose (a maximum-sum segment over per-line weights), widens it over the article's own short
//! lines, finds the title above it, then names what every other line is for.

use super::lines::Line;
use crate::heuristics as h;
use crate::lower::Lower;
use crate::{Kind, Label, Role};

/// What the classifier says about one line.
#[derive(Clone, Debug)]
pub(crate) struct Decision {
    pub label: Label,
    pub kind: Option<Kind>,
    pub role: Option<Role>,
    pub score: f32,
    pub reasons: Vec<&'static str>,
    pub level: Option<u8>,
}

impl Decision {
    fn article(kind: Kind, score: f32, reasons: &[&'static str]) -> Self {
        Decision {
            label: Label::Article,
            kind: Some(kind),
            role: None,
            score: score.clamp(0.5, 1.0),
            reasons: reasons.to_vec(),
            level: None,
        }
    }
    fn boilerplate(role: Role, score: f32, reasons: &[&'static str]) -> Self {
        Decision {
            label: Label::Boilerplate,
            kind: None,
            role: Some(role),
            score: score.clamp(0.0, 0.49),
            reasons: reasons.to_vec(),
            level: None,
        }
    }
}

/// The classifier's view of a line, from its features alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Blank,
    /// Full sentences: enough words and sentence punctuation.
    Prose,
    /// A short sentence, or a line that introduces what follows (`...:`).
    Sentence,
    /// A long line without sentence punctuation.
    Long,
    /// A short line without sentence punctuation: a menu item, heading, label, caption.
    Short,
    /// A number standing alone, or with a word or two (`0`, `2 comments`, `1.2K views`).
    Counter,
    /// A date or time standing alone, or with a few words around it.
    DateLine,
    /// A snippet cut off with `...` or `…`.
    Truncated,
    Url,
    /// `©` lines.
    Legal,
}

pub(crate) fn class_of(l: &Line) -> Class {
    let f = &l.f;
    if l.is_blank() {
        return Class::Blank;
    }
    if f.url {
        return Class::Url;
    }
    if f.copyright && f.units <= 40.0 && f.notice {
        return Class::Legal;
    }
    if f.truncated && f.units >= 3.0 {
        return Class::Truncated;
    }
    let sentence = f.terminal || f.inner_stops > 0;
    if (f.date || f.time) && f.units <= 10.0 && !(sentence && f.units >= 7.0) {
        return Class::DateLine;
    }
    // a post's header: its author, date and time, before a colon at most (`... at 4:47 pm said:`)
    if f.date && f.time && f.colon && f.units <= 14.0 && !sentence {
        return Class::DateLine;
    }
    if f.digits > 0
        && (f.letters == 0 || (f.units <= 3.0 && f.letters <= 16 && !f.terminal && !f.bullet))
    {
        return Class::Counter;
    }
    if f.units >= 8.0 && sentence {
        return Class::Prose;
    }
    if (f.terminal || f.colon) && f.units >= 3.0 {
        return Class::Sentence;
    }
    if f.units >= 20.0 {
        return Class::Long;
    }
    Class::Short
}

fn weight(l: &Line, c: Class) -> f32 {
    let u = l.f.units;
    match c {
        Class::Blank => 0.0,
        Class::Prose => (u - 4.0).max(u * 0.25),
        Class::Sentence => u * 0.5,
        Class::Long => u * 0.5,
        Class::Short => -3.0,
        Class::Counter => -3.0,
        Class::DateLine => -5.0,
        Class::Truncated => -(4.0 + u * 0.5),
        Class::Url => -1.0,
        Class::Legal => -30.0,
    }
}

/// The article's core: among the runs of lines with the most weight (one per Kadane epoch), the
/// best after cutting off a trailing comment section, where dates and counters come back every
/// few sentences.
fn core(
    classes: &[Class],
    weights: &[f32],
    cut: bool,
    comments: &[super::records::Records],
    headers: &[bool],
) -> Option<(usize, usize)> {
    let n = classes.len();
    let mut prefix = vec![0f32; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + weights[i];
    }
    let sum = |a: usize, b: usize| prefix[b + 1] - prefix[a];
    // candidate segments: the best prefix of every epoch of Kadane's scan
    let mut cands: Vec<(usize, usize)> = Vec::new();
    let mut run = 0f32;
    let mut start = usize::MAX;
    let mut best: Option<(f32, usize)> = None;
    for i in 0..n {
        if classes[i] == Class::Blank {
            continue;
        }
        // a legal line (`©`) ends a segment even after a long article
        if run <= 0.0 || classes[i] == Class::Legal {
            if let (Some((_, e)), true) = (best, start != usize::MAX) {
                cands.push((start, e));
            }
            run = 0.0;
            start = i;
            best = None;
        }
        run += weights[i];
        if run > 0.0 && best.is_none_or(|(b, _)| run > b) {
            best = Some((run, i));
        }
    }
    if let (Some((_, e)), true) = (best, start != usize::MAX) {
        cands.push((start, e));
    }
    let mut chosen: Option<(f32, usize, usize)> = None;
    for (s, e) in cands {
        if sum(s, e) < 8.0 {
            continue;
        }
        let (s, e) = if cut {
            cut_comments(classes, weights, headers, s, e)
        } else {
            (s, e)
        };
        let mut v = sum(s, e);
        // a run that starts where a run of comment records ends (past a few lines that are not
        // prose: the next post's author, date, counters) is more of the comments
        let after_comments = comments.iter().any(|r| {
            r.has_text && r.last < s && s - r.last <= 64 && {
                let gap = || (r.last + 1..s).filter(|&j| classes[j] != Class::Blank);
                gap().count() <= 6 && gap().all(|j| classes[j] != Class::Prose)
            }
        });
        if after_comments {
            v *= AFTER_COMMENTS;
        }
        if v >= 8.0 && chosen.is_none_or(|(b, _, _)| v > b) {
            chosen = Some((v, s, e));
        }
    }
    chosen.map(|(_, s, e)| (s, e))
}

/// What a run of prose weighs when it starts where a run of comment records ends.
const AFTER_COMMENTS: f32 = 0.3;

/// A break in the core: at least this many lines that are not prose, packed line against
/// line (a share bar, a list of links or headlines), among the lines between two paragraphs
/// (a lone share link may stand apart above it); not a list the article introduces with a
/// colon, nor a block of code...
const BREAK_LINES: usize = 3;
/// ...weighing this much or less together.
const BREAK_WEIGHT: f32 = -9.0;
/// What follows the core's first break, as a share of the prose before it, below which it is
/// the page's tail. Only the first: an article built of entries (interviews, products) has
/// breaks all through it.
const TAIL_SHARE: f32 = 0.3;

/// Ends the core before a break when what follows it is small: less prose weight than half of
/// what comes before the break, and less than five times what the break costs (or, for the
/// core's first break, less than [`TAIL_SHARE`] of what comes before it, however long: a bio,
/// a newsletter box and the publisher's note under a list of headlines). The max-sum run
/// takes in whatever outweighs the gap before it; after an article's end that is an author's
/// bio, a newsletter box or the comment form's notes, past a share bar or a list of headlines.
fn trim_tail(
    lines: &[Line],
    classes: &[Class],
    weights: &[f32],
    s: usize,
    e: usize,
) -> (usize, usize) {
    let (breaks, mass) = core_breaks(lines, classes, weights, s, e);
    for (k, b) in breaks.iter().enumerate() {
        let after = mass - b.before;
        if after > 0.0
            && after < 0.5 * b.before
            && (after < 5.0 * -b.weight || (k == 0 && after < TAIL_SHARE * b.before))
        {
            let end = (s..b.first).rev().find(|&j| weights[j] > 0.0).unwrap_or(e);
            return (s, end);
        }
    }
    (s, e)
}

/// What comes before a break of the core, as a share of the prose after it, below which it is
/// the page's head: a gallery's captions, a survey box and a list of popular headlines above
/// the story.
const HEAD_SHARE: f32 = 0.1;

/// Starts the core after its last break with less than [`HEAD_SHARE`] of the core's prose
/// weight before it. The max-sum run reaches back over whatever outweighs the gap before the
/// article: teasers set as paragraphs in a menu, captions, a survey's note.
fn trim_head(
    lines: &[Line],
    classes: &[Class],
    weights: &[f32],
    s: usize,
    e: usize,
) -> (usize, usize) {
    let (breaks, mass) = core_breaks(lines, classes, weights, s, e);
    for b in breaks.iter().rev() {
        let after = mass - b.before - b.mass;
        // no paragraph standing between blank lines before the break
        let packed = (s..b.first).all(|i| {
            classes[i] != Class::Prose
                || (i > 0 && classes[i - 1] != Class::Blank)
                || classes.get(i + 1).is_some_and(|&c| c != Class::Blank)
        });
        if packed && b.before < HEAD_SHARE * after {
            if let Some(start) = (b.last + 1..=e).find(|&j| weights[j] > 0.0) {
                return (start, e);
            }
        }
    }
    (s, e)
}

/// A break of the core: a stretch of lines that are not prose.
struct Break {
    /// First and last line of the stretch.
    first: usize,
    last: usize,
    /// What the stretch (or its lightest first lines) weighs.
    weight: f32,
    /// The core's positive weight before it, and in the run of lines that are not prose the
    /// stretch belongs to.
    before: f32,
    mass: f32,
}

/// The core's breaks (at most one per run of lines that are not prose: the first) and its
/// whole positive weight. A break is at least [`BREAK_LINES`] lines that are not prose, packed
/// line against line, whose first lines weigh [`BREAK_WEIGHT`] or less together; not a list
/// the article introduces with a colon, nor a block of code.
fn core_breaks(
    lines: &[Line],
    classes: &[Class],
    weights: &[f32],
    s: usize,
    e: usize,
) -> (Vec<Break>, f32) {
    // a list the article introduces (`...:`) or a block of code is not a break
    let listed = |a: usize| prev_nonblank(classes, a).is_some_and(|p| lines[p].f.colon);
    let code = |j: usize| {
        let t = &lines[j].text;
        t.contains(['{', '}', ';', '='])
            || t.starts_with("//")
            || t.starts_with("# ")
            || t.starts_with("$ ")
            || t.contains("   ")
    };
    let mut breaks: Vec<Break> = Vec::new();
    let mut mass = 0f32;
    let mut run: Vec<usize> = Vec::new();
    let mut run_mass = 0f32;
    let mut close = |run: &mut Vec<usize>, run_mass: &mut f32, mass: &mut f32| {
        // the run's stretches of lines packed line against line
        let mut a = 0;
        while a < run.len() {
            let mut b = a + 1;
            while b < run.len() && run[b - 1] + 1 == run[b] {
                b += 1;
            }
            // the stretch, or its first lines (a list of links with a longer blurb further
            // down), weighing the least: at least BREAK_LINES lines
            let mut best: Option<f32> = None;
            let mut sum = 0f32;
            for (k, &j) in run[a..b].iter().enumerate() {
                sum += weights[j];
                if k + 1 >= BREAK_LINES && best.is_none_or(|bw| sum < bw) {
                    best = Some(sum);
                }
            }
            if let Some(w) = best {
                if w <= BREAK_WEIGHT && !listed(run[a]) && !run[a..b].iter().any(|&j| code(j)) {
                    breaks.push(Break {
                        first: run[a],
                        last: run[b - 1],
                        weight: w,
                        before: *mass,
                        mass: *run_mass,
                    });
                    break;
                }
            }
            a = b;
        }
        *mass += *run_mass;
        *run_mass = 0.0;
        run.clear();
    };
    for i in s..=e {
        match classes[i] {
            Class::Blank => {}
            Class::Prose => {
                close(&mut run, &mut run_mass, &mut mass);
                mass += weights[i].max(0.0);
            }
            _ => {
                run.push(i);
                run_mass += weights[i].max(0.0);
            }
        }
    }
    close(&mut run, &mut run_mass, &mut mass);
    (breaks, mass)
}

/// How many items a list the article introduces (`...:`) may have (a dozen herbs, a kit).
const LIST_ITEMS: usize = 18;

/// An item of a list the article introduces: one of the short lines (a blank line apart at
/// most) right under a sentence that ends with a colon.
fn listed_item(lines: &[Line], classes: &[Class], i: usize) -> bool {
    let mut j = i;
    for _ in 0..LIST_ITEMS {
        let Some(p) = prev_nonblank(classes, j) else {
            return false;
        };
        if p + 2 < j {
            return false;
        }
        match classes[p] {
            Class::Sentence | Class::Prose if lines[p].f.colon => return true,
            Class::Short | Class::Counter => j = p,
            _ => return false,
        }
    }
    false
}

/// Posts numbered one after the other on lines of their own (`#1`, `#2`, `#3`...), each with a
/// date or time a few lines from it: a thread, not a ranking.
fn numbered_posts(lines: &[Line], classes: &[Class]) -> bool {
    let dated = |i: usize| {
        let near = |j: usize| lines[j].f.date || lines[j].f.time;
        let mut up = i;
        let mut down = i;
        for _ in 0..POST_DATE_LINES {
            up = prev_nonblank(classes, up).unwrap_or(up);
            down = next_nonblank(classes, down).unwrap_or(down);
            if near(up) || near(down) {
                return true;
            }
        }
        false
    };
    let mut next = 0u32;
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate() {
        let Some(n) = l
            .text
            .strip_prefix('#')
            .filter(|d| (1..=5).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|d| d.parse::<u32>().ok())
        else {
            continue;
        };
        if !dated(i) {
            seen = 0;
            continue;
        }
        if seen > 0 && n == next {
            seen += 1;
            if seen >= 3 {
                return true;
            }
        } else {
            seen = 1;
        }
        next = n + 1;
    }
    false
}

/// How many non-blank lines from a post's number its date may stand.
const POST_DATE_LINES: usize = 3;

/// How many entries make a list of terms.
const TERM_ROWS: usize = 5;

/// A term with its note: a few words, a spaced dash, and more words after it
/// (`Book the venue – tour favourites and compare offers`); or up to four words, a colon, and
/// four words or more after it (`Drainage: how much grit has been added`).
fn term_and_note(l: &Line) -> bool {
    let t = &l.text;
    if let Some(at) = t.find(" – ").or_else(|| t.find(" — ")) {
        let lead = t[..at].split_whitespace().count();
        let rest = t[at..].split_whitespace().count();
        return (1..=8).contains(&lead) && rest >= 3;
    }
    let Some(at) = t.find(": ") else {
        return false;
    };
    let lead = t[..at].split_whitespace().count();
    let rest = t[at..].split_whitespace().count();
    (1..=4).contains(&lead) && rest >= 4
}

/// Lines of a list of terms: at least [`TERM_ROWS`] of them one under the other (a blank line
/// apart at most, headings of one or two lines between them allowed).
fn term_rows(lines: &[Line], classes: &[Class]) -> Vec<bool> {
    let n = lines.len();
    let mut out = vec![false; n];
    let mut i = 0;
    while i < n {
        if classes[i] == Class::Blank || !term_and_note(&lines[i]) {
            i += 1;
            continue;
        }
        let a = i;
        let mut last = i;
        let mut count = 1;
        let mut j = i + 1;
        while j < n && j <= last + 3 {
            if classes[j] != Class::Blank && term_and_note(&lines[j]) {
                count += 1;
                last = j;
            }
            j += 1;
        }
        if count >= TERM_ROWS {
            for (k, o) in out.iter_mut().enumerate().take(last + 1).skip(a) {
                *o = term_and_note(&lines[k]);
            }
        }
        i = last + 1;
    }
    out
}

/// The number a list item opens with (`3)`, `3.`), up to three digits.
fn item_number(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 3 || b.len() < digits + 2 {
        return None;
    }
    if matches!(b[digits], b')' | b'.') && b[digits + 1] == b' ' {
        text[..digits].parse().ok()
    } else {
        None
    }
}

/// How many lines (a link, a price, a note) may stand between two numbered items.
const ITEM_GAP: usize = 3;

/// The last line of a numbered list starting at `first` with item 1: items numbered one
/// after the other (three at least), none more than [`ITEM_GAP`] non-blank lines after the
/// previous one with no paragraph between, and after the last item as many lines as stood
/// after the one before it.
fn numbered_list_end(lines: &[Line], classes: &[Class], first: usize) -> Option<usize> {
    if item_number(&lines[first].text) != Some(1) {
        return None;
    }
    let mut items = vec![first];
    let mut gap = 0;
    'items: loop {
        let last = items[items.len() - 1];
        let want = items.len() as u32 + 1;
        let mut j = last;
        for k in 0..=ITEM_GAP {
            let Some(next) = next_nonblank(classes, j).filter(|&x| x <= j + 2) else {
                break 'items;
            };
            if item_number(&lines[next].text) == Some(want) {
                items.push(next);
                gap = k;
                continue 'items;
            }
            if classes[next] == Class::Prose {
                break 'items;
            }
            j = next;
        }
        break;
    }
    if items.len() < 3 {
        return None;
    }
    let mut end = items[items.len() - 1];
    for _ in 0..gap {
        match next_nonblank(classes, end).filter(|&x| x <= end + 2) {
            Some(x) if classes[x] != Class::Prose && item_number(&lines[x].text).is_none() => {
                end = x
            }
            _ => break,
        }
    }
    Some(end)
}

/// A form's field label: a word or two marked required with a star (`Name *`, `E-mail*`).
fn is_field(l: &Line) -> bool {
    let t = l.text.trim_end();
    t.ends_with('*') && !l.f.bullet && l.f.letters > 0 && l.f.units <= 4.0 && t.len() <= 40
}

/// How many lines may part two field labels of one form.
const FORM_SPAN: usize = 8;
/// How far above its first field a form may begin (its heading, its notes).
const FORM_LEAD: usize = 12;

/// Ends the core before a form (two field labels close together: a comment or contact form),
/// taking the form's heading and notes above it along: the core ends at the last line before
/// them that is more than a short note. Only when the core has at least as much prose before
/// the form as after it (the form's privacy notes).
fn before_form(
    lines: &[Line],
    classes: &[Class],
    weights: &[f32],
    s: usize,
    e: usize,
) -> (usize, usize) {
    let fields: Vec<usize> = (s..=e).filter(|&i| is_field(&lines[i])).collect();
    let Some(f) = fields
        .windows(2)
        .find(|w| w[1] - w[0] <= FORM_SPAN)
        .map(|w| w[0])
    else {
        return (s, e);
    };
    let prose = |a: usize, b: usize| -> f32 {
        (a..b)
            .filter(|&i| classes[i] == Class::Prose)
            .map(|i| lines[i].f.units)
            .sum()
    };
    if prose(s, f) < prose(f, e + 1) {
        return (s, e);
    }
    // walk up over the form's heading and notes
    let mut top = f;
    for j in (s..f)
        .rev()
        .filter(|&j| classes[j] != Class::Blank)
        .take(FORM_LEAD)
    {
        if classes[j] == Class::Prose && lines[j].f.units >= 20.0 {
            break;
        }
        top = j;
    }
    match (s..top).rev().find(|&j| weights[j] > 0.0) {
        Some(end) => (s, end),
        None => (s, e),
    }
}

/// Cuts a segment before the first date or counter after which such lines come back at least
/// every 25 words of prose (three times at least): the comments under an article. Or before
/// the first of [`POST_HEADERS`] post headers ([`post_header`]) however long the posts under
/// them, past the article's own prose.
fn cut_comments(
    classes: &[Class],
    weights: &[f32],
    headers: &[bool],
    s: usize,
    e: usize,
) -> (usize, usize) {
    // (a quantity in a list the article introduces weighs nothing: not a comment's counter)
    let meta =
        |i: usize| matches!(classes[i], Class::Counter | Class::DateLine) && weights[i] < 0.0;
    let posts: Vec<usize> = (s..=e).filter(|&i| headers.get(i) == Some(&true)).collect();
    if posts.len() >= POST_HEADERS {
        let before: f32 = (s..posts[0]).map(|i| weights[i].max(0.0)).sum();
        if before >= 40.0 {
            let end = (s..posts[0]).rev().find(|&i| weights[i] > 0.0).unwrap_or(s);
            return (s, end);
        }
    }
    // suffix counts of meta lines and prose weight
    let metas: Vec<usize> = (s..=e).filter(|&i| meta(i)).collect();
    if metas.len() < 3 {
        return (s, e);
    }
    let mut after_prose = vec![0f32; metas.len()];
    for (k, &m) in metas.iter().enumerate() {
        let next = metas.get(k + 1).copied().unwrap_or(e + 1);
        after_prose[k] = (m..next).map(|i| weights[i].max(0.0)).sum();
    }
    for k in (0..metas.len().saturating_sub(1)).rev() {
        after_prose[k] += after_prose[k + 1];
    }
    let mut before = 0f32;
    let mut last = s;
    for (k, &m) in metas.iter().enumerate() {
        before += (last..m).map(|i| weights[i].max(0.0)).sum::<f32>();
        last = m;
        let count_after = metas.len() - k;
        if count_after >= 3 && count_after as f32 * 25.0 >= after_prose[k] && before >= 40.0 {
            // end at the last line with positive weight before the cut
            let end = (s..m).rev().find(|&i| weights[i] > 0.0).unwrap_or(s);
            return (s, end);
        }
    }
    (s, e)
}

/// How many post headers ([`post_header`]) make a comment section.
const POST_HEADERS: usize = 3;

/// A post's header: a date (and time) with a few words, ending with a colon (`Ann on May 2,
/// 2019 at 4:47 pm said:`, `12.03.2019 18:02, Jan schrieb:`): what the post under it says.
fn post_header(l: &Line, c: Class) -> bool {
    c == Class::DateLine && l.f.date && l.f.colon && l.f.letters > 0
}

/// Labels every line (`None` for blank lines); returns the decisions and the title line.
pub(crate) fn classify(lines: &[Line]) -> (Vec<Option<Decision>>, Option<usize>) {
    let n = lines.len();
    let classes: Vec<Class> = lines.iter().map(class_of).collect();
    let rare_cookie = lines
        .iter()
        .filter(|l| contains_ascii_ci(&l.text, "cookie"))
        .count()
        <= RARE_COOKIE;
    let (record, runs) = super::records::find(lines, &classes);
    let mut teaser = teaser_records(lines, &classes);
    glued_teasers(lines, &classes, &mut teaser);
    let comment_line = {
        let mut v = vec![false; n];
        for r in runs.iter().filter(|r| r.has_text) {
            v[r.first..=r.last].iter_mut().for_each(|x| *x = true);
        }
        v
    };
    // Paragraph mode: when most prose stands between blank lines (each `<p>` of the page),
    // prose packed line against line is more likely a list of teasers or comments.
    let apart = |i: usize| {
        (i > 0 && classes[i - 1] == Class::Blank) || (i + 1 < n && classes[i + 1] == Class::Blank)
    };
    let (mut sep_units, mut all_units) = (0f32, 0f32);
    for i in 0..n {
        if classes[i] == Class::Prose {
            all_units += lines[i].f.units;
            if apart(i) {
                sep_units += lines[i].f.units;
            }
        }
    }
    let paragraph_mode = all_units > 0.0 && sep_units >= 0.6 * all_units;
    let defined = term_rows(lines, &classes);
    let base: Vec<f32> = (0..n)
        .map(|i| {
            let (l, c) = (&lines[i], classes[i]);
            let w = weight(l, c);
            if matches!(c, Class::Short | Class::Counter) && listed_item(lines, &classes, i) {
                return 0.0;
            }
            // a table's row (cells a tab apart) is the article's table, not a menu
            if matches!(c, Class::Short | Class::Counter) && l.text.trim().contains('\t') {
                return 0.0;
            }
            // an entry of a list of terms, each with its note after a dash
            if c == Class::Short && defined[i] {
                return 0.0;
            }
            if paragraph_mode && c == Class::Prose && !apart(i) {
                w * 0.3
            } else {
                w
            }
        })
        .collect();
    let weights: Vec<f32> = (0..n)
        .map(|i| {
            let l = &lines[i];
            if record[i] || teaser[i] || is_consent(&l.text, rare_cookie) {
                -(3.0 + l.f.units)
            } else {
                base[i]
            }
        })
        .collect();
    let mut out: Vec<Option<Decision>> = vec![None; n];
    let dups = duplicates(lines);

    let headers: Vec<bool> = (0..n).map(|i| post_header(&lines[i], classes[i])).collect();
    let mut region = core(&classes, &weights, true, &runs, &headers);
    // post headers under the core and none in it: the comments under an article
    let commented = region.is_some_and(|(s, e)| {
        !headers[s..=e].iter().any(|&h| h)
            && headers[e + 1..].iter().filter(|&&h| h).count() >= POST_HEADERS
    });
    let prose_in = |r: Option<(usize, usize)>| -> f32 {
        r.map_or(0.0, |(s, e)| {
            (s..=e)
                .filter(|&i| classes[i] == Class::Prose)
                .map(|i| lines[i].f.units)
                .sum()
        })
    };
    // A thread: posts, each under its author and date, are the content when they outweigh
    // whatever article stands before them (a forum, a Q&A page).
    let mut thread = false;
    let dates = classes.iter().filter(|&&c| c == Class::DateLine).count();
    if dates >= 3 {
        let tw: Vec<f32> = (0..n)
            .map(|i| {
                if classes[i] == Class::DateLine {
                    0.0
                } else if comment_line[i] {
                    base[i]
                } else {
                    weights[i]
                }
            })
            .collect();
        let t = core(&classes, &tw, false, &[], &[]);
        let (tu, bu) = (prose_in(t), prose_in(region));
        if !commented && tu >= 2.5 * bu && (bu < 150.0 || numbered_posts(lines, &classes)) {
            region = t;
            thread = true;
            // the thread ends with its last post, not with the reply form under it
            if let Some((s, e)) = region {
                let last_post = runs
                    .iter()
                    .filter(|r| r.has_text && r.last <= e && r.last >= s)
                    .map(|r| r.last)
                    .max();
                if let Some(lp) = last_post {
                    let tail: f32 = (lp + 1..=e)
                        .filter(|&i| classes[i] == Class::Prose || classes[i] == Class::Sentence)
                        .map(|i| lines[i].f.units)
                        .sum();
                    if tail < 25.0 {
                        region = Some((s, lp));
                    }
                }
            }
        }
    }
    // A page whose prose core is small next to the rest (a listing, a shop, a collection) keeps
    // everything between its first and last lines but the plain chrome.
    let total_units: f32 = lines.iter().map(|l| l.f.units).sum();
    let core_units: f32 = region.map_or(0.0, |(s, e)| {
        (s..=e)
            .filter(|&i| classes[i] == Class::Prose)
            .map(|i| lines[i].f.units)
            .sum()
    });
    let story = region.is_some_and(|(s, e)| dated_story(lines, &classes, s, e));
    // A core of paragraphs holding nearly all the page's prose is the article, however much
    // else the page carries (a listing's teasers have prose of their own), unless much of the
    // page is repeated records.
    let all_prose: f32 = (0..n)
        .filter(|&i| classes[i] == Class::Prose)
        .map(|i| lines[i].f.units)
        .sum();
    let core_paragraphs = region.map_or(0, |(s, e)| {
        (s..=e).filter(|&i| classes[i] == Class::Prose).count()
    });
    let nonblank = classes.iter().filter(|&&c| c != Class::Blank).count();
    let in_records = (0..n).filter(|&i| record[i] || teaser[i]).count();
    let holds_prose = core_paragraphs >= 2
        && core_units >= HOLDS_PROSE * all_prose
        && (in_records as f32) < RECORDS_LISTING * nonblank as f32;
    // A page with a tenth of its lines in repeated records, whose core holds less than
    // [`LISTING_CORE_SHARE`] of its prose, is a listing.
    let listed = in_records as f32 >= 0.1 * nonblank as f32;
    let broad = !thread
        && !story
        && !commented
        && !holds_prose
        && (core_units < 30.0
            || (core_units < 0.15 * total_units && core_units < 400.0)
            || (listed && core_units < LISTING_CORE_SHARE * all_prose && core_units < 400.0));
    let core_start = region.map(|r| r.0);
    if broad {
        if let Some(r) = broad_region(lines, &classes, rare_cookie) {
            region = Some(r);
        }
    }

    if let (Some((s, e)), false, false) = (region, broad, thread) {
        region = Some(trim_tail(lines, &classes, &weights, s, e));
    }
    // The head cut off the core (its first line and the body's): chrome, though the title is
    // still looked for above the core's first line.
    let mut head: Option<(usize, usize)> = None;
    if let (Some((s, e)), false, false, true) = (region, broad, thread, paragraph_mode) {
        let (s2, e2) = trim_head(lines, &classes, &weights, s, e);
        if s2 != s {
            head = Some((s, s2));
        }
        region = Some((s2, e2));
    }
    if let (Some((s, e)), false, false) = (region, broad, thread) {
        region = Some(before_form(lines, &classes, &weights, s, e));
    }
    // A core that ends with a paragraph introducing a list (`...:`) takes the list along: its
    // short items weigh nothing, so the max-sum run stops just before them. Only items that go
    // on the sentence (a lower-case start), and none the page shows elsewhere: the list ends
    // where a menu packed under it begins.
    if let (Some((s, e)), false, false) = (region, broad, thread) {
        if lines[e].f.colon && lines[e].f.units >= 10.0 {
            let mut end = e;
            while let Some(j) = next_nonblank(&classes, end) {
                if j <= end + 2
                    && matches!(classes[j], Class::Short | Class::Counter)
                    && listed_item(lines, &classes, j)
                    && !record[j]
                    && !teaser[j]
                    && dups[j] < 2
                    && lines[j]
                        .text
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase())
                {
                    end = j;
                } else {
                    break;
                }
            }
            // or its numbered items, 1, 2, 3... (each with a link or a note under it)
            if end == e {
                if let Some(j) = next_nonblank(&classes, e).filter(|&j| j <= e + 2) {
                    if let Some(last) = numbered_list_end(lines, &classes, j) {
                        end = last;
                    }
                }
            }
            region = Some((s, end));
        }
    }

    // A list of terms right under the core (under a heading of its own at most) is the
    // article's: a tour's dates, a glossary at its end.
    if let (Some((s, e)), false, false) = (region, broad, thread) {
        let first = next_nonblank(&classes, e)
            .filter(|&j| j <= e + 2)
            .and_then(|j| {
                if defined[j] {
                    Some(j)
                } else {
                    (classes[j] == Class::Short)
                        .then(|| next_nonblank(&classes, j))
                        .flatten()
                        .filter(|&k| k <= j + 2 && defined[k])
                }
            });
        if let Some(mut end) = first {
            while let Some(k) = next_nonblank(&classes, end).filter(|&k| k <= end + 2 && defined[k])
            {
                end = k;
            }
            if !(e + 1..=end).any(|k| record[k] || teaser[k]) {
                region = Some((s, end));
            }
        }
    }
    let teaser: Vec<bool> = (0..n).map(|i| teaser[i] || record[i]).collect();
    // Never lose a sentence at the edge: a paragraph cut off right after the core (a paywall,
    // a "read more" fold) still belongs to it.
    if let (Some((s, e)), false) = (region, broad) {
        if let Some(j) = next_nonblank(&classes, e) {
            if j <= e + 2
                && classes[j] == Class::Truncated
                && lines[j].f.units >= 10.0
                && !teaser[j]
            {
                region = Some((s, j));
            }
        }
    }

    let mut title = None;
    if let Some((s, e)) = region {
        // Title: nearest heading-like line above the core (or the core's first line).
        title = find_title(lines, &classes, core_start.unwrap_or(s), rare_cookie);
        if broad {
            title = title.filter(|&t| t >= s);
        }
        let e = if broad || thread {
            e
        } else {
            before_title_echo(lines, &classes, &weights, s, e)
        };
        let body_start = s;
        // Lines between the title and the core.
        if let Some(t) = title {
            for i in t + 1..body_start {
                if classes[i] == Class::Blank || head.is_some_and(|(a, b)| i >= a && i < b) {
                    continue;
                }
                out[i] = Some(between_title_and_body(&lines[i], classes[i]));
            }
            let mut d = Decision::article(Kind::Title, 0.9, &["title-line"]);
            d.level = Some(1);
            out[t] = Some(d);
        }
        // Lines of the core repeated outside it (a share prompt, a menu item) or a few lines
        // away (a gallery's caption and credit shown twice) are chrome.
        let repeated: Vec<bool> = {
            let keys = line_keys(lines);
            let mut out_count: std::collections::HashMap<u64, u32> = Default::default();
            for (j, k) in keys.iter().enumerate() {
                if let (Some(k), true) = (k, j < s || j > e) {
                    *out_count.entry(*k).or_insert(0) += 1;
                }
            }
            let mut in_count: std::collections::HashMap<u64, u32> = Default::default();
            for k in keys[s..=e].iter().flatten() {
                *in_count.entry(*k).or_insert(0) += 1;
            }
            keys.iter()
                .enumerate()
                .map(|(j, k)| {
                    k.is_some_and(|k| {
                        j >= s
                            && j <= e
                            && (out_count.contains_key(&k)
                                || (in_count[&k] >= 2
                                    && (j.saturating_sub(3)..=(j + 3).min(e))
                                        .any(|x| x != j && keys[x] == Some(k))))
                    })
                })
                .collect()
        };
        // The core itself.
        for i in s..=e {
            if classes[i] == Class::Blank || out[i].is_some() {
                continue;
            }
            out[i] = Some(if broad {
                in_broad(lines, &classes, i, e, rare_cookie)
            } else if thread {
                in_thread(lines, &classes, i, e, &dups)
            } else if repeated[i] && !heading_or_code(lines, &classes, i) {
                Decision::boilerplate(Role::Meta, 0.2, &["repeated-line"])
            } else {
                in_article(lines, &classes, i, e, teaser[i])
            });
        }
        if !broad && !thread {
            // the article's own byline and dateline, at its top
            for i in (s..=e)
                .filter(|&i| classes[i] != Class::Blank)
                .take(TOP_LINES)
            {
                let short = matches!(classes[i], Class::Short | Class::Long | Class::DateLine);
                if short
                    && !lines[i].f.bullet
                    && out[i].as_ref().is_some_and(|d| d.label == Label::Article)
                {
                    if is_byline(&lines[i]) {
                        out[i] = Some(Decision::article(Kind::Byline, 0.6, &["in-core", "byline"]));
                    } else if is_dated_meta(lines, &classes, i) {
                        out[i] = Some(Decision::article(
                            Kind::Date,
                            0.55,
                            &["in-core", "dated-meta"],
                        ));
                    }
                }
            }
        }
        mark_story_headings(lines, &classes, &mut out, s, e);
    }
    // Everything else is chrome: say what it is for.
    let first_article = out
        .iter()
        .position(|d| d.as_ref().is_some_and(|d| d.label == Label::Article));
    let last_article = out
        .iter()
        .rposition(|d| d.as_ref().is_some_and(|d| d.label == Label::Article));
    let runs = short_runs(&classes);
    for i in 0..n {
        if classes[i] == Class::Blank || out[i].is_some() {
            continue;
        }
        let after = last_article.is_some_and(|a| i > a);
        let before = first_article.is_none_or(|a| i < a);
        let mut d = chrome(
            lines,
            &classes,
            i,
            before,
            after,
            teaser[i],
            &runs,
            rare_cookie,
        );
        if comment_line[i] && after {
            d.role = Some(Role::Comment);
            d.reasons = vec!["comment-record"];
        }
        out[i] = Some(d);
    }
    (out, title)
}

/// On how many lines at most a page may name cookies for each of them to be a consent banner's.
const RARE_COOKIE: usize = 2;

/// A consent banner's line is at most this long (bytes), and names cookies in its first
/// [`COOKIE_HEAD`] bytes.
const COOKIE_LINE: usize = 400;
const COOKIE_HEAD: usize = 64;

/// The share of the page's prose (in words) that makes a core of paragraphs the article.
const HOLDS_PROSE: f32 = 0.8;

/// The share of the page's lines in repeated records (teaser cards) that makes it a listing
/// whatever its prose.
const RECORDS_LISTING: f32 = 0.15;

/// Below this share of the page's prose, the core of a page of records is a listing's intro.
const LISTING_CORE_SHARE: f32 = 0.6;

/// How many non-blank lines above the core may hold a story's dateline.
const DATELINE_ABOVE: usize = 6;

/// A dated story: a date or time on a short line just above the core (a dateline, a byline
/// with its date), and a core of paragraphs (three prose lines at least, four lines in five).
/// That is an article however much else the page carries, never a listing.
fn dated_story(lines: &[Line], classes: &[Class], s: usize, e: usize) -> bool {
    let dateline = (0..s)
        .rev()
        .filter(|&j| classes[j] != Class::Blank)
        .take(DATELINE_ABOVE)
        .any(|j| (lines[j].f.date || lines[j].f.time) && lines[j].f.units <= 20.0);
    let prose = (s..=e).filter(|&i| classes[i] == Class::Prose).count();
    let all = (s..=e).filter(|&i| classes[i] != Class::Blank).count();
    dateline && prose >= 3 && prose * 5 >= all * 4
}

/// The title: the most title-like line in the dozen lines above the core (the core's first
/// line included): a headline-sized line without a final full stop, near the core, with few
/// digits, and not a byline, date or counter.
fn find_title(
    lines: &[Line],
    classes: &[Class],
    core_start: usize,
    rare_cookie: bool,
) -> Option<usize> {
    let mut seen = 0;
    let mut best: Option<(f32, usize)> = None;
    let mut i = core_start + 1;
    while i > 0 && seen < h::PASTE_TITLE_WINDOW {
        i -= 1;
        let c = classes[i];
        if c == Class::Blank {
            continue;
        }
        seen += 1;
        let l = &lines[i];
        let f = &l.f;
        let heading_like = matches!(
            c,
            Class::Short | Class::Long | Class::Sentence | Class::Prose
        ) && !f.terminal_period()
            && f.inner_stops <= 1
            && f.units >= 2.0
            && f.units <= 40.0
            && !f.bullet
            && !f.colon
            && !is_byline(l)
            && !is_share(&l.text)
            && !is_consent(&l.text, rare_cookie);
        if !heading_like {
            continue;
        }
        let digit_share = f.digits as f32 / (f.digits + f.letters).max(1) as f32;
        let score = f.units.min(14.0)
            - 0.5 * seen as f32
            - if digit_share > 0.15 { 6.0 } else { 0.0 }
            - if f.separators >= 2 { 4.0 } else { 0.0 }
            - if f.units > h::PASTE_TITLE_MAX_UNITS {
                4.0
            } else {
                0.0
            }
            + if heads_a_byline(lines, classes, i) {
                h::PASTE_TITLE_BYLINE_BONUS
            } else {
                0.0
            };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// Whether a byline or a short date line follows line `i` within the next few lines (the
/// head of a story: its title, then who wrote it and when).
fn heads_a_byline(lines: &[Line], classes: &[Class], i: usize) -> bool {
    let story_meta =
        |l: &Line| is_byline(l) || (l.f.date && l.f.units <= h::PASTE_DATE_LINE_MAX_UNITS);
    let mut j = i;
    for _ in 0..h::PASTE_TITLE_BYLINE_LINES {
        let Some(n) = next_nonblank(classes, j) else {
            return false;
        };
        let l = &lines[n];
        if story_meta(l) {
            return true;
        }
        j = n;
    }
    false
}

fn between_title_and_body(l: &Line, c: Class) -> Decision {
    match c {
        Class::Counter => Decision::boilerplate(Role::Counter, 0.1, &["counter"]),
        Class::DateLine => Decision::boilerplate(Role::Meta, 0.3, &["date-alone", "dateline"]),
        Class::Prose | Class::Sentence | Class::Long => {
            Decision::article(Kind::Paragraph, 0.7, &["standfirst"])
        }
        _ if is_byline(l) => Decision::article(Kind::Byline, 0.6, &["byline"]),
        Class::Url | Class::Legal | Class::Truncated => {
            Decision::boilerplate(Role::Meta, 0.1, &["meta-line"])
        }
        _ => Decision::boilerplate(Role::Meta, 0.2, &["meta-line"]),
    }
}

/// How many lines at the top of the article's core may be its dateline.
const TOP_LINES: usize = 8;

/// A line that dates the article or a post rather than saying something: a date or time with
/// a few words around it (an agency, an author, "updated"), no sentence, and no dated line
/// next to it (a calendar or a list of events is content).
fn is_dated_meta(lines: &[Line], classes: &[Class], i: usize) -> bool {
    let f = &lines[i].f;
    let dated = |j: usize| lines[j].f.date || lines[j].f.time;
    dated(i)
        && !f.terminal
        && f.inner_stops == 0
        && f.units <= 20.0
        && !prev_nonblank(classes, i).is_some_and(dated)
        && !next_nonblank(classes, i).is_some_and(dated)
}

/// A short line opening with a "by" word in one of the common languages.
fn is_byline(l: &Line) -> bool {
    if l.f.units > 14.0 || l.f.terminal {
        return false;
    }
    let first: String = l
        .text
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("")
        .to_lower();
    matches!(
        first.as_str(),
        "by" | "von"
            | "par"
            | "por"
            | "di"
            | "door"
            | "av"
            | "af"
            | "przez"
            | "autor"
            | "автор"
            | "від"
            | "bởi"
            | "oleh"
            | "בקלם"
            | "מאת"
            | "بقلم"
            | "بواسطة"
            | "written"
    ) || l.text.starts_with("作者")
        || l.text.starts_with("文/")
        || l.text.starts_with("記者")
}

fn in_article(lines: &[Line], classes: &[Class], i: usize, end: usize, teaser: bool) -> Decision {
    let l = &lines[i];
    let c = classes[i];
    if teaser {
        return Decision::boilerplate(Role::Related, 0.2, &["teaser-record"]);
    }
    match c {
        Class::Counter => {
            // a quantity among list items ("2 large eggs") is an item, not a counter
            let item = |j: usize| {
                matches!(
                    classes[j],
                    Class::Short | Class::Sentence | Class::Long | Class::Counter
                )
            };
            let in_run = (i > 0 && item(i - 1)) || (i + 1 < classes.len() && item(i + 1));
            if in_run && l.f.letters >= 3 {
                return Decision::article(Kind::List, 0.6, &["in-core", "item-run"]);
            }
            return Decision::boilerplate(Role::Counter, 0.2, &["counter", "in-core"]);
        }
        Class::DateLine if l.f.units <= 6.0 => {
            return Decision::boilerplate(Role::Meta, 0.3, &["date-alone", "in-core"])
        }
        Class::Legal => return Decision::boilerplate(Role::Footer, 0.1, &["legal"]),
        _ => {}
    }
    let next = next_nonblank(classes, i).filter(|&j| j <= end);
    let prev = prev_nonblank(classes, i);
    match c {
        Class::Prose => {
            let f = &l.f;
            let alone = i > 0
                && classes[i - 1] == Class::Blank
                && classes.get(i + 1).is_none_or(|&c| c == Class::Blank);
            if f.ends_q_or_excl
                && f.inner_stops == 0
                && f.units <= 20.0
                && alone
                && next.is_some_and(|j| classes[j] == Class::Prose)
            {
                let mut d = Decision::article(Kind::Heading, 0.75, &["in-core", "heading-line"]);
                d.level = Some(2);
                return d;
            }
            if is_quote(lines, classes, i) {
                Decision::article(Kind::Quote, 0.9, &["prose-run", "quote"])
            } else if l.f.bullet {
                Decision::article(Kind::List, 0.9, &["prose-run", "list-marker"])
            } else {
                Decision::article(Kind::Paragraph, 0.95, &["prose-run"])
            }
        }
        Class::Short
        | Class::Long
        | Class::Sentence
        | Class::DateLine
        | Class::Truncated
        | Class::Url => {
            let next_prose =
                next.is_some_and(|j| matches!(classes[j], Class::Prose | Class::Sentence));
            let blank_after = i + 1 < lines.len() && classes[i + 1] == Class::Blank;
            let blank_before = i > 0 && classes[i - 1] == Class::Blank;
            let f = &l.f;
            if l.f.bullet {
                return Decision::article(Kind::List, 0.75, &["in-core", "list-marker"]);
            }
            if matches!(c, Class::Short | Class::Long)
                && next_prose
                && (blank_before || blank_after || prev.is_none_or(|p| classes[p] != Class::Short))
                && !f.terminal_period()
                && f.units <= 25.0
            {
                let mut d = Decision::article(Kind::Heading, 0.75, &["in-core", "heading-line"]);
                d.level = Some(2);
                return d;
            }
            let in_run = prev.is_some_and(|p| {
                p + 1 == i && matches!(classes[p], Class::Short | Class::Sentence | Class::Long)
            }) || next.is_some_and(|n| {
                n == i + 1 && matches!(classes[n], Class::Short | Class::Sentence | Class::Long)
            });
            if in_run {
                Decision::article(Kind::List, 0.65, &["in-core", "item-run"])
            } else {
                Decision::article(Kind::Paragraph, 0.7, &["in-core"])
            }
        }
        _ => Decision::article(Kind::Paragraph, 0.6, &["in-core"]),
    }
}

/// The content of a page without a dominant article: the maximum-sum run under weights that
/// favour any text but take off for lines repeated elsewhere on the page (menus shown twice),
/// runs of one-word links, and legal, consent and share lines.
fn broad_region(lines: &[Line], classes: &[Class], rare_cookie: bool) -> Option<(usize, usize)> {
    let n = lines.len();
    let counts = duplicates(lines);
    let dup = |i: usize| counts[i] >= 2;
    let w: Vec<f32> = (0..n)
        .map(|i| {
            let l = &lines[i];
            let c = classes[i];
            if c == Class::Blank {
                return 0.0;
            }
            if c == Class::Legal {
                return -30.0;
            }

            if is_consent(&l.text, rare_cookie) {
                return -10.0;
            }
            if is_share(&l.text) {
                return -3.0;
            }
            if counted_label(l) {
                return -1.0;
            }
            let base = match c {
                Class::Prose | Class::Sentence | Class::Long => l.f.units.min(40.0),
                Class::Truncated => l.f.units.min(20.0) * 0.5,
                Class::Counter | Class::DateLine => 0.5,
                _ if l.f.units > 3.0 => 1.5,
                _ => -0.2,
            };
            if dup(i) {
                base.min(0.0) - 1.0
            } else {
                base
            }
        })
        .collect();
    let mut best = (0f32, usize::MAX, 0usize);
    let mut sum = 0f32;
    let mut start = 0usize;
    for i in 0..n {
        if classes[i] == Class::Blank {
            continue;
        }
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += w[i];
        if sum > best.0 {
            best = (sum, start, i);
        }
    }
    (best.1 != usize::MAX).then_some((best.1, best.2))
}

/// Ends the core before a line that quotes, in quotation marks among other words, a line
/// standing above the core (`12 thoughts on "<title>"`): past the article's prose, the header
/// of its comments or of what the page shows under it. Only once more than half the core's
/// prose is above it.
fn before_title_echo(
    lines: &[Line],
    classes: &[Class],
    weights: &[f32],
    s: usize,
    e: usize,
) -> usize {
    let above: std::collections::HashSet<String> = lines[..s]
        .iter()
        .filter(|l| l.text.chars().count() >= 25 && l.f.units >= 4.0 && l.text.len() <= 300)
        .map(|l| l.text.to_lower())
        .collect();
    if above.is_empty() {
        return e;
    }
    let prose = |a: usize, b: usize| -> f32 {
        (a..b)
            .filter(|&i| classes[i] == Class::Prose)
            .map(|i| lines[i].f.units)
            .sum()
    };
    let total = prose(s, e + 1);
    for j in s + 1..=e {
        let l = &lines[j];
        if matches!(classes[j], Class::Blank | Class::Prose) || l.text.len() > 360 {
            continue;
        }
        let text = l.text.to_lower();
        // the text between the first opening quote and the last closing quote
        let open = text.char_indices().find(|&(_, c)| is_quote_mark(c));
        let close = text.char_indices().rev().find(|&(_, c)| is_quote_mark(c));
        let (Some((a, ca)), Some((b, _))) = (open, close) else {
            continue;
        };
        let inner = &text[a + ca.len_utf8()..b.max(a + ca.len_utf8())];
        let rest = text.len() - inner.len();
        if rest >= 6 && above.contains(inner) && prose(s, j) > 0.5 * total {
            return (s..j).rev().find(|&i| weights[i] > 0.0).unwrap_or(e);
        }
    }
    e
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '‹'
            | '›'
    )
}

/// A label with a count in brackets after it (`October (113)`, `Recipes (12)`): an entry of an
/// archive or a category menu.
fn counted_label(l: &Line) -> bool {
    let t = l.text.trim_end();
    let Some(inner) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let count = &inner[open + 1..];
    !count.is_empty()
        && count.bytes().all(|b| b.is_ascii_digit())
        && l.f.units <= 5.0
        && inner[..open].trim().chars().any(char::is_alphabetic)
}

/// A line of a thread: posts are paragraphs, their dates and authors are kept with them,
/// counters and the buttons repeated under every post are not.
fn in_thread(lines: &[Line], classes: &[Class], i: usize, end: usize, dups: &[u32]) -> Decision {
    let l = &lines[i];
    let c = classes[i];
    let near_date = |j: Option<usize>| j.is_some_and(|j| classes[j] == Class::DateLine);
    match c {
        Class::DateLine => return Decision::article(Kind::Date, 0.6, &["thread", "post-date"]),
        Class::Counter => return Decision::boilerplate(Role::Counter, 0.2, &["thread", "counter"]),
        Class::Short if dups[i] >= 3 && l.f.units <= 3.0 => {
            return Decision::boilerplate(Role::Meta, 0.2, &["thread", "repeated-button"])
        }
        Class::Short
            if l.f.units <= 4.0
                && (near_date(next_nonblank(classes, i))
                    || near_date(prev_nonblank(classes, i))) =>
        {
            return Decision::article(Kind::Byline, 0.6, &["thread", "post-author"])
        }
        _ => {}
    }
    let mut d = in_article(lines, classes, i, end, false);
    d.reasons.insert(0, "thread");
    d
}

/// A short line the article may repeat elsewhere in the page: a heading (listed again in a
/// table of contents) or a line of code.
fn heading_or_code(lines: &[Line], classes: &[Class], i: usize) -> bool {
    !matches!(classes[i], Class::Prose | Class::Sentence | Class::Long)
        && (next_nonblank(classes, i).is_some_and(|j| classes[j] == Class::Prose)
            || lines[i]
                .text
                .contains(['(', ')', '{', '}', ';', '=', '<', '>']))
}

/// How many times each line's text occurs in the page, case aside (0 for blank and very long
/// lines). Lines are compared by a hash of their lowercased text.
fn duplicates(lines: &[Line]) -> Vec<u32> {
    let keys = line_keys(lines);
    let mut seen: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for k in keys.iter().flatten() {
        *seen.entry(*k).or_insert(0) += 1;
    }
    keys.iter()
        .map(|k| k.map_or(0, |k| seen.get(&k).copied().unwrap_or(0)))
        .collect()
}

/// A hash of each line's lowercased text (`None` for blank and very long lines).
fn line_keys(lines: &[Line]) -> Vec<Option<u64>> {
    use std::hash::{Hash, Hasher};
    lines
        .iter()
        .map(|l| {
            (!l.is_blank() && l.text.len() <= 200).then(|| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                for c in l.text.chars().flat_map(crate::lower::lower_char) {
                    c.hash(&mut h);
                }
                h.finish()
            })
        })
        .collect()
}

/// A line of a page without a dominant article: content unless it is plainly chrome.
fn in_broad(
    lines: &[Line],
    classes: &[Class],
    i: usize,
    end: usize,
    rare_cookie: bool,
) -> Decision {
    let l = &lines[i];
    match classes[i] {
        Class::Legal => return Decision::boilerplate(Role::Footer, 0.1, &["legal"]),
        _ if is_consent(&l.text, rare_cookie) => {
            return Decision::boilerplate(Role::Consent, 0.1, &["consent"])
        }
        _ if is_share(&l.text) => return Decision::boilerplate(Role::Share, 0.1, &["share"]),
        _ => {}
    }
    let mut d = in_article(lines, classes, i, end, false);
    if d.label == Label::Article {
        d.score = 0.55;
        d.reasons.insert(0, "broad-page");
    }
    d
}

/// A quotation set apart: one quoted sentence followed by an attribution line (`— Name`), or a
/// line opening with `>`.
fn is_quote(lines: &[Line], classes: &[Class], i: usize) -> bool {
    let l = &lines[i];
    if l.text.starts_with("> ") {
        return true;
    }
    if !l.f.opens_quote || l.f.quote_marks != 2 {
        return false;
    }
    next_nonblank(classes, i).is_some_and(|j| {
        let t = &lines[j].text;
        (t.starts_with('—') || t.starts_with('–') || t.starts_with("- "))
            && lines[j].f.units <= 16.0
    })
}

/// Headings that head a story of their own: a title-sized heading with a long run of prose on
/// both sides (a page carrying several articles) gets level 1, so `assemble` starts a section.
fn mark_story_headings(
    lines: &[Line],
    classes: &[Class],
    out: &mut [Option<Decision>],
    s: usize,
    e: usize,
) {
    let heads: Vec<usize> = (s..=e)
        .filter(|&i| {
            out[i]
                .as_ref()
                .is_some_and(|d| d.kind == Some(Kind::Heading))
                && title_sized(&lines[i])
        })
        .collect();
    if heads.is_empty() {
        return;
    }
    // prefix sums of the article's prose, so each check is O(1)
    let mut acc = vec![0f32; e + 2 - s];
    for k in s..=e {
        let v = if classes[k] == Class::Prose
            && out[k].as_ref().is_some_and(|d| d.label == Label::Article)
        {
            lines[k].f.units
        } else {
            0.0
        };
        acc[k + 1 - s] = acc[k - s] + v;
    }
    let prose_units = |a: usize, b: usize| -> f32 { acc[b - s] - acc[a - s] };
    let mut prev = s;
    for (hi, &h) in heads.iter().enumerate() {
        let next = heads.get(hi + 1).copied().unwrap_or(e + 1);
        if prose_units(prev, h) >= 150.0 && prose_units(h + 1, next) >= 150.0 {
            if let Some(d) = out[h].as_mut() {
                d.level = Some(1);
                d.reasons = vec!["story-heading", "heading-line"];
                d.score = 0.85;
            }
            prev = h;
        }
    }
}

fn title_sized(l: &Line) -> bool {
    l.f.units >= 6.0 && l.f.units <= 40.0
}

fn next_nonblank(classes: &[Class], i: usize) -> Option<usize> {
    (i + 1..classes.len()).find(|&j| classes[j] != Class::Blank)
}

fn prev_nonblank(classes: &[Class], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| classes[j] != Class::Blank)
}

/// What a line outside the article is for.
fn chrome(
    lines: &[Line],
    classes: &[Class],
    i: usize,
    before: bool,
    after: bool,
    teaser: bool,
    runs: &[usize],
    rare_cookie: bool,
) -> Decision {
    let l = &lines[i];
    let c = classes[i];
    if teaser {
        return Decision::boilerplate(Role::Related, 0.05, &["teaser-record"]);
    }
    if is_consent(&l.text, rare_cookie) {
        return Decision::boilerplate(Role::Consent, 0.05, &["consent"]);
    }
    match c {
        Class::Legal => return Decision::boilerplate(Role::Footer, 0.02, &["legal"]),
        Class::Counter => return Decision::boilerplate(Role::Counter, 0.05, &["counter"]),
        Class::DateLine => return Decision::boilerplate(Role::Meta, 0.1, &["date-alone"]),
        Class::Truncated => return Decision::boilerplate(Role::Teaser, 0.05, &["truncated"]),
        _ => {}
    }
    if is_share(&l.text) {
        return Decision::boilerplate(Role::Share, 0.05, &["share"]);
    }
    if l.f.separators >= 2 && l.f.units <= 12.0 && !l.f.terminal {
        return Decision::boilerplate(Role::Breadcrumb, 0.05, &["separators"]);
    }
    let run = runs[i];
    match c {
        Class::Prose | Class::Sentence | Class::Long
            if after && (i.saturating_sub(4)..i).any(|j| classes[j] == Class::DateLine) =>
        {
            Decision::boilerplate(Role::Comment, 0.3, &["prose-outside-core", "dated"])
        }
        Class::Prose | Class::Sentence | Class::Long => {
            Decision::boilerplate(Role::Sidebar, 0.3, &["prose-outside-core"])
        }
        _ if run >= 2 && after && l.f.units >= 4.0 => {
            Decision::boilerplate(Role::Related, 0.1, &["headline-run"])
        }
        _ if run >= 2 => Decision::boilerplate(Role::Nav, 0.05, &["nav-run"]),
        _ if before => Decision::boilerplate(Role::Header, 0.1, &["before-core"]),
        _ => Decision::boilerplate(Role::Footer, 0.1, &["after-core"]),
    }
}

/// For every line, the number of consecutive short non-blank lines (no blank line between)
/// in the run it belongs to (0 for lines that are not short). One pass each way.
fn short_runs(classes: &[Class]) -> Vec<usize> {
    let short = |c: Class| {
        matches!(
            c,
            Class::Short | Class::Counter | Class::DateLine | Class::Url
        )
    };
    let n = classes.len();
    let mut len = vec![0usize; n];
    let mut i = 0;
    while i < n {
        if !short(classes[i]) {
            i += 1;
            continue;
        }
        let a = i;
        while i < n && short(classes[i]) {
            i += 1;
        }
        len[a..i].iter_mut().for_each(|x| *x = i - a);
    }
    len
}

/// Whether `hay` contains the ASCII `needle`, ASCII case aside, without allocating.
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// A consent banner's line. `rare_cookie`: the page names cookies on a couple of lines at
/// most, so a line that does is the banner, whatever its language (a recipe names them often).
fn is_consent(t: &str, rare_cookie: bool) -> bool {
    // (named in its first words: not a "cookie cutter" further into a paragraph)
    if rare_cookie && (20..=COOKIE_LINE).contains(&t.len()) {
        let mut head = COOKIE_HEAD.min(t.len());
        while !t.is_char_boundary(head) {
            head -= 1;
        }
        if contains_ascii_ci(&t[..head], "cookie") {
            return true;
        }
    }
    if !(contains_ascii_ci(t, "cookie")
        || contains_ascii_ci(t, "gdpr")
        || ["クッキー", "쿠키", "куки", "Куки", "ملفات تعريف الارتباط"]
            .iter()
            .any(|w| t.contains(w)))
    {
        return false;
    }
    let lower = t.to_lower();
    let cookie = [
        "cookie",
        "gdpr",
        "クッキー",
        "쿠키",
        "куки",
        "ملفات تعريف الارتباط",
    ]
    .iter()
    .any(|w| lower.contains(w));
    // "cookie" alone could be a recipe: ask for the web around it
    cookie
        && (lower.len() < 60
            || [
                "web",
                "site",
                "browser",
                "navegador",
                "navigat",
                "consent",
                "privacy",
                "privacidad",
                "datenschutz",
                "accept",
                "akzept",
                "experience",
                "analytic",
                "サイト",
                "사이트",
                "сайт",
                "الموقع",
            ]
            .iter()
            .any(|w| lower.contains(w)))
}

fn is_share(t: &str) -> bool {
    if t.len() > 60 {
        return false;
    }
    let lower = t.to_lower();
    let lower = lower.trim_end_matches(':');
    [
        "share",
        "tweet",
        "facebook",
        "twitter",
        "whatsapp",
        "pinterest",
        "linkedin",
        "telegram",
        "reddit",
        "email",
        "e-mail",
        "copy link",
        "partager",
        "teilen",
        "compartir",
        "condividi",
        "поделиться",
        "分享",
        "شارك",
        "مشاركة",
        "שתף",
    ]
    .iter()
    .any(|w| {
        lower == *w
            || lower.strip_prefix(w).is_some_and(|r| r.starts_with(' '))
            || lower.strip_suffix(w).is_some_and(|r| r.ends_with(' '))
    })
}

/// Lines that belong to repeated teaser records: runs of cut-off snippets at a regular
/// interval, each with the lines around it that repeat the same shape (category, title, meta).
/// How many lines with a headline glued to its blurb make a stretch of them a list of teasers.
const GLUED_LINES: usize = 2;

/// A headline glued to the blurb under it: past the headline's second word and by its
/// sixteenth, before any sentence stop, a word of three lower-case letters or more runs into a
/// capitalised word that starts five words or more of blurb (`Baker Opens Second
/// ShopThe new bakery on the square`), the way a card's two elements paste without a space between them. Returns
/// the word the two run together in; not a camel-cased name inside a word (`numberOfFrames`).
fn glued(text: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut words = 0usize;
    let mut lower = 0usize;
    let mut prev_space = true;
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c.is_whitespace() {
            if !prev_space {
                words += 1;
            }
            prev_space = true;
            lower = 0;
            continue;
        }
        prev_space = false;
        if c.is_uppercase() {
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let joined = lower >= 3 && next.is_some_and(|n| n.is_whitespace() || n.is_lowercase());
            // the capitalised word ends as a word does, not in another capital
            let word_ends = chars[k + 1..]
                .iter()
                .find(|&&(_, n)| !n.is_lowercase())
                .is_none_or(|&(_, n)| {
                    n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | '’' | '\'')
                });
            if (2..=15).contains(&words) && joined && word_ends {
                let (before, after) = text.split_at(at);
                let stops = before
                    .as_bytes()
                    .windows(2)
                    .any(|w| matches!(w[0], b'.' | b'!' | b'?' | b';') && w[1] == b' ');
                if !stops && after.split_whitespace().count() >= 5 {
                    // the word the glue is in
                    let from = before.trim_end_matches(|c: char| !c.is_whitespace()).len();
                    let to = after
                        .find(char::is_whitespace)
                        .map_or(text.len(), |w| at + w);
                    return Some(word_core(&text[from..to]));
                }
            }
            lower = 0;
        } else if c.is_lowercase() {
            lower += 1;
        } else {
            lower = 0;
        }
    }
    None
}

/// A word without the punctuation around it.
fn word_core(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Marks the lines of a stretch packed line against line in which at least [`GLUED_LINES`]
/// lines, and at least half of them, are headlines glued to their blurbs ([`glued`]): the
/// teasers of a menu or a list of headlines (some of them set with a space between).
fn glued_teasers(lines: &[Line], classes: &[Class], mark: &mut [bool]) {
    let n = lines.len();
    // how often each word comes on the page: a glued word found again is a name written
    // that way (`BrightLocal`), not two elements pasted together
    let mut counts: Option<std::collections::HashMap<&str, u32>> = None;
    let mut once = |w: &str| {
        let counts = counts.get_or_insert_with(|| {
            let mut m = std::collections::HashMap::new();
            for l in lines {
                for t in l.text.split_whitespace() {
                    *m.entry(word_core(t)).or_insert(0u32) += 1;
                }
            }
            m
        });
        counts.get(w).copied().unwrap_or(0) <= 1
    };
    let mut i = 0;
    while i < n {
        if classes[i] == Class::Blank {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && classes[j + 1] != Class::Blank {
            j += 1;
        }
        let text = |k: &usize| !matches!(classes[*k], Class::Short | Class::Counter);
        let lines_of = (i..=j).filter(text).count();
        let glue = (i..=j)
            .filter(text)
            .filter(|&k| glued(&lines[k].text).is_some_and(&mut once))
            .count();
        if glue >= GLUED_LINES && 2 * glue >= lines_of {
            (i..=j).filter(text).for_each(|k| mark[k] = true);
        }
        i = j + 1;
    }
}

fn teaser_records(lines: &[Line], classes: &[Class]) -> Vec<bool> {
    let n = lines.len();
    let mut mark = vec![false; n];
    // non-blank line indices, so records can be aligned without blank lines
    let idx: Vec<usize> = (0..n).filter(|&i| classes[i] != Class::Blank).collect();
    let truncs: Vec<usize> = (0..idx.len())
        .filter(|&k| classes[idx[k]] == Class::Truncated)
        .collect();
    let mut g = 0;
    while g < truncs.len() {
        // a group of truncated lines at the same period
        let mut h = g;
        let period = if g + 1 < truncs.len() {
            truncs[g + 1] - truncs[g]
        } else {
            0
        };
        if !(1..=8).contains(&period) {
            g += 1;
            continue;
        }
        while h + 1 < truncs.len() && truncs[h + 1] - truncs[h] == period {
            h += 1;
        }
        let count = h - g + 1;
        if count < 2 {
            g += 1;
            continue;
        }
        let anchors: Vec<usize> = truncs[g..=h].to_vec();
        // choose how many lines of each record follow the snippet (k) so that every record has
        // all its lines and the same shape at every offset
        let shape = |k: usize| -> u8 {
            let c = classes[idx[k]];
            match c {
                Class::Counter | Class::DateLine => 0,
                Class::Truncated => 1,
                _ if lines[idx[k]].f.units <= 3.0 => 2,
                _ => 3,
            }
        };
        let mut chosen = None;
        for k in 0..period {
            let before = period - 1 - k;
            let fits = anchors.iter().all(|&a| a >= before && a + k < idx.len())
                && (1..=k).all(|j| {
                    anchors
                        .iter()
                        .all(|&a| shape(a + j) == shape(anchors[0] + j))
                })
                && (1..=before).all(|j| {
                    anchors
                        .iter()
                        .all(|&a| shape(a - j) == shape(anchors[0] - j))
                });
            if fits {
                chosen = Some(k);
                break;
            }
        }
        let k = chosen.unwrap_or(0);
        let before = period - 1 - k;
        for &a in &anchors {
            for k2 in a.saturating_sub(before)..=(a + k).min(idx.len() - 1) {
                mark[idx[k2]] = true;
            }
        }
        g = h + 1;
    }
    mark
}
