import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsMarkdownTable } from '@pullwatch/config';

describe('config > README', () => {
  it('shows the configuration table generated from the schema (run `npm run docs:config` after changing a setting)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.split('<!-- config-table:start -->')[1]?.split('<!-- config-table:end -->')[0]?.trim();
    expect(table).toBe(settingsMarkdownTable());
  });
});
