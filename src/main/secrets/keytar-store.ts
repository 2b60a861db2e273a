import { AppError, isAppError } from '../../shared/ipc/result';
import type { SecretStore } from '../ports/secret-store';
import { withTimeout } from './with-timeout';

/** The part of keytar Tandem uses; tests inject fakes that hang or fail. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Loads keytar lazily: it is a native module that may be missing or built for another ABI. */
export type KeytarLoader = () => Promise<KeytarModule>;

/** Keychain entries are filed under this service name (what the user sees in Keychain Access / Seahorse). */
export const KEYCHAIN_SERVICE = 'Tandem';
/** Long enough for a healthy keychain, short enough that a locked one does not freeze Settings. */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 3000;
const PROBE_ACCOUNT = 'tandem.probe';

/** The real loader. `import()` inside try so a broken native build falls back instead of crashing main. */
export const loadKeytar: KeytarLoader = async () => {
  const mod = (await import('keytar')) as unknown as KeytarModule & { default?: KeytarModule };
  const api = mod.default ?? mod;
  if (typeof api.getPassword !== 'function') throw new Error('keytar has no getPassword');
  return api;
};

/** Tests shorten the timeout; the service name only changes in tests. */
export interface KeytarStoreOptions {
  timeoutMs?: number;
  service?: string;
}

/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, libsecret on Linux).
 * Every call has a timeout and fails with an `unavailable` AppError the user can understand.
 */
export class KeytarSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;
  readonly warning = null;
  private readonly timeoutMs: number;
  private readonly service: string;

  constructor(
    private readonly keytar: KeytarModule,
    options: KeytarStoreOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.service = options.service ?? KEYCHAIN_SERVICE;
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    const seconds = Math.round(this.timeoutMs / 100) / 10;
    try {
      return await withTimeout(
        Promise.resolve().then(run),
        this.timeoutMs,
        `The system keychain did not answer within ${seconds} s while ${what}. It may be locked; unlock it and try again.`,
      );
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError(
        'unavailable',
        `The system keychain refused the request while ${what} (${(error as Error)?.message ?? 'unknown error'}).`,
      );
    }
  }

  get(name: string): Promise<string | null> {
    return this.call('reading a secret', () => this.keytar.getPassword(this.service, name));
  }

  set(name: string, value: string): Promise<void> {
    return this.call('saving a secret', () => this.keytar.setPassword(this.service, name, value));
  }

  async delete(name: string): Promise<void> {
    await this.call('removing a secret', () => this.keytar.deletePassword(this.service, name));
  }

  /** A real round trip to the keychain: loading keytar proves nothing if no keyring daemon answers. */
  async probe(): Promise<void> {
    await this.call('checking that it works', () => this.keytar.getPassword(this.service, PROBE_ACCOUNT));
  }
}
