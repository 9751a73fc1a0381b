export * from './to-document.js';
export * from './unpack-records.js';
export * from './ingest-records.js';
export * from './bus-dead-letters.js';
