import type { EcsFragment } from '@pullwatch/core';
import { urlFields, vendorGroup, type ProgramContext } from './context.js';

/**
 * pfBlockerNG. Its syslog lines are coarse (`Firewall rule changes found, applying Filter Reload`);
 * its download results go to `/var/log/pfblockerng/pfblockerng.log` and `error.log`, which reach
 * us when a file shipper forwards them under a `pfblockerng` tag. Recognised there:
 *   `[ alias - header ] Download FAIL [ 01/02/24 10:11:12 ]`    → failure
 *   `[ header ]  Downloading update [ 01/02/24 10:11:12 ] .. completed ..` → success
 *   `. 401 Unauthorized` / `. Unknown Failure Code [n]`         → HTTP status
 *   `cURL Error: 60 [ ... ]`, `<curl text> |header|url| Retry [3] in 5 seconds...`
 *   `[PFB_FILTER - n] Failed or invalid Mime Type: [...]`       → invalid content
 */

const DOWNLOAD_FAIL = /\[\s*([^\]]+?)\s+-\s+([^\]]+?)\s*\]\s*Download FAIL/;
const DOWNLOADING = /\[\s*([^\]]+?)\s*\]\s*Downloading update/;
const HTTP_STATUS = /(?:^|\s)\.\s+(\d{3})\s+([A-Za-z][A-Za-z -]*)/;
const UNKNOWN_CODE = /Unknown Failure Code \[(\d+)\]/;
const CURL_ERRNO = /cURL Error:\s*(\d+)/;
const RETRY = /^\s*(.*?)\s*(?:\|([^|]*)\|([^|]*)\|)?\s*Retry \[(\d+)\]/;
const MIME = /Failed or invalid Mime Type|Invalid Mime-type/i;

export function parsePfblockerng(ctx: ProgramContext): EcsFragment {
  const text = ctx.line.body;
  const doc: EcsFragment = {};
  const pfb: Record<string, unknown> = {};
  const event: Record<string, unknown> = { category: ['network'] };
  let m: RegExpExecArray | null;
  if ((m = DOWNLOAD_FAIL.exec(text)) !== null) {
    pfb.alias = m[1]!;
    pfb.header = m[2]!;
    event.action = 'download-failed';
    event.outcome = 'failure';
  } else if ((m = DOWNLOADING.exec(text)) !== null) {
    pfb.header = m[1]!;
    event.action = 'download';
    if (/completed/.test(text)) event.outcome = 'success';
  }
  if ((m = UNKNOWN_CODE.exec(text)) !== null) {
    doc.http = { response: { status_code: Number(m[1]) } };
  } else if ((m = HTTP_STATUS.exec(text)) !== null) {
    const code = Number(m[1]);
    doc.http = { response: { status_code: code } };
    pfb.http_reason = m[2]!.trim();
    if (code >= 400) event.outcome = 'failure';
    else if (code >= 200 && code < 300 && event.outcome === undefined) event.outcome = 'success';
  }
  if ((m = CURL_ERRNO.exec(text)) !== null) {
    pfb.curl_errno = Number(m[1]);
    event.outcome = 'failure';
  }
  if ((m = RETRY.exec(text)) !== null) {
    if (m[1]!.length > 0) pfb.curl_error = m[1]!;
    if (m[2] !== undefined && m[2].length > 0) pfb.header = m[2];
    if (m[3] !== undefined && m[3].length > 0) doc.url = urlFields(m[3]);
    pfb.retry = Number(m[4]);
    event.outcome = 'failure';
  }
  if (MIME.test(text)) {
    event.action = 'invalid-mime-type';
    event.outcome = 'failure';
  }
  doc.event = event;
  vendorGroup(doc, ctx.ns, 'pfblockerng', pfb);
  return doc;
}
