import { createHash } from 'node:crypto';
import { countMatches, letterStats } from './text-stats';

/**
 * Text Tandem itself recently put on the clipboard, as a predicate or as a set of `ownWriteHash`
 * values, so that an accepted reply copied by Tandem is not read back as a new customer message.
 */
export type RecentOwnWrites = ReadonlySet<string> | ((text: string) => boolean);

/** The fingerprint of a clipboard write: SHA-256 of the trimmed text, so no reply text is kept. */
export function ownWriteHash(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex');
}

export type NotCustomerReason = 'empty' | 'own_write' | 'url' | 'number' | 'code' | 'too_short';

export interface CustomerMessageVerdict {
  isCustomerMessage: boolean;
  reason?: NotCustomerReason;
  /** Shown in the panel when the clipboard is ignored. */
  message?: string;
}

const MESSAGES: Record<NotCustomerReason, string> = {
  empty: 'The text is empty.',
  own_write: 'Tandem put this text on the clipboard itself.',
  url: 'The text is only a link.',
  number: 'The text is only a number or an identifier.',
  code: 'The text looks like code or data, not a message.',
  too_short: 'The text has fewer than two words.',
};

const BARE_URL = /^(?:<)?(?:[a-z][a-z0-9+.-]{1,20}:\/\/|www\.)\S{1,4000}(?:>)?$/i;
const NUMBERISH = /^[#+]?[\p{N}\p{P}\p{S}\s]{1,200}$/u;
const IDENTIFIER = /^[A-Za-z0-9_#./:-]{1,200}$/;
/** A whitespace-separated token with a letter and no digit: "1Z999AA…" is an identifier, not two words. */
const TOKEN = /\S{1,200}/g;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\d/;

function countWords(text: string, limit: number): number {
  let n = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m && n < limit; m = TOKEN.exec(text)) {
    if (HAS_LETTER.test(m[0]) && !HAS_DIGIT.test(m[0])) n++;
  }
  return n;
}
const CODE_LINE =
  /^\s*(?:(?:import|export|const|let|var|function|class|def|return|public|private|package|#include|SELECT|INSERT|UPDATE|DELETE)\b|[{}[\]();]\s*$|<\?|\$\s|\/\/|#!)/;
const CODE_CHARS = /[{}[\]();=<>$`\\|&*]/g;

function isOwnWrite(text: string, own: RecentOwnWrites | undefined): boolean {
  if (!own) return false;
  if (typeof own === 'function') return own(text);
  return own.size > 0 && own.has(ownWriteHash(text));
}

/**
 * Decides whether clipboard text is a customer message worth analysing. Agents copy links, order
 * numbers, snippets of code and their own replies all day; analysing those would flash a bogus
 * intent and escalation. The checks are cheap and run on the normalized text (and the raw text for
 * the own-write check, which must match what was written byte for byte apart from outer whitespace).
 */
export function classifyCustomerMessage(
  raw: string,
  normalized: string,
  recentOwnWrites?: RecentOwnWrites,
): CustomerMessageVerdict {
  const text = normalized.trim();
  const no = (reason: NotCustomerReason): CustomerMessageVerdict => ({
    isCustomerMessage: false,
    reason,
    message: MESSAGES[reason],
  });
  if (text.length === 0) return no('empty');
  if (isOwnWrite(raw, recentOwnWrites) || (raw.trim() !== text && isOwnWrite(text, recentOwnWrites))) {
    return no('own_write');
  }
  if (BARE_URL.test(text)) return no('url');
  if (NUMBERISH.test(text)) return no('number');
  const sample = text.length > 600 ? text.slice(0, 600) : text;
  if (looksLikeCode(sample)) return no('code');
  const words = countWords(sample, 2);
  if (words < 2) {
    // One CJK "word" is a whole sentence; otherwise a lone token is an identifier or a greeting.
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{4,}/u.test(sample);
    if (!cjk) return no(IDENTIFIER.test(sample) && /\d/.test(sample) ? 'number' : 'too_short');
  }
  return { isCustomerMessage: true };
}

function looksLikeCode(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  if (lines.length === 0) return false;
  const codeLines = lines.filter((l) => CODE_LINE.test(l)).length;
  const symbols = countMatches(CODE_CHARS, text);
  const { letters } = letterStats(text);
  if (lines.length >= 2 && codeLines / lines.length >= 0.5) return true;
  if (/^\s*[{[]/.test(text) && /[}\]]\s*$/.test(text) && /"[^"\n]{1,200}"\s*:/.test(text)) return true; // JSON
  return text.length >= 20 && symbols / Math.max(1, letters + symbols) > 0.3;
}
