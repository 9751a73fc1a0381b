import { FORTIGATE_TABLE } from './fortigate.js';
import { GENERIC_TABLE } from './generic.js';
import { OPNSENSE_TABLE } from './opnsense.js';
import { PANOS_TABLE } from './panos.js';
import { PFSENSE_TABLE } from './pfsense.js';
import type { RuleTable } from './types.js';

export type { Condition, FactField, FeedScope, MappedCategory, Rule, RuleTable, WordingSource } from './types.js';
export { FORTIGATE_RULES, FORTIGATE_TABLE } from './fortigate.js';
export { PANOS_RULES, PANOS_TABLE } from './panos.js';
export { PFSENSE_RULES, PFSENSE_TABLE } from './pfsense.js';
export { OPNSENSE_RULES, OPNSENSE_TABLE } from './opnsense.js';
export { GENERIC_RULES, GENERIC_TABLE } from './generic.js';

/** Every rule table, vendor tables first (the order the docs list them in). */
export const RULE_TABLES: readonly RuleTable[] = [FORTIGATE_TABLE, PANOS_TABLE, PFSENSE_TABLE, OPNSENSE_TABLE, GENERIC_TABLE];
