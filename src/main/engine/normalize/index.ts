import { htmlToPlainText } from './html';
import {
  deleteRanges,
  identityMapped,
  replaceMapped,
  sliceMapped,
  trimMapped,
  type MappedText,
} from './mapped-text';
import { findQuotedAndSignatureRanges } from './quotes';

export { looksLikeHtml } from './html';
export type { MappedText } from './mapped-text';

/** The default cap; longer messages are analysed on their head and flagged `truncated`. */
export const DEFAULT_MAX_CHARS = 20_000;

export interface NormalizeOptions {
  maxChars?: number;
}

export interface Normalized {
  /** Clean text every later stage reads. */
  text: string;
  /** The text before invisible characters, quotes and extra whitespace were removed (after HTML and NFKC). */
  source: string;
  /** `map[i]` is the offset in `source` of `text[i]`. */
  map: Int32Array;
  truncated: boolean;
  wasHtml: boolean;
  /** How many zero-width or bidi-control characters were removed (a hint of obfuscation). */
  invisibleRemoved: number;
}

/**
 * Zero-width, bidi-control and other invisible format characters. They hide PII from pattern
 * matching ("4111\u200B1111…") and reorder text on screen (Trojan-source style), so they go.
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- each invisible code point is listed on purpose, to be removed alone
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]+/g;
/** C0/C1 controls except tab and newline; NUL bytes and binary noise become a space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]+/g;
/** Half of a surrogate pair without its partner (broken clipboard data); replaced like toWellFormed(). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Runs worth rewriting: two or more blanks, or a single tab/odd space. A lone ' ' is left alone. */
const HORIZONTAL_SPACE = /[^\S\n]{2,}|[^\S\n ]/g;
/** A newline with blanks around it or further newlines; a bare '\n' needs no edit. */
const NEWLINE_RUN = / \n[ \n]*|\n[ \n]+/g;

let segmenter: Intl.Segmenter | undefined;

/**
 * The largest offset ≤ `limit` that does not split a grapheme (emoji sequences, flags, combining
 * marks). Only a small window around the cut is segmented, so a 10 MB string costs no more than a
 * short one.
 */
export function graphemeSafeCut(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  if (limit <= 0) return 0;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = Math.max(0, limit - 64);
  const window = text.slice(from, Math.min(text.length, limit + 64));
  const seg = segmenter.segment(window).containing(limit - from);
  if (!seg) return limit;
  const start = from + seg.index;
  return start < limit ? start : limit;
}

/**
 * Turns pasted or helpdesk text into what the engine analyses: HTML to text, NFKC (full-width digits
 * and letters become ASCII, so they cannot dodge redaction), invisible characters out, quoted chain
 * and signature out, whitespace collapsed, capped at a grapheme boundary. Keeps a map back to the
 * source so highlights land on what the agent sees.
 */
export function normalize(input: string, options: NormalizeOptions = {}): Normalized {
  const maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_CHARS);
  // A 10 MB paste is cut before the expensive steps; the final cap below still applies.
  const preCap = Math.max(maxChars * 4, 100_000);
  let raw = typeof input === 'string' ? input : '';
  let truncated = false;
  if (raw.length > preCap) {
    raw = raw.slice(0, graphemeSafeCut(raw, preCap));
    truncated = true;
  }
  const html = htmlToPlainText(raw);
  const source = html.text.normalize('NFKC').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, ' ');

  let m: MappedText = identityMapped(source);
  let invisibleRemoved = 0;
  m = replaceMapped(m, INVISIBLE, (match) => {
    invisibleRemoved += match[0].length;
    return '';
  });
  m = replaceMapped(m, /\r\n?/g, () => '\n');
  m = deleteRanges(m, findQuotedAndSignatureRanges(m.text));
  m = replaceMapped(m, HORIZONTAL_SPACE, () => ' ');
  m = replaceMapped(m, NEWLINE_RUN, (match) =>
    match[0].indexOf('\n') !== match[0].lastIndexOf('\n') ? '\n\n' : '\n',
  );
  m = trimMapped(m);
  if (m.text.length > maxChars) {
    m = trimMapped(sliceMapped(m, graphemeSafeCut(m.text, maxChars)));
    truncated = true;
  }
  return { text: m.text, source, map: m.map, truncated, wasHtml: html.wasHtml, invisibleRemoved };
}

/** Maps a span of the normalized text back to the source text. */
export function toSourceSpan(n: Pick<Normalized, 'map'>, span: readonly [number, number]): [number, number] {
  const start = n.map[Math.max(0, Math.min(span[0], n.map.length - 1))] ?? 0;
  const endIdx = Math.max(0, Math.min(span[1], n.map.length - 1));
  const end = span[1] > span[0] ? (n.map[endIdx - 1] ?? 0) + 1 : start;
  return [start, end];
}

/**
 * The light version for text that is not a customer message (an agent's draft, a reply to record):
 * the same character-level cleaning, no quote or signature cut, no whitespace reflow.
 */
export function normalizeChars(input: string): string {
  return input
    .normalize('NFKC')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '');
}
