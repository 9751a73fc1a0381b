/**
 * Scheduler: runs the diagnosis periodically (BullMQ repeatable jobs on Redis
 * distributed, timers embedded).
 *
 * Inside the contract: `every` runs `job(shard)` for each shard 0..shards-1
 * about once per `intervalMs`, each shard on one process at a time even when
 * several processes share the schedule; a job that throws is retried (with
 * back-off) up to `attempts` times. Jobs must be idempotent: a job may run
 * twice (at-least-once).
 * Outside: exact timing (a run may start late), ordering between shards.
 */
export interface Scheduler {
  every(name: string, opts: { intervalMs: number; shards: number; attempts?: number }, job: (shard: number) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** The shard of an integration id (stable FNV-1a hash), so each correlator owns a share of the integrations. */
export function shardOf(id: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}
