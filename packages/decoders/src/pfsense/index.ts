export { pfsenseDecoder, PFSENSE_DIALECT } from './decoder.js';
export { decodeFamily, type FamilyDialect } from './decode-family.js';
export { finishFamilyEvent, type VendorProfile } from './envelope.js';
export { FAMILY_PROGRAMS, OPNSENSE_PROGRAMS, isFamilyLine, looksLikeFilterlog, opnsenseEvidence } from './family.js';
export { familyLine, normaliseProgram, readProgramPrefix, type FamilyLine } from './line.js';
export { pfsenseFilterlogEcs, pfsenseFilterlogFields } from './filterlog-ecs.js';
export * from './programs/index.js';
