/** IP address validation without regular expressions (hot path). */

/** True for a dotted-quad IPv4 address (`0.0.0.0` … `255.255.255.255`, no leading `+`/spaces). */
export function isIPv4(s: string, start = 0, end = s.length): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // leading zero ("01")
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return false;
    } else if (c === 46) {
      if (digits === 0) return false;
      if (++parts > 3) return false;
      digits = 0;
      value = 0;
    } else {
      return false;
    }
  }
  return parts === 3 && digits > 0;
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** True for an IPv6 address (RFC 4291 text forms, `::` compression, trailing dotted IPv4, optional `%zone`). */
export function isIPv6(s: string): boolean {
  let end = s.length;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    if (pct === end - 1) return false;
    end = pct;
  }
  if (end < 2) return false;
  let groups = 0;
  let doubleColon = false;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    doubleColon = true;
    i = 2;
    if (i === end) return true; // "::"
  }
  while (i < end) {
    let j = i;
    while (j < end && isHex(s.charCodeAt(j))) j++;
    const len = j - i;
    if (j < end && s.charCodeAt(j) === 46) {
      // embedded IPv4 must be last and counts as two groups
      if (!isIPv4(s, i, end)) return false;
      groups += 2;
      i = end;
      break;
    }
    if (len === 0 || len > 4) return false;
    groups++;
    if (j === end) {
      i = j;
      break;
    }
    if (s.charCodeAt(j) !== 58) return false;
    if (s.charCodeAt(j + 1) === 58) {
      if (doubleColon) return false;
      doubleColon = true;
      i = j + 2;
      if (i === end) break;
    } else {
      i = j + 1;
      if (i === end) return false; // trailing single colon
    }
  }
  return doubleColon ? groups <= 7 : groups === 8;
}

/** True for an IPv4 or IPv6 address. */
export function isIp(s: string): boolean {
  if (s.length === 0) return false;
  return s.indexOf(':') >= 0 ? isIPv6(s) : isIPv4(s);
}

/** True when the address is in a private/internal range (RFC 1918, loopback, link-local, CGNAT, ULA). */
export function isPrivateIp(s: string): boolean {
  if (s.indexOf(':') >= 0) {
    const lower = s.toLowerCase();
    return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80:');
  }
  const dot1 = s.indexOf('.');
  const dot2 = s.indexOf('.', dot1 + 1);
  const a = Number(s.slice(0, dot1));
  const b = Number(s.slice(dot1 + 1, dot2));
  if (a === 10 || a === 127) return true;
  if (a === 172) return b >= 16 && b <= 31;
  if (a === 192) return b === 168;
  if (a === 169) return b === 254;
  if (a === 100) return b >= 64 && b <= 127;
  return false;
}
