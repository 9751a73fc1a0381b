/**
 * @pullwatch/diagnose: the diagnosis pipeline (find-stale → gather-evidence → rank → annotate →
 * publish), written against the ports only, so it runs on Elasticsearch/BullMQ or embedded.
 */
export { runDiagnosis, type RunDiagnosisDeps, type RunDiagnosisResult, type DiagnoseSettings, type DiagnoseLogger } from './run-diagnosis.js';
export { diagnoseOne, type DiagnoseOneDeps } from './diagnose-one.js';
export { annotateExternalAlert, externalAlertSchema, type ExternalAlertInput, type AnnotateDeps } from './external-alert.js';
export { alertTransition, alertId, historyEntry, resolutionOf } from './alerts.js';
export { InvalidExternalAlertError, UnknownIntegrationError } from './errors.js';
