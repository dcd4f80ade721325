//! Metadata scoring for datasets whose truth names the title, author and publication date
//! (WCXB's `ground_truth.title`, `author`, `publish_date`).
//!
//! Names and titles are compared as lowercased `\w+` tokens (the text scorer's tokens), so
//! punctuation, case and spacing do not count:
//! * **title**: the predicted title's tokens equal the truth's, in order.
//! * **author**: one of the predicted authors matches: its set of tokens holds the truth's, or
//!   the truth's holds it ("Emery D. Berger" for "Emery Berger", "Jeff T. Kaufman" for
//!   "Kaufman, Jeff T."). A truth naming several people ("A, B and C") is matched by any one.
//!   On a page whose truth names nobody, any predicted author counts as given where none is.
//! * **published**: the predicted date's `YYYY-MM-DD` (or `YYYY-MM` when the truth has only
//!   that) equals the truth's. A predicted date on a page whose truth has none counts as
//!   given where none is.

use crate::score::tokens;
use serde::Serialize;
use std::collections::HashSet;

/// A page's true metadata; `None` where the truth gives none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaTruth {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
}

/// What the extraction gave for one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaPrediction {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
}

/// One field's outcome on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The truth has a value and the prediction matches it.
    Right,
    /// The truth has a value; the prediction has another.
    Wrong,
    /// The truth has a value; the prediction has none.
    Missing,
    /// The truth has none; the prediction has one.
    Given,
    /// Neither has one.
    None,
}

impl Outcome {
    fn of(truth: bool, predicted: bool, matches: impl FnOnce() -> bool) -> Outcome {
        match (truth, predicted) {
            (true, true) if matches() => Outcome::Right,
            (true, true) => Outcome::Wrong,
            (true, false) => Outcome::Missing,
            (false, true) => Outcome::Given,
            (false, false) => Outcome::None,
        }
    }
}

/// A page's metadata outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MetaScore {
    pub title: Outcome,
    pub author: Outcome,
    pub published: Outcome,
}

/// Scores one page's metadata.
pub fn score(truth: &MetaTruth, predicted: &MetaPrediction) -> MetaScore {
    let present = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    let title = Outcome::of(present(&truth.title), present(&predicted.title), || {
        title_matches(
            truth.title.as_deref().unwrap_or_default(),
            predicted.title.as_deref().unwrap_or_default(),
        )
    });
    let author = Outcome::of(
        present(&truth.author),
        !predicted.authors.is_empty(),
        || {
            author_matches(
                truth.author.as_deref().unwrap_or_default(),
                &predicted.authors,
            )
        },
    );
    let published = Outcome::of(
        present(&truth.published),
        present(&predicted.published),
        || {
            date_matches(
                truth.published.as_deref().unwrap_or_default(),
                predicted.published.as_deref().unwrap_or_default(),
            )
        },
    );
    MetaScore {
        title,
        author,
        published,
    }
}

fn lower_tokens(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(str::to_lowercase).collect()
}

/// Whether two titles have the same tokens in the same order (case and punctuation aside).
pub fn title_matches(truth: &str, predicted: &str) -> bool {
    let t = lower_tokens(truth);
    !t.is_empty() && t == lower_tokens(predicted)
}

/// Whether one of the predicted names matches the truth's (or one of the people it names).
pub fn author_matches(truth: &str, predicted: &[String]) -> bool {
    let whole: HashSet<String> = lower_tokens(truth).into_iter().collect();
    let people: Vec<HashSet<String>> = truth
        .split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| lower_tokens(p).into_iter().collect::<HashSet<_>>())
        .filter(|p| !p.is_empty())
        .collect();
    predicted.iter().any(|name| {
        let name: HashSet<String> = lower_tokens(name).into_iter().collect();
        !name.is_empty()
            && (name.is_subset(&whole)
                || whole.is_subset(&name)
                || people.iter().any(|p| p.is_subset(&name)))
    })
}

