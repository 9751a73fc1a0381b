import { z } from 'zod';
import type { Alert } from '@pullwatch/core';
import type { AlertChange, AlertSink, AlertStore, EvidenceSource, IntegrationRegistry } from '@pullwatch/ports';
import { alertId, alertTransition, historyEntry, resolutionOf } from './alerts.js';
import { diagnoseOne } from './diagnose-one.js';
import { InvalidExternalAlertError, UnknownIntegrationError } from './errors.js';
import type { DiagnoseLogger, DiagnoseSettings } from './run-diagnosis.js';

/**
 * An alert raised elsewhere (POST /v1/alerts), for example the Console's "Firewall Integration
 * Offline" issue. Only `integration_id` is required; other fields are kept as received.
 */
export const externalAlertSchema = z.looseObject({
  integration_id: z.string().min(1).max(200).describe('Id of the integration the alert is about (as in the registry).'),
  title: z.string().min(1).max(1000).optional().describe('Title of the alert in the sending system.'),
  raised_at: z.iso.datetime({ offset: true }).optional().describe('When it was raised (ISO-8601); default: when received.'),
  id: z.string().min(1).max(200).optional().describe('Id of the alert in the sending system.'),
  source: z.string().min(1).max(200).optional().describe('Name of the sending system.'),
  severity: z.string().min(1).max(50).optional().describe('Severity in the sending system, e.g. "critical".'),
});
export type ExternalAlertInput = z.infer<typeof externalAlertSchema>;

export interface AnnotateDeps extends DiagnoseSettings {
  registry: IntegrationRegistry;
  evidence: EvidenceSource;
  alerts: AlertStore;
  /** When given, the new or changed alert is published. */
  sink?: AlertSink;
  logger?: DiagnoseLogger;
}

const issueLines = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`);

/**
 * Attaches a fresh diagnosis to an external alert naming an integration, and stores it:
 * - when the integration already has an open alert, the external one joins it (its body is
 *   kept under `external`, a history entry records it), so an integration never has two;
 * - else a new alert `<integration id>:<raised_at ms>` with `origin: 'external'`: open when the
 *   integration is degraded or offline, resolved at once ("already pulling normally: …") when
 *   it is online;
 * - posting the same alert again (same integration and `raised_at`) changes nothing.
 * Throws `InvalidExternalAlertError` (bad shape) or `UnknownIntegrationError`.
 * `change` is undefined when nothing was written.
 */
export async function annotateExternalAlert(deps: AnnotateDeps, input: unknown): Promise<{ alert: Alert; change?: AlertChange }> {
  const parsed = externalAlertSchema.safeParse(input);
  if (!parsed.success) throw new InvalidExternalAlertError(issueLines(parsed.error));
  const body = parsed.data;
  const diagnosis = await diagnoseOne(deps, body.integration_id);
  if (diagnosis === undefined) throw new UnknownIntegrationError(body.integration_id);
  const at = deps.now.toISOString();
  const raisedAt = body.raised_at !== undefined ? new Date(body.raised_at) : deps.now;
  const id = alertId(body.integration_id, raisedAt);
  const received = `external alert received${body.title !== undefined ? `: ${body.title}` : ''}`;

  let result: { alert: Alert; change?: AlertChange };
  const same = await deps.alerts.get(id);
  const open = same === undefined ? await deps.alerts.findOpen(body.integration_id) : undefined;
  if (same !== undefined) {
    result = { alert: same };
  } else if (open !== undefined) {
    const t = alertTransition(open, diagnosis, deps.now);
    const base = t?.alert ?? { ...open, updated_at: at, diagnosis };
    const alert: Alert = {
      ...base,
      external: { ...(open.external ?? {}), ...body },
      history: [...base.history, { ...historyEntry(at, base.state, diagnosis), summary: `${received}; ${diagnosis.summary}` }],
    };
    result = { alert, change: t?.change ?? 'updated' };
  } else {
    const online = diagnosis.status === 'online';
    const state: Alert['state'] = diagnosis.status === 'online' ? 'resolved' : diagnosis.status;
    const alert: Alert = {
      id,
      integration: diagnosis.integration,
      status: online ? 'resolved' : 'open',
      state,
      opened_at: raisedAt.toISOString(),
      updated_at: at,
      diagnosis,
      history: [{ ...historyEntry(at, state, diagnosis), summary: `${received}; ${diagnosis.summary}` }],
      origin: 'external',
      external: body,
    };
    if (online) {
      alert.resolved_at = at;
      alert.resolution = `already pulling normally: ${resolutionOf(diagnosis)}`;
    }
    result = { alert, change: online ? 'resolved' : 'opened' };
  }
  if (result.change !== undefined) {
    await deps.alerts.upsert(result.alert);
    if (deps.sink !== undefined) {
      try {
        await deps.sink.publish(result.alert, result.change);
      } catch (err) {
        deps.logger?.warn({ err, alert: { id: result.alert.id }, change: result.change }, 'Alert publication failed.');
      }
    }
  }
  return result;
}
