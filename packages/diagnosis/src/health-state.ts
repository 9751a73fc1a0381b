import type { DiagnosisStatus, IntegrationState } from '@pullwatch/core';

/**
 * The health of an integration over time, as a small state machine (the shape of kafkajs'
 * transaction state machine: one table of legal transitions, one function that moves).
 *
 * - `pulling`: pulls succeed.
 * - `degraded`: pulls (or the firewall's feed updates) fail, but the last success is not yet
 *   older than the threshold.
 * - `offline`: no successful pull for the threshold (or none in the look-back).
 * - `resolved`: a successful pull ended a degraded or offline episode; the next diagnosis moves
 *   on to `pulling` (or straight into a new episode).
 *
 * `offline → degraded` is legal: a pull succeeded (so the integration is back under the
 * threshold) but failures follow it, so the episode goes on.
 */
export const VALID_TRANSITIONS: Readonly<Record<IntegrationState, readonly IntegrationState[]>> = {
  pulling: ['pulling', 'degraded', 'offline'],
  degraded: ['degraded', 'offline', 'resolved'],
  offline: ['offline', 'degraded', 'resolved'],
  resolved: ['pulling', 'degraded', 'offline'],
};

/** True when `from → to` is in the table. */
export const canTransition = (from: IntegrationState, to: IntegrationState): boolean => VALID_TRANSITIONS[from].includes(to);

/**
 * The state after a diagnosis with `status`, from `previous` (undefined: never diagnosed).
 * online → `resolved` after degraded or offline, else `pulling`; degraded and offline map to
 * themselves. The result is always a legal transition from `previous`.
 */
export function nextState(previous: IntegrationState | undefined, status: DiagnosisStatus): IntegrationState {
  const next: IntegrationState =
    status === 'online' ? (previous === 'degraded' || previous === 'offline' ? 'resolved' : 'pulling') : status;
  if (previous !== undefined && !canTransition(previous, next)) {
    // Unreachable with the table above; kept so a table edit cannot silently allow an illegal move.
    throw new RangeError(`Illegal integration state transition ${previous} → ${next}.`);
  }
  return next;
}

/** An episode (alert) is open in these states. */
export const isEpisodeState = (s: IntegrationState): boolean => s === 'degraded' || s === 'offline';
