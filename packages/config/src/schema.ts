import { z } from 'zod';
import { bool, host, int, list, map, secret, str } from './fields.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export const logSchema = z
  .strictObject({
    level: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe("pullwatch's own log level (logs are ECS JSON on stdout)."),
  })
  .prefault({});

export const kafkaSchema = z
  .strictObject({
    brokers: list().default(['127.0.0.1:9092']).describe('Kafka bootstrap brokers, comma-separated host:port.'),
    clientId: str().default('pullwatch').describe('Kafka client id prefix.'),
    rawTopic: str().default('pullwatch.syslog.raw').describe('Topic of received syslog envelopes (key: sender address).'),
    deadLetterTopic: str().default('pullwatch.deadletter').describe('Topic of input that could not be parsed or indexed, with its reason.'),
    topicPartitions: int(1, 1000).default(6).describe('Partitions for topics pullwatch creates.'),
    topicReplication: int(1, 10).default(1).describe('Replication factor for topics pullwatch creates.'),
    connectTimeoutMs: int(100, 600_000).default(10_000).describe('Broker connection timeout, in milliseconds.'),
  })
  .prefault({});

export const elasticsearchSchema = z
  .strictObject({
    url: str().default('http://127.0.0.1:9200').describe('Elasticsearch URL.'),
    username: str().optional().describe('Basic-auth user name.'),
    password: secret().optional().describe('Basic-auth password (never logged).'),
    apiKey: secret().optional().describe('API key, base64 "id:key" (never logged).'),
    caFile: str().optional().describe('PEM file of the CA that signed the Elasticsearch certificate.'),
    firewallStream: str().default('logs-pullwatch.firewall-default').describe('Data stream of decoded firewall events.'),
    pullsStream: str().default('logs-pullwatch.pulls-default').describe("Data stream of the endpoint's pull records (one document per request a firewall made)."),
    alertsIndex: str().default('pullwatch-alerts').describe('Index of alerts with their diagnosis and history (document id: alert id).'),
    integrationsIndex: str().default('pullwatch-integrations').describe('Index of the integrations registry (document id: integration id).'),
    bulkMaxDocs: int(1, 100_000).default(2000).describe('Largest bulk request, in documents.'),
    bulkMaxRetries: int(0, 100).default(8).describe('Retries of a 429/5xx bulk item, with exponential backoff, before it is dead-lettered.'),
    requestTimeoutMs: int(100, 600_000).default(30_000).describe('Request timeout, in milliseconds.'),
  })
  .prefault({});

const udpSchema = z
  .strictObject({
    enabled: bool().default(true).describe('Listen for syslog over UDP.'),
    host: host().default('0.0.0.0').describe('UDP bind address.'),
    port: int(0, 65535).default(5514).describe('UDP port (0: any free port).'),
    recvBufferBytes: int(64 * KiB, 1024 * MiB)
      .default(4 * MiB)
      .describe('Kernel receive buffer (SO_RCVBUF) in bytes; the kernel caps it at net.core.rmem_max.'),
  })
  .prefault({});

const tcpSchema = z
  .strictObject({
    enabled: bool().default(true).describe('Listen for syslog over TCP (RFC 6587, octet-counting or LF framing, detected per connection).'),
    host: host().default('0.0.0.0').describe('TCP bind address.'),
    port: int(0, 65535).default(5514).describe('TCP port (0: any free port).'),
    maxConnections: int(1, 100_000).default(1000).describe('Concurrent TCP/TLS connections accepted.'),
    idleTimeoutMs: int(0, 86_400_000).default(0).describe('Close a connection idle this long, in milliseconds (0: never).'),
  })
  .prefault({});

const tlsSchema = z
  .strictObject({
    enabled: bool().default(false).describe('Listen for syslog over TLS (RFC 5425); needs certFile and keyFile.'),
    host: host().default('0.0.0.0').describe('TLS bind address.'),
    port: int(0, 65535).default(6514).describe('TLS port (0: any free port).'),
    certFile: str().optional().describe('PEM certificate (chain) of the TLS listener.'),
    keyFile: str().optional().describe('PEM private key of the TLS listener.'),
    caFile: str().optional().describe('PEM CA bundle; with requestClientCert, clients must present a certificate it signed.'),
    requestClientCert: bool().default(false).describe('Require client certificates (mutual TLS).'),
    handshakeTimeoutMs: int(100, 600_000).default(10_000).describe('Bounds how long a client may take to finish the TLS handshake, in milliseconds.'),
  })
  .prefault({});

