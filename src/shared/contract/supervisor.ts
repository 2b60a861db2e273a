import { z } from 'zod';
import { defineCall, defineEvent } from '../ipc/define';
import { EventTypeSchema, TandemEventSchema } from '../domain/events';

/**
 * The supervisor dashboard's contract: metrics, the per-agent table, drill-down to single events,
 * export of the current view and import of other agents' exports. Every shape here is what the
 * metrics module returns, so the dashboard and `events stats --json` show the same numbers.
 */

const idList = z.array(z.string().min(1).max(200)).max(500);
/** A date (`2026-11-01`, read as the start of that day in the filter's time zone) or a full ISO timestamp. */
const DateBoundSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'Use YYYY-MM-DD or an ISO timestamp');

export const EventFilterSchema = z
  .object({
    /** Inclusive start. */
    from: DateBoundSchema.optional(),
    /** Exclusive end; a bare date means the END of that day, which is what a person picking "to Nov 30" means. */
    to: DateBoundSchema.optional(),
    agentIds: idList.optional(),
    teams: idList.optional(),
    intents: idList.optional(),
    /** The supervisor's offset from UTC, for day and hour buckets (e.g. 60 for CET). */
    tzOffsetMinutes: z.number().int().min(-840).max(840).default(0),
  })
  .strict();
export type EventFilter = z.input<typeof EventFilterSchema>;

/** Outcome counts over shown suggestions. `acceptanceRate` is Zendesk's definition: accepted incl. edited ÷ shown. */
export const OutcomeStatsSchema = z.object({
  shown: z.number(),
  acceptedAsIs: z.number(),
  acceptedEdited: z.number(),
  rejected: z.number(),
  /** Shown and neither accepted nor rejected. */
  ignored: z.number(),
  acceptanceRate: z.number().nullable(),
  asIsRate: z.number().nullable(),
  editedRate: z.number().nullable(),
  rejectedRate: z.number().nullable(),
  ignoredRate: z.number().nullable(),
  meanEditDistance: z.number().nullable(),
  meanMsToAccept: z.number().nullable(),
});
export type OutcomeStats = z.infer<typeof OutcomeStatsSchema>;

export const BreakdownRowSchema = OutcomeStatsSchema.extend({
  key: z.string(),
  messages: z.number(),
  overrides: z.number(),
  escalations: z.number(),
});
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

