import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeytarModule } from '../../../src/main/secrets/keytar-store';
import type { SafeStorageLike } from '../../../src/main/secrets/safe-storage-store';

/** An encryptor that really encrypts (AES-256-GCM, random key), standing in for Electron safeStorage. */
export function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** keytar over a Map, with switches for the failure modes a real keychain shows. */
export function fakeKeytar(
  mode: 'ok' | 'hang' | 'reject' = 'ok',
): KeytarModule & { values: Map<string, string> } {
  const values = new Map<string, string>();
  const act = <T>(fn: () => T): Promise<T> => {
    if (mode === 'hang') return new Promise<T>(() => undefined);
    if (mode === 'reject') return Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    return Promise.resolve(fn());
  };
  return {
    values,
    getPassword: (s, a) => act(() => values.get(`${s}/${a}`) ?? null),
    setPassword: (s, a, p) => act(() => void values.set(`${s}/${a}`, p)),
    deletePassword: (s, a) => act(() => values.delete(`${s}/${a}`)),
  };
}
