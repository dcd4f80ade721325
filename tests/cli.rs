//! Integration tests of the `pith` binary: real processes on temporary files and folders
//! (fake benchmark datasets included, so nothing outside the repository is needed).
#![cfg(feature = "cli")]

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const PITH: &str = env!("CARGO_BIN_EXE_pith");

const PAGE: &str = "<!doctype html><html><head><title>A story | Site</title></head><body>\
    <nav><a href=/>Home</a> <a href=/news>News</a></nav>\
    <article><h1>A story</h1><p>The first paragraph of the story, long enough to be read as \
    the body of an article by anyone who looks at it.</p><p>A second paragraph follows.</p>\
    </article><footer>Copyright Site</footer></body></html>";

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// A folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("pith-cli-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Writes a file (parent folders created) and returns its path.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn pith<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(PITH).args(args).output().unwrap()
}

fn pith_stdin<S: AsRef<std::ffi::OsStr>>(args: &[S], input: &[u8]) -> Output {
    let mut child = Command::new(PITH)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The command may stop reading early (size limit); a broken pipe here is expected then.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        stderr(out)
    );
}

/// A failure: non-zero exit, exactly one `pith: ` line on stderr containing `needle`,
/// and no sign of a panic.
fn assert_one_error(out: &Output, needle: &str) {
    let err = stderr(out);
    assert!(!out.status.success(), "should fail; stderr: {err}");
    assert_eq!(
        out.status.code().map(|c| c > 0 && c < 100),
        Some(true),
        "{:?}",
        out.status
    );
    assert_eq!(err.lines().count(), 1, "want one stderr line, got: {err}");
    assert!(err.starts_with("pith: "), "{err}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

// ---- help, version, usage ----------------------------------------------------------------

#[test]
fn help_and_version() {
    let out = pith(&["--help"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("pith extract") && stdout(&out).contains("pith bench"));
    let out = pith(&["extract", "--help"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("--batch"));
    let out = pith(&["bench", "--help"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("--check"));
    let out = pith(&["--version"]);
    assert_ok(&out);
    assert_eq!(
        stdout(&out).trim(),
        format!("pith {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bad_command_lines_exit_2_with_one_line() {
    for args in [
        &["extract", "--frobnicate"][..],
        &["frobnicate"],
        &[],
        &["extract", "--format", "pdf"],
        &["extract", "--max-bytes"],
        &["bench"],
    ] {
        let out = pith(args);
        assert_one_error(&out, "pith --help");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

// ---- extract -------------------------------------------------------------------------------

#[test]
fn extract_a_file_to_json() {
    let dir = TempDir::new("file");
    let page = dir.write("page.html", PAGE);
    let out = pith(&["extract".as_ref(), page.as_os_str()]);
    assert_ok(&out);
    let v = json(&stdout(&out));
    assert_eq!(v["schema"], "pith.annotation/1");
    assert_eq!(v["input"], "html");
    assert!(stderr(&out).is_empty());
}

#[test]
fn extract_from_stdin_with_and_without_dash() {
    for args in [&["extract"][..], &["extract", "-"]] {
        let out = pith_stdin(args, PAGE.as_bytes());
        assert_ok(&out);
        assert_eq!(json(&stdout(&out))["input"], "html");
    }
}

#[test]
fn input_mode_and_url_reach_the_library() {
    let out = pith_stdin(
        &[
            "extract",
            "--input",
            "text",
            "--url",
            "https://example.test/a",
        ],
        b"Just a line of pasted text.\n\nAnother line.",
    );
    assert_ok(&out);
    assert_eq!(json(&stdout(&out))["input"], "text");
    let out = pith_stdin(&["extract", "--input=html"], b"plain words");
    assert_ok(&out);
    assert_eq!(json(&stdout(&out))["input"], "html");
}

#[test]
fn gzip_is_read_by_magic_bytes_from_files_and_stdin() {
    let dir = TempDir::new("gzip");
    let packed = gzip(PAGE.as_bytes());
    let named_gz = dir.write("page.html.gz", &packed);
    let misnamed = dir.write("page.html", &packed);
    for path in [&named_gz, &misnamed] {
        let out = pith(&["extract".as_ref(), path.as_os_str()]);
        assert_ok(&out);
        assert_eq!(json(&stdout(&out))["input"], "html");
    }
    let out = pith_stdin(&["extract"], &packed);
    assert_ok(&out);
    assert_eq!(json(&stdout(&out))["input"], "html");
}

#[test]
fn every_format_renders() {
    let dir = TempDir::new("formats");
    let page = dir.write("page.html", PAGE);
    for format in ["json", "text", "markdown", "md", "html"] {
        let out = pith(&["extract", page.to_str().unwrap(), "--format", format]);
        assert_ok(&out);
        if format == "json" {
            json(&stdout(&out));
        }
    }
}

#[test]
fn block_html_is_the_article_blocks_unless_asked() {
    let dir = TempDir::new("block-html");
    let page = dir.write("page.html", PAGE);
    let page = page.to_str().unwrap();
    // Which labels carry `html`.
    let labels_with_html = |extra: &[&str]| {
        let mut args = vec!["extract", page];
        args.extend_from_slice(extra);
        let out = pith(&args);
        assert_ok(&out);
        let v = json(&stdout(&out));
        let blocks = v["blocks"].as_array().unwrap().clone();
        let mut labels: Vec<String> = blocks
            .iter()
            .filter(|b| b["html"].is_string())
            .map(|b| b["label"].as_str().unwrap().to_string())
            .collect();
        labels.sort();
        labels.dedup();
        labels
    };
    assert_eq!(labels_with_html(&[]), ["article"]);
    assert!(labels_with_html(&["--block-html", "none"]).is_empty());
    let all = pith(&["extract", page, "--block-html", "all"]);
    assert_ok(&all);
    let v = json(&stdout(&all));
    let blocks = v["blocks"].as_array().unwrap();
    assert!(blocks.iter().any(|b| b["label"] == "boilerplate"));
    assert!(blocks.iter().all(|b| b["html"].is_string()));
    let bad = pith(&["extract", page, "--block-html", "some"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use article, all or none"));
}

#[test]
fn out_writes_a_single_page_to_a_file() {
    let dir = TempDir::new("out");
    let page = dir.write("page.html", PAGE);
    let dest = dir.path().join("page.json");
    let out = pith(&[
        "extract",
        page.to_str().unwrap(),
        "--out",
        dest.to_str().unwrap(),
    ]);
    assert_ok(&out);
    assert!(stdout(&out).is_empty());
    assert_eq!(
        json(&std::fs::read_to_string(dest).unwrap())["schema"],
        "pith.annotation/1"
    );
}

#[test]
fn batch_writes_one_file_per_input() {
    let dir = TempDir::new("batch");
    dir.write("in/a.html", PAGE);
    dir.write("in/b.html.gz", gzip(PAGE.as_bytes()));
    dir.write("in/c.txt", "Some pasted text.\n\nMore of it.");
    dir.write("in/.hidden", "skipped");
    let input = dir.path().join("in");
    for (format, ext) in [
        ("json", "json"),
        ("text", "txt"),
        ("markdown", "md"),
        ("html", "html"),
    ] {
        let output = dir.path().join(format!("out-{format}"));
        let out = pith(&[
            "extract",
            "--batch",
            input.to_str().unwrap(),
            "--out",
            output.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_ok(&out);
        let mut names: Vec<String> = std::fs::read_dir(&output)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [format!("a.{ext}"), format!("b.{ext}"), format!("c.{ext}")]
        );
    }
    let c = std::fs::read_to_string(dir.path().join("out-json/c.json")).unwrap();
    assert_eq!(json(&c)["input"], "text");
}

#[test]
fn batch_reports_bad_files_and_carries_on() {
    let dir = TempDir::new("batch-bad");
    dir.write("in/a.html", PAGE);
    dir.write("in/b.png", PNG);
    dir.write("in/c.html", PAGE);
    let output = dir.path().join("out");
    let out = pith(&[
        "extract",
        "--batch",
        dir.path().join("in").to_str().unwrap(),
        "--out",
        output.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err
        .lines()
        .next()
        .unwrap()
        .contains("b.png: input looks like a PNG image"));
    assert!(err.contains("1 of 3 files"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(output.join("a.json").is_file() && output.join("c.json").is_file());
    assert!(!output.join("b.json").exists());
}

#[test]
fn batch_refuses_to_write_into_its_input_folder() {
    let dir = TempDir::new("batch-same");
    dir.write("a.txt", "text");
    let d = dir.path().to_str().unwrap();
    let out = pith(&["extract", "--batch", d, "--out", d, "--format", "text"]);
    assert_one_error(&out, "--out must be a different folder");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "text"
    );
}

// ---- extract errors ------------------------------------------------------------------------

#[test]
fn missing_file_is_one_error_line() {
    let out = pith(&["extract", "/no/such/page.html"]);
    assert_one_error(&out, "/no/such/page.html: no such file");
}

#[test]
fn corrupt_gzip_is_one_error_line() {
    let dir = TempDir::new("corrupt");
    let packed = gzip(PAGE.as_bytes());
    let truncated = dir.write("t.html.gz", &packed[..packed.len() / 2]);
    assert_one_error(
        &pith(&["extract".as_ref(), truncated.as_os_str()]),
        "corrupt gzip",
    );
    let garbage = dir.write("g.html", b"\x1f\x8b\x08\x00not really gzip at all");
    assert_one_error(
        &pith(&["extract".as_ref(), garbage.as_os_str()]),
        "corrupt gzip",
    );
    let not_gz = dir.write("n.html.gz", PAGE);
    assert_one_error(&pith(&["extract".as_ref(), not_gz.as_os_str()]), "not gzip");
    assert_one_error(
        &pith_stdin(&["extract"], &packed[..20]),
        "stdin: corrupt gzip",
    );
}

#[test]
fn binary_files_are_refused() {
    let dir = TempDir::new("binary");
    let png = dir.write("image.html", PNG);
    assert_one_error(&pith(&["extract".as_ref(), png.as_os_str()]), "PNG image");
    let pdf = dir.write("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    assert_one_error(
        &pith(&["extract".as_ref(), pdf.as_os_str()]),
        "PDF document",
    );
    assert_one_error(&pith_stdin(&["extract"], &gzip(PNG)), "PNG image");
}

#[test]
fn inputs_over_the_limit_are_refused() {
    let dir = TempDir::new("limit");
    let big = "<p>".repeat(1000);
    let file = dir.write("big.html", &big);
    let out = pith(&["extract", file.to_str().unwrap(), "--max-bytes", "1k"]);
    assert_one_error(&out, "over the limit of 1024 bytes");
    let out = pith_stdin(&["extract", "--max-bytes", "1000"], big.as_bytes());
    assert_one_error(&out, "over the limit of 1000 bytes");
    let bomb = dir.write("small.html.gz", gzip(&vec![b' '; 100_000]));
    let out = pith(&["extract", bomb.to_str().unwrap(), "--max-bytes", "10000"]);
    assert_one_error(&out, "decompressed input is over the limit");
}

// ---- bench ---------------------------------------------------------------------------------

/// A scrapinghub-layout dataset of two pages in `DIR/scrapinghub`.
fn fake_scrapinghub(dir: &TempDir) -> PathBuf {
    let root = dir.path().join("scrapinghub");
    dir.write(
        "scrapinghub/ground-truth.json",
        r#"{"p1": {"articleBody": "The first paragraph of the story, long enough to be read.", "url": "https://site.test/1"},
            "p2": {"articleBody": "zebra quantum marmalade nowhere on the page", "url": "https://site.test/2"}}"#,
    );
    dir.write("scrapinghub/html/p1.html.gz", gzip(PAGE.as_bytes()));
    dir.write("scrapinghub/html/p2.html.gz", gzip(PAGE.as_bytes()));
    root
}

/// A WCXB-layout dataset of three pages (two types) in `DIR/wcxb-dev`.
fn fake_wcxb(dir: &TempDir) -> PathBuf {
    let page = |id: &str, page_type: &str, main: &str| {
        let truth = serde_json::json!({
            "url": format!("https://site.test/{id}"),
            "file_id": id,
            "_internal": {"page_type": {"primary": page_type}},
            "ground_truth": {
                "title": "A story",
                "main_content": main,
                "with": ["first paragraph of the story", "zebra quantum"],
                "without": ["Copyright Site"]
            }
        });
        dir.write(
            &format!("wcxb-dev/ground-truth/{id}.json"),
            truth.to_string(),
        );
        dir.write(
            &format!("wcxb-dev/html/{id}.html.gz"),
            gzip(PAGE.as_bytes()),
        );
    };
    page(
        "0001",
        "article",
        "The first paragraph of the story. A second paragraph follows.",
    );
    page(
        "0002",
        "forum",
        "zebra quantum marmalade nowhere on the page",
    );
    page("0003", "forum", "");
    dir.path().join("wcxb-dev")
}

#[test]
fn bench_scrapinghub_layout() {
    let dir = TempDir::new("bench-sh");
    let data = fake_scrapinghub(&dir);
    let report = dir.path().join("pages.json");
    let out = pith(&[
        "bench",
        data.to_str().unwrap(),
        "--repeat",
        "2",
        "--json",
        report.to_str().unwrap(),
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    for needle in [
        "dataset   scrapinghub (scrapinghub layout, html input)",
        "pages     2 run, 2 scored, 0 failed",
        "4-token shingles",
        "extraction median",
        "bare parse median",
        "ratio of medians",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    let v = json(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(v["summary"]["dataset"], "scrapinghub");
    assert_eq!(v["summary"]["timing"]["repeat"], 2);
    let pages = v["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0]["id"], "p1");
    assert_eq!(pages[0]["type"], "article");
    assert_eq!(pages[0]["bytes"], PAGE.len());
    assert!(pages[0]["ms"].is_number() && pages[0]["parse_ms"].is_number());
    assert!(pages[1]["f1"].as_f64().unwrap() < 1.0);
    assert!(text.contains("as `extract --format text`"), "{text}");
    assert_eq!(v["summary"]["timing"]["block_html"], false);

    // --block-html times the annotation with each block's sanitised HTML instead.
    let out = pith(&[
        "bench",
        data.to_str().unwrap(),
        "--repeat",
        "1",
        "--block-html",
        "--json",
        report.to_str().unwrap(),
    ]);
    assert_ok(&out);
    assert!(stdout(&out).contains("annotation with the article blocks' HTML"));
    let v = json(&std::fs::read_to_string(report).unwrap());
    assert_eq!(v["summary"]["timing"]["block_html"], true);
}

#[test]
fn bench_wcxb_layout_with_types_snippets_filter_and_limit() {
    let dir = TempDir::new("bench-wcxb");
    let data = fake_wcxb(&dir);
    let out = pith(&["bench", data.to_str().unwrap(), "--repeat", "1"]);
    assert_ok(&out);
    let text = stdout(&out);
    for needle in [
        "dataset   wcxb-dev (wcxb layout, html input)",
        "pages     3 run, 3 scored, 0 failed",
        "by type",
        "forum               2",
        "article             1",
        "snippets  with found",
        "/6)  without kept",
        "/3)",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    let out = pith(&[
        "bench",
        data.to_str().unwrap(),
        "--filter",
        "forum",
        "--limit",
        "1",
    ]);
    assert_ok(&out);
    assert!(stdout(&out).contains("pages     1 run"), "{}", stdout(&out));
    let out = pith(&["bench", data.to_str().unwrap(), "--filter", "recipe"]);
    assert_one_error(&out, "no pages of type 'recipe'");
}

#[test]
fn bench_text_mode_reads_the_paste_corpus() {
    let dir = TempDir::new("bench-text");
    let data = fake_wcxb(&dir);
    dir.write(
        "corpus/0001.txt",
        "Home News\n\nA story\n\nThe first paragraph of the story.",
    );
    dir.write("corpus/0002.txt", gzip(b"zebra quantum marmalade"));
    let corpus = dir.path().join("corpus");
    let report = dir.path().join("text.json");
    let out = pith(&[
        "bench",
        data.to_str().unwrap(),
        "--text",
        corpus.to_str().unwrap(),
        "--repeat",
        "1",
        "--json",
        report.to_str().unwrap(),
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.contains("dataset   wcxb-dev-text (wcxb layout, text input)"),
        "{text}"
    );
    assert!(
        text.contains("pages     2 run, 2 scored, 0 failed, 1 skipped"),
        "{text}"
    );
    let v = json(&std::fs::read_to_string(report).unwrap());
    assert_eq!(v["summary"]["mode"], "text");
    assert_eq!(v["pages"][1]["bytes"], "zebra quantum marmalade".len());
}

#[test]
fn bench_check_enforces_floors() {
    let dir = TempDir::new("bench-check");
    let data = fake_wcxb(&dir);
    let floors = dir.write(
        "floors.json",
        r#"{"wcxb-dev": {"f1": 1.0, "types": {"forum": 0.0}}, "wcxb-dev-text": {"f1": 0.0}}"#,
    );
    let run = |floors: &Path| {
        pith(&[
            "bench",
            data.to_str().unwrap(),
            "--repeat",
            "1",
            "--check",
            floors.to_str().unwrap(),
        ])
    };
    // Page 0002's truth is nowhere on the page, so a perfect F1 is out of reach.
    let out = run(&floors);
    assert_one_error(&out, "wcxb-dev is below its floors: f1");
    assert!(
        stdout(&out).contains("dataset   wcxb-dev"),
        "the report still prints"
    );

    let easy = dir.write("easy.json", r#"{"wcxb-dev": {"f1": 0.0, "without": 1.0}}"#);
    assert_ok(&run(&easy));

    let other = dir.write("other.json", r#"{"scrapinghub": {"f1": 0.9}}"#);
    assert_one_error(&run(&other), "no floors for 'wcxb-dev'");
    let typo = dir.write("typo.json", r#"{"wcxb-dev": {"F1": 0.9}}"#);
    assert_one_error(&run(&typo), "bad floors file");
}

#[test]
fn bench_errors_are_one_line() {
    let dir = TempDir::new("bench-errors");
    assert_one_error(
        &pith(&["bench", dir.path().to_str().unwrap()]),
        "not a benchmark dataset",
    );
    assert_one_error(&pith(&["bench", "/no/such/dataset"]), "no such folder");
    let data = fake_scrapinghub(&dir);
    std::fs::remove_file(data.join("html/p2.html.gz")).unwrap();
    assert_one_error(
        &pith(&["bench", data.to_str().unwrap()]),
        "p2.html.gz: no such file",
    );
    let broken = dir.write("broken/ground-truth.json", "{ not json");
    assert_one_error(
        &pith(&["bench", broken.parent().unwrap().to_str().unwrap()]),
        "bad ground truth",
    );
}

#[test]
fn bench_reports_a_bad_page_and_carries_on() {
    let dir = TempDir::new("bench-bad-page");
    let data = fake_scrapinghub(&dir);
    dir.write("scrapinghub/html/p2.html.gz", b"\x1f\x8b\x08\x00 broken");
    let out = pith(&["bench", data.to_str().unwrap(), "--repeat", "1"]);
    assert_ok(&out);
    let err = stderr(&out);
    assert!(
        err.starts_with("pith: scrapinghub/p2: corrupt gzip"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("pages     2 run, 2 scored, 1 failed"),
        "{}",
        stdout(&out)
    );
}
