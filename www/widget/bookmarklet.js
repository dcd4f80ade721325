// The bookmarklet generator: a javascript: link that loads the widget on whatever page the
// person is reading, or, when the page's Content-Security-Policy will not let it load, says
// so and offers to open the page in Pith instead (which works under any CSP: it only opens a
// window and posts the page's HTML to it, see #from-bookmarklet in www/app.js).
//
//   import { bookmarkletUrl } from './widget/bookmarklet.js';
//   link.href = bookmarkletUrl(new URL('widget/pith-widget.js', location.href));
//
//   node www/widget/bookmarklet.js https://pith.example/widget/pith-widget.js   # prints it
//
// Clicking it again closes the widget (Pith.toggle). The page must serve the widget's files
// with CORS (Access-Control-Allow-Origin: *): module scripts and workers are fetched in CORS
// mode from other origins.

/**
 * Runs on the host page, made into a string by bookmarkletCode(): no comments or string
 * literals with line breaks inside, and nothing from this module's scope.
 */
function bookmarklet(widgetUrl, pithPage) {
  const P = window.Pith;
  if (P && typeof P.toggle === 'function' && typeof P.annotate === 'function') {
    P.toggle().catch(() => {});
    return;
  }
  const origin = new URL(widgetUrl).origin;
  let refused = '';
  const onViolation = (e) => {
    if (!refused && String(e.blockedURI || '').indexOf(origin) === 0) refused = e.effectiveDirective || e.violatedDirective || 'script-src';
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  const done = () => setTimeout(() => document.removeEventListener('securitypolicyviolation', onViolation), 0);
  const notice = () => {
    const host = document.createElement('pith-notice');
    const hs = host.style;
    const imp = (k, v) => hs.setProperty(k, v, 'important');
    imp('all', 'initial');
    imp('position', 'fixed');
    imp('right', '16px');
    imp('bottom', '16px');
    imp('z-index', '2147483647');
    imp('display', 'block');
    const root = host.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'font:14px/1.45 system-ui,sans-serif;color:#1b1f24;background:#fff;border:1px solid #d4d9df;border-left:4px solid #b3261e;border-radius:8px;padding:12px 14px;max-width:360px;box-shadow:0 4px 16px rgba(0,0,0,.2);text-align:left;text-transform:none;letter-spacing:normal';
    const p = document.createElement('p');
    p.style.cssText = 'margin:0 0 10px';
    p.textContent = refused
      ? 'Pith cannot run on this page: the site\u2019s Content-Security-Policy (' + refused + ') does not allow scripts from ' + origin + '. You can open this page in Pith instead.'
      : 'Pith could not load from ' + origin + ' (offline, or the server is down). You can try opening this page in Pith instead.';
    const btn = (label, primary, fn) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.style.cssText = 'font:inherit;margin:0 8px 0 0;padding:4px 10px;border-radius:6px;cursor:pointer;border:1px solid ' + (primary ? '#0b57c5;background:#0b57c5;color:#fff' : '#d4d9df;background:#fff;color:#1b1f24');
      b.addEventListener('click', (e) => { e.stopPropagation(); fn(); });
      return b;
    };
    const close = () => host.remove();
    const send = () => {
      close();
      const html = '<!doctype html>' + document.documentElement.outerHTML;
      const url = location.href;
      const w = window.open(pithPage + '#from-bookmarklet');
      if (!w) {
        alert('Pith: allow pop-ups for this site, then try again.');
        return;
      }
      const f = (e) => {
        if (e.source === w && e.data === 'pith-ready') {
          w.postMessage({ type: 'pith-page', html, url }, new URL(pithPage).origin);
          removeEventListener('message', f);
        }
      };
      addEventListener('message', f);
    };
    box.append(p, btn('Open in Pith', true, send), btn('Dismiss', false, close));
    root.append(box);
    document.documentElement.append(host);
  };
  import(widgetUrl).then(
    (m) => { done(); (m.Pith || m.default).annotate().catch(() => {}); },
    () => { done(); setTimeout(notice, 0); },
  );
}

/** The bookmarklet's JavaScript (without the javascript: prefix). */
export function bookmarkletCode(widgetUrl) {
  const widget = new URL(widgetUrl).href;
  const page = new URL('../', widget).href;
  const body = bookmarklet.toString().replace(/\n\s*/g, ' ');
  return `(${body})(${JSON.stringify(widget)},${JSON.stringify(page)})`;
}

/** The link to drag to the bookmarks bar. */
export function bookmarkletUrl(widgetUrl) {
  return `javascript:${encodeURIComponent(bookmarkletCode(widgetUrl))}`;
}

// Command line: node www/widget/bookmarklet.js <widget URL>
if (typeof process !== 'undefined' && process.argv?.[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: node www/widget/bookmarklet.js https://…/widget/pith-widget.js');
    process.exit(2);
  }
  console.log(bookmarkletUrl(url));
}
