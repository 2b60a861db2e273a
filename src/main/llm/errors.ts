import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { MissingApiKeyError } from './client';
import { EndpointConfigError } from './presets';

/** Why LLM drafts are not shown; the panel badges the offline suggestions with the plain-words message. */
export type LlmFailureCode =
  | 'disabled'
  | 'config'
  | 'no_key'
  | 'offline'
  | 'tls'
  | 'proxy'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'model_not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'quota'
  | 'server_error'
  | 'timeout'
  | 'malformed'
  | 'content_filter'
  | 'incomplete'
  | 'cancelled';

/** A failure the caller can show as is; `retryable` and `retryAfterMs` drive our own backoff. */
export interface LlmFailure {
  code: LlmFailureCode;
  message: string;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Walks `cause` links: undici hides the socket error code two levels down a generic "fetch failed". */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Reads `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date), capped by the caller. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const host = (baseUrl: string): string => {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
};

/** Builds a failure the caller creates itself (timeout, malformed output, cut stream). */
export const failure = (
  code: LlmFailureCode,
  message: string,
  extra: Partial<LlmFailure> = {},
): LlmFailure => ({
  code,
  message,
  retryable: false,
  ...extra,
});

/**
 * Explains an SDK or network error in plain words for an agent who does not read stack traces, and
 * decides whether our backoff may retry it (429 and 5xx only; a bad key will not fix itself).
 */
export function classifyError(error: unknown, context: { baseUrl: string; model: string }): LlmFailure {
  const where = host(context.baseUrl);
  if (error instanceof MissingApiKeyError) return failure('no_key', error.message);
  if (error instanceof EndpointConfigError) return failure('config', error.message);
  if (error instanceof APIUserAbortError) return failure('cancelled', 'The request was cancelled.');
  if (error instanceof APIConnectionTimeoutError) {
    return failure('timeout', `The model endpoint (${where}) did not answer in time.`);
  }
  if (error instanceof APIConnectionError) {
    const code = causeCode(error);
    if (code && TLS_CODES.has(code)) {
      return failure(
        'tls',
        `The secure connection to ${where} failed (${code}). A company proxy or an untrusted certificate may be in the way.`,
      );
    }
    if (code && OFFLINE_CODES.has(code)) {
      const what = code === 'ECONNREFUSED' ? 'nothing is listening there' : 'the address could not be found';
      return failure(
        'offline',
        `Cannot reach the model endpoint ${where}: ${what}. Check the URL and that the server runs.`,
      );
    }
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
      return failure('offline', `The connection to ${where} was dropped. Check the network or proxy.`, {
        retryable: false,
      });
    }
    return failure('offline', `Cannot reach the model endpoint ${where}. You may be offline.`);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const body = (error.error ?? {}) as { code?: unknown; type?: unknown; message?: unknown };
    const detail = `${String(body.code ?? '')} ${String(body.type ?? '')} ${String(body.message ?? error.message)}`;
    if (status === 401) {
      return failure('auth', `The model endpoint refused the API key (401). Check the key in Settings.`, {
        status,
      });
    }
    if (status === 403) {
      return failure('forbidden', `The API key may not use this endpoint or model (403).`, { status });
    }
    if (status === 407) {
      return failure('proxy', `A proxy between Tandem and ${where} asks for its own login (407).`, {
        status,
      });
    }
    if (status === 404) {
      if (/model|deployment/i.test(detail)) {
        return failure('model_not_found', `The model "${context.model}" was not found at ${where} (404).`, {
          status,
        });
      }
      return failure(
        'not_found',
        `Nothing answers at that URL on ${where} (404). Check the base URL (it usually ends in /v1).`,
        {
          status,
        },
      );
    }
    if (status === 429) {
      if (/insufficient_quota|quota|billing/i.test(detail)) {
        return failure('quota', 'The account behind the API key has run out of quota (429).', { status });
      }
      return failure(
        'rate_limited',
        'The model endpoint is rate-limiting requests (429). Try again shortly.',
        {
          status,
          retryable: true,
          retryAfterMs: retryAfterMs(error.headers),
        },
      );
    }
    if (status === 408) {
      return failure('timeout', `The model endpoint (${where}) timed out (408).`, {
        status,
        retryable: true,
      });
    }
    if (status >= 500) {
      return failure('server_error', `The model endpoint had an internal error (${status}).`, {
        status,
        retryable: true,
        retryAfterMs: retryAfterMs(error.headers),
      });
    }
    if (status === 400 && /content.?filter|content_policy|safety/i.test(detail)) {
      return failure('content_filter', "The provider's content filter refused this message.", { status });
    }
    return failure('bad_request', `The model endpoint rejected the request (${status}).`, { status });
  }
  if (error instanceof APIError) {
    return failure('server_error', 'The model endpoint reported an error in the middle of its answer.');
  }
  if (error instanceof SyntaxError) {
    return failure('malformed', 'The model endpoint sent data Tandem could not read.');
  }
  return failure('offline', `The request to ${where} failed.`);
}
