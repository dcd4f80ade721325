//! Inputs no page should have: each must give a valid annotation or a clear error, within
//! bounded time, without a panic or a stack overflow.
//!
//! Every case runs on a thread with a 1 MiB stack (the default stack of a wasm32 build), so
//! recursion that only fits a native main thread's 8 MiB shows up here. Time limits are checked
//! in release builds only (`cargo test --release`, as CI runs it): the test stops waiting at the
//! limit and fails. A debug build is several times slower; it only checks that each case ends,
//! and skips the 50 MB page.
//!
//! Known failures are data here too: [`KNOWN_SLOW_50MB`] says why the 50 MB page does not finish
//! in time today; the test asserts that it still does not, and asks for the entry to go once it
//! does.

use pith::{Annotation, Error, InputMode, Label, Options};
use std::time::{Duration, Instant};

/// Stack of the thread each case runs on: what a wasm32 build gets by default.
const STACK: usize = 1 << 20;

/// Time limit for the 50 MB page (release builds). It guards against hangs and blowups (the
/// quadratic path numbering below took 81 s for 4 MB), not speed, which `pith bench` reports:
/// alone the page takes about 10 s, and twice that while other builds load both cores.
const HUGE_LIMIT: Duration = Duration::from_secs(60);

/// Time limit for every other case (release builds): generous, since the cases run in parallel
/// on two cores.
const LIMIT: Duration = Duration::from_secs(10);

/// Why the 50 MB page cannot finish within [`HUGE_LIMIT`] today (`None` once it can).
///
/// None today: `Document::path` used to be quadratic in the blocks under one container (4 MB
/// took 81 s); element indices are now numbered once per page.
const KNOWN_SLOW_50MB: Option<&str> = None;

/// What a case gives to the checks.
enum Input {
    Str(String, Options),
    Bytes(Vec<u8>),
}

/// Runs one case on a small-stack thread, checks the result, and checks the time taken.
fn run(name: &str, input: Input, limit: Duration) -> Result<Annotation, Error> {
    match run_timed(name, input, limit) {
        Some(result) => result,
        None => panic!("{name}: still running after {limit:?}"),
    }
}

/// [`run`], but `None` when a release build is still running at `limit` (the case's thread
/// is left to finish on its own; the process ends with the test binary).
fn run_timed(name: &str, input: Input, limit: Duration) -> Option<Result<Annotation, Error>> {
    let name_owned = name.to_string();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(name_owned.clone())
        .stack_size(STACK)
        .spawn(move || {
            let start = Instant::now();
            let (result, text_len) = match &input {
                Input::Str(s, options) => (pith::annotate(s, options), s.len()),
                Input::Bytes(b) => (
                    pith::annotate_bytes(b, &Options::default()),
                    pith::decode_bytes(b).len(),
                ),
            };
            if let Ok(a) = &result {
                // The renderers read any annotation: they must not panic either.
                let json = pith::render::json(a);
                let _ = pith::render::text(a);
                let _ = pith::render::markdown(a);
                let _ = pith::render::html(a);
                check_valid(&name_owned, a, text_len, &json);
            }
            let _ = send.send((result, start.elapsed()));
        })
        .expect("spawn a case thread");
    // A panic on the case thread drops the sender: the receive below then fails.
    let received = if cfg!(debug_assertions) {
        receive.recv().map_err(|_| true)
    } else {
        receive
            .recv_timeout(limit)
            .map_err(|e| matches!(e, std::sync::mpsc::RecvTimeoutError::Disconnected))
    };
    let (result, took) = match received {
        Ok(r) => r,
        Err(true) => panic!("{name}: panicked"),
        Err(false) => return None,
    };
    eprintln!("{name}: {took:.2?}");
    if !cfg!(debug_assertions) {
        assert!(took < limit, "{name}: took {took:.2?}, over {limit:?}");
    }
    if let Err(e) = &result {
        let message = e.to_string();
        assert!(
            matches!(e, Error::TooLarge { .. } | Error::NotText { .. }) && !message.is_empty(),
            "{name}: unclear error {e:?}"
        );
    }
    Some(result)
}

