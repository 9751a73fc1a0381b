import { describe, expect, it } from 'vitest';
import { loadConfig } from '@pullwatch/config';
import { schedulerRedisUrl, webhookTargets } from '../../../services/cli/src/diagnosis-adapters.js';

describe('alert-sinks > configuration (alerts.*, correlator.redis*)', () => {
  it('takes webhooks from the file form and the environment form, and never prints their secrets', () => {
    const config = loadConfig({
      env: {
        PULLWATCH_ALERTS_WEBHOOKS: JSON.stringify([{ url: 'https://hooks.example/a', secret: 'file-secret' }]),
        PULLWATCH_ALERTS_WEBHOOK_URLS: 'https://hooks.example/b, https://bot:tok3n-pw@chat.example/c',
        PULLWATCH_ALERTS_WEBHOOK_SECRET: 'env-secret',
      },
    });
    expect(webhookTargets(config)).toEqual([
      { url: 'https://hooks.example/a', secret: 'file-secret' },
      { url: 'https://hooks.example/b', secret: 'env-secret' },
      { url: 'https://bot:tok3n-pw@chat.example/c', secret: 'env-secret' },
    ]);
    const printed = JSON.stringify(config);
    for (const s of ['file-secret', 'env-secret', 'tok3n-pw']) expect(printed).not.toContain(s);
    expect(printed).toContain('https://[redacted]@chat.example/c');
  });

  it('refuses webhook URLs without a signing secret, and URLs that are not http(s)', () => {
    expect(() => loadConfig({ env: { PULLWATCH_ALERTS_WEBHOOK_URLS: 'https://hooks.example/b' } })).toThrow(/alerts\.webhookSecret must be set/);
    expect(() => loadConfig({ env: { PULLWATCH_ALERTS_WEBHOOKS: '[{"url":"ftp://x.example/","secret":"s"}]' } })).toThrow(/alerts\.webhooks\.0\.url.*http\(s\)/);
    expect(() => loadConfig({ env: { PULLWATCH_ALERTS_WEBHOOKS: '[{"url":"https://x.example/"}]' } })).toThrow(/alerts\.webhooks\.0\.secret/);
  });

  it('checks the correlator timings against each other and puts the Redis password into the URL', () => {
    expect(() => loadConfig({ env: { PULLWATCH_CORRELATOR_INTERVAL_MS: '90000000' } })).toThrow(/correlator\.intervalMs \(90000000\) must be lower than correlator\.offlineAfterMs/);
    expect(() => loadConfig({ env: { PULLWATCH_CORRELATOR_LOOKBACK_MS: '3600000' } })).toThrow(/correlator\.lookbackMs \(3600000\) must be at least/);
    const config = loadConfig({ env: { PULLWATCH_CORRELATOR_REDIS_URL: 'redis://10.0.0.5:6380/2', PULLWATCH_CORRELATOR_REDIS_PASSWORD: 'p@ss:word' } });
    expect(schedulerRedisUrl(config)).toBe('redis://:p%40ss%3Aword@10.0.0.5:6380/2');
    expect(JSON.stringify(config)).not.toContain('p@ss');
  });
});
