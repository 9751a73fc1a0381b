export { REDACTED } from './marker.js';
export { redactString } from './redact-string.js';
export { redactDeep, isSensitiveKey } from './redact-deep.js';
export { mayContainSecret } from './may-contain-secret.js';
