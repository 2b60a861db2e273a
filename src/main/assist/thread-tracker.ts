import { randomUUID } from 'node:crypto';
import type { Entity } from '../../shared/domain/analysis';
import type { CustomerContext, HistoryMessage, OrderContext } from '../../shared/domain/context';

/** A clipboard message this long after the previous one starts a new conversation. */
const THREAD_IDLE_MS = 30 * 60 * 1000;
/** Earlier turns kept as history; older ones add little and cost analysis time. */
const MAX_TURNS = 20;

export interface ThreadKeys {
  ticketId?: string;
  orderNumbers: string[];
  emails: string[];
}

export interface Thread {
  id: string;
  keys: ThreadKeys;
  turns: HistoryMessage[];
  customer?: CustomerContext;
  order?: OrderContext;
  lastAt: number;
}

/** Pulls the identifying entities (order numbers, e-mail addresses) out of an analysis. */
export function threadKeysFrom(
  entities: readonly Entity[],
  restoreEmail: (placeholder: string) => string | null,
): ThreadKeys {
  const orderNumbers = entities
    .filter((e) => e.type === 'order_number')
    .map((e) => e.value.replace(/^#/, ''));
  const emails = entities
    .filter((e) => e.type === 'email')
    .map((e) => (restoreEmail(e.value) ?? e.value).toLowerCase());
  return { orderNumbers, emails };
}

const overlaps = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

/**
 * Keeps the conversation a message belongs to, so that a follow-up from the same customer is
 * analysed with the earlier turns as history. A different ticket, order or e-mail starts a new
 * thread, and so does a long pause; the agent can reset at any time.
 */
export class ThreadTracker {
  private current: Thread | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  get thread(): Thread | null {
    return this.current;
  }

  reset(): void {
    this.current = null;
  }

  /** Decides whether `keys` continue the current thread; returns the thread to use. */
  resolve(keys: ThreadKeys, context: { customer?: CustomerContext; order?: OrderContext } = {}): Thread {
    const t = this.now();
    const cur = this.current;
    if (cur && this.continues(cur, keys, context, t)) {
      cur.keys = {
        ticketId: keys.ticketId ?? cur.keys.ticketId,
        orderNumbers: [...new Set([...cur.keys.orderNumbers, ...keys.orderNumbers])],
        emails: [...new Set([...cur.keys.emails, ...keys.emails])],
      };
      if (context.customer) cur.customer = context.customer;
      if (context.order) cur.order = context.order;
      return cur;
    }
    this.current = { id: randomUUID(), keys, turns: [], lastAt: t, ...context };
    return this.current;
  }

  /** Records a turn after it was analysed so the next message sees it as history. */
  addTurn(thread: Thread, turn: HistoryMessage): void {
    thread.turns.push(turn);
    if (thread.turns.length > MAX_TURNS) thread.turns.splice(0, thread.turns.length - MAX_TURNS);
    thread.lastAt = this.now();
  }

  private continues(
    cur: Thread,
    keys: ThreadKeys,
    context: { customer?: CustomerContext; order?: OrderContext },
    t: number,
  ): boolean {
    if (keys.ticketId !== undefined || cur.keys.ticketId !== undefined)
      return keys.ticketId === cur.keys.ticketId;
    const email = context.customer?.email?.toLowerCase();
    const curEmail = cur.customer?.email?.toLowerCase();
    if (email && curEmail && email !== curEmail) return false;
    if (
      keys.orderNumbers.length &&
      cur.keys.orderNumbers.length &&
      !overlaps(keys.orderNumbers, cur.keys.orderNumbers)
    ) {
      return false;
    }
    if (keys.emails.length && cur.keys.emails.length && !overlaps(keys.emails, cur.keys.emails)) return false;
    const sharesKey =
      overlaps(keys.orderNumbers, cur.keys.orderNumbers) || overlaps(keys.emails, cur.keys.emails);
    return sharesKey || t - cur.lastAt <= THREAD_IDLE_MS;
  }
}
