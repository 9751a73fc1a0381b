import type { EcsFragment } from '@pullwatch/core';
import { mergeEcs } from '@pullwatch/core';
import type { ProgramContext } from '../pfsense/programs/index.js';
import { parseAliasMessage, unableToFetch } from './alias.js';

/**
 * configd (`configd.py`), OPNsense's backend: every action it runs is logged as
 * `[<request uuid>] <action description>` (e.g. `refresh url table aliases`, `generating template
 * OPNsense/Filter`), failures as `[<uuid>] returned exit status N`, `[<uuid>] Script action failed
 * with ...`, `[<uuid>] Script action stderr returned "..."`, background results as
 * `message <uuid> [command.action] returned <result>`, authorisation as `[<uuid>] action allowed|denied ...`.
 * Plugins log under the same ident, so the program alone does not name the component; alias and
 * URL-table texts are recognised by their wording.
 * Fields: `opnsense.configd.{request_id, description, command, exit_status, stderr, error,
 * authorization, result}`.
 */

const REQUEST = /^\[([0-9a-fA-F-]{8,})\] (.*)$/;
const BACKGROUND = /^message ([0-9a-fA-F-]{8,}) \[([^\]]*)\] returned (.*?)\s*$/;
const EXIT_STATUS = /^returned exit status (-?\d+)/;
const FAILED = /^Script action failed with (.*?)(?: at Traceback.*)?$/s;
const STDERR = /^Script action stderr returned "(.*)"\s*$/s;
const AUTHZ = /^action (allowed|not allowed|denied)\b:?\s*(.*)$/;
const URL_ALIAS = /refresh[ _]url[ _](?:table[ _])?alias|url table alias/i;

export function parseConfigd(ctx: ProgramContext): EcsFragment {
  const body = ctx.line.body.trimEnd();
  const configd: Record<string, unknown> = {};
  const event: Record<string, unknown> = { category: ['configuration'] };
  const doc: EcsFragment = { event };
  let text = body;
  let m: RegExpExecArray | null;
  if ((m = BACKGROUND.exec(body)) !== null) {
    configd.request_id = m[1]!;
    configd.command = m[2]!;
    configd.result = m[3]!;
    text = '';
  } else if ((m = REQUEST.exec(body)) !== null) {
    configd.request_id = m[1]!;
    text = m[2]!;
  }
  if (text.length > 0) {
    if ((m = EXIT_STATUS.exec(text)) !== null) {
      configd.exit_status = Number(m[1]);
      Object.assign(event, { type: ['error'], outcome: 'failure' });
    } else if ((m = FAILED.exec(text)) !== null) {
      configd.error = m[1]!;
      Object.assign(event, { type: ['error'], outcome: 'failure' });
    } else if ((m = STDERR.exec(text)) !== null) {
      configd.stderr = m[1]!;
      Object.assign(event, { type: ['error'] });
    } else if ((m = AUTHZ.exec(text)) !== null) {
      configd.authorization = m[1] === 'allowed' ? 'allowed' : 'denied';
      if (m[2]!.length > 0) configd.command = m[2]!;
      event.category = ['configuration', 'iam'];
      if (m[1] !== 'allowed') Object.assign(event, { type: ['denied'], outcome: 'failure' });
      else event.type = ['allowed'];
    } else {
      configd.description = text;
      event.type = ['info'];
    }
    if (URL_ALIAS.test(text)) event.action = 'alias-refresh-requested';
    const alias = parseAliasMessage(text) ?? unableToFetch(text);
    if (alias !== undefined) mergeEcs(doc, alias);
  }
  if (Object.keys(configd).length > 0) {
    const ns = (doc.opnsense ??= {}) as Record<string, unknown>;
    ns.configd = configd;
  }
  return doc;
}
