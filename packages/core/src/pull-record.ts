import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * One request the blocklist endpoint served or refused, ECS-shaped. Unknown
 * fields are dropped. Stored in the data stream `logs-pullwatch.pulls-default`.
 */
export const pullRecordSchema = z.object({
  '@timestamp': z.iso.datetime({ offset: true }),
  integration: z.object({ id: z.string().min(1) }),
  source: z.object({ ip: z.string().refine((s) => isIP(s) !== 0, { message: 'must be an IPv4 or IPv6 address' }) }),
  http: z.object({
    request: z.object({ method: z.string().min(1).max(16) }).optional(),
    response: z.object({
      status_code: z.number().int().min(0).max(999),
      body: z.object({ bytes: z.number().int().min(0) }).optional(),
    }),
  }),
  url: z.object({ path: z.string() }).optional(),
  user_agent: z.object({ original: z.string() }).optional(),
});
export type PullRecord = z.infer<typeof pullRecordSchema>;

/** 2xx: the firewall got its list. */
export const isSuccessfulPull = (status: number): boolean => status >= 200 && status < 300;
