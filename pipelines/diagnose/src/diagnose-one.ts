import type { Diagnosis } from '@pullwatch/core';
import { DEFAULT_MAX_EXCERPTS, diagnose } from '@pullwatch/diagnosis';
import type { EvidenceSource, IntegrationRegistry } from '@pullwatch/ports';
import type { DiagnoseSettings } from './run-diagnosis.js';

export interface DiagnoseOneDeps extends DiagnoseSettings {
  registry: IntegrationRegistry;
  evidence: EvidenceSource;
}

/**
 * A fresh diagnosis of one integration, on demand (GET /v1/integrations/{id}/diagnosis): one
 * `gather` call, whatever its pull summary says. `undefined` when the registry does not know it.
 */
export async function diagnoseOne(deps: DiagnoseOneDeps, integrationId: string): Promise<Diagnosis | undefined> {
  const integration = await deps.registry.get(integrationId);
  if (integration === undefined) return undefined;
  const maxExcerpts = deps.maxExcerpts ?? DEFAULT_MAX_EXCERPTS;
  const [evidence] = await deps.evidence.gather([integration], deps.now, deps.lookbackMs, maxExcerpts);
  if (evidence === undefined) throw new Error(`The evidence source returned no evidence for integration "${integrationId}".`);
  return diagnose(evidence, { thresholdMs: deps.thresholdMs, maxExcerpts });
}
