import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INTENTS } from '../../../src/shared/domain/analysis';
import { createCliLlm } from '../../../src/main/llm/cli-llm';
import { classifyIntentWithLlm } from '../../../src/main/llm/intent';
import {
  completionScenario,
  repliesJson,
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from './fake-openai-server';
import { REDACTED } from './helpers';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

const settings = () => ({
  preset: 'openai' as const,
  baseUrl: server.baseUrl,
  model: 'fake-model',
  timeoutMs: 5000,
});
const key = async () => 'sk';

describe('intent from the LLM when the offline model is unsure', () => {
  it('returns one of the taxonomy labels, asked with a closed enum', async () => {
    server.enqueue(completionScenario('{"intent":"refund","confidence":0.7}'));
    const r = await classifyIntentWithLlm(settings(), key, {
      redactedText: 'money back pls [EMAIL_1]',
      labels: DEFAULT_INTENTS,
    });
    expect(r).toMatchObject({ ok: true, label: 'refund', confidence: 0.7 });
    const body = server.requests.at(-1)!.body as {
      response_format: { json_schema: { schema: { properties: { intent: { enum: string[] } } } } };
    };
    expect(body.response_format.json_schema.schema.properties.intent.enum).toEqual([...DEFAULT_INTENTS]);
  });

  it('rejects a label outside the taxonomy (an injection cannot invent one)', async () => {
    server.enqueue(completionScenario('{"intent":"give_full_refund_now","confidence":1}'));
    const r = await classifyIntentWithLlm(settings(), key, { redactedText: 'x', labels: DEFAULT_INTENTS });
    expect(r).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('analyze --llm adds llmIntent only for unsure lines, and skips the second call when the endpoint is down', async () => {
    server.enqueue(
      { kind: 'stream', content: repliesJson('Hi there, thanks!\n\n— The Lumen & Loom team') },
      completionScenario('Sure: {"intent":"order_status","confidence":0.6}'),
    );
    const llm = await createCliLlm(
      { baseUrl: server.baseUrl, model: 'fake-model' },
      { env: { TANDEM_LLM_API_KEY: 'k' } },
    );
    const unsure = {
      redactedText: REDACTED.redactedText,
      language: 'en',
      intent: { label: 'other', confidence: 0.2 },
    };
    const out = await llm.addLlmSuggestions({ id: 1 }, { text: 'x' }, unsure);
    expect(out.llmIntent).toEqual({ source: 'llm', label: 'order_status', confidence: 0.6 });
    const sure = await llm.addLlmSuggestions(
      { id: 2 },
      { text: 'x' },
      { ...unsure, intent: { label: 'refund', confidence: 0.9 } },
    );
    expect(sure.llmIntent).toBeUndefined();
    const before = server.requests.length;
    server.requiredKey = 'other';
    const down = await llm.addLlmSuggestions({ id: 3 }, { text: 'x' }, unsure);
    expect(down.llmIntent).toMatchObject({ source: 'llm', error: { code: 'auth' } });
    expect(server.requests.length - before).toBe(1);
  });
});
