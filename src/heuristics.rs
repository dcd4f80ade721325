//! Every threshold the classifier uses, named, with what it guards against.
//! Constants under one heading were tuned together on the benchmarks: retune as a set.

// --- Segmentation ---

/// Share of the page's text a `hidden` element must hold to be read as content revealed by
/// scripts rather than as hidden.
pub(crate) const STREAMED_TEXT_SHARE: f32 = 0.4;
/// Share of the page's text a hidden element must hold to be read as revealed when it holds
/// more text than the page's visible paragraphs.
pub(crate) const DEFERRED_TEXT_SHARE: f32 = 0.25;
/// Share of the page's text a hidden pane beside a shown one (a tab's panel) must hold to be
/// read as a section of the page, not a slide of a carousel or a menu's panel.
pub(crate) const PANE_TEXT_SHARE: f32 = 0.05;
/// Share of a hidden element's word shingles found in the page's visible text above which it
/// is a copy of that text, and stays hidden.
pub(crate) const HIDDEN_COPY_SHARE: f32 = 0.5;
/// Most bytes of text a `<noscript>` notice about scripts holds ("Please enable JavaScript to
/// view this site"): longer `<noscript>` content is a fallback copy of the page's own text.
pub(crate) const SCRIPT_NOTICE_MAX_BYTES: usize = 400;
/// Most bytes of text an element with the button role holds and still reads as a control's
/// label ("Add to cart"), not a section wrapped in a clickable element.
pub(crate) const CONTROL_MAX_LABEL_BYTES: usize = 80;

// --- Content value of a block (tuned together) ---

/// Link share of a block's text above which it reads as a link list, not prose.
pub(crate) const LINK_HEAVY: f32 = 0.5;
/// Link share above which a block cannot be prose.
pub(crate) const PROSE_MAX_LINK_DENSITY: f32 = 0.35;
/// Characters outside links a linked sentence needs: a clause of its own, not "Read more:".
pub(crate) const LINKED_SENTENCE_MIN_OWN_CHARS: u32 = 30;
/// A list ending the story, under a short label, with a link in every item: the site's other
/// stories. Its least items, least link share, and the label's most words.
pub(crate) const TRAILING_LIST_MIN_ITEMS: u32 = 3;
pub(crate) const TRAILING_LIST_MIN_LINK_DENSITY: f32 = 0.3;
pub(crate) const TRAILING_LIST_MAX_LABEL_WORDS: u32 = 6;
/// The most of a story's words that paragraphs in regions named as captions may hold and still
/// be its pictures' captions.
pub(crate) const CAPTIONS_MAX_SHARE: f32 = 0.3;
/// Posts numbered in sequence in comment regions make a thread: how many in a row, and the
/// longest line that can be such a number ("#12 · Jun 4, 2024").
pub(crate) const NUMBERED_REPLIES_MIN: usize = 3;
pub(crate) const NUMBERED_REPLY_MAX_LEN: usize = 60;
/// The least letters and digits of a title that replies repeating it can be told by.
pub(crate) const TITLED_REPLY_MIN_TITLE: usize = 12;
/// Words a block needs (with some punctuation) to count as prose.
pub(crate) const PROSE_MIN_WORDS: u32 = 10;
/// Characters that make a block prose whatever its punctuation (CJK lines, long captions).
pub(crate) const PROSE_MIN_CHARS: u32 = 120;
/// Penalty per character of a link-heavy block.
pub(crate) const LINK_PENALTY: f32 = 1.0;
/// Extra penalty per link of a link-heavy block.
pub(crate) const PER_LINK_PENALTY: f32 = 5.0;
/// Weight of the unlinked text of short non-prose blocks (labels, captions, datelines).
pub(crate) const SHORT_TEXT_WEIGHT: f32 = 0.2;
/// Weight (negative) of anything in a region named as boilerplate.
pub(crate) const BOILERPLATE_REGION_WEIGHT: f32 = 1.0;

/// Share of the page's prose a region must hold to be the content whatever its name says.
pub(crate) const DOMINANT_PROSE_SHARE: f32 = 0.5;
/// Share of the page's prose above which a region named sidebar, nav, related... is a layout
/// wrapper (`has-sidebar`, `content-sidebar-wrap`) rather than what its name says.
pub(crate) const LAYOUT_PROSE_SHARE: f32 = 0.25;
/// ...provided it holds at least this many characters of prose.
pub(crate) const LAYOUT_MIN_PROSE: f32 = 400.0;
/// Prose a region only called navigation by its class or id can hold and still be a menu.
pub(crate) const NAV_MAX_PROSE: f32 = 150.0;
/// A region lifted for holding most of the prose holds several prose blocks: a wrapper, not
/// one block of legal text in a footer.
pub(crate) const DOMINANT_MIN_BLOCKS: u32 = 3;
/// Paragraphs of prose from which a region only called a footer by its class, holding most of
/// the page's prose, is the content.
pub(crate) const FOOTER_MAX_PROSE_BLOCKS: u32 = 12;
/// ... and the share of the page's prose.
pub(crate) const FOOTER_MAX_PROSE_SHARE: f32 = 0.5;
/// Prose a content region holding the headline needs to be the story, so that a thread
/// beside it stays comments however much longer it is.
pub(crate) const STORY_MIN_PROSE: f32 = 200.0;

