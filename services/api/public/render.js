// @ts-check
/**
 * Renders the API's answers: the integrations table (GET /v1/status), an alert card and a
 * diagnosis (GET /v1/alerts, GET /v1/integrations/:id/diagnosis). Builds elements only
 * through dom.js: no data is ever parsed as markup.
 */
import { fmtAgo, fmtCount, fmtDuration, fmtPercent, fmtTime, h, timeEl } from './dom.js';
import { CAUSES, STATES, VENDORS, labelOf } from './labels.js';

/**
 * @typedef {{ hostname?: string, serial?: string, address?: string }} Device
 * @typedef {{ category: string, confidence: number, reasons: string[] }} RankedCause
 * @typedef {{ '@timestamp': string, message: string, device?: string, rule?: string }} Excerpt
 * @typedef {{ status: number, count: number, first: string, last: string }} StatusCount
 * @typedef {{ event: string, category?: string, rule?: string, count: number, first: string, last: string }} FeedEventSummary
 * @typedef {{
 *   integration: { id: string, name: string, vendor: string },
 *   devices: Device[],
 *   status: string,
 *   generated_at: string,
 *   window: { from: string, to: string },
 *   primary: RankedCause,
 *   alternatives: RankedCause[],
 *   evidence: {
 *     pulls: { last_success?: string, last_attempt?: string, attempts: number, by_status: StatusCount[], by_source: Array<{ ip: string, count: number, statuses: number[], last: string }> },
 *     devices: Array<{ label: string, syslog: { count: number, first?: string, last?: string }, feed_events: FeedEventSummary[] }>,
 *     excerpts: Excerpt[],
 *     missing: string[],
 *   },
 *   timeline: { last_successful_pull?: string, first_failure?: string, offline_at?: string },
 *   time_left_ms?: number,
 *   summary: string,
 *   remediation: string[],
 *   verify: string[],
 * }} Diagnosis
 * @typedef {{ id: string, integration: { id: string, name: string, vendor: string }, state: string, opened_at: string, updated_at: string, diagnosis: Diagnosis }} Alert
 * @typedef {{ id: string, state: string, cause: string, confidence: number, summary: string, opened_at: string, offline_at?: string, time_left_ms?: number }} StatusAlert
 * @typedef {{ id: string, name: string, vendor: string, devices: Device[], state: string, last_successful_pull?: string, last_attempt?: string, alert?: StatusAlert }} IntegrationStatus
 */

/** @param {string} state */
export const stateBadge = (state) => h('span', { class: `badge state-${state}`, 'data-testid': 'state-badge' }, labelOf(STATES, state) || state);

/** @param {string} vendor */
const vendorTag = (vendor) => h('span', { class: 'vendor' }, labelOf(VENDORS, vendor));

/** @param {Device} d */
const deviceName = (d) => d.hostname ?? d.serial ?? d.address ?? '?';

/** @param {number} status */
const statusClass = (status) => (status >= 200 && status < 300 ? '2xx' : status >= 400 && status < 500 ? '4xx' : status >= 500 && status < 600 ? '5xx' : 'other');

/**
 * The cause with its confidence, as text and as a meter.
 * @param {RankedCause | { category: string, confidence: number }} cause
 */
function causeLine(cause) {
  return h(
    'p',
    { class: 'cause', 'data-testid': 'alert-cause', 'data-cause': cause.category },
    h('strong', { class: `cause-name cause-${cause.category}` }, labelOf(CAUSES, cause.category)),
    h('meter', { min: 0, max: 1, low: 0.5, high: 0.8, optimum: 1, value: cause.confidence, 'aria-label': 'confidence' }),
    h('span', { class: 'confidence' }, `${fmtPercent(cause.confidence)} confidence`),
  );
}

/**
 * "Offline in 21 h" for a degraded integration.
 * @param {string | undefined} offlineAt
 * @param {number} now
 */
function timeLeft(offlineAt, now) {
  if (offlineAt === undefined) return null;
  const left = Date.parse(offlineAt) - now;
  return h(
    'span',
    { class: 'time-left', 'data-testid': 'time-left', title: `counts as offline at ${fmtTime(offlineAt)}` },
    left > 0 ? `offline in ${fmtDuration(left)}` : 'offline threshold reached',
  );
}

// ---------------------------------------------------------------- integrations table

/**
 * @param {IntegrationStatus} s
 * @param {{ now: number, selected?: string, href: (id: string) => string }} ctx
 */
