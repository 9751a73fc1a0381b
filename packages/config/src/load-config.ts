import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, setField } from '@pullwatch/core';
import { configSchema, type Config } from './schema.js';
import { envNameOf, listSettings, type SettingInfo } from './settings.js';

export interface LoadConfigOptions {
  /** Environment to read PULLWATCH_* variables from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Path of a YAML or JSON config file (default: PULLWATCH_CONFIG, else none). */
  file?: string;
  /** Values that win over file and environment (command-line flags). */
  overrides?: Record<string, unknown>;
  /** Defaults of one command (dotted paths), below the file and the environment: `npm start` binds to 127.0.0.1. */
  defaults?: Record<string, unknown>;
}

let cachedSettings: SettingInfo[] | undefined;
/** Every leaf setting with its environment variable, for docs and `pullwatch config`. */
export function settings(): SettingInfo[] {
  return (cachedSettings ??= listSettings(configSchema));
}

/**
 * Builds the configuration from (lowest to highest precedence) defaults, the
 * config file, PULLWATCH_* environment variables and overrides, and validates it.
 * Throws a `ConfigError` whose issues name each bad setting (dotted path and
 * environment variable) and the allowed values. An unknown PULLWATCH_* variable
 * or an unknown key in the file is an error too, so a typo never goes unnoticed.
 */
export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const known = new Map(settings().map((s) => [s.env, s]));
  const issues: string[] = [];
  let input: Record<string, unknown> = {};
  const commandDefaults: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(opts.defaults ?? {})) if (value !== undefined) setField(commandDefaults, path, value);

  const file = opts.file ?? env.PULLWATCH_CONFIG;
  if (file) {
    try {
      const text = readFileSync(file, 'utf8');
      const parsed: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
      if (parsed !== null && parsed !== undefined) {
        if (typeof parsed !== 'object' || Array.isArray(parsed)) issues.push(`${file}: the config file must hold an object`);
        else input = parsed as Record<string, unknown>;
      }
    } catch (err) {
      issues.push(`PULLWATCH_CONFIG (${file}): ${(err as Error).message}`);
    }
  }

  const fromEnv = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('PULLWATCH_') || name === 'PULLWATCH_CONFIG' || value === undefined) continue;
    if (RESERVED_ENV.some((p) => name.startsWith(p))) continue;
    const setting = known.get(name);
    if (!setting) {
      issues.push(`${name}: unknown setting (see the configuration table in README.md)`);
      continue;
    }
    setField(input, setting.path, value);
    fromEnv.set(setting.path, name);
  }
  input = mergeDefaults(commandDefaults, input);
  for (const [path, value] of Object.entries(opts.overrides ?? {})) {
    if (value !== undefined) setField(input, path, value);
  }
  if (issues.length) throw new ConfigError(issues);

  const result = configSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      const envName = envFor(path, fromEnv) ?? (known.has(envNameOf(path)) ? envNameOf(path) : undefined);
      const where = envName ? `${path} (${envName})` : path || '(root)';
      issues.push(`${where}: ${describeIssue(issue)}`);
    }
    throw new ConfigError(issues);
  }
  return result.data;
}

/** The environment variable that set `path` or one of its parents (map settings have keys below the setting). */
function envFor(path: string, fromEnv: Map<string, string>): string | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const name = fromEnv.get(p);
    if (name) return name;
  }
  return undefined;
}

/** PULLWATCH_* variables that belong to tools, not to the configuration. */
const RESERVED_ENV = ['PULLWATCH_STACK_', 'PULLWATCH_FUZZ_', 'PULLWATCH_TEST_', 'PULLWATCH_BENCH_', 'PULLWATCH_REDIS_URL'];

function describeIssue(issue: { code: string; message: string; values?: unknown[]; keys?: string[] }): string {
  if (issue.code === 'invalid_value' && issue.values) return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown setting(s) ${issue.keys.join(', ')}`;
  return issue.message;
}

/** `over` on top of `base`, object by object (plain values of `over` win). */
function mergeDefaults(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      b && v && typeof b === 'object' && typeof v === 'object' && !Array.isArray(b) && !Array.isArray(v)
        ? mergeDefaults(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}
