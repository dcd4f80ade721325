//! The command line, parsed by hand: subcommand first, then flags (`--flag value` or
//! `--flag=value`) and positionals in any order; `-` is stdin, `--` ends the flags.

use crate::error::{CliError, Result};
use crate::render::Format;
use pith::{BlockHtml, InputMode};
use std::collections::VecDeque;
use std::path::PathBuf;

/// Default number of timed runs per page in `bench` (the best one counts).
pub const DEFAULT_REPEAT: usize = 3;

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help(HelpTopic),
    Version,
    Extract(ExtractArgs),
    Bench(BenchArgs),
}

/// Which help text to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpTopic {
    General,
    Extract,
    Bench,
}

/// Where one page comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// One page or a whole folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One page, printed to stdout or written to `out`.
    Single {
        source: Source,
        out: Option<PathBuf>,
    },
    /// Every file of `dir`, one output file each in `out`.
    Batch { dir: PathBuf, out: PathBuf },
}

/// `pith extract`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractArgs {
    pub target: Target,
    pub format: Format,
    pub url: Option<String>,
    pub input: InputMode,
    pub max_bytes: usize,
    /// `--block-html`: which blocks carry their sanitised HTML; `None` leaves it to the format
    /// (article blocks, or none for text).
    pub block_html: Option<BlockHtml>,
}

/// `pith bench`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchArgs {
    pub dir: PathBuf,
    pub json: Option<PathBuf>,
    pub text: Option<PathBuf>,
    pub check: Option<PathBuf>,
    pub limit: Option<usize>,
    pub filter: Option<String>,
    pub repeat: usize,
    /// Time the annotation with the article blocks' sanitised HTML (as `--format json` and the
    /// browser page compute it), not the text extraction alone.
    pub block_html: bool,
}

pub const HELP: &str = "\
pith — find the article in a web page or pasted text

Usage:
  pith extract [FILE|-] [options]          annotate one page (stdin when no FILE or -)
  pith extract --batch IN_DIR --out OUT_DIR [options]
  pith bench DIR [options]                 score and time a benchmark dataset
  pith --help | pith <command> --help
  pith --version

Input may be HTML, plain text, or either gzipped (detected by its magic bytes).
Errors are one `pith: ...` line on stderr; the exit status is 1 (2 for a bad command line).
";

pub const EXTRACT_HELP: &str = "\
Usage: pith extract [FILE|-] [options]
       pith extract --batch IN_DIR --out OUT_DIR [options]

Options:
  --format json|text|markdown|html   output format (default json; `md` = markdown)
  --url URL                          the page's URL (resolves relative links; single page only)
  --input auto|html|text             how to read the input (default auto)
  --block-html article|all|none      which blocks carry their sanitised HTML in the JSON
                                     (default article; none for --format text)
  --max-bytes N                      refuse inputs larger than N bytes after decompression
                                     (suffixes k, m, g = KiB, MiB, GiB; default 64m)
  --out PATH, -o PATH                single page: write here instead of stdout;
                                     batch: the output folder (created if missing)
  --batch IN_DIR                     annotate every file of IN_DIR (not recursive, dotfiles
                                     skipped); outputs keep the stem: a.html.gz -> a.json
";

pub const BENCH_HELP: &str = "\
Usage: pith bench DIR [options]

DIR is a scrapinghub dataset (ground-truth.json + html/<id>.html.gz) or a WCXB one
(ground-truth/<id>.json + html/<id>.html.gz).

