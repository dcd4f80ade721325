//! Labels every block article or boilerplate, with a kind or role, a score and reasons.
//!
//! 1. Each block gets a content value: its unlinked text when it reads as prose, a penalty
//!    when it is mostly links or sits in a region named as boilerplate (nav, related, share...).
//! 2. Values are summed up the tree; the element with the largest sum is the main container:
//!    the smallest region that holds the prose and as little else as possible.
//! 3. Blocks inside it are article unless a local signal says otherwise (a boilerplate region
//!    between the container and the block, link lists, counters); blocks outside are
//!    boilerplate, except the headline, which is found by the metadata title.
//! 4. Roles come from the nearest named region, else from the block's shape and position.

use crate::dom::{Document, NodeId};
use crate::fnv::FnvMap;
use crate::heuristics as h;
use crate::metadata::Declared;
use crate::segment::{Segment, Shape};
use crate::text_util::contains_ignore_case;
use crate::vocabulary::{attr_cats, tag_cats, Cat, Cats};
use crate::{Block, Kind, Label, Metadata, Role};
use std::cell::{Cell, RefCell};

/// Per-element categories, computed once per element on demand.
struct Regions<'a> {
    doc: &'a Document,
    own: Vec<Option<Cats>>,
    /// Prose characters below each node, and on the whole page.
    prose: Vec<f32>,
    /// Prose blocks inside each node.
    prose_blocks: Vec<u32>,
    total_prose: f32,
    /// The headline's element: a region holding it is not boilerplate.
    title: Option<NodeId>,
    /// The page declares no date and is not an article: a product's, a shop's, a service's.
    undated: bool,
    /// What each (class, id) pair names: cards and list items repeat theirs many times.
    class_id_cats: RefCell<FnvMap<[&'a str; 2], Cats>>,
}

impl<'a> Regions<'a> {
    fn new(doc: &'a Document, segs: &[Segment]) -> Self {
        let mut prose = vec![0f32; doc.nodes.len()];
        let mut prose_blocks = vec![0u32; doc.nodes.len()];
        let mut total_prose = 0.0;
        for s in segs.iter().filter(|s| is_prose(s)) {
            let v = s.features.chars.saturating_sub(s.features.link_chars) as f32;
            total_prose += v;
            let mut cur = Some(s.nodes[0]);
            while let Some(n) = cur {
                prose[n] += v;
                prose_blocks[n] += 1;
                cur = doc.node(n).parent;
            }
        }
        Regions {
            doc,
            own: vec![None; doc.nodes.len()],
            prose,
            prose_blocks,
            total_prose,
            title: None,
            undated: false,
            class_id_cats: RefCell::default(),
        }
    }

    /// Categories an element's tag and attributes name.
    fn named(&self, id: NodeId) -> Cats {
        match self.doc.element(id) {
            // The root's classes describe the page's state ("single-post", "has-sidebar",
            // "cookies-not-set"), not a region of it.
            Some(e) if matches!(e.tag(), "html" | "body") => Cats::default(),
            Some(e) => {
                // A heading's id is the target of links to it, most often its text made a
                // slug ("social-benefits", "popular-instruments"): it names no region.
                let id_attr = if matches!(e.tag(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    ""
                } else {
                    e.attr("id").unwrap_or("")
                };
                let class_id = [e.attr("class").unwrap_or(""), id_attr];
                let (role, itemprop) = (e.attr("role"), e.attr("itemprop"));
                let named = |class_id: &[&str; 2]| {
                    let mut c = attr_cats(class_id, role, itemprop);
                    // A "social-media-embed" holds a post embedded in the story, not share
                    // buttons.
                    if class_id.iter().any(|n| contains_ignore_case(n, "embed")) {
                        c.0 &= !(1 << Cat::Share as u8);
                    }
                    c
                };
                let attrs = if role.is_none() && itemprop.is_none() {
                    *self
                        .class_id_cats
                        .borrow_mut()
                        .entry(class_id)
                        .or_insert_with(|| named(&class_id))
                } else {
                    named(&class_id)
                };
                // A tab's panel (role=tabpanel) is the page's content that its tab names, not
                // navigation, whatever its id says ("main-nav-products-content"); nor is a tab
                // list that holds its panels (tabs and panels in one wrapper, as CSS-only tabs
                // are built) a menu: its tabs are a few words among the panels' text.
                let attrs = if role.is_some_and(|r| is_tab_widget(self.doc, id, r)) {
                    Cats(attrs.0 & !(1 << Cat::Nav as u8))
                } else {
                    attrs
                };
                let mut tag = tag_cats(e.tag());
                // A <header> or <footer> inside an article, aside, main, nav or section heads
                // or closes that section (HTML gives it the banner or contentinfo role only
                // outside them): a landing page's sections, a post's byline or tag line.
                if matches!(e.tag(), "header" | "footer") && self.in_sectioning(id) {
                    tag = Cats::default();
                }
                Cats(tag.0 | attrs.0)
            }
            None => Cats::default(),
        }
    }

    /// Whether the element is the landmark that this tag or this ARIA role declares (`<footer>`
    /// or role=contentinfo, `<nav>` or role=navigation).
    fn is_landmark(&self, id: NodeId, tag: &str, role: &str) -> bool {
        self.doc
            .element(id)
            .is_some_and(|e| e.tag() == tag || e.attr("role").is_some_and(|r| r.trim() == role))
    }

    /// Whether the element sits in a `<nav>` or in the page's banner (a `<header>` outside any
    /// section): where a mega-menu's panels describe each link in a sentence.
    fn in_page_menu(&self, id: NodeId) -> bool {
        self.doc.inclusive_ancestors(id).any(|n| {
            self.is_landmark(n, "nav", "navigation")
                || self.is_landmark(n, "header", "banner") && !self.in_sectioning(n)
        })
    }

    /// Whether the element sits inside sectioning content or `<main>`.
    fn in_sectioning(&self, id: NodeId) -> bool {
        let mut cur = self.doc.node(id).parent;
        while let Some(n) = cur {
            if matches!(
                self.doc.tag(n),
                "article" | "aside" | "main" | "nav" | "section"
            ) {
                return true;
            }
            cur = self.doc.node(n).parent;
        }
        false
    }

    fn own(&mut self, id: NodeId) -> Cats {
        if let Some(c) = self.own[id] {
            return c;
        }
        let c = self.named(id);
        // A region holding most of the page's prose is the content, whatever it is called
        // (a forum's "comments", a paywalled story's "subscribe" wrapper): a wrapper of
        // several prose blocks, not one long block of legal text under a short story.
        let share = if self.total_prose > 0.0 {
            self.prose[id] / self.total_prose
        } else {
            0.0
        };
        let holds_title = self
            .title
            .is_some_and(|t| t != id && self.doc.is_inclusive_ancestor(id, t));
        // Comment threads can outweigh a short story, so they must hold most of the prose.
        // On an undated page (a product's, a service's), reviews below the headline are not
        // its content, however many they are.
        let dominant = if self.prose_blocks[id] < h::DOMINANT_MIN_BLOCKS {
            false
        } else if c.has(Cat::Comment) {
            share >= h::DOMINANT_PROSE_SHARE
                && !self.beside_story(id)
                && !(self.undated && !holds_title && self.names_reviews(id))
        } else {
            share >= h::LAYOUT_PROSE_SHARE && self.prose[id] >= h::LAYOUT_MIN_PROSE
        };
        // A cookie banner is never the content, however much of the page's text it holds.
        // Nor is a footer by its length alone, unless it is also named as content: what
        // piles up there is testimonials, legal text and copy written for search engines.
        // A content region is not a byline or a date line, whatever its classes say
        // ("author-jane" on a blog's `<article>`): its short lines are the story's.
        // A region only called a footer by its class that holds many paragraphs and most of
        // the page's prose ("page1-footer" around a whole story) is no footer: what piles up
        // in footers is a handful of paragraphs.
        // A <footer> (or role=contentinfo) is one, however long, and so is a region in one or
        // around one.
        let footer = c.has(Cat::Footer)
            && !c.has(Cat::Content)
            && (self.prose_blocks[id] < h::FOOTER_MAX_PROSE_BLOCKS
                || share < h::FOOTER_MAX_PROSE_SHARE
                || self
                    .doc
                    .descendants(id)
                    .any(|n| self.is_landmark(n, "footer", "contentinfo"))
                || self
                    .doc
                    .inclusive_ancestors(id)
                    .any(|n| self.is_landmark(n, "footer", "contentinfo")));
        let c = if (dominant && !footer || holds_title) && !c.has(Cat::Consent) {
            Cats(c.0 & !c.boilerplate().0 & !(1 << Cat::Byline as u8 | 1 << Cat::Date as u8))
        } else {
            c
        };
        // Menus are links, not running text: a region whose class or id names navigation
        // ("skip-item") and that holds several paragraphs of prose is a section of the text.
        // A <nav> or role=navigation is a menu for certain (its items may be links that are
        // not <a>s, and read as prose).
        let declared_nav = self.is_landmark(id, "nav", "navigation");
        let c = if self.prose_blocks[id] >= h::DOMINANT_MIN_BLOCKS
            && self.prose[id] >= h::LAYOUT_MIN_PROSE
        {
            let mut drop = 1 << Cat::Share as u8 | 1 << Cat::Ad as u8;
            if !declared_nav {
                drop |= 1 << Cat::Nav as u8;
            }
            Cats(c.0 & !drop)
        } else if c.has(Cat::Nav)
            // One card or tab panel whose class names a menu ("filter-menu-item", "navCard")
            // and that holds a paragraph of prose is a section of the page: a menu item's
            // label is a few words. Not in a <nav> or the page's banner, where a mega-menu
            // describes its links in sentences, nor a box of several teasers (prev/next
            // links, a carousel of related posts), which holds more than one paragraph.
            && !declared_nav
            && self.prose_blocks[id] == 1
            && self.prose[id] >= h::NAV_MAX_PROSE
            && !self.in_page_menu(id)
        {
            Cats(c.0 & !(1 << Cat::Nav as u8))
        } else {
            c
        };
        self.own[id] = Some(c);
        c
    }

    /// Whether the element's class or id names reviews ("customerReviews", "review-list").
    fn names_reviews(&self, id: NodeId) -> bool {
        self.doc.element(id).is_some_and(|e| {
            ["class", "id"]
                .iter()
                .any(|a| e.attr(a).is_some_and(|v| contains_ignore_case(v, "review")))
        })
    }

    /// The smallest content region (an `<article>`, an `articleBody`) holding the headline and
    /// some prose: the story, whatever follows it.
    fn story(&self) -> Option<NodeId> {
        let mut cur = self.doc.node(self.title?).parent;
        while let Some(n) = cur {
            if self.prose[n] >= h::STORY_MIN_PROSE && self.named(n).has(Cat::Content) {
                return Some(n);
            }
            cur = self.doc.node(n).parent;
        }
        None
    }

    /// Whether `id` is a thread beside the story (its comments), not around it.
    fn beside_story(&self, id: NodeId) -> bool {
        self.story().is_some_and(|s| {
            !self.doc.is_inclusive_ancestor(id, s) && !self.doc.is_inclusive_ancestor(s, id)
        })
    }

    /// Categories of `from` and its ancestors up to (not including) `stop`.
    fn between(&mut self, from: NodeId, stop: Option<NodeId>) -> Cats {
        let mut c = Cats::default();
        let mut cur = Some(from);
        while let Some(n) = cur {
            if Some(n) == stop {
                break;
            }
            c.0 |= self.own(n).0;
            cur = self.doc.node(n).parent;
        }
        c
    }

    /// The boilerplate category nearest to `from` that `counts`, walking up to `stop`: a
    /// `<header>` heading a related-stories box is in that box.
    fn nearest_boilerplate(
        &mut self,
        from: NodeId,
        stop: Option<NodeId>,
        counts: impl Fn(Cat) -> bool,
    ) -> Option<Cat> {
        let mut cur = Some(from);
        while let Some(n) = cur {
            if Some(n) == stop {
                break;
            }
            let c = self.own(n).boilerplate();
            if let Some(cat) = CAT_PRIORITY
                .iter()
                .copied()
                .find(|&k| c.has(k) && counts(k))
            {
                return Some(cat);
            }
            cur = self.doc.node(n).parent;
        }
        None
    }
}

/// Whether an element with this ARIA role is a tab's panel, or a tab list that holds the
/// panels of its tabs.
fn is_tab_widget(doc: &Document, id: NodeId, role: &str) -> bool {
    let is = |r: &str, name: &str| r.trim().eq_ignore_ascii_case(name);
    is(role, "tabpanel")
        || is(role, "tablist")
            && doc
                .descendants(id)
                .any(|n| doc.attr(n, "role").is_some_and(|r| is(r, "tabpanel")))
}

/// The category reported when a region names several: the most specific first.
const CAT_PRIORITY: &[Cat] = &[
    Cat::Consent,
    Cat::Newsletter,
    Cat::Comment,
    Cat::Share,
    Cat::Ad,
    Cat::Related,
    Cat::Breadcrumb,
    Cat::Nav,
    Cat::Modal,
    Cat::Form,
    Cat::Meta,
    Cat::Sidebar,
    Cat::Footer,
    Cat::Header,
    Cat::Hidden,
];

fn first_cat(c: Cats) -> Option<Cat> {
    CAT_PRIORITY.iter().copied().find(|&k| c.has(k))
}

fn role_of(cat: Cat) -> Role {
    match cat {
        Cat::Nav => Role::Nav,
        Cat::Breadcrumb => Role::Breadcrumb,
        Cat::Header => Role::Header,
        Cat::Footer => Role::Footer,
        Cat::Sidebar => Role::Sidebar,
        Cat::Related => Role::Related,
        Cat::Share => Role::Share,
        Cat::Comment => Role::Comment,
        Cat::Ad => Role::Ad,
        Cat::Consent => Role::Consent,
        Cat::Newsletter => Role::Newsletter,
        Cat::Form => Role::Form,
        Cat::Modal => Role::Ad,
        Cat::Meta | Cat::Byline | Cat::Date | Cat::Hidden | Cat::Content | Cat::Caption => {
            Role::Meta
        }
    }
}

/// Region categories that make a block boilerplate even inside the main container.
fn is_strong_boilerplate(cat: Cat) -> bool {
    !matches!(cat, Cat::Header | Cat::Meta | Cat::Hidden | Cat::Form)
}

/// What a block contributes to the regions that hold it.
/// Teaser cards: small boxes, repeated with the same markup, whose text is largely a link
/// (a headline linking elsewhere, a snippet, a time stamp).
struct Cards<'a> {
    doc: &'a Document,
    chars: Vec<u32>,
    link_chars: Vec<u32>,
    /// Headings below each node whose text is a link (a teaser's headline).
    linked_headings: Vec<u16>,
    /// Prose blocks below each node.
    prose_blocks: Vec<u16>,
    /// Linked headings of levels 1 to 3 below each node.
    linked_major: Vec<u16>,
    /// [`Cards::repeated`] of each node, once asked: 0 not yet, 1 no, 2 yes. Every block of a
    /// card asks about the same ancestors, each answer a scan of their siblings.
    repeated: Vec<Cell<u8>>,
}

