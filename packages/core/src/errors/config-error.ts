import { PullwatchError } from './pullwatch-error.js';

/** Configuration rejected at start-up; `issues` are `path: message` lines naming the setting. */
export class ConfigError extends PullwatchError {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`, 'invalid_config');
    this.issues = issues;
  }
}
