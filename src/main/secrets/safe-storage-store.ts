import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/ipc/result';
import type { SecretStore } from '../ports/secret-store';
import { fileTimestamp, readFileIfExists, writeFileAtomic } from '../settings/atomic-file';

/** Electron's `safeStorage`, injected so this store runs (and is tested) without Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Ciphertext only; never a plaintext value (see tests/unit/secrets/safe-storage.test.ts). */
export const SECRETS_FILE = 'secrets.enc.json';

const FileSchema = z.object({
  version: z.literal(1),
  /** name → base64 ciphertext from safeStorage. */
  entries: z.record(z.string(), z.string()),
});

/**
 * Why safeStorage cannot be used, in plain words, or null when it can. On Linux, `basic_text` means
 * Chromium found no keyring and would "encrypt" with a hard-coded key: that is plaintext in disguise.
 */
export function safeStorageRefusal(safeStorage: SafeStorageLike | undefined): string | null {
  if (!safeStorage) return 'encrypted storage is not available in this shell';
  if (!safeStorage.isEncryptionAvailable()) return 'the operating system offers no encryption key';
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend === 'basic_text') {
    return 'the only encryption on this Linux desktop is a fixed built-in key, which does not protect secrets';
  }
  return null;
}

/**
 * Secrets encrypted with the OS-protected key Electron's safeStorage holds, kept as ciphertext in
 * the user-data folder (0600, written atomically). The fallback when keytar cannot reach a keychain.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly backend = 'safe-storage' as const;
  private entries: Record<string, string> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly path: string;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly userDataDir: string,
    readonly warning: string | null = null,
  ) {
    const refusal = safeStorageRefusal(safeStorage);
    if (refusal) throw new AppError('unavailable', `Encrypted storage cannot be used: ${refusal}.`);
    this.path = join(userDataDir, SECRETS_FILE);
  }

  private async load(): Promise<Record<string, string>> {
    if (this.entries) return this.entries;
    const raw = await readFileIfExists(this.path);
    if (raw === null) {
      this.entries = {};
      return this.entries;
    }
    let parsed: z.infer<typeof FileSchema> | null = null;
    try {
      parsed = FileSchema.parse(JSON.parse(raw.toString('utf8')));
    } catch {
      // An unreadable file cannot be repaired; keep it for support and start empty.
      await rename(this.path, join(this.userDataDir, `secrets.corrupt-${fileTimestamp()}.json`));
    }
    this.entries = parsed ? { ...parsed.entries } : {};
    return this.entries;
  }

  private serialized<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async save(entries: Record<string, string>): Promise<void> {
    const body = JSON.stringify({ version: 1, entries }, null, 2);
    await writeFileAtomic(this.path, body, { mode: 0o600 });
    this.entries = entries;
  }

  get(name: string): Promise<string | null> {
    return this.serialized(async () => {
      const cipher = (await this.load())[name];
      if (cipher === undefined) return null;
      try {
        return this.safeStorage.decryptString(Buffer.from(cipher, 'base64'));
      } catch {
        throw new AppError(
          'unavailable',
          'A saved secret could not be decrypted (the system key changed). Enter it again in Settings.',
        );
      }
    });
  }

  set(name: string, value: string): Promise<void> {
    return this.serialized(async () => {
      const cipher = this.safeStorage.encryptString(value).toString('base64');
      await this.save({ ...(await this.load()), [name]: cipher });
    });
  }

  delete(name: string): Promise<void> {
    return this.serialized(async () => {
      const entries = { ...(await this.load()) };
      if (!(name in entries)) return;
      delete entries[name];
      await this.save(entries);
    });
  }
}
