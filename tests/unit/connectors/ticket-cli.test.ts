import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/index';
import { SHOPIFY_API_VERSION } from '../../../src/main/connectors/shopify';
import { basic, startServer, type FakeServer, type Handler } from './fake-server';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(`tests/fixtures/connectors/${name}`, 'utf8'));

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function cli(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(['ticket', ...args], {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env,
    cwd: process.cwd(),
  });
  return { code, out, err };
}

const zendeskAndShopify: Handler = (req) => {
  if (req.path === '/api/v2/tickets/35436.json') return { json: fixture('zendesk-ticket.json') };
  if (req.path === '/api/v2/tickets/35436/comments.json') {
    return {
      json: fixture(req.query['page[after]'] ? 'zendesk-comments-page2.json' : 'zendesk-comments-page1.json'),
    };
  }
  if (req.path === `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`) {
    const query = (req.json as { query: string }).query;
    if (query.includes('TandemCustomerByEmail')) {
      return {
        json: {
          data: {
            customers: {
              nodes: [
                {
                  id: 'gid://shopify/Customer/1',
                  displayName: 'Jo Customer',
                  email: 'jo@example.com',
                  amountSpent: { amount: '980.00', currencyCode: 'EUR' },
                  numberOfOrders: '6',
                  tags: ['vip'],
                  emailMarketingConsent: { marketingState: 'NOT_SUBSCRIBED' },
                },
              ],
            },
          },
        },
      };
    }
    return { json: fixture('shopify-orders.json') };
  }
  return { status: 404, json: { error: 'RecordNotFound' } };
};

const ENV = {
  TANDEM_ZENDESK_EMAIL: 'dana@acme.com',
  TANDEM_ZENDESK_TOKEN: 'zd-token',
  TANDEM_SHOPIFY_TOKEN: 'shpat_x',
};

describe('cli ticket', () => {
  it('prints one JSON object with the ticket and its Shopify context', async () => {
    server = await startServer(zendeskAndShopify);
    const { code, out, err } = await cli(
      ['--connector', 'zendesk', '--base-url', server.url, '--id', '35436', '--store-url', server.url],
      ENV,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(out) as {
      ticket: unknown;
      analysis?: unknown;
      context: { customer: unknown; orders: Array<{ number: string }> };
    };
    expect(json.ticket).toEqual({
      id: '35436',
      subject: 'Where is my order #1002?',
      status: 'open',
      requester: { name: 'Jo Customer', email: 'jo@example.com' },
      tags: ['shipping', 'vip'],
      messages: [
        { role: 'customer', text: 'Where is my order #1002?', createdAt: '2026-11-20T09:00:00Z' },
        { role: 'agent', text: 'Hi Jo, your parcel is on its way.', createdAt: '2026-11-21T09:30:00Z' },
        { role: 'note', text: 'Customer is VIP, check with the carrier.', createdAt: '2026-11-22T10:00:00Z' },
        {
          role: 'customer',
          text: 'Still nothing. Order #1002 was promised for last week!',
          createdAt: '2026-11-23T16:10:00Z',
        },
      ],
    });
    expect(json.context.customer).toMatchObject({
      name: 'Jo Customer',
      lifetimeValue: 980,
      ordersCount: 6,
      tags: ['vip'],
      marketingConsent: false,
    });
    expect(json.context.orders.map((o) => o.number)).toEqual(['#1003', '#1002']);
    expect(json.analysis).toBeUndefined();
    const zendeskCalls = server.requests.filter((r) => r.path.startsWith('/api/v2'));
    expect(
      zendeskCalls.every((r) => r.headers.authorization === basic('dana@acme.com/token', 'zd-token')),
    ).toBe(true);
    expect(
      server.requests
        .filter((r) => r.path.includes('graphql'))
        .every((r) => r.headers['x-shopify-access-token'] === 'shpat_x'),
    ).toBe(true);
  });

  it('fails with the plain reason and a non-zero code when the ticket is gone', async () => {
    server = await startServer(zendeskAndShopify);
    const { code, out, err } = await cli(
      ['--connector', 'zendesk', '--base-url', server.url, '--id', '999'],
      ENV,
    );
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('Zendesk ticket #999 was not found. It may have been deleted or merged.\n');
  });

  it('names the missing environment variable', async () => {
    server = await startServer(zendeskAndShopify);
    const { code, err } = await cli(['--connector', 'freshdesk', '--base-url', server.url, '--id', '1'], {});
    expect(code).toBe(1);
    expect(err).toBe(
      'No API key is saved for Freshdesk (TANDEM_FRESHDESK_KEY). Set that environment variable and try again.\n',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('works with Help Scout credentials from the environment', async () => {
    server = await startServer((req) => {
      if (req.path === '/v2/oauth2/token')
        return { json: { token_type: 'bearer', access_token: 'hs', expires_in: 7200 } };
      if (req.path === '/v2/conversations/5')
        return {
          json: {
            id: 5,
            number: 2,
            subject: 'Hi',
            status: 'active',
            createdAt: '2026-11-23T00:00:00Z',
            primaryCustomer: { id: 1, first: 'Ana', email: 'ana@example.com' },
          },
        };
      return {
        json: {
          _embedded: {
            threads: [
              {
                id: 1,
                type: 'customer',
                body: '<p>Hello</p>',
                createdAt: '2026-11-23T00:00:00Z',
                createdBy: { type: 'customer' },
              },
            ],
          },
          page: { number: 1, totalPages: 1, totalElements: 1 },
        },
      };
    });
    const { code, out } = await cli(['--connector', 'helpscout', '--base-url', server.url, '--id', '5'], {
      TANDEM_HELPSCOUT_ID: 'i',
      TANDEM_HELPSCOUT_SECRET: 's',
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).ticket.messages).toEqual([
      { role: 'customer', text: 'Hello', createdAt: '2026-11-23T00:00:00Z' },
    ]);
  });

  it('rejects missing or unknown options with usage', async () => {
    expect((await cli(['--connector', 'kayako', '--base-url', 'http://x', '--id', '1'], {})).code).toBe(2);
    expect((await cli(['--id', '1'], {})).err).toMatch(/Usage: npm run -s cli -- ticket/);
    expect((await cli(['--bogus'], {})).code).toBe(2);
  });
});

describe('cli ticket --analyze', () => {
  it('analyses the latest customer message with the thread as history and the store context', async () => {
    server = await startServer(zendeskAndShopify);
    const { code, out, err } = await cli(
      [
        '--connector',
        'zendesk',
        '--base-url',
        server.url,
        '--id',
        '35436',
        '--store-url',
        server.url,
        '--analyze',
      ],
      ENV,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { analysis: Record<string, unknown> };
    expect(json.analysis).toMatchObject({ isCustomerMessage: true, intent: { label: expect.any(String) } });
    expect(json.analysis).not.toHaveProperty('restore');
    expect(json.analysis).not.toHaveProperty('normalizedText');
    expect(String(json.analysis.redactedText)).toContain('1002');
  }, 60_000);
});
