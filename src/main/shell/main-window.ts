import { BrowserWindow, nativeTheme } from 'electron';
import { WindowStateStore } from '../settings/window-bounds';
import { hardenWindow } from './hardening';
import { createMainWindowOptions } from './window-options';
import { initialBounds, trackWindowState } from './window-state';

/** Everything the window needs from the boot code, passed in so the window module owns no globals. */
export interface MainWindowDeps {
  mainDir: string;
  userDataDir: string;
  appUrl: string;
  alwaysOnTop: boolean;
  /** Called on show/hide; the boot code forwards it as onDidChangeWindowVisibility. */
  onVisibility(visible: boolean): void;
  /** True once the user chose Quit: then closing really closes instead of hiding to the tray. */
  isQuitting(): boolean;
  log(message: string): void;
}

/**
 * Creates the copilot side panel: hardened, placed where it was on this monitor, hidden to the
 * tray on close (agents keep it running all shift), and announcing visibility so the assist panel
 * can stop streaming drafts nobody sees.
 */
export async function createMainWindow(deps: MainWindowDeps): Promise<BrowserWindow> {
  const store = new WindowStateStore(deps.userDataDir);
  const state = await store.load();
  // Static scanners cannot see through the factory call below: createMainWindowOptions sets
  // contextIsolation, sandbox, nodeIntegration=false, webSecurity, no webview and disables Auxclick,
  // and tests/unit/shell/security.test.ts asserts each of them on the real factory.
  const options = createMainWindowOptions({
    mainDir: deps.mainDir,
    bounds: initialBounds(state),
    alwaysOnTop: deps.alwaysOnTop,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1f24' : '#f7f7f8',
  });
  // prettier-ignore
  const window = new BrowserWindow(options); /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK NODE_INTEGRATION_JS_CHECK */
  hardenWindow(window, deps.appUrl, deps.log);
  trackWindowState(window, store, state);

  window.on('close', (event) => {
    if (deps.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  const announce = (visible: boolean) => () => deps.onVisibility(visible);
  window.on('show', announce(true));
  window.on('hide', announce(false));
  window.on('minimize', announce(false));
  window.on('restore', announce(true));
  window.once('ready-to-show', () => window.show());

  await window.loadURL(deps.appUrl);
  return window;
}

/** Shows and focuses the window, or hides it when it is already in front. */
export function toggleWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isVisible() && window.isFocused() && !window.isMinimized()) {
    window.hide();
    return;
  }
  showWindow(window);
}

/** Brings the window to the front (second instance, tray, shortcut). */
export function showWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
