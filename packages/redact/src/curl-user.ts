import { REDACTED } from './marker.js';

/**
 * `curl -u user:password`, `--user user:password`, `--proxy-user user:password` in a logged
 * command line. The user part has no `:`, so the match is linear.
 */
const CURL_USER_RE = /(^|[\s'"])(-u|-U|--user|--proxy-user)([ \t]+|=)([^\s:'"]+):([^\s'"]+)/g;

/** Redacts the password of curl's `-u user:password` style options, keeping the user. */
export function redactCurlUser(s: string): string {
  if (s.indexOf('-u') === -1 && s.indexOf('-U') === -1 && s.indexOf('-user') === -1) return s;
  return s.replace(CURL_USER_RE, (all: string, lead: string, opt: string, sep: string, user: string, pass: string) =>
    pass === REDACTED ? all : `${lead}${opt}${sep}${user}:${REDACTED}`,
  );
}
