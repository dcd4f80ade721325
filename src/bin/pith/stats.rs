//! Small measurement helpers: best-of-N timing, order statistics, peak memory.

use std::time::{Duration, Instant};

/// Runs `f` `repeat` times (at least once) and returns the shortest run and the last result.
/// Stops early, after the first run, when `f`'s result says so (`stop`), e.g. on an error.
pub fn best_of<T>(
    repeat: usize,
    mut f: impl FnMut() -> T,
    stop: impl Fn(&T) -> bool,
) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        let done = stop(&out);
        last = Some(out);
        if done {
            break;
        }
    }
    (best, last.expect("ran at least once"))
}

/// The median of the values (mean of the two middle ones for an even count); 0 for none.
pub fn median(values: &[f64]) -> f64 {
    let sorted = sorted(values);
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The `p`-th percentile (0 < p ≤ 100) by the nearest-rank method; 0 for no values.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let sorted = sorted(values);
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// The process's peak resident memory in bytes (Linux: `VmHWM` in /proc/self/status).
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), 0.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&v, 95.0), 19.0);
        assert_eq!(percentile(&v, 100.0), 20.0);
        assert_eq!(percentile(&[7.0], 95.0), 7.0);
        assert_eq!(percentile(&[], 95.0), 0.0);
    }

    #[test]
    fn best_of_keeps_the_shortest_run_and_stops_when_told() {
        let mut calls = 0;
        let (_, last) = best_of(
            3,
            || {
                calls += 1;
                calls
            },
            |_| false,
        );
        assert_eq!((calls, last), (3, 3));
        let mut calls = 0;
        let (_, last) = best_of(
            3,
            || {
                calls += 1;
                calls
            },
            |&n| n == 1,
        );
        assert_eq!((calls, last), (1, 1));
    }

    #[test]
    fn reads_vm_hwm() {
        let status = "Name:\tpith\nVmPeak:\t  200 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(1234 * 1024));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
    }
}
