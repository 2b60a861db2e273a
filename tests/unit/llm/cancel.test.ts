import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repliesJson, startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';
import { baseRequest, EventLog, makeService } from './helpers';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

const LONG = repliesJson(
  'Hi Dana, I am sorry your parcel is late. I have asked UPS to trace it and will update you as soon as they answer.\n\n— The Lumen & Loom team',
  'Hi Dana, thanks for your patience. Your order #10482 is with UPS and moving again.\n\n— The Lumen & Loom team',
);

describe('LlmSuggestionService: cancellation', () => {
  it('a newer message aborts the older stream: the server sees the abort and no late events arrive', async () => {
    server.enqueue(
      { kind: 'stream', content: LONG, chunkSize: 6, gateAfterChunks: 8 },
      { kind: 'stream', content: LONG },
    );
    const service = await makeService(server.baseUrl);
    const log = new EventLog(service);
    const first = service.request('m1', baseRequest());
    await log.waitFor((e) => e.requestKey === 'm1' && 'index' in e);
    const firstReq = await server.waitForRequest(0);
    expect(service.inFlightKey).toBe('m1');

    const second = service.request('m2', baseRequest());
    const m1EventsAtCancel = log.stream.filter((e) => e.requestKey === 'm1').length;
    expect(log.finish).toEqual([
      expect.objectContaining({
        requestKey: 'm1',
        ok: false,
        error: expect.objectContaining({ code: 'cancelled' }),
      }),
    ]);
    await firstReq.aborted;
    expect(firstReq.wasAborted).toBe(true);
    server.release(); // the old stream would go on now if it were still connected

    const [r1, r2] = await Promise.all([first, second]);
    expect(r1).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(r2.ok).toBe(true);
    expect(log.stream.filter((e) => e.requestKey === 'm1')).toHaveLength(m1EventsAtCancel);
    expect(log.stream.filter((e) => e.requestKey === 'm1').some((e) => e.done)).toBe(false);
    expect(log.finish.filter((e) => e.requestKey === 'm1')).toHaveLength(1);
    expect(log.finish.filter((e) => e.requestKey === 'm2')).toEqual([expect.objectContaining({ ok: true })]);
    expect(service.getLastRequest()!.requestKey).toBe('m2');
  });

  it('cancel(reason) when the panel hides stops the stream and says why', async () => {
    server.enqueue({ kind: 'stream', content: LONG, chunkSize: 6, gateAfterChunks: 8 });
    const service = await makeService(server.baseUrl);
    const log = new EventLog(service);
    const pending = service.request('m1', baseRequest());
    await log.waitFor((e) => 'index' in e);
    service.cancel('the panel was hidden');
    const req = await server.waitForRequest(0);
    await req.aborted;
    const count = log.stream.length;
    server.release();
    expect(await pending).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(log.stream).toHaveLength(count);
    expect(log.finish[0]!.error!.message).toBe('Cancelled: the panel was hidden.');
    expect(service.getLastRequest()!.state).toBe('cancelled');
    expect(service.inFlightKey).toBeNull();
  });

  it('cancelling during a Retry-After wait sends no second request', async () => {
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '5' } });
    let entered!: () => void;
    const sleeping = new Promise<void>((r) => (entered = r));
    const service = await makeService(server.baseUrl, {
      retry: {
        sleep: (_ms, signal) =>
          new Promise<void>((resolve) => {
            entered();
            signal.addEventListener('abort', () => resolve(), { once: true });
          }),
      },
    });
    const pending = service.request('m1', baseRequest());
    await sleeping;
    service.cancel('the ticket changed');
    expect(await pending).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(server.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(1);
  });

  it('cancel with nothing in flight is a no-op', async () => {
    const service = await makeService(server.baseUrl);
    const log = new EventLog(service);
    service.cancel('nothing');
    expect(log.finish).toHaveLength(0);
  });
});
