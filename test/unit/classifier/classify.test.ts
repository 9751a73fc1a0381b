import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getField, type EcsDocument } from '@pullwatch/core';
import {
  classify,
  classifyDocument,
  createClassifier,
  FAILURE_CATEGORIES,
  precedenceRank,
  type FeedClassification,
} from '@pullwatch/classifier';
import { redactDeep } from '@pullwatch/redact';
import { decode, FEED_URL, FIXTURE_OPTIONS } from './helpers.js';

const c = createClassifier(FIXTURE_OPTIONS);
const run = (line: string, vendor: Parameters<typeof decode>[1] = 'auto'): FeedClassification | undefined =>
  c.classify(redactDeep(decode(line, vendor)) as EcsDocument);

const FG = (reason: string, logid = '0100022221', logdesc = 'Threat feed update failed', msg = 'Failed to update external resource CrowdSec_BL'): string =>
  `<188>date=2026-03-16 time=10:12:01 devname="FGT-EDGE-01" devid="FG100FTK19000001" tz="+0100" logid="${logid}" type="event" subtype="system" level="warning" vd="root" logdesc="${logdesc}" status="failed" msg="${msg}" reason="${reason}"`;
const PF = (msg: string, program = 'php-cgi'): string => `<11>Mar 16 10:12:01 ${program}[41234]: ${msg}`;
const OPN = (msg: string, program = 'firewall'): string =>
  `<163>1 2026-03-16T10:12:01+01:00 OPNsense.localdomain ${program} 65115 - [meta sequenceId="7"] ${msg}`;
const PAN = (eventid: string, desc: string): string =>
  `<14>Mar 16 10:12:01 PA-3220 1,2026/03/16 10:12:01,012801000001,SYSTEM,general,2561,2026/03/16 10:12:01,,${eventid},CrowdSec_BL,0,0,general,medium,"${desc}",7312245,0x0,0,0,0,0,,PA-3220,0,0,2026-03-16T10:12:01.482+01:00`;

