import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SuggestionSchema } from '../../../src/shared/domain/suggestion';
import { createCliLlm, extractLlmArgs } from '../../../src/main/llm/cli-llm';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';
import { REDACTED } from './helpers';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

const SIGN = '\n\n— The Lumen & Loom team';

describe('analyze --llm flags', () => {
  it('takes its flags out and leaves the rest for analyze', () => {
    expect(extractLlmArgs(['--llm', '--base-url', 'http://x/v1', '--model=m', '--pretty'])).toEqual({
      llm: { baseUrl: 'http://x/v1', model: 'm' },
      rest: ['--pretty'],
    });
    expect(extractLlmArgs(['--pretty'])).toEqual({ llm: null, rest: ['--pretty'] });
    expect(extractLlmArgs(['--llm', '--model']).error).toMatch(/--model needs a value/);
    expect(extractLlmArgs(['--llm', '--preset', 'nope']).error).toMatch(/--preset must be one of/);
  });
});

describe('addLlmSuggestions', () => {
  const input = {
    text: 'raw',
    customer: { firstName: 'Dana' },
    order: { number: '#10482' },
    history: [{ author: 'customer' as const, text: 'call me on (415) 555-0199' }],
  };
  const analysis = {
    redactedText: REDACTED.redactedText,
    restore: REDACTED.restore,
    language: 'en',
    intent: { label: 'payment_issue', confidence: 0.8 },
  };

  it('adds checked llmSuggestions (source "llm") and llm timings, using offline suggestions as references', async () => {
    server.requiredKey = 'sk-env';
    server.enqueue({
      kind: 'stream',
      content: JSON.stringify({
        replies: [
          { text: `Hi [NAME_1], sorry about that.${SIGN}`, macroId: 'payment-double-charge' },
          { text: `We'll refund 80% today!${SIGN}`, macroId: null },
        ],
      }),
    });
    const llm = await createCliLlm(
      { baseUrl: server.baseUrl, model: 'fake-model' },
      { env: { TANDEM_LLM_API_KEY: 'sk-env' }, redact: (t) => t.replace(/\(415\) 555-0199/, '[PHONE_9]') },
    );
    const line = {
      id: 'l1',
      suggestions: [
        {
          id: 's1',
          macroId: 'payment-double-charge',
          text: 'Hi Dana, a double charge drops off in 3–5 days.',
        },
      ],
    };
    const out = await llm.addLlmSuggestions(line, input, analysis);
    expect(out.id).toBe('l1');
    expect(out.llm).toMatchObject({
      ok: true,
      model: 'fake-model',
      latencyMs: expect.any(Number),
      firstTokenMs: expect.any(Number),
    });
    expect(out.llmSuggestions).toHaveLength(2);
    for (const s of out.llmSuggestions) expect(SuggestionSchema.parse(s).source).toBe('llm');
    expect(out.llmSuggestions[0]).toMatchObject({
      text: expect.stringMatching(/^Hi Dana,/),
      macroId: 'payment-double-charge',
      policy: { verdict: 'pass' },
    });
    expect(out.llmSuggestions[1]!.policy.verdict).toBe('block');
    const body = server.requests.at(-1)!.rawBody;
    expect(body).toContain('[macro payment-double-charge]');
    expect(body).toContain('[PHONE_9]');
    expect(body).not.toContain('555-0199');
  });

  it('reports the failure on the line and keeps going', async () => {
    const llm = await createCliLlm(
      { baseUrl: server.baseUrl, model: 'fake-model', preset: 'openai' },
      { env: {} },
    );
    const out = await llm.addLlmSuggestions({ id: 'l2' }, input, analysis);
    expect(out.llmSuggestions).toEqual([]);
    expect(out.llm).toMatchObject({
      ok: false,
      error: { code: 'no_key', message: expect.stringMatching(/No API key/) },
    });
  });
});
