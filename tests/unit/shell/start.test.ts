import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as KeytarStore from '../../../src/main/secrets/keytar-store';
import type { RunningApp } from '../../../src/main/shell/start';
import { callNames } from '../../../src/shared/ipc/api';
import { callChannel, eventChannel } from '../../../src/shared/ipc/define';

/**
 * The Electron boot sequence (src/main/shell/start.ts) run against a recording stand-in for the
 * `electron` module: proves the pieces are wired together (window options, IPC, tray, shortcuts,
 * hide-on-close, visibility events, always-on-top) without an Electron binary.
 */
const fx = vi.hoisted(() => {
  /** A minimal event emitter (vi.hoisted runs before imports, so node:events is not available yet). */
  class Emitter {
    private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    on(name: string, listener: (...args: never[]) => void) {
      this.listeners.set(name, [
        ...(this.listeners.get(name) ?? []),
        listener as (...args: unknown[]) => void,
      ]);
      return this;
    }
    once(name: string, listener: (...args: never[]) => void) {
      const wrapped = (...args: unknown[]) => {
        this.listeners.set(
          name,
          (this.listeners.get(name) ?? []).filter((l) => l !== wrapped),
        );
        (listener as (...args: unknown[]) => void)(...args);
      };
      return this.on(name, wrapped);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of [...(this.listeners.get(name) ?? [])]) listener(...args);
      return true;
    }
  }
  const state = {
    userData: '',
    windows: [] as FakeWindow[],
    handlers: new Map<string, (event: unknown, payload: unknown) => unknown>(),
    shortcuts: new Map<string, () => void>(),
    trayMenus: [] as { label?: string; click?: () => void }[][],
    sessionHandlers: {} as Record<string, unknown>,
    app: new Emitter(),
  };
  class FakeWindow extends Emitter {
    options: Record<string, unknown>;
    visible = false;
    alwaysOnTop: boolean;
    loaded: string | null = null;
    sent: [string, unknown][] = [];
    mainFrame = { url: '' };
    webContents = {
      mainFrame: this.mainFrame,
      setWindowOpenHandler: () => undefined,
      on: () => undefined,
      send: (channel: string, payload: unknown) => this.sent.push([channel, payload]),
    };
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      this.alwaysOnTop = options.alwaysOnTop as boolean;
      state.windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded = url;
      this.mainFrame.url = url;
      this.emit('ready-to-show');
    }
    show() {
      this.visible = true;
      this.emit('show');
    }
    hide() {
      this.visible = false;
      this.emit('hide');
    }
    focus() {}
    restore() {}
    isVisible() {
      return this.visible;
    }
    isFocused() {
      return this.visible;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isFullScreen() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    getBounds() {
      return { x: 1000, y: 50, width: 420, height: 780 };
    }
    setAlwaysOnTop(on: boolean) {
      this.alwaysOnTop = on;
    }
    close() {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      this.emit('close', event);
      return event.defaultPrevented;
    }
  }
  return { state, FakeWindow };
});

vi.mock('electron', () => {
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const app = Object.assign(fx.state.app, {
    getPath: () => fx.state.userData,
    getAppPath: () => process.cwd(),
    getVersion: () => '9.8.7',
    isPackaged: false,
    quit: () => undefined,
  });
  return {
    app,
    BrowserWindow: fx.FakeWindow,
    nativeTheme: { shouldUseDarkColors: true },
    screen: {
      getAllDisplays: () => [display],
      getPrimaryDisplay: () => display,
      getDisplayMatching: () => display,
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => (fx.state.sessionHandlers.request = h),
        setPermissionCheckHandler: (h: unknown) => (fx.state.sessionHandlers.check = h),
        setDevicePermissionHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    ipcMain: {
      handle: (c: string, h: (e: unknown, p: unknown) => unknown) => fx.state.handlers.set(c, h),
      removeHandler: (c: string) => fx.state.handlers.delete(c),
    },
    globalShortcut: {
      register: (a: string, cb: () => void) => (fx.state.shortcuts.set(a, cb), true),
      unregister: (a: string) => fx.state.shortcuts.delete(a),
      unregisterAll: () => fx.state.shortcuts.clear(),
    },
    Tray: class {
      on() {}
      setToolTip() {}
      setContextMenu(menu: { label?: string; click?: () => void }[]) {
        fx.state.trayMenus.push(menu);
      }
      isDestroyed() {
        return false;
      }
      destroy() {}
    },
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromBitmap: () => ({}) },
    clipboard: { readText: async () => '', writeText: async () => undefined },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    safeStorage: { isEncryptionAvailable: () => false },
    shell: { openExternal: async () => undefined },
  };
});

