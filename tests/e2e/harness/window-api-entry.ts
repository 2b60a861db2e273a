import { buildTandemApi } from '../../../src/shared/ipc/api';

/**
 * The browser harness's stand-in for src/preload: it builds `window.tandem` with the same
 * `buildTandemApi` over a transport that reaches the real router through a Playwright binding.
 * Events arrive through `__tandemEmit`, which the fixture calls when the core's event bus emits.
 */
type Listener = (payload: unknown) => void;
interface HarnessWindow {
  top: unknown;
  tandem?: unknown;
  __tandemInvoke?: (name: string, payload: unknown) => Promise<unknown>;
  __tandemInvokeJson?: (name: string, json: string | undefined) => Promise<unknown>;
  __tandemEmit?: (name: string, payload: unknown) => void;
}

const w = globalThis as unknown as HarnessWindow;
// Like Electron's preload (no nodeIntegrationInSubFrames), only the top frame gets the API.
if (w.top === (globalThis as unknown)) {
  const listeners = new Map<string, Set<Listener>>();
  Object.defineProperty(w, '__tandemEmit', {
    value: (name: string, payload: unknown) => {
      for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
    },
  });
  const tandem = buildTandemApi({
    invoke: (name, payload) => {
      const invoke = w.__tandemInvokeJson;
      if (!invoke) return Promise.reject(new Error('The harness binding is missing.'));
      return invoke(name, payload === undefined ? undefined : JSON.stringify(payload));
    },
    subscribe: (name, listener) => {
      const set = listeners.get(name) ?? new Set<Listener>();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(w, 'tandem', { value: tandem, enumerable: true });
}
