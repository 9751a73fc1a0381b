import { describe, expect, it } from 'vitest';
import type { DiagnosisStatus, IntegrationState } from '@pullwatch/core';
import { canTransition, isEpisodeState, nextState, VALID_TRANSITIONS } from '@pullwatch/diagnosis';

const STATES: IntegrationState[] = ['pulling', 'degraded', 'offline', 'resolved'];
const STATUSES: DiagnosisStatus[] = ['online', 'degraded', 'offline'];

describe('diagnosis > health state machine', () => {
  it('moves pulling → degraded → offline → resolved → pulling', () => {
    let s = nextState(undefined, 'online');
    expect(s).toBe('pulling');
    s = nextState(s, 'degraded');
    expect(s).toBe('degraded');
    s = nextState(s, 'offline');
    expect(s).toBe('offline');
    s = nextState(s, 'online');
    expect(s).toBe('resolved');
    expect(nextState(s, 'online')).toBe('pulling');
  });

  it('starts a new episode straight from resolved, and goes from offline back to degraded after a success followed by failures', () => {
    expect(nextState('resolved', 'degraded')).toBe('degraded');
    expect(nextState('resolved', 'offline')).toBe('offline');
    expect(nextState('offline', 'degraded')).toBe('degraded');
    expect(nextState('degraded', 'online')).toBe('resolved');
    expect(nextState(undefined, 'offline')).toBe('offline');
  });

  it('only ever makes transitions of the table', () => {
    for (const from of STATES) {
      for (const status of STATUSES) expect(canTransition(from, nextState(from, status))).toBe(true);
    }
  });

  it('has no transition out of an episode into pulling without resolving it first', () => {
    expect(VALID_TRANSITIONS.degraded).not.toContain('pulling');
    expect(VALID_TRANSITIONS.offline).not.toContain('pulling');
    expect(VALID_TRANSITIONS.pulling).not.toContain('resolved');
    expect(STATES.filter(isEpisodeState)).toEqual(['degraded', 'offline']);
  });
});
