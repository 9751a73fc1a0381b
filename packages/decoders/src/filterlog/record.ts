/**
 * One filterlog line, parsed positionally but not yet mapped to ECS. Both vendor
 * mappers (`pfsense/filterlog-ecs.ts`, `opnsense/filterlog-ecs.ts`) read it.
 * Strings are the raw CSV tokens; numbers are parsed strictly (`undefined` when
 * the token was empty or not a number). Absent = not on the wire.
 */

/** ICMP / ICMPv6 tail, in either the pfSense form (type word first) or the OPNsense form (`datalength=N` first). */
export interface FilterlogIcmp {
  /** pfSense type word (`request`, `unreachport`...) or pf keyword (`echoreq`, `unreach`, `unknown(N)`). */
  type?: string;
  /** OPNsense: pf icmp-code keyword or number. */
  code?: string;
  id?: number;
  seq?: number;
  mtu?: number;
  /** OPNsense `datalength=N`. */
  datalength?: number;
  /** OPNsense `truncated-icmp=N`: fewer than two octets of ICMP data. */
  truncatedBytes?: number;
  /** pfSense unreach (any) and needfrag: the destination of the packet that triggered the ICMP message. */
  destinationIp?: string;
  /** pfSense unreachproto/unreachport: protocol id. */
  unreachableProto?: string;
  /** pfSense unreachport: port. */
  unreachablePort?: number;
  /** pfSense unreach (other), timexceed, paramprob, redirect, maskreply, unknown types: free text. */
  description?: string;
  /** pfSense tstampreply. */
  otime?: number;
  rtime?: number;
  ttime?: number;
}

/** CARP advertisement fields (protocol 112). */
export interface FilterlogCarp {
  type?: string;
  ttl?: number;
  vhid?: number;
  version?: number;
  advskew?: number;
  advbase?: number;
}

export class FilterlogRecord {
  /** Field 1: rule number (changes on every ruleset reload). */
  ruleNumber = '';
  subrule = '';
  anchor = '';
  /** Field 4: pfSense tracker (decimal id) or OPNsense rule label (32-hex hash, `0` = unknown). */
  label = '';
  iface = '';
  reason = '';
  /** `pass`, `block`, `match`, `rdr`, `nat`, `binat`, `scrub`, `unkn(%u)`... as written. */
  action = '';
  /** `in` / `out` as written. */
  direction = '';
  /** `4` or `6`. */
  ipVersion: 4 | 6 = 4;

  // IPv4
  tos: string | undefined = undefined;
  ecn: string | undefined = undefined;
  ttl: number | undefined = undefined;
  id: number | undefined = undefined;
  offset: number | undefined = undefined;
  /** `DF`, `none`, `+`, `MF`... */
  flags: string | undefined = undefined;
  // IPv6
  trafficClass: string | undefined = undefined;
  flowLabel: string | undefined = undefined;
  hopLimit: number | undefined = undefined;

  protoNum: number | undefined = undefined;
  /** Protocol name as written (`tcp`, `UDP`, `ICMPv6`, `ipv6-icmp`, `Options`...). */
  protoName: string | undefined = undefined;
  length: number | undefined = undefined;
  src: string | undefined = undefined;
  dst: string | undefined = undefined;

  // TCP / UDP
  srcPort: number | undefined = undefined;
  dstPort: number | undefined = undefined;
  dataLength: number | undefined = undefined;
  tcpFlags: string | undefined = undefined;
  /** Raw `seq` token: a number or a range `a:b`. */
  tcpSeq: string | undefined = undefined;
  tcpAck: string | undefined = undefined;
  tcpWindow: string | undefined = undefined;
  tcpUrg: string | undefined = undefined;
  /** Raw `;`-separated options (`mss;sackOK;TS;nop;wscale`). */
  tcpOptions: string | undefined = undefined;

  icmp: FilterlogIcmp | undefined = undefined;
  carp: FilterlogCarp | undefined = undefined;
  /** `datalength=N` of protocols filterlog does not decode further (IGMP...). */
  datalength: number | undefined = undefined;
  /** IPv6 extension-header / option tokens (`HBH`, `RTALERT`, `PADN`, `INVALIDOPT`). */
  ipOptions: string[] | undefined = undefined;
  /** Other `key=value` tail tokens (`truncated-ip6=76`). */
  extra: Record<string, string> | undefined = undefined;
  /** The unparsed tail of a protocol filterlog prints but this parser does not know (PIM...), comma-joined. */
  rest: string | undefined = undefined;

  /**
   * True when the line was cut: the message length hit a known transport cap (the last field
   * was dropped as possibly partial), or the record ended before the fields its layout requires.
   */
  truncated = false;
}
