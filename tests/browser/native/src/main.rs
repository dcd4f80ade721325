//! `json FILE...`: for each file, its annotation (`pith::render::json`, the library's own
//! serialisation) followed by a line holding only `\u{1e}` (record separator); the file's UTF-8
//! text is annotated with default options, as the page does with the same text.
//! `bench DIR [RUNS]`: times `pith::annotate` on every `DIR/html/*.html.gz` page (decoded the
//! way the library does without legacy encodings) and prints JSON: per-page median of RUNS
//! timed runs after one warm-up, then the median and p95 over pages, in milliseconds.
use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("json") => json(&args[1..]),
        Some("bench") => {
            let dir = args.get(1).expect("bench DIR [RUNS]");
            let runs = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
            bench(dir, runs)
        }
        _ => {
            eprintln!("usage: pith-native-check json FILE... | bench DIR [RUNS]");
            std::process::exit(2);
        }
    }
}

fn json(files: &[String]) {
    for f in files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        let annotation = pith::annotate(&text, &pith::Options::default())
            .unwrap_or_else(|e| panic!("{f}: {e}"));
        println!("{}\n\u{1e}", pith::render::json(&annotation));
    }
}

fn bench(dir: &str, runs: usize) {
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/html"))
        .unwrap_or_else(|e| panic!("{dir}/html: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let options = pith::Options::default();
    let mut per_page = Vec::new();
    for p in &paths {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        let text = pith::decode_bytes(&bytes).into_owned();
        let _ = pith::annotate(&text, &options); // warm-up
        let mut times: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                let a = pith::annotate(&text, &options);
                let ms = t.elapsed().as_secs_f64() * 1e3;
                std::hint::black_box(a).ok();
                ms
            })
            .collect();
        times.sort_by(|a, b| a.total_cmp(b));
        per_page.push(times[times.len() / 2]);
    }
    let mut sorted = per_page.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let pct = |q: f64| {
        if sorted.is_empty() {
            0.0
        } else {
            sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
        }
    };
    println!(
        r#"{{"pages": {}, "runs": {}, "median_ms": {:.4}, "p95_ms": {:.4}}}"#,
        paths.len(),
        runs,
        pct(0.5),
        pct(0.95)
    );
}
