import type { z } from 'zod';
import type { teamCalls } from '../../shared/contract/team';
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

/** The status indicator's IPC: the renderer asks once, then follows `onDidChangeTeamStatus`. */
export function createTeamHandlers(shipping: Pick<TeamShipping, 'getStatus'>): TeamHandlers {
  return {
    getTeamStatus: () => shipping.getStatus(),
  };
}
