export * from './bus-alert-sink.js';
export * from './webhook-alert-sink.js';
export * from './fanout-alert-sink.js';
export * from './webhook-signature.js';
export * from './metrics.js';
export { safeUrl } from './safe-url.js';
