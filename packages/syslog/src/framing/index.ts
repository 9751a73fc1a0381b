export * from './frame.js';
export type { StreamFramer } from './stream-framer.js';
export { LfFramer } from './lf-framer.js';
export { OctetCountingFramer } from './octet-counting-framer.js';
export { AutoFramer } from './auto-framer.js';
export { frameDatagram } from './udp-datagram.js';
