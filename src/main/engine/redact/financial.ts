import { cardBrand, IBAN_LENGTHS, ibanValid, luhnValid, ssnValid } from './checksums';
import { groupSpan, matchAll } from './patterns';
import type { Finding } from './types';

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  /** Preceded by a letter ("SKU1234", "1Z…E0205…"): part of a code, so no card starts here. */
  glued: boolean;
}

const MAX_SEPARATOR = 3;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Separators allowed inside a card number: space, dash, dot, slash, underscore, a line break. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 47 || c === 95 || c === 10 || c === 9;
}

/**
 * Splits the text into runs of digit groups joined by short separators ("4111 1111-1111.1111").
 * One pass, no regex, so 100k digits or 100k "1 1 1 …" cost a single scan.
 */
function forEachDigitRun(text: string, visit: (run: readonly DigitGroup[]) => void): void {
  // One reused array and short-lived groups: keeping every run alive made hostile input GC-bound.
  // Runs with fewer than 12 digits cannot hold a card and are dropped without a call.
  const run: DigitGroup[] = [];
  let runDigits = 0;
  let lastEnd = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    const glued = start > 0 && isLetter(text.charCodeAt(start - 1));
    const joinable =
      lastEnd !== -1 && !glued && start - lastEnd <= MAX_SEPARATOR && onlySeparators(text, lastEnd, start);
    if (!joinable) {
      if (runDigits >= 12) visit(run);
      run.length = 0;
      runDigits = 0;
    }
    run.push({ start, end: i, digits: '', glued });
    runDigits += i - start;
    lastEnd = i;
  }
  if (runDigits >= 12) visit(run);
}

function onlySeparators(text: string, from: number, to: number): boolean {
  let newlines = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!isSeparator(c)) return false;
    if (c === 10) newlines++;
  }
  return newlines <= 1;
}

/** A card written in groups: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4. */
function cardShaped(groups: readonly DigitGroup[]): boolean {
  const sizes = groups.map((g) => g.digits.length);
  if (sizes.length === 1) return true;
  if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4))
    return true;
  return sizes.every((n, k) => (k < sizes.length - 1 ? n === 4 : n >= 1 && n <= 4));
}

function asCard(groups: readonly DigitGroup[]): Finding | undefined {
  const digits = groups.map((g) => g.digits).join('');
  if (digits.length < 12 || digits.length > 19 || !cardBrand(digits) || !luhnValid(digits)) return undefined;
  return { type: 'CARD', start: groups[0]!.start, end: groups[groups.length - 1]!.end, key: digits };
}

/**
 * Payment card numbers: 12–19 digits, separators allowed, Luhn-valid and with a real issuer
 * prefix. A run of 12–19 digits is judged whole ("1234 5678 9012 3456" is one non-Luhn number, not
 * a card hiding inside it); a longer run ("4111 1111 1111 1111 5550 1234") is searched for a
 * card-shaped window of whole groups. 100k digits or "1 1 1 …" have no such window and cost one scan.
 */
export function findCards(text: string): Finding[] {
  const out: Finding[] = [];
  forEachDigitRun(text, (run) => {
    let total = 0;
    for (const g of run) total += g.end - g.start;
    if (total < 12) return;
    for (const g of run) g.digits = text.slice(g.start, g.end);
    if (total <= 19) {
      const card = run[0]!.glued ? undefined : asCard(run);
      if (card) out.push(card);
      return;
    }
    let i = 0;
    while (i < run.length) {
      const first = run[i]!;
      if (first.glued || (first.digits.length !== 4 && first.digits.length < 12)) {
        i++;
        continue;
      }
      let found: { card: Finding; j: number } | undefined;
      let count = 0;
      for (let j = i; j < run.length && j - i < 6; j++) {
        count += run[j]!.digits.length;
        if (count > 19) break;
        const window = run.slice(i, j + 1);
        const card = count >= 12 && cardShaped(window) ? asCard(window) : undefined;
        if (card) found = { card, j };
      }
      if (found) {
        out.push(found.card);
        i = found.j + 1;
      } else {
        i++;
      }
    }
  });
  return out;
}

const EXPIRY = /(?<![\d/])(0?[1-9]|1[0-2])\s?[/-]\s?(\d{4}|\d{2})(?![\d/])/y;
const NAMED_EXPIRY =
  /\b(?:exp(?:iry|iration|ires)?(?:\sdate)?|valid\s(?:thru|through|until))\b[^\d\n]{0,12}((?:0?[1-9]|1[0-2])\s?[/-]\s?(?:\d{4}|\d{2}))(?![\d/])/dgi;
