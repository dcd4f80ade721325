//! Class/id/role vocabulary of page regions, one category per table. A category is what a
//! region is for; its name is the role Pith reports for boilerplate found there.
//!
//! Matching is by token: `class` and `id` split at punctuation and camelCase humps, lowercased.
//! Short tokens must match whole (`ad` is not `header`); stems of five or more letters also
//! match inside a token (`relatedposts`, `sharebar`).

use crate::fnv::FnvMap;
use std::sync::OnceLock;

/// A category of page region. Bit positions in a [`Cats`] set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Cat {
    Nav = 0,
    Breadcrumb,
    Header,
    Footer,
    Sidebar,
    Related,
    Share,
    Comment,
    Ad,
    Consent,
    Newsletter,
    Meta,
    Modal,
    Form,
    /// Where the article itself usually sits: `article`, `main`, `entry-content`...
    Content,
    /// Author or byline.
    Byline,
    /// A date line.
    Date,
    /// Screen-reader-only or otherwise invisible.
    Hidden,
    /// A picture's caption or credit line.
    Caption,
}

/// A set of categories.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cats(pub u32);

impl Cats {
    pub fn has(self, c: Cat) -> bool {
        self.0 & (1 << c as u8) != 0
    }
    pub fn add(&mut self, c: Cat) {
        self.0 |= 1 << c as u8;
    }
    /// The categories that make a region boilerplate wherever it is.
    pub fn boilerplate(self) -> Cats {
        Cats(
            self.0
                & !((1 << Cat::Content as u8)
                    | (1 << Cat::Byline as u8)
                    | (1 << Cat::Date as u8)
                    | (1 << Cat::Caption as u8)),
        )
    }
}

/// Whole-token matches.
const TOKENS: &[(&str, Cat)] = &[
    ("nav", Cat::Nav),
    ("navbar", Cat::Nav),
    ("menu", Cat::Nav),
    ("menus", Cat::Nav),
    ("skip", Cat::Nav),
    ("pagination", Cat::Nav),
    ("pager", Cat::Nav),
    ("topbar", Cat::Header),
    ("header", Cat::Header),
    ("masthead", Cat::Header),
    ("footer", Cat::Footer),
    ("colophon", Cat::Footer),
    ("copyright", Cat::Footer),
    ("sidebar", Cat::Sidebar),
    ("aside", Cat::Sidebar),
    ("rail", Cat::Sidebar),
    ("related", Cat::Related),
    ("recommended", Cat::Related),
    ("popular", Cat::Related),
    ("trending", Cat::Related),
    ("teaser", Cat::Related),
    ("teasers", Cat::Related),
    ("promo", Cat::Related),
    ("more", Cat::Related),
    ("share", Cat::Share),
    ("sharing", Cat::Share),
    ("social", Cat::Share),
    ("follow", Cat::Share),
    ("comment", Cat::Comment),
    ("comments", Cat::Comment),
    ("disqus", Cat::Comment),
    ("respond", Cat::Comment),
    ("replies", Cat::Comment),
    ("reviews", Cat::Comment),
    ("ad", Cat::Ad),
    ("ads", Cat::Ad),
    ("advert", Cat::Ad),
    ("dfp", Cat::Ad),
    ("gpt", Cat::Ad),
    ("sponsor", Cat::Ad),
    ("sponsored", Cat::Ad),
    ("cookie", Cat::Consent),
    ("cookies", Cat::Consent),
    ("consent", Cat::Consent),
    ("gdpr", Cat::Consent),
    ("newsletter", Cat::Newsletter),
    ("subscribe", Cat::Newsletter),
    ("subscription", Cat::Newsletter),
    ("signup", Cat::Newsletter),
    ("paywall", Cat::Newsletter),
    ("tags", Cat::Meta),
    ("tag", Cat::Meta),
    ("categories", Cat::Meta),
    ("meta", Cat::Meta),
    ("modal", Cat::Modal),
    ("popup", Cat::Modal),
    ("overlay", Cat::Modal),
    ("lightbox", Cat::Modal),
    ("search", Cat::Form),
    ("login", Cat::Form),
    ("article", Cat::Content),
    ("content", Cat::Content),
    ("entry", Cat::Content),
    ("post", Cat::Content),
    ("story", Cat::Content),
    ("body", Cat::Content),
    ("text", Cat::Content),
    ("main", Cat::Content),
    ("prose", Cat::Content),
    // Text written for search engines ("seo-text", "category-seo-block"): a shop's
    // description of the category, often at the foot of the grid and named after the place.
    ("seo", Cat::Content),
    ("byline", Cat::Byline),
    ("author", Cat::Byline),
    ("authors", Cat::Byline),
    ("date", Cat::Date),
    ("time", Cat::Date),
    ("timestamp", Cat::Date),
    ("dateline", Cat::Date),
    ("published", Cat::Date),
];

