import { isIP } from 'node:net';
import { z } from 'zod';

/** Firewall families pullwatch knows. */
export const vendorSchema = z.enum(['fortigate', 'panos', 'pfsense', 'opnsense']);
export type FirewallVendor = z.infer<typeof vendorSchema>;

const ip = z.string().refine((s) => isIP(s) !== 0, { message: 'must be an IPv4 or IPv6 address' });

/**
 * A firewall behind an integration. A syslog event belongs to it when its
 * syslog header hostname or vendor device name (FortiGate devname, PAN-OS
 * device name) equals `hostname`, its vendor serial (FortiGate devid, PAN-OS
 * serial) equals `serial`, or it was sent from `address`.
 */
export const deviceSchema = z
  .strictObject({
    hostname: z.string().min(1).optional(),
    serial: z.string().min(1).optional(),
    address: ip.optional(),
  })
  .refine((d) => d.hostname !== undefined || d.serial !== undefined || d.address !== undefined, {
    message: 'a device needs at least one of hostname, serial or address',
  });
export type Device = z.infer<typeof deviceSchema>;

/** An integration: one firewall (or cluster) pulling one blocklist from the endpoint. */
export const integrationSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/, 'use letters, digits and . _ : - only'),
  name: z.string().min(1).max(500),
  vendor: vendorSchema,
  devices: z.array(deviceSchema).min(1),
  /** Addresses the firewall's pulls come from (NAT egress), when not the device address. */
  egress_ips: z.array(ip).optional(),
  /** The feed as configured on the firewall, when known: helps recognise its log lines. */
  feed: z.strictObject({ name: z.string().min(1).optional(), url: z.string().min(1).optional() }).optional(),
});
export type Integration = z.infer<typeof integrationSchema>;

/** An integrations file: a list of integrations with unique ids. */
export const integrationListSchema = z.array(integrationSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((i, n) => {
    if (seen.has(i.id)) ctx.addIssue({ code: 'custom', path: [n, 'id'], message: `duplicate integration id "${i.id}"` });
    seen.add(i.id);
  });
});