impl<'a> Cards<'a> {
    fn new(doc: &'a Document, segs: &[Segment]) -> Self {
        let mut chars = vec![0u32; doc.nodes.len()];
        let mut link_chars = vec![0u32; doc.nodes.len()];
        let mut linked_headings = vec![0u16; doc.nodes.len()];
        let mut prose_blocks = vec![0u16; doc.nodes.len()];
        let mut linked_major_headings = vec![0u16; doc.nodes.len()];
        for s in segs {
            // A headline that links away; a heading whose link is to its own place in the page
            // (a permalink, a back-link to the table of contents) is a section's.
            let linked_heading = matches!(s.shape, Shape::Heading(_))
                && s.features.link_density() >= h::LINKED_HEADING_SHARE
                && !in_page_link(doc, s.nodes[0]);
            let prose = is_prose(s);
            let linked_major = linked_heading && matches!(s.shape, Shape::Heading(1..=3));
            let mut cur = Some(s.nodes[0]);
            while let Some(n) = cur {
                chars[n] += s.features.chars;
                link_chars[n] += s.features.link_chars;
                linked_headings[n] += u16::from(linked_heading);
                prose_blocks[n] = prose_blocks[n].saturating_add(u16::from(prose));
                linked_major_headings[n] += u16::from(linked_major);
                cur = doc.node(n).parent;
            }
        }
        Cards {
            doc,
            chars,
            link_chars,
            linked_headings,
            prose_blocks,
            linked_major: linked_major_headings,
            repeated: vec![Cell::new(0); doc.nodes.len()],
        }
    }

    /// Whether the block sits in a repeated card below the main container.
    fn is_teaser(&self, s: &Segment, main: Option<NodeId>) -> bool {
        let doc = self.doc;
        let mut cur = doc.node(s.nodes[0]).parent;
        while let Some(a) = cur {
            if Some(a) == main {
                return false;
            }
            let chars = self.chars[a];
            if chars > h::CARD_MAX_CHARS {
                return false;
            }
            // A teaser is a linked headline and a snippet; under a linked section heading (h1
            // to h3), paragraphs of running text are a section of the story (a list article's
            // entries). A poster's name over a forum post is a lesser heading.
            let section =
                self.linked_major[a] == 1 && self.prose_blocks[a] >= h::CARD_MAX_PROSE_BLOCKS;
            let linky = self.link_chars[a] as f32 >= h::CARD_MIN_LINK_SHARE * chars as f32
                || self.linked_headings[a] == 1 && !section;
            if linky && self.repeated(a) {
                return true;
            }
            cur = doc.node(a).parent;
        }
        false
    }

