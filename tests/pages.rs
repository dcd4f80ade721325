//! The fixture pages: every folder `tests/pages/<slug>/` holds a `source.html` made by the
//! project and an `expected.json` of what Pith should say about it. One table-driven test walks
//! the folders, checks every expectation of every page, and reports all mismatches at once.
//!
//! `expected.json` (pretty-printed, keys sorted; the runner refuses any other layout):
//!
//! ```json
//! {
//!   "article": { "first": "First sentence.", "last": "Last sentence.", "sections": 1 },
//!   "blocks": [
//!     { "contains": "words of a block", "kind": "paragraph", "label": "article" },
//!     { "contains": "words of another", "label": "boilerplate", "role": "nav" }
//!   ],
//!   "metadata": { "authors": ["Jane Doe"], "language": "en", "title": "..." },
//!   "options": { "url": "https://example.org/page" }
//! }
//! ```
//!
//! - `metadata`: only the fields listed are checked, against the annotation's JSON values.
//! - `article.first` / `article.last`: the article's text (its article blocks in reading order,
//!   without title, byline, date, figure and caption blocks, whitespace collapsed) must start /
//!   end with them. `article.sections`: the number of sections (articles) found.
//! - `blocks`: the one block whose text (whitespace collapsed) contains `contains` must have
//!   this label and this kind (article) or role (boilerplate). When several blocks contain it,
//!   the one whose whole text it is counts. A snippet that names no block or several is a
//!   failure too: pick words that occur in one block only, without `"`.
//! - `options` (optional): `url` becomes [`pith::Options::url`].
//!
//! Expectation ids, used in reports and in `KNOWN_FAILURES`: `metadata.<field>`,
//! `article.first`, `article.last`, `article.sections`, `block "<snippet>"`, and `invariants`
//! (the annotation model's own rules: ids, label/kind/role pairs, scores, sections).
//!
//! Known failures are data: `tests/pages/KNOWN_FAILURES` has lines `page: expectation: reason`
//! for expectations that are right but fail today. The runner asserts that each one still
//! fails; once it passes, the runner says so and the line must go.
//!
//! Environment:
//! - `PITH_BLESS=1 cargo test --test pages` rewrites each `expected.json` from the current output
//!   (keeping the snippets a person chose; only failing values change), drafts one for a new
//!   folder that has only a `source.html`, and drops `KNOWN_FAILURES` lines that now pass. Known
//!   failures keep their expected values. Review the diff before committing it.
//! - `PITH_BLESS=new` only drafts `expected.json` for new folders and leaves the others alone.
//! - `PITH_DUMP=1` (or `PITH_DUMP=<slug>`) prints every block of each page (or one page) with
//!   its label, kind or role, score and reasons; add `-- --nocapture` to see it.

use pith::{Annotation, Label};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Metadata fields a fixture can hold expectations for, in the order a draft lists them.
const METADATA_FIELDS: &[&str] = &[
    "title",
    "authors",
    "published",
    "modified",
    "language",
    "dir",
    "site_name",
    "description",
    "image",
    "canonical_url",
];

/// Every kind and role of the model: the corpus must expect each at least once.
const ALL_KINDS: &[&str] = &[
    "title",
    "heading",
    "paragraph",
    "list",
    "quote",
    "table",
    "code",
    "figure",
    "caption",
    "byline",
    "date",
];
const ALL_ROLES: &[&str] = &[
    "nav",
    "breadcrumb",
    "header",
    "footer",
    "sidebar",
    "related",
    "teaser",
    "counter",
    "share",
    "ad",
    "comment",
    "consent",
    "newsletter",
    "form",
    "meta",
];

/// Kinds left out of the article text that `article.first` / `article.last` are checked on.
const NOT_BODY: &[&str] = &["title", "byline", "date", "figure", "caption"];

/// Longest sentence a draft or a bless writes for `article.first` / `article.last`.
const SENTENCE_MAX_CHARS: usize = 160;

/// Words a drafted block snippet starts with (more are added until it is unique).
const SNIPPET_WORDS: usize = 6;

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

