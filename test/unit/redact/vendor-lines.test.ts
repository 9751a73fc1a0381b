import { describe, expect, it } from 'vitest';
import { REDACTED as R, redactString } from '@pullwatch/redact';

/** Every secret-bearing line must lose its secrets and keep everything else byte for byte. */
const cases: Array<{ name: string; line: string; expected: string; secrets: string[] }> = [
  {
    name: 'FortiGate KV: credentials and api_key inside a quoted url',
    line: '<189>date=2025-11-05 time=10:00:01 devname="FGT60E" logid="0100022911" type="event" subtype="system" level="warning" msg="Failed to download external resource" url="https://blocklist:S3cr3tPassw0rd@admin.api.crowdsec.net/v1/integrations/abc123/content?api_key=K3yK3yK3y" status=401',
    expected: `<189>date=2025-11-05 time=10:00:01 devname="FGT60E" logid="0100022911" type="event" subtype="system" level="warning" msg="Failed to download external resource" url="https://blocklist:${R}@admin.api.crowdsec.net/v1/integrations/abc123/content?api_key=${R}" status=401`,
    secrets: ['S3cr3tPassw0rd', 'K3yK3yK3y'],
  },
  {
    name: 'FortiGate KV: a secret inside msg="..." with escaped quotes',
    line: 'date=2025-11-05 time=10:00:01 logid="0100044547" msg="Edit system.external-resource blocklist: password[\\"p4ssw0rd\\"] token=abc123token"',
    expected: `date=2025-11-05 time=10:00:01 logid="0100044547" msg="Edit system.external-resource blocklist: password[\\"p4ssw0rd\\"] token=${R}"`,
    secrets: ['abc123token'],
  },
  {
    name: 'PAN-OS CSV: quoted URL field with credentials and a token; the columns stay put',
    line: '1,2025/11/05 10:00:00,012345678901,SYSTEM,general,2561,2025/11/05 10:00:00,,edl-fetch,,0,0,general,high,"EDL(crowdsec) fetch failed: https://user:Pa55word@admin.api.crowdsec.net/v1/x?token=T0k3nT0k3n, HTTP 401",1234,0x0,0,0,0,0,,PA-VM,0,0,2025-11-05T10:00:00.123-08:00',
    expected: `1,2025/11/05 10:00:00,012345678901,SYSTEM,general,2561,2025/11/05 10:00:00,,edl-fetch,,0,0,general,high,"EDL(crowdsec) fetch failed: https://user:${R}@admin.api.crowdsec.net/v1/x?token=${R}, HTTP 401",1234,0x0,0,0,0,0,,PA-VM,0,0,2025-11-05T10:00:00.123-08:00`,
    secrets: ['Pa55word', 'T0k3nT0k3n'],
  },
  {
    name: 'pfSense php-fpm line with credentials in the URL',
    line: '<11>Nov  5 10:00:00 php-fpm[1]: /rc.update_urltables: URL Table download failed for https://user:pw123456@admin.api.crowdsec.net/v1/integrations/abc/content',
    expected: `<11>Nov  5 10:00:00 php-fpm[1]: /rc.update_urltables: URL Table download failed for https://user:${R}@admin.api.crowdsec.net/v1/integrations/abc/content`,
    secrets: ['pw123456'],
  },
  {
    name: 'OPNsense configd line (command line with URL and curl -u)',
    line: '<27>1 2025-11-05T10:00:00+00:00 OPNsense.localdomain configd.py 88331 - [meta sequenceId="7"] [3f0f2a11] Script action failed with Command \'/usr/local/bin/curl -sf -u blocklist:Zx9Zx9Zx9 https://a:b0b0b0b0@admin.api.crowdsec.net/v1/x\' returned non-zero exit status 22.',
    expected: `<27>1 2025-11-05T10:00:00+00:00 OPNsense.localdomain configd.py 88331 - [meta sequenceId="7"] [3f0f2a11] Script action failed with Command '/usr/local/bin/curl -sf -u blocklist:${R} https://a:${R}@admin.api.crowdsec.net/v1/x' returned non-zero exit status 22.`,
    secrets: ['Zx9Zx9Zx9', 'b0b0b0b0'],
  },
  {
    name: 'curl verbose header dump',
    line: '> GET /v1/integrations/abc/content HTTP/1.1\r\n> Host: admin.api.crowdsec.net\r\n> Authorization: Basic dXNlcjpwYXNz\r\n> X-Api-Key: 0123456789abcdef\r\n> User-Agent: curl/8.5.0\r\n',
    expected: `> GET /v1/integrations/abc/content HTTP/1.1\r\n> Host: admin.api.crowdsec.net\r\n> Authorization: Basic ${R}\r\n> X-Api-Key: ${R}\r\n> User-Agent: curl/8.5.0\r\n`,
    secrets: ['dXNlcjpwYXNz', '0123456789abcdef'],
  },
  {
    name: 'a curl error message',
    line: 'curl: (22) The requested URL returned error: 401 for https://u:verysecret1@admin.api.crowdsec.net/v1/x',
    expected: `curl: (22) The requested URL returned error: 401 for https://u:${R}@admin.api.crowdsec.net/v1/x`,
    secrets: ['verysecret1'],
  },
];

describe('redact > redactString > vendor lines', () => {
  it.each(cases)('$name', ({ line, expected, secrets }) => {
    const out = redactString(line);
    expect(out).toBe(expected);
    for (const s of secrets) expect(out).not.toContain(s);
    expect(redactString(out)).toBe(out);
  });

  it('lines without secrets come back unchanged (same string)', () => {
    const lines = [
      '<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss;sackOK;TS;nop;wscale',
      "<134>Jul  3 19:10:30 php-fpm[99932]: /index.php: webConfigurator authentication error for user 'asdf' from: 175.16.199.1",
      '<185>date=2024-02-26 time=11:10:55 devname="FW-INT_01_01" logdesc="Admin login failed" user="admin" action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from ssh(1.2.3.4) because of invalid password"',
      '<14>Nov 30 16:09:33 PA-220 1,2021/11/11 15:42:44,007051000184334,DECRYPTION,0,2561,2021/11/11 15:42:44,81.2.69.145',
    ];
    for (const l of lines) expect(redactString(l)).toBe(l);
  });
});
