export * from './start-correlator.js';
