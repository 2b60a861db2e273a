import { describe, expect, it } from 'vitest';
import {
  ClipboardWatcher,
  clipboardFingerprint,
  type Timers,
} from '../../../src/main/assist/clipboard-watcher';
import { OwnClipboardWrites } from '../../../src/main/assist/own-writes';
import { MemoryClipboard } from '../../../src/main/ports/clipboard';

class ManualTimers implements Timers {
  handles = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  setInterval(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.handles.set(id, { fn, ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.handles.delete(handle as number);
  }
  fire(): void {
    for (const h of [...this.handles.values()]) h.fn();
  }
}

function setup(initial = '') {
  const clipboard = new MemoryClipboard();
  clipboard.writeText(initial);
  const own = new OwnClipboardWrites();
  const timers = new ManualTimers();
  const copies: string[] = [];
  const watcher = new ClipboardWatcher({
    clipboard,
    isOwnWrite: (t) => own.isOwnWrite(t),
    pollMs: 250,
    onDidCopy: (t) => copies.push(t),
    timers,
  });
  return { clipboard, own, timers, copies, watcher };
}

describe('ClipboardWatcher', () => {
  it('reports new text once, not what was there at start', () => {
    const { clipboard, timers, copies, watcher } = setup('old text from before');
    watcher.start();
    timers.fire();
    expect(copies).toEqual([]);
    clipboard.writeText('Where is my order #1234?');
    timers.fire();
    timers.fire();
    expect(copies).toEqual(['Where is my order #1234?']);
  });

  it('ignores what Tandem itself put on the clipboard', () => {
    const { clipboard, own, timers, copies, watcher } = setup();
    watcher.start();
    own.remember('Hi Ana, your order is on its way.');
    clipboard.writeText('Hi Ana, your order is on its way.');
    timers.fire();
    expect(copies).toEqual([]);
  });

  it('stops polling while paused and still reads on demand', () => {
    const { clipboard, timers, copies, watcher } = setup();
    watcher.start();
    watcher.setPaused(true);
    expect(timers.handles.size).toBe(0);
    clipboard.writeText('my parcel never arrived');
    timers.fire();
    expect(copies).toEqual([]);
    expect(watcher.readNow()).toBe('my parcel never arrived');
    watcher.setPaused(false);
    expect(timers.handles.size).toBe(1);
    timers.fire();
    expect(copies).toEqual([]);
  });

  it('re-schedules with a new interval', () => {
    const { timers, watcher } = setup();
    watcher.start();
    watcher.setPollMs(1000);
    expect([...timers.handles.values()].map((h) => h.ms)).toEqual([1000]);
  });

  it('keeps working when the clipboard throws', () => {
    const { timers, copies, watcher } = setup();
    const broken = new ClipboardWatcher({
      clipboard: {
        readText: () => {
          throw new Error('clipboard locked');
        },
        writeText: () => undefined,
      },
      isOwnWrite: () => false,
      pollMs: 250,
      onDidCopy: (t) => copies.push(t),
      timers,
    });
    broken.start();
    expect(() => timers.fire()).not.toThrow();
    watcher.stop();
  });

  it('fingerprints large texts from samples and still sees a change at the end', () => {
    const big = 'a'.repeat(10 * 1024 * 1024);
    const changed = big.slice(0, -1) + 'b';
    expect(clipboardFingerprint(big)).not.toBe(clipboardFingerprint(changed));
    expect(clipboardFingerprint(big)).toBe(clipboardFingerprint('a'.repeat(10 * 1024 * 1024)));
  });
});
