import { isAbsolute } from 'node:path';
import { app } from 'electron';
import { showWindow } from './shell/main-window';
import { startTandem, type RunningApp } from './shell/start';

/**
 * Entry point of the main process. One instance only: a second launch (say from the dock while
 * the panel is hidden in the tray) focuses the running one instead of fighting over the clipboard
 * and the settings file.
 */
// A separate profile folder (tests, a trainer's second profile). Set before the single-instance
// lock, which is per profile folder.
const profileDir = process.env.TANDEM_USER_DATA_DIR;
if (profileDir && isAbsolute(profileDir)) app.setPath('userData', profileDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every renderer sandboxed, including any a future feature might create.
  app.enableSandbox();
  let running: RunningApp | null = null;
  app.on('second-instance', () => showWindow(running?.window() ?? null));
  // Closing the window hides it to the tray; only Quit ends the app.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => showWindow(running?.window() ?? null));
  app
    .whenReady()
    .then(async () => {
      running = await startTandem(__dirname);
    })
    .catch((error: unknown) => {
      console.error('[tandem] failed to start', error);
      app.exit(1);
    });
}
