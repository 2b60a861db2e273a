import { calls } from '../../src/shared/contract';
import type { SecretStatus, SettingsNotice } from '../../src/shared/contract/settings';
import type { ShortcutStatus } from '../../src/shared/contract/app';
import { defaultSettings, SettingsSchema, type Settings } from '../../src/shared/domain/settings';
import { buildTandemApi, type TandemApi } from '../../src/shared/ipc/api';
import type { CallDef } from '../../src/shared/ipc/define';
import type { IpcResult } from '../../src/shared/ipc/result';

type Handler = (input: never) => unknown;

/**
 * A stand-in for main in jsdom: the real `buildTandemApi`, the real contract schemas validating every
 * payload, and in-memory state. Tests drive it (emit events, fail the next call) and read what was sent.
 */
export interface FakeTandem {
  api: TandemApi;
  settings: Settings;
  secrets: Map<string, string>;
  backend: SecretStatus['backend'];
  warning: string | null;
  notices: SettingsNotice[];
  shortcutStatus: ShortcutStatus[];
  /** Every call with its validated input, in order. */
  log: { name: string; input: unknown }[];
  /** Every answer sent back, to prove secrets never come back. */
  answers: unknown[];
  /** Makes the next call of `name` fail with this error. */
  failNext(name: string, code: 'unavailable' | 'io_error' | 'internal', message: string): void;
  emit(name: string, payload: unknown): void;
}

/** Builds a fake main with default settings; `patch` adjusts the starting state. */
export function createFakeTandem(
  init: Partial<Pick<FakeTandem, 'backend' | 'warning' | 'notices'>> = {},
): FakeTandem {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const failures = new Map<string, { code: 'unavailable' | 'io_error' | 'internal'; message: string }>();
  const fake: FakeTandem = {
    api: undefined as unknown as TandemApi,
    settings: defaultSettings(),
    secrets: new Map(),
    backend: init.backend ?? 'keychain',
    warning: init.warning ?? null,
    notices: init.notices ?? [],
    shortcutStatus: (['toggleWindow', 'analyzeClipboard', 'pauseClipboard'] as const).map((action) => ({
      action,
      accelerator: defaultSettings().shortcuts[action],
      registered: true,
      error: null,
    })),
    log: [],
    answers: [],
    failNext: (name, code, message) => failures.set(name, { code, message }),
    emit: (name, payload) => listeners.get(name)?.forEach((l) => l(payload)),
  };
  const status = (): SecretStatus => ({
    backend: fake.backend,
    warning: fake.warning,
    isSet: { 'llm.apiKey': fake.secrets.has('llm.apiKey') },
  });
  const handlers: Record<string, Handler> = {
    getAppInfo: () => ({ name: 'Tandem', version: '0.0.0', platform: 'linux', shell: 'harness' }),
    getSettings: () => fake.settings,
    updateSettings: (patch: Record<string, unknown>) => {
      const next: Record<string, unknown> = { ...fake.settings };
      for (const [k, v] of Object.entries(patch)) {
        const cur = next[k];
        next[k] = typeof v === 'object' && v && typeof cur === 'object' ? { ...cur, ...v } : v;
      }
      fake.settings = SettingsSchema.parse(next);
      return fake.settings;
    },
    resetSettings: () => {
      fake.settings = defaultSettings();
      return fake.settings;
    },
    getSettingsNotices: () => fake.notices,
    getSecretStatus: status,
    setSecret: ({ name, value }: { name: string; value: string }) => {
      fake.secrets.set(name, value);
      return status();
    },
    clearSecret: ({ name }: { name: string }) => {
      fake.secrets.delete(name);
      return status();
    },
    getShortcutStatus: () => fake.shortcutStatus,
  };
  const table = calls as Record<string, CallDef>;
  fake.api = buildTandemApi({
    invoke: async (name, payload): Promise<IpcResult<unknown>> => {
      const def = table[name];
      const handler = handlers[name];
      let answer: IpcResult<unknown>;
      const failure = failures.get(name);
      const parsed = def?.input.safeParse(payload);
      if (!def || !handler)
        answer = { ok: false, error: { code: 'unknown_call', message: `No fake for ${name}` } };
      else if (!parsed?.success)
        answer = { ok: false, error: { code: 'invalid_payload', message: 'bad input' } };
      else if (failure) {
        failures.delete(name);
        answer = { ok: false, error: failure };
      } else {
        fake.log.push({ name, input: parsed.data });
        answer = { ok: true, data: def.output.parse(handler(parsed.data as never)) };
      }
      fake.answers.push(answer);
      return answer;
    },
    subscribe: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return fake;
}
