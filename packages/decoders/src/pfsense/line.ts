import { toInt } from '../shared/number.js';
import type { DecodeInput } from '../types.js';

/**
 * What the pfSense/OPNsense decoders need from one message: the program (syslog APP-NAME /
 * TAG, or a `prog[pid]:` prefix found at the start of a header-less message), its pid, the
 * body after that prefix, and the device hostname. Shared by both vendors (OPNsense keeps
 * pfSense's BSD logging heritage).
 */
export interface FamilyLine {
  /* Treated as immutable: instances are cached per input (see familyLine). */
  /** `process.name`: path and parentheses stripped (`/usr/local/sbin/xyz` → `xyz`, `(squid-1)` → `squid-1`). */
  program: string | undefined;
  /** `program` lower-cased, for dispatch. */
  programKey: string;
  pid: number | undefined;
  /** The message after the program prefix (the whole MSG when the header carried the program). */
  body: string;
  hostname: string | undefined;
  /** RFC 5424 `[meta sequenceId="n"]` (OPNsense), as a number. */
  sequence: number | undefined;
}

/** Strips a directory path and surrounding parentheses from a TAG: `/etc/rc.update_urltables` → `rc.update_urltables`. */
export function normaliseProgram(tag: string): string {
  let p = tag;
  if (p.length > 2 && p.charCodeAt(0) === 40 && p.charCodeAt(p.length - 1) === 41) p = p.slice(1, -1);
  const slash = p.lastIndexOf('/');
  if (slash >= 0 && slash < p.length - 1) p = p.slice(slash + 1);
  return p;
}

/**
 * Reads a `prog[pid]: ` / `prog: ` / `(prog)[pid]: ` / `/path/prog[pid]: ` prefix at the start of
 * `text`. Returns the program, pid text and where the body starts, or undefined.
 */
export function readProgramPrefix(text: string): { tag: string; pid: string | undefined; bodyStart: number } | undefined {
  const n = Math.min(text.length, 96);
  let i = 0;
  const paren = text.charCodeAt(0) === 40;
  if (paren) {
    const close = text.indexOf(')', 1);
    if (close < 2 || close > n) return undefined;
    i = close + 1;
  } else {
    while (i < n) {
      const c = text.charCodeAt(i);
      const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 47;
      if (!ok) break;
      i++;
    }
    if (i === 0) return undefined;
  }
  const tagEnd = i;
  let pid: string | undefined;
  if (text.charCodeAt(i) === 91) {
    const close = text.indexOf(']', i + 1);
    if (close < 0 || close > n) return undefined;
    pid = text.slice(i + 1, close);
    i = close + 1;
  }
  if (text.charCodeAt(i) !== 58) return undefined;
  const next = text.charCodeAt(i + 1);
  if (i + 1 < text.length && next !== 32) return undefined;
  return { tag: text.slice(0, tagEnd), pid, bodyStart: i + 1 < text.length ? i + 2 : i + 1 };
}

let lastInput: DecodeInput | undefined;
let lastLine: FamilyLine | undefined;

/**
 * The {@link FamilyLine} of an input. The detector calls `claims` and then `decode` with the
 * same input object, so the last result is kept and reused (one entry, no growth).
 */
export function familyLine(input: DecodeInput): FamilyLine {
  if (input === lastInput && lastLine !== undefined) return lastLine;
  const line = buildFamilyLine(input);
  lastInput = input;
  lastLine = line;
  return line;
}

function buildFamilyLine(input: DecodeInput): FamilyLine {
  const h = input.header;
  let program = h.appname !== undefined && h.appname.length > 0 ? normaliseProgram(h.appname) : undefined;
  let pidText = h.procid;
  let body = input.message;
  if (program === undefined) {
    const prefix = readProgramPrefix(body);
    if (prefix !== undefined) {
      program = normaliseProgram(prefix.tag);
      pidText = prefix.pid;
      body = body.slice(prefix.bodyStart);
    }
  }
  const seqText = h.structuredData?.meta?.sequenceId;
  return {
    program,
    programKey: program === undefined ? '' : program.toLowerCase(),
    pid: toInt(pidText),
    body,
    hostname: h.hostname !== undefined && h.hostname.length > 0 ? h.hostname : undefined,
    sequence: toInt(seqText),
  };
}
