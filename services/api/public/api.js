// @ts-check
/**
 * The page's calls to the API. URLs are relative to the page, so the page also works behind
 * a proxy that serves the API under a path prefix.
 */

/**
 * @param {string} path
 * @returns {Promise<any>}
 */
async function getJson(path) {
  let res;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (err) {
    throw new Error(`the API does not answer (${err instanceof Error ? err.message : String(err)})`);
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    const issues = Array.isArray(body?.issues) ? body.issues.map((/** @type {{path: string, message: string}} */ i) => `${i.path ? `${i.path}: ` : ''}${i.message}`) : [];
    throw new Error(`${path.split('?')[0]}: ${body?.error ?? `HTTP ${res.status}`}${issues.length ? ` (${issues.join('; ')})` : ''}`);
  }
  return body;
}

/**
 * `?a=1&b=2` of the parameters that are set.
 * @param {Record<string, string | number | undefined>} params
 */
function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** @param {{ vendor?: string, cause?: string }} filters */
export const getStatus = (filters) => getJson(`v1/status${query(filters)}`);

/** @param {{ vendor?: string, cause?: string }} filters */
export const getOpenAlerts = (filters) => getJson(`v1/alerts${query({ status: 'open', limit: 1000, ...filters })}`);

/** @param {string} id */
export const getDiagnosis = (id) => getJson(`v1/integrations/${encodeURIComponent(id)}/diagnosis`);

/** @param {string} id */
export const getTimeline = (id) => getJson(`v1/integrations/${encodeURIComponent(id)}/pulls/timeline`);
