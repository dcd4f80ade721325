//! What `pith bench` reports: per-page results, the summary (printed, and written with the
//! pages by `--json` so two runs can be diffed).

use crate::bench::Mode;
use crate::dataset::{Dataset, Layout};
use crate::error::{CliError, Result};
use crate::input::InputError;
use crate::meta_score::{FieldCounts, MetaScore, MetaSummary};
use crate::score::{self, Prf, ShingleMatch};
use crate::stats;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Bytes in the "MB" of MB/s and of peak memory.
const MB: f64 = 1e6;
/// Decimal places kept for numbers in the `--json` file (enough for scores and for
/// milliseconds, few enough that two runs diff cleanly).
const JSON_DECIMALS: i32 = 4;
/// The high percentile reported for timings.
const HIGH_PERCENTILE: f64 = 95.0;

/// One page's fastest runs, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// The bare parse: the published html5ever into Pith's node arena (the baseline).
    pub parse_ms: f64,
    /// Pith's own parse step: the same, through its patched copy of html5ever.
    pub pith_parse_ms: f64,
    pub extract_ms: f64,
}

/// One page's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageScore {
    /// The dataset gives no main content for this page.
    Unscored,
    Shingles(ShingleMatch),
    Words(Prf),
}

impl PageScore {
    /// Precision, recall and F1 for the per-page record (precision or recall are none when
    /// undefined for the shingle score).
    fn parts(&self) -> (Option<f64>, Option<f64>, Option<f64>) {
        match self {
            PageScore::Unscored => (None, None, None),
            PageScore::Shingles(m) => (m.precision(), m.recall(), Some(m.f1())),
            PageScore::Words(p) => (Some(p.precision), Some(p.recall), Some(p.f1)),
        }
    }
}

/// One page's snippet counts (WCXB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Snippets {
    pub with_found: usize,
    pub with_total: usize,
    pub without_kept: usize,
    pub without_total: usize,
}

/// Everything measured on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageResult {
    pub id: String,
    pub page_type: String,
    /// Size of the decoded input in bytes (of the raw file when it could not be decoded).
    pub bytes: usize,
    /// None when the page failed.
    pub timing: Option<Timing>,
    pub error: Option<String>,
    pub score: PageScore,
    pub snippets: Option<Snippets>,
    /// The metadata outcomes, where the dataset names the true metadata.
    pub meta: Option<MetaScore>,
}

/// A count out of a total, with its share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    pub count: usize,
    pub total: usize,
    pub rate: f64,
}

impl Share {
    fn new(count: usize, total: usize) -> Share {
        let rate = if total == 0 {
            0.0
        } else {
            count as f64 / total as f64
        };
        Share { count, total, rate }
    }
}

/// The scores of one page type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TypeScores {
    pub pages: usize,
    #[serde(flatten)]
    pub scores: Prf,
}

/// Timing over all pages that did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimingSummary {
    pub repeat: usize,
    /// Whether the timed extraction built each block's sanitised HTML (`--block-html`).
    pub block_html: bool,
    pub extract_median_ms: f64,
    pub extract_p95_ms: f64,
    /// Total decoded bytes / total extraction time.
    pub mb_per_s: f64,
    /// The bare parse, with the published html5ever.
    pub parse_median_ms: f64,
    pub parse_p95_ms: f64,
    /// Pith's own parse step (its patched html5ever), for comparison.
    pub pith_parse_median_ms: f64,
    /// Extraction median / bare-parse median.
    pub ratio: f64,
}

/// The whole run in numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The dataset key: folder name, plus `-text` in text mode.
    pub dataset: String,
    pub layout: &'static str,
    pub mode: &'static str,
    /// Pages run (failed ones included).
    pub pages: usize,
    /// Pages with a ground truth to score against.
    pub scored: usize,
    pub failed: usize,
    /// Pages without an input file (text mode).
    pub skipped: usize,
    #[serde(flatten)]
    pub scores: Prf,
    /// Scores per page type (WCXB; scrapinghub pages are all `article`).
    pub types: BTreeMap<String, TypeScores>,
    /// Share of `with` snippets found (WCXB).
    pub with_found: Option<Share>,
    /// Share of `without` snippets wrongly kept (WCXB).
    pub without_kept: Option<Share>,
    /// Metadata outcomes (WCXB: title, author, publication date).
    pub metadata: Option<MetaSummary>,
    pub timing: TimingSummary,
    pub peak_memory_mb: Option<f64>,
}

