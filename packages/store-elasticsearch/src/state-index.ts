import { errors, type Client } from '@elastic/elasticsearch';
import { PullwatchError } from '@pullwatch/core';
import { stateIndexTemplate } from './alerts-template.js';

/**
 * Installs the template of a state index (template name = index name) and
 * creates the index, so that reads before the first write find it empty
 * rather than missing. Idempotent.
 */
export async function installStateIndex(client: Client, index: string, fields: Record<string, unknown>, description: string): Promise<void> {
  try {
    await client.indices.putIndexTemplate({ name: index, ...(stateIndexTemplate({ index, fields, description }) as object) } as never);
    await client.indices.create({ index }, { ignore: [400] });
  } catch (err) {
    throw new PullwatchError(`installing index ${index}: ${err instanceof Error ? err.message : String(err)}`, 'es_unavailable', {
      retriable: isTransientError(err),
      cause: err,
    });
  }
}

/** A request that failed for a reason that may pass (connection, timeout, overload). */
export function isTransientError(err: unknown): boolean {
  if (err instanceof errors.ConnectionError || err instanceof errors.TimeoutError || err instanceof errors.NoLivingConnectionsError) return true;
  return err instanceof errors.ResponseError && [429, 500, 502, 503, 504].includes(err.statusCode ?? 0);
}

/** Wraps a failed request into a PullwatchError naming what was being done. */
export function requestError(doing: string, err: unknown): PullwatchError {
  const reason =
    err instanceof errors.ResponseError
      ? (((err.meta.body as { error?: { type?: string; reason?: string } } | undefined)?.error?.reason ?? err.message) as string)
      : err instanceof Error
        ? err.message
        : String(err);
  return new PullwatchError(`${doing}: ${reason}`, 'es_unavailable', { retriable: isTransientError(err), cause: err });
}

/** True for a 404 answer (missing document or index). */
export const isNotFound = (err: unknown): boolean => err instanceof errors.ResponseError && err.statusCode === 404;

/**
 * Indexes documents by id in one bulk request (replacing existing ones) and
 * resolves with each item's result; throws naming the first item that failed.
 */
export async function bulkIndex(
  client: Client,
  index: string,
  docs: ReadonlyArray<{ id: string; doc: unknown }>,
  refresh: boolean | 'wait_for',
  what: string,
): Promise<Array<'created' | 'updated'>> {
  if (docs.length === 0) return [];
  let resp;
  try {
    resp = await client.bulk({ refresh, operations: docs.flatMap((d) => [{ index: { _index: index, _id: d.id } }, d.doc]) });
  } catch (err) {
    throw requestError(`storing ${docs.length} ${what}`, err);
  }
  const failed = resp.items.findIndex((i) => i.index?.error);
  if (failed >= 0) {
    const e = resp.items[failed]!.index!.error!;
    throw new PullwatchError(`storing ${what} ${docs[failed]!.id}: ${e.type}: ${e.reason ?? ''}`, 'es_bulk_item', {
      retriable: [429, 500, 502, 503, 504].includes(resp.items[failed]!.index!.status),
    });
  }
  return resp.items.map((i) => (i.index?.result === 'created' ? 'created' : 'updated'));
}