const NAMED_CVV =
  /\b(?:cvv2?|cvc2?|cid|csc|cvn|security\scode|card\scode|verification\s(?:code|value)|3[-\s]digit\scode)\b[^\d\n]{0,20}(\d{3,4})(?!\d)/dgi;
/** Right after a card or expiry: punctuation or spaces only, then a lone 3–4 digit number. */
const TRAILING_CODE = /[\s,;:/|-]{1,4}(\d{3,4})(?![\d/]|[ -]\d)/y;

/**
 * CVV and expiry: named ("CVV 123", "exp 12/27") anywhere, and unnamed only right after a card
 * ("4111… 12/27 123"), where a bare three-digit number can be nothing else.
 */
export function findCardExtras(text: string, cards: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const m of matchAll(NAMED_EXPIRY, text)) {
    const s = groupSpan(m, 1)!;
    out.push({ type: 'EXPIRY', start: s[0], end: s[1], key: m[1]!.replace(/\s/g, '') });
  }
  for (const m of matchAll(NAMED_CVV, text)) {
    const s = groupSpan(m, 1)!;
    out.push({ type: 'CVV', start: s[0], end: s[1], key: m[1]! });
  }
  for (const card of cards) {
    let pos = card.end;
    const gap = /[^\d\n]{0,12}/y;
    gap.lastIndex = pos;
    gap.exec(text);
    EXPIRY.lastIndex = gap.lastIndex;
    const exp = EXPIRY.exec(text);
    if (exp) {
      out.push({
        type: 'EXPIRY',
        start: exp.index,
        end: exp.index + exp[0].length,
        key: exp[0].replace(/\s/g, ''),
      });
      pos = exp.index + exp[0].length;
    }
    TRAILING_CODE.lastIndex = pos;
    const code = TRAILING_CODE.exec(text);
    if (code) {
      const start = code.index + code[0].length - code[1]!.length;
      out.push({ type: 'CVV', start, end: start + code[1]!.length, key: code[1]! });
    }
  }
  return out;
}

const IBAN_CANDIDATE = /(?<![A-Za-z0-9])([A-Za-z]{2}\d{2})((?:[ -]?[A-Za-z0-9]){10,30})/g;

/**
 * IBANs: country code, check digits and the country's exact length, verified with mod 97. The
 * regex over-reads into following words on purpose; the country length decides where it ends.
 */
export function findIbans(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of matchAll(IBAN_CANDIDATE, text)) {
    const country = m[1]!.slice(0, 2).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    let compact = m[1]!.toUpperCase();
    let end = m.index + m[1]!.length;
    const body = m[2]!;
    for (let k = 0; k < body.length && compact.length < length; k++) {
      const ch = body[k]!;
      end = m.index + m[1]!.length + k + 1;
      if (ch !== ' ' && ch !== '-') compact += ch.toUpperCase();
    }
    if (compact.length !== length) continue;
    const next = text[end];
    if (next !== undefined && /[A-Za-z0-9]/.test(next)) continue;
    if (ibanValid(compact)) {
      out.push({ type: 'IBAN', start: m.index, end, key: compact });
      IBAN_CANDIDATE.lastIndex = end;
    }
  }
  return out;
}

const SSN_DASHED = /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g;
const SSN_NAMED =
  /\b(?:ssn|social\ssecurity(?:\snumber|\sno\.?|\s#)?|ss#)\b[^\d\n]{0,15}(\d{3}[- ]?\d{2}[- ]?\d{4})(?!\d)/dgi;

/** US Social Security numbers: 123-45-6789 shape, or nine digits named as an SSN. */
export function findSsns(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of matchAll(SSN_DASHED, text)) {
    if (ssnValid(m[1]!, m[3]!, m[4]!)) {
      out.push({ type: 'SSN', start: m.index, end: m.index + m[0].length, key: m[1]! + m[3]! + m[4]! });
    }
  }
  for (const m of matchAll(SSN_NAMED, text)) {
    const s = groupSpan(m, 1)!;
    const digits = m[1]!.replace(/\D/g, '');
    if (ssnValid(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) {
      out.push({ type: 'SSN', start: s[0], end: s[1], key: digits });
    }
  }
  return out;
}
