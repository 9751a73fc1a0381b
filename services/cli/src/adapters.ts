import type { Config } from '@pullwatch/config';
import { KafkaBus } from '@pullwatch/bus-kafka';
import { ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import type { Logger } from '@pullwatch/telemetry';

/** The distributed adapter set: the only place where configuration meets Kafka and Elasticsearch. */
export function kafkaBus(config: Config, logger: Logger): KafkaBus {
  return new KafkaBus({
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    logger,
    connectTimeoutMs: config.kafka.connectTimeoutMs,
    topicPartitions: config.kafka.topicPartitions,
    topicReplication: config.kafka.topicReplication,
    sessionTimeoutMs: config.worker.sessionTimeoutMs,
  });
}

export function elasticsearchStore(config: Config, logger: Logger): ElasticsearchStore {
  const es = config.elasticsearch;
  return new ElasticsearchStore({
    url: es.url,
    logger,
    firewallStream: es.firewallStream,
    pullsStream: es.pullsStream,
    alertsIndex: es.alertsIndex,
    integrationsIndex: es.integrationsIndex,
    bulkMaxDocs: es.bulkMaxDocs,
    bulkMaxRetries: es.bulkMaxRetries,
    requestTimeoutMs: es.requestTimeoutMs,
    ...(es.username ? { username: es.username } : {}),
    ...(es.password ? { password: es.password.reveal() } : {}),
    ...(es.apiKey ? { apiKey: es.apiKey.reveal() } : {}),
    ...(es.caFile ? { caFile: es.caFile } : {}),
  });
}
