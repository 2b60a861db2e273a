import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake endpoint does for one chat-completions request. */
export type Scenario =
  | {
      kind: 'stream';
      /** The assistant text, streamed in `chunkSize` pieces. */
      content: string;
      chunkSize?: number;
      /** Server-side pause between chunks (slow model). */
      delayMs?: number;
      /** `null` ends the stream (with [DONE]) without any finish_reason. */
      finishReason?: string | null;
      /** Stops writing after this many chunks and waits for `release()` (or the client to go away). */
      gateAfterChunks?: number;
      /** Destroys the socket after this many chunks, mid-answer. */
      cutAfterChunks?: number;
      /** Stops sending after this many chunks and never finishes (a hung model). */
      hangAfterChunks?: number;
      /** Sends a chunk that is not JSON after this many chunks. */
      malformedAfterChunks?: number;
      usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Accepts the request and never answers. */
  | { kind: 'hang' };

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: Record<string, unknown> | null;
  /** Resolves when the client went away before the response ended (an abort); never resolves otherwise. */
  aborted: Promise<void>;
  wasAborted: boolean;
  /** Resolves when the response ended normally or by abort. */
  closed: Promise<void>;
}

export interface FakeOpenAiServer {
  /** Base URL ending in /v1, as users type it. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Decides the answer per chat request; a queue of scenarios falls back to this. */
  handler: (req: RecordedRequest) => Scenario;
  /** Queues scenarios for the next chat requests, in order. */
  enqueue(...scenarios: (Scenario | ((req: RecordedRequest) => Scenario))[]): void;
  models: string[];
  /** When set, requests without `Authorization: Bearer <key>` get a 401. */
  requiredKey: string | null;
  /** Resolves with the n-th (0-based) chat request once it has arrived. */
  waitForRequest(n: number): Promise<RecordedRequest>;
  /** Lets gated streams continue. */
  release(): void;
  close(): Promise<void>;
}

const chunk = (id: string, model: string, delta: Record<string, unknown>, finish: string | null): string =>
  `data: ${JSON.stringify({
    id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

/** Splits text by code points so multi-byte characters and escapes are cut at realistic places. */
function pieces(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/**
 * An OpenAI-compatible server on 127.0.0.1 with a random port, speaking real HTTP and SSE, so the
 * tests exercise the real SDK, sockets, aborts and timeouts rather than a mocked fetch.
 */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const queue: (Scenario | ((req: RecordedRequest) => Scenario))[] = [];
  const waiters = new Map<number, ((r: RecordedRequest) => void)[]>();
  let gate: { promise: Promise<void>; resolve: () => void } = newGate();
  const open = new Set<ServerResponse>();

  function newGate(): { promise: Promise<void>; resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  const fake: FakeOpenAiServer = {
    baseUrl: '',
    requests: [],
    handler: () => ({ kind: 'stream', content: '{"replies":[{"text":"Hello!","macroId":null}]}' }),
    enqueue: (...s) => queue.push(...s),
    models: ['fake-model', 'fake-model-large'],
    requiredKey: null,
    waitForRequest(n) {
      const existing = fake.requests.filter((r) => r.path.includes('/chat/completions'))[n];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => waiters.set(n, [...(waiters.get(n) ?? []), resolve]));
    },
    release() {
      const current = gate;
      gate = newGate();
      current.resolve();
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => void handle(req, res, raw));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    let markAborted!: () => void;
    let markClosed!: () => void;
    const record: RecordedRequest = {
      index: fake.requests.length,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      rawBody,
      body: null,
      aborted: new Promise((r) => (markAborted = r)),
      wasAborted: false,
      closed: new Promise((r) => (markClosed = r)),
    };
    try {
      record.body = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : null;
    } catch {
      record.body = null;
    }
    fake.requests.push(record);
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      if (!res.writableEnded) {
        record.wasAborted = true;
        markAborted();
      }
      markClosed();
    });

    if (fake.requiredKey && req.headers.authorization !== `Bearer ${fake.requiredKey}`) {
      return json(res, 401, {
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
    }
    if (record.method === 'GET' && record.path.split('?')[0] === '/v1/models') {
      return json(res, 200, {
        object: 'list',
        data: fake.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'test' })),
      });
    }
    if (!/^\/(?:v1|openai\/deployments\/[^/]+)\/chat\/completions$/.test(record.path.split('?')[0]!)) {
      return json(res, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
    }
    const n = fake.requests.filter((r) => r.path.includes('/chat/completions')).length - 1;
    for (const w of waiters.get(n) ?? []) w(record);
    waiters.delete(n);
    const next = queue.shift() ?? fake.handler;
    const scenario = typeof next === 'function' ? next(record) : next;
    const model = typeof record.body?.model === 'string' ? record.body.model : 'fake-model';

    if (scenario.kind === 'hang') return;
    if (scenario.kind === 'status') {
      return json(
        res,
        scenario.status,
        scenario.body ?? { error: { message: `status ${scenario.status}` } },
        scenario.headers,
      );
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const id = `chatcmpl-${record.index}`;
    const parts = pieces(scenario.content, scenario.chunkSize ?? 8);
    res.write(chunk(id, model, { role: 'assistant', content: '' }, null));
    for (let i = 0; i < parts.length; i++) {
      if (res.destroyed) return;
      if (i === scenario.gateAfterChunks) await gate.promise;
      if (i === scenario.hangAfterChunks) return;
      if (i === scenario.cutAfterChunks) return void res.destroy();
      if (i === scenario.malformedAfterChunks) res.write('data: {"id": "broken", "choices": [\n\n');
      if (scenario.delayMs) await new Promise((r) => setTimeout(r, scenario.delayMs));
      if (res.destroyed) return;
      res.write(chunk(id, model, { content: parts[i] }, null));
    }
    if (res.destroyed) return;
    const finish = scenario.finishReason === undefined ? 'stop' : scenario.finishReason;
    if (finish !== null) res.write(chunk(id, model, {}, finish));
    const usage = scenario.usage ?? {
      prompt_tokens: 120,
      completion_tokens: parts.length,
      total_tokens: 120 + parts.length,
    };
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model, choices: [], usage })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  }

  function json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (fake as { baseUrl: string }).baseUrl = `http://127.0.0.1:${port}/v1`;
  return fake;
}

/** Wraps replies in the JSON shape Tandem asks for. */
export const repliesJson = (...texts: string[]): string =>
  JSON.stringify({ replies: texts.map((text) => ({ text, macroId: null })) });

/** A non-streamed chat completion answer (for one-shot calls such as the intent fallback). */
export const completionScenario = (content: string): Scenario => ({
  kind: 'status',
  status: 200,
  body: {
    id: 'chatcmpl-x',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 50, completion_tokens: 8, total_tokens: 58 },
  },
});