/// The annotation model's own rules.
fn check_valid(name: &str, a: &Annotation, text_len: usize, json: &str) {
    assert_eq!(a.schema, pith::SCHEMA_VERSION, "{name}: schema");
    for (i, b) in a.blocks.iter().enumerate() {
        assert_eq!(b.id, i, "{name}: block ids in order");
        match b.label {
            Label::Article => assert!(
                b.kind.is_some() && b.role.is_none(),
                "{name}: article block {i} needs a kind and no role"
            ),
            Label::Boilerplate => assert!(
                b.role.is_some() && b.kind.is_none(),
                "{name}: boilerplate block {i} needs a role and no kind"
            ),
        }
        assert!(
            (0.0..=1.0).contains(&b.score),
            "{name}: block {i} score {}",
            b.score
        );
        assert!(
            b.source.start <= b.source.end && b.source.end <= text_len,
            "{name}: block {i} source {:?} outside 0..{text_len}",
            b.source
        );
    }
    for s in &a.sections {
        for &id in &s.blocks {
            assert!(
                a.blocks.get(id).is_some_and(|b| b.is_article()),
                "{name}: section holds block {id}, not an article block"
            );
        }
    }
    let back: Annotation = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{name}: the JSON annotation does not read back: {e}"));
    assert_eq!(&back, a, "{name}: JSON round trip");
}

fn html(s: String) -> Input {
    Input::Str(s, Options::default())
}

fn article_count(a: &Annotation) -> usize {
    a.blocks.iter().filter(|b| b.is_article()).count()
}

#[test]
fn empty_input() {
    let a = run("empty str", html(String::new()), LIMIT).expect("empty input is a page");
    assert!(a.blocks.is_empty() && a.sections.is_empty());
    let a = run("empty bytes", Input::Bytes(Vec::new()), LIMIT).expect("empty input is a page");
    assert!(a.sections.is_empty());
}

#[test]
fn whitespace_only() {
    let ws = " \n\t\r\n   \u{00a0}\u{2003}\n".repeat(100);
    let a = run("whitespace", html(ws.clone()), LIMIT).expect("whitespace is a page");
    assert_eq!(article_count(&a), 0, "whitespace has no article");
    for mode in [InputMode::Html, InputMode::Text] {
        let options = Options {
            input: mode,
            ..Options::default()
        };
        let a = run(
            &format!("whitespace as {mode:?}"),
            Input::Str(ws.clone(), options),
            LIMIT,
        )
        .expect("whitespace is a page");
        assert_eq!(article_count(&a), 0);
    }
}

