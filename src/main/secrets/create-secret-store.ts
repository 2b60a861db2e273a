import { MemorySecretStore, type SecretStore } from '../ports/secret-store';
import { KeytarSecretStore, type KeytarLoader } from './keytar-store';
import { SafeStorageSecretStore, safeStorageRefusal, type SafeStorageLike } from './safe-storage-store';
import { withTimeout } from './with-timeout';

/** Loader and safeStorage are injected so the whole chain is tested in plain Node. */
export interface SecretStoreChainOptions {
  loadKeytar: KeytarLoader;
  safeStorage?: SafeStorageLike;
  userDataDir: string;
  timeoutMs?: number;
  /** Where the reasons for each fallback go (the main log); never receives secret values. */
  log?: (message: string) => void;
}

/** Shown in Settings when secrets live in safeStorage ciphertext instead of the keychain. */
export const SAFE_STORAGE_WARNING =
  'The system keychain is not available, so secrets are encrypted with the operating system key and kept in your Tandem data folder.';
/** Shown in Settings when nothing secure is available: the user must know secrets will not survive a restart. */
export const MEMORY_WARNING =
  'No secure storage is available on this computer, so secrets are kept in memory until Tandem quits. Enter them again after a restart.';

/**
 * Picks where secrets live: the OS keychain (keytar, probed with a real call) → Electron
 * safeStorage ciphertext → memory for this session. Each step down is explained to the user via
 * the store's `warning`, because a secret that silently disappears on restart looks like a bug.
 */
export async function createSecretStore(options: SecretStoreChainOptions): Promise<SecretStore> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 3000;
  try {
    const keytar = await withTimeout(options.loadKeytar(), timeoutMs, 'keytar did not load in time');
    const store = new KeytarSecretStore(keytar, { timeoutMs });
    await store.probe();
    return store;
  } catch (error) {
    log(`OS keychain unavailable: ${(error as Error)?.message ?? String(error)}`);
  }
  const refusal = safeStorageRefusal(options.safeStorage);
  if (!refusal && options.safeStorage) {
    try {
      return new SafeStorageSecretStore(options.safeStorage, options.userDataDir, SAFE_STORAGE_WARNING);
    } catch (error) {
      log(`safeStorage unavailable: ${(error as Error)?.message ?? String(error)}`);
    }
  } else {
    log(`safeStorage unavailable: ${refusal}`);
  }
  return new MemorySecretStore(MEMORY_WARNING);
}
