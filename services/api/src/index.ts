export { buildApi, type ApiApp } from './build-api.js';
export { startApi, apiSettingsOf, type ApiHandle } from './start-api.js';
export { DEFAULT_API_SETTINGS, type ApiDeps, type ApiSettings } from './deps.js';
export { BusPullIntake, StorePullIntake, type PullIntake, type PullIntakeResult } from './pull-intake.js';
export { ApiError, type ErrorBody, type Issue } from './issues.js';
export { alertQuerySchema } from './routes/alerts.js';
export { NDJSON } from './routes/pulls.js';