Options:
  --text CORPUS_DIR   text mode: read CORPUS_DIR/<id>.txt as pasted text instead of the HTML
  --json OUT          write per-page results (id, type, P, R, F1, ms, bytes) to OUT
  --check FLOORS      exit 1 if a score falls below its floor in the JSON file FLOORS, e.g.
                      {\"scrapinghub\": {\"f1\": 0.9}, \"wcxb-dev\": {\"f1\": 0.8, \"types\": {\"forum\": 0.6}}}
                      keyed by dataset folder name (`-text` appended in text mode); floors:
                      precision, recall, f1 (minimums), types.TYPE (minimum F1 of a page type),
                      with (minimum share of `with` snippets found), without (maximum share of
                      `without` snippets kept)
  --limit N           only the first N pages (by id, after --filter)
  --filter TYPE       only pages of this page type (WCXB; scrapinghub pages are `article`)
  --repeat N          timed runs per page, best one counts (default 3)
  --block-html        time the annotation with the article blocks' sanitised HTML, as
                      `extract --format json|html` and the browser page compute it

Scores: scrapinghub, 4-token shingle precision/recall averaged over pages; WCXB, mean per-page
bag-of-words P/R/F1 (lowercased words), overall and per page type. Timing: one thread, the
fastest of --repeat runs per page, of a bare html5ever parse (the published html5ever, into
Pith's node arena), of Pith's own parse step (its patched html5ever) and of the whole extraction
as `pith extract --format text` runs it (parse, segment, classify, metadata, the text).
";

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command> {
    let mut cursor = Cursor::new(args);
    match cursor.next() {
        None => Err(usage("missing command: use `pith extract` or `pith bench`")),
        Some(Token::Flag { name, .. }) if is_help(&name) => Ok(Command::Help(HelpTopic::General)),
        Some(Token::Flag { name, .. }) if name == "--version" || name == "-V" => {
            Ok(Command::Version)
        }
        Some(Token::Flag { name, .. }) => Err(usage(format!("unknown option '{name}'"))),
        Some(Token::Positional(cmd)) => match cmd.as_str() {
            "extract" => parse_extract(cursor),
            "bench" => parse_bench(cursor),
            "help" => Ok(Command::Help(help_topic(cursor.next()))),
            "version" => Ok(Command::Version),
            other => Err(usage(format!("unknown command '{other}'"))),
        },
    }
}

fn parse_extract(mut cursor: Cursor) -> Result<Command> {
    let mut file: Option<Source> = None;
    let mut batch: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut format = Format::Json;
    let mut url = None;
    let mut input = InputMode::Auto;
    let mut max_bytes = pith::Options::default().max_bytes;
    let mut block_html = None;
    while let Some(token) = cursor.next() {
        match token {
            Token::Positional(p) => {
                if file.is_some() {
                    return Err(usage(format!(
                        "unexpected argument '{p}': one input at a time (use --batch for a folder)"
                    )));
                }
                file = Some(if p == "-" {
                    Source::Stdin
                } else {
                    Source::File(p.into())
                });
            }
            Token::Flag { name, inline } => match name.as_str() {
                "--help" | "-h" => return Ok(Command::Help(HelpTopic::Extract)),
                "--format" => format = parse_format(&cursor.value(&name, inline)?)?,
                "--url" => url = Some(cursor.value(&name, inline)?),
                "--input" => input = parse_input_mode(&cursor.value(&name, inline)?)?,
                "--block-html" => {
                    block_html = Some(parse_block_html(&cursor.value(&name, inline)?)?)
                }
                "--max-bytes" => max_bytes = parse_size(&name, &cursor.value(&name, inline)?)?,
                "--out" | "-o" => out = Some(cursor.value(&name, inline)?.into()),
                "--batch" => batch = Some(cursor.value(&name, inline)?.into()),
                _ => return Err(unknown_option(&name)),
            },
        }
    }
    let target = match (batch, file) {
        (Some(_), Some(_)) => return Err(usage("give either FILE or --batch IN_DIR, not both")),
        (Some(_), None) if url.is_some() => {
            return Err(usage(
                "--url applies to one page; it cannot be used with --batch",
            ))
        }
        (Some(dir), None) => Target::Batch {
            dir,
            out: out.ok_or_else(|| usage("--batch needs --out OUT_DIR"))?,
        },
        (None, file) => Target::Single {
            source: file.unwrap_or(Source::Stdin),
            out,
        },
    };
    Ok(Command::Extract(ExtractArgs {
        target,
        format,
        url,
        input,
        max_bytes,
        block_html,
    }))
}

fn parse_bench(mut cursor: Cursor) -> Result<Command> {
    let mut dir: Option<PathBuf> = None;
    let mut args = BenchArgs {
        dir: PathBuf::new(),
        json: None,
        text: None,
        check: None,
        limit: None,
        filter: None,
        repeat: DEFAULT_REPEAT,
        block_html: false,
    };
    while let Some(token) = cursor.next() {
        match token {
            Token::Positional(p) if dir.is_none() => dir = Some(p.into()),
            Token::Positional(p) => return Err(usage(format!("unexpected argument '{p}'"))),
            Token::Flag { name, inline } => match name.as_str() {
                "--help" | "-h" => return Ok(Command::Help(HelpTopic::Bench)),
                "--json" => args.json = Some(cursor.value(&name, inline)?.into()),
                "--text" => args.text = Some(cursor.value(&name, inline)?.into()),
                "--check" => args.check = Some(cursor.value(&name, inline)?.into()),
                "--limit" => args.limit = Some(parse_count(&name, &cursor.value(&name, inline)?)?),
                "--filter" => args.filter = Some(cursor.value(&name, inline)?),
                "--repeat" => args.repeat = parse_count(&name, &cursor.value(&name, inline)?)?,
                "--block-html" => args.block_html = true,
                _ => return Err(unknown_option(&name)),
            },
        }
    }
    args.dir = dir.ok_or_else(|| usage("bench needs a dataset folder: pith bench DIR"))?;
    Ok(Command::Bench(args))
}

fn help_topic(token: Option<Token>) -> HelpTopic {
    match token {
        Some(Token::Positional(t)) if t == "extract" => HelpTopic::Extract,
        Some(Token::Positional(t)) if t == "bench" => HelpTopic::Bench,
        _ => HelpTopic::General,
    }
}

fn is_help(flag: &str) -> bool {
    flag == "--help" || flag == "-h"
}

fn usage(why: impl Into<String>) -> CliError {
    CliError::Usage(why.into())
}

fn unknown_option(name: &str) -> CliError {
    usage(format!("unknown option '{name}'"))
}

fn parse_format(value: &str) -> Result<Format> {
    Format::parse(value).ok_or_else(|| {
        usage(format!(
            "unknown format '{value}': use json, text, markdown or html"
        ))
    })
}

fn parse_block_html(value: &str) -> Result<BlockHtml> {
    match value {
        "article" => Ok(BlockHtml::Article),
        "all" => Ok(BlockHtml::All),
        "none" => Ok(BlockHtml::None),
        _ => Err(usage(format!(
            "unknown --block-html '{value}': use article, all or none"
        ))),
    }
}

fn parse_input_mode(value: &str) -> Result<InputMode> {
    match value {
        "auto" => Ok(InputMode::Auto),
        "html" => Ok(InputMode::Html),
        "text" => Ok(InputMode::Text),
        _ => Err(usage(format!(
            "unknown input mode '{value}': use auto, html or text"
        ))),
    }
}

/// A positive whole number.
fn parse_count(flag: &str, value: &str) -> Result<usize> {
    match value.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(usage(format!(
            "{flag} needs a positive whole number, not '{value}'"
        ))),
    }
}

/// A positive byte count, optionally with a binary suffix: `500`, `64k`, `64m`, `1g`.
fn parse_size(flag: &str, value: &str) -> Result<usize> {
    let bad = || {
        usage(format!(
            "{flag} needs a positive size such as 1000000, 512k or 64m, not '{value}'"
        ))
    };
    let lower = value.to_ascii_lowercase();
    let (digits, shift) = match lower.strip_suffix(['k', 'm', 'g']) {
        Some(d) if lower.ends_with('k') => (d, 10),
        Some(d) if lower.ends_with('m') => (d, 20),
        Some(d) => (d, 30),
        None => (lower.as_str(), 0),
    };
    let n: usize = digits.parse().map_err(|_| bad())?;
    let bytes = n.checked_mul(1 << shift).ok_or_else(bad)?;
    if bytes == 0 {
        return Err(bad());
    }
    Ok(bytes)
}

/// One command-line word, classified.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// `--name`, `--name=value` (`inline` holds the value) or `-x`.
    Flag {
        name: String,
        inline: Option<String>,
    },
    /// Anything else, including `-` and everything after `--`.
    Positional(String),
}

