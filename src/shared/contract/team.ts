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

/**
 * What "Test connection" tries: the unsaved form's URL and CA (the password always comes from the
 * SecretStore in main, so it never crosses IPC back out). Absent fields use the saved settings.
 */
export const TeamConnectionOverridesSchema = z
  .object({
    url: z.string().trim().max(2000).optional(),
    caPem: z.string().max(65_536).optional(),
  })
  .strict();
export type TeamConnectionOverrides = z.infer<typeof TeamConnectionOverridesSchema>;

export const TeamConnectionTestSchema = z.object({
  ok: z.boolean(),
  /** Plain words: what worked, or why not (wrong password, unreachable, TLS required, schema too new). */
  message: z.string().max(1000),
  latencyMs: z.number().min(0),
  /** What this login may do on the server: ship its own events, read the team's, or neither. */
  access: z.enum(['agent', 'supervisor', 'admin', 'none']).nullable(),
  schemaVersion: z.number().int().nullable(),
});
export type TeamConnectionTest = z.infer<typeof TeamConnectionTestSchema>;

/**
 * Where the supervisor dashboard reads from. Said out loud in the app chrome so a supervisor never
 * mistakes this computer's records for the team's, or the reverse.
 */
export const EventSourceSchema = z.object({
  kind: z.enum(['local', 'team']),
  /** e.g. "this computer" or "team store (db.example.com/tandem)"; never contains the password. */
  label: z.string().max(300),
  /** Why the configured team store cannot be used at all (bad settings), or null. */
  problem: z.string().max(500).nullable(),
  /** Why the dashboard's last read from the team store failed (unreachable, login refused), or null. */
  readError: z.string().max(1000).nullable().default(null),
});
export type EventSource = z.infer<typeof EventSourceSchema>;

export const teamCalls = {
  getTeamStatus: defineCall(z.void(), TeamStatusSchema),
  testTeamConnection: defineCall(TeamConnectionOverridesSchema.optional(), TeamConnectionTestSchema),
  getEventSource: defineCall(z.void(), EventSourceSchema),
};

export const teamEvents = {
  onDidChangeTeamStatus: defineEvent(TeamStatusSchema),
  /** The dashboard's source changed (role or team store settings): views refetch everything. */
  onDidChangeEventSource: defineEvent(EventSourceSchema),
};
