import { DecodeError, type EcsFragment } from '@pullwatch/core';
import { isAtTruncationCap, parseFilterlog, type FilterlogRecord } from '../filterlog/index.js';
import type { DecodeInput } from '../types.js';
import { finishFamilyEvent, type VendorProfile } from './envelope.js';
import { looksLikeFilterlog } from './family.js';
import { familyLine } from './line.js';
import { programParser, providerOf, type ProgramParser } from './programs/index.js';

/** How one vendor plugs into the shared pfSense/OPNsense decoding. */
export interface FamilyDialect {
  profile: VendorProfile;
  /** filterlog record → ECS fragment with the vendor's rule mapping and namespace. */
  filterlog: (rec: FilterlogRecord) => EcsFragment;
  /** Vendor-only programs, consulted before the shared ones. */
  programs?: (programKey: string) => ProgramParser | undefined;
}

/** A body that starts like the middle of a CSV record: no spaces, several commas. */
function looksLikeCsvTail(body: string): boolean {
  const head = body.length > 64 ? body.slice(0, 64) : body;
  if (head.includes(' ')) return false;
  let commas = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 44) commas++;
  return commas >= 4;
}

/**
 * Decodes one pfSense/OPNsense message: filterlog CSV through the shared parser, other programs
 * through their parsers (message only for programs without one), then the vendor envelope.
 * @throws DecodeError `fragment` for a filterlog body (or program-less CSV) that starts mid-record.
 */
export function decodeFamily(input: DecodeInput, dialect: FamilyDialect): EcsFragment {
  const line = familyLine(input);
  const key = line.programKey;
  if (key === 'filterlog' || (key === '' && looksLikeFilterlog(line.body))) {
    const rec = parseFilterlog(line.body, { atCap: isAtTruncationCap(input.raw) });
    const doc = dialect.filterlog(rec);
    return finishFamilyEvent(doc, dialect.profile, line.program === undefined ? { ...line, program: 'filterlog', programKey: 'filterlog' } : line, 'filterlog');
  }
  if (key === '' && looksLikeCsvTail(line.body)) {
    throw new DecodeError('program-less CSV that is not a filterlog record (fragment of a split line?)', 'fragment');
  }
  const parser = dialect.programs?.(key) ?? programParser(key);
  const doc = parser === undefined ? {} : parser({ line, input, ns: dialect.profile.ns });
  // A message exactly at a transport cap was most likely cut (pfSense 2.4.5 remote logging: 480 bytes).
  if (isAtTruncationCap(input.raw)) doc.tags = [...((doc.tags as string[] | undefined) ?? []), 'truncated'];
  return finishFamilyEvent(doc, dialect.profile, line, line.program === undefined ? undefined : providerOf(line.program));
}
