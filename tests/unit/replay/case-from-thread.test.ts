import { describe, expect, it } from 'vitest';
import type { AssistState } from '../../../src/shared/contract/assist';
import { caseFromThread, GOLD_REPLY_PLACEHOLDER } from '../../../src/main/replay/case-from-thread';
import { parseCaseImport } from '../../../src/main/replay/case-import';

const state = {
  customer: { name: 'Jane Doe', email: 'jane@example.com', lifetimeValue: 900, language: 'en' },
  order: {
    number: '20931',
    status: 'shipped',
    trackingNumber: '1Z999',
    trackingUrl: 'https://t.example/1Z999',
  },
  analysis: {
    redactedText: 'Where is my order?',
    intent: { label: 'order_status', confidence: 0.9, secondary: [] },
    escalation: { recommended: false, reasons: [] },
  },
} as unknown as AssistState;

describe('caseFromThread', () => {
  it('pairs agent replies as gold replies, keeps pacing and drops personal context', () => {
    const c = caseFromThread(
      state,
      [
        { author: 'customer', text: 'Where is my order?', at: '2026-11-20T10:00:00Z' },
        { author: 'agent', text: 'It ships today.' },
        { author: 'customer', text: 'Thanks, and mail me at a@b.example', at: '2026-11-20T10:05:00Z' },
      ],
      (t) => t.replace(/\S+@\S+/g, '[EMAIL]'),
      new Date('2026-11-20T10:06:00Z'),
    );
    expect(c.id).toBe('captured-202611201006-order-status');
    expect(c.turns).toEqual([
      { role: 'customer', text: 'Where is my order?', offsetSeconds: 0, goldReply: 'It ships today.' },
      {
        role: 'customer',
        text: 'Thanks, and mail me at [EMAIL]',
        offsetSeconds: 300,
        goldReply: GOLD_REPLY_PLACEHOLDER,
      },
    ]);
    expect(c.customer).toEqual({ language: 'en', lifetimeValue: 900 });
    expect(c.order).toEqual({ number: '20931', status: 'shipped' });
    expect(c.origin).toBe('captured');
  });

  it('falls back to the current message when the thread is empty', () => {
    const c = caseFromThread(state, [], (t) => t);
    expect(c.turns).toHaveLength(1);
    expect(c.turns[0]).toMatchObject({ role: 'customer', text: 'Where is my order?' });
  });
});

describe('parseCaseImport', () => {
  it('reports a single broken case with its path and no index prefix', () => {
    const r = parseCaseImport('{"id":"x"}', 'mine.json');
    expect(r.cases).toEqual([]);
    expect(r.problems.map((p) => `${p.file}:${p.path}`)).toContain('mine.json:title');
  });
  it('refuses an empty list', () => {
    expect(parseCaseImport('[]').problems[0]?.message).toBe('The file holds no case');
  });
});
