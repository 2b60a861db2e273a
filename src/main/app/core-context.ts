import type { EventBus } from '../ipc/event-bus';
import type { ClipboardPort } from '../ports/clipboard';
import type { NotificationPort } from '../ports/notifications';
import type { SecretStore } from '../ports/secret-store';
import type { SecretsService } from '../secrets/secrets-service';
import type { ExternalLinkPolicy } from '../security/external-links';
import type { SettingsService } from '../settings/settings-service';
import type { AppActions } from './app-actions';
import type { OwnClipboardWrites } from '../assist/own-writes';
import type { ShortcutRegistrar, ShortcutService } from './shortcut-service';
import type { TeamFeatureOptions } from '../team-store/team-feature';

/**
 * What the shell (Electron or the browser test harness) provides. Everything platform-specific
 * comes in here, so the services behind it run unchanged in plain Node.
 */
export interface AppPorts {
  userDataDir: string;
  resourcesDir: string;
  clipboard: ClipboardPort;
  secrets: SecretStore;
  notifications: NotificationPort;
  shell: 'electron' | 'harness';
  appVersion: string;
  platform: string;
  openExternal(url: string): Promise<void>;
  /** Optional: the shell's save dialog for exports; resolves to a path, or null when cancelled. */
  chooseExportPath?: (format: 'jsonl' | 'csv') => Promise<string | null>;
  /** Optional: the shell's open dialog for importing agents' exports; resolves to [] when cancelled. */
  chooseImportFiles?: () => Promise<string[]>;
  /** Optional: shell-specific global shortcut registrar (absent in the harness). */
  shortcuts?: ShortcutRegistrar;
  /** Optional: team store timing (tests shorten the retry and live-update intervals). */
  teamStore?: TeamFeatureOptions;
}

/**
 * The services a feature's handlers may use. Feature handler files receive this one object, so
 * adding a service means adding a field here rather than changing every factory signature.
 */
export interface CoreContext {
  ports: AppPorts;
  bus: EventBus;
  settings: SettingsService;
  secrets: SecretsService;
  externalLinks: ExternalLinkPolicy;
  ownClipboardWrites: OwnClipboardWrites;
  shortcuts: ShortcutService;
  actions: AppActions;
}