export const receiverSchema = z
  .strictObject({
    udp: udpSchema,
    tcp: tcpSchema,
    tls: tlsSchema,
    maxMessageBytes: int(480, 16 * MiB)
      .default(64 * KiB)
      .describe('Largest syslog message, in bytes; longer ones are cut to this size and flagged truncated.'),
    batchMaxMessages: int(1, 100_000).default(256).describe('Messages of one sender packed into one Kafka record, at most.'),
    batchMaxBytes: int(1 * KiB, 900 * KiB)
      .default(256 * KiB)
      .describe("Bytes of one packed Kafka record, at most; below Kafka's default message.max.bytes (1 MiB), which refuses larger batches for good."),
    batchMaxAgeMs: int(1, 60_000).default(50).describe('Longest a message waits to be packed, in milliseconds.'),
    maxPendingBytes: int(1 * MiB, 4096 * MiB)
      .default(64 * MiB)
      .describe('Bytes received but not yet acknowledged by Kafka; above it TCP reads pause and UDP datagrams are dropped (counted).'),
    httpHost: host().default('127.0.0.1').describe('Address of the health and metrics endpoint.'),
    httpPort: int(0, 65535).default(9464).describe('Port of the health (/healthz) and Prometheus metrics (/metrics) endpoint (0: any free port).'),
  })
  .prefault({});

export const workerSchema = z
  .strictObject({
    groupId: str().default('pullwatch-worker').describe('Kafka consumer group of the workers.'),
    httpHost: host().default('127.0.0.1').describe('Address of the health and metrics endpoint.'),
    httpPort: int(0, 65535).default(9465).describe('Port of the health (/healthz) and Prometheus metrics (/metrics) endpoint (0: any free port).'),
    sessionTimeoutMs: int(6000, 600_000).default(30_000).describe('Kafka consumer session timeout, in milliseconds.'),
  })
  .prefault({});

const vendorEnum = z.enum(['auto', 'fortigate', 'panos', 'pfsense', 'opnsense']);

export const decodeSchema = z
  .strictObject({
    timezone: str().optional().describe('Time zone of devices whose timestamps carry none (IANA name or ±hh:mm); default UTC.'),
    timezoneBySender: map(z.string().min(1))
      .default({})
      .describe('Time zone per sender address, e.g. "192.0.2.1=Europe/Paris,192.0.2.2=-05:00"; wins over decode.timezone.'),
    vendorBySender: map(vendorEnum)
      .default({})
      .describe('Vendor per sender address, e.g. "192.0.2.1=fortigate"; wins over detection (auto).'),
    vendorByListener: map(vendorEnum)
      .default({})
      .describe('Vendor per receiver listener (udp, tcp, tls), e.g. "tls=panos"; used when the sender has none.'),
  })
  .prefault({});

export const classifySchema = z
  .strictObject({
    endpointHosts: list()
      .default(['admin.api.crowdsec.net'])
      .describe('Host names of the blocklist endpoint: a failure naming one of them is a blocklist-feed failure.'),
  })
  .prefault({});

/** Pull-record fields that `pulls.fieldMap` can map from an existing access-log index. */
export const PULL_FIELD_NAMES = ['timestamp', 'integrationId', 'sourceIp', 'status', 'path', 'method', 'bytes', 'userAgent'] as const;

export const pullsSchema = z
  .strictObject({
    topic: str().default('pullwatch.pulls.raw').describe('Kafka topic of pull records (NDJSON, or a JSON array, per record).'),
    sourceIndex: str()
      .optional()
      .describe("Index pattern of the endpoint's own access logs already in Elasticsearch, read as pull records (unset: no such source)."),
    fieldMap: map(z.string().min(1))
      .default({
        timestamp: '@timestamp',
        integrationId: 'labels.integration_id',
        sourceIp: 'source.ip',
        status: 'http.response.status_code',
        path: 'url.path',
        method: 'http.request.method',
        bytes: 'http.response.body.bytes',
        userAgent: 'user_agent.original',
      })
      .superRefine((m, ctx) => {
        for (const key of Object.keys(m)) {
          if (!(PULL_FIELD_NAMES as readonly string[]).includes(key)) {
            ctx.addIssue({ code: 'custom', path: [key], message: `unknown pull field "${key}" (known: ${PULL_FIELD_NAMES.join(', ')})` });
          }
        }
      })
      .describe(
        'Field of pulls.sourceIndex (dotted path) holding each pull-record field, e.g. "sourceIp=client.ip,integrationId=labels.integration_id"; a key given replaces its default, the others keep theirs. Defaults (ECS): timestamp=@timestamp, integrationId=labels.integration_id, sourceIp=source.ip, status=http.response.status_code, path=url.path, method=http.request.method, bytes=http.response.body.bytes, userAgent=user_agent.original.',
      ),
    integrationIdPattern: str()
      .default('/integrations/([^/]+)/')
      .describe('Regular expression whose first group takes the integration id from the path, for documents of pulls.sourceIndex without the integrationId field.'),
    pollIntervalMs: int(100, 86_400_000).default(30_000).describe('How often pulls.sourceIndex is read for new documents, in milliseconds.'),
    sourceLagMs: int(0, 86_400_000)
      .default(120_000)
      .describe('Each read of pulls.sourceIndex starts this long before the newest document already read, in milliseconds, to catch late documents (re-read records are deduplicated by their id).'),
    sourceBatchSize: int(1, 10_000).default(1000).describe('Documents of pulls.sourceIndex read per request.'),
  })
  .prefault({});

