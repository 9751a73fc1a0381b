export * from './header/types.js';
