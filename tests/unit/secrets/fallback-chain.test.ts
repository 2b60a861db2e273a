import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSecretStore,
  MEMORY_WARNING,
  SAFE_STORAGE_WARNING,
} from '../../../src/main/secrets/create-secret-store';
import { KeytarSecretStore } from '../../../src/main/secrets/keytar-store';
import { AppError } from '../../../src/shared/ipc/result';
import { fakeKeytar, fakeSafeStorage } from './fakes';

describe('secret store fallback chain', () => {
  let dir: string;
  let log: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-secrets-'));
    log = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('uses the keychain when keytar loads and the probe answers', async () => {
    const keytar = fakeKeytar();
    const store = await createSecretStore({ loadKeytar: async () => keytar, userDataDir: dir });
    expect(store.backend).toBe('keychain');
    expect(store.warning).toBeNull();
    await store.set('llm.apiKey', 'sk-1');
    expect(keytar.values.get('Tandem/llm.apiKey')).toBe('sk-1');
  });

  it('falls back to safeStorage when keytar cannot load', async () => {
    const store = await createSecretStore({
      loadKeytar: async () => {
        throw new Error("Cannot find module 'keytar.node'");
      },
      safeStorage: fakeSafeStorage(),
      userDataDir: dir,
      log: (m) => log.push(m),
    });
    expect(store.backend).toBe('safe-storage');
    expect(store.warning).toBe(SAFE_STORAGE_WARNING);
    expect(log.join('\n')).toContain("Cannot find module 'keytar.node'");
    await store.set('llm.apiKey', 'sk-2');
    expect(await store.get('llm.apiKey')).toBe('sk-2');
  });

  it('falls back when the keychain call hangs, after the timeout', async () => {
    const started = Date.now();
    const store = await createSecretStore({
      loadKeytar: async () => fakeKeytar('hang'),
      safeStorage: fakeSafeStorage(),
      userDataDir: dir,
      timeoutMs: 100,
      log: (m) => log.push(m),
    });
    expect(store.backend).toBe('safe-storage');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(log.join('\n')).toContain('did not answer within 0.1 s');
  });

  it('falls back to memory, with the warning, when neither keychain nor safeStorage work', async () => {
    const store = await createSecretStore({
      loadKeytar: async () => fakeKeytar('reject'),
      safeStorage: fakeSafeStorage('basic_text'),
      userDataDir: dir,
      log: (m) => log.push(m),
    });
    expect(store.backend).toBe('memory');
    expect(store.warning).toBe(MEMORY_WARNING);
    expect(store.warning).toContain('kept in memory until Tandem quits');
    expect(log.join('\n')).toContain('fixed built-in key');
    await store.set('llm.apiKey', 'sk-3');
    expect(await store.get('llm.apiKey')).toBe('sk-3');
  });

  it('falls back to memory when no safeStorage is given (browser harness)', async () => {
    const store = await createSecretStore({
      loadKeytar: () => Promise.reject(new Error('no keytar')),
      userDataDir: dir,
    });
    expect(store.backend).toBe('memory');
  });
});

describe('KeytarSecretStore', () => {
  it('turns a hanging keychain call into an unavailable AppError in plain words', async () => {
    const store = new KeytarSecretStore(fakeKeytar('hang'), { timeoutMs: 50 });
    const error = await store.get('llm.apiKey').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toContain('may be locked');
  });

  it('turns a keychain rejection into an unavailable AppError', async () => {
    const store = new KeytarSecretStore(fakeKeytar('reject'));
    await expect(store.set('llm.apiKey', 'x')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('stores under the Tandem service name and deletes', async () => {
    const keytar = fakeKeytar();
    const store = new KeytarSecretStore(keytar);
    await store.set('connector.zendesk', 'tok');
    expect(await store.get('connector.zendesk')).toBe('tok');
    await store.delete('connector.zendesk');
    expect(await store.get('connector.zendesk')).toBeNull();
    expect(keytar.values.size).toBe(0);
  });
});
