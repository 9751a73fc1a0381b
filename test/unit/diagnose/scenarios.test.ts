import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnosis, RootCause } from '@pullwatch/core';
import { runDiagnosis } from '@pullwatch/diagnose';
import { MemoryAlertStore, MemoryEvidenceSource, MemoryIntegrationRegistry } from '@pullwatch/store-memory';
import { diagnoseFiles, parseDuration, readIntegrations, readLogs, readPulls } from '../../../services/cli/src/commands/diagnose.js';
import { RecordingSink } from './helpers.js';

/** What a scenario's expected.json says about one integration (every field optional but the first three). */
interface Expectation {
  integration: string;
  status: Diagnosis['status'];
  primary: RootCause;
  min_confidence?: number;
  max_confidence?: number;
  alternatives?: RootCause[];
  alternatives_absent?: RootCause[];
  alternative_max?: Record<string, number>;
  reasons?: string[];
  reasons_alt?: Record<string, string[]>;
  summary?: string[];
  remediation?: string[];
  verify?: string[];
  missing?: string[];
  timeline?: Diagnosis['timeline'];
  time_left_ms?: number;
  excerpts_rule?: string;
  no_text?: string[];
  /** The alert runDiagnosis raises for it: "opened", or null for none. */
  alert: 'opened' | null;
}

interface Scenario {
  now: string;
  threshold: string;
  lookback: string;
  description: string;
  diagnoses: Expectation[];
}

const DIR = 'test/fixtures/scenarios';
const names = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const files = (name: string) => ({ integrations: join(DIR, name, 'integrations.yaml'), pulls: join(DIR, name, 'pulls.ndjson'), logs: join(DIR, name, 'logs.log') });

const containsAll = (texts: readonly string[], wanted: readonly string[] | undefined, what: string): void => {
  for (const w of wanted ?? []) expect(texts.some((t) => t.includes(w)), `${what} should contain "${w}":\n${texts.join('\n')}`).toBe(true);
};

describe('diagnose > scenarios (pullwatch diagnose on recorded files)', () => {
  it('has one scenario per cause and vendor the vendors can express', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of names) {
    const scenario = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Scenario;
    const now = new Date(scenario.now);
    const thresholdMs = parseDuration(scenario.threshold);
    const lookbackMs = parseDuration(scenario.lookback);

    describe(name, () => {
      it(`diagnoses as expected: ${scenario.description}`, async () => {
        const { diagnoses, warnings } = await diagnoseFiles({ ...files(name), now, thresholdMs, lookbackMs });
        expect(warnings).toEqual([]);
        expect(diagnoses.map((d) => d.integration.id).sort()).toEqual(scenario.diagnoses.map((e) => e.integration).sort());
        for (const e of scenario.diagnoses) {
          const d = diagnoses.find((x) => x.integration.id === e.integration)!;
          const label = `${name} / ${d.integration.name}`;
          expect(d.status, label).toBe(e.status);
          expect(d.primary.category, `${label}: ${d.summary}`).toBe(e.primary);
          if (e.min_confidence !== undefined) expect(d.primary.confidence, label).toBeGreaterThanOrEqual(e.min_confidence);
          if (e.max_confidence !== undefined) expect(d.primary.confidence, label).toBeLessThanOrEqual(e.max_confidence);
          const alts = d.alternatives.map((a) => a.category);
          for (const a of e.alternatives ?? []) expect(alts, label).toContain(a);
          for (const a of e.alternatives_absent ?? []) expect(alts, label).not.toContain(a);
          for (const [c, max] of Object.entries(e.alternative_max ?? {})) expect(d.alternatives.find((a) => a.category === c)!.confidence, label).toBeLessThanOrEqual(max);
          containsAll(d.primary.reasons, e.reasons, `${label} reasons`);
          for (const [c, wanted] of Object.entries(e.reasons_alt ?? {})) containsAll(d.alternatives.find((a) => a.category === c)!.reasons, wanted, `${label} ${c} reasons`);
          containsAll([d.summary], e.summary, `${label} summary`);
          containsAll(d.remediation, e.remediation, `${label} remediation`);
          containsAll(d.verify, e.verify, `${label} verify`);
          containsAll(d.evidence.missing, e.missing, `${label} missing`);
          if (e.timeline !== undefined) expect(d.timeline, label).toEqual(e.timeline);
          if (e.time_left_ms !== undefined) expect(d.time_left_ms, label).toBe(e.time_left_ms);
          else expect(d.time_left_ms, label).toBeUndefined();
          if (e.excerpts_rule !== undefined) expect(d.evidence.excerpts[0]?.rule, label).toBe(e.excerpts_rule);
          const json = JSON.stringify(d);
          for (const secret of e.no_text ?? []) expect(json, label).not.toContain(secret);
          // Every diagnosis of a failing integration tells what to do and how to check it.
          if (d.status !== 'online') {
            expect(d.remediation.length, label).toBeGreaterThan(1);
            expect(d.verify.length, label).toBeGreaterThan(1);
            expect(d.evidence.excerpts.length, label).toBeLessThanOrEqual(5);
          }
          expect([...d.remediation, ...d.verify].join('\n'), label).not.toMatch(/\{[a-z]+\}/);
        }
      });

      it('raises the expected alerts when the correlator runs on the same data', async () => {
        const integrations = await readIntegrations(files(name).integrations);
        const source = new MemoryEvidenceSource();
        source.addPulls(await readPulls(files(name).pulls));
        source.addEvents((await readLogs(files(name).logs, integrations, { now })).docs);
        const alerts = new MemoryAlertStore();
        const sink = new RecordingSink();
        const deps = { registry: new MemoryIntegrationRegistry(integrations), evidence: source, alerts, sink, now, thresholdMs, lookbackMs };
        await runDiagnosis(deps);
        for (const e of scenario.diagnoses) {
          const open = await alerts.findOpen(e.integration);
          if (e.alert === 'opened') {
            expect(open?.diagnosis.primary.category, `${name} ${e.integration}`).toBe(e.primary);
          } else {
            expect(open, `${name} ${e.integration}`).toBeUndefined();
          }
        }
        const second = await runDiagnosis(deps);
        expect(second).toMatchObject({ opened: 0, updated: 0, resolved: 0 });
      });
    });
  }
});