/** Percentiles interpolate linearly between ranks (Excel's PERCENTILE.INC); null when there is no value. */
export const DistributionSchema = z.object({
  count: z.number(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});
export type Distribution = z.infer<typeof DistributionSchema>;

const CountRowSchema = z.object({ key: z.string(), count: z.number() });
export type CountRow = z.infer<typeof CountRowSchema>;

export const MetricsSchema = z.object({
  filter: z.object({
    fromMs: z.number().nullable(),
    toMs: z.number().nullable(),
    tzOffsetMinutes: z.number(),
  }),
  totals: OutcomeStatsSchema.extend({
    messages: z.number(),
    overrides: z.number(),
    escalations: z.number(),
    draftsChecked: z.number(),
    draftsBlocked: z.number(),
    shownBlocked: z.number(),
    agents: z.number(),
  }),
  /** Over every accepted suggestion (as is = 0). */
  editDistance: DistributionSchema,
  /** Over edited acceptances only: how much agents change what they do change. */
  editDistanceEdited: DistributionSchema,
  /** Ten buckets of 0.1 over accepted suggestions; the last includes 1. */
  editHistogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  msToAccept: DistributionSchema,
  by: z.object({
    agent: z.array(BreakdownRowSchema),
    team: z.array(BreakdownRowSchema),
    intent: z.array(BreakdownRowSchema),
    suggestionSource: z.array(BreakdownRowSchema),
    model: z.array(BreakdownRowSchema),
    /** Keys `YYYY-MM-DD` in the filter's time zone, ascending. */
    day: z.array(BreakdownRowSchema),
    /** Keys `00`…`23` in the filter's time zone. */
    hour: z.array(BreakdownRowSchema),
  }),
  policy: z.object({
    byRule: z.array(
      z.object({
        ruleId: z.string(),
        flaggedSuggestions: z.number(),
        flaggedDrafts: z.number(),
        overrides: z.number(),
      }),
    ),
    overrides: z.number(),
    /** Suggestions and drafts that got a `block` verdict. */
    blocks: z.number(),
    /** overrides ÷ blocks. */
    overrideRate: z.number().nullable(),
    overrideReasons: z.array(CountRowSchema),
  }),
  escalations: z.object({
    total: z.number(),
    byReason: z.array(CountRowSchema),
    byPath: z.array(CountRowSchema),
  }),
  suggestionsPerThread: z
    .object({ threads: z.number(), mean: z.number().nullable() })
    .extend(DistributionSchema.omit({ count: true }).shape),
});
export type Metrics = z.infer<typeof MetricsSchema>;

export const AgentRowSchema = OutcomeStatsSchema.extend({
  agentId: z.string(),
  team: z.string(),
  messages: z.number(),
  overrides: z.number(),
  escalations: z.number(),
});
export type AgentRow = z.infer<typeof AgentRowSchema>;

export const AGENT_SORT_KEYS = [
  'agentId',
  'team',
  'messages',
  'shown',
  'acceptanceRate',
  'asIsRate',
  'editedRate',
  'rejectedRate',
  'ignoredRate',
  'overrides',
  'escalations',
  'meanEditDistance',
  'meanMsToAccept',
] as const;
export const AgentSortSchema = z
  .object({ by: z.enum(AGENT_SORT_KEYS).default('shown'), dir: z.enum(['asc', 'desc']).default('desc') })
  .strict();
export type AgentSort = z.input<typeof AgentSortSchema>;

export const PageSchema = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type PageRequest = z.input<typeof PageSchema>;

export const AgentPageSchema = z.object({ rows: z.array(AgentRowSchema), total: z.number() });
export type AgentPage = z.infer<typeof AgentPageSchema>;

/** Drill-down: single events, newest first. `cursor` is the last seen event id (stable while events arrive). */
export const EventListQuerySchema = z
  .object({
    types: z.array(EventTypeSchema).max(20).optional(),
    includeReplay: z.boolean().default(false),
    cursor: z.string().max(40).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type EventListQuery = z.input<typeof EventListQuerySchema>;

export const EventPageSchema = z.object({
  events: z.array(TandemEventSchema),
  nextCursor: z.string().nullable(),
});
export type EventPage = z.infer<typeof EventPageSchema>;

export const ExportFormatSchema = z.enum(['jsonl', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ImportErrorSchema = z.object({ file: z.string(), line: z.number(), message: z.string() });
export const ImportResultSchema = z.object({
  imported: z.number(),
  duplicates: z.number(),
  /** Capped at 1000 entries; `errorCount` has the full number. */
  errors: z.array(ImportErrorSchema),
  errorCount: z.number(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const StoreNoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type StoreNotice = z.infer<typeof StoreNoticeSchema>;

export const supervisorCalls = {
  getMetrics: defineCall(EventFilterSchema, MetricsSchema),
  listAgentRows: defineCall(
    z
      .object({
        filter: EventFilterSchema,
        sort: AgentSortSchema.prefault({}),
        page: PageSchema.prefault({}),
      })
      .strict(),
    AgentPageSchema,
  ),
  listEvents: defineCall(
    z.object({ filter: EventFilterSchema, query: EventListQuerySchema.prefault({}) }).strict(),
    EventPageSchema,
  ),
  /**
   * Exports the live events matching the filter (the current view). `file`: main asks the shell's save
   * dialog for the destination (the renderer never names a path to write) and returns the path, or null
   * when cancelled. `text`: returns the text itself for small views, refused above a cap.
   */
  exportEvents: defineCall(
    z
      .object({
        filter: EventFilterSchema,
        format: ExportFormatSchema,
        destination: z.enum(['file', 'text']),
      })
      .strict(),
    z.object({ path: z.string().nullable(), text: z.string().nullable(), count: z.number() }),
  ),
  importEvents: defineCall(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500) }).strict(),
    ImportResultSchema,
  ),
  /**
   * Import through the open dialog: main asks the supervisor for the files, so the renderer never
   * handles paths. Null when they cancel.
   */
  importEventsFromDialog: defineCall(z.void(), ImportResultSchema.nullable()),
  /** Problems met opening the store (a corrupt file moved aside), shown once to the supervisor. */
  getEventStoreNotices: defineCall(z.void(), z.array(StoreNoticeSchema)),
};

export const supervisorEvents = {
  /** Events were committed: the dashboard refetches. Carries ids only, never content. */
  onDidRecordEvents: defineEvent(z.object({ count: z.number(), latestIds: z.array(z.string()).max(100) })),
};
