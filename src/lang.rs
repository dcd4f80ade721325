//! Language of a text, from its script and its most frequent short words.

/// Guesses a BCP 47 primary language subtag for `text`, or `None` when unsure.
pub(crate) fn detect(_text: &str) -> Option<String> {
    None
}
