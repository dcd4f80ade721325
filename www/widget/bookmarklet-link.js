// The widget's page (widget/index.html): fills in the bookmarklet link and the embed snippet
// with this deployment's URLs.
import { bookmarkletUrl } from './bookmarklet.js';

const widgetUrl = new URL('pith-widget.js', import.meta.url).href;

const link = document.getElementById('widget-bookmarklet');
if (link) {
  link.href = bookmarkletUrl(widgetUrl);
  // A javascript: link cannot run here (this page's CSP forbids it): say what it is for.
  link.addEventListener('click', (e) => {
    e.preventDefault();
    const hint = document.getElementById('widget-bookmarklet-hint');
    if (hint) hint.hidden = false;
  });
}

const snippet = document.getElementById('embed-snippet');
if (snippet) snippet.textContent = `<script type="module" src="${widgetUrl}"></script>`;
