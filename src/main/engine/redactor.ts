import type { CountryCode } from 'libphonenumber-js';
import type { MessageInput } from '../../shared/domain/context';
import { compileOrderPatterns, extractEntities } from './entities';
import { normalizeChars } from './normalize';
import { redact, type RedactionResult } from './redact';

export interface RedactorOptions {
  orderPatterns?: string[];
  defaultCountry?: CountryCode;
}

/** Redaction on its own, for text that is not analysed: recorded replies, the `redact` command. */
export interface Redactor {
  redactText(text: string, context?: Pick<MessageInput, 'customer'>): RedactionResult;
}

/** The customer's names from context, masked wherever they appear in the text. */
export function contextNames(input: Pick<MessageInput, 'customer'>): string[] {
  return [input.customer?.name, input.customer?.firstName].filter((n): n is string => typeof n === 'string');
}

/**
 * Builds a redactor without the intent model, so redacting costs no start-up training. Text gets
 * the same character cleaning as analysis (NFKC, invisible characters out), so full-width or
 * zero-width-split numbers are still caught, and business values (order and tracking numbers,
 * amounts, dates) are shielded exactly as in analysis.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const orderPatterns = compileOrderPatterns(options.orderPatterns);
  return {
    redactText(text, context = {}) {
      const clean = normalizeChars(text);
      const business = extractEntities(clean, { orderPatterns, now: new Date(0) });
      return redact(clean, {
        protectedSpans: business.map((e) => e.span),
        names: contextNames(context),
        defaultCountry: options.defaultCountry,
      });
    },
  };
}
