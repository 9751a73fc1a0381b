import type { z } from 'zod';

/** One leaf setting of the configuration: its dotted path, environment variable, description and default. */
export interface SettingInfo {
  path: string;
  env: string;
  description: string;
  defaultValue: unknown;
  type: string;
}

const SECTION_ENV: Record<string, string> = { elasticsearch: 'ES' };

/** `receiver.udp.recvBufferBytes` → `PULLWATCH_RECEIVER_UDP_RECV_BUFFER_BYTES` (`elasticsearch` → `ES`). */
export function envNameOf(path: string): string {
  const parts = path.split('.').map((p, i) => (i === 0 && SECTION_ENV[p] ? SECTION_ENV[p] : p));
  return 'PULLWATCH_' + parts.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

function leafType(s: z.ZodType): string {
  const d = defOf(s);
  if (d.type === 'pipe') return d.out && defOf(d.out).type !== 'transform' ? leafType(d.out) : leafType(d.in!);
  if (d.type === 'enum') return Object.values(d.entries ?? {}).join(', ');
  return d.type;
}

/** Lists every leaf setting of an object schema, in declaration order. */
export function listSettings(schema: z.ZodType, prefix = ''): SettingInfo[] {
  let s = schema;
  let description = s.description ?? '';
  let defaultValue: unknown;
  for (;;) {
    const d = defOf(s);
    if ((d.type === 'default' || d.type === 'prefault' || d.type === 'optional') && d.innerType) {
      if (d.type === 'default') defaultValue = d.defaultValue;
      s = d.innerType;
      description ||= s.description ?? '';
      continue;
    }
    if (d.type === 'pipe' && d.in && defOf(d.in).type === 'object') {
      s = d.in;
      continue;
    }
    break;
  }
  const d = defOf(s);
  if (d.type === 'object' && d.shape) {
    return Object.entries(d.shape).flatMap(([k, v]) => listSettings(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ path: prefix, env: envNameOf(prefix), description, defaultValue, type: leafType(s) }];
}