export const apiSchema = z
  .strictObject({
    host: host().default('127.0.0.1').describe('Address the HTTP API listens on.'),
    port: int(0, 65535).default(8080).describe('Port of the HTTP API: /v1/*, /healthz and /metrics (0: any free port).'),
    bodyLimitBytes: int(1 * KiB, 1024 * MiB)
      .default(1 * MiB)
      .describe('Largest JSON request body, in bytes; a larger one is answered 413.'),
    pullsBodyLimitBytes: int(1 * KiB, 1024 * MiB)
      .default(16 * MiB)
      .describe('Largest NDJSON body of POST /v1/pulls, in bytes; a larger one is answered 413.'),
    pullsBatchRecords: int(1, 100_000).default(1000).describe('Pull records of one POST /v1/pulls written (or published) per batch.'),
    pullsTo: z
      .enum(['bus', 'store'])
      .default('bus')
      .describe('Where accepted pull records go: bus publishes them to pulls.topic for the workers; store writes them straight into elasticsearch.pullsStream.'),
    requestTimeoutMs: int(1000, 600_000).default(60_000).describe('Longest a request may take, in milliseconds, before the connection is closed.'),
  })
  .prefault({});

export const correlatorSchema = z
  .strictObject({
    intervalMs: int(1000, 86_400_000).default(60_000).describe('How often every integration is diagnosed, in milliseconds.'),
    shards: int(1, 10_000)
      .default(16)
      .describe('Integrations are cut into this many shards, one job each per interval, spread over the correlators; every correlator must use the same value.'),
    offlineAfterMs: int(60_000, 90 * 86_400_000)
      .default(86_400_000)
      .describe('An integration without a successful pull for this long is offline and gets an alert, in milliseconds (24 h).'),
    lookbackMs: int(60_000, 365 * 86_400_000)
      .default(7 * 86_400_000)
      .describe('How far back pulls and firewall events are searched for evidence, in milliseconds (7 days).'),
    attempts: int(1, 100).default(3).describe('Tries of one shard job (the first one included) before it fails; retries back off exponentially.'),
    backoffMs: int(10, 3_600_000).default(1000).describe('Delay before the first retry of a failed shard job, in milliseconds; doubles per retry.'),
    concurrency: int(1, 1000).default(4).describe('Shard jobs one correlator runs at the same time.'),
    redisUrl: str().default('redis://127.0.0.1:6379').describe('Redis of the job schedules (BullMQ), redis://host:port[/db] or rediss:// for TLS; put the password in correlator.redisPassword.'),
    redisPassword: secret().optional().describe('Redis password (never logged).'),
    queuePrefix: str().default('pullwatch').describe('Prefix of the Redis keys of the job queues; correlators that share the work use the same one.'),
    lockDurationMs: int(1000, 3_600_000)
      .default(30_000)
      .describe('A running job whose correlator stopped renewing its lock this long (crash, frozen process) is taken over by another, in milliseconds.'),
    stalledIntervalMs: int(500, 3_600_000).default(30_000).describe('How often correlators look for jobs of crashed correlators, in milliseconds.'),
    httpHost: host().default('127.0.0.1').describe('Address of the health and metrics endpoint.'),
    httpPort: int(0, 65535).default(9466).describe('Port of the health (/healthz) and Prometheus metrics (/metrics) endpoint (0: any free port).'),
  })
  .prefault({});

const isHttpUrl = (s: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

/**
 * A URL that may carry credentials (`https://user:password@host/...`): `reveal()`
 * gives it whole; `toString()`/`toJSON()` (config show, logs) give it with the
 * user and password replaced by `[redacted]`.
 */
export class CredentialUrl {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return this.#value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1[redacted]@');
  }
  toJSON(): string {
    return this.toString();
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `CredentialUrl(${this.toString()})`;
  }
}

const httpUrl = () =>
  z
    .preprocess((v) => (v instanceof CredentialUrl ? v.reveal() : v), str().refine(isHttpUrl, 'must be an http(s) URL'))
    .transform((s) => new CredentialUrl(s));

