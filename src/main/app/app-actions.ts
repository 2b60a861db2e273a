import type { ShortcutAction } from './shortcut-service';

/**
 * What a global shortcut or a tray item does. The shell sets `toggleWindow`; features replace the
 * defaults (the assist feature sets `analyzeClipboard`). A failing action must not crash the app.
 */
export class AppActions {
  private readonly table = new Map<ShortcutAction, () => unknown>();

  constructor(private readonly onError: (action: ShortcutAction, error: unknown) => void = () => undefined) {}

  /** Sets what an action does; returns a function that restores the previous behaviour. */
  set(action: ShortcutAction, run: () => unknown): () => void {
    const previous = this.table.get(action);
    this.table.set(action, run);
    return () => {
      if (this.table.get(action) !== run) return;
      if (previous) this.table.set(action, previous);
      else this.table.delete(action);
    };
  }

  has(action: ShortcutAction): boolean {
    return this.table.has(action);
  }

  run(action: ShortcutAction): void {
    const fn = this.table.get(action);
    if (!fn) return;
    try {
      const result = fn();
      if (result instanceof Promise) result.catch((error: unknown) => this.onError(action, error));
    } catch (error) {
      this.onError(action, error);
    }
  }
}
