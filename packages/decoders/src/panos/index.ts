import type { Decoder } from '../types.js';
import { decodePanos, looksLikePanos } from './decode.js';

export { decodePanos, locatePanos, looksLikePanos, parsePanosTime, PANOS_DATASET, PANOS_MODULE } from './decode.js';
export { splitCsv, type CsvRow } from './csv.js';

/** Palo Alto Networks PAN-OS syslog (CSV; BSD or IETF header; firewall or Panorama forwarded). */
export const panosDecoder: Decoder = {
  vendor: 'panos',
  claims: (input) => looksLikePanos(input.message),
  decode: decodePanos,
};
