import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import { matchAll } from './patterns';
import type { Finding, Span } from './types';

/**
 * Phone numbers are validated with libphonenumber-js (Google's numbering-plan metadata) rather
 * than a digit-count regex, which cannot tell a phone number from an order number. The library is
 * only given short digit-dense candidates: scanning whole messages with it is slow, and this
 * prefilter also keeps it away from 16-digit references and 100k-digit garbage (> 15 digits: not
 * a phone under E.164).
 */
const CANDIDATE = /(?<![\w+#$€£@/=.-])(?:\+|00)?\(?\d[\d ()./-]{5,22}\d(?!\d)/g;
/** Named phones are masked even when the number is not one the metadata knows (fictional ranges). */
const NAMED_BEFORE =
  /(?:phone|mobile|cell|tel|telephone|call me|text me|reach me|whatsapp|contact number|number is|my number|ring me|sms)\b[^\n\d]{0,20}$/i;

export interface PhoneOptions {
  /** Country for national numbers ("(415) 555-2671"); others need their trunk "0" or a "+". */
  defaultCountry?: CountryCode;
  /** Other countries whose national format ("020 7946 0958") is accepted. */
  otherCountries?: readonly CountryCode[];
}

/** Past this many candidates the text is not a message but a dump; stop paying for validation. */
const MAX_LIBRARY_CALLS = 200;

const OTHER_COUNTRIES: readonly CountryCode[] = ['GB', 'IE', 'AU', 'DE', 'FR', 'NL', 'ES', 'IT'];

/** Phone numbers outside the protected spans (order and tracking numbers, amounts, dates). */
export function findPhones(
  text: string,
  isBusy: (start: number, end: number) => boolean,
  options: PhoneOptions = {},
): Finding[] {
  const out: Finding[] = [];
  const primary = options.defaultCountry ?? 'US';
  const others = options.otherCountries ?? OTHER_COUNTRIES;
  let calls = 0;
  for (const m of matchAll(CANDIDATE, text)) {
    let candidate = m[0];
    let start = m.index;
    // A trailing ")" or "." belongs to the sentence, not the number.
    candidate = candidate.replace(/[\s.(/-]+$/, '');
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    const end = start + candidate.length;
    // Real numbers have few one-digit groups ("+1", "1-800"); "1 1 1 1 1 1 1" is not a phone.
    if (!plausibleGrouping(candidate)) continue;
    if (++calls > MAX_LIBRARY_CALLS) break;
    if (isBusy(start, end)) continue;
    const found = locate(candidate, primary, others);
    if (found) {
      out.push({ type: 'PHONE', start: start + found[0], end: start + found[1], key: digits });
      continue;
    }
    const before = text.slice(Math.max(0, start - 40), start);
    if (NAMED_BEFORE.test(before)) {
      if (candidate.startsWith('(') && !candidate.includes(')')) start += 1;
      out.push({ type: 'PHONE', start, end, key: digits });
    }
  }
  return out;
}

/** At most six digit groups, at most two of them one digit long ("+1", "1-800"). */
function plausibleGrouping(candidate: string): boolean {
  let groups = 0;
  let singles = 0;
  let len = 0;
  for (let i = 0; i <= candidate.length; i++) {
    const c = i < candidate.length ? candidate.charCodeAt(i) : 0;
    if (c >= 48 && c <= 57) {
      len++;
      continue;
    }
    if (len > 0) {
      groups++;
      if (len === 1) singles++;
      if (groups > 6 || singles > 2) return false;
    }
    len = 0;
  }
  return true;
}

function locate(candidate: string, primary: CountryCode, others: readonly CountryCode[]): Span | undefined {
  const international = candidate.startsWith('+') || candidate.startsWith('00');
  const attempts: (CountryCode | undefined)[] = international ? [undefined] : [primary];
  if (!international && candidate.replace(/^\(/, '').startsWith('0')) attempts.push(...others);
  for (const country of attempts) {
    const input = international && candidate.startsWith('00') ? '+' + candidate.slice(2) : candidate;
    const shift = input.length - candidate.length;
    const results = country ? findPhoneNumbersInText(input, country) : findPhoneNumbersInText(input);
    const best = results[0];
    if (best) return [best.startsAt === 0 ? 0 : best.startsAt - shift, best.endsAt - shift];
  }
  return undefined;
}
