// Pith's page: fills in the "Pith in place" bookmarklet link (index.html, #widget-bookmarklet),
// which loads the widget on the page the person is reading.
import { bookmarkletUrl } from './bookmarklet.js';

const link = document.getElementById('widget-bookmarklet');
if (link) {
  link.href = bookmarkletUrl(new URL('pith-widget.js', import.meta.url));
  // A javascript: link cannot run here (this page's CSP forbids it): say what it is for.
  link.addEventListener('click', (e) => {
    e.preventDefault();
    const hint = document.getElementById('widget-bookmarklet-hint');
    if (hint) hint.hidden = false;
  });
}
