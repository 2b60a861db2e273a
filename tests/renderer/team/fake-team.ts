import type { SecretStatus } from '../../../src/shared/contract/settings';
import {
  EventSourceSchema,
  TeamConnectionTestSchema,
  TeamStatusSchema,
  type EventSource,
  type TeamConnectionOverrides,
  type TeamConnectionTest,
  type TeamStatus,
} from '../../../src/shared/contract/team';
import type { IpcResult } from '../../../src/shared/ipc/result';
import type { FakeTandem } from '../fake-tandem';

export interface FakeTeam {
  status: TeamStatus;
  source: EventSource;
  testResult: TeamConnectionTest;
  tests: (TeamConnectionOverrides | undefined)[];
  /** Secret values main received (the page must never get them back). */
  secrets: Map<string, string>;
  /** Every answer the team/secret fakes sent to the page. */
  answers: unknown[];
}

export const OFF: TeamStatus = { state: 'off', queued: 0, dropped: 0, lastSentAt: null, nextRetryAt: null };
export const LOCAL: EventSource = { kind: 'local', label: 'this computer', problem: null, readError: null };

/**
 * Adds main's team store calls to the renderer fake: status, dashboard source, Test connection, and
 * secret status that knows the team store password. Answers go through the contract's schemas.
 */
export function withTeam(
  fake: FakeTandem,
  init: Partial<Pick<FakeTeam, 'status' | 'source'>> = {},
): FakeTeam {
  const team: FakeTeam = {
    status: init.status ?? OFF,
    source: init.source ?? LOCAL,
    testResult: { ok: true, message: 'Connected.', latencyMs: 12, access: 'agent', schemaVersion: 1 },
    tests: [],
    secrets: new Map(),
    answers: [],
  };
  const answer = <T>(data: T): IpcResult<T> => {
    const result = { ok: true as const, data };
    team.answers.push(result);
    return result;
  };
  const secretStatus = (): SecretStatus => ({
    backend: fake.backend,
    warning: fake.warning,
    isSet: {
      'llm.apiKey': fake.secrets.has('llm.apiKey'),
      'teamStore.password': team.secrets.has('teamStore.password'),
    },
  });
  const base = fake.api;
  fake.api = {
    ...base,
    getTeamStatus: async () => answer(TeamStatusSchema.parse(team.status)),
    getEventSource: async () => answer(EventSourceSchema.parse(team.source)),
    testTeamConnection: async (overrides?: TeamConnectionOverrides) => {
      team.tests.push(overrides);
      return answer(TeamConnectionTestSchema.parse(team.testResult));
    },
    getSecretStatus: async () => answer(secretStatus()),
    setSecret: async (input) => {
      if (input.name === 'teamStore.password') team.secrets.set(input.name, input.value);
      else fake.secrets.set(input.name, input.value);
      return answer(secretStatus());
    },
    clearSecret: async (input) => {
      team.secrets.delete(input.name);
      fake.secrets.delete(input.name);
      return answer(secretStatus());
    },
  };
  return team;
}
