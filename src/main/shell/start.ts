import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, globalShortcut, session, type BrowserWindow } from 'electron';
import { createAppCore, type AppCore } from '../app/create-app-core';
import { createSecretStore } from '../secrets/create-secret-store';
import { loadKeytar } from '../secrets/keytar-store';
import { callNames } from '../../shared/ipc/api';
import {
  createExportPathChooser,
  createImportFileChooser,
  ElectronClipboard,
  electronNotifications,
  electronSafeStorage,
  electronShortcuts,
  openExternalUrl,
} from './adapters';
import { hardenSession } from './hardening';
import { bindIpc, deferredBus, deferredRouter } from './ipc-binding';
import { createMainWindow, showWindow, toggleWindow } from './main-window';
import { TandemTray } from './tray';

const log = (message: string): void => {
  console.log(`[tandem] ${message}`);
};

/**
 * The page the window loads: the electron-vite dev server in development, the built file
 * otherwise. This is also the only URL the IPC sender check and navigation guard accept.
 */
export function resolveAppUrl(mainDir: string): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev && !app.isPackaged) return dev;
  return pathToFileURL(join(mainDir, '../renderer/index.html')).href;
}

/** Handles that the single-instance handler and quit need. */
export interface RunningApp {
  core: AppCore;
  window(): BrowserWindow | null;
}

/**
 * Boots the app once Electron is ready. The hardened window and its IPC come up first, while the
 * secrets chain and the core services (knowledge, engine) load in parallel: the user sees Tandem
 * at once and the page's first calls resolve as soon as the core is ready.
 */
export async function startTandem(mainDir: string): Promise<RunningApp> {
  const userDataDir = app.getPath('userData');
  let window: BrowserWindow | null = null;
  let quitting = false;
  let ready: AppCore | null = null;
  app.on('before-quit', () => {
    quitting = true;
  });

  const coreReady = (async () => {
    const secrets = await createSecretStore({
      loadKeytar,
      safeStorage: electronSafeStorage,
      userDataDir,
      log,
    });
    log(`Secrets are kept in: ${secrets.backend}`);
    // Built apart from the call so optional ports features add later (export dialog) need no cast.
    const ports = {
      userDataDir,
      resourcesDir: app.isPackaged
        ? join(process.resourcesPath, 'resources')
        : join(app.getAppPath(), 'resources'),
      clipboard: new ElectronClipboard((e) => log(`Clipboard: ${String(e)}`)),
      secrets,
      notifications: electronNotifications,
      shell: 'electron' as const,
      appVersion: app.getVersion(),
      platform: process.platform,
      openExternal: openExternalUrl,
      shortcuts: electronShortcuts,
      chooseExportPath: createExportPathChooser(() => window),
      chooseImportFiles: createImportFileChooser(() => window),
    };
    return createAppCore(ports);
  })();

  hardenSession(session.defaultSession);
  const appUrl = resolveAppUrl(mainDir);
  const router = deferredRouter(
    callNames,
    coreReady.then((core) =>
      core.createRouter([appUrl], (name, error) => log(`Call ${name} failed: ${String(error)}`)),
    ),
  );
  const unbind = bindIpc(router, deferredBus(coreReady.then((core) => core.bus)), () =>
    window ? [window] : [],
  );

  const [core, createdWindow] = await Promise.all([
    coreReady,
    createMainWindow({
      mainDir,
      userDataDir,
      appUrl,
      alwaysOnTop: false,
      onVisibility: (visible) => ready?.bus.emit('onDidChangeWindowVisibility', { visible }),
      isQuitting: () => quitting,
      log,
    }).then((created) => (window = created)),
  ]);
  ready = core;
  createdWindow.setAlwaysOnTop(core.settings.get().window.alwaysOnTop);

  const toggleClipboardWatching = (): void => {
    const enabled = core.settings.get().clipboard.enabled;
    core.settings.update({ clipboard: { enabled: !enabled } }).catch((e: unknown) => log(String(e)));
  };
  const tray = new TandemTray({
    isWindowVisible: () => !!window && window.isVisible(),
    toggleWindow: () => toggleWindow(window),
    toggleClipboardWatching,
    quit: () => app.quit(),
  });
  tray.update(core.settings.get());
  const refreshTray = (): void => tray.update(core.settings.get());
  createdWindow.on('show', refreshTray);
  createdWindow.on('hide', refreshTray);

  core.context.actions.set('toggleWindow', () => toggleWindow(window));
  if (!core.context.actions.has('analyzeClipboard')) {
    core.context.actions.set('analyzeClipboard', () => showWindow(window));
  }
  const offSettings = core.settings.onDidChange((settings) => {
    tray.update(settings);
    if (window && !window.isDestroyed()) window.setAlwaysOnTop(settings.window.alwaysOnTop);
  });

  app.on('will-quit', () => {
    offSettings();
    unbind();
    tray.destroy();
    globalShortcut.unregisterAll();
    void core.dispose();
  });
  return { core, window: () => window };
}
