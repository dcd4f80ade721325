// The CSS of the marks and the panel (the launcher's is in pith-widget.js, which must stay
// one small file). Both go to the shadow root as constructed stylesheets (adoptedStyleSheets:
// no <style> element, so a host CSP without 'unsafe-inline' styles does not block them).
//
// Isolation: the host's rules do not reach inside the shadow root, but inherited properties
// and custom properties flow in through the host element. `:host { all: initial !important }`
// stops the first (an !important rule of a shadow tree beats the page's !important rules on
// its host), and every custom property used here is set on .pw itself. Lengths are px (rem
// would follow the host's root font size).

export const PANEL_CSS = `
/* Marks over the page */
.marks, .pins { position: fixed; inset: 0; overflow: hidden; pointer-events: none; }
.marks[hidden], .pins[hidden] { display: none; }
.box { position: absolute; left: 0; top: 0; border-radius: 3px; pointer-events: none; will-change: transform; }
.box.art { outline: 2px solid var(--c, var(--pw-paragraph)); outline-offset: 1px; }
.box.bp { background: rgba(92, 100, 112, .42); outline: 1px dashed rgba(60, 66, 74, .7); }
.box.corrected { outline-style: dashed; outline-width: 2px; }
.box.hover { box-shadow: 0 0 0 3px rgba(11, 87, 197, .35); }
.box .tag {
  position: absolute; left: -1px; top: -1px; transform: translateY(-100%); pointer-events: auto;
  font: 600 10px/14px var(--pw-font); padding: 0 4px; border-radius: 3px 3px 0 0; white-space: nowrap;
  background: var(--c, var(--pw-bp)); color: #fff; letter-spacing: .02em; max-width: 160px; overflow: hidden;
  text-overflow: ellipsis; opacity: .92;
}
.box.low .tag { transform: none; border-radius: 0 0 3px 0; }
.box.bp .tag { background: var(--pw-bp); }
.box .tag:hover, .box .tag:focus-visible { opacity: 1; text-decoration: underline; }
.k-title { --c: var(--pw-title); } .k-heading { --c: var(--pw-heading); } .k-paragraph { --c: var(--pw-paragraph); }
.k-list { --c: var(--pw-list); } .k-quote { --c: var(--pw-quote); } .k-table { --c: var(--pw-table); }
.k-code { --c: var(--pw-code); } .k-figure, .k-caption { --c: var(--pw-figure); }
.k-byline, .k-date { --c: var(--pw-meta); }
.flash { position: absolute; left: 0; top: 0; border-radius: 4px; outline: 3px solid #e8710a; outline-offset: 2px;
  background: rgba(232, 113, 10, .12); animation: pw-flash 1.6s ease-out 1 forwards; }
@keyframes pw-flash { 0%, 60% { opacity: 1; } 100% { opacity: 0; } }
.pin {
  position: absolute; left: 0; top: 0; min-width: 18px; height: 18px; border-radius: 9px; padding: 0 5px;
  font: 700 11px/18px var(--pw-font); text-align: center; color: #fff; background: var(--pw-warn);
  pointer-events: auto; box-shadow: 0 1px 3px rgba(0,0,0,.35);
}
.pin.error { background: var(--pw-error); } .pin.info { background: var(--pw-info); }

/* Tooltip */
.tip {
  position: fixed; left: 0; top: 0; max-width: 360px; padding: 6px 9px; border-radius: 6px;
  background: var(--pw-tip-bg); color: var(--pw-tip-fg); font: 12px/1.4 var(--pw-font);
  white-space: pre-line; pointer-events: none; box-shadow: 0 4px 14px rgba(0,0,0,.3);
}

/* Panel */
.panel {
  position: fixed; top: 0; right: 0; bottom: 0; width: min(400px, 100vw); display: flex; flex-direction: column;
  background: var(--pw-bg); color: var(--pw-fg); border-left: 1px solid var(--pw-line);
  box-shadow: -4px 0 20px rgba(0,0,0,.18); pointer-events: auto;
}
.panel.min { bottom: auto; height: auto; }
.panel.min .body, .panel.min .tabs { display: none; }
.panel.left { right: auto; left: 0; border-left: 0; border-right: 1px solid var(--pw-line); }
.head { padding: 10px 12px 8px; border-bottom: 1px solid var(--pw-line); }
.head .top { display: flex; align-items: center; gap: 6px; }
.head h2 { margin: 0; font: 700 15px/1.2 var(--pw-font); flex: 1; }
.head .ver { font-weight: 400; color: var(--pw-muted); font-size: 11px; }
.icon { width: 28px; height: 28px; border-radius: 6px; display: inline-flex; align-items: center; justify-content: center; font-size: 16px; }
.icon:hover { background: var(--pw-soft); }
.summary { margin: 6px 0 0; color: var(--pw-muted); font-size: 12px; }
.status { margin: 6px 0 0; font-size: 12px; }
.status.error { color: var(--pw-error); }
.tabs { display: flex; border-bottom: 1px solid var(--pw-line); padding: 0 6px; }
.tabs button { padding: 8px 10px; border-bottom: 2px solid transparent; color: var(--pw-muted); font-weight: 600; }
.tabs button[aria-selected="true"] { color: var(--pw-accent); border-bottom-color: var(--pw-accent); }
.tabs .n { font-weight: 400; }
.body { flex: 1; overflow: auto; padding: 10px 12px 24px; overscroll-behavior: contain; }
.empty { color: var(--pw-muted); }
.small { font-size: 11px; color: var(--pw-muted); }

/* Report */
.findings { list-style: none; margin: 0; padding: 0; }
.finding { border: 1px solid var(--pw-line); border-left: 4px solid var(--pw-warn); border-radius: 6px; padding: 8px 10px; margin: 0 0 8px; }
.finding.error { border-left-color: var(--pw-error); } .finding.info { border-left-color: var(--pw-info); }
.finding:focus { outline: 2px solid var(--pw-accent); }
.finding h3 { margin: 0 0 4px; font: 600 13px/1.35 var(--pw-font); display: flex; gap: 6px; }
.finding .num { flex: none; min-width: 18px; height: 18px; border-radius: 9px; text-align: center; font: 700 11px/18px var(--pw-font); color: #fff; background: var(--pw-warn); }
.finding.error .num { background: var(--pw-error); } .finding.info .num { background: var(--pw-info); }
.finding p { margin: 0 0 6px; color: var(--pw-muted); }
.finding .ev { margin: 4px 0 6px; padding: 0; list-style: none; font-size: 12px; }
.finding .ev li { margin: 2px 0; overflow-wrap: anywhere; }
.finding .src { display: inline-block; font: 600 10px/16px var(--pw-font); padding: 0 5px; border-radius: 3px; background: var(--pw-soft); color: var(--pw-accent); margin-right: 4px; }
.finding .targets { display: flex; flex-wrap: wrap; gap: 6px; }
.finding code, .md code { font: 11px/1.4 var(--pw-mono); background: #f3f4f6; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
.counts { display: flex; gap: 10px; margin: 0 0 10px; font-size: 12px; }

/* Metadata */
.md { margin: 0; }
.md dt { font-weight: 600; margin-top: 8px; }
.md dd { margin: 2px 0 0; overflow-wrap: anywhere; }
.md .from { color: var(--pw-muted); font-size: 11px; }
.md .alt { list-style: none; padding: 0; margin: 3px 0 0; font-size: 12px; color: var(--pw-muted); }
.md .alt .differs { color: var(--pw-warn); }
.md a { color: var(--pw-accent); }

/* Reader */
.reader { font: 16px/1.6 var(--pw-serif); color: var(--pw-fg); }
.reader h1 { font: 700 22px/1.25 var(--pw-font); margin: 4px 0 8px; }
.reader h2, .reader h3, .reader h4, .reader h5, .reader h6 { font: 700 17px/1.3 var(--pw-font); margin: 16px 0 6px; }
.reader p, .reader ul, .reader ol, .reader blockquote, .reader pre, .reader table, .reader figure { margin: 0 0 12px; }
.reader blockquote { border-left: 3px solid var(--pw-line); padding-left: 10px; color: var(--pw-muted); }
.reader pre { font: 12px/1.45 var(--pw-mono); white-space: pre-wrap; background: #f6f7f9; padding: 8px; border-radius: 4px; }
.reader img { max-width: 100%; height: auto; }
.reader table { border-collapse: collapse; font: 13px/1.4 var(--pw-font); }
.reader td, .reader th { border: 1px solid var(--pw-line); padding: 3px 6px; }
.reader .r-meta, .reader .caption, .reader figcaption { font: 12px/1.4 var(--pw-font); color: var(--pw-muted); }
.reader .img-ph { display: inline-block; padding: 4px 8px; border: 1px dashed var(--pw-line); font: 12px var(--pw-font); color: var(--pw-muted); }
.reader .r-sec[data-n]::before { content: attr(data-n); display: block; font: 600 11px var(--pw-font); color: var(--pw-muted); margin: 12px 0 4px; }
.reader a { color: var(--pw-accent); }

/* Blocks */
.blocks { list-style: none; margin: 0; padding: 0; }
.blk { display: flex; gap: 6px; align-items: baseline; padding: 4px 6px; border-radius: 4px; cursor: pointer; }
.blk:hover, .blk:focus { background: var(--pw-soft); outline: none; }
.blk .b { flex: none; font: 600 10px/16px var(--pw-font); padding: 0 5px; border-radius: 3px; color: #fff; background: var(--c, var(--pw-bp)); }
.blk.bp { color: var(--pw-muted); }
.blk.bp .b { background: var(--pw-bp); }
.blk.corrected .b { box-shadow: 0 0 0 2px var(--pw-corrected); }
.blk .t { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.blk.unplaced .t::after { content: " (not on the page)"; color: var(--pw-muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
