import { describe, expect, it } from 'vitest';
import {
  ShortcutService,
  type ShortcutAction,
  type ShortcutRegistrar,
} from '../../../src/main/app/shortcut-service';
import { RecordingNotifications } from '../../../src/main/ports/notifications';
import { defaultSettings } from '../../../src/shared/domain/settings';

function registrar(taken: string[] = []): ShortcutRegistrar & { held: Map<string, () => void> } {
  const held = new Map<string, () => void>();
  return {
    held,
    register(accelerator, callback) {
      if (accelerator.startsWith('Hyper')) throw new Error(`Error processing argument: ${accelerator}`);
      if (taken.includes(accelerator)) return false;
      held.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      held.delete(accelerator);
    },
  };
}

const shortcuts = defaultSettings().shortcuts;

describe('ShortcutService', () => {
  it('registers the three defaults and runs the matching action', () => {
    const ran: ShortcutAction[] = [];
    const reg = registrar();
    const service = new ShortcutService(reg, (a) => ran.push(a));
    const status = service.apply(shortcuts);
    expect(status.every((s) => s.registered && s.error === null)).toBe(true);
    reg.held.get('CommandOrControl+Shift+Space')?.();
    reg.held.get('CommandOrControl+Shift+A')?.();
    expect(ran).toEqual(['toggleWindow', 'analyzeClipboard']);
  });

  it('explains, once, a combination the OS refused, one it cannot parse, and a duplicate', () => {
    const notifications = new RecordingNotifications();
    const service = new ShortcutService(
      registrar(['CommandOrControl+Shift+A']),
      () => undefined,
      notifications,
    );
    const next = {
      toggleWindow: 'Hyper+K',
      analyzeClipboard: 'CommandOrControl+Shift+A',
      pauseClipboard: 'Alt+P',
    };
    const status = service.apply(next);
    expect(status.find((s) => s.action === 'toggleWindow')?.error).toMatch(/not a key combination/);
    expect(status.find((s) => s.action === 'analyzeClipboard')?.error).toMatch(
      /taken by the system or another app/,
    );
    expect(status.find((s) => s.action === 'pauseClipboard')).toMatchObject({ registered: true });
    expect(notifications.sent).toHaveLength(2);
    service.apply(next);
    expect(notifications.sent).toHaveLength(2);

    const dup = service.apply({ ...next, toggleWindow: 'alt+p' });
    expect(dup.find((s) => s.action === 'toggleWindow')).toMatchObject({ registered: true });
    expect(dup.find((s) => s.action === 'pauseClipboard')?.error).toMatch(
      /Alt\+P is already used to show\/hide Tandem/,
    );
  });

  it('releases old combinations when the settings change and announces the new status', () => {
    const reg = registrar();
    const service = new ShortcutService(reg, () => undefined);
    const seen: unknown[] = [];
    service.onDidChange((s) => seen.push(s));
    service.apply(shortcuts);
    service.apply({ ...shortcuts, toggleWindow: 'Alt+Space' });
    expect([...reg.held.keys()].sort()).toEqual([
      'Alt+Space',
      'CommandOrControl+Shift+A',
      'CommandOrControl+Shift+P',
    ]);
    expect(seen).toHaveLength(2);
    service.apply({ ...shortcuts, toggleWindow: 'Alt+Space' });
    expect(seen).toHaveLength(2);
    service.unregisterAll();
    expect(reg.held.size).toBe(0);
  });

  it('says shortcuts need the desktop app when there is no registrar (browser harness)', () => {
    const status = new ShortcutService(undefined, () => undefined).apply(shortcuts);
    expect(status.every((s) => !s.registered && /desktop app/.test(s.error ?? ''))).toBe(true);
  });
});
