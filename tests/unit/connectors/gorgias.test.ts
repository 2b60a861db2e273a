import { afterEach, describe, expect, it } from 'vitest';
import { GorgiasConnector } from '../../../src/main/connectors/gorgias';
import { basic, fakeTiming, secrets, startServer, type FakeServer, type Handler } from './fake-server';

const AUTH = basic('dana@acme.com', 'gg-key');
const TICKET = {
  id: 4242,
  uri: '/api/tickets/4242/',
  external_id: null,
  language: 'en',
  status: 'open',
  priority: 'normal',
  channel: 'email',
  via: 'email',
  from_agent: false,
  customer: { id: 77, email: 'lee@example.com', name: 'Lee Shopper', firstname: 'Lee', lastname: 'Shopper' },
  assignee_user: { id: 3, email: 'dana@acme.com', name: 'Dana Agent' },
  assignee_team: null,
  subject: 'Cancel my order',
  tags: [{ id: 1, name: 'cancel', uri: '/api/tags/1/' }],
  created_datetime: '2026-11-22T08:00:00+00:00',
  updated_datetime: '2026-11-23T08:00:00+00:00',
};

function message(id: number, extra: Record<string, unknown>) {
  return {
    id,
    uri: `/api/tickets/4242/messages/${id}/`,
    ticket_id: 4242,
    channel: 'email',
    via: 'email',
    public: true,
    from_agent: false,
    sender: { id: 77, email: 'lee@example.com', name: 'Lee Shopper' },
    receiver: { id: 3, email: 'dana@acme.com', name: 'Dana Agent' },
    subject: 'Cancel my order',
    body_text: `text ${id}`,
    body_html: `<p>text ${id}</p>`,
    stripped_text: `text ${id}`,
    attachments: [],
    created_datetime: `2026-11-23T0${id}:00:00+00:00`,
    ...extra,
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connector(handler: Handler) {
  server = await startServer(handler);
  const timing = fakeTiming();
  const gorgias = new GorgiasConnector(
    {
      baseUrl: server.url,
      getSecret: secrets({ GG_EMAIL: 'dana@acme.com', GG_KEY: 'gg-key' }),
      timing,
      random: () => 0.5,
      maxRetries: 2,
      timeoutMs: 5000,
    },
    { emailSecret: 'GG_EMAIL', apiKeySecret: 'GG_KEY' },
  );
  return { gorgias, server, timing };
}

describe('Gorgias connector', () => {
  it('loads messages newest-first by cursor and returns them oldest first with notes and attachments', async () => {
    const { gorgias, server } = await connector((req) => {
      if (req.path === '/api/tickets/4242') return { json: TICKET };
      if (!req.query.cursor) {
        return {
          json: {
            data: [
              message(3, {
                channel: 'internal-note',
                public: false,
                from_agent: true,
                body_text: 'Already shipped?',
                sender: { id: 3, name: 'Dana Agent' },
              }),
              message(2, {
                from_agent: true,
                body_text: null,
                stripped_text: null,
                body_html: '<p>We&#39;ll check.</p>',
                sender: { id: 3, name: 'Dana Agent' },
              }),
            ],
            object: 'list',
            uri: '/api/tickets/4242/messages',
            meta: { prev_cursor: null, next_cursor: 'WyJuZXh0IiwgMl0=' },
          },
        };
      }
      return {
        json: {
          data: [
            message(1, {
              attachments: [
                { name: 'order.pdf', url: 'https://x/order.pdf', content_type: 'application/pdf' },
              ],
            }),
          ],
          meta: { next_cursor: null },
        },
      };
    });
    const ticket = await gorgias.getTicket('4242');
    expect(server.requests.map((r) => [r.path, r.query, r.headers.authorization])).toEqual([
      ['/api/tickets/4242', {}, AUTH],
      ['/api/tickets/4242/messages', { limit: '100', order_by: 'created_datetime:desc' }, AUTH],
      [
        '/api/tickets/4242/messages',
        { limit: '100', order_by: 'created_datetime:desc', cursor: 'WyJuZXh0IiwgMl0=' },
        AUTH,
      ],
    ]);
    expect(ticket).toMatchObject({
      id: '4242',
      subject: 'Cancel my order',
      status: 'open',
      requester: { name: 'Lee Shopper', email: 'lee@example.com' },
      tags: ['cancel'],
    });
    expect(ticket.messages.map((m) => [m.role, m.text, m.attachments])).toEqual([
      ['customer', 'text 1', ['order.pdf']],
      ['agent', "We'll check.", []],
      ['note', 'Already shipped?', []],
    ]);
  });

  it('posts an internal note on the internal-note channel from the connected agent', async () => {
    const { gorgias, server } = await connector(() => ({ status: 201, json: message(9, {}) }));
    expect(await gorgias.postReply('4242', 'Check stock', { asInternalNote: true })).toEqual({
      ok: true,
      messageId: '9',
      asInternalNote: true,
    });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/tickets/4242/messages',
      json: {
        body_text: 'Check stock',
        body_html: '<p>Check stock</p>',
        via: 'api',
        from_agent: true,
        sender: { email: 'dana@acme.com' },
        channel: 'internal-note',
        public: false,
      },
    });
  });

  it('posts a reply on the ticket channel to the customer', async () => {
    const { gorgias, server } = await connector((req) =>
      req.method === 'GET' ? { json: TICKET } : { status: 201, json: message(10, {}) },
    );
    expect(await gorgias.postReply('4242', 'Cancelled.', { asInternalNote: false })).toMatchObject({
      ok: true,
      messageId: '10',
    });
    expect(server.requests[1]!.json).toMatchObject({
      channel: 'email',
      public: true,
      receiver: { id: '77' },
      from_agent: true,
    });
  });

  it('keeps to 40 requests per 20 s on its own', async () => {
    const { gorgias, timing } = await connector(() => ({ json: { data: [], meta: { next_cursor: null } } }));
    for (let i = 0; i < 41; i++) await gorgias.testConnection();
    expect(timing.sleeps).toEqual([20_000]);
  });

  it('waits out a 429 using Retry-after and the call-limit header', async () => {
    let calls = 0;
    const { gorgias, timing } = await connector(() =>
      ++calls === 1
        ? {
            status: 429,
            headers: { 'retry-after': '5', 'x-gorgias-account-api-call-limit': '40/40' },
            json: { error: 'Too many requests' },
          }
        : { json: { data: [], meta: {} } },
    );
    expect(await gorgias.testConnection()).toEqual({
      ok: true,
      message: 'Connected to Gorgias as dana@acme.com.',
    });
    expect(timing.sleeps).toContain(5000);
  });

  it('lists open tickets assigned to the connected agent', async () => {
    const { gorgias } = await connector(() => ({
      json: {
        data: [
          TICKET,
          { ...TICKET, id: 5, assignee_user: { id: 9, email: 'other@acme.com' } },
          { ...TICKET, id: 6, status: 'closed' },
        ],
        meta: { next_cursor: null },
      },
    }));
    expect((await gorgias.listMyOpenTickets()).map((t) => t.id)).toEqual(['4242']);
  });

  it('recognises its ticket URLs', async () => {
    const { gorgias } = await connector(() => ({ json: {} }));
    expect(gorgias.ticketIdFromUrl('https://acme.gorgias.com/app/ticket/4242')).toBe('4242');
    expect(gorgias.ticketIdFromUrl('https://acme.gorgias.com/app/views/1')).toBeNull();
  });
});
