import type { SecretBackend } from '../../shared/contract/settings';

/**
 * Where secrets live. Implementations: the OS keychain (keytar), Electron safeStorage ciphertext,
 * and memory. Values never leave main; the renderer only learns whether a secret is set.
 */
export interface SecretStore {
  readonly backend: SecretBackend;
  /** Plain-words note when this store is a fallback (e.g. "kept in memory until Tandem quits"). */
  readonly warning: string | null;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Secrets kept for this session only; the UI tests and the last link of the fallback chain use it. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const;
  private readonly values = new Map<string, string>();
  constructor(readonly warning: string | null = null) {}
  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }
  async delete(name: string): Promise<void> {
    this.values.delete(name);
  }
}
