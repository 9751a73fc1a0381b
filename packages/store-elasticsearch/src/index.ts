export * from './elasticsearch-store.js';
export * from './firewall-template.js';
