//! Labels every block article or boilerplate.
use crate::dom::Document;
use crate::{Block, Metadata};

pub(crate) fn classify(_doc: &Document, _blocks: &mut [Block], _metadata: &Metadata) {}