struct Cursor {
    rest: VecDeque<String>,
    flags_ended: bool,
}

impl Cursor {
    fn new(args: impl IntoIterator<Item = String>) -> Self {
        Cursor {
            rest: args.into_iter().collect(),
            flags_ended: false,
        }
    }

    fn next(&mut self) -> Option<Token> {
        let arg = self.rest.pop_front()?;
        if self.flags_ended || arg == "-" || !arg.starts_with('-') {
            return Some(Token::Positional(arg));
        }
        if arg == "--" {
            self.flags_ended = true;
            return self.next();
        }
        Some(match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => Token::Flag {
                name: name.to_string(),
                inline: Some(value.to_string()),
            },
            _ => Token::Flag {
                name: arg,
                inline: None,
            },
        })
    }

    /// The value of flag `name`: its `=value`, or else the next word.
    fn value(&mut self, name: &str, inline: Option<String>) -> Result<String> {
        if let Some(v) = inline {
            return Ok(v);
        }
        self.rest
            .pop_front()
            .ok_or_else(|| usage(format!("{name} needs a value")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(line: &str) -> Result<Command> {
        parse(line.split_whitespace().map(String::from))
    }

    fn extract(line: &str) -> ExtractArgs {
        match parse_words(line) {
            Ok(Command::Extract(a)) => a,
            other => panic!("not an extract command: {other:?}"),
        }
    }

    fn bench(line: &str) -> BenchArgs {
        match parse_words(line) {
            Ok(Command::Bench(a)) => a,
            other => panic!("not a bench command: {other:?}"),
        }
    }

    fn is_usage_error(line: &str) -> bool {
        matches!(parse_words(line), Err(CliError::Usage(_)))
    }

    #[test]
    fn help_and_version() {
        assert_eq!(parse_words("--help"), Ok(Command::Help(HelpTopic::General)));
        assert_eq!(parse_words("-h"), Ok(Command::Help(HelpTopic::General)));
        assert_eq!(
            parse_words("help bench"),
            Ok(Command::Help(HelpTopic::Bench))
        );
        assert_eq!(
            parse_words("extract --help"),
            Ok(Command::Help(HelpTopic::Extract))
        );
        assert_eq!(parse_words("bench -h"), Ok(Command::Help(HelpTopic::Bench)));
        assert_eq!(parse_words("--version"), Ok(Command::Version));
        assert_eq!(parse_words("-V"), Ok(Command::Version));
    }

    #[test]
    fn extract_defaults_to_stdin_and_json() {
        let a = extract("extract");
        assert_eq!(
            a.target,
            Target::Single {
                source: Source::Stdin,
                out: None
            }
        );
        assert_eq!(a.format, Format::Json);
        assert_eq!(a.input, InputMode::Auto);
        assert_eq!(a.max_bytes, pith::Options::default().max_bytes);
        assert_eq!(extract("extract -").target, extract("extract").target);
    }

    #[test]
    fn extract_flags_in_both_spellings_and_any_order() {
        let a = extract("extract --format=markdown page.html --url https://x.test/a --input text --max-bytes 2k");
        assert_eq!(
            a.target,
            Target::Single {
                source: Source::File("page.html".into()),
                out: None
            }
        );
        assert_eq!(a.format, Format::Markdown);
        assert_eq!(a.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(a.input, InputMode::Text);
        assert_eq!(a.max_bytes, 2048);
        assert_eq!(extract("extract --format md").format, Format::Markdown);
        assert_eq!(extract("extract --format txt").format, Format::Text);
    }

    #[test]
    fn double_dash_ends_flags() {
        let a = extract("extract -- --weird-name.html");
        assert_eq!(
            a.target,
            Target::Single {
                source: Source::File("--weird-name.html".into()),
                out: None
            }
        );
    }

    #[test]
    fn batch_needs_out_and_no_file_or_url() {
        let a = extract("extract --batch in --out out --format html");
        assert_eq!(
            a.target,
            Target::Batch {
                dir: "in".into(),
                out: "out".into()
            }
        );
        assert!(is_usage_error("extract --batch in"));
        assert!(is_usage_error("extract page.html --batch in --out out"));
        assert!(is_usage_error(
            "extract --batch in --out out --url https://x.test/"
        ));
    }

    #[test]
    fn bad_command_lines_are_usage_errors() {
        assert!(is_usage_error(""));
        assert!(is_usage_error("frobnicate"));
        assert!(is_usage_error("--frobnicate"));
        assert!(is_usage_error("extract --frobnicate"));
        assert!(is_usage_error("extract --format pdf"));
        assert!(is_usage_error("extract --input xml"));
        assert!(is_usage_error("extract --format"));
        assert!(is_usage_error("extract a.html b.html"));
        assert!(is_usage_error("extract --max-bytes 0"));
        assert!(is_usage_error("extract --max-bytes lots"));
        assert!(is_usage_error("bench"));
        assert!(is_usage_error("bench d1 d2"));
        assert!(is_usage_error("bench d --limit 0"));
        assert!(is_usage_error("bench d --repeat -1"));
    }

    #[test]
    fn bench_flags() {
        let b = bench("bench data --json out.json --text corpus --check floors.json --limit 5 --filter forum --repeat 1 --block-html");
        assert_eq!(
            b,
            BenchArgs {
                dir: "data".into(),
                json: Some("out.json".into()),
                text: Some("corpus".into()),
                check: Some("floors.json".into()),
                limit: Some(5),
                filter: Some("forum".into()),
                repeat: 1,
                block_html: true,
            }
        );
        assert_eq!(bench("bench data").repeat, DEFAULT_REPEAT);
        assert!(!bench("bench data").block_html);
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("--max-bytes", "500"), Ok(500));
        assert_eq!(parse_size("--max-bytes", "64K"), Ok(64 << 10));
        assert_eq!(parse_size("--max-bytes", "64m"), Ok(64 << 20));
        assert_eq!(parse_size("--max-bytes", "1g"), Ok(1 << 30));
        assert!(parse_size("--max-bytes", "m").is_err());
        assert!(parse_size("--max-bytes", "-5").is_err());
        assert!(parse_size("--max-bytes", "99999999999999999999g").is_err());
    }
}
