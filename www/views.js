// The page view's blocks and their explanations, built from an annotation. The annotation
// describes a hostile page (or comes from a file someone handed over), so every string is
// treated as data and goes in with textContent. The reader view and the metadata panel, which
// take in Block.html, are in reader.js, loaded once there is something to read.

export const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

// ---------------------------------------------------------------------------------------------
// The page view: every block, in order

/** The badge word for a block: its kind for article blocks, its role for boilerplate. */
export function badgeOf(b) {
  return b.label === 'article' ? b.kind || 'article' : b.role || 'boilerplate';
}

/** Creates (or updates) the list item for one block. */
export function blockItem(b, corrected, li = el('li')) {
  const article = b.label === 'article';
  li.className = `blk ${article ? 'art' : 'bp'} ${article ? `k-${b.kind || 'none'}` : ''}${corrected ? ' corrected' : ''}`;
  li.dataset.id = b.id;
  li.dir = b.dir === 'rtl' ? 'rtl' : 'ltr';
  if (!li.firstChild) {
    li.tabIndex = -1;
    // Screen readers hear the label first ("Boilerplate, nav: …"); the badge's colour and the
    // dimming carry it for sighted readers.
    const said = el('span', 'sr');
    const badge = el('span', 'badge');
    const txt = el('div', 'txt');
    const text = b.text || '';
    if (text) txt.textContent = text;
    else txt.append(el('span', 'empty', b.tag === 'img' || b.kind === 'figure' ? '(image)' : '(no text)'));
    if (b.kind === 'heading' || b.kind === 'title') txt.classList.add(`h${b.level || (b.kind === 'title' ? 1 : 2)}`);
    li.append(said, badge, txt);
  }
  li.firstChild.textContent = `${article ? 'Article' : 'Boilerplate'}${corrected ? ' (corrected)' : ''},`;
  li.children[1].textContent = badgeOf(b);
  return li;
}

function truncate(s, n) {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** The tooltip's content for a block. */
export function whyText(b, original) {
  const lines = [
    `${b.label === 'article' ? 'Article' : 'Boilerplate'} · ${badgeOf(b)} · score ${Number(b.score).toFixed(2)} · <${b.tag}>`,
  ];
  if (original && original.label !== b.label) lines.push(`Corrected by you (Pith said ${original.label}, ${badgeOf(original)})`);
  lines.push(b.reasons?.length ? `Reasons: ${b.reasons.join(', ')}` : 'Reasons: none recorded');
  if (b.source?.line_start) lines.push(`Lines ${b.source.line_start}–${b.source.line_end} of the input`);
  return lines.join('\n');
}
