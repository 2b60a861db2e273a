import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Finds the shipped `resources/` folder. From source (tsx, vitest) and from the bundled main
 * process (out/main) it is found by walking up from this module or the working directory; the
 * packaged app passes its `process.resourcesPath`-based folder explicitly, and
 * `TANDEM_RESOURCES_DIR` lets support point a build at another copy. An explicit folder is never
 * second-guessed: a wrong one fails loudly instead of silently loading other data.
 */
export function resolveResourcesDir(explicit?: string, marker = 'intents'): string {
  if (explicit) {
    if (!existsSync(join(explicit, marker)))
      throw new Error(`No "${marker}" folder in resources dir ${explicit}`);
    return resolve(explicit);
  }
  const fromEnv = process.env.TANDEM_RESOURCES_DIR;
  if (fromEnv && existsSync(join(fromEnv, marker))) return resolve(fromEnv);
  const starts = [moduleDir(), process.cwd()].filter((s): s is string => typeof s === 'string');
  for (const start of starts) {
    const found = findUp(start, marker);
    if (found) return found;
  }
  throw new Error(
    `Cannot find a resources/${marker} folder above ${starts.join(' or ')}; pass resourcesDir or set TANDEM_RESOURCES_DIR`,
  );
}

function moduleDir(): string | undefined {
  // CommonJS (the bundled main process, tsx, Playwright) and vitest all provide __dirname; `import.meta`
  // would be a syntax error in the CommonJS builds, so the cwd is the only other start point.
  if (typeof __dirname === 'string') return __dirname;
  return undefined;
}

function findUp(start: string, marker: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, marker))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
