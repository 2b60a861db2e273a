/** Kinds of personal data the engine masks before text can leave the machine. */
export const PII_TYPES = [
  'CARD',
  'CVV',
  'EXPIRY',
  'IBAN',
  'SSN',
  'PASSWORD',
  'PIN',
  'OTP',
  'DOB',
  'EMAIL',
  'PHONE',
  'ADDRESS',
  'NAME',
] as const;
export type PiiType = (typeof PII_TYPES)[number];

/**
 * Which values a reply may put back locally. A reply can greet the customer by name or confirm
 * their e-mail; it must never echo a card, CVV, password or code, so those values are not even kept.
 */
export const RESTORABLE: Readonly<Record<PiiType, boolean>> = {
  CARD: false,
  CVV: false,
  EXPIRY: false,
  IBAN: false,
  SSN: false,
  PASSWORD: false,
  PIN: false,
  OTP: false,
  DOB: false,
  EMAIL: true,
  PHONE: true,
  ADDRESS: true,
  NAME: true,
};

/** Overlap winner: a card beats a phone number read inside it, and so on down the list. */
export const PRIORITY: Readonly<Record<PiiType, number>> = Object.fromEntries(
  PII_TYPES.map((t, i) => [t, PII_TYPES.length - i]),
) as Record<PiiType, number>;

/** A raw detection in the text being redacted. */
export interface Finding {
  type: PiiType;
  start: number;
  end: number;
  /** Canonical value, used to give repeats the same placeholder (digits only for numbers). */
  key: string;
}

export type Span = readonly [number, number];
