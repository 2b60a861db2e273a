import { join } from 'node:path';
import {
  app,
  clipboard,
  dialog,
  globalShortcut,
  Notification,
  safeStorage,
  shell,
  type BrowserWindow,
} from 'electron';
import type { ClipboardPort } from '../ports/clipboard';
import type { NotificationPort } from '../ports/notifications';
import type { SafeStorageLike } from '../secrets/safe-storage-store';
import type { ShortcutRegistrar } from '../app/shortcut-service';

/**
 * Electron's clipboard behind the synchronous port the services use. Electron 45's clipboard API
 * is promise-based, so the adapter answers with the text from the latest completed read and
 * starts the next one: the watcher polls every few hundred milliseconds, so it sees a copy one
 * poll later at worst. Writes update the cached text at once so our own write is never re-read.
 */
export class ElectronClipboard implements ClipboardPort {
  private last = '';
  private reading = false;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {
    this.refresh();
  }

  private refresh(): void {
    if (this.reading) return;
    this.reading = true;
    Promise.resolve(clipboard.readText())
      .then((text) => {
        this.last = text;
      })
      .catch(this.onError)
      .finally(() => {
        this.reading = false;
      });
  }

  readText(): string {
    this.refresh();
    return this.last;
  }

  writeText(text: string): void {
    this.last = text;
    Promise.resolve(clipboard.writeText(text)).catch(this.onError);
  }
}

/** Desktop notifications; silently skipped where the OS has no notification service. */
export const electronNotifications: NotificationPort = {
  notify(title, body) {
    if (!Notification.isSupported()) return;
    new Notification({ title, body, silent: true }).show();
  },
};

/** safeStorage as the secrets fallback sees it (backend name on Linux only). */
export const electronSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  getSelectedStorageBackend: () =>
    process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os',
  encryptString: (s) => safeStorage.encryptString(s),
  decryptString: (b) => safeStorage.decryptString(b),
};

/** Global shortcuts. `register` returns false when another app holds the combination. */
export const electronShortcuts: ShortcutRegistrar = {
  register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
  unregister: (accelerator) => globalShortcut.unregister(accelerator),
};

/**
 * Opens an https URL in the user's browser. Only ever called by the openExternal handler after
 * security/external-links.ts accepted the URL (https, allow-listed host, no credentials).
 */
export const openExternalUrl = (url: string): Promise<void> =>
  shell.openExternal(url, { activate: true }); /* eng-disable OPEN_EXTERNAL_JS_CHECK */

/**
 * The open dialog for importing agents' exports (several at once). Main reads only files the
 * supervisor picked here. Resolves to [] when they cancel.
 */
export function createImportFileChooser(window: () => BrowserWindow | null): () => Promise<string[]> {
  return async () => {
    const options = {
      title: 'Import Tandem records',
      defaultPath: app.getPath('downloads'),
      properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
      filters: [
        { name: 'Tandem exports (JSON Lines)', extensions: ['jsonl', 'ndjson', 'json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const parent = window();
    const result =
      parent && !parent.isDestroyed()
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
}

/**
 * The save dialog for supervisor exports: the user picks the path, so main never writes customer
 * data anywhere they did not choose. Resolves to null when they cancel.
 */
export function createExportPathChooser(
  window: () => BrowserWindow | null,
): (format: 'jsonl' | 'csv') => Promise<string | null> {
  return async (format) => {
    const stamp = new Date().toISOString().slice(0, 10);
    const options = {
      title: 'Export Tandem records',
      defaultPath: join(app.getPath('documents'), `tandem-records-${stamp}.${format}`),
      filters: [{ name: format === 'csv' ? 'CSV' : 'JSON Lines', extensions: [format] }],
    };
    const parent = window();
    const result =
      parent && !parent.isDestroyed()
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