/// Aggregates the per-page results.
pub fn summarize(
    key: &str,
    dataset: &Dataset,
    mode: Mode,
    repeat: usize,
    results: &[PageResult],
    skipped: usize,
) -> Summary {
    let mut by_type: BTreeMap<&str, Vec<&PageResult>> = BTreeMap::new();
    for r in results {
        by_type.entry(&r.page_type).or_default().push(r);
    }
    let types = by_type
        .into_iter()
        .map(|(name, pages)| {
            let scores = aggregate(dataset.layout, pages.iter().copied());
            (
                name.to_string(),
                TypeScores {
                    pages: pages.len(),
                    scores,
                },
            )
        })
        .collect();
    let snippets: Vec<Snippets> = results.iter().filter_map(|r| r.snippets).collect();
    let wcxb = dataset.layout == Layout::Wcxb;
    Summary {
        dataset: key.to_string(),
        layout: dataset.layout.name(),
        mode: mode.name(),
        pages: results.len(),
        scored: results
            .iter()
            .filter(|r| r.score != PageScore::Unscored)
            .count(),
        failed: results.iter().filter(|r| r.error.is_some()).count(),
        skipped,
        scores: aggregate(dataset.layout, results.iter()),
        types,
        with_found: wcxb.then(|| {
            Share::new(
                snippets.iter().map(|s| s.with_found).sum(),
                snippets.iter().map(|s| s.with_total).sum(),
            )
        }),
        without_kept: wcxb.then(|| {
            Share::new(
                snippets.iter().map(|s| s.without_kept).sum(),
                snippets.iter().map(|s| s.without_total).sum(),
            )
        }),
        metadata: wcxb.then(|| MetaSummary::of(results.iter().filter_map(|r| r.meta))),
        timing: timing_summary(results, repeat),
        peak_memory_mb: stats::peak_memory_bytes().map(|b| b as f64 / MB),
    }
}

/// The dataset's aggregate over some pages: the scrapinghub shingle score or the mean of the
/// WCXB per-page scores. Unscored pages are left out.
fn aggregate<'a>(layout: Layout, results: impl Iterator<Item = &'a PageResult>) -> Prf {
    let scores: Vec<PageScore> = results.map(|r| r.score).collect();
    match layout {
        Layout::Scrapinghub => {
            let matches: Vec<ShingleMatch> = scores
                .iter()
                .filter_map(|s| match s {
                    PageScore::Shingles(m) => Some(*m),
                    _ => None,
                })
                .collect();
            score::shingle_scores(&matches)
        }
        Layout::Wcxb => Prf::mean(scores.iter().filter_map(|s| match s {
            PageScore::Words(p) => Some(*p),
            _ => None,
        })),
    }
}

fn timing_summary(results: &[PageResult], repeat: usize) -> TimingSummary {
    let timed: Vec<(&PageResult, Timing)> = results
        .iter()
        .filter_map(|r| r.timing.map(|t| (r, t)))
        .collect();
    let extract: Vec<f64> = timed.iter().map(|(_, t)| t.extract_ms).collect();
    let parse: Vec<f64> = timed.iter().map(|(_, t)| t.parse_ms).collect();
    let pith_parse: Vec<f64> = timed.iter().map(|(_, t)| t.pith_parse_ms).collect();
    let total_bytes: usize = timed.iter().map(|(r, _)| r.bytes).sum();
    let total_seconds: f64 = extract.iter().sum::<f64>() / 1e3;
    let extract_median_ms = stats::median(&extract);
    let parse_median_ms = stats::median(&parse);
    TimingSummary {
        repeat,
        block_html: false,
        extract_median_ms,
        extract_p95_ms: stats::percentile(&extract, HIGH_PERCENTILE),
        mb_per_s: ratio(total_bytes as f64 / MB, total_seconds),
        parse_median_ms,
        parse_p95_ms: stats::percentile(&parse, HIGH_PERCENTILE),
        pith_parse_median_ms: stats::median(&pith_parse),
        ratio: ratio(extract_median_ms, parse_median_ms),
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// The human-readable report.
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "dataset   {} ({} layout, {} input)",
        s.dataset, s.layout, s.mode
    );
    let _ = write!(
        out,
        "pages     {} run, {} scored, {} failed",
        s.pages, s.scored, s.failed
    );
    if s.skipped > 0 {
        let _ = write!(out, ", {} skipped (no input file)", s.skipped);
    }
    out.push('\n');
    let how = if s.layout == Layout::Scrapinghub.name() {
        "4-token shingles"
    } else {
        "mean over pages, bag of words"
    };
    let _ = writeln!(
        out,
        "scores    P {:.3}  R {:.3}  F1 {:.3}  ({how})",
        s.scores.precision, s.scores.recall, s.scores.f1
    );
    if s.layout == Layout::Wcxb.name() {
        render_types(&mut out, &s.types);
    }
    if let (Some(with), Some(without)) = (s.with_found, s.without_kept) {
        let _ = writeln!(
            out,
            "snippets  with found {:.1}% ({}/{})  without kept {:.1}% ({}/{})",
            with.rate * 100.0,
            with.count,
            with.total,
            without.rate * 100.0,
            without.count,
            without.total
        );
    }
    if let Some(m) = &s.metadata {
        render_metadata(&mut out, m);
    }
    let t = &s.timing;
    let _ = writeln!(
        out,
        "timing    extraction median {:.3} ms  p95 {:.3} ms  {:.1} MB/s  (best of {} per page; {})",
        t.extract_median_ms,
        t.extract_p95_ms,
        t.mb_per_s,
        t.repeat,
        if t.block_html {
            "annotation with the article blocks' HTML"
        } else {
            "as `extract --format text`"
        }
    );
    let _ = writeln!(
        out,
        "          bare parse median {:.3} ms  p95 {:.3} ms  (published html5ever 0.40.1 into Pith's node arena)",
        t.parse_median_ms, t.parse_p95_ms
    );
    let _ = writeln!(
        out,
        "          Pith's parse step median {:.3} ms  (the same through its patched html5ever; part of the extraction)",
        t.pith_parse_median_ms
    );
    let _ = writeln!(
        out,
        "          ratio of medians {:.2}x (extraction / bare parse)",
        t.ratio
    );
    if let Some(mb) = s.peak_memory_mb {
        let _ = writeln!(
            out,
            "memory    peak {mb:.1} MB (VmHWM, compressed inputs included)"
        );
    }
    out
}

