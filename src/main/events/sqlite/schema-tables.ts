/**
 * The event store's tables as Kysely sees them. The metric queries are written against these
 * interfaces only, so the PostgreSQL team store can serve the same queries from tables of the same shape.
 *
 * - `events`: one row per event, append-only; the metric columns are lifted out of the JSON payload.
 * - Rollups of live (non-replay) events, kept in the same transaction as the events, so that dashboard
 *   aggregates over a million events read thousands of rows instead of scanning every event:
 *   `rollup_team_hourly` (totals and day/hour trends), `rollup_dim_daily` (one dimension at a time:
 *   agent, intent, suggestion source, model), `hist_daily` (edit-distance and time-to-accept histograms
 *   for percentiles), `rollup_labels_daily` (rule/reason/path counts), their `*_intent_*` twins for
 *   views filtered by intent, and `rollup_hourly` (all dimensions at once: filtered views and partial-day edges).
 * - `event_labels`: one row per rule id / reason code / path / override reason of a live event, so
 *   "findings by rule" and "escalations by reason" are plain GROUP BYs in any SQL dialect (no JSON functions).
 * - `threads`: suggestions shown per (agent, thread), for "suggestions per thread".
 * - `rollup_threads_daily`: how many threads, by the UTC day of their first event, team and number of
 *   suggestions shown; kept equal to `threads` by triggers (insert, upsert, retention delete), so the
 *   unfiltered dashboard reads a few hundred rows instead of range-scanning every thread of the period.
 * - `accepted`: edit distance and time to accept of each live acceptance, in a narrow table of its
 *   own so percentile reads use its covering indexes and never compete with the events' type index.
 */
export interface EventsTable {
  seq: number;
  id: string;
  type: string;
  at: string;
  at_ms: number;
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
  payload: string;
}

/** Counter columns of {@link RollupHourlyTable}, in the order the writer binds them. */
export const ROLLUP_COUNTERS = [
  'messages',
  'shown',
  'shown_blocked',
  'accepted_as_is',
  'accepted_edited',
  'rejected',
  'overrides',
  'escalations',
  'drafts_checked',
  'drafts_blocked',
  'edit_sum',
  'accept_ms_sum',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

export type RollupHourlyTable = {
  /** Whole hours since the Unix epoch (UTC). */
  hour: number;
  agent_id: string;
  team: string;
  /** '' when the event had none: NULLs would defeat the unique key in both SQLite and PostgreSQL. */
  intent: string;
  suggestion_source: string;
  model: string;
} & Record<RollupCounter, number>;

/** Team totals per hour: KPI cards and the day/hour trends, in any time zone. */
export type RollupTeamHourlyTable = { hour: number; team: string } & Record<RollupCounter, number>;

export type DimensionName = 'agent' | 'intent' | 'ssrc' | 'model';

/** Per (UTC day, team) counters for one dimension value at a time. */
export type RollupDimDailyTable = { day: number; team: string; dim: DimensionName; value: string } & Record<
  RollupCounter,
  number
>;

/** Histogram of accepted suggestions per (UTC day, team): `edit` buckets of 0.01, `ms` log buckets (see buckets.ts). */
export interface HistDailyTable {
  day: number;
  team: string;
  metric: 'edit' | 'ms';
  bucket: number;
  count: number;
}

/** The same counters per intent, for views filtered by intent (keyed intent-first so the filter is a key prefix). */
export type RollupIntentHourlyTable = { intent: string; hour: number; team: string } & Record<
  RollupCounter,
  number
>;
export type RollupIntentDailyTable = {
  intent: string;
  dim: DimensionName | 'team';
  day: number;
  team: string;
  value: string;
} & Record<RollupCounter, number>;
export type HistIntentDailyTable = HistDailyTable & { intent: string };

/** Label counts per (UTC day, team): policy findings, overrides and escalations without scanning labels. */
export interface RollupLabelsDailyTable {
  day: number;
  team: string;
  kind: LabelKind;
  label: string;
  count: number;
}

export type LabelKind =
  'rule_shown' | 'rule_draft' | 'rule_override' | 'override_reason' | 'escalation_reason' | 'escalation_path';

export interface EventLabelsTable {
  event_id: string;
  kind: LabelKind;
  label: string;
  at_ms: number;
  agent_id: string;
  team: string;
  intent: string;
}

export interface ThreadsTable {
  agent_id: string;
  thread_id: string;
  team: string;
  intent: string;
  first_at_ms: number;
  last_at_ms: number;
  messages: number;
  shown: number;
}

/** Threads counted by (UTC day of first event, team, suggestions shown); see the migration's triggers. */
export interface RollupThreadsDailyTable {
  day: number;
  team: string;
  shown: number;
  count: number;
}

/** One row per live acceptance: the values exact percentiles are computed from. */
export interface AcceptedTable {
  event_id: string;
  at_ms: number;
  agent_id: string;
  team: string;
  intent: string;
  edited: number;
  edit_distance: number;
  ms_to_accept: number;
}

export interface EventDatabase {
  events: EventsTable;
  accepted: AcceptedTable;
  rollup_hourly: RollupHourlyTable;
  rollup_team_hourly: RollupTeamHourlyTable;
  rollup_dim_daily: RollupDimDailyTable;
  hist_daily: HistDailyTable;
  rollup_labels_daily: RollupLabelsDailyTable;
  rollup_intent_hourly: RollupIntentHourlyTable;
  rollup_intent_daily: RollupIntentDailyTable;
  hist_intent_daily: HistIntentDailyTable;
  event_labels: EventLabelsTable;
  threads: ThreadsTable;
  rollup_threads_daily: RollupThreadsDailyTable;
}
