import type { ShortcutStatus } from '../../shared/contract/app';
import type { Settings } from '../../shared/domain/settings';
import type { NotificationPort } from '../ports/notifications';

/** The things a global shortcut (or tray item) can do; named by the contract so status and settings agree. */
export type ShortcutAction = ShortcutStatus['action'];

/**
 * Registers system-wide shortcuts. Electron's `globalShortcut` in the app; tests pass a fake.
 * Kept as a port so the refusal handling below runs and is tested in plain Node.
 */
export interface ShortcutRegistrar {
  /** `false` when the OS or another app holds the combination; throws when it cannot be parsed. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

const ACTION_LABELS: Record<ShortcutAction, string> = {
  toggleWindow: 'show/hide Tandem',
  analyzeClipboard: 'analyze the clipboard',
  pauseClipboard: 'pause clipboard watching',
};
const ACTIONS = Object.keys(ACTION_LABELS) as ShortcutAction[];

/**
 * Keeps global shortcuts in line with settings and tells the user, in plain words, when one could
 * not be registered: a silent failure would leave the agent pressing keys that do nothing.
 */
export class ShortcutService {
  private registered: string[] = [];
  private current: ShortcutStatus[] = [];
  private readonly listeners = new Set<(status: ShortcutStatus[]) => void>();

  constructor(
    private readonly registrar: ShortcutRegistrar | undefined,
    private readonly run: (action: ShortcutAction) => void,
    private readonly notifications?: NotificationPort,
  ) {}

  status(): ShortcutStatus[] {
    return this.current.map((s) => ({ ...s }));
  }

  onDidChange(listener: (status: ShortcutStatus[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Unregisters everything and registers the shortcuts from settings again. */
  apply(shortcuts: Settings['shortcuts']): ShortcutStatus[] {
    this.unregisterAll();
    const used = new Map<string, ShortcutAction>();
    const next: ShortcutStatus[] = ACTIONS.map((action) => {
      const accelerator = shortcuts[action];
      const base = { action, accelerator };
      if (!this.registrar) {
        return { ...base, registered: false, error: 'Global shortcuts work only in the desktop app.' };
      }
      const key = accelerator.toLowerCase().replace(/\s+/g, '');
      const clash = used.get(key);
      if (clash) {
        return {
          ...base,
          registered: false,
          error: `${accelerator} is already used to ${ACTION_LABELS[clash]}. Choose another combination.`,
        };
      }
      try {
        if (!this.registrar.register(accelerator, () => this.run(action))) {
          return {
            ...base,
            registered: false,
            error: `${accelerator} is taken by the system or another app. Choose another combination in Settings.`,
          };
        }
      } catch {
        return {
          ...base,
          registered: false,
          error: `${accelerator} is not a key combination Tandem understands (e.g. CommandOrControl+Shift+Space).`,
        };
      }
      used.set(key, action);
      this.registered.push(accelerator);
      return { ...base, registered: true, error: null };
    });
    const changed = JSON.stringify(next) !== JSON.stringify(this.current);
    const newlyFailed = next.filter(
      (s) =>
        this.registrar &&
        s.error &&
        !this.current.some((c) => c.action === s.action && c.accelerator === s.accelerator && c.error),
    );
    this.current = next;
    for (const failed of newlyFailed) {
      this.notifications?.notify(
        `Shortcut to ${ACTION_LABELS[failed.action]} not available`,
        failed.error ?? '',
      );
    }
    if (changed) for (const listener of [...this.listeners]) listener(this.status());
    return this.status();
  }

  unregisterAll(): void {
    for (const accelerator of this.registered) {
      try {
        this.registrar?.unregister(accelerator);
      } catch {
        /* already gone */
      }
    }
    this.registered = [];
  }
}
