/**
 * Shared regex fragments. Every pattern is linear on hostile input: quantifiers are bounded, and
 * patterns start only at a boundary (lookbehind) so a 100k-character run is tried once, not at
 * each of its positions.
 */

export const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** A calendar date: ISO, numeric with / . -, or with a month name, with or without the year. */
export const DATE_SOURCE =
  `(?:\\d{4}-\\d{1,2}-\\d{1,2}` +
  `|\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})` +
  `|(?:${MONTHS})\\.?\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?` +
  `|\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?(?:${MONTHS})\\.?(?:,?\\s\\d{4})?)`;

/** Escapes text for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a global regex and yields each match (resets lastIndex, skips empty matches). */
export function* matchAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    yield m;
  }
}

/** Start and end of capture group `g` (needs the `d` flag). */
export function groupSpan(m: RegExpExecArray, g: number): [number, number] | undefined {
  const idx = m.indices?.[g];
  return idx ? [idx[0], idx[1]] : undefined;
}
