import type { CountryCode } from 'libphonenumber-js';
import { findCardExtras, findCards, findIbans, findSsns } from './financial';
import { findAddresses, findDatesOfBirth, findEmails, findNames, findSecrets } from './personal';
import { findPhones } from './phones';
import { PRIORITY, RESTORABLE, type Finding, type PiiType, type Span } from './types';

export { PII_TYPES, RESTORABLE, type PiiType, type Span } from './types';

/** One masked value: where it was in the input and where its placeholder is in the output. */
export interface RedactedEntity {
  type: PiiType;
  placeholder: string;
  /** [start, end) in the text that was redacted. */
  span: [number, number];
  /** [start, end) of the placeholder in the redacted text. */
  redactedSpan: [number, number];
}

/**
 * What a placeholder stood for, kept on this machine only. Values that may never be restored
 * (cards, CVVs, passwords, codes, SSNs, IBANs, dates of birth) are not kept at all: holding them
 * would only create a copy that could leak.
 */
export interface RestoreEntry {
  type: PiiType;
  allowRestore: boolean;
  value?: string;
}
export type RestoreMap = Record<string, RestoreEntry>;

export interface RedactionResult {
  text: string;
  entities: RedactedEntity[];
  restore: RestoreMap;
}

export interface RedactOptions {
  /** Spans that are order numbers, tracking numbers, amounts or dates: never read as phones or addresses. */
  protectedSpans?: readonly Span[];
  /** The customer's name(s) from context, masked wherever they appear. */
  names?: readonly string[];
  defaultCountry?: CountryCode;
}

/** Types that a protected span (order number, tracking number, amount, date) shields. */
const SHIELDED: ReadonlySet<PiiType> = new Set<PiiType>(['PHONE', 'ADDRESS', 'SSN', 'CVV', 'PIN', 'NAME']);

/**
 * Finds and masks personal data. Every detector is linear on hostile input. Overlaps resolve by
 * priority (a card beats a phone read inside it), then by length. Equal values share a placeholder
 * so "[EMAIL_1] … [EMAIL_1]" still reads as the same address.
 */
export function redact(text: string, options: RedactOptions = {}): RedactionResult {
  const protectedSpans = options.protectedSpans ?? [];
  const cards = findCards(text);
  const findings: Finding[] = [
    ...cards,
    ...findCardExtras(text, cards),
    ...findIbans(text),
    ...findSsns(text),
    ...findSecrets(text),
    ...findDatesOfBirth(text),
    ...findEmails(text),
    ...findAddresses(text),
    ...findNames(text, options.names),
  ];
  const shield = maskOf(text.length, protectedSpans);
  const busy = maskOf(text.length, protectedSpans);
  for (const f of findings) if (f.type !== 'ADDRESS' && f.type !== 'NAME') busy.fill(1, f.start, f.end);
  findings.push(
    ...findPhones(text, (s, e) => anySet(busy, s, e), { defaultCountry: options.defaultCountry }),
  );
  const kept = resolveOverlaps(
    findings.filter((f) => f.end > f.start && !(SHIELDED.has(f.type) && anySet(shield, f.start, f.end))),
    text.length,
  );
  return applyPlaceholders(text, kept);
}

function maskOf(length: number, spans: readonly Span[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const [s, e] of spans) mask.fill(1, Math.max(0, s), Math.min(length, e));
  return mask;
}

function anySet(mask: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (mask[i]) return true;
  return false;
}

/** Occupancy mask instead of pairwise checks: thousands of findings in hostile text stay linear. */
function resolveOverlaps(findings: Finding[], length: number): Finding[] {
  const taken = new Uint8Array(length);
  const ranked = findings
    .slice()
    .sort(
      (a, b) =>
        PRIORITY[b.type] - PRIORITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
  const chosen: Finding[] = [];
  for (const f of ranked) {
    let free = true;
    for (let i = f.start; i < f.end && free; i++) if (taken[i]) free = false;
    if (!free) continue;
    taken.fill(1, f.start, f.end);
    chosen.push(f);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function applyPlaceholders(text: string, findings: Finding[]): RedactionResult {
  const counters = new Map<PiiType, number>();
  const byKey = new Map<string, string>();
  const restore: RestoreMap = {};
  const entities: RedactedEntity[] = [];
  const parts: string[] = [];
  let last = 0;
  let outLen = 0;
  for (const f of findings) {
    const key = `${f.type}\u0000${f.key.toLowerCase()}`;
    let placeholder = byKey.get(key);
    if (!placeholder) {
      const n = (counters.get(f.type) ?? 0) + 1;
      counters.set(f.type, n);
      placeholder = `[${f.type}_${n}]`;
      byKey.set(key, placeholder);
      const allowRestore = RESTORABLE[f.type];
      restore[placeholder] = allowRestore
        ? { type: f.type, allowRestore, value: text.slice(f.start, f.end) }
        : { type: f.type, allowRestore };
    }
    parts.push(text.slice(last, f.start));
    outLen += f.start - last;
    entities.push({
      type: f.type,
      placeholder,
      span: [f.start, f.end],
      redactedSpan: [outLen, outLen + placeholder.length],
    });
    parts.push(placeholder);
    outLen += placeholder.length;
    last = f.end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), entities, restore };
}

const PLACEHOLDER = /\[([A-Z]{3,8})_(\d{1,4})\]/g;

/**
 * Puts allowed values back into a reply before it is pasted locally (a name, an e-mail). Never-
 * restorable placeholders stay masked, so a draft can never echo a card number.
 */
export function restorePlaceholders(text: string, restore: RestoreMap): string {
  return text.replace(PLACEHOLDER, (whole) => {
    const entry = Object.hasOwn(restore, whole) ? restore[whole] : undefined;
    return entry && entry.allowRestore && entry.value !== undefined ? entry.value : whole;
  });
}
