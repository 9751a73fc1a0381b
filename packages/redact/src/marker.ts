/** The fixed text that replaces every secret. Redacting text that already contains it is a no-op. */
export const REDACTED = '[REDACTED]';
