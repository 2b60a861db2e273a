import type { AssistState } from '../../shared/contract/assist';
import { TrainingCaseSchema, type CaseTurn, type TrainingCase } from '../../shared/domain/cases';
import type { HistoryMessage } from '../../shared/domain/context';

/** Marks a gold reply the trainer still has to write; the review form highlights it. */
export const GOLD_REPLY_PLACEHOLDER = '[Write the reply a senior agent would send to this message]';

const DEFAULT_GAP_SECONDS = 30;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

function offsets(turns: readonly HistoryMessage[]): number[] {
  const times = turns.map((t) => (t.at ? Date.parse(t.at) : NaN));
  const first = times.find((t) => !Number.isNaN(t));
  let last = 0;
  return turns.map((_, i) => {
    const at = times[i]!;
    const offset =
      first !== undefined && !Number.isNaN(at)
        ? Math.round((at - first) / 1000)
        : last + (i ? DEFAULT_GAP_SECONDS : 0);
    last = Math.max(last, Math.min(86_400, Math.max(0, offset)));
    return last;
  });
}

/**
 * Drafts a training case from the live thread for the trainer to review. Every text goes through the
 * redactor again (the thread is already redacted, but a second pass costs little and a case file
 * travels further than the record), and the customer and order context keep only what teaches
 * something: no name, e-mail or tracking details. Each customer turn takes the agent reply that
 * followed it as its gold reply, or a placeholder to fill in.
 */
export function caseFromThread(
  state: AssistState,
  thread: readonly HistoryMessage[],
  redact: (text: string) => string,
  now = new Date(),
): TrainingCase {
  const source = thread.length
    ? thread
    : [{ author: 'customer' as const, text: state.analysis.redactedText }];
  const times = offsets(source);
  const turns: CaseTurn[] = [];
  source.forEach((message, i) => {
    const text = redact(message.text).trim().slice(0, 20_000);
    if (!text) return;
    const previous = turns.at(-1);
    if (
      message.author === 'agent' &&
      previous?.role === 'customer' &&
      previous.goldReply === GOLD_REPLY_PLACEHOLDER
    ) {
      previous.goldReply = text;
      return;
    }
    turns.push({
      role: message.author,
      text,
      offsetSeconds: times[i] ?? 0,
      ...(message.author === 'customer' ? { goldReply: GOLD_REPLY_PLACEHOLDER } : {}),
    });
  });
  const { intent, escalation } = state.analysis;
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const c = state.customer;
  const o = state.order;
  return TrainingCaseSchema.parse({
    id: `captured-${stamp}-${slug(intent.label) || 'case'}`,
    title: `Captured conversation: ${intent.label.replace(/_/g, ' ')}`,
    tags: ['captured', intent.label],
    difficulty: 'medium',
    ...(c
      ? {
          customer: {
            ...(c.language ? { language: c.language } : {}),
            ...(c.lifetimeValue !== undefined ? { lifetimeValue: c.lifetimeValue } : {}),
            ...(c.ordersCount !== undefined ? { ordersCount: c.ordersCount } : {}),
            ...(c.tags ? { tags: c.tags } : {}),
          },
        }
      : {}),
    ...(o
      ? {
          order: {
            ...(o.number ? { number: o.number } : {}),
            ...(o.status ? { status: o.status } : {}),
            ...(o.placedAt ? { placedAt: o.placedAt } : {}),
            ...(o.shippedAt ? { shippedAt: o.shippedAt } : {}),
            ...(o.promisedBy ? { promisedBy: o.promisedBy } : {}),
            ...(o.deliveredAt ? { deliveredAt: o.deliveredAt } : {}),
            ...(o.carrier ? { carrier: o.carrier } : {}),
            ...(o.total !== undefined ? { total: o.total } : {}),
            ...(o.currency ? { currency: o.currency } : {}),
            ...(o.items ? { items: o.items } : {}),
            ...(o.paymentStatus ? { paymentStatus: o.paymentStatus } : {}),
          },
        }
      : {}),
    turns,
    expected: {
      intents: [intent.label],
      escalation: {
        required: escalation.recommended,
        ...(escalation.reasons.length
          ? {
              reason: escalation.reasons
                .map((r) => r.message)
                .join('; ')
                .slice(0, 500),
            }
          : {}),
      },
    },
    rubric: [],
    mustNotSay: [],
    origin: 'captured',
  });
}