vi.mock('../../../src/main/secrets/keytar-store', async (importOriginal) => ({
  ...(await importOriginal<typeof KeytarStore>()),
  loadKeytar: async () => {
    throw new Error('keytar not available in this test');
  },
}));

describe('startTandem (Electron boot wiring)', () => {
  let running: RunningApp;
  let window: InstanceType<typeof fx.FakeWindow>;

  beforeAll(async () => {
    fx.state.userData = mkdtempSync(join(tmpdir(), 'tandem-start-'));
    delete process.env.ELECTRON_RENDERER_URL;
    const { startTandem } = await import('../../../src/main/shell/start');
    running = await startTandem('/opt/Tandem/out/main');
    window = fx.state.windows[0] as InstanceType<typeof fx.FakeWindow>;
  });
  afterAll(async () => {
    fx.state.app.emit('will-quit');
    await running.core.dispose();
    // The window-state save on close is fire-and-forget; retry cleanup while it lands.
    rmSync(fx.state.userData, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });

  it('creates one hardened window from the factory and loads the built page', () => {
    expect(fx.state.windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window.options.webPreferences).toMatchObject({ preload: '/opt/Tandem/out/preload/index.js' });
    expect(window.loaded).toBe('file:///opt/Tandem/out/renderer/index.html');
    expect(window.visible).toBe(true);
    expect((fx.state.sessionHandlers.check as () => boolean)()).toBe(false);
  });

  it('serves every contract call over ipcMain, trusting only the app page main frame', async () => {
    expect([...fx.state.handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    const handler = fx.state.handlers.get(callChannel('getAppInfo'));
    const mainFrame = window.webContents.mainFrame;
    expect(await handler?.({ senderFrame: mainFrame, sender: window.webContents }, undefined)).toEqual({
      ok: true,
      data: { name: 'Tandem', version: '9.8.7', platform: process.platform, shell: 'electron' },
    });
    const iframe = { url: mainFrame.url };
    expect(await handler?.({ senderFrame: iframe, sender: window.webContents }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'untrusted_sender' },
    });
  });

  it('falls back from the keychain and says where secrets are kept', async () => {
    const status = await running.core.context.secrets.status();
    expect(status.backend).toBe('memory');
    expect(status.warning).toMatch(/kept in memory until Tandem quits/);
  });

  it('hides to the tray on close, announces visibility, and the toggle shortcut shows it again', () => {
    window.sent.length = 0;
    expect(window.close()).toBe(true);
    expect(window.visible).toBe(false);
    expect(window.sent).toContainEqual([eventChannel('onDidChangeWindowVisibility'), { visible: false }]);
    fx.state.shortcuts.get('CommandOrControl+Shift+Space')?.();
    expect(window.visible).toBe(true);
    expect(window.sent).toContainEqual([eventChannel('onDidChangeWindowVisibility'), { visible: true }]);
  });

  it('offers show/hide, pause clipboard watching and quit in the tray, and pausing updates settings', async () => {
    const menu = fx.state.trayMenus.at(-1) ?? [];
    expect(menu.map((i) => i.label).filter(Boolean)).toEqual([
      'Hide Tandem',
      'Pause clipboard watching',
      'Quit Tandem',
    ]);
    const changed = new Promise((resolve) => running.core.settings.onDidChange(resolve));
    menu[1]?.click?.();
    await changed;
    expect(running.core.settings.get().clipboard.enabled).toBe(false);
    expect(fx.state.trayMenus.at(-1)?.[1]?.label).toBe('Resume clipboard watching');
  });

  it('applies always-on-top from settings and re-registers shortcuts when they change', async () => {
    await running.core.settings.update({
      window: { alwaysOnTop: true },
      shortcuts: { toggleWindow: 'Alt+Space' },
    });
    expect(window.alwaysOnTop).toBe(true);
    expect(fx.state.shortcuts.has('Alt+Space')).toBe(true);
    expect(fx.state.shortcuts.has('CommandOrControl+Shift+Space')).toBe(false);
  });

  it('really closes once the user quits', () => {
    fx.state.app.emit('before-quit');
    expect(window.close()).toBe(false);
  });
});
