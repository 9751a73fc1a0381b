import { redactCurlUser } from './curl-user.js';
import { redactKeyedSecrets } from './keyed-secrets.js';
import { REDACTED } from './marker.js';
import { redactUrlCredentials } from './url-credentials.js';

/** Most passes needed in practice is 2 (one that redacts, one that confirms nothing is left). */
const MAX_PASSES = 4;

function pass(s: string): string {
  // Cheap pre-checks: native indexOf for URLs; the key scan is one regex of literal alternatives.
  const afterUrls = s.indexOf('://') !== -1 && s.indexOf('@') !== -1 ? redactUrlCredentials(s) : s;
  return redactKeyedSecrets(redactCurlUser(afterUrls));
}

/**
 * Replaces secrets in `s` with `[REDACTED]`: the password of `scheme://user:password@host`
 * (the user stays), values of `api_key=`, `apikey=`, `api-key=`, `token=`, `access_token=`,
 * `password=`, `passwd=`, `secret=` (any case), JSON-ish `"password":"..."`, and the values of
 * `X-Api-Key:` and `Authorization:` headers (`Authorization: Basic [REDACTED]`), and the
 * password of a logged `curl -u user:password`.
 *
 * Idempotent (redacting twice gives the same text as once: passes repeat until nothing
 * changes), returns `s` itself when there is nothing to redact, and never throws: on an
 * internal error it returns `[REDACTED]` for the whole string rather than risk a leak.
 */
export function redactString(s: string): string {
  if (typeof s !== 'string' || s.length === 0) return s;
  try {
    let cur = s;
    for (let i = 0; i < MAX_PASSES; i++) {
      const next = pass(cur);
      if (next === cur) return cur;
      cur = next;
    }
    return cur;
  } catch {
    return REDACTED;
  }
}