    /// Whether a heading that links away heads a section of running text: the nearest box
    /// around it with prose holds three or more paragraphs and no other linked heading (a list
    /// article's entry, whose name links to the thing reviewed).
    fn heads_section(&self, s: &Segment) -> bool {
        if !matches!(s.shape, Shape::Heading(1..=3)) {
            return false;
        }
        self.doc
            .inclusive_ancestors(s.nodes[0])
            .skip(1)
            .take(h::HEADING_LINK_MAX_DEPTH)
            .find(|&a| self.prose_blocks[a] > 0)
            .is_some_and(|a| {
                self.linked_major[a] == 1 && self.prose_blocks[a] >= h::CARD_MAX_PROSE_BLOCKS
            })
    }

    /// Whether the block sits in a box below `main` that repeats among its siblings (an item
    /// of a grid: a product's name, price and fields), however little of it is linked.
    fn in_repeated_item(&self, s: &Segment, main: Option<NodeId>) -> bool {
        let doc = self.doc;
        doc.inclusive_ancestors(s.nodes[0])
            .skip(1)
            .take_while(|&a| Some(a) != main && self.chars[a] <= h::CARD_MAX_CHARS)
            .any(|a| self.repeated(a))
    }

    /// Whether enough siblings share the element's tag and class.
    fn repeated(&self, id: NodeId) -> bool {
        let known = self.repeated[id].get();
        if known != 0 {
            return known == 2;
        }
        let r = like_siblings(self.doc, id, |c| self.link_chars[c] > 0) >= h::CARD_MIN_REPEATS;
        self.repeated[id].set(1 + u8::from(r));
        r
    }
}

/// Whether a heading's link (the link around it, or the first one in it) goes to a place in the
/// same page (`#section-2`): a permalink or a back-link to the contents, not a headline's link.
fn in_page_link(doc: &Document, heading: NodeId) -> bool {
    let around = doc
        .inclusive_ancestors(heading)
        .skip(1)
        .take(h::HEADING_LINK_MAX_DEPTH)
        .find(|&n| doc.tag(n) == "a");
    let link = around.or_else(|| {
        doc.descendants(heading)
            .find(|&d| doc.tag(d) == "a" && doc.attr(d, "href").is_some())
    });
    link.and_then(|a| doc.attr(a, "href"))
        .is_some_and(|u| u.len() > 1 && u.starts_with('#'))
}

/// How the page is read: see [`classify`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Reading {
    Article,
    Listing,
    /// A thread: the replies are the content.
    Discussion,
}

impl Reading {
    /// Whether a region of this category counts against the container holding it.
    fn counts_against(self, cat: Cat) -> bool {
        match self {
            Reading::Article => is_strong_boilerplate(cat),
            // A listing's cards are often named as related items; a sidebar beside them is
            // still a sidebar.
            Reading::Listing => is_strong_boilerplate(cat) && cat != Cat::Related,
            Reading::Discussion => {
                is_strong_boilerplate(cat) && !matches!(cat, Cat::Sidebar | Cat::Comment)
            }
        }
    }
}

/// How many of the element's siblings (itself included, among the first
/// [`h::CARD_SIBLING_SCAN`]) share its tag and have classes alike and pass `keep`.
fn like_siblings(doc: &Document, id: NodeId, keep: impl Fn(NodeId) -> bool) -> usize {
    let Some(parent) = doc.node(id).parent else {
        return 0;
    };
    let tag = doc.tag(id);
    let class = doc.attr(id, "class").unwrap_or("");
    doc.element_children(parent)
        .take(h::CARD_SIBLING_SCAN)
        .filter(|&c| doc.tag(c) == tag && alike_classes(class, doc.attr(c, "class").unwrap_or("")))
        .filter(|&c| keep(c))
        .count()
}

/// Whether two siblings' classes make them alike: the same, or one's names all among the
/// other's (a grid's items marked "first" and "last" of their row: "product", "product last").
fn alike_classes(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let within = |x: &str, y: &str| {
        x.split_ascii_whitespace().next().is_some()
            && x.split_ascii_whitespace()
                .all(|n| y.split_ascii_whitespace().any(|m| m == n))
    };
    within(a, b) || within(b, a)
}

/// Whether `found` (the article reading's container) is one post of a thread inside
/// `thread`: it, or an element a few levels above it, is one of several siblings of the same
/// tag and class, all inside `thread`. The first post of a forum topic looks like its
/// replies; an article's body does not look like the comments under it.
fn is_one_of_posts(doc: &Document, prose: &[f32], found: NodeId, thread: NodeId) -> bool {
    let mut cur = found;
    for _ in 0..=h::POST_MAX_DEPTH {
        let Some(parent) = doc.node(cur).parent else {
            return false;
        };
        if !doc.is_inclusive_ancestor(thread, parent) {
            return false;
        }
        let named = doc.attr(cur, "class").is_some_and(|c| !c.is_empty());
        if named
            && like_siblings(doc, cur, |c| prose[c] >= h::POST_MIN_PROSE) >= h::POST_MIN_REPEATS
        {
            return true;
        }
        cur = parent;
    }
    false
}

/// The container found can be a page wrapper whose prose is mostly in one child (the story
/// plus a sidebar blurb or a poll): step down while one child holds nearly all of it.
fn narrow_main(doc: &Document, prose: &[f32], main: NodeId) -> NodeId {
    let mut m = main;
    loop {
        let total = prose[m];
        if total <= 0.0 {
            return m;
        }
        let Some(child) = doc
            .element_children(m)
            .max_by(|&a, &b| prose[a].total_cmp(&prose[b]))
        else {
            return m;
        };
        if prose[child] < h::NARROW_SHARE * total {
            return m;
        }
        m = child;
    }
}

/// The parent of `main` when `main` is one section among others: at least
/// [`h::SECTIONS_MIN_OTHERS`] of its siblings, named as no boilerplate region, each carry at
/// least [`h::SECTION_MIN_SHARE`] of what `main` carries (`gain_sums`: content value counting
/// nothing against it). Otherwise `main`.
fn widen_to_sections(
    doc: &Document,
    regions: &mut Regions,
    gain_sums: &[f32],
    main: NodeId,
) -> NodeId {
    let Some(parent) = doc.node(main).parent else {
        return main;
    };
    if doc.tag(parent) == "html" {
        return main;
    }
    let least = h::SECTION_MIN_SHARE * gain_sums[main];
    let sections = doc
        .element_children(parent)
        .filter(|&c| {
            c != main
                && gain_sums[c] > 0.0
                && gain_sums[c] >= least
                && regions.own(c).boilerplate().0 == 0
        })
        .count();
    if sections >= h::SECTIONS_MIN_OTHERS {
        parent
    } else {
        main
    }
}

/// Content value summed up the tree, per node.
fn sum_values(doc: &Document, segs: &[Segment], values: &[f32]) -> Vec<f32> {
    let mut sums = vec![0f32; doc.nodes.len()];
    for (s, &v) in segs.iter().zip(values) {
        let mut cur = if s.shape == Shape::Run {
            doc.node(s.nodes[0]).parent
        } else {
            Some(s.nodes[0])
        };
        while let Some(n) = cur {
            sums[n] += v;
            cur = doc.node(n).parent;
        }
    }
    sums
}

/// The element whose blocks add up to the most content value.
fn pick_main(doc: &Document, sums: &[f32]) -> Option<NodeId> {
    sums.iter()
        .enumerate()
        .filter(|&(n, &v)| v > 0.0 && doc.element(n).is_some())
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        .map(|(n, _)| n)
}

fn content_value(s: &Segment, cats: Cats, reading: Reading, in_card: bool) -> f32 {
    let f = &s.features;
    let nonlink = f.chars.saturating_sub(f.link_chars) as f32;
    let prose = is_prose(s);
    let mut v = if prose {
        nonlink
    } else if is_listed_headline(s, reading, in_card) {
        // In a listing, a linked headline or card is the content itself.
        f.chars as f32 * h::LISTING_LINK_WEIGHT
    } else if reading == Reading::Listing && in_card {
        // A card's row of links (author, time, comments) belongs to the card.
        0.0
    } else if f.link_density() > h::LINK_HEAVY {
        -(f.chars as f32) * h::LINK_PENALTY - f.links as f32 * h::PER_LINK_PENALTY
    } else {
        nonlink * h::SHORT_TEXT_WEIGHT
    };
    // A listing's cards are often named as related items, but a block that is also in a region
    // the listing counts against (a modal, a header, a footer around a "promo" box) is that.
    let boilerplate = cats.boilerplate();
    let against = if reading == Reading::Listing {
        CAT_PRIORITY
            .iter()
            .any(|&c| boilerplate.has(c) && reading.counts_against(c))
    } else {
        first_cat(boilerplate).is_some_and(|c| reading.counts_against(c))
    };
    if against || (in_card && reading == Reading::Article) {
        v = -v.abs() * h::BOILERPLATE_REGION_WEIGHT;
    }
    v
}

