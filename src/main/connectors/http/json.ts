import { ConnectorError } from './errors';

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/**
 * Integers beyond 2^53 (Zendesk and Gorgias ids can be) keep their exact digits as strings. Uses the
 * `context.source` argument that Node 24's JSON.parse passes to revivers, so no hand-written parser.
 */
const keepBigIntegers: Reviver = (_key, value, context) => {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined) {
    if (/^-?\d+$/.test(context.source)) return context.source;
  }
  return value;
};

/** Parses a helpdesk body; malformed or truncated JSON becomes a clear error instead of a crash. */
export function parseJsonLossless(text: string, vendor: string): unknown {
  try {
    return JSON.parse(text, keepBigIntegers as (key: string, value: unknown) => unknown);
  } catch {
    throw new ConnectorError(
      'bad_response',
      `${vendor} sent incomplete or malformed data (the response may have been cut off). Try again.`,
    );
  }
}

/** True when a body is an HTML page (login portal, proxy or maintenance page) rather than API data. */
export function looksLikeHtml(text: string, contentType: string | null): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return /^\s*<(!doctype|html|head|body)/i.test(text);
}
