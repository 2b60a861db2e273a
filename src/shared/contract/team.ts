import { z } from 'zod';
import { defineCall, defineEvent } from '../ipc/define';

/**
 * Status of shipping this desktop's assist record to the team store, for the indicator in the
 * status bar: the agent must see at a glance whether supervisors get their events, and why not.
 */
export const TeamStatusSchema = z.object({
  /**
   * `off`: no team store configured; `connected`: the server took everything queued; `sending`: a
   * batch is on its way; `offline`: the server cannot be reached (events wait in the outbox);
   * `error`: the server refused (wrong password, missing schema, permissions) until settings change.
   */
  state: z.enum(['off', 'connected', 'sending', 'offline', 'error']),
  /** Events waiting in the local outbox. */
  queued: z.number().int().min(0),
  /** Why the last attempt failed, in words an agent can act on; never contains the password. */
  reason: z.string().max(500).optional(),
  /** Events dropped because the outbox was full (oldest first); non-zero means supervisors miss data. */
  dropped: z.number().int().min(0),
  lastSentAt: z.string().nullable(),
  nextRetryAt: z.string().nullable(),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;

export const teamCalls = {
  getTeamStatus: defineCall(z.void(), TeamStatusSchema),
};

export const teamEvents = {
  onDidChangeTeamStatus: defineEvent(TeamStatusSchema),
};