/// In a listing (or a thread), a linked headline is the content itself: a story's headline, or
/// in a repeated card, its name however short (a product's, a job's; one word is more often
/// a control: "More", "Buy"). In a listing, so is a list of links of some length, or a table
/// of as many rows (a job board's, a list of laureates): an index page's lists and tables are
/// what it lists (menus are named as navigation, or sit outside).
fn is_listed_headline(s: &Segment, reading: Reading, in_card: bool) -> bool {
    let f = &s.features;
    match s.shape {
        Shape::List | Shape::Table => {
            reading == Reading::Listing && f.items >= h::LISTED_LIST_MIN_ITEMS && f.words >= f.items
        }
        _ => {
            reading != Reading::Article
                && f.links <= h::HEADLINE_MAX_LINKS
                && (f.words >= h::HEADLINE_MIN_WORDS || in_card && f.words >= 2)
        }
    }
}

/// A list of linked items whose texts are cut off ("… may soon..."): teasers of other
/// stories, each a headline and the start of its text.
fn is_snippet_list(s: &Segment, text: &str) -> bool {
    let f = &s.features;
    if s.shape != Shape::List || f.items < h::SNIPPET_LIST_MIN_ITEMS || f.links < f.items {
        return false;
    }
    let cut = text
        .lines()
        .filter(|l| {
            let l = l.trim_end();
            l.ends_with("...") || l.ends_with('…')
        })
        .count();
    cut * 2 >= f.items as usize
}

/// Reads as running text: enough words, few links, and sentence punctuation. Text whose words
/// are mostly numbers and codes (a grid of prices and sizes, a string of identifiers that a
/// script turns into a label) is data, however long.
fn is_prose(s: &Segment) -> bool {
    let f = &s.features;
    f.link_density() <= h::PROSE_MAX_LINK_DENSITY
        && f.digit_words * 2 <= f.words
        && (f.words >= h::PROSE_MIN_WORDS && (f.stops + f.commas) >= 1
            || f.chars >= h::PROSE_MIN_CHARS)
}

/// A paragraph that is a sentence with a link in it ("He was <a>sentenced to life</a>."): its
/// own words around the link are a clause, and it ends as a sentence does.
fn is_linked_sentence(s: &Segment) -> bool {
    let f = &s.features;
    s.shape == Shape::Paragraph
        && f.ends_sentence
        && f.words >= h::PROSE_MIN_WORDS
        && f.chars.saturating_sub(f.link_chars) >= h::LINKED_SENTENCE_MIN_OWN_CHARS
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(crate::lower::lower_char)
        .collect()
}

