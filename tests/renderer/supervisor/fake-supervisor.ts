import { calls } from '../../../src/shared/contract';
import type { EventFilter, Metrics } from '../../../src/shared/contract/supervisor';
import type { TandemEvent } from '../../../src/shared/domain/events';
import { defaultSettings } from '../../../src/shared/domain/settings';
import { buildTandemApi, type TandemApi } from '../../../src/shared/ipc/api';
import type { CallDef } from '../../../src/shared/ipc/define';
import type { IpcResult } from '../../../src/shared/ipc/result';

/** Stand-in for main's supervisor side in jsdom: the real contract validates every call and answer. */
export interface FakeSupervisor {
  api: TandemApi;
  log: { name: string; input: unknown }[];
  events: TandemEvent[];
  /** Metrics answered for any filter; tests change it to simulate new data. */
  metrics: (filter: EventFilter) => Metrics;
  emit(name: string, payload: unknown): void;
  callsOf(name: string): unknown[];
}

const outcome = (shown: number, asIs: number, edited: number, rejected: number) => ({
  shown,
  acceptedAsIs: asIs,
  acceptedEdited: edited,
  rejected,
  ignored: shown - asIs - edited - rejected,
  acceptanceRate: shown ? (asIs + edited) / shown : null,
  asIsRate: shown ? asIs / shown : null,
  editedRate: shown ? edited / shown : null,
  rejectedRate: shown ? rejected / shown : null,
  ignoredRate: shown ? (shown - asIs - edited - rejected) / shown : null,
  meanEditDistance: 0.2,
  meanMsToAccept: 8000,
});

/** A small but complete metrics answer: `shown` suggestions, two agents, two intents. */
export function sampleMetrics(shown = 10, asIs = 4, edited = 2, rejected = 1): Metrics {
  const row = (key: string) => ({
    ...outcome(shown, asIs, edited, rejected),
    key,
    messages: 5,
    overrides: 1,
    escalations: 1,
  });
  return {
    filter: { fromMs: null, toMs: null, tzOffsetMinutes: 0 },
    totals: {
      ...outcome(shown, asIs, edited, rejected),
      messages: 5,
      overrides: 1,
      escalations: 2,
      draftsChecked: 3,
      draftsBlocked: 0,
      shownBlocked: 1,
      agents: 2,
    },
    editDistance: { count: asIs + edited, median: 0.05, p90: 0.4 },
    editDistanceEdited: { count: edited, median: 0.3, p90: 0.5 },
    editHistogram: Array.from({ length: 10 }, (_, i) => ({
      from: i / 10,
      to: (i + 1) / 10,
      count: i === 0 ? asIs : 1,
    })),
    msToAccept: { count: asIs + edited, median: 7000, p90: 30000 },
    by: {
      agent: [row('agent-001'), row('agent-002')],
      team: [row('us-core')],
      intent: [row('order_status'), row('refund_request')],
      suggestionSource: [row('offline')],
      model: [],
      day: [row('2026-11-20'), row('2026-11-21')],
      hour: [],
    },
    policy: {
      byRule: [],
      overrides: 1,
      blocks: 2,
      overrideRate: 0.5,
      overrideReasons: [{ key: 'Customer is VIP', count: 1 }],
    },
    escalations: { total: 2, byReason: [], byPath: [] },
    suggestionsPerThread: { threads: 4, mean: 2.5, median: 2, p90: 4 },
  };
}

/** Builds the fake; `metrics` defaults to {@link sampleMetrics} for every filter. */
export function createFakeSupervisor(): FakeSupervisor {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const fake: FakeSupervisor = {
    api: undefined as unknown as TandemApi,
    log: [],
    events: [],
    metrics: () => sampleMetrics(),
    emit: (name, payload) => listeners.get(name)?.forEach((l) => l(payload)),
    callsOf: (name) => fake.log.filter((c) => c.name === name).map((c) => c.input),
  };
  const handlers: Record<string, (input: never) => unknown> = {
    getAppInfo: () => ({ name: 'Tandem', version: '0.0.0', platform: 'linux', shell: 'harness' }),
    getSettings: () => ({ ...defaultSettings(), role: 'supervisor' }),
    getEventStoreNotices: () => [],
    getMetrics: (filter: EventFilter) => fake.metrics(filter),
    listAgentRows: () => ({
      rows: sampleMetrics().by.agent.map((r) => ({ ...r, agentId: r.key, team: 'us-core' })),
      total: 2,
    }),
    listEvents: () => ({ events: fake.events, nextCursor: null }),
    exportEvents: () => ({ path: null, text: 'id\n', count: 0 }),
    importEvents: () => ({ imported: 0, duplicates: 0, errors: [], errorCount: 0 }),
    importEventsFromDialog: () => null,
  };
  const table = calls as Record<string, CallDef>;
  fake.api = buildTandemApi({
    invoke: async (name, payload): Promise<IpcResult<unknown>> => {
      const def = table[name];
      const handler = handlers[name];
      if (!def || !handler)
        return { ok: false, error: { code: 'unknown_call', message: `No fake for ${name}` } };
      const parsed = def.input.safeParse(payload);
      if (!parsed.success)
        return { ok: false, error: { code: 'invalid_payload', message: parsed.error.message } };
      fake.log.push({ name, input: parsed.data });
      return { ok: true, data: def.output.parse(handler(parsed.data as never)) };
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
