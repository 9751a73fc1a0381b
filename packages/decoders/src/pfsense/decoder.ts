import type { Decoder } from '../types.js';
import { decodeFamily, type FamilyDialect } from './decode-family.js';
import { isFamilyLine, opnsenseEvidence } from './family.js';
import { pfsenseFilterlogEcs } from './filterlog-ecs.js';
import { familyLine } from './line.js';

/** pfSense CE / Plus: ECS as Elastic's `pfsense` integration (vendor `netgate`), plus `observer.product`. */
export const PFSENSE_DIALECT: FamilyDialect = {
  profile: { ns: 'pfsense', vendor: 'netgate', product: 'pfSense', module: 'pfsense', dataset: 'pfsense.log' },
  filterlog: pfsenseFilterlogEcs,
};

/**
 * pfSense decoder. Claims pfSense/OPNsense-family lines (a known program, or a program-less
 * filterlog CSV) that carry no OPNsense evidence (see `family.ts`).
 */
export const pfsenseDecoder: Decoder = {
  vendor: 'pfsense',
  claims(input) {
    const line = familyLine(input);
    return isFamilyLine(line) && opnsenseEvidence(input, line) === undefined;
  },
  decode(input) {
    return decodeFamily(input, PFSENSE_DIALECT);
  },
};
