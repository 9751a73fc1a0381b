export * from './header/types.js';
export * from './header/index.js';
export * from './framing/index.js';
