import { createHash } from 'node:crypto';
import type { EventSource, TeamConnectionOverrides, TeamStatus } from '../../shared/contract/team';
import { teamStoreUrlProblem, type Settings } from '../../shared/domain/settings';
import type { Unsubscribe } from '../../shared/ipc/define';
import type { DashboardSource, DashboardSources } from '../events/supervisor-handlers';
import type { EventStore } from '../events/event-store';
import type { SecretStore } from '../ports/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { PgEventStore } from './pg-event-store';
import type { TeamSenderOptions } from './sender';
import { explainTeamError, testTeamConnection } from './team-connection-test';
import { createTeamHandlers, type TeamHandlers } from './team-handlers';
import { TeamShipping } from './team-shipping';

/** Timing knobs, so tests see retries and live updates without waiting for the production intervals. */
export interface TeamFeatureOptions {
  /** How often the dashboard over the team store looks for newly received events (default 5 s). */
  readPollMs?: number;
  sender?: Partial<Omit<TeamSenderOptions, 'outbox' | 'connection'>>;
}

export interface TeamFeatureDeps {
  /** The local store file (the outbox lives in it) and the store itself (its commits wake the sender). */
  dbPath: string;
  events: EventStore;
  settings: SettingsService;
  /** The raw secret store: the password is read here in main and nowhere else. */
  secrets: SecretStore;
  /** Fires when any secret changes (the password may have). */
  onDidChangeSecrets(listener: () => void): Unsubscribe;
  options?: TeamFeatureOptions;
}

