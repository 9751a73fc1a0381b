import type { EcsFragment } from '@pullwatch/core';
import { parsePhp, type ProgramContext } from '../pfsense/programs/index.js';

/**
 * OPNsense `audit` log. Since 26.1:
 *   `user installer failed authentication for login on OPNsense\Auth\Services\System via OPNsense\Auth\Local`
 * (backslashes are literal; MSG is never unescaped). Older releases log web GUI authentication
 * through PHP (`/index.php: Web GUI authentication error for 'user' from 1.2.3.4`), handled by
 * the PHP parser. Fields: `user.name`, `event.outcome`, `opnsense.audit.{result, service_type,
 * service, authenticator}`.
 */

const AUTH = /^user (\S+) (.+?) for (\S+) on (\S+?)(?: via (\S+?))?\s*$/;
const CHANGE = /^user (\S+) (changed .*?)\s*$/;

export function parseAudit(ctx: ProgramContext): EcsFragment {
  const text = ctx.line.body;
  let m = AUTH.exec(text);
  if (m !== null) {
    const result = m[2]!;
    const lower = result.toLowerCase();
    const outcome = lower.includes('fail') || lower.includes('denied') ? 'failure' : lower.includes('success') || lower.includes('authenticated') ? 'success' : undefined;
    const event: Record<string, unknown> = { category: ['authentication'], type: ['start'] };
    if (outcome !== undefined) event.outcome = outcome;
    const audit: Record<string, unknown> = { result, service_type: m[3]!, service: m[4]! };
    if (m[5] !== undefined) audit.authenticator = m[5];
    return { event, user: { name: m[1]! }, opnsense: { audit } };
  }
  m = CHANGE.exec(text);
  if (m !== null) {
    return { event: { category: ['configuration'], type: ['change'] }, user: { name: m[1]! }, opnsense: { audit: { change: m[2]! } } };
  }
  return parsePhp(ctx);
}
