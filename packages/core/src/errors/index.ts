export * from './pullwatch-error.js';
export * from './decode-error.js';
export * from './config-error.js';
