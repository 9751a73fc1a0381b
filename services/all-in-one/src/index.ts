export * from './start-all-in-one.js';
