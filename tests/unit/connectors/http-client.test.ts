import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpClient, type HttpClientOptions } from '../../../src/main/connectors/http/client';
import { ConnectorError } from '../../../src/main/connectors/http/errors';
import { parseJsonLossless } from '../../../src/main/connectors/http/json';
import { RateBudget } from '../../../src/main/connectors/http/rate-budget';
import { parseRetryAfter } from '../../../src/main/connectors/http/retry-after';
import {
  fakeTiming,
  HTML_ERROR_PAGE,
  startServer,
  type FakeServer,
  type Handler,
  type Reply,
} from './fake-server';

const Ok = z.object({ ok: z.boolean() });
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(replies: Array<Reply | 'hang'> | Handler, options: Partial<HttpClientOptions> = {}) {
  const queue = Array.isArray(replies) ? [...replies] : null;
  server = await startServer(queue ? () => queue.shift() ?? { json: { ok: true } } : (replies as Handler));
  const timing = fakeTiming();
  const logs: string[] = [];
  const client = new HttpClient({
    vendor: 'Acme Desk',
    baseUrl: server.url,
    authHeaders: async () => ({ authorization: 'Bearer secret-token-123' }),
    timing,
    random: () => 0.5,
    timeoutMs: 5000,
    maxRetries: 2,
    log: (line) => logs.push(line),
    ...options,
  });
  return { client, timing, logs, server };
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('HttpClient', () => {
  it('sends auth, query and JSON body, and validates the response ignoring unknown fields', async () => {
    const { client, server } = await setup([{ json: { ok: true, extra: 'ignored' } }]);
    const res = await client.request({
      method: 'POST',
      path: '/api/x',
      query: { a: 1, skip: undefined },
      json: { hi: 1 },
      schema: Ok,
    });
    expect(res.data).toEqual({ ok: true });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/api/x', query: { a: '1' }, json: { hi: 1 } });
    expect(req!.headers.authorization).toBe('Bearer secret-token-123');
    expect(req!.headers['content-type']).toBe('application/json');
  });

  it('honours Retry-After in seconds on 429', async () => {
    const { client, timing, server } = await setup([
      { status: 429, headers: { 'retry-after': '7' } },
      { json: { ok: true } },
    ]);
    await client.request({ path: '/x', schema: Ok });
    expect(timing.sleeps).toContain(7000);
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date on 429', async () => {
    const at = new Date(Date.parse('2026-11-24T12:00:00Z') + 12_000).toUTCString();
    const { client, timing } = await setup([
      { status: 429, headers: { 'retry-after': at } },
      { json: { ok: true } },
    ]);
    await client.request({ path: '/x', schema: Ok });
    expect(timing.sleeps).toContain(12_000);
  });

  it('honours retry-after-ms', async () => {
    const { client, timing } = await setup([
      { status: 429, headers: { 'retry-after-ms': '1500' } },
      { json: { ok: true } },
    ]);
    await client.request({ path: '/x', schema: Ok });
    expect(timing.sleeps).toContain(1500);
  });

  it('falls back to jittered exponential backoff when Retry-After is missing or garbled', async () => {
    const { client, timing } = await setup([
      { status: 429 },
      { status: 429, headers: { 'retry-after': 'soon-ish' } },
      { json: { ok: true } },
    ]);
    await client.request({ path: '/x', schema: Ok });
    // random 0.5: attempt 0 → 250 + 125, attempt 1 → 500 + 250
    expect(timing.sleeps).toEqual([375, 750]);
  });

  it('gives up on 429 after the bounded retries with a plain "try again" message', async () => {
    const { client, server } = await setup(() => ({ status: 429, headers: { 'retry-after': '2' } }));
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/Try again in 2 s/);
    expect(server.requests).toHaveLength(3);
  });

  it('refuses to wait longer than the cap asked by Retry-After', async () => {
    const { client, server } = await setup([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 5xx HTML page a bounded number of times for reads, then says so plainly', async () => {
    const { client, server } = await setup(() => ({
      status: 502,
      text: HTML_ERROR_PAGE,
      headers: { 'content-type': 'text/html' },
    }));
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('server_error');
    expect(error.message).toBe(
      'Acme Desk had a server problem (502) and sent an error page. Try again shortly.',
    );
    expect(server.requests).toHaveLength(3);
  });

  it('never replays a write after a 5xx (no double posts)', async () => {
    const { client, server } = await setup(() => ({ status: 500, json: { error: 'boom' } }));
    const error = await failure(client.request({ method: 'POST', path: '/x', json: {}, schema: Ok }));
    expect(error.code).toBe('server_error');
    expect(server.requests).toHaveLength(1);
  });

  it('stops at once on 401 and asks to re-authenticate', async () => {
    const { client, server } = await setup(() => ({
      status: 401,
      json: { error: 'Couldn\u2019t authenticate you' },
    }));
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/Re-authenticate/);
    expect(server.requests).toHaveLength(1);
  });

  it('refreshes once on 401 when the connector can (OAuth)', async () => {
    let refreshes = 0;
    const { client, server } = await setup([{ status: 401 }, { json: { ok: true } }], {
      onUnauthorized: async () => {
        refreshes++;
        return true;
      },
    });
    await client.request({ path: '/x', schema: Ok });
    expect(refreshes).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('names the missing scope on 403', async () => {
    const { client } = await setup([
      {
        status: 403,
        headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="tickets:write"' },
      },
    ]);
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('forbidden');
    expect(error.details.scope).toBe('tickets:write');
    expect(error.message).toMatch(/"tickets:write" permission/);
  });

  it('names the missing scope from a 403 body', async () => {
    const { client } = await setup([
      { status: 403, json: { errors: [{ message: 'Required access: read_orders access scope.' }] } },
    ]);
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.details.scope).toBe('read_orders');
  });

  it('turns 404 into the caller message', async () => {
    const { client } = await setup([{ status: 404, json: { error: 'RecordNotFound' } }]);
    const error = await failure(
      client.request({ path: '/x', schema: Ok, notFoundMessage: 'Ticket #5 was not found.' }),
    );
    expect(error).toMatchObject({ code: 'not_found', message: 'Ticket #5 was not found.' });
  });

  it('reports truncated JSON on a 200 as incomplete data, not a crash', async () => {
    const { client } = await setup([{ text: '{"ok": tr', headers: { 'content-type': 'application/json' } }]);
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/incomplete or malformed/);
  });

  it('reports an HTML page on a 200 as a wrong base URL', async () => {
    const { client } = await setup([
      { text: '<html><body>Sign in</body></html>', headers: { 'content-type': 'text/html' } },
    ]);
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.message).toMatch(/web page instead of data/);
  });

  it('reports a body of the wrong shape with the path of the problem', async () => {
    const { client } = await setup([{ json: { ok: 'yes' } }]);
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.message).toBe('Acme Desk sent data in an unexpected shape (at ok).');
  });

  it('times out a hanging server and retries reads within the bound', async () => {
    const { client, server } = await setup(() => 'hang', { timeoutMs: 250, maxRetries: 1 });
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('timeout');
    expect(server.requests).toHaveLength(2);
  });

  it('stops when the caller cancels', async () => {
    const { client } = await setup(() => 'hang', { timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = client.request({ path: '/x', schema: Ok, signal: controller.signal });
    setImmediate(() => controller.abort());
    const error = await failure(pending);
    expect(error.code).toBe('cancelled');
  });

  it('reports a refused connection plainly', async () => {
    const closed = await startServer(() => ({ json: {} }));
    await closed.close();
    const client = new HttpClient({
      vendor: 'Acme Desk',
      baseUrl: closed.url,
      authHeaders: async () => ({}),
      timing: fakeTiming(),
      maxRetries: 0,
    });
    const error = await failure(client.request({ path: '/x', schema: Ok }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('never logs tokens, query strings or bodies', async () => {
    const { client, logs } = await setup([{ json: { ok: true } }]);
    await client.request({
      method: 'POST',
      path: '/search',
      query: { email: 'jo@example.com' },
      json: { text: 'private' },
      schema: Ok,
    });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^Acme Desk POST \/search → 200/);
    expect(logs.join('\n')).not.toMatch(/secret-token|jo@example|private/);
  });

  it('refuses to follow a next link to another server', async () => {
    const { client } = await setup([]);
    const error = await failure(client.request({ path: 'https://evil.example/steal', schema: Ok }));
    expect(error.code).toBe('bad_response');
  });
});

describe('rate budget', () => {
  it('keeps Gorgias-style 40 requests per 20 s without server 429s', async () => {
    const timing = fakeTiming();
    const budget = new RateBudget({ limit: 40, windowMs: 20_000 }, timing);
    for (let i = 0; i < 41; i++) await budget.acquire(1);
    expect(timing.sleeps).toEqual([20_000]);
  });

  it('counts a weighted write double', async () => {
    const timing = fakeTiming();
    const budget = new RateBudget({ limit: 4, windowMs: 60_000 }, timing);
    await budget.acquire(2);
    await budget.acquire(2);
    await budget.acquire(2);
    expect(timing.sleeps).toEqual([60_000]);
  });

  it('pauses when a per-minute header says nothing is left', async () => {
    const timing = fakeTiming();
    const budget = new RateBudget(null, timing);
    budget.observe(new Headers({ 'x-rate-limit-remaining': '0', 'ratelimit-reset': '41' }));
    await budget.acquire(1);
    expect(timing.sleeps).toEqual([41_000]);
  });
});

describe('parsing', () => {
  it('keeps integers above 2^53 exact as strings', () => {
    const parsed = parseJsonLossless('{"id": 9007199254740993, "small": 42, "f": 1.5}', 'X') as Record<
      string,
      unknown
    >;
    expect(parsed).toEqual({ id: '9007199254740993', small: 42, f: 1.5 });
  });

  it('parses Retry-After forms and rejects garbage', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 24 Nov 2026 12:00:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '-1x' }), now)).toBeNull();
    expect(parseRetryAfter(new Headers({ 'x-ratelimit-retry-after': '9' }), now)).toBe(9000);
  });
});
