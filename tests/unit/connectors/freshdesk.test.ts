import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FreshdeskConnector } from '../../../src/main/connectors/freshdesk';
import { basic, fakeTiming, secrets, startServer, type FakeServer, type Handler } from './fake-server';

const TICKET = JSON.parse(readFileSync('tests/fixtures/connectors/freshdesk-ticket.json', 'utf8')) as unknown;
const AUTH = basic('fd-key', 'X');

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connector(handler: Handler, extra: { keepLatest?: number; maxPages?: number } = {}) {
  server = await startServer(handler);
  const freshdesk = new FreshdeskConnector(
    {
      baseUrl: server.url,
      getSecret: secrets({ FD_KEY: 'fd-key' }),
      timing: fakeTiming(),
      random: () => 0.5,
      maxRetries: 1,
      timeoutMs: 5000,
      ...extra,
    },
    'FD_KEY',
  );
  return { freshdesk, server };
}

function conversation(id: number, extra: Record<string, unknown>) {
  return {
    id,
    body: `<div>body ${id}</div>`,
    body_text: `body ${id}`,
    incoming: false,
    private: false,
    user_id: 6001,
    support_email: 'help@acme.com',
    source: 0,
    category: 2,
    ticket_id: 20,
    to_emails: ['sam@example.com'],
    from_email: 'help@acme.com',
    cc_emails: [],
    bcc_emails: null,
    attachments: [],
    created_at: `2026-11-23T0${Math.min(9, id % 10)}:30:00Z`,
    updated_at: '2026-11-22T09:30:00Z',
    ...extra,
  };
}

