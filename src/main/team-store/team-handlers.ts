import type { z } from 'zod';
import type { EventSource, TeamConnectionOverrides, TeamConnectionTest } from '../../shared/contract/team';
import type { teamCalls } from '../../shared/contract/team';
import { AppError } from '../../shared/ipc/result';
import type { CallContext } from '../ipc/router';
import type { TeamShipping } from './team-shipping';

type Calls = typeof teamCalls;
/** Same shape as the router's handlers, from this feature's own contract (see supervisor-handlers.ts). */
export type TeamHandlers = {
  [K in keyof Calls]: (
    input: z.output<Calls[K]['input']>,
    context: CallContext,
  ) => Promise<z.output<Calls[K]['output']>> | z.output<Calls[K]['output']>;
};

/** What the app core adds beside the shipping status: the Settings test and the dashboard's source. */
export interface TeamHandlerDeps {
  testConnection(overrides: TeamConnectionOverrides | undefined): Promise<TeamConnectionTest>;
  eventSource(): EventSource;
}

const LOCAL: EventSource = { kind: 'local', label: 'this computer', problem: null, readError: null };

/**
 * The status indicator's and Settings' IPC: the renderer asks once, then follows
 * `onDidChangeTeamStatus` / `onDidChangeEventSource`. Without `deps` (tools, tests of shipping alone)
 * the dashboard reads this computer and there is nothing to test.
 */
export function createTeamHandlers(
  shipping: Pick<TeamShipping, 'getStatus'>,
  deps?: TeamHandlerDeps,
): TeamHandlers {
  return {
    getTeamStatus: () => shipping.getStatus(),
    testTeamConnection: (overrides) => {
      if (!deps) throw new AppError('unavailable', 'Testing the team store is not available here.');
      return deps.testConnection(overrides);
    },
    getEventSource: () => deps?.eventSource() ?? { ...LOCAL },
  };
}
