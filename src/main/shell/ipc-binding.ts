import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { callChannel, eventChannel } from '../../shared/ipc/define';
import type { EventBus } from '../ipc/event-bus';
import type { IpcRouter } from '../ipc/router';
import type { SenderInfo } from '../ipc/trust';

/**
 * What the router needs to know about the frame that sent a call. Only the top frame of our own
 * window counts as main frame: an iframe (even one from the same origin) is never trusted.
 */
export function senderInfoOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

/**
 * The only place main touches `ipcMain`: one handler per contract call, all going through the
 * router (sender check, payload validation, error envelope), and bus events forwarded to the
 * window. Returns a function that removes every handler again.
 */
export function bindIpc(
  router: IpcRouter,
  bus: Pick<EventBus, 'onDidEmit'>,
  windows: () => readonly BrowserWindow[],
): () => void {
  for (const name of router.callNames) {
    ipcMain.handle(callChannel(name), (event, payload: unknown) =>
      router.handle(name, payload, senderInfoOf(event)),
    );
  }
  const off = bus.onDidEmit((name, payload) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
    }
  });
  return () => {
    for (const name of router.callNames) ipcMain.removeHandler(callChannel(name));
    off();
  };
}

/**
 * A router that waits for the core: the window (and its IPC) comes up at once while services
 * (knowledge, engine, keychain probe) are still loading, so the user sees Tandem immediately and
 * early calls simply resolve when the core is ready.
 */
export function deferredRouter(callNames: IpcRouter['callNames'], ready: Promise<IpcRouter>): IpcRouter {
  return { callNames, handle: async (name, payload, sender) => (await ready).handle(name, payload, sender) };
}

/** Bus subscriptions made before the core exists attach once it does. */
export function deferredBus(ready: Promise<Pick<EventBus, 'onDidEmit'>>): Pick<EventBus, 'onDidEmit'> {
  return {
    onDidEmit(listener) {
      let off: (() => void) | null = null;
      let cancelled = false;
      ready.then(
        (bus) => {
          if (!cancelled) off = bus.onDidEmit(listener);
        },
        () => undefined,
      );
      return () => {
        cancelled = true;
        off?.();
      };
    },
  };
}
