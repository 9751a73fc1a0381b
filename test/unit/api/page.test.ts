import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_DIR, buildApi, type ApiApp } from '@pullwatch/api';
import { ROOT_CAUSES, vendorSchema } from '@pullwatch/core';
import { MemoryAlertStore, MemoryEvidenceSource, MemoryIntegrationRegistry } from '@pullwatch/store-memory';
import { createLogger } from '@pullwatch/telemetry';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

function app(): ApiApp {
  return buildApi({
    registry: new MemoryIntegrationRegistry(),
    alerts: new MemoryAlertStore(),
    evidence: new MemoryEvidenceSource(),
    pulls: { accept: async () => ({ rejected: [] }) },
    logger: silent,
  });
}

const files = readdirSync(PUBLIC_DIR);
const text = (name: string): string => readFileSync(join(PUBLIC_DIR, name), 'utf8');

describe('api > page > files', () => {
  let a: ApiApp;
  beforeAll(() => void (a = app()));

  it('serves index.html at / with a strict content security policy', async () => {
    const res = await a.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('<script type="module" src="ui/app.js"></script>');

    const again = await a.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves every file the page refers to, with its type', async () => {
    const html = text('index.html');
    const refs = new Set([...html.matchAll(/(?:src|href)="ui\/([^"]+)"/g)].map((m) => m[1]!));
    for (const f of files.filter((f) => f.endsWith('.js'))) for (const m of text(f).matchAll(/from '\.\/([^']+)'/g)) refs.add(m[1]!);
    expect([...refs].sort()).toEqual(files.filter((f) => f !== 'index.html').sort());
    const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
    for (const name of refs) {
      const res = await a.inject({ method: 'GET', url: `/ui/${name}` });
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type'], name).toBe(types[name.split('.').pop()!]);
      expect(res.body).toBe(text(name));
    }
  });

  it('answers 404 for anything else under /ui/, including paths out of the folder', async () => {
    for (const url of ['/ui/nope.js', '/ui/', '/ui/..%2Fpackage.json', '/ui/../package.json', '/ui/index.html', '/ui/.hidden.js', '/ui/App.js']) {
      const res = await a.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: expect.any(String), issues: [] });
    }
  });

  it('loads nothing from elsewhere and never parses data as markup', () => {
    for (const name of files) {
      const body = text(name).replaceAll('http://www.w3.org/2000/svg', '');
      expect(body, name).not.toMatch(/https?:\/\//);
      expect(body, name).not.toMatch(/@import|url\(/);
      if (name.endsWith('.js')) expect(body, name).not.toMatch(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    }
    expect(text('index.html')).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(text('index.html')).not.toMatch(/\sstyle=|\son[a-z]+=/);
  });

  it("names every vendor and cause of the core's taxonomy (labels.js is its twin)", async () => {
    const labels = (await import(pathToFileURL(join(PUBLIC_DIR, 'labels.js')).href)) as { VENDORS: Record<string, string>; CAUSES: Record<string, string> };
    expect(Object.keys(labels.CAUSES)).toEqual([...ROOT_CAUSES]);
    expect(Object.keys(labels.VENDORS)).toEqual([...vendorSchema.options]);
  });
});
