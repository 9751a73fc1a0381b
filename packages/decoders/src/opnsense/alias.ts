import type { EcsFragment } from '@pullwatch/core';
import { urlFields, type ProgramContext } from '../pfsense/programs/index.js';

/**
 * URL-table / alias maintenance (`update_tables.py`, ident `firewall`, facility local4), message
 * templates from opnsense/core `scripts/filter/lib/alias/*.py` and `update_tables.py`:
 *   `fetch alias url <url> (lines: N)` / `(bytes: N)`        success
 *   `processing alias url <url> took 1.23s`
 *   `error fetching alias url <url> [http_code:401]`          HTTP failure
 *   `error fetching alias url <url> (<exception text>)`       TLS / DNS / timeout / refused
 *   `alias resolve error <alias> (<error>)`
 *   `<dns error> [for <alias>]`                                (NXDOMAIN etc. for a hostname token)
 *   `resolving N hostnames (M addresses) for <alias> took 0.12 seconds`
 *   `remove old alias <alias>`, `alias table overflow for <alias>`
 *   `Error loading alias [<alias>]: <error> {current_size: N, new_size: M}`
 * Fields go to `opnsense.alias.*`; the URL to `url.*`; `event.action`/`event.outcome` say what happened.
 */

const FETCHED = /^fetch alias url (\S+) \((lines|bytes): (\d+)\)\s*$/;
const PROCESSED = /^processing alias url (\S+) took ([\d.]+)s\s*$/;
const FETCH_HTTP_ERROR = /^error fetching alias url (\S+) \[http_code:(\d+)\]\s*$/;
const FETCH_ERROR = /^error fetching alias url (\S+) \((.*)\)\s*$/;
const RESOLVE_ERROR = /^alias resolve error (\S+) \((.*)\)\s*$/;
const RESOLVING = /^resolving (\d+) hostnames \((\d+) addresses\) for (\S+) took ([\d.]+) seconds\s*$/;
const REMOVED = /^remove old alias (\S+)\s*$/;
const OVERFLOW = /^alias table overflow for (\S+)\s*$/;
const LOAD_ERROR = /^Error loading alias \[([^\]]+)\]: (.*?)(?: \{current_size: (\d+), new_size: (\d+)\})?\s*$/;
const DNS_FOR = /^(.*) \[for (\S+)\]\s*$/;

/** Parses an alias maintenance message; undefined when the text is not one. */
export function parseAliasMessage(text: string): EcsFragment | undefined {
  const alias: Record<string, unknown> = {};
  const event: Record<string, unknown> = { category: ['configuration'] };
  const doc: EcsFragment = { event };
  let m: RegExpExecArray | null;
  if ((m = FETCHED.exec(text)) !== null) {
    doc.url = urlFields(m[1]!);
    alias[m[2] === 'lines' ? 'lines' : 'bytes'] = Number(m[3]);
    Object.assign(event, { type: ['change'], action: 'alias-fetched', outcome: 'success' });
  } else if ((m = PROCESSED.exec(text)) !== null) {
    doc.url = urlFields(m[1]!);
    alias.duration_s = Number(m[2]);
    Object.assign(event, { type: ['change'], action: 'alias-processed', outcome: 'success' });
  } else if ((m = FETCH_HTTP_ERROR.exec(text)) !== null) {
    doc.url = urlFields(m[1]!);
    doc.http = { response: { status_code: Number(m[2]) } };
    Object.assign(event, { type: ['error'], action: 'alias-fetch-failed', outcome: 'failure' });
  } else if ((m = FETCH_ERROR.exec(text)) !== null) {
    doc.url = urlFields(m[1]!);
    alias.error = m[2]!;
    Object.assign(event, { type: ['error'], action: 'alias-fetch-failed', outcome: 'failure' });
  } else if ((m = RESOLVE_ERROR.exec(text)) !== null) {
    alias.name = m[1]!;
    alias.error = m[2]!;
    const inner = /error fetching alias url (\S+)/.exec(m[2]!);
    if (inner !== null) doc.url = urlFields(inner[1]!);
    Object.assign(event, { type: ['error'], action: 'alias-resolve-failed', outcome: 'failure' });
  } else if ((m = RESOLVING.exec(text)) !== null) {
    alias.name = m[3]!;
    alias.hostnames = Number(m[1]);
    alias.addresses = Number(m[2]);
    alias.duration_s = Number(m[4]);
    Object.assign(event, { type: ['info'], action: 'alias-resolved' });
  } else if ((m = REMOVED.exec(text)) !== null) {
    alias.name = m[1]!;
    Object.assign(event, { type: ['deletion'], action: 'alias-removed' });
  } else if ((m = OVERFLOW.exec(text)) !== null) {
    alias.name = m[1]!;
    Object.assign(event, { type: ['error'], action: 'alias-overflow', outcome: 'failure' });
  } else if ((m = LOAD_ERROR.exec(text)) !== null) {
    alias.name = m[1]!;
    alias.error = m[2]!;
    if (m[3] !== undefined) alias.current_size = Number(m[3]);
    if (m[4] !== undefined) alias.new_size = Number(m[4]);
    Object.assign(event, { type: ['error'], action: 'alias-load-failed', outcome: 'failure' });
  } else if ((m = DNS_FOR.exec(text)) !== null) {
    alias.name = m[2]!;
    alias.error = m[1]!;
    Object.assign(event, { type: ['error'], action: 'alias-dns-failed', outcome: 'failure' });
  } else {
    return undefined;
  }
  if (Object.keys(alias).length > 0) doc.opnsense = { alias };
  return doc;
}

/** `firewall` / `update_tables.py` program parser. */
export function parseAliasProgram(ctx: ProgramContext): EcsFragment {
  return parseAliasMessage(ctx.line.body) ?? unableToFetch(ctx.line.body) ?? {};
}

/** Any `unable to fetch ...` line: a failed download whose cause is in the text. */
export function unableToFetch(text: string): EcsFragment | undefined {
  if (!/unable to fetch/i.test(text)) return undefined;
  const url = /(https?:\/\/\S+)/.exec(text);
  const doc: EcsFragment = { event: { type: ['error'], action: 'fetch-failed', outcome: 'failure' } };
  if (url !== null) doc.url = urlFields(url[1]!.replace(/[)\].,;]+$/, ''));
  return doc;
}
