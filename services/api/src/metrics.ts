import { Counter, Histogram, type Registry } from '@pullwatch/telemetry';

export interface ApiMetrics {
  requests: Counter<'method' | 'route' | 'status_code'>;
  duration: Histogram<'method' | 'route'>;
  pullsAccepted: Counter;
  pullsRejected: Counter;
  externalAlerts: Counter;
}

export function apiMetrics(registry: Registry): ApiMetrics {
  const registers = [registry];
  return {
    requests: new Counter({ name: 'pullwatch_api_requests_total', help: 'HTTP requests answered, by route and status.', labelNames: ['method', 'route', 'status_code'], registers }),
    duration: new Histogram({
      name: 'pullwatch_api_request_duration_seconds',
      help: 'Time to answer a request, in seconds.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    pullsAccepted: new Counter({ name: 'pullwatch_api_pull_records_accepted_total', help: 'Pull records accepted by POST /v1/pulls.', registers }),
    pullsRejected: new Counter({ name: 'pullwatch_api_pull_records_rejected_total', help: 'Pull records refused by POST /v1/pulls (invalid, or refused by the store).', registers }),
    externalAlerts: new Counter({ name: 'pullwatch_api_external_alerts_total', help: 'External alerts annotated and stored by POST /v1/alerts.', registers }),
  };
}
