/** An external alert (POST /v1/alerts) that does not have the expected shape; `issues` are `path: message` lines. */
export class InvalidExternalAlertError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid external alert:\n  ${issues.join('\n  ')}`);
    this.name = new.target.name;
    this.issues = issues;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** An integration id that the registry does not know. */
export class UnknownIntegrationError extends Error {
  readonly integrationId: string;
  constructor(integrationId: string) {
    super(`Unknown integration "${integrationId}".`);
    this.name = new.target.name;
    this.integrationId = integrationId;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