#[test]
fn pages() {
    let bless_mode = std::env::var("PITH_BLESS").unwrap_or_default();
    // `new`: draft missing expected.json files only; any other non-empty value but `0`: bless.
    let draft_only = bless_mode == "new";
    let bless = !bless_mode.is_empty() && bless_mode != "0" && !draft_only;
    let dump = std::env::var("PITH_DUMP").ok().filter(|v| !v.is_empty());
    let dir = pages_dir();
    let known_path = dir.join("KNOWN_FAILURES");
    let known_text = std::fs::read_to_string(&known_path).unwrap_or_default();
    let mut problems: Vec<String> = Vec::new();
    let known = parse_known(&known_text, &mut problems);

    let mut slugs: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/pages exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    slugs.sort();
    assert!(!slugs.is_empty(), "no fixture pages in {}", dir.display());

    let mut stats = Stats::default();
    let mut coverage: BTreeSet<String> = BTreeSet::new();
    // Known-failure entries that matched an expectation which still fails / now passes.
    let mut still_failing: HashSet<(String, String)> = HashSet::new();
    let mut now_passing: HashSet<(String, String)> = HashSet::new();
    let mut seen_ids: HashSet<(String, String)> = HashSet::new();

    for slug in &slugs {
        let page_dir = dir.join(slug);
        let source = match std::fs::read(page_dir.join("source.html")) {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("{slug}: cannot read source.html: {e}"));
                continue;
            }
        };
        let expected_path = page_dir.join("expected.json");
        let (expected, drafted) = match std::fs::read_to_string(&expected_path) {
            Ok(text) => match serde_json::from_str::<Value>(&text) {
                Ok(v) => {
                    if !bless && canonical_text(&v) != text {
                        problems.push(format!(
                            "{slug}: expected.json is not pretty-printed with sorted keys \
                             (PITH_BLESS=1 rewrites it)"
                        ));
                    }
                    (v, false)
                }
                Err(e) => {
                    problems.push(format!("{slug}: expected.json is not JSON: {e}"));
                    continue;
                }
            },
            Err(_) if bless || draft_only => (Value::Null, true),
            Err(_) => {
                problems.push(format!(
                    "{slug}: no expected.json (PITH_BLESS=1 drafts one from the current output)"
                ));
                continue;
            }
        };
        let mut options = pith::Options::default();
        if let Some(url) = expected.pointer("/options/url").and_then(Value::as_str) {
            options.url = Some(url.to_string());
        }
        let annotation = match pith::annotate_bytes(&source, &options) {
            Ok(a) => a,
            Err(e) => {
                problems.push(format!("{slug}: annotate failed: {e}"));
                continue;
            }
        };
        if dump.as_deref().is_some_and(|d| d == "1" || d == slug) {
            eprintln!("{}", dump_page(slug, &annotation));
        }
        stats.pages += 1;

        let expected = if drafted {
            let draft = draft_expected(&annotation);
            eprintln!("{slug}: drafted expected.json; correct it by hand");
            draft
        } else {
            expected
        };
        let page = Page::new(&annotation);
        let mut blessed = expected.clone();
        let outcomes = check_page(&page, &expected, &mut problems, slug);
        for b in expected["blocks"].as_array().into_iter().flatten() {
            for key in ["kind", "role"] {
                if let Some(k) = b[key].as_str() {
                    coverage.insert(format!("{key} {k}"));
                }
            }
        }

        let mut page_changed = drafted;
        for o in outcomes {
            stats.expectations += 1;
            let key = (slug.clone(), o.id.clone());
            if !seen_ids.insert(key.clone()) {
                problems.push(format!("{slug}: {}: listed twice", o.id));
            }
            let is_known = known.contains_key(&key);
            match (&o.mismatch, is_known) {
                (None, false) => stats.passed += 1,
                (Some(m), false) => {
                    if bless && o.blessable {
                        o.apply(&mut blessed);
                        page_changed = true;
                        stats.blessed += 1;
                    } else {
                        stats.failed += 1;
                        problems.push(format!("{slug}: {}: {m}", o.id));
                    }
                }
                (Some(_), true) => {
                    stats.known += 1;
                    still_failing.insert(key);
                }
                (None, true) => {
                    now_passing.insert(key.clone());
                    if !bless {
                        problems.push(format!(
                            "{slug}: {}: now passes, but KNOWN_FAILURES says it fails \
                             (\"{}\"); remove that line",
                            o.id, known[&key]
                        ));
                    }
                }
            }
        }
        if (bless && page_changed) || drafted {
            std::fs::write(&expected_path, canonical_text(&blessed)).expect("write expected.json");
            eprintln!("{slug}: rewrote expected.json");
        }
    }

    for (key, reason) in &known {
        if !seen_ids.contains(key) {
            problems.push(format!(
                "KNOWN_FAILURES: {}: {}: no such expectation (\"{reason}\")",
                key.0, key.1
            ));
        }
    }
    if bless && !now_passing.is_empty() {
        let kept: String = known_text
            .lines()
            .filter(|line| match parse_known_line(line) {
                Some(Ok((page, id, _))) => !now_passing.contains(&(page, id)),
                _ => true,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&known_path, kept).expect("write KNOWN_FAILURES");
        eprintln!(
            "KNOWN_FAILURES: removed {} entries that now pass",
            now_passing.len()
        );
    }

    for (what, all) in [("kind", ALL_KINDS), ("role", ALL_ROLES)] {
        for k in all.iter() {
            if !coverage.contains(&format!("{what} {k}")) {
                problems.push(format!("corpus: no page expects a block of {what} {k}"));
            }
        }
    }

    let summary = format!(
        "{} pages, {} expectations: {} pass, {} known failures still failing, {} fail{}",
        stats.pages,
        stats.expectations,
        stats.passed,
        stats.known,
        stats.failed,
        if bless {
            format!(", {} blessed", stats.blessed)
        } else {
            String::new()
        }
    );
    eprintln!("{summary}");
    if !problems.is_empty() {
        panic!(
            "{} problem(s) in tests/pages ({summary}):\n  {}\n\
             (expected values: fix the code, or record `page: expectation: reason` in \
             tests/pages/KNOWN_FAILURES; accept the current output with PITH_BLESS=1)",
            problems.len(),
            problems.join("\n  ")
        );
    }
}

