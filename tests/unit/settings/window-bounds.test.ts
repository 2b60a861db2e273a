import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseBounds,
  clampToWorkArea,
  DEFAULT_WINDOW_SIZE,
  emptyWindowState,
  rememberBounds,
  WINDOW_STATE_FILE,
  WindowStateStore,
  type DisplayInfo,
} from '../../../src/main/settings/window-bounds';

const laptop: DisplayInfo = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor: DisplayInfo = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

describe('window bounds per display', () => {
  it('opens as a 420×780 side panel at the right of the primary display on first run', () => {
    const b = chooseBounds(emptyWindowState(), [laptop], laptop);
    expect(b).toMatchObject(DEFAULT_WINDOW_SIZE);
    expect(b.x + b.width).toBeLessThanOrEqual(1440);
    expect(b.y).toBeGreaterThanOrEqual(25);
  });

  it('restores the bounds saved for each display', () => {
    let state = rememberBounds(emptyWindowState(), monitor, { x: 3500, y: 100, width: 500, height: 1000 });
    state = rememberBounds(state, laptop, { x: 900, y: 60, width: 420, height: 780 });
    expect(chooseBounds(state, [laptop, monitor], laptop)).toEqual({
      x: 900,
      y: 60,
      width: 420,
      height: 780,
    });
    // Laptop undocked from the monitor, then docked again: the monitor position comes back once last used there.
    state = rememberBounds(state, monitor, { x: 3500, y: 100, width: 500, height: 1000 });
    expect(chooseBounds(state, [laptop, monitor], laptop)).toEqual({
      x: 3500,
      y: 100,
      width: 500,
      height: 1000,
    });
    expect(chooseBounds(state, [laptop], laptop)).toEqual({ x: 900, y: 60, width: 420, height: 780 });
  });

  it('never places the window off-screen when its monitor is gone', () => {
    const state = rememberBounds(emptyWindowState(), monitor, { x: 3500, y: 100, width: 500, height: 1000 });
    const b = chooseBounds(state, [laptop], laptop);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(1440);
  });

  it('clamps oversized or shifted bounds into the work area', () => {
    expect(clampToWorkArea({ x: -200, y: -50, width: 5000, height: 5000 }, laptop.workArea)).toEqual(
      laptop.workArea,
    );
    expect(clampToWorkArea({ x: 1300, y: 800, width: 420, height: 780 }, laptop.workArea)).toEqual({
      x: 1020,
      y: 120,
      width: 420,
      height: 780,
    });
  });

  it('persists state and shrugs off a damaged file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-ws-'));
    try {
      const store = new WindowStateStore(dir);
      const state = rememberBounds(emptyWindowState(), laptop, { x: 10, y: 40, width: 420, height: 780 });
      await store.save(state);
      expect(await new WindowStateStore(dir).load()).toEqual(state);
      await writeFile(join(dir, WINDOW_STATE_FILE), '{"version":1,"byDisplay":{"x":{"x":"no"}}');
      expect(await new WindowStateStore(dir).load()).toEqual(emptyWindowState());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
