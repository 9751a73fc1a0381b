import type { Config } from '@pullwatch/config';
import { runDiagnosis, type RunDiagnosisResult } from '@pullwatch/diagnose';
import type { AlertSink, AlertStore, EvidenceSource, IntegrationRegistry, Scheduler } from '@pullwatch/ports';
import { Counter, Gauge, Histogram, createRegistry, startHealthServer, type HealthServer, type HealthStatus, type Logger, type Registry } from '@pullwatch/telemetry';

/** The schedule name in the scheduler (BullMQ queue `<prefix>:diagnosis`). */
export const DIAGNOSIS_SCHEDULE = 'diagnosis';

export interface CorrelatorDeps {
  scheduler: Scheduler;
  registry: IntegrationRegistry;
  evidence: EvidenceSource;
  alerts: AlertStore;
  /** Where alert changes go (Kafka topic, webhooks). */
  sink: AlertSink;
  /** The time of each run; tests pass a fake clock instead of waiting hours. @defaultValue () => new Date() */
  clock?: () => Date;
  /** Prometheus registry served on /metrics (share it with the alert sinks); a new one when absent. */
  metrics?: Registry;
  /** Extra health details and verdict, e.g. the scheduler's Redis connection. */
  health?: () => HealthStatus | Promise<HealthStatus>;
}

export interface CorrelatorHandle {
  health: HealthServer;
  registry: Registry;
  /** Results of the last run of each shard, for tests and diagnostics. */
  lastRuns(): ReadonlyMap<number, { at: string; result?: RunDiagnosisResult; error?: string }>;
  /** Stops this correlator's share of the work (the schedule stays for the others) and its health endpoint. */
  stop(): Promise<void>;
}

/**
 * Starts a correlator: registers the diagnosis of each shard of the
 * integrations on the scheduler, every `correlator.intervalMs`
 * (`runDiagnosis` with the threshold `correlator.offlineAfterMs` and the
 * look-back `correlator.lookbackMs`); alerts are opened, updated and resolved
 * in the alert store and published to the sink. Several correlators on the
 * same scheduler share the shards (each shard runs on one of them per tick).
 * Serves /healthz (503 when the last run of a shard failed, or the
 * scheduler's health says so) and /metrics on `correlator.httpHost:httpPort`.
 * A failed run throws, so the scheduler retries it with back-off.
 */
export async function startCorrelator(config: Config, deps: CorrelatorDeps, logger: Logger): Promise<CorrelatorHandle> {
  const c = config.correlator;
  const log = logger.child({ component: 'correlator' });
  const clock = deps.clock ?? (() => new Date());
  const registry = deps.metrics ?? createRegistry('correlator');
  const registers = [registry];
  const m = {
    runs: new Counter({ name: 'pullwatch_correlator_runs_total', help: 'Diagnosis runs (one shard each) that finished.', registers }),
    failures: new Counter({ name: 'pullwatch_correlator_run_failures_total', help: 'Diagnosis runs that failed (they are retried).', registers }),
    lastRun: new Gauge({ name: 'pullwatch_correlator_last_run_timestamp_seconds', help: 'When a diagnosis run last finished.', registers }),
    duration: new Histogram({
      name: 'pullwatch_correlator_run_duration_seconds',
      help: 'Time of one diagnosis run (one shard), in seconds.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    integrations: new Counter({ name: 'pullwatch_correlator_integrations_checked_total', help: 'Integrations checked, summed over runs.', registers }),
    alerts: new Counter({ name: 'pullwatch_correlator_alerts_total', help: 'Alert changes made by diagnosis runs.', labelNames: ['change'], registers }),
    statuses: new Gauge({ name: 'pullwatch_correlator_integrations', help: 'Integrations by status at their shard’s last run.', labelNames: ['status', 'shard'], registers }),
  };
  const last = new Map<number, { at: string; result?: RunDiagnosisResult; error?: string }>();

  const job = async (shard: number): Promise<void> => {
    const now = clock();
    const started = performance.now();
    try {
      const result = await runDiagnosis({
        registry: deps.registry,
        evidence: deps.evidence,
        alerts: deps.alerts,
        sink: deps.sink,
        now,
        thresholdMs: c.offlineAfterMs,
        lookbackMs: c.lookbackMs,
        shard: { index: shard, count: c.shards },
        logger: log,
      });
      m.runs.inc();
      m.lastRun.set(Date.now() / 1000);
      m.integrations.inc(result.checked);
      for (const change of ['opened', 'updated', 'resolved'] as const) if (result[change]) m.alerts.inc({ change }, result[change]);
      for (const status of ['online', 'degraded', 'offline'] as const) m.statuses.set({ status, shard: String(shard) }, result[status]);
      last.set(shard, { at: now.toISOString(), result });
    } catch (err) {
      m.failures.inc();
      last.set(shard, { at: now.toISOString(), error: err instanceof Error ? err.message : String(err) });
      log.warn({ err, shard }, 'Diagnosis run failed.');
      throw err;
    } finally {
      m.duration.observe((performance.now() - started) / 1000);
    }
  };

  await deps.scheduler.every(DIAGNOSIS_SCHEDULE, { intervalMs: c.intervalMs, shards: c.shards, attempts: c.attempts }, job);

  const health = await startHealthServer({
    host: c.httpHost,
    port: c.httpPort,
    registry,
    health: async () => {
      const failing = [...last].filter(([, r]) => r.error !== undefined).map(([shard, r]) => ({ shard, error: r.error }));
      const extra = deps.health ? await deps.health() : { ok: true };
      return { ...extra, ok: failing.length === 0 && extra.ok, shards_run: last.size, failing };
    },
  });
  log.info(
    { interval_ms: c.intervalMs, shards: c.shards, offline_after_ms: c.offlineAfterMs, lookback_ms: c.lookbackMs, http: health.address() },
    'Correlator started.',
  );

  let stopping: Promise<void> | undefined;
  return {
    health,
    registry,
    lastRuns: () => last,
    stop: () =>
      (stopping ??= (async () => {
        log.info('Correlator stopping.');
        await deps.scheduler.close();
        await health.close();
        log.info('Correlator stopped.');
      })()),
  };
}
