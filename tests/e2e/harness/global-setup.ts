import { buildRenderer } from './build';

/**
 * Builds the renderer once per run (all workers serve the same output). Set
 * TANDEM_E2E_SKIP_BUILD=1 to reuse an existing out/renderer while iterating on specs.
 */
async function globalSetup(): Promise<void> {
  if (process.env.TANDEM_E2E_SKIP_BUILD === '1') return;
  const started = Date.now();
  await buildRenderer();
  console.log(`e2e: renderer built in ${Date.now() - started} ms`);
}

// Playwright loads global setup through the module's default export.
// eslint-disable-next-line no-restricted-syntax
export default globalSetup;