/// The block that is the article's headline: a heading whose text is (in) the title.
fn find_title(
    blocks: &[Block],
    segs: &[Segment],
    meta: &Metadata,
    main: Option<NodeId>,
    doc: &Document,
) -> Option<usize> {
    let title = normalise(meta.title.as_deref()?);
    if title.is_empty() {
        return None;
    }
    let mut best: Option<(usize, i32)> = None;
    for (i, (b, s)) in blocks.iter().zip(segs).enumerate() {
        let Shape::Heading(level) = s.shape else {
            continue;
        };
        let t = normalise(&b.text);
        if t.len() < 4 {
            continue;
        }
        let matches = t == title
            || (title.contains(&t) && t.len() * 2 >= title.len())
            || (t.contains(&title) && title.len() * 2 >= t.len());
        if !matches {
            continue;
        }
        let mut score = 10 - level as i32;
        if t == title {
            score += 5;
        }
        if let Some(m) = main {
            if doc.is_inclusive_ancestor(m, s.features.node) {
                score += 3;
            }
        }
        if best.is_none_or(|(_, bs)| score > bs) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

pub(crate) fn classify(
    doc: &Document,
    blocks: &mut [Block],
    segs: &[Segment],
    meta: &Metadata,
    declared: Declared,
) {
    if blocks.is_empty() {
        return;
    }
    let mut regions = Regions::new(doc, segs);
    let title = find_title(blocks, segs, meta, None, doc);
    regions.title = title.map(|t| segs[t].nodes[0]);
    regions.undated = meta.published.is_none() && !declared.article;
    let cats: Vec<Cats> = segs
        .iter()
        .map(|s| regions.between(s.nodes[0], None))
        .collect();
    // Two readings of the page: as an article (teaser and related regions count against
    // their container) and as a listing (they count for it; a sidebar counts against both). The listing reading wins when
    // the article reading leaves most of the page's prose out: the teasers are the content.
    let cards = Cards::new(doc, segs);
    // A quote is never a teaser card: embedded posts (tweets, toots) repeat like cards.
    let thread_replies =
        numbered_replies(blocks, &cats) || titled_replies(blocks, &cats, meta.title.as_deref());
    let in_card: Vec<bool> = segs
        .iter()
        .map(|s| s.shape != Shape::Quote && cards.is_teaser(s, None))
        .collect();
    let article_values: Vec<f32> = segs
        .iter()
        .zip(&cats)
        .zip(&in_card)
        .map(|((s, &c), &card)| content_value(s, c, Reading::Article, card))
        .collect();
    let article_sums = sum_values(doc, segs, &article_values);
    let mut best = (
        pick_main(doc, &article_sums),
        Reading::Article,
        article_values,
    );
    // A listing reading held back in case nothing else wins: see `cards_are_content`.
    let mut held_listing: Option<(NodeId, Vec<f32>)> = None;
    // What the reading so far weighs: its container's prose, or what won the listing
    // reading its place (a grid of named cards holds little prose, and a few replies
    // elsewhere must outweigh the grid, not its prose).
    let mut best_weight = best.0.map_or(0.0, |c| regions.prose[c]);
    for (reading, switch) in [
        (Reading::Listing, h::LISTING_SWITCH),
        (Reading::Discussion, h::DISCUSSION_SWITCH),
    ] {
        let values: Vec<f32> = segs
            .iter()
            .zip(&cats)
            .zip(&in_card)
            .map(|((s, &c), &card)| content_value(s, c, reading, card))
            .collect();
        let sums = sum_values(doc, segs, &values);
        let Some(main) = pick_main(doc, &sums) else {
            continue;
        };
        // A listing's content is headlines more than prose: when the article reading found
        // little prose, weigh what the listing reading counts (linked headlines, snippets).
        let little_prose = best
            .0
            .is_none_or(|c| regions.prose[c] < h::LISTING_MAX_ARTICLE_PROSE);
        // An undated page (a service's, a shop's) whose listing reading widens the article
        // reading's container: the article reading kept its longest section.
        let widens_undated = reading == Reading::Listing
            && meta.published.is_none()
            && !declared.article
            && best.0.is_some_and(|c| doc.is_inclusive_ancestor(main, c));
        // A shop's category page holds its intro text and, beside it, a grid of items whose
        // linked names hold little prose: when the wider container holds more prose than the
        // intro (a note, the items' blurbs), weigh the grid too. Not on a product's page (its
        // container is the product), nor when the widening takes the whole page.
        let weighs_grid = widens_undated
            && !declared.product
            && !matches!(doc.tag(main), "html" | "body")
            && best
                .0
                .is_some_and(|c| regions.prose[main] > regions.prose[c]);
        let weight = if reading == Reading::Listing && (little_prose || weighs_grid) {
            sums[main].max(regions.prose[main])
        } else {
            regions.prose[main]
        };
        // The article reading's container can be a grid of teaser cards with little else (a
        // blog's front page, a guide's list of resources, each a linked name and a line): the
        // listing reading takes the same container (or one around it), and what the article
        // reading keeps of it, once its cards count against it, is less than
        // [`h::CARDS_CONTENT_SHARE`] of what the listing reading finds there, some of it in
        // the cards. Such a page's cards are its content. A story with a strip of related
        // stories keeps most of its value: its prose outweighs the strip.
        let cards_are_content = |article: NodeId| {
            reading == Reading::Listing
                && best.1 == Reading::Article
                && doc.is_inclusive_ancestor(main, article)
                && article_sums[article] < h::CARDS_CONTENT_SHARE * sums[article]
                && segs
                    .iter()
                    .enumerate()
                    .filter(|&(i, s)| in_card[i] && doc.is_inclusive_ancestor(article, s.nodes[0]))
                    .map(|(i, _)| values[i] - best.2[i])
                    .sum::<f32>()
                    > 0.0
        };
        // Held back in case nothing else wins. A listing reading that takes the whole page
        // keeps to the grid's container: what the page puts around the grid stays out.
        if let Some(article) = best.0.filter(|&a| cards_are_content(a)) {
            let container = if matches!(doc.tag(main), "html" | "body") {
                article
            } else {
                main
            };
            held_listing = Some((container, values.clone()));
        }
        // A page that calls itself an article, whose story has a region of its own, keeps
        // its story however long the comments under it run (a forum calls itself a
        // discussion, or has no story region apart from its posts).
        // A product page's reviews are not its content, however many there are.
        // A listing that takes the whole page does not replace a story: the article reading's
        // container is (or holds) the story region under the headline, and what the page adds
        // around it is teasers of other stories, however much prose their summaries hold.
        if reading == Reading::Listing
            && matches!(doc.tag(main), "html" | "body")
            && best.0.is_some_and(|c| {
                regions.prose[c] >= h::LISTING_MAX_ARTICLE_PROSE
                    && regions.story().is_some_and(|st| {
                        doc.is_inclusive_ancestor(st, c) || doc.is_inclusive_ancestor(c, st)
                    })
            })
        {
            continue;
        }
        if reading == Reading::Discussion && declared.product {
            continue;
        }
        if reading == Reading::Discussion
            && declared.article
            && !declared.discussion
            && regions
                .story()
                .is_some_and(|story| !doc.is_inclusive_ancestor(story, main))
        {
            continue;
        }
        // An undated page (a service's, a shop's) spreads its content over sections of uneven
        // size: a listing reading that widens the article's container wins more easily.
        let switch = if widens_undated {
            h::LISTING_SWITCH_UNDATED
        } else {
            switch
        };
        // Replies outweigh a listing by its weight (its named cards), not by its prose.
        let switch_over = |current: Reading| {
            if current == Reading::Listing && reading == Reading::Discussion {
                h::DISCUSSION_OVER_LISTING_SWITCH
            } else {
                switch
            }
        };
        let wins = match best.0 {
            None => true,
            Some(current) => {
                current != main
                    && (best_weight < switch_over(best.1) * weight
                        || reading == Reading::Discussion
                            && best.1 == Reading::Article
                            && regions.prose[current] < h::POST_SWITCH * regions.prose[main]
                            && (is_one_of_posts(doc, &regions.prose, current, main)
                                || (declared.discussion || thread_replies)
                                    && doc.is_inclusive_ancestor(main, current)))
            }
        };
        if wins {
            best = (Some(main), reading, values);
            best_weight = weight;
        }
    }
    if best.1 == Reading::Article {
        if let Some((main, values)) = held_listing {
            best = (Some(main), Reading::Listing, values);
        }
    }
    let (main, reading, values) = best;
    let outer = main;
    let main = match reading {
        // Only on pages that declare a publication date: a story has one body, while a
        // service or product page spreads its content over sections of uneven size.
        Reading::Article if meta.published.is_some() => {
            main.map(|m| narrow_main(doc, &regions.prose, m))
        }
        _ => main,
    };
    let sums = sum_values(doc, segs, &values);
    // What each element's blocks carry, counting none against it.
    let gains: Vec<f32> = values.iter().map(|&v| v.max(0.0)).collect();
    let gain_sums = sum_values(doc, segs, &gains);
    // A service's landing page is a run of sections (what it covers, how it works, the
    // plans, questions), each a heading and a few short lines: the article reading keeps the
    // one with the most prose. Only on an undated page that declares neither an article nor a
    // product (a story or a product has one body), read as an article.
    let main = match main {
        Some(m)
            if reading == Reading::Article
                && meta.published.is_none()
                && !declared.article
                && !declared.product =>
        {
            Some(widen_to_sections(doc, &mut regions, &gain_sums, m))
        }
        _ => main,
    };
    // A story split across sibling containers (lead paragraphs in one, the rest in the next):
    // siblings of the main container that carry real content join it. What a sibling carries
    // is its content alone: a question's comment thread beside it does not make the question
    // (above a thread's answers) less of the text, and stays out by its own name.
    let parent = main.and_then(|m| doc.node(m).parent);
    // The main container's sibling that holds `n`, and whether it carries enough to join.
    let sibling_of_main = |n: NodeId| -> Option<bool> {
        let (Some(m), Some(p)) = (main, parent) else {
            return None;
        };
        let mut cur = n;
        while let Some(up) = doc.node(cur).parent {
            if up == p {
                return (cur != m).then(|| gain_sums[cur] >= h::SIBLING_MIN_SHARE * sums[m]);
            }
            cur = up;
        }
        None
    };

    let title = find_title(blocks, segs, meta, main, doc).or(title);
    // On an undated page (a product's, a shop's), a block that is the page's declared
    // description (its own, or its JSON-LD product's), or a part of it, is the page's own
    // text: its summary, or the product's description in a collapsed "read more" panel, a
    // sheet, a box the page names otherwise.
    let descriptions: Vec<String> = [
        meta.description.as_deref(),
        declared.product_description.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|_| meta.published.is_none())
    .map(normalise)
    .collect();
    let from_description = |text: &str| {
        text.len() >= h::DESCRIPTION_MIN_CHARS && !descriptions.is_empty() && {
            let t = normalise(text);
            t.chars().count() >= h::DESCRIPTION_MIN_CHARS
                && descriptions.iter().any(|d| d.contains(t.as_str()))
        }
    };
    // Whether a block's text occurs once on the page: a card's own tags, not a row that
    // every card repeats. Only a listing asks.
    let once: Vec<bool> = if reading != Reading::Listing {
        Vec::new()
    } else {
        let mut counts: FnvMap<&str, u32> = FnvMap::default();
        for b in blocks.iter() {
            *counts.entry(b.text.trim()).or_default() += 1;
        }
        blocks.iter().map(|b| counts[b.text.trim()] == 1).collect()
    };
    let first_in_main = segs
        .iter()
        .position(|s| main.is_some_and(|m| doc.is_inclusive_ancestor(m, s.nodes[0])))
        .unwrap_or(0);

    for (i, (b, s)) in blocks.iter_mut().zip(segs).enumerate() {
        let v = values[i];
        let inside = main.is_some_and(|m| doc.is_inclusive_ancestor(m, s.nodes[0]));
        let near_title = title.is_some_and(|t| i.abs_diff(t) <= h::BYLINE_MAX_DISTANCE);
        let local = if inside {
            regions.nearest_boilerplate(s.nodes[0], main, |c| reading.counts_against(c))
        } else {
            None
        };
        let f = &s.features;
        if Some(i) == title {
            set_article(b, Kind::Title, h::SCORE_TITLE, "title-matches-metadata");
            continue;
        }
        if inside {
            // A heading that links to its own place in the page ("#what-to-know") heads a
            // section of the story, however alike the boxes around the headings are.
            if reading == Reading::Article
                && in_card[i]
                && cards.is_teaser(s, main)
                && !(matches!(s.shape, Shape::Heading(_)) && in_page_link(doc, s.nodes[0]))
            {
                set_boilerplate(b, Role::Teaser, 0.25, "repeated-card");
                continue;
            }
            if local.is_some() && from_description(&b.text) {
                set_article(b, kind_of(s, &cats[i]), 0.6, "description-matches-metadata");
                continue;
            }
            if let Some(cat) = local {
                // A stat line in a comments or reviews box ("4.6 (318 reviews)") is a counter.
                let role = if is_counter(s, &b.text, cats[i]) {
                    Role::Counter
                } else {
                    role_of(cat)
                };
                set_boilerplate(b, role, 0.2, cat_reason(cat));
                continue;
            }
            // In a listing, a linked heading inside the container names an entry however
            // short ("Hamnet", a film; "Health", a section of a front page). Only here, not
            // in the container's weighing: short linked headings also head menus' columns.
            let headline = is_listed_headline(s, reading, in_card[i])
                || reading != Reading::Article
                    && matches!(s.shape, Shape::Heading(_))
                    && f.links <= h::HEADLINE_MAX_LINKS
                // A card's short list of tags ("Semi-open / Dynamic"), its own: met once on
                // the page, without numbers, not a profile's fields (a `<dl>`).
                || reading == Reading::Listing
                    && in_card[i]
                    && s.shape == Shape::List
                    && f.links <= h::HEADLINE_MAX_LINKS
                    && f.words <= h::TAG_LIST_MAX_WORDS_PER_ITEM * f.items
                    && f.digit_words == 0
                    && once[i]
                    && doc.tag(s.nodes[0]) != "dl";
            if reading == Reading::Article && is_snippet_list(s, &b.text) {
                set_boilerplate(b, Role::Teaser, 0.25, "snippet-list");
                continue;
            }
            // A heading that links to its own place in the page is a section's heading.
            let section_heading = matches!(s.shape, Shape::Heading(_))
                && (in_page_link(doc, s.nodes[0]) || cards.heads_section(s));
            if f.link_density() > h::LINK_HEAVY
                && !is_prose(s)
                && !headline
                && !is_linked_sentence(s)
                && !section_heading
            {
                set_boilerplate(
                    b,
                    if f.items > 1 {
                        Role::Related
                    } else {
                        Role::Meta
                    },
                    0.25,
                    "link-heavy",
                );
                continue;
            }
            if near_title && is_date_line(s, &b.text) {
                set_article(b, Kind::Date, 0.7, "date-near-title");
                continue;
            }
            // On an undated page (a shop's), a number in an item of a grid is one of the
            // item's fields ("68 liters", "3.5 lbs", "Save 40%", "12 reviews"), not a counter.
            if is_counter(s, &b.text, cats[i])
                && !(meta.published.is_none()
                    && !declared.article
                    && cards.in_repeated_item(s, main))
            {
                set_boilerplate(b, Role::Counter, 0.2, "counter");
                continue;
            }
            if is_bare_url(&b.text) {
                set_boilerplate(b, Role::Meta, 0.2, "bare-url");
                continue;
            }
            let kind = kind_of(s, &cats[i]);
            let score = (0.6 + v.max(0.0) / 400.0).min(0.99);
            set_article(b, kind, score, "in-main-container");
            continue;
        }
        // Outside the main container.
        let near = regions.nearest_boilerplate(s.nodes[0], None, |_| true);
        // The page's declared description, or part of it, outside the container: its summary
        // (a product's blurb beside its picture) or its description (in a sheet that slides
        // in, an `<aside>`), wherever the layout put it.
        if f.link_density() <= h::LINK_HEAVY && from_description(&b.text) {
            set_article(b, kind_of(s, &cats[i]), 0.6, "description-matches-metadata");
            continue;
        }
        if near_title
            && f.words <= h::BYLINE_MAX_WORDS
            && (cats[i].has(Cat::Byline) || cats[i].has(Cat::Date) || is_date_line(s, &b.text))
            && f.link_density() <= h::LINK_HEAVY
        {
            let kind = if cats[i].has(Cat::Byline) {
                Kind::Byline
            } else {
                Kind::Date
            };
            set_article(b, kind, 0.7, "byline-or-date-near-title");
            continue;
        }
        // Between the headline and the container, a sibling's paragraph of some length is the
        // text's opening (a question above its answers), however little it weighs beside the
        // container.
        let opening = title.is_some_and(|t| t < i && i < first_in_main)
            && s.shape == Shape::Paragraph
            && f.ends_sentence
            && f.words >= h::OPENING_MIN_WORDS
            && !cats[i].has(Cat::Caption);
        if near.is_none()
            && is_prose(s)
            && sibling_of_main(s.nodes[0]).is_some_and(|joins| joins || opening)
        {
            set_article(b, kind_of(s, &cats[i]), 0.6, "sibling-of-main-container");
            continue;
        }
        // Right after the headline, before the narrowed container, inside the container
        // first found: the standfirst.
        let in_lead = title
            .is_some_and(|t| t < i && i < first_in_main && i - t <= h::LEAD_MAX_DISTANCE)
            && outer.is_some_and(|o| doc.is_inclusive_ancestor(o, s.nodes[0]));
        if in_lead
            && near.is_none()
            && is_prose(s)
            && !matches!(s.shape, Shape::Figure | Shape::Caption)
            && f.link_density() <= h::LINK_HEAVY
        {
            set_article(b, kind_of(s, &cats[i]), 0.6, "lead-before-main-container");
            continue;
        }
        // On an undated page (a product's), between the headline and the container below it
        // (the product's description), the buy box's own text and lists (its key features) are
        // the product's, not a header: prose or a list, outside any region named as
        // boilerplate, not a card of a grid, not links.
        let product_head = title.is_some_and(|t| t < i && i < first_in_main)
            && meta.published.is_none()
            && !declared.article
            && near.is_none()
            && !in_card[i]
            && (is_prose(s) || s.shape == Shape::List)
            && f.link_density() <= h::LINK_HEAVY;
        if product_head {
            set_article(b, kind_of(s, &cats[i]), 0.6, "between-title-and-container");
            continue;
        }
        let role = match near {
            _ if is_counter(s, &b.text, cats[i]) => Role::Counter,
            Some(cat) => role_of(cat),
            None if f.link_density() > h::LINK_HEAVY => Role::Nav,
            None => match main {
                Some(m) if s.nodes[0] < m => Role::Header,
                _ => Role::Footer,
            },
        };
        let reason = near.map_or("outside-main-container", cat_reason);
        let score = if is_prose(s) { 0.35 } else { 0.1 };
        set_boilerplate(b, role, score, reason);
        if cats[i].has(Cat::Byline) || cats[i].has(Cat::Date) {
            b.reasons.push("byline-or-date-outside".into());
        }
    }
    join_description_panels(doc, blocks, segs, &mut regions, title, main);
    rejoin_sandwiched(blocks, segs);
    if reading == Reading::Article {
        keep_linked_section_headings(blocks, segs);
    }
    extend_boilerplate_headings(doc, blocks, segs);
    drop_markup_text(blocks);
    drop_repeats(doc, blocks, segs);
    if reading == Reading::Article {
        mark_captions(blocks, segs, &cats, &in_card);
        drop_repeated_labels(blocks, segs);
        drop_trailing_link_list(blocks, segs);
    }
    drop_repeated_fields(doc, blocks, segs);
}

/// A panel (a sheet that slides in, a modal) holding part of the declared description is the
/// product's own information sheet: its other text (materials, care, measurements) is the
/// page's too. The panel is the outermost one around that part which holds neither the headline
/// nor the container.
fn join_description_panels(
    doc: &Document,
    blocks: &mut [Block],
    segs: &[Segment],
    regions: &mut Regions,
    title: Option<usize>,
    main: Option<NodeId>,
) {
    let mut panels: Vec<NodeId> = Vec::new();
    for (b, s) in blocks.iter().zip(segs) {
        if b.reasons
            .last()
            .is_some_and(|r| r == "description-matches-metadata")
        {
            if let Some(p) = doc
                .inclusive_ancestors(s.nodes[0])
                .take_while(|&n| {
                    // A panel is beside the page's own text, not around it.
                    !title.is_some_and(|t| doc.is_inclusive_ancestor(n, segs[t].nodes[0]))
                        && !main.is_some_and(|m| doc.is_inclusive_ancestor(n, m))
                })
                .filter(|&n| regions.own(n).has(Cat::Modal))
                .last()
            {
                if !panels.contains(&p) {
                    panels.push(p);
                }
            }
        }
    }
    for (b, s) in blocks.iter_mut().zip(segs) {
        if b.label == Label::Boilerplate
            && b.reasons.last().is_some_and(|r| r == "region:modal")
            && s.features.link_density() <= h::LINK_HEAVY
            && panels
                .iter()
                .any(|&p| doc.is_inclusive_ancestor(p, s.nodes[0]))
        {
            let kind = kind_of(s, &Cats::default());
            set_article(b, kind, 0.55, "in-description-panel");
        }
    }
}

/// A paragraph of prose left outside the container, in no named region, between two of the
/// story's paragraphs (an ad or two may sit between): a story split over several wrappers,
/// one of them too small to count as the container's sibling.
fn rejoin_sandwiched(blocks: &mut [Block], segs: &[Segment]) {
    let is_story_paragraph =
        |b: &Block| b.label == Label::Article && b.kind == Some(Kind::Paragraph);
    let skippable = |b: &Block| b.label == Label::Boilerplate && b.role == Some(Role::Ad);
    let near = |range: &mut dyn Iterator<Item = usize>, blocks: &[Block]| {
        range
            .take(h::SANDWICH_MAX_SKIP + 1)
            .find(|&j| !skippable(&blocks[j]))
            .is_some_and(|j| is_story_paragraph(&blocks[j]))
    };
    for i in 1..blocks.len().saturating_sub(1) {
        let b = &blocks[i];
        let candidate = b.label == Label::Boilerplate
            && b.reasons
                .first()
                .is_some_and(|r| r == "outside-main-container")
            && segs[i].shape == Shape::Paragraph
            && is_prose(&segs[i]);
        if candidate && near(&mut (0..i).rev(), blocks) && near(&mut (i + 1..blocks.len()), blocks)
        {
            blocks[i].reasons.clear();
            set_article(
                &mut blocks[i],
                Kind::Paragraph,
                0.55,
                "between-story-paragraphs",
            );
        }
    }
}

/// A heading that links away ("Grey Sweater", to the restaurant's site), dropped as a link,
/// between the story's blocks and followed by a paragraph of prose or a list of it, names the
/// section that paragraph begins: a list article's entry, whose name links to the thing reviewed.
fn keep_linked_section_headings(blocks: &mut [Block], segs: &[Segment]) {
    for i in 1..blocks.len().saturating_sub(1) {
        let (b, s) = (&blocks[i], &segs[i]);
        let candidate = b.label == Label::Boilerplate
            && matches!(s.shape, Shape::Heading(2..=4))
            && b.reasons.first().is_some_and(|r| r == "link-heavy")
            && s.features.links <= h::HEADLINE_MAX_LINKS;
        let story = |b: &Block| b.label == Label::Article && b.kind != Some(Kind::Title);
        // The section's text: a paragraph of prose (not a card's next line), or a list.
        let opens = |b: &Block, s: &Segment| {
            b.label == Label::Article
                && (b.kind == Some(Kind::List) || b.kind == Some(Kind::Paragraph) && is_prose(s))
        };
        if candidate && story(&blocks[i - 1]) && opens(&blocks[i + 1], &segs[i + 1]) {
            blocks[i].reasons.clear();
            set_article(
                &mut blocks[i],
                Kind::Heading,
                0.55,
                "linked-section-heading",
            );
        }
    }
}

/// A one-word line beside the story's prose that recurs on the page ("Advert", "Close",
/// "Caption") labels the page's furniture; it is not the story's text. (Only in the article
/// reading: a listing's cards repeat their one-word fields.)
fn drop_repeated_labels(blocks: &mut [Block], segs: &[Segment]) {
    let mut count: FnvMap<&str, u32> = FnvMap::default();
    for b in blocks.iter() {
        *count.entry(b.text.trim()).or_default() += 1;
    }
    let mut labels = Vec::new();
    for (i, (b, s)) in blocks.iter().zip(segs).enumerate() {
        let f = &s.features;
        if b.label == Label::Article
            && matches!(s.shape, Shape::Paragraph | Shape::Run)
            && f.words == 1
            && !f.ends_sentence
            && count.get(b.text.trim()).is_some_and(|&n| n >= 2)
            && (i > 0 && is_prose(&segs[i - 1]) || segs.get(i + 1).is_some_and(is_prose))
        {
            labels.push(i);
        }
    }
    for i in labels {
        set_boilerplate(&mut blocks[i], Role::Meta, 0.1, "repeated-label");
    }
}

/// Short "label: value" lines whose label recurs on the page with different numbers or dates
/// ("Joined: Jun 4, 2024", "Messages\n28" under each post of a thread) are the fields of a
/// repeated profile box, not the text. (Not in a listing, whose cards' fields are its content.)
fn drop_repeated_fields(doc: &Document, blocks: &mut [Block], segs: &[Segment]) {
    let mut fields: Vec<(usize, &str, &str)> = Vec::new();
    for (i, (b, s)) in blocks.iter().zip(segs).enumerate() {
        if fields.len() >= h::FIELD_MAX_SCANNED {
            break;
        }
        if b.label != Label::Article
            || s.features.words > h::FIELD_MAX_WORDS
            || matches!(s.shape, Shape::Heading(_) | Shape::Code | Shape::Table)
            || !doc
                .inclusive_ancestors(s.nodes[0])
                .take(h::FIELD_MAX_DEPTH)
                .any(|n| matches!(doc.tag(n), "dl" | "dd" | "dt"))
        {
            continue;
        }
        if let Some((label, value)) = field_parts(&b.text) {
            fields.push((i, label, value));
        }
    }
    let repeated = |label: &str, value: &str| {
        let same = fields.iter().filter(|f| f.1 == label);
        same.clone().count() >= h::FIELD_MIN_REPEATS && same.clone().any(|f| f.2 != value)
    };
    let drop: Vec<usize> = fields
        .iter()
        .filter(|f| repeated(f.1, f.2))
        .map(|f| f.0)
        .collect();
    for i in drop {
        set_boilerplate(&mut blocks[i], Role::Meta, 0.1, "repeated-field");
    }
}

/// A block's text as a field: a short label and a value holding a digit, on two lines or
/// either side of a colon. The label is without its colon.
fn field_parts(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let (label, value) = match t.split_once('\n') {
        Some((l, v)) if !v.contains('\n') => (l, v),
        Some(_) => return None,
        None => t.split_once(':')?,
    };
    let label = label.trim().trim_end_matches(':').trim_end();
    let value = value.trim();
    (!label.is_empty()
        && label.split_whitespace().count() <= h::FIELD_MAX_LABEL_WORDS
        && !label.bytes().any(|c| c.is_ascii_digit())
        && !value.is_empty()
        && value.len() <= h::FIELD_MAX_VALUE_BYTES
        && value.chars().any(char::is_numeric))
    .then_some((label, value))
}

/// A paragraph in a region named as a caption ("caption", "wp-caption-text", `itemprop=caption`)
/// is a picture's caption, in a story: a listing's cards name their text that way too (and a
/// teaser card's text is the card's, not a picture's).
fn mark_captions(blocks: &mut [Block], segs: &[Segment], cats: &[Cats], in_card: &[bool]) {
    let captions: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            blocks[i].label == Label::Article
                && blocks[i].kind == Some(Kind::Paragraph)
                && cats[i].has(Cat::Caption)
                && !in_card[i]
                && matches!(segs[i].shape, Shape::Paragraph | Shape::Run)
        })
        .collect();
    let words_of = |i: &usize| segs[*i].features.words;
    let caption_words: u32 = captions.iter().map(words_of).sum();
    let words: u32 = (0..blocks.len())
        .filter(|&i| blocks[i].label == Label::Article)
        .map(|i| words_of(&i))
        .sum();
    // Captions are a small part of a story; text mostly in "captions" is a page's own way of
    // naming its content (product boxes, cards).
    if caption_words as f32 > h::CAPTIONS_MAX_SHARE * words as f32 {
        return;
    }
    for i in captions {
        blocks[i].kind = Some(Kind::Caption);
    }
}

