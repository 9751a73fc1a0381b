import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EcsDocument } from '@pullwatch/core';
import { decodeLine, type Vendor } from '@pullwatch/decoders';
import type { ClassifierOptions } from '@pullwatch/classifier';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/classifier');
export const RECEIVED_AT = new Date('2026-03-16T09:15:00Z');
export const FEED_URL = 'https://admin.api.crowdsec.net/v1/integrations/0f3c5a7e81b24c6d/content';

/** The registry the fixtures assume: one integration, its feed named CrowdSec_BL on every firewall. */
export const FIXTURE_OPTIONS: ClassifierOptions = {
  endpointHosts: ['admin.api.crowdsec.net'],
  knownFeeds: [{ name: 'CrowdSec_BL', url: FEED_URL }],
};

export interface FixtureExpect {
  event: string;
  category?: string;
  name?: string;
  entries?: number;
}

export interface Fixture {
  line: string;
  vendor: Vendor;
  expect: FixtureExpect | null;
  /** `verbatim: <where>` or `constructed: <from what>`. */
  source: string;
  /** 1-based line number in the file. */
  at: number;
}

export function loadFixtures(vendor: Vendor): Fixture[] {
  const text = readFileSync(join(FIXTURE_DIR, `${vendor}.jsonl`), 'utf8');
  return text
    .split('\n')
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim().length > 0)
    .map(({ l, i }) => ({ ...(JSON.parse(l) as Omit<Fixture, 'at'>), at: i + 1 }));
}

/** `pullwatch parse --vendor <vendor>` without the redaction and classification stages. */
export function decode(line: string, vendor: Vendor | 'auto' = 'auto'): EcsDocument {
  return decodeLine(line, { receivedAt: RECEIVED_AT, vendor });
}
