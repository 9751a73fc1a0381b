import { describe, expect, it } from 'vitest';
import { REDACTED as R, isSensitiveKey, redactDeep } from '@pullwatch/redact';

describe('redact > redactDeep', () => {
  it('redacts every string value of a nested ECS document and returns a new object', () => {
    const doc = {
      '@timestamp': '2025-11-05T10:00:00.000Z',
      event: { original: '<189>date=2025 url="https://u:p@h/x?api_key=k"', severity: 4 },
      url: { original: 'https://u:p@h/x', username: 'u', password: 'p' },
      http: { request: { headers: { authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': 'k' } } },
      tags: ['token=abc', 'plain'],
      fortinet: { firewall: { client_secret: 'shh', count: 3, ok: true, none: null } },
    };
    const before = JSON.stringify(doc);
    const out = redactDeep(doc);
    expect(out).toEqual({
      '@timestamp': '2025-11-05T10:00:00.000Z',
      event: { original: `<189>date=2025 url="https://u:${R}@h/x?api_key=${R}"`, severity: 4 },
      url: { original: `https://u:${R}@h/x`, username: 'u', password: R },
      http: { request: { headers: { authorization: `Basic ${R}`, 'x-api-key': R } } },
      tags: [`token=${R}`, 'plain'],
      fortinet: { firewall: { client_secret: R, count: 3, ok: true, none: null } },
    });
    expect(JSON.stringify(doc)).toBe(before); // input not mutated
    expect(out).not.toBe(doc);
  });

  it('copy-on-write: untouched subtrees are shared, and a clean document is returned as is', () => {
    const clean = { a: { b: 'x' }, c: ['y'] };
    expect(redactDeep(clean)).toBe(clean);
    const mixed = { keep: { b: 'x' }, change: { password: 'p' } };
    const out = redactDeep(mixed);
    expect(out.keep).toBe(mixed.keep);
    expect(out.change).not.toBe(mixed.change);
  });

  it('keys are never changed; arrays under a secret key are redacted whole', () => {
    expect(redactDeep({ password: ['a', 'b'], 'token=x': 'y' })).toEqual({ password: [R, R], 'token=x': 'y' });
  });

  it('leaves non-plain objects alone and survives cycles', () => {
    const d = new Date(0);
    const cyclic: Record<string, unknown> = { s: 'password=x' };
    cyclic.self = cyclic;
    const out = redactDeep({ d, cyclic });
    expect(out.d).toBe(d);
    expect((out.cyclic as Record<string, unknown>).s).toBe(`password=${R}`);
  });

  it('scalars and strings at the top level', () => {
    expect(redactDeep('token=abc')).toBe(`token=${R}`);
    expect(redactDeep(42)).toBe(42);
    expect(redactDeep(null)).toBeNull();
    expect(redactDeep(undefined)).toBeUndefined();
  });

  it('isSensitiveKey', () => {
    for (const k of ['password', 'passwd', 'url.password', 'client_secret', 'X-Api-Key', 'api_key', 'Authorization', 'refresh_token']) {
      expect(isSensitiveKey(k)).toBe(true);
    }
    for (const k of ['username', 'tokens', 'keyword', 'message', 'original']) expect(isSensitiveKey(k)).toBe(false);
  });
});
