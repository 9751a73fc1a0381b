export * from './ecs.js';
export * from './errors/index.js';
export * from './envelope.js';
