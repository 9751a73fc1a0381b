import { REDACTED, redactString } from '@pullwatch/redact';

/**
 * A URL fit for logs and metrics: user and password (`https://user:pass@host`,
 * `https://token@host`) become `[REDACTED]`, and secret query parameters
 * (`token=`, `api_key=`...) are redacted too.
 */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
      const s = u.toString();
      const at = s.indexOf('://') + 3;
      return redactString(`${s.slice(0, at)}${REDACTED}@${s.slice(at)}`);
    }
    return redactString(u.toString());
  } catch {
    return redactString(url.replace(/\/\/[^/@]*@/, `//${REDACTED}@`));
  }
}
