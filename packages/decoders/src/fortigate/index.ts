import type { Decoder } from '../types.js';
import { decodeFortigate, looksLikeFortigate } from './decode.js';

export { decodeFortigate, locateBody, looksLikeFortigate, mapFortigate, FORTIGATE_DATASET, FORTIGATE_MODULE } from './decode.js';
export { KvRecord, scanKv, tokenizeKv, type KvMap, type KvResult } from './tokenize.js';

/** FortiGate / FortiOS syslog (default key=value format, RFC 5424 mode, `csv` and `json` formats). */
export const fortigateDecoder: Decoder = {
  vendor: 'fortigate',
  claims: (input) => looksLikeFortigate(input.message) || (input.message.length === 0 && looksLikeFortigate(input.raw)),
  decode: decodeFortigate,
};
