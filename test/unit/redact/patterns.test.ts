import { describe, expect, it } from 'vitest';
import { REDACTED, redactString } from '@pullwatch/redact';

const R = REDACTED;

describe('redact > redactString > patterns', () => {
  it('the marker is `[REDACTED]`', () => {
    expect(REDACTED).toBe('[REDACTED]');
  });

  describe('credentials in URLs', () => {
    it('keeps the user and redacts the password', () => {
      expect(redactString('https://user:pass@host/x')).toBe(`https://user:${R}@host/x`);
      expect(redactString('ftp://u:p@h')).toBe(`ftp://u:${R}@h`);
    });

    it('a URL with a user only (or a token as user) is kept', () => {
      expect(redactString('https://token@host/x')).toBe('https://token@host/x');
      expect(redactString('https://host:8443/x?a=b')).toBe('https://host:8443/x?a=b');
      expect(redactString('https://user@host:8443/')).toBe('https://user@host:8443/');
    });

    it('passwords containing `@` or `:`, and users containing `@`', () => {
      expect(redactString('https://u:p@ss:w@host/')).toBe(`https://u:${R}@host/`);
      expect(redactString('https://john@corp.example:pw@host/')).toBe(`https://john@corp.example:${R}@host/`);
    });

    it('several URLs in one line, ended by quotes, spaces or `\\"`', () => {
      expect(redactString('a "https://a:b@h1/" b https://c:d@h2 c')).toBe(`a "https://a:${R}@h1/" b https://c:${R}@h2 c`);
      expect(redactString('msg="url=\\"https://a:b@h\\""')).toBe(`msg="url=\\"https://a:${R}@h\\""`);
    });
  });

  describe('query and key=value parameters', () => {
    it.each(['api_key', 'apikey', 'api-key', 'token', 'access_token', 'password', 'passwd', 'secret'])('%s=', (key) => {
      expect(redactString(`https://h/x?${key}=v4lu3&next=1`)).toBe(`https://h/x?${key}=${R}&next=1`);
      expect(redactString(`${key.toUpperCase()}=v4lu3 rest`)).toBe(`${key.toUpperCase()}=${R} rest`);
    });

    it('the value ends at `&`, whitespace, a quote, `,` or `;`', () => {
      expect(redactString('?token=abc&x=1')).toBe(`?token=${R}&x=1`);
      expect(redactString('token=abc def')).toBe(`token=${R} def`);
      expect(redactString('"u?token=abc"')).toBe(`"u?token=${R}"`);
      expect(redactString('a,token=abc,b')).toBe(`a,token=${R},b`);
      expect(redactString('token=abc; path=/')).toBe(`token=${R}; path=/`);
    });

    it('names that end in a secret name are covered (client_secret, refresh_token)', () => {
      expect(redactString('client_secret=a&refresh_token=b')).toBe(`client_secret=${R}&refresh_token=${R}`);
    });

    it('quoted values are redacted to their closing quote', () => {
      expect(redactString(`password="a b c" x`)).toBe(`password="${R}" x`);
      expect(redactString(`secret='a b' x`)).toBe(`secret='${R}' x`);
    });

    it('an empty value stays empty and does not swallow the next pair', () => {
      expect(redactString('password= token=abc')).toBe(`password= token=${R}`);
      expect(redactString('password = abc')).toBe(`password = ${R}`);
    });

    it('words that merely contain a name are left alone', () => {
      const line = 'action="passthrough" tokens=5 keyword=x Authorization failed for admin';
      expect(redactString(line)).toBe(line);
    });
  });

  describe('JSON-ish pairs', () => {
    it('"password":"..." and escaped \\"password\\":\\"...\\"', () => {
      expect(redactString('{"password":"hunter2","user":"bob"}')).toBe(`{"password":"${R}","user":"bob"}`);
      expect(redactString('{"api_key": "k", "token" : "t"}')).toBe(`{"api_key": "${R}", "token" : "${R}"}`);
      expect(redactString('msg="{\\"password\\":\\"s3cr3t\\"}"')).toBe(`msg="{\\"password\\":\\"${R}\\"}"`);
    });

    it('a quote escaped inside a JSON value does not end it', () => {
      expect(redactString('{"password":"a\\"b","x":1}')).toBe(`{"password":"${R}","x":1}`);
    });
  });

  describe('header values', () => {
    it('Authorization: Basic / Bearer keep the scheme', () => {
      expect(redactString('Authorization: Basic dXNlcjpwYXNz')).toBe(`Authorization: Basic ${R}`);
      expect(redactString('authorization: bearer eyJhbGciOi.eyJzdWIi.sig')).toBe(`authorization: bearer ${R}`);
      expect(redactString('Proxy-Authorization: Basic abc')).toBe(`Proxy-Authorization: Basic ${R}`);
    });

    it('an Authorization value without a known scheme is redacted whole', () => {
      expect(redactString('Authorization: abcdef0123')).toBe(`Authorization: ${R}`);
    });

    it('X-Api-Key: value', () => {
      expect(redactString('X-Api-Key: 0123456789abcdef')).toBe(`X-Api-Key: ${R}`);
      expect(redactString('x-api-key:abc')).toBe(`x-api-key:${R}`);
    });

    it('the value ends at end of line, quote, comma or semicolon', () => {
      expect(redactString('> Authorization: Basic abc\r\n> Host: h\r\n')).toBe(`> Authorization: Basic ${R}\r\n> Host: h\r\n`);
      expect(redactString('"Authorization: Bearer abc",x')).toBe(`"Authorization: Bearer ${R}",x`);
      expect(redactString('Authorization: Bearer abc; X-Api-Key: k,')).toBe(`Authorization: Bearer ${R}; X-Api-Key: ${R},`);
      expect(redactString('{"Authorization":"Basic abc"}')).toBe(`{"Authorization":"Basic ${R}"}`);
    });

    it('a pair inside another value is redacted on its own terms', () => {
      expect(redactString('token=Authorization: Basic abc')).toBe(`token=Authorization: Basic ${R}`);
    });
  });

  it('curl -u user:password keeps the user', () => {
    expect(redactString("curl -u blocklist:S3cret https://h/x")).toBe(`curl -u blocklist:${R} https://h/x`);
    expect(redactString("'--user=u:p'")).toBe(`'--user=u:${R}'`);
  });

  describe('contract', () => {
    it('case-insensitive names', () => {
      expect(redactString('API_KEY=a Token=b PassWord=c')).toBe(`API_KEY=${R} Token=${R} PassWord=${R}`);
    });

    it('idempotent', () => {
      for (const s of ['https://u:p@h/?api_key=k', 'Authorization: Basic x', '{"password":"p"}', 'token=Authorization: Basic abc']) {
        const once = redactString(s);
        expect(redactString(once)).toBe(once);
      }
    });

    it('returns the same string when there is nothing to redact', () => {
      const s = 'date=2024-07-19 time=11:08:59 devname="FGT60E" action="deny"';
      expect(redactString(s)).toBe(s);
      expect(redactString('')).toBe('');
    });

    it('never throws', () => {
      for (const s of ['\uD800', 'password="', 'Authorization:', '://@', 'token=\\', '\0'.repeat(10), 'https://:@', 'x'.repeat(100_000)]) {
        expect(typeof redactString(s)).toBe('string');
      }
      expect(redactString(undefined as unknown as string)).toBeUndefined();
    });

    it('stays linear on adversarial input', () => {
      const start = performance.now();
      redactString('a'.repeat(200_000));
      redactString(':'.repeat(200_000) + '@');
      redactString('://'.repeat(100_000));
      redactString('token='.repeat(50_000));
      redactString('https://u:' + '@'.repeat(200_000));
      expect(performance.now() - start).toBeLessThan(2000);
    });
  });
});
