export * from './types.js';
export * from './base-document.js';
export * from './registry.js';
export * from './vendor-detector.js';
export * from './decode-line.js';