#[derive(Default)]
struct Stats {
    pages: usize,
    expectations: usize,
    passed: usize,
    known: usize,
    failed: usize,
    blessed: usize,
}

/// The result of one expectation.
struct Outcome {
    id: String,
    /// What was wrong, if anything.
    mismatch: Option<String>,
    /// Whether bless can fix it by writing `fix` at `pointer` (a snippet that matches no
    /// block or several cannot be blessed: a person must choose new words).
    blessable: bool,
    pointer: String,
    fix: Value,
}

impl Outcome {
    fn pass(id: String) -> Outcome {
        Outcome {
            id,
            mismatch: None,
            blessable: false,
            pointer: String::new(),
            fix: Value::Null,
        }
    }

    fn apply(&self, doc: &mut Value) {
        if let Some(slot) = doc.pointer_mut(&self.pointer) {
            *slot = self.fix.clone();
        }
    }
}

/// What the checks read from one annotation.
struct Page<'a> {
    a: &'a Annotation,
    metadata: Value,
    /// Normalised text of each block.
    texts: Vec<String>,
    /// The article text `first`/`last` are checked on, normalised, block by block.
    body_blocks: Vec<String>,
    /// The same, joined with spaces.
    body: String,
}

impl<'a> Page<'a> {
    fn new(a: &'a Annotation) -> Page<'a> {
        let body_blocks: Vec<String> = a
            .article_blocks()
            .filter(|b| {
                !b.kind
                    .is_some_and(|k| NOT_BODY.contains(&name(&k).as_str()))
            })
            .map(|b| norm(&b.text))
            .filter(|t| !t.is_empty())
            .collect();
        Page {
            a,
            metadata: serde_json::to_value(&a.metadata).expect("metadata serialises"),
            texts: a.blocks.iter().map(|b| norm(&b.text)).collect(),
            body: body_blocks.join(" "),
            body_blocks,
        }
    }

    /// The first sentence of the article's first body block.
    fn first_sentence(&self) -> String {
        self.body_blocks
            .first()
            .map_or(String::new(), |b| first_sentence(b))
    }

    /// The last sentence of the article's last body block.
    fn last_sentence(&self) -> String {
        self.body_blocks
            .last()
            .map_or(String::new(), |b| last_sentence(b))
    }

    /// The blocks a snippet names: those containing it, or, when several do, the one whose
    /// whole text it is (a short heading repeated inside a menu or a breadcrumb).
    fn find(&self, snippet: &str) -> Vec<usize> {
        let hits: Vec<usize> = (0..self.texts.len())
            .filter(|&k| self.texts[k].contains(snippet))
            .collect();
        if hits.len() > 1 {
            let exact: Vec<usize> = hits
                .iter()
                .copied()
                .filter(|&k| self.texts[k] == snippet)
                .collect();
            if exact.len() == 1 {
                return exact;
            }
        }
        hits
    }

    fn describe(&self, id: usize) -> String {
        let b = &self.a.blocks[id];
        format!(
            "block {id} <{}> {} score {:.2} [{}]: \"{}\"",
            b.tag,
            label_of(b),
            b.score,
            b.reasons.join(", "),
            excerpt(&self.texts[id], 70)
        )
    }
}

fn check_page(
    page: &Page,
    expected: &Value,
    problems: &mut Vec<String>,
    slug: &str,
) -> Vec<Outcome> {
    let mut out = Vec::new();
    if let Some(obj) = expected.as_object() {
        for key in obj.keys() {
            if !matches!(key.as_str(), "article" | "blocks" | "metadata" | "options") {
                problems.push(format!("{slug}: expected.json: unknown key `{key}`"));
            }
        }
    }

    // Invariants of the model, whatever the page.
    let inv = invariants(page.a);
    out.push(Outcome {
        mismatch: (!inv.is_empty()).then(|| inv.join("; ")),
        ..Outcome::pass("invariants".into())
    });

    if let Some(meta) = expected["metadata"].as_object() {
        for (field, want) in meta {
            let id = format!("metadata.{field}");
            if !METADATA_FIELDS.contains(&field.as_str()) {
                problems.push(format!("{slug}: {id}: not a metadata field"));
                continue;
            }
            let got = page.metadata[field.as_str()].clone();
            out.push(if *want == got {
                Outcome::pass(id)
            } else {
                Outcome {
                    id,
                    mismatch: Some(format!("expected {want}, found {got}")),
                    blessable: true,
                    pointer: format!("/metadata/{field}"),
                    fix: got,
                }
            });
        }
    }

    let article = &expected["article"];
    if let Some(want) = article.get("sections") {
        let got = page.a.sections.len();
        let titles: Vec<String> = page
            .a
            .sections
            .iter()
            .map(|s| excerpt(s.title.as_deref().unwrap_or("(untitled)"), 40))
            .collect();
        out.push(if want.as_u64() == Some(got as u64) {
            Outcome::pass("article.sections".into())
        } else {
            Outcome {
                id: "article.sections".into(),
                mismatch: Some(format!("expected {want}, found {got} {titles:?}")),
                blessable: true,
                pointer: "/article/sections".into(),
                fix: json!(got),
            }
        });
    }
    for (key, at_start) in [("first", true), ("last", false)] {
        let Some(want) = article.get(key) else {
            continue;
        };
        let id = format!("article.{key}");
        let Some(want) = want.as_str() else {
            problems.push(format!("{slug}: {id}: not a string"));
            continue;
        };
        let w = norm(want);
        let ok = !w.is_empty()
            && if at_start {
                page.body.starts_with(&w)
            } else {
                page.body.ends_with(&w)
            };
        let sentence = if at_start {
            page.first_sentence()
        } else {
            page.last_sentence()
        };
        out.push(if ok {
            Outcome::pass(id)
        } else {
            Outcome {
                id,
                mismatch: Some(format!(
                    "the article text does not {} \"{want}\"; it {} \"{sentence}\"",
                    if at_start { "start with" } else { "end with" },
                    if at_start { "starts" } else { "ends" },
                )),
                blessable: !sentence.is_empty(),
                pointer: format!("/article/{key}"),
                fix: json!(sentence),
            }
        });
    }

    for (i, b) in expected["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(snippet) = b["contains"].as_str() else {
            problems.push(format!("{slug}: blocks[{i}]: no `contains` snippet"));
            continue;
        };
        let id = format!("block \"{snippet}\"");
        if snippet.contains('"') || norm(snippet).is_empty() {
            problems.push(format!(
                "{slug}: {id}: a snippet must have words and no `\"`"
            ));
            continue;
        }
        for (key, valid) in [
            ("label", &["article", "boilerplate"][..]),
            ("kind", ALL_KINDS),
            ("role", ALL_ROLES),
        ] {
            if let Some(v) = b.get(key) {
                if !v.as_str().is_some_and(|s| valid.contains(&s)) {
                    problems.push(format!("{slug}: {id}: `{key}` {v} is not one of {valid:?}"));
                }
            }
        }
        let want = label_string(b);
        let s = norm(snippet);
        let hits = page.find(&s);
        let outcome = match hits.as_slice() {
            [] => Outcome {
                mismatch: Some(format!("no block contains it (expected {want})")),
                ..Outcome::pass(id)
            },
            [k] => {
                let block = &page.a.blocks[*k];
                let got = label_of(block);
                if got == want {
                    Outcome::pass(id)
                } else {
                    let mut fix = Map::new();
                    fix.insert("contains".into(), json!(snippet));
                    fix.insert("label".into(), json!(name(&block.label)));
                    if let Some(k) = block.kind {
                        fix.insert("kind".into(), json!(name(&k)));
                    }
                    if let Some(r) = block.role {
                        fix.insert("role".into(), json!(name(&r)));
                    }
                    Outcome {
                        mismatch: Some(format!("expected {want}, found {}", page.describe(*k))),
                        blessable: true,
                        pointer: format!("/blocks/{i}"),
                        fix: Value::Object(fix),
                        id,
                    }
                }
            }
            many => Outcome {
                mismatch: Some(format!(
                    "{} blocks contain it (ids {many:?}); choose words found in one block only",
                    many.len()
                )),
                ..Outcome::pass(id)
            },
        };
        out.push(outcome);
    }
    out
}

