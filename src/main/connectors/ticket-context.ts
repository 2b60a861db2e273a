import type {
  CustomerContext,
  HistoryMessage,
  MessageInput,
  OrderContext,
} from '../../shared/domain/context';
import type { StoreConnector, Ticket, TicketMessage } from '../../shared/domain/connectors';
import { toConnectorError } from './http/errors';

/** Facts the panel shows next to the analysis; the engine derives its own from the same input. */
export interface TicketSignals {
  /** Whole days past the promised delivery date for an undelivered order; 0 when on time. */
  daysLate?: number;
  paymentFailed: boolean;
  /** Customer messages in the thread, counting the latest: 3+ means they keep chasing. */
  customerContacts: number;
}

/** What the panel needs to analyse a ticket and show why: the engine input plus store facts. */
export interface TicketContext {
  input: MessageInput;
  customerId?: string;
  orders: OrderContext[];
  signals: TicketSignals;
  /** Plain-words reason when the store could not be read; the ticket still loads without it. */
  storeError?: string;
}

const DAY_MS = 86_400_000;

/**
 * Turns a loaded ticket (and the store, when connected) into what the engine analyses: the latest customer
 * message as text, the earlier turns as history, the customer's value and the order the thread is about
 * (the one mentioned most recently, else the newest).
 */
export async function buildTicketContext(
  ticket: Ticket,
  store?: StoreConnector | null,
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<TicketContext> {
  const now = options.now ?? new Date();
  const latestIndex = findLastIndex(ticket.messages, (m) => m.role === 'customer');
  const latest = latestIndex >= 0 ? ticket.messages[latestIndex] : undefined;
  const earlier = latestIndex >= 0 ? ticket.messages.slice(0, latestIndex) : ticket.messages;
  const history: HistoryMessage[] = earlier.map((m) => ({ author: m.role, text: m.text, at: m.createdAt }));

  let customer: CustomerContext = { name: ticket.requester.name, email: ticket.requester.email };
  let customerId: string | undefined;
  let orders: OrderContext[] = [];
  let storeError: string | undefined;
  if (store && ticket.requester.email) {
    try {
      const found = await store.findCustomerByEmail(ticket.requester.email, options.signal);
      if (found) {
        customerId = found.id;
        customer = { ...customer, ...stripUndefined(found.customer) };
        orders = await store.getRecentOrders(found.id, options.signal);
      }
    } catch (error) {
      storeError = toConnectorError(error, 'The store').message;
    }
  }
  const order = pickOrder(orders, ticket);
  const input: MessageInput = {
    text: latest?.text ?? ticket.subject,
    customer,
    ...(order ? { order } : {}),
    history,
    now: now.toISOString(),
  };
  return {
    input,
    customerId,
    orders,
    signals: {
      daysLate: order ? daysLate(order, now) : undefined,
      paymentFailed: orders.some((o) => o.paymentStatus === 'failed'),
      customerContacts: ticket.messages.filter((m) => m.role === 'customer').length,
    },
    ...(storeError ? { storeError } : {}),
  };
}

/** The order whose number appears most recently in the thread (or subject); otherwise the newest order. */
export function pickOrder(
  orders: OrderContext[],
  ticket: Pick<Ticket, 'messages' | 'subject'>,
): OrderContext | undefined {
  if (orders.length === 0) return undefined;
  const texts: string[] = [...ticket.messages].reverse().map((m: TicketMessage) => m.text);
  texts.push(ticket.subject);
  for (const text of texts) {
    const mentioned = orders.find((o) => o.number && mentions(text, o.number));
    if (mentioned) return mentioned;
  }
  return orders[0];
}

function mentions(text: string, orderNumber: string): boolean {
  const digits = orderNumber.replace(/^#/, '').trim();
  if (digits === '') return false;
  const escaped = digits.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w])#?${escaped}(?![\\w])`, 'i').test(text);
}

/** Lateness only counts for orders not yet delivered or cancelled. */
export function daysLate(order: OrderContext, now: Date): number | undefined {
  if (!order.promisedBy) return undefined;
  if (order.status === 'delivered' || order.status === 'cancelled' || order.deliveredAt) return 0;
  const promised = Date.parse(order.promisedBy);
  if (!Number.isFinite(promised)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - promised) / DAY_MS));
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
