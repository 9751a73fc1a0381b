import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where Elastic's vendor corpora are: `PULLWATCH_CORPORA_DIR`, else `shared/corpora`
 * beside the repository (as laid out for development and CI). Fails loudly when absent.
 */
export function corporaDir(vendor?: string): string {
  const base = process.env.PULLWATCH_CORPORA_DIR ?? resolve(ROOT, '../shared/corpora');
  if (!existsSync(base)) throw new Error(`Vendor corpora not found at ${base}: set PULLWATCH_CORPORA_DIR to the shared/corpora folder.`);
  return vendor ? resolve(base, vendor) : base;
}
