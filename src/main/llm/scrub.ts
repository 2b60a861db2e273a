import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A last gate before text leaves the machine. The engine redacts first and knows far more; this catches
 * what a fake or older engine, or unredacted thread history, could let through (an e-mail, a card number,
 * a phone number, a named CVV or password), so a regression there never becomes a leak here.
 * Placeholders differ from the engine's (`[REMOVED_EMAIL]`) so they are never "restored".
 */
export function scrubOutgoing(text: string): string {
  let out = text.replace(
    /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})+/gu,
    '[REMOVED_EMAIL]',
  );
  out = out.replace(
    /\b(cvv2?|cvc2?|csc|security code|card code|pin|one[- ]time (?:code|password|passcode)|otp|verification code|2fa code)\b(\s*(?:is|was|:|=|#|-)?\s*)(\d{3,8})\b/gi,
    (_m, label: string, sep: string) => `${label}${sep}[REMOVED_SECRET]`,
  );
  out = out.replace(
    /\b(password|passcode|passwd)\b(\s*(?:is|was|:|=)\s*)((?!\[)\S{3,64})/gi,
    (_m, label: string, sep: string) => `${label}${sep}[REMOVED_SECRET]`,
  );
  out = out.replace(/(?<![\d])(?:\d[ \-.]?){11,18}\d(?![\d])/g, (match) =>
    luhnValid(match.replace(/\D/g, '')) ? '[REMOVED_CARD]' : match,
  );
  // Phone-like runs are cut out first and validated one by one with libphonenumber-js: its own text
  // finder is slow on hostile input (hundreds of ms on 8 KB of "1 1 1 …"), this stays linear.
  const seen = new Map<string, boolean>();
  out = out.replace(/(?<![\w#])\+?\(?\d[\d ().-]{5,18}\d(?![\w])/g, (candidate) => {
    let isPhone = seen.get(candidate);
    if (isPhone === undefined) {
      try {
        isPhone = parsePhoneNumberFromString(candidate, 'US')?.isValid() ?? false;
      } catch {
        isPhone = false;
      }
      seen.set(candidate, isPhone);
    }
    return isPhone ? '[REMOVED_PHONE]' : candidate;
  });
  return out;
}

/** Card numbers are Luhn-valid; order and tracking numbers of the same length mostly are not. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 12 || digits.length > 19) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
