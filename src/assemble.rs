//! The article from the labels: article blocks in reading order, one section per article.
//! Runs after classification and again whenever a person flips a label.

use crate::{Annotation, Kind, Label, Section};

/// Recomputes `annotation.sections` (and the word count and reading time) from the labels,
/// and rounds the blocks' scores to two decimals: all the precision they have, and what the
/// wasm's JSON writer prints without a float formatter's tables (src/wasm.rs).
///
/// A section starts at every `title` block, and at every level-1 heading that comes after
/// some body text of the current section (a page carrying several stories, each under its
/// own headline).
pub fn assemble(annotation: &mut Annotation) {
    for b in &mut annotation.blocks {
        b.score = (b.score * 100.0).round() / 100.0;
    }
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

#[cfg(test)]
mod tests {
    use crate::render::testing::{annotation, block};
    use crate::{Kind, Metadata};

    #[test]
    fn scores_come_to_two_decimals() {
        let mut b = block(0, Kind::Paragraph, "Some text.", None);
        b.score = 0.777_5;
        let mut a = annotation(Metadata::default(), vec![b], Vec::new());
        super::assemble(&mut a);
        assert_eq!(a.blocks[0].score, 0.78);
        let json = crate::render::json(&a);
        assert!(json.contains("\"score\": 0.78,"), "{json}");
    }
}
