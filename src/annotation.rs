//! The annotation: what Pith says about a page. Serialised as the versioned JSON schema
//! `pith.annotation/1` (field names below are the JSON names).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema identifier written into every annotation.
pub const SCHEMA_VERSION: &str = "pith.annotation/1";

/// What was annotated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// An HTML page.
    Html,
    /// Plain text, typically copied from a whole page.
    Text,
}

/// Whether a block belongs to the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Part of the article a reader came for.
    Article,
    /// Chrome around it: navigation, teasers, counters, ads, comments, footers...
    Boilerplate,
}

/// What an article block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Title,
    Heading,
    Paragraph,
    List,
    Quote,
    Table,
    Code,
    Figure,
    Caption,
    Byline,
    Date,
}

/// What a boilerplate block is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Nav,
    Breadcrumb,
    Header,
    Footer,
    Sidebar,
    Related,
    Teaser,
    Counter,
    Share,
    Ad,
    Comment,
    Consent,
    Newsletter,
    Form,
    Meta,
}

/// Text direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    #[default]
    Ltr,
    Rtl,
}

/// Where a block came from in the input. For HTML these are byte offsets into the decoded
/// source (start of the line of the block's first node to the end of the line of its last);
/// for text, byte offsets of the block's exact span. `line_start`/`line_end` are 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRange {
    pub start: usize,
    pub end: usize,
    pub line_start: u32,
    pub line_end: u32,
}

/// One unit a person would highlight: a paragraph, heading, list, table, menu, teaser...
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Index of the block in document order.
    pub id: usize,
    pub label: Label,
    /// Set for article blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Set for boilerplate blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Confidence that the block is article text, in [0, 1], to two decimals (see
    /// [`crate::assemble`]).
    pub score: f32,
    /// Ids of the rules and features that decided the label, most decisive first.
    pub reasons: Vec<String>,
    /// The block's text, whitespace collapsed; lines of lists and tables separated by `\n`.
    pub text: String,
    /// Heading level 1-6 for headings and titles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The HTML element the block was cut from (`p`, `li`, `div`...), or `line` for text.
    pub tag: String,
    /// Element-child indices from `<html>` down to the block's element, `/`-separated
    /// (HTML input only), so a live DOM parsed from the same source can be matched exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub source: SourceRange,
    pub dir: Dir,
    /// Sanitised HTML of the block (allow-listed tags and attributes only; HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
}

impl Block {
    /// Whether the block is part of the article.
    pub fn is_article(&self) -> bool {
        self.label == Label::Article
    }
}

/// One article on the page: its heading block (if any) and its blocks in reading order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Id of the block that heads the section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<usize>,
    /// Ids of the section's article blocks (the heading included).
    pub blocks: Vec<usize>,
}

/// What a reader and an editor care about. Dates are ISO 8601.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// BCP 47 language tag of the article (from markup, else detected from its text).
    pub language: Option<String>,
    pub dir: Dir,
    pub site_name: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub canonical_url: Option<String>,
    /// Words in the article.
    pub word_count: usize,
    /// Reading time in whole minutes (at least 1 when there is an article).
    pub reading_minutes: usize,
    /// Where each field came from: `json-ld`, `opengraph`, `twitter`, `meta`, `microdata`,
    /// `time`, `byline`, `title-tag`, `heading`, `markup`, `detected`...
    pub sources: BTreeMap<String, String>,
}

/// The whole result for one input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Always [`SCHEMA_VERSION`].
    pub schema: String,
    pub input: InputKind,
    pub metadata: Metadata,
    /// Every block of the input, in document order.
    pub blocks: Vec<Block>,
    /// The article(s): one section per article, derived from the labels by [`crate::assemble`].
    pub sections: Vec<Section>,
}

impl Annotation {
    pub(crate) fn new(input: InputKind, metadata: Metadata, blocks: Vec<Block>) -> Self {
        Annotation {
            schema: SCHEMA_VERSION.to_string(),
            input,
            metadata,
            blocks,
            sections: Vec::new(),
        }
    }

    /// The article blocks in reading order (all sections).
    pub fn article_blocks(&self) -> impl Iterator<Item = &Block> {
        self.sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|&id| self.blocks.get(id))
    }
}