/// The model's own rules, checked on every page.
fn invariants(a: &Annotation) -> Vec<String> {
    let mut v = Vec::new();
    if a.schema != pith::SCHEMA_VERSION {
        v.push(format!("schema is {}", a.schema));
    }
    for (i, b) in a.blocks.iter().enumerate() {
        if b.id != i {
            v.push(format!("block {i} has id {}", b.id));
        }
        match b.label {
            Label::Article if b.kind.is_none() || b.role.is_some() => {
                v.push(format!("article block {i} needs a kind and no role"))
            }
            Label::Boilerplate if b.role.is_none() || b.kind.is_some() => {
                v.push(format!("boilerplate block {i} needs a role and no kind"))
            }
            _ => {}
        }
        if !(0.0..=1.0).contains(&b.score) {
            v.push(format!("block {i} has score {}", b.score));
        }
        if b.reasons.is_empty() {
            v.push(format!("block {i} has no reasons"));
        }
        if b.source.start > b.source.end || b.source.line_start > b.source.line_end {
            v.push(format!("block {i} has source range {:?}", b.source));
        }
    }
    let mut in_sections = BTreeSet::new();
    for s in &a.sections {
        for &id in &s.blocks {
            if !a.blocks.get(id).is_some_and(|b| b.is_article()) {
                v.push(format!("section holds block {id}, not an article block"));
            }
            if !in_sections.insert(id) {
                v.push(format!("block {id} is in two sections"));
            }
        }
    }
    let article: BTreeSet<usize> = a
        .blocks
        .iter()
        .filter(|b| b.is_article())
        .map(|b| b.id)
        .collect();
    if article != in_sections {
        v.push("the sections do not hold exactly the article blocks".into());
    }
    v
}