export function integrationRow(s, ctx) {
  const devices = s.devices.map((d) => h('span', { class: 'device', title: [d.hostname, d.serial, d.address].filter(Boolean).join(' · ') }, deviceName(d)));
  return h(
    'tr',
    {
      'data-testid': 'integration-row',
      'data-integration': s.id,
      'data-vendor': s.vendor,
      'data-state': s.state,
      class: s.id === ctx.selected ? 'selected' : null,
      'aria-current': s.id === ctx.selected ? 'true' : null,
    },
    h(
      'td',
      {},
      h('a', { href: ctx.href(s.id), class: 'integration-link', 'data-testid': 'integration-link', 'data-integration': s.id }, s.name),
      h('div', { class: 'muted small mono' }, s.id),
    ),
    h('td', {}, vendorTag(s.vendor)),
    h('td', { class: 'devices' }, devices.flatMap((d, i) => (i === 0 ? [d] : [', ', d]))),
    h('td', {}, stateBadge(s.state), s.state === 'degraded' && s.alert ? h('div', { class: 'small' }, timeLeft(s.alert.offline_at, ctx.now)) : null),
    h(
      'td',
      { 'data-testid': 'integration-cause', 'data-cause': s.alert?.cause ?? '' },
      s.alert ? [h('span', { class: 'cause-name' }, labelOf(CAUSES, s.alert.cause)), ' ', h('span', { class: 'muted small' }, fmtPercent(s.alert.confidence))] : h('span', { class: 'muted' }, '—'),
    ),
    h(
      'td',
      {},
      s.last_successful_pull
        ? [timeEl(s.last_successful_pull, fmtAgo(s.last_successful_pull, ctx.now)), h('div', { class: 'muted small' }, fmtTime(s.last_successful_pull))]
        : h('span', { class: 'muted' }, 'none in the look-back'),
    ),
  );
}

// ---------------------------------------------------------------- diagnosis

/**
 * @param {Diagnosis['evidence']['pulls']} pulls
 * @param {Diagnosis['window']} window
 */
