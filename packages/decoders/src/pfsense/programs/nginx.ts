import type { EcsFragment } from '@pullwatch/core';
import { endpoint, urlFields, type ProgramContext } from './context.js';

/** nginx (pfSense web GUI server) error log: `2024/01/02 10:11:12 [error] 123#0: *1 text, client: 1.2.3.4, server: , request: "GET / HTTP/1.1"`. */

const ERROR_LINE = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \[([a-z]+)\] (\d+)#\d+: (?:\*\d+ )?(.*)$/;
const CLIENT = /, client: ([^,\s]+)/;
const REQUEST = /, request: "([A-Z]+) (\S+) HTTP\/([\d.]+)"/;

export function parseNginx(ctx: ProgramContext): EcsFragment {
  const doc: EcsFragment = {};
  const m = ERROR_LINE.exec(ctx.line.body);
  if (m === null) return doc;
  doc.log = { level: m[1]! };
  const c = CLIENT.exec(m[3]!);
  if (c !== null) doc.source = endpoint(c[1]!);
  const r = REQUEST.exec(m[3]!);
  if (r !== null) {
    doc.http = { request: { method: r[1]! }, version: r[3]! };
    doc.url = urlFields(r[2]!);
  }
  doc.event = { category: ['web'] };
  return doc;
}