/// Whether the predicted ISO 8601 date falls on the truth's day (or month, when the truth
/// gives only `YYYY-MM`).
pub fn date_matches(truth: &str, predicted: &str) -> bool {
    let truth = truth.trim();
    let day = truth.get(..10).unwrap_or(truth);
    !day.is_empty() && predicted.trim().get(..day.len()) == Some(day)
}

/// Counts of one field's outcomes over pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FieldCounts {
    pub right: usize,
    pub wrong: usize,
    pub missing: usize,
    /// Pages whose truth has none where the extraction gave one.
    pub given: usize,
    /// Pages whose truth has none.
    pub none_in_truth: usize,
}

impl FieldCounts {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Right => self.right += 1,
            Outcome::Wrong => self.wrong += 1,
            Outcome::Missing => self.missing += 1,
            Outcome::Given => {
                self.given += 1;
                self.none_in_truth += 1;
            }
            Outcome::None => self.none_in_truth += 1,
        }
    }

    /// Pages whose truth has a value.
    pub fn truths(&self) -> usize {
        self.right + self.wrong + self.missing
    }
}

/// The metadata outcomes over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MetaSummary {
    pub title: FieldCounts,
    pub author: FieldCounts,
    pub published: FieldCounts,
}

impl MetaSummary {
    pub fn of(scores: impl IntoIterator<Item = MetaScore>) -> MetaSummary {
        let mut s = MetaSummary::default();
        for m in scores {
            s.title.add(m.title);
            s.author.add(m.author);
            s.published.add(m.published);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn titles_match_on_tokens() {
        assert!(title_matches("Redis data types", "Redis Data Types!"));
        assert!(!title_matches(
            "Redis data types",
            "Redis data types | Docs"
        ));
        assert!(!title_matches("", ""));
    }

    #[test]
    fn authors_match_on_token_sets() {
        let names = |v: &[&str]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert!(author_matches(
            "Kaufman, Jeff T.",
            &names(&["Jeff T. Kaufman"])
        ));
        assert!(author_matches("Emery Berger", &names(&["Emery D. Berger"])));
        assert!(author_matches("Emery D. Berger", &names(&["Emery Berger"])));
        assert!(author_matches(
            "Ann Lee, Bo Chen and Cy Diaz",
            &names(&["Staff", "Cy Diaz"])
        ));
        assert!(!author_matches("Ann Lee", &names(&["Moderator", "Joined"])));
        assert!(!author_matches("Ann Lee", &names(&["", "!!"])));
        assert!(!author_matches("Ann Lee", &[]));
    }

    #[test]
    fn dates_match_on_the_day_or_month() {
        assert!(date_matches("2024-06-03", "2024-06-03T10:00:00Z"));
        assert!(!date_matches("2024-06-03", "2024-06-04"));
        assert!(date_matches("2015-11", "2015-11-20"));
        assert!(!date_matches("2015-11", "2015"));
        assert!(!date_matches("", "2015-11-20"));
    }

    #[test]
    fn outcomes_and_counts() {
        let truth = MetaTruth {
            title: s("A title"),
            author: None,
            published: s("2024-06-03"),
        };
        let predicted = MetaPrediction {
            title: s("Another title"),
            authors: vec!["Someone".into()],
            published: None,
        };
        let m = score(&truth, &predicted);
        assert_eq!(
            (m.title, m.author, m.published),
            (Outcome::Wrong, Outcome::Given, Outcome::Missing)
        );
        let right = score(
            &truth,
            &MetaPrediction {
                title: s("a TITLE"),
                authors: vec![],
                published: s("2024-06-03"),
            },
        );
        assert_eq!(
            (right.title, right.author, right.published),
            (Outcome::Right, Outcome::None, Outcome::Right)
        );
        let sum = MetaSummary::of([m, right]);
        assert_eq!(
            (sum.title.right, sum.title.wrong, sum.title.truths()),
            (1, 1, 2)
        );
        assert_eq!((sum.author.given, sum.author.none_in_truth), (1, 2));
        assert_eq!((sum.published.right, sum.published.missing), (1, 1));
    }
}
