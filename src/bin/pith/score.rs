//! Scorers for the two benchmarks, comparing a predicted main text with the ground truth.
//!
//! Tokens are runs of word characters as Python's `re` defines `\w` for text: letters,
//! numbers and `_` (`[\p{L}\p{N}_]+`), matching the scrapinghub reference evaluator, which is
//! Python. Rust's own `\w` differs (it takes combining marks, which splits Hindi words
//! differently, and leaves out superscript digits), which moved a few pages' scores by up to
//! about a point.
//!
//! * **scrapinghub** (the article-extraction-benchmark's shingle matching): tokens keep their
//!   case; a page's shingles are its runs of [`SHINGLE_LEN`] consecutive tokens — a text with
//!   fewer tokens is one shorter shingle, a text with none has no shingles. True positives are
//!   the multiset intersection of the two shingle bags, false positives and negatives the
//!   surpluses, and the three counts are divided by their sum. Precision is the mean of
//!   `tp/(tp+fp)` over pages with `tp+fp > 0`, recall the mean of `tp/(tp+fn)` over pages
//!   with `tp+fn > 0`; a page with `fp = fn = 0` (including both texts empty) counts 1 in
//!   both. F1 = 2PR/(P+R).
//! * **WCXB**: tokens of the lowercased text; a page's precision, recall and F1 are those of
//!   the bag-of-words (multiset) overlap, averaged over pages (the mean F1 is the
//!   mean of per-page F1s, not the F1 of the mean P and R). Edge cases: both texts without
//!   tokens → P = R = F1 = 1; exactly one without tokens (nothing predicted for a page with
//!   content, or anything predicted for a page without) → P = R = F1 = 0.
//!   Snippets: the share of `with` snippets found in the prediction, and of `without`
//!   snippets wrongly kept, by case-insensitive substring search after collapsing runs of
//!   whitespace to one space in both; blank snippets are ignored.
//!
//! An aggregate over no pages at all is 0.

use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Tokens per shingle in the scrapinghub score.
pub const SHINGLE_LEN: usize = 4;

/// A token: what Python's `re` matches with `\w+` in a `str` (see the module docs).
const WORD_PATTERN: &str = r"[\p{L}\p{N}_]+";

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(WORD_PATTERN).expect("valid regex"));

/// The word tokens of a text, in order.
pub fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// Precision, recall and F1, each in [0, 1].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// Precision and recall with their harmonic mean (0 when both are 0).
    pub fn from_pr(precision: f64, recall: f64) -> Prf {
        Prf {
            precision,
            recall,
            f1: harmonic_mean(precision, recall),
        }
    }

    /// The component-wise mean (0 for no items).
    pub fn mean(items: impl IntoIterator<Item = Prf>) -> Prf {
        let (mut sum, mut n) = (Prf::default(), 0usize);
        for p in items {
            sum.precision += p.precision;
            sum.recall += p.recall;
            sum.f1 += p.f1;
            n += 1;
        }
        if n == 0 {
            return Prf::default();
        }
        let n = n as f64;
        Prf {
            precision: sum.precision / n,
            recall: sum.recall / n,
            f1: sum.f1 / n,
        }
    }
}

fn harmonic_mean(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn mean_or_zero(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

// ---- scrapinghub ------------------------------------------------------------------------

/// One page's shingle counts, normalised to sum to 1 (all 0 when both texts have no tokens).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ShingleMatch {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl ShingleMatch {
    /// `tp/(tp+fp)`; 1 when `fp = fn = 0`; none when nothing was predicted for a page with
    /// content (the page does not count towards precision).
    pub fn precision(&self) -> Option<f64> {
        self.ratio(self.fp)
    }

    /// `tp/(tp+fn)`; 1 when `fp = fn = 0`; none when the page has no content but something
    /// was predicted (the page does not count towards recall).
    pub fn recall(&self) -> Option<f64> {
        self.ratio(self.fn_)
    }

    /// The page's own F1, a missing precision or recall counting as 0.
    pub fn f1(&self) -> f64 {
        harmonic_mean(
            self.precision().unwrap_or(0.0),
            self.recall().unwrap_or(0.0),
        )
    }

    fn ratio(&self, miss: f64) -> Option<f64> {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            Some(1.0)
        } else if self.tp + miss > 0.0 {
            Some(self.tp / (self.tp + miss))
        } else {
            None
        }
    }
}

/// The bag of shingles of a token list (see the module docs).
pub fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut bag = HashMap::new();
    if tokens.is_empty() {
        return bag;
    }
    let runs = tokens.len().saturating_sub(SHINGLE_LEN) + 1;
    for start in 0..runs {
        let end = (start + SHINGLE_LEN).min(tokens.len());
        *bag.entry(&tokens[start..end]).or_insert(0) += 1;
    }
    bag
}

