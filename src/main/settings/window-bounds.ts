import { join } from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from './atomic-file';

/** Kept apart from settings.json: it changes on every move and is not a user preference. */
export const WINDOW_STATE_FILE = 'window-state.json';
/** A narrow side panel that fits beside a helpdesk tab on a 1366-wide laptop. */
export const DEFAULT_WINDOW_SIZE = { width: 420, height: 780 } as const;
/** Below this the assist panel's buttons wrap badly. */
export const MIN_WINDOW_SIZE = { width: 340, height: 420 } as const;

const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
/** Window bounds in screen coordinates (DIP). */
export type Rect = z.infer<typeof RectSchema>;

/** A monitor as Electron's `screen` reports it, reduced to what placement needs. */
export interface DisplayInfo {
  id: number | string;
  workArea: Rect;
}

/** window-state.json is validated like any other file Tandem reads. */
export const WindowStateSchema = z.object({
  version: z.literal(1),
  /** Bounds per monitor layout, so docking a laptop brings the panel back where it was on that monitor. */
  byDisplay: z.record(z.string(), RectSchema),
  lastDisplay: z.string().nullable(),
});
/** Saved placement per monitor layout. */
export type WindowState = z.infer<typeof WindowStateSchema>;

/** First run or a damaged file: no saved placement. */
export const emptyWindowState = (): WindowState => ({ version: 1, byDisplay: {}, lastDisplay: null });

/**
 * Key for a monitor: its id plus work-area size, because the same id at a new resolution would
 * otherwise restore bounds that no longer fit.
 */
export const displayKey = (d: DisplayInfo): string => `${d.id}@${d.workArea.width}x${d.workArea.height}`;

/** Fits a rectangle inside a work area (shrinks if too big, slides if off-screen). */
export function clampToWorkArea(rect: Rect, area: Rect): Rect {
  const width = Math.max(Math.min(rect.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width));
  const height = Math.max(Math.min(rect.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height));
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

/** The first-run spot: a side panel at the right edge of the primary monitor, vertically centred. */
export function defaultBounds(primary: DisplayInfo): Rect {
  const a = primary.workArea;
  return clampToWorkArea(
    {
      x: a.x + a.width - DEFAULT_WINDOW_SIZE.width - 16,
      y: a.y + Math.round((a.height - DEFAULT_WINDOW_SIZE.height) / 2),
      ...DEFAULT_WINDOW_SIZE,
    },
    a,
  );
}

/**
 * Where to open the window: the bounds saved for the monitor last used, if it is still connected;
 * otherwise the bounds saved for any connected monitor; otherwise the default on the primary one.
 * Always fully on a screen, so a disconnected monitor never strands the window off-screen.
 */
export function chooseBounds(
  state: WindowState,
  displays: readonly DisplayInfo[],
  primary: DisplayInfo,
): Rect {
  const byKey = new Map(displays.map((d) => [displayKey(d), d]));
  const order = [state.lastDisplay, ...Object.keys(state.byDisplay)].filter((k): k is string => !!k);
  for (const key of order) {
    const display = byKey.get(key);
    const saved = state.byDisplay[key];
    if (display && saved) return clampToWorkArea(saved, display.workArea);
  }
  return defaultBounds(primary);
}

/** Records bounds for the monitor the window is on now. */
export function rememberBounds(state: WindowState, display: DisplayInfo, bounds: Rect): WindowState {
  const key = displayKey(display);
  return { ...state, byDisplay: { ...state.byDisplay, [key]: { ...bounds } }, lastDisplay: key };
}

/** Reads and writes window-state.json; a damaged file just means default placement. */
export class WindowStateStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(userDataDir: string) {
    this.path = join(userDataDir, WINDOW_STATE_FILE);
  }

  async load(): Promise<WindowState> {
    try {
      const raw = await readFileIfExists(this.path);
      if (!raw) return emptyWindowState();
      const parsed = WindowStateSchema.safeParse(JSON.parse(raw.toString('utf8')));
      return parsed.success ? parsed.data : emptyWindowState();
    } catch {
      return emptyWindowState();
    }
  }

  save(state: WindowState): Promise<void> {
    const job = () => writeFileAtomic(this.path, `${JSON.stringify(state)}\n`);
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
