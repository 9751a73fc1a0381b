// @ts-check
/**
 * The status page: counts per state, the integrations table, the open alerts with their
 * diagnosis, filters by vendor and cause, and the pull timeline of one integration beside its
 * diagnosis. The view lives in the URL (`?vendor=&cause=&integration=`), so a filtered view
 * can be shared; the data refreshes every 30 s.
 */
import { getDiagnosis, getOpenAlerts, getStatus, getTimeline } from './api.js';
import { timelineChart } from './chart.js';
import { byId, fill, fmtTime, h } from './dom.js';
import { CAUSES, VENDORS } from './labels.js';
import { alertCard, diagnosisParts, integrationRow, stateBadge } from './render.js';

const REFRESH_MS = 30_000;

/** @typedef {{ vendor: string, cause: string, integration: string }} View */
/** @typedef {import('./render.js').IntegrationStatus} IntegrationStatus */

const el = {
  main: byId('main'),
  vendor: /** @type {HTMLSelectElement} */ (byId('filter-vendor')),
  cause: /** @type {HTMLSelectElement} */ (byId('filter-cause')),
  form: /** @type {HTMLFormElement} */ (byId('filter-vendor').closest('form')),
  updated: byId('updated'),
  error: byId('error'),
  rows: byId('integrations-body'),
  rowsEmpty: byId('integrations-empty'),
  alerts: byId('alerts'),
  alertsCount: byId('alerts-count'),
  alertsEmpty: byId('alerts-empty'),
  detail: byId('detail'),
  detailTitle: byId('detail-title'),
  detailClose: /** @type {HTMLAnchorElement} */ (byId('detail-close')),
  detailChart: byId('detail-chart'),
  detailDiagnosis: byId('detail-diagnosis'),
};

/**
 * The view of a URL's query string; unknown vendors and causes are ignored.
 * @param {string} search
 * @returns {View}
 */
function viewOf(search) {
  const q = new URLSearchParams(search);
  /** @param {string} name @param {Record<string, string>} allowed */
  const pick = (name, allowed) => {
    const v = q.get(name) ?? '';
    return Object.hasOwn(allowed, v) ? v : '';
  };
  return { vendor: pick('vendor', VENDORS), cause: pick('cause', CAUSES), integration: q.get('integration') ?? '' };
}

/**
 * The URL of a view, relative to the page.
 * @param {View} view
 */
function hrefOf(view) {
  const q = new URLSearchParams();
  if (view.vendor) q.set('vendor', view.vendor);
  if (view.cause) q.set('cause', view.cause);
  if (view.integration) q.set('integration', view.integration);
  const s = q.toString();
  return s ? `?${s}` : location.pathname;
}

let view = viewOf(location.search);
/** @type {{ integrations: IntegrationStatus[], generated_at: string } | undefined} */
let lastStatus;
let now = Date.now();
let refreshes = 0;
let sequence = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;

/** @param {string} id */
const integrationHref = (id) => hrefOf({ ...view, integration: id });

// ---------------------------------------------------------------- rendering

/** @param {Record<string, number>} counts */
function renderCounts(counts) {
  for (const state of ['offline', 'degraded', 'pulling']) byId(`count-${state}`).textContent = String(counts[state] ?? 0);
  const c = /** @type {HTMLElement} */ (document.querySelector('.counts'));
  c.classList.toggle('all-clear', (counts.offline ?? 0) + (counts.degraded ?? 0) === 0);
}

function renderTable() {
  const list = lastStatus?.integrations ?? [];
  fill(el.rows, list.map((s) => integrationRow(s, { now, selected: view.integration, href: integrationHref })));
  el.rowsEmpty.hidden = list.length > 0;
  el.rowsEmpty.textContent = view.vendor || view.cause ? 'No integration matches these filters.' : 'No integration is registered yet (POST /v1/integrations).';
}

/** @param {import('./render.js').Alert[]} alerts */
function renderAlerts(alerts) {
  // As the table: offline first, then degraded; by name within a state.
  const rank = (/** @type {string} */ state) => (state === 'offline' ? 0 : state === 'degraded' ? 1 : 2);
  const sorted = [...alerts].sort((a, b) => rank(a.state) - rank(b.state) || a.integration.name.localeCompare(b.integration.name, 'en'));
  fill(el.alerts, sorted.map((a) => alertCard(a, { now, href: integrationHref })));
  el.alertsCount.textContent = `(${alerts.length})`;
  el.alertsEmpty.hidden = alerts.length > 0;
  el.alertsEmpty.textContent = view.vendor || view.cause ? 'No open alert matches these filters.' : 'No open alert: every integration pulls its blocklist.';
}

/**
 * The pull timeline and the diagnosis of one integration, side by side.
 * @param {string} id
 * @param {number} seq
 */
