import type { EcsDocument } from '@pullwatch/core';
import type { FactField } from './rules/types.js';
import type { ClassifierVendor } from './taxonomy.js';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** `event.module` of each decoder → the vendor whose rule table applies. */
export const MODULE_VENDOR: Readonly<Record<string, ClassifierVendor>> = {
  fortinet_fortigate: 'fortigate',
  panw: 'panos',
  pfsense: 'pfsense',
  opnsense: 'opnsense',
};

/**
 * What the rules see of one decoded line. This is the only place that knows the decoders'
 * field names (see rules/types.ts `FactField` for the table); every fact is a string ('' when
 * absent) so conditions never meet `undefined`.
 */
export interface LineFacts extends Record<FactField, string> {
  vendor: ClassifierVendor;
  /** The text vendor rules match: the message plus the vendor fields that carry the reason. */
  text: string;
  /** `text` with every `scheme://...` URL replaced by `<url>`: generic rules match this. */
  bare: string;
  /** HTTP status the decoder extracted (`http.response.status_code`). */
  status: number | undefined;
  /** Feed name from a structured field (alias, object, cfgobj...). */
  name: string | undefined;
  /** Feed URL from a structured field (`url.original`). */
  url: string | undefined;
  /** `url.domain`, lower-case. */
  domain: string | undefined;
}

const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s|"'()<>\]]+/gi;

function join(parts: Array<string | undefined>): string {
  let out = '';
  for (const p of parts) {
    if (p === undefined || p.length === 0) continue;
    out = out.length === 0 ? p : `${out} | ${p}`;
  }
  return out;
}

/** Last token of a PAN-OS configuration path (`vsys  vsys1 external-list  CrowdSec_BL` → `CrowdSec_BL`). */
function lastPathToken(path: string): string | undefined {
  const parts = path.trim().split(/\s+/);
  const i = parts.indexOf('external-list');
  return i >= 0 && i + 1 < parts.length ? parts[i + 1] : undefined;
}

/** Builds the facts of a line the pre-check selected. */
export function lineFacts(doc: EcsDocument, vendor: ClassifierVendor): LineFacts {
  const event = obj(doc.event) ?? {};
  const message = str(doc.message) ?? '';
  const url = obj(doc.url);
  const f: LineFacts = {
    vendor,
    program: '',
    logid: '',
    logdesc: '',
    type: '',
    subtype: '',
    eventid: '',
    action: '',
    cfgpath: '',
    cfgattr: '',
    text: message,
    bare: message,
    status: undefined,
    name: undefined,
    url: str(url?.original) ?? str(url?.full),
    domain: str(url?.domain)?.toLowerCase(),
  };
  const status = obj(obj(doc.http)?.response)?.status_code;
  if (typeof status === 'number') f.status = status;

  switch (vendor) {
    case 'fortigate': {
      const fw = obj(obj(doc.fortinet)?.firewall) ?? {};
      f.logid = str(event.code) ?? str(fw.logid) ?? '';
      f.logdesc = str(obj(doc.rule)?.description) ?? str(fw.logdesc) ?? '';
      f.type = str(fw.type) ?? '';
      f.subtype = str(fw.subtype) ?? '';
      f.action = str(fw.action) ?? str(event.action) ?? '';
      f.cfgpath = str(fw.cfgpath) ?? '';
      f.cfgattr = str(fw.cfgattr) ?? '';
      f.name = str(fw.cfgobj);
      // The reason of a threat-feed failure is in `reason` (event.reason after decoding), maybe `status` and `desc`.
      f.text = join([message || str(fw.msg), str(event.reason) ?? str(fw.reason), str(fw.status), str(fw.desc), str(fw.url), f.url]);
      break;
    }
    case 'panos': {
      const panos = obj(obj(doc.panw)?.panos) ?? {};
      f.type = str(panos.type) ?? '';
      f.subtype = str(panos.sub_type) ?? '';
      if (f.type === 'CONFIG') {
        f.action = str(panos.cmd) ?? '';
        f.cfgpath = str(panos.path) ?? '';
        f.cfgattr = str(panos.after_change_detail) ?? '';
        f.name = lastPathToken(f.cfgpath);
        f.text = join([f.cfgpath.trim(), str(panos.before_change_detail), f.cfgattr]);
      } else {
        f.eventid = str(event.code) ?? str(panos.event_id) ?? '';
        f.name = str(obj(panos.object)?.id) ?? str(panos.object);
        f.text = str(panos.description) ?? message;
      }
      break;
    }
    case 'pfsense':
    case 'opnsense': {
      f.program = str(obj(doc.process)?.name)?.toLowerCase() ?? '';
      f.action = str(event.action) ?? '';
      const ns = obj(doc[vendor]) ?? {};
      f.name =
        str(obj(ns.url_table)?.alias) ?? str(obj(ns.alias)?.name) ?? str(obj(ns.pfblockerng)?.header) ?? str(obj(ns.pfblockerng)?.alias);
      break;
    }
  }
  f.bare = f.text.indexOf('://') >= 0 ? f.text.replace(URL_IN_TEXT, '<url>') : f.text;
  return f;
}
