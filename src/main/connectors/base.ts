import type { PostResult, TestConnectionResult } from '../../shared/domain/connectors';
import { HttpClient, type HttpClientOptions } from './http/client';
import { ConnectorError, toConnectorError } from './http/errors';
import { RateBudget, realTiming, type RateBudgetOptions } from './http/rate-budget';
import type { ConnectorCommonOptions } from './schemas';

/** Reads a credential from the injected secret store; a missing one is a Settings problem, said plainly. */
export async function requireSecret(
  getSecret: ConnectorCommonOptions['getSecret'],
  name: string,
  vendor: string,
  what: string,
): Promise<string> {
  const value = await getSecret(name);
  if (value === null || value.trim() === '') {
    throw new ConnectorError('config', `No ${what} is saved for ${vendor} (${name}). Add it in Settings.`);
  }
  return value.trim();
}

/** HTTP Basic header value; used by Zendesk (email/token), Freshdesk (key:X) and Gorgias (email:key). */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Builds the shared client from the common options so every connector gets the same resilience. */
export function createHttpClient(
  common: ConnectorCommonOptions,
  vendor: string,
  authHeaders: HttpClientOptions['authHeaders'],
  extras: {
    budget?: RateBudgetOptions;
    onUnauthorized?: HttpClientOptions['onUnauthorized'];
    baseUrl?: string;
  } = {},
): HttpClient {
  const timing = common.timing ?? realTiming;
  return new HttpClient({
    vendor,
    baseUrl: extras.baseUrl ?? common.baseUrl,
    authHeaders,
    onUnauthorized: extras.onUnauthorized,
    timeoutMs: common.timeoutMs,
    maxRetries: common.maxRetries,
    timing,
    random: common.random,
    fetch: common.fetch,
    log: common.log,
    budget: new RateBudget(extras.budget ?? null, timing),
  });
}

/** Posting never throws to the panel: it returns posted or failed-with-reason, which is what gets recorded. */
export async function toPostResult(vendor: string, post: () => Promise<PostResult>): Promise<PostResult> {
  try {
    return await post();
  } catch (error) {
    const e = toConnectorError(error, vendor);
    return { ok: false, code: e.code, message: e.message };
  }
}

/** "Test connection" in Settings: one cheap authenticated call, with the outcome in plain words. */
export async function toTestResult(
  vendor: string,
  probe: () => Promise<string>,
): Promise<TestConnectionResult> {
  try {
    return { ok: true, message: await probe() };
  } catch (error) {
    const e = toConnectorError(error, vendor);
    return { ok: false, code: e.code, message: e.message };
  }
}

/** Connected-as line that names the account without echoing more personal data than needed. */
export function connectedAs(vendor: string, name?: string, email?: string): string {
  const who = name ? (email ? `${name} (${email})` : name) : email;
  return who ? `Connected to ${vendor} as ${who}.` : `Connected to ${vendor}.`;
}

/** Path segment for an id typed or pasted by a person: digits only for numeric-id helpdesks. */
export function numericId(id: string, vendor: string): string {
  const trimmed = id.trim().replace(/^#/, '');
  if (!/^\d{1,30}$/.test(trimmed)) {
    throw new ConnectorError('bad_request', `"${id.slice(0, 40)}" is not a ${vendor} ticket number.`);
  }
  return trimmed;
}

/** An empty or whitespace-only reply is refused before any request, so nothing blank reaches a customer. */
export function requireText(text: string, vendor: string): void {
  if (text.trim() === '') {
    throw new ConnectorError('bad_request', `Nothing was posted to ${vendor}: the reply is empty.`);
  }
}
