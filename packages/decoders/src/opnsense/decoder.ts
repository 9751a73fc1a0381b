import type { Decoder } from '../types.js';
import { decodeFamily, familyLine, isFamilyLine, opnsenseEvidence, parsePhp, type FamilyDialect, type ProgramParser } from '../pfsense/index.js';
import { parseAliasProgram } from './alias.js';
import { parseAudit } from './audit.js';
import { parseConfigd } from './configd.js';
import { opnsenseFilterlogEcs } from './filterlog-ecs.js';

/** OPNsense-only programs → parser (the shared daemons come from the pfSense side). */
const OPNSENSE_PARSERS: Record<string, ProgramParser> = {
  'configd.py': parseConfigd,
  configctl: parseConfigd,
  audit: parseAudit,
  firewall: parseAliasProgram,
  'update_tables.py': parseAliasProgram,
  opnsense: parsePhp,
};

/**
 * OPNsense: ECS as Elastic's `opnsense` integration (`observer.vendor` and `observer.product`
 * `OPNsense`, `opnsense.log.*` for filterlog), plus `opnsense.configd/alias/audit.*`.
 */
export const OPNSENSE_DIALECT: FamilyDialect = {
  profile: { ns: 'opnsense', vendor: 'OPNsense', product: 'OPNsense', module: 'opnsense', dataset: 'opnsense.log' },
  filterlog: opnsenseFilterlogEcs,
  programs: (key) => OPNSENSE_PARSERS[key],
};

/**
 * OPNsense decoder. Claims the pfSense/OPNsense-family lines that carry OPNsense evidence
 * (`pfsense/family.ts`); the pfSense decoder claims exactly the others, so the two never both
 * claim a line and detection does not depend on registry order (docs/decoders/opnsense.md,
 * "Detection"). With an explicit vendor (`senders` config or `vendor: 'opnsense'`) it decodes
 * every family line, evidence or not.
 */
export const opnsenseDecoder: Decoder = {
  vendor: 'opnsense',
  claims(input) {
    const line = familyLine(input);
    return isFamilyLine(line) && opnsenseEvidence(input, line) !== undefined;
  },
  decode(input) {
    return decodeFamily(input, OPNSENSE_DIALECT);
  },
};