/// The listing reading wins when the article reading's container holds less than this share
/// of the listing reading's prose.
pub(crate) const LISTING_SWITCH: f32 = 0.4;
/// ...this share on a page that declares no publication date (a service's, a shop's), when the
/// listing reading's container holds the article reading's: such a page spreads its content
/// over sections of uneven size, and the article reading keeps only the longest.
pub(crate) const LISTING_SWITCH_UNDATED: f32 = 0.6;
/// Below this much prose in its main container (characters), the article reading is weak
/// enough that a listing of headlines can outweigh it: the switch then weighs the listing
/// reading's whole content value, not only its prose.
pub(crate) const LISTING_MAX_ARTICLE_PROSE: f32 = 500.0;
/// The listing reading also wins when, in the article reading's own container, the article
/// reading keeps less than this share of the listing reading's value, and the listing reading
/// values that container's teaser cards more: the cards are the content, not a strip of related
/// stories beside a story.
pub(crate) const CARDS_CONTENT_SHARE: f32 = 0.5;
/// The discussion reading (replies count as content) wins when the reading so far holds less
/// than this share of its prose.
pub(crate) const DISCUSSION_SWITCH: f32 = 0.12;
/// ...or when the article reading's container is one of at least this many siblings of the
/// same tag and class (a post among posts), looking at most this many levels above it.
pub(crate) const POST_MIN_REPEATS: usize = 3;
pub(crate) const POST_MAX_DEPTH: usize = 3;
/// Prose characters a sibling needs to count as a post.
pub(crate) const POST_MIN_PROSE: f32 = 40.0;
/// The thread must hold this many times more prose than the post.
pub(crate) const POST_SWITCH: f32 = 0.8;
/// Over a listing, the discussion reading wins when the listing's weight (its named cards,
/// which hold little prose) is less than this share of the replies' prose.
pub(crate) const DISCUSSION_OVER_LISTING_SWITCH: f32 = 0.5;
/// The main container steps down into a child holding at least this share of its prose.
pub(crate) const NARROW_SHARE: f32 = 0.8;
/// Blocks at most this far after the headline, before the narrowed container, are the
/// story's lead (standfirst, lead figure).
pub(crate) const LEAD_MAX_DISTANCE: usize = 2;
/// In the listing reading, a block with at most this many links...
pub(crate) const HEADLINE_MAX_LINKS: u32 = 2;
/// ...and at least this many words is a linked headline or card, worth this much per character.
pub(crate) const HEADLINE_MIN_WORDS: u32 = 4;
pub(crate) const LISTING_LINK_WEIGHT: f32 = 0.5;
/// In a listing, a list of at least this many items (a table of this many rows) is listed
/// content, links and all.
pub(crate) const LISTED_LIST_MIN_ITEMS: u32 = 5;
/// Words per item up to which a short list in a listing's card is the card's tags.
pub(crate) const TAG_LIST_MAX_WORDS_PER_ITEM: u32 = 3;

/// On an undated page (a service's), the article reading's container widens to its parent when
/// at least this many of its siblings, none named boilerplate, each carry at least this share
/// of its content value: it is one section of a landing page among others.
pub(crate) const SECTIONS_MIN_OTHERS: usize = 2;
pub(crate) const SECTION_MIN_SHARE: f32 = 0.1;
/// A sibling of the main container joins the article when its content value is at least this
/// share of the main container's.
pub(crate) const SIBLING_MIN_SHARE: f32 = 0.2;
/// Shortest paragraph (in words) of such a sibling that joins as the text's opening when it
/// sits between the headline and the main container, whatever its share.
pub(crate) const OPENING_MIN_WORDS: u32 = 25;

// --- Teaser cards (tuned together) ---

