/**
 * Writes docs/classifier-rules.md from the classifier's rule tables (packages/classifier/src/rules).
 *
 *   npx tsx scripts/gen-classifier-docs.ts          rewrite the file
 *   npx tsx scripts/gen-classifier-docs.ts --check  exit 1 when the file is out of date
 *
 * test/unit/classifier/docs.test.ts fails when the committed file differs from `renderClassifierDocs()`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  causeOfCurlErrno,
  CURL_ERRNO_CAUSES,
  DEFAULT_ENDPOINT_HOSTS,
  FAILURE_CATEGORIES,
  FEED_PROGRAMS,
  FORTIGATE_FEED_LOGIDS,
  HTTP_STATUS_CAUSES,
  MECHANISM_WORDS,
  RULE_TABLES,
  type Condition,
  type Rule,
} from '../packages/classifier/src/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLASSIFIER_DOCS_PATH = resolve(ROOT, 'docs/classifier-rules.md');

/** Text for a markdown table cell (pipes escaped, no line breaks). */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string): string => `\`${cell(s).replace(/`/g, 'ʼ')}\``;
const re = (r: RegExp): string => code(`/${r.source}/${r.flags}`);

function condition(c: Condition): string {
  if ('any' in c) return `(${c.any.map(condition).join(' or ')})`;
  if ('equals' in c) return `${c.field} = ${code(c.equals)}`;
  if ('in' in c) return `${c.field} ∈ {${c.in.map((v) => (v === '' ? '(none)' : v)).join(', ')}}`;
  return `${c.field} ~ ${re(c.matches)}`;
}

function matches(rule: Rule): string {
  const parts: string[] = [];
  for (const c of rule.when ?? []) parts.push(condition(c));
  if (rule.contains) parts.push(`text ∋ ${rule.contains.map((w) => code(w)).join(' or ')}`);
  if (rule.pattern) parts.push(`text ~ ${re(rule.pattern)}`);
  if (rule.unless) parts.push(`not ${re(rule.unless)}`);
  return parts.join('<br>') || '—';
}

function category(rule: Rule): string {
  if (rule.category === 'by_http_status') return 'by HTTP status (table below)';
  if (rule.category === 'by_curl_errno') return 'by curl error (table below)';
  return rule.category ?? '—';
}

function confidence(rule: Rule): string {
  const mapped = rule.category === 'by_http_status' || rule.category === 'by_curl_errno';
  return mapped ? `≤ ${rule.confidence}` : String(rule.confidence);
}

