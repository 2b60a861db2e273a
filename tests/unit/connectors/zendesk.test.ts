import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ZendeskConnector } from '../../../src/main/connectors/zendesk';
import {
  basic,
  fakeTiming,
  secrets,
  startServer,
  type FakeServer,
  type Handler,
  type Reply,
} from './fake-server';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(`tests/fixtures/connectors/${name}`, 'utf8'));
const AUTH = basic('dana@acme.com/token', 'zd-token');

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connector(handler: Handler, extra: { keepLatest?: number; maxPages?: number } = {}) {
  server = await startServer(handler);
  const timing = fakeTiming();
  const zendesk = new ZendeskConnector(
    {
      baseUrl: server.url,
      getSecret: secrets({ ZD_EMAIL: 'dana@acme.com', ZD_TOKEN: 'zd-token' }),
      timing,
      random: () => 0.5,
      timeoutMs: 5000,
      maxRetries: 2,
      ...extra,
    },
    { type: 'token', emailSecret: 'ZD_EMAIL', tokenSecret: 'ZD_TOKEN' },
  );
  return { zendesk, server, timing };
}

const standard: Handler = (req) => {
  if (req.path === '/api/v2/tickets/35436.json') return { json: fixture('zendesk-ticket.json') };
  if (req.path === '/api/v2/tickets/35436/comments.json') {
    return {
      json: fixture(
        req.query['page[after]'] === 'xxx-page-2'
          ? 'zendesk-comments-page2.json'
          : 'zendesk-comments-page1.json',
      ),
    };
  }
  return { status: 404, json: { error: 'InvalidEndpoint' } };
};

