// Keeps each workspace's tsconfig "references" in line with its @pullwatch/* dependencies.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { relative, join } from 'node:path';

const dirs = ['packages', 'pipelines', 'services'].flatMap((g) => readdirSync(g).map((d) => join(g, d))).filter((d) => existsSync(join(d, 'package.json')));
const byName = new Map(dirs.map((d) => [JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).name, d]));
for (const d of dirs) {
  const pkg = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8'));
  const deps = Object.keys(pkg.dependencies ?? {}).filter((n) => byName.has(n));
  const tsPath = join(d, 'tsconfig.json');
  const ts = JSON.parse(readFileSync(tsPath, 'utf8'));
  ts.references = deps.map((n) => ({ path: relative(d, byName.get(n)) }));
  writeFileSync(tsPath, JSON.stringify(ts, null, 2) + '\n');
}
writeFileSync('tsconfig.json', JSON.stringify({ files: [], references: dirs.map((d) => ({ path: './' + d })) }, null, 2) + '\n');
