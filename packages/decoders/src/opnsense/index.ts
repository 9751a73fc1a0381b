export { opnsenseDecoder, OPNSENSE_DIALECT } from './decoder.js';
export { opnsenseFilterlogEcs, opnsenseLogFields } from './filterlog-ecs.js';
export { parseConfigd } from './configd.js';
export { parseAudit } from './audit.js';
export { parseAliasMessage, parseAliasProgram } from './alias.js';