/// Stems that also match inside a longer token.
const STEMS: &[(&str, Cat)] = &[
    ("navigation", Cat::Nav),
    ("navbar", Cat::Nav),
    ("megamenu", Cat::Nav),
    ("breadcrumb", Cat::Breadcrumb),
    ("crumbs", Cat::Breadcrumb),
    ("masthead", Cat::Header),
    ("footer", Cat::Footer),
    ("sidebar", Cat::Sidebar),
    ("related", Cat::Related),
    ("recommend", Cat::Related),
    ("outbrain", Cat::Related),
    ("taboola", Cat::Related),
    ("mostread", Cat::Related),
    ("readmore", Cat::Related),
    ("sharing", Cat::Share),
    ("sharebar", Cat::Share),
    ("sharethis", Cat::Share),
    ("addthis", Cat::Share),
    ("social", Cat::Share),
    ("comment", Cat::Comment),
    ("disqus", Cat::Comment),
    ("advert", Cat::Ad),
    ("adsense", Cat::Ad),
    ("adslot", Cat::Ad),
    ("sponsor", Cat::Ad),
    ("cookie", Cat::Consent),
    ("consent", Cat::Consent),
    ("newsletter", Cat::Newsletter),
    ("subscribe", Cat::Newsletter),
    ("signup", Cat::Newsletter),
    ("paywall", Cat::Newsletter),
    ("byline", Cat::Byline),
    ("author", Cat::Byline),
    ("articlebody", Cat::Content),
    ("storybody", Cat::Content),
    ("postbody", Cat::Content),
    ("richtext", Cat::Content),
    // "SEOFooter", "seofootercopy": the same text, named after the place.
    ("seofooter", Cat::Content),
    ("timestamp", Cat::Date),
    ("caption", Cat::Caption),
];

/// ARIA landmark roles.
fn role_cat(role: &str) -> Option<Cat> {
    Some(match role {
        "navigation" | "menu" | "menubar" | "tablist" => Cat::Nav,
        "banner" => Cat::Header,
        "contentinfo" => Cat::Footer,
        "complementary" => Cat::Sidebar,
        "main" | "article" => Cat::Content,
        "search" | "form" => Cat::Form,
        "dialog" | "alertdialog" => Cat::Modal,
        _ => return None,
    })
}

/// Categories of an element's own tag.
pub(crate) fn tag_cats(tag: &str) -> Cats {
    let mut c = Cats::default();
    match tag {
        "nav" => c.add(Cat::Nav),
        "header" => c.add(Cat::Header),
        "footer" => c.add(Cat::Footer),
        "aside" => c.add(Cat::Sidebar),
        "form" => c.add(Cat::Form),
        "article" | "main" => c.add(Cat::Content),
        "time" => c.add(Cat::Date),
        "address" => c.add(Cat::Byline),
        "dialog" => c.add(Cat::Modal),
        _ => {}
    }
    c
}

/// Categories named by `class`, `id`, `role`, `itemprop` and `rel` values. `class_id` is
/// the class and id text, space-separated, given in parts so callers need not join them.
pub(crate) fn attr_cats(class_id: &[&str], role: Option<&str>, itemprop: Option<&str>) -> Cats {
    let mut c = Cats::default();
    if let Some(cat) = role.and_then(|r| role_cat(r.trim())) {
        c.add(cat);
    }
    if let Some(p) = itemprop {
        match p {
            "articleBody" | "text" | "reviewBody" => c.add(Cat::Content),
            "author" | "creator" => c.add(Cat::Byline),
            "datePublished" | "dateModified" | "dateCreated" => c.add(Cat::Date),
            "comment" => c.add(Cat::Comment),
            "caption" => c.add(Cat::Caption),
            "breadcrumb" => c.add(Cat::Breadcrumb),
            _ => {}
        }
    }
    if is_hidden_class(class_id) {
        c.add(Cat::Hidden);
    }
    let tokens = Tokens::new(class_id);
    let mut following = tokens.iter().skip(1);
    for token in tokens.iter() {
        // "nav-btns", "nav-arrows", "navDots" name a carousel's controls (its previous and
        // next buttons), often as a modifier of the carousel itself: not a menu.
        if following.next().is_some_and(is_control_name) && token == b"nav" {
            continue;
        }
        c.0 |= token_cats(token).0;
    }
    // Joined neighbours catch `related-posts` as `relatedposts` for the stems.
    let joined = tokens.joined();
    if tokens.count() > 1 && joined.len() <= MAX_JOINED_LEN {
        c.0 |= token_cats(joined).0;
    }
    // A "seo-footer" ("SEOFooterWrapper", "field-seofootercopy") is the text written for search
    // engines, named after its place at the foot of a shop's grid: the page's own copy, not a
    // footer.
    if contains(joined, b"seofooter") {
        c.0 &= !(1 << Cat::Footer as u8);
    }
    c
}

