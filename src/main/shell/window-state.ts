import { screen, type BrowserWindow, type Display } from 'electron';
import {
  chooseBounds,
  rememberBounds,
  type DisplayInfo,
  type Rect,
  type WindowState,
  type WindowStateStore,
} from '../settings/window-bounds';

const toInfo = (d: Display): DisplayInfo => ({ id: d.id, workArea: d.workArea });

/** Where the window should open, from the saved per-display bounds and the monitors connected now. */
export function initialBounds(state: WindowState): Rect {
  return chooseBounds(state, screen.getAllDisplays().map(toInfo), toInfo(screen.getPrimaryDisplay()));
}

/**
 * Saves the window's bounds for the display it is on whenever the user moves or resizes it
 * (debounced, so a drag writes once), and once more on close. Placement logic lives in
 * settings/window-bounds.ts so it is tested without Electron.
 */
export function trackWindowState(window: BrowserWindow, store: WindowStateStore, initial: WindowState): void {
  let state = initial;
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isMinimized() || window.isMaximized() || window.isFullScreen()) return;
    const bounds = window.getBounds();
    state = rememberBounds(state, toInfo(screen.getDisplayMatching(bounds)), bounds);
    store.save(state).catch(() => undefined);
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('moved', later);
  window.on('resized', later);
  window.on('close', save);
}
