//! `pith bench --check`: score floors a run must reach, from a small JSON file keyed by
//! dataset (folder name, `-text` appended in text mode):
//!
//! ```json
//! {"scrapinghub": {"f1": 0.90},
//!  "wcxb-dev": {"f1": 0.80, "types": {"forum": 0.6}, "with": 0.7, "without": 0.2,
//!               "metadata": {"title": 0.7, "author": 0.75, "published": 0.8}}}
//! ```
//!
//! `precision`, `recall`, `f1` are minimums of the overall scores; `types` maps a page type
//! to the minimum F1 of its pages; `with` is the minimum share of `with` snippets found and
//! `without` the maximum share of `without` snippets kept (WCXB); `metadata` maps a field
//! (`title`, `author`, `published`) to the minimum share right of the pages whose truth has
//! it (WCXB). All are in [0, 1].

use crate::error::{report, CliError, Result};
use crate::report::{Share, Summary};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The floors of one dataset.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    #[serde(default)]
    pub types: BTreeMap<String, f64>,
    pub with: Option<f64>,
    pub without: Option<f64>,
    #[serde(default)]
    pub metadata: BTreeMap<String, f64>,
}

/// Reads the floors of dataset `key` from `path`.
pub fn load(path: &Path, key: &str) -> Result<Floors> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::at(path, crate::input::InputError::Io(e)))?;
    parse(&text, key).map_err(|why| CliError::at(path, why))
}

fn parse(text: &str, key: &str) -> std::result::Result<Floors, String> {
    let mut all: BTreeMap<String, Floors> =
        serde_json::from_str(text).map_err(|e| format!("bad floors file: {e}"))?;
    let floors = all.remove(key).ok_or_else(|| {
        let known: Vec<&str> = all.keys().map(String::as_str).collect();
        format!("no floors for '{key}' (it has: {})", known.join(", "))
    })?;
    floors.validate()?;
    Ok(floors)
}

impl Floors {
    fn values(&self) -> impl Iterator<Item = (String, f64)> + '_ {
        let named = [
            ("precision", self.precision),
            ("recall", self.recall),
            ("f1", self.f1),
            ("with", self.with),
            ("without", self.without),
        ];
        named
            .into_iter()
            .filter_map(|(n, v)| v.map(|v| (n.to_string(), v)))
            .chain(self.types.iter().map(|(t, &v)| (format!("types.{t}"), v)))
            .chain(
                self.metadata
                    .iter()
                    .map(|(f, &v)| (format!("metadata.{f}"), v)),
            )
    }

    fn validate(&self) -> std::result::Result<(), String> {
        if let Some(f) = self
            .metadata
            .keys()
            .find(|f| !matches!(f.as_str(), "title" | "author" | "published"))
        {
            return Err(format!(
                "metadata floor '{f}': the fields are title, author and published"
            ));
        }
        match self.values().find(|(_, v)| !(0.0..=1.0).contains(v)) {
            Some((name, v)) => Err(format!("floor {name} = {v} is not between 0 and 1")),
            None => Ok(()),
        }
    }

    /// What fell short, one phrase each; types absent from the run are returned apart.
    pub fn check(&self, s: &Summary) -> (Vec<String>, Vec<String>) {
        let mut short = Vec::new();
        let mut minimum = |name: &str, got: f64, floor: Option<f64>| {
            if let Some(floor) = floor.filter(|&f| got < f) {
                short.push(format!("{name} {got:.3} < {floor:.3}"));
            }
        };
        minimum("precision", s.scores.precision, self.precision);
        minimum("recall", s.scores.recall, self.recall);
        minimum("f1", s.scores.f1, self.f1);
        minimum("with found", share(s.with_found), self.with);
        let mut absent = Vec::new();
        for (name, &floor) in &self.types {
            match s.types.get(name) {
                Some(t) => minimum(&format!("{name} f1"), t.scores.f1, Some(floor)),
                None => absent.push(name.clone()),
            }
        }
        for (field, &floor) in &self.metadata {
            let counts = s.metadata.map(|m| match field.as_str() {
                "title" => m.title,
                "author" => m.author,
                _ => m.published,
            });
            let right = counts.map_or(0.0, |c| c.right as f64 / c.truths().max(1) as f64);
            minimum(&format!("metadata {field}"), right, Some(floor));
        }
        if let Some(ceiling) = self.without.filter(|&c| share(s.without_kept) > c) {
            short.push(format!(
                "without kept {:.3} > {ceiling:.3}",
                share(s.without_kept)
            ));
        }
        (short, absent)
    }
}

