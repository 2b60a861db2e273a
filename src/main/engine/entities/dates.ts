import { DATE_SOURCE, matchAll, MONTHS } from '../redact/patterns';

export interface DateMatch {
  start: number;
  end: number;
  value: string;
  /** YYYY-MM-DD when the date can be resolved (year taken from `now` when missing). */
  iso?: string;
}

const DATE = new RegExp(`(?<![\\w/.-])${DATE_SOURCE}(?![\\w/])`, 'gi');
const RELATIVE =
  /\b(?:today|yesterday|tomorrow|last\s(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:\d{1,2}|a|one|two|three|four|five|six|seven|ten)\s(?:days?|weeks?|months?)\sago)\b/gi;
const MONTH_INDEX = MONTHS.split('|').map((m) => m.slice(0, 3));

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** Resolves a matched date; numeric "03/04" is read month-first (US stores) unless the first part is > 12. */
function toIso(raw: string, nowYear: number): string | undefined {
  const s = raw.toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return valid(+m[1]!, +m[2]!, +m[3]!) ? `${m[1]}-${pad(+m[2]!)}-${pad(+m[3]!)}` : undefined;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) {
    let a = +m[1]!;
    let b = +m[2]!;
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    if (s.includes('.') || a > 12) [a, b] = [b, a];
    return valid(y, a, b) ? `${y}-${pad(a)}-${pad(b)}` : undefined;
  }
  const month = MONTH_INDEX.findIndex((mm) => new RegExp(`\\b${mm}`).test(s)) + 1;
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(s.replace(/\d{4}/, ''));
  const year = /\b(\d{4})\b/.exec(s);
  if (month > 0 && day) {
    const y = year ? +year[1]! : nowYear;
    return valid(y, month, +day[1]!) ? `${y}-${pad(month)}-${pad(+day[1]!)}` : undefined;
  }
  return undefined;
}

/** Calendar and relative dates ("March 3", "03/15/2024", "2 weeks ago"). */
export function findDates(text: string, now: Date): DateMatch[] {
  const out: DateMatch[] = [];
  const year = now.getUTCFullYear();
  for (const m of matchAll(DATE, text)) {
    const iso = toIso(m[0], year);
    // "3/4" style without a valid calendar reading is a fraction or a size, not a date.
    if (!iso && /^\d/.test(m[0])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, value: m[0], iso });
  }
  for (const m of matchAll(RELATIVE, text)) {
    out.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}