/// Compares one page's predicted text with its true text by shingles.
pub fn shingle_match(truth: &str, predicted: &str) -> ShingleMatch {
    let truth_tokens = tokens(truth);
    let predicted_tokens = tokens(predicted);
    let truth_bag = shingles(&truth_tokens);
    let predicted_bag = shingles(&predicted_tokens);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &p) in &predicted_bag {
        let t = truth_bag.get(shingle).copied().unwrap_or(0);
        tp += p.min(t);
        fp += p.saturating_sub(t);
    }
    for (shingle, &t) in &truth_bag {
        let p = predicted_bag.get(shingle).copied().unwrap_or(0);
        fn_ += t.saturating_sub(p);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return ShingleMatch::default();
    }
    ShingleMatch {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

/// Precision and recall averaged over pages as the scrapinghub benchmark does (module docs).
pub fn shingle_scores(pages: &[ShingleMatch]) -> Prf {
    let precisions: Vec<f64> = pages.iter().filter_map(ShingleMatch::precision).collect();
    let recalls: Vec<f64> = pages.iter().filter_map(ShingleMatch::recall).collect();
    Prf::from_pr(mean_or_zero(&precisions), mean_or_zero(&recalls))
}

// ---- WCXB -------------------------------------------------------------------------------

/// One page's bag-of-words precision, recall and F1 over lowercased tokens.
pub fn bag_of_words(truth: &str, predicted: &str) -> Prf {
    let truth = truth.to_lowercase();
    let predicted = predicted.to_lowercase();
    let truth_tokens = tokens(&truth);
    let predicted_tokens = tokens(&predicted);
    match (truth_tokens.is_empty(), predicted_tokens.is_empty()) {
        (true, true) => return Prf::from_pr(1.0, 1.0),
        (true, false) | (false, true) => return Prf::default(),
        (false, false) => {}
    }
    let mut truth_bag: HashMap<&str, usize> = HashMap::new();
    for t in &truth_tokens {
        *truth_bag.entry(t).or_insert(0) += 1;
    }
    let mut overlap = 0usize;
    for t in &predicted_tokens {
        if let Some(left) = truth_bag.get_mut(t).filter(|n| **n > 0) {
            *left -= 1;
            overlap += 1;
        }
    }
    Prf::from_pr(
        overlap as f64 / predicted_tokens.len() as f64,
        overlap as f64 / truth_tokens.len() as f64,
    )
}

/// A text made ready for snippet search: lowercased, whitespace runs collapsed to one space.
pub fn searchable(text: &str) -> String {
    text.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many of the (non-blank) snippets occur in `haystack` (made with [`searchable`]), and
/// how many non-blank snippets there are.
pub fn snippets_found(snippets: &[String], haystack: &str) -> (usize, usize) {
    let mut found = 0;
    let mut total = 0;
    for snippet in snippets.iter().map(|s| searchable(s)) {
        if snippet.is_empty() {
            continue;
        }
        total += 1;
        if haystack.contains(&snippet) {
            found += 1;
        }
    }
    (found, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-9;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < EPS
    }

    fn assert_prf(got: Prf, precision: f64, recall: f64, f1: f64) {
        assert!(
            close(got.precision, precision) && close(got.recall, recall) && close(got.f1, f1),
            "got {got:?}, want P={precision} R={recall} F1={f1}"
        );
    }

    fn third() -> f64 {
        1.0 / 3.0
    }

    #[test]
    fn tokens_are_unicode_words_with_case_kept() {
        assert_eq!(
            tokens("It's 4:30, isn't it?"),
            ["It", "s", "4", "30", "isn", "t", "it"]
        );
        assert_eq!(tokens("naïve café — 東京"), ["naïve", "café", "東京"]);
        assert!(tokens(" ... ").is_empty());
    }

    #[test]
    fn tokens_follow_python_word_characters() {
        // Python's `\w`: a combining vowel sign (U+093E) or a zero-width joiner ends a token,
        // superscript digits (category No) are word characters.
        assert_eq!(tokens("रामा x"), ["र", "म", "x"]);
        assert_eq!(tokens("a\u{200d}b"), ["a", "b"]);
        assert_eq!(tokens("m² snake_case"), ["m²", "snake_case"]);
    }

    #[test]
    fn shingles_are_runs_of_four_or_one_short_run() {
        let five = ["a", "b", "c", "d", "e"];
        let bag = shingles(&five);
        assert_eq!(bag.len(), 2);
        assert_eq!(bag[&five[0..4]], 1);
        assert_eq!(bag[&five[1..5]], 1);
        let two = ["a", "b"];
        assert_eq!(
            shingles(&two).into_iter().collect::<Vec<_>>(),
            [(&two[..], 1)]
        );
        assert!(shingles(&[]).is_empty());
    }

    #[test]
    fn identical_texts_match_fully() {
        let m = shingle_match("a b c d e", "a b c d e");
        assert_eq!(
            m,
            ShingleMatch {
                tp: 1.0,
                fp: 0.0,
                fn_: 0.0
            }
        );
        assert_eq!((m.precision(), m.recall()), (Some(1.0), Some(1.0)));
    }

    #[test]
    fn one_shingle_each_way_wrong() {
        // truth {1234, 2345}, predicted {1234, 2346}: tp = fp = fn = 1, so 1/3 each.
        let m = shingle_match("one two three four five", "one two three four six");
        assert!(close(m.tp, third()) && close(m.fp, third()) && close(m.fn_, third()));
        assert_eq!(m.precision(), Some(0.5));
        assert_eq!(m.recall(), Some(0.5));
        assert!(close(m.f1(), 0.5));
    }

    #[test]
    fn shingles_are_case_sensitive_and_short_texts_are_one_shingle() {
        assert_eq!(shingle_match("hello world", "hello  world!").tp, 1.0);
        let m = shingle_match("Hello world", "hello world");
        assert_eq!(
            m,
            ShingleMatch {
                tp: 0.0,
                fp: 0.5,
                fn_: 0.5
            }
        );
        assert_eq!((m.precision(), m.recall()), (Some(0.0), Some(0.0)));
    }

    #[test]
    fn repeated_shingles_count_as_a_multiset() {
        // truth: abcd, bcda, cdab, dabc, abcd (abcd twice); predicted: abcd once.
        let m = shingle_match("a b c d a b c d", "a b c d");
        assert!(close(m.tp, 0.2) && close(m.fp, 0.0) && close(m.fn_, 0.8));
        assert_eq!(m.precision(), Some(1.0));
        assert!(close(m.recall().unwrap(), 0.2));
    }

    #[test]
    fn empty_sides() {
        let both = shingle_match("", "...");
        assert_eq!(both, ShingleMatch::default());
        assert_eq!((both.precision(), both.recall()), (Some(1.0), Some(1.0)));
        let nothing_predicted = shingle_match("a b c d", "");
        assert_eq!(
            nothing_predicted,
            ShingleMatch {
                tp: 0.0,
                fp: 0.0,
                fn_: 1.0
            }
        );
        assert_eq!(nothing_predicted.precision(), None);
        assert_eq!(nothing_predicted.recall(), Some(0.0));
        assert_eq!(nothing_predicted.f1(), 0.0);
        let nothing_true = shingle_match("", "x y");
        assert_eq!(
            (nothing_true.precision(), nothing_true.recall()),
            (Some(0.0), None)
        );
    }

    #[test]
    fn shingle_scores_average_over_the_pages_that_count() {
        let pages = [
            shingle_match("one two three four five", "one two three four six"), // P .5 R .5
            shingle_match("a b c d", ""),                                       // P -, R 0
            shingle_match("", ""),                                              // P 1, R 1
        ];
        // P = mean(.5, 1) = .75; R = mean(.5, 0, 1) = .5; F1 = 2 * .75 * .5 / 1.25 = .6
        assert_prf(shingle_scores(&pages), 0.75, 0.5, 0.6);
        assert_prf(shingle_scores(&[]), 0.0, 0.0, 0.0);
    }

    #[test]
    fn bag_of_words_partial_overlap() {
        // truth [the, cat, sat], predicted [the, cat]: P = 1, R = 2/3, F1 = 0.8.
        assert_prf(bag_of_words("The cat sat.", "the CAT"), 1.0, 2.0 / 3.0, 0.8);
    }

    #[test]
    fn bag_of_words_counts_repeats_once_each() {
        // truth {a:2, b:1}, predicted {a:3, c:1}: overlap 2; P = 2/4, R = 2/3, F1 = 4/7.
        assert_prf(bag_of_words("a a b", "a a a c"), 0.5, 2.0 / 3.0, 4.0 / 7.0);
    }

    #[test]
    fn bag_of_words_edge_cases() {
        assert_prf(bag_of_words("", ""), 1.0, 1.0, 1.0);
        assert_prf(bag_of_words("", "!!!"), 1.0, 1.0, 1.0);
        assert_prf(bag_of_words("some words", ""), 0.0, 0.0, 0.0);
        assert_prf(bag_of_words("", "some words"), 0.0, 0.0, 0.0);
        assert_prf(bag_of_words("x", "y"), 0.0, 0.0, 0.0);
    }

    #[test]
    fn means_are_component_wise() {
        let pages = [Prf::from_pr(1.0, 0.5), Prf::default()];
        // F1 of the first page is 2/3; the mean F1 is the mean of per-page F1s.
        assert_prf(Prf::mean(pages), 0.5, 0.25, 1.0 / 3.0);
        assert_prf(Prf::mean([]), 0.0, 0.0, 0.0);
    }

    #[test]
    fn snippets_are_found_case_and_whitespace_insensitively() {
        let predicted = searchable("Intro.\n\nSay HELLO\n  world, then leave.");
        let snippets = [
            "hello   World".to_string(),
            "missing".to_string(),
            "  ".to_string(),
        ];
        assert_eq!(snippets_found(&snippets, &predicted), (1, 2));
        assert_eq!(snippets_found(&[], &predicted), (0, 0));
    }
}
