import { describe, expect, it } from 'vitest';
import type { OrderContext } from '../../../src/shared/domain/context';
import type { StoreConnector, Ticket, TicketMessage } from '../../../src/shared/domain/connectors';
import { ConnectorError } from '../../../src/main/connectors/http/errors';
import { buildTicketContext, daysLate, pickOrder } from '../../../src/main/connectors/ticket-context';

const msg = (id: string, role: TicketMessage['role'], text: string, day: number): TicketMessage => ({
  id,
  role,
  text,
  createdAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`,
  attachments: [],
});

const TICKET: Ticket = {
  kind: 'zendesk',
  id: '1',
  subject: 'Where is my parcel?',
  status: 'open',
  requester: { name: 'Jo', email: 'jo@example.com' },
  tags: [],
  messages: [
    msg('1', 'customer', 'Where is order #1002?', 18),
    msg('2', 'agent', 'On its way.', 19),
    msg('3', 'note', 'carrier delay', 19),
    msg('4', 'customer', 'Still nothing!!', 22),
    msg('5', 'agent', 'Checking.', 22),
    msg('6', 'customer', 'This is the third time I write.', 23),
  ],
  truncatedCount: 0,
  updatedAt: '2026-11-23T10:00:00Z',
};

const ORDERS: OrderContext[] = [
  { number: '#1003', status: 'unfulfilled', paymentStatus: 'failed', placedAt: '2026-11-20T00:00:00Z' },
  {
    number: '#1002',
    status: 'in_transit',
    paymentStatus: 'paid',
    promisedBy: '2026-11-15T18:00:00Z',
    placedAt: '2026-11-10T00:00:00Z',
  },
];

function store(overrides: Partial<StoreConnector> = {}): StoreConnector {
  return {
    kind: 'shopify',
    testConnection: async () => ({ ok: true, message: '' }),
    findCustomerByEmail: async (email) =>
      email === 'jo@example.com'
        ? {
            id: 'gid://shopify/Customer/1',
            customer: { lifetimeValue: 1843.2, ordersCount: 14, tags: ['vip'] },
          }
        : null,
    getRecentOrders: async () => ORDERS,
    ...overrides,
  };
}

describe('buildTicketContext', () => {
  it('analyses the latest customer message with earlier turns as history and the mentioned order', async () => {
    const ctx = await buildTicketContext(TICKET, store(), { now: new Date('2026-11-24T12:00:00Z') });
    expect(ctx.input.text).toBe('This is the third time I write.');
    expect(ctx.input.history).toEqual([
      { author: 'customer', text: 'Where is order #1002?', at: '2026-11-18T10:00:00Z' },
      { author: 'agent', text: 'On its way.', at: '2026-11-19T10:00:00Z' },
      { author: 'note', text: 'carrier delay', at: '2026-11-19T10:00:00Z' },
      { author: 'customer', text: 'Still nothing!!', at: '2026-11-22T10:00:00Z' },
      { author: 'agent', text: 'Checking.', at: '2026-11-22T10:00:00Z' },
    ]);
    expect(ctx.input.customer).toEqual({
      name: 'Jo',
      email: 'jo@example.com',
      lifetimeValue: 1843.2,
      ordersCount: 14,
      tags: ['vip'],
    });
    expect(ctx.input.order?.number).toBe('#1002');
    expect(ctx.input.now).toBe('2026-11-24T12:00:00.000Z');
    expect(ctx.signals).toEqual({ daysLate: 8, paymentFailed: true, customerContacts: 3 });
    expect(ctx.customerId).toBe('gid://shopify/Customer/1');
  });

  it('falls back to the most recent order when none is mentioned', () => {
    expect(
      pickOrder(ORDERS, { subject: 'Hello', messages: [msg('1', 'customer', 'any news? ref 10020', 1)] })
        ?.number,
    ).toBe('#1003');
  });

  it('still builds the input when the store fails, with the reason', async () => {
    const failing = store({
      findCustomerByEmail: async () => {
        throw new ConnectorError(
          'forbidden',
          'Shopify refused access. It needs the "read_customers" permission (scope).',
        );
      },
    });
    const ctx = await buildTicketContext(TICKET, failing);
    expect(ctx.input.customer).toEqual({ name: 'Jo', email: 'jo@example.com' });
    expect(ctx.input.order).toBeUndefined();
    expect(ctx.storeError).toMatch(/read_customers/);
  });

  it('works without a store and without customer messages', async () => {
    const ctx = await buildTicketContext({ ...TICKET, messages: [msg('1', 'agent', 'Hi', 1)] }, null);
    expect(ctx.input.text).toBe('Where is my parcel?');
    expect(ctx.input.history).toHaveLength(1);
    expect(ctx.signals.customerContacts).toBe(0);
  });

  it('counts lateness only for undelivered orders', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(daysLate({ promisedBy: '2026-11-20T12:00:00Z', status: 'shipped' }, now)).toBe(4);
    expect(daysLate({ promisedBy: '2026-11-20T12:00:00Z', status: 'delivered' }, now)).toBe(0);
    expect(daysLate({ promisedBy: '2026-11-30T12:00:00Z' }, now)).toBe(0);
    expect(daysLate({}, now)).toBeUndefined();
  });
});
