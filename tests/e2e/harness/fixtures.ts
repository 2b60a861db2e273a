import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Frame, type Page } from '@playwright/test';
import { createAppCore, type AppCore } from '../../../src/main/app/create-app-core';
import type { IpcRouter } from '../../../src/main/ipc/router';
import { MemoryClipboard } from '../../../src/main/ports/clipboard';
import { RecordingNotifications } from '../../../src/main/ports/notifications';
import { MemorySecretStore } from '../../../src/main/ports/secret-store';
import type { EventName } from '../../../src/shared/ipc/api';
import type { IpcResult } from '../../../src/shared/ipc/result';
import { bundleWindowApi, repoRoot, servedRendererDir } from './build';
import { startStaticServer, type StaticServer } from './static-server';

/** One IPC exchange as the router saw it, so specs can assert on everything that crossed. */
export interface IpcExchange {
  name: string;
  payload: unknown;
  result: IpcResult<unknown>;
}

/** A real app core behind a browser page, with the test adapters specs drive and inspect. */
export interface Harness {
  core: AppCore;
  router: IpcRouter;
  clipboard: MemoryClipboard;
  secrets: MemorySecretStore;
  notifications: RecordingNotifications;
  userDataDir: string;
  /** Origin the app is served from (and the only one the router trusts). */
  origin: string;
  /** A same-origin page without the app, for frame tests. */
  frameUrl: string;
  /** Every call answered so far, in order. */
  exchanges: IpcExchange[];
  /** Every event pushed to the page, in order. */
  events: { name: EventName; payload: unknown }[];
  /** Opens the app and waits until it has drawn its navigation. */
  open(): Promise<void>;
  /**
   * Stand-in for the shell's open dialog: each entry is what the supervisor picks the next time it
   * opens (an empty list, or nothing queued, is a cancel).
   */
  importDialogAnswers: string[][];
}

type BindingSource = { frame: Frame; page: Page };

interface WorkerFixtures {
  server: StaticServer;
  windowApiScript: string;
}

interface HarnessGlobals {
  __tandemEmit?: (name: string, payload: unknown) => void;
}

/** Message written by the test runner when the core meets an unexpected error. */
const unexpected: string[] = [];

interface TestFixtures {
  harness: Harness;
  /** Raw content written to settings.json before the core starts (e.g. a corrupt file). */
  seedSettingsFile: string | undefined;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  seedSettingsFile: [undefined, { option: true }],
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const server = await startStaticServer(servedRendererDir());
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  windowApiScript: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      await use(await bundleWindowApi());
    },
    { scope: 'worker' },
  ],
  harness: async ({ page, server, windowApiScript, seedSettingsFile }, use) => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tandem-e2e-'));
    if (seedSettingsFile !== undefined) await writeFile(join(userDataDir, 'settings.json'), seedSettingsFile);
    const clipboard = new MemoryClipboard();
    const secrets = new MemorySecretStore();
    const notifications = new RecordingNotifications();
    const importDialogAnswers: string[][] = [];
    const core = await createAppCore({
      userDataDir,
      resourcesDir: resolve(repoRoot, 'resources'),
      clipboard,
      secrets,
      notifications,
      shell: 'harness',
      appVersion: '0.0.0-e2e',
      platform: process.platform,
      openExternal: async () => {},
      chooseImportFiles: async () => importDialogAnswers.shift() ?? [],
    });
    const router = core.createRouter([`${server.origin}/`], (name, error) => {
      unexpected.push(`${name}: ${String(error)}`);
    });
    const exchanges: IpcExchange[] = [];
    const events: Harness['events'] = [];

    const invoke = async (source: BindingSource, name: string, payload: unknown) => {
      const result = await router.handle(name, payload, {
        url: source.frame.url(),
        isMainFrame: source.frame === source.page.mainFrame(),
      });
      exchanges.push({ name, payload, result });
      return result;
    };
    await page.exposeBinding('__tandemInvoke', invoke);
    // The window API sends payloads as one JSON string: Playwright's argument serializer walks values
    // slowly (seconds for a 1 MB paste) where Electron's structured clone does not, and the tests are
    // about the app. Untrusted frames still go through the same sender check.
    await page.exposeBinding('__tandemInvokeJson', (source, name: string, json: string | undefined) =>
      invoke(source, name, json === undefined ? undefined : (JSON.parse(json) as unknown)),
    );
    await page.addInitScript({ content: windowApiScript });
    const offBus = core.bus.onDidEmit((name, payload) => {
      events.push({ name, payload });
      // A page mid-reload misses the event, as an Electron window would; it reads fresh state on load.
      page
        .evaluate(([n, p]) => (globalThis as unknown as HarnessGlobals).__tandemEmit?.(n, p), [
          name,
          payload,
        ] as const)
        .catch(() => {});
    });

    const harness: Harness = {
      core,
      router,
      clipboard,
      secrets,
      notifications,
      importDialogAnswers,
      userDataDir,
      origin: server.origin,
      frameUrl: server.frameUrl,
      exchanges,
      events,
      open: async () => {
        await page.goto(`${server.origin}/`);
        await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
      },
    };
    await use(harness);

    // Close the page first: a view still polling (the dashboard) must not call into a core being shut down.
    await page.close();
    offBus();
    await core.dispose();
    await rm(userDataDir, { recursive: true, force: true });
    expect(unexpected.splice(0), 'unexpected errors inside the app core').toEqual([]);
  },
});

export { expect };

/** Collects console errors and CSP violations so a spec can assert the page stayed clean. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
