import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, eventNames } from '../../../src/shared/ipc/api';
import { callChannel, eventChannel } from '../../../src/shared/ipc/define';

/** A stand-in for the parts of `electron` the preload and the IPC binding touch. */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const rendererListeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    handlers,
    rendererListeners,
    exposed: [] as [string, unknown][],
    invoked: [] as [string, unknown][],
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) =>
        handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
});

vi.mock('electron', () => ({
  ipcMain: electron.ipcMain,
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      electron.invoked.push([channel, payload]);
      return { ok: true, data: null };
    },
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
      const set = electron.rendererListeners.get(channel) ?? new Set();
      set.add(fn);
      electron.rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) =>
      electron.rendererListeners.get(channel)?.delete(fn),
  },
}));

describe('preload bridge', () => {
  beforeEach(() => {
    electron.exposed.length = 0;
    electron.invoked.length = 0;
    vi.resetModules();
  });

  it('exposes exactly the contract as window.tandem, never ipcRenderer', async () => {
    await import('../../../src/preload/index');
    expect(electron.exposed).toHaveLength(1);
    const [key, api] = electron.exposed[0] as [string, Record<string, unknown>];
    expect(key).toBe('tandem');
    expect(Object.keys(api).sort()).toEqual([...callNames, ...eventNames].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|send|invoke/i);
  });

  it('sends calls on the derived channel and unsubscribes event listeners', async () => {
    await import('../../../src/preload/index');
    const api = electron.exposed[0]?.[1] as Record<string, (arg?: unknown) => unknown>;
    await api.updateSettings?.({ theme: 'dark' });
    expect(electron.invoked).toEqual([[callChannel('updateSettings'), { theme: 'dark' }]]);
    const seen: unknown[] = [];
    const off = api.onDidChangeSettings?.((p: unknown) => seen.push(p)) as () => void;
    const channel = eventChannel('onDidChangeSettings');
    for (const fn of electron.rendererListeners.get(channel) ?? []) fn({}, { theme: 'dark' });
    off();
    expect(electron.rendererListeners.get(channel)?.size).toBe(0);
    expect(seen).toEqual([{ theme: 'dark' }]);
  });
});

describe('main IPC binding', () => {
  it('derives sender info from the frame: only the top frame counts as main frame', async () => {
    const { senderInfoOf } = await import('../../../src/main/shell/ipc-binding');
    const mainFrame = { url: 'file:///app/index.html' };
    const iframe = { url: 'file:///app/index.html' };
    const sender = { mainFrame };
    expect(senderInfoOf({ senderFrame: mainFrame, sender } as never)).toEqual({
      url: 'file:///app/index.html',
      isMainFrame: true,
    });
    expect(senderInfoOf({ senderFrame: iframe, sender } as never)).toMatchObject({ isMainFrame: false });
    expect(senderInfoOf({ senderFrame: null, sender } as never)).toEqual({
      url: undefined,
      isMainFrame: false,
    });
  });

  it('registers one handler per call through the router and forwards bus events to the window', async () => {
    const { bindIpc } = await import('../../../src/main/shell/ipc-binding');
    const { createEventBus } = await import('../../../src/main/ipc/event-bus');
    const handled: [string, unknown, unknown][] = [];
    const router = {
      callNames,
      handle: async (name: string, payload: unknown, sender: unknown) => {
        handled.push([name, payload, sender]);
        return { ok: true as const, data: null };
      },
    };
    const sent: [string, unknown][] = [];
    const window = {
      isDestroyed: () => false,
      webContents: { send: (c: string, p: unknown) => sent.push([c, p]) },
    };
    const bus = createEventBus();
    const unbind = bindIpc(router, bus, () => [window as never]);
    expect([...electron.handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    const frame = { url: 'file:///app/index.html' };
    await electron.handlers.get(callChannel('getSettings'))?.(
      { senderFrame: frame, sender: { mainFrame: frame } },
      7,
    );
    expect(handled).toEqual([['getSettings', 7, { url: 'file:///app/index.html', isMainFrame: true }]]);
    bus.emit('onDidChangeWindowVisibility', { visible: false });
    expect(sent).toEqual([[eventChannel('onDidChangeWindowVisibility'), { visible: false }]]);
    unbind();
    expect(electron.handlers.size).toBe(0);
    bus.emit('onDidChangeWindowVisibility', { visible: true });
    expect(sent).toHaveLength(1);
  });
});

describe('deferred router and bus (window up before the core)', () => {
  it('answers calls made before the core is ready once it is, and attaches early subscribers', async () => {
    const { deferredBus, deferredRouter } = await import('../../../src/main/shell/ipc-binding');
    const { createEventBus } = await import('../../../src/main/ipc/event-bus');
    let resolve: (router: { callNames: typeof callNames; handle: () => Promise<unknown> }) => void = () => {};
    const ready = new Promise<never>((r) => (resolve = r as never));
    const router = deferredRouter(callNames, ready);
    const early = router.handle('getAppInfo', undefined, { url: 'file:///a', isMainFrame: true });
    let settled = false;
    void early.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    resolve({ callNames, handle: async () => ({ ok: true, data: 'late' }) });
    expect(await early).toEqual({ ok: true, data: 'late' });

    const bus = createEventBus();
    const seen: unknown[] = [];
    let busReady: (b: typeof bus) => void = () => {};
    const deferred = deferredBus(new Promise((r) => (busReady = r)));
    deferred.onDidEmit((name) => seen.push(name));
    const cancelled = deferred.onDidEmit(() => seen.push('cancelled listener'));
    cancelled();
    busReady(bus);
    await Promise.resolve();
    await Promise.resolve();
    bus.emit('onDidChangeWindowVisibility', { visible: true });
    expect(seen).toEqual(['onDidChangeWindowVisibility']);
  });
});