export interface TeamFeature {
  handlers: TeamHandlers;
  shipping: TeamShipping;
  /** The dashboard's store: the local one, or the team store for a supervisor who configured it. */
  dashboard: DashboardSources;
  onDidChangeTeamStatus(listener: (status: TeamStatus) => void): Unsubscribe;
  onDidChangeEventSource(listener: (source: EventSource) => void): Unsubscribe;
  /** Resolves when the latest settings are applied (tests, and start-up ordering). */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

/** What the settings ask of the team store on this desktop. */
type Plan =
  | { mode: 'off' }
  | { mode: 'ship'; url: string; agentId: string; outboxCapacity: number; caPem?: string }
  | { mode: 'read'; url: string; caPem?: string; label: string }
  | { mode: 'invalid'; purpose: 'ship' | 'read'; reason: string; label: string };

/** "team store (db.example.com:5432/tandem)": where, without login or password. */
export function teamStoreLabel(url: string): string {
  try {
    const u = new URL(url);
    return `team store (${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname})`;
  } catch {
    return 'team store';
  }
}

/**
 * Agents (and trainers) ship their own events; a supervisor reads the team's. An agent's login is
 * its agent id (row-level security compares them), so a mismatch is refused here with words, rather
 * than queueing events the server would reject.
 */
export function planTeamStore(settings: Settings): Plan {
  const t = settings.teamStore;
  if (!t.enabled) return { mode: 'off' };
  const purpose = settings.role === 'supervisor' ? 'read' : 'ship';
  const label = teamStoreLabel(t.url);
  if (!t.url) {
    return { mode: 'invalid', purpose, label, reason: 'The team store is on but has no address.' };
  }
  const problem = teamStoreUrlProblem(t.url);
  if (problem) return { mode: 'invalid', purpose, label, reason: problem };
  const caPem = t.caPem ? { caPem: t.caPem } : {};
  if (purpose === 'read') return { mode: 'read', url: t.url, label, ...caPem };
  const login = decodeURIComponent(new URL(t.url).username);
  if (login !== settings.identity.agentId) {
    return {
      mode: 'invalid',
      purpose,
      label,
      reason: `The login in the team store address ("${login}") must be your agent ID ("${settings.identity.agentId}"): the team store only accepts an agent's own events. Change one of them in Settings.`,
    };
  }
  return { mode: 'ship', url: t.url, agentId: login, outboxCapacity: t.outboxCapacity, ...caPem };
}

const LOCAL_LABEL = 'this computer';

/**
 * Wires the team store into the app: configures shipping (or the supervisor's reading) from
 * Settings at start and again whenever the team store settings, the role, the agent id or the
 * password change; reports the status and the dashboard's source; serves the Settings test.
 */
export async function createTeamFeature(deps: TeamFeatureDeps): Promise<TeamFeature> {
  const { settings, secrets } = deps;
  const shipping = new TeamShipping(deps.dbPath, deps.events, secrets, deps.options?.sender ?? {});
  const local: DashboardSource = { kind: 'local', store: deps.events, label: LOCAL_LABEL, problem: null };
  let source: DashboardSource = local;
  let reader: PgEventStore | null = null;
  const sourceListeners = new Set<(source: EventSource) => void>();
  /** The last read failure of the team store the dashboard shows, for the header (null: it answered). */
  let readError: string | null = null;
  const publicSource = (): EventSource => ({
    kind: source.kind,
    label: source.label,
    problem: source.problem,
    readError: source.kind === 'team' ? readError : null,
  });
  const setSource = (next: DashboardSource): void => {
    source = next;
    readError = null;
    for (const l of [...sourceListeners]) l(publicSource());
  };

  let lastKey: string | null = null;
  let chain: Promise<void> = Promise.resolve();
  let disposed = false;

  const applyNow = async (): Promise<void> => {
    if (disposed) return;
    const current = settings.get();
    const plan = planTeamStore(current);
    const password = plan.mode === 'off' ? null : await secrets.get('teamStore.password');
    // Only a fingerprint of the password is kept, to notice that it changed.
    const key = JSON.stringify([plan, password && createHash('sha256').update(password).digest('hex')]);
    if (key === lastKey) return;
    lastKey = key;
    const oldReader = reader;
    reader = null;
    if (plan.mode === 'ship') {
      await shipping.configure({
        url: plan.url,
        agentId: plan.agentId,
        outboxCapacity: plan.outboxCapacity,
        ...(plan.caPem ? { caPem: plan.caPem } : {}),
      });
    } else if (plan.mode === 'invalid' && plan.purpose === 'ship') {
      await shipping.refuse(plan.reason);
    } else {
      await shipping.configure(null);
    }
    if (plan.mode === 'read') {
      try {
        reader = new PgEventStore(
          { url: plan.url, password: password ?? undefined, ...(plan.caPem ? { caPem: plan.caPem } : {}) },
          deps.options?.readPollMs,
        );
        // Take the live-update cursor now, not at the first poll: an event that reaches the server
        // between the switch and that poll would otherwise never be announced to the dashboard.
        void reader.check();
        const url = plan.url;
        const next: DashboardSource = {
          kind: 'team',
          store: reader,
          label: plan.label,
          problem: null,
          explainError: (error) => explainTeamError(error, url),
          reportRead: (error) => {
            const now = error === null ? null : explainTeamError(error, url);
            // Only the current source reports, and only a change is announced (no refetch loop).
            if (source !== next || now === readError) return;
            readError = now;
            for (const l of [...sourceListeners]) l(publicSource());
          },
        };
        setSource(next);
      } catch (error) {
        setSource({ kind: 'team', store: null, label: plan.label, problem: (error as Error).message });
      }
    } else if (plan.mode === 'invalid' && plan.purpose === 'read') {
      setSource({ kind: 'team', store: null, label: plan.label, problem: plan.reason });
    } else if (source !== local) {
      setSource(local);
    }
    await oldReader?.close();
  };
  const apply = (): Promise<void> => {
    chain = chain.then(applyNow).catch(async (error: unknown) => {
      // Settings that cannot be applied become the error status, never an unhandled rejection.
      lastKey = null;
      await shipping.refuse(`The team store settings could not be applied: ${(error as Error).message}`);
    });
    return chain;
  };

  const offSettings = settings.onDidChange(() => void apply());
  const offSecrets = deps.onDidChangeSecrets(() => void apply());
  await apply();

  const dashboard: DashboardSources = {
    current: () => source,
    onDidChange(listener) {
      const wrapped = (): void => listener();
      sourceListeners.add(wrapped);
      return () => {
        sourceListeners.delete(wrapped);
      };
    },
  };

  const testConnection = async (overrides: TeamConnectionOverrides | undefined) => {
    const current = settings.get();
    const url = overrides?.url ?? current.teamStore.url;
    const caPem = overrides?.caPem ?? current.teamStore.caPem;
    const problem = url ? teamStoreUrlProblem(url) : 'Enter the team store address first.';
    const fail = (message: string) => ({
      ok: false,
      message,
      latencyMs: 0,
      access: null,
      schemaVersion: null,
    });
    if (problem) return fail(problem);
    const purpose = current.role === 'supervisor' ? 'read' : 'ship';
    const login = decodeURIComponent(new URL(url).username);
    if (purpose === 'ship' && login !== current.identity.agentId) {
      return fail(
        `The login "${login}" must be your agent ID ("${current.identity.agentId}"): the team store only accepts an agent's own events.`,
      );
    }
    const password = (await secrets.get('teamStore.password')) ?? undefined;
    return testTeamConnection(
      { url, ...(password ? { password } : {}), ...(caPem ? { caPem } : {}) },
      purpose,
    );
  };

  return {
    shipping,
    dashboard,
    handlers: createTeamHandlers(shipping, { testConnection, eventSource: publicSource }),
    onDidChangeTeamStatus: (listener) => shipping.onDidChangeTeamStatus(listener),
    onDidChangeEventSource(listener) {
      sourceListeners.add(listener);
      return () => {
        sourceListeners.delete(listener);
      };
    },
    settled: () => chain,
    async dispose() {
      disposed = true;
      offSettings();
      offSecrets();
      await chain;
      sourceListeners.clear();
      await shipping.stop();
      await reader?.close();
      reader = null;
    },
  };
}
