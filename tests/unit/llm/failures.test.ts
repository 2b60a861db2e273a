import { createServer } from 'node:net';
import { APIConnectionError, APIError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyError, retryAfterMs } from '../../../src/main/llm/errors';
import OpenAI from 'openai';
import { backoffDelay, DEFAULT_RETRY, runStream } from '../../../src/main/llm/stream-request';
import { repliesJson, startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';
import { baseRequest, EventLog, makeService } from './helpers';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

const OK = repliesJson('Hi Dana, thanks for reaching out about order #10482.\n\n— The Lumen & Loom team');
const chatCount = (): number => server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

/** Records the delays the service asked for instead of waiting them. */
const recordingSleep = (): { delays: number[]; sleep: (ms: number) => Promise<void> } => {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
};

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('LlmSuggestionService: failures fall back with plain words', () => {
  it('401: bad key, not retried', async () => {
    server.requiredKey = 'sk-right';
    const service = await makeService(server.baseUrl, { apiKey: 'sk-wrong' });
    const log = new EventLog(service);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'auth' });
    expect(!result.ok && result.message).toMatch(/refused the API key \(401\)/);
    expect(chatCount()).toBe(1);
    expect(log.finish[0]).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(service.getLastRequest()).toMatchObject({ state: 'failed', error: { code: 'auth' } });
  });

  it('404 with a model error: model not found', async () => {
    server.enqueue({
      kind: 'status',
      status: 404,
      body: {
        error: {
          message: 'The model `fake-x` does not exist',
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      },
    });
    const service = await makeService(server.baseUrl, { settings: { model: 'fake-x' } });
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'model_not_found' });
    expect(!result.ok && result.message).toMatch(/model "fake-x" was not found/);
  });

  it('404 at a wrong base URL: says to check the URL', async () => {
    const service = await makeService(server.baseUrl.replace(/\/v1$/, '/wrong'));
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'not_found' });
    expect(!result.ok && result.message).toMatch(/Check the base URL/);
  });

  it('nothing listening: offline, without retrying', async () => {
    const port = await freePort();
    const service = await makeService(`http://127.0.0.1:${port}/v1`);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'offline' });
    expect(!result.ok && result.message).toMatch(/nothing is listening/);
  });

  it('429 with Retry-After: waits what the server asked, then succeeds', async () => {
    server.enqueue(
      { kind: 'status', status: 429, headers: { 'retry-after': '2' } },
      { kind: 'stream', content: OK },
    );
    const { delays, sleep } = recordingSleep();
    const service = await makeService(server.baseUrl, { retry: { sleep } });
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    expect(delays).toEqual([2000]);
    expect(chatCount()).toBe(2);
    expect(service.getLastRequest()!.attempts).toBe(2);
  });

  it('429 with retry-after-ms is preferred over Retry-After', async () => {
    server.enqueue(
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '350', 'retry-after': '9' } },
      { kind: 'stream', content: OK },
    );
    const { delays, sleep } = recordingSleep();
    const service = await makeService(server.baseUrl, { retry: { sleep } });
    expect((await service.request('m1', baseRequest())).ok).toBe(true);
    expect(delays).toEqual([350]);
  });

  it('429 without Retry-After: exponential backoff with jitter, then rate_limited', async () => {
    server.handler = () => ({ kind: 'status', status: 429 });
    const { delays, sleep } = recordingSleep();
    const service = await makeService(server.baseUrl, { retry: { sleep, random: () => 1 } });
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(!result.ok && result.message).toMatch(/rate-limiting/);
    expect(delays).toEqual([400, 800]);
    expect(chatCount()).toBe(3);
  });

  it('429 asking for a long wait: does not wait, falls back at once and says how long', async () => {
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '60' } });
    const { delays, sleep } = recordingSleep();
    const service = await makeService(server.baseUrl, { retry: { sleep } });
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(!result.ok && result.message).toMatch(/wait 60 s/);
    expect(delays).toEqual([]);
  });

  it('429 for an exhausted quota: not retried', async () => {
    server.enqueue({
      kind: 'status',
      status: 429,
      body: {
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
        },
      },
    });
    const service = await makeService(server.baseUrl);
    expect(await service.request('m1', baseRequest())).toMatchObject({ ok: false, reason: 'quota' });
    expect(chatCount()).toBe(1);
  });

  it('500 then success: retried before the first token', async () => {
    server.enqueue({ kind: 'status', status: 500 }, { kind: 'stream', content: OK });
    const service = await makeService(server.baseUrl);
    expect((await service.request('m1', baseRequest())).ok).toBe(true);
    expect(chatCount()).toBe(2);
  });

  it('5xx every time: server_error after the attempts run out', async () => {
    server.handler = () => ({ kind: 'status', status: 503 });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'server_error' });
    expect(!result.ok && result.message).toMatch(/internal error \(503\)/);
    expect(chatCount()).toBe(DEFAULT_RETRY.maxAttempts);
  });

  it('no retry once tokens were shown: a malformed chunk mid-answer ends it as malformed', async () => {
    server.enqueue({ kind: 'stream', content: OK, chunkSize: 5, malformedAfterChunks: 7 });
    const service = await makeService(server.baseUrl);
    const log = new EventLog(service);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'malformed' });
    expect(chatCount()).toBe(1);
    expect(log.stream.some((e) => !e.done)).toBe(true);
    expect(log.stream.filter((e) => e.done).every((e) => e.incomplete)).toBe(true);
  });

  it('socket dropped mid-answer: incomplete or offline, never finished, never retried', async () => {
    server.enqueue({ kind: 'stream', content: OK, chunkSize: 5, cutAfterChunks: 6 });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(false);
    expect(['incomplete', 'offline']).toContain(!result.ok && result.reason);
    expect(result.drafts.every((d) => d.incomplete)).toBe(true);
    expect(chatCount()).toBe(1);
  });

  it('a slow model that keeps sending within the idle limit finishes normally', async () => {
    server.enqueue({ kind: 'stream', content: OK, chunkSize: 12, delayMs: 25 });
    const service = await makeService(server.baseUrl, { settings: { timeoutMs: 1000 } });
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    expect(result.latencyMs - result.firstTokenMs!).toBeGreaterThan(25 * 5);
  });

  it('server never answers: timeout', async () => {
    server.enqueue({ kind: 'hang' });
    const service = await makeService(server.baseUrl, { settings: { timeoutMs: 1000 } });
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(!result.ok && result.message).toMatch(/did not answer within 1 s/);
    expect(chatCount()).toBe(1);
  });

  it('model goes silent mid-answer: timeout after the idle limit', async () => {
    server.enqueue({ kind: 'stream', content: OK, chunkSize: 5, hangAfterChunks: 3 });
    const service = await makeService(server.baseUrl, { settings: { timeoutMs: 1000 } });
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(!result.ok && result.message).toMatch(/stopped sending text/);
    expect(result.drafts.every((d) => d.incomplete)).toBe(true);
  });

  it('a model that trickles tokens forever is stopped by the total cap', async () => {
    server.enqueue({ kind: 'stream', content: OK, chunkSize: 2, delayMs: 40 });
    const client = new OpenAI({ baseURL: server.baseUrl, apiKey: 'k', maxRetries: 0, logLevel: 'off' });
    const deltas: string[] = [];
    const outcome = await runStream({
      client,
      body: { model: 'fake-model', messages: [{ role: 'user', content: 'x' }], stream: true },
      signal: new AbortController().signal,
      timeoutMs: 2000,
      totalTimeoutMs: 300,
      retry: DEFAULT_RETRY,
      baseUrl: server.baseUrl,
      model: 'fake-model',
      onDelta: (d) => deltas.push(d),
    });
    expect(outcome.failure).toMatchObject({
      code: 'timeout',
      message: 'The model took longer than 0.3 s to write its answer.',
    });
    expect(outcome.sawTokens).toBe(true);
    expect(deltas.join('').length).toBeLessThan(OK.length);
  });

  it('no key stored for a preset that needs one: no request is made', async () => {
    const service = await makeService(server.baseUrl, { apiKey: null, settings: { preset: 'openai' } });
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'no_key' });
    expect(server.requests).toHaveLength(0);
  });

  it('a base URL that is not a web address: config error in plain words', async () => {
    const service = await makeService('localhost:11434');
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'config' });
  });
});

describe('error classification and retry timing', () => {
  const ctx = { baseUrl: 'https://llm.example.com/v1', model: 'm' };
  const connErr = (code: string): APIConnectionError =>
    new APIConnectionError({
      cause: Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error(code), { code }),
      }),
    });

  it('names DNS, TLS and proxy problems', () => {
    expect(classifyError(connErr('ENOTFOUND'), ctx)).toMatchObject({
      code: 'offline',
      message: expect.stringMatching(/could not be found/),
    });
    expect(classifyError(connErr('SELF_SIGNED_CERT_IN_CHAIN'), ctx)).toMatchObject({
      code: 'tls',
      message: expect.stringMatching(/proxy or an untrusted certificate/),
    });
    expect(classifyError(APIError.generate(407, undefined, 'proxy', new Headers()), ctx)).toMatchObject({
      code: 'proxy',
    });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 24 Nov 2026 12:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });

  it('backs off exponentially up to the cap, with jitter in the upper half', () => {
    const at = (attempt: number, r: number): number =>
      backoffDelay(attempt, { ...DEFAULT_RETRY, random: () => r });
    expect([at(0, 0), at(0, 1), at(1, 1), at(5, 1)]).toEqual([200, 400, 800, 4000]);
  });
});
