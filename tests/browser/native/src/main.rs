//! The library, natively, for the browser tests and the browser benchmark.
//!
//! `json FILE...`: for each file, its annotation (`pith::render::json`, the library's own
//! serialisation) followed by a line holding only `\u{1e}` (record separator). Each file's
//! UTF-8 text is annotated with default options, as the page does with the same text.
//!
//! `time RUNS FILE...`: for each file, one line with the median milliseconds of RUNS timed
//! `pith::annotate` calls on its UTF-8 text (after one untimed warm-up call).
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("json") => json(&args[1..]),
        Some("time") if args.len() >= 2 => {
            let runs = args[1].parse().expect("time RUNS FILE...");
            time(runs, &args[2..])
        }
        _ => {
            eprintln!("usage: pith-native-check json FILE... | time RUNS FILE...");
            std::process::exit(2);
        }
    }
}

fn read(f: &str) -> String {
    std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"))
}

fn json(files: &[String]) {
    for f in files {
        let annotation = pith::annotate(&read(f), &pith::Options::default())
            .unwrap_or_else(|e| panic!("{f}: {e}"));
        println!("{}\n\u{1e}", pith::render::json(&annotation));
    }
}

fn time(runs: usize, files: &[String]) {
    let options = pith::Options::default();
    for f in files {
        let text = read(f);
        let _ = std::hint::black_box(pith::annotate(&text, &options)); // warm-up
        let mut times: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                let a = pith::annotate(std::hint::black_box(&text), &options);
                let ms = t.elapsed().as_secs_f64() * 1e3;
                drop(std::hint::black_box(a));
                ms
            })
            .collect();
        times.sort_by(|a, b| a.total_cmp(b));
        println!("{:.4}", times[times.len() / 2]);
    }
}
