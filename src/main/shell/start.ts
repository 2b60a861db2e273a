import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, globalShortcut, session, type BrowserWindow } from 'electron';
import { createAppCore, type AppCore } from '../app/create-app-core';
import { createSecretStore } from '../secrets/create-secret-store';
import { loadKeytar } from '../secrets/keytar-store';
import {
  createExportPathChooser,
  ElectronClipboard,
  electronNotifications,
  electronSafeStorage,
  electronShortcuts,
  openExternalUrl,
} from './adapters';
import { hardenSession } from './hardening';
import { bindIpc } from './ipc-binding';
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
 * Boots the app once Electron is ready: secrets chain, core services, hardened session and
 * window, IPC, tray, shortcuts. Everything not Electron-specific happens inside createAppCore.
 */
export async function startTandem(mainDir: string): Promise<RunningApp> {
  const userDataDir = app.getPath('userData');
  const secrets = await createSecretStore({
    loadKeytar,
    safeStorage: electronSafeStorage,
    userDataDir,
    log,
  });
  log(`Secrets are kept in: ${secrets.backend}`);
  let window: BrowserWindow | null = null;
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
  };
  const core = await createAppCore(ports);

  hardenSession(session.defaultSession);
  const appUrl = resolveAppUrl(mainDir);
  let quitting = false;
  const router = core.createRouter([appUrl], (name, error) => log(`Call ${name} failed: ${String(error)}`));
  const unbind = bindIpc(router, core.bus, () => (window ? [window] : []));

  window = await createMainWindow({
    mainDir,
    userDataDir,
    appUrl,
    alwaysOnTop: core.settings.get().window.alwaysOnTop,
    bus: core.bus,
    isQuitting: () => quitting,
    log,
  });

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
  window.on('show', refreshTray);
  window.on('hide', refreshTray);

  core.context.actions.set('toggleWindow', () => toggleWindow(window));
  if (!core.context.actions.has('analyzeClipboard')) {
    core.context.actions.set('analyzeClipboard', () => showWindow(window));
  }
  const offSettings = core.settings.onDidChange((settings) => {
    tray.update(settings);
    if (window && !window.isDestroyed()) window.setAlwaysOnTop(settings.window.alwaysOnTop);
  });

  app.on('before-quit', () => {
    quitting = true;
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
