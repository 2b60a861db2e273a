import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildTandemApi } from '../shared/ipc/api';
import { callChannel, eventChannel } from '../shared/ipc/define';

/**
 * The only bridge between the sandboxed page and main. It exposes exactly the contract (one
 * function per call, one subscription per event) as `window.tandem`; ipcRenderer itself never
 * reaches the page, so a script injected into the page cannot send arbitrary channels.
 */
const api = buildTandemApi({
  invoke: (name, payload) => ipcRenderer.invoke(callChannel(name), payload),
  subscribe(name, listener) {
    const channel = eventChannel(name);
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
});

contextBridge.exposeInMainWorld('tandem', api);
