import type { EcsFragment } from '@pullwatch/core';
import { endpoint, vendorGroup, type ProgramContext } from './context.js';

/** OpenSSH `sshd` authentication lines → `user.name`, `source.*`, `event.outcome`. */

const ADDR = '(\\S+) port (\\d+)';
const FAILED = new RegExp(`^Failed (\\S+) for (invalid user )?(\\S+) from ${ADDR}`);
const ACCEPTED = new RegExp(`^Accepted (\\S+) for (\\S+) from ${ADDR}`);
const INVALID = new RegExp(`^Invalid user (\\S*) from ${ADDR}`);
const DISCONNECTED = new RegExp(`^(?:Disconnected from|Connection closed by|Received disconnect from) (?:(?:invalid|authenticating) user (\\S+) )?(?:user (\\S+) )?${ADDR}`);

export function parseSshd(ctx: ProgramContext): EcsFragment {
  const text = ctx.line.body;
  const doc: EcsFragment = {};
  let m: RegExpExecArray | null;
  if ((m = FAILED.exec(text)) !== null) {
    doc.event = { category: ['authentication'], type: ['start'], action: 'ssh_login', outcome: 'failure' };
    doc.user = { name: m[3]! };
    doc.source = endpoint(m[4]!, Number(m[5]));
    vendorGroup(doc, ctx.ns, 'ssh', { method: m[1]! });
  } else if ((m = ACCEPTED.exec(text)) !== null) {
    doc.event = { category: ['authentication'], type: ['start'], action: 'ssh_login', outcome: 'success' };
    doc.user = { name: m[2]! };
    doc.source = endpoint(m[3]!, Number(m[4]));
    vendorGroup(doc, ctx.ns, 'ssh', { method: m[1]! });
  } else if ((m = INVALID.exec(text)) !== null) {
    doc.event = { category: ['authentication'], type: ['start'], action: 'ssh_login', outcome: 'failure' };
    if (m[1]!.length > 0) doc.user = { name: m[1]! };
    doc.source = endpoint(m[2]!, Number(m[3]));
  } else if ((m = DISCONNECTED.exec(text)) !== null) {
    doc.event = { category: ['authentication'], type: ['end'] };
    const user = m[1] ?? m[2];
    if (user !== undefined) doc.user = { name: user };
    doc.source = endpoint(m[3]!, Number(m[4]));
  }
  return doc;
}
