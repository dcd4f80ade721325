//! Pasted text: lines and paragraphs of text copied from a whole page, annotated with the
//! same model as HTML pages.

use crate::{Annotation, InputKind, Metadata, Options};

pub(crate) fn annotate_text(_input: &str, _options: &Options) -> Annotation {
    Annotation::new(InputKind::Text, Metadata::default(), Vec::new())
}