/// Tokens that, after "nav", name the controls of a carousel rather than a menu.
fn is_control_name(token: &[u8]) -> bool {
    matches!(
        token,
        b"btn" | b"btns" | b"button" | b"buttons" | b"arrow" | b"arrows" | b"dots"
    )
}

/// Longest run of joined tokens still matched as one token.
const MAX_JOINED_LEN: usize = 40;

/// Shortest token that stems are looked for inside.
const MIN_STEM_HOST_LEN: usize = 5;

/// Categories of one lowercase token: whole-token matches, and stems inside a long one.
fn token_cats(token: &[u8]) -> Cats {
    let mut c = token_table().get(token).copied().unwrap_or_default();
    if token.len() >= MIN_STEM_HOST_LEN {
        let mask = byte_mask(token);
        for (&(s, cat), &s_mask) in STEMS.iter().zip(&STEM_MASKS) {
            if s_mask & !mask == 0 && contains(token, s.as_bytes()) {
                c.add(cat);
            }
        }
    }
    c
}

/// [`TOKENS`] as a map from token to categories, built once.
fn token_table() -> &'static FnvMap<&'static [u8], Cats> {
    static TABLE: OnceLock<FnvMap<&'static [u8], Cats>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: FnvMap<&'static [u8], Cats> = FnvMap::default();
        for &(t, cat) in TOKENS {
            m.entry(t.as_bytes()).or_default().add(cat);
        }
        m
    })
}

/// The set of byte values in `s`, folded into 32 bits: a string can only contain another
/// whose set is a subset of its own. A cheap test before searching.
const fn byte_mask(s: &[u8]) -> u32 {
    let mut mask = 0u32;
    let mut i = 0;
    while i < s.len() {
        mask |= 1 << (s[i] % 32);
        i += 1;
    }
    mask
}

const fn table_masks<const N: usize>(table: &[(&str, Cat)]) -> [u32; N] {
    let mut masks = [0u32; N];
    let mut i = 0;
    while i < N {
        masks[i] = byte_mask(table[i].0.as_bytes());
        i += 1;
    }
    masks
}

const STEM_MASKS: [u32; STEMS.len()] = table_masks(STEMS);

/// Substring test for short ASCII strings: cheaper than a general searcher's set-up.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.len() >= needle.len()
        && (0..=hay.len() - needle.len())
            .any(|i| hay[i] == first && hay[i + 1..i + needle.len()] == *rest)
}

/// Whole class names that hide an element (or show it to screen readers only). A responsive
/// variant beside it (`hidden md:block`) means it shows on wider screens, so it does not count.
fn is_hidden_class(class_id: &[&str]) -> bool {
    let mut hidden = false;
    for name in class_id.iter().flat_map(|p| p.split_ascii_whitespace()) {
        if name.contains(':') {
            return false;
        }
        hidden |= matches!(
            name,
            "hidden"
                | "sr-only"
                | "visually-hidden"
                | "screen-reader-text"
                | "d-none"
                | "is-hidden"
                | "visuallyhidden"
        );
    }
    hidden
}

/// Class/id text split into lowercase tokens at non-alphanumerics and camelCase humps, kept
/// as one lowercase buffer (the tokens joined) and the end of each token in it.
struct Tokens {
    joined: Vec<u8>,
    ends: Vec<usize>,
}