/// Whether the page's comments are numbered in sequence ("#2", "#3 · Jun 4"...), as a forum
/// numbers the posts of a thread: short lines in comment regions that start with `#` and a
/// number, at least [`h::NUMBERED_REPLIES_MIN`] of them counting up by one.
fn numbered_replies(blocks: &[Block], cats: &[Cats]) -> bool {
    let mut run = 0;
    let mut last: Option<u32> = None;
    for (b, c) in blocks.iter().zip(cats) {
        if !c.has(Cat::Comment) || b.text.len() > h::NUMBERED_REPLY_MAX_LEN {
            continue;
        }
        let Some(rest) = b.text.trim_start().strip_prefix('#') else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(n) = digits.parse::<u32>() else {
            continue;
        };
        run = if last.is_some_and(|l| n == l + 1) {
            run + 1
        } else {
            1
        };
        last = Some(n);
        if run >= h::NUMBERED_REPLIES_MIN {
            return true;
        }
    }
    false
}

/// Whether the page's comments carry the page's title as their subject ("Re: <title> by
/// …"), as a forum's replies do: at least [`h::NUMBERED_REPLIES_MIN`] short lines in comment
/// regions that hold the whole title.
fn titled_replies(blocks: &[Block], cats: &[Cats], title: Option<&str>) -> bool {
    let Some(title) = title
        .map(normalise)
        .filter(|t| t.chars().count() >= h::TITLED_REPLY_MIN_TITLE)
    else {
        return false;
    };
    let max_len = title.len() * 2 + h::NUMBERED_REPLY_MAX_LEN;
    blocks
        .iter()
        .zip(cats)
        .filter(|(b, c)| c.has(Cat::Comment) && b.text.len() <= max_len)
        .filter(|(b, _)| normalise(&b.text).contains(&title))
        .count()
        >= h::NUMBERED_REPLIES_MIN
}

