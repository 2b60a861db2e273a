import { afterEach, describe, expect, it } from 'vitest';
import { HelpScoutConnector } from '../../../src/main/connectors/helpscout';
import { fakeTiming, secrets, startServer, type FakeServer, type Handler } from './fake-server';

const CONVERSATION = {
  id: 1200,
  number: 349,
  threads: 3,
  type: 'email',
  folderId: 11,
  status: 'active',
  state: 'published',
  subject: 'Refund for order #1003',
  preview: 'I want my money back',
  mailboxId: 85,
  assignee: { id: 256, type: 'user', first: 'Dana', last: 'Agent', email: 'dana@acme.com' },
  createdBy: { id: 12, type: 'customer', email: 'ana@example.com' },
  createdAt: '2026-11-20T10:00:00Z',
  userUpdatedAt: '2026-11-23T10:00:00Z',
  primaryCustomer: { id: 12, type: 'customer', first: 'Ana', last: 'Cliente', email: 'ana@example.com' },
  tags: [{ id: 9, color: '#929499', tag: 'refund' }],
  _links: { self: { href: 'https://api.helpscout.net/v2/conversations/1200' } },
};

function thread(id: number, type: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    type,
    status: 'active',
    state: 'published',
    body: `<div>thread ${id}</div>`,
    source: { type: 'email', via: type === 'customer' ? 'customer' : 'user' },
    createdBy:
      type === 'customer'
        ? { id: 12, type: 'customer', first: 'Ana', last: 'Cliente', email: 'ana@example.com' }
        : { id: 256, type: 'user', first: 'Dana', last: 'Agent' },
    createdAt: `2026-11-2${Math.min(3, id)}T10:00:00Z`,
    _embedded: { attachments: [] },
    ...extra,
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connector(
  handler: Handler,
  tokenReplies?: Array<{ access_token: string; expires_in: number }>,
) {
  const tokens = [...(tokenReplies ?? [{ access_token: 'tok-1', expires_in: 172800 }])];
  server = await startServer((req) => {
    if (req.path === '/v2/oauth2/token')
      return {
        json: { token_type: 'bearer', ...(tokens.shift() ?? { access_token: 'tok-x', expires_in: 172800 }) },
      };
    return handler(req);
  });
  const timing = fakeTiming();
  const helpscout = new HelpScoutConnector(
    {
      baseUrl: server.url,
      getSecret: secrets({ HS_ID: 'app-id', HS_SECRET: 'app-secret' }),
      timing,
      random: () => 0.5,
      maxRetries: 1,
      timeoutMs: 5000,
    },
    { clientIdSecret: 'HS_ID', clientSecretSecret: 'HS_SECRET' },
  );
  return { helpscout, server, timing };
}

describe('Help Scout connector', () => {
  it('gets a client-credentials token, then reads the conversation and its HAL-embedded threads', async () => {
    const { helpscout, server } = await connector((req) => {
      if (req.path === '/v2/conversations/1200')
        return { json: CONVERSATION, headers: { 'content-type': 'application/hal+json' } };
      return {
        json: {
          _embedded: {
            threads: [
              thread(3, 'note', { body: 'Approve? <b>VIP</b>' }),
              thread(2, 'lineitem', { action: { type: 'assigned', text: 'assigned to Dana' } }),
              thread(1, 'customer', {
                _embedded: { attachments: [{ id: 5, filename: 'receipt.png', mimeType: 'image/png' }] },
              }),
            ],
          },
          page: { size: 25, totalElements: 3, totalPages: 1, number: 1 },
        },
        headers: { 'content-type': 'application/hal+json' },
      };
    });
    const ticket = await helpscout.getTicket('1200');
    const [token, ...rest] = server.requests;
    expect(token).toMatchObject({ method: 'POST', path: '/v2/oauth2/token' });
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'app-id',
      client_secret: 'app-secret',
    });
    expect(rest.map((r) => [r.path, r.query, r.headers.authorization])).toEqual([
      ['/v2/conversations/1200', {}, 'Bearer tok-1'],
      ['/v2/conversations/1200/threads', { page: '1' }, 'Bearer tok-1'],
    ]);
    expect(ticket).toMatchObject({
      id: '1200',
      subject: 'Refund for order #1003',
      status: 'active',
      requester: { name: 'Ana Cliente', email: 'ana@example.com' },
      tags: ['refund'],
      url: 'https://secure.helpscout.net/conversation/1200/349',
      truncatedCount: 0,
    });
    expect(ticket.messages.map((m) => [m.role, m.text, m.attachments])).toEqual([
      ['customer', 'thread 1', ['receipt.png']],
      ['note', 'Approve? VIP', []],
    ]);
  });

  it('refreshes the token after a 401 and retries once', async () => {
    const { helpscout, server } = await connector(
      (req) =>
        req.headers.authorization === 'Bearer tok-1'
          ? { status: 401, json: { error: 'invalid_token' } }
          : { json: { id: 256, firstName: 'Dana', lastName: 'Agent', email: 'dana@acme.com' } },
      [
        { access_token: 'tok-1', expires_in: 172800 },
        { access_token: 'tok-2', expires_in: 172800 },
      ],
    );
    expect(await helpscout.testConnection()).toEqual({
      ok: true,
      message: 'Connected to Help Scout as Dana Agent (dana@acme.com).',
    });
    expect(server.requests.map((r) => r.path)).toEqual([
      '/v2/oauth2/token',
      '/v2/users/me',
      '/v2/oauth2/token',
      '/v2/users/me',
    ]);
  });

  it('refreshes the token when it expires', async () => {
    const { helpscout, server, timing } = await connector(
      () => ({ json: { id: 1, email: 'dana@acme.com' } }),
      [
        { access_token: 'tok-1', expires_in: 120 },
        { access_token: 'tok-2', expires_in: 120 },
      ],
    );
    await helpscout.testConnection();
    await timing.sleep(61_000);
    await helpscout.testConnection();
    expect(server.requests.filter((r) => r.path === '/v2/oauth2/token')).toHaveLength(2);
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer tok-2');
  });

  it('says so when the app id or secret is wrong', async () => {
    server = await startServer(() => ({ status: 401, json: { error: 'invalid_client' } }));
    const helpscout = new HelpScoutConnector(
      { baseUrl: server.url, getSecret: secrets({ HS_ID: 'a', HS_SECRET: 'b' }), timing: fakeTiming() },
      { clientIdSecret: 'HS_ID', clientSecretSecret: 'HS_SECRET' },
    );
    expect(await helpscout.testConnection()).toEqual({
      ok: false,
      code: 'unauthorized',
      message: 'Help Scout rejected the app ID or secret. Re-authenticate the connection in Settings.',
    });
  });

  it('posts a draft reply to the primary customer and a note, writes counting double', async () => {
    const { helpscout, server } = await connector((req) =>
      req.method === 'GET' ? { json: CONVERSATION } : { status: 201, headers: { 'resource-id': '777' } },
    );
    expect(await helpscout.postReply('1200', 'Refund sent.', { asInternalNote: false, draft: true })).toEqual(
      { ok: true, messageId: '777', asInternalNote: false },
    );
    expect(await helpscout.postReply('1200', 'Done', { asInternalNote: true })).toEqual({
      ok: true,
      messageId: '777',
      asInternalNote: true,
    });
    const writes = server.requests.filter((r) => r.method === 'POST' && r.path !== '/v2/oauth2/token');
    expect(writes.map((r) => [r.path, r.json])).toEqual([
      ['/v2/conversations/1200/reply', { customer: { id: '12' }, text: 'Refund sent.', draft: true }],
      ['/v2/conversations/1200/notes', { text: 'Done' }],
    ]);
  });

  it('reads newest-first thread pages only until the latest turns are in, with an exact left-out count', async () => {
    const { helpscout, server } = await connector((req) => {
      if (req.path === '/v2/conversations/1200') return { json: CONVERSATION };
      const page = Number(req.query.page);
      const threads = Array.from({ length: 25 }, (_, i) => {
        const n = 5000 - (page - 1) * 25 - i;
        return {
          ...thread(n, n % 2 ? 'customer' : 'message'),
          body: `t${n}`,
          createdAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
        };
      });
      return {
        json: {
          _embedded: { threads },
          page: { size: 25, totalElements: 5000, totalPages: 200, number: page },
        },
      };
    });
    const ticket = await helpscout.getTicket('1200');
    expect(server.requests.filter((r) => r.path.endsWith('/threads'))).toHaveLength(2);
    expect(ticket.messages).toHaveLength(50);
    expect(ticket.messages.at(-1)!.text).toBe('t5000');
    expect(ticket.truncatedCount).toBe(4950);
  });

  it('counts writes double against the per-minute budget', async () => {
    const { helpscout, timing } = await connector(() => ({ status: 201, headers: { 'resource-id': '1' } }));
    for (let i = 0; i < 101; i++) await helpscout.postReply('1200', 'n', { asInternalNote: true });
    expect(timing.sleeps).toHaveLength(1);
    expect(timing.sleeps[0]).toBeGreaterThan(59_000);
  });

  it('lists open conversations assigned to the connected user, most recently modified first', async () => {
    const { helpscout, server } = await connector((req) =>
      req.path === '/v2/users/me'
        ? { json: { id: 256, firstName: 'Dana', lastName: 'Agent', email: 'dana@acme.com' } }
        : {
            json: {
              _embedded: { conversations: [CONVERSATION] },
              page: { size: 25, totalElements: 1, totalPages: 1, number: 1 },
            },
          },
    );
    const list = await helpscout.listMyOpenTickets();
    expect(server.requests.at(-1)).toMatchObject({
      path: '/v2/conversations',
      query: { assigned_to: '256', status: 'open', sortField: 'modifiedAt', sortOrder: 'desc' },
    });
    expect(list).toEqual([
      {
        id: '1200',
        subject: 'Refund for order #1003',
        status: 'active',
        requesterName: 'Ana Cliente',
        updatedAt: '2026-11-23T10:00:00Z',
        url: 'https://secure.helpscout.net/conversation/1200/349',
      },
    ]);
  });

  it('recognises conversation URLs', async () => {
    const { helpscout } = await connector(() => ({ json: {} }));
    expect(helpscout.ticketIdFromUrl('https://secure.helpscout.net/conversation/1200/349?folderId=1')).toBe(
      '1200',
    );
    expect(helpscout.ticketIdFromUrl('https://secure.helpscout.net/mailbox/85')).toBeNull();
  });
});
