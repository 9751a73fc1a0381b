// Regenerates the configuration table in README.md from the zod schema (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { settingsMarkdownTable } from '../packages/config/dist/index.js';

const START = '<!-- config-table:start -->';
const END = '<!-- config-table:end -->';
const readme = readFileSync('README.md', 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < a) throw new Error('README.md has no config-table markers');
writeFileSync('README.md', readme.slice(0, a + START.length) + '\n' + settingsMarkdownTable() + '\n' + readme.slice(b));
console.log('README.md configuration table updated.');
