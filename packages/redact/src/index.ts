export { REDACTED } from './marker.js';
export { redactString } from './redact-string.js';
export { redactDeep, isSensitiveKey } from './redact-deep.js';
export { redactUrlCredentials } from './url-credentials.js';
export { redactKeyedSecrets } from './keyed-secrets.js';
export { redactCurlUser } from './curl-user.js';
