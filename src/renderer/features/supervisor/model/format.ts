/** Shared number formats, so the cards, tables and chart summaries read the same way. */

/** A ratio as a percentage with one decimal; an em dash when there is nothing to divide. */
export function pct(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/** Edit distance (0–1) with two decimals. */
export function dist(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

/** A duration in seconds with one decimal, or minutes past two minutes. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms >= 120_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A count with thousands separators. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

/** A mean such as suggestions per thread, one decimal. */
export function decimal(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(1);
}

/** Readable words for rule ids and reason codes (`no_eta_guarantee` → "No eta guarantee"). */
export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}
