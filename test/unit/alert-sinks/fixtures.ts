/** A typical offline alert, for the alert sink and API unit tests. */
import type { Alert, Diagnosis } from '@pullwatch/core';

export function sampleDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    integration: { id: 'int-fw-paris', name: 'Paris FortiGate', vendor: 'fortigate' },
    devices: [{ hostname: 'fw-paris-01', address: '192.0.2.10' }],
    status: 'offline',
    generated_at: '2026-11-26T10:00:00.000Z',
    window: { from: '2026-11-25T08:00:00.000Z', to: '2026-11-26T10:00:00.000Z' },
    primary: { category: 'credentials_invalid', confidence: 0.9, reasons: ['the endpoint answered 401 to 24 pulls from 192.0.2.10'] },
    alternatives: [{ category: 'invalid_format', confidence: 0.1, reasons: ['a 404 would point at a wrong URL'] }],
    evidence: {
      pulls: {
        last_success: '2026-11-25T08:00:00.000Z',
        last_attempt: '2026-11-26T09:55:00.000Z',
        attempts: 24,
        by_status: [{ status: 401, count: 24, first: '2026-11-25T09:00:00.000Z', last: '2026-11-26T09:55:00.000Z' }],
        by_source: [{ ip: '192.0.2.10', count: 24, statuses: [401], last: '2026-11-26T09:55:00.000Z' }],
        by_path: [{ path: '/v1/integrations/int-fw-paris/content', count: 24, statuses: [401] }],
        first_failure: { at: '2026-11-25T09:00:00.000Z', status: 401 },
      },
      devices: [{ label: 'fw-paris-01', syslog: { count: 1200, first: '2026-11-25T08:00:00.000Z', last: '2026-11-26T09:59:00.000Z' }, feed_events: [] }],
      excerpts: [],
      missing: [],
    },
    timeline: { last_successful_pull: '2026-11-25T08:00:00.000Z', first_failure: '2026-11-25T09:00:00.000Z', offline_at: '2026-11-26T08:00:00.000Z' },
    summary: 'The endpoint refuses the credentials of Paris FortiGate (401 since 2026-11-25 09:00).',
    remediation: ['Security Fabric > External Connectors: re-enter the user name and password of the threat feed.'],
    verify: ['The next pull answers 200.'],
    ...overrides,
  };
}

export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  const diagnosis = sampleDiagnosis();
  return {
    id: `int-fw-paris:${Date.parse('2026-11-26T08:00:00.000Z')}`,
    integration: diagnosis.integration,
    status: 'open',
    state: 'offline',
    opened_at: '2026-11-26T08:00:00.000Z',
    updated_at: '2026-11-26T10:00:00.000Z',
    diagnosis,
    history: [{ at: '2026-11-26T08:00:00.000Z', state: 'offline', cause: 'credentials_invalid', confidence: 0.9, summary: diagnosis.summary }],
    origin: 'pullwatch',
    ...overrides,
  };
}
