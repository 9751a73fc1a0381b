import type { Alert, Diagnosis } from '@pullwatch/core';
import { formatTime, nextState } from '@pullwatch/diagnosis';
import type { AlertChange } from '@pullwatch/ports';

/** The history entry recording a diagnosis. */
export const historyEntry = (at: string, state: Alert['state'], d: Diagnosis): Alert['history'][number] => ({
  at,
  state,
  cause: d.primary.category,
  confidence: d.primary.confidence,
  summary: d.summary,
});

/** Stable per episode: `<integration id>:<opened_at epoch ms>`. */
export const alertId = (integrationId: string, openedAt: Date): string => `${integrationId}:${openedAt.getTime()}`;

/** "successful pull at 2026-11-26 09:10 UTC from 203.0.113.9". */
export function resolutionOf(d: Diagnosis): string {
  const at = d.timeline.last_successful_pull;
  const when = at !== undefined ? ` at ${formatTime(Date.parse(at))}` : '';
  const source = d.evidence.pulls.by_source.find((s) => s.last === at && s.statuses.some((st) => st >= 200 && st < 300))?.ip;
  return `successful pull${when}${source !== undefined ? ` from ${source}` : ''}`;
}

/**
 * What to do with the alert of one integration given a fresh diagnosis (pure):
 * - no open alert: open one when degraded or offline;
 * - open alert and online: resolve it (a successful pull and no failure after it);
 * - open alert, still failing: update it when the state or the primary cause changed, else
 *   leave it alone (nothing written, nothing published: a run is idempotent).
 */
export function alertTransition(existing: Alert | undefined, d: Diagnosis, now: Date): { alert: Alert; change: AlertChange } | undefined {
  const at = now.toISOString();
  if (existing === undefined) {
    if (d.status === 'online') return undefined;
    const state = nextState(undefined, d.status);
    return {
      change: 'opened',
      alert: {
        id: alertId(d.integration.id, now),
        integration: d.integration,
        status: 'open',
        state,
        opened_at: at,
        updated_at: at,
        diagnosis: d,
        history: [historyEntry(at, state, d)],
        origin: 'pullwatch',
      },
    };
  }
  const state = nextState(existing.state, d.status);
  if (d.status === 'online') {
    return {
      change: 'resolved',
      alert: {
        ...existing,
        status: 'resolved',
        state,
        updated_at: at,
        resolved_at: at,
        resolution: resolutionOf(d),
        diagnosis: d,
        history: [...existing.history, historyEntry(at, state, d)],
      },
    };
  }
  if (state === existing.state && d.primary.category === existing.diagnosis.primary.category) return undefined;
  return {
    change: 'updated',
    alert: { ...existing, state, updated_at: at, diagnosis: d, history: [...existing.history, historyEntry(at, state, d)] },
  };
}