/// Largest card, in characters of text.
pub(crate) const CARD_MAX_CHARS: u32 = 1000;
/// Link share of a heading's text that makes it a teaser headline.
pub(crate) const LINKED_HEADING_SHARE: f32 = 0.6;
/// Share of a card's text that must be links (unless it has one linked headline).
pub(crate) const CARD_MIN_LINK_SHARE: f32 = 0.25;
/// Cards with the same tag and class needed among siblings (the card itself included).
pub(crate) const CARD_MIN_REPEATS: usize = 3;
/// Prose blocks from which a box under a linked headline is a section, not a teaser.
pub(crate) const CARD_MAX_PROSE_BLOCKS: u16 = 3;
/// How far up from a heading a link around it is looked for.
pub(crate) const HEADING_LINK_MAX_DEPTH: usize = 4;
/// Siblings looked at when counting repeats.
pub(crate) const CARD_SIBLING_SCAN: usize = 64;

// --- Kinds ---

/// Longest block (in words) read as a byline or date line.
pub(crate) const BYLINE_MAX_WORDS: u32 = 12;
/// Blocks between a byline or date line outside the main container and the headline.
pub(crate) const BYLINE_MAX_DISTANCE: usize = 6;

// --- Counters ---

/// Longest stat line, in words.
pub(crate) const COUNTER_MAX_WORDS: u32 = 6;
/// A repeated profile field ("Joined: Jun 4, 2024"): at most this many words in all, this many
/// in its label and this many bytes in its value, on at least this many blocks. At most this
/// many fields of a page are compared (each with all the others).
pub(crate) const FIELD_MAX_WORDS: u32 = 8;
pub(crate) const FIELD_MAX_LABEL_WORDS: usize = 4;
pub(crate) const FIELD_MAX_VALUE_BYTES: usize = 60;
pub(crate) const FIELD_MAX_SCANNED: usize = 2000;
pub(crate) const FIELD_MIN_REPEATS: usize = 3;
/// How far above a field's block its definition list may be.
pub(crate) const FIELD_MAX_DEPTH: usize = 3;
/// At least one token in this many must be a number.
pub(crate) const COUNTER_NUMERIC_SHARE_INV: u32 = 2;

// --- Scores ---

/// Score of the headline found by the metadata title.
pub(crate) const SCORE_TITLE: f32 = 0.95;

/// Letters and digits a block needs to count as (part of) the page's declared description: a
/// short line ("Free shipping") may sit in any description.
pub(crate) const DESCRIPTION_MIN_CHARS: usize = 40;

/// Shortest article block whose word-for-word repeat is dropped (shorter lines, like "Step 1"
/// or a refrain, may repeat on purpose), in characters weighed by script (`text_length`).
pub(crate) const REPEAT_MIN_CHARS: usize = 40;

/// A list of at least this many linked items, half of them cut off with an ellipsis, is a list
/// of teasers.
pub(crate) const SNIPPET_LIST_MIN_ITEMS: u32 = 3;

/// A line of at most this many words that holds a date is a dateline.
pub(crate) const DATE_LINE_MAX_WORDS: u32 = 6;

/// Boilerplate blocks (ads) skipped when looking for the story paragraphs around a paragraph
/// left outside the container.
pub(crate) const SANDWICH_MAX_SKIP: usize = 2;

/// Shortest word of a run of identifiers ("9303097ac-d3e5-41e1-…") that is not text: a UUID
/// without its hyphens, an MD5 sum; longer than a product code or a word of any language
/// written in Latin letters.
pub(crate) const IDENTIFIER_RUN_MIN_CHARS: usize = 32;

/// Byline blocks in one article from which they are read as one per post (a thread): the
/// page's author is then the first post's.
pub(crate) const PER_POST_BYLINES: usize = 3;

/// Pasted text: lines (blocks) before and after the title searched for its byline and date.
pub(crate) const PASTE_META_WINDOW: usize = 6;
/// Pasted text: the most words of a line read as a date line by the title.
pub(crate) const PASTE_DATE_LINE_MAX_WORDS: usize = 12;

/// Pasted text: a title candidate followed within this many lines by a byline or a date line
/// (a story's head) scores [`PASTE_TITLE_BYLINE_BONUS`] more.
pub(crate) const PASTE_TITLE_BYLINE_LINES: usize = 3;
pub(crate) const PASTE_TITLE_BYLINE_BONUS: f32 = 6.0;
/// Pasted text: the most words of a date line that marks a story's head.
pub(crate) const PASTE_DATE_LINE_MAX_UNITS: f32 = 6.0;
/// Pasted text: a title candidate longer than this is more likely the standfirst under the
/// title (scores 4 less).
pub(crate) const PASTE_TITLE_MAX_UNITS: f32 = 20.0;
/// Pasted text: nonblank lines above the article's core searched for its title.
pub(crate) const PASTE_TITLE_WINDOW: usize = 20;
