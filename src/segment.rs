//! The page cut into blocks in document order.
use crate::dom::Document;
use crate::Block;

pub(crate) fn segment(_doc: &Document, _source: &str) -> Vec<Block> {
    Vec::new()
}
