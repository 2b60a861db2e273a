const DAY_MS = 86_400_000;

/** A half-open time range in epoch ms; null is unbounded on that side. */
export type Range = readonly [number | null, number | null];

/**
 * Splits the dashboard's whole-hour window into the whole UTC days inside it (read from the daily
 * rollups) and the hours left at either edge (read from the hourly ones). A local day in UTC+1 runs
 * 23:00–23:00 UTC, so a week's view is six days and 24 hours, not 168 hours; two months are 60 days.
 * `days` is null when the window holds no whole day.
 */
export function splitDays(window: Range): { days: Range | null; hours: Range[] } {
  const [from, to] = window;
  const dayFrom = from === null ? null : Math.ceil(from / DAY_MS) * DAY_MS;
  const dayTo = to === null ? null : Math.floor(to / DAY_MS) * DAY_MS;
  if (dayFrom !== null && dayTo !== null && dayFrom >= dayTo) return { days: null, hours: [window] };
  const hours: Range[] = [];
  if (from !== null && dayFrom! > from) hours.push([from, dayFrom]);
  if (to !== null && dayTo! < to) hours.push([dayTo, to]);
  return { days: [dayFrom, dayTo], hours };
}
