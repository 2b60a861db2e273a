/**
 * Text that remembers where each of its characters came from. Every cleaning step (invisible
 * characters, quoted replies, whitespace) goes through these helpers so that a span found in the
 * normalized text can still be highlighted in the text the agent pasted.
 */
export interface MappedText {
  readonly text: string;
  /** `map[i]` is the source offset of `text[i]`; `map[text.length]` is the source end. */
  readonly map: Int32Array;
}

/** Starts a mapping where the source is the text itself. */
export function identityMapped(text: string): MappedText {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { text, map };
}

/**
 * Replaces each match of a global regex. Replacement characters map to the start of the match, so
 * a collapsed run of spaces still points at the run. Linear in the text (the regex must be too).
 */
export function replaceMapped(
  m: MappedText,
  re: RegExp,
  replacer: (match: RegExpExecArray) => string,
): MappedText {
  if (!re.global) throw new Error('replaceMapped needs a global regex');
  re.lastIndex = 0;
  const parts: string[] = [];
  const edits: { at: number; from: number; to: number; insert: string }[] = [];
  let last = 0;
  let outLen = 0;
  for (let match = re.exec(m.text); match; match = re.exec(m.text)) {
    if (match[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const insert = replacer(match);
    edits.push({
      at: outLen + (match.index - last),
      from: match.index,
      to: match.index + match[0].length,
      insert,
    });
    parts.push(m.text.slice(last, match.index), insert);
    outLen += match.index - last + insert.length;
    last = match.index + match[0].length;
  }
  if (edits.length === 0) return m;
  parts.push(m.text.slice(last));
  const text = parts.join('');
  const map = new Int32Array(text.length + 1);
  let src = 0;
  let out = 0;
  for (const e of edits) {
    while (src < e.from) map[out++] = m.map[src++]!;
    for (let k = 0; k < e.insert.length; k++) map[out++] = m.map[e.from]!;
    src = e.to;
  }
  while (src < m.text.length) map[out++] = m.map[src++]!;
  map[out] = m.map[m.text.length]!;
  return { text, map };
}

/** Deletes sorted, non-overlapping [start, end) ranges. */
export function deleteRanges(m: MappedText, ranges: readonly (readonly [number, number])[]): MappedText {
  if (ranges.length === 0) return m;
  const parts: string[] = [];
  let last = 0;
  for (const [s, e] of ranges) {
    if (s < last) continue;
    parts.push(m.text.slice(last, s));
    last = e;
  }
  parts.push(m.text.slice(last));
  const text = parts.join('');
  const map = new Int32Array(text.length + 1);
  let out = 0;
  last = 0;
  for (const [s, e] of ranges) {
    if (s < last) continue;
    for (let i = last; i < s; i++) map[out++] = m.map[i]!;
    last = e;
  }
  for (let i = last; i < m.text.length; i++) map[out++] = m.map[i]!;
  map[out] = m.map[m.text.length]!;
  return { text, map };
}

/** Keeps the head `[0, end)`. */
export function sliceMapped(m: MappedText, end: number): MappedText {
  if (end >= m.text.length) return m;
  const map = new Int32Array(end + 1);
  map.set(m.map.subarray(0, end + 1));
  return { text: m.text.slice(0, end), map };
}

/** Trims leading and trailing whitespace, keeping the map aligned. */
export function trimMapped(m: MappedText): MappedText {
  let s = 0;
  let e = m.text.length;
  while (s < e && /\s/.test(m.text[s]!)) s++;
  while (e > s && /\s/.test(m.text[e - 1]!)) e--;
  if (s === 0 && e === m.text.length) return m;
  return { text: m.text.slice(s, e), map: m.map.slice(s, e + 1) };
}
