import { findPhoneNumbersInText } from 'libphonenumber-js';

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
    /\b(cvv2?|cvc2?|csc|security code|card code|password|passcode|pin|one[- ]time (?:code|password)|otp|verification code)(\s*(?:is|was|:|=|#)?\s*)(\S{3,64})/gi,
    (_m, label: string, sep: string) => `${label}${sep}[REMOVED_SECRET]`,
  );
  out = out.replace(/(?<![\d])(?:\d[ \-.]?){11,18}\d(?![\d])/g, (match) =>
    luhnValid(match.replace(/\D/g, '')) ? '[REMOVED_CARD]' : match,
  );
  try {
    const found = findPhoneNumbersInText(out, { defaultCountry: 'US' });
    for (let i = found.length - 1; i >= 0; i--) {
      const f = found[i]!;
      out = out.slice(0, f.startsAt) + '[REMOVED_PHONE]' + out.slice(f.endsAt);
    }
  } catch {
    // A parser failure must not block the request; the engine's redaction already ran.
  }
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
