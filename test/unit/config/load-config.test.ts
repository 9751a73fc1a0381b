import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@pullwatch/core';
import { envNameOf, loadConfig, settings, settingsMarkdownTable } from '@pullwatch/config';

const issuesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
};

describe('config > loadConfig', () => {
  it('gives documented defaults with an empty environment', () => {
    const c = loadConfig({ env: {} });
    expect(c.receiver.udp.port).toBe(5514);
    expect(c.receiver.tcp.port).toBe(5514);
    expect(c.receiver.tls.port).toBe(6514);
    expect(c.receiver.maxMessageBytes).toBe(65536);
    expect(c.kafka.rawTopic).toBe('pullwatch.syslog.raw');
    expect(c.kafka.deadLetterTopic).toBe('pullwatch.deadletter');
    expect(c.elasticsearch.firewallStream).toBe('logs-pullwatch.firewall-default');
  });

  it('reads typed values from environment variables', () => {
    const c = loadConfig({ env: { PULLWATCH_RECEIVER_UDP_PORT: '1514', PULLWATCH_KAFKA_BROKERS: 'a:1, b:2', PULLWATCH_RECEIVER_TCP_ENABLED: 'false' } });
    expect(c.receiver.udp.port).toBe(1514);
    expect(c.kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(c.receiver.tcp.enabled).toBe(false);
  });

  it('names the setting, its variable and the allowed values of a bad setting', () => {
    const issues = issuesOf(() => loadConfig({ env: { PULLWATCH_RECEIVER_UDP_PORT: '70000', PULLWATCH_MODE: 'cloud', PULLWATCH_LOG_LEVEL: 'loud' } }));
    expect(issues).toContainEqual(expect.stringMatching(/^receiver\.udp\.port \(PULLWATCH_RECEIVER_UDP_PORT\): .*65535/));
    expect(issues).toContainEqual('mode (PULLWATCH_MODE): must be one of "embedded", "distributed"');
    expect(issues).toContainEqual(expect.stringMatching(/^log\.level \(PULLWATCH_LOG_LEVEL\): must be one of "fatal", "error"/));
  });

  it('rejects an unknown PULLWATCH_ variable, so a typo never goes unnoticed', () => {
    expect(issuesOf(() => loadConfig({ env: { PULLWATCH_RECIEVER_UDP_PORT: '1' } }))).toEqual([
      'PULLWATCH_RECIEVER_UDP_PORT: unknown setting (see the configuration table in README.md)',
    ]);
  });

  it('reads a YAML file, lets the environment override it, and rejects unknown keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'receiver:\n  udp:\n    port: 2514\n  tcp:\n    port: 2515\n');
    const c = loadConfig({ file, env: { PULLWATCH_RECEIVER_TCP_PORT: '3515' } });
    expect(c.receiver.udp.port).toBe(2514);
    expect(c.receiver.tcp.port).toBe(3515);
    writeFileSync(file, 'receiver:\n  udp:\n    prot: 2514\n');
    expect(issuesOf(() => loadConfig({ file, env: {} }))).toEqual(['receiver.udp: unknown setting(s) prot']);
  });

  it("takes a command's defaults below the file and the environment", () => {
    const c = loadConfig({ env: { PULLWATCH_RECEIVER_TCP_HOST: '0.0.0.0' }, defaults: { mode: 'embedded', 'receiver.udp.host': '127.0.0.1', 'receiver.tcp.host': '127.0.0.1' } });
    expect([c.mode, c.receiver.udp.host, c.receiver.tcp.host]).toEqual(['embedded', '127.0.0.1', '0.0.0.0']);
  });

  it('checks settings against each other', () => {
    const issues = issuesOf(() => loadConfig({ env: { PULLWATCH_RECEIVER_TLS_ENABLED: 'true' } }));
    expect(issues[0]).toMatch(/receiver\.tls\.enabled is true: receiver\.tls\.certFile and receiver\.tls\.keyFile must both be set/);
  });

  it('never prints a secret', () => {
    const c = loadConfig({ env: { PULLWATCH_ES_USERNAME: 'elastic', PULLWATCH_ES_PASSWORD: 'hunter2-secret' } });
    expect(JSON.stringify(c)).not.toContain('hunter2-secret');
    expect(String(c.elasticsearch.password)).toBe('[redacted]');
    expect(c.elasticsearch.password?.reveal()).toBe('hunter2-secret');
  });

  it('documents every setting with an environment variable and a description', () => {
    for (const s of settings()) {
      expect(s.env).toBe(envNameOf(s.path));
      expect(s.description, s.path).not.toBe('');
    }
    expect(envNameOf('elasticsearch.url')).toBe('PULLWATCH_ES_URL');
    expect(envNameOf('receiver.udp.recvBufferBytes')).toBe('PULLWATCH_RECEIVER_UDP_RECV_BUFFER_BYTES');
    expect(settingsMarkdownTable()).toContain('| `receiver.maxMessageBytes` | `PULLWATCH_RECEIVER_MAX_MESSAGE_BYTES` | number | `65536` |');
  });
});
