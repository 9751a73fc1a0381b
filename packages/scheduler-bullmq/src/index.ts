export * from './options.js';
export * from './bullmq-scheduler.js';
export { createRedisConnection, redactRedisUrl } from './redis-connection.js';
