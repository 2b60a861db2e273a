import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { SettingsNotice } from '../../shared/contract/settings';
import {
  defaultSettings,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/domain/settings';
import type { Unsubscribe } from '../../shared/ipc/define';
import { AppError } from '../../shared/ipc/result';
import type { NotificationPort } from '../ports/notifications';
import { fileTimestamp, readFileIfExists, writeFileAtomic } from './atomic-file';
import { migrateSettings, settingsMigrations, type Migration } from './migrations';

/** The settings file in the user-data folder; moved-aside copies sit beside it. */
export const SETTINGS_FILE = 'settings.json';

/** Main-owned settings. Every change is validated, persisted atomically and then announced. */
export interface SettingsService {
  /** The current settings (already validated). */
  get(): Settings;
  /** Merges a one-level patch into the current settings; concurrent calls are applied one after another. */
  update(patch: SettingsPatch): Promise<Settings>;
  reset(): Promise<Settings>;
  /** What went wrong while loading (file moved aside, sections reset), for the UI to show. */
  notices(): SettingsNotice[];
  onDidChange(listener: (settings: Settings) => void): Unsubscribe;
  /** Resolves when every queued write has finished (tests, quit). */
  flush(): Promise<void>;
}

/** Inputs of {@link createSettingsService}; `now` and `migrations` exist so tests are deterministic. */
export interface SettingsServiceOptions {
  userDataDir: string;
  notifications?: NotificationPort;
  now?: () => Date;
  /** Tests inject their own table; the app uses {@link settingsMigrations}. */
  migrations?: Readonly<Record<number, Migration>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies a one-level patch: sections are merged key by key, scalars replaced. */
export function mergeSettingsPatch(current: Settings, patch: SettingsPatch): unknown {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const existing = next[key];
    next[key] = isRecord(value) && isRecord(existing) ? { ...existing, ...value } : value;
  }
  return next;
}

/** Keeps each top-level section that validates on its own; the others fall back to defaults. */
function salvage(data: Record<string, unknown>): { settings: Settings; reset: string[] } {
  const shape = SettingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const kept: Record<string, unknown> = {};
  const reset: string[] = [];
  for (const key of Object.keys(shape)) {
    if (!(key in data)) continue;
    if (shape[key]?.safeParse(data[key]).success) kept[key] = data[key];
    else reset.push(key);
  }
  const parsed = SettingsSchema.safeParse(kept);
  return parsed.success ? { settings: parsed.data, reset } : { settings: defaultSettings(), reset: ['all'] };
}

interface Loaded {
  settings: Settings;
  notices: SettingsNotice[];
  /** Whether the loaded settings should be written back (migrated or repaired). */
  rewrite: boolean;
}

async function loadFromDisk(options: SettingsServiceOptions): Promise<Loaded> {
  const path = join(options.userDataDir, SETTINGS_FILE);
  const now = options.now ?? (() => new Date());
  const raw = await readFileIfExists(path);
  if (raw === null) return { settings: defaultSettings(), notices: [], rewrite: false };

  const moveAside = async (kind: 'corrupt' | 'newer'): Promise<string> => {
    const aside = join(options.userDataDir, `settings.${kind}-${fileTimestamp(now())}.json`);
    await rename(path, aside);
    return aside;
  };
  const corrupt = async (why: string): Promise<Loaded> => {
    const aside = await moveAside('corrupt');
    return {
      settings: defaultSettings(),
      notices: [
        {
          level: 'warning',
          message: `Your settings file could not be read (${why}), so Tandem started with default settings. The old file was kept as ${aside}.`,
        },
      ],
      rewrite: true,
    };
  };

  const text = raw.toString('utf8');
  if (text.trim() === '') return corrupt('it was empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return corrupt('it is not valid JSON');
  }
  const migrated = migrateSettings(json, options.migrations ?? settingsMigrations);
  if (migrated.kind === 'invalid') return corrupt(migrated.reason);
  if (migrated.kind === 'newer') {
    const aside = await moveAside('newer');
    return {
      settings: defaultSettings(),
      notices: [
        {
          level: 'warning',
          message: `Your settings were saved by a newer version of Tandem (format ${migrated.version}), so this version started with default settings. The newer file was kept as ${aside}.`,
        },
      ],
      rewrite: true,
    };
  }
  const parsed = SettingsSchema.safeParse(migrated.data);
  if (parsed.success) return { settings: parsed.data, notices: [], rewrite: migrated.kind === 'migrated' };

  const aside = await moveAside('corrupt');
  const { settings, reset } = salvage(migrated.data);
  return {
    settings,
    notices: [
      {
        level: 'warning',
        message: `Some settings were not valid and were reset to their defaults (${reset.join(', ')}). The old file was kept as ${aside}.`,
      },
    ],
    rewrite: true,
  };
}

/**
 * Loads settings.json from the user-data folder (migrating, repairing or moving it aside as needed)
 * and returns the service that owns it from then on. Never throws for a bad file: the app must start.
 */
export async function createSettingsService(options: SettingsServiceOptions): Promise<SettingsService> {
  const path = join(options.userDataDir, SETTINGS_FILE);
  const loaded = await loadFromDisk(options);
  let current = loaded.settings;
  const notices = [...loaded.notices];
  const listeners = new Set<(s: Settings) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  const persist = async (next: Settings): Promise<void> => {
    try {
      await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new AppError(
        'io_error',
        `Tandem could not save your settings (${why}). Your change was not kept.`,
      );
    }
  };

  /** Every write goes through this queue so two updates never race on the same file or state. */
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const commit = async (next: Settings): Promise<Settings> => {
    await persist(next);
    current = next;
    for (const listener of [...listeners]) listener(next);
    return next;
  };

  if (loaded.rewrite) {
    await enqueue(() => persist(current)).catch((error: unknown) => {
      notices.push({ level: 'error', message: (error as Error).message });
    });
  }
  for (const notice of loaded.notices) options.notifications?.notify('Tandem settings', notice.message);

  return {
    get: () => current,
    update: (patch) =>
      enqueue(async () => {
        const parsed = SettingsSchema.safeParse(mergeSettingsPatch(current, patch));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new AppError(
            'invalid_payload',
            `That setting is not valid: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown problem'}`,
          );
        }
        return commit(parsed.data);
      }),
    reset: () => enqueue(() => commit(defaultSettings())),
    notices: () => [...notices],
    onDidChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: () => enqueue(async () => undefined),
  };
}