fn share(s: Option<Share>) -> f64 {
    s.map_or(0.0, |s| s.rate)
}

/// Checks a run against its floors: an error listing everything that fell short.
pub fn enforce(floors: &Floors, key: &str, summary: &Summary) -> Result<()> {
    let (short, absent) = floors.check(summary);
    for name in absent {
        report(format!(
            "note: no '{name}' pages in this run, its floor was not checked"
        ));
    }
    if short.is_empty() {
        return Ok(());
    }
    Err(CliError::Failed(format!(
        "{key} is below its floors: {}",
        short.join("; ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta_score::{FieldCounts, MetaSummary};
    use crate::report::{TimingSummary, TypeScores};
    use crate::score::Prf;

    fn summary() -> Summary {
        let mut types = BTreeMap::new();
        types.insert(
            "forum".to_string(),
            TypeScores {
                pages: 3,
                scores: Prf::from_pr(0.5, 0.5),
            },
        );
        Summary {
            dataset: "wcxb-dev".into(),
            layout: "wcxb",
            mode: "html",
            pages: 3,
            scored: 3,
            failed: 0,
            skipped: 0,
            scores: Prf::from_pr(0.8, 0.9),
            types,
            with_found: Some(Share {
                count: 9,
                total: 10,
                rate: 0.9,
            }),
            without_kept: Some(Share {
                count: 3,
                total: 10,
                rate: 0.3,
            }),
            metadata: Some(MetaSummary {
                author: FieldCounts {
                    right: 8,
                    wrong: 1,
                    missing: 1,
                    given: 0,
                    none_in_truth: 0,
                },
                ..MetaSummary::default()
            }),
            timing: TimingSummary {
                block_html: false,
                repeat: 1,
                extract_median_ms: 0.0,
                extract_p95_ms: 0.0,
                mb_per_s: 0.0,
                parse_median_ms: 0.0,
                parse_p95_ms: 0.0,
                pith_parse_median_ms: 0.0,
                ratio: 0.0,
            },
            peak_memory_mb: None,
        }
    }

    #[test]
    fn reads_the_dataset_entry() {
        let text =
            r#"{"scrapinghub": {"f1": 0.9}, "wcxb-dev": {"f1": 0.8, "types": {"forum": 0.6}}}"#;
        let floors = parse(text, "wcxb-dev").unwrap();
        assert_eq!(floors.f1, Some(0.8));
        assert_eq!(floors.types["forum"], 0.6);
        assert!(parse(text, "wcxb-dev-text")
            .unwrap_err()
            .contains("no floors for 'wcxb-dev-text'"));
    }

    #[test]
    fn rejects_typos_and_out_of_range_floors() {
        assert!(parse(r#"{"d": {"f-1": 0.9}}"#, "d")
            .unwrap_err()
            .contains("bad floors file"));
        assert!(parse(r#"{"d": {"f1": 90}}"#, "d")
            .unwrap_err()
            .contains("not between 0 and 1"));
        assert!(parse(r#"{"d": {"types": {"forum": -1}}}"#, "d").is_err());
        assert!(parse(r#"{"d": {"metadata": {"authors": 0.5}}}"#, "d")
            .unwrap_err()
            .contains("the fields are title, author and published"));
        assert!(parse("not json", "d").is_err());
    }

    #[test]
    fn passing_floors_report_nothing() {
        let floors = Floors {
            f1: Some(0.8),
            precision: Some(0.8),
            types: [("forum".to_string(), 0.5)].into(),
            with: Some(0.9),
            without: Some(0.3),
            metadata: [("author".to_string(), 0.8)].into(),
            ..Floors::default()
        };
        assert_eq!(floors.check(&summary()), (vec![], vec![]));
    }

    #[test]
    fn every_shortfall_is_listed() {
        let floors = Floors {
            f1: Some(0.9),
            recall: Some(0.95),
            types: [("forum".to_string(), 0.6), ("recipe".to_string(), 0.5)].into(),
            with: Some(0.95),
            without: Some(0.2),
            metadata: [("author".to_string(), 0.85)].into(),
            ..Floors::default()
        };
        let (short, absent) = floors.check(&summary());
        assert_eq!(
            short,
            [
                "recall 0.900 < 0.950",
                "f1 0.847 < 0.900",
                "with found 0.900 < 0.950",
                "forum f1 0.500 < 0.600",
                "metadata author 0.800 < 0.850",
                "without kept 0.300 > 0.200",
            ]
        );
        assert_eq!(absent, ["recipe"]);
        let err = enforce(&floors, "wcxb-dev", &summary()).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("wcxb-dev is below its floors: recall"));
    }
}
