/**
 * Counting helpers that do not allocate one string per match: `text.match(/\p{L}/gu)` on a 2 KB
 * message builds a 1,500-element array, which showed up in profiles of every stage that used it.
 */

/** Number of letters (any script) and of upper-case letters. */
export function letterStats(text: string): { letters: number; upper: number; latin: number } {
  let letters = 0;
  let upper = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) {
        letters++;
        upper++;
        latin++;
      } else if (c >= 97 && c <= 122) {
        letters++;
        latin++;
      }
      continue;
    }
    const ch = text[i]!;
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (c < 0x250) latin++;
      if (ch === ch.toUpperCase()) upper++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      i++; // astral: count CJK extension letters once, skip emoji
    } else if (/\p{L}/u.test(ch)) {
      letters++;
    }
  }
  return { letters, upper, latin };
}

/** Number of matches of a global regex, without building the match array. */
export function countMatches(re: RegExp, text: string, limit = Infinity): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < limit && re.exec(text)) n++;
  re.lastIndex = 0;
  return n;
}
