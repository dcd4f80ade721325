//! `pith bench`: scores and times the extraction on a benchmark dataset.
//!
//! All page files are read into memory first (still compressed); then, one page at a time
//! in this one thread, the page is gunzipped and decoded (not timed), a bare html5ever parse
//! of the decoded text is timed (the published html5ever, vendor/html5ever-stock: the baseline
//! the extraction is divided by), then Pith's own parse step (its patched html5ever, shown for
//! comparison), and the whole extraction — `pith::annotate` plus
//! `pith::render::body_text`, the predicted main content — is timed. Where the dataset names
//! the title, author and date (WCXB), the annotation's metadata is scored too (`meta_score`). Each is run `--repeat`
//! times and the fastest run counts. A page that fails or panics is reported, scored as an
//! empty prediction, and left out of the timings.

use crate::args::BenchArgs;
use crate::dataset::{self, Dataset, Layout, Page};
use crate::error::{report, CliError, Result};
use crate::extract::library_error_message;
use crate::input::{self, InputError};
use crate::meta_score::{self, MetaPrediction};
use crate::report::{self as bench_report, PageResult, PageScore, Snippets, Timing};
use crate::score;
use crate::stats::best_of;
use crate::{floors, guard};
use pith::{InputMode, Options};
use std::hint::black_box;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

/// Suffix of the dataset key (for floors and reports) in text mode.
const TEXT_MODE_SUFFIX: &str = "-text";

/// What each page's input is.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// The page's HTML (`DIR/html/<id>.html.gz`), read as HTML.
    Html,
    /// Its pasted-text copy (`CORPUS_DIR/<id>.txt`), read as text.
    Text(&'a Path),
}

impl Mode<'_> {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Html => "html",
            Mode::Text(_) => "text",
        }
    }

    fn input_mode(self) -> InputMode {
        match self {
            Mode::Html => InputMode::Html,
            Mode::Text(_) => InputMode::Text,
        }
    }
}

/// One page's input, as read from disk (maybe gzipped).
struct RawInput<'a> {
    page: &'a Page,
    raw: Vec<u8>,
    named_gz: bool,
}

/// Runs `pith bench`.
pub fn run(args: &BenchArgs) -> Result<()> {
    let dataset = dataset::load(&args.dir)?;
    let mode = args.text.as_deref().map_or(Mode::Html, Mode::Text);
    let key = match mode {
        Mode::Html => dataset.name.clone(),
        Mode::Text(_) => format!("{}{TEXT_MODE_SUFFIX}", dataset.name),
    };
    let floors = match &args.check {
        Some(path) => Some(floors::load(path, &key)?),
        None => None,
    };
    let pages = dataset.select(args.filter.as_deref(), args.limit);
    if pages.is_empty() {
        return Err(no_pages(&dataset, args.filter.as_deref()));
    }
    let (inputs, skipped) = read_inputs(&dataset, &pages, mode)?;
    let results = measure_all(&dataset, &inputs, mode, args.repeat, args.block_html);
    let mut summary = bench_report::summarize(&key, &dataset, mode, args.repeat, &results, skipped);
    summary.timing.block_html = args.block_html;
    print!("{}", bench_report::render(&summary));
    if let Some(path) = &args.json {
        bench_report::write_json(path, &summary, &results)?;
    }
    match floors {
        Some(floors) => floors::enforce(&floors, &key, &summary),
        None => Ok(()),
    }
}

fn no_pages(dataset: &Dataset, filter: Option<&str>) -> CliError {
    match filter {
        Some(t) => CliError::Failed(format!("{}: no pages of type '{t}'", dataset.dir.display())),
        None => CliError::Failed(format!("{}: no pages", dataset.dir.display())),
    }
}

/// Reads every page's input. A missing HTML file is an error; a missing text copy skips the
/// page (the paste corpus may lack pages the browser could not render), counted in the result.
fn read_inputs<'a>(
    dataset: &Dataset,
    pages: &[&'a Page],
    mode: Mode,
) -> Result<(Vec<RawInput<'a>>, usize)> {
    let mut inputs = Vec::with_capacity(pages.len());
    let mut skipped = 0;
    for &page in pages {
        let path = match mode {
            Mode::Html => dataset.html_path(page),
            Mode::Text(dir) => dir.join(format!("{}.txt", page.id)),
        };
        match std::fs::read(&path) {
            Ok(raw) => inputs.push(RawInput {
                page,
                raw,
                named_gz: matches!(mode, Mode::Html),
            }),
            Err(e) if matches!(mode, Mode::Text(_)) && e.kind() == std::io::ErrorKind::NotFound => {
                skipped += 1;
            }
            Err(e) => return Err(CliError::at(&path, InputError::Io(e))),
        }
    }
    Ok((inputs, skipped))
}