/// `metadata` lines: each field right where the truth has one, and given where it has none.
fn render_metadata(out: &mut String, m: &MetaSummary) {
    let pct = |n: usize, d: usize| {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    };
    let field = |out: &mut String, head: &str, name: &str, f: &FieldCounts| {
        let _ = writeln!(
            out,
            "{head:<10}{name:<10} right {:>5.1}% ({}/{}; {} wrong, {} missing)  given where none {:.1}% ({}/{})",
            pct(f.right, f.truths()),
            f.right,
            f.truths(),
            f.wrong,
            f.missing,
            pct(f.given, f.none_in_truth),
            f.given,
            f.none_in_truth
        );
    };
    field(out, "metadata", "title", &m.title);
    field(out, "", "author", &m.author);
    field(out, "", "published", &m.published);
}

fn render_types(out: &mut String, types: &BTreeMap<String, TypeScores>) {
    let mut rows: Vec<(&String, &TypeScores)> = types.iter().collect();
    rows.sort_by(|a, b| b.1.pages.cmp(&a.1.pages).then(a.0.cmp(b.0)));
    let _ = writeln!(
        out,
        "by type   {:<15} {:>5}  {:>5}  {:>5}  {:>5}",
        "type", "pages", "P", "R", "F1"
    );
    for (name, t) in rows {
        let _ = writeln!(
            out,
            "          {:<15} {:>5}  {:.3}  {:.3}  {:.3}",
            name, t.pages, t.scores.precision, t.scores.recall, t.scores.f1
        );
    }
}

/// One page in the `--json` file.
#[derive(Serialize)]
struct PageRecord<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    page_type: &'a str,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
    ms: Option<f64>,
    parse_ms: Option<f64>,
    bytes: usize,
    #[serde(flatten)]
    snippets: Option<Snippets>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<MetaScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: &'a Summary,
    pages: Vec<PageRecord<'a>>,
}

/// Writes the summary and the per-page results as JSON.
pub fn write_json(path: &Path, summary: &Summary, results: &[PageResult]) -> Result<()> {
    let pages = results
        .iter()
        .map(|r| {
            let (precision, recall, f1) = r.score.parts();
            PageRecord {
                id: &r.id,
                page_type: &r.page_type,
                precision,
                recall,
                f1,
                ms: r.timing.map(|t| t.extract_ms),
                parse_ms: r.timing.map(|t| t.parse_ms),
                bytes: r.bytes,
                snippets: r.snippets,
                meta: r.meta,
                error: r.error.as_deref(),
            }
        })
        .collect();
    let mut value =
        serde_json::to_value(JsonReport { summary, pages }).map_err(|e| CliError::at(path, e))?;
    round_floats(&mut value);
    let json = serde_json::to_string_pretty(&value).map_err(|e| CliError::at(path, e))?;
    std::fs::write(path, json + "\n").map_err(|e| CliError::at(path, InputError::Io(e)))
}

/// Rounds every non-integer number in a JSON value to [`JSON_DECIMALS`] places.
fn round_floats(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let scale = 10f64.powi(JSON_DECIMALS);
            let rounded = (n.as_f64().unwrap_or(0.0) * scale).round() / scale;
            if let Some(r) = serde_json::Number::from_f64(rounded) {
                *n = r;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(round_floats),
        Value::Object(fields) => fields.values_mut().for_each(round_floats),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_floats_are_rounded_integers_kept() {
        let mut v = serde_json::json!({"ms": 23.780663, "n": [7, 0.123456789], "s": "x"});
        round_floats(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"ms": 23.7807, "n": [7, 0.1235], "s": "x"})
        );
    }
}
