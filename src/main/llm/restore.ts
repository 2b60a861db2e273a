/** One placeholder the engine put in the redacted text, with the value it stands for (kept on this machine). */
export interface RestoreEntry {
  type: string;
  /** Absent for values the engine never keeps (cards, CVV, passwords). */
  value?: string;
  /** The engine's say: the customer's own name or order details yes, card numbers and secrets no. */
  allowRestore: boolean;
}

/** The engine's restore map; a Map or a plain object, both read the same way. */
export type RestoreMap = ReadonlyMap<string, RestoreEntry> | Readonly<Record<string, RestoreEntry>>;

/** Types that are never written back into a draft, whatever the map says: they must not be repeated to anyone. */
const NEVER_RESTORE =
  /(?:^|[_\s-])(?:card|cvv|cvc|security.?code|password|passcode|pin|otp|one.?time|iban|ssn|social|account.?number|expiry|dob)(?:$|[_\s-])/i;

const PLACEHOLDER = /\[[A-Z][A-Z_]*_\d+\]/g;

const lookup = (map: RestoreMap, key: string): RestoreEntry | undefined =>
  map instanceof Map
    ? map.get(key)
    : Object.hasOwn(map, key)
      ? (map as Record<string, RestoreEntry>)[key]
      : undefined;

/**
 * Puts allowed values back into a draft the model wrote from redacted text, locally and only for display,
 * so "Hi [NAME_1]" reads "Hi Dana" while "[CARD_1]" stays masked for the policy check to flag.
 */
export function restorePlaceholders(text: string, map: RestoreMap | undefined): string {
  if (!map) return text;
  return text.replace(PLACEHOLDER, (token) => {
    const entry = lookup(map, token);
    if (!entry || !entry.allowRestore || entry.value === undefined || NEVER_RESTORE.test(entry.type))
      return token;
    return entry.value;
  });
}
