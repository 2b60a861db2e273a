import { SecretNameSchema, type SecretName, type SecretStatus } from '../../shared/contract/settings';
import type { SecretStore } from '../ports/secret-store';

/** Every secret the contract knows; the status lists each so the UI can show set/not set. */
export const SECRET_NAMES: readonly SecretName[] = SecretNameSchema.options;

/**
 * Secret access for main-side services and the status the renderer may see. The renderer only
 * ever receives {@link SecretStatus} (which names are set), never a value. Status is cached after
 * the first read so the settings screen does not hit the keychain seven times per render.
 */
export class SecretsService {
  private isSet: Record<string, boolean> | null = null;
  private readonly listeners = new Set<(status: SecretStatus) => void>();

  constructor(private readonly store: SecretStore) {}

  /** The value, for main-side use only (LLM client, helpdesk connectors). */
  get(name: SecretName): Promise<string | null> {
    return this.store.get(name);
  }

  async status(): Promise<SecretStatus> {
    if (!this.isSet) {
      const values = await Promise.all(SECRET_NAMES.map((n) => this.store.get(n)));
      this.isSet = Object.fromEntries(
        SECRET_NAMES.map((n, i) => [n, values[i] !== null && values[i] !== '']),
      );
    }
    return { backend: this.store.backend, warning: this.store.warning, isSet: { ...this.isSet } };
  }

  async set(name: SecretName, value: string): Promise<SecretStatus> {
    await this.store.set(name, value);
    return this.changed(name, true);
  }

  async clear(name: SecretName): Promise<SecretStatus> {
    await this.store.delete(name);
    return this.changed(name, false);
  }

  onDidChange(listener: (status: SecretStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async changed(name: SecretName, isSet: boolean): Promise<SecretStatus> {
    const status = await this.status();
    status.isSet[name] = isSet;
    this.isSet = { ...status.isSet };
    for (const listener of [...this.listeners]) listener(status);
    return status;
  }
}
