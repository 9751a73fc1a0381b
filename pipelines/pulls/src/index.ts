export * from './normalise-pulls.js';
export * from './index-pulls.js';
export * from './handle-pull-records.js';
export * from './pull-consumer.js';
