import { describe, expect, it } from 'vitest';
import { AssistService, normalizedEditDistance } from '../../../src/main/assist/assist-service';
import { AppError } from '../../../src/shared/ipc/result';
import { recordingDeps } from './fakes';

function analyzed(service: AssistService, text: string) {
  const result = service.handleIncoming({ text, source: 'clipboard' });
  if (result.kind !== 'analyzed') throw new Error(`expected analysis, got ${result.reason}`);
  return result.state;
}

describe('AssistService', () => {
  it('analyses a customer message, shows suggestions and records both', () => {
    const { deps, records } = recordingDeps();
    const service = new AssistService(deps);
    const state = analyzed(service, 'Where is my order #1001 please');
    expect(state.suggestions).toHaveLength(2);
    expect(state.analysis.intent.label).toBe('order_status');
    expect(records.map((r) => r.record.type)).toEqual([
      'message_analyzed',
      'suggestion_shown',
      'suggestion_shown',
    ]);
    expect(records[0]?.context).toMatchObject({ source: 'clipboard', intent: 'order_status' });
  });

  it('ignores clipboard text that is not a customer message and keeps the current one', () => {
    const { deps } = recordingDeps();
    const service = new AssistService(deps);
    const first = analyzed(service, 'Where is my order #1001 please');
    const result = service.handleIncoming({ text: 'https://example.com', source: 'clipboard' });
    expect(result).toEqual({ kind: 'ignored', reason: 'fewer than two words' });
    expect(service.state?.messageId).toBe(first.messageId);
  });

  it('accepts as is: copies to the clipboard and records distance 0', async () => {
    const { deps, records, clipboard, advance } = recordingDeps();
    const service = new AssistService(deps);
    const state = analyzed(service, 'Where is my order #1001 please');
    const s = state.suggestions[0]!;
    advance(4200);
    const out = await service.accept({
      messageId: state.messageId,
      suggestionId: s.id,
      text: s.text,
      delivery: 'clipboard',
    });
    expect(out.delivered).toBe('clipboard');
    expect(clipboard).toEqual([s.text]);
    const accepted = records.find((r) => r.record.type === 'suggestion_accepted')?.record;
    expect(accepted).toMatchObject({
      edited: false,
      editDistance: 0,
      msToAccept: 4200,
      delivery: 'clipboard',
    });
  });

  it('refuses a blocked edit without an override, and records the override when given', async () => {
    const { deps, records, clipboard } = recordingDeps();
    const service = new AssistService(deps);
    const state = analyzed(service, 'Where is my order #1001 please');
    const s = state.suggestions[0]!;
    const text = `${s.text} I'll give you 50% off`;
    await expect(
      service.accept({ messageId: state.messageId, suggestionId: s.id, text, delivery: 'clipboard' }),
    ).rejects.toMatchObject({ code: 'invalid_state' });
    expect(clipboard).toEqual([]);
    await service.accept({
      messageId: state.messageId,
      suggestionId: s.id,
      text,
      delivery: 'clipboard',
      override: { ruleIds: ['unauthorized-commitment'], reason: 'Supervisor approved on call' },
    });
    const types = records.map((r) => r.record.type);
    expect(types).toContain('policy_override');
    const accepted = records.find((r) => r.record.type === 'suggestion_accepted')?.record;
    expect(accepted).toMatchObject({ edited: true, verdict: 'block' });
    if (accepted?.type === 'suggestion_accepted') {
      expect(accepted.editDistance).toBeCloseTo(normalizedEditDistance(s.text, text));
    }
  });

  it('rejects an override that does not name the blocking rule', async () => {
    const { deps } = recordingDeps();
    const service = new AssistService(deps);
    const state = analyzed(service, 'Where is my order #1001 please');
    const s = state.suggestions[0]!;
    await expect(
      service.accept({
        messageId: state.messageId,
        suggestionId: s.id,
        text: 'Here is 40% off',
        delivery: 'clipboard',
        override: { ruleIds: ['spam-trigger'], reason: 'because' },
      }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('refuses decisions about a message that a newer one replaced', async () => {
    const { deps } = recordingDeps();
    const service = new AssistService(deps);
    const old = analyzed(service, 'Where is my order #1001 please');
    analyzed(service, 'I want a refund for #1001');
    await expect(
      service.accept({
        messageId: old.messageId,
        suggestionId: old.suggestions[0]!.id,
        text: 'x',
        delivery: 'clipboard',
      }),
    ).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('keeps earlier turns of the same thread as history', () => {
    const { deps } = recordingDeps();
    const service = new AssistService(deps);
    const a = analyzed(service, 'Where is my order #1001 please');
    const b = analyzed(service, 'Any news on #1001 today?');
    expect(b.threadId).toBe(a.threadId);
    expect(b.historyCount).toBe(1);
    const c = analyzed(service, 'Different order #2002 is late');
    expect(c.threadId).not.toBe(a.threadId);
    expect(c.historyCount).toBe(0);
  });

  it('escalates with a note built from redacted text and records it', async () => {
    const { deps, records, clipboard } = recordingDeps();
    const service = new AssistService(deps);
    const state = analyzed(service, 'My lawyer will hear about this, write me at ann@example.com');
    const out = await service.escalate({ messageId: state.messageId, delivery: 'clipboard' });
    expect(out.path).toBe('Legal');
    expect(out.note).toContain('Mentions legal action');
    expect(out.note).not.toContain('ann@example.com');
    expect(clipboard).toEqual([out.note]);
    expect(records.at(-1)?.record).toMatchObject({
      type: 'escalated',
      reasonCodes: ['legal_threat'],
      path: 'Legal',
    });
  });

  it('will not post to a ticket when the message came from the clipboard', async () => {
    const { deps } = recordingDeps();
    const service = new AssistService(deps);
    const state = analyzed(service, 'Where is my order #1001 please');
    const s = state.suggestions[0]!;
    await expect(
      service.accept({ messageId: state.messageId, suggestionId: s.id, text: s.text, delivery: 'reply' }),
    ).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('drops LLM drafts that arrive for an older message', () => {
    let captured: ((d: never[], s: { state: 'done' }) => void) | null = null;
    const { deps } = recordingDeps({
      llm: {
        enabled: true,
        start: (_key, _req, onUpdate) => {
          captured ??= onUpdate as never;
        },
        cancel: () => undefined,
      },
    });
    const service = new AssistService(deps);
    analyzed(service, 'Where is my order #1001 please');
    const second = analyzed(service, 'I want a refund for #1001');
    captured!([], { state: 'done' });
    expect(service.state?.messageId).toBe(second.messageId);
    expect(service.state?.llm.state).toBe('streaming');
  });
});
