// @ts-check
/**
 * DOM building without markup: every string becomes a text node and every attribute is set
 * with setAttribute, so text from the data (log lines are written by whoever can reach a
 * firewall's syslog) is never parsed as HTML. Nothing on the page uses innerHTML.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** @typedef {Node | string | number | null | undefined | false} Leaf */
/** @typedef {Leaf | Leaf[] | Array<Leaf | Leaf[] | Array<Leaf | Leaf[]>>} Child nested arrays are flattened */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Attrs */

/**
 * @param {Element} el
 * @param {Attrs} attrs
 */
function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    // Handlers are attached with addEventListener; an on* attribute would be a script.
    if (/^on/i.test(name)) throw new Error(`refusing to set the event attribute ${name}`);
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

/**
 * @param {Element | DocumentFragment} el
 * @param {Child[]} children
 */
function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/**
 * An HTML element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * An SVG element.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * Replaces the children of `el`.
 * @param {Element} el
 * @param {...Child} children
 */
export function fill(el, ...children) {
  const frag = document.createDocumentFragment();
  append(frag, children);
  el.replaceChildren(frag);
}

/**
 * The element of an id, or an error naming it.
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return /** @type {T} */ (el);
}

// ---------------------------------------------------------------- formatting

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (/** @type {number} */ n) => String(n).padStart(2, '0');

/**
 * `2026-11-26 09:57 UTC` (with seconds when asked).
 * @param {string | number} t ISO-8601 or epoch ms
 * @param {{ seconds?: boolean, zone?: boolean }} [opts]
 */
export function fmtTime(t, opts = {}) {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}${opts.seconds ? `:${two(d.getUTCSeconds())}` : ''}`;
  return `${date} ${time}${opts.zone === false ? '' : ' UTC'}`;
}

/**
 * `Nov 26 09:00` in UTC, for chart axes.
 * @param {number} t epoch ms
 */
export function fmtShort(t) {
  const d = new Date(t);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/**
 * `45 s`, `12 min`, `3 h 20 min`, `2 d 4 h`.
 * @param {number} ms
 */
export function fmtDuration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  if (hours < 48) return m % 60 === 0 || hours >= 10 ? `${hours} h` : `${hours} h ${m % 60} min`;
  const d = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${d} d` : `${d} d ${hours % 24} h`;
}

/**
 * `26 h ago` / `in 3 h` relative to `now` (epoch ms).
 * @param {string} iso
 * @param {number} now
 */
export function fmtAgo(iso, now) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = now - t;
  if (Math.abs(d) < 30_000) return 'just now';
  return d >= 0 ? `${fmtDuration(d)} ago` : `in ${fmtDuration(-d)}`;
}

/** @param {number} n */
export const fmtCount = (n) => n.toLocaleString('en-US');

/** @param {number} confidence 0..1 */
export const fmtPercent = (confidence) => `${Math.round(confidence * 100)} %`;

/**
 * A `<time>` element: the text given, the machine-readable time, and the full time as a tooltip.
 * @param {string} iso
 * @param {string} [text]
 */
export function timeEl(iso, text) {
  return h('time', { datetime: iso, title: fmtTime(iso, { seconds: true }) }, text ?? fmtTime(iso));
}
