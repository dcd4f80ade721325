//! Benchmark datasets on disk, recognised by their layout:
//!
//! * **scrapinghub**: `DIR/ground-truth.json` maps each id to `{articleBody, url}`; every page
//!   is of type `article`.
//! * **WCXB**: `DIR/ground-truth/<id>.json`, each with `url`, `ground_truth.main_content`,
//!   `ground_truth.with`, `ground_truth.without` and `_internal.page_type.primary`. A page
//!   whose `main_content` is missing or null has no truth to score against (its snippets
//!   still count); an empty string means the page truly has no main content. Its
//!   `ground_truth.title`, `author` and `publish_date` score the metadata.
//!
//! In both, the page itself is `DIR/html/<id>.html.gz`.

use crate::error::{CliError, Result};
use crate::meta_score::MetaTruth;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The page type given to pages of datasets without types.
pub const DEFAULT_PAGE_TYPE: &str = "article";
/// The page type of WCXB pages that lack one.
const UNKNOWN_PAGE_TYPE: &str = "unknown";

/// Which benchmark a folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Scrapinghub,
    Wcxb,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Scrapinghub => "scrapinghub",
            Layout::Wcxb => "wcxb",
        }
    }
}

/// One page's ground truth.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: String,
    pub page_type: String,
    pub url: Option<String>,
    /// The main content; none when the dataset does not give one.
    pub truth: Option<String>,
    /// Snippets the main content must contain (WCXB).
    pub with: Vec<String>,
    /// Snippets it must not contain (WCXB).
    pub without: Vec<String>,
    /// The true title, author and publication date (WCXB); none for scrapinghub.
    pub meta: Option<MetaTruth>,
}

/// A dataset's ground truth, pages sorted by id.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The folder's name (`scrapinghub`, `wcxb-dev`...), the key of its floors.
    pub name: String,
    pub layout: Layout,
    pub dir: PathBuf,
    pub pages: Vec<Page>,
}

impl Dataset {
    /// Where a page's gzipped HTML is.
    pub fn html_path(&self, page: &Page) -> PathBuf {
        self.dir.join("html").join(format!("{}.html.gz", page.id))
    }

    /// The pages of type `filter` (all when none), then the first `limit` of them.
    pub fn select(&self, filter: Option<&str>, limit: Option<usize>) -> Vec<&Page> {
        self.pages
            .iter()
            .filter(|p| filter.is_none_or(|f| p.page_type == f))
            .take(limit.unwrap_or(usize::MAX))
            .collect()
    }
}

/// Recognises and loads the dataset in `dir`.
pub fn load(dir: &Path) -> Result<Dataset> {
    let layout = detect(dir)?;
    let mut pages = match layout {
        Layout::Scrapinghub => load_scrapinghub(&dir.join("ground-truth.json"))?,
        Layout::Wcxb => load_wcxb(&dir.join("ground-truth"))?,
    };
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Dataset {
        name: folder_name(dir),
        layout,
        dir: dir.to_path_buf(),
        pages,
    })
}

fn detect(dir: &Path) -> Result<Layout> {
    if !dir.is_dir() {
        return Err(CliError::at(dir, "no such folder"));
    }
    if dir.join("ground-truth.json").is_file() {
        Ok(Layout::Scrapinghub)
    } else if dir.join("ground-truth").is_dir() {
        Ok(Layout::Wcxb)
    } else {
        Err(CliError::at(
            dir,
            "not a benchmark dataset (expected ground-truth.json or a ground-truth/ folder)",
        ))
    }
}

fn folder_name(dir: &Path) -> String {
    let full = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    full.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text = fs::read_to_string(path)
        .map_err(|e| CliError::at(path, crate::input::InputError::Io(e)))?;
    serde_json::from_str(&text).map_err(|e| CliError::at(path, format!("bad ground truth: {e}")))
}

#[derive(Deserialize)]
struct ScrapinghubEntry {
    #[serde(rename = "articleBody", default)]
    article_body: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

fn load_scrapinghub(path: &Path) -> Result<Vec<Page>> {
    let entries: BTreeMap<String, ScrapinghubEntry> = read_json(path)?;
    Ok(entries
        .into_iter()
        .map(|(id, e)| Page {
            id,
            page_type: DEFAULT_PAGE_TYPE.to_string(),
            url: e.url,
            truth: e.article_body,
            with: Vec::new(),
            without: Vec::new(),
            meta: None,
        })
        .collect())
}

#[derive(Deserialize)]
struct WcxbFile {
    #[serde(default)]
    url: Option<String>,
    #[serde(rename = "_internal", default)]
    internal: Option<WcxbInternal>,
    ground_truth: WcxbTruth,
}

#[derive(Deserialize)]
struct WcxbInternal {
    #[serde(default)]
    page_type: Option<WcxbPageType>,
}

#[derive(Deserialize)]
struct WcxbPageType {
    #[serde(default)]
    primary: Option<String>,
}

#[derive(Deserialize)]
struct WcxbTruth {
    #[serde(default)]
    main_content: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    publish_date: Option<String>,
}

fn load_wcxb(dir: &Path) -> Result<Vec<Page>> {
    let entries =
        fs::read_dir(dir).map_err(|e| CliError::at(dir, crate::input::InputError::Io(e)))?;
    let mut pages = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| CliError::at(dir, crate::input::InputError::Io(e)))?
            .path();
        if path.extension().is_some_and(|e| e == "json") {
            pages.push(wcxb_page(&path)?);
        }
    }
    Ok(pages)
}

fn wcxb_page(path: &Path) -> Result<Page> {
    let file: WcxbFile = read_json(path)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let page_type = file
        .internal
        .and_then(|i| i.page_type)
        .and_then(|t| t.primary)
        .unwrap_or_else(|| UNKNOWN_PAGE_TYPE.to_string());
    let truth = file.ground_truth;
    Ok(Page {
        id,
        page_type,
        url: file.url,
        truth: truth.main_content,
        with: truth.with,
        without: truth.without,
        meta: Some(MetaTruth {
            title: truth.title,
            author: truth.author,
            published: truth.publish_date,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str, page_type: &str) -> Page {
        Page {
            id: id.to_string(),
            page_type: page_type.to_string(),
            url: None,
            truth: None,
            with: Vec::new(),
            without: Vec::new(),
            meta: None,
        }
    }

    #[test]
    fn select_filters_then_limits() {
        let data = Dataset {
            name: "d".into(),
            layout: Layout::Wcxb,
            dir: "d".into(),
            pages: vec![
                page("1", "forum"),
                page("2", "article"),
                page("3", "forum"),
                page("4", "forum"),
            ],
        };
        let ids = |pages: Vec<&Page>| pages.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(data.select(Some("forum"), Some(2))), ["1", "3"]);
        assert_eq!(ids(data.select(None, Some(1))), ["1"]);
        assert_eq!(data.select(None, None).len(), 4);
        assert!(data.select(Some("recipe"), None).is_empty());
        assert_eq!(
            data.html_path(&data.pages[0]),
            Path::new("d/html/1.html.gz")
        );
    }

    #[test]
    fn wcxb_files_tolerate_missing_fields() {
        let file: WcxbFile = serde_json::from_str(
            r#"{"ground_truth": {"main_content": null, "title": "x"}, "extra": 1}"#,
        )
        .unwrap();
        assert!(file.ground_truth.main_content.is_none());
        assert_eq!(file.ground_truth.title.as_deref(), Some("x"));
        assert!(file.ground_truth.author.is_none());
        assert!(file.ground_truth.with.is_empty());
        assert!(file.internal.is_none());
    }
}
