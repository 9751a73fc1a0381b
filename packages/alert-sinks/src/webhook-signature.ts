import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `sha256=<hex HMAC-SHA256 of the exact request body>`. */
export const SIGNATURE_HEADER = 'X-Pullwatch-Signature';
/** Header carrying the send time of the attempt, Unix seconds. */
export const TIMESTAMP_HEADER = 'X-Pullwatch-Timestamp';
/** Header carrying the delivery id: the same for every retry of one delivery, so receivers can drop repeats. */
export const DELIVERY_HEADER = 'X-Pullwatch-Delivery';
/** Header carrying `alert.opened`, `alert.updated` or `alert.resolved`. */
export const EVENT_HEADER = 'X-Pullwatch-Event';

/** `sha256=<hex>`: the HMAC-SHA256 of `body` (the exact bytes sent) keyed with `secret`. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Checks a received `X-Pullwatch-Signature` against the raw body, in constant time.
 * Receivers must verify the bytes as received, before parsing the JSON.
 */
export function verifyWebhookSignature(body: string | Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(body, secret));
  const got = Buffer.from(header.trim());
  return got.length === expected.length && timingSafeEqual(got, expected);
}