describe('Zendesk connector', () => {
  it('loads a ticket across comment pages, oldest first, with roles, notes, HTML converted and attachments', async () => {
    const { zendesk, server } = await connector(standard);
    const ticket = await zendesk.getTicket('35436');
    expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/api/v2/tickets/35436.json', { include: 'users' }],
      [
        'GET',
        '/api/v2/tickets/35436/comments.json',
        { 'page[size]': '100', sort: '-created_at', include: 'users' },
      ],
      [
        'GET',
        '/api/v2/tickets/35436/comments.json',
        { 'page[size]': '100', sort: '-created_at', include: 'users', 'page[after]': 'xxx-page-2' },
      ],
    ]);
    expect(server.requests.every((r) => r.headers.authorization === AUTH)).toBe(true);
    expect(ticket).toMatchObject({
      kind: 'zendesk',
      id: '35436',
      subject: 'Where is my order #1002?',
      status: 'open',
      requester: { name: 'Jo Customer', email: 'jo@example.com' },
      tags: ['shipping', 'vip'],
      truncatedCount: 0,
      updatedAt: '2026-11-23T16:10:00Z',
      url: `${server.url}/agent/tickets/35436`,
    });
    expect(ticket.messages.map((m) => [m.id, m.role, m.text, m.attachments])).toEqual([
      ['1271', 'customer', 'Where is my order #1002?', []],
      ['1272', 'agent', 'Hi Jo, your parcel is on its way.', []],
      ['1273', 'note', 'Customer is VIP, check with the carrier.', []],
      ['1274', 'customer', 'Still nothing. Order #1002 was promised for last week!', ['screenshot.png']],
    ]);
  });

  it('converts HTML when no plain body is sent', async () => {
    const { zendesk } = await connector((req) => {
      if (req.path.endsWith('35436.json')) return { json: fixture('zendesk-ticket.json') };
      return {
        json: {
          comments: [
            {
              id: 1,
              author_id: 235323,
              html_body: '<p>Hi Jo,</p><p>on its way &amp; soon.</p>',
              public: true,
              created_at: '2026-11-21T09:30:00Z',
            },
          ],
          meta: { has_more: false },
        },
      };
    });
    const ticket = await zendesk.getTicket('35436');
    expect(ticket.messages[0]!.text).toBe('Hi Jo,\n\non its way & soon.');
  });

  it('keeps ids above 2^53 exact', async () => {
    const { zendesk } = await connector((req) => {
      if (req.path.endsWith('.json') && !req.path.includes('comments')) {
        return {
          text: '{"ticket":{"id":9007199254740993,"subject":"Big","status":"new","requester_id":9007199254740995,"tags":[],"updated_at":"2026-11-23T16:10:00Z"},"users":[{"id":9007199254740995,"name":"Big Id","email":"b@example.com","role":"end-user"}]}',
          headers: { 'content-type': 'application/json' },
        };
      }
      return {
        text: '{"comments":[{"id":12345678901234567890,"author_id":9007199254740995,"body":"hello","public":true,"created_at":"2026-11-23T16:10:00Z"}],"meta":{"has_more":false}}',
        headers: { 'content-type': 'application/json' },
      };
    });
    const ticket = await zendesk.getTicket('9007199254740993');
    expect(ticket.id).toBe('9007199254740993');
    expect(ticket.messages[0]).toMatchObject({ id: '12345678901234567890', role: 'customer' });
    expect(ticket.requester.name).toBe('Big Id');
  });

  it('reads a 5,000-comment ticket within a bound and reports how many older turns were left out', async () => {
    const total = 5000;
    const { zendesk, server } = await connector(
      (req) => {
        if (req.path === '/api/v2/tickets/35436.json') return { json: fixture('zendesk-ticket.json') };
        if (req.path.endsWith('/comments/count.json'))
          return { json: { count: { value: total, refreshed_at: '2026-11-23T16:10:00Z' } } };
        const page = Number(req.query['page[after]'] ?? '0');
        const comments = Array.from({ length: 100 }, (_, i) => {
          const n = total - page * 100 - i;
          return {
            id: n,
            author_id: n % 2 ? 20978392 : 235323,
            body: `message ${n}`,
            public: true,
            created_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
          };
        });
        return { json: { comments, meta: { has_more: true, after_cursor: String(page + 1) } } };
      },
      { keepLatest: 150 },
    );
    const ticket = await zendesk.getTicket('35436');
    expect(ticket.messages).toHaveLength(150);
    expect(ticket.messages.at(-1)!.text).toBe('message 5000');
    expect(ticket.messages[0]!.text).toBe('message 4851');
    expect(ticket.truncatedCount).toBe(4850);
    expect(server.requests.filter((r) => r.path.endsWith('/comments.json'))).toHaveLength(2);
  });

  it('stops when the cursor repeats', async () => {
    const { zendesk, server } = await connector((req) => {
      if (req.path === '/api/v2/tickets/35436.json') return { json: fixture('zendesk-ticket.json') };
      if (req.path.endsWith('/count.json')) return { status: 404, json: {} };
      return {
        json: {
          comments: [
            {
              id: Number(server!.requests.length),
              author_id: 20978392,
              body: 'again',
              public: true,
              created_at: '2026-11-23T16:10:00Z',
            },
          ],
          meta: { has_more: true, after_cursor: 'same' },
        },
      };
    });
    const ticket = await zendesk.getTicket('35436');
    expect(server.requests.filter((r) => r.path.endsWith('/comments.json'))).toHaveLength(2);
    expect(ticket.messages).toHaveLength(2);
  });

  it('says plainly when the ticket was deleted (404)', async () => {
    const { zendesk } = await connector(() => ({
      status: 404,
      json: { error: 'RecordNotFound', description: 'Not found' },
    }));
    await expect(zendesk.getTicket('77')).rejects.toMatchObject({
      code: 'not_found',
      message: 'Zendesk ticket #77 was not found. It may have been deleted or merged.',
    });
  });

  it('posts an internal note as a ticket update with a private comment', async () => {
    const { zendesk, server } = await connector(() => ({
      json: {
        ticket: { id: 35436 },
        audit: { id: 9, events: [{ id: 5551, type: 'Comment', public: false }] },
      },
    }));
    const result = await zendesk.postReply('35436', 'Refund approved.\nSee order #1002.', {
      asInternalNote: true,
    });
    expect(result).toEqual({ ok: true, messageId: '5551', asInternalNote: true });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'PUT', path: '/api/v2/tickets/35436.json' });
    expect(req!.headers.authorization).toBe(AUTH);
    expect(req!.json).toEqual({
      ticket: { comment: { body: 'Refund approved.\nSee order #1002.', public: false } },
    });
  });

  it('posts a public reply, and a failed post returns the reason without retrying the write', async () => {
    const { zendesk, server } = await connector((req) =>
      req.json && (req.json as { ticket: { comment: { public: boolean } } }).ticket.comment.public
        ? { status: 503, text: '<html>down</html>', headers: { 'content-type': 'text/html' } }
        : { json: {} },
    );
    const result = await zendesk.postReply('35436', 'Hello', { asInternalNote: false });
    expect(result).toEqual({
      ok: false,
      code: 'server_error',
      message: 'Zendesk had a server problem (503) and sent an error page. Try again shortly.',
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.json).toEqual({ ticket: { comment: { body: 'Hello', public: true } } });
  });

  it('refuses to post an empty reply without calling the helpdesk', async () => {
    const { zendesk, server } = await connector(() => ({ json: {} }));
    expect(await zendesk.postReply('35436', '  \n ', { asInternalNote: false })).toEqual({
      ok: false,
      code: 'bad_request',
      message: 'Nothing was posted to Zendesk: the reply is empty.',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('lists my open tickets most recently updated first via search', async () => {
    const { zendesk, server } = await connector(() => ({
      json: {
        results: [
          {
            id: 2,
            subject: 'B',
            status: 'open',
            requester_id: 7,
            updated_at: '2026-11-23T10:00:00Z',
            result_type: 'ticket',
          },
        ],
        users: [{ id: 7, name: 'Jo', email: 'jo@example.com', role: 'end-user' }],
        next_page: null,
        count: 1,
      },
    }));
    const list = await zendesk.listMyOpenTickets();
    expect(server.requests[0]).toMatchObject({
      path: '/api/v2/search.json',
      query: {
        query: 'type:ticket assignee:me status<solved',
        sort_by: 'updated_at',
        sort_order: 'desc',
        include: 'users',
      },
    });
    expect(list).toEqual([
      {
        id: '2',
        subject: 'B',
        status: 'open',
        requesterName: 'Jo',
        updatedAt: '2026-11-23T10:00:00Z',
        url: `${server.url}/agent/tickets/2`,
      },
    ]);
  });

  it('tests the connection and treats an anonymous answer as bad credentials', async () => {
    let anonymous = false;
    const { zendesk } = await connector(() => ({
      json: {
        user: anonymous
          ? { id: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user' }
          : { id: 235323, name: 'Dana Agent', email: 'dana@acme.com', role: 'agent' },
      },
    }));
    expect(await zendesk.testConnection()).toEqual({
      ok: true,
      message: 'Connected to Zendesk as Dana Agent (dana@acme.com).',
    });
    anonymous = true;
    expect(await zendesk.testConnection()).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('reports a missing token as a settings problem without calling the server', async () => {
    server = await startServer(() => ({ json: {} }));
    const zendesk = new ZendeskConnector(
      { baseUrl: server.url, getSecret: secrets({}), timing: fakeTiming() },
      { type: 'oauth', tokenSecret: 'ZD_OAUTH' },
    );
    await expect(zendesk.getTicket('1')).rejects.toMatchObject({ code: 'config' });
    expect(server.requests).toHaveLength(0);
  });

  it('pauses when the per-minute headers say the account has no requests left', async () => {
    const { zendesk, timing } = await connector((req) => {
      const reply = standard(req) as Reply;
      return 'json' in reply && req.path.endsWith('35436.json')
        ? {
            ...reply,
            headers: { 'x-rate-limit': '700', 'x-rate-limit-remaining': '0', 'ratelimit-reset': '41' },
          }
        : reply;
    });
    await zendesk.getTicket('35436');
    expect(timing.sleeps).toEqual([41_000]);
  });

  it('recognises its ticket URLs only', async () => {
    const { zendesk } = await connector(standard);
    expect(zendesk.ticketIdFromUrl('https://acme.zendesk.com/agent/tickets/35436')).toBe('35436');
    expect(zendesk.ticketIdFromUrl(`${server!.url}/agent/tickets/12?x=1`)).toBe('12');
    expect(zendesk.ticketIdFromUrl('https://acme.freshdesk.com/a/tickets/12')).toBeNull();
    expect(zendesk.ticketIdFromUrl('not a url')).toBeNull();
  });

  it('caches a ticket briefly and drops the cache after posting', async () => {
    const { zendesk, server } = await connector((req) =>
      req.method === 'PUT' ? { json: {} } : standard(req),
    );
    await zendesk.getTicket('35436');
    await zendesk.getTicket('35436');
    expect(server.requests).toHaveLength(3);
    await zendesk.postReply('35436', 'ok', { asInternalNote: true });
    await zendesk.getTicket('35436');
    expect(server.requests).toHaveLength(7);
  });
});
