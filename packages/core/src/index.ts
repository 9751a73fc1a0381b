export * from './ecs.js';
export * from './errors/index.js';