/** The whole markdown document. */
export function renderClassifierDocs(): string {
  const out: string[] = [];
  const p = (...lines: string[]): void => {
    out.push(...lines);
  };
  const counts = RULE_TABLES.map((t) => `${t.title.split(' (')[0]} ${t.rules.length}`).join(', ');
  p(
    '# Classifier rules',
    '',
    '<!-- Do not edit by hand: `npx tsx scripts/gen-classifier-docs.ts` rewrites this file from',
    '     packages/classifier/src/rules/*.ts, and test/unit/classifier/docs.test.ts fails when it is out of date. -->',
    '',
    'The classifier (`@pullwatch/classifier`) runs in the ingest pipeline after decoding and redaction. On every',
    'event that concerns an external IP blocklist feed it sets:',
    '',
    '| field | value |',
    '| --- | --- |',
    '| `pullwatch.feed.event` | `fetch_failed`, `fetch_succeeded`, `feed_removed`, `feed_disabled`, `feed_changed` |',
    `| \`pullwatch.root_cause.category\` | failures: ${FAILURE_CATEGORIES.map((c) => `\`${c}\``).join(', ')}; removals and disables: \`rule_removed_or_disabled\`; none on successes and changes |`,
    '| `pullwatch.root_cause.rule` | id of the rule that decided (tables below) |',
    '| `pullwatch.root_cause.confidence` | number, 0..1 |',
    '| `pullwatch.feed.name` | the feed (alias, EDL, external resource, pfBlockerNG header) when the line names it |',
    '| `pullwatch.feed.url` | the feed URL when the line gives it, redacted (`user:[REDACTED]@`, `api_key=[REDACTED]`) |',
    '| `pullwatch.feed.entries` | number of entries on a success, when the line gives it |',
    '',
    'Lines that are not about a feed get none of these fields. A traffic, filterlog or DNS-query log of the pull',
    'itself (a connection to the endpoint) is not a feed event: it shows the network path worked, not what the',
    'firewall made of the answer, and the diagnosis reads such logs separately.',
    '',
    `Rules: ${counts} (${RULE_TABLES.reduce((n, t) => n + t.rules.length, 0)} in all).`,
    '',
    '## How a line is classified',
    '',
    '1. **Pre-check** (two field reads and no regular expression for the bulk of the traffic). By `event.module`:',
    '   pfSense/OPNsense lines go on only for these programs (`filterlog` leaves after one read), and only when the',
    '   message holds one of the listed texts or names an endpoint host or a known feed:',
    '',
    '   | program | texts (any) |',
    '   | --- | --- |',
    ...[...FEED_PROGRAMS].map(([prog, words]) => `   | \`${prog}\` | ${words === undefined ? 'every line' : words.map((w) => code(w)).join(', ')} |`),
    '',
    '   or, without a program, when the text has a pfBlockerNG log-file shape. FortiGate lines go on for the logids',
    `   ${[...FORTIGATE_FEED_LOGIDS].map((x) => `\`${x}\``).join(', ')}, or another *event* logid whose message names a feed`,
    '   mechanism, an endpoint host or a known feed (traffic and UTM logids leave at once); PAN-OS `SYSTEM` lines with an',
    '   EDL event id or such words in the description, and `CONFIG` lines on an `external-list` or `rulebase` path.',
    '   Undecoded lines go on only with a pfBlockerNG log-file shape.',
    '2. **Facts.** The structured fields the rules test are read once (table below).',
    '3. **Vendor rows** of the line\'s vendor: all structured conditions (`when`) first, then the cheap text gate',
    '   (`contains`: the lower-cased text holds one of the literals, written `text ∋`), then the pattern (`text ~`), then',
    '   the veto (`unless`, written `not`).',
    '4. **Generic rows** only when no vendor row matched, or the best vendor row is a generic `download_failed`: they',
    '   refine it into a more specific cause (or classify an identified line no vendor row knows). They never overturn a',
    '   vendor verdict that has a specific cause, a success, a change or a removal. They read the text with URLs',
    '   replaced by `<url>`, so `?timeout=30` in a feed URL is not a timeout.',
    '5. **Feed identification.** A row of scope `mechanism` is the vendor\'s feed mechanism by its structured match (any',
    '   host). A row of scope `identified`, and every generic row, counts only when the line is identified as a feed',
    '   line, or a `mechanism` row matched the same line. A line is identified when it names:',
    `   - an endpoint host (option \`endpointHosts\`, config \`classify.endpointHosts\`, default ${DEFAULT_ENDPOINT_HOSTS.map((h) => `\`${h}\``).join(', ')});`,
    '   - a feed known from the integrations registry (option `knownFeeds`: name on the firewall, or URL; credentials and',
    '     query ignored when comparing URLs);',
    `   - the vendor feed mechanism in words: ${re(MECHANISM_WORDS)}, or a program that only runs it`,
    '     (`rc.update_urltables`, `pfblockerng`, `update_tables.py`).',
    '',
    '   So a DNS failure for the vendor\'s own update service, an NTP failure or an admin login refused with 401 is not a',
    '   feed failure; neither is the deletion of an alias that is not a known feed (pfSense `Deleted firewall alias`,',
    '   OPNsense `remove old alias`), nor an OPNsense DNS error `[for <alias>]` of a host alias.',
    '',
    '## Precedence',
    '',
    'When a line matches several rows, the winner is chosen in this order:',
    '',
    '1. vendor rows before generic rows (generic rows only refine a vendor `download_failed`, step 4 above);',
    '2. by event and cause, most specific first: `feed_removed`, `feed_disabled`, then `fetch_failed` by cause',
    `   (${FAILURE_CATEGORIES.map((c) => `\`${c}\``).join(' > ')}), then \`feed_changed\`, then \`fetch_succeeded\`;`,
    '3. higher confidence; 4. table order.',
    '',
    'Examples (tested in test/unit/classifier/classify.test.ts): `download failed: SSL certificate problem` → `tls_trust`;',
    '`failed: HTTP 401 after retry, connection timeout` → `credentials_invalid`; `HTTP 504 Gateway Timeout` →',
    '`endpoint_error`; PAN-OS `tls-edl-auth-failure` whose description says "authentication failed" stays `tls_trust`.',
    '',
    '## Facts the rules test',
    '',
    '| fact | FortiGate | PAN-OS | pfSense / OPNsense |',
    '| --- | --- | --- | --- |',
    '| `program` | — | — | `process.name`, lower-case; empty for a log-file line without a program |',
    '| `logid` | `event.code` (10 digits), else `fortinet.firewall.logid` | — | — |',
    '| `logdesc` | `rule.description`, else `fortinet.firewall.logdesc` | — | — |',
    '| `type` | `fortinet.firewall.type` | `panw.panos.type` | — |',
    '| `subtype` | `fortinet.firewall.subtype` | `panw.panos.sub_type` | — |',
    '| `eventid` | — | `event.code` (SYSTEM) | — |',
    '| `action` | `fortinet.firewall.action` | `panw.panos.cmd` (CONFIG) | `event.action` |',
    '| `cfgpath` | `fortinet.firewall.cfgpath` | `panw.panos.path` (CONFIG) | — |',
    '| `cfgattr` | `fortinet.firewall.cfgattr` | `panw.panos.after_change_detail` (CONFIG) | — |',
    '| text | `message` + `event.reason` + `status` + `desc` + URL | `panw.panos.description` (SYSTEM); path + change details (CONFIG) | `message` |',
    '| feed name | `fortinet.firewall.cfgobj` | `panw.panos.object.id`; last token of an `external-list` path | `*.url_table.alias`, `*.alias.name`, `pfsense.pfblockerng.header` |',
    '',
    '## HTTP status → cause',
    '',
    'Rows whose category is "by HTTP status" read the status from the text (or `http.response.status_code`); the',
    'confidence is the lower of the row\'s and this table\'s.',
    '',
    '| status | category | confidence | why |',
    '| --- | --- | --- | --- |',
  );
  HTTP_STATUS_CAUSES.forEach(({ range, cause }, i) => {
    const others = HTTP_STATUS_CAUSES.slice(0, i).some((e) => e.range[0] >= range[0] && e.range[1] <= range[1]);
    const r = range[0] === range[1] ? String(range[0]) : `${range[0]}–${range[1]}${others ? ' (others)' : ''}`;
    p(`| ${r} | ${cause.category} | ${cause.confidence} | ${cell(cause.note)} |`);
  });
  p('', '## curl error → cause (pfBlockerNG `cURL Error: N`)', '', '| errno | category | confidence | pfBlockerNG name |', '| --- | --- | --- | --- |');
  for (const [errno, cause] of Object.entries(CURL_ERRNO_CAUSES)) p(`| ${errno} | ${cause.category} | ${cause.confidence} | ${cell(cause.note)} |`);
  const other = causeOfCurlErrno(-1);
  p(`| other | ${other.category} | ${other.confidence} | |`, '');
  p(
    '## What each vendor can tell apart',
    '',
    '- **FortiGate**: one failure logid (22221) with an undocumented `reason`; the cause comes from the generic rows',
    '  reading that reason. Rows keyed on the logid are documented; the reason wordings are not.',
    '- **PAN-OS**: authentication failures have their own event ids (server = certificate: `tls_trust`; client =',
    '  credentials: `credentials_invalid`); other failures share one documented warning, with causes only in an',
    '  undocumented description.',
    '- **pfSense URL tables**: only HTTP errors. TLS, DNS, timeout and refused all log `status code 0` →',
    '  `download_failed` with confidence 0.5; the diagnosis tells them apart with the endpoint\'s pull records.',
    '  **pfBlockerNG** logs the curl error number and text, and the HTTP reason.',
    '- **OPNsense**: the HTTP code, or the Python exception text (TLS, DNS, timeout, refused). A body that is not an IP',
    '  list shows as DNS errors `[for <alias>]` (`invalid_format` for a known feed alias). `fetch alias url ... (lines: 0)`',
    '  is a success with 0 entries (an empty list is a valid answer).',
    '',
    '## Rules',
    '',
    'Wording: **verbatim** = the text keyed on is the vendor\'s format string or documented sentence; **documented** = ids',
    'and fields are documented, the text is not; **constructed** = a plausible shape, not confirmed.',
    '',
  );
  for (const table of RULE_TABLES) {
    p(`### ${table.title}`, '');
    const generic = table.tier === 'generic';
    p(
      `| rule | ${generic ? 'vendors | ' : ''}matches (structured, then text) | event | category | confidence | feed | wording | source |`,
      `| --- | ${generic ? '--- | ' : ''}--- | --- | --- | --- | --- | --- | --- |`,
    );
    for (const r of table.rules) {
      p(
        `| \`${r.id}\` | ${generic ? `${r.vendors.join(', ')} | ` : ''}${matches(r)} | ${r.event} | ${category(r)} | ${confidence(r)} | ${r.feed} | ${r.wording} | ${cell(r.source)} |`,
      );
    }
    p('');
  }
  p(
    '## Adding a wording',
    '',
    'A new wording is one new row in the vendor\'s table (`packages/classifier/src/rules/<vendor>.ts`) or in',
    '`generic.ts`: an id, the structured conditions, the pattern (named groups `name`, `url`, `entries`, `status`,',
    '`errno`), the event and category, a confidence, the feed scope, the wording status and the source. Add the line to',
    '`test/fixtures/classifier/<vendor>.jsonl` with its expected result and source, then run',
    '`npx tsx scripts/gen-classifier-docs.ts`.',
    '',
  );
  return out.join('\n');
}

function main(): void {
  const text = renderClassifierDocs();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(CLASSIFIER_DOCS_PATH, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      process.stderr.write('docs/classifier-rules.md is out of date: run npx tsx scripts/gen-classifier-docs.ts\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(CLASSIFIER_DOCS_PATH, text);
  process.stdout.write(`Wrote ${CLASSIFIER_DOCS_PATH}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