function pullEvidence(pulls, window) {
  const title = h('h5', {}, 'Pulls since ', timeEl(window.from));
  if (pulls.attempts === 0) {
    return h(
      'div',
      { class: 'evidence-block', 'data-testid': 'evidence-pulls' },
      title,
      h('p', { class: 'warn' }, 'No pull attempt reached the endpoint in this window.', pulls.last_attempt ? [' Last attempt: ', timeEl(pulls.last_attempt), '.'] : null),
    );
  }
  return h(
    'div',
    { class: 'evidence-block', 'data-testid': 'evidence-pulls' },
    title,
    h(
      'table',
      { class: 'mini' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col', class: 'num' }, 'Pulls'), h('th', { scope: 'col' }, 'First'), h('th', { scope: 'col' }, 'Last'))),
      h(
        'tbody',
        {},
        pulls.by_status.map((s) =>
          h(
            'tr',
            { 'data-testid': 'pull-status', 'data-status': s.status },
            h('td', {}, h('span', { class: `status status-${statusClass(s.status)}` }, String(s.status))),
            h('td', { class: 'num' }, fmtCount(s.count)),
            h('td', {}, timeEl(s.first)),
            h('td', {}, timeEl(s.last)),
          ),
        ),
      ),
    ),
    pulls.by_source.length > 0
      ? h('p', { class: 'muted small' }, 'From ', pulls.by_source.map((s, i) => [i > 0 ? ', ' : '', h('span', { class: 'mono' }, s.ip), ` (${fmtCount(s.count)})`]))
      : null,
  );
}

/**
 * @param {Diagnosis['evidence']['devices']} devices
 * @param {Diagnosis['window']} window
 * @param {number} now
 */
function deviceEvidence(devices, window, now) {
  if (devices.length === 0) return null;
  return h(
    'div',
    { class: 'evidence-block', 'data-testid': 'evidence-devices' },
    h('h5', {}, "Firewall's own syslog"),
    h(
      'ul',
      { class: 'plain' },
      devices.map((d) =>
        h(
          'li',
          { 'data-testid': 'device-liveness', 'data-live': d.syslog.count > 0 ? 'true' : 'false' },
          h('span', { class: `dot ${d.syslog.count > 0 ? 'dot-live' : 'dot-silent'}`, 'aria-hidden': 'true' }),
          h('strong', {}, d.label),
          ': ',
          d.syslog.count > 0
            ? [
                `${fmtCount(d.syslog.count)} ${d.syslog.count === 1 ? 'line' : 'lines'}`,
                d.syslog.last ? [', last ', timeEl(d.syslog.last), h('span', { class: 'muted small' }, ` (${fmtAgo(d.syslog.last, now)})`)] : null,
              ]
            : h('span', { class: 'warn' }, 'no syslog at all since ', timeEl(window.from)),
          d.feed_events.length > 0
            ? h(
                'div',
                { class: 'muted small' },
                d.feed_events.map((f, i) => [
                  i > 0 ? '; ' : '',
                  `${f.event.replace(/_/g, ' ')}${f.category ? ` (${labelOf(CAUSES, f.category)})` : ''} × ${fmtCount(f.count)}, last `,
                  timeEl(f.last),
                ]),
              )
            : null,
        ),
      ),
    ),
  );
}

/** @param {Excerpt[]} excerpts */
function excerptList(excerpts) {
  if (excerpts.length === 0) return null;
  return h(
    'div',
    { class: 'evidence-block' },
    h('h5', {}, 'Log excerpts'),
    h(
      'ol',
      { class: 'excerpts', 'data-testid': 'excerpts' },
      excerpts.map((e) =>
        h(
          'li',
          { 'data-testid': 'excerpt' },
          h('div', { class: 'excerpt-meta' }, timeEl(e['@timestamp'], fmtTime(e['@timestamp'], { seconds: true })), e.device ? [' · ', e.device] : null, e.rule ? h('span', { class: 'rule' }, e.rule) : null),
          h('code', { class: 'log-line' }, e.message),
        ),
      ),
    ),
  );
}

/**
 * @param {Diagnosis['timeline']} t
 * @param {number} now
 */
function timelineFacts(t, now) {
  /** @type {Array<[string, string | undefined]>} */
  const rows = [
    ['Last successful pull', t.last_successful_pull],
    ['First failure', t.first_failure],
    ['Offline at', t.offline_at],
  ];
  const shown = rows.filter(([, v]) => v !== undefined);
  if (shown.length === 0) return null;
  return h(
    'dl',
    { class: 'facts' },
    shown.map(([k, v]) => [h('dt', {}, k), h('dd', {}, timeEl(/** @type {string} */ (v)), h('span', { class: 'muted small' }, ` (${fmtAgo(/** @type {string} */ (v), now)})`))]),
  );
}

/**
 * The parts of a diagnosis: what is wrong (cause, summary, timeline), the evidence, and the
 * steps (remediation, verification, other possible causes).
 * @param {Diagnosis} d
 * @param {number} now
 */
export function diagnosisParts(d, now) {
  const head = [causeLine(d.primary), h('p', { class: 'summary', 'data-testid': 'summary' }, d.summary), timelineFacts(d.timeline, now)];
  const evidence = h(
    'section',
    { class: 'evidence', 'aria-label': 'Evidence' },
    h('h4', {}, 'Evidence'),
    pullEvidence(d.evidence.pulls, d.window),
    deviceEvidence(d.evidence.devices, d.window, now),
    excerptList(d.evidence.excerpts),
    d.evidence.missing.length > 0
      ? h('div', { class: 'evidence-block' }, h('h5', {}, 'Missing evidence'), h('ul', { class: 'missing' }, d.evidence.missing.map((m) => h('li', {}, m))))
      : null,
  );
  const steps = [
    h('h4', {}, 'Remediation'),
    h('ol', { class: 'steps', 'data-testid': 'remediation' }, d.remediation.map((s) => h('li', {}, s))),
    h('h4', {}, 'Verify'),
    h('ol', { class: 'steps verify', 'data-testid': 'verify' }, d.verify.map((s) => h('li', {}, s))),
    d.alternatives.length > 0
      ? [
          h('h4', {}, 'Other possible causes'),
          h(
            'ul',
            { class: 'plain alternatives' },
            d.alternatives.map((a) => h('li', { title: a.reasons.join(' ') }, labelOf(CAUSES, a.category), ' ', h('span', { class: 'muted small' }, fmtPercent(a.confidence)))),
          ),
        ]
      : null,
  ];
  return { head, evidence, steps };
}

/**
 * The body of a diagnosis in two columns: cause, summary, timeline and evidence beside the
 * remediation and verification steps.
 * @param {Diagnosis} d
 * @param {number} now
 */
export function diagnosisBody(d, now) {
  const { head, evidence, steps } = diagnosisParts(d, now);
  return h('div', { class: 'diagnosis wide' }, h('div', { class: 'diag-main' }, head, evidence), h('div', { class: 'diag-steps' }, steps));
}

// ---------------------------------------------------------------- alert card

/**
 * @param {Alert} alert
 * @param {{ now: number, href: (id: string) => string }} ctx
 */
export function alertCard(alert, ctx) {
  const d = alert.diagnosis;
  const headingId = `alert-${alert.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return h(
    'article',
    {
      class: `card state-${alert.state}`,
      'data-testid': 'alert-card',
      'data-alert': alert.id,
      'data-cause': d.primary.category,
      'data-vendor': alert.integration.vendor,
      'data-state': alert.state,
      'data-integration': alert.integration.id,
      'aria-labelledby': headingId,
    },
    h(
      'header',
      { class: 'card-head' },
      h('h3', { id: headingId }, alert.integration.name),
      stateBadge(alert.state),
      vendorTag(alert.integration.vendor),
      alert.state === 'degraded' ? timeLeft(d.timeline.offline_at, ctx.now) : null,
      h('span', { class: 'spacer' }),
      h('span', { class: 'muted small' }, 'opened ', timeEl(alert.opened_at, fmtAgo(alert.opened_at, ctx.now))),
    ),
    diagnosisBody(d, ctx.now),
    h(
      'footer',
      { class: 'card-foot' },
      h('span', { class: 'muted small' }, 'Alert ', h('span', { class: 'mono' }, alert.id), ' · updated ', timeEl(alert.updated_at)),
      h('a', { href: ctx.href(alert.integration.id), class: 'integration-link', 'data-integration': alert.integration.id }, 'Pull timeline →'),
    ),
  );
}