describe('classifier > precedence', () => {
  it('orders removal, disable, failures by specificity, change, success', () => {
    const order = [
      precedenceRank('feed_removed', 'rule_removed_or_disabled'),
      precedenceRank('feed_disabled', 'rule_removed_or_disabled'),
      ...FAILURE_CATEGORIES.map((cat) => precedenceRank('fetch_failed', cat)),
      precedenceRank('feed_changed', undefined),
      precedenceRank('fetch_succeeded', undefined),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(FAILURE_CATEGORIES).toEqual([
      'credentials_invalid',
      'tls_trust',
      'dns_failure',
      'invalid_format',
      'endpoint_error',
      'network_unreachable',
      'download_failed',
    ]);
  });

  it('maps "download failed: SSL certificate problem" to tls_trust (the specific cause wins)', () => {
    const r = run(FG('download failed: SSL certificate problem: unable to get local issuer certificate'));
    expect(r).toMatchObject({ event: 'fetch_failed', category: 'tls_trust', rule: 'generic.tls.certificate' });
    // The same text in a PAN-OS EDL log and a pfBlockerNG retry line.
    expect(run(PAN('general', 'EDL(vsys1/CrowdSec_BL) download failed: SSL certificate problem: self-signed certificate'))?.category).toBe('tls_trust');
    expect(run('download failed: SSL certificate problem: certificate has expired Retry [1] in 5 seconds...', 'pfsense')?.category).toBe('tls_trust');
  });

  it('ranks 401 over a timeout in the same line ("failed ... 401 ... timeout")', () => {
    expect(run(FG('failed: HTTP 401 after retry, connection timeout'))?.category).toBe('credentials_invalid');
    expect(run(FG('connection timeout, then 401 Unauthorized'))?.category).toBe('credentials_invalid');
  });

  it('ranks TLS over DNS and DNS over network, and a 5xx gateway timeout as endpoint_error', () => {
    expect(run(FG('Resolving timed out after 5000 milliseconds'))?.category).toBe('dns_failure');
    expect(run(FG('certificate verify failed; retry could not resolve host'))?.category).toBe('tls_trust');
    expect(run(FG('HTTP 504 Gateway Timeout'))?.category).toBe('endpoint_error');
    expect(run(FG('invalid format after connection reset'))?.category).toBe('invalid_format');
  });

  it('keeps a vendor verdict: an event id is not overturned by words in the description', () => {
    const r = run(PAN('tls-edl-auth-failure', `EDL CrowdSec_BL authentication failed for ${FEED_URL}. Reason: certificate expired`));
    expect(r).toMatchObject({ category: 'tls_trust', rule: 'panos.edl.server_auth_failure' });
    // pfBlockerNG: the HTTP status row decides; the generic rows do not see a success as a failure.
    expect(run('[ CrowdSec_BL ]\t\t Downloading update [ 03/16/26 10:12:01 ] . 200 OK.. completed ..', 'pfsense')?.event).toBe('fetch_succeeded');
  });

  it('prefers the vendor row to a generic row of the same cause', () => {
    const r = run(OPN(`error fetching alias url ${FEED_URL} [http_code:401]`));
    expect(r).toMatchObject({ category: 'credentials_invalid', rule: 'opnsense.alias.http_error', confidence: 0.95 });
  });

  it('does not read a failure into the URL of a success line (URLs are blanked for the generic rows)', () => {
    const r = run(OPN('fetch alias url https://admin.api.crowdsec.net/v1/integrations/abc/content?timeout=30&error=401 (lines: 12)'));
    expect(r).toMatchObject({ event: 'fetch_succeeded', entries: 12 });
    expect(run(FG('update failed', '0100022221'))?.category).toBe('download_failed');
  });

  it('uses the generic rows on their own for identified lines no vendor row matches', () => {
    const r = run(OPN(`[9b1d3f7a-2c4e-4f60-8a1b-3c5d7e9f1a2b] unable to fetch ${FEED_URL}`, 'configd.py'));
    expect(r).toMatchObject({ event: 'fetch_failed', category: 'download_failed', rule: 'generic.download.failed', identifiedBy: 'endpoint_host' });
    const ok = run(
      '<190>date=2026-03-16 time=10:12:01 devname="FGT-EDGE-01" devid="FG100FTK19000001" logid="0100022999" type="event" subtype="system" level="information" vd="root" logdesc="External resource" msg="External resource Spamhaus_DROP updated successfully, 1200 entries"',
    );
    expect(ok).toMatchObject({ event: 'fetch_succeeded', rule: 'generic.download.succeeded', entries: 1200, identifiedBy: 'mechanism_words' });
  });
});

describe('classifier > HTTP status and curl errors', () => {
  it.each([
    [401, 'credentials_invalid'],
    [403, 'credentials_invalid'],
    [404, 'invalid_format'],
    [407, 'network_unreachable'],
    [429, 'download_failed'],
    [500, 'endpoint_error'],
    [502, 'endpoint_error'],
    [0, 'download_failed'],
  ])('pfSense status code %i → %s', (status, category) => {
    const r = run(PF(`/etc/rc.update_urltables: Download file failed with status code ${status}. URL: ${FEED_URL}`));
    expect(r?.category).toBe(category);
  });

  it('gives status 0 (TLS, DNS, timeout or refused, not told apart) a low confidence', () => {
    const r = run(PF(`/etc/rc.update_urltables: Download file failed with status code 0. URL: ${FEED_URL}`));
    expect(r?.confidence).toBeLessThanOrEqual(0.5);
    const r401 = run(PF(`/etc/rc.update_urltables: Download file failed with status code 401. URL: ${FEED_URL}`));
    expect(r401!.confidence).toBeGreaterThan(r!.confidence);
  });

  it.each([
    [6, 'dns_failure'],
    [7, 'network_unreachable'],
    [28, 'network_unreachable'],
    [35, 'tls_trust'],
    [60, 'tls_trust'],
    [77, 'tls_trust'],
    [22, 'download_failed'],
    [99, 'download_failed'],
  ])('pfBlockerNG cURL Error %i → %s', (errno, category) => {
    expect(run(` cURL Error: ${errno} [ 03/16/26 10:12:01 ]`, 'pfsense')?.category).toBe(category);
  });
});

describe('classifier > feed identification', () => {
  const otherHost = (host: string): string => PF(`/firewall_aliases_edit.php: Download file failed with status code 401. URL: https://${host}/v1/integrations/x/content`, 'php-fpm');

  it('counts a failure naming the endpoint host (configurable)', () => {
    expect(run(otherHost('admin.api.crowdsec.net'))?.identifiedBy).toBe('endpoint_host');
    expect(run(otherHost('blocklist.example.net'))).toBeUndefined();
    const custom = createClassifier({ endpointHosts: ['blocklist.example.net'] });
    expect(custom.classify(decode(otherHost('blocklist.example.net')))?.category).toBe('credentials_invalid');
    expect(custom.classify(decode(otherHost('admin.api.crowdsec.net')))).toBeUndefined();
  });

  it('counts a failure naming a feed known from the registry, by URL or by name', () => {
    const byUrl = createClassifier({ endpointHosts: [], knownFeeds: [{ url: 'https://user:pw@lists.example.org/fw/ips.txt' }] });
    const line = PF('/firewall_aliases_edit.php: Download file failed with status code 503. URL: https://lists.example.org/fw/ips.txt', 'php-fpm');
    expect(byUrl.classify(decode(line))).toMatchObject({ category: 'endpoint_error', identifiedBy: 'known_feed' });
    expect(createClassifier({ endpointHosts: [] }).classify(decode(line))).toBeUndefined();

    const del = PF('/firewall_aliases.php: Configuration Change: admin@192.0.2.10 (Local Database): Deleted firewall alias Lists_Example', 'php-fpm');
    expect(createClassifier({ knownFeeds: [{ name: 'lists_example' }] }).classify(decode(del))).toMatchObject({
      event: 'feed_removed',
      name: 'Lists_Example',
      identifiedBy: 'known_feed',
    });
    expect(createClassifier().classify(decode(del))).toBeUndefined();
  });

  it('counts the vendor feed mechanism whatever the host (URL table aliases, EDL, threat feeds, pfBlockerNG)', () => {
    const r = run(OPN('error fetching alias url https://www.spamhaus.org/drop/drop.txt [http_code:404]'));
    expect(r).toMatchObject({ category: 'invalid_format', identifiedBy: 'mechanism', url: 'https://www.spamhaus.org/drop/drop.txt' });
  });

  it('does not count update-service DNS failures, NTP, or an admin login failing with 401', () => {
    expect(run(PF('/pkg_mgr_install.php: Download file failed with status code 401. URL: https://pkg.pfsense.org/x', 'php-fpm'))).toBeUndefined();
    expect(run(OPN('Could not resolve host: pkg.opnsense.org', 'configd.py'))).toBeUndefined();
    expect(run(PAN('general', 'NTP sync to 0.pool.ntp.org failed: connection timed out'))).toBeUndefined();
    expect(run(FG('passwd_invalid', '0100032002', 'Admin login failed', 'Administrator admin login failed from https(10.0.0.5) because of invalid password (401)'))).toBeUndefined();
    expect(run(OPN("(mod_auth.c.853) password doesn't match for /api/core/x username: root IP: 10.0.0.5 401", 'lighttpd'))).toBeUndefined();
  });

  it('does not take a host alias DNS error for a feed, but does for a known feed alias', () => {
    expect(run(OPN('The DNS query name does not exist: intranet.example.lan. [for allowed_default_hosts]'))).toBeUndefined();
    expect(run(OPN('The DNS query name does not exist: <html>. [for CrowdSec_BL]'))?.category).toBe('invalid_format');
  });
});

describe('classifier > output', () => {
  it('writes only pullwatch.feed.* and pullwatch.root_cause.*, keeping other pullwatch fields', () => {
    const doc = redactDeep(decode(OPN(`fetch alias url ${FEED_URL} (lines: 15234)`))) as EcsDocument;
    doc.pullwatch = { envelope: { id: 'run-1' } };
    const before = JSON.parse(JSON.stringify(doc)) as EcsDocument;
    classifyDocument(doc, FIXTURE_OPTIONS);
    expect(doc.pullwatch).toEqual({
      envelope: { id: 'run-1' },
      feed: { event: 'fetch_succeeded', url: FEED_URL, entries: 15234 },
      root_cause: { rule: 'opnsense.alias.fetched', confidence: 0.95 },
    });
    const { pullwatch: _a, ...restAfter } = doc;
    const { pullwatch: _b, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
  });

  it('leaves lines that are not about a feed untouched', () => {
    const line = '<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss';
    const doc = decode(line);
    const before = JSON.stringify(doc);
    classifyDocument(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('redacts the feed URL and name it sets, even on a document that was not redacted', () => {
    const secret = 'https://blaas-fw01:Sup3rS3cret@admin.api.crowdsec.net/v1/integrations/x/content?api_key=k3y';
    const doc = decode(PF(`/etc/rc.update_urltables: Download file failed with status code 401. URL: ${secret}`));
    classifyDocument(doc);
    const url = getField(doc, 'pullwatch.feed.url') as string;
    expect(url).toContain('admin.api.crowdsec.net');
    expect(url).not.toContain('Sup3rS3cret');
    expect(url).not.toContain('k3y');
    expect(JSON.stringify(getField(doc, 'pullwatch'))).not.toMatch(/Sup3rS3cret|k3y/);
  });

  it('is idempotent and deterministic', () => {
    const doc = decode(FG('HTTP 401 Unauthorized'));
    classifyDocument(doc, FIXTURE_OPTIONS);
    const once = JSON.stringify(doc);
    classifyDocument(doc, FIXTURE_OPTIONS);
    expect(JSON.stringify(doc)).toBe(once);
    expect(classify(decode(FG('HTTP 401 Unauthorized')), FIXTURE_OPTIONS)).toEqual(classify(decode(FG('HTTP 401 Unauthorized')), FIXTURE_OPTIONS));
  });

  it('keeps event, category and confidence consistent for any message text (property)', () => {
    const programs = ['php-cgi', 'firewall', 'pfblockerng', 'configd.py'];
    const words = fc.constantFrom(
      'error fetching alias url', FEED_URL, '[http_code:401]', '(lines: 3)', 'Download FAIL', '[ a - b ]', 'timed out', '401', 'SSL certificate problem',
      'could not update', 'content from', 'Updated', 'remove old alias', 'CrowdSec_BL', 'cURL Error: 60', 'Retry [1] in 5 seconds', '. 503 Service Unavailable', 'x',
    );
    fc.assert(
      fc.property(fc.constantFrom(...programs), fc.array(fc.oneof(words, fc.string()), { maxLength: 8 }), (program, parts) => {
        const line = `<11>Mar 16 10:12:01 ${program}[1]: ${parts.join(' ')}`;
        for (const vendor of ['pfsense', 'opnsense'] as const) {
          const r = c.classify(decode(line, vendor));
          if (r === undefined) continue;
          expect(r.confidence).toBeGreaterThan(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
          if (r.event === 'fetch_failed') expect(FAILURE_CATEGORIES).toContain(r.category);
          else if (r.event === 'feed_removed' || r.event === 'feed_disabled') expect(r.category).toBe('rule_removed_or_disabled');
          else expect(r.category).toBeUndefined();
          if (r.entries !== undefined) expect(Number.isInteger(r.entries)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
