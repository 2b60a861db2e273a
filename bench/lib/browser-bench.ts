import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createAppCore, type AppCore } from '../../src/main/app/create-app-core';
import { MemoryClipboard } from '../../src/main/ports/clipboard';
import { RecordingNotifications } from '../../src/main/ports/notifications';
import { MemorySecretStore } from '../../src/main/ports/secret-store';
import { bundleWindowApi, rendererOutDir, repoRoot } from '../../tests/e2e/harness/build';
import { RENDERER_CSP } from '../../tests/e2e/harness/static-server';
import { Worker } from 'node:worker_threads';

/** Flags from playwright.config.ts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser harness for benchmarks: the built renderer in Chromium over a real app core. */
export interface BrowserBench {
  /** The current app core; {@link BrowserBench.reopenCore} replaces it. */
  readonly core: AppCore;
  /** The user-data folder the core runs over (kept after `close()` when given with `--user-data DIR`). */
  userDataDir: string;
  clipboard: MemoryClipboard;
  origin: string;
  browser: Browser;
  /** Gives a page `window.tandem` over the real router, as the e2e fixture does; `onCall` sees each call's main-side time. */
  bindPage(page: Page, onCall?: (name: string, ms: number, startedAt: number) => void): Promise<void>;
  /**
   * Disposes the core and creates a new one over the same user-data folder, as an app restart does:
   * the event store is opened afresh (empty SQLite cache). Bound pages call the new core.
   */
  reopenCore(): Promise<AppCore>;
  close(): Promise<void>;
}

/**
 * Sets the harness up once for a benchmark. The renderer is built into a folder private to this run (a
 * concurrent build cannot empty it mid-run) by the app's own build command in a child process, because
 * vite's resolver misbehaves under tsx's loader. `--renderer-dir DIR` serves an existing build and
 * `--skip-build` serves out/renderer as it is. `--user-data DIR` runs the core over DIR and keeps it
 * (e.g. a seeded event store reused between runs); otherwise a temporary folder is used and removed.
 */
export async function openBrowserBench(args: readonly string[], label: string): Promise<BrowserBench> {
  const windowApi = await bundleWindowApi();
  const dirArg = args.indexOf('--renderer-dir');
  let rendererDir = dirArg >= 0 ? resolve(args[dirArg + 1]!) : rendererOutDir;
  let builtDir: string | null = null;
  if (dirArg < 0 && !args.includes('--skip-build')) {
    builtDir = await mkdtemp(join(tmpdir(), `tandem-${label}-renderer-`));
    const built = spawnSync('npx', ['electron-vite', 'build', '--outDir', builtDir], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    if (built.status !== 0) throw new Error('electron-vite build failed; run it alone to see why');
    rendererDir = join(builtDir, 'renderer');
  }
  const server = await startWorkerStaticServer(rendererDir);
  const dataArg = args.indexOf('--user-data');
  const keepData = dataArg >= 0;
  const userDataDir = keepData
    ? resolve(args[dataArg + 1]!)
    : await mkdtemp(join(tmpdir(), `tandem-${label}-`));
  await mkdir(userDataDir, { recursive: true });
  const clipboard = new MemoryClipboard();
  const openCore = (): Promise<AppCore> =>
    createAppCore({
      userDataDir,
      resourcesDir: resolve(repoRoot, 'resources'),
      clipboard,
      secrets: new MemorySecretStore(),
      notifications: new RecordingNotifications(),
      shell: 'harness',
      appVersion: '0.0.0-bench',
      platform: process.platform,
      openExternal: async () => {},
    });
  let core = await openCore();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  let router = core.createRouter([`${server.origin}/`]);
  return {
    get core() {
      return core;
    },
    userDataDir,
    clipboard,
    origin: server.origin,
    browser,
    async bindPage(page, onCall) {
      const invoke = async (frameUrl: string, isMainFrame: boolean, name: string, payload: unknown) => {
        const startedAt = performance.timeOrigin + performance.now();
        const started = performance.now();
        const result = await router.handle(name, payload, { url: frameUrl, isMainFrame });
        onCall?.(name, performance.now() - started, startedAt);
        return result;
      };
      await page.exposeBinding('__tandemInvoke', (source, name: string, payload: unknown) =>
        invoke(source.frame.url(), source.frame === source.page.mainFrame(), name, payload),
      );
      // Payloads and results cross as JSON text. Electron's IPC copies them with the structured-clone
      // algorithm, about as fast as JSON; Playwright's binding would otherwise wrap every value of a
      // result in its own protocol objects, which costs 100-800 ms for the dashboard's 40 KB metrics
      // (measured) and would be charged to the app.
      await page.exposeBinding('__tandemInvokeWire', async (source, name: string, json: string | undefined) =>
        JSON.stringify(
          await invoke(
            source.frame.url(),
            source.frame === source.page.mainFrame(),
            name,
            json === undefined ? undefined : JSON.parse(json),
          ),
        ),
      );
      await page.addInitScript({
        content: `Object.defineProperty(window, '__tandemInvokeJson', {
          value: (name, json) => window.__tandemInvokeWire(name, json).then((text) => JSON.parse(text)),
        });`,
      });
      await page.addInitScript({ content: windowApi });
    },
    async reopenCore() {
      await core.dispose();
      core = await openCore();
      router = core.createRouter([`${server.origin}/`]);
      return core;
    },
    async close() {
      await browser.close();
      await core.dispose();
      await server.close();
      if (!keepData) await rm(userDataDir, { recursive: true, force: true });
      if (builtDir) await rm(builtDir, { recursive: true, force: true });
    },
  };
}

/**
 * The e2e static server's behaviour (same headers, same CSP, files under `root` only) on a worker thread.
 * Electron loads the renderer's files in the browser process, never behind main's JavaScript; served
 * from the bench's own thread, a chunk request would wait for every synchronous SQLite query the app
 * core runs meanwhile (measured: the dashboard chunk arrived only after getMetrics had finished).
 */
async function startWorkerStaticServer(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const { createServer } = require('node:http');
    const { createReadStream, statSync } = require('node:fs');
    const { extname, join, normalize, resolve, sep } = require('node:path');
    const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
      '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
      '.png': 'image/png', '.woff2': 'font/woff2' };
    const base = resolve(workerData.root);
    const server = createServer((req, res) => {
      const url = new URL(req.url || '/', 'http://127.0.0.1');
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = normalize(join(base, relative));
      let ok = file.startsWith(base + sep);
      try { ok = ok && statSync(file).isFile(); } catch { ok = false; }
      if (!ok) { res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'); return; }
      res.writeHead(200, {
        'content-type': types[extname(file)] || 'application/octet-stream',
        'content-security-policy': workerData.csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
    parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
    `,
    { eval: true, workerData: { root, csp: RENDERER_CSP } },
  );
  const port = await new Promise<number>((done, fail) => {
    worker.once('message', done);
    worker.once('error', fail);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      const exited = new Promise((done) => worker.once('exit', done));
      worker.postMessage('close');
      await exited;
    },
  };
}
