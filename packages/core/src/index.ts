export * from './ecs.js';
export * from './errors/index.js';
export * from './envelope.js';
export * from './integration.js';
export * from './pull-record.js';
export * from './diagnosis.js';