fn measure_all(
    dataset: &Dataset,
    inputs: &[RawInput],
    mode: Mode,
    repeat: usize,
    block_html: bool,
) -> Vec<PageResult> {
    let progress = std::io::stderr().is_terminal();
    let mut results = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        if progress {
            eprint!("\rpith: bench {}/{}", i + 1, inputs.len());
            let _ = std::io::stderr().flush();
        }
        let result = measure_page(dataset.layout, input, mode, repeat, block_html);
        if let Some(why) = &result.error {
            if progress {
                eprint!("\r");
            }
            report(format!("{}/{}: {why}", dataset.name, result.id));
        }
        results.push(result);
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    results
}

fn measure_page(
    layout: Layout,
    input: &RawInput,
    mode: Mode,
    repeat: usize,
    block_html: bool,
) -> PageResult {
    let page = input.page;
    let options = Options {
        input: mode.input_mode(),
        url: page.url.clone(),
        block_html: if block_html {
            pith::BlockHtml::Article
        } else {
            pith::BlockHtml::None
        },
        ..Options::default()
    };
    let decoded = decode(input, options.max_bytes);
    let bytes = decoded.as_ref().map_or(input.raw.len(), String::len);
    let outcome = decoded.and_then(|text| time_page(&text, &options, repeat));
    let (timing, (predicted, meta), error) = match outcome {
        Ok((timing, predicted)) => (Some(timing), predicted, None),
        Err(why) => (None, Default::default(), Some(why)),
    };
    let (score, snippets) = score_page(layout, page, &predicted);
    PageResult {
        id: page.id.clone(),
        page_type: page.page_type.clone(),
        bytes,
        timing,
        error,
        score,
        snippets,
        meta: page
            .meta
            .as_ref()
            .map(|truth| meta_score::score(truth, &meta)),
    }
}

/// Gunzips (by magic bytes) and decodes a page, as `pith extract` would; not timed.
fn decode(input: &RawInput, limit: usize) -> std::result::Result<String, String> {
    let bytes = input::decompress(&input.raw, limit, input.named_gz).map_err(|e| e.to_string())?;
    Ok(pith::decode_bytes(&bytes).into_owned())
}

/// Times the bare parse and the extraction of one page; returns the predicted main content
/// and metadata.
fn time_page(
    text: &str,
    options: &Options,
    repeat: usize,
) -> std::result::Result<(Timing, (String, MetaPrediction)), String> {
    let (parse, _) = guard::catch(|| {
        best_of(
            repeat,
            || black_box(pith::bench_support::stock_parse(black_box(text))),
            |_| false,
        )
    })?;
    let (pith_parse, _) = guard::catch(|| {
        best_of(
            repeat,
            || black_box(pith::bench_support::bare_parse(black_box(text))),
            |_| false,
        )
    })?;
    let (extract, predicted) = guard::catch(|| {
        best_of(
            repeat,
            || {
                pith::annotate(black_box(text), options).map(|a| {
                    let body = pith::render::body_text(&a);
                    let m = a.metadata;
                    let meta = MetaPrediction {
                        title: m.title,
                        authors: m.authors,
                        published: m.published,
                    };
                    (body, meta)
                })
            },
            std::result::Result::is_err,
        )
    })?;
    let predicted = predicted.map_err(|e| library_error_message(&e))?;
    let timing = Timing {
        parse_ms: millis(parse),
        pith_parse_ms: millis(pith_parse),
        extract_ms: millis(extract),
    };
    Ok((timing, predicted))
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Scores one page's prediction with its dataset's scorer.
fn score_page(layout: Layout, page: &Page, predicted: &str) -> (PageScore, Option<Snippets>) {
    let Some(truth) = page.truth.as_deref() else {
        return (PageScore::Unscored, snippets(layout, page, predicted));
    };
    let score = match layout {
        Layout::Scrapinghub => PageScore::Shingles(score::shingle_match(truth, predicted)),
        Layout::Wcxb => PageScore::Words(score::bag_of_words(truth, predicted)),
    };
    (score, snippets(layout, page, predicted))
}

fn snippets(layout: Layout, page: &Page, predicted: &str) -> Option<Snippets> {
    if layout != Layout::Wcxb {
        return None;
    }
    let haystack = score::searchable(predicted);
    let (with_found, with_total) = score::snippets_found(&page.with, &haystack);
    let (without_kept, without_total) = score::snippets_found(&page.without, &haystack);
    Some(Snippets {
        with_found,
        with_total,
        without_kept,
        without_total,
    })
}
