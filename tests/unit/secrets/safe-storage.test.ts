import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SafeStorageSecretStore,
  SECRETS_FILE,
  safeStorageRefusal,
} from '../../../src/main/secrets/safe-storage-store';
import { fakeSafeStorage } from './fakes';

const SECRET = 'sk-live-THIS-MUST-NOT-BE-ON-DISK-1234567890';

describe('SafeStorageSecretStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-safe-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps only ciphertext on disk, readable by a new instance with the same key', async () => {
    const safe = fakeSafeStorage();
    const store = new SafeStorageSecretStore(safe, dir);
    await store.set('llm.apiKey', SECRET);
    const onDisk = await readFile(join(dir, SECRETS_FILE));
    expect(onDisk.toString('utf8')).not.toContain(SECRET);
    expect(onDisk.toString('latin1')).not.toContain(SECRET);
    expect(onDisk.toString('utf8')).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 16));
    expect(JSON.parse(onDisk.toString('utf8'))).toMatchObject({
      version: 1,
      entries: { 'llm.apiKey': expect.any(String) },
    });
    if (process.platform !== 'win32') expect((await stat(join(dir, SECRETS_FILE))).mode & 0o777).toBe(0o600);
    // No temp file left behind by the atomic write.
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const reopened = new SafeStorageSecretStore(safe, dir);
    expect(await reopened.get('llm.apiKey')).toBe(SECRET);
    await reopened.delete('llm.apiKey');
    expect(await new SafeStorageSecretStore(safe, dir).get('llm.apiKey')).toBeNull();
  });

  it('keeps every value when several are set at once', async () => {
    const safe = fakeSafeStorage();
    const store = new SafeStorageSecretStore(safe, dir);
    await Promise.all([store.set('a', '1'), store.set('b', '2'), store.set('c', '3')]);
    const raw = JSON.parse(await readFile(join(dir, SECRETS_FILE), 'utf8'));
    expect(Object.keys(raw.entries).sort()).toEqual(['a', 'b', 'c']);
    const reopened = new SafeStorageSecretStore(safe, dir);
    expect(await Promise.all(['a', 'b', 'c'].map((n) => reopened.get(n)))).toEqual(['1', '2', '3']);
  });

  it("refuses Linux's basic_text backend and an unavailable encryptor", () => {
    expect(safeStorageRefusal(fakeSafeStorage('basic_text'))).toMatch(/fixed built-in key/);
    expect(safeStorageRefusal(fakeSafeStorage('gnome_libsecret', false))).toMatch(/no encryption key/);
    expect(safeStorageRefusal(fakeSafeStorage('kwallet5'))).toBeNull();
    expect(() => new SafeStorageSecretStore(fakeSafeStorage('basic_text'), dir)).toThrow(/cannot be used/);
  });

  it('moves an unreadable secrets file aside instead of failing forever', async () => {
    await writeFile(join(dir, SECRETS_FILE), '{not json');
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir);
    expect(await store.get('llm.apiKey')).toBeNull();
    expect((await readdir(dir)).some((f) => f.startsWith('secrets.corrupt-'))).toBe(true);
  });

  it('says plainly when a value cannot be decrypted with the current key', async () => {
    await new SafeStorageSecretStore(fakeSafeStorage(), dir).set('llm.apiKey', SECRET);
    const otherKey = new SafeStorageSecretStore(fakeSafeStorage(), dir);
    await expect(otherKey.get('llm.apiKey')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
