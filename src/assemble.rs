//! The article from the labels: article blocks in reading order, one section per article.
//! Runs after classification and again whenever a person flips a label.

use crate::{Annotation, Kind, Label, Section};

/// Recomputes `annotation.sections` (and the word count and reading time) from the labels.
///
/// A section starts at every `title` block, and at every level-1 heading that comes after
/// some body text of the current section (a page carrying several stories, each under its
/// own headline).
pub fn assemble(annotation: &mut Annotation) {
    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section::default();
    let mut has_body = false;
    for block in annotation
        .blocks
        .iter()
        .filter(|b| b.label == Label::Article)
    {
        let starts_story = match block.kind {
            Some(Kind::Title) => true,
            Some(Kind::Heading) => block.level == Some(1) && has_body,
            _ => false,
        };
        if starts_story && !current.blocks.is_empty() {
            sections.push(std::mem::take(&mut current));
            has_body = false;
        }
        if matches!(block.kind, Some(Kind::Title | Kind::Heading))
            && current.heading.is_none()
            && !has_body
        {
            current.heading = Some(block.id);
            current.title = Some(block.text.clone());
        }
        if !matches!(
            block.kind,
            Some(Kind::Title | Kind::Heading | Kind::Byline | Kind::Date)
        ) {
            has_body = true;
        }
        current.blocks.push(block.id);
    }
    if !current.blocks.is_empty() {
        sections.push(current);
    }
    annotation.sections = sections;
    let words: usize = annotation
        .article_blocks()
        .map(|b| crate::text_util::word_count(&b.text))
        .sum();
    annotation.metadata.word_count = words;
    annotation.metadata.reading_minutes = if words == 0 {
        0
    } else {
        words.div_ceil(230).max(1)
    };
}
