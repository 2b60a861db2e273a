import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type Rect } from '../settings/window-bounds';

/** Inputs that vary per launch; every security-relevant option is fixed inside the factory. */
export interface MainWindowOptionsInput {
  /** The folder holding the built main bundle (`out/main`), i.e. `__dirname` at runtime. */
  mainDir: string;
  bounds?: Rect;
  alwaysOnTop?: boolean;
  /** Background before the page paints, matched to the OS theme to avoid a white flash. */
  backgroundColor?: string;
}

/**
 * The copilot window's options, as a pure function so the security test reads the real values
 * the app uses. Follows Electron's security checklist: isolated, sandboxed renderer without Node,
 * web security on, no <webview>, and the one bundled preload as the only bridge.
 */
export function createMainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: input.bounds?.width ?? DEFAULT_WINDOW_SIZE.width,
    height: input.bounds?.height ?? DEFAULT_WINDOW_SIZE.height,
    ...(input.bounds ? { x: input.bounds.x, y: input.bounds.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Tandem',
    show: false,
    alwaysOnTop: input.alwaysOnTop ?? false,
    autoHideMenuBar: true,
    backgroundColor: input.backgroundColor ?? '#1e1f24',
    webPreferences: {
      preload: join(input.mainDir, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
