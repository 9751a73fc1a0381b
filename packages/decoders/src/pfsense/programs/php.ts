import type { EcsFragment } from '@pullwatch/core';
import { endpoint, urlFields, vendorGroup, type ProgramContext } from './context.js';

/**
 * PHP messages (`php`, `php-fpm`, `php-cgi`, OPNsense `opnsense`): web GUI logins and logouts,
 * configuration changes, URL-table alias updates (`/etc/rc.update_urltables`,
 * `download_file()`, `parse_aliases_file()`). Shapes:
 *   `/index.php: Successful login for user 'admin' from: 10.1.1.1 (Local Database)`
 *   `/index.php: webConfigurator authentication error for user 'asdf' from: 1.2.3.4`
 *   `/index.php: Web GUI authentication error for 'user' from 1.2.3.4`        (OPNsense before 26.1)
 *   `/firewall_aliases.php: Configuration Change: admin@192.0.2.10 (Local Database): Deleted firewall alias X`
 *   `/etc/rc.update_urltables: ERROR: could not update X content from https://...`
 *   `ERROR /etc/rc.update_urltables could not update X content from https://...`  (pfSense master `logger()`)
 */

const LEVEL_PREFIX = /^(EMERGENCY|ALERT|CRITICAL|ERROR|WARNING|NOTICE|INFO|DEBUG) /;
const LOGIN_OK = /^Successful login for user '([^']*)' from:? ?(\S+?)(?: \(([^)]*)\))?\s*$/;
const LOGIN_FAIL = /^(?:webConfigurator|Web GUI) authentication error for (?:user )?'([^']*)' from:? ?(\S+?)(?: \(([^)]*)\))?\s*$/;
const LOGOUT = /^User logged out for user '([^']*)' from:? ?(\S+?)(?: \(([^)]*)\))?\s*$/;
const CONFIG_CHANGE = /^Configuration Change: ([^@\s]+)@(\S+?)(?: \(([^)]*)\))?: (.*)$/;
const URLTABLE_UPDATED = /Updated (\S+) content from (\S+?):? (.*)$/;
const URLTABLE_FAILED = /could not update (\S+) content from (\S+)/;
const URLTABLE_NOT_DUE = /^(\S+) does not need updating\.?$/;
const DOWNLOAD_FAILED = /Download file failed with status code (\d+)\. URL: (\S+)/;
const ALIAS_FILE = /^Could not process (non-existent file|empty file|aliases) from alias: (.+?)\s*$/;
const ALIAS_DELETED = /^Deleted firewall alias (.+?)\s*$/;

/** Strips up to two `script: ` prefixes (`/index.php: `, `rc.update_urltables: /etc/rc.update_urltables: `). */
function stripScripts(text: string): { script: string | undefined; rest: string } {
  let rest = text;
  let script: string | undefined;
  for (let k = 0; k < 2; k++) {
    const colon = rest.indexOf(': ');
    if (colon <= 0 || colon > 120) break;
    const head = rest.slice(0, colon);
    if (head.indexOf(' ') >= 0) break;
    const looksLikeScript = head.charCodeAt(0) === 47 || head.endsWith('.php') || head.endsWith('.inc') || head.startsWith('rc.');
    if (!looksLikeScript) break;
    script ??= head;
    rest = rest.slice(colon + 2);
  }
  return { script, rest };
}

export function parsePhp(ctx: ProgramContext): EcsFragment {
  const doc: EcsFragment = {};
  let text = ctx.line.body;
  const lvl = LEVEL_PREFIX.exec(text);
  if (lvl !== null) {
    doc.log = { level: lvl[1]!.toLowerCase() };
    text = text.slice(lvl[0].length);
  }
  const { script, rest } = stripScripts(text);
  const php: Record<string, unknown> = {};
  if (script !== undefined) php.script = script;

  let m: RegExpExecArray | null;
  if ((m = LOGIN_OK.exec(rest)) !== null) {
    auth(doc, m, 'success', ['start'], php);
  } else if ((m = LOGIN_FAIL.exec(rest)) !== null) {
    auth(doc, m, 'failure', ['start'], php);
  } else if ((m = LOGOUT.exec(rest)) !== null) {
    auth(doc, m, 'success', ['end'], php);
  } else if ((m = CONFIG_CHANGE.exec(rest)) !== null) {
    doc.user = { name: m[1]! };
    doc.source = endpoint(m[2]!);
    doc.event = { category: ['configuration'], type: ['change'], action: 'configuration-change' };
    if (m[3] !== undefined) php.auth_source = m[3];
    const description = m[4]!;
    php.change = description;
    const del = ALIAS_DELETED.exec(description);
    if (del !== null) {
      (doc.event as Record<string, unknown>).type = ['deletion'];
      (doc.event as Record<string, unknown>).action = 'alias-deleted';
      vendorGroup(doc, ctx.ns, 'alias', { name: del[1]! });
    }
  } else if ((m = DOWNLOAD_FAILED.exec(rest)) !== null) {
    doc.event = { category: ['network'], type: ['error'], action: 'download-failed', outcome: 'failure' };
    doc.http = { response: { status_code: Number(m[1]) } };
    doc.url = urlFields(m[2]!);
  } else if ((m = URLTABLE_FAILED.exec(rest)) !== null) {
    doc.event = { category: ['configuration'], type: ['error'], action: 'url-table-update-failed', outcome: 'failure' };
    vendorGroup(doc, ctx.ns, 'url_table', { alias: m[1]! });
    doc.url = urlFields(m[2]!);
  } else if ((m = URLTABLE_UPDATED.exec(rest)) !== null) {
    doc.event = { category: ['configuration'], type: ['change'], action: 'url-table-updated', outcome: 'success' };
    vendorGroup(doc, ctx.ns, 'url_table', { alias: m[1]!, result: m[3]! });
    doc.url = urlFields(m[2]!);
  } else if ((m = URLTABLE_NOT_DUE.exec(rest)) !== null) {
    doc.event = { category: ['configuration'], type: ['info'], action: 'url-table-not-due' };
    vendorGroup(doc, ctx.ns, 'url_table', { alias: m[1]! });
  } else if ((m = ALIAS_FILE.exec(rest)) !== null) {
    doc.event = { category: ['configuration'], type: ['error'], action: 'alias-file-rejected', outcome: 'failure' };
    vendorGroup(doc, ctx.ns, 'url_table', { alias: m[2]!, problem: m[1]! });
  }
  vendorGroup(doc, ctx.ns, 'php', php);
  return doc;
}

function auth(doc: EcsFragment, m: RegExpExecArray, outcome: 'success' | 'failure', type: string[], php: Record<string, unknown>): void {
  doc.event = { category: ['authentication'], type, outcome };
  if (m[1]!.length > 0) doc.user = { name: m[1]! };
  doc.source = endpoint(m[2]!);
  if (m[3] !== undefined) php.auth_source = m[3];
}
