import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../src/main/app/create-app-core';
import { createIpcRouter, type Handlers, type IpcRouter } from '../../../src/main/ipc/router';
import { createSenderCheck, type SenderInfo } from '../../../src/main/ipc/trust';
import { MemoryClipboard } from '../../../src/main/ports/clipboard';
import { RecordingNotifications } from '../../../src/main/ports/notifications';
import { MemorySecretStore } from '../../../src/main/ports/secret-store';
import { AppError } from '../../../src/shared/ipc/result';

const FILE_APP = 'file:///opt/Tandem/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';
const top: SenderInfo = { url: `${FILE_APP}#/settings`, isMainFrame: true };

describe('IPC router over the real handlers', () => {
  let dir: string;
  let core: AppCore;
  let router: IpcRouter;
  const unexpected: [string, unknown][] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-router-'));
    core = await createAppCore({
      userDataDir: dir,
      resourcesDir: join(__dirname, '../../../resources'),
      clipboard: new MemoryClipboard(),
      secrets: new MemorySecretStore(),
      notifications: new RecordingNotifications(),
      shell: 'harness',
      appVersion: '0.0.0',
      platform: 'linux',
      openExternal: async () => undefined,
    });
    router = core.createRouter([FILE_APP, DEV_APP], (name, error) => unexpected.push([name, error]));
  });
  afterAll(async () => {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a valid call from the app page', async () => {
    expect(await router.handle('getSettings', undefined, top)).toMatchObject({
      ok: true,
      data: { schemaVersion: 1 },
    });
    expect(
      await router.handle('getSettings', undefined, {
        url: 'http://localhost:5173/index.html',
        isMainFrame: true,
      }),
    ).toMatchObject({ ok: true });
  });

  it.each([
    ['a wrong type', { theme: 42 }, 'theme'],
    ['an unknown key', { theme: 'dark', evil: true }, 'evil'],
    ['a value out of range', { llm: { temperature: 9 } }, 'llm.temperature'],
    ['not an object', 'theme=dark', '(payload)'],
  ])('rejects %s with invalid_payload and names the field', async (_label, payload, field) => {
    const result = await router.handle('updateSettings', payload, top);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (!result.ok) expect(result.error.message).toContain(field);
    expect(core.settings.get().theme).toBe('system');
  });

  it('drops an unknown key inside a section, so a secret sent as a setting never reaches the settings file', async () => {
    const result = await router.handle('updateSettings', { llm: { apiKey: 'sk-smuggled' } }, top);
    expect(result.ok).toBe(true);
    await core.settings.flush();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('sk-smuggled');
    expect(JSON.stringify(core.settings.get())).not.toContain('sk-smuggled');
  });

  it('rejects a secret that is too long or has an unknown name', async () => {
    expect(
      await router.handle('setSecret', { name: 'llm.apiKey', value: 'x'.repeat(20_000) }, top),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await router.handle('setSecret', { name: 'os.password', value: 'x' }, top)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it.each([
    ['an iframe of the app page', { url: FILE_APP, isMainFrame: false }],
    ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['another port on localhost', { url: 'http://localhost:5174/', isMainFrame: true }],
    ['another file path', { url: 'file:///tmp/evil/index.html', isMainFrame: true }],
    ['a frame that is gone', { url: undefined, isMainFrame: true }],
    ['a garbage URL', { url: 'not a url', isMainFrame: true }],
  ])('rejects a call from %s with untrusted_sender before any handler runs', async (_label, sender) => {
    const result = await router.handle('updateSettings', { theme: 'dark' }, sender as SenderInfo);
    expect(result).toEqual({
      ok: false,
      error: { code: 'untrusted_sender', message: expect.any(String) as string },
    });
    expect(core.settings.get().theme).toBe('system');
  });

  it('rejects unknown calls, including prototype names', async () => {
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString']) {
      expect(await router.handle(name, undefined, top)).toMatchObject({
        ok: false,
        error: { code: 'unknown_call' },
      });
    }
  });
});

describe('IPC router error envelope', () => {
  const make = (overrides: Partial<Handlers>, onError?: (n: string, e: unknown) => void) =>
    createIpcRouter({ ...(stubHandlers as Handlers), ...overrides } as Handlers, {
      isTrustedSender: createSenderCheck([FILE_APP]),
      ...(onError ? { onUnexpectedError: onError } : {}),
    });
  const stubHandlers: Partial<Handlers> = {};

  it('passes an AppError code and message through', async () => {
    const router = make({
      getAppInfo: () => {
        throw new AppError('unavailable', 'The system keychain is locked.');
      },
    });
    expect(await router.handle('getAppInfo', undefined, top)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The system keychain is locked.' },
    });
  });

  it('answers an unexpected error with a generic internal message that leaks nothing', async () => {
    const reported: [string, unknown][] = [];
    const router = make(
      {
        getAppInfo: () => {
          throw new Error('ENOENT /home/agent/.config/Tandem/secret-path sk-live-123');
        },
      },
      (name, error) => reported.push([name, error]),
    );
    const result = await router.handle('getAppInfo', undefined, top);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/ENOENT|secret-path|sk-live/);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.[0]).toBe('getAppInfo');
  });

  it('refuses a handler answer that breaks the output schema', async () => {
    const router = make({ getAppInfo: () => ({ name: 'Tandem' }) as never });
    expect(await router.handle('getAppInfo', undefined, top)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
