/** The team store's tables as Kysely sees them (resources/team-store/*.sql). */

/** The team store's events table as Kysely sees it (resources/team-store/001_events.sql). */
export interface TeamEventsTable {
  id: string;
  at: Date;
  type: string;
  agent_id: string;
  team: string;
  source: string;
  thread_id: string;
  ticket_id: string | null;
  intent: string | null;
  suggestion_id: string | null;
  suggestion_source: string | null;
  model: string | null;
  verdict: string | null;
  accept_kind: string | null;
  edit_distance: number | null;
  ms_to_accept: number | null;
  payload: unknown;
  received_at: Date;
}
/** Hourly counters kept by the insert trigger (resources/team-store/002_rollups.sql). */
interface RollupCounters {
  hour: Date;
  team: string;
  messages: number;
  shown: number;
  shown_blocked: number;
  accepted_as_is: number;
  accepted_edited: number;
  rejected: number;
  overrides: number;
  escalations: number;
  drafts_checked: number;
  drafts_blocked: number;
  edit_sum: number;
  accept_ms_sum: number;
}
export interface TeamRollupTable extends RollupCounters {
  intent: string;
  suggestion_source: string;
  model: string;
}
export interface TeamAgentRollupTable extends RollupCounters {
  agent_id: string;
}
/** Label counts and acceptance histograms kept by the insert trigger (003_dashboard_rollups.sql). */
export interface TeamRollupLabelsTable {
  hour: Date;
  team: string;
  intent: string;
  type: string;
  kind: 'rule' | 'code' | 'reason' | 'path';
  label: string;
  n: number;
}
export interface TeamRollupAcceptTable {
  hour: Date;
  team: string;
  intent: string;
  kind: 'edit' | 'ms';
  bucket: number;
  n: number;
}
export interface TeamRollupThreadsTable {
  agent_id: string;
  thread_id: string;
  team: string;
  intent: string;
  first_at: Date;
  messages: number;
  shown: number;
}
/** A daily companion of an hourly rollup (004_daily_rollups.sql): the same keys with the UTC day for the hour. */
export type Daily<T extends { hour: Date }> = Omit<T, 'hour'> & { day: Date };
/** Conversations by suggestions shown, per UTC day they started (004). */
export interface TeamRollupThreadDaysTable {
  day: Date;
  team: string;
  intent: string;
  shown: number;
  n: number;
}
/** One row per INSERT that stored events, for the dashboard's live updates (004). */
export interface TeamReceiptsTable {
  seq: string;
  xid: string;
  received_at: Date;
  n: number;
  latest_ids: string[];
}
export interface TeamDatabase {
  tandem_events: TeamEventsTable;
  tandem_rollup_threads: TeamRollupThreadsTable;
  tandem_rollup_hourly: TeamRollupTable;
  tandem_rollup_agent_hourly: TeamAgentRollupTable;
  tandem_rollup_labels: TeamRollupLabelsTable;
  tandem_rollup_accept: TeamRollupAcceptTable;
  tandem_rollup_daily: Daily<TeamRollupTable>;
  tandem_rollup_agent_daily: Daily<TeamAgentRollupTable>;
  tandem_rollup_agent_intent_daily: Daily<TeamAgentRollupTable> & { intent: string };
  tandem_rollup_accept_daily: Daily<TeamRollupAcceptTable>;
  tandem_rollup_thread_days: TeamRollupThreadDaysTable;
  tandem_receipts: TeamReceiptsTable;
}
