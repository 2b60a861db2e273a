import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LlmFinishSchema,
  LlmRequestRecordSchema,
  llmCalls,
  SuggestionStreamSchema,
} from '../../../src/shared/contract/llm';
import { defaultSettings } from '../../../src/shared/domain/settings';
import { createLlmHandlers, forwardLlmEvents } from '../../../src/main/llm/llm-handlers';
import { testConnection } from '../../../src/main/llm/test-connection';
import { repliesJson, startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';
import { baseRequest, makeService } from './helpers';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

const key = (k: string | null) => async () => k;
const sender = { context: { sender: { url: 'app://tandem/index.html', isMainFrame: true } } } as never;

describe('testConnection', () => {
  it('lists models and confirms the configured one', async () => {
    const r = await testConnection(
      { preset: 'custom', baseUrl: server.baseUrl, model: 'fake-model' },
      key(null),
    );
    expect(r).toMatchObject({
      ok: true,
      method: 'models',
      modelAvailable: true,
      models: ['fake-model', 'fake-model-large'],
    });
    expect(r.message).toMatch(/"fake-model" is available \(2 models offered\)/);
  });

  it('says which models exist when the configured one is missing', async () => {
    const r = await testConnection({ preset: 'custom', baseUrl: server.baseUrl, model: 'gpt-9' }, key(null));
    expect(r).toMatchObject({ ok: false, code: 'model_not_found', modelAvailable: false });
    expect(r.message).toMatch(/does not offer "gpt-9"\. It offers: fake-model, fake-model-large/);
  });

  it('explains a bad key', async () => {
    server.requiredKey = 'sk-right';
    const r = await testConnection(
      { preset: 'openai', baseUrl: server.baseUrl, model: 'fake-model' },
      key('sk-wrong'),
    );
    expect(r).toMatchObject({ ok: false, code: 'auth' });
    expect(r.message).toMatch(/refused the API key/);
  });

  it('explains a missing key without touching the network', async () => {
    const r = await testConnection({ preset: 'openrouter', baseUrl: server.baseUrl, model: 'x' }, key(null));
    expect(r).toMatchObject({ ok: false, code: 'no_key', method: 'none' });
    expect(server.requests).toHaveLength(0);
  });

  it('explains a wrong URL', async () => {
    const r = await testConnection(
      { preset: 'custom', baseUrl: server.baseUrl.replace('/v1', '/nope'), model: 'fake-model' },
      key(null),
    );
    expect(r).toMatchObject({ ok: false, code: 'not_found' });
    expect(r.message).toMatch(/Check the base URL/);
  });

  it('explains a timeout', async () => {
    server.enqueue({ kind: 'hang' });
    const r = await testConnection(
      { preset: 'azure', baseUrl: server.baseUrl.replace('/v1', ''), model: 'dep', timeoutMs: 1000 },
      key('k'),
    );
    expect(r).toMatchObject({ ok: false, code: 'timeout', method: 'completion' });
  });

  it('probes Azure with a one-token request to the deployment and api-version', async () => {
    server.enqueue({
      kind: 'status',
      status: 200,
      body: {
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'dep',
        choices: [{ index: 0, message: { role: 'assistant', content: 'p' }, finish_reason: 'length' }],
      },
    });
    const r = await testConnection(
      {
        preset: 'azure',
        baseUrl: server.baseUrl.replace('/v1', ''),
        model: 'my-deployment',
        apiVersion: '2024-10-21',
      },
      key('az-key'),
    );
    expect(r).toMatchObject({ ok: true, method: 'completion' });
    const req = server.requests.at(-1)!;
    expect(req.path).toBe('/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21');
    expect(req.headers['api-key']).toBe('az-key');
    expect((req.body as { max_tokens: number }).max_tokens).toBe(1);
  });
});

describe('IPC handlers and contract', () => {
  it('tests unsaved overrides with the stored key and lists presets without secrets', async () => {
    const service = await makeService(server.baseUrl);
    const settings = defaultSettings();
    const handlers = createLlmHandlers({
      service,
      getSettings: () => settings.llm,
      getApiKey: key('sk-test'),
    });
    const input = llmCalls.testLlmConnection.input.parse({
      preset: 'custom',
      baseUrl: server.baseUrl,
      model: 'fake-model',
    });
    const result = await handlers.testLlmConnection(input, sender);
    expect(llmCalls.testLlmConnection.output.parse(result).ok).toBe(true);
    const presets = llmCalls.getLlmPresets.output.parse(await handlers.getLlmPresets(undefined, sender));
    expect(presets.map((p) => p.id)).toEqual([
      'openai',
      'azure',
      'ollama',
      'lmstudio',
      'vllm',
      'openrouter',
      'custom',
    ]);
    expect(await handlers.getLastLlmRequest(undefined, sender)).toBeNull();
  });

  it('events and the last request validate against the contract schemas', async () => {
    server.enqueue({
      kind: 'stream',
      content: repliesJson('Hi Dana, thanks for writing.\n\n— The Lumen & Loom team'),
    });
    const service = await makeService(server.baseUrl);
    const emitted: { name: string; payload: unknown }[] = [];
    const off = forwardLlmEvents(service, (name, payload) => emitted.push({ name, payload }));
    await service.request('m1', baseRequest());
    off();
    expect(emitted.length).toBeGreaterThan(2);
    for (const e of emitted) {
      const schema = e.name === 'onDidStreamSuggestion' ? SuggestionStreamSchema : LlmFinishSchema;
      expect(schema.safeParse(e.payload).success).toBe(true);
    }
    const handlers = createLlmHandlers({
      service,
      getSettings: () => defaultSettings().llm,
      getApiKey: key(null),
    });
    const last = LlmRequestRecordSchema.parse(await handlers.getLastLlmRequest(undefined, sender));
    expect(last.state).toBe('done');
    expect(JSON.stringify(last)).not.toContain('sk-test-key');
  });
});

describe('client hygiene', () => {
  it('ignores OPENAI_* environment variables and never logs, even with OPENAI_LOG=debug', async () => {
    const saved = { ...process.env };
    process.env.OPENAI_LOG = 'debug';
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
    process.env.OPENAI_API_KEY = 'sk-from-env';
    const spies = (['log', 'debug', 'info', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m));
    try {
      server.enqueue({ kind: 'stream', content: repliesJson('Hi Dana, thanks.\n\n— The Lumen & Loom team') });
      const service = await makeService(server.baseUrl);
      const result = await service.request('m1', baseRequest());
      expect(result.ok).toBe(true);
      expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer sk-test-key');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
      process.env = saved;
    }
  });

  it('streams from Azure through the deployment path with api-version and the api-key header', async () => {
    server.enqueue({ kind: 'stream', content: repliesJson('Hi Dana, thanks.\n\n— The Lumen & Loom team') });
    const service = await makeService(server.baseUrl.replace('/v1', ''), {
      settings: { preset: 'azure', model: 'support-gpt', apiVersion: '2024-10-21' },
      apiKey: 'az-key',
    });
    const result = await service.request('m1', baseRequest());
    expect(result.ok).toBe(true);
    const req = server.requests.at(-1)!;
    expect(req.path).toBe('/openai/deployments/support-gpt/chat/completions?api-version=2024-10-21');
    expect(req.headers['api-key']).toBe('az-key');
    expect((req.body as { response_format?: unknown }).response_format).toBeDefined();
  });
});