/// The story's last block, a list of linked headlines under a short label of its own ("More
/// stories", "Read next"): every item has a link and few read as sentences. That is the
/// site's list of other stories, not the end of this one.
fn drop_trailing_link_list(blocks: &mut [Block], segs: &[Segment]) {
    let Some(last) = blocks.iter().rposition(|b| b.label == Label::Article) else {
        return;
    };
    let f = &segs[last].features;
    let list = segs[last].shape == Shape::List
        && f.items >= h::TRAILING_LIST_MIN_ITEMS
        && f.links >= f.items
        && f.link_density() >= h::TRAILING_LIST_MIN_LINK_DENSITY
        && f.stops * 2 <= f.items;
    let Some(label) = last.checked_sub(1) else {
        return;
    };
    let g = &segs[label].features;
    let labelled = blocks[label].label == Label::Article
        && matches!(
            segs[label].shape,
            Shape::Paragraph | Shape::Run | Shape::Heading(_)
        )
        && g.words <= h::TRAILING_LIST_MAX_LABEL_WORDS
        && !g.ends_sentence;
    if list && labelled {
        set_boilerplate(&mut blocks[label], Role::Related, 0.2, "trailing-link-list");
        set_boilerplate(&mut blocks[last], Role::Related, 0.2, "trailing-link-list");
    }
}

/// A heading that is boilerplate ("Related stories", "Comments", a share prompt) heads a
/// boilerplate section: what follows it in the same container, up to the next heading of the
/// same or a higher level, takes its role.
fn extend_boilerplate_headings(doc: &Document, blocks: &mut [Block], segs: &[Segment]) {
    // The zones first (heading, role, the article blocks under it), then the labels.
    let mut zones: Vec<(usize, Role, Vec<usize>)> = Vec::new();
    let mut zone: Option<(u8, NodeId)> = None;
    for (i, (b, s)) in blocks.iter().zip(segs).enumerate() {
        let level = match s.shape {
            Shape::Heading(l) => Some(l),
            _ => None,
        };
        if let (Some((zl, parent)), true) = (zone, b.label == Label::Article) {
            let within = doc.is_inclusive_ancestor(parent, s.nodes[0]);
            let closes = level.is_some_and(|l| l <= zl) || !within;
            if closes {
                zone = None;
            } else if b.kind != Some(Kind::Title) {
                if let Some(z) = zones.last_mut() {
                    z.2.push(i);
                }
                continue;
            }
        }
        if let (Some(l), Label::Boilerplate, Some(role)) = (level, b.label, b.role) {
            let introduces = b.reasons.first().is_some_and(|r| r.starts_with("region:"))
                && matches!(role, Role::Related | Role::Comment);
            if introduces {
                if let Some(parent) = doc.node(s.nodes[0]).parent {
                    zone = Some((l, parent));
                    zones.push((i, role, Vec::new()));
                }
            }
        }
    }
    let prose = |i: &usize| {
        let f = &segs[*i].features;
        if is_prose(&segs[*i]) {
            f.chars.saturating_sub(f.link_chars) as f32
        } else {
            0.0
        }
    };
    for (heading, role, members) in zones {
        // Replies under a "76 replies" heading that dwarf the post above them are the thread
        // itself (a forum), not comments under a story.
        if role == Role::Comment {
            let before: f32 = (0..heading)
                .filter(|&i| blocks[i].label == Label::Article)
                .map(|i| prose(&i))
                .sum();
            let under: f32 = members.iter().map(prose).sum();
            if before < h::DISCUSSION_SWITCH * under {
                continue;
            }
        }
        for i in members {
            set_boilerplate(&mut blocks[i], role, 0.3, "under-boilerplate-heading");
        }
    }
}

