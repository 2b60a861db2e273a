import type { EventFilter } from '../../../../shared/contract/supervisor';

/** Date-range presets a supervisor picks most; "custom" uses the from/to fields. */
export type RangePreset = 'today' | '7d' | '30d' | 'custom';

/** The dashboard's filter as the supervisor sets it (UI words, not the contract's shape). */
export interface DashboardFilter {
  preset: RangePreset;
  /** `YYYY-MM-DD`, only read when `preset` is custom. */
  customFrom: string;
  customTo: string;
  agentId: string;
  team: string;
  intent: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar date of `date`, as the supervisor reads a wall calendar. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const presetDays: Record<Exclude<RangePreset, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30 };

/**
 * Turns what the supervisor picked into the contract's filter. Bounds are bare local dates plus the
 * supervisor's UTC offset, so main buckets days and hours the way the supervisor's calendar does, and the
 * same filter gives the same numbers in the dashboard, the export and `events stats`.
 */
export function toEventFilter(f: DashboardFilter, now: Date = new Date()): EventFilter {
  const filter: EventFilter = { tzOffsetMinutes: 0 - now.getTimezoneOffset() };
  if (f.preset === 'custom') {
    if (isDate(f.customFrom)) filter.from = f.customFrom;
    // An end before the start is reported by the form (rangeError) and left out rather than sent.
    if (isDate(f.customTo) && !(isDate(f.customFrom) && f.customTo < f.customFrom)) filter.to = f.customTo;
  } else {
    const start = new Date(now.getTime());
    start.setHours(12, 0, 0, 0);
    filter.from = localDate(new Date(start.getTime() - (presetDays[f.preset] - 1) * DAY_MS));
  }
  if (f.agentId) filter.agentIds = [f.agentId];
  if (f.team) filter.teams = [f.team];
  if (f.intent) filter.intents = [f.intent];
  return filter;
}

/** The date-only part of a filter: the scope the filter menus list their choices from. */
export function rangeOnly(filter: EventFilter): EventFilter {
  const { agentIds: _a, teams: _t, intents: _i, ...rest } = filter;
  return rest;
}

const isDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A custom range whose end is before its start; the form says so instead of showing nothing. */
export function rangeError(f: DashboardFilter): string | undefined {
  if (f.preset !== 'custom') return undefined;
  if (isDate(f.customFrom) && isDate(f.customTo) && f.customTo < f.customFrom)
    return 'The end date is before the start date.';
  return undefined;
}