const webhookSchema = z.strictObject({
  url: httpUrl().describe('URL the alert changes are POSTed to; user:password in it are sent as basic auth.'),
  secret: secret().describe('Key of the X-Pullwatch-Signature HMAC-SHA256 of each body (never logged).'),
});

export const alertsSchema = z
  .strictObject({
    topic: str().default('pullwatch.alerts').describe('Kafka topic of alert changes: JSON { change, alert }, key the integration id.'),
    webhooks: z
      .preprocess((v) => {
        if (typeof v !== 'string') return v;
        try {
          return JSON.parse(v) as unknown;
        } catch {
          return v;
        }
      }, z.array(webhookSchema))
      .default([])
      .describe('Webhooks, each { url, secret } (config file: a list; environment: a JSON array). Each one gets every alert change.'),
    webhookUrls: z
      .preprocess(
        (v) => (Array.isArray(v) ? v.map((u) => (u instanceof CredentialUrl ? u.reveal() : u)) : v),
        list()
          .refine((urls) => urls.every(isHttpUrl), 'every URL must be an http(s) URL')
          .transform((urls) => urls.map((u) => new CredentialUrl(u))),
      )
      .default([])
      .describe('More webhook URLs, comma-separated, all signed with alerts.webhookSecret (the environment form of alerts.webhooks).'),
    webhookSecret: secret().optional().describe('Signing key of the alerts.webhookUrls webhooks (never logged).'),
    webhookTimeoutMs: int(100, 600_000).default(5000).describe('Longest one webhook request may take, in milliseconds.'),
    webhookMaxAttempts: int(1, 100).default(5).describe('Tries of one webhook delivery (the first included); network errors, timeouts, 408, 429 and 5xx are retried.'),
    webhookBackoffMs: int(10, 600_000).default(500).describe('Delay before the first retry of a webhook delivery, in milliseconds; doubles per retry (at most 30 s).'),
  })
  .prefault({});

export const embeddedSchema = z
  .strictObject({
    dataDir: str().default('./data').describe('Embedded mode: the folder of the SQLite database (created when missing); data survives a restart.'),
    busCapacityRecords: int(10, 10_000_000)
      .default(10_000)
      .describe('Embedded mode: records the in-process bus holds per topic before the receiver is slowed down (backpressure).'),
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    mode: z
      .enum(['embedded', 'distributed'])
      .default('distributed')
      .describe('distributed: Kafka, Elasticsearch and Redis; embedded: everything in one process.'),
    log: logSchema,
    kafka: kafkaSchema,
    elasticsearch: elasticsearchSchema,
    receiver: receiverSchema,
    worker: workerSchema,
    embedded: embeddedSchema,
    decode: decodeSchema,
    classify: classifySchema,
    pulls: pullsSchema,
    api: apiSchema,
    correlator: correlatorSchema,
    alerts: alertsSchema,
  })
  .superRefine((c, ctx) => {
    if (c.receiver.tls.enabled && (!c.receiver.tls.certFile || !c.receiver.tls.keyFile)) {
      ctx.addIssue({
        code: 'custom',
        path: ['receiver', 'tls', 'certFile'],
        message: 'receiver.tls.enabled is true: receiver.tls.certFile and receiver.tls.keyFile must both be set',
      });
    }
    if (c.receiver.batchMaxBytes > c.receiver.maxPendingBytes) {
      ctx.addIssue({
        code: 'custom',
        path: ['receiver', 'batchMaxBytes'],
        message: `receiver.batchMaxBytes (${c.receiver.batchMaxBytes}) must not exceed receiver.maxPendingBytes (${c.receiver.maxPendingBytes})`,
      });
    }
    if (c.alerts.webhookUrls.length > 0 && !c.alerts.webhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['alerts', 'webhookSecret'],
        message: `alerts.webhookUrls lists ${c.alerts.webhookUrls.length} URL(s): alerts.webhookSecret must be set to sign them`,
      });
    }
    if (c.correlator.intervalMs >= c.correlator.offlineAfterMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['correlator', 'intervalMs'],
        message: `correlator.intervalMs (${c.correlator.intervalMs}) must be lower than correlator.offlineAfterMs (${c.correlator.offlineAfterMs})`,
      });
    }
    if (c.correlator.lookbackMs < c.correlator.offlineAfterMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['correlator', 'lookbackMs'],
        message: `correlator.lookbackMs (${c.correlator.lookbackMs}) must be at least correlator.offlineAfterMs (${c.correlator.offlineAfterMs})`,
      });
    }
    if (c.elasticsearch.password && !c.elasticsearch.username) {
      ctx.addIssue({
        code: 'custom',
        path: ['elasticsearch', 'username'],
        message: 'elasticsearch.password is set: elasticsearch.username must be set too',
      });
    }
  });

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
