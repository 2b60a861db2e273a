import type { z } from 'zod';
import { ConnectorError } from './errors';
import { looksLikeHtml, parseJsonLossless } from './json';
import { RateBudget, realTiming, type Timing } from './rate-budget';
import { backoffDelay, parseRetryAfter } from './retry-after';
import { describeVendorError, findMissingScope } from './vendor-errors';

/** Per-connector settings; tests inject timing, randomness and small timeouts here. */
export interface HttpClientOptions {
  /** Product name used in messages ("Zendesk could not…"). */
  vendor: string;
  baseUrl: string;
  /** Auth headers, fetched per request so rotated or refreshed credentials apply at once. */
  authHeaders: (signal?: AbortSignal) => Promise<Record<string, string>>;
  /** Called once on a 401 before giving up (OAuth token refresh). Returns true when a retry makes sense. */
  onUnauthorized?: () => Promise<boolean>;
  timeoutMs?: number;
  /** Retries after 429, 5xx, timeouts and dropped connections (the last two for idempotent requests only). */
  maxRetries?: number;
  /** Longest server-requested wait honoured before failing with "try again in …". */
  maxWaitMs?: number;
  timing?: Timing;
  random?: () => number;
  budget?: RateBudget;
  fetch?: typeof fetch;
  /** Receives one line per request: method, path (no query, no body), status, duration. */
  log?: (line: string) => void;
}

/** One request; the schema is mandatory so no unvalidated vendor body reaches the app. */
export interface HttpRequest<T> {
  method?: 'GET' | 'POST' | 'PUT';
  /** Relative to the base URL, or an absolute `next` link on the same origin. */
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  schema: z.ZodType<T>;
  /** Budget units this request costs (Help Scout counts writes double). */
  weight?: number;
  /** Defaults to true for GET; writes are never replayed after a timeout or a 5xx to avoid double posts. */
  idempotent?: boolean;
  signal?: AbortSignal;
  withAuth?: boolean;
  notFoundMessage?: string;
}

/** Validated body plus headers (pagination links, Resource-ID). */
export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 15_000;

/**
 * The resilient HTTP client every connector shares: timeouts on every request, bounded retries that
 * honour Retry-After, immediate stops on auth failures, and zod validation of every body. Bodies that are
 * HTML pages or cut-off JSON become plain-words errors, never crashes.
 */
export class HttpClient {
  private readonly timing: Timing;
  private readonly budget: RateBudget;
  private readonly origin: string;

  constructor(private readonly options: HttpClientOptions) {
    this.timing = options.timing ?? realTiming;
    this.budget = options.budget ?? new RateBudget(null, this.timing);
    try {
      this.origin = new URL(options.baseUrl).origin;
    } catch {
      throw new ConnectorError(
        'config',
        `The ${options.vendor} address "${options.baseUrl}" is not a valid URL.`,
      );
    }
  }