/// A small but well-formed-looking PDF: header, objects with a binary stream, xref, trailer.
fn pdf_bytes() -> Vec<u8> {
    let mut b =
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
        2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
        3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n\
        4 0 obj\n<< /Length 300 /Filter /FlateDecode >>\nstream\n"
            .to_vec();
    b.extend((0..300u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    b.extend_from_slice(
        b"\nendstream\nendobj\nxref\n0 5\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n",
    );
    b
}

/// A PNG signature and IHDR chunk followed by pseudo-random "compressed" bytes.
fn png_bytes() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66\0\0\x10\0IDAT"
        .to_vec();
    b.extend((0..4096u32).map(|i| (i.wrapping_mul(2246822519).rotate_left(7) >> 5) as u8));
    b.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    b
}

/// Bytes that are plainly not text are refused with an error naming what they look like.
fn assert_refused(name: &str, bytes: Vec<u8>, what: &str) {
    match run(name, Input::Bytes(bytes), LIMIT) {
        Err(e @ Error::NotText { .. }) => assert!(e.to_string().contains(what), "{name}: {e}"),
        other => panic!("{name}: expected NotText, got {other:?}"),
    }
}

#[test]
fn pdf_fed_as_html() {
    assert_refused("pdf", pdf_bytes(), "PDF");
}

#[test]
fn png_fed_as_html() {
    assert_refused("png", png_bytes(), "PNG");
}

#[test]
fn invalid_utf8() {
    let mut b = b"<!doctype html><html><head><title>Caf\xe9 \xff</title></head><body><article><h1>Broken \xc3 bytes</h1><p>".to_vec();
    // Truncated sequences, lone continuation bytes, overlong forms and surrogates.
    for _ in 0..50 {
        b.extend_from_slice(b"Text with a caf\xe9 and \xf0\x9f\x98 a cut emoji, \x80\x80 stray bytes, \xc0\xaf overlong, \xed\xa0\x80 surrogate. ");
    }
    b.extend_from_slice(b"</p></article></body></html>");
    let a = run("invalid utf-8", Input::Bytes(b), LIMIT).expect("invalid UTF-8 is replaced");
    assert!(a
        .blocks
        .iter()
        .any(|b| b.text.contains('\u{FFFD}') && b.text.contains("stray bytes")));
}

#[test]
fn no_text() {
    let page = "<!doctype html><html><head><title></title><style>p{}</style></head><body>\
        <div><img src=a.png><img src=b.png></div><script>var x = '<p>not text</p>';</script>\
        <div><span></span><br><br><hr></div><svg><text>drawn</text></svg></body></html>";
    let a = run("no text", html(page.to_string()), LIMIT).expect("a page with no text");
    assert!(
        a.blocks.iter().all(|b| !b.text.contains("not text")),
        "script text is not text"
    );
}

/// A page of roughly `bytes` bytes: a site header, then an article whose sections repeat,
/// with the boilerplate a real page has in between.
fn big_page(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    s.push_str(
        "<!doctype html><html lang=en><head><title>A very long page | Site</title></head><body>",
    );
    s.push_str("<header><nav><a href=/>Home</a> <a href=/news>News</a> <a href=/about>About</a></nav></header>");
    s.push_str("<main><article><h1>A very long page</h1>");
    let mut i = 0;
    while s.len() < bytes {
        i += 1;
        s.push_str(&format!(
            "<section><h2>Part {i}</h2><p>Paragraph {i} of a story that goes on and on, with \
             commas, full stops and enough words to read as prose. It has <a href=/x/{i}>a link</a> \
             and <b>some bold text</b> in it.</p><p>A second paragraph, number {i}, keeps the \
             story going; the reader is patient.</p><ul><li>One point</li><li>Another point</li>\
             </ul><div class=ad-slot>Advertisement</div></section>\n"
        ));
    }
    s.push_str("</article></main><footer>© Site</footer></body></html>");
    s
}

#[test]
fn fifty_megabyte_page() {
    if cfg!(debug_assertions) {
        eprintln!("50 MB page: skipped in debug builds (cargo test --release runs it)");
        return;
    }
    let page = big_page(50 << 20);
    match (
        run_timed("50 MB page", html(page), HUGE_LIMIT),
        KNOWN_SLOW_50MB,
    ) {
        (Some(result), None) => {
            let a = result.expect("50 MB is under the 64 MiB limit");
            assert!(article_count(&a) > 100_000, "the story is found");
        }
        (None, Some(why)) => eprintln!("50 MB page: known failure, over {HUGE_LIMIT:?}: {why}"),
        (None, None) => panic!("50 MB page: still running after {HUGE_LIMIT:?}"),
        (Some(_), Some(why)) => panic!(
            "50 MB page: now finishes within {HUGE_LIMIT:?}, but KNOWN_SLOW_50MB says it does \
             not ({why}); set it to None"
        ),
    }
}

#[test]
fn over_the_size_limit_is_a_clear_error() {
    let options = Options {
        max_bytes: 1 << 20,
        ..Options::default()
    };
    let page = big_page(2 << 20);
    match run("over max_bytes", Input::Str(page, options), LIMIT) {
        Err(Error::TooLarge { size, limit }) => assert!(size > limit),
        other => panic!("expected TooLarge, got {:?}", other.map(|a| a.blocks.len())),
    }
}

#[test]
fn hundred_thousand_nested_divs_closed() {
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>Deep inside a hundred thousand divs, a paragraph of text that a reader \
         could still want, with punctuation.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let a = run("100k nested divs", html(page), LIMIT).expect("deep nesting is a page");
    assert!(a.blocks.iter().any(|b| b.text.contains("Deep inside")));
}

#[test]
fn hundred_thousand_nested_divs_unclosed() {
    let page = format!(
        "<html><body>{}<p>Deep inside unclosed divs, a paragraph of text with punctuation, still \
         readable.</p>",
        "<div class=x>".repeat(100_000)
    );
    let a = run("100k unclosed divs", html(page), LIMIT).expect("deep nesting is a page");
    assert!(a.blocks.iter().any(|b| b.text.contains("Deep inside")));
}

#[test]
fn five_thousand_sibling_links() {
    let links: String = (0..5000)
        .map(|i| format!("<a href=/page/{i}>Link number {i}</a>\n"))
        .collect();
    let page = format!(
        "<html><body><nav>{links}</nav><article><h1>Story</h1><p>The story itself is short, \
         but it is the only prose on the page, and a reader came for it.</p></article></body></html>"
    );
    let a = run("5000 sibling links", html(page), LIMIT).expect("a page of links");
    assert!(a
        .blocks
        .iter()
        .all(|b| !(b.text.contains("Link number") && b.is_article())));
}

#[test]
fn ten_megabyte_attribute() {
    let big = "x".repeat(10 << 20);
    let page = format!(
        "<html><body><div class=\"{big}\" data-state='{big}'><p title=\"{big}\">A paragraph \
         under enormous attributes, with enough words and a full stop.</p></div>\
         <img src=\"data:image/png;base64,{big}\"></body></html>"
    );
    let a = run("10 MB attribute", html(page), LIMIT).expect("huge attributes are a page");
    assert!(a
        .blocks
        .iter()
        .any(|b| b.text.contains("enormous attributes")));
}

#[test]
fn fifty_thousand_nested_inline_tags_closed() {
    let n = 25_000; // pairs: <b><i> 50,000 tags deep
    let page = format!(
        "<html><body><p>{}Text at the bottom of fifty thousand inline tags, with a full stop.{}</p></body></html>",
        "<b><i>".repeat(n),
        "</i></b>".repeat(n)
    );
    let a = run("50k nested inline tags", html(page), LIMIT).expect("deep inline nesting");
    assert!(a
        .blocks
        .iter()
        .any(|b| b.text.contains("Text at the bottom")));
}

#[test]
fn fifty_thousand_nested_inline_tags_unclosed() {
    let page = format!(
        "<html><body><p>{}Text at the bottom of fifty thousand unclosed inline tags.<p>Next \
         paragraph, where the parser reopens the formatting elements.</body></html>",
        "<b><i>".repeat(25_000)
    );
    let a = run("50k unclosed inline tags", html(page), LIMIT).expect("deep inline nesting");
    assert!(a
        .blocks
        .iter()
        .any(|b| b.text.contains("Text at the bottom")));
}

#[test]
fn five_megabyte_text_without_line_breaks() {
    let sentence = "This is a sentence of pasted text that never ends in a line break, ";
    let text = sentence.repeat((5 << 20) / sentence.len() + 1);
    for mode in [InputMode::Auto, InputMode::Text, InputMode::Html] {
        let options = Options {
            input: mode,
            ..Options::default()
        };
        run(
            &format!("5 MB one-line text as {mode:?}"),
            Input::Str(text.clone(), options),
            LIMIT,
        )
        .expect("one long line is a valid input");
    }
}
