/**
 * Index-based comma splitting for filterlog CSV (hot path: no regex, one pass).
 * filterlog never quotes or escapes: a comma always separates two fields.
 */

/**
 * Splits `text[start..end)` on commas into `out` (cleared first) and returns it.
 * An empty field between two commas, and a trailing empty field after a final
 * comma, are kept as `''`, so positions never shift.
 */
export function splitCommas(text: string, start: number, end: number, out: string[]): string[] {
  out.length = 0;
  let from = start;
  for (;;) {
    const comma = text.indexOf(',', from);
    if (comma < 0 || comma >= end) {
      out.push(text.slice(from, end));
      return out;
    }
    out.push(text.slice(from, comma));
    from = comma + 1;
  }
}

/** Index just past the last character of `text` that is not a space, tab, CR, LF or NUL. */
export function trimEndIndex(text: string): number {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c === 32 || c === 9 || c === 13 || c === 10 || c === 0) end--;
    else break;
  }
  return end;
}
