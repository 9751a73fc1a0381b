import { describe, expect, it } from 'vitest';
import { runDemo } from '../../services/cli/src/commands/demo.js';
import { embeddedConfig } from './helpers.js';

describe('embedded > pullwatch demo', () => {
  it('diagnoses the four integrations, each with its own cause, with no server but its own', async () => {
    const { alerts, expected, handle } = await runDemo({ config: embeddedConfig(), progress: false, log: () => undefined });
    try {
      const causes = Object.fromEntries(alerts.map((a) => [a.integration.id, a.diagnosis.primary.category]));
      expect(causes).toEqual(expected);
      expect(Object.values(expected).sort()).toEqual(['credentials_invalid', 'firewall_offline', 'rule_removed_or_disabled', 'tls_trust']);
      for (const a of alerts) {
        expect(a.state).toBe('offline');
        expect(a.diagnosis.remediation.length).toBeGreaterThan(0);
        expect(a.diagnosis.verify.length).toBeGreaterThan(0);
      }
      // The regenerated credentials are dated: the switch from 200 to 401.
      expect(alerts.find((a) => a.diagnosis.primary.category === 'credentials_invalid')!.diagnosis.summary).toMatch(/regenerated or changed around then/);
      expect(await handle.deadLetters.count()).toBe(0);
    } finally {
      await handle.stop();
    }
  });
});