impl Tokens {
    fn new(parts: &[&str]) -> Tokens {
        let len = parts.iter().map(|p| p.len()).sum();
        let mut t = Tokens {
            joined: Vec::with_capacity(len),
            ends: Vec::new(),
        };
        for part in parts {
            // Parts are separated as by a space: a token never spans two of them.
            let mut prev_lower = false;
            let mut after_hash = false;
            for b in part.bytes() {
                if b.is_ascii_alphanumeric() {
                    if b.is_ascii_uppercase() && prev_lower {
                        after_hash = t.end_token(after_hash);
                    }
                    prev_lower = b.is_ascii_lowercase();
                    t.joined.push(b.to_ascii_lowercase());
                } else {
                    prev_lower = false;
                    after_hash = t.end_token(after_hash);
                    if b.is_ascii_whitespace() {
                        after_hash = false;
                    }
                }
            }
            t.end_token(after_hash);
        }
        t
    }

    /// Ends the current token, if it has any bytes, and says whether the class name is now in
    /// a generated hash (`column356_b8ce28-ad`: a run of hex digits with a digit in it, four or
    /// more long). Hex-only tokens after a hash, in the same class name, are more of the hash
    /// and are dropped: the `ad` there names no advert.
    fn end_token(&mut self, after_hash: bool) -> bool {
        let start = self.ends.last().copied().unwrap_or(0);
        let token = &self.joined[start..];
        if token.is_empty() {
            return after_hash;
        }
        let hex = token.iter().all(u8::is_ascii_hexdigit);
        if hex && after_hash {
            self.joined.truncate(start);
            return true;
        }
        let hash = hex && token.len() >= 4 && token.iter().any(u8::is_ascii_digit);
        self.ends.push(self.joined.len());
        hash
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(s, e)| &self.joined[s..e])
    }

    fn count(&self) -> usize {
        self.ends.len()
    }

    /// All tokens joined: `related-posts` gives `relatedposts`.
    fn joined(&self) -> &[u8] {
        &self.joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tokens_match_whole_stems_match_inside() {
        assert!(attr_cats(&["ad-slot"], None, None).has(Cat::Ad));
        assert!(attr_cats(&["top-ad", "b8ce28 ad"], None, None).has(Cat::Ad));
        assert!(!attr_cats(&["kadence-column356_b8ce28-ad"], None, None).has(Cat::Ad));
        assert!(!attr_cats(&["header shadow download"], None, None).has(Cat::Ad));
        assert!(attr_cats(&["relatedPosts"], None, None).has(Cat::Related));
        assert!(attr_cats(&["post-share-bar"], None, None).has(Cat::Share));
        assert!(attr_cats(&["x"], Some("navigation"), None).has(Cat::Nav));
        assert!(attr_cats(&[""], None, Some("articleBody")).has(Cat::Content));
        assert!(attr_cats(&["sr-only"], None, None).has(Cat::Hidden));
        assert!(attr_cats(&["category-seo-text"], None, None).has(Cat::Content));
        assert!(attr_cats(&["field-seofootercopy"], None, None).has(Cat::Content));
        assert!(attr_cats(&["SEOFooterWrapper"], None, None).has(Cat::Content));
        assert!(!attr_cats(&["SEOFooterWrapper"], None, None).has(Cat::Footer));
        assert!(!attr_cats(&["field-seofootercopy"], None, None).has(Cat::Footer));
        assert!(attr_cats(&["site-footer"], None, None).has(Cat::Footer));
        assert!(!attr_cats(&["museo-sans"], None, None).has(Cat::Content));
        assert!(!attr_cats(&["category-carousel dark-nav-btns"], None, None).has(Cat::Nav));
        assert!(!attr_cats(&["slider navArrows"], None, None).has(Cat::Nav));
        assert!(attr_cats(&["nav-links"], None, None).has(Cat::Nav));
        assert!(attr_cats(&["main-nav nav-arrows"], None, None).has(Cat::Nav));
        assert!(attr_cats(&["wp-caption-text"], None, None).has(Cat::Caption));
        assert!(attr_cats(&["figcaption"], None, None).has(Cat::Caption));
        assert!(attr_cats(&[""], None, Some("caption")).has(Cat::Caption));
        assert!(!attr_cats(&["caption"], None, None)
            .boilerplate()
            .has(Cat::Caption));
        assert!(!attr_cats(&["overflow-hidden flex"], None, None).has(Cat::Hidden));
        assert!(!attr_cats(&["hidden md:block"], None, None).has(Cat::Hidden));
    }

    #[test]
    fn tables_have_no_typos_that_glue_entries() {
        for &(t, _) in TOKENS.iter().chain(STEMS) {
            assert!(t.chars().all(|c| c.is_ascii_lowercase()), "{t}");
        }
    }
}
