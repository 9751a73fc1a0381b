export * from './fields.js';
export * from './schema.js';
export * from './settings.js';
export * from './load-config.js';
export * from './settings-table.js';
