export * from './bus.js';
export * from './event-store.js';
export * from './dead-letter.js';
