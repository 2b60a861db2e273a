import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const root = resolve(__dirname, '../..');
const electronDir = join(root, 'node_modules/electron');
const mainEntry = join(root, 'out/main/index.js');

/**
 * Finds the Electron binary WITHOUT calling require('electron') first: on a machine without the
 * binary that require tries to download it. Returns the path, or why there is none.
 */
function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(join(electronDir, 'dist'))) {
    return {
      missing: `${join(electronDir, 'dist')} does not exist (installed with ELECTRON_SKIP_BINARY_DOWNLOAD)`,
    };
  }
  const path = createRequire(__filename)('electron') as unknown as string;
  return existsSync(path) ? { path } : { missing: `${path} does not exist` };
}

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.describe('the real Electron app', () => {
  test.skip(
    'missing' in binary,
    `Electron binary not installed on this machine: ${'missing' in binary ? binary.missing : ''}`,
  );
  test.skip(
    !('missing' in binary) && noDisplay,
    'No display: run under xvfb-run (Linux) to start the Electron window.',
  );

  let app: ElectronApplication;
  let page: Page;
  let profile: string;

  test.beforeAll(async () => {
    if (!existsSync(mainEntry) || !existsSync(join(root, 'out/preload/index.js'))) {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
        {
          cwd: root,
          stdio: 'inherit',
        },
      );
    }
    profile = mkdtempSync(join(tmpdir(), 'tandem-electron-'));
    app = await _electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [mainEntry],
      env: { ...process.env, TANDEM_USER_DATA_DIR: profile, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('the page has no Node, gets window.tandem only through the isolated bridge', async () => {
    const probe = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        ipcRenderer: typeof g.ipcRenderer,
        tandem: typeof g.tandem,
        frozen: Object.isFrozen(g.tandem),
        protocol: (g.location as { protocol: string }).protocol,
      };
    });
    // contextBridge refuses to expose anything without context isolation, so `tandem` proves it.
    expect(probe).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
      tandem: 'object',
      frozen: true,
      protocol: 'file:',
    });
  });

  test('the window is a 420-wide side panel whose renderer is sandboxed', async () => {
    const facts = await app.evaluate(({ BrowserWindow, app: electronApp }) => {
      const window = BrowserWindow.getAllWindows()[0];
      const pid = window?.webContents.getOSProcessId();
      const metric = electronApp.getAppMetrics().find((m) => m.pid === pid);
      return { bounds: window?.getBounds(), sandboxed: metric?.sandboxed ?? null, type: metric?.type };
    });
    expect(facts.bounds?.width).toBe(420);
    expect(facts.type).toBe('Tab');
    // getAppMetrics reports `sandboxed` on macOS and Windows only.
    if (process.platform !== 'linux') expect(facts.sandboxed).toBe(true);
  });

  test('CSP blocks eval, new windows are denied and navigation away is blocked', async () => {
    const before = page.url();
    const result = await page.evaluate(() => {
      let evalResult = 'allowed';
      try {
        (0, eval)('1');
      } catch {
        evalResult = 'blocked';
      }
      const open = (globalThis as unknown as { open(url: string): unknown }).open;
      const opened = open('https://example.com/');
      return { evalResult, opened: opened === null ? 'denied' : 'opened' };
    });
    expect(result).toEqual({ evalResult: 'blocked', opened: 'denied' });
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await expect.poll(() => page.url()).toBe(before);
  });

  test('a call through the real preload and ipcMain answers with the contract envelope', async () => {
    const answer = await page.evaluate(async () => {
      const api = (globalThis as unknown as { tandem: Record<string, (i?: unknown) => Promise<unknown>> })
        .tandem;
      return [await api.getAppInfo?.(), await api.updateSettings?.({ theme: 42 })];
    });
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(answer[0]).toMatchObject({ ok: true, data: { name: 'Tandem', shell: 'electron', version } });
    expect(answer[1]).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