async function renderDetail(id, seq) {
  el.detail.hidden = false;
  const known = lastStatus?.integrations.find((i) => i.id === id);
  fill(el.detailTitle, 'Pull timeline: ', known?.name ?? id, known ? [' ', stateBadge(known.state)] : null);
  el.detailClose.href = hrefOf({ ...view, integration: '' });
  const [timeline, diagnosis] = await Promise.allSettled([getTimeline(id), getDiagnosis(id)]);
  if (seq !== sequence || view.integration !== id) return;
  fill(
    el.detailChart,
    timeline.status === 'fulfilled'
      ? timelineChart(timeline.value, { name: known?.name ?? id })
      : h('p', { class: 'error-inline' }, `The pull timeline is not available: ${timeline.reason instanceof Error ? timeline.reason.message : String(timeline.reason)}`),
  );
  if (diagnosis.status === 'fulfilled') {
    const d = diagnosis.value;
    if (!known) fill(el.detailTitle, 'Pull timeline: ', d.integration.name);
    const { head, evidence, steps } = diagnosisParts(d, now);
    el.detailDiagnosis.dataset.cause = d.primary.category;
    fill(el.detailDiagnosis, h('h3', {}, 'Diagnosis now ', h('span', { class: 'muted small' }, fmtTime(d.generated_at))), h('div', { class: 'diagnosis' }, head, steps));
    el.detailChart.append(h('div', { class: 'diagnosis' }, evidence));
  } else {
    delete el.detailDiagnosis.dataset.cause;
    fill(el.detailDiagnosis, h('p', { class: 'error-inline' }, `No diagnosis: ${diagnosis.reason instanceof Error ? diagnosis.reason.message : String(diagnosis.reason)}`));
  }
  el.detail.dataset.integration = id;
}

function hideDetail() {
  el.detail.hidden = true;
  delete el.detail.dataset.integration;
  el.detailChart.replaceChildren();
  el.detailDiagnosis.replaceChildren();
  delete el.detailDiagnosis.dataset.cause;
}

/** Reads everything again and redraws; the newest call wins. */
async function refresh() {
  clearTimeout(timer);
  const seq = ++sequence;
  const filters = { vendor: view.vendor, cause: view.cause };
  el.main.setAttribute('aria-busy', 'true');
  try {
    const [status, alerts] = await Promise.all([getStatus(filters), getOpenAlerts(filters)]);
    if (seq !== sequence) return;
    lastStatus = status;
    now = Date.parse(status.generated_at);
    renderCounts(status.counts);
    renderTable();
    renderAlerts(alerts.alerts);
    if (view.integration) await renderDetail(view.integration, seq);
    else hideDetail();
    if (seq !== sequence) return;
    el.error.hidden = true;
    el.updated.textContent = `Updated ${fmtTime(status.generated_at, { seconds: true })}`;
  } catch (err) {
    if (seq !== sequence) return;
    el.error.hidden = false;
    el.error.textContent = `Could not refresh: ${err instanceof Error ? err.message : String(err)}. Retrying in ${REFRESH_MS / 1000} s.`;
  } finally {
    if (seq === sequence) {
      refreshes++;
      el.main.dataset.refreshes = String(refreshes);
      el.main.setAttribute('aria-busy', 'false');
      timer = setTimeout(tick, REFRESH_MS);
    }
  }
}

/** The 30-second refresh; skipped while the tab is hidden (it refreshes when shown again). */
function tick() {
  if (document.hidden) return;
  void refresh();
}

// ---------------------------------------------------------------- navigation

/**
 * Moves to a view: the URL changes (history entry), then the page follows.
 * @param {View} next
 * @param {{ scroll?: boolean }} [opts]
 */
function go(next, opts = {}) {
  const filtersChanged = next.vendor !== view.vendor || next.cause !== view.cause;
  view = next;
  history.pushState(null, '', hrefOf(view));
  apply(filtersChanged, opts.scroll === true);
}

/**
 * @param {boolean} reload the filters changed: read the data again
 * @param {boolean} scroll bring the timeline into view
 */
function apply(reload, scroll) {
  el.vendor.value = view.vendor;
  el.cause.value = view.cause;
  if (reload) void refresh();
  else {
    // Only the selected integration changed: the data at hand is current.
    renderTable();
    if (view.integration) void renderDetail(view.integration, sequence);
    else hideDetail();
  }
  if (scroll && view.integration) {
    el.detail.hidden = false;
    el.detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el.detailTitle.focus({ preventScroll: true });
  }
}

function init() {
  for (const [value, label] of Object.entries(VENDORS)) el.vendor.append(h('option', { value }, label));
  for (const [value, label] of Object.entries(CAUSES)) el.cause.append(h('option', { value }, label));
  el.detailTitle.tabIndex = -1;

  el.vendor.addEventListener('change', () => go({ ...view, vendor: el.vendor.value }));
  el.cause.addEventListener('change', () => go({ ...view, cause: el.cause.value }));
  el.form.addEventListener('reset', (e) => {
    e.preventDefault();
    go({ ...view, vendor: '', cause: '' });
  });
  el.form.addEventListener('submit', (e) => e.preventDefault());

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target.closest('a.integration-link, #detail-close') : null;
    if (!(target instanceof HTMLAnchorElement) || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const id = target.dataset.integration ?? '';
    go({ ...view, integration: id }, { scroll: id !== '' });
  });
  window.addEventListener('popstate', () => {
    const next = viewOf(location.search);
    const reload = next.vendor !== view.vendor || next.cause !== view.cause;
    view = next;
    apply(reload, false);
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void refresh();
  });

  el.vendor.value = view.vendor;
  el.cause.value = view.cause;
  void refresh();
}

init();
