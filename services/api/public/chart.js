// @ts-check
/**
 * The pull timeline as an inline SVG: one stacked bar per bucket (2xx, other, 4xx, 5xx from
 * the bottom up), a light grey column where no pull came at all, axes with labels, and a
 * legend. Colours come from style.css (`.seg-*`, `.swatch-*`).
 */
import { fmtCount, fmtDuration, fmtShort, fmtTime, h, svg } from './dom.js';

/** @typedef {{ at: string, statuses: Record<string, number> }} PullBucket */

/** Status classes, stacked from the bottom up. */
const CLASSES = /** @type {const} */ ([
  { key: '2xx', label: '2xx: blocklist served' },
  { key: 'other', label: '1xx/3xx' },
  { key: '4xx', label: '4xx: refused' },
  { key: '5xx', label: '5xx: endpoint error' },
]);

/** @param {string} status */
function classOf(status) {
  const n = Number(status);
  if (n >= 200 && n < 300) return '2xx';
  if (n >= 400 && n < 500) return '4xx';
  if (n >= 500 && n < 600) return '5xx';
  return 'other';
}

/**
 * The smallest of 1, 2, 5 × 10^k at or above `n` (at least 1).
 * @param {number} n
 */
function niceMax(n) {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

const W = 760;
const H = 250;
const M = { top: 14, right: 12, bottom: 44, left: 46 };

/**
 * @param {PullBucket[]} buckets oldest first
 * @param {{ name: string }} integration
 * @returns {HTMLElement}
 */
export function timelineChart(buckets, integration) {
  if (buckets.length === 0) return h('p', { class: 'empty' }, 'No bucket in this range.');
  const starts = buckets.map((b) => Date.parse(b.at));
  const stepMs = buckets.length > 1 ? starts[1] - starts[0] : 3_600_000;
  const bars = buckets.map((b, i) => {
    /** @type {Record<string, number>} */
    const byClass = { '2xx': 0, other: 0, '4xx': 0, '5xx': 0 };
    let total = 0;
    for (const [status, count] of Object.entries(b.statuses)) {
      byClass[classOf(status)] += count;
      total += count;
    }
    return { at: starts[i], byClass, total, statuses: b.statuses };
  });
  const maxTotal = niceMax(Math.max(0, ...bars.map((b) => b.total)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / bars.length;
  const barW = Math.max(1, slot * 0.78);
  const y = (/** @type {number} */ v) => M.top + plotH - (v / maxTotal) * plotH;

  const totals = { '2xx': 0, other: 0, '4xx': 0, '5xx': 0 };
  let silent = 0;
  for (const b of bars) {
    for (const c of CLASSES) totals[c.key] += b.byClass[c.key];
    if (b.total === 0) silent++;
  }
  const pulls = bars.reduce((n, b) => n + b.total, 0);
  const width = fmtDuration(stepMs);
  const description =
    `${bars.length} buckets of ${width} from ${fmtTime(starts[0])} to ${fmtTime(starts[starts.length - 1] + stepMs)}: ${fmtCount(pulls)} pulls` +
    (pulls ? ` (${CLASSES.filter((c) => totals[c.key] > 0).map((c) => `${fmtCount(totals[c.key])} × ${c.key}`).join(', ')})` : '') +
    `; ${silent} ${silent === 1 ? 'bucket' : 'buckets'} without any pull.`;

  // Y axis: gridlines at 0, ½ and the top.
  const yTicks = maxTotal >= 2 ? [0, maxTotal / 2, maxTotal] : [0, maxTotal];
  const grid = yTicks.map((v) =>
    svg(
      'g',
      { class: 'tick' },
      svg('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: v === 0 ? 'axis-line' : 'grid-line' }),
      svg('text', { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis-label' }, Number.isInteger(v) ? String(v) : v.toFixed(1)),
    ),
  );

  // X axis: a label every k buckets, on round times (midnight shows the date).
  const wanted = Math.max(1, Math.ceil(bars.length / 8));
  const k = [1, 2, 3, 4, 6, 8, 12, 24, 48, 96].find((c) => c >= wanted) ?? wanted;
  const xLabels = bars.flatMap((b, i) => {
    if (Math.round(b.at / stepMs) % k !== 0) return [];
    const x = M.left + i * slot + slot / 2;
    const d = new Date(b.at);
    const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0;
    const text = midnight ? fmtShort(b.at).split(' ').slice(0, 2).join(' ') : fmtShort(b.at).split(' ')[2];
    return [
      svg(
        'g',
        { class: 'tick' },
        svg('line', { x1: x, x2: x, y1: M.top + plotH, y2: M.top + plotH + 4, class: 'axis-line' }),
        svg('text', { x, y: M.top + plotH + 17, 'text-anchor': 'middle', class: midnight ? 'axis-label strong' : 'axis-label' }, text),
      ),
    ];
  });

  const columns = bars.map((b, i) => {
    const x = M.left + i * slot + (slot - barW) / 2;
    const tip =
      `${fmtTime(b.at)} – ${fmtShort(b.at + stepMs).split(' ')[2]} UTC: ` +
      (b.total === 0
        ? 'no pull'
        : Object.entries(b.statuses)
            .sort(([a], [c]) => Number(a) - Number(c))
            .map(([status, n]) => `${n} × ${status}`)
            .join(', '));
    if (b.total === 0) {
      return svg(
        'g',
        { 'data-testid': 'timeline-bar', 'data-at': new Date(b.at).toISOString(), 'data-total': 0 },
        svg('title', {}, tip),
        svg('rect', { x, y: M.top, width: barW, height: plotH, class: 'seg-none' }),
      );
    }
    let base = 0;
    const segs = CLASSES.filter((c) => b.byClass[c.key] > 0).map((c) => {
      const top = base + b.byClass[c.key];
      const rect = svg('rect', { x, y: y(top), width: barW, height: Math.max(0.5, y(base) - y(top)), class: `seg-${c.key}`, 'data-class': c.key });
      base = top;
      return rect;
    });
    return svg('g', { 'data-testid': 'timeline-bar', 'data-at': new Date(b.at).toISOString(), 'data-total': b.total }, svg('title', {}, tip), segs);
  });

  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      class: 'timeline',
      role: 'img',
      'aria-label': `Pulls of ${integration.name} over time. ${description}`,
      'data-testid': 'timeline-chart',
      preserveAspectRatio: 'xMidYMid meet',
    },
    grid,
    columns,
    xLabels,
    svg('text', { x: M.left + plotW / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'time (UTC)'),
    svg('text', { x: 12, y: M.top + plotH / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${M.top + plotH / 2})` }, `pulls per ${width}`),
  );

  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend', 'data-testid': 'timeline-legend' },
    CLASSES.filter((c) => c.key !== 'other' || totals.other > 0).map((c) => h('li', {}, h('span', { class: `swatch swatch-${c.key}`, 'aria-hidden': 'true' }), c.label)),
    h('li', {}, h('span', { class: 'swatch swatch-none', 'aria-hidden': 'true' }), 'no pull'),
  );

  return h('figure', { class: 'chart' }, chart, legend, h('figcaption', { class: 'muted' }, description));
}
