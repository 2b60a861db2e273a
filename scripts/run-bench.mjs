// `npm run bench`: runs every bench/*.bench.ts with tsx, one after another so figures are not
// disturbed by each other, and prints their output. Exits non-zero if a benchmark failed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

const files = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
  : [];
if (files.length === 0) {
  console.log('No benchmarks yet (bench/*.bench.ts).');
  process.exit(0);
}

const failed = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const code = await new Promise((done) => {
    const child = spawn(process.execPath, [tsx, join('bench', file)], { cwd: root, stdio: 'inherit' });
    child.on('close', (c, signal) => done(c ?? (signal ? 1 : 0)));
    child.on('error', () => done(1));
  });
  if (code !== 0) failed.push(`${file} (exit ${code})`);
}
console.log(
  `\nbench: ${files.length - failed.length} of ${files.length} ran${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
);
process.exitCode = failed.length ? 1 : 0;
