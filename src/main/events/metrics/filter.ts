import { AppError } from '../../../shared/ipc/result';
import { EventFilterSchema, type EventFilter } from '../../../shared/contract/supervisor';

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A filter with its bounds resolved to epoch milliseconds, shared by every metric query. */
export interface ResolvedFilter {
  fromMs: number | null;
  toMs: number | null;
  agentIds: string[] | null;
  teams: string[] | null;
  intents: string[] | null;
  tzOffsetMinutes: number;
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseBound(value: string | undefined, tzOffsetMinutes: number, end: boolean): number | null {
  if (value === undefined) return null;
  if (BARE_DATE.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`) - tzOffsetMinutes * 60_000;
    if (Number.isNaN(ms)) throw new AppError('invalid_payload', `"${value}" is not a date.`);
    return end ? ms + DAY_MS : ms;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('invalid_payload', `"${value}" is not a date or time.`);
  return ms;
}

const nonEmpty = (list: string[] | undefined): string[] | null => (list && list.length > 0 ? list : null);

/**
 * Resolves the dashboard's filter. A bare `to` date is the end of that day (what someone picking
 * "to Nov 30" means); dates are read in the supervisor's time zone offset.
 */
export function resolveFilter(input: EventFilter): ResolvedFilter {
  const filter = EventFilterSchema.parse(input);
  const fromMs = parseBound(filter.from, filter.tzOffsetMinutes, false);
  const toMs = parseBound(filter.to, filter.tzOffsetMinutes, true);
  if (fromMs !== null && toMs !== null && fromMs >= toMs) {
    throw new AppError('invalid_payload', 'The start of the date range must be before its end.');
  }
  return {
    fromMs,
    toMs,
    agentIds: nonEmpty(filter.agentIds),
    teams: nonEmpty(filter.teams),
    intents: nonEmpty(filter.intents),
    tzOffsetMinutes: filter.tzOffsetMinutes,
  };
}

/**
 * Hour bounds for the hourly rollups: the whole hours inside the range. Date ranges in whole-hour
 * time zones are exact; in half-hour zones (UTC+05:30) the half hour at each end is left out, which
 * keeps every counted hour inside one local day.
 */
export function hourBounds(filter: ResolvedFilter): { fromHour: number | null; toHour: number | null } {
  const fromHour = filter.fromMs === null ? null : Math.ceil(filter.fromMs / HOUR_MS);
  let toHour = filter.toMs === null ? null : Math.floor(filter.toMs / HOUR_MS);
  if (fromHour !== null && toHour !== null && toHour < fromHour) toHour = fromHour;
  return { fromHour, toHour };
}

/** The millisecond window every aggregate counts: the whole hours of {@link hourBounds}. */
export function aggregateWindow(filter: ResolvedFilter): [number | null, number | null] {
  const { fromHour, toHour } = hourBounds(filter);
  return [fromHour === null ? null : fromHour * HOUR_MS, toHour === null ? null : toHour * HOUR_MS];
}
