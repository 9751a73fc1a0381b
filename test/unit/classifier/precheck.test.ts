import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EcsDocument } from '@pullwatch/core';
import { createClassifier, createPrecheck, precheck } from '@pullwatch/classifier';
import type { Vendor } from '@pullwatch/decoders';
import { corporaDir } from '../../helpers/corpora.js';
import { decode, FIXTURE_OPTIONS, loadFixtures } from './helpers.js';

const HOSTS = ['admin.api.crowdsec.net'];
const select = createPrecheck({ hosts: HOSTS, names: ['CrowdSec_BL'] });

const BULK: Record<string, string> = {
  'pfSense filterlog': '<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss',
  'OPNsense filterlog':
    '<134>1 2026-09-07T02:11:30+00:00 OPNsense.localdomain filterlog 54555 - [meta sequenceId="918"] 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,52341,0,DF,6,tcp,40,198.51.100.7,192.0.2.10,61000,3389,0,FPU,3355443200,0,1024,,',
  'FortiGate traffic':
    '<189>date=2024-07-19 time=11:08:59 devname="FGT60E" devid="FGT60E0000000000" eventtime=1721380139123456789 tz="+0200" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.0.1 srcport=5353 dstip=1.1.1.1 dstport=53 action="accept"',
  'FortiGate UTM':
    '<165>1 2022-11-14T06:54:03Z use2-dmz-fw02 - - - - eventtime=1668408842876531561 tz="-0800" logid="0317013312" type="utm" subtype="webfilter" eventtype="ftgd_allow" level="notice" vd="root" policyid=25 sessionid=130637139 srcip=10.80.28.193 srcport=64152',
  'PAN-OS traffic':
    '<14>Nov 30 16:09:07 PA-220 1,2018/11/30 16:09:07,012801096514,TRAFFIC,end,2049,2018/11/30 16:09:07,192.168.15.207,175.16.199.1,192.168.1.63,175.16.199.1,new_outbound_from_trust,,,apple-maps,vsys1,trust,untrust,ethernet1/2,ethernet1/1,send_to_mac,2018/11/30 16:09:07,22751,1,55113,443,16418,443,0x400053,tcp,allow,7734,1758,5976,36,2018/11/30 15:59:04,586,computer-and-internet-info,0,32091112,0x0,192.168.0.0-192.168.255.255,United States,0,16,20,tcp-fin,0,0,0,0,,PA-220,from-policy,,,0,,0,,N/A,0,0,0,0',
};

/** Wraps a document so every property read is counted (nested objects too). */
function counting(doc: EcsDocument): { doc: EcsDocument; reads: () => number } {
  let n = 0;
  const wrap = (o: object): object =>
    new Proxy(o, {
      get(target, key, receiver) {
        n++;
        const v = Reflect.get(target, key, receiver) as unknown;
        return v !== null && typeof v === 'object' ? wrap(v) : v;
      },
    });
  return { doc: wrap(doc) as EcsDocument, reads: () => n };
}

describe('classifier > pre-check', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(Object.entries(BULK))('lets %s lines go after two fields (at most 5 property reads) and no regular expression', (_name, line) => {
    const { doc, reads } = counting(decode(line));
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    const test = vi.spyOn(RegExp.prototype, 'test');
    expect(select(doc)).toBeUndefined();
    expect(exec).not.toHaveBeenCalled();
    expect(test).not.toHaveBeenCalled();
    expect(reads()).toBeLessThanOrEqual(5);
  });

  it('selects every fixture line the classifier classifies', () => {
    for (const vendor of ['fortigate', 'panos', 'pfsense', 'opnsense'] as Vendor[]) {
      for (const f of loadFixtures(vendor)) {
        if (f.expect === null) continue;
        expect(precheck(decode(f.line, f.vendor), HOSTS), `${vendor} #${f.at}`).toBe(vendor);
      }
    }
  });

  it('classifies none of the lines of the four vendor conformance corpora (no feed lines there)', () => {
    const classifier = createClassifier(FIXTURE_OPTIONS);
    let lines = 0;
    let selected = 0;
    for (const vendor of ['fortigate', 'panos', 'pfsense', 'opnsense']) {
      const dir = corporaDir(vendor);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.log') || /\.log\.first-\d+-lines$/.test(f))) {
        for (const line of readFileSync(join(dir, file), 'latin1').split('\n')) {
          if (line.trim().length === 0) continue;
          lines++;
          const doc = decode(line);
          if (precheck(doc, HOSTS) !== undefined) selected++;
          expect(classifier.classify(doc), `${vendor}/${file}: ${line.slice(0, 120)}`).toBeUndefined();
        }
      }
    }
    expect(lines).toBeGreaterThan(300);
    // The cheap stage passes only a small share of ordinary traffic on to the rules.
    expect(selected / lines).toBeLessThan(0.1);
  });
});
