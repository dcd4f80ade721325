// Flipping a block's label, as Pith's page does it (www/app.js): a block made "article" gets a
// kind (from its tag when Pith had none), a block made "boilerplate" loses it. Shared by the
// widget's worker (which re-assembles the article) and its page side (which redraws marks).

const HEADING = /^h([1-6])$/;
const KIND_OF_TAG = {
  ul: 'list', ol: 'list', dl: 'list', blockquote: 'quote', pre: 'code', table: 'table',
  figure: 'figure', img: 'figure', figcaption: 'caption',
};

/** The kind a block flipped to "article" gets when Pith had not given it one. */
export function kindFromTag(tag) {
  if (HEADING.test(tag)) return 'heading';
  return KIND_OF_TAG[tag] || 'paragraph';
}

/** `b` with label `label` (a copy; `b` is Pith's original block). */
export function corrected(b, label) {
  const c = { ...b, label };
  if (label === 'article') {
    delete c.role;
    c.kind = b.kind || kindFromTag(b.tag);
    if (c.kind === 'heading' && !c.level) c.level = Number(HEADING.exec(b.tag)?.[1] || 2);
  } else {
    delete c.kind;
  }
  return c;
}

/** The badge word for a block: its kind for article blocks, its role for boilerplate. */
export function badgeOf(b) {
  return b.label === 'article' ? b.kind || 'article' : b.role || 'boilerplate';
}
