import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, RENDERER_DIR_ENV } from './build';

/**
 * Builds the renderer once per run (all workers serve the same output) into a folder private to the
 * run, so a concurrent `npm run build` or another test run rewriting out/renderer cannot pull files
 * from under the page. Set TANDEM_E2E_SKIP_BUILD=1 to serve the existing out/renderer instead.
 */
async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TANDEM_E2E_SKIP_BUILD === '1') return undefined;
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'tandem-e2e-renderer-'));
  await buildRenderer(dir);
  // Workers start after global setup and inherit this.
  process.env[RENDERER_DIR_ENV] = dir;
  console.log(`e2e: renderer built in ${Date.now() - started} ms`);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

// Playwright loads global setup through the module's default export.
// eslint-disable-next-line no-restricted-syntax
export default globalSetup;
