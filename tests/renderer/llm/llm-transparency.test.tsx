import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { WhatWasSent } from '../../../src/renderer/features/assist/components/what-was-sent';
import { connectionOverrides } from '../../../src/renderer/features/settings/components/llm-test-connection';
import { toFormValues } from '../../../src/renderer/features/settings/model/form-values';
import { createQueryClient } from '../../../src/renderer/lib/query-client';
import type { LlmRequestRecordPayload } from '../../../src/shared/contract/llm';
import { defaultSettings } from '../../../src/shared/domain/settings';
import type { TandemApi } from '../../../src/shared/ipc/api';

const values = (over: Partial<ReturnType<typeof toFormValues>> = {}) => ({
  ...toFormValues(defaultSettings()),
  ...over,
});

describe('Test connection overrides', () => {
  it('sends the unsaved values, trimmed, with the timeout in ms', () => {
    expect(
      connectionOverrides(
        values({
          preset: 'custom',
          baseUrl: ' http://127.0.0.1:8080/v1 ',
          model: ' m ',
          timeoutSeconds: '7.5',
        }),
      ),
    ).toEqual({ preset: 'custom', baseUrl: 'http://127.0.0.1:8080/v1', model: 'm', timeoutMs: 7500 });
  });

  it('leaves out what does not parse so main uses the saved value', () => {
    const out = connectionOverrides(values({ baseUrl: '', model: '   ', timeoutSeconds: 'abc' }));
    expect(out).toEqual({ preset: defaultSettings().llm.preset });
    expect(connectionOverrides(values({ timeoutSeconds: '0.2' })).timeoutMs).toBeUndefined();
  });

  it('adds the API version only for Azure', () => {
    expect(connectionOverrides(values({ preset: 'azure', apiVersion: '2024-10-21' })).apiVersion).toBe(
      '2024-10-21',
    );
    expect(
      connectionOverrides(values({ preset: 'openai', apiVersion: '2024-10-21' })).apiVersion,
    ).toBeUndefined();
  });
});

const RECORD: LlmRequestRecordPayload = {
  requestKey: 'r1',
  startedAt: '2026-11-24T10:00:00.000Z',
  preset: 'custom',
  endpoint: 'http://127.0.0.1:1/v1',
  model: 'test-model',
  body: { messages: [{ role: 'user', content: 'Card [CARD_1] <img src=x onerror=alert(1)>' }] },
  context: { order: '#10482' },
  state: 'done',
  attempts: 1,
  usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 },
  latencyMs: 812.4,
  firstTokenMs: 203.2,
  error: null,
};

/** Just the calls the view uses; listeners are kept so the test can push events as main would. */
function stubApi(record: LlmRequestRecordPayload | null) {
  const finish = new Set<(p: unknown) => void>();
  let current = record;
  let reads = 0;
  const api = {
    getLastLlmRequest: async () => {
      reads += 1;
      return { ok: true, data: current };
    },
    onDidFinishLlmRequest: (l: (p: unknown) => void) => {
      finish.add(l);
      return () => finish.delete(l);
    },
    onDidStreamSuggestion: () => () => {},
  };
  Object.defineProperty(window, 'tandem', { value: api as unknown as TandemApi, configurable: true });
  return {
    setRecord: (r: LlmRequestRecordPayload) => (current = r),
    finish: (p: unknown) => finish.forEach((l) => l(p)),
    reads: () => reads,
  };
}

function renderView() {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return render(
    <QueryClientProvider client={client}>
      <WhatWasSent />
    </QueryClientProvider>,
  );
}

describe('What was sent', () => {
  it('shows nothing before any request', async () => {
    const stub = stubApi(null);
    const { container } = renderView();
    await act(async () => {});
    expect(stub.reads()).toBe(1);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the body as text, never markup, and each finished request with usage and latency', async () => {
    const stub = stubApi(null);
    const { container } = renderView();
    await act(async () => {});
    stub.setRecord(RECORD);
    act(() =>
      stub.finish({
        requestKey: 'r1',
        ok: true,
        usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 },
        latencyMs: 812.4,
        firstTokenMs: 203.2,
        model: 'test-model',
      }),
    );
    await userEvent.click(await screen.findByText('What was sent to the model'));
    const body = await screen.findByTestId('sent-body');
    expect(body.tagName).toBe('PRE');
    expect(body.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    expect(body.textContent).toContain('[CARD_1]');
    expect(screen.getByText('120 in, 30 out, 150 total')).toBeInTheDocument();
    const rows = screen.getByTestId('sent-requests').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('203 ms');
    expect(rows[0]!.textContent).toContain('812 ms');
    expect(rows[0]!.textContent).toContain('120 + 30 = 150');
    expect(stub.reads()).toBe(2);
  });
});
