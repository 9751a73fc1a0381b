/**
 * CSV splitting for PAN-OS syslog bodies: RFC 4180 quoting (a quote only opens a field at its
 * start, `""` is a literal quote) plus one PAN-OS rule: an unquoted field that starts with `{`
 * runs to its matching `}` (PAN-OS 11.1 "Link Switches" `{name, tag, ..., 100,100,,N/A}`), commas
 * inside included. A `{` without a matching `}` before the end is an ordinary field.
 */

export interface CsvRow {
  fields: string[];
  /** Offset in the text where field `markField` starts (or the text length when absent). */
  markOffset: number;
  /** True when the last quoted field had no closing quote. */
  unterminated: boolean;
  /** Index of a field that opened `{` without a matching `}` (-1 when none): later fields may be shifted. */
  unbalancedBrace: number;
}

/** Splits `s` from `start`; records where field number `markField` begins. */
export function splitCsv(s: string, start: number, markField = -1): CsvRow {
  const fields: string[] = [];
  const n = s.length;
  let markOffset = n;
  let unterminated = false;
  let unbalancedBrace = -1;
  let i = start;
  for (;;) {
    if (fields.length === markField) markOffset = i;
    if (i >= n) {
      fields.push('');
      break;
    }
    const c = s.charCodeAt(i);
    if (c === 34) {
      // quoted field
      let j = i + 1;
      let value = '';
      let run = j;
      let closed = false;
      while (j < n) {
        if (s.charCodeAt(j) === 34) {
          if (s.charCodeAt(j + 1) === 34) {
            value += s.slice(run, j + 1);
            j += 2;
            run = j;
            continue;
          }
          value += s.slice(run, j);
          j++;
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) {
        value += s.slice(run, n);
        unterminated = true;
        fields.push(value);
        break;
      }
      // lenient: text after the closing quote up to the next comma is appended
      if (j < n && s.charCodeAt(j) !== 44) {
        let k = s.indexOf(',', j);
        if (k < 0) k = n;
        value += s.slice(j, k);
        j = k;
      }
      fields.push(value);
      i = j;
    } else if (c === 123) {
      const close = matchBrace(s, i);
      if (close < 0 && unbalancedBrace < 0) unbalancedBrace = fields.length;
      const end = close >= 0 ? close + 1 : nextComma(s, i);
      fields.push(s.slice(i, end));
      i = end;
    } else if (c === 44) {
      fields.push(''); // empty field: no search, no slice
    } else {
      const end = nextComma(s, i);
      fields.push(s.slice(i, end));
      i = end;
    }
    if (i >= n) break;
    i++; // the comma
  }
  return { fields, markOffset, unterminated, unbalancedBrace };
}

function nextComma(s: string, i: number): number {
  const k = s.indexOf(',', i);
  return k < 0 ? s.length : k;
}

/** Index of the `}` closing the `{` at `i` when it is followed by `,` or the end; else -1. */
function matchBrace(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) {
        const next = s.charCodeAt(j + 1);
        return j + 1 >= s.length || next === 44 ? j : -1;
      }
    }
  }
  return -1;
}
