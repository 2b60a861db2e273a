import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { MessageInput } from '../../../shared/domain/context';
import { ENGINE_BUNDLED_PACKAGES } from '../bundled-packages';

const run = promisify(execFile);

/** Every installed package except the ones the app build compiles in: those stay `require`s, as in the app. */
function externalPackages(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (n) => !ENGINE_BUNDLED_PACKAGES.includes(n),
  );
  return names.flatMap((n) => [n, `${n}/*`]);
}

/** One fresh process: the engine loaded and created as the app does at start-up, then a corpus analysed. */
export interface FreshProcessRun {
  loadMs: number;
  createMs: number;
  readyMs: number;
  /** RSS after loading, creating and analysing the corpus, minus RSS before loading (both after a full GC). */
  rssGrowthMb: number;
  rssBeforeMb: number;
}

// Runs in the child: the corpus is read before the baseline so it does not count as engine memory.
const CHILD = `
const { readFileSync } = require('node:fs');
const [bundle, corpusFile, resourcesDir] = process.argv.slice(2);
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
globalThis.gc();
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const { createEngine } = require(bundle);
const t1 = performance.now();
const engine = createEngine({ resourcesDir });
const t2 = performance.now();
for (const m of corpus) engine.analyze(m);
globalThis.gc();
const rss1 = process.memoryUsage().rss;
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, createMs: t2 - t1, readyMs: t2 - t0,
  rssGrowthMb: (rss1 - rss0) / 1048576, rssBeforeMb: rss0 / 1048576 }));
`;

/**
 * Cold start and memory measured the way the app pays them: in a new Node process (the version the app's
 * main process runs), loading the engine compiled into one CommonJS file with its packages left to
 * `require` from node_modules, as the app build does. Measuring inside the benchmark's own process would
 * instead count the development loader compiling each TypeScript file on first import, and whatever the
 * benchmark itself already loaded. The bundle goes to node_modules/.cache so the `require`s of the packages left out resolve.
 */
export async function measureFreshProcesses(
  corpus: readonly MessageInput[],
  options: { runs: number; resourcesDir: string; repoRoot?: string },
): Promise<FreshProcessRun[]> {
  const { build } = await import('esbuild');
  const root = options.repoRoot ?? process.cwd();
  const dir = join(root, 'node_modules', '.cache', 'tandem-bench');
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, 'engine.cjs');
  await build({
    entryPoints: [resolve(__dirname, '..', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: externalPackages(root),
    outfile: bundle,
    logLevel: 'error',
  });
  const corpusFile = join(dir, 'corpus.json');
  writeFileSync(corpusFile, JSON.stringify(corpus));
  const child = join(dir, 'child.cjs');
  writeFileSync(child, CHILD);
  const runs: FreshProcessRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', child, bundle, corpusFile, options.resourcesDir],
      { cwd: root, maxBuffer: 1 << 20 },
    );
    runs.push(JSON.parse(stdout) as FreshProcessRun);
  }
  return runs;
}
