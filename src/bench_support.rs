//! STUB(cli branch): a placeholder so `pith bench` builds before the real module lands.
//! Drop this file (and its `pub mod` line in lib.rs) at merge in favour of the real one.

/// Parses a page with html5ever and nothing else, for the benchmark's baseline timing.
///
/// STUB: this runs the crate's own arena sink, not a no-op sink, so it overstates the bare
/// parse cost. Returns a value derived from the parse so the work cannot be optimised away.
pub fn bare_parse(input: &str) -> usize {
    crate::parse::parse_html(input).nodes.len()
}
