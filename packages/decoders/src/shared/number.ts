/** Strict number parsing for vendor fields: no `parseInt` leniency (`"12abc"` is not 12). */

/** Parses an optional `-` followed by decimal digits into a safe integer; otherwise `undefined`. */
export function toInt(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = s.length;
  if (n === 0 || n > 16) return n > 16 ? toBigSafe(s) : undefined;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    if (n === 1) return undefined;
    neg = true;
    i = 1;
  }
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

function toBigSafe(s: string): number | undefined {
  if (!/^-?\d+$/.test(s)) return undefined;
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Parses a decimal number (`12`, `-1.5`, `0.25`); otherwise `undefined`. */
export function toFloat(s: string | undefined): number | undefined {
  if (s === undefined || s.length === 0) return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) return undefined;
  const c = s.charCodeAt(0);
  // Number() accepts "0x1f", " 1", "1e3", "Infinity": only plain decimals here.
  if (!((c >= 48 && c <= 57) || c === 45 || c === 46)) return undefined;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i);
    if (!((d >= 48 && d <= 57) || d === 46)) return undefined;
  }
  return v;
}
