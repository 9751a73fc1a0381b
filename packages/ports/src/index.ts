export * from './bus.js';
export * from './event-store.js';
export * from './dead-letter.js';
export * from './integration-registry.js';
export * from './evidence-source.js';
export * from './alert-store.js';
export * from './scheduler.js';