/// Markup shown as text (a tracking pixel inside `<noscript>` read as text) is not prose, nor
/// is a run of identifiers ("9303097ac-d3e5-41e1-…X2bf8403c-… 84f535a2-…", a label that a
/// style sheet spells out of scrambled spans).
fn drop_markup_text(blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| b.label == Label::Article) {
        let t = b.text.trim_start();
        if t.starts_with('<') && t.contains('>') && t.contains('=') {
            set_boilerplate(b, Role::Meta, 0.05, "markup-as-text");
        } else if b.kind != Some(Kind::Code) && is_identifier_run(t) {
            set_boilerplate(b, Role::Meta, 0.05, "identifiers-as-text");
        }
    }
}

/// Text of [`h::IDENTIFIER_RUN_MIN_CHARS`] or more whose every word is as long, and made of
/// ASCII letters, digits, hyphens and underscores, a quarter of them digits at least: machine
/// identifiers run together, not words of any language.
fn is_identifier_run(t: &str) -> bool {
    let mut words = t.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.len() >= h::IDENTIFIER_RUN_MIN_CHARS
                && w.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
                && w.bytes().filter(u8::is_ascii_digit).count() * 4 >= w.len()
        })
}

/// A passage the article already gave, word for word (a gallery's captions copied into its
/// lightbox, a hidden mobile copy of the story, a post quoted in a reply): the reader needs
/// it once. Lines shorter than [`h::REPEAT_MIN_CHARS`] may repeat on purpose ("Step 1"), and
/// so may a line whose earlier copy is its sibling: a meal plan's "Portion: 1 cup" under each
/// day, a table of recurring steps.
fn drop_repeats(doc: &Document, blocks: &mut [Block], segs: &[Segment]) {
    let mut seen: FnvMap<&str, Option<NodeId>> = FnvMap::default();
    let mut repeats = Vec::new();
    for (i, (b, s)) in blocks.iter().zip(segs).enumerate() {
        if b.label != Label::Article || b.kind == Some(Kind::Title) {
            continue;
        }
        let t = b.text.trim();
        if crate::text_util::text_length(t) < h::REPEAT_MIN_CHARS {
            continue;
        }
        let parent = doc.node(s.nodes[0]).parent;
        match seen.insert(t, parent) {
            Some(earlier) if earlier != parent => repeats.push(i),
            _ => {}
        }
    }
    for i in repeats {
        set_boilerplate(&mut blocks[i], Role::Meta, 0.1, "repeats-earlier-block");
    }
}

/// A line that is a date and little else ("March 3, 2026", "20.11.2019 10:43").
/// A line that is nothing but a web address: a field of the page's data (an image's URL
/// printed in a product's spec list), not something written for the reader.
fn is_bare_url(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(char::is_whitespace)
}

fn is_date_line(s: &Segment, text: &str) -> bool {
    matches!(s.shape, Shape::Run | Shape::Paragraph)
        && s.features.words <= h::DATE_LINE_MAX_WORDS
        && s.features.links == 0
        && crate::metadata::find_date(text, false).is_some()
}

/// A stat line: a few words, numbers among them ("12 comments · 3.4k views", "0", "2K").
fn is_counter(s: &Segment, text: &str, cats: Cats) -> bool {
    if !matches!(s.shape, Shape::Run | Shape::Paragraph) || s.features.ends_sentence {
        return false;
    }
    if cats.has(Cat::Date) || cats.has(Cat::Byline) || s.features.words > h::COUNTER_MAX_WORDS {
        return false;
    }
    // A price is content on a product page; a copyright line is a footer.
    if text.contains([
        '$', '£', '€', '¥', '₹', '₩', '₽', '₺', '₫', '₪', '฿', '¢', '©',
    ]) {
        return false;
    }
    let mut tokens = 0u32;
    let mut numeric = 0u32;
    for token in text.split(|c: char| !c.is_alphanumeric() && c != '.' && c != ',') {
        if token.is_empty() {
            continue;
        }
        tokens += 1;
        if token.starts_with(|c: char| c.is_numeric()) {
            numeric += 1;
        }
    }
    numeric > 0 && numeric * h::COUNTER_NUMERIC_SHARE_INV >= tokens
}

fn kind_of(s: &Segment, cats: &Cats) -> Kind {
    match s.shape {
        Shape::Heading(_) => Kind::Heading,
        Shape::List => Kind::List,
        Shape::Quote => Kind::Quote,
        Shape::Code => Kind::Code,
        Shape::Table => Kind::Table,
        Shape::Figure => Kind::Figure,
        Shape::Caption => Kind::Caption,
        Shape::Paragraph | Shape::Run => {
            let f = &s.features;
            if f.words <= h::BYLINE_MAX_WORDS && cats.has(Cat::Byline) {
                Kind::Byline
            } else if f.words <= h::BYLINE_MAX_WORDS && cats.has(Cat::Date) {
                Kind::Date
            } else if f.chars == 0 && f.images > 0 {
                Kind::Figure
            } else {
                Kind::Paragraph
            }
        }
    }
}

fn cat_reason(cat: Cat) -> &'static str {
    match cat {
        Cat::Nav => "region:nav",
        Cat::Breadcrumb => "region:breadcrumb",
        Cat::Header => "region:header",
        Cat::Footer => "region:footer",
        Cat::Sidebar => "region:sidebar",
        Cat::Related => "region:related",
        Cat::Share => "region:share",
        Cat::Comment => "region:comment",
        Cat::Ad => "region:ad",
        Cat::Consent => "region:consent",
        Cat::Newsletter => "region:newsletter",
        Cat::Meta => "region:meta",
        Cat::Modal => "region:modal",
        Cat::Form => "region:form",
        Cat::Content => "region:content",
        Cat::Byline => "region:byline",
        Cat::Date => "region:date",
        Cat::Hidden => "region:hidden",
        Cat::Caption => "region:caption",
    }
}

fn set_article(b: &mut Block, kind: Kind, score: f32, reason: &str) {
    b.label = Label::Article;
    b.kind = Some(kind);
    b.role = None;
    b.score = score;
    b.reasons.push(reason.into());
}

fn set_boilerplate(b: &mut Block, role: Role, score: f32, reason: &str) {
    b.label = Label::Boilerplate;
    b.kind = None;
    b.role = Some(role);
    b.score = score;
    b.reasons.push(reason.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_footer_inside_sections_are_not_the_page_banner() {
        let doc = crate::parse::parse_html(
            "<body><header id=top><a href=/>Site</a></header>\
             <section><header id=inner><h2>Feature</h2><p>Text of the feature.</p></header>\
             <footer id=note>Posted in notes</footer></section>\
             <article><footer id=tags>Tagged</footer></article>\
             <footer id=bottom>© Site</footer></body>",
        );
        let (_, segs) = crate::segment::segment(&doc);
        let regions = Regions::new(&doc, &segs);
        let by_id = |id: &str| {
            doc.descendants(doc.html())
                .find(|&n| doc.attr(n, "id") == Some(id))
                .unwrap()
        };
        assert!(regions.named(by_id("top")).has(Cat::Header));
        assert!(regions.named(by_id("bottom")).has(Cat::Footer));
        assert!(!regions.named(by_id("inner")).has(Cat::Header));
        assert!(!regions.named(by_id("note")).has(Cat::Footer));
        assert!(!regions.named(by_id("tags")).has(Cat::Footer));
    }

    #[test]
    fn headings_linked_within_the_page_head_sections_not_teasers() {
        let section = |id: &str, href: &str| {
            format!(
                "<section><h2 id={id}><a href='{href}'>Heading {id}</a></h2>                 <p>One paragraph of the section, long enough to read as prose.</p></section>"
            )
        };
        let html = format!(
            "<body><div>{}{}{}</div><div>{}{}{}</div></body>",
            section("a1", "#toc-a1"),
            section("a2", "#toc-a2"),
            section("a3", "#toc-a3"),
            section("b1", "/other/b1"),
            section("b2", "/other/b2"),
            section("b3", "/other/b3"),
        );
        let doc = crate::parse::parse_html(&html);
        let (_, segs) = crate::segment::segment(&doc);
        let cards = Cards::new(&doc, &segs);
        let heading = |id: &str| {
            segs.iter()
                .find(|s| doc.attr(s.nodes[0], "id") == Some(id))
                .unwrap()
        };
        assert!(in_page_link(&doc, heading("a1").nodes[0]));
        assert!(!in_page_link(&doc, heading("b1").nodes[0]));
        assert!(!cards.is_teaser(heading("a1"), None));
        assert!(cards.is_teaser(heading("b1"), None));
    }
}