  async request<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    const { vendor } = this.options;
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? method === 'GET';
    const maxRetries = this.options.maxRetries ?? 3;
    const url = this.buildUrl(req);
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      if (req.signal?.aborted) throw new ConnectorError('cancelled', 'The request was cancelled.');
      await this.budget.acquire(req.weight ?? 1, req.signal).catch(() => {
        throw new ConnectorError('cancelled', 'The request was cancelled.');
      });
      const outcome = await this.sendOnce(method, url, req);
      if (outcome.kind === 'response') {
        const { response, text } = outcome;
        this.budget.observe(response.headers);
        if (response.ok)
          return {
            data: this.decode(text, response, req.schema),
            status: response.status,
            headers: response.headers,
          };
        const retryable = response.status === 429 || (response.status >= 500 && idempotent);
        if (response.status === 401 && !refreshed && this.options.onUnauthorized) {
          refreshed = true;
          if (await this.options.onUnauthorized()) continue;
        }
        if (!retryable || attempt >= maxRetries) throw this.statusError(response, text, req);
        await this.waitBeforeRetry(response, attempt, req.signal);
        continue;
      }
      if (outcome.kind === 'cancelled') throw new ConnectorError('cancelled', 'The request was cancelled.');
      if (!idempotent || attempt >= maxRetries) {
        throw outcome.kind === 'timeout'
          ? new ConnectorError(
              'timeout',
              `${vendor} did not answer in time. Check the connection and try again.`,
            )
          : new ConnectorError(
              'network',
              `${vendor} could not be reached (${outcome.cause}). Check the address and your network.`,
            );
      }
      await this.sleep(backoffDelay(attempt, BACKOFF_BASE_MS, BACKOFF_CAP_MS, this.random), req.signal);
    }
  }

  private get random(): () => number {
    return this.options.random ?? Math.random;
  }

  private buildUrl(req: HttpRequest<unknown>): URL {
    const absolute = /^https?:\/\//i.test(req.path);
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const url = new URL(absolute ? req.path : base + (req.path.startsWith('/') ? '' : '/') + req.path);
    if (url.origin !== this.origin) {
      throw new ConnectorError(
        'bad_response',
        `${this.options.vendor} pointed to another server; the link was not followed.`,
      );
    }
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private async sendOnce(
    method: string,
    url: URL,
    req: HttpRequest<unknown>,
  ): Promise<
    | { kind: 'response'; response: Response; text: string }
    | { kind: 'timeout' }
    | { kind: 'cancelled' }
    | { kind: 'network'; cause: string }
  > {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.withAuth !== false) Object.assign(headers, await this.options.authHeaders(req.signal));
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    const started = this.timing.now();
    try {
      const response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers,
        body,
        signal,
        redirect: 'follow',
      });
      const text = await response.text();
      this.options.log?.(
        `${this.options.vendor} ${method} ${url.pathname} → ${response.status} (${this.timing.now() - started} ms)`,
      );
      return { kind: 'response', response, text };
    } catch (error) {
      this.options.log?.(
        `${this.options.vendor} ${method} ${url.pathname} → failed (${this.timing.now() - started} ms)`,
      );
      if (req.signal?.aborted) return { kind: 'cancelled' };
      if (timeout.aborted) return { kind: 'timeout' };
      const inner = (error as { cause?: { code?: string; message?: string } }).cause;
      const cause = inner?.code ?? inner?.message?.slice(0, 60) ?? 'connection closed';
      return { kind: 'network', cause };
    }
  }

  private decode<T>(text: string, response: Response, schema: z.ZodType<T>): T {
    const { vendor } = this.options;
    if (looksLikeHtml(text, response.headers.get('content-type'))) {
      throw new ConnectorError(
        'bad_response',
        `${vendor} answered with a web page instead of data. Check the address (base URL).`,
      );
    }
    const raw = text.trim() === '' ? undefined : parseJsonLossless(text, vendor);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
      throw new ConnectorError('bad_response', `${vendor} sent data in an unexpected shape${where}.`);
    }
    return parsed.data;
  }

  private statusError(response: Response, text: string, req: HttpRequest<unknown>): ConnectorError {
    const { vendor } = this.options;
    const status = response.status;
    const html = looksLikeHtml(text, response.headers.get('content-type'));
    const body = html ? undefined : safeParse(text);
    if (status === 401) {
      return new ConnectorError(
        'unauthorized',
        `${vendor} rejected the credentials. Re-authenticate the connection in Settings.`,
        { status },
      );
    }
    if (status === 403) {
      const scope = findMissingScope(body, response.headers);
      const why = scope ? ` It needs the "${scope}" permission (scope).` : '';
      return new ConnectorError(
        'forbidden',
        `${vendor} refused access.${why} Re-authenticate with an account or token that has it.`,
        { status, scope },
      );
    }
    if (status === 404) {
      return new ConnectorError(
        'not_found',
        req.notFoundMessage ?? `${vendor} could not find it (404). It may have been deleted or merged.`,
        { status },
      );
    }
    if (status === 429) {
      const waitMs = parseRetryAfter(response.headers, this.timing.now());
      const when =
        waitMs !== null ? ` Try again in ${Math.ceil(waitMs / 1000)} s.` : ' Try again in a minute.';
      return new ConnectorError('rate_limited', `${vendor} is limiting requests right now.${when}`, {
        status,
        retryAfterMs: waitMs ?? undefined,
      });
    }
    if (status >= 500) {
      const page = html ? ' and sent an error page' : '';
      return new ConnectorError(
        'server_error',
        `${vendor} had a server problem (${status})${page}. Try again shortly.`,
        { status },
      );
    }
    const detail = describeVendorError(body);
    return new ConnectorError(
      'bad_request',
      `${vendor} did not accept the request (${status})${detail ? `: ${detail}` : ''}.`,
      { status },
    );
  }

  private async waitBeforeRetry(response: Response, attempt: number, signal?: AbortSignal): Promise<void> {
    const asked = response.status === 429 ? parseRetryAfter(response.headers, this.timing.now()) : null;
    const maxWait = this.options.maxWaitMs ?? 60_000;
    if (asked !== null && asked > maxWait) {
      throw new ConnectorError(
        'rate_limited',
        `${this.options.vendor} asked to wait ${Math.ceil(asked / 1000)} s before the next request. Try again later.`,
        {
          status: 429,
          retryAfterMs: asked,
        },
      );
    }
    const delay = asked ?? backoffDelay(attempt, BACKOFF_BASE_MS, BACKOFF_CAP_MS, this.random);
    if (response.status === 429) this.budget.pauseFor(delay);
    await this.sleep(delay, signal);
  }

  private async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await this.timing.sleep(ms, signal);
    } catch {
      throw new ConnectorError('cancelled', 'The request was cancelled.');
    }
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
