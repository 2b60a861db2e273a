import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, type AppPorts } from '../../../src/main/app/create-app-core';
import type { ShortcutRegistrar } from '../../../src/main/app/shortcut-service';
import { MemoryClipboard } from '../../../src/main/ports/clipboard';
import { RecordingNotifications } from '../../../src/main/ports/notifications';
import { MemorySecretStore } from '../../../src/main/ports/secret-store';
import type { SenderInfo } from '../../../src/main/ipc/trust';

const APP_URL = 'http://127.0.0.1:5173/';
const sender: SenderInfo = { url: `${APP_URL}index.html`, isMainFrame: true };

class FakeRegistrar implements ShortcutRegistrar {
  readonly held = new Map<string, () => void>();
  readonly taken = new Set<string>();
  register(accelerator: string, callback: () => void): boolean {
    if (accelerator.includes('Bad Key')) throw new Error('cannot parse');
    if (this.taken.has(accelerator)) return false;
    this.held.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
}

describe('createAppCore', () => {
  let dir: string;
  let core: AppCore;
  let ports: AppPorts;
  let opened: string[];
  let registrar: FakeRegistrar;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-core-'));
    opened = [];
    registrar = new FakeRegistrar();
    registrar.taken.add('CommandOrControl+Shift+P');
    ports = {
      userDataDir: dir,
      resourcesDir: join(__dirname, '../../../resources'),
      clipboard: new MemoryClipboard(),
      secrets: new MemorySecretStore(),
      notifications: new RecordingNotifications(),
      shell: 'harness',
      appVersion: '1.2.3',
      platform: 'linux',
      openExternal: async (url) => {
        opened.push(url);
      },
      shortcuts: registrar,
    };
    core = await createAppCore(ports);
  });
  afterEach(async () => {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves app info through the router', async () => {
    const router = core.createRouter([APP_URL]);
    expect(await router.handle('getAppInfo', undefined, sender)).toEqual({
      ok: true,
      data: { name: 'Tandem', version: '1.2.3', platform: 'linux', shell: 'harness' },
    });
  });

  it('persists a settings update and emits onDidChangeSettings', async () => {
    const seen: unknown[] = [];
    core.bus.onDidEmit((name, payload) => seen.push([name, payload]));
    const router = core.createRouter([APP_URL]);
    const result = await router.handle('updateSettings', { theme: 'dark' }, sender);
    expect(result.ok).toBe(true);
    expect(seen).toContainEqual(['onDidChangeSettings', expect.objectContaining({ theme: 'dark' })]);
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.theme).toBe('dark');
  });

  it('sets and clears a secret, emitting status but never the value', async () => {
    const seen: [string, unknown][] = [];
    core.bus.onDidEmit((name, payload) => seen.push([name, payload]));
    const router = core.createRouter([APP_URL]);
    const set = await router.handle('setSecret', { name: 'llm.apiKey', value: 'sk-very-secret' }, sender);
    expect(set).toMatchObject({ ok: true, data: { backend: 'memory', isSet: { 'llm.apiKey': true } } });
    expect(JSON.stringify(set)).not.toContain('sk-very-secret');
    expect(JSON.stringify(seen)).not.toContain('sk-very-secret');
    expect(seen.map(([n]) => n)).toContain('onDidChangeSecretStatus');
    expect(await ports.secrets.get('llm.apiKey')).toBe('sk-very-secret');
    const cleared = await router.handle('clearSecret', { name: 'llm.apiKey' }, sender);
    expect(cleared).toMatchObject({ ok: true, data: { isSet: { 'llm.apiKey': false } } });
  });

  it('writes the clipboard and remembers the text as its own', async () => {
    const router = core.createRouter([APP_URL]);
    await router.handle('writeClipboard', { text: 'Your refund is on its way.' }, sender);
    expect(ports.clipboard.readText()).toBe('Your refund is on its way.');
    expect(core.context.ownClipboardWrites.isOwnWrite('Your refund is on its way.')).toBe(true);
    expect(core.context.ownClipboardWrites.isOwnWrite('Where is my order?')).toBe(false);
  });

  it('opens allow-listed https links and refuses others with a plain reason', async () => {
    const router = core.createRouter([APP_URL]);
    const ok = await router.handle(
      'openExternal',
      { url: 'https://www.ups.com/track?tracknum=1Z999' },
      sender,
    );
    expect(ok).toEqual({ ok: true, data: { opened: true } });
    expect(opened).toEqual(['https://www.ups.com/track?tracknum=1Z999']);
    const bad = await router.handle('openExternal', { url: 'https://evil-ups.com/track' }, sender);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(opened).toHaveLength(1);
  });

  it('registers shortcuts from settings, reports refusals and re-registers on change', async () => {
    const status = core.context.shortcuts.status();
    expect(status.find((s) => s.action === 'toggleWindow')).toMatchObject({ registered: true, error: null });
    expect(status.find((s) => s.action === 'pauseClipboard')).toMatchObject({ registered: false });
    expect((ports.notifications as RecordingNotifications).sent.map((n) => n.body).join()).toContain(
      'CommandOrControl+Shift+P is taken',
    );
    const events: unknown[] = [];
    core.bus.onDidEmit((name, payload) => name === 'onDidChangeShortcutStatus' && events.push(payload));
    await core.settings.update({ shortcuts: { pauseClipboard: 'CommandOrControl+Alt+P' } });
    expect(registrar.held.has('CommandOrControl+Alt+P')).toBe(true);
    expect(registrar.held.has('CommandOrControl+Shift+Space')).toBe(true);
    expect(events).toHaveLength(1);
    // The shortcut runs the action: pause toggles clipboard watching and says so to the panel.
    const paused = new Promise((resolve) =>
      core.bus.onDidEmit((name, payload) => name === 'onDidChangeClipboardStatus' && resolve(payload)),
    );
    registrar.held.get('CommandOrControl+Alt+P')?.();
    expect(await paused).toMatchObject({ paused: true, enabled: false });
    expect(core.settings.get().clipboard.enabled).toBe(false);
  });
});
