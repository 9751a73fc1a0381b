import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_TABLES } from '@pullwatch/classifier';
import { CLASSIFIER_DOCS_PATH, renderClassifierDocs } from '../../../scripts/gen-classifier-docs.js';

describe('classifier > docs', () => {
  it('docs/classifier-rules.md is up to date (run npx tsx scripts/gen-classifier-docs.ts)', () => {
    expect(readFileSync(CLASSIFIER_DOCS_PATH, 'utf8')).toBe(renderClassifierDocs());
  });

  it('lists every rule of every table', () => {
    const doc = renderClassifierDocs();
    for (const table of RULE_TABLES) for (const rule of table.rules) expect(doc).toContain(`| \`${rule.id}\` |`);
  });
});