describe('Freshdesk connector', () => {
  it('loads the description as the first message and pages conversations via the Link header', async () => {
    const { freshdesk, server } = await connector((req) => {
      if (req.path === '/api/v2/tickets/20') return { json: TICKET };
      if (req.query.page === '1') {
        return {
          json: [
            conversation(1, { private: true, body_text: 'Offer a replacement.' }),
            conversation(2, { body_text: 'Sorry Sam, a new one is coming.' }),
          ],
          headers: {
            link: `<${server!.url}/api/v2/tickets/20/conversations?page=2&per_page=100>; rel="next"`,
          },
        };
      }
      return {
        json: [
          conversation(3, {
            incoming: true,
            user_id: 5001,
            body_text: null,
            body: '<p>Thanks &amp; bye</p>',
            attachments: [{ name: 'receipt.pdf' }],
          }),
        ],
      };
    });
    const ticket = await freshdesk.getTicket('20');
    expect(server.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization])).toEqual([
      ['GET', '/api/v2/tickets/20', { include: 'requester' }, AUTH],
      ['GET', '/api/v2/tickets/20/conversations', { page: '1', per_page: '100' }, AUTH],
      ['GET', '/api/v2/tickets/20/conversations', { page: '2', per_page: '100' }, AUTH],
    ]);
    expect(ticket).toMatchObject({
      id: '20',
      subject: 'Damaged mug in order #2041',
      status: 'open',
      requester: { name: 'Sam Buyer', email: 'sam@example.com' },
      tags: ['damaged'],
      truncatedCount: 0,
      url: `${server.url}/a/tickets/20`,
    });
    expect(ticket.messages.map((m) => [m.role, m.text, m.attachments])).toEqual([
      ['customer', 'The mug arrived broken. Photo attached.', ['broken-mug.jpg']],
      ['note', 'Offer a replacement.', []],
      ['agent', 'Sorry Sam, a new one is coming.', []],
      ['customer', 'Thanks & bye', ['receipt.pdf']],
    ]);
  });

  it('reads only the tail of a 5,000-conversation ticket, with an exact left-out count', async () => {
    const total = 5000;
    const { freshdesk, server } = await connector(
      (req) => {
        if (req.path === '/api/v2/tickets/20') return { json: TICKET };
        const page = Number(req.query.page);
        const from = (page - 1) * 100;
        const count = Math.max(0, Math.min(100, total - from));
        const json = Array.from({ length: count }, (_, i) => ({
          ...conversation(from + i, {}),
          created_at: new Date(Date.UTC(2026, 10, 23) + (from + i) * 1000).toISOString(),
        }));
        const headers: Record<string, string> =
          from + count < total ? { link: `<${server!.url}/x?page=${page + 1}>; rel="next"` } : {};
        return { json, headers };
      },
      { keepLatest: 50 },
    );
    const ticket = await freshdesk.getTicket('20');
    const pagesRead = server.requests
      .filter((r) => r.path.endsWith('/conversations'))
      .map((r) => Number(r.query.page));
    expect(pagesRead.length).toBeLessThanOrEqual(14);
    expect(pagesRead).toContain(50);
    expect(ticket.messages).toHaveLength(50);
    expect(ticket.messages.at(-1)!.text).toBe('body 4999');
    expect(ticket.messages[0]!.text).toBe('body 4950');
    expect(ticket.truncatedCount).toBe(4951);
  });

  it('stays within the request bound when the server always claims a next page', async () => {
    const { freshdesk, server } = await connector(
      (req) => {
        if (req.path === '/api/v2/tickets/20') return { json: TICKET };
        const page = Number(req.query.page);
        return {
          json: Array.from({ length: 100 }, (_, i) => ({
            ...conversation(page * 100 + i, {}),
            created_at: new Date(Date.UTC(2026, 10, 23) + (page * 100 + i) * 1000).toISOString(),
          })),
          headers: { link: '<x>; rel="next"' },
        };
      },
      { maxPages: 5, keepLatest: 20 },
    );
    const ticket = await freshdesk.getTicket('20');
    expect(server.requests.length).toBeLessThanOrEqual(6);
    expect(ticket.messages).toHaveLength(20);
    expect(ticket.truncatedCount).toBeGreaterThan(0);
  });

  it('posts a reply to /reply and a private note to /notes', async () => {
    const { freshdesk, server } = await connector(() => ({
      status: 201,
      json: { id: 900, body: '', private: true },
    }));
    expect(await freshdesk.postReply('20', 'Hi <Sam>\n\nThanks', { asInternalNote: false })).toEqual({
      ok: true,
      messageId: '900',
      asInternalNote: false,
    });
    expect(await freshdesk.postReply('20', 'check stock', { asInternalNote: true })).toEqual({
      ok: true,
      messageId: '900',
      asInternalNote: true,
    });
    expect(server.requests.map((r) => [r.method, r.path, r.json])).toEqual([
      ['POST', '/api/v2/tickets/20/reply', { body: '<p>Hi &lt;Sam&gt;</p><p>Thanks</p>' }],
      ['POST', '/api/v2/tickets/20/notes', { body: '<p>check stock</p>', private: true }],
    ]);
  });

  it('lists my open tickets with the documented filter', async () => {
    const { freshdesk, server } = await connector(() => ({ json: [TICKET] }));
    const list = await freshdesk.listMyOpenTickets();
    expect(server.requests[0]!.query).toEqual({
      filter: 'new_and_my_open',
      order_by: 'updated_at',
      order_type: 'desc',
      per_page: '100',
      include: 'requester',
    });
    expect(list[0]).toMatchObject({ id: '20', status: 'open', requesterName: 'Sam Buyer' });
  });

  it('explains a validation error from the API', async () => {
    const { freshdesk } = await connector(() => ({
      status: 400,
      json: {
        description: 'Validation failed',
        errors: [{ field: 'body', message: 'It should not be blank', code: 'missing_field' }],
      },
    }));
    expect(await freshdesk.postReply('20', 'x', { asInternalNote: false })).toEqual({
      ok: false,
      code: 'bad_request',
      message: 'Freshdesk did not accept the request (400): Validation failed.',
    });
  });

  it('recognises agent and portal ticket URLs', async () => {
    const { freshdesk } = await connector(() => ({ json: {} }));
    expect(freshdesk.ticketIdFromUrl('https://acme.freshdesk.com/a/tickets/20')).toBe('20');
    expect(freshdesk.ticketIdFromUrl('https://acme.freshdesk.com/helpdesk/tickets/21')).toBe('21');
    expect(freshdesk.ticketIdFromUrl('https://acme.zendesk.com/agent/tickets/20')).toBeNull();
  });
});
