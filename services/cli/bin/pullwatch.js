#!/usr/bin/env node
import { main } from '../dist/index.js';

main(process.argv).catch((err) => {
  process.stderr.write(`pullwatch: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
