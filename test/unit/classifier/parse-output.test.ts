/**
 * What `pullwatch parse` prints for feed lines: `lineToDocument` (decode → redact → classify, with
 * the default classifier: default endpoint host, no known feeds), serialised as the command does.
 */
import { describe, expect, it } from 'vitest';
import { getField, type EcsDocument } from '@pullwatch/core';
import { VendorDetector, type Vendor } from '@pullwatch/decoders';
import { lineToDocument } from '@pullwatch/ingest';
import { RECEIVED_AT } from './helpers.js';

function parse(line: string, vendor: Vendor | 'auto'): EcsDocument {
  const doc = lineToDocument(line, RECEIVED_AT, undefined, { detector: new VendorDetector(), vendor });
  // The command prints one JSON document per line.
  return JSON.parse(JSON.stringify(doc)) as EcsDocument;
}

describe('classifier > pullwatch parse output', () => {
  it('carries pullwatch.feed.* and pullwatch.root_cause.* on a pfBlockerNG log-file line (--vendor pfsense)', () => {
    const doc = parse(
      'Failed to connect to admin.api.crowdsec.net port 443 after 15001 ms: Connection refused |CrowdSec_BL|https://blaas-fw01:Sup3rS3cret@admin.api.crowdsec.net/v1/integrations/0f3c5a7e81b24c6d/content| Retry [3] in 5 seconds...',
      'pfsense',
    );
    expect(getField(doc, 'pullwatch.feed')).toEqual({
      event: 'fetch_failed',
      name: 'CrowdSec_BL',
      url: 'https://blaas-fw01:[REDACTED]@admin.api.crowdsec.net/v1/integrations/0f3c5a7e81b24c6d/content',
    });
    expect(getField(doc, 'pullwatch.root_cause')).toEqual({ category: 'network_unreachable', rule: 'generic.network.unreachable', confidence: 0.8 });
    expect(JSON.stringify(doc)).not.toContain('Sup3rS3cret');
  });

  it('carries the fields on auto-detected syslog lines of each vendor, and entries as a number', () => {
    const opn = parse(
      '<165>1 2026-03-16T10:12:01+01:00 OPNsense.localdomain firewall 65115 - [meta sequenceId="12"] fetch alias url https://admin.api.crowdsec.net/v1/integrations/0f3c5a7e81b24c6d/content (lines: 15234)',
      'auto',
    );
    expect(getField(opn, 'pullwatch.feed.entries')).toBe(15234);
    expect(getField(opn, 'pullwatch.feed.event')).toBe('fetch_succeeded');
    const fg = parse(
      '<188>date=2026-03-16 time=10:12:01 devname="FGT-EDGE-01" devid="FG100FTK19000001" tz="+0100" logid="0100022221" type="event" subtype="system" level="warning" vd="root" logdesc="Threat feed update failed" status="failed" msg="Failed to update external resource CrowdSec_BL" reason="HTTP 401 Unauthorized"',
      'auto',
    );
    expect(getField(fg, 'pullwatch.root_cause.category')).toBe('credentials_invalid');
    expect(typeof getField(fg, 'pullwatch.root_cause.confidence')).toBe('number');
    const pa = parse(
      '<14>Mar 16 10:14:22 PA-3220 1,2026/03/16 10:14:22,012801000001,CONFIG,0,2561,2026/03/16 10:14:22,10.10.0.5,,delete,admin,Web,Succeeded, vsys  vsys1 external-list  CrowdSec_BL,,,7312301,0x0,0,0,0,0,,PA-3220,0,,2026-03-16T10:14:22.118+01:00',
      'auto',
    );
    expect(getField(pa, 'pullwatch.feed')).toEqual({ event: 'feed_removed', name: 'CrowdSec_BL' });
  });

  it('adds nothing to ordinary lines', () => {
    const doc = parse('<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss', 'auto');
    expect(getField(doc, 'pullwatch')).toBeUndefined();
  });
});
