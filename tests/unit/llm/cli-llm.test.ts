import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SuggestionSchema } from '../../../src/shared/domain/suggestion';
import type { Analysis } from '../../../src/shared/domain/analysis';
import type { LlmDraftSource } from '../../../src/main/assist/types';
import { createCliLlm, extractLlmArgs } from '../../../src/main/llm/cli-llm';
import { createLlmDraftSource, referenceMacros } from '../../../src/main/llm/suggestions';
import { repliesJson, startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';
import { baseRequest, makeService, REDACTED } from './helpers';

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

describe('assist draft source adapter', () => {
  it('streams incomplete cards, then the finished, checked suggestions', async () => {
    server.enqueue({ kind: 'stream', content: repliesJson(`Hi [NAME_1], thanks!${SIGN}`), chunkSize: 4 });
    const service = await makeService(server.baseUrl);
    // Typed as the assist service's port: the composition root can pass it as `llm` directly.
    const source: LlmDraftSource = createLlmDraftSource({
      service,
      isEnabled: () => true,
      getMacros: () => baseRequest().macros,
    });
    const updates: { drafts: { text: string; incomplete?: boolean }[]; state: string }[] = [];
    const finished = new Promise<void>((resolve) => {
      const analysis = {
        ...REDACTED,
        language: 'en',
        intent: { label: 'payment_issue', confidence: 0.8, secondary: [] },
      } as unknown as Analysis;
      source.start('msg-1', { input: { text: 'x' }, analysis }, (drafts, status) => {
        updates.push({ drafts, state: status.state });
        if (status.state !== 'streaming') resolve();
      });
    });
    await finished;
    expect(source.enabled).toBe(true);
    expect(
      updates.filter((u) => u.state === 'streaming').every((u) => u.drafts.every((d) => d.incomplete)),
    ).toBe(true);
    const last = updates.at(-1)!;
    expect(last.state).toBe('done');
    expect(last.drafts[0]).toMatchObject({ text: `Hi Dana, thanks!${SIGN}` });
    expect(last.drafts[0]!.incomplete).toBeUndefined();
  });

  it('after cancel, no update arrives for the old message', async () => {
    server.enqueue(
      {
        kind: 'stream',
        content: repliesJson(`Hi [NAME_1], thanks for waiting, we are on it.${SIGN}`),
        chunkSize: 4,
        gateAfterChunks: 10,
      },
      { kind: 'stream', content: repliesJson(`Hi [NAME_1], all sorted.${SIGN}`) },
    );
    const service = await makeService(server.baseUrl);
    const source: LlmDraftSource = createLlmDraftSource({
      service,
      isEnabled: () => true,
      getMacros: () => [],
    });
    const analysis = {
      ...REDACTED,
      language: 'en',
      intent: { label: 'payment_issue', confidence: 0.8, secondary: [] },
    } as unknown as Analysis;
    const old: string[] = [];
    const firstUpdate = new Promise<void>((resolve) =>
      source.start('msg-1', { input: { text: 'x' }, analysis }, (_drafts, status) => {
        old.push(status.state);
        resolve();
      }),
    );
    await firstUpdate;
    source.cancel('a new customer message arrived');
    const seen = old.length;
    const req = await server.waitForRequest(0);
    await req.aborted;
    server.release();
    // A newer message runs to the end; by then any late work for the old one would have shown up.
    await new Promise<void>((resolve) =>
      source.start('msg-2', { input: { text: 'y' }, analysis }, (_d, status) => {
        if (status.state === 'done') resolve();
      }),
    );
    expect(old).toHaveLength(seen);
    expect(old.every((s) => s === 'streaming')).toBe(true);
  });
});

describe('referenceMacros', () => {
  it('keeps the top ranked macros as {id, title, body}', () => {
    const ranked = [1, 2, 3, 4].map((i) => ({
      macro: { id: `m${i}`, title: `T${i}`, body: `B${i}`, file: 'x' },
      score: 1 / i,
    }));
    expect(referenceMacros(ranked)).toEqual([
      { id: 'm1', title: 'T1', body: 'B1' },
      { id: 'm2', title: 'T2', body: 'B2' },
      { id: 'm3', title: 'T3', body: 'B3' },
    ]);
  });
});
