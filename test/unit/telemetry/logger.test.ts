import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@pullwatch/telemetry';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, destination };
}

describe('telemetry > logger', () => {
  it('writes ECS JSON with the service name', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'pullwatch-test', destination });
    log.child({ component: 'receiver' }).info({ listener: 'tcp' }, 'Listener started.');
    const doc = JSON.parse(lines[0]!);
    expect(doc).toMatchObject({ message: 'Listener started.', 'log.level': 'info', service: { name: 'pullwatch-test' }, component: 'receiver', listener: 'tcp' });
    expect(doc['@timestamp']).toBeTruthy();
    expect(doc['ecs.version'] ?? doc.ecs?.version).toBeTruthy();
  });

  it('never writes a credential: not in fields, messages or errors', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'pullwatch-test', destination });
    log.warn({ url: 'https://svc:hunter2pass@admin.api.crowdsec.net/v1/x?api_key=k3yk3yk3y', headers: { Authorization: 'Basic dXNlcjpwYXNz' } }, 'Fetch of https://a:s3cretpw@h/ failed.');
    log.error({ err: new Error('GET https://u:errpassw0rd@host/ failed with Authorization: Bearer tok3ntok3n') }, 'Request failed.');
    const text = lines.join('');
    for (const secret of ['hunter2pass', 'k3yk3yk3y', 'dXNlcjpwYXNz', 's3cretpw', 'errpassw0rd', 'tok3ntok3n']) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
    expect(JSON.parse(lines[1]!).error.message).toMatch(/https:\/\/u:\[REDACTED\]@host/);
  });
});
