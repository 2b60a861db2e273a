import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repliesJson, startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';
import { baseRequest, EventLog, makeService, RAW_CUSTOMER_TEXT } from './helpers';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

const SIGN = '\n\n— The Lumen & Loom team';
const A = `Hi [NAME_1], I'm sorry about the double charge on order #10482. The second charge is a pending authorisation and drops off within 3–5 business days.${SIGN}`;
const B = `Hi [NAME_1], thanks for flagging this. I've checked order #10482 and only one payment was captured.${SIGN}`;

describe('LlmSuggestionService: streaming drafts', () => {
  it('streams replies, restores allowed placeholders, checks policy and reports usage and latency', async () => {
    server.enqueue({ kind: 'stream', content: repliesJson(A, B), chunkSize: 7 });
    const service = await makeService(server.baseUrl);
    const log = new EventLog(service);
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.drafts).toHaveLength(2);
    expect(result.drafts[0]!.text.startsWith('Hi Dana,')).toBe(true);
    expect(result.drafts[0]!.incomplete).toBe(false);
    expect(result.drafts.map((d) => d.policy.verdict)).toEqual(['pass', 'pass']);
    expect(result.usage).toEqual({
      promptTokens: 120,
      completionTokens: expect.any(Number),
      totalTokens: expect.any(Number),
    });
    expect(result.firstTokenMs).not.toBeNull();
    expect(result.latencyMs).toBeGreaterThanOrEqual(result.firstTokenMs!);
    // Many partial updates arrived before the done one, growing towards the final text.
    const zero = log.stream.filter((e) => e.index === 0);
    expect(zero.filter((e) => !e.done).length).toBeGreaterThan(5);
    expect(zero[0]!.textSoFar.length).toBeLessThan(10);
    expect(zero.at(-1)).toMatchObject({ done: true, textSoFar: A.replace('[NAME_1]', 'Dana') });
    expect(log.stream.filter((e) => e.done).map((e) => e.index)).toEqual([0, 1]);
    expect(log.finish).toEqual([
      expect.objectContaining({ requestKey: 'm1', ok: true, model: 'fake-model' }),
    ]);
  });

  it('makes the first reply readable and checked while the second is still streaming', async () => {
    const content = repliesJson(A, B);
    const endOfFirst = content.indexOf('","macroId"') + 2;
    server.enqueue({ kind: 'stream', content, chunkSize: 10, gateAfterChunks: Math.ceil(endOfFirst / 10) });
    const service = await makeService(server.baseUrl);
    const log = new EventLog(service);
    const pending = service.request('m1', baseRequest());
    await log.waitFor((e) => 'index' in e && e.index === 0 && e.policy !== undefined);
    const firstChecked = log.stream.find((e) => e.index === 0 && e.policy)!;
    expect(firstChecked.textSoFar).toBe(A.replace('[NAME_1]', 'Dana'));
    expect(firstChecked.done).toBe(false);
    expect(firstChecked.policy!.verdict).toBe('pass');
    expect(log.stream.some((e) => e.index === 1 && e.textSoFar.length > 20)).toBe(false);
    expect(log.finish).toHaveLength(0);
    server.release();
    const result = await pending;
    expect(result.ok && result.drafts.length).toBe(2);
  });

  it('sends only redacted text: no card, CVV, e-mail or phone, and no API key in the body', async () => {
    server.enqueue({ kind: 'stream', content: repliesJson(A) });
    const service = await makeService(server.baseUrl, { settings: { preset: 'openai' } });
    await service.request('m1', baseRequest());
    const sent = server.requests.find((r) => r.path.endsWith('/chat/completions'))!;
    const body = sent.rawBody;
    for (const secret of [
      '4111 1111 1111 1111',
      '4111111111111111',
      '737',
      'dana.whitfield@example.com',
      '415-555-0132',
      '4155550132',
      'dana.w@example.org',
      '(415) 555-0199',
      'sk-test-key',
    ]) {
      expect(body.includes(secret), secret).toBe(false);
    }
    expect(RAW_CUSTOMER_TEXT.includes('737')).toBe(true);
    expect(body).toContain('[CARD_1]');
    expect(body).toContain('Dana');
    expect(body).toContain('#10482');
    expect(sent.headers.authorization).toBe('Bearer sk-test-key');
    const parsed = sent.body as {
      messages: { role: string; content: string }[];
      response_format?: unknown;
      stream_options?: unknown;
    };
    expect(parsed.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(parsed.messages[0]!.content).toMatch(/LL-[0-9a-f]{20}/);
    expect(parsed.messages[0]!.content).toContain('— The Lumen & Loom team');
    expect(parsed.messages[0]!.content).toContain('[macro payment-double-charge]');
    expect(parsed.messages[1]!.content).toMatch(/<<<CUSTOMER_DATA [0-9a-f]{8}[\s\S]*IGNORE ALL PREVIOUS/);
    expect(parsed.response_format).toMatchObject({ type: 'json_schema' });
    expect(parsed.stream_options).toEqual({ include_usage: true });
    // The transparency record is exactly what went over the wire.
    const last = service.getLastRequest()!;
    expect(last.body).toEqual(JSON.parse(body));
    expect(last.state).toBe('done');
    expect(last.usage?.promptTokens).toBe(120);
  });

  it('omits response_format for endpoints without structured output and parses numbered text', async () => {
    server.enqueue({ kind: 'stream', content: `Here are two replies:\n1. ${A}\n2. ${B}` });
    const service = await makeService(server.baseUrl, { settings: { preset: 'custom' } });
    const result = await service.request('m1', baseRequest());
    expect(server.requests.at(-1)!.body!.response_format).toBeUndefined();
    expect(result.ok && result.drafts.map((d) => d.text.slice(0, 9))).toEqual(['Hi Dana, ', 'Hi Dana, ']);
  });

  it('re-sends without response_format when the endpoint rejects it with a 400', async () => {
    server.enqueue(
      { kind: 'status', status: 400, body: { error: { message: "Unknown parameter 'response_format'" } } },
      { kind: 'stream', content: repliesJson(A) },
    );
    const service = await makeService(server.baseUrl, { settings: { preset: 'vllm' } });
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(chats[0]!.body!.response_format).toBeDefined();
    expect(chats[1]!.body!.response_format).toBeUndefined();
    expect(service.getLastRequest()!.body).toEqual(chats[1]!.body);
  });

  it('never restores card or CVV placeholders into a displayed draft', async () => {
    server.enqueue({
      kind: 'stream',
      content: repliesJson(`Hi [NAME_1], the card [CARD_1] (CVV [CVV_1]) was not charged twice.${SIGN}`),
    });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', baseRequest());
    const text = result.drafts[0]!.text;
    expect(text).toContain('Hi Dana');
    expect(text).toContain('[CARD_1]');
    expect(text).toContain('[CVV_1]');
    expect(text).not.toContain('4111');
    expect(text).not.toContain('737');
  });

  it('marks a stream that ends without finish_reason incomplete and never finished', async () => {
    server.enqueue({ kind: 'stream', content: repliesJson(A, B), finishReason: null });
    const service = await makeService(server.baseUrl);
    const log = new EventLog(service);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'incomplete' });
    expect(result.drafts.length).toBeGreaterThan(0);
    expect(result.drafts.every((d) => d.incomplete)).toBe(true);
    expect(log.stream.filter((e) => e.done).every((e) => e.incomplete === true)).toBe(true);
    expect(log.finish[0]).toMatchObject({ ok: false, error: { code: 'incomplete' } });
  });

  it('keeps replies that closed before a length cut and marks the cut one incomplete', async () => {
    const content = repliesJson(A, B);
    server.enqueue({
      kind: 'stream',
      content: content.slice(0, content.length - 40),
      finishReason: 'length',
    });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    expect(result.drafts.map((d) => d.incomplete)).toEqual([false]);
  });

  it('in plain-text mode a length cut marks only the last reply incomplete', async () => {
    server.enqueue({
      kind: 'stream',
      content: `1. ${A}\n2. Hi [NAME_1], thanks for flag`,
      finishReason: 'length',
    });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    expect(result.drafts.map((d) => d.incomplete)).toEqual([false, true]);
  });

  it('falls back on a content filter stop', async () => {
    server.enqueue({ kind: 'stream', content: '{"replies":[{"text":"Hi', finishReason: 'content_filter' });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'content_filter' });
    expect(!result.ok && result.message).toMatch(/content filter/);
  });

  it('a throwing listener does not stop the stream for the others', async () => {
    server.enqueue({ kind: 'stream', content: repliesJson(A) });
    const service = await makeService(server.baseUrl);
    service.onDidStreamSuggestion(() => {
      throw new Error('window closed');
    });
    const log = new EventLog(service);
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    expect(log.stream.some((e) => e.done)).toBe(true);
  });

  it('a policy checker that throws blocks the draft instead of passing it', async () => {
    server.enqueue({ kind: 'stream', content: repliesJson(A) });
    const { LlmSuggestionService } = await import('../../../src/main/llm/suggestion-service');
    const service = new LlmSuggestionService({
      getSettings: () => ({ preset: 'custom', baseUrl: server.baseUrl, model: 'fake-model' }),
      getApiKey: async () => null,
      getPolicyFacts: () => ({ store: 'Lumen & Loom', signOff: '— The Lumen & Loom team', facts: [] }),
      check: () => {
        throw new Error('checker bug');
      },
    });
    const result = await service.request('m1', baseRequest());
    expect(result.drafts[0]!.policy).toMatchObject({
      verdict: 'block',
      findings: [{ rule: 'policy-check-failed' }],
    });
  });

  it('never rejects: a failure while preparing the request is a fallback result', async () => {
    const { LlmSuggestionService } = await import('../../../src/main/llm/suggestion-service');
    const service = new LlmSuggestionService({
      getSettings: () => ({ preset: 'custom', baseUrl: server.baseUrl, model: 'fake-model' }),
      getApiKey: async () => null,
      getPolicyFacts: () => {
        throw new Error('policy pack missing');
      },
      check: () => ({ verdict: 'pass', findings: [] }),
    });
    const log = new EventLog(service);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({
      ok: false,
      reason: 'config',
      message: expect.stringMatching(/policy pack missing/),
    });
    expect(log.finish).toHaveLength(1);
    expect(server.requests).toHaveLength(0);
  });

  it('falls back when the output has no replies in it', async () => {
    server.enqueue({ kind: 'stream', content: '{"answer": 42}' });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', baseRequest());
    expect(result).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('with the real engine redaction', () => {
  it('the request body holds no card, CVV, e-mail or phone from the customer text or history', async () => {
    const { createEngine } = await import('../../../src/main/engine');
    const engine = createEngine();
    const customer = { name: 'Dana Whitfield', firstName: 'Dana', email: 'dana.whitfield@example.com' };
    const analysis = engine.analyze({ text: RAW_CUSTOMER_TEXT, customer });
    const history = [
      {
        author: 'customer' as const,
        text: engine.redactText('my other email is dana.w@example.org, phone (415) 555-0199.').text,
      },
    ];
    server.enqueue({
      kind: 'stream',
      content: repliesJson(`Hi [NAME_1], I'm sorry about the double charge on order #10482.${SIGN}`),
    });
    const service = await makeService(server.baseUrl);
    const result = await service.request('m1', {
      ...baseRequest(),
      redacted: { redactedText: analysis.redactedText, restore: analysis.restore },
      customer,
      history,
      language: analysis.language,
    });
    const body = server.requests.at(-1)!.rawBody;
    for (const secret of [
      '4111',
      '737',
      'dana.whitfield@example.com',
      '555-0132',
      'dana.w@example.org',
      '555-0199',
      'Whitfield',
    ]) {
      expect(body.includes(secret), secret).toBe(false);
    }
    expect(body).toContain('#10482');
    expect(result.ok).toBe(true);
    expect(result.drafts[0]!.text).toMatch(/^Hi Dana( Whitfield)?, I'm sorry/);
  });
});
