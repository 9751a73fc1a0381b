import { settings } from './load-config.js';

const show = (v: unknown): string => {
  if (v === undefined) return '';
  if (Array.isArray(v)) return '`' + v.join(',') + '`';
  return '`' + String(v) + '`';
};

/** The configuration table as Markdown (the README's table is generated from it). */
export function settingsMarkdownTable(): string {
  const rows = settings().map(
    (s) => `| \`${s.path}\` | \`${s.env}\` | ${s.type} | ${show(s.defaultValue)} | ${s.description.replace(/\|/g, '\\|')} |`,
  );
  return ['| setting | environment variable | type | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