/// `article/paragraph`, `boilerplate/nav`.
fn label_of(b: &pith::Block) -> String {
    let detail = match (b.kind, b.role) {
        (Some(k), _) => name(&k),
        (None, Some(r)) => name(&r),
        (None, None) => "?".into(),
    };
    format!("{}/{detail}", name(&b.label))
}

fn label_string(exp: &Value) -> String {
    let label = exp["label"].as_str().unwrap_or("?");
    let detail = if label == "article" {
        exp["kind"].as_str()
    } else {
        exp["role"].as_str()
    };
    format!("{label}/{}", detail.unwrap_or("?"))
}

/// The serde name of a unit enum value (`paragraph`, `nav`, `article`).
fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Whitespace collapsed to single spaces, trimmed.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '…')
}

/// Byte offsets just past each sentence end: a terminator followed by a space, or a
/// full-width one (CJK sentences have no space after them).
fn sentence_ends(s: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_terminator(c) {
            continue;
        }
        let end = i + c.len_utf8();
        match it.peek() {
            Some(&(_, ' ')) => ends.push(end),
            Some(_) if matches!(c, '。' | '！' | '？') => ends.push(end),
            _ => {}
        }
    }
    ends
}

fn first_sentence(body: &str) -> String {
    let end = sentence_ends(body).first().copied().unwrap_or(body.len());
    let s = &body[..end];
    if s.chars().count() <= SENTENCE_MAX_CHARS {
        return s.to_string();
    }
    // Cut at a word boundary (or a character boundary for text without spaces).
    let cut: String = s.chars().take(SENTENCE_MAX_CHARS).collect();
    match cut.rfind(' ') {
        Some(sp) if sp > 0 => cut[..sp].to_string(),
        _ => cut,
    }
}

fn last_sentence(body: &str) -> String {
    let start = sentence_ends(body).last().copied().unwrap_or(0);
    let s = body[start..].trim_start();
    let n = s.chars().count();
    if n <= SENTENCE_MAX_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().skip(n - SENTENCE_MAX_CHARS).collect();
    match cut.find(' ') {
        Some(sp) if sp + 1 < cut.len() => cut[sp + 1..].to_string(),
        _ => cut,
    }
}

