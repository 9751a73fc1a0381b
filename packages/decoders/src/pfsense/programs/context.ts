import type { EcsFragment } from '@pullwatch/core';
import { isIp } from '../../shared/ip.js';
import { splitUrl } from '../../shared/url.js';
import type { DecodeInput } from '../../types.js';
import type { FamilyLine } from '../line.js';

/** The vendor namespace program parsers write their own fields under. */
export type FamilyNamespace = 'pfsense' | 'opnsense';

/** What a program parser sees: the line (program, pid, body), the raw input and the vendor namespace. */
export interface ProgramContext {
  line: FamilyLine;
  input: DecodeInput;
  ns: FamilyNamespace;
}

/**
 * Parses the body of one program's message into an ECS fragment (possibly empty).
 * Parsers are shared by pfSense and OPNsense where the daemon is the same (dhcpd, unbound,
 * openvpn, charon, haproxy, squid, sshd, nginx, the PHP web GUI).
 */
export type ProgramParser = (ctx: ProgramContext) => EcsFragment;

/** `{ address, ip }` for an endpoint; `ip` only when the text is an IP address. */
export function endpoint(address: string, port?: number): Record<string, unknown> {
  const out: Record<string, unknown> = { address };
  if (isIp(address)) out.ip = address;
  if (port !== undefined && Number.isInteger(port) && port >= 0 && port <= 65535) out.port = port;
  return out;
}

/** ECS `url.*` from a URL text (`url.original` always; the parts when the text parses). */
export function urlFields(text: string): Record<string, unknown> {
  const parts = splitUrl(text);
  const url: Record<string, unknown> = { original: text };
  if (parts.scheme !== undefined) url.scheme = parts.scheme;
  if (parts.domain !== undefined) url.domain = parts.domain;
  if (parts.port !== undefined) url.port = parts.port;
  if (parts.path !== undefined) url.path = parts.path;
  if (parts.query !== undefined) url.query = parts.query;
  if (parts.extension !== undefined) url.extension = parts.extension;
  if (parts.username !== undefined) url.username = parts.username;
  return url;
}

/** Sets `doc[ns][group] = fields` when `fields` has any key. */
export function vendorGroup(doc: EcsFragment, ns: FamilyNamespace, group: string, fields: Record<string, unknown>): void {
  if (Object.keys(fields).length === 0) return;
  const root = (doc[ns] ??= {}) as Record<string, unknown>;
  root[group] = fields;
}

/** Lower-cases and hyphenates a phrase for `event.action` (`Solicit message` → `solicit-message`). */
export const actionWord = (phrase: string): string => phrase.trim().toLowerCase().replace(/\s+/g, '-');
