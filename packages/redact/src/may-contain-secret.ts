/** The key words `redactKeyedSecrets` acts on, any case (kept in step with KEY_RE there). */
const KEY_WORD_RE = /api[_-]?key|token|passw(?:or)?d|secret|private[_-]?key|authorization/i;

/**
 * A cheap test that is false only for text in which no redaction rule can
 * match: no URL with `@` (or its `%40` escape), no secret key word, no curl
 * user option. Text derived from such a line by slicing and unescaping (every
 * field a decoder produces) cannot hold a secret either, so the ingest path
 * redacts a decoded document only when its original line passes this test.
 */
export function mayContainSecret(s: string): boolean {
  if (s.indexOf('://') !== -1 && (s.indexOf('@') !== -1 || s.indexOf('%40') !== -1)) return true;
  if (s.indexOf('-u') !== -1 || s.indexOf('-U') !== -1 || s.indexOf('-user') !== -1) return true;
  return KEY_WORD_RE.test(s);
}
