import { SETTINGS_SCHEMA_VERSION } from '../../shared/domain/settings';

/** A step that turns a settings object of version N into version N + 1. Input is untrusted JSON. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v0 is the pre-versioned shape early builds wrote: flat keys, no `schemaVersion`, e.g.
 * `{ "theme": "dark", "apiBaseUrl": "…", "model": "…", "alwaysOnTop": true, "watchClipboard": false,
 * "toggleShortcut": "…" }`. Unknown keys are dropped; values are validated afterwards by the schema.
 */
const v0ToV1: Migration = (old) => {
  const next: Record<string, unknown> = { schemaVersion: 1 };
  const copy = (from: string, section: string | null, to: string): void => {
    if (!(from in old) || old[from] === undefined || old[from] === null) return;
    if (section === null) {
      next[to] = old[from];
      return;
    }
    const target = isRecord(next[section]) ? (next[section] as Record<string, unknown>) : {};
    target[to] = old[from];
    next[section] = target;
  };
  copy('theme', null, 'theme');
  copy('role', null, 'role');
  copy('apiBaseUrl', 'llm', 'baseUrl');
  copy('model', 'llm', 'model');
  copy('llmEnabled', 'llm', 'enabled');
  copy('alwaysOnTop', 'window', 'alwaysOnTop');
  copy('watchClipboard', 'clipboard', 'enabled');
  copy('clipboardPollMs', 'clipboard', 'pollMs');
  copy('toggleShortcut', 'shortcuts', 'toggleWindow');
  copy('analyzeShortcut', 'shortcuts', 'analyzeClipboard');
  copy('agentId', 'identity', 'agentId');
  return next;
};

/**
 * Migrations keyed by the version they upgrade FROM. Adding a schema version means adding one
 * entry here and bumping SETTINGS_SCHEMA_VERSION; old files then upgrade step by step.
 */
export const settingsMigrations: Readonly<Record<number, Migration>> = {
  0: v0ToV1,
};

/** Result of {@link migrateSettings}: `newer` means the file came from a later Tandem and was not touched. */
export type MigrationOutcome =
  | { kind: 'current' | 'migrated'; data: Record<string, unknown>; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

/** Reads the version (absent = 0) and applies each migration in turn up to the current version. */
export function migrateSettings(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = settingsMigrations,
  target: number = SETTINGS_SCHEMA_VERSION,
): MigrationOutcome {
  if (!isRecord(raw)) return { kind: 'invalid', reason: 'the file does not hold a JSON object' };
  const declared = raw.schemaVersion ?? 0;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) {
    return { kind: 'invalid', reason: 'its schema version is not a whole number' };
  }
  if (declared > target) return { kind: 'newer', version: declared };
  let data = raw;
  for (let v = declared; v < target; v += 1) {
    const step = migrations[v];
    if (!step) return { kind: 'invalid', reason: `no migration from version ${v}` };
    data = step(data);
    data.schemaVersion = v + 1;
  }
  return { kind: declared === target ? 'current' : 'migrated', data, from: declared };
}
