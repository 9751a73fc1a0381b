import type { Decoder, Vendor } from './types.js';
import { fortigateDecoder } from './fortigate/index.js';
import { panosDecoder } from './panos/index.js';
import { opnsenseDecoder } from './opnsense/index.js';
import { pfsenseDecoder } from './pfsense/index.js';

/** Decoders in detection order: the most specific body shapes first. */
export const DECODERS: readonly Decoder[] = [fortigateDecoder, panosDecoder, opnsenseDecoder, pfsenseDecoder];

export const decoderFor = (vendor: Vendor): Decoder => DECODERS.find((d) => d.vendor === vendor)!;