/// A first `expected.json` for a new page, from the current output: every metadata field,
/// the article's first and last sentences, and one expectation per block with a snippet
/// found in that block only.
fn draft_expected(a: &Annotation) -> Value {
    let page = Page::new(a);
    let mut meta = Map::new();
    for f in METADATA_FIELDS {
        meta.insert(f.to_string(), page.metadata[*f].clone());
    }
    let mut blocks = Vec::new();
    for (i, b) in a.blocks.iter().enumerate() {
        let words: Vec<&str> = page.texts[i].split(' ').collect();
        let mut snippet = None;
        for n in SNIPPET_WORDS..=words.len().max(SNIPPET_WORDS) {
            let s = words[..n.min(words.len())].join(" ");
            if page.find(&s) == [i] {
                snippet = Some(s);
                break;
            }
            if n >= words.len() {
                break;
            }
        }
        let Some(snippet) = snippet.filter(|s| !s.is_empty() && !s.contains('"')) else {
            continue;
        };
        let mut e = Map::new();
        e.insert("contains".into(), json!(snippet));
        e.insert("label".into(), json!(name(&b.label)));
        if let Some(k) = b.kind {
            e.insert("kind".into(), json!(name(&k)));
        }
        if let Some(r) = b.role {
            e.insert("role".into(), json!(name(&r)));
        }
        blocks.push(Value::Object(e));
    }
    json!({
        "article": {
            "first": page.first_sentence(),
            "last": page.last_sentence(),
            "sections": a.sections.len(),
        },
        "blocks": blocks,
        "metadata": meta,
    })
}

/// The one layout an `expected.json` may have: keys sorted, two-space indent, final newline.
fn canonical_text(v: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let s: BTreeMap<&String, Value> = m.iter().map(|(k, v)| (k, sorted(v))).collect();
                Value::Object(s.into_iter().map(|(k, v)| (k.clone(), v)).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    let mut s = serde_json::to_string_pretty(&sorted(v)).expect("JSON serialises");
    s.push('\n');
    s
}

type Known = BTreeMap<(String, String), String>;

/// Reads `KNOWN_FAILURES`: `page: expectation: reason` per line, `#` comments.
fn parse_known(text: &str, problems: &mut Vec<String>) -> Known {
    let mut known = Known::new();
    for (n, line) in text.lines().enumerate() {
        match parse_known_line(line) {
            None => {}
            Some(Ok((page, id, reason))) => {
                let key = (page, id);
                if known.contains_key(&key) {
                    problems.push(format!(
                        "KNOWN_FAILURES line {}: {}: {} is listed twice",
                        n + 1,
                        key.0,
                        key.1
                    ));
                }
                known.insert(key, reason);
            }
            Some(Err(e)) => problems.push(format!("KNOWN_FAILURES line {}: {e}", n + 1)),
        }
    }
    known
}

fn parse_known_line(line: &str) -> Option<Result<(String, String, String), String>> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let parse = || -> Result<(String, String, String), String> {
        let (page, rest) = line
            .split_once(": ")
            .ok_or("expected `page: expectation: reason`")?;
        let (id, reason) = if let Some(after) = rest.strip_prefix("block \"") {
            let close = after.find('"').ok_or("unclosed block snippet")?;
            let reason = after[close + 1..]
                .strip_prefix(": ")
                .ok_or("expected `: reason` after the block snippet")?;
            (&rest[..close + 8], reason)
        } else {
            rest.split_once(": ")
                .ok_or("expected `page: expectation: reason`")?
        };
        if reason.trim().is_empty() {
            return Err("a known failure needs a reason".into());
        }
        Ok((page.trim().into(), id.trim().into(), reason.trim().into()))
    };
    Some(parse())
}

/// Every block of a page, one line each, for people writing expectations.
fn dump_page(slug: &str, a: &Annotation) -> String {
    let mut s = format!(
        "=== {slug}: {} blocks, {} sections\nmetadata: {}\n",
        a.blocks.len(),
        a.sections.len(),
        serde_json::to_string(&a.metadata).unwrap_or_default()
    );
    for b in &a.blocks {
        let _ = writeln!(
            s,
            "{:>3} {:<22} {:.2} <{}> [{}] {}",
            b.id,
            label_of(b),
            b.score,
            b.tag,
            b.reasons.join(","),
            excerpt(&norm(&b.text), 90)
        );
    }
    s
}
