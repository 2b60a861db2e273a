import { defineConfig } from '@playwright/test';

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere (scripts/run-tests.mjs checks it exists). */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser e2e: the built renderer in a real Chromium, talking to the real app core through the
 * harness in tests/e2e/harness. No Electron binary is needed.
 */
export const config = defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/',
  globalSetup: './tests/e2e/harness/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Generous: a loaded 2-core CI machine runs the longest spec (several reloads) in well over 30 s.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 420, height: 780 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});

/** Playwright reads the config's default export (config files are exempt from the named-exports rule). */
export default config;
